"""The search statistics (documents a term, documents and length a kind) equal a count of
the index after every change, after a full reindex, and when two saves run at once."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext

from cortesia.accounts.models import Role
from cortesia.core.actor import Actor
from cortesia.customers.models import Segment
from cortesia.knowledge import search as searching
from cortesia.knowledge.indexing import article_unindex, translations_index
from cortesia.knowledge.models import (
    Article,
    ArticleTranslation,
    SearchDocument,
    SearchPosting,
    SearchTerm,
    SearchTotal,
    Section,
)
from cortesia.knowledge.search import search
from cortesia.knowledge.services import (
    ArticleData,
    TranslationData,
    article_create,
    article_segments_set,
    category_create,
    section_create,
    translation_publish,
    translation_save,
)
from cortesia.testing.concurrency import concurrently
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db]

BODY = (
    "Refunds reach your card within five days.\n\n## Returning a parcel\n\n"
    "Print the label and hand the parcel to the courier."
)


Statistics = tuple[
    dict[tuple[str, bool, str, str], int], dict[tuple[str, bool, str], tuple[int, int]]
]


def stored() -> Statistics:
    """The statistics as kept (counters at 0 left out)."""
    terms = {
        (language, is_passage, scope, term): documents
        for language, is_passage, scope, term, documents in SearchTerm.objects.values_list(
            "language", "is_passage", "scope", "term", "documents"
        )
        if documents
    }
    totals = {
        (language, is_passage, scope): (documents, length)
        for language, is_passage, scope, documents, length in SearchTotal.objects.values_list(
            "language", "is_passage", "scope", "documents", "length"
        )
        if documents or length
    }
    return terms, totals


def counted() -> Statistics:
    """The statistics counted from the postings and documents."""
    terms = {
        (language, is_passage, scope, term): n
        for language, is_passage, scope, term, n in SearchPosting.objects.values_list(
            "language", "is_passage", "scope", "term"
        )
        .annotate(n=Count("pk"))
        .order_by()
    }
    totals: Counter[tuple[str, bool, str]] = Counter()
    lengths: Counter[tuple[str, bool, str]] = Counter()
    for language, passage, scope, length in SearchDocument.objects.values_list(
        "language", "passage", "scope", "length"
    ):
        totals[(language, passage > 0, scope)] += 1
        lengths[(language, passage > 0, scope)] += length
    return terms, {kind: (totals[kind], lengths[kind]) for kind in totals}


def assert_exact() -> None:
    assert stored() == counted()


@pytest.fixture
def editor(db: None) -> Actor:
    return Actor(make_user("ed", role=Role.MANAGER))


@pytest.fixture
def section(editor: Actor) -> Section:
    category = category_create(names={"en": "Help"}, actor=editor)
    return section_create(category=category, names={"en": "General"}, actor=editor)


def published(
    editor: Actor, section: Section, title: str, body: str = BODY, language: str = "en"
) -> ArticleTranslation:
    article = article_create(
        data=ArticleData(section=section, source_language=language),
        first=TranslationData(language, title, body),
        actor=editor,
    )
    translation = ArticleTranslation.objects.get(article=article)
    return translation_publish(translation=translation, actor=editor)


def test_publishing_counts_each_document_once_per_term(editor: Actor, section: Section) -> None:
    translation = published(editor, section, "Refunds")
    whole = SearchDocument.objects.get(translation=translation, passage=0)

    assert SearchTotal.objects.get(language="en", is_passage=False, scope="public").documents == 1
    assert SearchTotal.objects.get(language="en", is_passage=False, scope="public").length == (
        whole.length
    )
    assert SearchTotal.objects.get(language="en", is_passage=True, scope="public").documents == 2
    assert SearchTerm.objects.get(
        language="en", is_passage=True, scope="public", term="parcel"
    ).documents == (1)
    assert_exact()


def test_edits_unpublishing_and_deleting_keep_the_statistics_exact(
    editor: Actor, section: Section
) -> None:
    first = published(editor, section, "Refunds")
    second = published(editor, section, "Parcels", "Hand the parcel to the courier.")
    assert_exact()

    translation_save(
        article=first.article,
        data=TranslationData("en", "Refunds and vouchers", "Vouchers never expire."),
        actor=editor,
    )
    assert_exact()
    assert SearchTerm.objects.get(
        language="en", is_passage=True, scope="public", term="parcel"
    ).documents == (1)

    translation_publish(translation=second, actor=editor, published=False)
    assert_exact()
    assert SearchTotal.objects.get(language="en", is_passage=False, scope="public").documents == 1

    article_unindex(first.article)
    Article.objects.filter(pk=first.article_id).delete()
    assert_exact()
    assert stored() == ({}, {})


def test_visibility_and_segments_move_the_counts_between_scopes(
    editor: Actor, section: Section
) -> None:
    translation = published(editor, section, "Refunds")
    article = translation.article
    segment = Segment.objects.create(name="Gold", rules={})

    article_segments_set(article=article, segment_ids=[segment.pk], actor=editor)
    assert_exact()
    assert set(SearchTotal.objects.filter(documents__gt=0).values_list("scope", flat=True)) == {
        "restricted"
    }

    article.visibility = Article.Visibility.INTERNAL
    article.save(update_fields=["visibility", "updated_at"])
    translations_index(article.translations.all())
    assert_exact()
    assert set(SearchTotal.objects.filter(documents__gt=0).values_list("scope", flat=True)) == {
        "internal"
    }
    assert search(query="refund", language="en", scopes=("public",)).scored == []


def test_the_search_reads_its_numbers_from_the_statistics(editor: Actor, section: Section) -> None:
    published(editor, section, "Refunds")
    published(editor, section, "Parcels", "Hand the parcel to the courier.")
    published(editor, section, "Passwords", "Open the settings to change your password.")

    found = search(query="parcel", language="en", scopes=("public",))

    # N = 3, df = 2: idf = ln(1 + 1.5 / 2.5); the bound is idf · (k1 + 1)
    assert round(found.best_possible, 9) == round(0.4700036292457356 * 2.2, 9)
    assert len(found.scored) == 2


def test_reindex_rebuilds_the_index_and_exact_statistics(editor: Actor, section: Section) -> None:
    kept = published(editor, section, "Refunds")
    published(editor, section, "Parcels", "Hand the parcel to the courier.")
    draft = published(editor, section, "Drafted", "A draft about parcels.")
    expected_terms, expected_totals = counted()
    expected_documents = SearchDocument.objects.count()
    ArticleTranslation.objects.filter(pk=draft.pk).update(status="draft")
    SearchDocument.objects.filter(translation=kept).delete()
    SearchTerm.objects.filter(term="parcel").update(documents=99)
    SearchTotal.objects.all().delete()

    call_command("reindex_knowledge", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert SearchDocument.objects.filter(translation=draft).count() == 0
    assert SearchDocument.objects.filter(translation=kept).count() == 3
    assert SearchDocument.objects.count() == expected_documents - 2 == 5  # the draft's 2
    assert_exact()
    assert SearchTerm.objects.filter(documents=0).count() == 0
    terms, totals = stored()
    assert set(terms) < set(expected_terms)
    assert sum(documents for documents, _length in totals.values()) == (
        sum(documents for documents, _length in expected_totals.values()) - 2
    )
    assert SearchTotal.objects.aggregate(n=Sum("documents"))["n"] == SearchDocument.objects.count()


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_keep_the_statistics_exact(editor: Actor, section: Section) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run through cortesia.testing.postgres")
    first = published(editor, section, "Refunds")
    second = published(editor, section, "Parcels", "Hand the parcel to the courier.")

    def edits(translation: ArticleTranslation, words: str) -> int:
        for number in range(8):
            body = f"{BODY}\n\n{words} {number} parcel courier refund."
            translation_save(
                article=translation.article,
                data=TranslationData("en", translation.title, body),
                actor=editor,
            )
        return 8

    results = concurrently(
        lambda: edits(first, "Vouchers"), lambda: edits(second, "Wrapping paper")
    )

    assert results == [8, 8]
    assert_exact()
    assert SearchTerm.objects.get(
        language="en", is_passage=False, scope="public", term="parcel"
    ).documents == (2)


def test_skipping_common_terms_gives_the_results_of_scoring_every_document(
    editor: Actor, section: Section, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given 40 articles: "order" in each, "parcel" in most, "voucher" in some, a rare word
    rng = random.Random(18)
    for number in range(40):
        words = ["order"] * rng.randint(1, 4) + ["parcel"] * rng.randint(0, 3)
        words += ["voucher"] * (rng.random() < 0.3) + ["lantern"] * (number % 9 == 0)
        words += rng.choices(["weather", "garden", "window", "ticket", "river"], k=30)
        rng.shuffle(words)
        title = " ".join(rng.sample(["order", "parcel", "voucher", "garden"], 2))
        published(editor, section, f"{title} {number}", " ".join(words) + ".")
    queries = [
        "order parcel",
        "order parcel voucher",
        "lantern order parcel",
        "voucher order",
        "garden order parcel voucher",
        "lantern voucher",
    ]

    def ranked(query: str, limit: int) -> list[tuple[int, float]]:
        found = search(query=query, language="en", scopes=("public",), limit=limit)
        return [(hit.document_id, round(hit.score, 9)) for hit in found.scored]

    monkeypatch.setattr(searching, "SKIP_FROM", 10**9)
    every = {(query, limit): ranked(query, limit) for query in queries for limit in (1, 3, 5)}
    monkeypatch.setattr(searching, "SKIP_FROM", 0)
    with CaptureQueriesContext(connection) as statements:
        skipping = {
            (query, limit): ranked(query, limit) for query in queries for limit in (1, 3, 5)
        }

    assert skipping == every
    # some searches skipped: the statistics, a probe, the candidates, their full scores
    scoring = [query["sql"] for query in statements.captured_queries if "CASE term" in query["sql"]]
    assert len(scoring) > len(every) + 5
