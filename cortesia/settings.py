"""Cortesia's one settings module, read from ``CORTESIA_*`` environment variables.

Every variable is documented in docs/configuration.md. Bad values stop start-up with an
error that names the variable.
"""

from __future__ import annotations

import secrets
import zoneinfo
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from cortesia.lib.clamd import clamd_address
from cortesia.lib.database_url import database_from_url, sqlite_database
from cortesia.lib.env import (
    EnvError,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("CORTESIA_DATA_DIR", "var")).resolve()

DEBUG = env_bool("CORTESIA_DEBUG", False)
HTTPS = env_bool("CORTESIA_HTTPS", False)


def _secret_key() -> str:
    configured = env_secret("CORTESIA_SECRET_KEY")
    if configured is not None:
        if len(configured) < 50 or len(set(configured)) < 5:
            raise EnvError("CORTESIA_SECRET_KEY must be at least 50 varied characters long.")
        return configured
    # A self-hosted instance without a configured key keeps a generated one in its data
    # folder, so sessions survive restarts without anyone having to invent a key.
    key_file = DATA_DIR / "secret_key"
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
# Earlier keys, still accepted for sessions, signed links and sealed mailbox passwords.
SECRET_KEY_FALLBACKS = env_list("CORTESIA_SECRET_KEY_FALLBACKS", [])
PORT = env_int("CORTESIA_PORT", 8000, minimum=1, maximum=65535)
# The address people use to reach Cortesia, for links in mails sent in the background.
# Without it, the local address on the port served on (so the demo's links work on any port).
BASE_URL = env_str("CORTESIA_BASE_URL", f"http://127.0.0.1:{PORT}").rstrip("/")
if not BASE_URL.startswith(("http://", "https://")):
    raise EnvError("CORTESIA_BASE_URL must start with http:// or https://.")
# Live chat streams are served by a process of their own (`cortesia stream`, started by
# `cortesia serve`) on this port; browsers reach it at STREAM_URL: by default the same host
# as BASE_URL on that port, else the address a proxy routes /chat/stream/ from.
STREAM_PORT = env_int("CORTESIA_STREAM_PORT", PORT + 1 if PORT < 65535 else PORT - 1)
_base = urlsplit(BASE_URL)
STREAM_URL = env_str(
    "CORTESIA_STREAM_URL", f"{_base.scheme}://{_base.hostname}:{STREAM_PORT}"
).rstrip("/")
if not STREAM_URL.startswith(("http://", "https://")):
    raise EnvError("CORTESIA_STREAM_URL must start with http:// or https://.")
# The messaging providers' APIs (WhatsApp Cloud API with its Graph version, Telegram Bot
# API). Only a test or a proxy in front of them changes these.
CORTESIA_WHATSAPP_API_URL = env_str(
    "CORTESIA_WHATSAPP_API_URL", "https://graph.facebook.com/v21.0"
).rstrip("/")
CORTESIA_TELEGRAM_API_URL = env_str("CORTESIA_TELEGRAM_API_URL", "https://api.telegram.org").rstrip(
    "/"
)
ALLOWED_HOSTS = env_list("CORTESIA_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CORTESIA_CSRF_TRUSTED_ORIGINS", [])
TRUSTED_PROXIES = env_list("CORTESIA_TRUSTED_PROXIES", [])
BIND_HOST = env_str("CORTESIA_HOST", "127.0.0.1")
WEB_WORKERS = env_int("CORTESIA_WEB_WORKERS", 2, minimum=1, maximum=64)
WEB_THREADS = env_int("CORTESIA_WEB_THREADS", 4, minimum=1, maximum=64)
# The answer bot's optional writer (knowledge.phrasing): a class path, empty for none.
ANSWER_PHRASER = env_str("CORTESIA_ANSWER_PHRASER", "")

INSTALLED_APPS = [
    "cortesia.core",
    "cortesia.accounts",
    "cortesia.calendars",
    "cortesia.customers",
    "cortesia.tickets",
    "cortesia.mail",
    "cortesia.notifications",
    "cortesia.webhooks",
    "cortesia.automations",
    "cortesia.feedback",
    "cortesia.reports",
    "cortesia.chat",
    "cortesia.messaging",
    "cortesia.knowledge",
    "cortesia.portal",
    "cortesia.sla",
    "cortesia.audit",
    "cortesia.localization",
    "cortesia.ops",
    "cortesia.accounts.admin_apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cortesia.core.middleware.ClientIpMiddleware",
    "cortesia.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cortesia.localization.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cortesia.localization.middleware.UserPreferencesMiddleware",
    "cortesia.core.middleware.RequestInputMiddleware",
    "cortesia.core.middleware.StaffLoginRequiredMiddleware",
    "cortesia.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "cortesia.accounts.api_auth.ApiTokenMiddleware",
    "cortesia.core.middleware.WriteTransactionMiddleware",
]

