"""Secrets at rest (mailbox passwords, webhook and provider secrets): sealed with Fernet
under a key derived from the site's secret key, so a database dump alone never yields one.

Fernet is AES-128-CBC with HMAC-SHA256, encrypt-then-MAC (the ``cryptography`` package).
Each use derives its own key with HKDF-SHA256 and an ``info`` of its own, so no two uses of
the secret key share one. Rotation follows Django's ``SECRET_KEY_FALLBACKS``: a value
sealed under any listed key still opens, and every new sealing uses ``SECRET_KEY``. A value
sealed under a key no longer listed cannot be opened and must be set again; it is never
read as a wrong value. Sealed values look like ``<version>:<fernet token>``.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


class UnreadableSecret(ValueError):
    """The sealed value was altered, or sealed under a secret key no longer configured."""


def _fernet_for(secret_key: str, info: bytes) -> Fernet:
    """Return the Fernet sealing with the key HKDF derives from ``secret_key``."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(
        secret_key.encode()
    )
    return Fernet(base64.urlsafe_b64encode(derived))


@dataclass(frozen=True)
class Sealer:
    """Seals and opens the secrets of one use: ``info`` names the use (it must never
    change once values are stored), ``version`` prefixes the sealed text."""

    version: str
    info: bytes

    def _keyring(self) -> MultiFernet:
        """The current key first (it seals), then each fallback (they only open)."""
        fallbacks = list(getattr(settings, "SECRET_KEY_FALLBACKS", []) or [])
        keys = [settings.SECRET_KEY, *fallbacks]
        return MultiFernet([_fernet_for(key, self.info) for key in keys])

    def seal(self, secret: str) -> str:
        """Return ``secret`` encrypted and authenticated, as text for a database column."""
        return f"{self.version}:{self._keyring().encrypt(secret.encode()).decode()}"

    def unseal(self, sealed: str) -> str:
        """Return the secret inside ``sealed``. Raise UnreadableSecret when it was altered,
        is not of this format, or was sealed under a key that is neither ``SECRET_KEY`` nor
        one of ``SECRET_KEY_FALLBACKS``."""
        prefix, _colon, token = sealed.partition(":")
        if prefix != self.version or not token:
            raise UnreadableSecret(prefix[:3])
        try:
            return self._keyring().decrypt(token.encode()).decode()
        except (InvalidToken, UnicodeDecodeError):
            raise UnreadableSecret(prefix) from None
