"""Settings for the test suite: fast hashing, captured mail, tasks run immediately."""

from __future__ import annotations

from cortesia.settings import *  # noqa: F403
from cortesia.settings import TASKS

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {**TASKS, "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WHITENOISE_AUTOREFRESH = True
# Tests that scan start their own fake clamd; a developer's clamd is never used.
CORTESIA_CLAMD_SOCKET = CORTESIA_CLAMD_ADDRESS = ""
# Tests change data between questions: every question is answered afresh.
CORTESIA_REPORT_CACHE_SECONDS = 0
