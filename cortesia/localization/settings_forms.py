"""The form of the register-defaults settings page: one choice per language.

Each language offers formal, informal, or nothing (the language's own default, which the
choice names). The languages are the product's and any other one the business already
set a default for.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cortesia.culture.address_forms import DEFAULT_REGISTER, Register
from cortesia.culture.local_formats import language_name
from cortesia.localization.models import RegisterDefault

REGISTER_NAMES = {Register.FORMAL: _("formal"), Register.INFORMAL: _("informal")}


def field_name(language: str) -> str:
    return f"register_{language.replace('-', '_')}"


class RegisterDefaultsForm(forms.Form):
    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        site = [code for code, _name in settings.LANGUAGES]
        self.languages = site + sorted(set(current) - set(site))
        kwargs["initial"] = {field_name(code): current.get(code, "") for code in self.languages}
        super().__init__(*args, **kwargs)
        viewer_language = get_language() or settings.LANGUAGE_CODE
        for code in self.languages:
            own = REGISTER_NAMES[DEFAULT_REGISTER.get(code, Register.FORMAL)]
            self.fields[field_name(code)] = forms.ChoiceField(
                label=language_name(code, viewer_language),
                required=False,
                choices=[
                    ("", _("The language's own default (%(register)s)") % {"register": own}),
                    *RegisterDefault.Register.choices,
                ],
            )

    def registers(self) -> dict[str, str | None]:
        """Each language's chosen register, None for the language's own default."""
        return {code: self.cleaned_data[field_name(code)] or None for code in self.languages}
