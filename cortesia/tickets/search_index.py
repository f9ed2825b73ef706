"""The full-text index of tickets: what it holds, how a query is read, and how both are
written for each database.

One document per ticket holds its subject and every message (public replies, customer
messages and internal notes: whoever may see a ticket may read all three). Text is folded
first, exactly as the customer search folds it (``normalize_for_search``: accents and
Arabic diacritics removed, case folded, Arabic letter forms unified, tatweel dropped), so
"citta" finds "città" and "اسرة" finds "أُسرة".

* PostgreSQL: a ``tsvector`` per ticket, stemmed with the text search configuration of
  the ticket's language (``CONFIGS``; ``simple`` where PostgreSQL has no stemmer we use,
  Bulgarian and Arabic among them). A query is stemmed with every configuration in use
  and the alternatives joined with OR, so "spedizioni" finds an Italian ticket's
  "spedizione" whatever the language of the person searching. The document also holds
  one scope word naming its team (``§t42``, ``§t-`` for none): an agent's search ANDs its
  teams' scope words into the query so that the GIN index itself drops other teams'
  tickets. The scope word is only a shortcut: the selectors' own scope filter is always
  applied as well, so a stale scope word can hide a ticket but never reveal one.
* SQLite: an FTS5 table with the ``porter unicode61 remove_diacritics 2`` tokenizer;
  FTS5 has no stemmer but Porter's English one, so only English words are stemmed there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Expression, FloatField, Func, Lookup
from django.db.models.sql.compiler import SQLCompiler

from cortesia.culture.local_formats import language_of
from cortesia.lib.text import normalize_for_search
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.models.search import TextSearchVector

FTS_TABLE = "tickets_search_fts"
DOCUMENT_TABLE = "tickets_ticketsearchdocument"

# PostgreSQL's Snowball configurations by base language; any other language (Bulgarian,
# Arabic, Japanese …) is indexed with ``simple``: folded words, not stemmed.
CONFIGS = {
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "nb": "norwegian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}
SIMPLE = "simple"

# A word of the query as the index tokenizes it: letters and digits (underscore and
# punctuation separate words in both PostgreSQL's parser and FTS5's unicode61).
WORD = re.compile(r"[^\W_]+")
# Terms read of one query at most (each is a posting list for the index to intersect).
MAX_TERMS = 16
# A chunk of a query: an optionally negated quoted phrase or a run without spaces.
CHUNK = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


def config_for(language: str) -> str:
    """Return the text search configuration of ``language`` ("it-IT" → "italian")."""
    return CONFIGS.get(language_of(language or ""), SIMPLE)


def query_configs() -> tuple[str, ...]:
    """Return the configurations a query is stemmed with: those of the site's languages
    and ``simple``, each once, in a fixed order."""
    configs = {config_for(code) for code, _name in settings.LANGUAGES}
    return tuple(sorted(configs | {SIMPLE}))


def scope_word(team_id: int | None) -> str:
    """Return the scope word of a team's tickets (``§t-`` for tickets with no team).

    "§" never survives either tokenizer, so no text typed by anyone produces this word."""
    return f"§t{team_id}" if team_id is not None else "§t-"


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A query as typed, read: ``terms`` every document must match (a word, or a phrase
    of several words in order), ``excluded`` terms it must not, and whether the last term
    matches as a prefix (the word may still be being typed)."""

    terms: tuple[str, ...]
    excluded: tuple[str, ...]
    last_is_prefix: bool

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def words(self) -> tuple[str, ...]:
        """Every word to highlight, in order, each once."""
        return tuple(dict.fromkeys(w for term in self.terms for w in WORD.findall(term)))


def search_query_parse(text: str) -> SearchQuery:
    """Read ``text`` as a search: words match anywhere, "quoted phrases" match as a
    sequence, a leading minus excludes a word or a phrase. A query with nothing but
    exclusions (or no words at all) is empty: it finds nothing to rank.

    'Rimborso "non è arrivato" -fattura' gives terms ("rimborso", "non e arrivato"),
    excluded ("fattura",)."""
    terms: list[str] = []
    excluded: list[str] = []
    last_is_prefix = False
    for match in CHUNK.finditer(normalize_for_search(text)):
        quoted = match.group(2) is not None
        negated = bool(match.group(1) if quoted else match.group(3))
        words = WORD.findall(match.group(2) if quoted else match.group(4))
        if not words:
            continue
        term = " ".join(words) if quoted else (match.group(4).lstrip("-"))
        (excluded if negated else terms).append(term)
        if not negated:
            last_is_prefix = not quoted and len(words) == 1
    if len(terms) > MAX_TERMS:  # a pasted page: its first words are enough to find it
        terms, last_is_prefix = terms[:MAX_TERMS], False
    return SearchQuery(tuple(terms), tuple(excluded[:MAX_TERMS]), last_is_prefix)


