"""Mentions: taking one in (webhook, CSV import, demo data), reading them, and opening a
ticket from one.

**Taking one in** (:func:`mention_ingest`) is idempotent per (source, external id): the
first delivery is stored, a later one with the same id returns the stored mention
unchanged (also when two arrive at once: the unique key decides, the loser reads the
winner's row). Each new mention gets its language (the culture engine's detector), its
frustration signal (:mod:`cortesia.feedback.frustration`) and, when its author is known,
its customer, on whose timeline it then appears.

**The author is known** when (1) the mention's e-mail address belongs to a customer, or
else (2) exactly one customer has the mention's handle as their external id for the
source's kind (``external_ids = {"x": "@giulia_r"}`` for a source of kind ``x``), compared
without letter case and with or without a leading "@". Merged customers lead to the
survivor. Nothing else is guessed: a name alone never matches.

**Opening a ticket** (:func:`mention_ticket_open`) is idempotent too: the mention's row is
locked and a second call returns the ticket the first one opened.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, FieldErrors, Forbidden, NotFound
from cortesia.culture.language_detection import UNKNOWN, detect_language
from cortesia.culture.names import strip_forbidden_name_characters
from cortesia.customers.models import Customer, CustomerEvent, CustomerExternalId
from cortesia.customers.services import (
    CustomerData,
    customer_by_email,
    customer_create,
    customer_event_record,
    customer_for_email,
)
from cortesia.feedback.frustration import frustration_of
from cortesia.feedback.models import Mention, MentionSource
from cortesia.feedback.permissions import can_view_feedback, require_mention_ticket_opener
from cortesia.mail.parsing import display_name_parts
from cortesia.tickets.creation import ticket_open
from cortesia.tickets.inputs import MessageData, TicketData
from cortesia.tickets.models import Ticket, TicketMessage

EXTERNAL_ID_MAX = 200
TEXT_MAX = 20_000
URL_MAX = 2000
AUTHOR_MAX = 200
RATING_MAX_LIMIT = 100
DEFAULT_RATING_MAX = 5
EXCERPT = 200
SUBJECT_EXCERPT = 80
NAME_PART_MAX = 150
# A clock a little ahead at the source is tolerated; a date days ahead is a mistake.
FUTURE_TOLERANCE = timedelta(days=1)


@dataclass(frozen=True)
class MentionData:
    """One mention as a source describes it (the generic JSON format, or a CSV row)."""

    external_id: str
    text: str
    published_at: datetime | None
    url: str = ""
    author_handle: str = ""
    author_name: str = ""
    author_email: str = ""
    rating: Decimal | None = None
    rating_max: int | None = None


@dataclass(frozen=True)
class MentionTicket:
    ticket: Ticket
    created: bool  # False: the mention already had this ticket


# -- Checks --------------------------------------------------------------------------------


def _check_text(errors: dict[str, str], name: str, value: str, maximum: int) -> str:
    value = value.strip()
    if len(value) > maximum:
        errors[name] = _("Use at most %(count)d characters.") % {"count": maximum}
    return value


def _check_url(errors: dict[str, str], url: str) -> str:
    url = _check_text(errors, "url", url, URL_MAX)
    if url and "url" not in errors:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            errors["url"] = _("Give the address of the post, starting with https://.")
    return url


def _check_email(errors: dict[str, str], address: str) -> str:
    address = address.strip().lower()
    if address:
        try:
            validate_email(address)
        except ValidationError:
            errors["author.email"] = _("%(value)s is not an e-mail address.") % {
                "value": address[:100]
            }
    return address


def _check_rating(errors: dict[str, str], rating: Decimal | None, maximum: int | None) -> None:
    if maximum is not None and not 1 <= maximum <= RATING_MAX_LIMIT:
        errors["rating_max"] = _("The best rating is a whole number from 1 to %(max)d.") % {
            "max": RATING_MAX_LIMIT
        }
        return
    if rating is None:
        return
    best = maximum or DEFAULT_RATING_MAX
    if (
        not rating.is_finite()
        or not 0 <= rating <= best
        or rating != rating.quantize(Decimal("0.1"))
    ):
        errors["rating"] = _(
            "The rating is a number from 0 to %(max)d with at most one decimal."
        ) % {"max": best}


def _check_published(errors: dict[str, str], published_at: datetime | None) -> None:
    if published_at is None or published_at.tzinfo is None:
        errors["published_at"] = _(
            "Give when it was published as ISO 8601 with its offset, e.g. "
            "2026-12-05T09:30:00+01:00."
        )
    elif published_at > timezone.now() + FUTURE_TOLERANCE:
        errors["published_at"] = _("The publication time is in the future.")


def mention_data_checked(data: MentionData) -> MentionData:
    """Return ``data`` trimmed (e-mail in lower case, time in UTC, rating with one decimal,
    rating maximum 5 when a rating comes without one). Raises FieldErrors naming every bad
    field."""
    errors: dict[str, str] = {}
    external_id = _check_text(errors, "external_id", data.external_id, EXTERNAL_ID_MAX)
    if not external_id and "external_id" not in errors:
        errors["external_id"] = _("Give the post's id at the source.")
    text = _check_text(errors, "text", data.text, TEXT_MAX)
    if not text and "text" not in errors:
        errors["text"] = _("Give the text of the post.")
    handle = _check_text(errors, "author.handle", data.author_handle, AUTHOR_MAX)
    name = _check_text(errors, "author.name", data.author_name, AUTHOR_MAX)
    url = _check_url(errors, data.url)
    email = _check_email(errors, data.author_email)
    _check_rating(errors, data.rating, data.rating_max)
    _check_published(errors, data.published_at)
    if errors:
        raise FieldErrors(errors)
    assert data.published_at is not None  # noqa: S101 - checked above
    return replace(
        data,
        external_id=external_id,
        text=text,
        url=url,
        author_handle=handle,
        author_name=name,
        author_email=email,
        rating=data.rating.quantize(Decimal("0.1")) if data.rating is not None else None,
        rating_max=data.rating_max
        if data.rating_max is not None or data.rating is None
        else DEFAULT_RATING_MAX,
        published_at=data.published_at.astimezone(UTC),
    )


# -- Matching ------------------------------------------------------------------------------


def _survivor(customer: Customer) -> Customer:
    while customer.merged_into_id is not None:
        customer = Customer.objects.get(pk=customer.merged_into_id)
    return customer


def customer_by_handle(*, kind: str, handle: str) -> Customer | None:
    """The one customer whose external id for ``kind`` is ``handle`` (letter case and a
    leading "@" aside), or None when nobody or more than one customer has it."""
    bare = handle.strip().removeprefix("@")
    if not bare:
        return None
    rows = CustomerExternalId.objects.filter(source=kind).filter(
        Q(value__iexact=bare) | Q(value__iexact=f"@{bare}")
    )
    owners = {row.customer_id for row in rows[:2]}
    if len(owners) != 1:
        return None
    return _survivor(Customer.objects.get(pk=owners.pop()))


def mention_customer_match(*, source: MentionSource, email: str, handle: str) -> Customer | None:
    """The customer a mention's author is (see the module's docstring), or None."""
    if email:
        customer = customer_by_email(email)
        if customer is not None:
            return customer
    return customer_by_handle(kind=source.kind, handle=handle) if handle else None


# -- Taking in -----------------------------------------------------------------------------


def _language(text: str) -> str:
    mode = settings.CORTESIA_LANGUAGE_DETECTION
    if mode == "off":
        return ""
    detected = detect_language(text, accurate=mode == "accurate").language
    return "" if detected == UNKNOWN else detected


def excerpt(text: str, length: int) -> str:
    """The text on one line, cut at ``length`` characters with "…"."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def _timeline(mention: Mention, customer: Customer, actor: Actor) -> None:
    customer_event_record(
        customer=customer,
        kind=CustomerEvent.Kind.MENTION,
        data={
            "mention": str(mention.uid),
            "source": mention.source.name,
            "source_kind": mention.source.kind,
            "excerpt": excerpt(mention.text, EXCERPT),
            "rating": str(mention.rating) if mention.rating is not None else None,
            "rating_max": mention.rating_max,
            "level": mention.frustration_level,
        },
        actor=actor,
        occurred_at=mention.published_at,
    )


