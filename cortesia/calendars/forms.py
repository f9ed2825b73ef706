"""The calendar form of the settings pages: the calendar's fields, its weekly hours as rows
of weekday/start/end (several rows on one weekday make a split shift) and its date
overrides as rows of date/start/end (no hours: closed that day).

The form only reads what was typed; the calendar service checks it and names the wrong
row (``validation.py``), and :meth:`CalendarEditor.refuse` puts each message there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.forms import formset_factory
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cortesia.calendars.choices import holiday_country_choices, time_zone_choices, weekday_choices
from cortesia.calendars.conversion import OverridesJson, WeeklyJson
from cortesia.calendars.models import Calendar
from cortesia.core.errors import DomainError, FieldErrors
from cortesia.core.refusals import refusal_on_form
from cortesia.culture.business_time import WEEKDAY_KEYS
from cortesia.culture.countries import default_weekly
from cortesia.culture.public_holidays import holiday_subdivisions

EXTRA_ROWS = 3
MAX_ROWS = 400
# The placeholder is the format to type, in the reader's language ("TT:MM" in fi, say).
CLOCK_ATTRS = {
    "inputmode": "numeric",
    "placeholder": gettext_lazy("HH:MM"),
    "size": "5",
    "maxlength": "5",
}


class CalendarForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("name"), max_length=100)
    time_zone = forms.ChoiceField(label=gettext_lazy("time zone"))
    country = forms.ChoiceField(
        label=gettext_lazy("public holidays of"),
        required=False,
        help_text=gettext_lazy("Public holidays of this country close the calendar."),
    )
    subdivision = forms.CharField(
        label=gettext_lazy("region (subdivision code)"),
        max_length=10,
        required=False,
        help_text=gettext_lazy("Optional: adds a region's own holidays, e.g. 18 for Uusimaa."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        language = translation.get_language() or "en"
        self.fields["time_zone"].choices = time_zone_choices()  # type: ignore[attr-defined]
        self.fields["country"].choices = holiday_country_choices(language)  # type: ignore[attr-defined]
        self.fields["subdivision"].widget.attrs["list"] = "subdivision-codes"

    def subdivision_codes(self) -> tuple[str, ...]:
        """The region codes the holiday data has for the country shown (none without one)."""
        country = (self.data.get("country") if self.is_bound else self.initial.get("country")) or ""
        return (holiday_subdivisions(str(country).upper()) or ()) if country else ()


class WeeklyRowForm(forms.Form):
    weekday = forms.ChoiceField(label=gettext_lazy("weekday"), required=False)
    start = forms.CharField(
        label=gettext_lazy("opens"),
        required=False,
        max_length=5,
        widget=forms.TextInput(CLOCK_ATTRS),
    )
    end = forms.CharField(
        label=gettext_lazy("closes"),
        required=False,
        max_length=5,
        widget=forms.TextInput(CLOCK_ATTRS),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        language = translation.get_language() or "en"
        self.fields["weekday"].choices = (("", "—"), *weekday_choices(language))  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        given = [bool(data.get(name)) for name in ("weekday", "start", "end")]
        if any(given) and not all(given):
            raise forms.ValidationError(_("Give the weekday, the opening and the closing time."))
        return data


class OverrideRowForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("date"), required=False, widget=forms.DateInput({"type": "date"})
    )
    start = forms.CharField(
        label=gettext_lazy("opens"),
        required=False,
        max_length=5,
        widget=forms.TextInput(CLOCK_ATTRS),
    )
    end = forms.CharField(
        label=gettext_lazy("closes"),
        required=False,
        max_length=5,
        widget=forms.TextInput(CLOCK_ATTRS),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if (data.get("start") or data.get("end")) and not data.get("date"):
            raise forms.ValidationError(_("Give the date these hours apply to."))
        if bool(data.get("start")) != bool(data.get("end")):
            raise forms.ValidationError(
                _("Give both the opening and the closing time, or neither to close the day.")
            )
        return data


class BaseOverrideFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        """Refuse a date closed in one row and given hours in another."""
        open_days = {
            row.cleaned_data["date"]
            for row in self.forms
            if row.is_valid() and row.cleaned_data.get("date") and row.cleaned_data.get("start")
        }
        for row in self.forms:
            data = row.cleaned_data if row.is_valid() else {}
            if data.get("date") in open_days and not data.get("start"):
                row.add_error(None, _("This date is closed in this row and open in another."))


WeeklyFormSet = formset_factory(
    WeeklyRowForm, extra=EXTRA_ROWS, max_num=MAX_ROWS, absolute_max=MAX_ROWS, validate_max=True
)
OverrideFormSet = formset_factory(
    OverrideRowForm,
    formset=BaseOverrideFormSet,
    extra=EXTRA_ROWS,
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
    validate_max=True,
)


@dataclass(frozen=True)
class CalendarValues:
    """What the calendar services take, read from a valid editor."""

    name: str
    time_zone: str
    country: str
    subdivision: str
    weekly: WeeklyJson
    overrides: OverridesJson


def _weekly_rows(weekly: WeeklyJson) -> list[dict[str, str]]:
    return [
        {"weekday": day, "start": start, "end": end}
        for day in WEEKDAY_KEYS
        for start, end in weekly.get(day, [])
    ]


def _override_rows(overrides: OverridesJson) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for entry in sorted(overrides, key=lambda item: str(item.get("date"))):
        day = date.fromisoformat(str(entry["date"]))
        intervals = entry.get("intervals") or []
        assert isinstance(intervals, list)  # noqa: S101 - stored by the service, always a list
        if not intervals:
            rows.append({"date": day, "start": "", "end": ""})
        rows.extend({"date": day, "start": start, "end": end} for start, end in intervals)
    return rows


@dataclass
class CalendarEditor:
    """The calendar form and its two sets of rows, read and refused together."""

    form: CalendarForm
    weekly: forms.BaseFormSet  # type: ignore[type-arg]
    overrides: forms.BaseFormSet  # type: ignore[type-arg]
    week_errors: list[str] = field(default_factory=list)
    # Where each service error key points: "weekly.mon.1" → a weekly row, "overrides.0" → a row.
    _weekly_keys: dict[str, int] = field(default_factory=dict)
    _override_keys: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, data: QueryDict | None, calendar: Calendar | None) -> CalendarEditor:
        """Bind ``data`` (a POST) or show ``calendar`` (or a new calendar's defaults)."""
        if calendar is None:
            initial: dict[str, object] = {"time_zone": "UTC"}
            weekly, overrides = default_weekly(None), []
        else:
            initial = {
                "name": calendar.name,
                "time_zone": calendar.time_zone,
                "country": calendar.country,
                "subdivision": calendar.subdivision,
            }
            weekly, overrides = calendar.weekly, calendar.overrides
        if data is not None:  # rows read as typed: an initial would hide unchanged rows
            return cls(
                form=CalendarForm(data, initial=initial),
                weekly=WeeklyFormSet(data, prefix="weekly"),
                overrides=OverrideFormSet(data, prefix="overrides"),
            )
        return cls(
            form=CalendarForm(initial=initial),
            weekly=WeeklyFormSet(prefix="weekly", initial=_weekly_rows(weekly)),
            overrides=OverrideFormSet(prefix="overrides", initial=_override_rows(overrides)),
        )

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.weekly.is_valid(), self.overrides.is_valid()])

    def values(self) -> CalendarValues:
        """The service's arguments, from a valid editor."""
        data = self.form.cleaned_data
        return CalendarValues(
            name=data["name"],
            time_zone=data["time_zone"],
            country=data["country"],
            subdivision=data["subdivision"].strip(),
            weekly=self._weekly_json(),
            overrides=self._overrides_json(),
        )

    def _weekly_json(self) -> WeeklyJson:
        weekly: WeeklyJson = {}
        for index, row in enumerate(self.weekly.forms):
            data = row.cleaned_data
            if data.get("weekday"):
                pairs = weekly.setdefault(data["weekday"], [])
                self._weekly_keys[f"weekly.{data['weekday']}.{len(pairs)}"] = index
                pairs.append([data["start"].strip(), data["end"].strip()])
        return {day: weekly[day] for day in WEEKDAY_KEYS if day in weekly}

    def _overrides_json(self) -> OverridesJson:
        days: dict[date, list[list[str]]] = {}
        first_row: dict[date, int] = {}
        for index, row in enumerate(self.overrides.forms):
            data = row.cleaned_data
            if not data.get("date"):
                continue
            day = data["date"]
            first_row.setdefault(day, index)
            pairs = days.setdefault(day, [])
            if data.get("start"):
                pairs.append([data["start"].strip(), data["end"].strip()])
        result: OverridesJson = []
        for day in sorted(days):
            self._override_keys[f"overrides.{len(result)}"] = first_row[day]
            result.append({"date": day.isoformat(), "intervals": days[day]})
        return result

    def refuse(self, error: DomainError) -> int:
        """Put the service's refusal where it belongs; return the page's status."""
        if not isinstance(error, FieldErrors):
            return refusal_on_form(self.form, error)
        for key, message in error.errors.items():
            if key in self.form.fields:
                self.form.add_error(key, message)
            elif key in self._weekly_keys:
                self.weekly.forms[self._weekly_keys[key]].add_error(None, message)
            elif key in self._override_keys:
                self.overrides.forms[self._override_keys[key]].add_error(None, message)
            else:
                self.week_errors.append(message)
        return error.status