# --- PostgreSQL: documents and queries --------------------------------------------------------


def _tsquery_operand(term: str, prefix: bool) -> str:
    """One operand of ``to_tsquery``: the term quoted, so PostgreSQL's parser splits it
    into words exactly as it split the documents (an e-mail address, "e-mail", "l'ordine"),
    with ``:*`` for a prefix."""
    quoted = "'" + term.replace("\\", " ").replace("'", " ") + "'"
    return f"{quoted}:*" if prefix else quoted


def tsquery_text(query: SearchQuery, *, prefix: bool = True) -> str:
    """The query in ``to_tsquery`` syntax: terms joined with AND, exclusions with NOT; the
    last word as a prefix when the query allows it and ``prefix`` is True."""
    last = len(query.terms) - 1
    operands = [
        _tsquery_operand(term, prefix and query.last_is_prefix and index == last)
        for index, term in enumerate(query.terms)
    ]
    operands.extend(f"!{_tsquery_operand(term, False)}" for term in query.excluded)
    return " & ".join(operands)


class TsQuery(Expression):
    """The query as a ``tsquery``: the same text stemmed by every configuration in use,
    joined with OR, and ANDed with the scope words when ``scope`` is given.

    Only ``simple`` reads the last word as a prefix ("rimb" finds "rimborso"): the prefix
    of a stem would reach far (Finnish stems "ordine" to "ord", whose prefix matches every
    English "order"), while a half-typed word is shorter than the stem it grows into."""

    output_field = TextSearchVector()

    def __init__(self, query: SearchQuery, scope: Sequence[str] | None = None) -> None:
        super().__init__()
        self.query = query
        self.scope = scope

    def as_sql(self, compiler: SQLCompiler, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        exact, prefixed = tsquery_text(self.query, prefix=False), tsquery_text(self.query)
        configs = query_configs()
        stemmed = " || ".join("to_tsquery(%s::regconfig, %s)" for _config in configs)
        params: list[Any] = [
            value
            for config in configs
            for value in (config, prefixed if config == SIMPLE else exact)
        ]
        if self.scope is None:
            return f"({stemmed})", params
        scope = " | ".join(f"'{word}'" for word in self.scope)
        return f"(({stemmed}) && %s::tsquery)", [*params, scope]


@TextSearchVector.register_lookup
class Matches(Lookup[Any]):
    """``document__matches=TsQuery(...)``: the document matches the query (``@@``)."""

    lookup_name = "matches"

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @@ {rhs}", [*lhs_params, *rhs_params]


class Rank(Func):
    """``ts_rank`` of a document for a query: the subject's words weigh more (A) than the
    messages' (B); longer documents are not favoured (normalization 1: divided by
    1 + the logarithm of the length)."""

    function = "ts_rank"
    output_field = FloatField()
    template = "%(function)s(%(expressions)s, 1)"


_DOCUMENT_SQL = (
    "setweight(to_tsvector(%s::regconfig, %s), 'A')"
    " || setweight(to_tsvector(%s::regconfig, %s), 'B')"
    " || array_to_tsvector(ARRAY[%s]::text[])"
)


# --- Writing the index -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndexedTicket:
    """What one ticket's document is made of, already folded."""

    ticket_id: int
    config: str
    subject: str
    body: str
    scope: str


def indexed_ticket(
    *, ticket_id: int, language: str, team_id: int | None, subject: str, bodies: Iterable[str]
) -> IndexedTicket:
    return IndexedTicket(
        ticket_id=ticket_id,
        config=config_for(language),
        subject=normalize_for_search(subject),
        body="\n".join(normalize_for_search(body) for body in bodies),
        scope=scope_word(team_id),
    )


def index_write(documents: Sequence[IndexedTicket]) -> None:
    """Write (or replace) the documents of these tickets."""
    if not documents:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = (
                f"INSERT INTO {DOCUMENT_TABLE} (ticket_id, config, document) "  # noqa: S608
                f"VALUES (%s, %s, {_DOCUMENT_SQL}) ON CONFLICT (ticket_id) DO UPDATE "
                "SET config = EXCLUDED.config, document = EXCLUDED.document"
            )
            rows: list[tuple[int | str, ...]] = [
                (d.ticket_id, d.config, d.config, d.subject, d.config, d.body, d.scope)
                for d in documents
            ]
        else:
            sql = f"INSERT OR REPLACE INTO {FTS_TABLE} (rowid, subject, body) VALUES (%s, %s, %s)"  # noqa: S608
            rows = [(d.ticket_id, d.subject, d.body) for d in documents]
        if len(rows) == 1:  # a new ticket's: one statement, as the query logs show it
            cursor.execute(sql, rows[0])
        else:
            cursor.executemany(sql, rows)


def index_append(*, ticket_id: int, text: str) -> bool:
    """Add one message's text to a ticket's document; return False when the ticket has
    no document yet (the caller then builds it whole)."""
    folded = normalize_for_search(text)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {DOCUMENT_TABLE} SET document = document || "  # noqa: S608
                "setweight(to_tsvector(config::regconfig, %s), 'B') WHERE ticket_id = %s",
                [folded, ticket_id],
            )
        else:
            cursor.execute(
                f"UPDATE {FTS_TABLE} SET body = body || char(10) || %s "  # noqa: S608
                "WHERE rowid = %s",
                [folded, ticket_id],
            )
        return bool(cursor.rowcount == 1)


