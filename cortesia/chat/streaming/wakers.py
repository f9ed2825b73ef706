"""What wakes the hub to read new events: a NOTIFY from PostgreSQL, or a short timer.

A waker calls ``wake()`` whenever there may be new events. Notifications are only a hint
(the hub reads the table), so a lost one costs at most ``SAFETY_SECONDS`` of delay: the
PostgreSQL waker also wakes the hub on that timer and whenever it (re)connects."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any, Protocol

from cortesia.chat.events import CHANNEL, TYPING_CHANNEL

logger = logging.getLogger(__name__)

# SQLite has no notifications: the hub reads the table this often (a read of an index
# past the cursor, a few microseconds).
POLL_SECONDS = 0.05
SAFETY_SECONDS = 2.0
RECONNECT_SECONDS = 1.0


class Waker(Protocol):
    async def run(self, wake: Callable[[], None], typed: Callable[[str], None]) -> None:
        """Call ``wake`` when there may be new events and ``typed`` with each typing
        notice from another process."""


class TimerWaker:
    """Wake every ``seconds`` (the SQLite default)."""

    def __init__(self, seconds: float = POLL_SECONDS) -> None:
        self.seconds = seconds

    async def run(self, wake: Callable[[], None], typed: Callable[[str], None]) -> None:
        while True:
            wake()
            await asyncio.sleep(self.seconds)


class PostgresWaker:
    """LISTEN on the events channel with a connection of its own (not Django's: it sits
    in the event loop and waits), and wake on every notification."""

    def __init__(self, connect_kwargs: dict[str, Any]) -> None:
        self.connect_kwargs = connect_kwargs

    async def run(self, wake: Callable[[], None], typed: Callable[[str], None]) -> None:
        import psycopg

        while True:
            try:
                async with await psycopg.AsyncConnection.connect(
                    **self.connect_kwargs, autocommit=True
                ) as connection:
                    await connection.execute(f"LISTEN {CHANNEL}")
                    await connection.execute(f"LISTEN {TYPING_CHANNEL}")
                    wake()  # whatever was written while nobody listened
                    while True:
                        async for notice in connection.notifies(timeout=SAFETY_SECONDS):
                            if notice.channel == TYPING_CHANNEL:
                                typed(notice.payload)
                            else:
                                wake()
                        wake()
            except (psycopg.Error, OSError) as error:
                logger.warning("Chat notifications lost (%s); listening again.", type(error))
                wake()
                await asyncio.sleep(RECONNECT_SECONDS)


def postgres_connect_kwargs(settings_dict: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments of psycopg.connect for Django's database settings."""
    kwargs: dict[str, Any] = {
        "dbname": settings_dict["NAME"],
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
    }
    options = settings_dict.get("OPTIONS", {})
    kwargs |= {key: value for key, value in options.items() if isinstance(value, str | int)}
    return {key: value for key, value in kwargs.items() if value is not None}
