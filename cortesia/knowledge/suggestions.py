"""Suggest articles while a customer types their subject, and to agents on a ticket.

A suggestion is a published translation in the reader's language, out of the documents
the reader may see (customers: public articles only). For what the customer has typed:

1. Under ``MIN_TYPED`` characters: no suggestions.
2. The whole text is searched as the help centre searches it (BM25 over whole documents,
   :func:`search.search`, without the snippets the help centre cuts: at 10,000 articles
   they cost more than the search), for ``CANDIDATES`` documents.
3. When the last word is still being typed (nothing follows it) and is at least
   ``MIN_PREFIX`` letters long, it is also read as the beginning of a word
   (``culture.search_terms.prefix_of``). The terms it matches are those that begin with
   it and those it begins with, down to ``MIN_PREFIX`` letters (a stem is often shorter
   than the word: "pagamento" is indexed as "pag"). Documents holding such a term
   come first, in their BM25 order, then the other documents found in step 2, then
   documents in which such a term is a title word (or a word the text repeats
   ``TITLE_WEIGHT`` times), most occurrences first among the first ``PREFIX_POSTINGS``
   such postings in the index's order (a bound on the work of a common beginning).
4. The first ``LIMIT`` are the suggestions.

The prefix's reads use the postings' index that begins with ``(language, is_passage,
term)`` through a range (``term >= p AND term < p⁺``, with ``LIKE 'p%'`` to be exact):
PostgreSQL reads a ``LIKE`` through a B-tree index only under the C collation.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.core.errors import NotFound
from cortesia.culture.search_terms import FINNISH_CUT, prefix_of, tokens
from cortesia.knowledge.indexing import TITLE_WEIGHT
from cortesia.knowledge.models import Article, ArticleTranslation, SearchDocument, SearchPosting
from cortesia.knowledge.search import search
from cortesia.knowledge.selectors import PUBLIC_SCOPES, require_reader, staff_scopes
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.selectors import ticket_get, ticket_messages

MIN_TYPED = 3
MIN_PREFIX = 3
LIMIT = 5
CANDIDATES = 10
# the postings read for the titles beginning with the word being typed
PREFIX_POSTINGS = 300
MAX_TYPED = 200
# the text of a ticket searched for agents: its subject, then the start of the customer's
# last message (the search keeps the first eight terms anyway)
MAX_TICKET_TEXT = 300
_ARABIC_ARTICLE = re.compile(r"^(?:[وفبك]?ال|لل)")


def help_languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def _typed(typed: str) -> str:
    return " ".join(typed.split())[:MAX_TYPED]


def last_word_prefix(typed: str, language: str) -> str:
    """The beginning of a word the customer is still typing, as the index's terms begin
    (Finnish terms are cut to five letters; an Arabic article goes), or "" when the text
    ends with a finished word or the beginning is shorter than ``MIN_PREFIX``."""
    text = unicodedata.normalize("NFC", typed)
    found = tokens(text, language)
    if not found or found[-1].end != len(text):
        return ""
    prefix = prefix_of(text, language)
    if language == "fi":
        prefix = prefix[:FINNISH_CUT]
    elif language == "ar":
        prefix = _ARABIC_ARTICLE.sub("", prefix)
    return prefix if len(prefix) >= MIN_PREFIX else ""


def _after(prefix: str) -> str:
    """The first string after every string that begins with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _shorter(prefix: str) -> list[str]:
    """The beginnings of ``prefix`` a stem may be, down to ``MIN_PREFIX`` letters (the stem
    of "pagamento" is "pag": a customer who typed "pagam" has gone past it)."""
    return [prefix[:length] for length in range(MIN_PREFIX, len(prefix))]


def _prefixed(language: str, scopes: tuple[str, ...], prefix: str) -> QuerySet[SearchPosting]:
    """Postings of the terms a word beginning with ``prefix`` may have: those beginning
    with it, and those it begins with (``_shorter``)."""
    # Each alternative names the index's leading columns itself (SQLite reads an OR
    # through an index only when every alternative can use it on its own), and
    # ``is_passage`` is compared as a value: Django writes ``= False`` as ``NOT
    # is_passage``, which SQLite cannot look up in an index.
    where = Q(language=language, is_passage__in=[False])
    matching = where & Q(term__gte=prefix, term__lt=_after(prefix), term__startswith=prefix)
    shorter = _shorter(prefix)
    if shorter:
        matching |= where & Q(term__in=shorter)
    return SearchPosting.objects.filter(matching, scope__in=scopes)


def _holding_prefix(documents: list[int], prefix: str) -> set[int]:
    """Those of ``documents`` (whole documents found by the search) holding a term the
    word being typed may have. One read of their postings by document, matched here: a
    common beginning ("kayt" in Finnish) read through the term index visits the postings
    of every document holding it."""
    shorter = set(_shorter(prefix))
    postings = SearchPosting.objects.filter(document_id__in=documents)
    return {
        document
        for document, term in postings.values_list("document_id", "term")
        if term.startswith(prefix) or term in shorter
    }


def _title_prefix_documents(
    language: str, scopes: tuple[str, ...], prefix: str, limit: int
) -> list[int]:
    """Documents in which a term the word being typed may have is a title word (or is
    repeated ``TITLE_WEIGHT`` times), most occurrences first. One read of at most
    ``PREFIX_POSTINGS`` postings, in the index's order: a common beginning ("co") would
    otherwise count a large part of the index while the customer types."""
    found = (
        _prefixed(language, scopes, prefix)
        .filter(frequency__gte=TITLE_WEIGHT)
        .values_list("document_id", "frequency")[:PREFIX_POSTINGS]
    )
    weights: dict[int, int] = {}
    for document, frequency in found:
        weights[document] = weights.get(document, 0) + frequency
    return sorted(weights, key=lambda document: (-weights[document], document))[:limit]


