"""What became of the answers we sent: the providers' receipts (WhatsApp says sent,
delivered, read or failed; Telegram says nothing, so its parts stay "sent").

Receipts arrive late, twice and out of order; a part's ``receipt`` only moves forward
(``status_is_newer``), so a late "delivered" never undoes "read". "Read" also moves the
conversation's read mark, so the console shows it as it shows a visitor's in the widget.
"""

from __future__ import annotations

from django.db import transaction

from cortesia.chat.conversations import chat_read
from cortesia.chat.models import ChatEvent, Conversation
from cortesia.messaging.models import MessagingChannel, OutboundMessage
from cortesia.messaging.providers.base import StatusUpdate, status_is_newer
from cortesia.tickets.models import TicketMessage
from cortesia.tickets.services import message_delivery_record

DELIVERY_OF = {
    "sent": TicketMessage.Delivery.SENT,
    "delivered": TicketMessage.Delivery.DELIVERED,
    "read": TicketMessage.Delivery.READ,
    "failed": TicketMessage.Delivery.FAILED,
}


@transaction.atomic
def receipt_record(*, channel: MessagingChannel, update: StatusUpdate) -> bool:
    """Record a receipt for the part of ours it names; False when it names no part of
    this channel's or moves nothing forward."""
    part = (
        OutboundMessage.objects.select_for_update(of=("self",))
        .select_related("message")
        .filter(thread__channel=channel, provider_message_id=update.message_id)
        .first()
    )
    if part is None or update.status not in DELIVERY_OF:
        return False
    if not status_is_newer(part.receipt, update.status):
        return False
    part.receipt = update.status
    fields = ["receipt"]
    if update.status in ("delivered", "read") and part.delivered_at is None:
        part.delivered_at = update.at
        fields.append("delivered_at")
    if update.status == "read":
        part.read_at = update.at
        fields.append("read_at")
    detail = channel.get_kind_display()
    if update.status == "failed":
        part.error_code, part.error_text = update.error_code[:32], update.error_text[:200]
        fields += ["error_code", "error_text"]
        detail = f"{detail}: {update.error_text or update.error_code}"
    part.save(update_fields=fields)
    if part.part == 0:
        message_delivery_record(
            message_id=part.message_id, state=DELIVERY_OF[update.status], detail=detail
        )
    if update.status == "read":
        _mark_read(part.message)
    return True


def _mark_read(message: TicketMessage) -> None:
    """Move the chat's read mark to the event that showed ``message`` in the console."""
    conversation = Conversation.objects.filter(ticket_id=message.ticket_id).first()
    if conversation is None:
        return
    event_id = (
        ChatEvent.objects.filter(conversation=conversation, payload__message=str(message.uid))
        .values_list("pk", flat=True)
        .first()
    )
    if event_id is not None and conversation.visitor_read_event < event_id:
        chat_read(conversation=conversation, by_agent=False, up_to=event_id)
