from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cortesia.accounts.models import Team
from cortesia.accounts.services import team_create
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer, CustomerEmail, CustomerEvent
from cortesia.mail.inbound import mail_ingest
from cortesia.mail.mailboxes import mailbox_create
from cortesia.mail.models import InboundMail, OutboundMail
from cortesia.mail.tests.conftest import fixture
from cortesia.portal.tests.conftest import open_ticket, signed_in
from cortesia.sla.models import SlaPolicy
from cortesia.tickets.models import RoutingRule, Ticket, TicketAttachment, TicketMessage
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    message_add,
    ticket_update,
)


def _agent_reply(ticket: Ticket, text: str, *, kind: str = "reply", file: bytes = b"") -> None:
    message = message_add(
        ticket=ticket,
        data=MessageData(body_text=text, kind=kind, author_kind="system"),
        actor=Actor.system(),
    )
    if file:
        from cortesia.tickets.attachments import attachment_store

        attachment_store(
            message=message,
            upload=SimpleUploadedFile("note.txt", file, content_type="text/plain"),
            actor=Actor.system(),
        )


def test_the_list_shows_the_customers_own_requests_only(giulia: Customer, omar: Customer) -> None:
    open_ticket(giulia, "Pacco in ritardo")
    open_ticket(omar, "طلب آخر")
    open_ticket(giulia, "Fattura sbagliata")
    response = signed_in(giulia).get("/portal/")
    assert response.status_code == 200
    rows = [
        row.split("</tr>")[0] for row in response.content.decode().split("portal-ticket-row")[1:]
    ]
    assert ["Fattura sbagliata" in rows[0], "Pacco in ritardo" in rows[1], len(rows)] == [
        True,
        True,
        2,
    ]
    assert "طلب آخر" not in response.content.decode()


def test_the_page_is_in_the_customers_language_and_arabic_reads_right_to_left(
    giulia: Customer, omar: Customer
) -> None:
    italian = signed_in(giulia).get("/portal/").content.decode()
    arabic = signed_in(omar).get("/portal/").content.decode()
    assert '<html lang="it" dir="ltr">' in italian
    assert signed_in(omar).get("/portal/")["Content-Language"] == "ar"
    assert "Le mie richieste" in italian
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "طلباتي" in arabic


def test_a_request_shows_public_replies_and_never_internal_notes(giulia: Customer) -> None:
    ticket = open_ticket(giulia, "Pacco in ritardo", "Dov'è il mio pacco?")
    _agent_reply(ticket, "Il pacco arriva domani.")
    _agent_reply(ticket, "Corriere lento, sollecitare.", kind="note", file=b"secret")
    page = signed_in(giulia).get(f"/portal/requests/{ticket.uid}/").content.decode()
    assert "Dov&#x27;è il mio pacco?" in page
    assert "Il pacco arriva domani." in page
    assert "Corriere lento" not in page
    assert "note.txt" not in page


def test_files_of_notes_and_unsent_uploads_are_not_found(giulia: Customer) -> None:
    ticket = open_ticket(giulia, "Pacco in ritardo")
    _agent_reply(ticket, "Vedi allegato.", file=b"public bytes")
    _agent_reply(ticket, "Interno.", kind="note", file=b"secret bytes")
    public = TicketAttachment.objects.get(message__kind="reply")
    private = TicketAttachment.objects.get(message__kind="note")
    client = signed_in(giulia)
    download = client.get(f"/portal/requests/{ticket.uid}/files/{public.uid}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"public bytes"  # type: ignore[attr-defined]
    assert download["Content-Disposition"].startswith("attachment;")
    hidden = client.get(f"/portal/requests/{ticket.uid}/files/{private.uid}/")
    assert hidden.status_code == 404
    assert b"secret bytes" not in hidden.content


def test_the_customer_answers_with_a_file_and_the_request_moves_on(giulia: Customer) -> None:
    ticket = open_ticket(giulia, "Pacco in ritardo")
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(status="pending"),
        expected_version=None,
        actor=Actor.system(),
    )
    response = signed_in(giulia).post(
        f"/portal/requests/{ticket.uid}/",
        {
            "body": "Ecco la ricevuta.",
            "attachments": [SimpleUploadedFile("ricevuta.pdf", b"%PDF-1.7 receipt")],
        },
    )
    assert (response.status_code, response["Location"]) == (302, f"/portal/requests/{ticket.uid}/")
    ticket.refresh_from_db()
    last = ticket.messages.order_by("-id").first()
    assert last is not None
    assert (last.author_kind, last.kind, last.body_text, ticket.status) == (
        "customer",
        "reply",
        "Ecco la ricevuta.",
        "open",
    )
    assert list(last.attachments.values_list("filename", "size")) == [("ricevuta.pdf", 16)]


