"""The settings pages of mailboxes: the list, the editor of a mailbox's servers, and
"Test connection", which tries the servers typed in the form before anything is saved."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cortesia.accounts.models import User
from cortesia.accounts.selectors import team_list
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, NotFound
from cortesia.core.refusals import refusal_on_form
from cortesia.mail.mailboxes import (
    can_manage_mailboxes,
    mailbox_create,
    mailbox_get,
    mailbox_list,
    mailbox_update,
)
from cortesia.mail.models import Mailbox
from cortesia.mail.probing import ProbeResult, mailbox_probe
from cortesia.mail.settings_forms import MailboxForm


def _admin(request: HttpRequest) -> User:
    viewer = staff_user(request)
    if not can_manage_mailboxes(viewer):
        raise PermissionDenied
    return viewer


@require_GET
def mailbox_list_view(request: HttpRequest) -> HttpResponse:
    _admin(request)
    return render(request, "mail/settings/mailbox_list.html", {"mailboxes": mailbox_list()})


def _save(form: MailboxForm, request: HttpRequest) -> Mailbox:
    actor = Actor.from_request(request)
    if form.mailbox is not None:
        return mailbox_update(mailbox=form.mailbox, change=form.change(), actor=actor)
    return mailbox_create(
        name=form.cleaned_data["name"],
        address=form.cleaned_data["address"],
        team=form.cleaned_data["team"],
        actor=actor,
        imap=form.imap(),
        smtp=form.smtp(),
    )


def _probe(form: MailboxForm, request: HttpRequest) -> list[ProbeResult]:
    return mailbox_probe(
        mailbox=form.mailbox, imap=form.imap(), smtp=form.smtp(), actor=Actor.from_request(request)
    )


@require_http_methods(["GET", "POST"])
def mailbox_edit_view(request: HttpRequest, uid: str | None = None) -> HttpResponse:
    viewer = _admin(request)
    try:
        mailbox = mailbox_get(uid=uid) if uid else None
    except NotFound:
        raise Http404 from None
    form = MailboxForm(request.POST or None, teams=team_list(viewer=viewer), mailbox=mailbox)
    status, results = (400 if request.method == "POST" else 200), None
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("action") == "test":
                status, results = 200, _probe(form, request)
            else:
                saved = _save(form, request)
                messages.success(request, _("The mailbox is saved."))
                return redirect("mailbox-settings:mailbox-edit", uid=saved.uid)
        except DomainError as error:
            status = refusal_on_form(form, error)
    context = {"form": form, "mailbox": mailbox, "results": results}
    return render(request, "mail/settings/mailbox_edit.html", context, status=status)
