"""Every write to customers. Each change records a CustomerEvent in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.core.actor import Actor
from cortesia.core.choices import choice_error
from cortesia.core.errors import Conflict
from cortesia.culture.names import strip_forbidden_name_characters
from cortesia.culture.phones import ParsedPhone
from cortesia.customers.custom_fields import check_custom_fields
from cortesia.customers.models import (
    Customer,
    CustomerEmail,
    CustomerEvent,
    CustomerExternalId,
    CustomerPhone,
    CustomerTag,
    Organization,
)
from cortesia.customers.permissions import require_customer_editor
from cortesia.customers.signals import customer_changed
from cortesia.customers.validation import (
    MAX_LENGTHS,
    NAME_FIELDS,
    ProfileCheck,
    check_contact_hours,
    check_country,
    check_currency,
    check_emails,
    check_external_ids,
    check_language,
    check_length,
    check_name_part,
    check_phones,
    check_reachable,
    check_tags,
    check_time_zone,
    default_currency,
    default_language,
    default_time_zone,
)
from cortesia.lib.text import normalize_for_search

PROFILE_FIELDS = (
    "given_name",
    "given_name2",
    "surname",
    "surname2",
    "title",
    "credentials",
    "country",
    "subdivision",
    "language",
    "register_preference",
    "time_zone",
    "currency",
    "preferred_channel",
    "contact_hours",
    "tags",
    "external_ids",
)


# Choice fields a customer may leave empty: no title, no preferred channel.
MAY_BE_EMPTY = frozenset({"title", "preferred_channel"})


@dataclass
class CustomerData:
    """The editable profile; ``None`` in an update means "leave as it is"."""

    given_name: str | None = None
    given_name2: str | None = None
    surname: str | None = None
    surname2: str | None = None
    title: str | None = None
    credentials: str | None = None
    country: str | None = None
    subdivision: str | None = None
    language: str | None = None
    register_preference: str | None = None
    time_zone: str | None = None
    currency: str | None = None
    preferred_channel: str | None = None
    contact_hours: str | None = None  # "10:00-20:00", "" for the business's window
    tags: list[str] | None = None
    external_ids: dict[str, str] | None = None
    emails: list[str] | None = None
    phones: list[str] | None = None
    custom_fields: dict[str, object] | None = None
    organization: str | None = None  # public id; "" removes the organization


class DuplicateCustomer(Conflict):
    """An e-mail address or phone number already belongs to another customer."""

    code = "duplicate_customer"

    def __init__(self, existing: Customer) -> None:
        super().__init__(
            _("A customer with this e-mail address or phone number already exists (%(uid)s).")
            % {"uid": existing.uid}
        )
        self.existing = existing


def _search_text(customer: Customer, emails: list[str], phones: list[str]) -> str:
    parts = [
        customer.given_name,
        customer.given_name2,
        customer.surname,
        customer.surname2,
        *emails,
        *(phone.lstrip("+") for phone in phones),
    ]
    return normalize_for_search(" ".join(part for part in parts if part))


def search_text_of(customer: Customer) -> str:
    """Return the folded search text from the customer's stored names and contacts."""
    emails = list(customer.emails.order_by("-is_primary", "id").values_list("address", flat=True))
    phones = list(customer.phones.order_by("-is_primary", "id").values_list("e164", flat=True))
    return _search_text(customer, emails, phones)


def _checked(data: CustomerData) -> tuple[CustomerData, ProfileCheck]:
    check = ProfileCheck()
    values = replace(data)
    for name in (*NAME_FIELDS, "credentials"):
        if getattr(data, name) is not None:
            setattr(values, name, check_name_part(check, name, getattr(data, name)))
    if data.subdivision is not None:
        values.subdivision = check_length(check, "subdivision", data.subdivision.strip())
    if data.country is not None:
        values.country = check_country(check, "country", data.country)
    if data.language is not None:
        values.language = check_language(check, data.language)
    if data.time_zone is not None:
        values.time_zone = check_time_zone(check, data.time_zone)
    if data.currency is not None:
        values.currency = check_currency(check, data.currency)
    if data.contact_hours is not None:
        values.contact_hours = check_contact_hours(check, data.contact_hours)
    if data.emails is not None:
        values.emails = check_emails(check, data.emails)
    if data.tags is not None:
        values.tags = check_tags(check, data.tags)
    if data.external_ids is not None:
        values.external_ids = check_external_ids(check, data.external_ids)
    choices = {
        "title": Customer.Title.values,
        "register_preference": Customer.RegisterPreference.values,
        "preferred_channel": Customer.Channel.values,
    }
    for name, allowed in choices.items():
        value = getattr(data, name)
        if value is None or (value == "" and name in MAY_BE_EMPTY):
            continue  # unchanged, or cleared where the field may be empty
        if (message := choice_error(value, allowed)) is not None:
            check.fail(name, message)
    return values, check


