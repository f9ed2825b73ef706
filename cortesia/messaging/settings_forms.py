"""The form of the messaging channel settings pages.

The secret fields are write-only: they never show a stored value, and an empty one keeps
what is stored (None to the services). The provider is fixed once the channel exists, so
the edit form shows it disabled and drops the fields that provider does not use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import Team
from cortesia.messaging.models import MessagingChannel
from cortesia.messaging.selectors import channel_secrets_present
from cortesia.messaging.services import ChannelChange, ChannelData

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Kind = MessagingChannel.Kind
SECRET_SET = _("Set. Left empty, the stored value is kept.")
SECRET_NOT_SET = _("Not set.")


def _secret(label: StrOrPromise, help_text: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=1000,
        strip=True,
        help_text=help_text,
        widget=forms.PasswordInput(
            render_value=False, attrs={"dir": "ltr", "autocomplete": "new-password"}
        ),
    )


class ChannelForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    kind = forms.ChoiceField(label=_("provider"), choices=Kind.choices)
    account = forms.CharField(
        label=_("phone number ID"),
        max_length=100,
        required=False,
        help_text=_("WhatsApp only: the phone number ID shown in Meta's WhatsApp dashboard."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "inputmode": "numeric"}),
    )
    team = forms.ChoiceField(
        label=_("team"),
        required=False,
        help_text=_("The team whose queue receives the conversations of this channel."),
    )
    default_language = forms.ChoiceField(
        label=_("default language"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        help_text=_("Used when the customer's language cannot be told from a message."),
    )
    answer_bot = forms.BooleanField(
        label=_("the answer bot answers first"),
        required=False,
        help_text=_(
            "It answers from the published articles in the customer's language, and hands "
            "the conversation to the team when asked or when it has no sure answer."
        ),
    )
    signing_secret = _secret(
        _("app secret or secret token"),
        _(
            "WhatsApp: the app secret of the Meta app, which signs each delivery. Telegram: "
            "a secret token of 1 to 256 letters, digits, _ and -; left empty, one is made."
        ),
    )
    access_token = _secret(
        _("access token or bot token"),
        _(
            "WhatsApp: a permanent access token of a system user. Telegram: the bot token "
            "@BotFather gives, such as 123456:ABC-DEF1234ghIkl."
        ),
    )
    verify_token = _secret(
        _("verify token"),
        _(
            "WhatsApp only: the token Meta sends to confirm the callback URL; left empty, one "
            "is made."
        ),
    )

    def __init__(
        self,
        *args: Any,
        teams: QuerySet[Team],
        channel: MessagingChannel | None = None,
        **kwargs: Any,
    ) -> None:
        if channel is not None:
            kwargs["initial"] = {
                "name": channel.name,
                "kind": channel.kind,
                "account": channel.account,
                "team": str(channel.team.uid) if channel.team else "",
                "default_language": channel.default_language,
                "answer_bot": channel.answer_bot,
            }
        super().__init__(*args, **kwargs)
        self.channel = channel
        team_field = self.fields["team"]
        assert isinstance(team_field, forms.ChoiceField)  # noqa: S101 - declared above
        team_field.choices = [("", _("No team")), *((str(t.uid), t.name) for t in teams)]
        if channel is not None:
            self._fit_to(channel)

    def _fit_to(self, channel: MessagingChannel) -> None:
        """Fix the provider, drop the fields it does not use, name its secrets and say
        which of them are stored."""
        self.fields["kind"].disabled = True
        self.fields["kind"].required = False
        if channel.kind == Kind.TELEGRAM:
            del self.fields["account"], self.fields["verify_token"]
            self.fields["signing_secret"].label = _("secret token")
            self.fields["access_token"].label = _("bot token")
        else:
            self.fields["account"].required = True
            self.fields["signing_secret"].label = _("app secret")
            self.fields["access_token"].label = _("access token")
        present = channel_secrets_present(channel)
        stored = {
            "signing_secret": present.has_signing_secret,
            "access_token": present.has_access_token,
            "verify_token": present.has_verify_token,
        }
        for name, is_set in stored.items():
            if name in self.fields:
                self.fields[name].help_text = SECRET_SET if is_set else SECRET_NOT_SET

    def data_for_create(self) -> ChannelData:
        data = self.cleaned_data
        return ChannelData(
            kind=data["kind"],
            name=data["name"],
            account=data["account"],
            team_uid=data["team"],
            default_language=data["default_language"],
            signing_secret=data["signing_secret"] or None,
            access_token=data["access_token"] or None,
            verify_token=data["verify_token"] or None,
            answer_bot=data["answer_bot"],
        )

    def change(self) -> ChannelChange:
        data = self.cleaned_data
        return ChannelChange(
            name=data["name"],
            account=data.get("account"),
            team_uid=data["team"],
            default_language=data["default_language"],
            signing_secret=data["signing_secret"] or None,
            access_token=data["access_token"] or None,
            verify_token=data.get("verify_token") or None,
            answer_bot=data["answer_bot"],
        )
