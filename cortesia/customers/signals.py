"""What the customer services announce to apps above them (webhooks, automations).

Sent inside the transaction that made the change: a receiver that writes rows commits or
rolls back with it, and sends anything outside only through ``transaction.on_commit``.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent with customer= (the Customer as saved), kind= ("created", "updated" or "merged")
# and event= (the CustomerEvent recorded for the change; its uid names the change).
customer_changed = Signal()
# Sent with order= (the Order as saved), previous= (its former status) and actor=, after
# its status changed.
order_status_changed = Signal()
# Sent with customer_ids= (a list) when the counted orders of those customers may have
# changed: an order recorded, its status changed, orders imported or moved by a merge.
counted_orders_changed = Signal()
