"""The channels' secrets at rest, sealed with a key of their own (``core.sealing``)."""

from __future__ import annotations

from cortesia.core.sealing import Sealer

SEALER = Sealer(version="v1", info=b"cortesia.messaging.secrets:fernet")
