"""The forms of the knowledge-base editor. They parse what was typed and name objects by
their public uids; the services check the rules (lengths, languages, who may review)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import User
from cortesia.customers.models import Segment
from cortesia.knowledge.models import Article, Category, Section
from cortesia.knowledge.services import MAX_BODY, MAX_TITLE, ArticleData, TranslationData


def _name(names: dict[str, str], language: str) -> str:
    return names.get(language) or names.get("en") or next(iter(names.values()), "")


def section_label(section: Section, language: str) -> str:
    return f"{_name(section.category.names, language)} › {_name(section.names, language)}"


def _choose(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared as one
    field.choices = choices


class ArticleSettingsForm(forms.Form):
    """Where the article is filed, who may read it, its tags and reviewer."""

    section = forms.ChoiceField(label=_("section"))
    visibility = forms.ChoiceField(
        label=_("who may read it"), choices=Article.Visibility.choices, initial="public"
    )
    segments = forms.MultipleChoiceField(
        label=_("only customers of these segments"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every reader the visibility allows."),
    )
    tags = forms.CharField(
        label=_("tags"), required=False, max_length=500, help_text=_("Separate tags with commas.")
    )
    reviewer = forms.ChoiceField(label=_("reviewer"), required=False)

    def __init__(
        self,
        *args: Any,
        sections: Iterable[Section],
        segments: Iterable[Segment],
        reviewers: Iterable[User],
        language: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sections = {str(one.uid): one for one in sections}
        self.segment_ids = {str(one.uid): one.pk for one in segments}
        segment_names = {str(one.uid): one.name for one in segments}
        self.reviewers = {str(one.uid): one for one in reviewers}
        _choose(
            self,
            "section",
            [(uid, section_label(one, language)) for uid, one in self.sections.items()],
        )
        _choose(self, "segments", list(segment_names.items()))
        _choose(
            self,
            "reviewer",
            [("", str(_("nobody yet")))]
            + [(uid, one.display_name) for uid, one in self.reviewers.items()],
        )

    @classmethod
    def initial_for(cls, article: Article) -> dict[str, object]:
        return {
            "section": str(article.section.uid),
            "visibility": article.visibility,
            "segments": [str(one.uid) for one in article.segments.all()],
            "tags": ", ".join(article.tags),
            "reviewer": str(article.reviewer.uid) if article.reviewer is not None else "",
        }

    def article_data(self, source_language: str) -> ArticleData:
        cleaned = self.cleaned_data
        return ArticleData(
            section=self.sections[cleaned["section"]],
            source_language=source_language,
            visibility=cleaned["visibility"],
            tags=[tag for tag in str(cleaned["tags"]).split(",") if tag.strip()],
            reviewer=self.reviewers.get(cleaned["reviewer"] or ""),
        )

    def chosen_segments(self) -> list[int]:
        return [self.segment_ids[uid] for uid in self.cleaned_data["segments"]]


class ArticleCreateForm(ArticleSettingsForm):
    """A new article: its settings and its first text, in its source language."""

    language = forms.ChoiceField(label=_("written in"), choices=settings.LANGUAGES)
    title = forms.CharField(label=_("title"), max_length=MAX_TITLE)
    body = forms.CharField(
        label=_("text (Markdown)"),
        max_length=MAX_BODY,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "dir": "auto"}),
    )
    request_token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["request_token"].initial = secrets.token_urlsafe(16)

    def first_text(self) -> TranslationData:
        cleaned = self.cleaned_data
        return TranslationData(cleaned["language"], cleaned["title"], cleaned["body"])


class TranslationForm(forms.Form):
    """A text in one language; ``expected_version`` is the version it was loaded at (0:
    there was no text in this language yet)."""

    title = forms.CharField(
        label=_("title"), max_length=MAX_TITLE, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    body = forms.CharField(
        label=_("text (Markdown)"),
        max_length=MAX_BODY,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 22, "dir": "auto"}),
    )
    expected_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def text(self, language: str) -> TranslationData:
        return TranslationData(language, self.cleaned_data["title"], self.cleaned_data["body"])


class NamesForm(forms.Form):
    """A category's or section's name in each of the site's languages, and its place."""

    position = forms.IntegerField(label=_("position"), min_value=0, initial=0)

    def __init__(self, *args: Any, names: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, language in settings.LANGUAGES:
            self.fields[f"name_{code}"] = forms.CharField(
                label=language, required=False, max_length=MAX_TITLE
            )
            self.fields[f"name_{code}"].widget.attrs.update({"lang": code, "dir": "auto"})
            if names and code in names:
                self.fields[f"name_{code}"].initial = names[code]

    def names(self) -> dict[str, str]:
        return {
            code: self.cleaned_data[f"name_{code}"]
            for code, _language in settings.LANGUAGES
            if self.cleaned_data.get(f"name_{code}")
        }


class SectionForm(NamesForm):
    category = forms.ChoiceField(label=_("category"))

    def __init__(
        self, *args: Any, categories: Iterable[Category], language: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.categories = {str(one.uid): one for one in categories}
        _choose(
            self,
            "category",
            [(uid, _name(one.names, language)) for uid, one in self.categories.items()],
        )
        self.order_fields(["category"])

    def chosen_category(self) -> Category:
        return self.categories[self.cleaned_data["category"]]
