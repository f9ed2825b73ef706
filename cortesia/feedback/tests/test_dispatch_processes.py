"""Two real worker processes dispatching the same due invitations at once send each one
exactly once; a process killed between taking a batch and committing it leaves the
batch to be sent by the next run — never lost, never twice. PostgreSQL only: the child
processes connect to the test database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django.db.models import Count

from cortesia.accounts.models import Team
from cortesia.feedback.models import InvitationState, SurveyInvitation
from cortesia.feedback.tests.sending_fixtures import (
    csat_survey,
    open_ticket,
    own_data_dir,
    person,
    set_status,
    support,
    tickets_numbered_from_1001,
)
from cortesia.mail.models import Mailbox, OutboundMail

__all__ = ["own_data_dir", "support", "tickets_numbered_from_1001"]

pytestmark = pytest.mark.django_db(transaction=True)

PROJECT = Path(__file__).resolve().parents[3]
SOLVED = datetime(2026, 12, 9, 10, 0, tzinfo=UTC)
DUE = "2026-12-09T12:00:00+00:00"
INVITATIONS = 120

# The child: dispatch batches until none is due, print how many it handled. With
# CRASH set, it dies (os._exit, as kill -9 would) right after putting its first batch's
# mails in the outbox, before the transaction commits.
CHILD = """
import os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "cortesia.settings"
import django
django.setup()
from datetime import datetime
from cortesia.feedback import dispatch
if os.environ.get("CRASH"):
    original = dispatch.outbound_queue_generated
    def dying(**kwargs):
        original(**kwargs)
        os._exit(9)
    dispatch.outbound_queue_generated = dying
import time
now = datetime.fromisoformat(sys.argv[1])
time.sleep(max(0.0, float(sys.argv[3]) - time.time()))  # both start together
total = 0
while (handled := dispatch.invitations_dispatch(now=now, limit=int(sys.argv[2]))):
    total += handled
print(total)
"""


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run through cortesia.testing.postgres")


def _child(
    data_dir: Path, batch: int, *, crash: bool = False, start: float = 0.0
) -> subprocess.Popen[str]:
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CORTESIA_")}
    environment |= {"CORTESIA_DATA_DIR": str(data_dir), "CORTESIA_DATABASE_URL": url}
    if crash:
        environment["CRASH"] = "1"
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, DUE, str(batch), str(start)],
        cwd=PROJECT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _due_invitations(team: Team) -> None:
    csat_survey()
    with time_machine.travel(SOLVED, tick=False):
        for number in range(INVITATIONS):
            customer = person(
                "Cliente", f"N{number}", country="IT", language="it", email=f"c{number}@example.it"
            )
            set_status(open_ticket(customer, team), "solved")


def _each_sent_once() -> None:
    assert SurveyInvitation.objects.filter(state=InvitationState.SENT).count() == INVITATIONS
    assert OutboundMail.objects.count() == INVITATIONS
    per_invitation = OutboundMail.objects.values("to").annotate(n=Count("id"))
    assert {row["n"] for row in per_invitation} == {1}
    linked = SurveyInvitation.objects.values_list("outbound_id", flat=True)
    assert len(set(linked)) == INVITATIONS


def test_two_worker_processes_send_each_invitation_once(
    team_rome: Team, support: Mailbox, data_dir: Path
) -> None:
    _due_invitations(team_rome)

    start = time.time() + 5  # after both have set Django up
    first, second = _child(data_dir, 5, start=start), _child(data_dir, 5, start=start)
    results = [process.communicate(timeout=120) for process in (first, second)]

    assert [process.returncode for process in (first, second)] == [0, 0], results
    handled = [int(out.strip()) for out, _err in results]
    assert sum(handled) == INVITATIONS
    assert min(handled) > 0, handled  # both took part
    _each_sent_once()


def test_a_worker_killed_before_its_commit_leaves_its_batch_to_the_next(
    team_rome: Team, support: Mailbox, data_dir: Path
) -> None:
    _due_invitations(team_rome)

    dying = _child(data_dir, 50, crash=True)
    dying.communicate(timeout=120)
    assert dying.returncode == 9
    assert OutboundMail.objects.count() == 0
    assert SurveyInvitation.objects.filter(state=InvitationState.SCHEDULED).count() == INVITATIONS

    survivor = _child(data_dir, 50)
    out, err = survivor.communicate(timeout=120)
    assert survivor.returncode == 0, err
    assert int(out.strip()) == INVITATIONS
    _each_sent_once()
