"""Culture endpoints: forms of address for the template editor's preview and integrators."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from cortesia.accounts.api_auth import TokenAuth
from cortesia.core.errors import DomainError
from cortesia.culture.address_forms import (
    SUPPORTED_LANGUAGES,
    UnsupportedLanguage,
    address_forms,
    resolve_register,
)
from cortesia.culture.names import PersonName
from cortesia.localization.schemas import AddressIn, AddressOut
from cortesia.localization.selectors import business_register_defaults

router = Router(tags=["culture"])


@router.post(
    "/culture/address",
    response=AddressOut,
    auth=TokenAuth(reads_only=True),
    summary="Greeting, closing and name for a person in a language and register",
)
def culture_address(request: HttpRequest, payload: AddressIn) -> AddressOut:
    try:
        name = PersonName(
            given=payload.given_name,
            given2=payload.given_name2,
            surname=payload.surname,
            surname2=payload.surname2,
            title=payload.title,
        )
    except ValueError:
        raise DomainError(
            _("Give at least a given name or a surname."), code="validation_error"
        ) from None
    try:
        register = resolve_register(
            payload.language, customer=payload.formality, business=business_register_defaults()
        )
        forms = address_forms(name, payload.language, register)
    except UnsupportedLanguage:
        raise DomainError(
            _(
                "Forms of address are not available for %(language)s. Supported languages: "
                "%(supported)s."
            )
            % {"language": payload.language, "supported": ", ".join(SUPPORTED_LANGUAGES)},
            code="unsupported_language",
        ) from None
    return AddressOut(greeting=forms.greeting, closing=forms.closing, name=forms.name)
