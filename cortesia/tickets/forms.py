"""HTML forms of the ticket pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import Team, User
from cortesia.culture.local_formats import language_name, writing_direction
from cortesia.tickets.composer import copied_addresses_parse
from cortesia.tickets.inputs import TicketChanges
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
    cc = forms.CharField(
        label=_("Copy to (Cc)"),
        help_text=_("E-mail addresses, separated by commas. A reply by e-mail goes to them too."),
        widget=forms.TextInput(attrs={"dir": "ltr", "data-testid": "composer-cc"}),
        max_length=6_500,
        required=False,
        # Left as shown, the reply goes to the addresses kept when it is sent (one may have
        # joined meanwhile); changed, to exactly those typed.
        show_hidden_initial=True,
    )

    def clean_cc(self) -> list[str]:
        """The addresses to copy, validated (at most MAX_COPIED)."""
        return copied_addresses_parse(self.cleaned_data.get("cc") or "")


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
    q = forms.CharField(label=_("Search words or number"), max_length=200, required=False)

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
        self.fields["signature_default"] = forms.CharField(
            label=_("Any other language"),
            help_text=_("Signs replies in a language without a signature of its own."),
            required=False,
            max_length=500,
            widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        )
        for code, name in languages:
            self.fields[f"signature_{code}"] = forms.CharField(
                label=name,
                required=False,
                max_length=500,
                widget=forms.Textarea(
                    attrs={"rows": 3, "dir": writing_direction(code), "lang": code}
                ),
            )
        if may_name_company:
            self.fields["company_name"] = forms.CharField(
                label=_("Company name"),
                help_text=_("Signs every reply under the agent's name. Empty: the team's name."),
                required=False,
                max_length=200,
            )


class TicketPropertiesForm(forms.Form):
    """The ticket's properties in the side panel of its page, in one form.

    Every field keeps the value the page was drawn with in a hidden twin
    (``show_hidden_initial``), so :meth:`changes` holds only what the agent changed there:
    a field someone else changed meanwhile and the agent left alone is not written back
    (nor refused as stale). ``version`` is the ticket version the page showed.
    """

    prefix = "ticket"

    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), show_hidden_initial=True)
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Ticket.Priority.choices, show_hidden_initial=True
    )
    team = forms.ChoiceField(label=_("Team"), required=False, show_hidden_initial=True)
    assignee = forms.ChoiceField(label=_("Assignee"), required=False, show_hidden_initial=True)
    language = forms.ChoiceField(label=_("Language"), required=False, show_hidden_initial=True)
    tags = forms.CharField(
        label=_("Tags"),
        help_text=_("Separate tags with commas."),
        required=False,
        max_length=1000,
        show_hidden_initial=True,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )

    def __init__(
        self,
        *args: Any,
        statuses: Sequence[tuple[str, str]],
        teams: Sequence[Team],
        assignees: Sequence[User],
        languages: Sequence[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        """``statuses`` are the ticket's status and those it may move to; ``teams`` and
        ``assignees`` the ones the viewer may pick; ``languages`` (code, name) pairs."""
        super().__init__(*args, **kwargs)
        self.teams = {str(team.uid): team for team in teams}
        self.people = {str(user.uid): user for user in assignees}
        choices: dict[str, list[tuple[str, str]]] = {
            "status": list(statuses),
            "team": [("", str(_("No team"))), *((uid, t.name) for uid, t in self.teams.items())],
            "assignee": [
                ("", str(_("Nobody (the team's queue)"))),
                *((uid, user.display_name) for uid, user in self.people.items()),
            ],
            "language": list(languages),
        }
        for name, field_choices in choices.items():
            self.fields[name].choices = field_choices  # type: ignore[attr-defined]
        self._keep_drawn_values()

    def _keep_drawn_values(self) -> None:
        """Accept a status or language the page was drawn with that is no longer offered
        (someone else changed the ticket meanwhile): left alone, it is no change at all;
        changed, the service decides (and says why it refuses)."""
        if not self.is_bound:
            return
        labels = {"status": dict(Ticket.Status.choices), "language": {}}
        for name, known in labels.items():
            drawn = self.data.get(self.add_initial_prefix(name))
            field = self.fields[name]
            offered = [value for value, _label in field.choices]  # type: ignore[attr-defined]
            if isinstance(drawn, str) and drawn not in offered:
                field.choices = [*field.choices, (drawn, str(known.get(drawn, drawn)))]  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, ticket: Ticket) -> dict[str, object]:
        """The form's values as the ticket has them now."""
        return {
            "version": ticket.version,
            "status": ticket.status,
            "priority": ticket.priority,
            "team": str(ticket.team.uid) if ticket.team else "",
            "assignee": str(ticket.assignee.uid) if ticket.assignee else "",
            "language": ticket.language,
            "tags": ", ".join(ticket.tags),
        }

    def changes(self) -> TicketChanges:
        """Return the changes the agent made in the form (only the fields changed there)."""
        data, changed = self.cleaned_data, set(self.changed_data)
        team = self.teams.get(data["team"]) if "team" in changed else None
        assignee = self.people.get(data["assignee"]) if "assignee" in changed else None
        return TicketChanges(
            status=data["status"] if "status" in changed else None,
            priority=data["priority"] if "priority" in changed else None,
            team=team,
            clear_team="team" in changed and team is None,
            assignee=assignee,
            clear_assignee="assignee" in changed and assignee is None,
            language=data["language"] if "language" in changed else None,
            tags=data["tags"].split(",") if "tags" in changed else None,
        )


class TicketNumberForm(forms.Form):
    """Another ticket, named by its number (merging into it, linking to it)."""

    number = forms.IntegerField(
        label=_("Ticket number"),
        min_value=1,
        max_value=2_147_483_647,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
