"""Check and complete a customer's cultural profile: field-level errors, derived values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from zoneinfo import available_timezones

from babel import Locale, UnknownLocaleError
from babel.languages import get_official_languages
from babel.numbers import is_currency
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from cortesia.core.errors import FieldErrors
from cortesia.culture.countries import country_codes, country_profile
from cortesia.culture.local_formats import country_currency
from cortesia.culture.names import has_forbidden_name_characters
from cortesia.culture.phones import ParsedPhone, parse_phone


@dataclass
class ProfileCheck:
    """Collects field errors while values are checked, then raises them all at once."""

    errors: dict[str, str] = field(default_factory=dict)

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise FieldErrors(self.errors)


NAME_FIELDS = ("given_name", "given_name2", "surname", "surname2")
# The longest value each text column holds; a longer value is refused, never cut.
MAX_LENGTHS = {
    "given_name": 150,
    "given_name2": 150,
    "surname": 150,
    "surname2": 150,
    "credentials": 100,
    "subdivision": 10,
    "language": 10,
    "time_zone": 64,
}


def check_length(check: ProfileCheck, name: str, value: str) -> str:
    """Refuse ``value`` when it is longer than the column of ``name`` holds."""
    limit = MAX_LENGTHS[name]
    if len(value) > limit:
        check.fail(
            name,
            _("This value has %(length)d characters; at most %(limit)d are allowed.")
            % {"length": len(value), "limit": limit},
        )
    return value


def check_name_part(check: ProfileCheck, name: str, value: str) -> str:
    """Return a name part trimmed, refusing markup, control characters and bidirectional
    controls (they would reach greetings and reorder the text around the name)."""
    cleaned = value.strip()
    if has_forbidden_name_characters(cleaned):
        check.fail(
            name,
            _(
                "A name may not contain < or >, line breaks, tabs or other control "
                "characters, or invisible direction marks."
            ),
        )
    return check_length(check, name, cleaned)


def check_country(check: ProfileCheck, name: str, value: str) -> str:
    code = value.strip().upper()
    if code and code not in country_codes():
        check.fail(name, _("%(value)s is not an ISO 3166 country code.") % {"value": value})
    return code


def check_language(check: ProfileCheck, value: str) -> str:
    code = value.strip().replace("_", "-")
    if len(code) > MAX_LENGTHS["language"]:
        check.fail("language", _("%(value)s is not a known language code.") % {"value": value})
    elif code:
        try:
            Locale.parse(code.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            check.fail("language", _("%(value)s is not a known language code.") % {"value": value})
    return code


def check_time_zone(check: ProfileCheck, value: str) -> str:
    if value and value not in available_timezones():
        check.fail("time_zone", _("%(value)s is not a known time zone.") % {"value": value})
    return value


def check_contact_hours(check: ProfileCheck, value: str) -> str:
    """Return ``value`` as "HH:MM-HH:MM" (a start before its end, same day), or "" ."""
    text = "".join(value.split()).replace("–", "-")
    if not text:
        return ""
    hours = contact_hours_parse(text)
    if hours is None:
        check.fail(
            "contact_hours",
            _("Write the hours as 09:00-18:00: a start before its end, on the same day."),
        )
        return value
    return f"{hours[0]:%H:%M}-{hours[1]:%H:%M}"


def contact_hours_parse(text: str) -> tuple[time, time] | None:
    """Read "HH:MM-HH:MM" into (start, end); None when it is not that or start ≥ end."""
    start, dash, end = text.partition("-")
    if not dash:
        return None
    try:
        first, last = time.fromisoformat(start), time.fromisoformat(end)
    except ValueError:
        return None
    if len(start) != 5 or len(end) != 5 or first >= last:
        return None
    return first, last


def check_currency(check: ProfileCheck, value: str) -> str:
    code = value.strip().upper()
    if code and not is_currency(code):
        check.fail("currency", _("%(value)s is not an ISO 4217 currency code.") % {"value": value})
    return code


MAX_EMAIL_LENGTH = 254  # what SMTP can carry (RFC 5321) and the column holds


def check_emails(check: ProfileCheck, values: list[str]) -> list[str]:
    cleaned = []
    for value in values:
        address = value.strip().lower()
        try:
            if len(address) > MAX_EMAIL_LENGTH:
                raise ValidationError("too long")
            validate_email(address)
        except ValidationError:
            check.fail("emails", _("%(value)s is not an e-mail address.") % {"value": value})
            continue
        if address not in cleaned:
            cleaned.append(address)
    return cleaned


def check_phones(check: ProfileCheck, values: list[str], country: str) -> list[ParsedPhone]:
    parsed: list[ParsedPhone] = []
    for value in values:
        try:
            phone = parse_phone(value, country or None)
        except ValueError:
            check.fail("phones", _("%(value)s is not a valid phone number.") % {"value": value})
            continue
        if phone.e164 not in {p.e164 for p in parsed}:
            parsed.append(phone)
    return parsed


TAG_MAX_LENGTH = 100


def check_tags(check: ProfileCheck, values: list[str]) -> list[str]:
    """Return the tags trimmed, lower-cased and without repeats, in their given order."""
    cleaned: list[str] = []
    for value in values:
        tag = " ".join(value.split()).lower()
        if len(tag) > TAG_MAX_LENGTH:
            check.fail(
                "tags", _("A tag has at most %(count)d characters.") % {"count": TAG_MAX_LENGTH}
            )
        elif tag and tag not in cleaned:
            cleaned.append(tag)
    return cleaned


def check_external_ids(check: ProfileCheck, values: dict[str, str]) -> dict[str, str]:
    """Return the ids with trimmed sources and values; empty values are dropped."""
    cleaned: dict[str, str] = {}
    for source, value in values.items():
        name, text = source.strip().lower(), str(value).strip()
        if not name or len(name) > 50 or len(text) > 200:
            check.fail(
                "external_ids",
                _("A source has 1 to 50 characters and an id at most 200."),
            )
        elif text:
            cleaned[name] = text
    return cleaned


def check_reachable(
    check: ProfileCheck,
    given_name: str | None,
    surname: str | None,
    emails: list[str] | None,
    phones: list[ParsedPhone] | list[str] | None,
) -> None:
    """Refuse a profile with no given name, no surname, no e-mail address and no phone
    number: staff could neither address the customer nor reach them."""
    if not (given_name or surname or emails or phones):
        check.fail(
            "given_name",
            _(
                "Give at least one of: a given name, a surname, an e-mail address or a "
                "phone number."
            ),
        )


def default_language(country: str) -> str:
    """Return the country's main official language, or "" when it has none."""
    languages = get_official_languages(country, de_facto=True) if country else ()
    return str(languages[0]) if languages else ""


def default_time_zone(country: str, phones: list[ParsedPhone]) -> str:
    """Return the zone of the first phone that has exactly one, else the country's only zone."""
    for phone in phones:
        if phone.time_zone:
            return phone.time_zone
    if country:
        zones = country_profile(country).time_zones
        if len(zones) == 1:
            return zones[0]
    return ""


def default_currency(country: str) -> str:
    if not country:
        return ""
    try:
        return country_currency(country, datetime.now(UTC).date())
    except ValueError:
        return ""
