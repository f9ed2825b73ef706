"""Webhook signing secrets at rest, sealed as ``core.sealing`` describes (their own key,
from the site's secret key; values look like ``v1:<fernet token>``).
"""

from __future__ import annotations

from cortesia.core.sealing import Sealer, UnreadableSecret

__all__ = ["UnreadableSecret", "seal", "unseal"]

VERSION = "v1"
_SEALER = Sealer(version=VERSION, info=b"cortesia.webhooks.secrets:fernet")


def seal(secret: str) -> str:
    """Return ``secret`` encrypted and authenticated, as text for a database column."""
    return _SEALER.seal(secret)


def unseal(sealed: str) -> str:
    """Return the secret inside ``sealed``; raise UnreadableSecret (see core.sealing)."""
    return _SEALER.unseal(sealed)
