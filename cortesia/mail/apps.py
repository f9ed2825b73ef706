from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "cortesia.mail"
    label = "mail"
    verbose_name = _("E-mail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cortesia.mail.receivers import on_message_added
        from cortesia.tickets.signals import message_added

        message_added.connect(on_message_added, dispatch_uid="mail.reply")
        from cortesia.core.settings_sections import SettingsSection, settings_section_register
        from cortesia.mail.mailboxes import can_manage_mailboxes

        settings_section_register(
            SettingsSection(
                key="mailboxes",
                label=_("Mailboxes"),
                description=_("Addresses customers write to, with their IMAP and SMTP servers."),
                url_name="mailbox-settings:mailbox-list",
                flag=can_manage_mailboxes,  # type: ignore[arg-type]
                order=80,
            )
        )
