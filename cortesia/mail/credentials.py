"""Mailbox passwords at rest: sealed with a key derived from the site's secret key.

A database dump alone never yields a mailbox password: each one is sealed with Fernet
(AES-128-CBC with HMAC-SHA256, encrypt-then-MAC, from the ``cryptography`` package) under a
key derived from ``SECRET_KEY`` with HKDF-SHA256 and a purpose-specific ``info``, so the
key serves no other use of the secret key.

Rotation follows Django's ``SECRET_KEY_FALLBACKS``: a value sealed under any listed key
still opens, and every new sealing uses the current ``SECRET_KEY``. A password sealed under
a key that is no longer listed cannot be opened (it must then be typed again); it is never
read as a wrong password.

Sealed values look like ``v2:<fernet token>``. Nothing here logs or returns a password
except :func:`unseal` to the code that connects with it.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

VERSION = "v2"
_INFO = b"cortesia.mail.credentials:fernet"


class UnreadableSecret(ValueError):
    """The sealed value was altered, or sealed under a secret key no longer configured."""


def _fernet_for(secret_key: str) -> Fernet:
    """Return the Fernet sealing with the key HKDF derives from ``secret_key``."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        secret_key.encode()
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def _keyring() -> MultiFernet:
    """Return the current key first (it seals), then each fallback (they only open)."""
    fallbacks = list(getattr(settings, "SECRET_KEY_FALLBACKS", []) or [])
    return MultiFernet([_fernet_for(key) for key in [settings.SECRET_KEY, *fallbacks]])


def seal(secret: str) -> str:
    """Return ``secret`` encrypted and authenticated, as text for a database column."""
    return f"{VERSION}:{_keyring().encrypt(secret.encode()).decode()}"


def unseal(sealed: str) -> str:
    """Return the secret inside ``sealed``.

    Raise UnreadableSecret when it was altered, is not of this format, or was sealed under a
    key that is neither ``SECRET_KEY`` nor one of ``SECRET_KEY_FALLBACKS``.
    """
    prefix, _colon, token = sealed.partition(":")
    if prefix != VERSION or not token:
        raise UnreadableSecret(prefix[:3])
    try:
        return _keyring().decrypt(token.encode()).decode()
    except (InvalidToken, UnicodeDecodeError):
        raise UnreadableSecret(prefix) from None
