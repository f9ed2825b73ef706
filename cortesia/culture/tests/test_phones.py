from __future__ import annotations

import pytest

from cortesia.culture.phones import ParsedPhone, parse_phone


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("+39 06 1234 5678", None, ParsedPhone("+390612345678", "IT", "Europe/Rome")),
        ("0039 06 1234 5678", None, ParsedPhone("+390612345678", "IT", "Europe/Rome")),
        ("050 123 4567", "SA", ParsedPhone("+966501234567", "SA", "Asia/Riyadh")),
        ("088 123 4567", "bg", ParsedPhone("+359881234567", "BG", "Europe/Sofia")),
        ("+1 212 555 0100", None, ParsedPhone("+12125550100", "US", "America/New_York")),
    ],
)
def test_parse_phone(raw: str, region: str | None, expected: ParsedPhone) -> None:
    assert parse_phone(raw, region) == expected


def test_a_number_spanning_several_zones_has_no_zone() -> None:
    # Russian mobile numbers are not tied to one of the country's eleven zones.
    assert parse_phone("+7 912 345 67 89").time_zone is None


@pytest.mark.parametrize("raw", ["12", "hello", "+39 06", ""])
def test_invalid_numbers_are_refused(raw: str) -> None:
    with pytest.raises(ValueError, match="phone number"):
        parse_phone(raw)
