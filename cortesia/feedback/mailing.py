"""The invitation mail: greeting from the culture engine, the survey's own words in the
customer's language and register, one link per score, the sign-off, and a one-click
unsubscribe (RFC 8058) in the footer and the headers.

Every score link only opens the answer page with that score chosen: nothing is recorded
until the customer presses send, so mail scanners that open every link answer nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import pgettext

from cortesia.culture.address_forms import Register
from cortesia.customers.addressing import customer_address_as
from cortesia.customers.models import Customer
from cortesia.feedback.defaults import unsubscribe_link_label, unsubscribe_sentence
from cortesia.feedback.models import Survey
from cortesia.feedback.texts import Wording, customer_wording, score_labels
from cortesia.localization.selectors import business_register_defaults
from cortesia.tickets.composer import company_name, signing_name, spoken_language

PREVIEW_LINK = "preview"


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str
    language: str  # the language the texts are written in
    register: str
    answer_url: str  # the page, without a score
    unsubscribe_url: str

    @property
    def headers(self) -> dict[str, str]:
        """One-click unsubscribe (RFC 2369 and RFC 8058)."""
        return {
            "List-Unsubscribe": f"<{self.unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }


def answer_url(token: str) -> str:
    return settings.BASE_URL + reverse("survey:answer", args=[token])


def unsubscribe_url(token: str) -> str:
    return settings.BASE_URL + reverse("survey:unsubscribe", args=[token])


def _frame(
    customer: Customer, wording: Wording, business: Mapping[str, Register]
) -> tuple[str, str]:
    """Greeting and closing in the texts' language, as the culture engine says."""
    forms = customer_address_as(customer, business, language=wording.text_language)
    if forms is not None:
        return forms.greeting, forms.closing
    register = "informal" if wording.register == Register.INFORMAL else "formal"
    return pgettext(register, "Hello,"), pgettext(register, "Kind regards,")


def survey_mail(
    *,
    survey: Survey,
    customer: Customer,
    wording: Wording,
    token: str,
    values: Mapping[str, str],
    business: Mapping[str, Register],
    signer: str,
) -> RenderedMail:
    """Render one invitation for ``customer`` with the answer link's ``token``."""
    page = answer_url(token)
    leave = unsubscribe_url(token)
    with translation.override(spoken_language(wording.text_language)):
        greeting, closing = _frame(customer, wording, business)
        footer = unsubscribe_sentence() % {"link": leave}
        leave_label = unsubscribe_link_label()
    body = wording.text("mail_body", values)
    question = wording.text("question", values)
    points = [
        (score, label, f"{page}?score={score}") for score, label in score_labels(survey, wording)
    ]
    lines = [greeting, "", body, "", question, ""]
    lines += [f"{score}{f' – {label}' if label else ''}: {link}" for score, label, link in points]
    lines += ["", closing, signer, "", "-- ", footer]
    cells = "".join(
        f'<td><a href="{escape(link)}">{score}</a>'
        f"{f'<br><small>{escape(label)}</small>' if label else ''}</td>"
        for score, label, link in points
    )
    html = (
        f"<p>{escape(greeting)}</p><p>{escape(body)}</p>"
        f"<p><strong>{escape(question)}</strong></p>"
        f'<table role="presentation"><tr>{cells}</tr></table>'
        f"<p>{escape(closing)}<br>{escape(signer)}</p>"
        f'<hr><p><small><a href="{escape(leave)}">{escape(leave_label)}</a></small></p>'
    )
    return RenderedMail(
        subject=wording.text("mail_subject", values),
        text="\n".join(lines).strip() + "\n",
        html=html,
        language=wording.text_language,
        register=wording.register,
        answer_url=page,
        unsubscribe_url=leave,
    )


def mail_values(
    *,
    company: str,
    customer: Customer,
    ticket_number: str = "",
    ticket_subject: str = "",
    order_number: str = "",
) -> dict[str, str]:
    """The placeholders' values for one invitation."""
    return {
        "company": company,
        "customer.name": str(customer) if (customer.given_name or customer.surname) else "",
        "ticket.number": ticket_number,
        "ticket.subject": ticket_subject,
        "order.number": order_number,
    }


def survey_mail_preview(*, survey: Survey, customer: Customer) -> RenderedMail:
    """The mail ``customer`` would get from ``survey`` about an example ticket (links lead
    nowhere: the token is not a real one)."""
    business = business_register_defaults()
    wording = customer_wording(survey=survey, customer=customer, business=business)
    values = mail_values(
        company=company_name() or signing_name(),
        customer=customer,
        ticket_number="#1042",
        ticket_subject=pgettext("survey preview", "Example request"),
        order_number="A-1001",
    )
    return survey_mail(
        survey=survey,
        customer=customer,
        wording=wording,
        token=PREVIEW_LINK,
        values=values,
        business=business,
        signer=signing_name(),
    )
