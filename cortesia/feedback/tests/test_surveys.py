"""The survey services: create, change, switch, delete, with their validation and audit."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine

from cortesia.accounts.models import Role, Team, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors, Forbidden
from cortesia.customers.models import Customer, Segment
from cortesia.customers.segments import SegmentData, segment_create
from cortesia.customers.services import CustomerData, customer_create
from cortesia.feedback.models import (
    InvitationState,
    Survey,
    SurveyInvitation,
    SurveyText,
)
from cortesia.feedback.surveys import (
    SurveyData,
    survey_create,
    survey_data_of,
    survey_delete,
    survey_get,
    survey_list,
    survey_switch,
    survey_update,
)
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
# CSAT: six fixed keys and five labels, six languages × two registers.
CSAT_SEEDED = (6 + 5) * 6 * 2


def data(**changes: Any) -> SurveyData:
    return replace(
        SurveyData(name="After a ticket", kind="csat", trigger="ticket_solved"), **changes
    )


@pytest.fixture
def manager(db: None) -> User:
    return make_user("mara", Role.MANAGER)


@pytest.fixture
def segment(db: None) -> Segment:
    return segment_create(
        data=SegmentData(
            name="Loyal",
            rules={"op": "and", "rules": [{"field": "country", "operator": "in", "value": ["IT"]}]},
        ),
        actor=Actor.system(),
    )


def _audits() -> list[dict[str, Any]]:
    rows = AuditEvent.objects.filter(object_type="survey").order_by("id")
    return [row.data for row in rows]


def _invite(survey: Survey, *, sent: bool) -> SurveyInvitation:
    customer = customer_create(
        data=CustomerData(given_name="Giulia", emails=[f"{uuid.uuid4().hex[:8]}@example.it"]),
        actor=Actor.system(),
    )
    return SurveyInvitation.objects.create(
        uid=uuid.uuid4(),
        survey=survey,
        kind=survey.kind,
        customer=customer,
        channel="email",
        dedupe_key=f"test:{uuid.uuid4()}",
        state=InvitationState.SENT if sent else InvitationState.SCHEDULED,
        trigger_at=NOW,
        scheduled_for=NOW,
        time_zone="Europe/Rome",
        zone_source="customer",
        sent_at=NOW if sent else None,
    )


def test_create_seeds_the_shipped_texts_and_writes_one_audit_row(manager: User) -> None:
    survey = survey_create(data=data(), actor=Actor(manager))

    assert (survey.name, survey.kind, survey.is_active, survey.delay_minutes) == (
        "After a ticket",
        "csat",
        True,
        120,
    )
    assert SurveyText.objects.filter(survey=survey).count() == CSAT_SEEDED
    assert _audits() == [{"change": "created", "seeded": CSAT_SEEDED, "texts": 0}]
    assert AuditEvent.objects.get(object_type="survey").actor == manager


def test_an_agent_may_not_create_a_survey(alice: User) -> None:
    with pytest.raises(Forbidden):
        survey_create(data=data(), actor=Actor(alice))

    assert Survey.objects.count() == 0
    assert _audits() == []


def test_a_name_taken_is_a_conflict_and_leaves_one_survey(manager: User) -> None:
    survey_create(data=data(), actor=Actor(manager))

    with pytest.raises(Conflict) as refused:
        survey_create(data=data(name="  After   a ticket "), actor=Actor(manager))

    assert (
        refused.value.message
        == "A survey named After a ticket already exists. Choose another name."
    )
    assert Survey.objects.count() == 1
    assert len(_audits()) == 1


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        pytest.param(
            {"delay_minutes": 10081},
            {"delay_minutes": "The delay is between 0 and 10080 minutes (one week)."},
            id="delay-over-a-week",
        ),
        pytest.param(
            {"kind": "hearts"}, {"kind": "Choose CSAT, CSAT good or bad, NPS or CES."}, id="kind"
        ),
        pytest.param(
            {"trigger": "moon"}, {"trigger": "Choose when the survey is sent."}, id="trigger"
        ),
        pytest.param(
            {"channel": "fax"},
            {"channel": "Choose e-mail, the customer portal or the API."},
            id="channel",
        ),
        pytest.param(
            {"trigger": "relationship"},
            {"segment": "A relationship survey is sent to a segment: choose one."},
            id="relationship-without-segment",
        ),
        pytest.param(
            {"channels": ("email", "pigeon")},
            {"channels": "pigeon is not a ticket channel."},
            id="ticket-channel",
        ),
        pytest.param(
            {"languages": ("it", "xx-notalang")},
            {"languages": "xx-notalang is not a known language code."},
            id="language",
        ),
        pytest.param(
            {"countries": ("IT", "ZZ")},
            {"countries": "ZZ is not an ISO 3166 country code."},
            id="country",
        ),
        pytest.param(
            {"team_uids": (str(uuid.uuid4()),)},
            {"teams": "One of the teams does not exist."},
            id="team",
        ),
        pytest.param(
            {"low_score_max": 5},
            {"low_score_max": "A low score is between 1 and 4 on this scale."},
            id="low-score-outside-scale",
        ),
        pytest.param({"name": "   "}, {"name": "Give the survey a name."}, id="name"),
    ],
)
def test_bad_definitions_are_refused_field_by_field(
    manager: User, changes: dict[str, Any], errors: dict[str, str]
) -> None:
    with pytest.raises(FieldErrors) as refused:
        survey_create(data=data(**changes), actor=Actor(manager))

    assert refused.value.errors == errors
    assert Survey.objects.count() == 0
    assert _audits() == []


def test_relationship_every_days_out_of_range(manager: User, segment: Segment) -> None:
    with pytest.raises(FieldErrors) as refused:
        survey_create(
            data=data(trigger="relationship", segment_uid=str(segment.uid), every_days=0),
            actor=Actor(manager),
        )

    assert refused.value.errors == {
        "every_days": "A relationship survey runs every 1 to 3650 days."
    }


@time_machine.travel(NOW, tick=False)
def test_a_relationship_survey_runs_now_and_sooner_when_its_period_shortens(
    manager: User, segment: Segment
) -> None:
    survey = survey_create(
        data=data(kind="nps", trigger="relationship", segment_uid=str(segment.uid), every_days=90),
        actor=Actor(manager),
    )
    assert (survey.segment, survey.next_run_at) == (segment, NOW)

    Survey.objects.filter(pk=survey.pk).update(next_run_at=NOW + timedelta(days=80))
    survey = survey_get(actor=Actor(manager), uid=str(survey.uid))
    survey_update(
        survey=survey, data=replace(survey_data_of(survey), every_days=30), actor=Actor(manager)
    )

    survey.refresh_from_db()
    assert survey.next_run_at == NOW + timedelta(days=30)
    assert _audits()[-1] == {
        "change": "changed",
        "fields": ["every_days", "next_run_at"],
        "seeded": 0,
        "texts": 0,
    }


def test_conditions_are_cleaned_and_teams_kept(manager: User, team_rome: Team) -> None:
    survey = survey_create(
        data=data(
            team_uids=(str(team_rome.uid),),
            channels=("email", "chat", "email"),
            languages=("IT", "fi"),
            countries=("it", "sa"),
            tags=(" VIP ", "vip", "Gold"),
        ),
        actor=Actor(manager),
    )

    assert list(survey.teams.all()) == [team_rome]
    assert (survey.channels, survey.languages, survey.countries, survey.tags) == (
        ["email", "chat"],
        ["it", "fi"],
        ["IT", "SA"],
        ["vip", "gold"],
    )


def test_a_new_kind_replaces_the_question_and_the_labels(manager: User) -> None:
    survey = survey_create(data=data(), actor=Actor(manager))
    SurveyText.objects.filter(survey=survey, key="thanks", language="en", register="formal").update(
        text="Thank you kindly."
    )

    survey_update(
        survey=survey, data=replace(survey_data_of(survey), kind="nps"), actor=Actor(manager)
    )

    keys = set(SurveyText.objects.filter(survey=survey).values_list("key", flat=True))
    assert sorted(k for k in keys if k.startswith("label.")) == ["label.0", "label.10"]
    # The business's own thank-you stays: only the question and the labels changed meaning.
    assert (
        SurveyText.objects.get(survey=survey, key="thanks", language="en", register="formal").text
        == "Thank you kindly."
    )
    assert SurveyText.objects.filter(survey=survey).count() == (6 + 2) * 6 * 2
    assert _audits()[-1]["fields"] == ["kind"]


def test_nothing_changed_still_records_who_saved(manager: User) -> None:
    survey = survey_create(data=data(), actor=Actor(manager))

    survey_update(survey=survey, data=survey_data_of(survey), actor=Actor(manager))

    assert _audits()[-1] == {"change": "changed", "fields": [], "seeded": 0, "texts": 0}


def test_switch_off_and_on(manager: User) -> None:
    survey = survey_create(data=data(), actor=Actor(manager))

    survey_switch(survey=survey, active=False, actor=Actor(manager))
    survey_switch(survey=survey, active=False, actor=Actor(manager))  # already off: no row
    survey_switch(survey=survey, active=True, actor=Actor(manager))

    survey.refresh_from_db()
    assert survey.is_active is True
    assert [row["change"] for row in _audits()] == ["created", "switched_off", "switched_on"]


def test_a_survey_without_its_site_language_text_cannot_be_switched_on(manager: User) -> None:
    survey = survey_create(data=data(), actor=Actor(manager))
    survey_switch(survey=survey, active=False, actor=Actor(manager))
    SurveyText.objects.filter(survey=survey, key="thanks", language="en").delete()

    with pytest.raises(FieldErrors) as refused:
        survey_switch(survey=survey, active=True, actor=Actor(manager))

    assert list(refused.value.errors) == ["texts.thanks"]
    assert refused.value.errors["texts.thanks"].startswith(
        "The text thanks needs a variant in en, the site language, for every register"
    )
    survey.refresh_from_db()
    assert survey.is_active is False
    assert [row["change"] for row in _audits()] == ["created", "switched_off"]


def test_delete_a_survey_that_never_sent(manager: User) -> None:
    survey = survey_create(data=data(), actor=Actor(manager))
    scheduled = _invite(survey, sent=False)

    survey_delete(survey=survey, actor=Actor(manager))

    assert Survey.objects.count() == 0
    assert SurveyText.objects.count() == 0
    assert not SurveyInvitation.objects.filter(pk=scheduled.pk).exists()
    assert _audits()[-1] == {"change": "deleted", "name": "After a ticket", "kind": "csat"}


def test_a_survey_that_sent_is_switched_off_not_deleted(manager: User) -> None:
    survey = survey_create(data=data(), actor=Actor(manager))
    _invite(survey, sent=True)

    with pytest.raises(Conflict) as refused:
        survey_delete(survey=survey, actor=Actor(manager))

    assert refused.value.code == "survey_sent"
    assert "Switch it off instead of deleting it." in refused.value.message
    assert Survey.objects.count() == 1
    assert [row["change"] for row in _audits()] == ["created"]


def test_an_agent_may_read_but_not_delete(manager: User, alice: User) -> None:
    survey = survey_create(data=data(), actor=Actor(manager))

    assert [s.name for s in survey_list(actor=Actor(alice))] == ["After a ticket"]
    with pytest.raises(Forbidden):
        survey_delete(survey=survey, actor=Actor(alice))
    assert Survey.objects.count() == 1


def test_the_list_counts_sent_and_answered(manager: User) -> None:
    survey = survey_create(data=data(), actor=Actor(manager))
    _invite(survey, sent=True)
    answered = _invite(survey, sent=True)
    SurveyInvitation.objects.filter(pk=answered.pk).update(answered_at=NOW, state="answered")
    _invite(survey, sent=False)

    [row] = survey_list(actor=Actor(manager))
    assert (row.sent_count, row.answered_count) == (2, 1)  # type: ignore[attr-defined]


def test_customers_are_not_touched(manager: User) -> None:
    survey_create(data=data(), actor=Actor(manager))
    assert Customer.objects.count() == 0