def _new_mention(source: MentionSource, data: MentionData, via: str) -> Mention:
    language = _language(data.text)
    signal = frustration_of(
        data.text, language=language, rating=data.rating, rating_max=data.rating_max
    )
    assert data.published_at is not None  # noqa: S101 - checked before
    return Mention(
        source=source,
        external_id=data.external_id,
        url=data.url,
        author_handle=data.author_handle,
        author_name=data.author_name,
        author_email=data.author_email,
        text=data.text,
        rating=data.rating,
        rating_max=data.rating_max,
        published_at=data.published_at,
        via=via,
        language=language,
        frustration=signal.score,
        frustration_level=signal.level,
        frustration_signals=list(signal.signals),
        customer=mention_customer_match(
            source=source, email=data.author_email, handle=data.author_handle
        ),
    )


def mention_ingest(*, source: MentionSource, data: MentionData, via: str) -> tuple[Mention, bool]:
    """Store a mention from ``source`` once; return it and whether it is new.

    A mention whose (source, external id) is already stored is returned unchanged, with
    False. Raises FieldErrors (nothing stored). The new mention's customer, when known,
    gets a timeline entry dated at the publication.
    """
    if via not in Mention.Via.values:
        raise DomainError(_("Unknown way of receiving a mention."), code="invalid_via")
    data = mention_data_checked(data)
    existing = Mention.objects.filter(source=source, external_id=data.external_id).first()
    if existing is not None:
        return existing, False
    mention = _new_mention(source, data, via)
    try:
        with transaction.atomic():
            mention.save(force_insert=True)
            if mention.customer is not None:
                _timeline(mention, mention.customer, Actor.system())
    except IntegrityError:  # the same mention, stored meanwhile by a concurrent delivery
        return Mention.objects.get(source=source, external_id=data.external_id), False
    return mention, True


