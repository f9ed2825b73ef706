"""Whether any webhook may be active, known without a query.

Every ticket and customer change asks whether a subscription wants it. While no webhook
is active (most installations) that question must cost nothing, so a marker file under
``DATA_DIR`` (shared by every process and host, like the attachments) says "there may be
active webhooks":

- a service that leaves a subscription active sets the marker before its write and again
  after its commit, so no change committed after a subscription is visible misses it;
- the dispatcher's periodic run removes the marker when no subscription is active, and
  sets it again when one is (healing a marker lost with a crash between commit and file).

The marker is named after the database, so a test database and a developer's own
installation sharing a data directory never read each other's.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction


def marker_path() -> Path:
    database = str(connection.settings_dict.get("NAME", ""))
    digest = hashlib.sha256(database.encode()).hexdigest()[:16]
    return Path(settings.DATA_DIR) / "webhooks" / f"active-{digest}"


def marker_set() -> None:
    path = marker_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()


def marker_set_now_and_after_commit() -> None:
    marker_set()
    transaction.on_commit(marker_set)


def may_have_active_webhooks() -> bool:
    """False only when no subscription was active at the last check."""
    return marker_path().exists()


def marker_sync(*, any_active: bool) -> None:
    """Make the marker say what the database said a moment ago."""
    if any_active:
        marker_set()
    else:
        marker_path().unlink(missing_ok=True)
