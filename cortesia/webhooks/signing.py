"""The webhook signature: ``v1=`` and the hex HMAC-SHA256 of ``"{timestamp}.{body}"``
under the subscription's secret. The timestamp (Unix seconds) is sent in its own header
and signed with the body, so a receiver can refuse old bodies replayed later."""

from __future__ import annotations

import hashlib
import hmac
import secrets

SIGNATURE_VERSION = "v1"
SECRET_PREFIX = "whsec_"  # noqa: S105 - a prefix, not a secret


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """Return the value of the Cortesia-Webhook-Signature header."""
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"{SIGNATURE_VERSION}={digest}"


def signature_matches(*, secret: str, timestamp: int, body: bytes, header: str) -> bool:
    """Whether ``header`` carries the signature of ``body`` at ``timestamp`` (constant
    time); what a receiver does, used by the tests."""
    expected = signature(secret=secret, timestamp=timestamp, body=body)
    return any(hmac.compare_digest(expected, part.strip()) for part in header.split(","))


def secret_generate() -> str:
    """Return a new random signing secret (256 bits)."""
    return SECRET_PREFIX + secrets.token_hex(32)
