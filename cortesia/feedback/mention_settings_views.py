"""The settings pages of mention sources (administrators): the list with counts, a new
source (its secret shown once, with the headers and a curl example), renewing the secret,
switching a source off or on, and a CSV upload of mentions.

A new or renewed secret is kept in the session only for the page the form redirects to,
which takes it out again: it is shown once and never stored in clear anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cortesia.accounts.page_guards import page_guard
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError
from cortesia.core.refusals import refusal_on_form
from cortesia.feedback.mention_import import ImportReport, mentions_import
from cortesia.feedback.mention_settings_forms import ImportForm, SourceForm
from cortesia.feedback.mention_signing import (
    HEADER_SIGNATURE,
    HEADER_SOURCE,
    HEADER_TIMESTAMP,
    IssuedSecret,
    source_create,
    source_get,
    source_list,
    source_secret_renew,
    source_set_active,
)
from cortesia.feedback.models import MentionSource
from cortesia.feedback.permissions import can_manage_mention_sources

JUST_ISSUED = "feedback.mention_secret"
View = Callable[..., HttpResponse]


# Refuse (403) whoever may not use these pages; a missing object is a 404.
admins_only = page_guard(can_manage_mention_sources)


def _show_once(request: HttpRequest, issued: IssuedSecret) -> HttpResponse:
    request.session[JUST_ISSUED] = [str(issued.source.uid), issued.secret]
    return redirect("mention-settings:source-detail", uid=issued.source.uid)


def _secret_to_show(request: HttpRequest, source: MentionSource) -> str | None:
    kept = request.session.get(JUST_ISSUED)
    if isinstance(kept, list) and len(kept) == 2 and kept[0] == str(source.uid):
        del request.session[JUST_ISSUED]
        return str(kept[1])
    return None


def _detail(
    request: HttpRequest,
    source: MentionSource,
    *,
    form: ImportForm | None = None,
    report: ImportReport | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "source": source,
        "secret": _secret_to_show(request, source) if request.method == "GET" else None,
        "endpoint": request.build_absolute_uri("/api/v1/mentions"),
        "headers": (HEADER_SOURCE, HEADER_TIMESTAMP, HEADER_SIGNATURE),
        "form": form or ImportForm(),
        "report": report,
    }
    return render(request, "feedback/settings/mention_source_detail.html", context, status=status)


@require_GET
@admins_only
def source_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/settings/mention_source_list.html", {"rows": source_list()})


@require_http_methods(["GET", "POST"])
@admins_only
def source_create_view(request: HttpRequest) -> HttpResponse:
    form = SourceForm(request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            issued = source_create(
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                actor=Actor.from_request(request),
            )
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The source is added. Copy its secret now."))
            return _show_once(request, issued)
    return render(
        request, "feedback/settings/mention_source_new.html", {"form": form}, status=status
    )


@require_GET
@admins_only
def source_detail_view(request: HttpRequest, uid: str) -> HttpResponse:
    return _detail(request, source_get(uid=uid))


@require_POST
@admins_only
def source_renew_view(request: HttpRequest, uid: str) -> HttpResponse:
    issued = source_secret_renew(source=source_get(uid=uid), actor=Actor.from_request(request))
    messages.success(request, _("The source has a new secret; the old one no longer works."))
    return _show_once(request, issued)


@require_POST
@admins_only
def source_active_view(request: HttpRequest, uid: str) -> HttpResponse:
    source = source_get(uid=uid)
    is_active = request.POST.get("is_active") == "on"
    source_set_active(source=source, is_active=is_active, actor=Actor.from_request(request))
    if is_active:
        messages.success(request, _("The source is switched on."))
    else:
        messages.success(request, _("The source is switched off: its deliveries are refused."))
    return redirect("mention-settings:source-detail", uid=source.uid)


@require_POST
@admins_only
def source_import_view(request: HttpRequest, uid: str) -> HttpResponse:
    """Import the uploaded file and show its report on the source's page (importing the
    same file again adds nothing, so the answer is not a redirect)."""
    source = source_get(uid=uid)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, source, form=form, status=400)
    try:
        raw = form.cleaned_data["file"].read()
        report = mentions_import(raw=raw, source=source, actor=Actor.from_request(request))
    except DomainError as error:
        status = refusal_on_form(form, error, upload_field="file")
        return _detail(request, source, form=form, status=status)
    return _detail(request, source, report=report)