def _ensure_unique(emails: list[str], phones: list[str], exclude: Customer | None) -> None:
    owners: set[int] = set()
    if emails:
        owners |= set(
            CustomerEmail.objects.filter(address__in=emails).values_list("customer_id", flat=True)
        )
    if phones:
        owners |= set(
            CustomerPhone.objects.filter(e164__in=phones).values_list("customer_id", flat=True)
        )
    if exclude is not None:
        owners.discard(exclude.pk)
    if owners:
        raise DuplicateCustomer(Customer.objects.get(pk=min(owners)))


def _store_emails(customer: Customer, emails: list[str], *, is_new: bool = False) -> None:
    """Make ``emails`` the customer's addresses, the first one primary."""
    if is_new:
        CustomerEmail.objects.bulk_create(
            [
                CustomerEmail(customer=customer, address=a, is_primary=i == 0)
                for i, a in enumerate(emails)
            ]
        )
        return
    CustomerEmail.objects.filter(customer=customer).exclude(address__in=emails).delete()
    for index, address in enumerate(emails):
        CustomerEmail.objects.update_or_create(
            address=address, defaults={"customer": customer, "is_primary": index == 0}
        )


def _store_phones(customer: Customer, phones: list[ParsedPhone], *, is_new: bool = False) -> None:
    """Make ``phones`` the customer's numbers, the first one primary."""
    if is_new:
        CustomerPhone.objects.bulk_create(
            [
                CustomerPhone(
                    customer=customer,
                    e164=phone.e164,
                    region=phone.region,
                    time_zone=phone.time_zone or "",
                    is_primary=index == 0,
                )
                for index, phone in enumerate(phones)
            ]
        )
        return
    numbers = [phone.e164 for phone in phones]
    CustomerPhone.objects.filter(customer=customer).exclude(e164__in=numbers).delete()
    for index, phone in enumerate(phones):
        CustomerPhone.objects.update_or_create(
            e164=phone.e164,
            defaults={
                "customer": customer,
                "region": phone.region,
                "time_zone": phone.time_zone or "",
                "is_primary": index == 0,
            },
        )


def _store_index_rows(
    customer: Customer, *, tags: bool, external_ids: bool, is_new: bool = False
) -> None:
    """Keep the indexed tag and external-id rows equal to the customer's JSON fields."""
    tags = tags and not (is_new and not customer.tags)
    external_ids = external_ids and not (is_new and not customer.external_ids)
    if tags:
        if not is_new:
            CustomerTag.objects.filter(customer=customer).exclude(tag__in=customer.tags).delete()
        CustomerTag.objects.bulk_create(
            [CustomerTag(customer=customer, tag=tag) for tag in customer.tags],
            ignore_conflicts=True,
        )
    if external_ids:
        if not is_new:
            CustomerExternalId.objects.filter(customer=customer).delete()
        try:
            with transaction.atomic():
                CustomerExternalId.objects.bulk_create(
                    [
                        CustomerExternalId(customer=customer, source=source, value=value)
                        for source, value in customer.external_ids.items()
                    ]
                )
        except IntegrityError:
            raise Conflict(
                _("Another customer already has one of these external ids."),
                code="duplicate_external_id",
            ) from None


def _organization(check: ProfileCheck, uid: str | None) -> Organization | None:
    if not uid:
        return None
    try:
        return Organization.objects.get(uid=uid)
    except (ValueError, Organization.DoesNotExist, ValidationError):
        check.fail("organization", _("There is no organization %(uid)s.") % {"uid": uid})
        return None


