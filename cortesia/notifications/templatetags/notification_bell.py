"""``{% load notification_bell %}{% notification_bell %}``: the bell of the page's top bar.

The page draws the bell without its number and costs no query: the browser asks for the
number at once and then every few seconds (``notifications:bell``, one query each), so
a staff page is no slower for it and the number stays live.
"""

from __future__ import annotations

from typing import Any

from django import template

from cortesia.accounts.models import User
from cortesia.notifications.selectors import can_receive_notifications, poll_seconds

register = template.Library()


@register.inclusion_tag("notifications/bell.html", takes_context=True)
def notification_bell(context: template.Context) -> dict[str, Any]:
    user = context.get("user")
    if not isinstance(user, User) or not can_receive_notifications(user):
        return {"hidden": True}
    return {"counted": False, "poll_seconds": poll_seconds()}
