"""The form of the mailbox settings pages: address, team, IMAP and SMTP servers.

Passwords are write-only: the password inputs never show a stored value, and an empty
one keeps the password stored (``None`` to the services). The name is fixed once the
mailbox exists, because the pipe command and the webhook address name it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import Team
from cortesia.mail.mailboxes import ImapSettings, MailboxChange, SmtpSettings
from cortesia.mail.models import Mailbox

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

KEEP_PASSWORD = _("Leave empty to keep the current password.")
MAX_PORT = 65535


def _password(label: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=500,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )


def _text(label: StrOrPromise, *, required: bool = False, initial: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=255,
        initial=initial,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )


class MailboxForm(forms.Form):
    name = forms.SlugField(
        label=_("name"),
        max_length=50,
        help_text=_(
            "Lower-case letters, digits and hyphens; the pipe command and the webhook use it."
        ),
    )
    address = forms.EmailField(label=_("address"), widget=forms.EmailInput(attrs={"dir": "ltr"}))
    team = forms.ModelChoiceField(
        label=_("team for new tickets"), queryset=Team.objects.none(), required=False
    )
    is_active = forms.BooleanField(label=_("active"), required=False, initial=True)
    acknowledge = forms.BooleanField(
        label=_("acknowledge new tickets"), required=False, initial=True
    )
    imap_host = _text(_("IMAP host"))
    imap_port = forms.IntegerField(
        label=_("IMAP port"), initial=993, min_value=1, max_value=MAX_PORT
    )
    imap_security = forms.ChoiceField(
        label=_("IMAP security"), choices=Mailbox.Security.choices, initial=Mailbox.Security.TLS
    )
    imap_username = _text(_("IMAP user name"))
    imap_password = _password(_("IMAP password"))
    imap_password_env = _text(_("environment variable with the IMAP password"))
    imap_folder = _text(_("IMAP folder"), initial="INBOX")
    after_import = forms.ChoiceField(
        label=_("after import"),
        choices=Mailbox.AfterImport.choices,
        initial=Mailbox.AfterImport.SEEN,
    )
    move_to = _text(_("move to folder"))
    smtp_host = _text(_("SMTP host"))
    smtp_port = forms.IntegerField(
        label=_("SMTP port"), initial=587, min_value=1, max_value=MAX_PORT
    )
    smtp_security = forms.ChoiceField(
        label=_("SMTP security"),
        choices=Mailbox.SmtpSecurity.choices,
        initial=Mailbox.SmtpSecurity.STARTTLS,
    )
    smtp_username = _text(_("SMTP user name"))
    smtp_password = _password(_("SMTP password"))

    GROUPS = (
        ("mailbox", ("name", "address", "team", "is_active", "acknowledge")),
        (
            "imap",
            (
                "imap_host",
                "imap_port",
                "imap_security",
                "imap_username",
                "imap_password",
                "imap_password_env",
                "imap_folder",
                "after_import",
                "move_to",
            ),
        ),
        ("smtp", ("smtp_host", "smtp_port", "smtp_security", "smtp_username", "smtp_password")),
    )

    def __init__(
        self, *args: Any, teams: QuerySet[Team], mailbox: Mailbox | None = None, **kwargs: Any
    ) -> None:
        if mailbox is not None:
            kwargs["initial"] = {
                name: getattr(mailbox, name)
                for _group, names in self.GROUPS
                for name in names
                if name not in ("imap_password", "smtp_password")
            }
        super().__init__(*args, **kwargs)
        self.mailbox = mailbox
        team_field = self.fields["team"]
        assert isinstance(team_field, forms.ModelChoiceField)  # noqa: S101 - declared above
        team_field.queryset = teams
        if mailbox is not None:
            self.fields["name"].disabled = True
            self.fields["name"].required = False
            for name, sealed in (
                ("imap_password", mailbox.imap_password_sealed),
                ("smtp_password", mailbox.smtp_password_sealed),
            ):
                if sealed:
                    self.fields[name].help_text = KEEP_PASSWORD
        else:
            del self.fields["is_active"]

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (key, [self[name] for name in names if name in self.fields])
            for key, names in self.GROUPS
        ]

    def imap(self) -> ImapSettings | None:
        data = self.cleaned_data
        if not data["imap_host"].strip():
            return None
        return ImapSettings(
            host=data["imap_host"],
            username=data["imap_username"],
            password_env=data["imap_password_env"],
            port=data["imap_port"],
            security=data["imap_security"],
            folder=data["imap_folder"],
            after_import=data["after_import"],
            move_to=data["move_to"],
            password=data["imap_password"] or None,
        )

    def smtp(self) -> SmtpSettings | None:
        data = self.cleaned_data
        if not data["smtp_host"].strip():
            return None
        return SmtpSettings(
            host=data["smtp_host"],
            username=data["smtp_username"],
            port=data["smtp_port"],
            security=data["smtp_security"],
            password=data["smtp_password"] or None,
        )

    def change(self) -> MailboxChange:
        data = self.cleaned_data
        return MailboxChange(
            address=data["address"],
            team=data["team"],
            is_active=data.get("is_active", True),
            acknowledge=data["acknowledge"],
            imap=self.imap(),
            smtp=self.smtp(),
        )
