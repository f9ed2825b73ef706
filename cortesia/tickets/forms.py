"""HTML forms of the ticket pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import User
from cortesia.culture.local_formats import language_name
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.selectors import ANY_STATUS

ANY = [("", _("Any"))]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the cleaned value is a list (maybe empty)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ReplyForm(forms.Form):
    """A reply or note, and optionally a new status. ``version`` is the ticket version the
    page showed: a status someone else changed meanwhile is refused, the message is not."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    # A one-time token: the same form sent twice (a double click, a retry) stores one reply.
    submission = forms.CharField(widget=forms.HiddenInput, max_length=100)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto", "data-testid": "composer"}),
        max_length=100_000,
    )
    kind = forms.ChoiceField(
        label=_("Send as"), choices=TicketMessage.Kind.choices, initial=TicketMessage.Kind.REPLY
    )
    attachments = MultipleFileField(label=_("Attach files"), required=False)
    status = forms.ChoiceField(
        label=_("Then set the status to"),
        choices=[("", _("Leave as it is")), *Ticket.Status.choices],
        required=False,
    )


class InboxFilterForm(forms.Form):
    """Filters of the inbox (a GET form); every field is optional."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("Any unsolved status")),
            *Ticket.Status.choices,
            (ANY_STATUS, _("Any status, solved and closed too")),
        ],
        required=False,
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=[*ANY, *Ticket.Priority.choices], required=False
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[*ANY, *Ticket.Channel.choices], required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=ANY, required=False)
    tag = forms.CharField(label=_("Tag"), max_length=50, required=False)
    q = forms.CharField(label=_("Subject or number"), max_length=200, required=False)

    def __init__(self, *args: Any, languages: Sequence[str], **kwargs: Any) -> None:
        """``languages`` are the codes offered, named in the language of the page."""
        super().__init__(*args, **kwargs)
        viewer_language = translation.get_language() or settings.LANGUAGE_CODE
        named = [(code, language_name(code, viewer_language)) for code in languages]
        self.fields["language"].choices = [  # type: ignore[attr-defined]
            *ANY,
            *sorted(named, key=lambda choice: choice[1].casefold()),
        ]


class BulkForm(forms.Form):
    """One change for the tickets ticked in the inbox."""

    action = forms.ChoiceField(
        label=_("Change"),
        choices=[
            ("assign_me", _("Assign to me")),
            ("assign", _("Assign to")),
            ("unassign", _("Return to the team queue")),
            ("status", _("Set the status to")),
            ("tag", _("Add the tag")),
        ],
    )
    assignee = forms.ChoiceField(label=_("Agent"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "—"), *Ticket.Status.choices], required=False
    )
    tag = forms.CharField(label=_("Tag"), max_length=50, required=False)

    def __init__(
        self, *args: Any, assignees: list[User], can_take: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not can_take:  # someone in no team can take no team's tickets
            action = self.fields["action"]
            action.choices = [c for c in action.choices if c[0] != "assign_me"]  # type: ignore[attr-defined]
        self.people = {str(user.uid): user for user in assignees}
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((uid, user.display_name) for uid, user in self.people.items()),
        ]

    def clean_assignee(self) -> User | None:
        return self.people.get(self.cleaned_data.get("assignee") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        action = data.get("action")
        if action == "assign" and data.get("assignee") is None:
            self.add_error("assignee", _("Choose who gets the tickets."))
        if action == "status" and not data.get("status"):
            self.add_error("status", _("Choose the status."))
        if action == "tag" and not (data.get("tag") or "").strip():
            self.add_error("tag", _("Write the tag to add."))
        return data


class SignatureForm(forms.Form):
    """An agent's signature lines in each site language; the company name for admins."""

    @staticmethod
    def site_languages() -> list[tuple[str, str]]:
        return [(code, str(name)) for code, name in settings.LANGUAGES]

    def __init__(
        self, *args: Any, languages: list[tuple[str, str]], may_name_company: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for code, name in languages:
            self.fields[f"signature_{code}"] = forms.CharField(
                label=name,
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 3, "dir": "auto", "lang": code}),
            )
        if may_name_company:
            self.fields["company_name"] = forms.CharField(
                label=_("Company name"),
                help_text=_("Signs every reply under the agent's name. Empty: the team's name."),
                required=False,
                max_length=200,
            )
