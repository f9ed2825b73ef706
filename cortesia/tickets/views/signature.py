"""The page where agents write how their replies are signed: one signature per site
language and a default, side by side."""

from __future__ import annotations

from django.contrib import messages
from django.forms import BoundField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, FieldErrors
from cortesia.tickets.composer import company_name
from cortesia.tickets.forms import SignatureForm
from cortesia.tickets.permissions import can_name_company
from cortesia.tickets.signatures import DEFAULT, reply_signing_save, signatures_of
from cortesia.tickets.views.inbox import _viewer


def _field_name(language: str) -> str:
    return f"signature_{language or 'default'}"


def _signature_fields(form: SignatureForm) -> list[BoundField]:
    """The signature fields in page order: each site language, then the default."""
    names = [name for name in form.fields if name.startswith("signature_")]
    names.sort(key=lambda name: name == _field_name(DEFAULT))
    return [form[name] for name in names]


@require_http_methods(["GET", "POST"])
def signature_view(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    languages = SignatureForm.site_languages()
    is_admin = can_name_company(viewer)
    initial = {_field_name(code): text for code, text in signatures_of(agent=viewer).items()}
    if is_admin:
        initial["company_name"] = company_name()
    form = SignatureForm(
        request.POST or None, initial=initial, languages=languages, may_name_company=is_admin
    )
    if request.method == "POST" and form.is_valid():
        codes = [DEFAULT, *(code for code, _name in languages)]
        texts = {code: form.cleaned_data[_field_name(code)] for code in codes}
        company = form.cleaned_data["company_name"] if is_admin else None
        try:
            reply_signing_save(
                agent=viewer, texts=texts, company=company, actor=Actor.from_request(request)
            )
        except FieldErrors as error:
            for name, text in error.errors.items():
                form.add_error(_field_name(name) if name in texts else None, text)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your signature is saved."))
            return redirect("tickets:signature")
    context = {"form": form, "signature_fields": _signature_fields(form)}
    return render(request, "tickets/signature.html", context, status=400 if form.errors else 200)
