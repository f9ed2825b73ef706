"""The business's one row of report settings and the service that changes it
(administrators and managers, with an audit row naming what changed)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.numbers import is_currency
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, Forbidden
from cortesia.core.settings_sections import SettingsSection, settings_section_register
from cortesia.reports.currency import EURO
from cortesia.reports.models import ExchangeRate, ReportSettings
from cortesia.reports.permissions import can_manage_reports

AUDIT_OBJECT_TYPE = "report_settings"
LOST_MAX = 3650
REOPEN_MAX = 90
FIELDS = ("reporting_currency", "lost_after_days", "one_touch_reopen_days", "margin_percent")


@dataclass(frozen=True)
class ReportSettingsData:
    reporting_currency: str
    lost_after_days: int
    one_touch_reopen_days: int
    margin_percent: Decimal


def report_settings() -> ReportSettings:
    """Return the report settings: the first row, made with the defaults when there is
    none yet (EUR, 180 days, 5 business days, 100 %)."""
    row = ReportSettings.objects.order_by("pk").first()
    if row is not None:
        return row
    # A fixed key for the first row: two first requests at once make one row (the second
    # insert waits for the first and then finds it), not two.
    return ReportSettings.objects.get_or_create(pk=1)[0]


def _margin(errors: dict[str, str], value: Decimal) -> Decimal:
    try:
        margin = Decimal(value)
    except InvalidOperation:
        margin = Decimal(-1)
    if (
        not margin.is_finite()
        or not 0 <= margin <= 100
        or margin != margin.quantize(Decimal("0.01"))
    ):
        errors["margin_percent"] = _("Give a percentage from 0 to 100, with at most 2 decimals.")
        return Decimal(0)
    return margin.quantize(Decimal("0.01"))


def _checked(data: ReportSettingsData) -> ReportSettingsData:
    errors: dict[str, str] = {}
    currency = data.reporting_currency.strip().upper()
    if not is_currency(currency):
        errors["reporting_currency"] = _("%(value)s is not an ISO 4217 currency code.") % {
            "value": data.reporting_currency[:10]
        }
    elif currency != EURO and not ExchangeRate.objects.filter(currency=currency).exists():
        errors["reporting_currency"] = _(
            "There are no exchange rates for %(currency)s yet: import them first."
        ) % {"currency": currency}
    if not 1 <= data.lost_after_days <= LOST_MAX:
        errors["lost_after_days"] = _("Give 1 to %(max)d days.") % {"max": LOST_MAX}
    if not 0 <= data.one_touch_reopen_days <= REOPEN_MAX:
        errors["one_touch_reopen_days"] = _("Give 0 to %(max)d business days.") % {
            "max": REOPEN_MAX
        }
    margin = _margin(errors, data.margin_percent)
    if errors:
        raise FieldErrors(errors)
    return ReportSettingsData(currency, data.lost_after_days, data.one_touch_reopen_days, margin)


@transaction.atomic
def report_settings_set(*, data: ReportSettingsData, actor: Actor) -> ReportSettings:
    """Change the report settings and return them. Raises Forbidden (not an administrator
    or a manager) or FieldErrors. One audit row naming the fields changed; none (and no
    write) when nothing changed."""
    if not can_manage_reports(actor.user):
        raise Forbidden(_("You may not change the report settings."))
    cleaned = _checked(data)
    row = ReportSettings.objects.select_for_update().get(pk=report_settings().pk)
    changed = [name for name in FIELDS if getattr(row, name) != getattr(cleaned, name)]
    if not changed:
        return row
    before: dict[str, JsonValue] = {name: _json(getattr(row, name)) for name in changed}
    for name in changed:
        setattr(row, name, getattr(cleaned, name))
    row.save(update_fields=[*changed, "updated_at"])
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type=AUDIT_OBJECT_TYPE,
        object_label=str(_("Report settings")),
        data={
            "change": "changed",
            "before": before,
            "after": {name: _json(getattr(row, name)) for name in changed},
        },
    )
    return row


def _json(value: object) -> JsonValue:
    return str(value) if isinstance(value, Decimal) else value  # type: ignore[return-value]


def report_settings_section_register() -> None:
    """Add the "Reports" section to the settings navigation (called once at start-up)."""
    settings_section_register(
        SettingsSection(
            key="reports",
            label=gettext_lazy("Reports"),
            description=gettext_lazy(
                "Reporting currency, exchange rates, acquisition spend and the rules of the "
                "customer and one-touch metrics."
            ),
            url_name="report-settings:report-settings",
            flag=can_manage_reports,
            order=95,
        )
    )
