"""Forms of the report settings pages: the report settings, a spend row and a rates file.
The forms only parse; the services check codes and bounds and their field errors come
back onto the field they name."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cortesia.reports.models import AcquisitionSpend, ReportSettings
from cortesia.reports.settings_access import ReportSettingsData
from cortesia.reports.spend import SpendData

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CODE_INPUT = {"dir": "ltr", "autocomplete": "off"}


class ReportSettingsForm(forms.Form):
    reporting_currency = forms.ChoiceField(
        label=_("reporting currency"),
        help_text=_("Orders and spend in other currencies are converted at their day's rate."),
    )
    lost_after_days = forms.IntegerField(
        label=_("a customer is lost after (days without an order)"),
        help_text=_("1 to 3,650 days; 180 is usual for retail."),
    )
    one_touch_reopen_days = forms.IntegerField(
        label=_("a reopen within (business days) breaks a one-touch resolution"),
        help_text=_("0 to 90 business days of the ticket's calendar."),
    )
    margin_percent = forms.DecimalField(
        label=_("gross margin (%) used in CLTV"),
        max_digits=5,
        decimal_places=2,
        help_text=_("0 to 100. CLTV is average order value × frequency × lifespan × margin."),
    )

    def __init__(
        self, *args: Any, row: ReportSettings, currencies: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        codes = sorted({"EUR", row.reporting_currency, *currencies})
        self.fields["reporting_currency"].choices = [(code, code) for code in codes]  # type: ignore[attr-defined]
        if not self.is_bound:
            for name in self.fields:
                self.initial[name] = getattr(row, name)

    def data_for_service(self) -> ReportSettingsData:
        data = self.cleaned_data
        return ReportSettingsData(
            data["reporting_currency"],
            data["lost_after_days"],
            data["one_touch_reopen_days"],
            data["margin_percent"],
        )


class SpendForm(forms.Form):
    starts_on = forms.DateField(label=_("first day"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("last day"), widget=DATE_INPUT)
    channel = forms.CharField(
        label=_("channel"),
        max_length=100,
        help_text=_("Where the money went, such as search ads or a trade fair."),
    )
    country = forms.CharField(
        label=_("country"),
        max_length=2,
        required=False,
        help_text=_("ISO 3166 code such as IT; empty for every country."),
        widget=forms.TextInput(attrs=CODE_INPUT),
    )
    currency = forms.CharField(
        label=_("currency"),
        max_length=3,
        help_text=_("ISO 4217 code such as EUR."),
        widget=forms.TextInput(attrs=CODE_INPUT),
    )
    amount = forms.DecimalField(
        label=_("amount"), min_value=Decimal(0), max_digits=18, decimal_places=2
    )
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def __init__(self, *args: Any, spend: AcquisitionSpend | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if spend is not None and not self.is_bound:
            for name in self.fields:
                self.initial[name] = getattr(spend, name)

    def data_for_service(self) -> SpendData:
        data = self.cleaned_data
        return SpendData(
            data["starts_on"],
            data["ends_on"],
            data["channel"],
            data["country"],
            data["currency"],
            data["amount"],
            data["note"],
        )


class RatesUploadForm(forms.Form):
    file = forms.FileField(
        label=_("rates file"),
        help_text=_(
            "The ECB's euro reference rates: CSV, XML or the zip it serves (50 MB at most)."
        ),
    )
    replace = forms.BooleanField(
        label=_("remove the stored rates of these currencies and days that the file does not hold"),
        required=False,
    )
