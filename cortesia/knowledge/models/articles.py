"""Articles of the knowledge base: one article, one translation per language.

An article is the subject ("How to return an item"): where it is filed (a section of a
category), who may read it (everyone, staff only, or customers of some segments), its
tags, author and reviewer, and the language it is written in first. Each translation is
the text in one language, with its own draft or published state and its versions. A
translation records the version of the source-language text it was made from, so an
edit of the source marks the translations made before it as needing an update.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class Category(BaseModel):
    """A top level of the help centre ("Orders and delivery"); its name per language."""

    names = models.JSONField(_("names"), default=dict)  # {language: name}
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ("position", "pk")

    def __str__(self) -> str:
        return next(iter(self.names.values()), str(self.uid))


class Section(BaseModel):
    """A group of articles within a category ("Returns"); its name per language."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="sections")
    names = models.JSONField(_("names"), default=dict)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ("position", "pk")

    def __str__(self) -> str:
        return next(iter(self.names.values()), str(self.uid))


class Article(BaseModel):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        INTERNAL = "internal", _("Staff only")

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    source_language = models.CharField(_("written first in"), max_length=16)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    # Restricted to customers of these segments (none: every reader the visibility allows).
    segments = models.ManyToManyField(
        "customers.Segment", verbose_name=_("segments"), blank=True, related_name="+"
    )
    tags = models.JSONField(_("tags"), default=list)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ("position", "pk")

    def __str__(self) -> str:
        return str(self.uid)


class ArticleTranslation(BaseModel):
    """The article in one language: its text, state and where it stands against the
    source-language text."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=16)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, allow_unicode=True)
    body = models.TextField(_("text"))  # Markdown, as written
    body_html = models.TextField(blank=True)  # rendered and sanitised
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # the source-language translation's version this text was translated from (for the
    # source itself: its own version)
    source_version = models.PositiveIntegerField(default=1)
    views = models.PositiveIntegerField(_("views"), default=0)
    helpful = models.PositiveIntegerField(_("helpful"), default=0)
    not_helpful = models.PositiveIntegerField(_("not helpful"), default=0)

    class Meta:
        verbose_name = _("article translation")
        verbose_name_plural = _("article translations")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"], name="knowledge_translation_per_language"
            ),
        ]
        indexes = [
            # the help centre's address: /help/<language>/<slug>
            models.Index(fields=["language", "slug"], name="knowledge_translation_slug"),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.title}"


class ArticleVersion(models.Model):
    """A saved state of a translation: what it said, who wrote it, when. Restoring one
    saves it again as the newest version."""

    translation = models.ForeignKey(
        ArticleTranslation, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")
        constraints = [
            models.UniqueConstraint(
                fields=["translation", "number"], name="knowledge_version_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.translation_id} v{self.number}"


class ArticleVote(models.Model):
    """A reader's answer to "Was this helpful?": one per reader and translation (a second
    answer replaces the first). ``voter`` is a digest of the reader's random help-centre
    id, never an address."""

    translation = models.ForeignKey(
        ArticleTranslation, on_delete=models.CASCADE, related_name="votes"
    )
    voter = models.CharField(max_length=64)
    helpful = models.BooleanField()
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("article vote")
        verbose_name_plural = _("article votes")
        constraints = [
            models.UniqueConstraint(fields=["translation", "voter"], name="knowledge_vote_once"),
        ]

    def __str__(self) -> str:
        return f"{self.translation_id} {self.helpful}"