def index_remove(ticket_ids: Sequence[int]) -> None:
    """Forget these tickets' documents (PostgreSQL forgets them with the ticket itself)."""
    if connection.vendor != "postgresql" and ticket_ids:
        marks = ", ".join(["%s"] * len(ticket_ids))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", ticket_ids)  # noqa: S608


GIN_INDEX = "ticket_search_document"


def index_clear(*, without_gin: bool = False) -> None:
    """Empty the index; with ``without_gin`` also drop PostgreSQL's GIN index, which
    :func:`index_gin_create` makes again once the documents are written (a GIN index built
    at once is many times faster than one updated a million times)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {DOCUMENT_TABLE}")
            if without_gin:
                cursor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
        else:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608


def index_gin_create() -> None:
    """Make PostgreSQL's GIN index of the documents if it is missing, and analyze them."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '256MB'")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON {DOCUMENT_TABLE} USING gin (document)"
        )
        cursor.execute(f"ANALYZE {DOCUMENT_TABLE}")


def index_rebuild(ticket_ids: Sequence[int]) -> int:
    """Build the documents of these tickets afresh from their rows (two queries and the
    writes); return how many tickets were indexed. Ids of deleted tickets are skipped."""
    tickets = list(
        Ticket.objects.filter(pk__in=ticket_ids).values_list("pk", "language", "team_id", "subject")
    )
    bodies: dict[int, list[str]] = {pk: [] for pk, *_rest in tickets}
    messages = (
        TicketMessage.objects.filter(ticket_id__in=bodies)
        .order_by("ticket_id", "created_at", "id")
        .values_list("ticket_id", "body_text")
    )
    for ticket_id, body in messages.iterator(chunk_size=2000):
        bodies[ticket_id].append(body)
    index_write(
        [
            indexed_ticket(
                ticket_id=pk, language=language, team_id=team_id, subject=subject, bodies=bodies[pk]
            )
            for pk, language, team_id, subject in tickets
        ]
    )
    return len(tickets)


# --- SQLite: FTS5 ------------------------------------------------------------------------------


def fts_query_text(query: SearchQuery) -> str:
    """The query in FTS5 syntax: each term a quoted word or phrase ("non e arrivato"),
    joined with AND; the last word a prefix ("rimb"*) when typed alone; exclusions NOT."""
    last = len(query.terms) - 1
    parts = []
    for index, term in enumerate(query.terms):
        quoted = '"' + " ".join(WORD.findall(term)) + '"'
        parts.append(f"{quoted}*" if query.last_is_prefix and index == last else quoted)
    text = " AND ".join(parts)
    for term in query.excluded:
        text = f'({text}) NOT "{" ".join(WORD.findall(term))}"'
    return text


class FtsMatchingIds(Expression):
    """``pk__in=FtsMatchingIds(query)``: the ids of the tickets whose FTS5 row matches."""

    output_field = FloatField()

    def __init__(self, query: SearchQuery) -> None:
        super().__init__()
        self.query = query

    def as_sql(self, compiler: SQLCompiler, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
        return sql, [fts_query_text(self.query)]


class FtsRank(Func):
    """How well a ticket's FTS5 row matches (higher is better: BM25 negated, the subject
    weighing four times a message)."""

    output_field = FloatField()

    def __init__(self, ticket_id: Any, query: SearchQuery) -> None:
        super().__init__(ticket_id)
        self.query = query

    def as_sql(  # type: ignore[override]
        self, compiler: SQLCompiler, connection: Any, **extra: Any
    ) -> tuple[str, list[Any]]:
        ticket_id, ticket_params = compiler.compile(self.source_expressions[0])
        sql = (
            f"(SELECT -bm25({FTS_TABLE}, 4.0, 1.0) FROM {FTS_TABLE} "  # noqa: S608
            f"WHERE {FTS_TABLE} MATCH %s AND rowid = {ticket_id})"
        )
        return sql, [fts_query_text(self.query), *ticket_params]
