"""The dimensions reports group and filter by, their keys in rows and URLs, and the names
people read.

Keys are public and stable: a team's uid, an agent's username, ISO codes for languages
and countries, the stored choice values for channels, priorities, statuses and survey
kinds, a segment's uid, the tag itself. "" is "unknown" (a ticket without a team, a
customer without a country).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import Team, User
from cortesia.culture.local_formats import country_name, language_name
from cortesia.customers.models import Segment
from cortesia.tickets.models import Ticket


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str | Promise


TEAM = Dimension("team", _("Team"))
AGENT = Dimension("agent", _("Agent"))
CHANNEL = Dimension("channel", _("Channel"))
LANGUAGE = Dimension("language", _("Language"))
COUNTRY = Dimension("country", _("Country"))
SEGMENT = Dimension("segment", _("Segment"))
PRIORITY = Dimension("priority", _("Priority"))
TAG = Dimension("tag", _("Tag"))
SURVEY_KIND = Dimension("survey_kind", _("Survey kind"))
CREATED_BY = Dimension("created_by", _("Opened by"))
STATUS = Dimension("status", _("Status"))
AGE = Dimension("age", _("Age"))
SLA_TARGET = Dimension("sla_target", _("SLA target"))

ALL = {
    dimension.key: dimension
    for dimension in (
        TEAM,
        AGENT,
        CHANNEL,
        LANGUAGE,
        COUNTRY,
        SEGMENT,
        PRIORITY,
        TAG,
        SURVEY_KIND,
        CREATED_BY,
        STATUS,
        AGE,
        SLA_TARGET,
    )
}

CREATED_BY_LABELS = {"agent": _("Agent"), "customer": _("Customer")}
AGE_BUCKETS: tuple[tuple[str, int | None, str | Promise], ...] = (
    # key, upper bound in hours (None: no bound), label
    ("0-1d", 24, _("Less than 1 day")),
    ("1-3d", 72, _("1 to 3 days")),
    ("3-7d", 168, _("3 to 7 days")),
    ("7-30d", 720, _("7 to 30 days")),
    ("30d+", None, _("More than 30 days")),
)


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def team_id_of(key: str) -> int | None:
    """The id of the team whose uid is ``key`` (None: no such team, or "" for none)."""
    found = _uuid(key)
    if found is None:
        return None
    return Team.objects.filter(uid=found).values_list("pk", flat=True).first()


def agent_id_of(key: str) -> int | None:
    return User.objects.filter(username=key).values_list("pk", flat=True).first()


def segment_rules_of(key: str) -> object | None:
    found = _uuid(key)
    if found is None:
        return None
    return Segment.objects.filter(uid=found).values_list("rules", flat=True).first()


def team_keys(ids: Iterable[int | None]) -> dict[int | None, str]:
    wanted = {pk for pk in ids if pk is not None}
    keys: dict[int | None, str] = {None: ""}
    keys.update(
        {pk: str(uid) for pk, uid in Team.objects.filter(pk__in=wanted).values_list("pk", "uid")}
    )
    return keys


def agent_keys(ids: Iterable[int | None]) -> dict[int | None, str]:
    wanted = {pk for pk in ids if pk is not None}
    keys: dict[int | None, str] = {None: ""}
    keys.update(dict(User.objects.filter(pk__in=wanted).values_list("pk", "username")))
    return keys


def labels(dimension: str, keys: Iterable[str], language: str) -> dict[str, str]:
    """Return the names of ``keys`` of ``dimension`` in ``language``; "" reads
    "Unknown" (or "No team", "Unassigned")."""
    keys = list(keys)
    names: dict[str, str] = {}
    if dimension == TEAM.key:
        uids = [u for u in (_uuid(key) for key in keys) if u is not None]
        names = {
            str(uid): name
            for uid, name in Team.objects.filter(uid__in=uids).values_list("uid", "name")
        }
        names[""] = str(_("No team"))
    elif dimension == AGENT.key:
        for username, first, last in User.objects.filter(username__in=keys).values_list(
            "username", "first_name", "last_name"
        ):
            names[username] = f"{first} {last}".strip() or username
        names[""] = str(_("Unassigned"))
    elif dimension == SEGMENT.key:
        uids = [u for u in (_uuid(key) for key in keys) if u is not None]
        names = {
            str(uid): name
            for uid, name in Segment.objects.filter(uid__in=uids).values_list("uid", "name")
        }
    elif dimension == LANGUAGE.key:
        names = {key: language_name(key, language) for key in keys if key}
    elif dimension == COUNTRY.key:
        names = {key: country_name(key, language) for key in keys if key}
    elif dimension == CHANNEL.key:
        names = {key: str(label) for key, label in Ticket.Channel.choices}
    elif dimension == PRIORITY.key:
        names = {key: str(label) for key, label in Ticket.Priority.choices}
    elif dimension == STATUS.key:
        names = {key: str(label) for key, label in Ticket.Status.choices}
    elif dimension == CREATED_BY.key:
        names = {key: str(label) for key, label in CREATED_BY_LABELS.items()}
    elif dimension == AGE.key:
        names = {key: str(label) for key, _bound, label in AGE_BUCKETS}
    elif dimension == SURVEY_KIND.key:
        from cortesia.feedback.models import SurveyKind

        names = {key: str(label) for key, label in SurveyKind.choices}
    elif dimension == SLA_TARGET.key:
        from cortesia.sla.models import SlaClock

        names = {key: str(label) for key, label in SlaClock.Target.choices}
    else:
        names = {key: key for key in keys}
    unknown = str(_("Unknown"))
    return {key: names.get(key) or (key if key else unknown) for key in keys}


def nothing() -> Q:
    return Q(pk__in=[])
