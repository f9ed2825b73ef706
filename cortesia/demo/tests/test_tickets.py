from __future__ import annotations

import pytest
from django.test import Client

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.customers.services import CustomerData, customer_create
from cortesia.demo.tickets import DEMO_CANNED, load_demo_canned
from cortesia.tickets.models import CannedResponse, CannedVariant
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
LANGUAGES = ("en", "it", "fi", "bg", "ro", "ar")


def test_the_demo_ships_canned_responses_in_every_language_and_register_once() -> None:
    # given / when: loaded twice
    assert load_demo_canned() == 3
    variants = sorted(CannedVariant.objects.values_list("response__name", "language", "register"))
    assert load_demo_canned() == 0
    # then: 3 responses × 6 languages × 2 registers, unchanged by the second load
    assert CannedResponse.objects.count() == len(DEMO_CANNED) == 3
    assert variants == sorted(
        (name, language, register)
        for name, _texts in DEMO_CANNED
        for language in LANGUAGES
        for register in ("formal", "informal")
    )
    assert CannedVariant.objects.count() == 36


@pytest.mark.parametrize(
    ("register", "expected"),
    [
        (
            "formal",
            "Gentile Signora Rossi,\n\nLa ringraziamo per averci contattato in merito alla "
            "richiesta #{number}. Per poter verificare, potrebbe inviarci il numero del Suo "
            "ordine? "
            "Lo trova nell&#x27;e-mail di conferma dell&#x27;ordine.\n\nCordiali saluti,\n"
            "Alice Rossi\nRoma</textarea>",
        ),
        (
            "informal",
            "Ciao Giulia,\n\nGrazie per averci scritto! Puoi mandarci il numero del tuo ordine? "
            "Lo trovi nell&#x27;e-mail di conferma e con quello possiamo controllare subito."
            "\n\nA presto,\nAlice Rossi\nRoma</textarea>",
        ),
    ],
)
def test_a_demo_canned_response_is_inserted_in_the_customers_register_and_signed(
    alice_client: Client, team_rome: Team, register: str, expected: str
) -> None:
    load_demo_canned()
    giulia = customer_create(
        data=CustomerData(
            given_name="Giulia",
            surname="Rossi",
            title="ms",
            country="IT",
            language="it",
            register_preference=register,
        ),
        actor=Actor.system(),
    )
    ticket = ticket_create(
        data=TicketData(
            subject="Pacco",
            customer=giulia,
            team=team_rome,
            message=MessageData(body_text="Dov'è il mio pacco?", author_kind="customer"),
        ),
        actor=Actor.system(),
    )
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert 'data-testid="canned-select"' in page
    response = CannedResponse.objects.get(name="Ask for the order number")
    inserted = alice_client.post(
        f"/tickets/{ticket.uid}/canned/",
        {"canned": str(response.uid)},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert inserted.rstrip().endswith(expected.format(number=ticket.number))
