"""``{% load notification_bell %}{% notification_bell %}``: the bell of the page's top bar,
with the signed-in person's unread count (one query; none for anyone without
notifications)."""

from __future__ import annotations

from typing import Any

from django import template

from cortesia.accounts.models import User
from cortesia.notifications.selectors import (
    can_receive_notifications,
    poll_seconds,
    unread_count,
)

register = template.Library()


@register.inclusion_tag("notifications/bell.html", takes_context=True)
def notification_bell(context: template.Context) -> dict[str, Any]:
    user = context.get("user")
    if not isinstance(user, User) or not can_receive_notifications(user):
        return {"hidden": True}
    return {"unread": unread_count(viewer=user), "poll_seconds": poll_seconds()}
