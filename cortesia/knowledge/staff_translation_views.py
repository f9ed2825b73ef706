"""The knowledge-base editor's pages of one translation: write it (with a preview
rendered here, and the source text beside a new translation), publish it, compare its
versions and restore one.

A save names the version it was loaded at: when someone saved meanwhile, the page says
so and keeps what was typed; a second click on "Save" stores nothing new. Editors only
write; agents read published texts.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cortesia.accounts.page_guards import page_guard
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, DomainError, NotFound
from cortesia.core.refusals import refusal_on_form
from cortesia.knowledge.diffing import diff_rows
from cortesia.knowledge.models import Article, ArticleTranslation
from cortesia.knowledge.permissions import (
    can_edit_articles,
    is_knowledge_editor,
    is_knowledge_reader,
)
from cortesia.knowledge.rendering import rendered
from cortesia.knowledge.services import translation_publish, translation_restore, translation_save
from cortesia.knowledge.staff_forms import TranslationForm
from cortesia.knowledge.staff_selectors import (
    language_states,
    staff_article,
    staff_source,
    staff_translation,
    staff_version,
    staff_versions,
)

readers = page_guard(is_knowledge_reader)
editors = page_guard(is_knowledge_editor)


def _language(code: str) -> str:
    if code not in {language for language, _name in settings.LANGUAGES}:
        raise Http404
    return code


def _existing(request: HttpRequest, article: Article, language: str) -> ArticleTranslation | None:
    try:
        return staff_translation(viewer=staff_user(request), article=article, language=language)
    except NotFound:
        return None


def _initial(found: ArticleTranslation | None) -> dict[str, object]:
    if found is None:
        return {"expected_version": 0}
    return {"title": found.title, "body": found.body, "expected_version": found.version}


@require_http_methods(["GET", "POST"])
@readers
def translation_edit_view(request: HttpRequest, uid: str, language: str) -> HttpResponse:
    viewer = staff_user(request)
    article = staff_article(viewer=viewer, uid=uid)
    language, found = _language(language), _existing(request, article, language)
    if request.method == "POST" and not can_edit_articles(viewer):
        raise PermissionDenied
    if found is None and not can_edit_articles(viewer):
        raise Http404
    form = TranslationForm(request.POST or None, initial=_initial(found))
    status, preview = 200, ""
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "preview":
            preview = rendered(form.cleaned_data["body"], language=language)
        else:
            status = _save(request, article, form, language)
            if status == 302:
                return redirect("knowledge:translation-edit", article.uid, language)
            if status == 409:  # show the text someone else saved
                found = _existing(request, article, language)
    elif request.method == "POST":
        status = 400
    page = _page(request, article, found, language, form, preview)
    return render(request, "knowledge/staff/translation_edit.html", page, status=status)


def _save(request: HttpRequest, article: Article, form: TranslationForm, language: str) -> int:
    """Save the text; 302 when saved (or unchanged), else the refusal's status."""
    try:
        translation_save(
            article=article,
            data=form.text(language),
            actor=Actor.from_request(request),
            expected_version=form.cleaned_data["expected_version"],
        )
    except Conflict as error:
        form.add_error(None, error.message)
        return 409
    except DomainError as error:
        return refusal_on_form(form, error)
    messages.success(request, _("The text is saved."))
    return 302


def _page(
    request: HttpRequest,
    article: Article,
    found: ArticleTranslation | None,
    language: str,
    form: TranslationForm,
    preview: str,
) -> dict[str, object]:
    source = staff_source(article)
    state = language_states(article, [found])[0] if found is not None else None
    return {
        "article": article,
        "translation": found,
        "state": state,
        "language": language,
        "form": form,
        "preview": preview,
        "source": source if source is not None and source.language != language else None,
        "can_edit": can_edit_articles(staff_user(request)),
    }


@require_POST
@editors
def translation_publish_view(request: HttpRequest, uid: str, language: str) -> HttpResponse:
    article = staff_article(viewer=staff_user(request), uid=uid)
    found = staff_translation(viewer=staff_user(request), article=article, language=language)
    published = request.POST.get("published") == "yes"
    translation_publish(translation=found, actor=Actor.from_request(request), published=published)
    if published:
        messages.success(request, _("The text is published."))
    else:
        messages.success(request, _("The text is back to draft."))
    return redirect("knowledge:translation-edit", article.uid, found.language)


def _number(value: str | None, default: int) -> int:
    try:
        return int(value or default)
    except ValueError:
        raise Http404 from None


@require_GET
@readers
def translation_versions_view(request: HttpRequest, uid: str, language: str) -> HttpResponse:
    viewer = staff_user(request)
    article = staff_article(viewer=viewer, uid=uid)
    found = staff_translation(viewer=viewer, article=article, language=language)
    versions = staff_versions(viewer=viewer, translation=found)
    new = staff_version(translation=found, number=_number(request.GET.get("to"), found.version))
    old_number = _number(request.GET.get("from"), max(new.number - 1, 1))
    old = staff_version(translation=found, number=old_number)
    context = {
        "article": article,
        "translation": found,
        "versions": versions,
        "old": old,
        "new": new,
        "title_changed": old.title != new.title,
        "rows": diff_rows(old.body, new.body),
        "can_edit": can_edit_articles(viewer),
    }
    return render(request, "knowledge/staff/translation_versions.html", context)


@require_POST
@editors
def translation_restore_view(
    request: HttpRequest, uid: str, language: str, number: int
) -> HttpResponse:
    article = staff_article(viewer=staff_user(request), uid=uid)
    found = staff_translation(viewer=staff_user(request), article=article, language=language)
    before = found.version
    restored = translation_restore(
        translation=found, number=number, actor=Actor.from_request(request)
    )
    if restored.version == before:
        messages.info(request, _("The text already says what this version says."))
    else:
        messages.success(
            request,
            _("Version %(number)d is restored as version %(version)d.")
            % {"number": number, "version": restored.version},
        )
    return redirect("knowledge:translation-versions", article.uid, found.language)
