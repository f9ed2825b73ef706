from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core import mail as outbox
from django.test import override_settings

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.portal.mails import sign_in_mail
from cortesia.portal.tasks import send_sign_in_link
from cortesia.tickets.signatures import company_name_save

EXPIRES = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
LINK = "http://127.0.0.1:8000/portal/sign-in/T0KEN/"


@pytest.fixture
def named(admin_user: User) -> str:
    return company_name_save(name="Ottica Bellini", actor=Actor(user=admin_user))


def test_the_italian_sign_in_mail_is_signed_with_the_company_name(
    giulia: Customer, named: str
) -> None:
    mail = sign_in_mail(customer=giulia, token="T0KEN", expires_at=EXPIRES, language="it")
    assert (mail.subject, mail.language) == ("Il Suo link di accesso", "it")
    assert mail.text == (
        "Gentile Signora Rossi,\n\n"
        "Ecco il Suo link per accedere e seguire le Sue richieste. Funziona una sola volta, "
        "fino a mercoledì 25 novembre 2026 10:30 (Roma):\n\n"
        f"{LINK}\n\n"
        "Se non l'ha richiesto, ignori questa e-mail: senza il link nessuno può accedere.\n\n"
        "Cordiali saluti,\n"
        "Ottica Bellini"
    )


def test_the_arabic_sign_in_mail_is_signed_with_the_company_name(
    omar: Customer, named: str
) -> None:
    mail = sign_in_mail(customer=omar, token="T0KEN", expires_at=EXPIRES, language="ar")
    assert (mail.subject, mail.language) == ("رابط تسجيل الدخول الخاص بكم", "ar")
    assert mail.text == (
        "عمر الحربي، تحية طيبة وبعد،\n\n"
        "إليكم رابط تسجيل الدخول لمتابعة طلباتكم. يعمل مرة واحدة فقط حتى "
        "الأربعاء، 25 نوفمبر 2026، 12:30 م (الرياض):\n\n"
        f"{LINK}\n\n"
        "إذا لم تطلبوا هذا الرابط، فتجاهلوا هذه الرسالة: لا يمكن لأحد تسجيل الدخول دون الرابط.\n\n"
        "وتفضلوا بقبول فائق الاحترام والتقدير،\n"
        "Ottica Bellini"
    )


@pytest.mark.parametrize(
    ("sender", "language", "signer"),
    [
        pytest.param("Cortesia <cortesia@localhost>", "it", "Cortesia", id="sender-name"),
        pytest.param("help@example.com", "it", "Centro assistenza", id="it-no-sender-name"),
        pytest.param("help@example.com", "ar", "مركز المساعدة", id="ar-no-sender-name"),
    ],
)
def test_without_a_company_name_the_site_signs(
    giulia: Customer, sender: str, language: str, signer: str
) -> None:
    with override_settings(DEFAULT_FROM_EMAIL=sender):
        mail = sign_in_mail(customer=giulia, token="T0KEN", expires_at=EXPIRES, language=language)
    lines = mail.text.splitlines()
    assert (len(lines), lines[-1]) == (10, signer)  # greeting … closing, then the signer


@override_settings(DEFAULT_FROM_EMAIL="Cortesia <help@shop.example>")
def test_the_sign_in_mail_comes_from_the_name_that_signs_it(giulia: Customer, named: str) -> None:
    assert send_sign_in_link.call(customer_id=giulia.pk, address="g@x.example", language="it")
    [sent] = outbox.outbox
    assert sent.from_email == "Ottica Bellini <help@shop.example>"
    assert sent.body.endswith("Cordiali saluti,\nOttica Bellini")