# -- Reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MentionFilter:
    source: str | None = None  # public id
    level: str | None = None
    language: str | None = None
    customer: str | None = None  # public id
    published_from: datetime | None = None
    published_to: datetime | None = None  # excluded


def _uuid(value: str, name: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise FieldErrors(
            {name: _("%(value)s is not a public id.") % {"value": value[:40]}}
        ) from None


def mention_list(*, viewer: object, filters: MentionFilter | None = None) -> QuerySet[Mention]:
    """Mentions the viewer may see (all of them, for active staff), filtered; with their
    source, customer and ticket. Raises Forbidden or FieldErrors (a bad public id)."""
    if not can_view_feedback(viewer):
        raise Forbidden(_("Only active staff see mentions."))
    mentions = Mention.objects.select_related("source", "customer", "ticket")
    f = filters or MentionFilter()
    if f.source:
        mentions = mentions.filter(source__uid=_uuid(f.source, "source"))
    if f.customer:
        mentions = mentions.filter(customer__uid=_uuid(f.customer, "customer"))
    if f.level:
        mentions = mentions.filter(frustration_level=f.level)
    if f.language:
        mentions = mentions.filter(language=f.language)
    if f.published_from:
        mentions = mentions.filter(published_at__gte=f.published_from)
    if f.published_to:
        mentions = mentions.filter(published_at__lt=f.published_to)
    return mentions


def mention_get(*, viewer: object, uid: str) -> Mention:
    """One mention by public id; NotFound when there is none (or the viewer sees none)."""
    if not can_view_feedback(viewer):
        raise NotFound("mention")
    try:
        return Mention.objects.select_related("source", "customer", "ticket").get(
            uid=uuid.UUID(str(uid))
        )
    except (ValueError, Mention.DoesNotExist):
        raise NotFound("mention") from None


# -- Ticket --------------------------------------------------------------------------------


def _name_parts(mention: Mention) -> tuple[str, str]:
    """Given name and surname from the author's name (split only where it is safe), else
    the handle without "@" as the given name; cleaned as names from elsewhere are."""
    given, surname = display_name_parts(mention.author_name)
    if not (given or surname):
        given = mention.author_handle.removeprefix("@")
    clean = strip_forbidden_name_characters
    return clean(given)[:NAME_PART_MAX], clean(surname)[:NAME_PART_MAX]


def _customer_for(mention: Mention, actor: Actor) -> Customer:
    """The mention's customer: the one matched, or a new one made from its author (the
    handle then becomes their external id for the source's kind)."""
    found = mention.customer or mention_customer_match(
        source=mention.source, email=mention.author_email, handle=mention.author_handle
    )
    if found is not None:
        return _survivor(found)
    given, surname = _name_parts(mention)
    handle = mention.author_handle.strip()
    data = CustomerData(
        given_name=given,
        surname=surname,
        external_ids={mention.source.kind: handle} if handle else None,
    )
    if mention.author_email:
        return customer_for_email(
            address=mention.author_email, data=data, actor=actor, names_from_mail=True
        )
    if not (given or surname):
        raise DomainError(
            _("This mention names no author: there is nobody to open a ticket for."),
            code="no_author",
        )
    return customer_create(data=data, actor=actor)


def _ticket_data(mention: Mention, customer: Customer) -> TicketData:
    body = mention.text if not mention.url else f"{mention.text}\n\n{mention.url}"
    return TicketData(
        subject=f"{mention.source.name}: {excerpt(mention.text, SUBJECT_EXCERPT)}",
        customer=customer,
        message=MessageData(
            body_text=body,
            kind=TicketMessage.Kind.REPLY,
            author_kind=TicketMessage.Author.CUSTOMER,
        ),
        channel=Ticket.Channel.SOCIAL,
        language=mention.language,
    )


@transaction.atomic
def mention_ticket_open(*, mention: Mention, actor: Actor) -> MentionTicket:
    """Open a ticket (channel "social") from ``mention`` for its customer, made from the
    author when none is matched; its first message is the post and its address, in the
    mention's language. Return the ticket and True, or the ticket opened before and False.

    Raises Forbidden (only agents, managers and administrators), DomainError when the
    mention names no author, FieldErrors or Conflict from the customers services.
    """
    require_mention_ticket_opener(actor)
    locked = (
        Mention.objects.select_for_update(of=("self",))
        .select_related("source", "customer", "ticket")
        .get(pk=mention.pk)
    )
    if locked.ticket is not None:
        return MentionTicket(locked.ticket, created=False)
    customer = _customer_for(locked, actor)
    ticket = ticket_open(data=_ticket_data(locked, customer), actor=actor).ticket
    linked_now = locked.customer_id is None
    Mention.objects.filter(pk=locked.pk).update(ticket=ticket, customer=customer)
    if linked_now:
        locked.customer = customer
        _timeline(locked, customer, actor)
    mention.ticket, mention.customer = ticket, customer
    return MentionTicket(ticket, created=True)


def mention_parse_rating(value: str) -> Decimal | None:
    """A rating written in a file ("4", "4.5", "4,5"), or None when empty; raises
    FieldErrors when it is not a number."""
    value = value.strip().replace(",", ".")
    if not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        raise FieldErrors(
            {"rating": _("%(value)s is not a number.") % {"value": value[:20]}}
        ) from None
