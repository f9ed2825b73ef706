"""Mailbox passwords at rest: sealed with a key derived from the site's secret key.

A database dump alone never yields a mailbox password: each one is encrypted and
authenticated (encrypt-then-MAC) with two keys derived from ``SECRET_KEY``, one to
encrypt and one to authenticate, so changing the secret key makes the stored passwords
unreadable (they must then be typed again) rather than wrong.

The cipher is HMAC-SHA256 used as a pseudo-random function in counter mode (the keystream
block ``i`` is ``HMAC(k_enc, nonce ‖ i)``), with a random 16-byte nonce per sealing, and a
tag ``HMAC(k_mac, version ‖ nonce ‖ ciphertext)``. The standard library has no block
cipher; this construction needs only HMAC, whose security as a PRF is well studied.

Sealed values look like ``v1:<base64url>``. Nothing here logs or returns a password
except :func:`unseal` to the code that connects with it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from django.conf import settings

VERSION = b"v1"
NONCE_BYTES = 16
TAG_BYTES = 32
BLOCK = hashlib.sha256().digest_size


class UnreadableSecret(ValueError):
    """The sealed value was altered, or sealed under another secret key."""


def _key(purpose: bytes) -> bytes:
    return hmac.new(
        settings.SECRET_KEY.encode(), b"cortesia.mail.credentials:" + purpose, hashlib.sha256
    ).digest()


def _keystream(nonce: bytes, length: int) -> bytes:
    key = _key(b"encrypt")
    blocks = (length + BLOCK - 1) // BLOCK
    return b"".join(
        hmac.new(key, nonce + index.to_bytes(8, "big"), hashlib.sha256).digest()
        for index in range(blocks)
    )[:length]


def _tag(nonce: bytes, ciphertext: bytes) -> bytes:
    return hmac.new(_key(b"authenticate"), VERSION + nonce + ciphertext, hashlib.sha256).digest()


def seal(secret: str) -> str:
    """Return ``secret`` encrypted and authenticated, as text for a database column."""
    plain = secret.encode()
    nonce = secrets.token_bytes(NONCE_BYTES)
    ciphertext = bytes(a ^ b for a, b in zip(plain, _keystream(nonce, len(plain)), strict=True))
    packed = nonce + ciphertext + _tag(nonce, ciphertext)
    return f"{VERSION.decode()}:{base64.urlsafe_b64encode(packed).decode()}"


def unseal(sealed: str) -> str:
    """Return the secret inside ``sealed``; raise UnreadableSecret when it was altered or
    sealed under another secret key."""
    prefix, _colon, body = sealed.partition(":")
    try:
        packed = base64.urlsafe_b64decode(body.encode())
    except ValueError:
        raise UnreadableSecret(sealed[:3]) from None
    if prefix.encode() != VERSION or len(packed) < NONCE_BYTES + TAG_BYTES:
        raise UnreadableSecret(prefix)
    nonce, ciphertext = packed[:NONCE_BYTES], packed[NONCE_BYTES:-TAG_BYTES]
    if not hmac.compare_digest(packed[-TAG_BYTES:], _tag(nonce, ciphertext)):
        raise UnreadableSecret(prefix)
    stream = _keystream(nonce, len(ciphertext))
    return bytes(a ^ b for a, b in zip(ciphertext, stream, strict=True)).decode()
