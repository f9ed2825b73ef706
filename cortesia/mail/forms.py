"""The forms of the mail pages on a ticket."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cortesia.mail.forwarding import MAX_NOTE
from cortesia.tickets.composer import addresses_parse


class ForwardForm(forms.Form):
    """Whom to forward a ticket to, with a note; internal notes only when ticked."""

    to = forms.CharField(
        label=_("To"),
        help_text=_("E-mail addresses, separated by commas (at most 10)."),
        max_length=3_400,
        widget=forms.TextInput(attrs={"dir": "ltr", "data-testid": "forward-to"}),
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("Goes above the conversation."),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto", "data-testid": "forward-note"}),
    )
    include_notes = forms.BooleanField(
        label=_("Include internal notes"),
        help_text=_(
            "Careful: internal notes were written for colleagues only. The recipients will "
            "read them."
        ),
        required=False,
        widget=forms.CheckboxInput(attrs={"data-testid": "forward-include-notes"}),
    )

    def clean_to(self) -> list[str]:
        return addresses_parse(self.cleaned_data["to"])
