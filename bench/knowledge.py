"""The knowledge base at 10,000 articles in six languages: search, an edit becoming
searchable and the help centre's article page, beside floors measured in the same run.

Goals (the issue): search p99 ≤ 30 ms on PostgreSQL and on SQLite; suggestion-as-you-type
p99 ≤ 50 ms end to end (not built yet: reported as such); the help centre's article page
p99 ≤ 30 ms; an edit searchable within 2 s.

The script migrates a database of its own (``bench_knowledge`` on the PostgreSQL cluster
of ``CORTESIA_DATABASE_URL``, dropped first; without it a SQLite file in a temporary
folder, removed at the end) and builds the corpus:

* the demo's categories and sections (``category_create``, ``section_create``);
* ``--articles`` articles (10,000) in en, it, fi, bg, ro and ar, written from the demo's
  twenty articles (``cortesia/demo/knowledge_articles.py``): each article takes a demo
  article as its topic (its section and visibility: 10 % staff only, as in the demo) and
  a product name; each translation is 150–300 words with 2–4 ``## `` headings, its
  sentences and lists drawn mostly (60 %) from its topic and the rest from the other
  articles in the same language, about half the numbers changed; titles are the topic's
  title, alone or with the product, or a heading with the product. Articles, published
  translations (``body_html`` by ``rendering.rendered``) and their first versions are
  inserted with ``bulk_create`` in batches of 500, then ``indexing.translations_index``
  (the product's bulk indexer, also behind ``cortesia reindex_knowledge``) indexes them
  with their statistics, one transaction a batch: the index is exactly the one
  ``translation_index`` makes. On PostgreSQL ``ANALYZE`` follows (autovacuum's job on a
  live system). Build times and the index's size are reported.

Then it measures, with ``time.perf_counter``:

* ``search``: 300 queries per language, warm (the first 50 of each language run once
  before; the database's pages are in memory after them): 80 % are 1–5
  consecutive words of a random published public translation (half lower-cased, a
  sixth of the Latin-script ones without accents), 20 % a demo article's title or a
  heading (customer questions); ``article_search(..., scopes=("public",), limit=10)``
  with snippets, and the bare ``search()``, alternating which runs first; p50/p95/p99
  per language and overall, the time of each SQL statement by kind (the statistics'
  reads, the scoring statements), the slowest queries, and the plans of the slowest one;
* ``floor``: ``SELECT 1`` through Django's connection and a primary-key get of one
  ``ArticleTranslation``, before and after the searches; one-row commits a second;
* ``reindex``: 50 public translations edited with ``translation_save`` (a new paragraph
  starting with a made-up word in the language's script that no document holds yet),
  each its own transaction; the time of the save and, from its return (the commit),
  until ``article_search`` on another connection (a thread) finds the new word; beside
  it, the one-row commit floor;
* ``suggest``: not built by this change (reported as such);
* ``help_search_page``: ``GET /help/<lang>/search?q=`` for 50 of the queries a language;
* ``article_page``: ``GET /help/<lang>/<slug>`` of 300 random public translations through
  ``django.test.Client`` in this process (no server, no network: the view, its
  middleware and template), each followed by ``GET /healthz`` (the floor) with the
  same client; the statements of one page.

Progress goes to stderr; one JSON object goes to stdout. From the project folder::

    .venv/bin/python bench/knowledge.py --articles 500           # SQLite, a quick check
    rm -rf /var/tmp/kb-bench && .venv/bin/python -m cortesia.testing.postgres --durable \\
        --data /var/tmp/kb-bench -- timeout 5400 .venv/bin/python bench/knowledge.py
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR) not in sys.path:  # the bench folder is no package
    sys.path.insert(0, str(BENCH_DIR))
fs = importlib.import_module("feedback_surveys")  # Django setup, floors, percentiles
suggest = importlib.import_module("knowledge_suggest")  # suggestion-as-you-type

SEED = 20261207
DATABASE = "bench_knowledge"
LANGUAGES = ("en", "it", "fi", "bg", "ro", "ar")
LATIN = ("en", "it", "fi", "ro")
BATCH = 500
TOPIC_SHARE = 0.6  # of a translation's sentences from its own topic
QUESTION_SHARE = 0.2  # of the queries: a demo title or heading
# product names (the same in every language), each with a model number
PRODUCTS = (
    "Aurora",
    "Borea",
    "Cortina",
    "Dolomia",
    "Etna",
    "Fiordo",
    "Garda",
    "Iseo",
    "Lipari",
    "Maiella",
    "Nebrodi",
    "Orta",
    "Pollino",
    "Resia",
    "Sila",
    "Tofana",
    "Vesuvio",
    "Zoncolan",
)
GOALS = {
    "search_p99_ms": 30,
    "suggest_p99_ms": 50,
    "article_page_p99_ms": 30,
    "edit_searchable_ms": 2000,
}
LIST_LINE = re.compile(r"^(?:[-*] |\d+\. )")
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")
NUMBER = re.compile(r"[0-9]+")


def log(message: str) -> None:
    print(f"[knowledge] {message}", file=sys.stderr, flush=True)


fs.log = log  # type: ignore[attr-defined]  # the imported helpers report as this script


def summary(samples_ms: Sequence[float]) -> dict[str, Any]:
    """``fs.percentiles`` with the p95."""
    found = dict(fs.percentiles(samples_ms))
    if samples_ms:
        ordered = sorted(samples_ms)
        found["p95_ms"] = round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 2)
    return found


def timed_ms(action: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[float, Any]:
    """The milliseconds ``action(*args, **kwargs)`` took, and what it returned."""
    began = time.perf_counter()
    result = action(*args, **kwargs)
    return (time.perf_counter() - began) * 1000, result


# --- The corpus's material: the demo articles, cut up ----------------------------------------


@dataclass(frozen=True)
class Pool:
    """One language's demo material, per demo article (same order as ``ARTICLES``)."""

    titles: tuple[str, ...]
    headings: tuple[tuple[str, ...], ...]
    sentences: tuple[tuple[str, ...], ...]
    lists: tuple[tuple[tuple[str, ...], ...], ...]  # list blocks, each its lines


