"""Background work of the customers app: thin, idempotent, primitive arguments."""

from __future__ import annotations

from django_tasks import task

from cortesia.customers.importing import import_run


@task()
def run_import(*, import_id: int) -> str:
    """Run a queued CSV import; a repeated or late task finds it claimed and does nothing."""
    record = import_run(import_id=import_id)
    return record.status if record else "already claimed"
