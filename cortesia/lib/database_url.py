"""Turn ``CORTESIA_DATABASE_URL`` into a Django ``DATABASES`` entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from cortesia.lib.env import EnvError

SQLITE_OPTIONS: dict[str, Any] = {
    # WAL lets readers run beside the writer; IMMEDIATE takes the write lock at BEGIN so
    # read-then-write transactions never fail half-way with "database is locked".
    "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"),
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def sqlite_database(path: Path) -> dict[str, Any]:
    """Return the settings for a SQLite file at ``path`` (its folder is created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": dict(SQLITE_OPTIONS),
        # Kept open between requests: opening one runs the PRAGMAs above, which cost a
        # request 1.7 ms (9 times an anonymous redirect).
        "CONN_MAX_AGE": 60,
    }


def database_from_url(url: str, *, variable: str = "CORTESIA_DATABASE_URL") -> dict[str, Any]:
    """Parse ``postgres://user:password@host:port/name?sslmode=…`` or ``sqlite:///path``.

    Raises :class:`EnvError` naming ``variable`` for any other scheme or a URL without
    a database name.
    """
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        raw_path = unquote(parts.path)
        if not raw_path or raw_path == "/":
            raise EnvError(f"{variable} must name a SQLite file, e.g. sqlite:///var/db.sqlite3.")
        return sqlite_database(
            Path(raw_path.removeprefix("/") if parts.netloc == "." else raw_path)
        )
    if parts.scheme not in ("postgres", "postgresql"):
        raise EnvError(
            f"{variable} must start with postgres:// or sqlite://; got scheme {parts.scheme!r}."
        )
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise EnvError(f"{variable} must include a database name, e.g. postgres://host/cortesia.")
    try:
        port = parts.port
    except ValueError:
        raise EnvError(f"{variable} has a port that is not a number.") from None
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": unquote(parts.hostname or ""),
        "PORT": str(port or ""),
        # JIT compilation off: the queries here run for milliseconds to a few hundred,
        # and compiling one costs about 40 ms (a URL's own ``options`` replaces this).
        "OPTIONS": {"options": "-c jit=off", **dict(parse_qsl(parts.query))},
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
