"""Mailbox passwords at rest, sealed as ``core.sealing`` describes (their own key, from
the site's secret key; values look like ``v2:<fernet token>``). Nothing here logs or
returns a password except :func:`unseal` to the code that connects with it.
"""

from __future__ import annotations

from cortesia.core.sealing import Sealer, UnreadableSecret

__all__ = ["UnreadableSecret", "seal", "unseal"]

VERSION = "v2"
_SEALER = Sealer(version=VERSION, info=b"cortesia.mail.credentials:fernet")


def seal(secret: str) -> str:
    """Return ``secret`` encrypted and authenticated, as text for a database column."""
    return _SEALER.seal(secret)


def unseal(sealed: str) -> str:
    """Return the secret inside ``sealed``; raise UnreadableSecret (see core.sealing)."""
    return _SEALER.unseal(sealed)
