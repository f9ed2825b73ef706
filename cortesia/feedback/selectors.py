"""Reads of survey responses, invitations and mentions, scoped by who asks.

Who sees which response (and invitation), the rule every read here starts from:

- administrators: every response;
- marketers: every response (they run the NPS programmes and read every market);
- managers: the responses of their teams, those about themselves as the agent, and
  those with no team (the triage they own on tickets too);
- agents: the responses of their teams and those about themselves as the agent;
- anyone else (an inactive account): none.

A response outside the viewer's reach is NotFound, exactly like one that does not exist.
Mentions are public posts: every active staff member sees every mention. Nobody edits a
response; these are reads only.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Generic, TypeVar

from django.conf import settings
from django.core import signing
from django.db.models import Model, Prefetch, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.selectors import viewer_team_ids
from cortesia.core.errors import DomainError, NotFound
from cortesia.culture.local_formats import format_number
from cortesia.feedback.metrics import (
    DEFAULT_PERIOD_DAYS,
    Period,
    Summary,
    feedback_scores,
    high_scores,
    score_label,
)
from cortesia.feedback.models import (
    Mention,
    MentionSource,
    SurveyInvitation,
    SurveyKind,
    SurveyResponse,
)
from cortesia.feedback.models.surveys import SCALES
from cortesia.feedback.permissions import can_view_feedback
from cortesia.tickets.models import Ticket
from cortesia.tickets.permissions import TICKET_STAFF

# Rows per page: fifty responses with their comments cost the page about 30 ms of
# template rendering, twenty-five keep its first page well inside 50 ms.
PAGE_SIZE = 25
_CURSOR_SALT = "cortesia.feedback.list"

M = TypeVar("M", bound=Model)
T = TypeVar("T")


@dataclass(frozen=True)
class ScoreFilter:
    """Scores to keep: ``low`` (the stored low flag), ``high`` (the positive scores of
    each kind, as the metrics count them) or the range ``lowest``–``highest``."""

    band: str = ""  # "low", "high" or "" for a range
    lowest: int = 0
    highest: int = 0


@dataclass(frozen=True)
class ResponseFilters:
    """The response list's filters; empty values filter nothing. Instants are UTC: the
    form turns the viewer's local dates into them (``answered_before`` excluded)."""

    kind: str = ""
    score: ScoreFilter | None = None
    language: str = ""
    country: str = ""
    team: Team | None = None
    agent: User | None = None
    answered_from: datetime | None = None
    answered_before: datetime | None = None


@dataclass(frozen=True)
class MentionFilters:
    source_uid: str = ""
    frustration_level: str = ""
    language: str = ""
    published_from: datetime | None = None
    published_before: datetime | None = None


@dataclass(frozen=True)
class ListPage(Generic[T]):
    """One page of a list, newest first; ``next_cursor`` opens the next one (None: last)."""

    items: Sequence[T]
    next_cursor: str | None


def _scope(viewer: User) -> Q | None:
    """The condition of the responses (and invitations) ``viewer`` may see: None for all,
    ``Q(pk__in=[])`` for none (the rule of the module docstring)."""
    if not can_view_feedback(viewer):
        return Q(pk__in=[])
    if viewer.role in (Role.ADMIN, Role.MARKETER):
        return None
    if viewer.role not in TICKET_STAFF:
        return Q(pk__in=[])
    # A literal list of ids (read once per request), as the ticket list does.
    mine = Q(team_id__in=viewer_team_ids(viewer)) | Q(agent_id=viewer.pk)
    return mine | Q(team__isnull=True) if viewer.role == Role.MANAGER else mine


def responses_visible(viewer: User) -> QuerySet[SurveyResponse]:
    """Return the responses ``viewer`` may see (the rule of the module docstring)."""
    scope = _scope(viewer)
    responses = SurveyResponse.objects.all()
    return responses if scope is None else responses.filter(scope)


def invitations_visible(viewer: User) -> QuerySet[SurveyInvitation]:
    """Return the invitations ``viewer`` may see: the same rule as the responses."""
    scope = _scope(viewer)
    invitations = SurveyInvitation.objects.all()
    return invitations if scope is None else invitations.filter(scope)


def mentions_visible(viewer: User) -> QuerySet[Mention]:
    """Return the mentions ``viewer`` may see: every one for active staff."""
    return Mention.objects.all() if can_view_feedback(viewer) else Mention.objects.none()


def language_condition(code: str) -> Q:
    """Match a base language code with every regional variant ("pt" finds "pt-BR")."""
    return Q(language=code) | Q(language__startswith=f"{code}-")


def score_condition(score: ScoreFilter) -> Q:
    """The condition of a score filter (see :class:`ScoreFilter`)."""
    if score.band == "low":
        return Q(is_low=True)
    if score.band == "high":
        return high_scores()
    return Q(score__gte=score.lowest, score__lte=score.highest)