def cut(body: str) -> tuple[list[str], list[str], list[tuple[str, ...]]]:
    """The headings, prose sentences and list blocks of a demo article's Markdown."""
    headings: list[str] = []
    sentences: list[str] = []
    lists: list[tuple[str, ...]] = []
    for block in body.split("\n\n"):
        prose, items = [], []
        for line in block.splitlines():
            if line.startswith("## "):
                headings.append(line[3:].strip())
            elif LIST_LINE.match(line):
                items.append(line.strip())
            elif line.strip():
                prose.append(line.strip())
        if len(items) >= 2:
            lists.append(tuple(items))
        else:
            prose.extend(item.split(" ", 1)[1] for item in items)
        sentences.extend(part for part in SENTENCE_END.split(" ".join(prose)) if part)
    return headings, sentences, lists


@lru_cache(maxsize=len(LANGUAGES))
def pool_of(language: str) -> Pool:
    from cortesia.demo.knowledge_articles import ARTICLES

    titles, headings, sentences, lists = [], [], [], []
    for demo in ARTICLES:
        title, body = demo.texts[language]
        found = cut(body)
        titles.append(title)
        headings.append(tuple(found[0]))
        sentences.append(tuple(found[1]))
        lists.append(tuple(found[2]))
    return Pool(tuple(titles), tuple(headings), tuple(sentences), tuple(lists))


def pick(groups: Sequence[Sequence[Any]], topic: int, rng: random.Random) -> Any:
    """An item of the topic's group (``TOPIC_SHARE`` of the time), else of another."""
    if groups[topic] and rng.random() < TOPIC_SHARE:
        return rng.choice(groups[topic])
    return rng.choice([item for group in groups for item in group])


def varied(text: str, rng: random.Random) -> str:
    """``text`` with about half its numbers replaced by others of as many digits."""

    def number(match: re.Match[str]) -> str:
        if rng.random() < 0.5:
            return match.group()
        return str(rng.randint(1, 10 ** len(match.group()) - 1))

    return NUMBER.sub(number, text)


