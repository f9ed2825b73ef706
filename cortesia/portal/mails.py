"""The sign-in mail, in the customer's language and register, signed like every mail we
send: with the company name replies are signed with, else the site's sender name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext

from cortesia.culture.address_forms import Register
from cortesia.culture.local_formats import moment_phrase
from cortesia.customers.addressing import customer_address_as, customer_register
from cortesia.customers.models import Customer
from cortesia.localization.selectors import business_register_defaults, spoken_base
from cortesia.tickets.composer import signing_name


@dataclass(frozen=True)
class SignInMail:
    subject: str
    text: str
    language: str


def mail_language(customer: Customer, asked_in: str) -> str:
    """The customer's language when the product speaks it, else the page's they asked on."""
    return spoken_base(customer.language, asked_in) or settings.LANGUAGE_CODE


def mail_signer() -> str:
    """Who signs the mail: the company name agents' replies end with, else the display
    name of the site's sender address (the mail's own From), else the help centre's name
    in the active language."""
    return signing_name() or gettext("Help center")


def _phrases(informal: bool) -> dict[str, str]:
    """The mail's sentences in the active language and the customer's register. The
    English is the same in both; the literals repeat so that they can be extracted."""
    if informal:
        return {
            "subject": pgettext("informal", "Your sign-in link"),
            "hello": pgettext("informal", "Hello,"),
            "use": pgettext(
                "informal",
                "Here is your link to sign in and follow your requests. It works once, "
                "until %(moment)s:",
            ),
            "ignore": pgettext(
                "informal",
                "If you did not ask for it, ignore this mail: nobody can sign in without the link.",
            ),
            "regards": pgettext("informal", "Kind regards,"),
        }
    return {
        "subject": pgettext("formal", "Your sign-in link"),
        "hello": pgettext("formal", "Hello,"),
        "use": pgettext(
            "formal",
            "Here is your link to sign in and follow your requests. It works once, "
            "until %(moment)s:",
        ),
        "ignore": pgettext(
            "formal",
            "If you did not ask for it, ignore this mail: nobody can sign in without the link.",
        ),
        "regards": pgettext("formal", "Kind regards,"),
    }


def sign_in_mail(
    *, customer: Customer, token: str, expires_at: datetime, language: str
) -> SignInMail:
    business = business_register_defaults()
    informal = customer_register(customer, business) == Register.INFORMAL
    link = settings.BASE_URL + reverse("portal:link", args=[token])
    zone = customer.time_zone or settings.TIME_ZONE
    with translation.override(language):
        say = _phrases(informal)
        forms = customer_address_as(customer, business, language=language)
        lines = [
            forms.greeting if forms else say["hello"],
            "",
            say["use"] % {"moment": moment_phrase(expires_at, zone, language)},
            "",
            link,
            "",
            say["ignore"],
            "",
            forms.closing if forms else say["regards"],
            mail_signer(),
        ]
        return SignInMail(subject=say["subject"], text="\n".join(lines), language=language)
