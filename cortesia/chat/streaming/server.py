"""Build the stream application for this deployment's database and serve it."""

from __future__ import annotations

import socket

from django.db import connections

from cortesia.chat.streaming.app import StreamApp
from cortesia.chat.streaming.hub import Hub
from cortesia.chat.streaming.wakers import (
    PostgresWaker,
    TimerWaker,
    Waker,
    postgres_connect_kwargs,
)


def default_waker() -> Waker:
    connection = connections["default"]
    if connection.vendor == "postgresql":
        return PostgresWaker(postgres_connect_kwargs(connection.settings_dict))
    return TimerWaker()


def stream_application() -> StreamApp:
    return StreamApp(lambda: Hub(default_waker()))


def stoppable_server(app: StreamApp, config: object) -> object:
    """A uvicorn server that ends the open streams when it stops, instead of waiting
    for them until its graceful timeout and then cancelling them."""
    import uvicorn

    class StreamServer(uvicorn.Server):
        async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
            if app.hub is not None:
                app.hub.end_streams()
            await super().shutdown(sockets)

    return StreamServer(config)  # type: ignore[arg-type]


def uvicorn_config(app: StreamApp, *, host: str, port: int, fd: int | None = None) -> object:
    import uvicorn

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        fd=fd,
        loop="uvloop",
        http="httptools",
        lifespan="on",
        access_log=False,
        log_level="warning",
        # open streams never end by themselves: do not wait on them at shutdown
        timeout_graceful_shutdown=3,
        # a proxy in front sets the client's address; the streams never read it
        proxy_headers=False,
    )
