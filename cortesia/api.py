"""The REST API under ``/api/v1/``: one NinjaAPI, one router per app, one error shape."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema

from cortesia.accounts.api import router as accounts_router
from cortesia.accounts.api_auth import TokenAuth
from cortesia.calendars.api import router as calendars_router
from cortesia.chat.api import router as chat_router
from cortesia.core import api_input  # noqa: F401 - registers the {uid:…} path converter
from cortesia.core.errors import DomainError
from cortesia.core.openapi import complete
from cortesia.core.refusals import Refusal, refusal_for
from cortesia.customers.api import router as customers_router
from cortesia.feedback.api_answers import router as feedback_answers_router
from cortesia.feedback.api_mentions import router as feedback_mentions_router
from cortesia.feedback.api_surveys import router as feedback_surveys_router
from cortesia.knowledge.api import router as knowledge_router
from cortesia.localization.api import router as culture_router
from cortesia.mail.api import router as mail_router
from cortesia.messaging.api import router as messaging_router
from cortesia.reports.api import router as reports_router
from cortesia.reports.api_spend import router as spend_router
from cortesia.sla.api import router as sla_router
from cortesia.tickets.api import router as tickets_router
from cortesia.tickets.api_canned import router as canned_router
from cortesia.tickets.api_routing import router as routing_router
from cortesia.tickets.api_staffing import router as staffing_router
from cortesia.webhooks.api import router as webhooks_router

logger = logging.getLogger(__name__)

HTTP_ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "validation_error",
    429: "rate_limited",
}


class CortesiaAPI(NinjaAPI):
    """The NinjaAPI whose OpenAPI description also lists every refusal (core.openapi)."""

    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        schema = super().get_openapi_schema(**kwargs)
        complete(schema)
        return schema


api = CortesiaAPI(
    title="Cortesia API",
    version="1",
    description="Customer relationship and service platform. Authenticate with "
    "`Authorization: Bearer <token>`; every error has the shape "
    '`{"error": {"code": "…", "message": "…"}}`.',
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url="/docs",
    # django-ninja's bundled Swagger UI, served from /static/. Without a validator address
    # it would show a badge image fetched from validator.swagger.io, which the policy
    # forbids and which would tell a third party where our description lives.
    docs=Swagger(settings={"validatorUrl": None}),
    openapi_url="/openapi.json",
)
api.add_router("/", accounts_router)
api.add_router("/", culture_router)
api.add_router("/", calendars_router)
api.add_router("/", customers_router)
api.add_router("/", tickets_router)
api.add_router("/", sla_router)
api.add_router("/", canned_router)
api.add_router("/", routing_router)
api.add_router("/", staffing_router)
api.add_router("/", feedback_surveys_router)
api.add_router("/", feedback_answers_router)
api.add_router("/", feedback_mentions_router)
api.add_router("/", reports_router)
api.add_router("/", spend_router)
api.add_router("/", mail_router)
api.add_router("/", webhooks_router)
api.add_router("/", messaging_router)
api.add_router("/", chat_router)
api.add_router("/", knowledge_router)


def refusal_response(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    """Answer with ``refusal`` in the one error shape (see core.refusals)."""
    response = api.create_response(request, refusal.body(), status=refusal.status)
    for name, value in refusal.headers.items():
        response[name] = value
    return response


def error_response(
    request: HttpRequest, status: int, code: str, message: str, details: object = None
) -> HttpResponse:
    return refusal_response(request, Refusal(status, code, message, details))


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return refusal_response(request, refusal_for(exc))


@api.exception_handler(RequestDataTooBig)
def on_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error_response(request, 413, "too_large", _("The request body is too large."))


@api.exception_handler(OverflowError)
def on_overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    # The schemas bound numbers and dates; this is the edge's guard for any value that
    # still overflows a date or a database integer on its way in.
    logger.warning("Value out of range in %s %s: %s", request.method, request.path, exc)
    return error_response(
        request, 400, "out_of_range", _("A number or a date is too large or too small.")
    )


@api.exception_handler(MultiPartParserError)
def on_unreadable_body(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    return error_response(request, 400, "bad_request", _("The request body could not be read."))


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = error_response(
        request,
        401,
        "unauthorized",
        _("A valid API token is required: send Authorization: Bearer …"),
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    details = [
        {"location": list(map(str, error.get("loc", ()))), "message": error.get("msg", "")}
        for error in exc.errors
    ]
    return error_response(
        request, 422, "validation_error", _("Some fields are missing or not valid."), details
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    status = exc.status_code
    message = _("The request body is not valid JSON.") if status == 400 else str(exc)
    return error_response(request, status, HTTP_ERROR_CODES.get(status, "error"), message)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(
        request, 404, "not_found", _("There is no such object, or you may not see it.")
    )


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unhandled error in %s %s", request.method, request.path)
    return error_response(request, 500, "server_error", _("Something went wrong on our side."))
