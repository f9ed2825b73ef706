"""REST endpoints for canned responses and rendering one for a ticket's customer."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from cortesia.accounts.api_auth import api_user
from cortesia.core.actor import Actor
from cortesia.core.api_input import InputSchema
from cortesia.localization.selectors import business_register_defaults
from cortesia.tickets.canned import (
    VariantData,
    canned_get,
    canned_list,
    canned_render,
    canned_save,
)
from cortesia.tickets.models import CannedResponse
from cortesia.tickets.selectors import ticket_get

router = Router(tags=["tickets"])


class VariantSchema(InputSchema):
    """``formality``: "formal", "informal" or "" for the language's default variant."""

    language: str = Field(max_length=10)
    formality: str = ""
    body: str = Field(max_length=20_000)


class CannedIn(InputSchema):
    name: str = Field(max_length=200)
    variants: list[VariantSchema] = Field(max_length=100)


class CannedOut(Schema):
    uid: UUID
    name: str
    variants: list[VariantSchema]


class RenderedOut(Schema):
    text: str
    language: str
    formality: str
    is_fallback: bool


def _out(response: CannedResponse) -> CannedOut:
    return CannedOut(
        uid=response.uid,
        name=response.name,
        variants=[
            VariantSchema(language=v.language, formality=v.register, body=v.body)
            for v in response.variants.all()
        ],
    )


def _variants(payload: CannedIn) -> list[VariantData]:
    return [VariantData(v.language, v.body, v.formality) for v in payload.variants]


@router.get("/canned-responses", response=list[CannedOut], summary="Canned responses")
def canned_responses_list(request: HttpRequest) -> list[CannedOut]:
    return [_out(response) for response in canned_list(viewer=api_user(request))]


@router.post(
    "/canned-responses",
    response={201: CannedOut},
    summary="Create a canned response with its variants (admins, managers)",
)
def canned_responses_create(request: HttpRequest, payload: CannedIn) -> Status[CannedOut]:
    api_user(request)
    response = canned_save(
        response=None,
        name=payload.name,
        variants=_variants(payload),
        actor=Actor.from_request(request),
    )
    return Status(201, _out(response))


@router.put(
    "/canned-responses/{uid:uid}",
    response=CannedOut,
    summary="Replace a canned response's name and variants (admins, managers)",
)
def canned_responses_replace(request: HttpRequest, uid: str, payload: CannedIn) -> CannedOut:
    response = canned_save(
        response=canned_get(viewer=api_user(request), uid=uid),
        name=payload.name,
        variants=_variants(payload),
        actor=Actor.from_request(request),
    )
    return _out(response)


@router.post(
    "/tickets/{uid:uid}/canned-responses/{uid:canned_uid}/render",
    response=RenderedOut,
    summary="The canned response in the ticket customer's language and register",
)
def canned_responses_render(request: HttpRequest, uid: str, canned_uid: str) -> RenderedOut:
    viewer = api_user(request)
    rendered = canned_render(
        response=canned_get(viewer=viewer, uid=canned_uid),
        ticket=ticket_get(viewer=viewer, uid=uid),
        agent=viewer,
        business=business_register_defaults(),
    )
    return RenderedOut(
        text=rendered.text,
        language=rendered.language,
        formality=rendered.register,
        is_fallback=rendered.is_fallback,
    )
