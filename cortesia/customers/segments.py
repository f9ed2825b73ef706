"""Saved segments: writes by administrators and marketers, counts and previews for staff."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors, NotFound
from cortesia.customers.models import Customer, Segment
from cortesia.customers.permissions import require_segment_manager
from cortesia.customers.segment_rules import compile_rules
from cortesia.customers.selectors import customer_list


@dataclass
class SegmentData:
    name: str | None = None
    description: str | None = None
    rules: object = None


def segment_list(*, viewer: User) -> QuerySet[Segment]:
    if not viewer.is_active:
        return Segment.objects.none()
    return Segment.objects.all()


def segment_get(*, viewer: User, uid: str) -> Segment:
    try:
        return segment_list(viewer=viewer).get(uid=uuid.UUID(uid))
    except (ValueError, Segment.DoesNotExist):
        raise NotFound("segment") from None


def segment_customers(*, viewer: User, rules: object, query: str = "") -> QuerySet[Customer]:
    """Return the visible customers the rules select (FieldErrors for a bad rule tree)."""
    return customer_list(viewer=viewer, query=query).filter(compile_rules(rules))


@contextmanager
def _aggregate_memory() -> Iterator[None]:
    """Evaluate inside a transaction that, on PostgreSQL, may hash a whole per-customer
    order aggregate (hundreds of thousands of ids) once, instead of re-running it for every
    customer when it sits inside an OR (the default 4 MB of work_mem is too small)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL work_mem = '64MB'")
                # One aggregate over a million rows gains nothing from JIT but pays its
                # ~0.3 s of compilation on every count.
                cursor.execute("SET LOCAL jit = off")
        yield


def customers_in(
    *, viewer: User, query: str = "", segment_uid: str | None = None
) -> QuerySet[Customer]:
    """Return the visible customers matching ``query``, within a segment when one is named
    (NotFound for an unknown segment)."""
    if not segment_uid:
        return customer_list(viewer=viewer, query=query)
    rules = segment_get(viewer=viewer, uid=segment_uid).rules
    return segment_customers(viewer=viewer, rules=rules, query=query)


def segment_count(rules: object) -> int:
    """Count every customer the rules select, in one SQL query."""
    condition = compile_rules(rules)
    with _aggregate_memory():
        return Customer.objects.filter(merged_into__isnull=True).filter(condition).count()


def segment_preview(
    *, viewer: User, rules: object, size: int, query: str = ""
) -> tuple[int, list[Customer]]:
    """Return how many visible customers the rules select and the newest ``size`` of them."""
    customers = segment_customers(viewer=viewer, rules=rules, query=query)
    with _aggregate_memory():
        return customers.count(), list(customers.order_by("-created_at", "-uid")[:size])


def _checked_name(name: str | None) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned or len(cleaned) > 200:
        raise FieldErrors({"name": _("Give the segment a name of at most 200 characters.")})
    return cleaned


@transaction.atomic
def segment_create(*, data: SegmentData, actor: Actor) -> Segment:
    """Save a named rule set. Raises Forbidden, FieldErrors or Conflict (name taken)."""
    require_segment_manager(actor)
    name = _checked_name(data.name)
    compile_rules(data.rules)
    try:
        with transaction.atomic():
            return Segment.objects.create(
                name=name,
                description=(data.description or "").strip(),
                rules=data.rules,
                created_by=actor.user,
            )
    except IntegrityError:
        raise Conflict(
            _("A segment with this name already exists."), code="duplicate_name"
        ) from None


@transaction.atomic
def segment_update(
    *, segment: Segment, data: SegmentData, expected_version: int | None, actor: Actor
) -> Segment:
    """Change the given fields if the segment is still at ``expected_version``."""
    require_segment_manager(actor)
    changes: dict[str, object] = {}
    if data.name is not None:
        changes["name"] = _checked_name(data.name)
    if data.description is not None:
        changes["description"] = data.description.strip()
    if data.rules is not None:
        compile_rules(data.rules)
        changes["rules"] = data.rules
    version_filter = {"version": expected_version} if expected_version is not None else {}
    try:
        with transaction.atomic():
            updated = Segment.objects.filter(pk=segment.pk, **version_filter).update(
                **changes, version=F("version") + 1
            )
    except IntegrityError:
        raise Conflict(
            _("A segment with this name already exists."), code="duplicate_name"
        ) from None
    if updated != 1:
        raise Conflict(
            _("Someone else changed this segment. Reload and try again."), code="stale_version"
        )
    segment.refresh_from_db()
    return segment


@transaction.atomic
def segment_delete(*, segment: Segment, actor: Actor) -> None:
    require_segment_manager(actor)
    segment.delete()
