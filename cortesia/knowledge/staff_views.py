"""The knowledge-base editor's article pages under /knowledge/: the list (search and
filters), a new article, one article's settings and its history.

Administrators and managers write; agents read (staff-only articles included, drafts
not); anyone else is refused (403), and a missing or hidden article is a 404.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cortesia.accounts.page_guards import page_guard
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError
from cortesia.core.refusals import refusal_on_form
from cortesia.knowledge.models import Article, ArticleTranslation
from cortesia.knowledge.permissions import (
    can_edit_articles,
    is_knowledge_editor,
    is_knowledge_reader,
)
from cortesia.knowledge.services import article_create, article_segments_set, article_update
from cortesia.knowledge.staff_forms import ArticleCreateForm, ArticleSettingsForm
from cortesia.knowledge.staff_selectors import (
    ArticleFilter,
    article_events,
    article_rows,
    category_tree,
    language_states,
    reviewer_choices,
    section_choices,
    segment_choices,
    staff_article,
    staff_translations,
)

readers = page_guard(is_knowledge_reader)
editors = page_guard(is_knowledge_editor)
MAX_QUERY = 200


FormClass = TypeVar("FormClass", bound=ArticleSettingsForm)


def _form(request: HttpRequest, form_class: type[FormClass], **kwargs: Any) -> FormClass:
    """The settings (or create) form, with the choices the viewer may make."""
    viewer = staff_user(request)
    return form_class(
        request.POST or None,
        sections=section_choices(viewer=viewer),
        segments=segment_choices(viewer=viewer),
        reviewers=reviewer_choices(viewer=viewer),
        language=translation.get_language(),
        **kwargs,
    )


@require_GET
@readers
def article_list_view(request: HttpRequest) -> HttpResponse:
    viewer = staff_user(request)
    filters = ArticleFilter(
        query=str(request.GET.get("q", ""))[:MAX_QUERY].strip(),
        category=str(request.GET.get("category", "")),
        section=str(request.GET.get("section", "")),
        language=str(request.GET.get("language", "")),
        status=str(request.GET.get("status", "")),
    )
    rows = article_rows(viewer=viewer, filters=filters, language=translation.get_language())
    context = {
        "rows": rows,
        "filters": filters,
        "categories": category_tree(viewer=viewer),
        "languages": settings.LANGUAGES,
        "statuses": ArticleTranslation.Status.choices,
        "can_edit": can_edit_articles(viewer),
    }
    return render(request, "knowledge/staff/article_list.html", context)


@require_http_methods(["GET", "POST"])
@editors
def article_create_view(request: HttpRequest) -> HttpResponse:
    form = _form(request, ArticleCreateForm)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        actor = Actor.from_request(request)
        try:
            article = article_create(
                data=form.article_data(form.cleaned_data["language"]),
                first=form.first_text(),
                actor=actor,
                request_token=form.cleaned_data["request_token"],
            )
            article_segments_set(article=article, segment_ids=form.chosen_segments(), actor=actor)
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The article is saved as a draft."))
            return redirect("knowledge:translation-edit", article.uid, article.source_language)
    return render(request, "knowledge/staff/article_create.html", {"form": form}, status=status)


def _article_page(
    request: HttpRequest, article: Article, form: ArticleSettingsForm
) -> dict[str, object]:
    viewer = staff_user(request)
    translations = staff_translations(viewer=viewer, article=article)
    present = {one.language for one in translations}
    return {
        "article": article,
        "form": form,
        "states": zip(translations, language_states(article, translations), strict=True),
        "missing": [(code, name) for code, name in settings.LANGUAGES if code not in present],
        "can_edit": can_edit_articles(viewer),
    }


@require_http_methods(["GET", "POST"])
@readers
def article_detail_view(request: HttpRequest, uid: str) -> HttpResponse:
    article = staff_article(viewer=staff_user(request), uid=uid)
    initial = ArticleSettingsForm.initial_for(article)
    form = _form(request, ArticleSettingsForm, initial=initial)
    status = 200
    if request.method == "POST":
        if not can_edit_articles(staff_user(request)):
            raise PermissionDenied
        status = _settings_save(request, article, form)
        if status == 302:
            messages.success(request, _("The article's settings are saved."))
            return redirect("knowledge:article-detail", article.uid)
    page = _article_page(request, article, form)
    return render(request, "knowledge/staff/article_detail.html", page, status=status)


def _settings_save(request: HttpRequest, article: Article, form: ArticleSettingsForm) -> int:
    """Save the settings form; 302 when saved, else the status of the refusal."""
    if not form.is_valid():
        return 400
    actor = Actor.from_request(request)
    try:
        article_update(
            article=article, data=form.article_data(article.source_language), actor=actor
        )
        article_segments_set(article=article, segment_ids=form.chosen_segments(), actor=actor)
    except DomainError as error:
        return refusal_on_form(form, error)
    return 302


@require_GET
@readers
def article_history_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = staff_user(request)
    article = staff_article(viewer=viewer, uid=uid)
    events = article_events(viewer=viewer, article=article)
    return render(
        request, "knowledge/staff/article_history.html", {"article": article, "events": events}
    )
