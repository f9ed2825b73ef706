"""Demo history: three months of past tickets, their answers and surveys, two years of
orders, and a year of acquisition spend, so every report has something true to show.

The tickets are opened through the ticket service with their past creation time (as an
import does); what happened to them afterwards (replies, solves, reopens, SLA outcomes,
survey answers) is written as an import of past activity would write it, with the
instants it happened at. The generator is seeded: every demo instance tells the same
story relative to the day it was loaded.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import F
from django.utils import timezone

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer, CustomerEmail
from cortesia.customers.orders import OrderData, order_record
from cortesia.customers.services import CustomerData, customer_create
from cortesia.feedback.models import (
    InvitationState,
    Survey,
    SurveyInvitation,
    SurveyKind,
    SurveyResponse,
)
from cortesia.reports.models import AcquisitionSpend, ExchangeRate
from cortesia.reports.rates import rates_import_bundled
from cortesia.reports.upkeep import facts_rebuild
from cortesia.sla.models import SlaClock
from cortesia.tickets.models import Ticket, TicketEvent, TicketMessage
from cortesia.tickets.services import MessageData, TicketData, ticket_create

DAYS = 91
MARKER = "history"  # the e-mail domain part of the history customers


@dataclass(frozen=True)
class Market:
    team: str
    country: str
    language: str
    zone: str
    currency: str
    people: tuple[tuple[str, str], ...]
    asks: tuple[str, ...]
    answers: tuple[str, ...]


MARKETS = (
    Market(
        "Roma",
        "IT",
        "it",
        "Europe/Rome",
        "EUR",
        (("Luca", "Ferri"), ("Chiara", "Gallo"), ("Paolo", "Conti"), ("Sara", "Greco")),
        ("Il pacco non è arrivato.", "Vorrei cambiare la taglia.", "Mi serve la fattura."),
        ("Abbiamo controllato la spedizione: arriva domani.", "Le abbiamo inviato il documento."),
    ),
    Market(
        "Helsinki",
        "FI",
        "fi",
        "Europe/Helsinki",
        "EUR",
        (("Aino", "Mäkinen"), ("Juha", "Nieminen"), ("Elina", "Laine")),
        ("Paketti ei ole saapunut.", "Haluan palauttaa tuotteen."),
        ("Tarkistimme lähetyksen: se saapuu huomenna.", "Palautusohjeet on lähetetty."),
    ),
    Market(
        "София",
        "BG",
        "bg",
        "Europe/Sofia",
        "EUR",
        (("Петър", "Георгиев"), ("Анна", "Димитрова"), ("Иван", "Николов")),
        ("Пратката не е пристигнала.", "Искам фактура."),
        ("Проверихме пратката: пристига утре.", "Изпратихме ви фактурата."),
    ),
    Market(
        "București",
        "RO",
        "ro",
        "Europe/Bucharest",
        "RON",
        (("Andrei", "Stan"), ("Ioana", "Dumitru"), ("Radu", "Munteanu")),
        ("Coletul nu a ajuns.", "Aș dori o factură."),
        ("Am verificat livrarea: ajunge mâine.", "V-am trimis factura."),
    ),
    Market(
        "الرياض",
        "SA",
        "ar",
        "Asia/Riyadh",
        "SAR",
        (("خالد", "الشمري"), ("نورة", "العتيبي"), ("فهد", "الدوسري")),
        ("لم يصل الطرد بعد.", "أرغب في استبدال المنتج."),
        ("تحققنا من الشحنة وستصل غدًا.", "أرسلنا إليكم تعليمات الاستبدال."),
    ),
    Market(
        "New York",
        "US",
        "en",
        "America/New_York",
        "USD",
        (("Emily", "Carter"), ("Daniel", "Brooks"), ("Olivia", "Reed"), ("Ethan", "Hayes")),
        ("My parcel has not arrived.", "I would like to change my order."),
        ("We checked the shipment: it arrives tomorrow.", "Your order has been changed."),
    ),
)
CHANNELS = ("email", "email", "web", "web", "phone", "chat")
PRIORITIES = ("normal", "normal", "normal", "low", "high", "urgent")
# (channel, country, currency, amount per month)
SPEND = (
    ("Search ads", "IT", "EUR", Decimal("1800.00")),
    ("Social ads", "IT", "EUR", Decimal("950.00")),
    ("Search ads", "US", "USD", Decimal("2400.00")),
    ("Social ads", "RO", "RON", Decimal("3000.00")),
    ("Affiliates", "", "EUR", Decimal("700.00")),
)
SAR_PER_USD = Decimal("3.75")  # the riyal is pegged to the US dollar


def _customers() -> dict[str, list[Customer]]:
    """The history customers of each market (created when missing)."""
    out: dict[str, list[Customer]] = {}
    for market in MARKETS:
        out[market.team] = []
        for index, (given, surname) in enumerate(market.people):
            address = f"{market.country.lower()}{index}@{MARKER}.example.com"
            row = CustomerEmail.objects.select_related("customer").filter(address=address).first()
            if row is not None:
                out[market.team].append(row.customer)
                continue
            customer = customer_create(
                data=CustomerData(
                    given_name=given,
                    surname=surname,
                    country=market.country,
                    language=market.language,
                    emails=[address],
                ),
                actor=Actor.system(),
            )
            out[market.team].append(customer)
    return out


def _local(day: date, hour: float, zone: ZoneInfo) -> datetime:
    whole = int(hour)
    moment = datetime.combine(day, time(whole, int((hour - whole) * 60)), tzinfo=zone)
    return moment.astimezone(UTC)


class _Story:
    """Writes one ticket's past activity after its creation."""

    def __init__(self, ticket: Ticket, agent: User, market: Market, rng: random.Random) -> None:
        self.ticket = ticket
        self.agent = agent
        self.market = market
        self.rng = rng
        self.messages: list[TicketMessage] = []
        self.events: list[TicketEvent] = []

    def _event(self, kind: str, at: datetime, **extra: object) -> None:
        self.ticket.version += 1
        self.events.append(
            TicketEvent(
                ticket=self.ticket,
                kind=kind,
                occurred_at=at,
                actor=self.agent if kind != TicketEvent.Kind.CUSTOMER_REPLIED else None,
                version=self.ticket.version,
                fields=list(extra.get("fields", [])),  # type: ignore[call-overload]
                data=dict(extra.get("data", {})),  # type: ignore[call-overload]
            )
        )

    def _message(self, author: str, text: str, at: datetime) -> None:
        self.messages.append(
            TicketMessage(
                ticket=self.ticket,
                kind=TicketMessage.Kind.REPLY,
                author_kind=author,
                author=self.agent if author == "agent" else None,
                body_html=f"<p>{text}</p>",
                body_text=text,
                created_at=at,
            )
        )

    def agent_reply(self, at: datetime) -> None:
        ticket = self.ticket
        self._message("agent", self.rng.choice(self.market.answers), at)
        ticket.agent_reply_count += 1
        if ticket.first_response_at is None:
            ticket.first_response_at = at
        if ticket.status == "new":
            ticket.status = "open"
            self._event(TicketEvent.Kind.REPLIED, at, fields=["status"])
        else:
            self._event(TicketEvent.Kind.REPLIED, at)

    def customer_reply(self, at: datetime) -> None:
        ticket = self.ticket
        self._message("customer", self.rng.choice(self.market.asks), at)
        ticket.customer_reply_count += 1
        if ticket.status == "solved":
            ticket.status = "open"
            ticket.solved_at = None
            ticket.reopen_count += 1
            self._event(TicketEvent.Kind.REOPENED, at, fields=["status"])
        else:
            self._event(TicketEvent.Kind.CUSTOMER_REPLIED, at)

    def solve(self, at: datetime) -> None:
        before = self.ticket.status
        self.ticket.status = "solved"
        self.ticket.solved_at = at
        self._event(
            TicketEvent.Kind.UPDATED, at, fields=["status"], data={"status": [before, "solved"]}
        )

    def save(self) -> None:
        TicketMessage.objects.bulk_create(self.messages)
        TicketEvent.objects.bulk_create(self.events)
        self.ticket.save(
            update_fields=[
                "status",
                "solved_at",
                "first_response_at",
                "agent_reply_count",
                "customer_reply_count",
                "reopen_count",
                "version",
                "sla_due_at",
            ]
        )