@dataclass
class _NewCustomer:
    """A checked, unsaved customer with its contacts and the fields given for its timeline."""

    customer: Customer
    emails: list[str]
    phones: list[ParsedPhone]
    given: list[str]


def _new_customer(data: CustomerData) -> _NewCustomer:
    """Check ``data`` and build the customer it describes, deriving language, time zone and
    currency from what is known. Raises FieldErrors; reads nothing for what is not given."""
    values, check = _checked(data)
    country = values.country or ""
    phones = check_phones(check, data.phones or [], country)
    custom_fields = check_custom_fields(check, data.custom_fields, {}) if data.custom_fields else {}
    organization = _organization(check, data.organization)
    check_reachable(check, values.given_name, values.surname, values.emails, phones)
    check.raise_if_any()
    emails = values.emails or []
    customer = Customer(
        **{
            name: getattr(values, name)
            for name in PROFILE_FIELDS
            if getattr(values, name) is not None
        },
        custom_fields=custom_fields,
        organization=organization,
    )
    if not customer.language and country:
        customer.language = default_language(country)
        customer.language_source = Customer.LanguageSource.COUNTRY
    elif customer.language:
        customer.language_source = Customer.LanguageSource.EXPLICIT
    customer.time_zone = customer.time_zone or default_time_zone(country, phones)
    customer.currency = customer.currency or default_currency(country)
    customer.search_text = _search_text(customer, emails, [p.e164 for p in phones])
    given = [name for name in PROFILE_FIELDS if getattr(values, name)]
    given += ["custom_fields"] if custom_fields else []
    given += ["organization"] if organization else []
    return _NewCustomer(customer=customer, emails=emails, phones=phones, given=sorted(given))


def _store_contacts(new: _NewCustomer) -> None:
    """Insert the customer row and its addresses and numbers, whose unique constraints
    refuse an address or number another customer took meanwhile (IntegrityError)."""
    new.customer.save()
    _store_emails(new.customer, new.emails, is_new=True)
    _store_phones(new.customer, new.phones, is_new=True)


def _record_created(new: _NewCustomer, actor: Actor) -> None:
    _store_index_rows(new.customer, tags=True, external_ids=True, is_new=True)
    event = CustomerEvent.objects.create(
        customer=new.customer,
        kind=CustomerEvent.Kind.CREATED,
        actor=actor.user,
        data={"fields": new.given},
    )
    customer_changed.send(sender=Customer, customer=new.customer, kind="created", event=event)


@transaction.atomic
def customer_create(*, data: CustomerData, actor: Actor) -> Customer:
    """Create a customer, deriving language, time zone and currency from what is known.

    Raises Forbidden (the actor may not edit customers), FieldErrors (every invalid field at
    once), DuplicateCustomer, or Conflict when an external id belongs to someone else.
    """
    require_customer_editor(actor)
    new = _new_customer(data)
    numbers = [p.e164 for p in new.phones]
    _ensure_unique(new.emails, numbers, exclude=None)
    try:
        with transaction.atomic():
            _store_contacts(new)
    except IntegrityError:  # a concurrent create took the address first
        _ensure_unique(new.emails, numbers, exclude=None)
        raise
    _record_created(new, actor)
    return new.customer


def _changes(
    customer: Customer, values: CustomerData, data: CustomerData, check: ProfileCheck
) -> dict[str, object]:
    """Return the profile fields whose checked new value differs from the stored one."""
    changes: dict[str, object] = {
        name: getattr(values, name)
        for name in PROFILE_FIELDS
        if getattr(values, name) is not None and getattr(values, name) != getattr(customer, name)
    }
    if data.custom_fields is not None:
        merged = check_custom_fields(check, data.custom_fields, customer.custom_fields)
        if merged != customer.custom_fields:
            changes["custom_fields"] = merged
    if data.organization is not None:
        organization = _organization(check, data.organization)
        if (organization.pk if organization else None) != customer.organization_id:
            changes["organization"] = organization
    return changes


