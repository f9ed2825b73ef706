"""Forms of the customer portal."""

from __future__ import annotations

from zoneinfo import available_timezones

from django import forms
from django.utils.translation import gettext_lazy as _

from cortesia.tickets.forms import MultipleFileField

BODY_MAX = 50_000


def _body_field() -> forms.CharField:
    return forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto", "data-testid": "portal-body"}),
    )


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "data-testid": "portal-email"}),
    )


class ReplyForm(forms.Form):
    body = _body_field()
    attachments = MultipleFileField(label=_("Attach files"), required=False)


class RequestForm(forms.Form):
    """A new request of a signed-in customer."""

    subject = forms.CharField(
        label=_("Subject"),
        max_length=300,
        widget=forms.TextInput(attrs={"dir": "auto", "data-testid": "portal-subject"}),
    )
    body = _body_field()
    attachments = MultipleFileField(label=_("Attach files"), required=False)
    # the form's session for suggested articles (``knowledge.deflection``): a signed
    # random id, so that sending the request marks the articles opened from this form
    suggestion_session = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)


class WebForm(RequestForm):
    """The public web form. ``website`` is a trap for robots: people never see it, so a
    form that fills it in is answered like any other and kept nowhere. ``time_zone`` is
    the browser's, filled in by a script when there is one."""

    field_order = ["given_name", "surname", "email", "subject", "body", "attachments"]

    given_name = forms.CharField(
        label=_("Given name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "dir": "auto"}),
    )
    surname = forms.CharField(
        label=_("Family name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name", "dir": "auto"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "data-testid": "portal-email"}),
    )
    website = forms.CharField(
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    time_zone = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean_time_zone(self) -> str:
        zone = str(self.cleaned_data.get("time_zone", ""))
        return zone if zone in available_timezones() else ""

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
