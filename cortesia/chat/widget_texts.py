"""The widget's own words (buttons, labels, states), in the visitor's language.

The widget's script carries no text: the session endpoint sends these already translated,
so the script stays the same size whatever languages are served."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _


def widget_texts(language: str) -> dict[str, str]:
    with translation.override(language):
        return {
            "open": _("Chat with us"),
            "title": _("Chat"),
            "close": _("Close the chat window"),
            "name_label": _("Your name"),
            "email_label": _("E-mail address"),
            "leave": _("Send the message"),
            "left": _("Thank you. We have your message and will answer by e-mail."),
            "consent": _("I agree that my messages and my name are kept to answer me."),
            "message_label": _("Your message"),
            "message_placeholder": _("Type your message…"),
            "send": _("Send"),
            "start": _("Start the chat"),
            "end": _("End the chat"),
            "new_chat": _("Start a new chat"),
            "ended": _("This chat has ended. Thank you for writing to us."),
            "waiting": _("Waiting for an agent to answer…"),
            "position": _("Your place in the queue: %(position)s") % {"position": "{position}"},
            "assigned": _("%(name)s is answering you.") % {"name": "{name}"},
            "agent": _("Agent"),
            "assistant": _("Assistant"),
            "suggested": _("These articles may answer the question:"),
            "you": _("You"),
            "offline": _("Connection lost. Trying again…"),
            "failed": _("Not sent. Select to try again."),
            "read": _("Read"),
            "typing": _("Typing…"),
            "link": _("Link this chat to my e-mail address"),
            "send_code": _("Send me a code"),
            "code_label": _("Code from the e-mail"),
            "confirm": _("Confirm"),
            "code_sent": _("If this address can receive mail, a code is on its way."),
            "linked": _("Done: this chat is linked to the e-mail address."),
            "unread": _("Unread: %(count)s") % {"count": "{count}"},
        }
