"""The business's one row of feedback settings, read by every part of the module, and
the service that changes it (administrators and managers, with an audit row)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import time

from django.db import transaction
from django.utils.translation import gettext as _

from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors
from cortesia.customers.contact_policy import contact_policy_set
from cortesia.customers.validation import ProfileCheck, check_tags
from cortesia.feedback.models import FeedbackSettings
from cortesia.feedback.permissions import require_survey_manager

AUDIT_OBJECT_TYPE = "feedback_settings"
DAYS_MAX = 3650


def feedback_settings() -> FeedbackSettings:
    """Return the feedback settings: the first row, made with the defaults when there is
    none yet (link_days 30, change_days 7, throttle_days 14)."""
    row = FeedbackSettings.objects.order_by("pk").first()
    return row if row is not None else FeedbackSettings.objects.create()


@dataclass(frozen=True)
class FeedbackSettingsData:
    throttle_days: int
    consent_required: bool
    excluded_tags: tuple[str, ...]
    link_days: int
    change_days: int


def _checked(data: FeedbackSettingsData) -> FeedbackSettingsData:
    check = ProfileCheck()
    if not 0 <= data.throttle_days <= DAYS_MAX:
        check.fail(
            "throttle_days",
            _("Give 0 to %(max)d days (0: no limit between surveys).") % {"max": DAYS_MAX},
        )
    if not 1 <= data.link_days <= DAYS_MAX:
        check.fail("link_days", _("Give 1 to %(max)d days.") % {"max": DAYS_MAX})
    if not 0 <= data.change_days <= data.link_days:
        check.fail(
            "change_days",
            _("Give 0 days (no changes) up to the days an answer link is valid."),
        )
    tags = check_tags(check, list(data.excluded_tags))
    if "tags" in check.errors:
        check.errors["excluded_tags"] = check.errors.pop("tags")
    check.raise_if_any()
    return FeedbackSettingsData(
        data.throttle_days, data.consent_required, tuple(tags), data.link_days, data.change_days
    )


@transaction.atomic
def feedback_settings_set(*, data: FeedbackSettingsData, actor: Actor) -> FeedbackSettings:
    """Change the feedback settings and return them. Raises Forbidden (not an
    administrator or a manager) or FieldErrors. Writes one audit row naming the fields
    changed, none when nothing did."""
    require_survey_manager(actor)
    cleaned = _checked(data)
    row = FeedbackSettings.objects.select_for_update().get(pk=feedback_settings().pk)
    values = asdict(cleaned)
    values["excluded_tags"] = list(cleaned.excluded_tags)
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if not changed:
        return row
    before: dict[str, JsonValue] = {name: getattr(row, name) for name in changed}
    for name in changed:
        setattr(row, name, values[name])
    row.save(update_fields=[*changed, "updated_at"])
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type=AUDIT_OBJECT_TYPE,
        object_label=str(_("Feedback settings")),
        data={"change": "changed", "before": before, "after": {n: values[n] for n in changed}},
    )
    return row


@transaction.atomic
def feedback_settings_and_window_set(
    *,
    data: FeedbackSettingsData,
    window_start: time,
    window_end: time,
    default_time_zone: str,
    default_country: str,
    actor: Actor,
) -> FeedbackSettings:
    """Change the feedback settings and the business's contact window together (one
    settings page): both or neither. Raises Forbidden or FieldErrors from either."""
    errors: dict[str, str] = {}
    try:
        row = feedback_settings_set(data=data, actor=actor)
    except FieldErrors as error:
        errors.update(error.errors)
    try:
        contact_policy_set(
            window_start=window_start,
            window_end=window_end,
            default_time_zone=default_time_zone,
            default_country=default_country,
            actor=actor,
        )
    except FieldErrors as error:
        errors.update(error.errors)
    if errors:
        raise FieldErrors(errors)
    return row
