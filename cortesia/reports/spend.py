"""Acquisition spend: what was spent to win customers, per period, channel and country.

Administrators and managers write it (``can_manage_reports``); whoever sees customer
economics reads it (``can_view_economics``). Every change writes an audit row in its
transaction. The CAC metric divides :func:`spend_in` by the new customers of a period.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from babel.numbers import is_currency
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors, Forbidden, NotFound
from cortesia.culture.countries import country_codes
from cortesia.reports.currency import CENT, EURO, RateTable, money, reporting_currency
from cortesia.reports.models import AcquisitionSpend, ExchangeRate, ReportSettings
from cortesia.reports.permissions import can_manage_reports, can_view_economics
from cortesia.reports.settings_access import report_settings

AUDIT_OBJECT_TYPE = "acquisition_spend"
CHANNEL_MAX = 100
NOTE_MAX = 300
AMOUNT_MAX = Decimal("9999999999999999.99")
FIELDS = ("starts_on", "ends_on", "channel", "country", "currency", "amount", "note")


@dataclass(frozen=True)
class SpendData:
    """One spend row as given: both days included; ``country`` "" for every country."""

    starts_on: date
    ends_on: date
    channel: str
    country: str
    currency: str
    amount: Decimal
    note: str = ""


def require_spend_reader(actor: Actor) -> None:
    if not can_view_economics(actor.user):
        raise Forbidden(_("You may not see acquisition spend."))


def require_spend_writer(actor: Actor) -> None:
    if not can_manage_reports(actor.user):
        raise Forbidden(_("You may not change acquisition spend."))


def spend_list(*, actor: Actor) -> QuerySet[AcquisitionSpend]:
    """Every spend row, the most recent period first. Raises Forbidden."""
    require_spend_reader(actor)
    return AcquisitionSpend.objects.order_by("-starts_on", "channel", "country", "pk")


def spend_get(*, actor: Actor, uid: str) -> AcquisitionSpend:
    """The spend row ``uid``. Raises Forbidden, or NotFound for an id that is none."""
    require_spend_reader(actor)
    row = AcquisitionSpend.objects.filter(uid=uid).first() if _is_uuid(uid) else None
    if row is None:
        raise NotFound(_("There is no such spend."))
    return row


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _amount(errors: dict[str, str], value: Decimal) -> Decimal:
    try:
        amount = Decimal(value)
    except InvalidOperation:
        amount = Decimal(-1)
    if not amount.is_finite() or amount < 0 or amount > AMOUNT_MAX:
        errors["amount"] = _("Give an amount of 0 or more.")
    elif amount != amount.quantize(CENT):
        errors["amount"] = _("Give the amount with at most 2 decimals.")
    else:
        return amount.quantize(CENT)
    return Decimal(0)


def _currency_known(code: str) -> bool:
    if code in (EURO, reporting_currency()):
        return True
    return ExchangeRate.objects.filter(currency=code).exists()


def _checked(data: SpendData) -> SpendData:
    """Return ``data`` cleaned (codes upper case, text stripped). Raises FieldErrors."""
    errors: dict[str, str] = {}
    if data.ends_on < data.starts_on:
        errors["ends_on"] = _("The last day is on or after the first day.")
    channel = data.channel.strip()
    if not channel:
        errors["channel"] = _("Name the channel (for example: search ads).")
    elif len(channel) > CHANNEL_MAX:
        errors["channel"] = _("A channel has at most %(max)d characters.") % {"max": CHANNEL_MAX}
    country = data.country.strip().upper()
    if country and country not in country_codes():
        errors["country"] = _("%(value)s is not an ISO 3166 country code.") % {
            "value": data.country[:10]
        }
    currency = data.currency.strip().upper()
    if not is_currency(currency):
        errors["currency"] = _("%(value)s is not an ISO 4217 currency code.") % {
            "value": data.currency[:10]
        }
    elif not _currency_known(currency):
        errors["currency"] = _(
            "There are no exchange rates for %(currency)s: import them first, or give the "
            "amount in the reporting currency."
        ) % {"currency": currency}
    note = data.note.strip()
    if len(note) > NOTE_MAX:
        errors["note"] = _("A note has at most %(max)d characters.") % {"max": NOTE_MAX}
    amount = _amount(errors, data.amount)
    if errors:
        raise FieldErrors(errors)
    return SpendData(data.starts_on, data.ends_on, channel, country, currency, amount, note)


def _lock() -> None:
    """Serialise spend writes on the one settings row, so two identical submissions at
    the same moment cannot both pass the duplicate check."""
    ReportSettings.objects.select_for_update().filter(pk=report_settings().pk).first()


def _refuse_duplicate(data: SpendData, excluded_pk: int | None = None) -> None:
    same = AcquisitionSpend.objects.filter(
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        channel=data.channel,
        country=data.country,
        currency=data.currency,
        amount=data.amount,
    )
    if excluded_pk is not None:
        same = same.exclude(pk=excluded_pk)
    if same.exists():
        raise Conflict(
            _(
                "This spend is already recorded: same period, channel, country, currency "
                "and amount. Change the existing row instead."
            )
        )


def _values(row: AcquisitionSpend) -> dict[str, JsonValue]:
    return {
        "starts_on": row.starts_on.isoformat(),
        "ends_on": row.ends_on.isoformat(),
        "channel": row.channel,
        "country": row.country,
        "currency": row.currency,
        "amount": str(row.amount),
        "note": row.note,
    }


def _audit(actor: Actor, row: AcquisitionSpend, change: str, **data: JsonValue) -> None:
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type=AUDIT_OBJECT_TYPE,
        object_uid=str(row.uid),
        object_label=f"{row.channel} {row.starts_on.isoformat()}",
        data={"change": change, **data},
    )


@transaction.atomic
def spend_create(*, data: SpendData, actor: Actor) -> AcquisitionSpend:
    """Record a spend row. Raises Forbidden, FieldErrors, or Conflict for an exact
    duplicate of a row already recorded (a form sent twice)."""
    require_spend_writer(actor)
    cleaned = _checked(data)
    _lock()
    _refuse_duplicate(cleaned)
    row = AcquisitionSpend.objects.create(
        **{name: getattr(cleaned, name) for name in FIELDS}, created_by=actor.user
    )
    _audit(actor, row, "created", after=_values(row))
    return row


@transaction.atomic
def spend_update(*, spend: AcquisitionSpend, data: SpendData, actor: Actor) -> AcquisitionSpend:
    """Change a spend row; nothing is written (nor audited) when nothing changed. Raises
    Forbidden, FieldErrors or Conflict (the change would duplicate another row)."""
    require_spend_writer(actor)
    cleaned = _checked(data)
    _lock()
    _refuse_duplicate(cleaned, excluded_pk=spend.pk)
    before = _values(spend)
    changed = [name for name in FIELDS if getattr(spend, name) != getattr(cleaned, name)]
    if not changed:
        return spend
    for name in changed:
        setattr(spend, name, getattr(cleaned, name))
    spend.save(update_fields=[*changed, "updated_at"])
    after = _values(spend)
    _audit(
        actor,
        spend,
        "changed",
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed},
    )
    return spend


@transaction.atomic
def spend_delete(*, spend: AcquisitionSpend, actor: Actor) -> None:
    """Delete a spend row. Raises Forbidden, NotFound when it is gone already."""
    require_spend_writer(actor)
    deleted, _counts = AcquisitionSpend.objects.filter(pk=spend.pk).delete()
    if deleted != 1:
        raise NotFound(_("There is no such spend."))
    _audit(actor, spend, "deleted", before=_values(spend))


def spend_in(first: date, last: date, *, country: str | None, to_currency: str) -> Decimal:
    """Return the acquisition spend of the days ``first`` to ``last`` (both included) in
    ``to_currency``, rounded to cents.

    Each row counts its amount × the days it shares with the period ÷ its own days
    (spend is taken as even over its period), converted at the rate of the row's last
    day: the day its cost is complete, and the same day whichever report period cuts it.
    ``country`` None counts every row; a code counts only that country's rows (rows for
    every country stay out of a single country's figure). Raises MissingRate when a
    row's currency has no rate on or before its last day.
    """
    rows = AcquisitionSpend.objects.filter(starts_on__lte=last, ends_on__gte=first)
    if country is not None:
        rows = rows.filter(country=country.upper())
    found = list(rows.values_list("starts_on", "ends_on", "currency", "amount"))
    if not found:
        return money(Decimal(0))
    table = RateTable.load(
        {currency for _s, _e, currency, _a in found} | {to_currency},
        max(ends_on for _s, ends_on, _c, _a in found),
    )
    total = Decimal(0)
    for starts_on, ends_on, currency, amount in found:
        overlap = (min(last, ends_on) - max(first, starts_on)).days + 1
        share = amount * overlap / ((ends_on - starts_on).days + 1)
        total += table.convert(share, currency, to_currency, ends_on)
    return money(total)