def _hours(rng: random.Random, low: float, high: float) -> timedelta:
    """A skewed wait: most short, a few long."""
    return timedelta(hours=low + (high - low) * rng.random() ** 2.5)


def _settle_clocks(ticket: Ticket, now: datetime) -> None:
    """Give the SLA clocks the outcome the written history implies, so nothing past is
    left running overdue."""
    for clock in SlaClock.objects.filter(ticket=ticket):
        if clock.target == SlaClock.Target.FIRST_RESPONSE:
            done = ticket.first_response_at
        elif clock.target == SlaClock.Target.RESOLUTION:
            done = ticket.solved_at
        else:
            done = None
        missed = clock.due_at is not None and (done or now) > clock.due_at
        clock.breached_at = clock.due_at if missed else None
        clock.warned_at = clock.warn_due_at if missed else None
        clock.next_check_at = None
        if done is not None:
            clock.state = SlaClock.State.MET
            clock.stopped_at = done
            clock.running_since = None
        clock.save()
    ticket.sla_due_at = None


def _ticket(
    market: Market,
    team: Team,
    agents: list[User],
    customer: Customer,
    created: datetime,
    now: datetime,
    rng: random.Random,
) -> Ticket:
    agent = rng.choice(agents)
    ticket = ticket_create(
        data=TicketData(
            subject=rng.choice(market.asks).rstrip("."),
            customer=customer,
            team=team,
            assignee=agent,
            channel=rng.choice(CHANNELS),
            priority=rng.choice(PRIORITIES),
            language=market.language,
            created_at=created,
            message=MessageData(body_text=rng.choice(market.asks), author_kind="customer"),
        ),
        actor=Actor.system(),
    )
    story = _Story(ticket, agent, market, rng)
    at = created + _hours(rng, 0.2, 30)
    if at < now:
        story.agent_reply(at)
        if rng.random() < 0.3:
            at += _hours(rng, 1, 20)
            if at < now:
                story.customer_reply(at)
                at += _hours(rng, 0.5, 12)
                if at < now:
                    story.agent_reply(at)
        at += _hours(rng, 0, 24)
        if at < now and rng.random() < 0.88:
            story.solve(at)
            if rng.random() < 0.1:
                at += timedelta(days=rng.randint(1, 8), hours=rng.randint(0, 8))
                if at < now:
                    story.customer_reply(at)
                    at += _hours(rng, 0.5, 10)
                    if at < now:
                        story.agent_reply(at)
                        story.solve(at + timedelta(minutes=5))
    if story.ticket.status != "solved" and now - created > timedelta(days=7):
        # older requests were mostly settled in the end, some after a long wait
        late = at + timedelta(days=rng.randint(1, 5))
        if late < now and story.ticket.first_response_at is not None and rng.random() < 0.85:
            story.solve(late)
    story.save()
    _settle_clocks(ticket, now)
    ticket.save(update_fields=["sla_due_at"])
    return ticket


