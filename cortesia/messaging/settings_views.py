"""The settings pages of messaging channels: the list, the editor (with what to give the
provider), enable and disable, and "Connect the bot" for Telegram. Administrators only.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cortesia.accounts.page_guards import page_guard
from cortesia.accounts.selectors import team_choices
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError
from cortesia.core.refusals import refusal_for, refusal_on_form
from cortesia.messaging.models import MessagingChannel
from cortesia.messaging.selectors import (
    can_manage_channels,
    channel_get,
    channel_list,
    channel_verify_token,
    channel_webhook_url,
)
from cortesia.messaging.services import (
    channel_create,
    channel_disable,
    channel_enable,
    channel_telegram_connect,
    channel_update,
)
from cortesia.messaging.settings_forms import ChannelForm

# Refuse (403) whoever may not use these pages; a missing channel is a 404.
admins_only = page_guard(can_manage_channels)


@require_GET
@admins_only
def channel_list_view(request: HttpRequest) -> HttpResponse:
    channels = [
        (channel, channel_webhook_url(channel))
        for channel in channel_list(actor=Actor.from_request(request))
    ]
    return render(request, "messaging/settings/channel_list.html", {"channels": channels})


@require_http_methods(["GET", "POST"])
@admins_only
def channel_create_view(request: HttpRequest) -> HttpResponse:
    teams = team_choices(viewer=staff_user(request))
    form = ChannelForm(request.POST or None, teams=teams)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            channel = channel_create(data=form.data_for_create(), actor=Actor.from_request(request))
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The channel is saved."))
            return redirect("messaging-settings:channel-edit", uid=channel.uid)
    return render(request, "messaging/settings/channel_edit.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@admins_only
def channel_edit_view(request: HttpRequest, uid: str) -> HttpResponse:
    actor = Actor.from_request(request)
    channel = channel_get(actor=actor, uid=uid)
    teams = team_choices(viewer=staff_user(request))
    form = ChannelForm(request.POST or None, teams=teams, channel=channel)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            channel_update(channel=channel, data=form.change(), actor=actor)
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The channel is saved."))
            return redirect("messaging-settings:channel-edit", uid=channel.uid)
    return render(
        request, "messaging/settings/channel_edit.html", _edit_context(form, channel), status=status
    )


def _edit_context(form: ChannelForm, channel: MessagingChannel) -> dict[str, object]:
    is_whatsapp = channel.kind == MessagingChannel.Kind.WHATSAPP
    return {
        "form": form,
        "channel": channel,
        "webhook_url": channel_webhook_url(channel),
        "verify_token": channel_verify_token(channel) if is_whatsapp else "",
        "is_whatsapp": is_whatsapp,
    }


@require_POST
@admins_only
def channel_enable_view(request: HttpRequest, uid: str) -> HttpResponse:
    actor = Actor.from_request(request)
    channel = channel_enable(channel=channel_get(actor=actor, uid=uid), actor=actor)
    messages.success(request, _("The channel is enabled: its deliveries are accepted."))
    return redirect("messaging-settings:channel-edit", uid=channel.uid)


@require_POST
@admins_only
def channel_disable_view(request: HttpRequest, uid: str) -> HttpResponse:
    actor = Actor.from_request(request)
    channel = channel_disable(channel=channel_get(actor=actor, uid=uid), actor=actor)
    messages.success(request, _("The channel is disabled: its deliveries are refused."))
    return redirect("messaging-settings:channel-edit", uid=channel.uid)


@require_POST
@admins_only
def channel_connect_view(request: HttpRequest, uid: str) -> HttpResponse:
    actor = Actor.from_request(request)
    channel = channel_get(actor=actor, uid=uid)
    try:
        channel_telegram_connect(channel=channel, actor=actor)
    except DomainError as error:
        messages.error(request, refusal_for(error).message)
    else:
        messages.success(request, _("Telegram now sends the bot's messages to Cortesia."))
    return redirect("messaging-settings:channel-edit", uid=channel.uid)
