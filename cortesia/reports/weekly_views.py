"""The weekly report page: a manager or administrator opts in or out. The view parses the
choice, calls one service and redirects; a Forbidden is the 403 page."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cortesia.accounts.settings_views import refusals_as_pages
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.reports.inputs import viewer_zone
from cortesia.reports.weekly import next_mail_at, subscription_of, weekly_report_subscribe


class SubscriptionForm(forms.Form):
    subscribed = forms.TypedChoiceField(
        label=gettext_lazy("weekly report"),
        choices=[("1", gettext_lazy("Send it to me")), ("0", gettext_lazy("Stop sending it"))],
        coerce=lambda value: value == "1",
    )


@require_http_methods(["GET", "POST"])
@refusals_as_pages
def subscription_view(request: HttpRequest) -> HttpResponse:
    viewer = staff_user(request)
    subscription = subscription_of(user=viewer)
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subscribed = form.cleaned_data["subscribed"]
        weekly_report_subscribe(
            user=viewer, subscribed=subscribed, actor=Actor.from_request(request)
        )
        if subscribed:
            messages.success(request, _("You will receive the weekly report."))
        else:
            messages.success(request, _("You will no longer receive the weekly report."))
        return redirect("weekly-report:subscription")
    context = {
        "form": form,
        "subscription": subscription,
        "next_mail_at": next_mail_at(subscription, timezone.now()) if subscription else None,
        "zone": viewer_zone(viewer).key,
        "language": viewer.language or settings.LANGUAGE_CODE,
    }
    return render(
        request, "reports/weekly/subscription.html", context, status=400 if form.errors else 200
    )