def _survey_answers(tickets: list[Ticket], now: datetime, rng: random.Random) -> int:
    """Invitations sent two hours after a solve, about half of them answered."""
    surveys = {
        survey.kind: survey
        for survey in Survey.objects.filter(kind__in=(SurveyKind.CSAT, SurveyKind.NPS))
    }
    made = 0
    for ticket in tickets:
        if ticket.solved_at is None or rng.random() > 0.45:
            continue
        kind = SurveyKind.CSAT if rng.random() < 0.7 else SurveyKind.NPS
        survey = surveys.get(kind)
        if survey is None:
            continue
        sent = ticket.solved_at + timedelta(hours=2)
        if sent >= now:
            continue
        answered = sent + _hours(rng, 0.1, 140) if rng.random() < 0.55 else None
        if answered is not None and answered >= now:
            answered = None
        invitation = SurveyInvitation.objects.create(
            survey=survey,
            kind=kind,
            customer=ticket.customer,
            ticket=ticket,
            channel="email",
            dedupe_key=f"history:{ticket.uid}:{survey.uid}",
            state=InvitationState.ANSWERED if answered else InvitationState.SENT,
            trigger_at=ticket.solved_at,
            scheduled_for=sent,
            time_zone=str(ticket.team.time_zone if ticket.team else "UTC"),
            zone_source="country",
            sent_at=sent,
            expires_at=sent + timedelta(days=30),
            answered_at=answered,
            language=ticket.language,
            register="formal",
            team=ticket.team,
            agent=ticket.assignee,
            ticket_channel=ticket.channel,
            country=ticket.customer.country,
        )
        made += 1
        if answered is None:
            continue
        if kind == SurveyKind.CSAT:
            score = rng.choices((1, 2, 3, 4, 5), weights=(1, 1, 2, 5, 8))[0]
            low = score <= 2
        else:
            score = rng.choices(range(11), weights=(1, 0, 1, 1, 1, 1, 2, 3, 5, 6, 6))[0]
            low = score <= 6
        SurveyResponse.objects.create(
            invitation=invitation,
            survey=survey,
            kind=kind,
            score=score,
            customer=ticket.customer,
            ticket=ticket,
            team=ticket.team,
            agent=ticket.assignee,
            channel=ticket.channel,
            language=ticket.language,
            country=ticket.customer.country,
            via=SurveyResponse.Via.PAGE,
            sent_at=sent,
            answered_at=answered,
            is_low=low,
        )
        made += 1
    return made


