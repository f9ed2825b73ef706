from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketData, ticket_create
from cortesia.webhooks.models import Subscription
from cortesia.webhooks.services import subscription_create

SECRET = "whsec_test_0123456789abcdef"


@pytest.fixture(autouse=True)
def own_data_dir(data_dir: Path) -> Path:
    """The marker of active webhooks lives in the test's own directory."""
    return data_dir


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", emails=["giulia@example.it"]),
        actor=Actor.system(),
    )


def open_ticket(customer: Customer, team: Team | None, subject: str = "Pacco perso") -> Ticket:
    return ticket_create(
        data=TicketData(
            subject=subject,
            customer=customer,
            team=team,
            channel=Ticket.Channel.EMAIL,
            message=MessageData(body_text="Dov'è il mio pacco?", author_kind="customer"),
        ),
        actor=Actor.system(),
    )


def subscribe(url: str, events: list[str], secret: str = SECRET) -> Subscription:
    return subscription_create(
        url=url, events=events, secret=secret, actor=Actor.system()
    ).subscription


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """A real HTTP server on 127.0.0.1 that records each POST and the connections made;
    ``statuses`` are answered in turn (the last one again once they run out)."""

    server: ThreadingHTTPServer
    statuses: list[int] = field(default_factory=lambda: [200])
    requests: list[Received] = field(default_factory=list)
    connections: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/cortesia"

    def next_status(self) -> int:
        with self.lock:
            index = min(len(self.requests), len(self.statuses)) - 1
            return self.statuses[max(index, 0)]


class _Handler(BaseHTTPRequestHandler):
    receiver: Receiver

    def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        with self.receiver.lock:
            self.receiver.requests.append(Received(self.path, dict(self.headers.items()), body))
        status = self.receiver.next_status()
        answer = f"answer {status}".encode()
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
        return


class _CountingServer(ThreadingHTTPServer):
    receiver: Receiver
    daemon_threads = True

    def verify_request(self, request: Any, client_address: Any) -> bool:
        with self.receiver.lock:
            self.receiver.connections += 1
        return True


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = _CountingServer(("127.0.0.1", 0), _Handler)
    receiver = Receiver(server=server)
    server.receiver = receiver
    handler = type("Handler", (_Handler,), {"receiver": receiver})
    server.RequestHandlerClass = handler
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield receiver
    server.shutdown()
    server.server_close()


@pytest.fixture
def loopback_allowed(settings: Any) -> None:
    settings.CORTESIA_OUTBOUND_ALLOWLIST = ["127.0.0.1/32"]
