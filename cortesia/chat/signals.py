"""What the chat services announce to apps above them (the answer bot, deflection).

Sent inside the transaction that made the change: a receiver's rows commit or roll back
with it, and anything outside goes through ``transaction.on_commit``.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent with conversation= and message= when a conversation starts with the customer's
# first message (the widget or a messaging app).
conversation_started = Signal()
# Sent with conversation= and message= for every message the customer writes, the first
# included.
customer_wrote = Signal()
