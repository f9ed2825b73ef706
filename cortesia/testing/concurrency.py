"""Run callables at the same moment, each in its own thread with its own database
connection: how the tests make two requests or two workers race."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import connections

T = TypeVar("T")


def concurrently(*calls: Callable[[], T]) -> list[T]:
    """Run ``calls`` in threads released together; return their results in order (None
    stands for a call that raised or did not finish within a minute)."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = calls[index]()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
