"""Signing secrets at rest: sealed with Fernet under a key derived from the site's secret
key, so a database dump alone never yields one.

The key is derived with HKDF-SHA256 and an ``info`` of its own (no other use of the secret
key shares it). Rotation follows ``SECRET_KEY_FALLBACKS``: a secret sealed under a listed
key still opens; every new sealing uses ``SECRET_KEY``. A secret sealed under a key no
longer listed cannot be opened and must be set again.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

VERSION = "v1"
_INFO = b"cortesia.webhooks.secrets:fernet"


class UnreadableSecret(ValueError):
    """The sealed value was altered, or sealed under a secret key no longer configured."""


def _fernet(secret_key: str) -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        secret_key.encode()
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def _keyring() -> MultiFernet:
    fallbacks = list(getattr(settings, "SECRET_KEY_FALLBACKS", []) or [])
    return MultiFernet([_fernet(key) for key in [settings.SECRET_KEY, *fallbacks]])


def seal(secret: str) -> str:
    """Return ``secret`` encrypted and authenticated, as text for a database column."""
    return f"{VERSION}:{_keyring().encrypt(secret.encode()).decode()}"


def unseal(sealed: str) -> str:
    """Return the secret inside ``sealed``; raise UnreadableSecret when it cannot be
    opened with the current or a fallback key."""
    prefix, _colon, token = sealed.partition(":")
    if prefix != VERSION or not token:
        raise UnreadableSecret(prefix[:3])
    try:
        return _keyring().decrypt(token.encode()).decode()
    except (InvalidToken, UnicodeDecodeError):
        raise UnreadableSecret(prefix) from None
