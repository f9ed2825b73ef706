"""The inbox's full-text search: the tickets the viewer may see whose subject or messages
match, best first, each with a highlighted passage.

A search starts, like every read, from the tickets the viewer may see with the inbox's
filters applied; only then are the matches counted and ranked. Matches are counted up to
``SEARCH_CAP`` + 1 and ranked among the first ``SEARCH_CAP`` found: a common word in a
million tickets would otherwise rank every one of them to show fifty. The page says so
("1,000+") and more words or a filter make the ranking complete.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from html import escape

from django.db import connection
from django.db.models import F, Func, QuerySet
from django.utils.safestring import SafeString, mark_safe

from cortesia.accounts.models import User
from cortesia.lib.text import normalize_for_search
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.search_index import (
    FtsMatchingIds,
    FtsRank,
    Rank,
    SearchQuery,
    TsQuery,
    search_query_parse,
)
from cortesia.tickets.selectors import (
    InboxTicket,
    TicketFilters,
    inbox_page,
    inbox_search,
    search_scope_words,
    ticket_filter,
)

SEARCH_CAP = 1000
SEARCH_PAGE_SIZE = 50
# The passage shown under a result: about this many characters around the first match.
SNIPPET_BEFORE = 60
SNIPPET_LENGTH = 200


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result: the inbox row's columns and a passage of the conversation with the
    query's words in ``<mark>`` ("" when only the subject matched)."""

    ticket: InboxTicket
    snippet: SafeString


@dataclass(frozen=True, slots=True)
class SearchResults:
    """A page of results. ``count`` is the number of matches up to ``SEARCH_CAP`` + 1 (more
    than the cap means "more than ``SEARCH_CAP``"); ``page`` counts from 1."""

    hits: list[SearchHit]
    count: int
    page: int
    has_next: bool

    @property
    def is_capped(self) -> bool:
        return self.count > SEARCH_CAP


def ticket_search(
    *,
    viewer: User,
    text: str,
    filters: TicketFilters = TicketFilters(),  # noqa: B008 - frozen, never changed
    page: int = 1,
    page_size: int = SEARCH_PAGE_SIZE,
) -> SearchResults:
    """Return page ``page`` of the tickets ``viewer`` may see that match ``text`` and
    ``filters`` (``filters.status`` "" means every status: a search looks beyond the open
    tickets), best match first, then newest (three queries; none for an empty query).

    Raises NotFound for an unknown team or assignee in ``filters``."""
    query = search_query_parse(text)
    scope = search_scope_words(viewer)
    if not query or scope == []:
        return SearchResults(hits=[], count=0, page=1, has_next=False)
    tickets = ticket_filter(
        inbox_search(viewer=viewer, status=filters.status),
        viewer=viewer,
        filters=replace(filters, status="", q=""),
    )
    found = list(
        _matching(tickets, query, scope).order_by().values_list("pk", flat=True)[: SEARCH_CAP + 1]
    )
    page = max(1, min(page, -(-min(len(found), SEARCH_CAP) // page_size) or 1))
    ranked = _ranked(Ticket.objects.filter(pk__in=found[:SEARCH_CAP]), query)
    rows = inbox_page(ranked, limit=page_size, offset=(page - 1) * page_size)
    snippets = _snippets([row.uid for row in rows], query.words)
    return SearchResults(
        hits=[SearchHit(ticket=row, snippet=snippets.get(row.uid, SafeString(""))) for row in rows],
        count=len(found),
        page=page,
        has_next=page * page_size < min(len(found), SEARCH_CAP),
    )


def matching_tickets(tickets: QuerySet[Ticket], *, viewer: User, text: str) -> QuerySet[Ticket]:
    """Narrow ``tickets`` (already within ``viewer``'s scope) to those matching ``text``,
    unranked: what a saved search counts. An empty search matches nothing."""
    query = search_query_parse(text)
    scope = search_scope_words(viewer)
    if not query or scope == []:
        return tickets.none()
    return _matching(tickets, query, scope)


def _matching(
    tickets: QuerySet[Ticket], query: SearchQuery, scope: Sequence[str] | None
) -> QuerySet[Ticket]:
    """Narrow ``tickets`` to the matches. On PostgreSQL through a join on the documents,
    so the planner may walk the GIN index first and stop at the cap."""
    if connection.vendor == "postgresql":
        return tickets.filter(search_document__document__matches=TsQuery(query, scope))
    return tickets.filter(pk__in=FtsMatchingIds(query))


def _ranked(tickets: QuerySet[Ticket], query: SearchQuery) -> QuerySet[Ticket]:
    rank: Func
    if connection.vendor == "postgresql":
        rank = Rank(F("search_document__document"), TsQuery(query))
    else:
        rank = FtsRank(F("pk"), query)
    return tickets.annotate(rank=rank).order_by("-rank", "-created_at", "-id")


def _snippets(uids: Sequence[object], words: Sequence[str]) -> dict[object, SafeString]:
    """The passage of each ticket's first message that holds a word of the query (one
    query for the page), by ticket uid."""
    if not uids:
        return {}
    messages = (
        TicketMessage.objects.filter(ticket__uid__in=uids)
        .order_by("ticket_id", "created_at", "id")
        .values_list("ticket__uid", "body_text")
    )
    snippets: dict[object, SafeString] = {}
    for uid, body in messages:
        if uid not in snippets:
            passage = snippet(body, words)
            if passage:
                snippets[uid] = passage
    return snippets


# A word as shown: letters and digits with the marks written on them (Arabic vowels,
# combining accents) and tatweel, so a word is highlighted whole.
SHOWN_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u0640\u064b-\u065f\u0670])+")


def word_matches(word: str, terms: Sequence[str]) -> bool:
    """Return True when ``word`` (as written) is a form of one of ``terms`` (folded): it
    starts with the term's first letters, all but the last three (at least four), the
    part stemming keeps ("spedizioni" highlights "spedizione", "shipping" "shipped")."""
    folded = normalize_for_search(word)
    return any(folded.startswith(term[: max(4, len(term) - 3)]) for term in terms)


def snippet(text: str, terms: Sequence[str]) -> SafeString:
    """Return the passage of ``text`` around the first word that matches ``terms``,
    HTML-escaped, with each matching word in ``<mark>`` and "…" where it was cut; ""
    when no word matches."""
    words = list(SHOWN_WORD.finditer(text))
    first = next((w for w in words if word_matches(w.group(), terms)), None)
    if first is None:
        return SafeString("")
    start = max(0, first.start() - SNIPPET_BEFORE)
    start = next((w.start() for w in words if w.start() >= start), first.start())
    end = min(len(text), start + SNIPPET_LENGTH)
    shown = [w for w in words if start <= w.start() and w.end() <= end]
    parts = ["…" if start else ""]
    position = start
    for word in shown:
        if word_matches(word.group(), terms):
            parts.append(escape(text[position : word.start()]))
            parts.append(f"<mark>{escape(word.group())}</mark>")
            position = word.end()
    parts.append(escape(text[position:end]))
    parts.append("…" if end < len(text) else "")
    passage = " ".join("".join(parts).split())  # line breaks and runs of spaces as one
    return mark_safe(passage)  # noqa: S308 - every piece of text above is escaped
