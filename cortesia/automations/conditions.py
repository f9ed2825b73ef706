"""What a rule's conditions are and how a ticket meets them.

A condition is ``{"field", "operator", "value"}``. Choice fields (channel, language,
customer country, team, priority, status) compare with ``is``/``is_not``; ``tag`` and
``text`` with ``contains``/``not_contains``; ``business_hours`` is ``open`` or ``closed``
(the ticket's calendar at the moment of the change). Text is compared without case and
accents, so "cafe" finds "Café" and "lasku" finds "LASKU". Nothing here writes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cortesia.culture.business_time import BusinessCalendar, is_open

CHOICE_FIELDS = ("channel", "language", "country", "team", "priority", "status")
FIELDS = {
    "channel": gettext_lazy("Channel"),
    "language": gettext_lazy("Language"),
    "country": gettext_lazy("Customer's country"),
    "team": gettext_lazy("Team"),
    "priority": gettext_lazy("Priority"),
    "status": gettext_lazy("Status"),
    "tag": gettext_lazy("Tags"),
    "text": gettext_lazy("Subject or message text"),
    "business_hours": gettext_lazy("Business hours"),
}
OPERATORS = {
    "is": gettext_lazy("is"),
    "is_not": gettext_lazy("is not"),
    "contains": gettext_lazy("contains"),
    "not_contains": gettext_lazy("does not contain"),
}
BUSINESS_HOURS = ("open", "closed")


@dataclass(frozen=True)
class Facts:
    """What the conditions read of a ticket at one change. ``team`` is the team's uid
    ("" for none), ``texts`` the subject and the text of the message the change added."""

    channel: str
    language: str
    country: str
    team: str
    priority: str
    status: str
    tags: Sequence[str]
    texts: Sequence[str]
    at: datetime
    calendar: BusinessCalendar | None = field(default=None, compare=False)


def folded(text: str) -> str:
    """Return ``text`` without case and accents (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _is_open(facts: Facts) -> bool:
    # No calendar: every hour is a business hour, as for SLA clocks.
    return True if facts.calendar is None else is_open(facts.calendar, facts.at)


def condition_met(condition: dict[str, str], facts: Facts) -> bool:
    """Return whether ``facts`` meet one (checked) condition."""
    name, operator, value = condition["field"], condition["operator"], condition["value"]
    if name == "business_hours":
        return _is_open(facts) == (value == "open")
    if name == "tag":
        found = folded(value) in {folded(tag) for tag in facts.tags}
    elif name == "text":
        needle = folded(value)
        found = any(needle in folded(text) for text in facts.texts)
    else:
        found = str(getattr(facts, name)).lower() == value.lower()
    return found if operator in ("is", "contains") else not found


def conditions_met(conditions: Sequence[dict[str, str]], match: str, facts: Facts) -> bool:
    """Return whether ``facts`` meet all (``match`` "all") or any of ``conditions``; no
    conditions at all are met."""
    if not conditions:
        return True
    results = (condition_met(condition, facts) for condition in conditions)
    return all(results) if match == "all" else any(results)


def condition_error(condition: dict[str, str]) -> str | None:
    """Return why a condition cannot be kept, or None. Values of choice fields are
    checked against the stored choices by the services."""
    name, operator = condition.get("field", ""), condition.get("operator", "")
    value = condition.get("value", "").strip()
    if name not in FIELDS:
        return _("Choose what the condition looks at.")
    if name == "business_hours":
        if value not in BUSINESS_HOURS:
            return _("Business hours are either “open” or “closed”.")
        return None
    allowed = ("contains", "not_contains") if name in ("tag", "text") else ("is", "is_not")
    if operator not in allowed:
        return _("This comparison does not apply to %(field)s.") % {"field": FIELDS[name]}
    if not value:
        return _("Give the value to compare with.")
    return None
