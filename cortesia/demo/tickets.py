"""Demo tickets: one per demo customer, in their language, routed to the team that speaks
it, in every status and SLA state (met, running, paused, breached)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import CustomerEmail
from cortesia.sla.models import SlaPolicy
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    message_add,
    ticket_create,
    ticket_update,
)
from cortesia.tickets.sla_scanner import sla_scan


@dataclass(frozen=True)
class DemoTicket:
    email: str
    team: str
    agent: str
    subject: str
    question: str
    hours_ago: int
    answer: str = ""
    status: str = ""  # set after the answer
    priority: str = "normal"


TICKETS = (
    DemoTicket(
        "giulia.bianchi@example.com",
        "Roma",
        "marco",
        "Il pacco IT-1044 non è arrivato",
        "Buongiorno, il mio ordine IT-1044 risulta spedito da una settimana ma non è ancora "
        "arrivato. Potete verificare?",
        2,
    ),
    DemoTicket(
        "matti.virtanen@example.com",
        "Helsinki",
        "aino",
        "Laskussa väärä osoite",
        "Hei, tilauksen FI-2001 laskussa on vanha osoitteeni. Voitteko korjata sen?",
        30,
        "Hei Matti, kiitos viestistä! Voisitko lähettää uuden osoitteesi?",
        "pending",
    ),
    DemoTicket(
        "maria.ivanova@example.com",
        "София",
        "elena",
        "Въпрос за доставката",
        "Здравейте, кога ще бъде изпратена поръчка BG-3001?",
        50,
        "Уважаема госпожо Иванова, поръчката ще бъде изпратена утре.",
        "solved",
    ),
    DemoTicket(
        "ion.popescu@example.com",
        "București",
        "andreea",
        "Rambursare pentru comanda RO-4001",
        "Bună ziua, am returnat comanda RO-4001 acum zece zile și nu am primit banii înapoi.",
        6,
        "Stimate domnule Popescu, verificăm plata și revenim astăzi.",
        "open",
        "urgent",
    ),
    DemoTicket(
        "mohammed.alotaibi@example.com",
        "الرياض",
        "layla",
        "استفسار عن الطلب SA-5002",
        "السلام عليكم، متى سيصل طلبي رقم SA-5002؟ لقد مر أسبوع على الطلب.",
        72,
    ),
    DemoTicket(
        "emily.carter@example.com",
        "New York",
        "james",
        "Wrong size in order US-6001",
        "Hi, I received a medium instead of a large. Can I exchange it?",
        20,
        "Hi Emily, sorry about that! We're checking the stock with the warehouse.",
        "on_hold",
    ),
    DemoTicket(
        "hans.mueller@example.com",
        "New York",
        "james",
        "Rechnung für Bestellung DE-7001",
        "Guten Tag, bitte senden Sie mir die Rechnung für meine Bestellung DE-7001.",
        120,
        "Sehr geehrter Herr Müller, anbei die Rechnung. Mit freundlichen Grüßen",
        "closed",
    ),
    DemoTicket(
        "taro.yamada@example.com",
        "New York",
        "james",
        "注文JP-8001について",
        "こんにちは。注文JP-8001の配送状況を教えていただけますか。",
        1,
    ),
)

POLICIES: tuple[tuple[str, int, list[str], int, int, int], ...] = (
    ("Urgent", 0, ["urgent"], 60, 120, 480),
    ("Standard", 1, [], 240, 480, 2880),
)


def _policies() -> int:
    created = 0
    for name, position, priorities, first, following, resolution in POLICIES:
        _policy, is_new = SlaPolicy.objects.get_or_create(
            name=name,
            defaults={
                "position": position,
                "priorities": priorities,
                "first_response_minutes": first,
                "next_response_minutes": following,
                "resolution_minutes": resolution,
            },
        )
        created += is_new
    return created


def _answer(ticket: Ticket, spec: DemoTicket, agent: User) -> None:
    actor = Actor(user=agent)
    message_add(ticket=ticket, data=MessageData(body_text=spec.answer), actor=actor)
    path = {"solved": ["solved"], "closed": ["solved", "closed"]}.get(spec.status, [spec.status])
    for status in path:
        if status and status != "open":
            ticket_update(
                ticket=ticket,
                changes=TicketChanges(status=status),
                expected_version=None,
                actor=actor,
            )


def load_demo_tickets() -> int:
    """Create the SLA policies and the demo tickets that are missing; return how many."""
    created = _policies()
    now = timezone.now()
    for spec in TICKETS:
        owner = CustomerEmail.objects.select_related("customer").get(address=spec.email).customer
        if Ticket.objects.filter(customer=owner, subject=spec.subject).exists():
            continue
        team = Team.objects.get(name=spec.team)
        agent = User.objects.get(username=spec.agent)
        ticket = ticket_create(
            data=TicketData(
                subject=spec.subject,
                customer=owner,
                team=team,
                assignee=agent,
                channel="email",
                priority=spec.priority,
                created_at=now - timedelta(hours=spec.hours_ago),
                message=MessageData(body_text=spec.question, author_kind="customer"),
            ),
            actor=Actor.system(),
        )
        if spec.answer:
            _answer(ticket, spec, agent)
        created += 1
    sla_scan(now=now)
    return created
