"""Taking a mention in: checks, idempotency, language, frustration, the customer matched by
e-mail or handle, and the timeline entry."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction

from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors
from cortesia.customers.merge import customer_merge
from cortesia.customers.models import Customer, CustomerEvent
from cortesia.customers.services import CustomerData, customer_create
from cortesia.feedback.mention_signing import source_create
from cortesia.feedback.mentions import MentionData, mention_ingest
from cortesia.feedback.models import Mention, MentionSource

pytestmark = pytest.mark.django_db
PUBLISHED = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)


def _source(name: str = "X", kind: str = "x") -> MentionSource:
    return source_create(name=name, kind=kind, actor=Actor.system()).source


def _data(**changes: object) -> MentionData:
    values: dict[str, object] = {
        "external_id": "1860000000000000001",
        "text": "Servizio pessimo, voglio il rimborso subito per il mio ordine.",
        "published_at": PUBLISHED,
        "url": "https://x.com/giulia_r/status/1860000000000000001",
        "author_handle": "@giulia_r",
        "author_name": "Giulia Rossi",
    }
    values.update(changes)
    return MentionData(**values)  # type: ignore[arg-type]


def _giulia(**extra: object) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", **extra),  # type: ignore[arg-type]
        actor=Actor.system(),
    )


def test_a_new_mention_is_stored_with_language_and_frustration() -> None:
    source = _source()
    mention, created = mention_ingest(source=source, data=_data(rating=Decimal(1)), via="webhook")
    assert created is True
    stored = Mention.objects.get()
    assert (stored.pk, stored.language, stored.via) == (mention.pk, "it", "webhook")
    assert (stored.frustration, stored.frustration_level) == (75, "high")
    assert stored.frustration_signals == ["lexicon:it:pessimo", "lexicon:it:rimborso", "rating"]
    assert (stored.rating, stored.rating_max) == (Decimal("1.0"), 5)
    assert stored.customer is None
    assert CustomerEvent.objects.filter(kind=CustomerEvent.Kind.MENTION).count() == 0


def test_the_same_mention_twice_is_one_row_and_the_first_wins() -> None:
    source = _source()
    first, created = mention_ingest(source=source, data=_data(), via="webhook")
    again, created_again = mention_ingest(
        source=source, data=_data(text="Edited text."), via="import"
    )
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert list(Mention.objects.values_list("text", "via")) == [(_data().text, "webhook")]


def test_the_same_external_id_from_another_source_is_another_mention() -> None:
    mention_ingest(source=_source(), data=_data(), via="webhook")
    mention_ingest(source=_source("Trustpilot", "trustpilot"), data=_data(), via="webhook")
    assert Mention.objects.count() == 2


def test_matched_by_email_goes_on_the_customers_timeline() -> None:
    giulia = _giulia(emails=["giulia@example.it"])
    mention, _created = mention_ingest(
        source=_source(), data=_data(author_email="Giulia@Example.it"), via="webhook"
    )
    assert mention.customer == giulia
    event = CustomerEvent.objects.get(kind=CustomerEvent.Kind.MENTION)
    assert (event.customer_id, event.occurred_at, event.actor_id) == (giulia.pk, PUBLISHED, None)
    assert event.data == {
        "mention": str(mention.uid),
        "source": "X",
        "source_kind": "x",
        "excerpt": _data().text,
        "rating": None,
        "rating_max": None,
        "level": "some",
    }


@pytest.mark.parametrize(
    ("stored_handle", "posted_handle"),
    [
        pytest.param("@giulia_r", "@giulia_r", id="same"),
        pytest.param("giulia_r", "@Giulia_R", id="without-at-and-other-case"),
        pytest.param("@GIULIA_R", "giulia_r", id="with-at-stored"),
    ],
)
def test_matched_by_handle_of_the_sources_kind(stored_handle: str, posted_handle: str) -> None:
    giulia = _giulia(external_ids={"x": stored_handle})
    mention, _created = mention_ingest(
        source=_source(), data=_data(author_handle=posted_handle), via="webhook"
    )
    assert mention.customer == giulia


def test_a_handle_of_another_kind_or_a_name_alone_matches_nobody() -> None:
    _giulia(external_ids={"instagram": "@giulia_r"})
    mention, _created = mention_ingest(source=_source(), data=_data(), via="webhook")
    assert mention.customer is None
    assert CustomerEvent.objects.filter(kind=CustomerEvent.Kind.MENTION).count() == 0


def test_a_merged_customer_leads_to_the_survivor() -> None:
    survivor = _giulia(emails=["giulia@example.it"])
    duplicate = _giulia(external_ids={"x": "@giulia_r"})
    customer_merge(target=survivor, duplicate=duplicate, actor=Actor.system())
    mention, _created = mention_ingest(source=_source(), data=_data(), via="webhook")
    assert mention.customer == survivor


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        pytest.param(
            {"external_id": " ", "text": ""},
            {
                "external_id": "Give the post's id at the source.",
                "text": "Give the text of the post.",
            },
            id="empty",
        ),
        pytest.param(
            {"published_at": datetime(2026, 12, 5, 9, 30)},  # noqa: DTZ001 - the case tested
            {
                "published_at": "Give when it was published as ISO 8601 with its offset, e.g. "
                "2026-12-05T09:30:00+01:00."
            },
            id="naive-time",
        ),
        pytest.param(
            {"rating": Decimal(6), "rating_max": 5},
            {"rating": "The rating is a number from 0 to 5 with at most one decimal."},
            id="rating-above-maximum",
        ),
        pytest.param(
            {"rating": Decimal("4.25")},
            {"rating": "The rating is a number from 0 to 5 with at most one decimal."},
            id="two-decimals",
        ),
        pytest.param(
            {"rating_max": 0},
            {"rating_max": "The best rating is a whole number from 1 to 100."},
            id="maximum-zero",
        ),
        pytest.param(
            {"url": "javascript:alert(1)", "author_email": "not-an-address"},
            {
                "url": "Give the address of the post, starting with https://.",
                "author.email": "not-an-address is not an e-mail address.",
            },
            id="url-and-email",
        ),
    ],
)
@pytest.mark.usefixtures("english")
def test_bad_fields_are_named_and_nothing_is_stored(
    changes: dict[str, object], errors: dict[str, str]
) -> None:
    with pytest.raises(FieldErrors) as raised:
        mention_ingest(source=_source(), data=_data(**changes), via="webhook")
    assert raised.value.errors == errors
    assert Mention.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_deliveries_store_one_mention() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes its write lock for the whole transaction when it begins")
    source = _source()
    inserted = threading.Event()
    theirs: list[Mention] = []

    def other_session() -> None:
        try:
            with transaction.atomic():
                theirs.append(mention_ingest(source=source, data=_data(), via="webhook")[0])
                inserted.set()
                time.sleep(0.5)  # this session's insert waits on the key until then
        finally:
            connection.close()

    # Given: another session stored the mention and has not committed yet.
    thread = threading.Thread(target=other_session)
    thread.start()
    assert inserted.wait(10)
    # When: this session misses it in the lookup, and its insert waits and then fails.
    with transaction.atomic():
        mine, created = mention_ingest(source=source, data=_data(), via="webhook")
    thread.join()
    # Then: the other session's row, one in all.
    assert (created, mine.pk, Mention.objects.count()) == (False, theirs[0].pk, 1)
