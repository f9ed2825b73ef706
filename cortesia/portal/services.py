"""What customers do on the portal: ask for a sign-in link, open requests, answer them.

Customers act as the system actor (they are not staff users); the ticket services record
each message as the customer's. Every limit here answers the same way for known and
unknown addresses, so the portal never tells whether an address is a customer's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors, TooLarge
from cortesia.core.ratelimit import RateLimit, rate_hit, rate_limit
from cortesia.customers.models import Customer
from cortesia.customers.services import (
    CustomerData,
    customer_by_email,
    customer_for_email,
    customer_language_learn,
)
from cortesia.portal.tasks import send_sign_in_link
from cortesia.tickets.attachments import MAX_FILES_PER_MESSAGE, attachment_store
from cortesia.tickets.creation import Opened, ticket_open
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    message_add,
    ticket_update,
)

LINKS_PER_IP = RateLimit("portal-link-ip", 20, timedelta(hours=1))
LINKS_PER_ADDRESS = RateLimit("portal-link-address", 5, timedelta(hours=1))
FORMS_PER_IP = RateLimit("portal-form-ip", 10, timedelta(hours=1))
FORMS_PER_ADDRESS = RateLimit("portal-form-address", 5, timedelta(hours=1))
REQUESTS_PER_CUSTOMER = RateLimit("portal-request-customer", 20, timedelta(hours=1))


def sign_in_request(*, address: str, language: str, client_ip: str) -> None:
    """Mail a sign-in link to ``address`` when it is a customer's. Raises RateLimited when
    this client asked too often; beyond 5 links an hour to one address, more are quietly
    not sent (the answer stays the same)."""
    rate_limit(rule=LINKS_PER_IP, subject=client_ip)
    address = address.strip().lower()
    if not rate_hit(rule=LINKS_PER_ADDRESS, subject=address).allowed:
        return
    customer = customer_by_email(address)
    if customer is None:
        return
    customer_id = customer.pk
    transaction.on_commit(
        lambda: send_sign_in_link.enqueue(
            customer_id=customer_id, address=address, language=language
        )
    )


@dataclass
class Request:
    """A new request from the portal or the public web form."""

    subject: str
    body: str
    files: list[UploadedFile] = field(default_factory=list)


@dataclass
class Visitor:
    """Who sends the public web form: the address the answers go to, the name they gave,
    and what their browser says (page language, a checked IANA time zone or "")."""

    address: str
    given_name: str
    surname: str = ""
    language: str = ""
    time_zone: str = ""
    client_ip: str = ""


def _check_files(files: list[UploadedFile]) -> None:
    """Refuse too many or too large files before anything is stored."""
    if len(files) > MAX_FILES_PER_MESSAGE:
        raise FieldErrors(
            {
                "attachments": _("A message has at most %(count)d files.")
                % {"count": MAX_FILES_PER_MESSAGE}
            }
        )
    limit = settings.CORTESIA_ATTACHMENT_MAX_BYTES
    if any(upload.size is not None and upload.size > limit for upload in files):
        raise TooLarge(_("A file may have at most %(size)d MB.") % {"size": limit // 1_000_000})


def _open(customer: Customer, request: Request, page_language: str = "") -> Opened:
    actor = Actor.system()
    opened = ticket_open(
        data=TicketData(
            subject=request.subject,
            customer=customer,
            channel=Ticket.Channel.WEB,
            channel_language=page_language,
            message=MessageData(
                body_text=request.body,
                kind=TicketMessage.Kind.REPLY,
                author_kind=TicketMessage.Author.CUSTOMER,
            ),
        ),
        actor=actor,
    )
    for upload in request.files:
        attachment_store(message=opened.message, upload=upload, actor=actor)
    return opened


@transaction.atomic
def portal_ticket_open(*, customer: Customer, request: Request) -> Ticket:
    """Open a request for a signed-in customer, with its files. Raises FieldErrors,
    TooLarge or RateLimited; nothing is kept then."""
    _check_files(request.files)
    rate_limit(rule=REQUESTS_PER_CUSTOMER, subject=str(customer.uid))
    return _open(customer, request).ticket


@transaction.atomic
def web_form_submit(*, visitor: Visitor, request: Request) -> Ticket:
    """Open a request from the public web form. The address becomes a customer when it is
    new (with the name, page language and browser time zone given); a known customer's
    profile is left as it is. Raises FieldErrors, TooLarge or RateLimited."""
    _check_files(request.files)
    address = visitor.address.strip().lower()
    rate_limit(rule=FORMS_PER_IP, subject=visitor.client_ip)
    rate_limit(rule=FORMS_PER_ADDRESS, subject=address)
    customer = customer_for_email(
        address=address,
        data=CustomerData(
            given_name=visitor.given_name.strip(),
            surname=visitor.surname.strip(),
            time_zone=visitor.time_zone or None,
        ),
        actor=Actor.system(),
    )
    opened = _open(customer, request, visitor.language)
    ticket = opened.ticket
    if not customer.language:
        detected = opened.language_source == "detected"
        language = ticket.language if detected else visitor.language
        source = Customer.LanguageSource.DETECTED if detected else Customer.LanguageSource.EXPLICIT
        customer_language_learn(
            customer=customer, language=language, actor=Actor.system(), source=source
        )
    return ticket


@transaction.atomic
def portal_reply(
    *, customer: Customer, ticket: Ticket, body: str, files: list[UploadedFile]
) -> TicketMessage:
    """Add the customer's answer, with its files, to their own ``ticket`` (which the
    caller got through :func:`cortesia.portal.selectors.portal_ticket`). Raises Conflict
    for a closed ticket, FieldErrors or TooLarge; nothing is kept then."""
    _check_files(files)
    if ticket.customer_id != customer.pk:
        raise Conflict(_("This request is not yours."))
    return _reply(ticket, body, files)


def _reply(ticket: Ticket, body: str, files: list[UploadedFile]) -> TicketMessage:
    message = message_add(
        ticket=ticket,
        data=MessageData(
            body_text=body,
            kind=TicketMessage.Kind.REPLY,
            author_kind=TicketMessage.Author.CUSTOMER,
        ),
        actor=Actor.system(),
    )
    for upload in files:
        attachment_store(message=message, upload=upload, actor=Actor.system())
    return message


@transaction.atomic
def portal_mark_solved(*, customer: Customer, ticket: Ticket) -> Ticket:
    """The customer says their request is solved: the ticket is solved (an answer later
    reopens it, as any answer does) and an internal note tells the team who solved it.
    A request already solved or closed stays as it is."""
    if ticket.customer_id != customer.pk:
        raise Conflict(_("This request is not yours."))
    if ticket.status in (Ticket.Status.SOLVED, Ticket.Status.CLOSED):
        return ticket
    solved = ticket_update(
        ticket=ticket,
        changes=TicketChanges(status=Ticket.Status.SOLVED),
        expected_version=None,
        actor=Actor.system(),
    )
    with translation.override(settings.LANGUAGE_CODE):  # a note for the team, not for them
        note = _("The customer marked this request as solved on the portal.")
    message_add(
        ticket=solved,
        data=MessageData(
            body_text=note,
            kind=TicketMessage.Kind.NOTE,
            author_kind=TicketMessage.Author.SYSTEM,
        ),
        actor=Actor.system(),
    )
    return solved
