"""The knowledge-base editor's categories and sections: their names in each language and
their order. Every reader of the knowledge base sees them; editors change them."""

from __future__ import annotations

from django.contrib import messages
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
from cortesia.knowledge.models import Section
from cortesia.knowledge.permissions import (
    can_edit_articles,
    is_knowledge_editor,
    is_knowledge_reader,
)
from cortesia.knowledge.services import (
    category_create,
    category_update,
    section_create,
    section_update,
)
from cortesia.knowledge.staff_forms import NamesForm, SectionForm
from cortesia.knowledge.staff_selectors import category_get, category_tree, section_get_for_staff

readers = page_guard(is_knowledge_reader)
editors = page_guard(is_knowledge_editor)


@require_GET
@readers
def category_list_view(request: HttpRequest) -> HttpResponse:
    viewer = staff_user(request)
    context = {"categories": category_tree(viewer=viewer), "can_edit": can_edit_articles(viewer)}
    return render(request, "knowledge/staff/category_list.html", context)


@require_http_methods(["GET", "POST"])
@editors
def category_edit_view(request: HttpRequest, uid: str = "") -> HttpResponse:
    category = category_get(viewer=staff_user(request), uid=uid) if uid else None
    initial = {"position": category.position} if category is not None else None
    names = category.names if category is not None else None
    form = NamesForm(request.POST or None, initial=initial, names=names)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        actor, position = Actor.from_request(request), form.cleaned_data["position"]
        try:
            if category is None:
                category_create(names=form.names(), actor=actor, position=position)
            else:
                category_update(
                    category=category, names=form.names(), actor=actor, position=position
                )
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The category is saved."))
            return redirect("knowledge:category-list")
    context = {"form": form, "category": category, "kind": "category"}
    return render(request, "knowledge/staff/names_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@editors
def section_edit_view(request: HttpRequest, uid: str = "") -> HttpResponse:
    viewer = staff_user(request)
    section = section_get_for_staff(viewer=viewer, uid=uid) if uid else None
    initial = (
        {"position": section.position, "category": str(section.category.uid)} if section else None
    )
    form = SectionForm(
        request.POST or None,
        initial=initial,
        names=section.names if section is not None else None,
        categories=category_tree(viewer=viewer),
        language=translation.get_language(),
    )
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        status = _section_save(request, form, section)
        if status == 302:
            messages.success(request, _("The section is saved."))
            return redirect("knowledge:category-list")
    context = {"form": form, "section": section, "kind": "section"}
    return render(request, "knowledge/staff/names_edit.html", context, status=status)


def _section_save(request: HttpRequest, form: SectionForm, section: Section | None) -> int:
    actor, position = Actor.from_request(request), form.cleaned_data["position"]
    category, names = form.chosen_category(), form.names()
    try:
        if section is None:
            section_create(category=category, names=names, actor=actor, position=position)
        else:
            section_update(
                section=section, category=category, names=names, actor=actor, position=position
            )
    except DomainError as error:
        return refusal_on_form(form, error)
    return 302
