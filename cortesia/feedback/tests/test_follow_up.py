"""The follow-up of a low score: one ticket for the team, in the customer's language,
linked to the original, and one notification per manager of the team; opened by a task
queued when the answer commits, once however often it runs."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.db import transaction
from pytest_django import DjangoCaptureOnCommitCallbacks

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_member_add
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.feedback.answers import response_change, response_record
from cortesia.feedback.follow_up import follow_up_run
from cortesia.feedback.models import SurveyResponse
from cortesia.feedback.tests import answer_fixtures as cast
from cortesia.feedback.tests.answer_fixtures import invitation_send, open_ticket, survey_of
from cortesia.notifications.models import Kind, Notification
from cortesia.notifications.sentences import sentence_text
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket, TicketLink, TicketMessage

own_data_dir, giulia, marco = cast.own_data_dir, cast.giulia, cast.marco

Committed = Callable[[], AbstractContextManager[object]]


@pytest.fixture
def committed(django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks) -> Committed:
    """Inside it, what is queued for after the commit runs when it ends (as the task
    worker would run it once the answer has committed)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def emma(db: None) -> Customer:
    return customer_create(
        data=CustomerData(
            given_name="Emma",
            surname="Hill",
            country="GB",
            language="en",
            emails=["emma@example.co.uk"],
        ),
        actor=Actor.system(),
    )


@pytest.fixture
def nadia(team_riyadh: Team) -> User:
    """A manager of another team."""
    user = make_user("nadia", Role.MANAGER)
    team_member_add(team=team_riyadh, user=user, actor=Actor.system())
    return user


def _answer(
    customer: Customer,
    team: Team,
    score: int,
    comment: str = "",
    *,
    follow_up_low: bool = True,
    committed: Committed,
) -> SurveyResponse:
    original = open_ticket(customer, team, "Order late")
    survey = survey_of("csat", follow_up_low=follow_up_low)
    sent = invitation_send(survey=survey, customer=customer, ticket=original)
    with committed():
        return response_record(
            invitation=sent.invitation, score=score, comment=comment, answers={}, via="page"
        )


def _follow_ups() -> list[Ticket]:
    return list(Ticket.objects.exclude(subject="Order late").order_by("pk"))


def test_a_low_score_opens_one_linked_ticket_for_the_team(
    emma: Customer, team_rome: Team, marco: User, alice: User, nadia: User, committed: Committed
) -> None:
    # When Emma scores 2 of 5 with a comment
    response = _answer(emma, team_rome, 2, "Nobody called me back.", committed=committed)
    # Then one follow-up ticket is open for team Rome, in English, with her words
    [follow_up] = _follow_ups()
    original = response.ticket
    assert original is not None
    assert (
        follow_up.subject,
        follow_up.language,
        follow_up.channel,
        follow_up.team_id,
        follow_up.customer_id,
    ) == (
        f"Low survey score 2 of 5 on ticket #{original.number}",
        "en",
        "web",
        team_rome.pk,
        emma.pk,
    )
    assert list(
        TicketMessage.objects.filter(ticket=follow_up).values_list(
            "kind", "author_kind", "body_text"
        )
    ) == [("reply", "customer", "Nobody called me back.")]
    first, second = sorted((follow_up.pk, original.pk))
    assert TicketLink.objects.filter(first_id=first, second_id=second).count() == 1
    assert SurveyResponse.objects.get().follow_up_ticket_id == follow_up.pk
    # And the manager of team Rome alone is told, once
    notes = list(Notification.objects.filter(kind=Kind.SURVEY_LOW))
    assert [(n.recipient_id, n.ticket_id) for n in notes] == [(marco.pk, follow_up.pk)]
    assert sentence_text(notes[0]) == (
        f"A customer scored ticket #{original.number} 2 of 5 in the survey After a ticket "
        f"(csat); follow it up in ticket #{follow_up.number} “{follow_up.subject}”."
    )


def test_without_a_comment_the_ticket_starts_with_a_note(
    emma: Customer, team_rome: Team, committed: Committed
) -> None:
    _answer(emma, team_rome, 1, committed=committed)
    [follow_up] = _follow_ups()
    assert list(
        TicketMessage.objects.filter(ticket=follow_up).values_list(
            "kind", "author_kind", "body_text"
        )
    ) == [("note", "system", "The customer gave a low score and wrote no comment.")]


def test_the_ticket_speaks_the_customers_language(
    giulia: Customer, team_rome: Team, committed: Committed
) -> None:
    _answer(giulia, team_rome, 2, "Nessuno mi ha richiamato.", committed=committed)
    assert [ticket.language for ticket in _follow_ups()] == ["it"]


