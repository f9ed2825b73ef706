from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cortesia.mail.acknowledgement import LoopBreaker
from cortesia.mail.inbound import mail_ingest
from cortesia.mail.models import InboundMail, Mailbox, OutboundMail

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _mail(sender: str, message_id: str) -> bytes:
    return (
        f"From: {sender}\r\nTo: support@shop.example\r\nSubject: Ordine\r\n"
        f"Message-ID: <{message_id}>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "Buongiorno, il mio ordine non è ancora arrivato, potete controllare?"
    ).encode()


def test_the_loop_breaker_reads_the_expected_together_and_any_other_alone(
    support: Mailbox,
) -> None:
    # Given: five acknowledgements to one address and one to another.
    for n in range(5):
        mail_ingest(mailbox=support, raw=_mail("loop@example.it", f"l{n}@x.it"), source="pipe")
    mail_ingest(mailbox=support, raw=_mail("c0@example.it", "c0@x.it"), source="pipe")
    assert OutboundMail.objects.filter(kind=OutboundMail.Kind.ACKNOWLEDGEMENT).count() == 6
    breaker = LoopBreaker(["c0@example.it", "c1@example.it"])
    # When
    with CaptureQueriesContext(connection) as captured:
        answers = [
            breaker.allows("loop@example.it"),
            breaker.allows("c1@example.it"),
            breaker.allows("c0@example.it"),
            breaker.allows("loop@example.it"),
        ]
    # Then: the unexpected address was counted alone, the two expected ones together.
    assert answers == [False, True, True, False]
    reads = [query["sql"] for query in captured.captured_queries]
    assert len(reads) == 2
    assert ("COUNT(" in reads[0], "GROUP BY" in reads[0]) == (True, False)
    assert ("COUNT(" in reads[1], "GROUP BY" in reads[1]) == (True, True)
    assert InboundMail.objects.count() == 6


def test_the_loop_breaker_counts_what_is_queued_after_it_read(support: Mailbox) -> None:
    breaker = LoopBreaker(["new@example.it"])
    for _ in range(4):
        assert breaker.allows("new@example.it")
        breaker.count("new@example.it")
    with CaptureQueriesContext(connection) as captured:
        assert breaker.allows("new@example.it")
        breaker.count("new@example.it")
        assert not breaker.allows("new@example.it")
    assert captured.captured_queries == []
