"""Deliveries become chats: a WhatsApp or Telegram user becomes a customer once, each
message is taken once, files go through the attachment pipeline, and what cannot be read
is kept aside, never lost."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cortesia.chat.conversations import chat_end
from cortesia.chat.models import ChatEvent, Conversation
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer, CustomerExternalId, CustomerPhone
from cortesia.customers.services import CustomerData, customer_create
from cortesia.messaging.models import InboundDelivery, MessagingChannel, ReceivedMessage, Thread
from cortesia.messaging.processing import deliveries_claim, deliveries_process
from cortesia.messaging.providers import payloads
from cortesia.messaging.tests.deliveries import (
    NUMBER_ID,
    WA_ID,
    WHEN,
    deliver_telegram,
    deliver_whatsapp,
    wa_text,
)
from cortesia.testing.fake_providers import FakeProviders
from cortesia.testing.fixtures import bearer
from cortesia.tickets.models import Ticket, TicketAttachment, TicketMessage

pytestmark = pytest.mark.django_db

ITALIAN = "Buongiorno, il mio ordine non è ancora arrivato e vorrei sapere dove si trova."


def test_a_new_whatsapp_number_becomes_a_customer_and_a_waiting_chat(
    client: Client, whatsapp: MessagingChannel
) -> None:
    deliver_whatsapp(client, whatsapp, wa_text(ITALIAN))

    assert deliveries_process() == 1

    customer = Customer.objects.get()
    assert (customer.given_name, customer.language, customer.time_zone) == (
        "Giovanna Rossi",
        "it",
        "Europe/Rome",
    )
    assert list(CustomerPhone.objects.values_list("e164", flat=True)) == ["+393471234567"]
    conversation = Conversation.objects.get()
    assert (conversation.medium, conversation.status, conversation.language) == (
        "whatsapp",
        "waiting",
        "it",
    )
    assert conversation.visitor_id is None
    ticket = conversation.ticket
    assert (ticket.channel, ticket.customer_id, ticket.subject) == (
        Ticket.Channel.CHAT,
        customer.pk,
        "Buongiorno, il mio ordine non è ancora arrivato e vorrei sapere dove …",
    )
    event = ChatEvent.objects.get(kind="message")
    assert (event.payload["author"], event.payload["name"], event.payload["text"]) == (
        "visitor",
        "Giovanna Rossi",
        ITALIAN,
    )
    thread = Thread.objects.get()
    assert (thread.chat, thread.customer_id, thread.conversation_id) == (
        WA_ID,
        customer.pk,
        conversation.pk,
    )
    assert InboundDelivery.objects.get().state == "done"


def test_a_replayed_message_is_taken_once(client: Client, whatsapp: MessagingChannel) -> None:
    deliver_whatsapp(client, whatsapp, wa_text(ITALIAN))
    deliveries_process()
    # the same message in another delivery (the provider re-sends it with another body)
    again = wa_text(ITALIAN).replace(b'"messages"', b'"messages" ')
    deliver_whatsapp(client, whatsapp, again)

    assert deliveries_process() == 1

    assert TicketMessage.objects.count() == 1
    assert ReceivedMessage.objects.count() == 1
    assert list(InboundDelivery.objects.values_list("state", flat=True)) == ["done", "done"]


def test_later_messages_join_the_open_chat_and_open_a_new_one_after_it_ended(
    client: Client, whatsapp: MessagingChannel
) -> None:
    deliver_whatsapp(client, whatsapp, wa_text(ITALIAN))
    deliver_whatsapp(client, whatsapp, wa_text("Grazie!", "wamid.IN2", WHEN + 5))
    deliveries_process()
    first = Conversation.objects.get()
    assert list(first.ticket.messages.values_list("body_text", flat=True).order_by("pk")) == [
        ITALIAN,
        "Grazie!",
    ]
    chat_end(conversation=first, actor=Actor.system())
    deliver_whatsapp(client, whatsapp, wa_text("Ancora io", "wamid.IN3", WHEN + 600))

    deliveries_process()

    second = Conversation.objects.exclude(pk=first.pk).get()
    assert (second.ticket.customer_id, second.status) == (first.ticket.customer_id, "waiting")
    assert Thread.objects.get().conversation_id == second.pk
    assert Customer.objects.count() == 1


def test_a_number_a_customer_already_has_links_to_that_customer(
    client: Client, whatsapp: MessagingChannel
) -> None:
    known = customer_create(
        data=CustomerData(given_name="Giovanna", surname="Bianchi", phones=["+39 347 123 4567"]),
        actor=Actor.system(),
    )
    deliver_whatsapp(client, whatsapp, wa_text(ITALIAN))

    deliveries_process()

    assert Conversation.objects.get().ticket.customer_id == known.pk
    assert Customer.objects.count() == 1
    assert Customer.objects.get().given_name == "Giovanna"  # the profile name changes nothing


def test_a_telegram_user_becomes_a_customer_in_the_app_language(
    client: Client, telegram: MessagingChannel
) -> None:
    body = payloads.telegram_text(
        update_id=10,
        chat_id=5550001,
        first_name="Aino",
        last_name="Virtanen",
        language_code="fi",
        text="Moi",
        message_id=7,
        date=WHEN,
    )
    deliver_telegram(client, telegram, body)

    deliveries_process()

    customer = Customer.objects.get()
    assert (customer.given_name, customer.language) == ("Aino Virtanen", "fi")
    assert list(CustomerExternalId.objects.values_list("source", "value")) == [
        ("telegram", "5550001")
    ]
    conversation = Conversation.objects.get()
    assert (conversation.medium, conversation.language) == ("telegram", "fi")


def test_a_photo_is_fetched_and_kept_through_the_attachment_pipeline(
    client: Client, whatsapp: MessagingChannel, fake: FakeProviders
) -> None:
    fake.add_whatsapp_media("MEDIA1", b"\xff\xd8\xff\xe0 fake jpeg", "image/jpeg")
    body = payloads.whatsapp_media(
        phone_number_id=NUMBER_ID,
        wa_id=WA_ID,
        name="Giovanna Rossi",
        kind="image",
        media_id="MEDIA1",
        mime_type="image/jpeg",
        caption="Il pacco è arrivato così",
        message_id="wamid.IMG1",
        timestamp=WHEN,
    )
    deliver_whatsapp(client, whatsapp, body)

    deliveries_process()

    message = TicketMessage.objects.get()
    assert message.body_text == "Il pacco è arrivato così"
    attachment = TicketAttachment.objects.get()
    assert (attachment.message_id, attachment.filename, attachment.size) == (
        message.pk,
        "image.jpg",
        len(b"\xff\xd8\xff\xe0 fake jpeg"),
    )
    files = ChatEvent.objects.get(kind="message").payload["files"]
    assert files == [
        {
            "name": "image.jpg",
            "size": attachment.size,
            "url": f"/tickets/{message.ticket.uid}/attachments/{attachment.uid}/",
        }
    ]


def test_a_file_the_provider_cannot_give_now_puts_the_delivery_back(
    client: Client, whatsapp: MessagingChannel, fake: FakeProviders
) -> None:
    fake.add_whatsapp_media("MEDIA2", b"%PDF-1.4 invoice", "application/pdf")
    fake.fail_next("whatsapp.media_info", 500, {"error": {"message": "down", "code": 2}})
    body = payloads.whatsapp_media(
        phone_number_id=NUMBER_ID,
        wa_id=WA_ID,
        name="Giovanna Rossi",
        kind="document",
        media_id="MEDIA2",
        mime_type="application/pdf",
        filename="fattura.pdf",
        message_id="wamid.DOC1",
        timestamp=WHEN,
    )
    deliver_whatsapp(client, whatsapp, body)
    now = timezone.now()

    deliveries_process(now=now)

    delivery = InboundDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.error) == ("new", 1, "file not fetched: 2")
    assert delivery.next_attempt_at is not None
    assert delivery.next_attempt_at - now >= timedelta(seconds=29)
    assert TicketMessage.objects.count() == 0
    assert deliveries_process(now=now) == 0  # not due yet

    deliveries_process(now=now + timedelta(seconds=31))

    assert TicketMessage.objects.get().body_text == "📎 fattura.pdf"
    assert TicketAttachment.objects.get().filename == "fattura.pdf"
    assert InboundDelivery.objects.get().state == "done"


def test_a_file_that_can_never_be_had_leaves_the_message_without_it(
    client: Client, whatsapp: MessagingChannel, fake: FakeProviders
) -> None:
    body = payloads.whatsapp_media(
        phone_number_id=NUMBER_ID,
        wa_id=WA_ID,
        name="Giovanna Rossi",
        kind="image",
        media_id="NOT-THERE",
        mime_type="image/jpeg",
        message_id="wamid.IMG2",
        timestamp=WHEN,
    )
    deliver_whatsapp(client, whatsapp, body)

    deliveries_process()

    assert TicketMessage.objects.get().body_text == "📎 image.jpg"
    assert TicketAttachment.objects.count() == 0
    assert ChatEvent.objects.get(kind="message").payload["files"] == [
        {"name": "image.jpg", "missing": True}
    ]


def test_what_cannot_be_read_is_kept_aside(client: Client, whatsapp: MessagingChannel) -> None:
    deliver_whatsapp(client, whatsapp, b'{"object": "whatsapp_business_account"}')
    other_number = wa_text(ITALIAN).replace(NUMBER_ID.encode(), b"999999999999999")
    deliver_whatsapp(client, whatsapp, other_number)

    assert deliveries_process() == 2

    assert list(InboundDelivery.objects.order_by("pk").values_list("state", "error")) == [
        ("quarantined", "unreadable: KeyError"),
        ("quarantined", "for another business number"),
    ]
    assert TicketMessage.objects.count() == 0
    assert Customer.objects.count() == 0


def test_a_telegram_edit_is_a_message_of_its_own(
    client: Client, telegram: MessagingChannel
) -> None:
    first = payloads.telegram_text(
        update_id=1, chat_id=42, first_name="Ion", text="Bună ziua", message_id=3, date=WHEN
    )
    deliver_telegram(client, telegram, first)
    update = json.loads(first)
    message = update.pop("message")
    message["text"] = "Bună ziua, am o întrebare"
    edited = json.dumps({"update_id": 2, "edited_message": message}).encode()
    deliver_telegram(client, telegram, edited)

    deliveries_process()

    assert list(TicketMessage.objects.order_by("pk").values_list("body_text", flat=True)) == [
        "Bună ziua",
        "✎ Bună ziua, am o întrebare",
    ]


def test_a_delivery_is_processed_again_after_its_lease_ran_out(
    client: Client, whatsapp: MessagingChannel
) -> None:
    deliver_whatsapp(client, whatsapp, wa_text(ITALIAN))
    now = timezone.now()

    assert len(deliveries_claim(now)) == 1  # a worker claimed it and died
    assert deliveries_process(now=now) == 0

    assert deliveries_process(now=now + timedelta(minutes=6)) == 1

    assert TicketMessage.objects.count() == 1


def test_the_api_shows_the_medium_and_the_files_of_a_message(
    client: Client, whatsapp: MessagingChannel, fake: FakeProviders, alice_read_token: str
) -> None:
    fake.add_whatsapp_media("MEDIA3", b"\x89PNG\r\n\x1a\n screenshot", "image/png")
    body = payloads.whatsapp_media(
        phone_number_id=NUMBER_ID,
        wa_id=WA_ID,
        name="Giovanna Rossi",
        kind="image",
        media_id="MEDIA3",
        mime_type="image/png",
        message_id="wamid.IMG3",
        timestamp=WHEN,
    )
    deliver_whatsapp(client, whatsapp, body)
    deliveries_process()
    conversation = Conversation.objects.get()
    attachment = TicketAttachment.objects.get()

    chat = client.get(f"/api/v1/conversations/{conversation.uid}", headers=bearer(alice_read_token))
    messages = client.get(
        f"/api/v1/conversations/{conversation.uid}/messages?after=0",
        headers=bearer(alice_read_token),
    )

    assert chat.json()["medium"] == "whatsapp"
    [message] = messages.json()["items"]
    assert (message["author"], message["name"], message["text"]) == (
        "visitor",
        "Giovanna Rossi",
        "📎 image.png",
    )
    assert message["files"] == [
        {
            "name": "image.png",
            "size": attachment.size,
            "url": f"/tickets/{conversation.ticket.uid}/attachments/{attachment.uid}/",
            "received": True,
        }
    ]


def test_the_first_message_says_the_language_better_than_the_numbers_country(
    client: Client, whatsapp: MessagingChannel
) -> None:
    arabic = "السلام عليكم، طلبي لم يصل بعد، متى سيصل إلى ميلانو؟"
    deliver_whatsapp(client, whatsapp, wa_text(arabic))

    deliveries_process()

    customer = Customer.objects.get()
    assert (customer.country, customer.time_zone) == ("IT", "Europe/Rome")
    assert (customer.language, customer.language_source) == ("ar", "detected")
    assert Conversation.objects.get().language == "ar"
