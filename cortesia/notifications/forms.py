"""Forms of the notification pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cortesia.notifications.models import Channel, Kind
from cortesia.notifications.selectors import PreferenceRow


def field_name(kind: str, channel: str) -> str:
    return f"{kind}__{channel}"


class PreferencesForm(forms.Form):
    """One checkbox per kind and channel, filled with the person's current choices."""

    def __init__(self, *args: Any, rows: list[PreferenceRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in rows:
            for channel, enabled in ((Channel.IN_APP, row.in_app), (Channel.EMAIL, row.email)):
                self.fields[field_name(row.kind, channel)] = forms.BooleanField(
                    label=f"{row.kind.label}: {channel.label}",
                    required=False,
                    initial=enabled,
                )

    def choices(self) -> dict[tuple[str, str], bool]:
        return {
            (kind.value, channel.value): bool(self.cleaned_data.get(field_name(kind, channel)))
            for kind in Kind
            for channel in Channel
        }

    def grid(self) -> list[tuple[Kind, forms.BoundField, forms.BoundField]]:
        """(kind, its in-app box, its e-mail box), for the table of the page."""
        return [
            (kind, self[field_name(kind, Channel.IN_APP)], self[field_name(kind, Channel.EMAIL)])
            for kind in Kind
        ]


class ReadForm(forms.Form):
    uid = forms.UUIDField(
        error_messages={
            "required": _("Choose a notification."),
            "invalid": _("Choose a notification."),
        }
    )
