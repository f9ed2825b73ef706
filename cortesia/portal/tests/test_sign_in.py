from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client

from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_update
from cortesia.portal.models import SignInLink
from cortesia.portal.tests.conftest import page_bytes, signed_in

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
LINK = re.compile(r"http://127\.0\.0\.1:8000(/portal/sign-in/[A-Za-z0-9_-]{43}/)")


@pytest.fixture
def ask(django_capture_on_commit_callbacks: Any) -> Callable[[Client, str], str]:
    """Ask for a link; the mail leaves when the request's transaction commits."""

    def asking(client: Client, address: str) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/portal/sign-in/", {"email": address})
        assert response.status_code == 302
        return str(response["Location"])

    return asking


@time_machine.travel(NOW, tick=False)
def test_a_customer_gets_the_link_in_their_language_and_register(
    giulia: Customer, ask: Callable[[Client, str], str]
) -> None:
    assert ask(Client(), "Giulia@Example.it") == "/portal/sign-in/sent/"
    [sent] = mail.outbox
    link = LINK.search(str(sent.body))
    assert link is not None
    assert sent.to == ["giulia@example.it"]
    assert sent.subject == "Il Suo link di accesso"
    assert sent.body == (
        "Gentile Signora Rossi,\n\n"
        "Ecco il Suo link per accedere e seguire le Sue richieste. Funziona una sola volta, "
        "fino a mercoledì 25 novembre 2026 10:30 (Roma):\n\n"
        f"http://127.0.0.1:8000{link.group(1)}\n\n"
        "Se non l'ha richiesto, ignori questa e-mail: senza il link nessuno può accedere.\n\n"
        "Cordiali saluti,\n"
        "Cortesia"
    )
    assert (sent.extra_headers["Auto-Submitted"], sent.extra_headers["Content-Language"]) == (
        "auto-generated",
        "it",
    )


@time_machine.travel(NOW, tick=False)
def test_the_link_mail_states_the_expiry_in_the_customers_own_time(
    omar: Customer, ask: Callable[[Client, str], str]
) -> None:
    customer_update(
        customer=omar,
        data=CustomerData(register_preference="informal"),
        expected_version=None,
        actor=Actor.system(),
    )
    ask(Client(), "omar@example.sa")
    [sent] = mail.outbox
    assert "الأربعاء، 25 نوفمبر 2026، 12:30 م (الرياض)" in sent.body
    assert sent.extra_headers["Content-Language"] == "ar"


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    giulia: Customer, ask: Callable[[Client, str], str]
) -> None:
    client = Client()
    known = client.get(ask(client, "giulia@example.it"))
    unknown = client.get(ask(client, "nobody@example.it"))
    assert page_bytes(known.content) == page_bytes(unknown.content)
    assert [sent.to for sent in mail.outbox] == [["giulia@example.it"]]
    assert SignInLink.objects.count() == 1


def test_an_address_gets_at_most_five_links_an_hour(
    giulia: Customer, ask: Callable[[Client, str], str]
) -> None:
    for attempt in range(7):
        assert ask(Client(REMOTE_ADDR=f"10.0.0.{attempt}"), "giulia@example.it").endswith("/sent/")
    assert len(mail.outbox) == 5


def test_one_client_may_ask_twenty_times_an_hour(
    giulia: Customer, ask: Callable[[Client, str], str]
) -> None:
    client = Client()
    for number in range(20):
        ask(client, f"someone{number}@example.it")
    response = client.post("/portal/sign-in/", {"email": "giulia@example.it"})
    assert response.status_code == 429
    assert b"Too many requests" in response.content
    assert mail.outbox == []


def test_an_invalid_address_is_a_form_error(db: None) -> None:
    response = Client().post("/portal/sign-in/", {"email": "not an address"})
    assert response.status_code == 400
    assert b"Enter a valid email address." in response.content