def _orders(customers: dict[str, list[Customer]], today: date, rng: random.Random) -> int:
    made = 0
    for market in MARKETS:
        for index, customer in enumerate(customers[market.team]):
            # within the bundled exchange rates (about 400 days)
            first = today - timedelta(days=rng.randint(30, 380))
            last = today
            if index % 3 == 2:
                # a third stopped ordering six to eight months ago: lost in recent weeks
                last = today - timedelta(days=rng.randint(182, 240))
                first = last - timedelta(days=rng.randint(0, 120))
            count = rng.randint(1, 7)
            for number in range(count):
                span = max((last - first).days, 0)
                day = first + timedelta(days=rng.randint(0, span))
                placed = datetime.combine(day, time(rng.randint(8, 21), 0), tzinfo=UTC)
                status = rng.choices(
                    ("delivered", "shipped", "paid", "returned", "cancelled"),
                    weights=(12, 2, 2, 1, 1),
                )[0]
                amount = Decimal(rng.randint(1500, 32000)) / 100
                if market.currency in ("RON", "SAR"):
                    amount *= 4
                _order, new = order_record(
                    customer=customer,
                    data=OrderData(
                        number=f"H-{market.country}{index}-{number + 1:03d}",
                        placed_at=placed,
                        currency=market.currency,
                        total=f"{amount:.2f}",
                        status=status,
                        source="history",
                    ),
                    actor=Actor.system(),
                )
                made += int(new)
    return made


def _spend(today: date) -> int:
    if AcquisitionSpend.objects.exists():
        return 0
    rows = []
    month = today.replace(day=1)
    for _step in range(12):
        month = (month - timedelta(days=1)).replace(day=1)
        end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        for channel, country, currency, amount in SPEND:
            rows.append(
                AcquisitionSpend(
                    starts_on=month,
                    ends_on=end,
                    channel=channel,
                    country=country,
                    currency=currency,
                    amount=amount,
                )
            )
    AcquisitionSpend.objects.bulk_create(rows)
    return len(rows)


def pegged_riyal_rates() -> int:
    """Riyal rates from the dollar's (3.75 riyals to the dollar), for the days that have a
    dollar rate and no riyal rate: the ECB publishes none for the riyal."""
    have = set(ExchangeRate.objects.filter(currency="SAR").values_list("day", flat=True))
    rows = [
        ExchangeRate(
            day=day,
            currency="SAR",
            per_euro=(rate * SAR_PER_USD).quantize(Decimal("0.0001")),
            source="USD × 3.75",
        )
        for day, rate in ExchangeRate.objects.filter(currency="USD").values_list("day", "per_euro")
        if day not in have
    ]
    ExchangeRate.objects.bulk_create(rows)
    return len(rows)


def load_demo_history() -> int:
    """Create the history when it is missing; return how many records were made: its
    customers, tickets, survey invitations and answers, orders and spend rows."""
    if CustomerEmail.objects.filter(address__endswith=f"@{MARKER}.example.com").exists():
        return 0
    rng = random.Random(16)  # noqa: S311  (a repeatable story, not a secret)
    now = timezone.now()
    today = now.date()
    customers = _customers()
    made = sum(len(rows) for rows in customers.values())
    tickets: list[Ticket] = []
    for market in MARKETS:
        team = Team.objects.get(name=market.team)
        agents = list(
            team.members.filter(is_active=True, role__in=("agent", "manager")).order_by("username")
        )
        zone = ZoneInfo(market.zone)
        for back in range(DAYS, 0, -1):
            day = today - timedelta(days=back)
            weekend = day.weekday() >= 5 if market.country != "SA" else day.weekday() in (4, 5)
            for _n in range(rng.choice((0, 1, 1, 2) if not weekend else (0, 0, 1))):
                created = _local(day, rng.uniform(7.5, 19.5), zone)
                customer = rng.choice(customers[market.team])
                tickets.append(_ticket(market, team, agents, customer, created, now, rng))
    Ticket.objects.filter(pk__in=[ticket.pk for ticket in tickets]).update(
        updated_at=F("created_at")
    )
    made += len(tickets)
    made += _survey_answers(tickets, now, rng)
    made += _orders(customers, today, rng)
    made += _spend(today)
    # Exchange rates are reference data, not demo records: they are not counted.
    if not ExchangeRate.objects.exists():
        rates_import_bundled()
    pegged_riyal_rates()
    facts_rebuild()
    return made
