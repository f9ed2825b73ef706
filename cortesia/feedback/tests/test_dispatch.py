"""Sending due invitations: rendered for the customer, put in the outbox with the
automatic-mail headers and a one-click unsubscribe, checked again as they leave, each
exactly once."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail as django_mail

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.customers.consents import consent_record
from cortesia.customers.models import ConsentRecord, Customer
from cortesia.feedback.dispatch import BATCH, invitations_dispatch, invitations_expire
from cortesia.feedback.models import InvitationState, SurveyChannel, SurveyInvitation
from cortesia.feedback.tests.sending_fixtures import (
    csat_survey,
    giulia,
    layla,
    open_ticket,
    own_data_dir,
    person,
    set_status,
    smtp,
    support,
    tickets_numbered_from_1001,
)
from cortesia.feedback.tokens import token_digest
from cortesia.mail.models import Mailbox, OutboundMail
from cortesia.mail.sending import build_message, deliver
from cortesia.testing.smtp import SmtpServer

__all__ = ["giulia", "layla", "own_data_dir", "smtp", "support", "tickets_numbered_from_1001"]

pytestmark = pytest.mark.django_db

SOLVED = datetime(2026, 12, 9, 10, 0, tzinfo=UTC)  # Wednesday, 11:00 in Rome
DUE = datetime(2026, 12, 9, 12, 0, tzinfo=UTC)  # two hours later
LINK = re.compile(r"https?://[^\s\"<>]+")


def _solved(customer: Customer, team: Team | None, **survey: object) -> SurveyInvitation:
    csat_survey(**survey)
    with time_machine.travel(SOLVED, tick=False):
        set_status(open_ticket(customer, team), "solved")
    return SurveyInvitation.objects.get()


def test_nothing_leaves_before_its_time(
    team_rome: Team, giulia: Customer, support: Mailbox
) -> None:
    invitation = _solved(giulia, team_rome)
    assert invitation.scheduled_for == DUE
    assert invitations_dispatch(now=DUE - timedelta(seconds=1)) == 0
    assert OutboundMail.objects.count() == 0
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.SCHEDULED


def test_a_due_invitation_is_mailed_once_with_a_fresh_token(
    team_rome: Team, giulia: Customer, support: Mailbox, django_capture_on_commit_callbacks: object
) -> None:
    invitation = _solved(giulia, team_rome)

    with django_capture_on_commit_callbacks(execute=False):  # type: ignore[operator]
        assert invitations_dispatch(now=DUE) == 1
        assert invitations_dispatch(now=DUE) == 0

    invitation.refresh_from_db()
    outbound = OutboundMail.objects.get()
    assert (invitation.state, invitation.sent_at, invitation.expires_at) == (
        InvitationState.SENT,
        DUE,
        DUE + timedelta(days=30),
    )
    assert invitation.outbound == outbound
    assert (outbound.kind, outbound.to, outbound.ticket, outbound.mailbox) == (
        "survey",
        "giulia@example.it",
        invitation.ticket,
        support,
    )
    assert (invitation.language, invitation.register, outbound.language) == ("it", "formal", "it")
    links = LINK.findall(outbound.body_text)
    tokens = {re.search(r"/survey/([^/?]+)/", link).group(1) for link in links}  # type: ignore[union-attr]
    (token,) = tokens
    assert len(token) == 43  # 256 bits in base64url
    assert invitation.token_digest == token_digest(token)
    assert token not in str(SurveyInvitation.objects.filter(pk=invitation.pk).values().get())
    answer_links = [link for link in links if "?score=" in link]
    assert [link.rpartition("=")[2] for link in answer_links] == ["1", "2", "3", "4", "5"]
    assert outbound.headers == {
        "List-Unsubscribe": f"<http://testserver/survey/{token}/unsubscribe/>".replace(
            "http://testserver", links[-1].split("/survey/")[0]
        ),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def test_the_mail_on_the_wire(
    team_rome: Team, giulia: Customer, support: Mailbox, smtp: SmtpServer
) -> None:
    _solved(giulia, team_rome)
    invitations_dispatch(now=DUE)
    outbound = OutboundMail.objects.get()
    assert deliver(outbound.pk) == OutboundMail.State.SENT

    (received,) = smtp.received
    message = received.message
    assert received.mail_from == "<>"  # a null envelope sender: a bounce goes nowhere
    assert received.rcpt_tos == ["giulia@example.it"]
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["X-Auto-Response-Suppress"] == "All"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].strip() == outbound.headers["List-Unsubscribe"]
    assert message["Content-Language"] == "it"
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert html.startswith('<div lang="it" dir="ltr">')


def test_an_arabic_mail_is_laid_out_right_to_left(
    team_rome: Team, layla: Customer, support: Mailbox
) -> None:
    csat_survey()
    with time_machine.travel(datetime(2027, 1, 10, 7, 0, tzinfo=UTC), tick=False):
        set_status(open_ticket(layla, team_rome), "solved")
    invitations_dispatch(now=datetime(2027, 1, 10, 9, 0, tzinfo=UTC))
    message = build_message(OutboundMail.objects.get())
    assert message.extra_headers["Content-Language"] == "ar"
    html = message.alternatives[0][0]
    assert str(html).startswith('<div lang="ar" dir="rtl">')


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        pytest.param("withdraw", "withdrawn", id="consent-withdrawn-meanwhile"),
        pytest.param("reopen", "reopened", id="ticket-reopened-meanwhile"),
        pytest.param("switch_off", "survey_off", id="survey-switched-off-meanwhile"),
        pytest.param("no_address", "no_address", id="no-e-mail-address"),
        pytest.param("no_mailbox", "no_mailbox", id="no-mailbox-to-send-from"),
    ],
)
def test_an_invitation_is_checked_again_as_it_leaves(
    team_rome: Team, giulia: Customer, support: Mailbox, change: str, reason: str
) -> None:
    invitation = _solved(giulia, team_rome)
    if change == "withdraw":
        consent_record(
            customer=giulia,
            purpose=ConsentRecord.Purpose.SURVEYS,
            channel=ConsentRecord.Channel.EMAIL,
            status=ConsentRecord.Status.WITHDRAWN,
            source=ConsentRecord.Source.FORM,
            text_shown="No more surveys",
            actor=Actor.system(),
        )
    elif change == "reopen":
        assert invitation.ticket is not None
        set_status(invitation.ticket, "open")
    elif change == "switch_off":
        invitation.survey.is_active = False
        invitation.survey.save(update_fields=["is_active"])
    elif change == "no_address":
        giulia.emails.all().delete()
    else:
        Mailbox.objects.update(is_active=False)

    assert invitations_dispatch(now=DUE) == 1

    invitation.refresh_from_db()
    assert (invitation.state, invitation.suppressed_reason) == ("suppressed", reason)
    assert (invitation.sent_at, invitation.token_digest) == (None, None)
    assert OutboundMail.objects.count() == 0


def test_a_reopened_ticket_solved_again_is_surveyed_again(
    team_rome: Team, giulia: Customer, support: Mailbox
) -> None:
    invitation = _solved(giulia, team_rome)
    assert invitation.ticket is not None
    set_status(invitation.ticket, "open")
    invitations_dispatch(now=DUE)
    with time_machine.travel(DUE + timedelta(hours=1), tick=False):
        set_status(invitation.ticket, "solved")
    invitation.refresh_from_db()
    assert (invitation.state, invitation.suppressed_reason) == ("scheduled", "")
    assert invitation.scheduled_for == DUE + timedelta(hours=3)
    assert invitations_dispatch(now=DUE + timedelta(hours=3)) == 1
    assert OutboundMail.objects.count() == 1


def test_portal_invitations_are_sent_without_a_mail(
    team_rome: Team, giulia: Customer, support: Mailbox
) -> None:
    invitation = _solved(giulia, team_rome, channel=SurveyChannel.PORTAL)
    invitations_dispatch(now=DUE)
    invitation.refresh_from_db()
    assert (invitation.state, invitation.sent_at, invitation.token_digest) == ("sent", DUE, None)
    assert (invitation.language, invitation.register) == ("it", "formal")
    assert OutboundMail.objects.count() == 0
    assert django_mail.outbox == []


def test_unanswered_links_expire(team_rome: Team, giulia: Customer, support: Mailbox) -> None:
    invitation = _solved(giulia, team_rome)
    invitations_dispatch(now=DUE)
    assert invitations_expire(now=DUE + timedelta(days=30)) == 0
    assert invitations_expire(now=DUE + timedelta(days=30, seconds=1)) == 1
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.EXPIRED


def test_a_batch_is_read_in_a_fixed_number_of_queries(
    team_rome: Team, support: Mailbox, django_assert_num_queries: object
) -> None:
    csat_survey()
    with time_machine.travel(SOLVED, tick=False):
        for number in range(12):
            customer = person(
                "Cliente",
                f"Numero {number}",
                country="IT",
                language="it",
                email=f"c{number}@example.it",
            )
            set_status(open_ticket(customer, team_rome), "solved")
    # the batch's lock, settings, texts, addresses, consents, registers, company, mailboxes
    # (two), the outbox insert and the invitations' update: none of them per invitation
    with django_assert_num_queries(15):  # type: ignore[operator]
        assert invitations_dispatch(now=DUE) == 12
    assert OutboundMail.objects.count() == 12
    assert BATCH == 200


def test_a_mixed_batch_writes_each_invitation_its_own_outcome(
    team_rome: Team, support: Mailbox, django_assert_num_queries: object
) -> None:
    csat_survey()
    people = {
        name: person("Cliente", name, country="IT", language="it", email=email)
        for name, email in [
            ("Uno", "uno@example.it"),
            ("Due", "due@example.it"),
            ("Tre", ""),
            ("Quattro", "quattro@example.it"),
            ("Cinque", "cinque@example.it"),
        ]
    }
    with time_machine.travel(SOLVED, tick=False):
        for customer in people.values():
            set_status(open_ticket(customer, team_rome), "solved")
    for name in ("Due", "Quattro"):
        consent_record(
            customer=people[name],
            purpose=ConsentRecord.Purpose.SURVEYS,
            channel=ConsentRecord.Channel.EMAIL,
            status=ConsentRecord.Status.WITHDRAWN,
            source=ConsentRecord.Source.FORM,
            text_shown="No more surveys",
            actor=Actor.system(),
        )
    # as a batch of sent invitations, plus one UPDATE per reason a mail did not leave
    with django_assert_num_queries(17):  # type: ignore[operator]
        assert invitations_dispatch(now=DUE) == 5

    mails = {mail.to: mail for mail in OutboundMail.objects.all()}
    rows: dict[str, tuple[object, ...]] = {
        row[0]: row[1:]
        for row in SurveyInvitation.objects.values_list(
            "customer__surname", "state", "suppressed_reason", "sent_at", "expires_at",
            "outbound", "language", "register", "token_digest",
        )
    }  # fmt: skip
    expires = DUE + timedelta(days=30)
    for name in ("Uno", "Cinque"):
        mail = mails[f"{name.lower()}@example.it"]
        tokens = {
            re.findall(r"/survey/([^/?]+)/", link)[0] for link in LINK.findall(mail.body_text)
        }
        (token,) = tokens
        assert rows.pop(name) == (
            "sent", "", DUE, expires, mail.pk, "it", "formal", token_digest(token),
        )  # fmt: skip
    assert rows == {
        "Due": ("suppressed", "withdrawn", None, None, None, "", "", None),
        "Tre": ("suppressed", "no_address", None, None, None, "", "", None),
        "Quattro": ("suppressed", "withdrawn", None, None, None, "", "", None),
    }
    assert sorted(mails) == ["cinque@example.it", "uno@example.it"]
