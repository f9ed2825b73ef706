"""Culture endpoints: forms of address for the template editor's preview and integrators."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from cortesia.accounts.api_auth import TokenAuth
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError
from cortesia.culture.address_forms import (
    SUPPORTED_LANGUAGES,
    UnsupportedLanguage,
    address_forms,
    resolve_register,
)
from cortesia.culture.names import PersonName
from cortesia.localization.schemas import (
    AddressIn,
    AddressOut,
    RegisterDefaultIn,
    RegisterDefaultOut,
)
from cortesia.localization.selectors import business_register_defaults
from cortesia.localization.services import register_default_clear, register_default_set

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


def _register_default_out(language: str, register: str) -> dict[str, str]:
    # The response schema reads the JSON key "register" (see RegisterDefaultOut).
    return {"language": language, "register": register}


@router.get(
    "/culture/register-defaults",
    response=list[RegisterDefaultOut],
    by_alias=True,
    auth=TokenAuth(reads_only=True),
    summary="The business's default register per language (only languages it has set)",
)
def register_defaults_list(request: HttpRequest) -> list[dict[str, str]]:
    return [
        _register_default_out(language, register)
        for language, register in sorted(business_register_defaults().items())
    ]


@router.put(
    "/culture/register-defaults/{language}",
    response=RegisterDefaultOut,
    by_alias=True,
    summary="Set the business's default register for a language (admins)",
)
def register_defaults_put(
    request: HttpRequest, language: str, payload: RegisterDefaultIn
) -> dict[str, str]:
    row = register_default_set(
        language=language, register=payload.formality, actor=Actor.from_request(request)
    )
    return _register_default_out(row.language, row.register)


@router.delete(
    "/culture/register-defaults/{language}",
    response={204: None},
    summary="Clear the business's default register for a language (admins)",
)
def register_defaults_delete(request: HttpRequest, language: str) -> Status[None]:
    register_default_clear(language=language, actor=Actor.from_request(request))
    return Status(204, None)