def body_of(pool: Pool, topic: int, rng: random.Random) -> str:
    """A Markdown text of about 150–300 words: an opening, then 2–4 headed sections."""
    target, sections = rng.randint(150, 300), rng.randint(2, 4)
    blocks: list[str] = []
    words = 0
    for part in range(sections + 1):
        budget = target * (part + 1) // (sections + 1)
        if part:
            heading = pick(pool.headings, topic, rng)
            blocks.append(f"## {heading}")
            words += len(heading.split())
            if rng.random() < 0.3:
                lines = list(pick(pool.lists, topic, rng))
                kept = sorted(rng.sample(range(len(lines)), rng.randint(2, len(lines))))
                block = "\n".join(varied(lines[index], rng) for index in kept)
                blocks.append(block)
                words += len(block.split())
        sentences: list[str] = []
        while words < budget or not sentences:
            sentence = varied(pick(pool.sentences, topic, rng), rng)
            sentences.append(sentence)
            words += len(sentence.split())
        blocks.append(" ".join(sentences))
    return "\n\n".join(blocks)


def title_of(pool: Pool, topic: int, product: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return pool.titles[topic]
    if roll < 0.7:
        return f"{pool.titles[topic]} – {product}"
    return f"{pick(pool.headings, topic, rng)}: {product}"


# --- Building the corpus ------------------------------------------------------------------------


def editor() -> Any:
    """The bench's administrator (made once)."""
    from cortesia.accounts.models import Role, User
    from cortesia.accounts.services import user_create
    from cortesia.core.actor import Actor

    found = User.objects.filter(username="kb-bench").first()
    if found is not None:
        return found
    return user_create(
        username="kb-bench", email="kb-bench@example.com", role=Role.ADMIN, actor=Actor.system()
    )


def sections_create(admin: Any) -> dict[str, Any]:
    """The demo's categories and sections, through the services; by section key."""
    from cortesia.core.actor import Actor
    from cortesia.demo.knowledge_articles import CATEGORIES, SECTIONS
    from cortesia.knowledge.services import category_create, section_create

    actor = Actor(admin)
    categories = {
        key: category_create(names=names, actor=actor, position=position)
        for position, (key, names) in enumerate(CATEGORIES.items())
    }
    return {
        key: section_create(
            category=categories[category], names=names, actor=actor, position=position
        )
        for position, (key, (category, names)) in enumerate(SECTIONS.items())
    }


class Slugs:
    """Unique addresses per language, made as ``services._slug`` makes them (base,
    base-2, …) but from memory instead of a query per translation."""

    def __init__(self) -> None:
        self.taken: dict[str, set[str]] = {language: set() for language in LANGUAGES}

    def make(self, title: str, language: str) -> str:
        from django.utils.text import slugify

        from cortesia.knowledge.services import RESERVED_SLUGS

        base = slugify(title, allow_unicode=True)[:100] or "article"
        base = f"{base}-article" if base in RESERVED_SLUGS else base
        slug, number = base, 1
        while slug in self.taken[language]:
            number += 1
            slug = f"{base}-{number}"
        self.taken[language].add(slug)
        return slug


@dataclass
class Batch:
    articles: list[Any]
    translations: list[Any]
    words: list[int]


def batch_make(
    first: int, count: int, pools: dict[str, Pool], sections: dict[str, Any], context: Any
) -> Batch:
    """The unsaved rows of articles ``first`` … ``first + count - 1`` (deterministic)."""
    from django.utils import timezone

    from cortesia.demo.knowledge_articles import ARTICLES
    from cortesia.knowledge.models import Article, ArticleTranslation
    from cortesia.knowledge.rendering import rendered

    admin, slugs = context
    batch = Batch([], [], [])
    now = timezone.now()
    for number in range(first, first + count):
        rng = random.Random(f"{SEED}:{number}")
        topic = rng.randrange(len(ARTICLES))
        demo = ARTICLES[topic]
        product = f"{rng.choice(PRODUCTS)} {rng.randint(100, 9999)}"
        article = Article(
            section=sections[demo.section],
            source_language="en",
            visibility=demo.visibility,
            tags=sorted(demo.tags),
            author=admin,
            position=number,
        )
        batch.articles.append(article)
        for language in LANGUAGES:
            text_rng = random.Random(f"{SEED}:{number}:{language}")
            title = title_of(pools[language], topic, product, text_rng)
            body = body_of(pools[language], topic, text_rng)
            batch.words.append(len(body.split()))
            batch.translations.append(
                ArticleTranslation(
                    article=article,
                    language=language,
                    title=title,
                    slug=slugs.make(title, language),
                    body=body,
                    body_html=rendered(body),
                    status=ArticleTranslation.Status.PUBLISHED,
                    published_at=now,
                )
            )
    return batch


def batch_insert(batch: Batch, admin: Any) -> None:
    from django.db import transaction
    from django.utils import timezone

    from cortesia.knowledge.models import Article, ArticleTranslation, ArticleVersion

    with transaction.atomic():
        Article.objects.bulk_create(batch.articles)  # the translations take the new pks
        ArticleTranslation.objects.bulk_create(batch.translations)
        ArticleVersion.objects.bulk_create(
            ArticleVersion(
                translation=translation,
                number=1,
                title=translation.title,
                body=translation.body,
                author=admin,
                created_at=timezone.now(),
            )
            for translation in batch.translations
        )


def batch_index(batch: Batch) -> int:
    """``indexing.translations_index`` of the batch's translations: the product's bulk
    indexer (the index and statistics ``translation_index`` would make), one transaction."""
    from cortesia.knowledge.indexing import translations_index

    return translations_index(batch.translations)


def corpus_build(count: int, admin: Any) -> dict[str, Any]:
    """Build ``count`` articles in every language; return the seconds by step."""
    pools = {language: pool_of(language) for language in LANGUAGES}
    sections = sections_create(admin)
    spent = {"generate_and_render_s": 0.0, "insert_s": 0.0, "index_s": 0.0}
    words: list[int] = []
    documents = 0
    context = (admin, Slugs())
    began = time.perf_counter()
    for first in range(0, count, BATCH):
        size = min(BATCH, count - first)
        took, batch = timed_ms(batch_make, first, size, pools, sections, context)
        spent["generate_and_render_s"] += took / 1000
        spent["insert_s"] += timed_ms(batch_insert, batch, admin)[0] / 1000
        took, made = timed_ms(batch_index, batch)
        spent["index_s"] += took / 1000
        documents += made
        words.extend(batch.words)
        log(
            f"built {first + size}/{count} articles, {documents} documents, "
            f"{time.perf_counter() - began:.0f} s"
        )
    analyze_s = timed_ms(analyze)[0] / 1000
    translations = count * len(LANGUAGES)
    return {
        "articles": count,
        "translations": translations,
        "words_per_translation": {
            "min": min(words),
            "p50": int(statistics.median(words)),
            "max": max(words),
        },
        **{name: round(value, 1) for name, value in spent.items()},
        "index_ms_per_translation": round(spent["index_s"] * 1000 / translations, 2),
        "analyze_s": round(analyze_s, 1),
        "total_s": round(time.perf_counter() - began, 1),
    }


def analyze() -> None:
    """``ANALYZE`` the knowledge tables on PostgreSQL (autovacuum would, on a live
    system); nothing on SQLite, where the product never runs it."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in ("knowledge_searchposting", "knowledge_searchdocument"):
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("ANALYZE knowledge_articletranslation")
        cursor.execute("ANALYZE knowledge_article")


def index_size() -> dict[str, Any]:
    from django.db import connection
    from django.db.models import Count

    from cortesia.knowledge.models import SearchDocument, SearchPosting

    size: dict[str, Any] = {
        "documents_whole": SearchDocument.objects.filter(passage=0).count(),
        "documents_passages": SearchDocument.objects.filter(passage__gt=0).count(),
        "postings": SearchPosting.objects.count(),
        "postings_by_language": dict(
            SearchPosting.objects.values_list("language")
            .annotate(n=Count("pk"))
            .values_list("language", "n")
            .order_by()
        ),
        "distinct_terms_by_language": dict(
            SearchPosting.objects.values_list("language")
            .annotate(n=Count("term", distinct=True))
            .values_list("language", "n")
            .order_by()
        ),
    }
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_total_relation_size('knowledge_searchposting'),"
                " pg_relation_size('knowledge_posting_scoring'),"
                " pg_total_relation_size('knowledge_searchdocument'),"
                " pg_total_relation_size('knowledge_searchterm'),"
                " pg_database_size(current_database())"
            )
            names: tuple[str, ...] = (
                "postings_mib",
                "posting_scoring_index_mib",
                "documents_mib",
                "term_statistics_mib",
                "database_mib",
            )
        else:
            cursor.execute("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size")
            names = ("database_mib",)
        size.update(
            {
                name: round(value / 2**20, 1)
                for name, value in zip(names, cursor.fetchone(), strict=True)
            }
        )
    return size


# --- Queries ------------------------------------------------------------------------------------


def public_translations() -> list[tuple[int, str, str]]:
    """(pk, language, slug) of every published public translation, by pk."""
    from cortesia.knowledge.models import ArticleTranslation

    return list(
        ArticleTranslation.objects.filter(
            status=ArticleTranslation.Status.PUBLISHED, article__visibility="public"
        )
        .order_by("pk")
        .values_list("pk", "language", "slug")
    )


def words_query(text: str, language: str, rng: random.Random) -> str:
    """1–5 consecutive words of ``text`` (at least one not a stop word), as a customer
    might type them."""
    from cortesia.culture.search_terms import fold, tokens

    found = tokens(text, language)
    size = rng.choices((1, 2, 3, 4, 5), weights=(20, 30, 25, 15, 10))[0]
    while True:
        start = rng.randrange(max(1, len(found) - size))
        span = found[start : start + size]
        if any(token.term for token in span):
            break
    query = " ".join(text[token.start : token.end] for token in span)
    if rng.random() < 0.5:
        query = query.lower()
    if language in LATIN and rng.random() < 1 / 6:
        query = fold(query)
    return query


def queries_make(public: list[tuple[int, str, str]], per_language: int) -> dict[str, list[str]]:
    """``per_language`` queries a language: words of random public translations, and the
    demo's public titles and headings (customer questions)."""
    from cortesia.demo.knowledge_articles import ARTICLES
    from cortesia.knowledge.models import ArticleTranslation
    from cortesia.knowledge.rendering import plain_text

    rng = random.Random(f"{SEED}:queries")
    queries: dict[str, list[str]] = {}
    for language in LANGUAGES:
        questions = per_language * QUESTION_SHARE
        pool = pool_of(language)
        asked = [
            text
            for number, demo in enumerate(ARTICLES)
            if demo.visibility == "public"
            for text in (pool.titles[number], *pool.headings[number])
        ]
        chosen = [rng.choice(asked) for _ in range(int(questions))]
        pks = [pk for pk, code, _slug in public if code == language]
        sample = rng.sample(pks, min(len(pks), per_language - len(chosen)))
        bodies = ArticleTranslation.objects.in_bulk(sample)
        while len(chosen) < per_language:
            body = bodies[rng.choice(sample)].body
            chosen.append(words_query(plain_text(body), language, rng))
        rng.shuffle(chosen)
        queries[language] = chosen
    return queries


# --- Measuring ----------------------------------------------------------------------------------


def statement_kind(sql: str) -> str:
    if "knowledge_searchtotal" in sql:
        return "totals (N, average length: statistics)"
    if "knowledge_searchterm" in sql:
        return "document frequencies (statistics)"
    if "CASE term" in sql and "LIMIT" not in sql:
        return "scoring: candidates (partial scores, common terms skipped)"
    if "CASE term" in sql and "document_id IN (" in sql:
        return "scoring: the candidates in full"
    if "CASE term" in sql:
        return "scoring (BM25, grouped): every document, or the probe of rare terms"
    if "knowledge_searchdocument" in sql:
        return "result rows (in_bulk)"
    return "other"


@contextmanager
def statements_timed(into: list[tuple[str, float]]) -> Iterator[None]:
    """Append (kind, ms) of each SQL statement run inside."""
    from django.db import connection

    def record(execute: Callable[..., Any], sql: str, params: Any, many: bool, ctx: Any) -> Any:
        began = time.perf_counter()
        try:
            return execute(sql, params, many, ctx)
        finally:
            into.append((statement_kind(sql), (time.perf_counter() - began) * 1000))

    with connection.execute_wrapper(record):
        yield


def floors(runs: int, pks: Sequence[int]) -> dict[str, Any]:
    from django.db import connection

    from cortesia.knowledge.models import ArticleTranslation

    rng = random.Random(f"{SEED}:floor")

    def select_1() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    def pk_get() -> None:
        ArticleTranslation.objects.get(pk=rng.choice(pks))

    result = {}
    for name, action in (("select_1", select_1), ("pk_get_translation", pk_get)):
        for _ in range(5):
            action()
        result[name] = summary([timed_ms(action)[0] for _ in range(runs)])
    return result


def search_measure(queries: dict[str, list[str]], warm: int) -> dict[str, Any]:
    """Warm with the first ``warm`` queries of each language, then each query through
    ``article_search`` and the bare ``search()``."""
    from cortesia.knowledge.search import search
    from cortesia.knowledge.selectors import PUBLIC_SCOPES, article_search

    def full(query: str, language: str) -> Any:
        return article_search(query=query, language=language, scopes=PUBLIC_SCOPES, limit=10)

    def bare(query: str, language: str) -> Any:
        return search(query=query, language=language, scopes=PUBLIC_SCOPES, limit=10)

    for language, asked in queries.items():
        for query in asked[:warm]:
            full(query, language)
    log(f"search: warmed with {warm} queries a language")
    result: dict[str, Any] = {"by_language": {}}
    every_full: list[float] = []
    every_bare: list[float] = []
    statements: list[tuple[str, float]] = []
    slowest: list[tuple[float, str, str, int]] = []
    for language, asked in queries.items():
        full_ms, bare_ms, empty, shown = [], [], 0, 0
        for number, query in enumerate(asked):
            if number % 2:
                bare_ms.append(timed_ms(bare, query, language)[0])
            with statements_timed(statements):
                took, results = timed_ms(full, query, language)
            if not number % 2:
                bare_ms.append(timed_ms(bare, query, language)[0])
            full_ms.append(took)
            empty += not results
            shown += len(results)
            slowest.append((took, language, query, len(results)))
        every_full += full_ms
        every_bare += bare_ms
        result["by_language"][language] = {
            "article_search": summary(full_ms),
            "bare_search": summary(bare_ms),
            "queries_without_results": empty,
            "results_mean": round(shown / max(len(asked), 1), 1),
        }
        log(f"search {language}: {result['by_language'][language]['article_search']}")
    result["article_search"] = summary(every_full)
    result["bare_search"] = summary(every_bare)
    result["statements_ms_by_kind"] = {
        kind: summary([ms for named, ms in statements if named == kind])
        for kind in sorted({kind for kind, _ms in statements})
    }
    slowest.sort(reverse=True)
    result["slowest"] = [
        {"ms": round(ms, 1), "language": language, "query": query, "results": count}
        for ms, language, query, count in slowest[:8]
    ]
    result["slowest_plans"] = plans(slowest[0][2], slowest[0][1]) if slowest else []
    return result


def plans(query: str, language: str) -> list[dict[str, Any]]:
    """The plan of each SELECT of ``search()`` for ``query`` (EXPLAIN ANALYZE on
    PostgreSQL, EXPLAIN QUERY PLAN on SQLite)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cortesia.knowledge.search import search
    from cortesia.knowledge.selectors import PUBLIC_SCOPES

    with CaptureQueriesContext(connection) as captured:
        search(query=query, language=language, scopes=PUBLIC_SCOPES, limit=10)
    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS)" if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN"
    )
    found = []
    with connection.cursor() as cursor:
        for statement in captured.captured_queries:
            sql = statement["sql"]
            if not sql.startswith("SELECT"):
                continue
            cursor.execute(f"{prefix} {sql}")  # the SQL as it ran, values inlined by Django
            rows = [" ".join(str(part) for part in row) for row in cursor.fetchall()]
            found.append({"kind": statement_kind(sql), "plan": rows[:30]})
    return found


class OtherConnection:
    """``article_search`` run by a thread of its own, so on a database connection other
    than the writer's."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1)

    @staticmethod
    def _found(query: str, language: str) -> list[int]:
        from cortesia.knowledge.selectors import PUBLIC_SCOPES, article_search

        found = article_search(query=query, language=language, scopes=PUBLIC_SCOPES)
        return [result.translation.pk for result in found]

    def found(self, query: str, language: str) -> list[int]:
        """The pks of the translations found."""
        return list(self.pool.submit(self._found, query, language).result())

    def close(self) -> None:
        from django.db import connections

        self.pool.submit(connections.close_all).result()
        self.pool.shutdown()


def reindex_measure(edits: int, public: list[tuple[int, str, str]], admin: Any) -> dict[str, Any]:
    """Edit ``edits`` translations; how long each save takes, and how long after it
    returns (committed) search on another connection finds the new word."""
    from cortesia.core.actor import Actor
    from cortesia.knowledge.models import ArticleTranslation
    from cortesia.knowledge.services import TranslationData, translation_save

    rng = random.Random(f"{SEED}:edits:{time.time_ns()}")  # new words each run
    other = OtherConnection()
    saves, visible, tries, missed = [], [], [], []
    try:
        for pk, language, _slug in rng.sample(public, edits):
            translation = ArticleTranslation.objects.select_related("article").get(pk=pk)
            word = new_word(language, rng)
            body = f"{translation.body}\n\n{word} {pool_of(language).sentences[0][0]}"
            data = TranslationData(language, translation.title, body)
            took, _saved = timed_ms(
                translation_save, article=translation.article, data=data, actor=Actor(admin)
            )
            saves.append(took)
            committed, attempts = time.perf_counter(), 0
            while time.perf_counter() - committed < 5.0:
                attempts += 1
                found = other.found(word, language)
                if pk in found:
                    visible.append((time.perf_counter() - committed) * 1000)
                    break
            else:
                missed.append(edit_missed(pk, language, word, found))
            tries.append(attempts)
    finally:
        other.close()
    return {
        "edits": edits,
        "save_ms (translation_save: version, render, index, commit)": summary(saves),
        "searchable_after_commit_ms (search on another connection)": summary(visible),
        "found_at_first_search": sum(1 for count in tries if count == 1),
        "not_found_within_5_s": missed,
    }


# letters of the made-up words an edit adds, per script (consonants, vowels)
LETTERS = {
    "bg": ("бвгдзклмнпрстфх", "аеиоу"),
    "ar": ("بتدذرزسشصطفقكلمنه", "اوي"),
}


def new_word(language: str, rng: random.Random) -> str:
    """A made-up word, in the language's script, whose one term no document of
    ``language`` holds yet (stemmers may keep only some letters of an unknown word:
    checked, not assumed)."""
    from cortesia.knowledge.models import SearchTerm
    from cortesia.knowledge.search import query_terms

    consonants, vowels = LETTERS.get(language, ("bcdfghklmnprstvz", "aeiou"))
    while True:
        word = "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(5))
        wanted = query_terms(word, language)
        taken = SearchTerm.objects.filter(
            language=language, is_passage__in=[False, True], term__in=wanted, documents__gt=0
        ).exists()
        if len(wanted) == 1 and not taken:
            return word


def edit_missed(pk: int, language: str, word: str, found: list[int]) -> dict[str, Any]:
    """What the index holds of an edit search did not find in 5 s."""
    from cortesia.knowledge.models import SearchDocument, SearchPosting
    from cortesia.knowledge.search import query_terms

    wanted = query_terms(word, language)
    return {
        "translation": pk,
        "language": language,
        "word": word,
        "query_terms": wanted,
        "found": found,
        "documents": list(
            SearchDocument.objects.filter(translation_id=pk).values_list("passage", "scope")
        ),
        "postings_of_the_word": list(
            SearchPosting.objects.filter(language=language, term__in=wanted).values_list(
                "document__translation_id", "is_passage", "scope", "term"
            )
        ),
    }


def client_get(client: Any, path: str) -> float:
    took, response = timed_ms(client.get, path)
    if response.status_code != 200:
        raise SystemExit(f"GET {path}: {response.status_code}")
    return took


def help_search_measure(queries: dict[str, list[str]], per_language: int) -> dict[str, Any]:
    """``GET /help/<lang>/search?q=`` (record_miss on) for the first queries."""
    from urllib.parse import urlencode

    from django.test import Client
    from django.urls import reverse

    client = Client()
    samples, floor = [], []
    for language, asked in queries.items():  # warm-up: the template, the URL map
        warm = urlencode({"q": asked[-1]})
        client_get(client, f"{reverse('help:search', args=[language])}?{warm}")
        client_get(client, "/healthz")
    for language, asked in queries.items():
        base = reverse("help:search", args=[language])
        for query in asked[:per_language]:
            samples.append(client_get(client, f"{base}?{urlencode({'q': query})}"))
            floor.append(client_get(client, "/healthz"))
    return {"pages": summary(samples), "floor_healthz_same_client": summary(floor)}


def article_page_measure(public: list[tuple[int, str, str]], pages: int) -> dict[str, Any]:
    """``GET /help/<lang>/<slug>`` of random public translations, each followed by
    ``GET /healthz``, through one ``django.test.Client``."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    rng = random.Random(f"{SEED}:pages")
    chosen = rng.sample(public, min(len(public), pages + 10))
    paths = [reverse("help:article", args=[language, slug]) for _pk, language, slug in chosen]
    client = Client()
    for path in paths[pages:]:  # warm-up: the template, the URL map
        client_get(client, path)
        client_get(client, "/healthz")
    samples, floor = [], []
    for path in paths[:pages]:
        samples.append(client_get(client, path))
        floor.append(client_get(client, "/healthz"))
    with CaptureQueriesContext(connection) as captured:
        client_get(client, paths[0])
    return {
        "how": "django.test.Client in this process (no server, no network)",
        "pages": summary(samples),
        "floor_healthz_same_client": summary(floor),
        "statements_of_one_page": [query["sql"][:120] for query in captured.captured_queries],
    }


# --- Main ---------------------------------------------------------------------------------------


def code_version() -> str:
    """The commit measured, "+changes" when the knowledge or culture code differs."""
    root = BENCH_DIR.parent

    def git(*words: str) -> str:
        done = subprocess.run(
            ["git", *words], cwd=root, capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    changed = git("status", "--porcelain", "--", "cortesia/knowledge", "cortesia/culture")
    return git("rev-parse", "--short", "HEAD") + (" +changes" if changed else "")


def corpus(args: argparse.Namespace, admin: Any) -> dict[str, Any]:
    """Build the corpus, or keep the one there (``--reuse`` and the same size)."""
    from cortesia.knowledge.models import Article

    present = Article.objects.count()
    if args.reuse and present == args.articles:
        log(f"reusing the {present} articles there")
        return {"reused": True, "articles": present}
    if present:
        raise SystemExit(f"The database holds {present} articles; run without --reuse.")
    log(f"building {args.articles} articles × {len(LANGUAGES)} languages")
    built = corpus_build(args.articles, admin)
    log(f"build: {built}")
    return built


def measure(args: argparse.Namespace, admin: Any, report: dict[str, Any]) -> None:
    public = public_translations()
    pks = [pk for pk, _language, _slug in public]
    queries = queries_make(public, args.queries)
    report["floor"] = {"before_search": floors(300, pks)}
    log("search")
    report["search"] = search_measure(queries, args.warm)
    report["floor"]["after_search"] = floors(300, pks)
    report["floor"]["one_row_commits"] = fs.commit_rate(3.0)
    report["search"]["floor_select_1 (same connection, after the searches)"] = report["floor"][
        "after_search"
    ]["select_1"]
    log("suggest")
    report["suggest"] = suggest.suggest_measure(200, 40, fs.percentiles)
    log("reindex")
    report["reindex"] = reindex_measure(args.edits, public, admin)
    commits = report["floor"]["one_row_commits"]["commits_per_s"]
    report["reindex"]["floor_one_row_commit_ms"] = round(1000 / commits, 2) if commits else None
    log("help search page")
    report["help_search_page"] = help_search_measure(queries, 50)
    log("article page")
    report["article_page"] = article_page_measure(public, args.pages)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300, help="search queries a language")
    parser.add_argument("--warm", type=int, default=50, help="warm-up queries a language")
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--reuse", action="store_true", help="keep a corpus of this size")
    args = parser.parse_args(argv)
    own_folder = "CORTESIA_DATA_DIR" not in os.environ  # then a temporary one, removed
    began = time.perf_counter()
    fs.prepare_django(DATABASE, fresh=not args.reuse)
    from django.urls import reverse

    reverse("healthz")  # imports the URL map and every view: the code of this start
    try:
        report: dict[str, Any] = {"scenario": "knowledge", "goals": GOALS}
        report["code"] = code_version()
        report["database"] = fs.database_facts()
        admin = editor()
        report["build"] = corpus(args, admin)
        report["index"] = index_size()
        log(f"index: {report['index']}")
        measure(args, admin, report)
        report["total_s"] = round(time.perf_counter() - began, 1)
        print(json.dumps(report, ensure_ascii=False))
    finally:
        if own_folder:
            shutil.rmtree(os.environ["CORTESIA_DATA_DIR"], ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
