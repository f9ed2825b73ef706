"""The automation pages: settings pages for triggers (with the dry run), time-based
automations and macros, and applying a macro from the ticket page."""

from __future__ import annotations

from uuid import UUID, uuid4

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cortesia.accounts.views import staff_user
from cortesia.automations import selectors
from cortesia.automations.checking import actions_checked, conditions_checked
from cortesia.automations.dry_run import trigger_try
from cortesia.automations.forms import (
    AutomationForm,
    MacroApplyForm,
    MacroForm,
    MacroVersionForm,
    TriggerForm,
)
from cortesia.automations.permissions import can_keep_macros, can_manage_automations
from cortesia.automations.services import automation_save, macro_apply, macro_save, trigger_save
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, NotFound
from cortesia.core.refusals import refusal_on_form
from cortesia.customers.validation import ProfileCheck
from cortesia.tickets.selectors import ticket_get


def _manager(request: HttpRequest) -> None:
    if not can_manage_automations(request.user):
        raise PermissionDenied


@require_GET
def trigger_list_view(request: HttpRequest) -> HttpResponse:
    _manager(request)
    rows = selectors.trigger_list(viewer=staff_user(request))
    return render(request, "automations/settings/trigger_list.html", {"triggers": rows})


def _tried(request: HttpRequest, form: TriggerForm) -> object:
    """The dry run of the form's trigger, or None when its rows are wrong (on the form)."""
    check = ProfileCheck()
    conditions = conditions_checked(form.conditions(), check)
    actions = actions_checked(form.actions(), check)
    if check.errors:
        for message in check.errors.values():
            form.add_error(None, message)
        return None
    match = form.cleaned_data["match"]
    return trigger_try(
        viewer=staff_user(request), match=match, conditions=conditions, actions=actions
    )


@require_http_methods(["GET", "POST"])
def trigger_edit_view(request: HttpRequest, uid: UUID | None = None) -> HttpResponse:
    _manager(request)
    viewer = staff_user(request)
    try:
        trigger = selectors.trigger_get(viewer=viewer, uid=str(uid)) if uid else None
    except NotFound:
        raise Http404 from None
    form = TriggerForm.of(trigger, request.POST if request.method == "POST" else None)
    status, tried = (200 if request.method == "GET" else 400), None
    if request.method == "POST" and form.is_valid():
        if "try" in request.POST:
            tried, status = _tried(request, form), 200
        else:
            try:
                saved = trigger_save(
                    trigger=trigger, data=form.data_of(), actor=Actor.from_request(request)
                )
            except DomainError as error:
                status = refusal_on_form(form, error)
            else:
                messages.success(request, _("The trigger is saved."))
                return redirect("automation-settings:trigger-edit", uid=saved.uid)
    context = {"form": form, "trigger": trigger, "tried": tried}
    return render(request, "automations/settings/trigger_edit.html", context, status=status)


@require_GET
def automation_list_view(request: HttpRequest) -> HttpResponse:
    _manager(request)
    rows = selectors.automation_list(viewer=staff_user(request))
    return render(request, "automations/settings/automation_list.html", {"automations": rows})


@require_http_methods(["GET", "POST"])
def automation_edit_view(request: HttpRequest, uid: UUID | None = None) -> HttpResponse:
    _manager(request)
    try:
        automation = (
            selectors.automation_get(viewer=staff_user(request), uid=str(uid)) if uid else None
        )
    except NotFound:
        raise Http404 from None
    form = AutomationForm.of(automation, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = automation_save(
                    automation=automation, data=form.data_of(), actor=Actor.from_request(request)
                )
            except DomainError as error:
                status = refusal_on_form(form, error)
            else:
                messages.success(request, _("The automation is saved."))
                return redirect("automation-settings:automation-edit", uid=saved.uid)
    context = {"form": form, "automation": automation}
    return render(request, "automations/settings/automation_edit.html", context, status=status)


def _keeper(request: HttpRequest) -> None:
    if not can_keep_macros(request.user):
        raise PermissionDenied


@require_GET
def macro_list_view(request: HttpRequest) -> HttpResponse:
    _keeper(request)
    rows = selectors.macros_editable(viewer=staff_user(request))
    context = {"macros": rows, "can_manage": can_manage_automations(request.user)}
    return render(request, "automations/settings/macro_list.html", context)


@require_http_methods(["GET", "POST"])
def macro_edit_view(request: HttpRequest, uid: UUID | None = None) -> HttpResponse:
    _keeper(request)
    viewer = staff_user(request)
    try:
        macro = selectors.macro_editable_get(viewer=viewer, uid=str(uid)) if uid else None
    except NotFound:
        raise Http404 from None
    scopes = selectors.macro_scopes(viewer=viewer)
    form = MacroForm.of(macro, scopes, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = macro_save(
                    macro=macro, data=form.data_of(), actor=Actor.from_request(request)
                )
            except DomainError as error:
                status = refusal_on_form(form, error)
            else:
                messages.success(request, _("The macro is saved."))
                return redirect("automation-settings:macro-edit", uid=saved.uid)
    context = {"form": form, "macro": macro}
    return render(request, "automations/settings/macro_edit.html", context, status=status)


@require_POST
def macro_apply_view(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Apply the chosen macro to the ticket, checked against the version the page showed;
    a refusal (someone changed the same fields) comes back as a message on the page."""
    viewer = staff_user(request)
    form = MacroApplyForm(request.POST)
    try:
        ticket = ticket_get(viewer=viewer, uid=str(uid))
        if not form.is_valid():
            raise Http404
        macro = selectors.macro_usable_get(viewer=viewer, uid=str(form.cleaned_data["macro"]))
    except NotFound:
        raise Http404 from None
    try:
        macro_apply(
            macro=macro,
            ticket=ticket,
            expected_version=form.cleaned_data["version"],
            actor=Actor.from_request(request),
            submission=form.cleaned_data["submission"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The macro %(name)s is applied.") % {"name": macro.name})
    return redirect("tickets:ticket-detail", uid=ticket.uid)


@require_GET
def macro_picker_view(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The ticket page's macro picker (loaded after the page, so the page itself asks no
    more of the database): the macros the viewer may use, for the version the page shows."""
    viewer = staff_user(request)
    try:
        ticket = ticket_get(viewer=viewer, uid=str(uid))
    except NotFound:
        raise Http404 from None
    shown = MacroVersionForm(request.GET)
    version = shown.cleaned_data["version"] if shown.is_valid() else ticket.version
    macros = list(selectors.macros_usable(viewer=viewer).only("uid", "name"))
    context = {"ticket": ticket, "macros": macros, "version": version, "submission": uuid4().hex}
    # The page loads the picker with htmx; a browser without scripts follows the link to a
    # page of its own.
    is_fragment = bool(request.htmx)  # type: ignore[attr-defined]
    template = "_macro_picker.html" if is_fragment else "macro_picker_page.html"
    return render(request, f"automations/{template}", context)