def test_a_closed_request_takes_no_answer(giulia: Customer) -> None:
    ticket = open_ticket(giulia, "Pacco in ritardo")
    for status in ("solved", "closed"):
        ticket = ticket_update(
            ticket=ticket,
            changes=TicketChanges(status=status),
            expected_version=None,
            actor=Actor.system(),
        )
    client = signed_in(giulia)
    page = client.get(f"/portal/requests/{ticket.uid}/").content.decode()
    assert 'data-testid="portal-closed"' in page
    assert 'data-testid="portal-reply"' not in page
    response = client.post(f"/portal/requests/{ticket.uid}/", {"body": "Ancora io."})
    assert response.status_code == 409
    assert ticket.messages.count() == 1


def test_a_signed_in_customer_opens_a_request(giulia: Customer) -> None:
    response = signed_in(giulia).post(
        "/portal/requests/new/",
        {"subject": "Reso", "body": "Vorrei restituire le scarpe, sono troppo strette."},
    )
    ticket = Ticket.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/portal/requests/{ticket.uid}/")
    message = ticket.messages.get()
    assert (ticket.customer, ticket.channel, ticket.subject, ticket.language) == (
        giulia,
        "web",
        "Reso",
        "it",
    )
    assert (message.author_kind, message.body_text) == (
        "customer",
        "Vorrei restituire le scarpe, sono troppo strette.",
    )


def test_an_oversize_file_keeps_nothing(giulia: Customer, settings: Any) -> None:
    settings.CORTESIA_ATTACHMENT_MAX_BYTES = 10
    response = signed_in(giulia).post(
        "/portal/requests/new/",
        {
            "subject": "Reso",
            "body": "Allego la foto.",
            "attachments": [SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff" + b"x" * 20)],
        },
    )
    assert response.status_code == 413
    assert Ticket.objects.count() == TicketMessage.objects.count() == 0


def _web_form(client: Client, **fields: Any) -> Any:
    data = {
        "given_name": "Ana",
        "surname": "Popescu",
        "email": "Ana.Popescu@example.ro",
        "subject": "Comandă întârziată",
        "body": "Bună ziua, comanda mea nu a sosit încă. Când ajunge?",
        "time_zone": "Europe/Bucharest",
        "website": "",
    }
    return client.post("/portal/requests/new/", {**data, **fields})


def test_the_web_form_makes_a_customer_from_what_the_visitor_gave(db: None) -> None:
    response = _web_form(Client(HTTP_ACCEPT_LANGUAGE="ro"))
    assert (response.status_code, response["Location"]) == (302, "/portal/requests/sent/")
    ticket = Ticket.objects.select_related("customer").get()
    customer = ticket.customer
    assert (customer.given_name, customer.surname, customer.time_zone) == (
        "Ana",
        "Popescu",
        "Europe/Bucharest",
    )
    assert (customer.language, customer.language_source) == ("ro", "detected")
    assert list(CustomerEmail.objects.values_list("address", flat=True)) == [
        "ana.popescu@example.ro"
    ]
    assert (ticket.channel, ticket.subject, ticket.language) == ("web", "Comandă întârziată", "ro")


def test_the_web_form_learns_the_language_without_reading_the_new_ticket_back(db: None) -> None:
    # Where the ticket's language came from is known from opening it, not read back.
    with CaptureQueriesContext(connection) as captured:
        _web_form(Client(HTTP_ACCEPT_LANGUAGE="ro"))
    customer = Customer.objects.get()
    assert (customer.language, customer.language_source, customer.version) == (
        "ro",
        "detected",
        2,
    )
    read_back = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].startswith("SELECT")
        and ('"tickets_ticketevent"' in query["sql"] or '"tickets_ticketmessage"' in query["sql"])
    ]
    assert read_back == []


