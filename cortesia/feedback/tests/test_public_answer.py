"""The survey page a mail's links open: opening it records nothing, sending it records
one answer; bad, expired and old links get clear pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.feedback.dispatch import invitations_dispatch
from cortesia.feedback.models import InvitationState, SurveyInvitation, SurveyResponse
from cortesia.feedback.public_views import invitation_wording, text_values
from cortesia.feedback.settings_access import feedback_settings
from cortesia.feedback.tests import answer_fixtures as cast
from cortesia.feedback.tests.answer_fixtures import Sent, invitation_send, survey_of
from cortesia.localization.templatetags.culture_formats import local_date
from cortesia.mail.mailboxes import mailbox_create
from cortesia.mail.models import OutboundMail
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import TicketChanges, ticket_update

own_data_dir, giulia, omar, ticket, csat, sent = (
    cast.own_data_dir,
    cast.giulia,
    cast.omar,
    cast.ticket,
    cast.csat,
    cast.sent,
)
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def _page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _checked(page: str) -> list[str]:
    return re.findall(r'name="score" id="score-\d+" value="(\d+)" checked', page)


def _form(client: Client, path: str, **fields: str) -> dict[str, str]:
    page = client.get(path).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    return {"csrfmiddlewaretoken": token.group(1), **fields}


def test_the_mails_score_is_chosen_and_nothing_is_recorded(
    sent: Sent, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = Client()
    feedback_settings()  # the business's row, as it is once anything has read it
    # the invitation with its survey and customer; the register defaults, the survey's
    # texts, the settings, the questions, the ticket with its team and the company's name
    with django_assert_num_queries(7):
        response = client.get(f"{sent.url}?score=4")
    page = response.content.decode()
    assert response.status_code == 200
    assert _checked(page) == ["4"]
    assert re.findall(r'name="score" id="score-(\d+)"', page) == ["1", "2", "3", "4", "5"]
    wording = invitation_wording(sent.invitation)
    assert escape(wording.text("question", text_values(sent.invitation))) in page
    assert escape(wording.text("label.5")) in page
    assert 'name="comment"' in page
    assert '<html lang="it" dir="ltr">' in page
    assert (response["Referrer-Policy"], response["Cache-Control"]) == ("same-origin", "no-store")
    assert [piece for piece in ("<script", "style=", " onclick") if piece in page] == []
    assert SurveyResponse.objects.count() == 0
    sent.invitation.refresh_from_db()
    assert sent.invitation.state == InvitationState.SENT


@pytest.mark.parametrize("score", ["9", "-1", "abc", "", "4.5", "٤"])
def test_a_score_the_scale_has_not_chooses_nothing(sent: Sent, score: str) -> None:
    assert _checked(_page(Client(), f"{sent.url}?score={score}")) == []


def test_sending_the_form_records_the_answer_and_thanks(sent: Sent) -> None:
    client = Client(enforce_csrf_checks=True)
    data = _form(client, sent.url, score="4", comment="Tutto bene, grazie.")
    response = client.post(sent.url, data)
    assert (response.status_code, response["Location"]) == (302, sent.url)
    stored = SurveyResponse.objects.get()
    assert (stored.score, stored.comment, stored.via) == (4, "Tutto bene, grazie.", "page")
    page = _page(client, sent.url)
    thanks = invitation_wording(sent.invitation).text("thanks", text_values(sent.invitation))
    assert escape(thanks) in page
    assert 'data-testid="survey-follow-up"' not in page
    assert _checked(page) == ["4"]


def test_a_low_score_also_says_someone_will_follow_up(
    sent: Sent, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    client = Client()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post(sent.url, {"score": "1", "comment": ""})
    # the page's answer does not wait for the follow-up: it is opened once committed
    assert (len(queued), Ticket.objects.count()) == (1, 1)
    page = _page(client, sent.url)
    wording = invitation_wording(sent.invitation)
    assert escape(wording.text("follow_up", text_values(sent.invitation))) in page
    queued[0]()
    assert Ticket.objects.count() == 2  # the original and its follow-up


def test_a_score_outside_the_scale_shows_the_form_again_with_422(sent: Sent) -> None:
    response = Client().post(sent.url, {"score": "6", "comment": "Ottimo"})
    page = response.content.decode()
    assert response.status_code == 422
    assert 'data-testid="score-error"' in page
    assert "Ottimo</textarea>" in page
    assert SurveyResponse.objects.count() == 0


def test_a_form_without_a_score_is_refused(sent: Sent) -> None:
    response = Client().post(sent.url, {"comment": "?"})
    assert response.status_code == 400
    assert SurveyResponse.objects.count() == 0


def test_a_form_without_its_security_token_records_nothing(sent: Sent) -> None:
    response = Client(enforce_csrf_checks=True).post(sent.url, {"score": "5"})
    assert response.status_code == 403
    assert SurveyResponse.objects.count() == 0


def test_an_answer_changes_within_seven_days_and_then_is_closed(sent: Sent) -> None:
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post(sent.url, {"score": "5"})
    with time_machine.travel(start + timedelta(days=6), tick=False):
        assert client.post(sent.url, {"score": "3", "comment": "Meh"}).status_code == 302
    with time_machine.travel(start + timedelta(days=7), tick=False):
        page = client.get(sent.url)
        refused = client.post(sent.url, {"score": "1"})
    assert (page.status_code, refused.status_code) == (200, 409)
    assert 'data-testid="survey-answered"' in page.content.decode()
    stored = SurveyResponse.objects.get()
    assert (stored.score, stored.comment, stored.answered_at) == (3, "Meh", start)


def test_an_expired_link_says_so_and_records_nothing(sent: Sent) -> None:
    later = sent.expires_at + timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        page = Client().get(f"{sent.url}?score=5")
        post = Client().post(sent.url, {"score": "5"})
    assert (page.status_code, post.status_code) == (410, 410)
    assert 'data-testid="survey-expired"' in page.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_unknown_forged_and_malformed_links_get_the_same_page(
    sent: Sent, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = Client()
    forged = sent.token[:-1] + ("A" if sent.token[-1] != "A" else "B")
    pages = [client.get(f"/survey/{token}/?score=5") for token in (forged, "x" * 43)]
    with django_assert_num_queries(0):
        pages += [client.get(f"/survey/{token}/") for token in ("bad!token", "a" * 101, "ä" * 43)]
    assert [page.status_code for page in pages] == [404] * 5
    assert len({page.content for page in pages}) == 1
    assert 'data-testid="survey-not-found"' in pages[0].content.decode()
    assert client.post(f"/survey/{forged}/", {"score": "5"}).status_code == 404
    assert SurveyResponse.objects.count() == 0


def test_a_scheduled_invitation_has_no_page(sent: Sent) -> None:
    SurveyInvitation.objects.filter(pk=sent.invitation.pk).update(state=InvitationState.SCHEDULED)
    assert Client().get(sent.url).status_code == 404


def test_the_arabic_page_reads_right_to_left(omar: Customer) -> None:
    sent = invitation_send(survey=survey_of("nps"), customer=omar)
    page = _page(Client(), f"{sent.url}?score=10")
    assert '<html lang="ar" dir="rtl">' in page
    assert _checked(page) == ["10"]


def test_the_page_speaks_the_language_the_mail_was_written_in(omar: Customer, csat: object) -> None:
    sent = invitation_send(survey=survey_of("ces"), customer=omar, language="en", register="formal")
    page = _page(Client(HTTP_ACCEPT_LANGUAGE="fi"), sent.url)
    assert '<html lang="en" dir="ltr">' in page


def test_extra_questions_are_asked_and_stored(giulia: Customer) -> None:
    from cortesia.feedback.surveys import QuestionData

    survey = survey_of(
        "csat",
        ask_comment=False,
        questions=(
            QuestionData(1, "choice", ("speed", "price"), is_required=True),
            QuestionData(2, "scale", scale_min=1, scale_max=3),
        ),
    )
    sent = invitation_send(survey=survey, customer=giulia)
    page = _page(Client(), sent.url)
    assert 'name="comment"' not in page
    assert ("Choice speed" in page, 'name="q2"' in page) == (True, True)
    refused = Client().post(sent.url, {"score": "5", "q2": "2"})
    assert refused.status_code == 400  # the required question
    Client().post(sent.url, {"score": "5", "q1": "price", "q2": "2"})
    assert SurveyResponse.objects.get().answers == {"q1": "price", "q2": 2}


def test_opening_every_link_of_a_real_mail_records_nothing(
    giulia: Customer, team_rome: Team
) -> None:
    # Given a survey mail sent by the dispatcher for a solved ticket
    survey_of("csat")
    mailbox_create(
        name="support", address="support@example.com", team=team_rome, actor=Actor.system()
    )
    ticket = cast.open_ticket(giulia, team_rome)
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(status=Ticket.Status.SOLVED),
        expected_version=None,
        actor=Actor.system(),
    )
    invitation = SurveyInvitation.objects.get()
    assert invitations_dispatch(now=invitation.scheduled_for) == 1
    mail = OutboundMail.objects.get(kind=OutboundMail.Kind.SURVEY)
    links = set(re.findall(r"https?://[^\s\"<>]+", mail.body_text + mail.body_html))
    paths = sorted({re.sub(r"^https?://[^/]+", "", link).replace("&amp;", "&") for link in links})
    # When a scanner opens each of them
    statuses = [Client().get(path).status_code for path in paths]
    # Then every link works, and nothing is recorded
    assert len(paths) == 6  # five scores and the unsubscribe page
    assert statuses == [200] * 6
    invitation.refresh_from_db()
    assert (SurveyResponse.objects.count(), invitation.state) == (0, InvitationState.SENT)
    assert not giulia.consents.exists()


def test_the_31st_send_in_an_hour_from_one_address_is_429(sent: Sent) -> None:
    client = Client(REMOTE_ADDR="198.51.100.23")
    statuses = [client.post(sent.url, {"score": "9"}).status_code for _ in range(30)]
    refused = client.post(sent.url, {"score": "5"})
    assert statuses == [422] * 30
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert SurveyResponse.objects.count() == 0


def test_after_an_answer_the_arabic_page_dates_the_change_window_in_arabic(
    omar: Customer,
) -> None:
    sent = invitation_send(survey=survey_of("csat"), customer=omar, language="ar")
    client = Client()
    answered_at = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(answered_at, tick=False):
        client.post(sent.url, {"score": "5"})
        page = _page(client, sent.url)
    with translation.override("ar"), timezone.override("Europe/Rome"):
        until = local_date(answered_at + timedelta(days=7))
    assert '<html lang="ar" dir="rtl">' in page
    assert until in page
    assert until != "2026-11-09"
