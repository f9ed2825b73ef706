"""The settings pages of webhooks: the list, the editor, the delivery log with "retry
now", "send a test event" and delete. Administrators only.

A new subscription's secret is shown once: the create view keeps it in the session for
the page it redirects to, which takes it out again.
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
from cortesia.webhooks.selectors import (
    can_manage_webhooks,
    delivery_get,
    delivery_list,
    subscription_get,
    subscription_list,
)
from cortesia.webhooks.services import (
    delivery_retry,
    subscription_create,
    subscription_delete,
    subscription_send_test,
    subscription_update,
)
from cortesia.webhooks.settings_forms import WebhookForm

JUST_CREATED = "webhooks.just_created"
LOG_ROWS = 50
View = Callable[..., HttpResponse]


# Refuse (403) whoever may not use these pages; a missing object is a 404.
admins_only = page_guard(can_manage_webhooks)


@require_GET
@admins_only
def webhook_list_view(request: HttpRequest) -> HttpResponse:
    subscriptions = subscription_list(actor=Actor.from_request(request))
    return render(request, "webhooks/settings/webhook_list.html", {"subscriptions": subscriptions})


@require_http_methods(["GET", "POST"])
@admins_only
def webhook_create_view(request: HttpRequest) -> HttpResponse:
    form = WebhookForm(request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = subscription_create(
                url=data["url"],
                events=list(data["events"]),
                secret=data["secret"] or None,
                description=data["description"],
                is_active=data["is_active"],
                actor=Actor.from_request(request),
            )
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            request.session[JUST_CREATED] = [str(created.subscription.uid), created.secret]
            messages.success(request, _("The webhook is saved."))
            return redirect("webhook-settings:webhook-edit", uid=created.subscription.uid)
    return render(request, "webhooks/settings/webhook_edit.html", {"form": form}, status=status)


def _secret_to_show(request: HttpRequest, uid: str) -> str | None:
    kept = request.session.get(JUST_CREATED)
    if isinstance(kept, list) and len(kept) == 2 and kept[0] == uid:
        del request.session[JUST_CREATED]
        return str(kept[1])
    return None


@require_http_methods(["GET", "POST"])
@admins_only
def webhook_edit_view(request: HttpRequest, uid: str) -> HttpResponse:
    actor = Actor.from_request(request)
    subscription = subscription_get(actor=actor, uid=uid)
    form = WebhookForm(request.POST or None, subscription=subscription)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            subscription_update(subscription=subscription, change=form.change(), actor=actor)
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The webhook is saved."))
            return redirect("webhook-settings:webhook-edit", uid=subscription.uid)
    secret = _secret_to_show(request, str(subscription.uid)) if request.method == "GET" else None
    context = {"form": form, "subscription": subscription, "secret": secret}
    return render(request, "webhooks/settings/webhook_edit.html", context, status=status)


@require_GET
@admins_only
def webhook_deliveries_view(request: HttpRequest, uid: str) -> HttpResponse:
    subscription = subscription_get(actor=Actor.from_request(request), uid=uid)
    deliveries = delivery_list(subscription=subscription)[:LOG_ROWS]
    context = {"subscription": subscription, "deliveries": deliveries, "shown": LOG_ROWS}
    return render(request, "webhooks/settings/webhook_deliveries.html", context)


@require_POST
@admins_only
def webhook_test_view(request: HttpRequest, uid: str) -> HttpResponse:
    actor = Actor.from_request(request)
    subscription = subscription_get(actor=actor, uid=uid)
    subscription_send_test(subscription=subscription, actor=actor)
    messages.success(request, _("A test event is queued; its attempts appear below."))
    return redirect("webhook-settings:webhook-deliveries", uid=subscription.uid)


@require_POST
@admins_only
def webhook_delete_view(request: HttpRequest, uid: str) -> HttpResponse:
    actor = Actor.from_request(request)
    subscription_delete(subscription=subscription_get(actor=actor, uid=uid), actor=actor)
    messages.success(request, _("The webhook is deleted."))
    return redirect("webhook-settings:webhook-list")


@require_POST
@admins_only
def delivery_retry_view(request: HttpRequest, uid: str) -> HttpResponse:
    actor = Actor.from_request(request)
    delivery = delivery_get(actor=actor, uid=uid)
    if delivery_retry(delivery=delivery, actor=actor):
        messages.success(request, _("The delivery is queued for another attempt."))
    else:
        messages.info(request, _("This delivery is not failed; nothing was changed."))
    return redirect("webhook-settings:webhook-deliveries", uid=delivery.subscription.uid)
