"""The frame of an agent's reply: the greeting and the sign-off the composer is prefilled
with, in the customer's language and register.

The sign-off is the closing, then the agent's name, the agent's own signature lines for
that language (if any) and the company's name (else the team's), one per line. A reply
must hold words of the agent's own: the frame alone ("Gentile Signora Rossi, … Cordiali
saluti, Alice Rossi") is refused, never stored or mailed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parseaddr
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Model
from django.utils.translation import gettext as _

from cortesia.accounts.models import Team, User
from cortesia.culture.address_forms import Register
from cortesia.culture.local_formats import language_of
from cortesia.customers.addressing import customer_address_as
from cortesia.localization.selectors import spoken_base
from cortesia.tickets.models import AgentSignature, ReplySettings, Ticket

WORD = re.compile(r"\w")
COPIED_SEPARATORS = re.compile(r"[,;\s]+")
# The most addresses one reply may copy, and one ticket may keep copied.
MAX_COPIED = 20


@dataclass(frozen=True)
class ReplyFrame:
    greeting: str  # "" when the customer has no name yet
    sign_off: str  # closing, name, signature and company, one per line

    @property
    def prefill(self) -> str:
        """The composer's text: greeting, room to write, sign-off."""
        return (
            f"{self.greeting}\n\n\n\n{self.sign_off}" if self.greeting else f"\n\n{self.sign_off}"
        )


def company_name() -> str:
    settings_row = ReplySettings.objects.order_by("pk").first()
    return settings_row.company_name if settings_row else ""


def signing_name(team: Team | None = None) -> str:
    """Return the name every mail to a customer is signed and sent with: the company's
    name, else ``team``'s, else the display name of the site's sender address, else "".

    One rule for replies, acknowledgements and sign-in mails, so a customer sees one
    sender whatever the mail. Line breaks are folded, as the name also goes into From.
    """
    site = parseaddr(settings.DEFAULT_FROM_EMAIL)[0]
    name = company_name() or (team.name if team is not None else "") or site
    return " ".join(name.split())


def agent_signature(agent: User, language: str) -> str:
    """Return the agent's signature lines for ``language``, else for its base language,
    else the agent's default signature (stored under the language ""), else ""."""
    base = language_of(language)
    texts = dict(
        AgentSignature.objects.filter(user=agent, language__in={language, base, ""}).values_list(
            "language", "text"
        )
    )
    return texts.get(language) or texts.get(base) or texts.get("") or ""


def sign_off(closing: str, agent: User | None, language: str, team: Team | None) -> str:
    """Return the closing followed by the signature block, blank parts left out."""
    lines = [closing]
    if agent is not None:
        lines += [agent.display_name, agent_signature(agent, language)]
    lines.append(signing_name(team))
    return "\n".join(line.strip() for line in lines if line.strip())


def spoken_language(tag: str) -> str:
    """Return the base of ``tag`` when the product's catalogues speak it, else the site's
    language: the language an automatic text about a ticket is written in."""
    return spoken_base(tag) or settings.LANGUAGE_CODE


def reply_language(ticket: Ticket) -> str:
    return (ticket.language or ticket.customer.language or settings.LANGUAGE_CODE).lower()


def reply_frame(ticket: Ticket, agent: User | None, business: Mapping[str, Register]) -> ReplyFrame:
    """Return the greeting and sign-off of a reply by ``agent`` on ``ticket``."""
    forms = customer_address_as(ticket.customer, business, language=ticket.language or None)
    closing = forms.closing if forms else ""
    return ReplyFrame(
        greeting=forms.greeting if forms else "",
        sign_off=sign_off(closing, agent, reply_language(ticket), ticket.team),
    )


def _plain(line: str) -> str:
    return " ".join(line.split()).casefold()


def has_own_words(text: str, frame: ReplyFrame) -> bool:
    """Return True when ``text`` has a line with a letter or digit that is not a line of
    the frame (the greeting, closing and signature do not count)."""
    framing = {_plain(line) for line in f"{frame.greeting}\n{frame.sign_off}".splitlines()}
    return any(WORD.search(line) and _plain(line) not in framing for line in text.splitlines())


def copied_addresses_parse(text: str) -> list[str]:
    """Return the addresses in ``text`` like :func:`addresses_parse`; raise
    ValidationError also when there are more than MAX_COPIED."""
    found = addresses_parse(text)
    if len(found) > MAX_COPIED:
        raise ValidationError(
            _("At most %(limit)s addresses can be copied.") % {"limit": MAX_COPIED},
            code="too_many_addresses",
        )
    return found


def addresses_parse(text: str) -> list[str]:
    """Return the addresses in ``text`` (separated by commas, semicolons or spaces),
    lower-cased, without repeats, in order; raise ValidationError naming the first piece
    that is not an address."""
    found: list[str] = []
    for piece in filter(None, COPIED_SEPARATORS.split(text.strip())):
        address = parseaddr(piece)[1].strip().lower()
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                _("%(value)s is not an e-mail address.") % {"value": piece[:100]},
                code="invalid_address",
            ) from None
        if address not in found:
            found.append(address)
    return found


def copied_kept(ticket: Ticket) -> list[str]:
    """Return the addresses the mail channel keeps copied on ``ticket``, in the order they
    were added (one query). The channel's model sits above tickets: read through the
    ticket's reverse relation, never imported."""
    kept = ticket._meta.get_field("mail_recipients").related_model
    manager = cast("type[Model]", kept)._default_manager
    return list(manager.filter(ticket=ticket).order_by("id").values_list("address", flat=True))
