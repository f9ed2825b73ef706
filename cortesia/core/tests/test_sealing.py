"""Each use of sealing has its own key: a value sealed for one never opens for another."""

from __future__ import annotations

import pytest
from django.test import override_settings

from cortesia.core.sealing import Sealer, UnreadableSecret

MAIL = Sealer(version="v2", info=b"cortesia.mail.credentials:fernet")
OTHER = Sealer(version="v2", info=b"cortesia.other:fernet")


def test_a_value_opens_only_for_the_use_that_sealed_it() -> None:
    sealed = MAIL.seal("hunter2")
    assert sealed.startswith("v2:")
    assert "hunter2" not in sealed
    assert MAIL.unseal(sealed) == "hunter2"
    with pytest.raises(UnreadableSecret):
        OTHER.unseal(sealed)


def test_a_rotated_key_still_opens_old_values_and_seals_with_the_new_one() -> None:
    with override_settings(SECRET_KEY="old-key-" + "x" * 50):
        sealed = MAIL.seal("hunter2")
    new_only = override_settings(SECRET_KEY="new-key-" + "y" * 50, SECRET_KEY_FALLBACKS=[])
    with new_only, pytest.raises(UnreadableSecret):
        MAIL.unseal(sealed)
    with override_settings(
        SECRET_KEY="new-key-" + "y" * 50, SECRET_KEY_FALLBACKS=["old-key-" + "x" * 50]
    ):
        assert MAIL.unseal(sealed) == "hunter2"
