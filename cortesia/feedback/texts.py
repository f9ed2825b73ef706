"""A survey's words for one customer: every text (question, labels, thanks, mail…) is
one key with variants per language × register, picked by the shared fallback chain
(``localization.fallback``) and filled in as plain text.

Placeholders are replaced, never evaluated: ``{{ company }}``, ``{{ customer.name }}``,
``{{ ticket.number }}``, ``{{ ticket.subject }}``, ``{{ order.number }}``. A placeholder
without a value (a survey sent about no ticket) becomes "".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import translation

from cortesia.culture.address_forms import Register
from cortesia.culture.local_formats import writing_direction
from cortesia.customers.addressing import customer_register
from cortesia.customers.models import Customer
from cortesia.feedback.defaults import REGISTERS, SHIPPED_LANGUAGES, default_texts
from cortesia.feedback.models import QuestionKind, Survey, SurveyKind, SurveyQuestion, SurveyText
from cortesia.localization.fallback import Step, choose
from cortesia.localization.selectors import business_register_defaults

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_.]+)\s*\}\}")
PLACEHOLDERS = frozenset(
    {"company", "customer.name", "ticket.number", "ticket.subject", "order.number"}
)
FIXED_KEYS = ("question", "comment", "thanks", "follow_up", "mail_subject", "mail_body")


def label_points(kind: str) -> tuple[int, ...]:
    """The scale points that carry a label: every point, or only the ends for NPS."""
    low, high = Survey(kind=kind).scale
    if kind == SurveyKind.NPS:
        return (low, high)
    return tuple(range(low, high + 1))


def text_keys(survey: Survey, questions: Iterable[SurveyQuestion] | None = None) -> list[str]:
    """Every key ``survey`` uses: the fixed ones, a label per point and its questions'."""
    keys = [*FIXED_KEYS, *(f"label.{point}" for point in label_points(survey.kind))]
    for question in survey.questions.all() if questions is None else questions:
        keys.append(question.key)
        if question.kind == QuestionKind.CHOICE:
            keys += [f"{question.key}.{choice}" for choice in question.choices]
    return keys


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace each known placeholder with its value ("" when it has none)."""
    return PLACEHOLDER.sub(
        lambda match: values.get(match.group(1), "") if match.group(1) in PLACEHOLDERS else "",
        text,
    )


@dataclass(frozen=True)
class Wording:
    """The texts of one survey chosen for one language and register."""

    language: str  # the language asked for
    register: str
    texts: dict[str, SurveyText] = field(default_factory=dict)
    steps: dict[str, Step] = field(default_factory=dict)

    def text(self, key: str, values: Mapping[str, str] | None = None) -> str:
        """The text of ``key`` with its placeholders filled; "" when it has no variant."""
        variant = self.texts.get(key)
        return fill(variant.text, values or {}) if variant is not None else ""

    def step(self, key: str) -> Step | None:
        return self.steps.get(key)

    @property
    def text_language(self) -> str:
        """The language most of the texts are written in (the question's)."""
        variant = self.texts.get("question")
        return variant.language if variant is not None else self.language

    @property
    def direction(self) -> str:
        return writing_direction(self.text_language)


def survey_wording(
    *,
    survey: Survey,
    language: str,
    register: str,
    texts: Iterable[SurveyText] | None = None,
) -> Wording:
    """Pick each key's variant for ``language`` and ``register``. ``texts`` are the
    survey's rows when the caller has them (a batch of mails reads them once)."""
    by_key: dict[str, list[SurveyText]] = {}
    for row in survey.texts.all() if texts is None else texts:
        by_key.setdefault(row.key, []).append(row)
    chosen: dict[str, SurveyText] = {}
    steps: dict[str, Step] = {}
    for key, rows in by_key.items():
        pick = choose(rows, language, register)
        if pick is not None:
            chosen[key], steps[key] = pick.variant, pick.step
    return Wording(language=language.lower(), register=register, texts=chosen, steps=steps)


def customer_language(customer: Customer) -> str:
    from django.conf import settings

    return (customer.language or settings.LANGUAGE_CODE).lower()


def customer_wording(
    *,
    survey: Survey,
    customer: Customer,
    language: str | None = None,
    business: Mapping[str, Register] | None = None,
    texts: Iterable[SurveyText] | None = None,
) -> Wording:
    """The survey's texts in the customer's language (or ``language``) and register."""
    register = customer_register(
        customer, business if business is not None else business_register_defaults()
    )
    return survey_wording(
        survey=survey,
        language=language or customer_language(customer),
        register=register.value,
        texts=texts,
    )


def score_labels(survey: Survey, wording: Wording) -> list[tuple[int, str]]:
    """Every point of the scale with its label ("" for an unnamed NPS point)."""
    low, high = survey.scale
    return [(point, wording.text(f"label.{point}")) for point in range(low, high + 1)]


@transaction.atomic
def survey_texts_seed(survey: Survey) -> int:
    """Add the shipped default texts (six languages × two registers) for every fixed and
    label key that has no row yet; return how many rows were added. Extra questions are
    the business's own words and get no default."""
    keys = [*FIXED_KEYS, *(f"label.{point}" for point in label_points(survey.kind))]
    existing = set(survey.texts.values_list("key", "language", "register"))
    rows = []
    for language in SHIPPED_LANGUAGES:
        with translation.override(language):
            for register in REGISTERS:
                defaults = default_texts(survey.kind, survey.trigger, register)
                for key in keys:
                    if (key, language, register) not in existing and key in defaults:
                        rows.append(
                            SurveyText(
                                survey=survey,
                                key=key,
                                language=language,
                                register=register,
                                text=defaults[key],
                            )
                        )
    SurveyText.objects.bulk_create(rows)
    return len(rows)
