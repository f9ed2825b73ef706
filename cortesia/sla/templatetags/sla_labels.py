"""{% load sla_labels %}: the words for the stored codes of SLA policies and clocks."""

from __future__ import annotations

from django.template import Library

from cortesia.sla.forms import CHANNEL_LABELS, PRIORITY_LABELS
from cortesia.sla.models import SlaClock

register = Library()
TARGET_LABELS = dict(SlaClock.Target.choices)


@register.filter
def priority_label(code: str) -> str:
    return str(PRIORITY_LABELS.get(code, code))


@register.filter
def channel_label(code: str) -> str:
    return str(CHANNEL_LABELS.get(code, code))


@register.filter
def target_label(code: str) -> str:
    return str(TARGET_LABELS.get(code, code))
