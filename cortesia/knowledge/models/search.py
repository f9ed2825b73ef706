"""The search index of the knowledge base: our own postings, scored with BM25 in SQL.

Both databases hold the same terms (``culture.search_terms`` makes them in Python), so
PostgreSQL and SQLite rank alike; the reasons and measurements are in
docs/knowledge.md. A published translation is one document for the help centre's
search, and each of its passages (a heading and what follows) one more for the answer
bot.

``SearchTerm`` and ``SearchTotal`` are the statistics BM25 needs (how many documents hold
a term; how many documents there are and their total length), kept per language, kind
(whole or passage) and scope by ``indexing`` in the transaction that changes the
postings, so a search reads a few rows instead of counting the index.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """What one posting list points to: a translation, whole (``passage`` 0) or one of its
    passages, with what the results show of it."""

    class Scope(models.TextChoices):
        PUBLIC = "public", _("everyone")
        RESTRICTED = "restricted", _("some segments")
        INTERNAL = "internal", _("staff only")

    translation = models.ForeignKey(
        "knowledge.ArticleTranslation", on_delete=models.CASCADE, related_name="+"
    )
    passage = models.PositiveSmallIntegerField(default=0)
    language = models.CharField(max_length=16)
    scope = models.CharField(max_length=10, choices=Scope.choices)
    heading = models.CharField(max_length=200, blank=True)
    text = models.TextField()  # the plain text the snippet is cut from
    length = models.PositiveIntegerField()  # in terms, title counted

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["translation", "passage"], name="knowledge_document_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.translation_id}/{self.passage}"


class SearchPosting(models.Model):
    """A term of a document and how often it stands there (title words count thrice).
    The document's language, scope and length are copied here so that scoring reads the
    postings only."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=16)
    is_passage = models.BooleanField()
    scope = models.CharField(max_length=10)
    term = models.CharField(max_length=64)
    frequency = models.PositiveIntegerField()
    length = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("search posting")
        verbose_name_plural = _("search postings")
        indexes = [
            # scoring: the postings of a query's terms in the reader's scopes, read from
            # the index alone on both databases (SQLite has no INCLUDE, so every column
            # is a key); also a term's postings for given documents (search's second read)
            models.Index(
                fields=[
                    "language",
                    "is_passage",
                    "term",
                    "scope",
                    "document",
                    "frequency",
                    "length",
                ],
                name="knowledge_posting_scoring",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}:{self.term}"


class SearchTerm(models.Model):
    """How many documents of a language, kind and scope hold a term (their postings of
    it). Kept by ``indexing`` with increments; a row may fall to 0 and stay."""

    language = models.CharField(max_length=16)
    is_passage = models.BooleanField()
    scope = models.CharField(max_length=10)
    term = models.CharField(max_length=64)
    documents = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            # one counter a key; search reads a query's terms in the reader's scopes by it
            models.UniqueConstraint(
                fields=["language", "is_passage", "term", "scope"], name="knowledge_term_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language}/{self.scope}:{self.term}"


class SearchTotal(models.Model):
    """How many documents of a language, kind and scope there are, and their total
    length in terms (BM25's N and, divided, its average length)."""

    language = models.CharField(max_length=16)
    is_passage = models.BooleanField()
    scope = models.CharField(max_length=10)
    documents = models.BigIntegerField(default=0)
    length = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("search total")
        verbose_name_plural = _("search totals")
        constraints = [
            # one counter a key; search reads the reader's scopes by it
            models.UniqueConstraint(
                fields=["language", "is_passage", "scope"], name="knowledge_total_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language}/{self.scope}: {self.documents}"


class SearchMiss(models.Model):
    """A search that found nothing: what customers look for and do not find, counted."""

    language = models.CharField(_("language"), max_length=16)
    query = models.CharField(_("search"), max_length=200)
    count = models.PositiveIntegerField(_("times"), default=1)
    last_at = models.DateTimeField(_("last searched"))

    class Meta:
        verbose_name = _("search without result")
        verbose_name_plural = _("searches without result")
        constraints = [
            models.UniqueConstraint(fields=["language", "query"], name="knowledge_miss_once"),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.query}"
