"""The report settings pages: the report settings, the acquisition spend (list, add,
edit, delete) and the exchange rates on file with an upload of an ECB rates file.
Administrators and managers (``can_manage_reports``)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cortesia.accounts.page_guards import page_guard
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError
from cortesia.core.refusals import refusal_on_form
from cortesia.reports.permissions import can_manage_reports
from cortesia.reports.rates import MAX_BYTES, rates_import_raw, rates_on_file
from cortesia.reports.settings_access import report_settings, report_settings_set
from cortesia.reports.settings_forms import RatesUploadForm, ReportSettingsForm, SpendForm
from cortesia.reports.spend import spend_create, spend_delete, spend_get, spend_list, spend_update

View = Callable[..., HttpResponse]


# Refuse (403) whoever may not use these pages; a missing object is a 404.
managers_only = page_guard(can_manage_reports)


@require_http_methods(["GET", "POST"])
@managers_only
def report_settings_view(request: HttpRequest) -> HttpResponse:
    currencies = [entry.currency for entry in rates_on_file()]
    form = ReportSettingsForm(request.POST or None, row=report_settings(), currencies=currencies)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            report_settings_set(data=form.data_for_service(), actor=Actor.from_request(request))
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The report settings are saved."))
            return redirect("report-settings:report-settings")
    context = {"form": form}
    return render(request, "reports/settings/report_settings.html", context, status=status)


@require_http_methods(["GET", "POST"])
@managers_only
def spend_list_view(request: HttpRequest) -> HttpResponse:
    actor = Actor.from_request(request)
    form = SpendForm(request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            spend_create(data=form.data_for_service(), actor=actor)
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The spend is recorded."))
            return redirect("report-settings:spend-list")
    context = {"form": form, "rows": list(spend_list(actor=actor))}
    return render(request, "reports/settings/spend_list.html", context, status=status)


@require_http_methods(["GET", "POST"])
@managers_only
def spend_edit_view(request: HttpRequest, uid: str) -> HttpResponse:
    actor = Actor.from_request(request)
    spend = spend_get(actor=actor, uid=uid)
    form = SpendForm(request.POST or None, spend=spend)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            spend_update(spend=spend, data=form.data_for_service(), actor=actor)
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The spend is saved."))
            return redirect("report-settings:spend-list")
    context = {"form": form, "spend": spend}
    return render(request, "reports/settings/spend_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@managers_only
def spend_delete_view(request: HttpRequest, uid: str) -> HttpResponse:
    actor = Actor.from_request(request)
    spend = spend_get(actor=actor, uid=uid)
    if request.method == "POST":
        spend_delete(spend=spend, actor=actor)
        messages.success(request, _("The spend is deleted."))
        return redirect("report-settings:spend-list")
    return render(request, "reports/settings/spend_delete.html", {"spend": spend})


@require_http_methods(["GET", "POST"])
@managers_only
def rates_view(request: HttpRequest) -> HttpResponse:
    form = RatesUploadForm(request.POST or None, request.FILES or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = rates_import_raw(
                raw=upload.read(MAX_BYTES + 1),
                source=upload.name[:200],
                actor=Actor.from_request(request),
                replace=form.cleaned_data["replace"],
            )
        except DomainError as error:
            status = refusal_on_form(form, error, upload_field="file")
        else:
            messages.success(
                request,
                _(
                    "%(added)d rates added, %(changed)d changed, %(unchanged)d unchanged, "
                    "%(removed)d removed."
                )
                % {
                    "added": result.added,
                    "changed": result.changed,
                    "unchanged": result.unchanged,
                    "removed": result.removed,
                },
            )
            return redirect("report-settings:rates")
    context = {"form": form, "currencies": rates_on_file(), "max_megabytes": MAX_BYTES // 2**20}
    return render(request, "reports/settings/rates.html", context, status=status)
