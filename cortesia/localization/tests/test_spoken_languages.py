"""Which language the product answers in: the first candidate it has a catalogue for."""

from __future__ import annotations

import pytest

from cortesia.localization.selectors import interface_languages, spoken_base


def test_the_interface_languages_are_the_six_catalogues() -> None:
    assert interface_languages() == ["en", "it", "fi", "bg", "ro", "ar"]


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        (("it-CH", "en"), "it"),  # the base of a regional tag
        (("de", "bg"), "bg"),  # no German catalogue: the next candidate
        (("", None, "ar-SA"), "ar"),  # empty candidates are skipped
        (("de", "ja"), None),
        ((), None),
    ],
)
def test_spoken_base(candidates: tuple[str | None, ...], expected: str | None) -> None:
    assert spoken_base(*candidates) == expected
