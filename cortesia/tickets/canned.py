"""Canned responses: one template, a variant per language × register, rendered for the
customer with an explicit fallback chain.

Fallback: the exact variant (customer's language and register) → that language's default
variant → the site language's variant in the same register → its default. The result says
which variant was used, so the agent sees when the customer will not get their language.

Placeholders are replaced as plain text, never evaluated as a template:
``{{ customer.greeting }}``, ``{{ customer.closing }}``, ``{{ customer.name }}``,
``{{ ticket.number }}``, ``{{ agent.first_name }}``, ``{{ agent.signature }}`` (the
agent's name, signature lines and the company's name, as under the composer's closing)
and ``{{ reply_by }}``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, Team, User
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors, Forbidden, NotFound
from cortesia.culture.address_forms import Register
from cortesia.culture.local_formats import language_of
from cortesia.culture.promises import reply_promise
from cortesia.customers.addressing import customer_address_as, customer_register
from cortesia.customers.models import Customer
from cortesia.customers.validation import ProfileCheck, check_language
from cortesia.localization.fallback import Step, choose
from cortesia.sla.models import SlaClock
from cortesia.tickets.composer import sign_off
from cortesia.tickets.models import CannedResponse, CannedVariant, Ticket

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_.]+)\s*\}\}")
PLACEHOLDERS = frozenset(
    {
        "customer.greeting",
        "customer.closing",
        "customer.name",
        "ticket.number",
        "agent.first_name",
        "agent.signature",
        "reply_by",
    }
)


@dataclass(frozen=True)
class VariantData:
    language: str
    body: str
    register: str = ""


CANNED_EDITORS = frozenset({Role.ADMIN, Role.MANAGER})
AUDIT_OBJECT_TYPE = "canned_response"


@dataclass(frozen=True)
class Choice:
    variant: CannedVariant
    step: Step


@dataclass(frozen=True)
class Rendered:
    text: str
    language: str  # the variant's language
    register: str  # the variant's register ("" = the language's default)
    is_fallback: bool  # True when no variant exists in the customer's language
    step: Step = Step.EXACT
    wanted_language: str = ""  # the customer's language the chain started from
    wanted_register: str = ""  # the customer's register the chain started from


def can_edit_canned(user: User) -> bool:
    """Write and change canned responses (every agent may use them)."""
    return user.is_active and user.role in CANNED_EDITORS


def canned_list(*, viewer: User, with_variants: bool = True) -> list[CannedResponse]:
    """The active responses; ``with_variants=False`` for a picker that shows only names."""
    if not viewer.is_active or viewer.role == Role.MARKETER:
        return []
    responses = CannedResponse.objects.filter(is_active=True)
    return list(responses.prefetch_related("variants") if with_variants else responses)


def canned_get(*, viewer: User, uid: str) -> CannedResponse:
    if not viewer.is_active or viewer.role == Role.MARKETER:
        raise NotFound("canned_response")
    try:
        return CannedResponse.objects.prefetch_related("variants").get(
            uid=uuid.UUID(str(uid)), is_active=True
        )
    except (ValueError, CannedResponse.DoesNotExist):
        raise NotFound("canned_response") from None


def _checked(variants: list[VariantData]) -> list[VariantData]:
    check = ProfileCheck()
    seen: set[tuple[str, str]] = set()
    cleaned = []
    for index, variant in enumerate(variants):
        language = check_language(check, variant.language).lower()
        if variant.register not in CannedVariant.Register.values:
            check.fail(f"variants.{index}.formality", _("Use formal, informal or leave it empty."))
        unknown = sorted(set(PLACEHOLDER.findall(variant.body)) - PLACEHOLDERS)
        if unknown:
            check.fail(
                f"variants.{index}.body",
                _("Unknown placeholders: %(names)s.") % {"names": ", ".join(unknown)},
            )
        if not variant.body.strip():
            check.fail(f"variants.{index}.body", _("Write the text of this variant."))
        if (language, variant.register) in seen:
            check.fail(f"variants.{index}", _("This language and register appear twice."))
        seen.add((language, variant.register))
        cleaned.append(VariantData(language, variant.body.strip(), variant.register))
    if not variants:
        check.fail("variants", _("Give at least one variant."))
    check.raise_if_any()
    return cleaned


@transaction.atomic
def canned_save(
    *, response: CannedResponse | None, name: str, variants: list[VariantData], actor: Actor
) -> CannedResponse:
    """Create or replace a canned response and all its variants. Raises Forbidden,
    FieldErrors or Conflict (name taken)."""
    if actor.user is not None and not can_edit_canned(actor.user):
        raise Forbidden(_("Only administrators and managers edit canned responses."))
    if not name.strip():
        raise FieldErrors({"name": _("Give the canned response a name.")})
    cleaned = _checked(variants)
    is_new = response is None
    response = response or CannedResponse()
    response.name = " ".join(name.split())
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise Conflict(
            _("A canned response with this name already exists."), code="duplicate_name"
        ) from None
    response.variants.all().delete()
    CannedVariant.objects.bulk_create(
        [
            CannedVariant(response=response, language=v.language, register=v.register, body=v.body)
            for v in cleaned
        ]
    )
    kept: list[JsonValue] = [f"{v.language}:{v.register or '-'}" for v in cleaned]
    kept.sort(key=str)
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type=AUDIT_OBJECT_TYPE,
        object_uid=str(response.uid),
        object_label=response.name,
        data={
            "change": "created" if is_new else "changed",
            "variants": kept,
        },
    )
    return response


def variant_choice(
    variants: list[CannedVariant], language: str, register: Register
) -> Choice | None:
    """Return the variant the fallback chain picks and the link that picked it, or None
    when there is none at all."""
    chosen = choose(variants, language, register.value)
    return Choice(chosen.variant, chosen.step) if chosen else None


def choose_variant(
    variants: list[CannedVariant], language: str, register: Register
) -> CannedVariant | None:
    """Return the variant the fallback chain picks, or None when there is none at all."""
    choice = variant_choice(variants, language, register)
    return choice.variant if choice else None


def reply_due(ticket: Ticket) -> datetime | None:
    """Return the earliest running response deadline (first or next response) of the
    ticket's prefetched clocks: what ``{{ reply_by }}`` promises."""
    due = [
        clock.due_at
        for clock in ticket.sla_clocks.all()
        if clock.state == SlaClock.State.RUNNING
        and clock.due_at is not None
        and clock.target != SlaClock.Target.RESOLUTION
    ]
    return min(due) if due else None


