"""The shipped survey texts, rendered for a customer of each language in each register:
exact subject, greeting (the culture engine's), body, question, scale ends and thanks.
Each language distinguishes its registers where it has them; no text assumes the
customer's gender (the labels speak of the help, not of the person)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.feedback.mailing import mail_values, survey_mail
from cortesia.feedback.models import Survey
from cortesia.feedback.surveys import SurveyData, survey_create
from cortesia.feedback.texts import customer_wording, score_labels

pytestmark = pytest.mark.django_db

# given name, surname, country, title (a title only where the person chose one)
PEOPLE = {
    "en": ("Emily", "Carter", "US", "ms"),
    "it": ("Giulia", "Rossi", "IT", "ms"),
    "fi": ("Aino", "Virtanen", "FI", ""),
    "bg": ("Мария", "Иванова", "BG", "ms"),
    "ro": ("Ion", "Popescu", "RO", "mr"),
    "ar": ("محمد", "العتيبي", "SA", "mr"),
}


@dataclass(frozen=True)
class Mail:
    subject: str
    greeting: str
    body: str
    question: str
    lowest: str
    highest: str
    thanks: str


def _customer(language: str, register: str) -> Customer:
    given, surname, country, title = PEOPLE[language]
    return customer_create(
        data=CustomerData(
            given_name=given,
            surname=surname,
            country=country,
            language=language,
            title=title,
            register_preference=register,
        ),
        actor=Actor.system(),
    )


def _csat() -> Survey:
    return survey_create(
        data=SurveyData(name="CSAT", kind="csat", trigger="ticket_solved"), actor=Actor.system()
    )


@pytest.mark.parametrize(
    ("language", "register", "expected"),
    [
        pytest.param(
            "en",
            "formal",
            Mail(
                subject="A quick question from Cortesia Shop",
                greeting="Dear Ms Carter,",
                body=(
                    "We recently solved your request #1042 (X). Please choose an answer "
                    "below: it takes a few seconds."
                ),
                question="How satisfied are you with the help you received?",
                lowest="Very poor",
                highest="Excellent",
                thanks="Thank you for your answer. It helps us improve.",
            ),
            id="en-formal",
        ),
        pytest.param(
            "en",
            "informal",
            Mail(
                subject="A quick question from Cortesia Shop",
                greeting="Hi Emily,",
                body=(
                    "We recently solved your request #1042 (X). Please choose an answer "
                    "below: it takes a few seconds."
                ),
                question="How satisfied are you with the help you received?",
                lowest="Very poor",
                highest="Excellent",
                thanks="Thank you for your answer. It helps us improve.",
            ),
            id="en-informal",
        ),
        pytest.param(
            "it",
            "formal",
            Mail(
                subject="Una breve domanda da parte di Cortesia Shop",
                greeting="Gentile Signora Rossi,",
                body=(
                    "Abbiamo risolto da poco la Sua richiesta #1042 (X). La preghiamo di "
                    "scegliere una risposta qui sotto: bastano pochi secondi."
                ),
                question="Quanto è soddisfacente l'aiuto che ha ricevuto?",
                lowest="Pessimo",
                highest="Eccellente",
                thanks="Grazie per la Sua risposta: ci aiuta a migliorare.",
            ),
            id="it-formal",
        ),
        pytest.param(
            "it",
            "informal",
            Mail(
                subject="Una domanda veloce da Cortesia Shop",
                greeting="Ciao Giulia,",
                body=(
                    "Abbiamo risolto da poco la tua richiesta #1042 (X). Scegli una "
                    "risposta qui sotto: bastano pochi secondi."
                ),
                question="Quanto è soddisfacente l'aiuto che hai ricevuto?",
                lowest="Pessimo",
                highest="Eccellente",
                thanks="Grazie per la tua risposta: ci aiuta a migliorare.",
            ),
            id="it-informal",
        ),
        pytest.param(
            "fi",
            "formal",
            Mail(
                subject="Lyhyt kysymys teille – Cortesia Shop",
                greeting="Hei Aino Virtanen,",
                body=(
                    "Ratkaisimme äskettäin pyyntönne #1042 (X). Valitsettehan vastauksen "
                    "alta – se vie vain muutaman sekunnin."
                ),
                question="Kuinka tyytyväinen olette saamaanne apuun?",
                lowest="Erittäin huono",
                highest="Erinomainen",
                thanks="Kiitos vastauksestanne. Se auttaa meitä kehittymään.",
            ),
            id="fi-formal",
        ),
        pytest.param(
            "fi",
            "informal",
            Mail(
                subject="Lyhyt kysymys sinulle – Cortesia Shop",
                greeting="Hei Aino,",
                body=(
                    "Ratkaisimme äskettäin pyyntösi #1042 (X). Valitsethan vastauksen alta "
                    "– se vie vain muutaman sekunnin."
                ),
                question="Kuinka tyytyväinen olet saamaasi apuun?",
                lowest="Erittäin huono",
                highest="Erinomainen",
                thanks="Kiitos vastauksestasi. Se auttaa meitä kehittymään.",
            ),
            id="fi-informal",
        ),
        pytest.param(
            "bg",
            "formal",
            Mail(
                subject="Кратък въпрос от Cortesia Shop",
                greeting="Уважаема госпожо Иванова,",
                body=(
                    "Наскоро решихме Вашата заявка #1042 (X). Моля, изберете отговор "
                    "по-долу – отнема само няколко секунди."
                ),
                question="Доколко Ви удовлетвори помощта, която получихте?",
                lowest="Много лошо",
                highest="Отлично",
                thanks="Благодарим Ви за отговора. Той ни помага да ставаме по-добри.",
            ),
            id="bg-formal",
        ),
        pytest.param(
            "bg",
            "informal",
            Mail(
                subject="Бърз въпрос от Cortesia Shop",
                greeting="Здравей, Мария,",
                body=(
                    "Наскоро решихме заявката ти #1042 (X). Моля, избери отговор по-долу – "
                    "отнема само няколко секунди."
                ),
                question="Доколко те удовлетвори помощта, която получи?",
                lowest="Много лошо",
                highest="Отлично",
                thanks="Благодарим ти за отговора. Той ни помага да ставаме по-добри.",
            ),
            id="bg-informal",
        ),
        pytest.param(
            "ro",
            "formal",
            Mail(
                subject="O scurtă întrebare din partea Cortesia Shop",
                greeting="Stimate domnule Popescu,",
                body=(
                    "Am rezolvat de curând solicitarea dumneavoastră #1042 (X). Vă rugăm să "
                    "alegeți un răspuns mai jos: durează doar câteva secunde."
                ),
                question="În ce măsură vă mulțumește ajutorul primit?",
                lowest="Foarte slab",
                highest="Excelent",
                thanks="Vă mulțumim pentru răspuns. Ne ajută să ne îmbunătățim.",
            ),
            id="ro-formal",
        ),
        pytest.param(
            "ro",
            "informal",
            Mail(
                subject="O întrebare rapidă de la Cortesia Shop",
                greeting="Bună, Ion,",
                body=(
                    "Am rezolvat de curând solicitarea ta #1042 (X). Te rugăm să alegi un "
                    "răspuns mai jos: durează doar câteva secunde."
                ),
                question="În ce măsură te mulțumește ajutorul primit?",
                lowest="Foarte slab",
                highest="Excelent",
                thanks="Îți mulțumim pentru răspuns. Ne ajută să ne îmbunătățim.",
            ),
            id="ro-informal",
        ),
        pytest.param(
            "ar",
            "formal",
            Mail(
                subject="سؤال قصير من Cortesia Shop",
                greeting="السيد محمد العتيبي المحترم، تحية طيبة وبعد،",
                body=(
                    "قمنا مؤخرًا بحل طلبكم #1042 (X). نرجو منكم التكرم باختيار إجابة أدناه، "
                    "فلن يستغرق ذلك سوى بضع ثوانٍ."
                ),
                question="ما مدى رضاكم عن المساعدة التي قدّمناها لكم؟",
                lowest="ضعيف جدًا",
                highest="ممتاز",
                thanks="نشكركم على إجابتكم، فهي تساعدنا على التحسّن.",
            ),
            id="ar-formal",
        ),
        pytest.param(
            "ar",
            "informal",
            Mail(
                subject="سؤال سريع من Cortesia Shop",
                greeting="مرحبًا محمد،",
                body=(
                    "حللنا مؤخرًا طلبك #1042 (X). نرجو منك اختيار إجابة أدناه: لن يستغرق "
                    "ذلك سوى بضع ثوانٍ."
                ),
                question="ما مدى رضاك عن المساعدة التي قدّمناها لك؟",
                lowest="ضعيف جدًا",
                highest="ممتاز",
                thanks="شكرًا لك على إجابتك، فهي تساعدنا على التحسّن.",
            ),
            id="ar-informal",
        ),
    ],
)
def test_the_shipped_texts_for_each_language_and_register(
    language: str, register: str, expected: Mail
) -> None:
    survey = _csat()
    customer = _customer(language, register)
    wording = customer_wording(survey=survey, customer=customer, business={})
    mail = survey_mail(
        survey=survey,
        customer=customer,
        wording=wording,
        token="token",
        values=mail_values(
            company="Cortesia Shop", customer=customer, ticket_number="#1042", ticket_subject="X"
        ),
        business={},
        signer="Cortesia Shop",
    )
    lines = mail.text.split("\n")
    labels = [label for _score, label in score_labels(survey, wording)]
    assert (mail.language, mail.register) == (language, register)
    assert (
        Mail(
            subject=mail.subject,
            greeting=lines[0],
            body=lines[2],
            question=lines[4],
            lowest=labels[0],
            highest=labels[-1],
            thanks=wording.text("thanks"),
        )
        == expected
    )
    assert all(wording.step(key) == "exact" for key in ("question", "mail_body", "thanks"))


def test_a_language_without_shipped_texts_falls_back_to_the_site_language() -> None:
    survey = _csat()
    customer = customer_create(
        data=CustomerData(given_name="Hans", surname="Müller", country="DE", language="de"),
        actor=Actor.system(),
    )
    wording = customer_wording(survey=survey, customer=customer, business={})
    assert (wording.text_language, wording.step("question")) == ("en", "site_register")
    assert wording.text("question") == "How satisfied are you with the help you received?"


def test_every_kind_has_its_scale_labelled_in_every_shipped_language() -> None:
    for kind, points in (("csat", 5), ("csat2", 2), ("nps", 11), ("ces", 7)):
        survey = survey_create(
            data=SurveyData(name=f"Kind {kind}", kind=kind, trigger="ticket_solved"),
            actor=Actor.system(),
        )
        for language in PEOPLE:
            for register in ("formal", "informal"):
                customer = Customer(language=language, register_preference=register)
                wording = customer_wording(survey=survey, customer=customer, business={})
                labels = score_labels(survey, wording)
                assert len(labels) == points
                named = [label for _score, label in labels if label]
                assert len(named) == (2 if kind == "nps" else points), (kind, language)
                assert wording.text_language == language
