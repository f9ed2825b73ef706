"""The forms of the automation pages: a rule (trigger or time-based automation) with rows
of conditions and actions, a macro, and the macro picker of the ticket page. Forms parse;
the services check (names, choices, teams, people and canned responses)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import Team
from cortesia.automations.actions import KINDS
from cortesia.automations.conditions import FIELDS, OPERATORS
from cortesia.automations.models import Macro, Match, TimedAutomation, Trigger
from cortesia.automations.outreach import (
    action_value_suggestions,
    notify_shown,
    webhook_shown,
)
from cortesia.automations.services import MacroData, RuleData
from cortesia.tickets.models import CannedResponse, Ticket

CONDITION_ROWS = 6
ACTION_ROWS = 6


def _blank(choices: dict[str, Any]) -> list[tuple[str, Any]]:
    return [("", "—"), *choices.items()]


class _Rows(forms.Form):
    """Rows of conditions and actions, each a few plain fields."""

    has_conditions = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.has_conditions:
            for index in range(CONDITION_ROWS):
                self.fields[f"condition_{index}_field"] = forms.ChoiceField(
                    label=_("Condition"), choices=_blank(FIELDS), required=False
                )
                self.fields[f"condition_{index}_operator"] = forms.ChoiceField(
                    label=_("Comparison"), choices=list(OPERATORS.items()), required=False
                )
                self.fields[f"condition_{index}_value"] = forms.CharField(
                    label=_("Value"), max_length=300, required=False
                )
        for index in range(ACTION_ROWS):
            self.fields[f"action_{index}_kind"] = forms.ChoiceField(
                label=_("Action"), choices=_blank(KINDS), required=False
            )
            self.fields[f"action_{index}_value"] = forms.CharField(
                label=_("Value"),
                max_length=5000,
                required=False,
                widget=forms.TextInput(attrs={"list": "action-values"}),
            )

    def _rows(self, prefix: str, names: tuple[str, ...], count: int) -> list[list[BoundField]]:
        return [[self[f"{prefix}_{i}_{name}"] for name in names] for i in range(count)]

    @property
    def value_suggestions(self) -> list[tuple[str, str]]:
        """What an action's value may name (the browser offers them as the value is
        typed): the people who work tickets, the teams, the active webhook subscriptions."""
        return action_value_suggestions()

    @property
    def condition_rows(self) -> list[list[BoundField]]:
        return self._rows("condition", ("field", "operator", "value"), CONDITION_ROWS)

    @property
    def action_rows(self) -> list[list[BoundField]]:
        return self._rows("action", ("kind", "value"), ACTION_ROWS)

    @property
    def main_fields(self) -> list[BoundField]:
        return [
            self[name] for name in self.fields if not name.startswith(("condition_", "action_"))
        ]

    def conditions(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        return [
            {
                "field": data[f"condition_{i}_field"],
                "operator": data[f"condition_{i}_operator"],
                "value": data[f"condition_{i}_value"],
            }
            for i in range(CONDITION_ROWS)
            if data.get(f"condition_{i}_field")
        ]

    def actions(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        return [
            {"kind": data[f"action_{i}_kind"], "value": data[f"action_{i}_value"]}
            for i in range(ACTION_ROWS)
            if data.get(f"action_{i}_kind")
        ]


def _shown_value(field: str, value: object) -> str:
    """A stored value as the form shows it: a team by name, tags joined by commas."""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    text = str(value)
    if field in ("team", "set_team") and text:
        return Team.objects.filter(uid=text).values_list("name", flat=True).first() or text
    if field == "notify":
        return notify_shown(value)
    if field == "call_webhook" and text:
        return webhook_shown(value)
    if field == "send_canned" and text:
        return (
            CannedResponse.objects.filter(uid=text).values_list("name", flat=True).first() or text
        )
    return text


def rows_initial(
    conditions: list[dict[str, str]], actions: list[dict[str, object]]
) -> dict[str, object]:
    """The initial values of the rows of a stored rule."""
    initial: dict[str, object] = {}
    for i, condition in enumerate(conditions[:CONDITION_ROWS]):
        initial[f"condition_{i}_field"] = condition["field"]
        initial[f"condition_{i}_operator"] = condition["operator"]
        initial[f"condition_{i}_value"] = _shown_value(condition["field"], condition["value"])
    for i, action in enumerate(actions[:ACTION_ROWS]):
        initial[f"action_{i}_kind"] = action["kind"]
        initial[f"action_{i}_value"] = _shown_value(str(action["kind"]), action["value"])
    return initial


class TriggerForm(_Rows):
    name = forms.CharField(label=_("Name"), max_length=200)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    position = forms.IntegerField(
        label=_("Position"),
        min_value=0,
        max_value=10_000,
        initial=0,
        help_text=_("Triggers run in this order, smallest first."),
    )
    when = forms.MultipleChoiceField(
        label=_("Runs when"),
        choices=Trigger.When.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    match = forms.ChoiceField(label=_("Match"), choices=Match.choices, initial=Match.ALL)
    stops_processing = forms.BooleanField(
        label=_("Stop processing the triggers after this one when it acts"), required=False
    )

    @classmethod
    def of(cls, trigger: Trigger | None, data: Any = None) -> TriggerForm:
        if trigger is None:
            return cls(data)
        initial = {
            "name": trigger.name,
            "is_active": trigger.is_active,
            "position": trigger.position,
            "when": trigger.when,
            "match": trigger.match,
            "stops_processing": trigger.stops_processing,
            **rows_initial(trigger.conditions, trigger.actions),
        }
        return cls(data, initial=initial)

    def data_of(self) -> RuleData:
        data = self.cleaned_data
        return RuleData(
            name=data["name"],
            is_active=data["is_active"],
            position=data["position"],
            when=list(data["when"]),
            match=data["match"],
            stops_processing=data["stops_processing"],
            conditions=self.conditions(),
            actions=self.actions(),
        )


class AutomationForm(_Rows):
    name = forms.CharField(label=_("Name"), max_length=200)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=10_000, initial=0)
    status = forms.ChoiceField(label=_("While the ticket is"), choices=Ticket.Status.choices)
    hours = forms.IntegerField(
        label=_("For at least (business hours)"),
        min_value=1,
        max_value=10_000,
        help_text=_(
            "Counted on the business calendar of the ticket's team: three business days "
            "of a calendar open 09:00–17:00 are 24 hours."
        ),
    )
    match = forms.ChoiceField(label=_("Match"), choices=Match.choices, initial=Match.ALL)

    @classmethod
    def of(cls, automation: TimedAutomation | None, data: Any = None) -> AutomationForm:
        if automation is None:
            return cls(data)
        initial = {
            "name": automation.name,
            "is_active": automation.is_active,
            "position": automation.position,
            "status": automation.status,
            "hours": automation.hours,
            "match": automation.match,
            **rows_initial(automation.conditions, automation.actions),
        }
        return cls(data, initial=initial)

    def data_of(self) -> RuleData:
        data = self.cleaned_data
        return RuleData(
            name=data["name"],
            is_active=data["is_active"],
            position=data["position"],
            status=data["status"],
            hours=data["hours"],
            match=data["match"],
            conditions=self.conditions(),
            actions=self.actions(),
        )


class MacroForm(_Rows):
    has_conditions = False

    name = forms.CharField(label=_("Name"), max_length=200)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    scope = forms.ChoiceField(label=_("Who uses it"))
    canned = forms.ModelChoiceField(
        label=_("Canned reply sent last"),
        queryset=CannedResponse.objects.filter(is_active=True),
        required=False,
        to_field_name="uid",
    )

    def __init__(self, *args: Any, scopes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["scope"]).choices = scopes

    @classmethod
    def of(cls, macro: Macro | None, scopes: list[tuple[str, str]], data: Any = None) -> MacroForm:
        if macro is None:
            return cls(data, scopes=scopes)
        initial = {
            "name": macro.name,
            "is_active": macro.is_active,
            "scope": "me" if macro.owner_id else (str(macro.team.uid) if macro.team else "all"),
            "canned": macro.canned.uid if macro.canned else None,
            **rows_initial([], macro.actions),
        }
        return cls(data, scopes=scopes, initial=initial)

    def data_of(self) -> MacroData:
        data = self.cleaned_data
        scope = data["scope"]
        team = None if scope in ("me", "all") else Team.objects.filter(uid=scope).first()
        return MacroData(
            name=data["name"],
            is_active=data["is_active"],
            personal=scope == "me",
            team=team,
            actions=self.actions(),
            canned=data["canned"],
        )


class MacroApplyForm(forms.Form):
    macro = forms.UUIDField()
    version = forms.IntegerField(min_value=1)
    submission = forms.CharField(max_length=64, required=False)


class MacroVersionForm(forms.Form):
    """The ticket version the page showed, for the picker loaded after it."""

    version = forms.IntegerField(min_value=1)
