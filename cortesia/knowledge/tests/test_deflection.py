"""Deflection: an open without a request after it is a deflected request; the portal's
new-request form and the chat widget record opens only for their own session."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import ngettext

from cortesia.accounts.models import Team
from cortesia.chat.conversations import conversation_start
from cortesia.chat.models import Visitor, WidgetSite
from cortesia.chat.tests.conftest import new_visitor
from cortesia.chat.visitors import visitor_token
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.knowledge.deflection import (
    DeflectionRate,
    deflection_rate,
    portal_session,
    portal_session_token,
    request_sent,
    suggestion_opened,
    widget_session,
)
from cortesia.knowledge.models import SuggestionOpen
from cortesia.knowledge.tests.corpus import Corpus, corpus_build
from cortesia.portal.tests.conftest import signed_in
from cortesia.tickets.models import Ticket

pytestmark = [pytest.mark.django_db]

PORTAL, WIDGET = SuggestionOpen.Place.PORTAL, SuggestionOpen.Place.WIDGET
NOW = timezone.now().replace(microsecond=0)
DAY = timedelta(days=1)


@pytest.fixture
def corpus(db: None) -> Corpus:
    return corpus_build()


def rate() -> DeflectionRate:
    return deflection_rate(since=NOW - DAY, until=NOW + DAY)


def opened(corpus: Corpus, session: str, key: str = "returns", place: str = PORTAL) -> bool:
    return suggestion_opened(
        place=place,
        session=session,
        language="it",
        translation=corpus[(key, "it")],
        typed="come  restituire",
    )


def test_an_open_without_a_request_is_deflected(corpus: Corpus) -> None:
    assert opened(corpus, "a" * 64) is True
    assert rate() == DeflectionRate(sessions=1, deflected=1, rate=1.0)
    row = SuggestionOpen.objects.get()
    assert (row.place, row.language, row.typed, row.request_at) == (
        "portal",
        "it",
        "come restituire",
        None,
    )


def test_an_open_followed_by_the_request_is_not_deflected(corpus: Corpus) -> None:
    opened(corpus, "a" * 64)
    opened(corpus, "a" * 64, "shipping")
    opened(corpus, "b" * 64)
    assert request_sent(place=PORTAL, session="a" * 64, at=timezone.now()) == 2
    assert rate() == DeflectionRate(sessions=2, deflected=1, rate=0.5)
    # sending again marks nothing more
    assert request_sent(place=PORTAL, session="a" * 64, at=timezone.now()) == 0


def test_opening_the_same_suggestion_twice_counts_once(corpus: Corpus) -> None:
    assert [opened(corpus, "a" * 64), opened(corpus, "a" * 64)] == [True, False]
    assert SuggestionOpen.objects.count() == 1
    assert rate() == DeflectionRate(sessions=1, deflected=1, rate=1.0)


def test_another_sessions_request_marks_nothing(corpus: Corpus) -> None:
    opened(corpus, "a" * 64)
    assert request_sent(place=PORTAL, session="b" * 64, at=timezone.now()) == 0
    assert request_sent(place=WIDGET, session="a" * 64, at=timezone.now()) == 0
    assert SuggestionOpen.objects.get().request_at is None
    assert rate() == DeflectionRate(sessions=1, deflected=1, rate=1.0)


def test_a_request_a_day_later_does_not_undo_the_deflection(corpus: Corpus) -> None:
    with time_machine.travel(NOW - timedelta(hours=30), tick=False):
        opened(corpus, "a" * 64)
    assert request_sent(place=PORTAL, session="a" * 64, at=NOW) == 0
    assert deflection_rate(since=NOW - 2 * DAY, until=NOW) == DeflectionRate(1, 1, 1.0)


def test_the_rate_counts_the_period_and_the_place(corpus: Corpus) -> None:
    assert rate() == DeflectionRate(sessions=0, deflected=0, rate=None)
    opened(corpus, "a" * 64)
    opened(corpus, "a" * 64, place=WIDGET)  # the same digest elsewhere: another session
    request_sent(place=WIDGET, session="a" * 64, at=timezone.now())
    assert rate() == DeflectionRate(sessions=2, deflected=1, rate=0.5)
    assert deflection_rate(since=NOW - DAY, until=NOW + DAY, place=WIDGET) == DeflectionRate(
        1, 0, 0.0
    )
    assert deflection_rate(since=NOW + DAY, until=NOW + 2 * DAY) == DeflectionRate(0, 0, None)


def test_a_form_token_is_good_for_its_customer_only() -> None:
    token = portal_session_token(customer_uid="c1")
    session = portal_session(token=token, customer_uid="c1")
    assert session is not None
    assert len(session) == 64
    assert portal_session(token=token, customer_uid="c2") is None
    assert portal_session(token=token + "x", customer_uid="c1") is None
    assert portal_session(token=portal_session_token(customer_uid="c1"), customer_uid="c1") not in (
        None,
        session,
    )


# The portal's new-request form.


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(
            given_name="Giulia", country="IT", language="it", emails=["giulia@example.it"]
        ),
        actor=Actor.system(),
    )


@pytest.fixture
def omar(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Omar", language="ar", emails=["omar@example.sa"]),
        actor=Actor.system(),
    )


TOKEN = re.compile(r'name="suggestion_session" value="([^"]+)"')


def form_token(client: Client) -> str:
    page = client.get("/portal/requests/new/").content.decode()
    found = TOKEN.search(page)
    assert found is not None
    return found.group(1)


def test_the_form_suggests_articles_in_the_customers_language(
    corpus: Corpus, giulia: Customer
) -> None:
    client = signed_in(giulia)
    page = client.get("/portal/requests/new/").content.decode()
    assert 'data-suggestions-url="/portal/requests/suggestions/"' in page
    assert '<script src="/static/portal/suggestions.js" defer></script>' in page
    token = form_token(client)
    answer = client.get("/portal/requests/suggestions/", {"q": "spedizione", "session": token})
    returns = corpus[("shipping", "it")]
    with translation.override("it"):
        status_in_italian = ngettext(
            "%(count)d article may answer your question.",
            "%(count)d articles may answer your question.",
            1,
        ) % {"count": 1}
    assert answer.status_code == 200
    assert answer["Content-Language"] == "it"
    assert answer.json() == {
        "suggestions": [
            {
                "uid": str(returns.uid),
                "title": "Spedizione e tempi di consegna",
                "language": "it",
                "url": f"/portal/requests/suggestions/{returns.uid}/?"
                + urlencode({"session": token, "q": "spedizione"}),
            }
        ],
        "status": status_in_italian,
    }
    assert client.get("/portal/requests/suggestions/", {"q": "sp"}).json() == {
        "suggestions": [],
        "status": "",
    }


def test_a_customer_opens_a_suggestion_and_leaves(corpus: Corpus, giulia: Customer) -> None:
    client = signed_in(giulia)
    token = form_token(client)
    article = corpus[("returns", "it")]
    url = f"/portal/requests/suggestions/{article.uid}/"
    response = client.get(url, {"session": token, "q": "come restituire"})
    assert (response.status_code, response["Location"]) == (
        302,
        "/help/it/come-restituire-un-articolo",
    )
    client.get(url, {"session": token, "q": "come restituire"})  # a second click
    row = SuggestionOpen.objects.get()
    assert (row.place, row.translation_id, row.typed, row.request_at) == (
        "portal",
        article.pk,
        "come restituire",
        None,
    )
    assert row.session == portal_session(token=token, customer_uid=str(giulia.uid))
    assert rate() == DeflectionRate(1, 1, 1.0)


def test_sending_the_request_marks_the_forms_opens(
    corpus: Corpus, giulia: Customer, data_dir: Path
) -> None:
    client = signed_in(giulia)
    token = form_token(client)
    client.get(f"/portal/requests/suggestions/{corpus[('returns', 'it')].uid}/", {"session": token})
    other = form_token(client)  # another tab: another session
    client.get(
        f"/portal/requests/suggestions/{corpus[('shipping', 'it')].uid}/", {"session": other}
    )
    response = client.post(
        "/portal/requests/new/",
        {"subject": "Reso", "body": "Vorrei restituire le scarpe.", "suggestion_session": token},
    )
    ticket = Ticket.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/portal/requests/{ticket.uid}/")
    marked = dict(SuggestionOpen.objects.values_list("translation__title", "request_at"))
    assert marked["Come restituire un articolo"] is not None
    assert marked["Spedizione e tempi di consegna"] is None
    assert rate() == DeflectionRate(2, 1, 0.5)


def test_the_form_works_without_a_session(giulia: Customer, data_dir: Path) -> None:
    response = signed_in(giulia).post(
        "/portal/requests/new/", {"subject": "Reso", "body": "Vorrei restituire le scarpe."}
    )
    assert response.status_code == 302
    assert Ticket.objects.count() == 1
    assert SuggestionOpen.objects.count() == 0


def test_anonymous_visitors_get_no_suggestions_and_record_nothing(
    corpus: Corpus, client: Client
) -> None:
    answer = client.get("/portal/requests/suggestions/", {"q": "spedizione"})
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "forbidden"
    token = portal_session_token(customer_uid="anyone")
    response = client.get(
        f"/portal/requests/suggestions/{corpus[('returns', 'it')].uid}/", {"session": token}
    )
    assert (response.status_code, response["Location"]) == (302, "/portal/sign-in/")
    page = client.get("/portal/requests/new/").content.decode()
    assert "data-suggestions-url" not in page  # the public web form has no suggestions
    assert SuggestionOpen.objects.count() == 0


def test_another_customers_form_records_nothing(
    corpus: Corpus, giulia: Customer, omar: Customer
) -> None:
    token = form_token(signed_in(giulia))
    response = signed_in(omar).get(
        f"/portal/requests/suggestions/{corpus[('returns', 'it')].uid}/", {"session": token}
    )
    assert (response.status_code, response["Location"]) == (
        302,
        "/help/it/come-restituire-un-articolo",
    )
    assert SuggestionOpen.objects.count() == 0


def test_staff_only_and_draft_articles_are_never_opened(corpus: Corpus, giulia: Customer) -> None:
    client = signed_in(giulia)
    token = form_token(client)
    for key in (("refunds", "it"), ("gifts", "it")):
        url = f"/portal/requests/suggestions/{corpus[key].uid}/"
        assert client.get(url, {"session": token}).status_code == 404
    assert client.get("/portal/requests/suggestions/nope/").status_code == 404
    assert SuggestionOpen.objects.count() == 0


# The chat widget.

ORIGIN = "https://shop.example.com"


@pytest.fixture
def site(team_rome: Team) -> WidgetSite:
    return WidgetSite.objects.create(
        name="Shop", allowed_origins=[ORIGIN], default_language="en", team=team_rome
    )


@pytest.fixture
def giovanna(site: WidgetSite) -> Visitor:
    return new_visitor(site)  # her browser speaks Italian


def widget(client: Client, site: WidgetSite, path: str, token: str, **extra: Any) -> Any:
    headers = {"Origin": ORIGIN, "Authorization": f"Bearer {token}"}
    url = f"/chat/widget/{site.uid}/{path}"
    if "body" in extra:
        body = json.dumps(extra["body"])
        return client.post(url, body, content_type="application/json", headers=headers)
    return client.get(url, extra.get("query", {}), headers=headers)


def test_a_widget_visitor_gets_suggestions_and_their_chat_is_the_request(
    corpus: Corpus, client: Client, site: WidgetSite, giovanna: Visitor
) -> None:
    token = visitor_token(giovanna)
    answer = widget(client, site, "suggestions", token, query={"q": "spedizione"})
    shipping = corpus[("shipping", "it")]
    assert answer.status_code == 200
    assert answer["Access-Control-Allow-Origin"] == ORIGIN
    assert answer.json() == {
        "language": "it",
        "direction": "ltr",
        "suggestions": [
            {
                "uid": str(shipping.uid),
                "title": "Spedizione e tempi di consegna",
                "url": f"{settings.BASE_URL}/help/it/spedizione-e-tempi-di-consegna",
            }
        ],
    }
    body = {"article": str(shipping.uid), "typed": "spedizione"}
    recorded = [widget(client, site, "suggestions/opened", token, body=body).json() for _n in "ab"]
    assert recorded == [{"recorded": True}, {"recorded": False}]
    assert rate() == DeflectionRate(1, 1, 1.0)
    conversation_start(
        visitor=giovanna,
        name="Giovanna",
        text="Dov'è il mio pacco?",
        client_id="c1",
        actor=Actor.system(),
    )
    row = SuggestionOpen.objects.get()
    assert (row.place, row.session, row.request_at is not None) == (
        "widget",
        widget_session(visitor_uid=str(giovanna.uid)),
        True,
    )
    assert rate() == DeflectionRate(1, 0, 0.0)


def test_another_visitors_chat_marks_nothing(
    corpus: Corpus, client: Client, site: WidgetSite, giovanna: Visitor
) -> None:
    body = {"article": str(corpus[("returns", "it")].uid)}
    widget(client, site, "suggestions/opened", visitor_token(giovanna), body=body)
    conversation_start(
        visitor=new_visitor(site),
        name="Marco",
        text="Ciao, una domanda",
        client_id="c2",
        actor=Actor.system(),
    )
    assert SuggestionOpen.objects.get().request_at is None


def test_the_widget_needs_the_visitors_token(
    corpus: Corpus, client: Client, site: WidgetSite
) -> None:
    answer = widget(client, site, "suggestions", "forged", query={"q": "spedizione"})
    opened_answer = widget(
        client,
        site,
        "suggestions/opened",
        "forged",
        body={"article": str(corpus[("returns", "it")].uid)},
    )
    assert (answer.status_code, opened_answer.status_code) == (404, 404)
    assert SuggestionOpen.objects.count() == 0
