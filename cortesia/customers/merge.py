"""Merge a duplicate customer into the one that is kept, losing no history."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict
from cortesia.customers.models import (
    ConsentRecord,
    Customer,
    CustomerEmail,
    CustomerEvent,
    CustomerExternalId,
    CustomerPhone,
    CustomerTag,
    Order,
)
from cortesia.customers.order_stats import order_stats_refresh
from cortesia.customers.permissions import require_customer_editor
from cortesia.customers.services import PROFILE_FIELDS, search_text_of
from cortesia.customers.signals import customer_changed


def _combined(target: Customer, duplicate: Customer) -> dict[str, object]:
    """Return the target's fields that change: empty ones take the duplicate's value, tags
    are united, external ids and custom fields the target lacks are added."""
    changes: dict[str, object] = {
        name: getattr(duplicate, name)
        for name in PROFILE_FIELDS
        if name not in {"tags", "external_ids"}
        and not getattr(target, name)
        and getattr(duplicate, name)
    }
    tags = list(dict.fromkeys([*target.tags, *duplicate.tags]))
    if tags != target.tags:
        changes["tags"] = tags
    external_ids = {**duplicate.external_ids, **target.external_ids}
    if external_ids != target.external_ids:
        changes["external_ids"] = external_ids
    custom_fields = {**duplicate.custom_fields, **target.custom_fields}
    if custom_fields != target.custom_fields:
        changes["custom_fields"] = custom_fields
    if target.organization_id is None and duplicate.organization_id is not None:
        changes["organization_id"] = duplicate.organization_id
    return changes


def _move_other_apps_rows(duplicate: Customer, target: Customer) -> None:
    """Re-point rows of other apps (tickets, later chats and surveys) at the kept customer,
    without this app knowing them: every foreign key to Customer declared outside it."""
    for relation in Customer._meta.related_objects:
        model = relation.related_model
        if (
            isinstance(model, str)
            or model._meta.app_label == Customer._meta.app_label
            or not relation.one_to_many
        ):
            continue
        name = relation.field.name
        model._default_manager.filter(**{name: duplicate}).update(**{name: target})


def _refuse_invalid_merge(target: Customer, duplicate: Customer) -> None:
    """Raise Conflict saying why ``duplicate`` cannot merge into ``target``, if it cannot."""
    if target.pk == duplicate.pk:
        reason = _("A customer cannot be merged into itself: name a different customer.")
    elif target.merged_into_id is not None:
        reason = _("This customer was itself merged into another one: merge into that one instead.")
    elif duplicate.merged_into_id is not None:
        reason = _("%(name)s was already merged into another customer.") % {"name": duplicate}
    else:
        return
    raise Conflict(reason, code="invalid_merge")


@transaction.atomic
def customer_merge(*, target: Customer, duplicate: Customer, actor: Actor) -> Customer:
    """Merge ``duplicate`` into ``target``: contacts, orders, consents, tags, external ids and
    the whole timeline move over; the duplicate stays as a pointer (``merged_into``).

    Profile fields of ``target`` win; empty ones are filled from the duplicate.
    Raises Forbidden, or Conflict (code ``invalid_merge``, the message says why) when
    merging a customer into itself, into a merged one or a merged one into it.
    """
    require_customer_editor(actor)
    _refuse_invalid_merge(target, duplicate)
    changes = _combined(target, duplicate)
    for name, value in changes.items():
        setattr(target, name, value)
    CustomerEmail.objects.filter(customer=duplicate).update(customer=target, is_primary=False)
    CustomerPhone.objects.filter(customer=duplicate).update(customer=target, is_primary=False)
    Order.objects.filter(customer=duplicate).update(customer=target)
    ConsentRecord.objects.filter(customer=duplicate).update(customer=target)
    CustomerEvent.objects.filter(customer=duplicate).update(customer=target)
    _move_other_apps_rows(duplicate, target)
    CustomerTag.objects.filter(customer=duplicate).delete()
    CustomerExternalId.objects.filter(customer=duplicate).delete()
    CustomerTag.objects.bulk_create(
        [CustomerTag(customer=target, tag=tag) for tag in target.tags], ignore_conflicts=True
    )
    CustomerExternalId.objects.bulk_create(
        [
            CustomerExternalId(customer=target, source=source, value=value)
            for source, value in target.external_ids.items()
        ],
        ignore_conflicts=True,
    )
    Customer.objects.filter(pk=target.pk).update(
        **changes, search_text=search_text_of(target), version=F("version") + 1
    )
    Customer.objects.filter(pk=duplicate.pk).update(merged_into=target, version=F("version") + 1)
    order_stats_refresh([target.pk, duplicate.pk])
    event = CustomerEvent.objects.create(
        customer=target,
        kind=CustomerEvent.Kind.MERGED,
        actor=actor.user,
        data={
            "duplicate": str(duplicate.uid),
            "filled": sorted(name.removesuffix("_id") for name in changes),
        },
    )
    target.refresh_from_db()
    customer_changed.send(sender=Customer, customer=target, kind="merged", event=event)
    return target
