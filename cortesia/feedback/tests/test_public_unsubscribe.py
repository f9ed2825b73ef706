"""The "no more surveys" link: a page with a button (opening it changes nothing), and the
RFC 8058 one-click POST that a mail provider sends without a form token."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.test import Client

from cortesia.customers.consents import has_consent
from cortesia.customers.models import ConsentRecord, Customer
from cortesia.feedback.tests import answer_fixtures as cast
from cortesia.feedback.tests.answer_fixtures import Sent

own_data_dir, giulia, ticket, csat, sent = (
    cast.own_data_dir,
    cast.giulia,
    cast.ticket,
    cast.csat,
    cast.sent,
)
ONE_CLICK = "List-Unsubscribe=One-Click"


def _withdrawals(customer: Customer) -> list[tuple[str, str, str, str]]:
    return list(
        ConsentRecord.objects.filter(customer=customer).values_list(
            "purpose", "channel", "status", "source"
        )
    )


def test_opening_the_link_asks_first_and_changes_nothing(sent: Sent) -> None:
    response = Client().get(f"{sent.url}unsubscribe/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="survey-unsubscribe-confirm"' in page
    assert '<input type="hidden" name="List-Unsubscribe" value="One-Click">' in page
    assert _withdrawals(sent.invitation.customer) == []


def test_a_one_click_post_without_a_form_token_says_no_to_surveys_once(sent: Sent) -> None:
    client = Client(enforce_csrf_checks=True)
    path = f"{sent.url}unsubscribe/"
    answers = [
        client.post(path, ONE_CLICK, content_type="application/x-www-form-urlencoded")
        for _ in range(2)
    ]
    assert [answer.status_code for answer in answers] == [200, 200]
    assert 'data-testid="survey-unsubscribed"' in answers[1].content.decode()
    customer = sent.invitation.customer
    assert _withdrawals(customer) == [("surveys", "email", "withdrawn", "form")]
    assert has_consent(customer=customer, purpose="surveys", channel="email") is False


def test_the_link_still_works_after_the_survey_expired(sent: Sent) -> None:
    later = sent.expires_at + timedelta(days=60)
    with time_machine.travel(later, tick=False):
        response = Client().post(f"{sent.url}unsubscribe/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert _withdrawals(sent.invitation.customer) == [("surveys", "email", "withdrawn", "form")]


def test_an_unknown_link_unsubscribes_nobody(sent: Sent) -> None:
    response = Client().post(f"/survey/{'x' * 43}/unsubscribe/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 404
    assert 'data-testid="survey-not-found"' in response.content.decode()
    assert ConsentRecord.objects.count() == 0


def test_the_page_speaks_arabic_right_to_left(sent: Sent) -> None:
    sent.invitation.language = "ar"
    sent.invitation.save(update_fields=["language"])
    page = Client().get(f"{sent.url}unsubscribe/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
