"""The ticket history's sentences, from events as the services store them."""

from __future__ import annotations

import uuid

import pytest

from cortesia.accounts.models import Team, User
from cortesia.tickets.models import TicketEvent
from cortesia.tickets.views.ticket_history import Names, history_lines

pytestmark = pytest.mark.usefixtures("english")

ROMA = Team(uid=uuid.UUID(int=1), name="Roma")
RIYADH = Team(uid=uuid.UUID(int=2), name="Riyadh")
ALICE = User(username="alice", first_name="Alice", last_name="Rossi")
NAMES = Names.of([ROMA, RIYADH], [ALICE])
Kind = TicketEvent.Kind

CASES = [
    (
        "team moved, assignee cleared",
        Kind.UPDATED,
        {"team": [str(ROMA.uid), str(RIYADH.uid)], "assignee": ["alice", None]},
        [
            "Changed the assignee from Alice Rossi to nobody.",
            "Changed the team from Roma to Riyadh.",
        ],
    ),
    (
        "a team deleted since, a person not on the page",
        Kind.UPDATED,
        {"team": [str(uuid.UUID(int=9)), None], "assignee": [None, "zed"]},
        [
            "Changed the assignee from nobody to zed.",
            "Changed the team from a deleted team to no team.",
        ],
    ),
    (
        "language and tags",
        Kind.UPDATED,
        {"language": ["it", "ar"], "tags": [["a"], ["a", "b", "c"]]},
        [
            "Changed the language from Italian to Arabic.",
            "Changed the tags from a to a, b, and c.",
        ],
    ),
    ("merged away", Kind.MERGED, {"into": 1001, "messages": 2}, ["Merged this ticket into #1001."]),
    (
        "merged in",
        Kind.MERGED,
        {"from": 1002, "messages": 2},
        ["Merged ticket #1002 into this one."],
    ),
    ("linked", Kind.LINKED, {"ticket": 1003}, ["Linked ticket #1003."]),
    (
        "service level missed",
        Kind.SLA_BREACHED,
        {"target": "first_response", "due_at": None},
        ["Service level missed: First response."],
    ),
    (
        "service level close",
        Kind.SLA_WARNING,
        {"target": "resolution", "due_at": None},
        ["Service level close to being missed: Resolution."],
    ),
    ("a bounce", Kind.DELIVERY_FAILED, {}, ["A mail to the customer could not be delivered."]),
]


@pytest.mark.parametrize(("_case", "kind", "data", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_event_reads_as_sentences(
    _case: str, kind: str, data: dict[str, object], expected: list[str]
) -> None:
    fields = sorted(data) if kind == Kind.UPDATED else []
    event = TicketEvent(kind=kind, version=2, fields=fields, data=data, actor=ALICE)
    (line,) = history_lines([event], NAMES)
    assert (line.actor, line.sentences) == ("Alice Rossi", expected)


def test_an_event_without_actor_names_nobody() -> None:
    event = TicketEvent(kind=Kind.CUSTOMER_REPLIED, version=2)
    (line,) = history_lines([event], NAMES)
    assert (line.actor, line.sentences) == (None, ["The customer wrote."])