def test_an_answer_collected_by_an_api_client_opens_an_api_ticket(
    emma: Customer, team_rome: Team, committed: Committed
) -> None:
    sent = invitation_send(
        survey=survey_of("nps"), customer=emma, ticket=open_ticket(emma, team_rome, "Order late")
    )
    with committed():
        response_record(invitation=sent.invitation, score=3, comment="", answers={}, via="api")
    assert [
        (t.channel, t.subject.startswith("Low survey score 3 of 10")) for t in _follow_ups()
    ] == [("api", True)]


def test_a_good_score_opens_nothing_and_tells_nobody(
    emma: Customer, team_rome: Team, marco: User, committed: Committed
) -> None:
    _answer(emma, team_rome, 3, committed=committed)
    assert (_follow_ups(), Notification.objects.filter(kind=Kind.SURVEY_LOW).count()) == ([], 0)


def test_a_changed_answer_never_opens_a_second_ticket(
    emma: Customer, team_rome: Team, marco: User, committed: Committed
) -> None:
    response = _answer(emma, team_rome, 1, "Male.", committed=committed)
    with committed():
        response_change(response=response, score=2, comment="Still bad.", answers={})
    with committed():
        response_change(response=response, score=5, comment="", answers={})
    with committed():
        response_change(response=response, score=1, comment="", answers={})
    assert len(_follow_ups()) == 1
    assert Notification.objects.filter(kind=Kind.SURVEY_LOW).count() == 1


def test_an_answer_changed_to_low_opens_the_first_follow_up(
    emma: Customer, team_rome: Team, committed: Committed
) -> None:
    response = _answer(emma, team_rome, 5, committed=committed)
    with committed():
        response_change(response=response, score=2, comment="Changed my mind.", answers={})
    [follow_up] = _follow_ups()
    assert SurveyResponse.objects.get().follow_up_ticket_id == follow_up.pk


def test_a_survey_without_follow_up_tells_the_managers_about_the_original(
    emma: Customer, team_rome: Team, marco: User, committed: Committed
) -> None:
    response = _answer(emma, team_rome, 1, follow_up_low=False, committed=committed)
    assert _follow_ups() == []
    original = response.ticket
    assert original is not None
    notes = list(Notification.objects.filter(kind=Kind.SURVEY_LOW))
    assert [(n.recipient_id, n.ticket_id) for n in notes] == [(marco.pk, original.pk)]
    assert sentence_text(notes[0]) == (
        "A customer gave a score of 1 of 5 in the survey After a ticket (csat); "
        f"see ticket #{original.number} “Order late”."
    )


def test_the_answer_commits_before_the_ticket_is_opened(
    emma: Customer,
    team_rome: Team,
    marco: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    sent = invitation_send(
        survey=survey_of("csat"), customer=emma, ticket=open_ticket(emma, team_rome, "Order late")
    )
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = response_record(
            invitation=sent.invitation, score=1, comment="", answers={}, via="page"
        )
    # The answer is stored with its follow-up queued, not opened
    assert (len(queued), _follow_ups(), Notification.objects.count()) == (1, [], 0)
    assert SurveyResponse.objects.get().follow_up_ticket_id is None
    # When the worker runs the task twice
    first = follow_up_run.call(response_id=response.pk)
    second = follow_up_run.call(response_id=response.pk)
    # Then one ticket is open and the manager is told once
    [follow_up] = _follow_ups()
    assert (first, second) == (str(follow_up.uid), None)
    assert SurveyResponse.objects.get().follow_up_ticket_id == follow_up.pk
    assert Notification.objects.filter(kind=Kind.SURVEY_LOW).count() == 1


def test_an_answer_changed_to_good_before_the_task_ran_opens_nothing(
    emma: Customer,
    team_rome: Team,
    marco: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    sent = invitation_send(
        survey=survey_of("csat"), customer=emma, ticket=open_ticket(emma, team_rome, "Order late")
    )
    with django_capture_on_commit_callbacks(execute=False):
        response = response_record(
            invitation=sent.invitation, score=1, comment="", answers={}, via="page"
        )
    response_change(response=response, score=5, comment="", answers={})
    assert follow_up_run.call(response_id=response.pk) is None
    assert (_follow_ups(), Notification.objects.count()) == ([], 0)


def test_an_answer_rolled_back_queues_no_follow_up(
    emma: Customer,
    team_rome: Team,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    sent = invitation_send(
        survey=survey_of("csat"), customer=emma, ticket=open_ticket(emma, team_rome, "Order late")
    )
    with django_capture_on_commit_callbacks(execute=True) as queued, pytest.raises(_RolledBack):
        _record_rolled_back(sent)
    assert (queued, _follow_ups(), SurveyResponse.objects.count()) == ([], [], 0)


class _RolledBack(Exception):
    """Raised to roll the caller's transaction back."""


def _record_rolled_back(sent: cast.Sent) -> None:
    """Record a low answer in a transaction that then rolls back."""
    with transaction.atomic():
        response_record(invitation=sent.invitation, score=1, comment="", answers={}, via="page")
        raise _RolledBack
