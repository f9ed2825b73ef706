"""Forms of the staff and team settings pages. They parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.selectors import StaffStatus


class StaffFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"), choices=StaffStatus.choices, required=False, initial=StaffStatus.ALL
    )

    def chosen(self) -> StaffStatus:
        """The status asked for; everyone when the value is missing or unknown."""
        if self.is_valid() and self.cleaned_data["status"]:
            return StaffStatus(self.cleaned_data["status"])
        return StaffStatus.ALL
