"""What the notifications receiver adds to opening a ticket, on the default SQLite install.

Opens tickets through ``ticket_create`` (each in its own transaction, as a request does)
in a fresh SQLite database, with the receiver of ``events_recorded`` connected and
disconnected in turn, ticket by ticket in the order with, without, without, with (so a
warming cache, a growing table or a drift in the machine's load favours neither), for
two cases:

* **unassigned**: a ticket that concerns nobody yet (the receiver reads nothing);
* **assigned**: a ticket an agent opens for a colleague (the receiver reads the
  colleague's wishes, writes a notification and, after the commit, queues its e-mail
  task on the database queue).

It prints one JSON object: per case, the median milliseconds per ticket with and without
the receiver, their ratio, and the median time spent inside the receiver itself (the
least noisy of the numbers on a shared machine). ::

    .venv/bin/python bench/notifications_receiver.py [--rounds 500]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable


def log(message: str) -> None:
    print(f"[notifications] {message}", file=sys.stderr, flush=True)


def prepare_django(data_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "cortesia.settings"
    os.environ["CORTESIA_DATA_DIR"] = data_dir
    os.environ.pop("CORTESIA_DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    log("migrate")
    call_command("migrate", interactive=False, verbosity=0)


def openers() -> dict[str, Callable[[], object]]:
    """One function per case, each opening one ticket in its own transaction."""
    from django.db import transaction

    from cortesia.accounts.models import Role
    from cortesia.accounts.services import team_create, team_member_add, user_create
    from cortesia.core.actor import Actor
    from cortesia.customers.services import CustomerData, customer_create
    from cortesia.tickets.models import Ticket
    from cortesia.tickets.services import MessageData, TicketData, ticket_create

    system = Actor.system()
    team = team_create(name="Roma", languages=["it"], time_zone="Europe/Rome", actor=system)
    agents = [
        user_create(
            username=name,
            email=f"{name}@example.com",
            role=Role.AGENT,
            password="x" * 20,
            actor=system,
        )
        for name in ("alice", "bob")
    ]
    for agent in agents:
        team_member_add(team=team, user=agent, actor=system)
    customer = customer_create(data=CustomerData(given_name="Giulia"), actor=system)

    def opener(assignee: object, actor: Actor) -> Callable[[], object]:
        def open_one() -> object:
            with transaction.atomic():
                return ticket_create(
                    data=TicketData(
                        subject="Pacco perso",
                        customer=customer,
                        team=team,
                        assignee=assignee,  # type: ignore[arg-type]
                        channel=Ticket.Channel.EMAIL,
                        message=MessageData(body_text="Dov'è il pacco?", author_kind="customer"),
                    ),
                    actor=actor,
                )

        return open_one

    return {
        "unassigned": opener(None, system),
        "assigned": opener(agents[0], Actor(user=agents[1])),
    }


def timed(open_one: Callable[[], object]) -> float:
    started = time.perf_counter()
    open_one()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        prepare_django(data_dir)
        from cortesia.notifications.receivers import on_events_recorded
        from cortesia.tickets.signals import events_recorded

        inside: list[float] = []

        def receiver_timed(sender: object, **kwargs: object) -> None:
            started = time.perf_counter()
            on_events_recorded(sender, **kwargs)  # type: ignore[arg-type]
            inside.append((time.perf_counter() - started) * 1000)

        def hear(state: str) -> None:
            events_recorded.disconnect(dispatch_uid="notifications.events")
            if state == "with":
                events_recorded.connect(receiver_timed, dispatch_uid="notifications.events")

        cases = openers()
        for open_one in cases.values():  # warm up
            for _ in range(20):
                open_one()
        samples: dict[str, dict[str, list[float]]] = {
            case: {"with": [], "without": []} for case in cases
        }
        receiver: dict[str, list[float]] = {case: [] for case in cases}
        # ABBA: with, without, without, with — a drift in the machine's load favours neither
        for round_number in range(args.rounds):
            for state in ("with", "without", "without", "with"):
                hear(state)
                for case, open_one in cases.items():
                    inside.clear()
                    samples[case][state].append(timed(open_one))
                    if state == "with":
                        receiver[case].append(sum(inside))
            if (round_number + 1) % 100 == 0:
                log(f"round {round_number + 1}/{args.rounds}")
        events_recorded.disconnect(dispatch_uid="notifications.events")
        events_recorded.connect(on_events_recorded, dispatch_uid="notifications.events")
    result = {}
    for case, by_state in samples.items():
        with_ms = statistics.median(by_state["with"])
        without_ms = statistics.median(by_state["without"])
        result[case] = {
            "tickets_each": len(by_state["with"]),
            "median_ms_with": round(with_ms, 3),
            "median_ms_without": round(without_ms, 3),
            "extra_ms": round(with_ms - without_ms, 3),
            "ratio": round(with_ms / without_ms, 3),
            "median_ms_in_receiver": round(statistics.median(receiver[case]), 3),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