def response_conditions(filters: ResponseFilters, *, with_period: bool = True) -> Q:
    """The condition of every filter but the period when ``with_period`` is False (the
    metrics choose their own periods)."""
    condition = Q()
    if filters.kind:
        condition &= Q(kind=filters.kind)
    if filters.score is not None:
        condition &= score_condition(filters.score)
    condition &= market_conditions(filters)
    if with_period and filters.answered_from is not None:
        condition &= Q(answered_at__gte=filters.answered_from)
    if with_period and filters.answered_before is not None:
        condition &= Q(answered_at__lt=filters.answered_before)
    return condition


def market_conditions(filters: ResponseFilters) -> Q:
    """The language, country, team and agent filters, which invitations share."""
    condition = Q()
    if filters.language:
        condition &= language_condition(filters.language)
    if filters.country:
        condition &= Q(country=filters.country)
    if filters.team is not None:
        condition &= Q(team=filters.team)
    if filters.agent is not None:
        condition &= Q(agent=filters.agent)
    return condition


def _cursor_for(moment: datetime, uid: uuid.UUID) -> str:
    return signing.dumps([moment.isoformat(), str(uid)], salt=_CURSOR_SALT)


def _after_cursor(cursor: str, field: str) -> Q:
    """The rows after ``cursor`` in newest-first (``field``, uid) order."""
    try:
        moment_text, uid_text = signing.loads(cursor, salt=_CURSOR_SALT)
        moment, uid = datetime.fromisoformat(moment_text), uuid.UUID(uid_text)
    except (signing.BadSignature, ValueError, TypeError):
        raise DomainError(
            _("The cursor is not valid. Start again from the first page."), code="invalid_cursor"
        ) from None
    return Q(**{f"{field}__lt": moment}) | Q(**{field: moment, "uid__lt": uid})


def _page(rows: QuerySet[M], *, field: str, cursor: str, limit: int) -> ListPage[M]:
    """One keyset page, newest first on (``field``, uid): an index range scan at any
    depth (the ``response_list_order`` / ``mention_list_order`` indexes)."""
    ordered = rows.order_by(f"-{field}", "-uid")
    if cursor:
        ordered = ordered.filter(_after_cursor(cursor, field))
    found = list(ordered[: limit + 1])
    shown = found[:limit]
    last = shown[-1] if len(found) > limit else None
    next_cursor = None if last is None else _cursor_for(getattr(last, field), last.uid)  # type: ignore[attr-defined]
    return ListPage(shown, next_cursor)


def response_rows(*, viewer: User, filters: ResponseFilters) -> QuerySet[SurveyResponse]:
    """Return the responses ``viewer`` may see that match ``filters``, with what the
    export writes of each (customer, team, agent, ticket, follow-up) joined in one query."""
    return (
        responses_visible(viewer)
        .filter(response_conditions(filters))
        .select_related("customer", "team", "agent", "ticket", "follow_up_ticket")
    )


# What the list shows of a response's team, agent and ticket, read apart for a page: a
# join of each costs PostgreSQL more planning than the page's rows cost reading.
_LISTED = (
    Prefetch("team", queryset=Team.objects.only("pk", "name")),
    Prefetch("agent", queryset=User.objects.only("pk", "username", "first_name", "last_name")),
    Prefetch("ticket", queryset=Ticket.objects.only("pk", "uid", "number")),
)


def response_list_rows(*, viewer: User, filters: ResponseFilters) -> QuerySet[SurveyResponse]:
    """Return the responses ``viewer`` may see that match ``filters`` as the list shows
    them: the customer joined, the team, agent and ticket of a page read apart (one
    query each, whatever the rows)."""
    return (
        responses_visible(viewer)
        .filter(response_conditions(filters))
        .select_related("customer")
        .prefetch_related(*_LISTED)
    )


def response_list(
    *, viewer: User, filters: ResponseFilters, cursor: str = "", limit: int = PAGE_SIZE
) -> ListPage[SurveyResponse]:
    """Return one page of the responses ``viewer`` may see matching ``filters``, newest
    answer first. Raises DomainError (code ``invalid_cursor``) for a forged cursor."""
    rows = response_list_rows(viewer=viewer, filters=filters)
    return _page(rows, field="answered_at", cursor=cursor, limit=limit)


def response_get(*, viewer: User, uid: str) -> SurveyResponse:
    """Return one response by public id; NotFound when missing or outside the viewer's
    reach alike."""
    try:
        return (
            responses_visible(viewer)
            .select_related("customer", "team", "agent", "ticket", "follow_up_ticket", "survey")
            .get(uid=uuid.UUID(str(uid)))
        )
    except (ValueError, SurveyResponse.DoesNotExist):
        raise NotFound("response") from None


def mention_rows(*, viewer: User, filters: MentionFilters) -> QuerySet[Mention]:
    """Return the mentions matching ``filters`` with their source, customer and ticket."""
    condition = Q()
    if filters.source_uid:
        condition &= Q(source__uid=filters.source_uid)
    if filters.frustration_level:
        condition &= Q(frustration_level=filters.frustration_level)
    if filters.language:
        condition &= language_condition(filters.language)
    if filters.published_from is not None:
        condition &= Q(published_at__gte=filters.published_from)
    if filters.published_before is not None:
        condition &= Q(published_at__lt=filters.published_before)
    return mentions_visible(viewer).filter(condition).select_related("source", "customer", "ticket")


