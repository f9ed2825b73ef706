"""The form of the custom-field settings pages: one field definition.

Key and type are fixed once a field exists (stored values and segments depend on them),
so the edit form shows them disabled and never sends them to the service.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cortesia.customers.custom_fields import CustomFieldData
from cortesia.customers.models import CustomField

MAX_CHOICES_TEXT = 10_000


class CustomFieldForm(forms.Form):
    label = forms.CharField(label=_("label"), max_length=100)
    key = forms.CharField(
        label=_("key"),
        max_length=50,
        help_text=_("Lower-case letters, digits and _; fixed once created."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    field_type = forms.ChoiceField(label=_("type"), choices=CustomField.FieldType.choices)
    choices = forms.CharField(
        label=_("choices"),
        required=False,
        max_length=MAX_CHOICES_TEXT,
        help_text=_("For a choice field: one choice per line."),
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
    )
    position = forms.IntegerField(
        label=_("position"),
        min_value=0,
        max_value=10_000,
        required=False,
        help_text=_("Fields are listed by position, smallest first."),
    )

    def __init__(self, *args: Any, field: CustomField | None = None, **kwargs: Any) -> None:
        if field is not None:
            kwargs["initial"] = {
                "label": field.label,
                "key": field.key,
                "field_type": field.field_type,
                "choices": "\n".join(field.choices),
                "position": field.position,
            }
        super().__init__(*args, **kwargs)
        self.existing = field
        if field is not None:
            for name in ("key", "field_type"):
                self.fields[name].disabled = True
                self.fields[name].required = False

    def data_for_service(self) -> CustomFieldData:
        choices = [line.strip() for line in self.cleaned_data["choices"].splitlines()]
        position = self.cleaned_data["position"]
        if self.existing is not None:
            return CustomFieldData(
                label=self.cleaned_data["label"], choices=choices, position=position
            )
        return CustomFieldData(
            key=self.cleaned_data["key"],
            label=self.cleaned_data["label"],
            field_type=self.cleaned_data["field_type"],
            choices=choices,
            position=position,
        )
