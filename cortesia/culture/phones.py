"""Phone numbers parsed to E.164 with their region and, when unambiguous, time zone."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import timezone as phone_timezones

UNKNOWN_ZONE = "Etc/Unknown"


@dataclass(frozen=True)
class ParsedPhone:
    e164: str
    region: str  # ISO 3166-1 alpha-2
    time_zone: str | None  # only when the number maps to exactly one zone


def parse_phone(raw: str, default_region: str | None = None) -> ParsedPhone:
    """Parse ``raw`` (any common format) into E.164; raise ValueError if it is not valid.

    ``default_region`` (e.g. the customer's country) reads national numbers such as
    "050 123 4567" for SA; without it, a leading "00" is read as "+".
    """
    text = raw.strip()
    region = (default_region or "").upper() or None
    if region is None and text.startswith("00"):
        # "0039 06…": the international call prefix used in most of the world.
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise ValueError(f"{raw!r} is not a phone number.") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"{raw!r} is not a valid phone number.")
    zones = [zone for zone in phone_timezones.time_zones_for_number(number) if zone != UNKNOWN_ZONE]
    return ParsedPhone(
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        region=phonenumbers.region_code_for_number(number) or "",
        time_zone=zones[0] if len(zones) == 1 else None,
    )