# Django's cookie-then-session storage, built only by requests that use messages.
MESSAGE_STORAGE = "cortesia.core.message_storage.DeferredFallbackStorage"

ROOT_URLCONF = "cortesia.urls"
WSGI_APPLICATION = "cortesia.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cortesia" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cortesia.localization.context_processors.languages",
                "cortesia.accounts.context_processors.staff_permissions",
            ],
        },
    }
]

_database_url = env_str("CORTESIA_DATABASE_URL", "")
DATABASES: dict[str, dict[str, Any]] = {
    "default": database_from_url(_database_url)
    if _database_url
    else sqlite_database(DATA_DIR / "cortesia.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("CORTESIA_REDIS_URL", "")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise EnvError("CORTESIA_REDIS_URL must start with redis://, rediss:// or unix://.")

if REDIS_URL:
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    TASKS: dict[str, dict[str, Any]] = {
        "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
    }
    CACHES: dict[str, dict[str, Any]] = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    # Sessions read from the shared cache, written through to the database: a page saves
    # its session query. Only with a cache every process shares: with one cache per
    # process, a session ended in one process would live on in the others' caches.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 3600

LANGUAGES = [
    ("en", _("English")),
    ("it", _("Italian")),
    ("fi", _("Finnish")),
    ("bg", _("Bulgarian")),
    ("ro", _("Romanian")),
    ("ar", _("Arabic")),
]
LANGUAGE_CODE = env_choice("CORTESIA_LANGUAGE", "en", tuple(code for code, _name in LANGUAGES))
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["cortesia.localization.formats"]
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = env_str("CORTESIA_TIME_ZONE", "UTC")
if TIME_ZONE not in zoneinfo.available_timezones():
    raise EnvError(f"CORTESIA_TIME_ZONE must be an IANA time zone name; got {TIME_ZONE!r}.")
LANGUAGE_COOKIE_NAME = "cortesia_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "cortesia" / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"
# Covering indexes (INCLUDE) serve PostgreSQL; on SQLite the same index simply has fewer
# columns, which is intended.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
# Jobs every task worker runs on a timer (dotted path, seconds between runs).
CORTESIA_PERIODIC_JOBS: list[tuple[str, float]] = [
    ("cortesia.tickets.sla_scanner.sla_scan", 30.0),
    ("cortesia.tickets.shift_end.return_off_shift_tickets", 60.0),
    ("cortesia.tickets.attachments.attachments_sweep", 3600.0),
    ("cortesia.tickets.replies.reply_submissions_sweep", 3600.0),
    ("cortesia.mail.sending.outbound_drain", 30.0),
    ("cortesia.mail.imap.imap_poll_all", 60.0),
    ("cortesia.notifications.scanning.unassigned_scan", 60.0),
    ("cortesia.notifications.mailing.notification_mail_sweep", 60.0),
    ("cortesia.webhooks.delivery.deliveries_periodic", 30.0),
    ("cortesia.automations.scanning.automations_scan", 3600.0),
    ("cortesia.feedback.dispatch.feedback_periodic", 30.0),
    ("cortesia.reports.weekly.weekly_reports_send", 300.0),
    ("cortesia.reports.upkeep.stale_facts_refresh", 10.0),
    ("cortesia.chat.queue.chat_queue_run", 10.0),
    ("cortesia.messaging.processing.deliveries_periodic", 10.0),
    ("cortesia.messaging.outbox.outbox_periodic", 10.0),
]
# Hosts (names) and networks (CIDR, or one address) webhooks may reach although they are
# private, loopback or otherwise reserved. Empty: only public addresses.
CORTESIA_OUTBOUND_ALLOWLIST = env_list("CORTESIA_OUTBOUND_ALLOWLIST", [])
# Seconds the answers of the report engine are kept for a repeated question (0: not kept).
CORTESIA_REPORT_CACHE_SECONDS = env_int(
    "CORTESIA_REPORT_CACHE_SECONDS", 60, minimum=0, maximum=3600
)
# Minutes a team's ticket may stay without an assignee before the team is told.
CORTESIA_UNASSIGNED_NOTIFY_MINUTES = env_int(
    "CORTESIA_UNASSIGNED_NOTIFY_MINUTES", 30, minimum=1, maximum=10080
)
# How the language of a new ticket's first customer message is found: lingua's fast mode
# (about 40 MB), its accurate models (about 0.6 GB per process) or not at all.
CORTESIA_LANGUAGE_DETECTION = env_choice(
    "CORTESIA_LANGUAGE_DETECTION", "fast", ("fast", "accurate", "off")
)
# Files sent with ticket messages are stored under DATA_DIR/attachments; larger ones are
# refused.
CORTESIA_ATTACHMENT_MAX_BYTES = env_int(
    "CORTESIA_ATTACHMENT_MAX_MB", 25, minimum=1, maximum=1_000
) * (1_000_000)
# Uploads are streamed to clamd (INSTREAM) when one of these is set. Without it, or when
# clamd fails, a file is "not scanned"; the EICAR test file is always recognised.
CORTESIA_CLAMD_SOCKET = env_str("CORTESIA_CLAMD_SOCKET", "")
CORTESIA_CLAMD_ADDRESS = env_str("CORTESIA_CLAMD_ADDRESS", "")
if CORTESIA_CLAMD_SOCKET and CORTESIA_CLAMD_ADDRESS:
    raise EnvError("Set CORTESIA_CLAMD_SOCKET or CORTESIA_CLAMD_ADDRESS, not both.")
if CORTESIA_CLAMD_ADDRESS:
    try:
        clamd_address(CORTESIA_CLAMD_ADDRESS)
    except ValueError:
        raise EnvError(
            f"CORTESIA_CLAMD_ADDRESS must be host:port; got {CORTESIA_CLAMD_ADDRESS!r}."
        ) from None
# Inbound mails larger than this are kept raw and quarantined, not processed.
CORTESIA_MAIL_MAX_BYTES = env_int("CORTESIA_MAIL_MAX_MB", 40, minimum=1, maximum=1_000) * (
    1_000_000
)
# CSV imports are stored under DATA_DIR/imports while they run; larger uploads are refused.
CORTESIA_IMPORT_MAX_BYTES = env_int("CORTESIA_IMPORT_MAX_MB", 200, minimum=1, maximum=10_000) * (
    1_000_000
)

# E-mail: SMTP when a host is configured, otherwise mails are written as files into the data
# folder so a demo instance never tries to reach the network.
SMTP_HOST = env_str("CORTESIA_SMTP_HOST", "")
DEFAULT_FROM_EMAIL = env_str("CORTESIA_FROM_EMAIL", "Cortesia <cortesia@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if SMTP_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = SMTP_HOST
    EMAIL_PORT = env_int("CORTESIA_SMTP_PORT", 25, minimum=1, maximum=65535)
    EMAIL_HOST_USER = env_str("CORTESIA_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = env_secret("CORTESIA_SMTP_PASSWORD") or ""
    _smtp_security = env_choice("CORTESIA_SMTP_SECURITY", "starttls", ("none", "starttls", "tls"))
    EMAIL_USE_TLS = _smtp_security == "starttls"
    EMAIL_USE_SSL = _smtp_security == "tls"
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"

SESSION_COOKIE_NAME = "cortesia_session"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("CORTESIA_SESSION_HOURS", 12, minimum=1, maximum=24 * 30) * 3600
CSRF_COOKIE_NAME = "cortesia_csrftoken"
CSRF_FAILURE_VIEW = "cortesia.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("CORTESIA_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("CORTESIA_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("CORTESIA_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("CORTESIA_HSTS_PRELOAD", True)
    # The health check is polled over plain HTTP by load balancers and process managers.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

NINJA_PAGINATION_MAX_LIMIT = 100
WORKER_LATE_AFTER_SECONDS = env_int("CORTESIA_WORKER_LATE_AFTER", 60, minimum=5)
# Requests a minute each API token may make, across all web processes.
API_REQUESTS_PER_MINUTE = env_int("CORTESIA_API_REQUESTS_PER_MINUTE", 600, minimum=1)

LOG_LEVEL = env_choice(
    "CORTESIA_LOG_LEVEL", "info", ("debug", "info", "warning", "error", "critical")
).upper()
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
