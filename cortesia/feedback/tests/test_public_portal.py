"""Surveys in the customer portal: the signed-in customer's pending surveys on their home
page, answered there without a mailed link; another customer's are not there."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.customers.models import Customer
from cortesia.feedback.models import InvitationState, SurveyResponse
from cortesia.feedback.settings_access import feedback_settings
from cortesia.feedback.tests import answer_fixtures as cast
from cortesia.feedback.tests.answer_fixtures import Sent, invitation_send
from cortesia.portal.links import link_issue
from cortesia.tickets.models import Ticket

own_data_dir, giulia, omar, ticket, csat, sent = (
    cast.own_data_dir,
    cast.giulia,
    cast.omar,
    cast.ticket,
    cast.csat,
    cast.sent,
)


def signed_in(customer: Customer) -> Client:
    """A browser signed in to the portal as ``customer`` through a real link."""
    client = Client()
    address = customer.emails.values_list("address", flat=True)[0]
    token = link_issue(customer=customer, address=address).token
    assert client.post(f"/portal/sign-in/{token}/").status_code == 302
    return client


def test_the_home_page_lists_pending_surveys_of_every_channel(
    sent: Sent,
    giulia: Customer,
    omar: Customer,
    ticket: Ticket,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    survey = sent.invitation.survey
    portal = invitation_send(survey=survey, customer=giulia, channel="portal")
    invitation_send(survey=survey, customer=giulia, sent_at=sent.sent_at - timedelta(days=31))
    invitation_send(survey=survey, customer=omar, channel="portal")
    client = signed_in(giulia)
    client.get("/portal/")
    # the session, the customer by address, the requests' count and page, the pending
    # surveys with their tickets
    with django_assert_num_queries(5):
        page = client.get("/portal/").content.decode()
    assert page.count('data-testid="portal-survey-row"') == 2
    assert f'href="/portal/surveys/{sent.invitation.uid}/"' in page
    assert f'href="/portal/surveys/{portal.invitation.uid}/"' in page
    assert f"<bdi>#{ticket.number}</bdi>" in page


def test_a_customer_without_pending_surveys_sees_no_list(giulia: Customer) -> None:
    page = signed_in(giulia).get("/portal/").content.decode()
    assert 'data-testid="portal-surveys"' not in page


def test_a_portal_survey_is_answered_in_the_portal(giulia: Customer, csat: object) -> None:
    invitation = invitation_send(
        survey=cast.survey_of("nps"), customer=giulia, channel="portal"
    ).invitation
    client = signed_in(giulia)
    path = f"/portal/surveys/{invitation.uid}/"
    feedback_settings()
    page = client.get(path)
    assert page.status_code == 200
    assert 'data-testid="portal-survey"' in page.content.decode()
    answered = client.post(path, {"score": "9", "comment": "Bravi."})
    assert (answered.status_code, answered["Location"]) == (302, path)
    stored = SurveyResponse.objects.get()
    assert (stored.score, stored.comment, stored.via) == (9, "Bravi.", "portal")
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.ANSWERED
    assert 'data-testid="survey-thanks"' in client.get(path).content.decode()
    assert 'data-testid="portal-surveys"' not in client.get("/portal/").content.decode()


def test_another_customers_survey_is_not_there(sent: Sent, omar: Customer) -> None:
    client = signed_in(omar)
    path = f"/portal/surveys/{sent.invitation.uid}/"
    answers = [
        client.get(path),
        client.post(path, {"score": "1"}),
        client.get("/portal/surveys/x/"),
    ]
    assert [answer.status_code for answer in answers] == [404, 404, 404]
    assert SurveyResponse.objects.count() == 0


def test_signed_out_visitors_are_sent_to_sign_in(sent: Sent) -> None:
    response = Client().get(f"/portal/surveys/{sent.invitation.uid}/")
    assert (response.status_code, response["Location"]) == (302, "/portal/sign-in/")


def test_the_arabic_customer_answers_right_to_left(omar: Customer, csat: object) -> None:
    invitation = invitation_send(survey=cast.survey_of("ces"), customer=omar, channel="portal")
    page = signed_in(omar).get(f"/portal/surveys/{invitation.invitation.uid}/").content.decode()
    assert 'lang="ar" dir="rtl"' in page
