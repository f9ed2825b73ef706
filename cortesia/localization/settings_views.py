"""The settings page of the business's default register per language."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError
from cortesia.core.refusals import refusal_on_form
from cortesia.localization.selectors import business_register_defaults
from cortesia.localization.services import can_set_register_defaults, register_defaults_save
from cortesia.localization.settings_forms import RegisterDefaultsForm


@require_http_methods(["GET", "POST"])
def register_defaults_view(request: HttpRequest) -> HttpResponse:
    if not can_set_register_defaults(staff_user(request)):
        raise PermissionDenied
    current = {code: str(register) for code, register in business_register_defaults().items()}
    form = RegisterDefaultsForm(request.POST or None, current=current)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            register_defaults_save(registers=form.registers(), actor=Actor.from_request(request))
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The default registers are saved."))
            return redirect("register-settings:register-defaults")
    return render(
        request, "localization/settings/register_defaults.html", {"form": form}, status=status
    )