def canned_render(
    *,
    response: CannedResponse,
    ticket: Ticket,
    agent: User,
    business: Mapping[str, Register],
) -> Rendered:
    """Render the response for the ticket's customer. Raises NotFound when the response
    has neither a variant in the customer's language nor in the site language."""
    reply_by = reply_due(ticket)
    customer = ticket.customer
    return _rendered(
        response=response,
        customer=customer,
        language=(ticket.language or customer.language or settings.LANGUAGE_CODE).lower(),
        agent=agent,
        business=business,
        team=ticket.team,
        ticket_values=lambda variant_language: {
            "ticket.number": f"#{ticket.number}",
            "reply_by": reply_promise(reply_by, customer.time_zone or "UTC", variant_language)
            if reply_by
            else "",
        },
    )


def canned_preview(
    *,
    response: CannedResponse,
    customer: Customer,
    agent: User,
    business: Mapping[str, Register],
) -> Rendered:
    """Render the response as ``customer`` would get it on a new ticket in their language.

    ``{{ ticket.number }}`` and ``{{ reply_by }}`` stay as written: they are known only on
    a ticket. Raises NotFound as :func:`canned_render` does."""
    return _rendered(
        response=response,
        customer=customer,
        language=(customer.language or settings.LANGUAGE_CODE).lower(),
        agent=agent,
        business=business,
        team=None,
        ticket_values=lambda _variant_language: {},
    )


def _rendered(
    *,
    response: CannedResponse,
    customer: Customer,
    language: str,
    agent: User,
    business: Mapping[str, Register],
    team: Team | None,
    ticket_values: Callable[[str], dict[str, str]],
) -> Rendered:
    register = customer_register(customer, business)
    choice = variant_choice(list(response.variants.all()), language, register)
    if choice is None:
        raise NotFound("canned_variant")
    variant = choice.variant
    forms = customer_address_as(customer, business, language=variant.language)
    values = {
        "customer.greeting": forms.greeting if forms else "",
        "customer.closing": forms.closing if forms else "",
        "customer.name": forms.name if forms else "",
        "agent.first_name": agent.first_name or agent.username,
        "agent.signature": sign_off("", agent, variant.language, team),
        **ticket_values(variant.language),
    }
    text = PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), variant.body)
    own_language = variant.language in (language, language_of(language))
    return Rendered(
        text=text,
        language=variant.language,
        register=variant.register,
        is_fallback=not own_language,
        step=choice.step,
        wanted_language=language,
        wanted_register=register.value,
    )
