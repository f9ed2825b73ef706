"""Forms of the phone desk: a new ticket and a logged call."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import Team
from cortesia.customers.services import CustomerData
from cortesia.tickets.calls import CallData, call_seconds_parse
from cortesia.tickets.intake import First
from cortesia.tickets.models import Ticket, TicketMessage

NEW_CUSTOMER = "new"
DESK_CHANNELS = [
    (Ticket.Channel.PHONE.value, Ticket.Channel.PHONE.label),
    (Ticket.Channel.EMAIL.value, Ticket.Channel.EMAIL.label),
    (Ticket.Channel.WALK_IN.value, Ticket.Channel.WALK_IN.label),
]
ROUTED = ""


class CallLengthField(forms.CharField):
    """A call's length typed as "4:30" or minutes ("4", "4.5"); cleans to seconds."""

    def clean(self, value: Any) -> int:
        text = super().clean(value)
        try:
            return call_seconds_parse(text)
        except ValueError:
            raise forms.ValidationError(
                _('Give the length as minutes and seconds ("4:30") or minutes ("4").'),
                code="call_length",
            ) from None


class CallFields(forms.Form):
    """A call: who called, how long, the notes, and optionally a status to set then."""

    submission = forms.CharField(widget=forms.HiddenInput, max_length=90)
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=TicketMessage.CallDirection.choices,
        initial=TicketMessage.CallDirection.INBOUND,
        widget=forms.RadioSelect,
    )
    duration = CallLengthField(
        label=_("Length"),
        max_length=12,
        help_text=_('Minutes and seconds ("4:30") or minutes ("4").'),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8, "dir": "ltr"}),
    )
    body = forms.CharField(
        label=_("Notes"),
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
    status = forms.ChoiceField(
        label=_("Then set the status to"),
        choices=[("", _("Leave as it is")), *Ticket.Status.choices],
        required=False,
    )

    def call(self) -> CallData:
        data = self.cleaned_data
        return CallData(
            direction=data["direction"],
            seconds=data["duration"],
            notes=data["body"],
            status=data["status"],
        )


class CallForm(CallFields):
    """Log a call on the ticket page; ``version`` is the ticket version the page showed.

    Its fields' ids start with ``call_``: the page also holds the reply composer, whose
    ``id_body`` must stay the only one (labels and the composer's keys find it by id)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "call_%s")
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_for(cls, ticket: Ticket) -> dict[str, object]:
        return {"version": ticket.version, "submission": uuid.uuid4().hex}


class CustomerCallForm(CallFields):
    """Log a call from the customer's page: on one of their tickets, or on a new phone
    ticket with ``subject``."""

    ticket = forms.ChoiceField(label=_("Ticket"), required=False)
    subject = forms.CharField(label=_("Subject of the new ticket"), max_length=300, required=False)

    def __init__(self, *args: Any, tickets: Sequence[Ticket], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tickets = {str(ticket.uid): ticket for ticket in tickets}
        field = self.fields["ticket"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101  # narrows the type
        field.choices = [
            ("", _("A new phone ticket")),
            *((uid, f"#{t.number} {t.subject}") for uid, t in self.tickets.items()),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("ticket") and not (data.get("subject") or "").strip():
            self.add_error("subject", _("Give the new ticket a subject."))
        return data


class NewTicketForm(forms.Form):
    """A ticket opened at the desk, for an existing customer or a new one."""

    submission = forms.CharField(widget=forms.HiddenInput, max_length=90)
    customer = forms.CharField(label=_("Customer"), max_length=40)
    query = forms.CharField(
        label=_("Find a customer"),
        required=False,
        max_length=100,
        help_text=_("Name, e-mail address, phone number or order number."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "dir": "auto"}),
    )
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    surname = forms.CharField(label=_("Surname"), max_length=100, required=False)
    emails = forms.EmailField(label=_("E-mail address"), required=False)
    phones = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    country = forms.CharField(
        label=_("Country"),
        max_length=2,
        required=False,
        help_text=_("Two letters, such as IT or FI."),
        widget=forms.TextInput(attrs={"size": 3, "dir": "ltr"}),
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=DESK_CHANNELS, initial=Ticket.Channel.PHONE
    )
    subject = forms.CharField(label=_("Subject"), max_length=300)
    first = forms.ChoiceField(
        label=_("First message"),
        choices=[
            (First.CUSTOMER, _("What the customer said")),
            (First.AGENT, _("An e-mail from you to the customer")),
        ],
        initial=First.CUSTOMER,
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
    )
    team = forms.ChoiceField(label=_("Team"), required=False)
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Ticket.Priority.choices, initial=Ticket.Priority.NORMAL
    )

    def __init__(
        self, *args: Any, teams: Sequence[Team], languages: Sequence[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.teams = {str(team.uid): team for team in teams}
        team_field = self.fields["team"]
        language_field = self.fields["language"]
        assert isinstance(team_field, forms.ChoiceField)  # noqa: S101  # narrows the type
        assert isinstance(language_field, forms.ChoiceField)  # noqa: S101
        team_field.choices = [
            (ROUTED, _("Routing decides")),
            *((uid, t.name) for uid, t in self.teams.items()),
        ]
        language_field.choices = [("", _("From the country")), *languages]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("customer") == NEW_CUSTOMER and not (
            (data.get("given_name") or "").strip() or (data.get("surname") or "").strip()
        ):
            self.add_error("given_name", _("Give the new customer's name."))
        return data

    @property
    def is_new_customer(self) -> bool:
        return self.cleaned_data.get("customer") == NEW_CUSTOMER

    def new_customer(self) -> CustomerData:
        data = self.cleaned_data
        return CustomerData(
            given_name=data["given_name"].strip(),
            surname=data["surname"].strip(),
            emails=[data["emails"]] if data["emails"] else [],
            phones=[data["phones"]] if data["phones"] else [],
            language=data["language"] or None,
            country=data["country"].upper() or None,
        )

    def chosen_team(self) -> Team | None:
        return self.teams.get(self.cleaned_data["team"])


def site_languages() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]
