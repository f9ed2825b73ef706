"""Hand a task to the queue so that it runs only after the caller's changes commit."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks_db import DatabaseBackend


def enqueue_after_commit(task: Any, **kwargs: Any) -> None:
    """Enqueue ``task`` so that it runs after the current transaction commits.

    The database queue stores the task as a row in the same transaction: it becomes
    visible together with the changes it belongs to (or never, on rollback), and costs no
    second commit. Other queues (Redis, the immediate one of the tests) are told after the
    commit, so a worker never looks for rows that are not visible yet.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(**kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(**kwargs))
