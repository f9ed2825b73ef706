"""Recording and changing a survey answer (``answers``): what is stored, what is refused
and stores nothing, and one response per invitation."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from cortesia.accounts.models import User
from cortesia.core.errors import RateLimited
from cortesia.customers.models import ConsentRecord, Customer, CustomerEvent
from cortesia.feedback.answer_checks import Answer, AnswerInvalid
from cortesia.feedback.answers import (
    ANSWERS_PER_IP,
    AlreadyAnswered,
    ChangeClosed,
    LinkExpired,
    Standing,
    answer_submit,
    invitation_standing,
    response_change,
    response_record,
    surveys_unsubscribe,
)
from cortesia.feedback.models import InvitationState, SurveyInvitation, SurveyResponse
from cortesia.feedback.surveys import QuestionData
from cortesia.feedback.tests import answer_fixtures as cast
from cortesia.feedback.tests.answer_fixtures import Sent, invitation_send, survey_of
from cortesia.tickets.models import Ticket

# The cast's fixtures, under the names the tests ask for.
own_data_dir, giulia, ticket, csat, sent = (
    cast.own_data_dir,
    cast.giulia,
    cast.ticket,
    cast.csat,
    cast.sent,
)


def _answered_events(customer: Customer) -> list[dict[str, object]]:
    return list(
        CustomerEvent.objects.filter(
            customer=customer, kind=CustomerEvent.Kind.SURVEY_ANSWERED
        ).values_list("data", flat=True)
    )


def test_an_answer_is_stored_with_the_invitations_facts(sent: Sent, ticket: Ticket) -> None:
    # Given an invitation sent about a ticket of team Rome
    invitation = sent.invitation
    now = sent.sent_at + timedelta(hours=3)
    # When the customer answers 4 with a comment
    response = response_record(
        invitation=invitation,
        score=4,
        comment="  Grazie, tutto bene.  ",
        answers={},
        via=SurveyResponse.Via.PAGE,
        now=now,
    )
    # Then the response copies the reporting facts and the invitation is answered
    stored = SurveyResponse.objects.get()
    assert (
        stored.pk,
        stored.score,
        stored.comment,
        stored.answers,
        stored.kind,
        stored.via,
        stored.is_low,
        stored.answered_at,
        stored.changed_at,
        stored.follow_up_ticket_id,
    ) == (response.pk, 4, "Grazie, tutto bene.", {}, "csat", "page", False, now, None, None)
    assert (
        stored.customer_id,
        stored.ticket_id,
        stored.team_id,
        stored.agent_id,
        stored.channel,
        stored.country,
        stored.sent_at,
    ) == (
        invitation.customer_id,
        ticket.pk,
        ticket.team_id,
        ticket.assignee_id,
        "email",
        "IT",
        invitation.sent_at,
    )
    invitation.refresh_from_db()
    assert (invitation.state, invitation.answered_at) == (InvitationState.ANSWERED, now)
    assert _answered_events(invitation.customer) == [
        {
            "survey": "After a ticket (csat)",
            "kind": "csat",
            "score": 4,
            "comment": "Grazie, tutto bene.",
            "ticket": ticket.number,
            "response": str(stored.uid),
        }
    ]
    assert Ticket.objects.count() == 1  # a good score follows nothing up


def test_the_timeline_keeps_an_excerpt_of_a_long_comment(sent: Sent) -> None:
    response_record(invitation=sent.invitation, score=5, comment="a" * 900, answers={}, via="page")
    assert _answered_events(sent.invitation.customer)[0]["comment"] == "a" * 200
    assert SurveyResponse.objects.get().comment == "a" * 900


def _nothing_stored(sent: Sent) -> None:
    sent.invitation.refresh_from_db()
    assert (SurveyResponse.objects.count(), sent.invitation.state) == (0, InvitationState.SENT)
    assert _answered_events(sent.invitation.customer) == []


@pytest.mark.parametrize("score", [0, 6, -1, 99, True])
def test_a_score_outside_the_scale_is_refused_and_nothing_is_stored(sent: Sent, score: int) -> None:
    with pytest.raises(AnswerInvalid) as refused:
        response_record(invitation=sent.invitation, score=score, comment="", answers={}, via="page")
    assert (refused.value.status, list(refused.value.errors)) == (422, ["score"])
    _nothing_stored(sent)


@pytest.mark.parametrize(
    ("_case", "answers", "fields"),
    [
        ("unknown choice", {"q1": "colour", "q2": 3}, ["q1"]),
        ("scale point too high", {"q1": "speed", "q2": 6}, ["q2"]),
        ("scale point as text", {"q1": "speed", "q2": "3"}, ["q2"]),
        ("required question missing", {"q2": 3}, ["q1"]),
        ("a question the survey has not", {"q1": "speed", "q9": "x"}, ["answers"]),
        ("text too long", {"q1": "speed", "q3": "x" * 2001}, ["q3"]),
    ],
)
def test_extra_answers_are_checked_per_question(
    giulia: Customer, _case: str, answers: dict[str, str | int], fields: list[str]
) -> None:
    survey = survey_of(
        "nps",
        questions=(
            QuestionData(1, "choice", ("speed", "price"), is_required=True),
            QuestionData(2, "scale", scale_min=1, scale_max=5),
            QuestionData(3, "text"),
        ),
    )
    sent = invitation_send(survey=survey, customer=giulia)
    with pytest.raises(AnswerInvalid) as refused:
        response_record(
            invitation=sent.invitation,
            score=9,
            comment="",
            answers=answers,
            via="page",
        )
    assert sorted(refused.value.errors) == fields
    _nothing_stored(sent)


def test_extra_answers_are_stored_as_given(giulia: Customer) -> None:
    survey = survey_of(
        "nps",
        questions=(
            QuestionData(1, "choice", ("speed", "price")),
            QuestionData(2, "scale", scale_min=1, scale_max=5),
            QuestionData(3, "text"),
        ),
    )
    sent = invitation_send(survey=survey, customer=giulia)
    response_record(
        invitation=sent.invitation,
        score=10,
        comment="",
        answers={"q1": "price", "q2": 5, "q3": " Veloci. "},
        via="api",
    )
    assert SurveyResponse.objects.get().answers == {"q1": "price", "q2": 5, "q3": "Veloci."}


def test_a_comment_longer_than_5000_characters_is_refused(sent: Sent) -> None:
    with pytest.raises(AnswerInvalid) as refused:
        response_record(
            invitation=sent.invitation, score=3, comment="x" * 5001, answers={}, via="page"
        )
    assert list(refused.value.errors) == ["comment"]
    _nothing_stored(sent)


def test_an_expired_link_records_nothing(sent: Sent) -> None:
    later = sent.expires_at + timedelta(seconds=1)
    with pytest.raises(LinkExpired):
        response_record(
            invitation=sent.invitation, score=5, comment="", answers={}, via="page", now=later
        )
    _nothing_stored(sent)


def test_a_second_record_is_refused_and_the_first_answer_stays(sent: Sent) -> None:
    response_record(invitation=sent.invitation, score=5, comment="", answers={}, via="page")
    fresh = SurveyInvitation.objects.get(pk=sent.invitation.pk)
    fresh.state = InvitationState.SENT  # a stale copy, as a second request would hold
    with pytest.raises(AlreadyAnswered):
        response_record(invitation=fresh, score=1, comment="", answers={}, via="api")
    assert list(SurveyResponse.objects.values_list("score", "via")) == [(5, "page")]


def test_an_answer_changes_within_the_days_allowed_then_no_more(sent: Sent) -> None:
    # Given an answer of 5 recorded at the first instant
    first = sent.sent_at + timedelta(hours=1)
    response = response_record(
        invitation=sent.invitation, score=5, comment="", answers={}, via="page", now=first
    )
    # When it is changed 6 days later
    changed = first + timedelta(days=6, hours=23)
    response_change(response=response, score=3, comment="Ci ho ripensato.", answers={}, now=changed)
    # Then it holds the new answer, with the first answer's instant kept
    stored = SurveyResponse.objects.get()
    assert (stored.score, stored.comment, stored.answered_at, stored.changed_at) == (
        3,
        "Ci ho ripensato.",
        first,
        changed,
    )
    assert [event["score"] for event in _answered_events(stored.customer)] == [5, 3]
    # And 7 days after the first answer it can no longer be changed
    with pytest.raises(ChangeClosed):
        response_change(
            response=stored, score=1, comment="", answers={}, now=first + timedelta(days=7)
        )
    assert SurveyResponse.objects.get().score == 3


def test_the_same_answer_sent_again_changes_nothing(sent: Sent) -> None:
    # Given an answer recorded (a double click sends the same form twice)
    first = sent.sent_at + timedelta(hours=1)
    response = response_record(
        invitation=sent.invitation, score=4, comment="Bene.", answers={}, via="page", now=first
    )
    # When the same answer comes again a second later
    response_change(
        response=response,
        score=4,
        comment="Bene.",
        answers={},
        now=first + timedelta(seconds=1),
    )
    # Then the response is not marked changed and the timeline has one entry
    stored = SurveyResponse.objects.get()
    assert (stored.score, stored.changed_at) == (4, None)
    assert [event["score"] for event in _answered_events(stored.customer)] == [4]


def test_a_form_sent_twice_leaves_one_response_with_the_last_answer(sent: Sent) -> None:
    for score in (2, 4):
        answer_submit(
            invitation=SurveyInvitation.objects.get(pk=sent.invitation.pk),
            answer=Answer(score=score),
            via="page",
            client_ip="203.0.113.7",
        )
    assert list(SurveyResponse.objects.values_list("score", flat=True)) == [4]


def test_the_answer_form_is_limited_per_client_address(sent: Sent) -> None:
    for _ in range(ANSWERS_PER_IP.limit):
        with pytest.raises(AnswerInvalid):
            answer_submit(
                invitation=sent.invitation,
                answer=Answer(score=9),
                via="page",
                client_ip="198.51.100.4",
            )
    with pytest.raises(RateLimited):
        answer_submit(
            invitation=sent.invitation, answer=Answer(score=5), via="page", client_ip="198.51.100.4"
        )
    # another address is not held back
    answer_submit(invitation=sent.invitation, answer=Answer(score=5), via="page", client_ip="::1")
    assert SurveyResponse.objects.count() == 1


def test_where_an_invitation_stands(sent: Sent) -> None:
    invitation, sent_at = sent.invitation, sent.sent_at
    assert invitation_standing(invitation, now=sent_at + timedelta(days=29)) == Standing.OPEN
    assert invitation_standing(invitation, now=sent_at + timedelta(days=30)) == Standing.EXPIRED
    response_record(invitation=invitation, score=4, comment="", answers={}, via="page", now=sent_at)
    invitation.refresh_from_db()
    assert invitation_standing(invitation, now=sent_at + timedelta(days=6)) == Standing.CHANGEABLE
    assert invitation_standing(invitation, now=sent_at + timedelta(days=7)) == Standing.CLOSED


def test_saying_no_to_surveys_is_recorded_once(sent: Sent) -> None:
    assert surveys_unsubscribe(invitation=sent.invitation, text_shown="No more surveys.") is True
    assert surveys_unsubscribe(invitation=sent.invitation, text_shown="No more surveys.") is False
    assert list(
        ConsentRecord.objects.values_list("purpose", "channel", "status", "source", "text_shown")
    ) == [("surveys", "email", "withdrawn", "form", "No more surveys.")]


def test_no_staff_user_is_recorded_as_the_author(sent: Sent, alice: User) -> None:
    with time_machine.travel(sent.invitation.sent_at, tick=False):
        response_record(invitation=sent.invitation, score=5, comment="", answers={}, via="page")
    assert list(
        CustomerEvent.objects.filter(kind=CustomerEvent.Kind.SURVEY_ANSWERED).values_list(
            "actor", flat=True
        )
    ) == [None]


def test_a_link_expired_by_the_scanner_after_the_page_was_read_records_nothing(
    sent: Sent,
) -> None:
    # Given the page read the invitation as sent, and the expiry scan then closed it
    SurveyInvitation.objects.filter(pk=sent.invitation.pk).update(state=InvitationState.EXPIRED)
    # When the form is sent
    with pytest.raises(LinkExpired):
        answer_submit(
            invitation=sent.invitation, answer=Answer(score=4), via="page", client_ip="::1"
        )
    # Then nothing is stored
    assert SurveyResponse.objects.count() == 0
