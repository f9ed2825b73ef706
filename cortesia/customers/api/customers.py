"""REST endpoints for customers: CRUD with ETag/If-Match, and the timeline."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from ninja import Header, Query, Router, Status

from cortesia.accounts.api_auth import api_user
from cortesia.core.actor import Actor
from cortesia.core.api_input import ApiInstant
from cortesia.core.choices import choice_error, require_choice
from cortesia.core.errors import FieldErrors
from cortesia.core.etags import expected_version
from cortesia.core.pagination import DEFAULT_LIMIT, paginate
from cortesia.culture.address_forms import Register
from cortesia.customers.addressing import customer_address_as
from cortesia.customers.consents import consent_current, consent_record
from cortesia.customers.contact_window import contact_window_next
from cortesia.customers.export import export_rows
from cortesia.customers.merge import customer_merge
from cortesia.customers.models import ConsentRecord, Customer, CustomerEvent, Order
from cortesia.customers.orders import LineData, OrderData, order_record, order_set_status
from cortesia.customers.schemas import (
    AddressAsOut,
    ConsentIn,
    ConsentOut,
    ConsentsOut,
    ContactWindowOut,
    CustomerIn,
    CustomerOut,
    CustomerPageOut,
    MergeIn,
    OrderIn,
    OrderLineSchema,
    OrderOut,
    OrderPageOut,
    OrderStatusIn,
    PhoneOut,
    TimelineEventOut,
    TimelinePageOut,
)
from cortesia.customers.segments import customers_in
from cortesia.customers.selectors import (
    customer_get,
    customer_timeline,
    order_get,
    order_list,
)
from cortesia.customers.services import (
    CustomerData,
    customer_create,
    customer_update,
)
from cortesia.localization.selectors import business_register_defaults

router = Router(tags=["customers"])


def customer_out(customer: Customer, registers: Mapping[str, Register]) -> CustomerOut:
    forms = customer_address_as(customer, registers)
    return CustomerOut(
        **{
            name: getattr(customer, name)
            for name in CustomerOut.model_fields
            if name not in {"emails", "phones", "address_as", "organization"}
        },
        organization=customer.organization.uid if customer.organization else None,
        emails=[email.address for email in customer.emails.all()],
        phones=[
            PhoneOut(e164=p.e164, region=p.region, time_zone=p.time_zone)
            for p in customer.phones.all()
        ],
        address_as=AddressAsOut(greeting=forms.greeting, closing=forms.closing, name=forms.name)
        if forms
        else None,
    )


def _etag(customer: Customer) -> str:
    return f'W/"{customer.version}"'


def _data(payload: CustomerIn) -> CustomerData:
    return CustomerData(**payload.model_dump(exclude_unset=True))


@router.get(
    "/customers",
    response=CustomerPageOut,
    summary="List customers; q searches name, e-mail and phone; segment filters by a segment",
)
def customers_list(
    request: HttpRequest,
    q: str = "",
    segment: str | None = None,
    cursor: Query[str | None] = None,
    limit: int = DEFAULT_LIMIT,
) -> CustomerPageOut:
    viewer = api_user(request)
    registers = business_register_defaults()
    customers = customers_in(viewer=viewer, query=q, segment_uid=segment)
    page = paginate(
        customers,
        cursor=cursor,
        limit=limit,
        serialize=lambda customer: customer_out(customer, registers),
    )
    return CustomerPageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.post("/customers", response={201: CustomerOut}, summary="Create a customer")
def customers_create(
    request: HttpRequest, response: HttpResponse, payload: CustomerIn
) -> Status[CustomerOut]:
    api_user(request)
    customer = customer_create(data=_data(payload), actor=Actor.from_request(request))
    customer = customer_get(viewer=api_user(request), uid=str(customer.uid))
    response["ETag"] = _etag(customer)
    return Status(201, customer_out(customer, business_register_defaults()))


@router.get(
    "/customers/export.csv",
    summary="The customer list or a segment as CSV (formula-safe cells)",
    response={200: None},
)
def customers_export(
    request: HttpRequest, q: str = "", segment: str | None = None
) -> StreamingHttpResponse:
    viewer = api_user(request)
    customers = customers_in(viewer=viewer, query=q, segment_uid=segment)
    response = StreamingHttpResponse(export_rows(customers), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="customers.csv"'
    return response


@router.get("/customers/{uid:uid}", response=CustomerOut, summary="One customer")
def customers_get(request: HttpRequest, response: HttpResponse, uid: str) -> CustomerOut:
    customer = customer_get(viewer=api_user(request), uid=uid)
    response["ETag"] = _etag(customer)
    return customer_out(customer, business_register_defaults())


@router.patch(
    "/customers/{uid:uid}",
    response=CustomerOut,
    summary="Change a customer; send If-Match to refuse stale writes (409)",
)
def customers_update(
    request: HttpRequest,
    response: HttpResponse,
    uid: str,
    payload: CustomerIn,
    if_match: Header[str | None] = None,
) -> CustomerOut:
    viewer = api_user(request)
    customer = customer_get(viewer=viewer, uid=uid)
    customer_update(
        customer=customer,
        data=_data(payload),
        expected_version=expected_version(if_match),
        actor=Actor.from_request(request),
    )
    customer = customer_get(viewer=viewer, uid=uid)
    response["ETag"] = _etag(customer)
    return customer_out(customer, business_register_defaults())


def _event_out(event: CustomerEvent) -> TimelineEventOut:
    return TimelineEventOut(
        kind=event.kind,
        occurred_at=event.occurred_at,
        actor=event.actor.username if event.actor else None,
        data=event.data,
    )


@router.get(
    "/customers/{uid:uid}/timeline",
    response=TimelinePageOut,
    summary="The customer's events, oldest first",
)
def customers_timeline(
    request: HttpRequest,
    uid: str,
    cursor: Query[str | None] = None,
    limit: int = DEFAULT_LIMIT,
) -> TimelinePageOut:
    viewer = api_user(request)
    customer = customer_get(viewer=viewer, uid=uid)
    page = paginate(
        customer_timeline(viewer=viewer, customer=customer),
        cursor=cursor,
        limit=limit,
        serialize=_event_out,
        time_field="occurred_at",
    )
    return TimelinePageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.get(
    "/customers/{uid:uid}/contact-window",
    response=ContactWindowOut,
    summary="When the customer may next be written to unprompted (surveys, campaigns)",
    description="The first instant at or after `after` (default: now) inside the "
    "customer's local contact hours, on a working day of their country, skipping its "
    "public holidays. `after` is ISO 8601 with an offset.",
)
def customers_contact_window(
    request: HttpRequest, uid: str, after: Query[ApiInstant | None] = None
) -> ContactWindowOut:
    customer = customer_get(viewer=api_user(request), uid=uid)
    window = contact_window_next(customer=customer, after=after or timezone.now())
    return ContactWindowOut(
        at=window.at.astimezone(UTC),
        time_zone=window.time_zone,
        zone_source=window.zone_source.value,
        window_start=f"{window.hours[0]:%H:%M}",
        window_end=f"{window.hours[1]:%H:%M}",
    )


def _order_out(order: Order) -> OrderOut:
    return OrderOut(
        uid=order.uid,
        customer=order.customer.uid,
        number=order.number,
        source=order.source,
        placed_at=order.placed_at,
        currency=order.currency,
        total=order.total,
        status=order.status,
        lines=[
            OrderLineSchema(
                sku=line.sku,
                name=line.name,
                category=line.category,
                quantity=line.quantity,
                unit_price=line.unit_price,
            )
            for line in order.lines.all()
        ],
    )


@router.get("/orders", response=OrderPageOut, summary="List orders, optionally of one customer")
def orders_list(
    request: HttpRequest,
    customer: str | None = None,
    cursor: Query[str | None] = None,
    limit: int = DEFAULT_LIMIT,
) -> OrderPageOut:
    page = paginate(
        order_list(viewer=api_user(request), customer_uid=customer),
        cursor=cursor,
        limit=limit,
        serialize=_order_out,
    )
    return OrderPageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.post(
    "/orders",
    response={200: OrderOut, 201: OrderOut},
    summary="Record an order (idempotent by source and number: 200 when known)",
)
def orders_create(request: HttpRequest, payload: OrderIn) -> Status[OrderOut]:
    viewer = api_user(request)
    customer = customer_get(viewer=viewer, uid=str(payload.customer))
    order, created = order_record(
        customer=customer,
        actor=Actor.from_request(request),
        data=OrderData(
            number=payload.number,
            source=payload.source,
            placed_at=payload.placed_at,
            currency=payload.currency,
            total=str(payload.total),
            status=payload.status,
            lines=tuple(
                LineData(
                    name=line.name,
                    quantity=line.quantity,
                    unit_price=str(line.unit_price),
                    sku=line.sku,
                    category=line.category,
                )
                for line in payload.lines
            ),
        ),
    )
    return Status(201 if created else 200, _order_out(order_get(viewer=viewer, uid=str(order.uid))))


@router.get("/orders/{uid:uid}", response=OrderOut, summary="One order")
def orders_get(request: HttpRequest, uid: str) -> OrderOut:
    return _order_out(order_get(viewer=api_user(request), uid=uid))


@router.patch("/orders/{uid:uid}", response=OrderOut, summary="Change an order's status")
def orders_update(request: HttpRequest, uid: str, payload: OrderStatusIn) -> OrderOut:
    viewer = api_user(request)
    require_choice(payload.status, Order.Status.values, "status")
    order = order_get(viewer=viewer, uid=uid)
    order_set_status(
        order=order, status=Order.Status(payload.status), actor=Actor.from_request(request)
    )
    return _order_out(order_get(viewer=viewer, uid=uid))


def _consent_out(record: ConsentRecord) -> ConsentOut:
    return ConsentOut(
        purpose=record.purpose,
        channel=record.channel,
        status=record.status,
        source=record.source,
        text_shown=record.text_shown,
        recorded_at=record.recorded_at,
        actor=record.actor.username if record.actor else None,
    )


@router.get(
    "/customers/{uid:uid}/consents",
    response=ConsentsOut,
    summary="Current consent per purpose and channel, and the full history",
)
def customers_consents(request: HttpRequest, uid: str) -> ConsentsOut:
    customer = customer_get(viewer=api_user(request), uid=uid)
    history = list(customer.consents.select_related("actor").order_by("recorded_at", "id"))
    current = consent_current(customer=customer)
    return ConsentsOut(
        current=[_consent_out(r) for r in current.values()],
        history=[_consent_out(r) for r in history],
    )


@router.post(
    "/customers/{uid:uid}/consents",
    response={201: ConsentOut},
    summary="Record a consent decision with the text the customer saw",
)
def customers_consent_record(
    request: HttpRequest, uid: str, payload: ConsentIn
) -> Status[ConsentOut]:
    customer = customer_get(viewer=api_user(request), uid=uid)
    choices = (
        ("purpose", ConsentRecord.Purpose),
        ("channel", ConsentRecord.Channel),
        ("status", ConsentRecord.Status),
        ("source", ConsentRecord.Source),
    )
    errors = {
        name: message
        for name, allowed in choices
        if (message := choice_error(getattr(payload, name), allowed.values)) is not None
    }
    if errors:
        raise FieldErrors(errors)
    record = consent_record(
        customer=customer,
        purpose=ConsentRecord.Purpose(payload.purpose),
        channel=ConsentRecord.Channel(payload.channel),
        status=ConsentRecord.Status(payload.status),
        source=ConsentRecord.Source(payload.source),
        text_shown=payload.text_shown,
        actor=Actor.from_request(request),
    )
    return Status(201, _consent_out(record))


@router.post(
    "/customers/{uid:uid}/merge",
    response=CustomerOut,
    summary="Merge a duplicate into this customer (history, orders, consents move)",
)
def customers_merge(
    request: HttpRequest, response: HttpResponse, uid: str, payload: MergeIn
) -> CustomerOut:
    viewer = api_user(request)
    target = customer_get(viewer=viewer, uid=uid)
    duplicate = customer_get(viewer=viewer, uid=str(payload.duplicate))
    customer_merge(target=target, duplicate=duplicate, actor=Actor.from_request(request))
    customer = customer_get(viewer=viewer, uid=uid)
    response["ETag"] = _etag(customer)
    return customer_out(customer, business_register_defaults())
