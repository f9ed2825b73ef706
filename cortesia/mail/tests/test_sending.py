"""The From of a mail about a ticket names whoever signs it: the ticket's team, not the
mailbox's."""

from __future__ import annotations

import pytest

from cortesia.accounts.models import Team, User
from cortesia.accounts.services import team_create
from cortesia.core.actor import Actor
from cortesia.customers.services import CustomerData, customer_create
from cortesia.localization.selectors import business_register_defaults
from cortesia.mail.models import Mailbox, OutboundMail
from cortesia.testing.smtp import SmtpServer
from cortesia.tickets.composer import reply_frame
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketData, message_add, ticket_create

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]


@pytest.fixture
def team_sofia(db: None) -> Team:
    return team_create(
        name="София", languages=["bg"], time_zone="Europe/Sofia", actor=Actor.system()
    )


def test_the_sender_name_is_the_tickets_signer_not_the_mailboxs_team(
    support: Mailbox, smtp: SmtpServer, team_sofia: Team, alice: User
) -> None:
    # Given: the acknowledging mailbox belongs to Roma, the request to София.
    assert support.team is not None
    assert support.team.name == "Roma"
    maria = customer_create(
        data=CustomerData(
            given_name="Мария", surname="Тестова", language="bg", emails=["maria@example.bg"]
        ),
        actor=Actor.system(),
    )
    # When: she opens a request on the web and an agent answers it.
    ticket = ticket_create(
        data=TicketData(
            subject="Поръчка",
            customer=maria,
            channel=Ticket.Channel.WEB,
            team=team_sofia,
            message=MessageData(
                body_text="Поръчката ми не е пристигнала още.", author_kind="customer"
            ),
        ),
        actor=Actor.system(),
    )
    frame = reply_frame(ticket, alice, business_register_defaults())
    message_add(
        ticket=ticket,
        data=MessageData(
            body_text=f"{frame.greeting}\n\nПратката пристига утре.\n\n{frame.sign_off}"
        ),
        actor=Actor(user=alice),
    )
    # Then: each mail's From names the signature's last line, София, at the mailbox's address.
    ack = OutboundMail.objects.get(kind=OutboundMail.Kind.ACKNOWLEDGEMENT)
    ack_signer = ack.body_text.split("\n\n")[-2].splitlines()[-1]  # before the portal line
    reply_signer = frame.sign_off.splitlines()[-1]
    assert [mail.message["From"] for mail in smtp.received] == [
        "София <support@shop.example>",
        "София <support@shop.example>",
    ]
    assert (ack_signer, reply_signer) == ("София", "София")
    assert [mail.message["From"].addresses[0].display_name for mail in smtp.received] == [
        ack_signer,
        reply_signer,
    ]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (OutboundMail.Kind.ACKNOWLEDGEMENT, "en"),  # written in the site's language
        (OutboundMail.Kind.REPLY, "de"),  # the agent writes German
    ],
)
def test_a_mail_names_the_language_it_is_written_in(
    support: Mailbox, kind: str, expected: str
) -> None:
    from cortesia.mail.sending import build_message

    hans = customer_create(
        data=CustomerData(given_name="Hans", language="de", emails=["hans@example.de"]),
        actor=Actor.system(),
    )
    ticket = ticket_create(
        data=TicketData(
            subject="Paket",
            customer=hans,
            language="de",
            message=MessageData(body_text="Wo ist mein Paket?", author_kind="customer"),
        ),
        actor=Actor.system(),
    )
    outbound = OutboundMail.objects.create(
        ticket=ticket,
        mailbox=support,
        kind=kind,
        message_id="m-1@shop.example",
        to="hans@example.de",
        subject="Paket",
        body_text="…",
        body_html="<p>…</p>",
    )
    message = build_message(outbound)
    assert message.extra_headers["Content-Language"] == expected
    markup = message.alternatives[0][0]
    assert isinstance(markup, str)
    assert markup.startswith(f'<div lang="{expected}" dir="ltr">')
