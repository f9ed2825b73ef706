"""The ticket's history as sentences people read: one line per event, with who did it
and when. The values an event stored (codes, a team's uid, a username) are named as the
page names them: a status by its label, a team by its name, a language in the language of
the page."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from babel.lists import format_list
from django.conf import settings
from django.utils.translation import get_language, pgettext, to_locale
from django.utils.translation import gettext as _

from cortesia.accounts.models import Team, User
from cortesia.culture.local_formats import babel_locale, language_name
from cortesia.sla.models import SlaClock
from cortesia.tickets.models import Ticket, TicketEvent

Kind = TicketEvent.Kind
HISTORY_LIMIT = 200


@dataclass(frozen=True)
class HistoryLine:
    """One event: when, who (None: the system or a customer), and what, as sentences."""

    event: TicketEvent
    actor: str | None
    sentences: list[str]


@dataclass(frozen=True)
class Names:
    """What the page knows to name stored values with: teams by uid, people by username."""

    teams: Mapping[str, str]
    people: Mapping[str, str]

    @classmethod
    def of(cls, teams: Sequence[Team], people: Sequence[User]) -> Names:
        return cls(
            teams={str(team.uid): team.name for team in teams},
            people={user.username: user.display_name for user in people},
        )


def _page_language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def _list(values: Sequence[str]) -> str:
    locale = babel_locale(to_locale(_page_language()))
    return format_list(list(values), style="standard", locale=locale) if values else "—"


def _value(field: str, value: object, names: Names) -> str:
    """Name one stored value of ``field`` ("—" for none)."""
    if value in (None, "", []):
        empty = {"team": _("no team"), "assignee": pgettext("no assignee", "nobody")}
        return str(empty.get(field, "—"))
    labels = {"status": Ticket.Status.choices, "priority": Ticket.Priority.choices}
    if field in labels:
        return str(dict(labels[field]).get(str(value), value))
    if field == "team":
        return names.teams.get(str(value), _("a deleted team"))
    if field == "assignee":
        return names.people.get(str(value), str(value))
    if field == "language":
        return language_name(str(value), _page_language())
    if field == "tags" and isinstance(value, list):
        return _list([str(tag) for tag in value])
    return str(value)


def _change(field: str, before: object, after: object, names: Names) -> str:
    values = {"before": _value(field, before, names), "after": _value(field, after, names)}
    sentences = {
        "subject": _("Changed the subject from “%(before)s” to “%(after)s”."),
        "status": _("Changed the status from %(before)s to %(after)s."),
        "priority": _("Changed the priority from %(before)s to %(after)s."),
        "team": _("Changed the team from %(before)s to %(after)s."),
        "assignee": _("Changed the assignee from %(before)s to %(after)s."),
        "language": _("Changed the language from %(before)s to %(after)s."),
        "tags": _("Changed the tags from %(before)s to %(after)s."),
    }
    if field in sentences:
        return sentences[field] % values
    return _("Changed %(field)s from %(before)s to %(after)s.") % {**values, "field": field}


def _updated(event: TicketEvent, names: Names) -> list[str]:
    data = event.data if isinstance(event.data, dict) else {}
    lines = []
    for field in event.fields or list(data):
        pair = data.get(field)
        before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, None)
        lines.append(_change(field, before, after, names))
    return lines or [_("Changed the ticket.")]


def _sla(event: TicketEvent) -> str:
    target = str(event.data.get("target", ""))
    label = str(SlaClock.Target(target).label) if target in SlaClock.Target.values else target
    if event.kind == Kind.SLA_BREACHED:
        return _("Service level missed: %(target)s.") % {"target": label}
    return _("Service level close to being missed: %(target)s.") % {"target": label}


def _merged(data: Mapping[str, object]) -> str:
    if "into" in data:
        return _("Merged this ticket into #%(number)s.") % {"number": data["into"]}
    return _("Merged ticket #%(number)s into this one.") % {"number": data.get("from", "")}


def _sentences(event: TicketEvent, names: Names) -> list[str]:
    """Return what ``event`` did, in sentences of the page's language."""
    data = event.data if isinstance(event.data, dict) else {}
    if event.kind == Kind.UPDATED:
        return _updated(event, names)
    if event.kind in (Kind.SLA_WARNING, Kind.SLA_BREACHED):
        return [_sla(event)]
    if event.kind == Kind.MERGED:
        return [_merged(data)]
    if event.kind == Kind.LINKED:
        return [_("Linked ticket #%(number)s.") % {"number": data.get("ticket", "")}]
    if event.kind == Kind.FORWARDED:
        to = data.get("to")
        addresses = ", ".join(str(a) for a in to) if isinstance(to, list) else ""
        return [_("Forwarded the ticket by mail to %(addresses)s.") % {"addresses": addresses}]
    fixed = {
        Kind.CREATED: _("Opened the ticket."),
        Kind.REPLIED: _("Replied to the customer."),
        Kind.NOTED: _("Wrote an internal note."),
        Kind.CUSTOMER_REPLIED: _("The customer wrote."),
        Kind.REOPENED: _("The customer's message reopened the ticket."),
        Kind.DELIVERY_FAILED: _("A mail to the customer could not be delivered."),
    }
    return [fixed.get(Kind(event.kind), event.get_kind_display())]


def _rule_name(event: TicketEvent) -> str | None:
    """The automation rule that made a change (see ``recording.rule_acting``), or None."""
    rule = event.data.get("rule") if isinstance(event.data, dict) else None
    return str(rule["name"]) if isinstance(rule, dict) and rule.get("name") else None


def history_lines(events: Iterable[TicketEvent], names: Names) -> list[HistoryLine]:
    """Return the lines of ``events`` (their actors selected with them), in their order."""
    return [
        HistoryLine(
            event=event,
            actor=event.actor.display_name if event.actor is not None else _rule_name(event),
            sentences=_sentences(event, names),
        )
        for event in events
    ]