def test_opening_the_link_asks_before_signing_in(
    giulia: Customer, ask: Callable[[Client, str], str]
) -> None:
    client = Client()
    ask(client, "giulia@example.it")
    link = LINK.search(str(mail.outbox[0].body))
    assert link is not None
    shown = client.get(link.group(1))
    assert shown.status_code == 200
    assert shown["Referrer-Policy"] == "same-origin"
    assert b'data-testid="portal-confirm"' in shown.content
    assert SignInLink.objects.get().used_at is None  # a mail scanner's visit uses nothing
    assert client.get("/portal/").status_code == 302
    before = client.session.session_key
    signed = client.post(link.group(1))
    assert (signed.status_code, signed["Location"]) == (302, "/portal/")
    assert client.session.session_key != before
    assert client.get("/portal/").status_code == 200
    again = Client().post(link.group(1))
    assert again.status_code == 404
    assert b'data-testid="portal-link-invalid"' in again.content


def test_the_link_page_speaks_the_customers_language_not_the_browsers(
    giulia: Customer, ask: Callable[[Client, str], str]
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    ask(client, "giulia@example.it")
    link = LINK.search(str(mail.outbox[0].body))
    assert link is not None
    shown = client.get(link.group(1))
    assert (shown.status_code, shown["Content-Language"]) == (200, "it")
    assert '<html lang="it" dir="ltr">' in shown.content.decode()
    assert "<h1>Accedi</h1>" in shown.content.decode()
    assert ">Accesso alle mie richieste</button>" in shown.content.decode()
    assert SignInLink.objects.get().used_at is None


@pytest.mark.parametrize("how", ["used", "expired"])
def test_a_dead_link_says_so_in_its_customers_language(
    giulia: Customer, ask: Callable[[Client, str], str], how: str
) -> None:
    # given a link of an Italian customer that was used up or ran out
    with time_machine.travel(NOW, tick=False):
        ask(Client(), "giulia@example.it")
    link = LINK.search(str(mail.outbox[0].body))
    assert link is not None
    later = NOW + timedelta(minutes=31 if how == "expired" else 1)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    with time_machine.travel(later, tick=False):
        if how == "used":
            assert Client().post(link.group(1)).status_code == 302
        # when an English browser opens it
        shown = client.get(link.group(1))
    # then the page is Italian, and nobody is signed in
    assert (shown.status_code, shown["Content-Language"]) == (404, "it")
    assert "<h1>Questo link non funziona più</h1>" in shown.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/portal/").status_code == 302


def test_a_token_never_issued_gets_the_browsers_language(db: None) -> None:
    shown = Client(HTTP_ACCEPT_LANGUAGE="it").get("/portal/sign-in/" + "x" * 43 + "/")
    assert (shown.status_code, shown["Content-Language"]) == (404, "it")
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/portal/sign-in/" + "x" * 43 + "/")
    assert (english.status_code, english["Content-Language"]) == (404, "en")
    assert "<h1>This link no longer works</h1>" in english.content.decode()


def test_signing_out_ends_the_portal_session(giulia: Customer) -> None:
    client = signed_in(giulia)
    assert client.post("/portal/sign-out/").status_code == 302
    response = client.get("/portal/")
    assert (response.status_code, response["Location"]) == (302, "/portal/sign-in/")


def test_the_session_ends_when_the_address_leaves_the_customer(giulia: Customer) -> None:
    client = signed_in(giulia)
    customer_update(
        customer=giulia,
        data=CustomerData(emails=["giulia.rossi@example.it"]),
        expected_version=None,
        actor=Actor.system(),
    )
    response = client.get("/portal/")
    assert (response.status_code, response["Location"]) == (302, "/portal/sign-in/")


@pytest.mark.parametrize("path", ["/portal/", "/portal/requests/x/", "/portal/sign-in/sent/"])
def test_portal_pages_need_no_staff_login(db: None, path: str) -> None:
    response = Client().get(path)
    assert not str(response.get("Location", "")).startswith("/login/")
