"""The texts every new survey starts with, in the catalogues' six languages and both
registers.

Each default is a catalogue string: ``pgettext("formal"|"informal", …)`` where the two
registers differ in some language (Lei/tu, Te/sinä, Вие/ти, dumneavoastră/tu, and the
Arabic forms), a plain ``gettext`` where they never do (the labels of the scale points,
which speak of the experience, not of the person, so no language needs the customer's
gender). The English source repeats in both registers so that both can be extracted.
Seeding (``texts.survey_texts_seed``) renders them once per language into the survey's
own rows, which the business may then edit.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext, pgettext

from cortesia.feedback.models import SurveyKind, SurveyTrigger

Text = Callable[[], str]

# The languages and registers shipped with every survey.
SHIPPED_LANGUAGES = ("en", "it", "fi", "bg", "ro", "ar")
REGISTERS = ("formal", "informal")


def _questions(informal: bool) -> dict[str, str]:
    if informal:
        return {
            SurveyKind.CSAT: pgettext(
                "informal", "How satisfied are you with the help you received?"
            ),
            SurveyKind.CSAT2: pgettext("informal", "Was the help you received good?"),
            SurveyKind.NPS: pgettext(
                "informal",
                "How likely are you to recommend {{ company }} to a friend or colleague?",
            ),
            SurveyKind.CES: pgettext(
                "informal",
                "Do you agree: {{ company }} made it easy for me to handle my issue.",
            ),
        }
    return {
        SurveyKind.CSAT: pgettext("formal", "How satisfied are you with the help you received?"),
        SurveyKind.CSAT2: pgettext("formal", "Was the help you received good?"),
        SurveyKind.NPS: pgettext(
            "formal",
            "How likely are you to recommend {{ company }} to a friend or colleague?",
        ),
        SurveyKind.CES: pgettext(
            "formal",
            "Do you agree: {{ company }} made it easy for me to handle my issue.",
        ),
    }


def _labels(kind: str) -> dict[int, str]:
    """The words of the scale's points (NPS names only its two ends)."""
    if kind == SurveyKind.CSAT:
        return {
            1: pgettext("survey scale", "Very poor"),
            2: pgettext("survey scale", "Poor"),
            3: pgettext("survey scale", "Fair"),
            4: pgettext("survey scale", "Good"),
            5: pgettext("survey scale", "Excellent"),
        }
    if kind == SurveyKind.CSAT2:
        return {1: pgettext("survey scale", "Bad"), 2: pgettext("survey scale", "Good")}
    if kind == SurveyKind.NPS:
        return {
            0: pgettext("survey scale", "Not at all likely"),
            10: pgettext("survey scale", "Extremely likely"),
        }
    return {
        1: pgettext("survey scale", "Strongly disagree"),
        2: pgettext("survey scale", "Disagree"),
        3: pgettext("survey scale", "Somewhat disagree"),
        4: pgettext("survey scale", "Neither agree nor disagree"),
        5: pgettext("survey scale", "Somewhat agree"),
        6: pgettext("survey scale", "Agree"),
        7: pgettext("survey scale", "Strongly agree"),
    }


def _common(informal: bool) -> dict[str, str]:
    if informal:
        return {
            "comment": pgettext("informal", "Would you like to tell us more? (optional)"),
            "thanks": pgettext("informal", "Thank you for your answer. It helps us improve."),
            "follow_up": pgettext(
                "informal",
                "We are sorry we did not do better. Someone from our team will contact you.",
            ),
            "mail_subject": pgettext("informal", "A quick question from {{ company }}"),
        }
    return {
        "comment": pgettext("formal", "Would you like to tell us more? (optional)"),
        "thanks": pgettext("formal", "Thank you for your answer. It helps us improve."),
        "follow_up": pgettext(
            "formal",
            "We are sorry we did not do better. Someone from our team will contact you.",
        ),
        "mail_subject": pgettext("formal", "A quick question from {{ company }}"),
    }


def _mail_body(trigger: str, informal: bool) -> str:
    if trigger == SurveyTrigger.TICKET_SOLVED:
        if informal:
            return pgettext(
                "informal",
                "We recently solved your request {{ ticket.number }} "
                "({{ ticket.subject }}). Please choose an answer below: it takes a few "
                "seconds.",
            )
        return pgettext(
            "formal",
            "We recently solved your request {{ ticket.number }} ({{ ticket.subject }}). "
            "Please choose an answer below: it takes a few seconds.",
        )
    if trigger == SurveyTrigger.ORDER_DELIVERED:
        if informal:
            return pgettext(
                "informal",
                "Your order {{ order.number }} has been delivered. Please choose an answer "
                "below: it takes a few seconds.",
            )
        return pgettext(
            "formal",
            "Your order {{ order.number }} has been delivered. Please choose an answer "
            "below: it takes a few seconds.",
        )
    if informal:
        return pgettext(
            "informal", "We would like to hear from you. Please choose an answer below."
        )
    return pgettext("formal", "We would like to hear from you. Please choose an answer below.")


def default_texts(kind: str, trigger: str, register: str) -> dict[str, str]:
    """The default texts of a survey of ``kind`` sent on ``trigger``, in the active
    language and ``register`` ("formal" or "informal"), by key."""
    informal = register == "informal"
    texts = {"question": _questions(informal)[kind], **_common(informal)}
    texts["mail_body"] = _mail_body(trigger, informal)
    texts |= {f"label.{score}": label for score, label in _labels(kind).items()}
    return texts


def unsubscribe_sentence() -> str:
    """The footer of every survey mail, in the active language."""
    return gettext("To receive no more surveys from us, open this link: %(link)s")


def unsubscribe_link_label() -> str:
    return gettext("Receive no more surveys")