@transaction.atomic
def customer_update(
    *, customer: Customer, data: CustomerData, expected_version: int | None, actor: Actor
) -> Customer:
    """Apply the given fields if the customer is still at ``expected_version``.

    Raises Conflict when someone else saved first (stale write), Forbidden, FieldErrors or
    DuplicateCustomer. Nothing changes when no value differs.
    """
    require_customer_editor(actor)
    values, check = _checked(data)
    country = values.country if values.country is not None else customer.country
    phones = check_phones(check, data.phones, country) if data.phones is not None else None
    changes = _changes(customer, values, data, check)
    current_emails = list(
        customer.emails.order_by("-is_primary", "id").values_list("address", flat=True)
    )
    current_phones = list(
        customer.phones.order_by("-is_primary", "id").values_list("e164", flat=True)
    )
    emails = values.emails if values.emails is not None else current_emails
    numbers = [p.e164 for p in phones] if phones is not None else current_phones
    check_reachable(
        check,
        customer.given_name if values.given_name is None else values.given_name,
        customer.surname if values.surname is None else values.surname,
        emails,
        numbers,
    )
    check.raise_if_any()
    contacts_changed = emails != current_emails or numbers != current_phones
    if not changes and not contacts_changed:
        return customer
    if contacts_changed:
        _ensure_unique(emails, numbers, exclude=customer)
    if "language" in changes:
        changes["language_source"] = Customer.LanguageSource.EXPLICIT
    for name, value in changes.items():
        setattr(customer, name, value)
    customer.search_text = _search_text(customer, emails, numbers)
    version_filter = {"version": expected_version} if expected_version is not None else {}
    updated = Customer.objects.filter(pk=customer.pk, **version_filter).update(
        **changes, search_text=customer.search_text, version=F("version") + 1
    )
    if updated != 1:
        raise Conflict(
            _("Someone else changed this customer. Reload and try again."), code="stale_version"
        )
    if values.emails is not None:
        _store_emails(customer, emails)
    if phones is not None:
        _store_phones(customer, phones)
    _store_index_rows(customer, tags="tags" in changes, external_ids="external_ids" in changes)
    customer.refresh_from_db()
    fields_changed = sorted(
        set(changes) - {"language_source"} | ({"contacts"} if contacts_changed else set())
    )
    event = CustomerEvent.objects.create(
        customer=customer,
        kind=CustomerEvent.Kind.UPDATED,
        actor=actor.user,
        data={"fields": fields_changed},
    )
    customer_changed.send(sender=Customer, customer=customer, kind="updated", event=event)
    return customer


def _survivor(owners: QuerySet[Customer]) -> Customer | None:
    """The one customer of ``owners`` (a unique handle's owner), or the customer it was
    merged into; None when nobody owns the handle."""
    # A handle belongs to one customer at most: read it without first()'s ordering.
    customer = next(iter(owners[:1]), None)
    if customer is None:
        return None
    while customer.merged_into_id is not None:
        customer = Customer.objects.get(pk=customer.merged_into_id)
    return customer


def customer_by_email(address: str) -> Customer | None:
    """The customer an e-mail address belongs to (the survivor when they were merged)."""
    return _survivor(Customer.objects.filter(emails__address=address.lower()))


def _handle_owner(phone: str, external: tuple[str, str] | None) -> Customer | None:
    if phone:
        return _survivor(Customer.objects.filter(phones__e164=phone))
    assert external is not None  # noqa: S101 - the caller gives one of the two
    source, value = external
    return _survivor(
        Customer.objects.filter(external_rows__source=source, external_rows__value=value)
    )


def customer_for_handle(
    *,
    data: CustomerData,
    actor: Actor,
    phone: str = "",
    external: tuple[str, str] | None = None,
) -> Customer:
    """The customer owning ``phone`` (E.164) or the external id ``external`` (source,
    value), or a new one made from ``data`` with it: how a messaging app's user (a
    WhatsApp number, a Telegram chat) becomes a customer. Names come from the app's
    profile, which nobody can be asked to correct, so they are cleaned like a mail's
    display name. A customer created meanwhile by another process is returned."""
    if not phone and external is None:
        raise ValueError("Give a phone number or an external id.")
    existing = _handle_owner(phone, external)
    if existing is not None:
        return existing
    require_customer_editor(actor)
    data = _cleaned_names(data)
    if phone:
        data.phones = [phone]
    if external is not None:
        data.external_ids = {external[0]: external[1]}
    new = _new_customer(data)
    try:
        with transaction.atomic():  # the savepoint a lost race needs (customer_for_email)
            _store_contacts(new)
            _record_created(new, actor)
    except IntegrityError:
        owner = _handle_owner(phone, external)
        if owner is None:
            raise
        return owner
    return new.customer


