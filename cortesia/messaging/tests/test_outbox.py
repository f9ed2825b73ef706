"""Agents' answers reach the customer's app through the outbox: queued with the answer,
sent with retries, refused parts failed with a reason on the ticket and in the console,
receipts moving forward only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from cortesia.accounts.models import User
from cortesia.chat.conversations import agent_message_post
from cortesia.chat.models import ChatEvent, Conversation
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict
from cortesia.messaging.models import MessagingChannel, OutboundMessage
from cortesia.messaging.outbox import outbox_send
from cortesia.messaging.processing import deliveries_process
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
from cortesia.tickets.attachments import attachment_upload
from cortesia.tickets.inputs import MessageData
from cortesia.tickets.models import TicketMessage
from cortesia.tickets.services import message_add

pytestmark = pytest.mark.django_db


def whatsapp_chat(client: Client, channel: MessagingChannel) -> Conversation:
    deliver_whatsapp(client, channel, wa_text("Buongiorno, dov'è il mio ordine?"))
    deliveries_process()
    return Conversation.objects.get()


def answer(conversation: Conversation, agent: User, text: str, client_id: str = "a1") -> None:
    agent_message_post(
        conversation=conversation, text=text, client_id=client_id, actor=Actor(user=agent)
    )


def test_an_agents_answer_is_sent_to_the_customers_whatsapp(
    client: Client, whatsapp: MessagingChannel, fake: FakeProviders, alice: User
) -> None:
    conversation = whatsapp_chat(client, whatsapp)
    answer(conversation, alice, "Buongiorno Giovanna, arriva domani.")
    part = OutboundMessage.objects.get()
    assert (part.state, part.part, part.thread.chat) == ("pending", 0, WA_ID)

    assert outbox_send() == 1

    request = fake.requests[-1]
    assert (request.method, request.path) == ("POST", f"/graph/v21.0/{NUMBER_ID}/messages")
    assert request.headers["authorization"] == "Bearer wa-token"
    assert request.json == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": WA_ID,
        "type": "text",
        "text": {"preview_url": False, "body": "Buongiorno Giovanna, arriva domani."},
    }
    part.refresh_from_db()
    assert (part.state, part.receipt, part.attempts) == ("sent", "sent", 1)
    assert part.provider_message_id.startswith("wamid.")
    message = TicketMessage.objects.get(pk=part.message_id)
    assert (message.delivery, message.delivery_detail) == ("sent", "WhatsApp")
    assert outbox_send() == 0  # nothing sent twice


def test_notes_and_customer_messages_are_never_sent(
    client: Client, whatsapp: MessagingChannel, fake: FakeProviders, alice: User
) -> None:
    conversation = whatsapp_chat(client, whatsapp)
    agent_message_post(
        conversation=conversation,
        text="Controllo il corriere",
        client_id="n1",
        actor=Actor(user=alice),
        is_note=True,
    )

    assert outbox_send() == 0
    assert OutboundMessage.objects.count() == 0
    assert fake.requests == []


def test_a_provider_outage_is_retried_and_the_answer_then_sent(
    client: Client, whatsapp: MessagingChannel, fake: FakeProviders, alice: User
) -> None:
    conversation = whatsapp_chat(client, whatsapp)
    answer(conversation, alice, "Arriva domani.")
    fake.fail_next(
        "whatsapp.messages", 503, {"error": {"message": "Service unavailable", "code": 2}}
    )
    now = timezone.now()

    outbox_send(now=now)

    part = OutboundMessage.objects.get()
    assert (part.state, part.attempts, part.error_code) == ("pending", 1, "2")
    assert part.next_attempt_at == now + timedelta(seconds=5)
    assert outbox_send(now=now + timedelta(seconds=4)) == 0

    outbox_send(now=now + timedelta(seconds=5))

    part.refresh_from_db()
    assert (part.state, part.attempts) == ("sent", 2)
    assert len(fake.sent_whatsapp()) == 1


def test_a_refusal_fails_the_answer_at_once_and_says_why(
    client: Client, whatsapp: MessagingChannel, fake: FakeProviders, alice: User
) -> None:
    conversation = whatsapp_chat(client, whatsapp)
    answer(conversation, alice, "Arriva domani.")
    fake.fail_next(
        "whatsapp.messages",
        400,
        {"error": {"message": "Recipient phone number not in allowed list", "code": 131030}},
    )

    outbox_send()

    part = OutboundMessage.objects.get()
    assert (part.state, part.attempts, part.error_code) == ("failed", 1, "131030")
    message = TicketMessage.objects.get(pk=part.message_id)
    assert (message.delivery, message.delivery_detail) == (
        "failed",
        "WhatsApp: Recipient phone number not in allowed list",
    )
    note = ChatEvent.objects.filter(kind="note").latest("pk")
    assert note.is_internal
    assert note.payload["text"] == (
        "Non inviato tramite WhatsApp: Recipient phone number not in allowed list"
    )  # in the team's language (Rome: Italian)


def test_after_whatsapps_window_the_console_refuses_and_other_paths_fail_the_answer(
    client: Client, whatsapp: MessagingChannel, fake: FakeProviders, alice: User
) -> None:
    conversation = whatsapp_chat(client, whatsapp)
    answer(conversation, alice, "Ci penso io.")
    outbox_send()
    Conversation.objects.filter(pk=conversation.pk).update(
        customer_wrote_at=timezone.now() - timedelta(hours=24, seconds=1)
    )
    conversation.refresh_from_db()

    with pytest.raises(Conflict) as refused:
        answer(conversation, alice, "Ancora lì?", client_id="a2")
    assert refused.value.code == "reply_window_closed"

    # a reply from the ticket page is stored, and shown as not sent
    message_add(
        ticket=conversation.ticket,
        data=MessageData(body_text="Ancora lì?", author_kind=TicketMessage.Author.AGENT),
        actor=Actor(user=alice),
    )
    requests_before = len(fake.requests)
    outbox_send()

    late = OutboundMessage.objects.latest("pk")
    assert (late.state, late.error_code) == ("failed", "window_closed")
    assert len(fake.requests) == requests_before  # nothing was sent


def test_receipts_move_forward_only_and_read_moves_the_chats_read_mark(
    client: Client, whatsapp: MessagingChannel, fake: FakeProviders, alice: User
) -> None:
    conversation = whatsapp_chat(client, whatsapp)
    answer(conversation, alice, "Arriva domani.")
    outbox_send()
    part = OutboundMessage.objects.get()
    wamid = part.provider_message_id

    def status(value: str, at: int) -> None:
        body = payloads.whatsapp_status(
            phone_number_id=NUMBER_ID, message_id=wamid, recipient=WA_ID, status=value, timestamp=at
        )
        deliver_whatsapp(client, whatsapp, body)

    status("read", WHEN + 60)
    status("delivered", WHEN + 30)  # late, after read
    deliveries_process()

    part.refresh_from_db()
    assert part.receipt == "read"
    assert part.read_at is not None
    assert part.read_at.timestamp() == WHEN + 60
    assert part.delivered_at == part.read_at
    assert TicketMessage.objects.get(pk=part.message_id).delivery == "read"
    answer_event = ChatEvent.objects.filter(kind="message", payload__author="agent").get()
    conversation.refresh_from_db()
    assert conversation.visitor_read_event == answer_event.pk
    assert ChatEvent.objects.filter(kind="read").get().payload == {
        "by": "visitor",
        "up_to": answer_event.pk,
    }


def test_a_file_of_an_answer_goes_to_telegram_as_a_document(
    client: Client, telegram: MessagingChannel, fake: FakeProviders, alice: User
) -> None:
    body = payloads.telegram_text(
        update_id=1, chat_id=42, first_name="Ion", text="Factura, vă rog", message_id=3, date=WHEN
    )
    deliver_telegram(client, telegram, body)
    deliveries_process()
    conversation = Conversation.objects.get()
    upload = attachment_upload(
        ticket=conversation.ticket,
        upload=SimpleUploadedFile("factura.pdf", b"%PDF-1.4 factura", "application/pdf"),
        actor=Actor(user=alice),
    )
    message_add(
        ticket=conversation.ticket,
        data=MessageData(
            body_text="Vă trimit factura.",
            author_kind=TicketMessage.Author.AGENT,
            attachments=[str(upload.uid)],
        ),
        actor=Actor(user=alice),
    )

    assert outbox_send() == 2

    sent = fake.sent_telegram()
    assert [(m["recipient"], m["type"], m["text"]) for m in sent] == [
        ("42", "text", "Vă trimit factura."),
        ("42", "document", ""),
    ]
    assert sent[1]["media"] == b"%PDF-1.4 factura"
    assert list(OutboundMessage.objects.order_by("part").values_list("part", "state")) == [
        (0, "sent"),
        (1, "sent"),
    ]