def mention_list(
    *, viewer: User, filters: MentionFilters, cursor: str = "", limit: int = PAGE_SIZE
) -> ListPage[Mention]:
    """Return one page of the mentions matching ``filters``, newest first."""
    rows = mention_rows(viewer=viewer, filters=filters)
    return _page(rows, field="published_at", cursor=cursor, limit=limit)


def mention_get(*, viewer: User, uid: str) -> Mention:
    """Return one mention by public id, or raise NotFound."""
    try:
        return (
            mentions_visible(viewer)
            .select_related("source", "customer", "ticket")
            .get(uid=uuid.UUID(str(uid)))
        )
    except (ValueError, Mention.DoesNotExist):
        raise NotFound("mention") from None


@lru_cache(maxsize=512)
def _score_text(score: int, top: int, language: str) -> str:
    """ "4 / 5" with the numbers as ``language`` writes them (a list shows fifty)."""
    with translation.override(language):
        return _("%(score)s / %(scale)s") % {
            "score": format_number(score, language),
            "scale": format_number(top, language),
        }


@lru_cache(maxsize=32)
def _kind_names(language: str) -> dict[str, str]:
    """Each survey kind's name in ``language``, read once."""
    with translation.override(language):
        return {kind.value: str(kind.label) for kind in SurveyKind}


@dataclass(frozen=True)
class ResponseLine:
    """A response as pages show it: its score on its scale in the active language
    ("4 / 5") and what the score means ("Satisfied")."""

    response: SurveyResponse
    label: str
    scale_max: int
    score_text: str
    kind_name: str

    @classmethod
    def of(cls, response: SurveyResponse) -> ResponseLine:
        top = SCALES.get(response.kind, (0, 0))[1]
        language = translation.get_language() or settings.LANGUAGE_CODE
        return cls(
            response,
            str(score_label(response.kind, response.score)),
            top,
            _score_text(response.score, top, language),
            _kind_names(language).get(response.kind, response.kind),
        )


def ticket_responses(*, ticket: Ticket) -> list[ResponseLine]:
    """Return the responses about ``ticket``, oldest answer first, for its page: whoever
    may see a ticket sees what its customer answered about it (the ticket page has
    checked that before asking)."""
    responses = (
        SurveyResponse.objects.filter(ticket=ticket)
        .select_related("follow_up_ticket")
        .order_by("answered_at", "uid")
    )
    return [ResponseLine.of(response) for response in responses]


def ticket_panel_context(viewer: User, ticket: Ticket) -> dict[str, object] | None:
    """The ticket page's feedback panel: the ticket's responses; None (no panel) when
    there are none."""
    lines = ticket_responses(ticket=ticket)
    return {"lines": lines} if lines else None


def filter_teams(*, viewer: User) -> QuerySet[Team]:
    """Return the teams the team filter offers ``viewer``: every team to those who see
    every response, their own teams to the others (one query)."""
    teams = Team.objects.order_by("name", "pk")
    if _scope(viewer) is None:
        return teams
    return teams.filter(pk__in=viewer_team_ids(viewer))


def mention_sources() -> list[tuple[uuid.UUID, str]]:
    """Return (uid, name) of every mention source, by name, for the source filter."""
    return list(MentionSource.objects.order_by("name").values_list("uid", "name"))


def filter_agents(*, viewer: User) -> QuerySet[User]:
    """Return the people the agent filter offers ``viewer``: everyone who works on
    tickets, or the members of the viewer's teams and the viewer (one query)."""
    people = User.objects.filter(role__in=TICKET_STAFF).order_by("username")
    if _scope(viewer) is None:
        return people
    return people.filter(Q(teams__in=viewer_team_ids(viewer)) | Q(pk=viewer.pk)).distinct()


def summary_period(filters: ResponseFilters, *, now: datetime) -> Period:
    """Return the period the summary reports on: the filters' period; without an end,
    up to ``now``; without a start, the 30 days before the end."""
    end = filters.answered_before or now
    start = filters.answered_from or end - timedelta(days=DEFAULT_PERIOD_DAYS)
    return Period(start=start, end=end)


def feedback_summary(*, viewer: User, filters: ResponseFilters, period: Period) -> Summary:
    """Return CSAT %, NPS, CES and the response rate over ``period`` of what ``viewer``
    may see, overall and by market, each with its baseline (``metrics``). The filters
    other than the period narrow the responses; the invitations (response rate) are
    narrowed by kind, language, country, team and agent, a score being no invitation's."""
    responses = responses_visible(viewer).filter(response_conditions(filters, with_period=False))
    invited = market_conditions(filters) & (Q(kind=filters.kind) if filters.kind else Q())
    invitations = invitations_visible(viewer).filter(invited)
    return feedback_scores(responses, invitations, period)
