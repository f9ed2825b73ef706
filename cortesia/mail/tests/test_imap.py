"""IMAP polling against a real Dovecot on loopback: commit first, then acknowledge."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.mail.imap import FETCH_BYTES, fetch_groups, fetched_bodies, imap_poll
from cortesia.mail.inbound import Ingested
from cortesia.mail.mailboxes import ImapSettings, mailbox_create
from cortesia.mail.models import InboundMail, Mailbox, OutboundMail
from cortesia.mail.tests.conftest import fixture
from cortesia.testing.imap import PASSWORD, USER, ImapServer
from cortesia.tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
MAILS = ("it_latin1.eml", "fi_latin9.eml", "bg_cp1251.eml")


def _numbered(number: int) -> bytes:
    return (
        f"From: c{number}@example.it\r\nTo: support@shop.example\r\nSubject: Ordine {number}\r\n"
        f"Message-ID: <n{number}@shop.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Il mio ordine {number} non è ancora arrivato."
    ).encode()


def _mailbox(
    server: ImapServer, team: Team, monkeypatch: pytest.MonkeyPatch, **extra: Any
) -> Mailbox:
    monkeypatch.setenv("SUPPORT_IMAP_PASSWORD", PASSWORD)
    return mailbox_create(
        name="support",
        address="support@shop.example",
        team=team,
        actor=Actor.system(),
        imap=ImapSettings(
            host="127.0.0.1",
            port=server.port,
            security="none",
            username=USER,
            password_env="SUPPORT_IMAP_PASSWORD",
            **extra,
        ),
    )


def test_polling_stores_then_marks_read_and_never_twice(
    imap_server: ImapServer, team_rome: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    mailbox = _mailbox(imap_server, team_rome, monkeypatch)
    for name in MAILS:
        imap_server.append(fixture(name))
    polled = imap_poll(mailbox)
    assert (polled.fetched, polled.stored, polled.acknowledged) == (3, 3, 3)
    assert imap_server.uids("UNSEEN") == []
    assert sorted(Ticket.objects.values_list("language", flat=True)) == ["bg", "fi", "it"]
    mailbox.refresh_from_db()
    assert mailbox.uidvalidity is not None
    # Someone marks everything unread again: fetched again, stored never twice.
    client = imap_server.client()
    client.uid("STORE", "1:*", "-FLAGS", "(\\Seen)")
    client.logout()
    again = imap_poll(mailbox)
    assert (again.fetched, again.stored) == (3, 0)
    assert (InboundMail.objects.count(), Ticket.objects.count()) == (3, 3)
    assert set(InboundMail.objects.values_list("source", flat=True)) == {"imap"}


def test_nothing_is_acknowledged_before_it_is_committed(
    imap_server: ImapServer, team_rome: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    mailbox = _mailbox(imap_server, team_rome, monkeypatch)
    imap_server.append(fixture("it_latin1.eml"))

    def crash(result: Ingested) -> None:
        raise OSError("the worker died here")

    with pytest.raises(OSError, match="died"):
        imap_poll(mailbox, after_store=crash)
    assert imap_server.uids("UNSEEN") == [1]  # still unread on the server
    assert imap_poll(mailbox).stored == 0  # and stored once, the first time
    assert InboundMail.objects.count() == 1
    assert imap_server.uids("UNSEEN") == []


def test_two_workers_on_one_mailbox_store_each_mail_once(
    imap_server: ImapServer, team_rome: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    mailbox = _mailbox(imap_server, team_rome, monkeypatch)
    for name in MAILS:
        imap_server.append(fixture(name))
    second: list[int] = []

    def other_worker(result: Ingested) -> None:
        if not second:  # between the first worker's commit and its acknowledgement
            second.append(imap_poll(mailbox).stored)

    first = imap_poll(mailbox, after_store=other_worker)
    assert first.stored + second[0] == 3
    assert (InboundMail.objects.count(), Ticket.objects.count()) == (3, 3)
    assert imap_server.uids("UNSEEN") == []


@pytest.mark.parametrize("after_import", ["move", "delete"])
def test_moved_or_deleted_after_import(
    imap_server: ImapServer,
    team_rome: Team,
    monkeypatch: pytest.MonkeyPatch,
    after_import: str,
) -> None:
    client = imap_server.client()
    client.create("Processed")
    client.logout()
    mailbox = _mailbox(
        imap_server, team_rome, monkeypatch, after_import=after_import, move_to="Processed"
    )
    for name in MAILS[:2]:
        imap_server.append(fixture(name))
    assert imap_poll(mailbox).stored == 2
    assert imap_server.uids() == []
    moved = imap_server.uids(folder="Processed")
    assert len(moved) == (2 if after_import == "move" else 0)


def test_a_missing_password_is_an_error_not_a_guess(
    imap_server: ImapServer, team_rome: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cortesia.core.errors import DomainError

    mailbox = _mailbox(imap_server, team_rome, monkeypatch)
    monkeypatch.delenv("SUPPORT_IMAP_PASSWORD")
    with pytest.raises(DomainError, match="SUPPORT_IMAP_PASSWORD"):
        imap_poll(mailbox)


def test_plain_imap_is_refused_off_the_local_machine(team_rome: Team) -> None:
    from cortesia.core.errors import DomainError

    mailbox = mailbox_create(
        name="remote",
        address="support@shop.example",
        team=team_rome,
        actor=Actor.system(),
        imap=ImapSettings(host="imap.example.com", username=USER, password_env="X"),
    )
    # A row from before the services refused it (they do now): the poller refuses too.
    Mailbox.objects.filter(pk=mailbox.pk).update(imap_security="none")
    mailbox.refresh_from_db()
    with pytest.raises(DomainError, match="TLS or STARTTLS"):
        imap_poll(mailbox)


@pytest.mark.django_db(transaction=True)
def test_a_batch_is_flagged_on_the_server_only_after_it_commits(
    imap_server: ImapServer, team_rome: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given: five mails, polled two to a transaction.
    mailbox = _mailbox(imap_server, team_rome, monkeypatch)
    for number in range(5):
        imap_server.append(_numbered(number))
    seen_after_commit: list[tuple[str, bool, list[int], int]] = []

    def look(result: Ingested) -> None:
        seen_after_commit.append(
            (
                result.mail.message_key,
                connection.in_atomic_block,
                imap_server.uids("SEEN"),
                InboundMail.objects.count(),
            )
        )

    # When
    polled = imap_poll(mailbox, batch=2, after_store=look)
    # Then: each batch was committed and still unread on the server, then marked read.
    assert (polled.fetched, polled.stored, polled.acknowledged) == (5, 5, 5)
    assert seen_after_commit == [
        ("id:n0@shop.example", False, [], 2),
        ("id:n1@shop.example", False, [], 2),
        ("id:n2@shop.example", False, [1, 2], 4),
        ("id:n3@shop.example", False, [1, 2], 4),
        ("id:n4@shop.example", False, [1, 2, 3, 4], 5),
    ]
    assert imap_server.uids("UNSEEN") == []
    assert (InboundMail.objects.count(), Ticket.objects.count()) == (5, 5)


@pytest.mark.django_db(transaction=True)
def test_a_crash_between_commit_and_flags_fetches_again_and_stores_nothing_twice(
    imap_server: ImapServer, team_rome: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given: the worker dies once the first batch of two committed, before flagging it.
    mailbox = _mailbox(imap_server, team_rome, monkeypatch)
    for number in range(5):
        imap_server.append(_numbered(number))

    def crash(result: Ingested) -> None:
        raise OSError("the worker died here")

    with pytest.raises(OSError, match="died"):
        imap_poll(mailbox, batch=2, after_store=crash)
    assert imap_server.uids("UNSEEN") == [1, 2, 3, 4, 5]
    assert InboundMail.objects.count() == 2
    # When: the next poll
    again = imap_poll(mailbox, batch=2)
    # Then: all five fetched again, the three new ones stored, each mail once.
    assert (again.fetched, again.stored, again.acknowledged) == (5, 3, 5)
    assert imap_server.uids("UNSEEN") == []
    assert (InboundMail.objects.count(), Ticket.objects.count()) == (5, 5)
    acknowledged = OutboundMail.objects.values_list("ticket_id", flat=True)
    assert sorted(acknowledged) == sorted(Ticket.objects.values_list("id", flat=True))


@pytest.mark.django_db(transaction=True)
def test_a_crash_inside_a_batch_leaves_it_unread_and_unstored(
    imap_server: ImapServer, team_rome: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given: the worker dies in the second batch, after one of its two mails.
    mailbox = _mailbox(imap_server, team_rome, monkeypatch)
    for number in range(4):
        imap_server.append(_numbered(number))

    def crash(result: Ingested) -> None:
        if result.mail.message_key == "id:n2@shop.example":
            raise KeyboardInterrupt

    # When
    with pytest.raises(KeyboardInterrupt):
        imap_poll(mailbox, batch=2, after_each=crash)
    # Then: the first batch is stored and read, nothing of the second is either.
    assert list(InboundMail.objects.order_by("id").values_list("message_key", flat=True)) == [
        "id:n0@shop.example",
        "id:n1@shop.example",
    ]
    assert (Ticket.objects.count(), OutboundMail.objects.count()) == (2, 2)
    assert imap_server.uids("UNSEEN") == [3, 4]
    again = imap_poll(mailbox, batch=2)
    assert (again.fetched, again.stored) == (2, 2)
    assert (InboundMail.objects.count(), Ticket.objects.count()) == (4, 4)


@pytest.mark.parametrize(
    ("_case", "sizes", "groups"),
    [
        ("small ones share a command", {"1": 10, "2": 20, "3": 30}, [["1", "2", "3"]]),
        (
            "a large one goes alone",
            {"1": 10, "2": FETCH_BYTES + 1, "3": 30},
            [["1"], ["2"], ["3"]],
        ),
        (
            "the bound splits a run",
            {"1": FETCH_BYTES // 2, "2": FETCH_BYTES // 2, "3": 1},
            [["1", "2"], ["3"]],
        ),
        ("one gone since the search is left out", {"1": 10, "3": 30}, [["1", "3"]]),
    ],
)
def test_messages_are_fetched_several_to_a_command_within_a_bound(
    _case: str, sizes: dict[str, int], groups: list[list[str]]
) -> None:
    assert fetch_groups(["1", "2", "3"], sizes) == groups


def test_a_fetch_answer_gives_each_body_by_uid_wherever_the_server_names_it() -> None:
    answer: list[Any] = [
        (b"1 (UID 7 BODY[] {5}", b"first"),
        b")",
        (b"2 (BODY[] {6}", b"second"),  # the UID after the body, as some servers send it
        b" UID 9)",
        (b"3 (FLAGS (\\Seen) UID 11 BODY[] {5}", b"third"),
        b")",
    ]
    assert fetched_bodies(answer) == {"7": b"first", "9": b"second", "11": b"third"}
