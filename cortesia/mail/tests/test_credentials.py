"""Mailbox passwords sealed at rest: round trip, tampering, and secret key rotation."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from cryptography.fernet import Fernet, InvalidToken

from cortesia.mail.credentials import UnreadableSecret, seal, unseal

OLD_KEY = "old-secret-" * 6
NEW_KEY = "new-secret-" * 6


def test_sealed_passwords_round_trip_and_refuse_tampering(settings: Any) -> None:
    settings.SECRET_KEY_FALLBACKS = []
    sealed = seal("pässword-1")
    assert sealed.startswith("v2:")
    assert "pässword" not in sealed
    assert seal("pässword-1") != sealed  # a fresh IV and timestamp every time
    assert unseal(sealed) == "pässword-1"
    tampered = sealed[:20] + ("A" if sealed[20] != "A" else "B") + sealed[21:]
    with pytest.raises(UnreadableSecret):
        unseal(tampered)
    settings.SECRET_KEY = "another-" * 8
    with pytest.raises(UnreadableSecret):
        unseal(sealed)


@pytest.mark.parametrize(
    "sealed",
    ["", "v2:", "v1:AAAA", "plain password", "v2:not-a-token", "v2:" + "A" * 120],
    ids=["empty", "no-token", "old-format", "plain", "garbage", "wrong-length"],
)
def test_values_not_of_this_format_are_unreadable(sealed: str) -> None:
    with pytest.raises(UnreadableSecret):
        unseal(sealed)


def test_a_rotated_secret_key_still_opens_old_values_and_seals_with_the_new(
    settings: Any,
) -> None:
    # Given a password sealed under the old key
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = OLD_KEY, []
    old_sealed = seal("imap-secret")
    # When the key is rotated, the old one kept as a fallback
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, [OLD_KEY]
    new_sealed = seal("imap-secret")
    # Then both open, and the new value is sealed under the new key alone
    assert unseal(old_sealed) == "imap-secret"
    assert unseal(new_sealed) == "imap-secret"
    settings.SECRET_KEY_FALLBACKS = []
    assert unseal(new_sealed) == "imap-secret"
    with pytest.raises(UnreadableSecret):
        unseal(old_sealed)


def test_the_key_is_derived_not_the_secret_key_itself(settings: Any) -> None:
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, []
    token = seal("x").removeprefix("v2:")
    naive = Fernet(base64.urlsafe_b64encode(NEW_KEY.encode()[:32]))
    with pytest.raises(InvalidToken):
        naive.decrypt(token.encode())