def test_the_web_form_keeps_a_known_customers_profile(giulia: Customer) -> None:
    _web_form(Client(), email="giulia@example.it", given_name="Mallory", time_zone="Asia/Tokyo")
    giulia.refresh_from_db()
    assert (giulia.given_name, giulia.time_zone) == ("Giulia", "Europe/Rome")
    assert Ticket.objects.get().customer == giulia


def test_an_unknown_time_zone_from_the_browser_is_ignored(db: None) -> None:
    _web_form(Client(), time_zone="Mars/Olympus_Mons")
    assert Customer.objects.get().time_zone == ""


def test_a_robot_filling_the_trap_is_answered_like_a_person_and_kept_nowhere(db: None) -> None:
    response = _web_form(Client(), website="http://spam.example")
    assert (response.status_code, response["Location"]) == (302, "/portal/requests/sent/")
    assert Ticket.objects.count() == Customer.objects.count() == 0


def test_the_web_form_takes_ten_requests_an_hour_from_one_client(db: None) -> None:
    client = Client()
    for number in range(10):
        assert _web_form(client, email=f"ana{number}@example.ro").status_code == 302
    refused = _web_form(client, email="ana.last@example.ro")
    assert refused.status_code == 429
    assert Ticket.objects.count() == 10
    assert not CustomerEmail.objects.filter(address="ana.last@example.ro").exists()


def test_the_web_form_takes_five_requests_an_hour_for_one_address(db: None) -> None:
    for number in range(5):
        assert _web_form(Client(REMOTE_ADDR=f"10.1.0.{number}")).status_code == 302
    assert _web_form(Client(REMOTE_ADDR="10.1.0.99")).status_code == 429
    assert Ticket.objects.count() == 5


@pytest.mark.parametrize("missing", ["given_name", "email", "subject", "body"])
def test_the_web_form_names_each_missing_field(db: None, missing: str) -> None:
    response = _web_form(Client(), **{missing: ""})
    assert response.status_code == 400
    assert b"This field is required." in response.content
    assert Ticket.objects.count() == 0


def test_switching_language_is_remembered_as_the_customers(giulia: Customer) -> None:
    client = signed_in(giulia)
    client.post("/portal/language/", {"language": "fi", "next": "/portal/"})
    giulia.refresh_from_db()
    assert (giulia.language, giulia.language_source) == ("fi", "explicit")
    assert '<html lang="fi"' in client.get("/portal/").content.decode()


def test_a_customers_html_file_is_only_ever_a_download(giulia: Customer) -> None:
    ticket = open_ticket(giulia, "Pagina")
    client = signed_in(giulia)
    client.post(
        f"/portal/requests/{ticket.uid}/",
        {
            "body": "La pagina salvata.",
            "attachments": [
                SimpleUploadedFile(
                    "../pagina\u202egpj.html", b"<script>alert(1)</script>", "text/html"
                )
            ],
        },
    )
    attachment = TicketAttachment.objects.get()
    response = client.get(f"/portal/requests/{ticket.uid}/files/{attachment.uid}/")
    assert attachment.filename == "paginagpj.html"
    assert (response["Content-Type"], response["X-Content-Type-Options"]) == (
        "application/octet-stream",
        "nosniff",
    )
    assert response["Content-Disposition"] == 'attachment; filename="paginagpj.html"'


def test_a_mails_inline_image_shows_on_the_portal_from_its_own_file(team_rome: Team) -> None:
    mailbox = mailbox_create(
        name="support", address="support@shop.example", team=team_rome, actor=Actor.system()
    )
    mail = mail_ingest(
        mailbox=mailbox, raw=fixture("en_html_hostile.eml"), source=InboundMail.Source.PIPE
    ).mail
    assert mail.ticket is not None
    assert mail.ticket_message is not None
    [picture] = mail.ticket_message.attachments.all()
    url = f"/portal/requests/{mail.ticket.uid}/files/{picture.uid}/?inline=1"
    client = signed_in(mail.ticket.customer)
    page = client.get(f"/portal/requests/{mail.ticket.uid}/").content.decode()
    assert f'<img src="{url}" alt="screenshot">' in page
    shown = client.get(url)
    assert (shown["Content-Type"], shown["Content-Disposition"]) == (
        "image/png",
        'inline; filename="screenshot.png"',
    )


