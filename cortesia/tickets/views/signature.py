"""The page where agents write how their replies are signed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, FieldErrors
from cortesia.tickets.composer import company_name
from cortesia.tickets.forms import SignatureForm
from cortesia.tickets.permissions import can_name_company
from cortesia.tickets.signatures import reply_signing_save, signatures_of
from cortesia.tickets.views.inbox import _viewer


@require_http_methods(["GET", "POST"])
def signature_view(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    languages = SignatureForm.site_languages()
    is_admin = can_name_company(viewer)
    initial: dict[str, str] = {
        f"signature_{code}": text for code, text in signatures_of(agent=viewer).items()
    }
    if is_admin:
        initial["company_name"] = company_name()
    form = SignatureForm(
        request.POST or None, initial=initial, languages=languages, may_name_company=is_admin
    )
    if request.method == "POST" and form.is_valid():
        actor = Actor.from_request(request)
        texts = {code: form.cleaned_data[f"signature_{code}"] for code, _name in languages}
        company = form.cleaned_data["company_name"] if is_admin else None
        try:
            reply_signing_save(agent=viewer, texts=texts, company=company, actor=actor)
        except FieldErrors as error:
            for name, text in error.errors.items():
                form.add_error(f"signature_{name}" if name in texts else None, text)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your signature is saved."))
            return redirect("tickets:signature")
    status = 400 if form.errors else 200
    return render(request, "tickets/signature.html", {"form": form}, status=status)
