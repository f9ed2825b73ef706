"""The channels' secrets at rest, sealed with a key of their own (``core.sealing``)."""

from __future__ import annotations

from cortesia.core.sealing import Sealer, UnreadableSecret

SEALER = Sealer(version="v1", info=b"cortesia.messaging.secrets:fernet")


def channel_secret(sealed: str) -> str:
    """A channel's secret in clear, "" when none is set or it cannot be opened."""
    try:
        return SEALER.unseal(sealed) if sealed else ""
    except UnreadableSecret:
        return ""  # sealed under a key no longer configured: nothing can pass the check
