"""Background work of webhooks: thin, idempotent."""

from __future__ import annotations

from django_tasks import task

from cortesia.webhooks.delivery import deliveries_dispatch


@task()
def deliveries_send() -> int:
    """Send the deliveries that are due now; a second run sends nothing twice."""
    return deliveries_dispatch()
