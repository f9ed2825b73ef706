"""HTML forms of the ticket pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cortesia.tickets.models import Ticket, TicketMessage


class ReplyForm(forms.Form):
    """A reply or note, and optionally a new status. ``version`` is the ticket version the
    page showed: a status someone else changed meanwhile is refused, the message is not."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto", "data-testid": "composer"}),
        max_length=100_000,
    )
    kind = forms.ChoiceField(
        label=_("Send as"), choices=TicketMessage.Kind.choices, initial=TicketMessage.Kind.REPLY
    )
    status = forms.ChoiceField(
        label=_("Then set the status to"),
        choices=[("", _("Leave as it is")), *Ticket.Status.choices],
        required=False,
    )