def test_the_customer_marks_a_request_solved_and_the_team_is_told(giulia: Customer) -> None:
    ticket = open_ticket(giulia, "Pacco in ritardo")
    client = signed_in(giulia)
    response = client.post(f"/portal/requests/{ticket.uid}/solved/")
    assert (response.status_code, response["Location"]) == (302, f"/portal/requests/{ticket.uid}/")
    ticket.refresh_from_db()
    note = ticket.messages.get(kind="note")
    assert (ticket.status, note.author_kind, note.body_text) == (
        "solved",
        "system",
        "The customer marked this request as solved on the portal.",
    )
    assert ticket.events.filter(kind="updated").get().data == {"status": ["new", "solved"]}
    page = client.get(f"/portal/requests/{ticket.uid}/").content.decode()
    assert 'data-testid="portal-solved"' not in page
    assert "The customer marked" not in page  # the note is the team's, not the customer's
    client.post(f"/portal/requests/{ticket.uid}/solved/")  # again: nothing more happens
    assert ticket.messages.count() == 2
    client.post(f"/portal/requests/{ticket.uid}/", {"body": "Anzi no, manca un pezzo."})
    ticket.refresh_from_db()
    assert (ticket.status, ticket.reopen_count) == ("open", 1)


def test_another_customers_request_cannot_be_marked_solved(
    giulia: Customer, omar: Customer
) -> None:
    ticket = open_ticket(omar, "طلب")
    response = signed_in(giulia).post(f"/portal/requests/{ticket.uid}/solved/")
    ticket.refresh_from_db()
    assert (response.status_code, ticket.status, ticket.messages.count()) == (404, "new", 1)


def test_a_request_too_short_to_tell_its_language_speaks_the_pages(db: None) -> None:
    # Given: Bulgarian goes to a Bulgarian team; a mailbox acknowledges; replies within an hour.
    sofia = team_create(
        name="София", languages=["bg"], time_zone="Europe/Sofia", actor=Actor.system()
    )
    RoutingRule.objects.create(name="Bulgarian", languages=["bg"], team=sofia)
    mailbox_create(name="support", address="support@shop.example", team=None, actor=Actor.system())
    SlaPolicy.objects.create(name="Hour", first_response_minutes=60, business_hours=False)
    # When: a visitor sends two words from the Bulgarian page, without a time zone.
    with time_machine.travel(datetime(2026, 11, 24, 8, 0, tzinfo=UTC), tick=False):
        response = _web_form(
            Client(HTTP_ACCEPT_LANGUAGE="bg"),
            given_name="Мария",
            surname="Тестова",
            email="maria.testova@example.bg",
            subject="Тест",
            body="Текст",
            time_zone="",
        )
    # Then: the ticket and the new customer speak the page's language, the Bulgarian team
    # has it, and the acknowledgement greets in Bulgarian and promises in Sofia's time.
    assert response.status_code == 302
    ticket = Ticket.objects.select_related("customer", "team").get()
    created = ticket.events.get(kind="created").data
    assert (ticket.language, created["language"], ticket.team) == ("bg", "channel", sofia)
    customer = ticket.customer
    assert (customer.language, customer.language_source, customer.time_zone) == (
        "bg",
        "explicit",
        "",
    )
    learned = customer.events.filter(kind=CustomerEvent.Kind.UPDATED).values_list("data", flat=True)
    assert list(learned) == [{"fields": ["language"]}]  # on the timeline, as every change
    ack = OutboundMail.objects.get(kind=OutboundMail.Kind.ACKNOWLEDGEMENT)
    assert ack.body_text.splitlines()[:4] == [
        "Здравейте, Мария Тестова,",
        "",
        f"Благодарим Ви за съобщението. Заявката Ви е с номер #{ticket.number}; моля, "
        "запазете го в темата, ако ни пишете отново.",
        "Ще Ви отговорим до вторник, 24 ноември, 11:00 ч. (местно време в София).",
    ]
    assert "UTC" not in ack.body_text