@dataclass(frozen=True)
class Suggestion:
    translation: ArticleTranslation
    score: float  # BM25; 0 for a document found by the word being typed only


def article_suggestions(
    *,
    typed: str,
    language: str,
    scopes: tuple[str, ...] = PUBLIC_SCOPES,
    limit: int = LIMIT,
) -> list[Suggestion]:
    """The published translations in ``language`` to suggest for ``typed``, best first
    (at most ``limit``; none under ``MIN_TYPED`` characters or for a language the help
    centre does not have). Reads: the search's, one for the translations, and one or two
    more for a word being typed."""
    text = _typed(typed)
    if len(text) < MIN_TYPED or language not in help_languages() or not scopes:
        return []
    prefix = last_word_prefix(typed[-MAX_TYPED:], language)
    found = search(
        query=text, language=language, scopes=scopes, limit=CANDIDATES if prefix else limit
    )
    scores = {hit.document_id: hit.score for hit in found.scored}
    documents = list(scores)
    if prefix:
        holding = _holding_prefix(documents, prefix) if documents else set()
        documents.sort(key=lambda document: document not in holding)  # stable: BM25 order
        documents = documents[:limit]
        if len(documents) < limit:
            more = _title_prefix_documents(language, scopes, prefix, limit + len(scores))
            documents += [document for document in more if document not in scores]
    documents = documents[:limit]
    translations = _translations(documents)
    return [Suggestion(translations[d], scores.get(d, 0.0)) for d in documents if d in translations]


def _translations(documents: list[int]) -> dict[int, ArticleTranslation]:
    """The translations of whole documents, by document (one read)."""
    found = SearchDocument.objects.filter(pk__in=documents).select_related("translation")
    return {document.pk: document.translation for document in found}


def suggestion_translation(uid: str) -> ArticleTranslation:
    """A published translation of a public article (one a customer may be suggested) by
    its public id; NotFound otherwise."""
    try:
        key = uuid.UUID(str(uid))
    except ValueError:
        raise NotFound("") from None
    found = (
        ArticleTranslation.objects.filter(
            uid=key,
            status=ArticleTranslation.Status.PUBLISHED,
            article__visibility=Article.Visibility.PUBLIC,
            article__segments__isnull=True,
        )
        .only("uid", "language", "slug", "title")
        .first()
    )
    if found is None:
        raise NotFound("")
    return found


# Agents: articles for a ticket, shown in the customer's language.


@dataclass(frozen=True)
class StaffSuggestion:
    """An article found for a ticket: the version the search found (in the language the
    customer wrote in), its version in the customer's language when one is published,
    and whether the help centre shows it to customers (public, for every segment)."""

    found: ArticleTranslation
    for_customer: ArticleTranslation | None
    is_for_customers: bool


@dataclass(frozen=True)
class TicketSuggestions:
    language: str  # the customer's
    suggestions: list[StaffSuggestion]


def ticket_text(ticket: Ticket) -> str:
    """What a ticket asks: its subject and the start of the customer's last message."""
    last = (
        ticket_messages(ticket=ticket, include_notes=False)
        .filter(author_kind=TicketMessage.Author.CUSTOMER)
        .order_by("-created_at", "-id")
        .values_list("body_text", flat=True)
        .first()
    )
    return f"{ticket.subject}\n{last or ''}"[:MAX_TICKET_TEXT]


def _language_of(*candidates: str) -> str:
    spoken = help_languages()
    for candidate in candidates:
        base = (candidate or "").split("-")[0].lower()
        if base in spoken:
            return base
    return settings.LANGUAGE_CODE


def ticket_suggestions(*, viewer: User, uid: str, limit: int = LIMIT) -> TicketSuggestions:
    """Articles for the ticket ``uid``, searched in the language it is written in (the
    ticket's, else the customer's) among those ``viewer`` may read, each with its
    version in the customer's language. Raises Forbidden (not a reader of the knowledge
    base) and NotFound (a ticket ``viewer`` may not see)."""
    require_reader(viewer)
    ticket = ticket_get(viewer=viewer, uid=uid)
    customer_language = ticket.customer.language if ticket.customer_id else ""
    written_in = _language_of(ticket.language, customer_language)
    wanted = _language_of(customer_language, ticket.language)
    found = search(
        query=ticket_text(ticket), language=written_in, scopes=staff_scopes(viewer), limit=limit
    )
    by_document = _translations([hit.document_id for hit in found.scored])
    results = [
        by_document[hit.document_id] for hit in found.scored if hit.document_id in by_document
    ]
    articles = [result.article_id for result in results]
    versions = {
        version.article_id: version
        for version in ArticleTranslation.objects.filter(
            article_id__in=articles,
            language=wanted,
            status=ArticleTranslation.Status.PUBLISHED,
        ).only("uid", "article_id", "language", "slug", "title")
    }
    for_customers = set(
        Article.objects.filter(
            pk__in=articles, visibility=Article.Visibility.PUBLIC, segments__isnull=True
        ).values_list("pk", flat=True)
    )
    suggestions = [
        StaffSuggestion(
            found=result,
            for_customer=versions.get(result.article_id),
            is_for_customers=result.article_id in for_customers,
        )
        for result in results
    ]
    return TicketSuggestions(wanted, suggestions)


def missing_version_text(language: str) -> str:
    """Say that an article has no published version in ``language`` (the reader's words)."""
    name = get_language_info(language)["name_translated"]
    return _("No %(language)s version yet") % {"language": name}