def _cleaned_names(data: CustomerData) -> CustomerData:
    """Return ``data`` with name parts stripped of markup and control characters and cut
    to the column's length: for names read from elsewhere, never typed in our forms."""
    cleaned = replace(data)
    for name in NAME_FIELDS:
        value = getattr(data, name)
        if value is not None:
            setattr(cleaned, name, strip_forbidden_name_characters(value)[: MAX_LENGTHS[name]])
    return cleaned


def customer_for_email(
    *, address: str, data: CustomerData, actor: Actor, names_from_mail: bool = False
) -> Customer:
    """The customer owning ``address``, or a new one made from ``data`` (its ``emails``
    is set to the address). A customer created meanwhile by another process is returned
    instead of failing.

    Names typed by a person are checked like everywhere (FieldErrors for markup);
    ``names_from_mail`` says they come from a mail's display name, which nobody can be
    asked to correct: markup and control characters are then removed instead, and parts
    longer than the column are cut.
    """
    existing = customer_by_email(address)
    if existing is not None:
        return existing
    require_customer_editor(actor)
    if names_from_mail:
        data = _cleaned_names(data)
    data.emails = [address]
    new = _new_customer(data)
    # The address's unique constraint is what keeps two customers from sharing it; the
    # lookup above only spares the insert in the common case. Outside a transaction this
    # block is the transaction; inside the caller's it is the one savepoint a lost race
    # needs (on PostgreSQL a failed insert aborts the transaction unless rolled back to a
    # savepoint, and the caller's work must survive it). So a new address costs the
    # lookup, the savepoint, three inserts (customer, address, timeline) and its release.
    try:
        with transaction.atomic():
            _store_contacts(new)
            _record_created(new, actor)
    except IntegrityError:  # a concurrent create took the address (or a number) first
        owner = customer_by_email(address)
        if owner is None:
            try:
                _ensure_unique([], [p.e164 for p in new.phones], exclude=None)
            except DuplicateCustomer as duplicate:
                return duplicate.existing
            raise
        return owner
    return new.customer


def customer_event_record(
    *,
    customer: Customer,
    kind: CustomerEvent.Kind,
    data: dict[str, object],
    actor: Actor,
    occurred_at: datetime | None = None,
) -> CustomerEvent:
    """Add an entry to the customer's timeline for something another app did (a ticket
    opened or solved), in the caller's transaction.

    ``occurred_at`` is when the fact happened (a ticket imported with its own date); the
    entry is dated now when it is None.
    """
    return CustomerEvent.objects.create(
        customer=customer,
        kind=kind,
        actor=actor.user,
        data=data,
        occurred_at=occurred_at or timezone.now(),
    )


def customer_language_learn(
    *,
    customer: Customer,
    language: str,
    actor: Actor,
    source: str = Customer.LanguageSource.DETECTED,
    over_country_default: bool = False,
) -> bool:
    """Give a customer whose language is unknown the one detected in what they wrote (or,
    with ``source`` EXPLICIT, the one of the page they wrote on).

    A language the customer or an agent chose is never replaced: the change applies only
    while the language is still empty (also against a concurrent change), or, with
    ``over_country_default``, still the default of their country (a guess from the
    country of a phone number says less than their own words). Return True when it was
    learned; the timeline then records the change.
    """
    unknown = Q(language="")
    if over_country_default:
        unknown |= Q(language_source=Customer.LanguageSource.COUNTRY)
    learned = (
        Customer.objects.filter(unknown, pk=customer.pk)
        .exclude(language=language)
        .update(
            language=language,
            language_source=source,
            version=F("version") + 1,
        )
    )
    if learned:
        CustomerEvent.objects.create(
            customer=customer,
            kind=CustomerEvent.Kind.UPDATED,
            actor=actor.user,
            data={"fields": ["language"]},
        )
    return bool(learned)
