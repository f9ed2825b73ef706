"""Who reads which response, invitation and mention; the filters; the keyset pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cortesia.accounts.models import Role, Team, User
from cortesia.core.errors import DomainError, NotFound
from cortesia.feedback.models import SurveyKind, SurveyResponse
from cortesia.feedback.selectors import (
    MentionFilters,
    ResponseFilters,
    ScoreFilter,
    invitations_visible,
    mention_get,
    mention_list,
    response_get,
    response_list,
    responses_visible,
)
from cortesia.feedback.tests import staff_rows
from cortesia.testing.fixtures import make_user

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 11, 10, 12, tzinfo=UTC)


@pytest.fixture
def responses(team_rome: Team, team_riyadh: Team) -> dict[str, SurveyResponse]:
    """One response per case: Rome's, Riyadh's, one with no team, and one of Riyadh about
    an agent of Rome (who served the customer before the ticket moved)."""
    giulia = staff_rows.customer()
    served_by = make_user("served_by")
    team_rome.members.add(served_by)
    return {
        "rome": staff_rows.response(giulia, score=5, answered_at=NOON, team=team_rome),
        "riyadh": staff_rows.response(giulia, score=4, answered_at=NOON, team=team_riyadh),
        "none": staff_rows.response(giulia, score=3, answered_at=NOON),
        "about_me": staff_rows.response(
            giulia, score=2, answered_at=NOON, team=team_riyadh, agent=served_by
        ),
    }


def _viewer(role: Role, teams: list[Team], name: str = "viewer") -> User:
    viewer = make_user(name, role)
    for team in teams:
        team.members.add(viewer)
    return viewer


@pytest.mark.parametrize(
    ("_case", "role", "in_rome", "expected"),
    [
        ("administrator: all", Role.ADMIN, False, {"rome", "riyadh", "none", "about_me"}),
        ("marketer: all", Role.MARKETER, False, {"rome", "riyadh", "none", "about_me"}),
        ("manager of Rome: Rome's and no team's", Role.MANAGER, True, {"rome", "none"}),
        ("agent of Rome: Rome's", Role.AGENT, True, {"rome"}),
        ("agent of no team: none", Role.AGENT, False, set()),
    ],
)
def test_each_role_sees_its_responses_and_invitations(
    _case: str,
    role: Role,
    in_rome: bool,
    expected: set[str],
    responses: dict[str, SurveyResponse],
    team_rome: Team,
) -> None:
    viewer = _viewer(role, [team_rome] if in_rome else [])
    uids = {str(r.uid): name for name, r in responses.items()}
    seen = {uids[str(uid)] for uid in responses_visible(viewer).values_list("uid", flat=True)}
    invited = {responses[name].invitation_id for name in expected}
    assert seen == expected
    assert set(invitations_visible(viewer).values_list("pk", flat=True)) == invited


def test_an_agent_sees_the_responses_about_themselves_in_another_team(
    responses: dict[str, SurveyResponse],
) -> None:
    served_by = User.objects.get(username="served_by")
    seen = set(responses_visible(served_by).values_list("uid", flat=True))
    assert seen == {responses["rome"].uid, responses["about_me"].uid}


def test_an_inactive_account_sees_nothing(responses: dict[str, SurveyResponse]) -> None:
    admin = make_user("gone", Role.ADMIN)
    admin.is_active = False
    assert list(responses_visible(admin)) == []


def test_a_hidden_response_is_not_found_like_a_missing_one(
    responses: dict[str, SurveyResponse], team_rome: Team
) -> None:
    agent = _viewer(Role.AGENT, [team_rome])
    assert response_get(viewer=agent, uid=str(responses["rome"].uid)) == responses["rome"]
    for uid in (str(responses["riyadh"].uid), "00000000-0000-0000-0000-000000000000", "x"):
        with pytest.raises(NotFound):
            response_get(viewer=agent, uid=uid)


@pytest.fixture
def varied(team_rome: Team, alice: User) -> dict[str, SurveyResponse]:
    giulia = staff_rows.customer()
    layla = staff_rows.customer("Layla", "SA", "ar")
    return {
        "csat5": staff_rows.response(
            giulia, score=5, answered_at=NOON, language="it", country="IT", team=team_rome
        ),
        "nps3": staff_rows.response(
            giulia,
            kind=SurveyKind.NPS,
            score=3,
            answered_at=NOON - timedelta(days=5),
            language="it-CH",
            country="CH",
            agent=alice,
        ),
        "nps9": staff_rows.response(
            layla, kind=SurveyKind.NPS, score=9, answered_at=NOON, language="ar", country="SA"
        ),
        "ces6": staff_rows.response(
            layla, kind=SurveyKind.CES, score=6, answered_at=NOON + timedelta(days=1)
        ),
    }


@pytest.mark.parametrize(
    ("_case", "filters", "expected"),
    [
        ("no filter", {}, ["ces6", "csat5", "nps9", "nps3"]),
        ("kind", {"kind": "nps"}, ["nps9", "nps3"]),
        ("exact score", {"score": ScoreFilter(lowest=9, highest=9)}, ["nps9"]),
        ("score range", {"score": ScoreFilter(lowest=3, highest=6)}, ["ces6", "csat5", "nps3"]),
        ("low scores", {"score": ScoreFilter(band="low")}, ["nps3"]),
        ("positive scores", {"score": ScoreFilter(band="high")}, ["ces6", "csat5", "nps9"]),
        ("base language finds its regions", {"language": "it"}, ["csat5", "nps3"]),
        ("country", {"country": "SA"}, ["nps9"]),
        (
            "period",
            {
                "answered_from": NOON - timedelta(days=1),
                "answered_before": NOON + timedelta(hours=1),
            },
            ["csat5", "nps9"],
        ),
    ],
)
def test_the_response_filters(
    _case: str,
    filters: dict[str, object],
    expected: list[str],
    varied: dict[str, SurveyResponse],
    admin_user: User,
) -> None:
    names = {r.pk: name for name, r in varied.items()}
    page = response_list(viewer=admin_user, filters=ResponseFilters(**filters))  # type: ignore[arg-type]
    # newest first; the same instant by uid, descending
    ordered = sorted(varied.values(), key=lambda r: (r.answered_at, str(r.uid)), reverse=True)
    order = [names[r.pk] for r in ordered]
    assert [names[r.pk] for r in page.items] == sorted(expected, key=order.index)


def test_the_team_and_agent_filters(
    varied: dict[str, SurveyResponse], admin_user: User, team_rome: Team, alice: User
) -> None:
    by_team = response_list(viewer=admin_user, filters=ResponseFilters(team=team_rome))
    by_agent = response_list(viewer=admin_user, filters=ResponseFilters(agent=alice))
    assert [r.uid for r in by_team.items] == [varied["csat5"].uid]
    assert [r.uid for r in by_agent.items] == [varied["nps3"].uid]


def test_pages_follow_each_other_without_gaps_or_repeats(admin_user: User) -> None:
    giulia = staff_rows.customer()
    made = [
        staff_rows.response(giulia, score=4, answered_at=NOON + timedelta(minutes=i // 2))
        for i in range(7)
    ]
    expected = [r.uid for r in sorted(made, key=lambda r: (r.answered_at, r.uid.hex), reverse=True)]
    seen, cursor = [], ""
    for _ in range(4):
        page = response_list(viewer=admin_user, filters=ResponseFilters(), cursor=cursor, limit=3)
        seen += [r.uid for r in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == expected
    assert page.next_cursor is None


def test_a_forged_cursor_is_refused(admin_user: User) -> None:
    with pytest.raises(DomainError) as refused:
        response_list(viewer=admin_user, filters=ResponseFilters(), cursor="forged:abc")
    assert refused.value.code == "invalid_cursor"


def test_mentions_are_seen_by_all_staff_and_filtered(mia: User, alice: User) -> None:
    other = staff_rows.source("App Store", "app_store")
    angry = staff_rows.mention(text="Never again!", published_at=NOON, level="high", language="en")
    calm = staff_rows.mention(
        text="Fine.", published_at=NOON - timedelta(days=1), origin=other, language="fi"
    )
    everything = mention_list(viewer=mia, filters=MentionFilters())
    assert [m.uid for m in everything.items] == [angry.uid, calm.uid]
    cases = {
        "high": MentionFilters(frustration_level="high"),
        "source": MentionFilters(source_uid=str(other.uid)),
        "language": MentionFilters(language="fi"),
        "period": MentionFilters(published_from=NOON),
    }
    found = {
        name: [m.uid for m in mention_list(viewer=alice, filters=f).items]
        for name, f in cases.items()
    }
    assert found == {
        "high": [angry.uid],
        "source": [calm.uid],
        "language": [calm.uid],
        "period": [angry.uid],
    }
    assert mention_get(viewer=alice, uid=str(angry.uid)) == angry
    with pytest.raises(NotFound):
        mention_get(viewer=alice, uid="not-a-uid")
