"""HTML forms of the customers pages; they parse input, the services check and write."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.urls import reverse_lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cortesia.calendars.models import Calendar
from cortesia.culture.local_formats import language_name
from cortesia.customers import profile_choices
from cortesia.customers.models import Customer, CustomerImport, CustomField, Organization
from cortesia.customers.services import CustomerData
from cortesia.customers.validation import NAME_FIELDS, ProfileCheck, check_length, check_name_part

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TEXT_FIELDS = (
    "given_name",
    "given_name2",
    "surname",
    "surname2",
    "credentials",
    "country",
    "subdivision",
    "language",
    "time_zone",
    "currency",
    "contact_hours",
)
# A custom field's form field is named as the services name it in errors, so that each
# refusal lands on its field.
CUSTOM_PREFIX = "custom_fields."
# Fields chosen from a list, with the function giving the list in the viewer's language.
CODE_CHOICES = {
    "country": profile_choices.country_choices,
    "language": profile_choices.language_choices,
    "time_zone": profile_choices.time_zone_choices,
    "currency": profile_choices.currency_choices,
}


def _lines(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", "\n").splitlines() if part.strip()]


def _text(label: StrOrPromise) -> forms.CharField:
    """A free-text field with no ``maxlength``: a browser would cut a pasted value to fit
    without a word, so the length is checked by the services and reported instead. The
    text runs in its own direction: a Latin name stays readable on an Arabic page."""
    return forms.CharField(
        label=label, required=False, widget=forms.TextInput(attrs={"dir": "auto"})
    )


class CustomerForm(forms.Form):
    """The editable profile. ``version`` is the one the page was rendered from: saving over a
    newer version is refused (someone else saved first). Country, language, time zone and
    currency are chosen from lists named in the viewer's language (``language``)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    given_name = _text(capfirst(_("given name")))
    given_name2 = _text(capfirst(_("second given name")))
    surname = _text(capfirst(_("surname")))
    surname2 = _text(capfirst(_("second surname")))
    # The choices are set per form: two titles may share a word in the viewer's language.
    title = forms.ChoiceField(label=capfirst(_("title")), required=False)
    credentials = _text(capfirst(_("credentials")))
    country = forms.ChoiceField(label=capfirst(_("country")), required=False)
    subdivision = _text(capfirst(_("subdivision")))
    language = forms.ChoiceField(label=capfirst(_("language")), required=False)
    register_preference = forms.ChoiceField(
        label=capfirst(_("register")), choices=Customer.RegisterPreference.choices
    )
    time_zone = forms.ChoiceField(label=capfirst(_("time zone")), required=False)
    currency = forms.ChoiceField(label=capfirst(_("currency")), required=False)
    preferred_channel = forms.ChoiceField(
        label=capfirst(_("preferred channel")),
        choices=[("", "—"), *Customer.Channel.choices],
        required=False,
    )
    contact_hours = forms.CharField(
        label=capfirst(_("contact hours")),
        required=False,
        max_length=20,
        help_text=_(
            "Their local hours for surveys and other messages they did not ask for, as "
            "10:00-20:00. Empty: the business's contact window."
        ),
        widget=forms.TextInput(attrs={"dir": "ltr", "placeholder": "09:00-19:00"}),
    )
    # Addresses and numbers are written left to right in every language: on an Arabic page
    # "+39 …" would otherwise show its plus sign at the end.
    emails = forms.CharField(
        label=capfirst(_("e-mail addresses")),
        widget=forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
        required=False,
    )
    phones = forms.CharField(
        label=capfirst(_("phone numbers")),
        widget=forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
        required=False,
    )
    tags = forms.CharField(
        label=capfirst(_("tags")),
        required=False,
        help_text=_("Separate with commas."),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )

    def __init__(
        self, *args: Any, custom_fields: list[CustomField], language: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, listed in CODE_CHOICES.items():
            current = str(self.initial.get(name) or "")
            label = language_name(current, language) if name == "language" else current
            code_field = self.fields[name]
            assert isinstance(code_field, forms.ChoiceField)  # noqa: S101 - declared above
            code_field.choices = profile_choices.with_current(listed(language), current, label)
        title_field = self.fields["title"]
        assert isinstance(title_field, forms.ChoiceField)  # noqa: S101 - declared above
        title_field.choices = [("", "—"), *profile_choices.title_choices(language)]
        self.custom_field_keys = [field.key for field in custom_fields]
        for field in custom_fields:
            name = f"{CUSTOM_PREFIX}{field.key}"
            if field.field_type == CustomField.FieldType.CHOICE:
                choices = [("", "—"), *((c, c) for c in field.choices)]
                self.fields[name] = forms.ChoiceField(
                    label=field.label, choices=choices, required=False
                )
            else:
                self.fields[name] = forms.CharField(
                    label=field.label,
                    required=False,
                    widget=forms.DateInput(attrs={"type": "date"})
                    if field.field_type == CustomField.FieldType.DATE
                    else forms.TextInput(attrs={"dir": "auto"}),
                )

    @classmethod
    def initial_for(cls, customer: Customer) -> dict[str, object]:
        initial: dict[str, object] = {name: getattr(customer, name) for name in TEXT_FIELDS}
        initial.update(
            version=customer.version,
            title=customer.title,
            register_preference=customer.register_preference,
            preferred_channel=customer.preferred_channel,
            emails="\n".join(e.address for e in customer.emails.all()),
            phones="\n".join(p.e164 for p in customer.phones.all()),
            tags=", ".join(customer.tags),
        )
        initial.update({f"{CUSTOM_PREFIX}{k}": v for k, v in customer.custom_fields.items()})
        return initial

    def clean(self) -> dict[str, Any] | None:
        """Check names and lengths as the services do, so that a name's problem is shown
        together with a wrong choice instead of after it is corrected."""
        cleaned = super().clean() or {}
        check = ProfileCheck()
        for name in (*NAME_FIELDS, "credentials"):
            check_name_part(check, name, cleaned.get(name) or "")
        check_length(check, "subdivision", cleaned.get("subdivision") or "")
        for name, message in check.errors.items():
            self.add_error(name, message)
        return cleaned

    def to_data(self) -> CustomerData:
        values = self.cleaned_data
        data = CustomerData(
            **{name: values[name] for name in TEXT_FIELDS},
            title=values["title"],
            register_preference=values["register_preference"],
            preferred_channel=values["preferred_channel"],
            emails=_lines(values["emails"]),
            phones=_lines(values["phones"]),
            tags=_lines(values["tags"]),
        )
        data.custom_fields = {
            key: values.get(f"{CUSTOM_PREFIX}{key}") or None for key in self.custom_field_keys
        }
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file (UTF-8)"))
    kind = forms.ChoiceField(label=_("Contents"), choices=CustomerImport.Kind.choices)
    source = forms.CharField(
        label=_("Source"),
        max_length=50,
        initial="import",
        help_text=_("External ids and order numbers are unique within a source."),
    )
    dry_run = forms.BooleanField(label=_("Dry run: check only, change nothing"), required=False)


class SegmentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    # The live preview is requested by the rules field itself, not by the form: htmx checks
    # a form's required fields before sending it, so the preview would wait for a name.
    rules = forms.JSONField(
        label=_("Rules"),
        widget=forms.Textarea(
            attrs={
                "rows": 12,
                "spellcheck": "false",
                "dir": "ltr",
                "hx-post": reverse_lazy("customers:segment-preview"),
                "hx-trigger": "input changed delay:500ms, load",
                "hx-target": "#segment-preview",
                "hx-swap": "innerHTML",
            }
        ),
    )


class MergeForm(forms.Form):
    duplicate = forms.CharField(
        label=_("The duplicate's e-mail address or public id"),
        max_length=254,
        error_messages={"required": _("Name the duplicate by its e-mail address or public id.")},
    )
    confirm = forms.BooleanField(
        label=_("Move its contacts, orders, consents and timeline here and retire it"),
        error_messages={"required": _("Tick the box to confirm the merge.")},
    )


class OrganizationForm(forms.Form):
    """An organization's name, country, mail domains and business calendar."""

    name = forms.CharField(label=_("Name"), max_length=200)
    country = forms.CharField(
        label=_("Country"),
        help_text=_("Two letters, such as IT or SA."),
        max_length=2,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    domains = forms.CharField(
        label=_("Mail domains"),
        help_text=_("Separated by commas, such as example.com, example.it."),
        max_length=2_000,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    calendar: forms.ModelChoiceField[Calendar] = forms.ModelChoiceField(
        label=_("Business calendar"),
        help_text=_("Service levels that follow the organization's calendar count its hours."),
        queryset=None,
        required=False,
        to_field_name="uid",
    )

    def __init__(self, *args: Any, calendars: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["calendar"].queryset = calendars  # type: ignore[attr-defined]

    def clean_domains(self) -> list[str]:
        text = self.cleaned_data.get("domains") or ""
        return [piece for piece in text.replace(";", ",").replace(" ", ",").split(",") if piece]

    @staticmethod
    def initial_for(organization: Organization) -> dict[str, object]:
        return {
            "name": organization.name,
            "country": organization.country,
            "domains": ", ".join(organization.domains or []),
            "calendar": organization.calendar.uid if organization.calendar else None,
        }
