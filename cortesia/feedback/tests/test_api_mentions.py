"""The mentions API: the signed webhook (good, bad, stale, replayed, unknown source, each
refusal storing nothing), and list, get and "open a ticket" with API tokens."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, TokenScope, User
from cortesia.accounts.services import token_create
from cortesia.core.actor import Actor
from cortesia.core.models import RateCounter
from cortesia.core.ratelimit import rate_hit
from cortesia.customers.models import Customer, CustomerEvent
from cortesia.customers.services import CustomerData, customer_create
from cortesia.feedback.mention_signing import (
    DELIVERIES_PER_SOURCE,
    IssuedSecret,
    signature_of,
    source_create,
    source_secret_renew,
    source_set_active,
)
from cortesia.feedback.mentions import MentionData, mention_ingest
from cortesia.feedback.models import Mention, MentionDelivery, MentionSource
from cortesia.testing.fixtures import bearer, make_user
from cortesia.tickets.models import Ticket, TicketMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
URL = "/api/v1/mentions"
TEXT = "Servizio pessimo, voglio il rimborso subito per il mio ordine."
REFUSED = {
    "error": {
        "code": "invalid_signature",
        "message": "The signature does not match, or the source is unknown or switched off. "
        "Sign the timestamp, a dot and the raw body with the source's current secret.",
    }
}


@pytest.fixture
def issued() -> IssuedSecret:
    return source_create(name="X", kind="x", actor=Actor.system())


def _body(**changes: Any) -> bytes:
    payload: dict[str, Any] = {
        "external_id": "1860000000000000001",
        "url": "https://x.com/giulia_r/status/1860000000000000001",
        "author": {"handle": "@giulia_r", "name": "Giulia Rossi", "email": ""},
        "text": TEXT,
        "rating": None,
        "published_at": "2026-12-05T10:30:00+01:00",
    }
    payload.update(changes)
    return json.dumps(payload).encode()


def _post(
    body: bytes,
    issued: IssuedSecret,
    *,
    secret: str | None = None,
    timestamp: int | None = None,
    source: str | None = None,
    signature: str | None = None,
) -> Any:
    sent = str(int(time.time()) if timestamp is None else timestamp)
    headers = {
        "X-Cortesia-Source": str(issued.source.uid) if source is None else source,
        "X-Cortesia-Timestamp": sent,
        "X-Cortesia-Signature": signature
        or signature_of(secret=secret or issued.secret, timestamp=sent, body=body),
    }
    return Client().post(URL, data=body, content_type="application/json", headers=headers)


def _nothing_stored() -> None:
    assert (Mention.objects.count(), MentionDelivery.objects.count()) == (0, 0)


# -- The webhook ---------------------------------------------------------------------------


def test_a_signed_mention_is_stored_and_answered_201(issued: IssuedSecret) -> None:
    response = _post(_body(rating=2, rating_max=5), issued)
    assert response.status_code == 201
    mention = Mention.objects.get()
    body = response.json()
    assert body == {
        "uid": str(mention.uid),
        "source": {"uid": str(issued.source.uid), "name": "X", "kind": "x"},
        "external_id": "1860000000000000001",
        "url": "https://x.com/giulia_r/status/1860000000000000001",
        "author": {"handle": "@giulia_r", "name": "Giulia Rossi", "email": ""},
        "text": TEXT,
        "rating": "2.0",
        "rating_max": 5,
        "published_at": "2026-12-05T09:30:00Z",
        "received_at": body["received_at"],
        "via": "webhook",
        "language": "it",
        "frustration": {
            "score": 75,
            "level": "high",
            "signals": ["lexicon:it:pessimo", "lexicon:it:rimborso", "rating"],
        },
        "customer": None,
        "ticket": None,
    }
    assert MentionDelivery.objects.count() == 1


def test_the_same_mention_signed_again_is_answered_200_and_stored_once(
    issued: IssuedSecret,
) -> None:
    first = _post(_body(), issued, timestamp=int(time.time()) - 10)
    again = _post(_body(), issued)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["uid"] == first.json()["uid"]
    assert (Mention.objects.count(), MentionDelivery.objects.count()) == (1, 2)


def test_a_wrong_signature_is_refused_and_nothing_stored(issued: IssuedSecret) -> None:
    response = _post(_body(), issued, secret="another-secret-of-the-same-length-000000000")
    assert (response.status_code, response.json()) == (401, REFUSED)
    _nothing_stored()


def test_a_tampered_body_is_refused(issued: IssuedSecret) -> None:
    sent = int(time.time())
    signature = signature_of(secret=issued.secret, timestamp=str(sent), body=_body())
    response = _post(_body(text="Great!"), issued, timestamp=sent, signature=signature)
    assert (response.status_code, response.json()) == (401, REFUSED)
    _nothing_stored()


@pytest.mark.parametrize("offset", [-301, 301], ids=["stale", "from-the-future"])
def test_a_timestamp_outside_five_minutes_is_refused(issued: IssuedSecret, offset: int) -> None:
    response = _post(_body(), issued, timestamp=int(time.time()) + offset)
    assert response.status_code == 401
    assert response.json()["error"] == {
        "code": "invalid_signature",
        "message": "X-Cortesia-Timestamp must be the Unix time in seconds, within 5 minutes "
        "of the server's clock.",
    }
    _nothing_stored()


def test_a_timestamp_within_five_minutes_is_accepted(issued: IssuedSecret) -> None:
    assert _post(_body(), issued, timestamp=int(time.time()) - 290).status_code == 201


def test_a_replayed_delivery_is_refused_and_nothing_more_stored(issued: IssuedSecret) -> None:
    sent = int(time.time())
    signature = signature_of(secret=issued.secret, timestamp=str(sent), body=_body())
    first = _post(_body(), issued, timestamp=sent, signature=signature)
    replay = _post(_body(), issued, timestamp=sent, signature=signature)
    assert (first.status_code, replay.status_code) == (201, 401)
    assert replay.json()["error"]["message"] == (
        "This delivery was received already. Sign each delivery anew."
    )
    assert (Mention.objects.count(), MentionDelivery.objects.count()) == (1, 1)


@pytest.mark.parametrize("who", ["unknown", "switched-off", "not-a-uuid", "missing"])
def test_an_unknown_or_switched_off_source_is_refused_like_a_bad_signature(
    issued: IssuedSecret, who: str
) -> None:
    if who == "switched-off":
        source_set_active(source=issued.source, is_active=False, actor=Actor.system())
    source = {
        "unknown": "0b6f6a3e-8d3c-4f43-9b0e-2f4f8f6c1a11",
        "switched-off": str(issued.source.uid),
        "not-a-uuid": "X",
        "missing": "",
    }[who]
    response = _post(_body(), issued, source=source)
    assert (response.status_code, response.json()) == (401, REFUSED)
    _nothing_stored()


def test_a_renewed_secret_replaces_the_old_one_at_once(issued: IssuedSecret) -> None:
    renewed = source_secret_renew(source=issued.source, actor=Actor.system())
    old = _post(_body(), issued)
    new = _post(_body(), issued, secret=renewed.secret)
    assert (old.status_code, new.status_code) == (401, 201)
    assert renewed.secret != issued.secret


def test_missing_signature_headers_are_refused() -> None:
    response = Client().post(URL, data=_body(), content_type="application/json")
    assert response.status_code == 401
    _nothing_stored()


def test_a_signed_body_that_is_not_json_is_refused_and_nothing_stored(
    issued: IssuedSecret,
) -> None:
    response = _post(b"{not json", issued)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "The request body is not valid JSON."
    _nothing_stored()


def test_a_signed_mention_with_bad_fields_is_refused_and_nothing_stored(
    issued: IssuedSecret,
) -> None:
    response = _post(_body(external_id="", published_at="2026-12-05T10:30:00", rating=7), issued)
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "external_id": "Give the post's id at the source.",
        "rating": "The rating is a number from 0 to 5 with at most one decimal.",
        "published_at": "Give when it was published as ISO 8601 with its offset, e.g. "
        "2026-12-05T09:30:00+01:00.",
    }
    _nothing_stored()


def test_a_signed_body_of_the_wrong_shape_is_422(issued: IssuedSecret) -> None:
    response = _post(json.dumps({"external_id": 5}).encode(), issued)
    assert response.status_code == 422
    assert [item["location"] for item in response.json()["error"]["details"]] == [
        ["body", "external_id"],
        ["body", "text"],
        ["body", "published_at"],
    ]
    _nothing_stored()


def test_a_body_naming_another_source_is_refused(issued: IssuedSecret) -> None:
    response = _post(_body(source="Trustpilot"), issued)
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "source": "The body names another source than the signature."
    }
    _nothing_stored()


def test_too_many_deliveries_from_one_source_are_refused_with_retry_after(
    issued: IssuedSecret,
) -> None:
    for _hit in range(DELIVERIES_PER_SOURCE.limit):
        rate_hit(rule=DELIVERIES_PER_SOURCE, subject=str(issued.source.uid))
    response = _post(_body(), issued)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    _nothing_stored()


def test_old_delivery_digests_are_forgotten(issued: IssuedSecret) -> None:
    MentionDelivery.objects.create(
        digest="a" * 64, received_at=timezone.now() - timedelta(minutes=11)
    )
    MentionDelivery.objects.create(
        digest="b" * 64, received_at=timezone.now() - timedelta(minutes=9)
    )
    assert _post(_body(), issued).status_code == 201
    digests = set(MentionDelivery.objects.values_list("digest", flat=True))
    assert len(digests) == 2
    assert "b" * 64 in digests
    assert RateCounter.objects.count() == 1


# -- Reading and opening tickets -----------------------------------------------------------


def _stored(source: MentionSource, external_id: str, **changes: Any) -> Mention:
    values: dict[str, Any] = {
        "external_id": external_id,
        "text": TEXT,
        "published_at": datetime(2026, 12, 5, 9, 30, tzinfo=UTC),
        "url": f"https://x.com/giulia_r/status/{external_id}",
        "author_handle": "@giulia_r",
        "author_name": "Giulia Rossi",
    }
    values.update(changes)
    return mention_ingest(source=source, data=MentionData(**values), via="webhook")[0]


def _token(role: Role, scope: TokenScope = TokenScope.WRITE) -> str:
    user: User = make_user(f"user-{role}", role)
    return token_create(user=user, scope=scope, actor=Actor.system()).raw


@pytest.mark.parametrize("role", [Role.AGENT, Role.MANAGER, Role.ADMIN, Role.MARKETER])
def test_every_staff_role_reads_mentions(issued: IssuedSecret, role: Role) -> None:
    mention = _stored(issued.source, "1")
    headers = bearer(_token(role, TokenScope.READ))
    listed = Client().get(URL, headers=headers)
    one = Client().get(f"{URL}/{mention.uid}", headers=headers)
    assert (listed.status_code, one.status_code) == (200, 200)
    assert [item["uid"] for item in listed.json()["items"]] == [str(mention.uid)]
    assert one.json()["uid"] == str(mention.uid)


def test_reading_without_a_token_is_refused(issued: IssuedSecret) -> None:
    mention = _stored(issued.source, "1")
    assert Client().get(URL).status_code == 401
    assert Client().get(f"{URL}/{mention.uid}").status_code == 401


def test_an_unknown_mention_is_404(alice_read_token: str) -> None:
    response = Client().get(
        f"{URL}/0b6f6a3e-8d3c-4f43-9b0e-2f4f8f6c1a11", headers=bearer(alice_read_token)
    )
    assert response.status_code == 404


def test_the_list_filters_and_pages_in_fixed_queries(
    issued: IssuedSecret,
    alice_read_token: str,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    giulia = customer_create(
        data=CustomerData(given_name="Giulia", external_ids={"x": "@giulia_r"}),
        actor=Actor.system(),
    )
    early = _stored(issued.source, "1", published_at=datetime(2026, 12, 1, 8, tzinfo=UTC))
    calm = _stored(
        issued.source,
        "2",
        text="The parcel came today and the courier was kind, thank you.",
        author_handle="@someone",
        published_at=datetime(2026, 12, 2, 8, tzinfo=UTC),
    )
    late = _stored(issued.source, "3", published_at=datetime(2026, 12, 3, 8, tzinfo=UTC))
    other = source_create(name="Trustpilot", kind="trustpilot", actor=Actor.system()).source
    elsewhere = _stored(other, "4", published_at=datetime(2026, 12, 4, 8, tzinfo=UTC))
    client, headers = Client(), bearer(alice_read_token)

    def uids(query: str) -> list[str]:
        response = client.get(f"{URL}?{query}", headers=headers)
        assert response.status_code == 200, response.json()
        return [item["uid"] for item in response.json()["items"]]

    client.get(URL, headers=headers)  # the token's first use is recorded once
    # The token found and counted (one statement on PostgreSQL, two elsewhere), the page.
    with django_assert_num_queries(2 if connection.vendor == "postgresql" else 3):
        assert uids("") == [str(m.uid) for m in (early, calm, late, elsewhere)]
    assert uids("level=none") == [str(calm.uid)]
    assert uids("language=en") == [str(calm.uid)]
    assert uids(f"source={other.uid}") == [str(elsewhere.uid)]
    assert uids(f"customer={giulia.uid}") == [str(early.uid), str(late.uid)]
    assert uids("from=2026-12-02T00:00:00Z&to=2026-12-04T00:00:00Z") == [
        str(calm.uid),
        str(late.uid),
    ]
    first = client.get(f"{URL}?limit=2", headers=headers).json()
    second = client.get(f"{URL}?limit=2&cursor={first['next_cursor']}", headers=headers).json()
    assert [item["uid"] for item in second["items"]] == [str(late.uid), str(elsewhere.uid)]
    assert second["next_cursor"] is None


def test_a_bad_filter_is_refused(alice_read_token: str) -> None:
    response = Client().get(f"{URL}?level=furious", headers=bearer(alice_read_token))
    assert response.status_code == 422


def test_opening_a_ticket_makes_the_customer_from_the_author_once(
    issued: IssuedSecret, alice_write_token: str
) -> None:
    mention = _stored(issued.source, "1860000000000000001")
    url = f"{URL}/{mention.uid}/ticket"
    first = Client().post(url, headers=bearer(alice_write_token))
    again = Client().post(url, headers=bearer(alice_write_token))
    assert (first.status_code, again.status_code) == (201, 200)
    ticket = Ticket.objects.get()
    assert first.json() == {"ticket": str(ticket.uid), "number": ticket.number, "created": True}
    assert again.json() == {"ticket": str(ticket.uid), "number": ticket.number, "created": False}
    assert (ticket.channel, ticket.language) == ("social", "it")
    assert ticket.subject == f"X: {TEXT}"
    message = TicketMessage.objects.get()
    assert (message.author_kind, message.body_text) == (
        "customer",
        f"{TEXT}\n\nhttps://x.com/giulia_r/status/1860000000000000001",
    )
    customer = Customer.objects.get()
    assert (customer.given_name, customer.surname, customer.external_ids) == (
        "Giulia",
        "Rossi",
        {"x": "@giulia_r"},
    )
    mention.refresh_from_db()
    assert (mention.ticket_id, mention.customer_id) == (ticket.pk, customer.pk)
    assert CustomerEvent.objects.filter(customer=customer, kind="mention").count() == 1


def test_opening_a_ticket_uses_the_matched_customer(
    issued: IssuedSecret, alice_write_token: str
) -> None:
    giulia = customer_create(
        data=CustomerData(given_name="Giulia", emails=["giulia@example.it"]),
        actor=Actor.system(),
    )
    mention = _stored(issued.source, "1", author_email="giulia@example.it", rating=Decimal(1))
    response = Client().post(f"{URL}/{mention.uid}/ticket", headers=bearer(alice_write_token))
    assert response.status_code == 201
    assert Ticket.objects.get().customer_id == giulia.pk
    assert Customer.objects.count() == 1
    assert CustomerEvent.objects.filter(kind="mention").count() == 1


@pytest.mark.parametrize(
    ("role", "scope", "status"),
    [
        pytest.param(Role.AGENT, TokenScope.WRITE, 201, id="agent"),
        pytest.param(Role.MANAGER, TokenScope.WRITE, 201, id="manager"),
        pytest.param(Role.ADMIN, TokenScope.WRITE, 201, id="admin"),
        pytest.param(Role.MARKETER, TokenScope.WRITE, 403, id="marketer"),
        pytest.param(Role.AGENT, TokenScope.READ, 403, id="read-token"),
    ],
)
def test_who_may_open_a_ticket(
    issued: IssuedSecret, role: Role, scope: TokenScope, status: int
) -> None:
    mention = _stored(issued.source, "1")
    response = Client().post(f"{URL}/{mention.uid}/ticket", headers=bearer(_token(role, scope)))
    assert response.status_code == status
    assert Ticket.objects.count() == (1 if status == 201 else 0)
    assert Customer.objects.count() == (1 if status == 201 else 0)
