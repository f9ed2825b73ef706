"""Demo feedback: three surveys (CSAT after a solved ticket, CES after a delivery, NPS
every quarter), a solved request per demo customer answered in the customer's language —
one of them a low score that opened a follow-up ticket — and reviews and social mentions
in six languages, some matched to customers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import CustomerEmail, Segment
from cortesia.feedback.answers import response_record
from cortesia.feedback.dispatch import invitations_dispatch
from cortesia.feedback.follow_up import follow_up_run
from cortesia.feedback.mention_signing import source_create
from cortesia.feedback.mentions import MentionData, mention_ingest
from cortesia.feedback.models import (
    InvitationState,
    Mention,
    MentionSource,
    Survey,
    SurveyResponse,
    SurveyTrigger,
)
from cortesia.feedback.surveys import SurveyData, survey_create, survey_switch
from cortesia.feedback.triggering import Occasion, invitation_schedule
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    ticket_create,
    ticket_update,
)

CSAT_NAME = "CSAT after a solved request"


@dataclass(frozen=True)
class DemoAnswer:
    email: str
    team: str
    agent: str
    subject: str
    question: str
    score: int | None  # None: sent, not answered yet
    comment: str = ""


ANSWERS = (
    DemoAnswer(
        "giulia.bianchi@example.com",
        "Roma",
        "marco",
        "Cambio della taglia",
        "Posso cambiare la taglia della giacca ordinata?",
        5,
        "Marco è stato gentilissimo e velocissimo, grazie!",
    ),
    DemoAnswer(
        "matti.virtanen@example.com",
        "Helsinki",
        "aino",
        "Salasanan vaihto",
        "En pääse kirjautumaan, voitteko auttaa?",
        4,
        "Nopea apu, kiitos. Ohjeet olisivat voineet olla selkeämmät.",
    ),
    DemoAnswer(
        "maria.ivanova@example.com",
        "София",
        "elena",
        "Въпрос за доставка",
        "Кога ще бъде доставена поръчката ми?",
        4,
        "Благодаря за бързия отговор.",
    ),
    DemoAnswer(
        "ion.popescu@example.com",
        "București",
        "andreea",
        "Rambursare comanda RO-4001",
        "Am returnat produsul acum trei saptamani si nu am primit banii.",
        2,
        "Am asteptat prea mult pentru rambursare si nimeni nu mi-a explicat de ce.",
    ),
    DemoAnswer(
        "mohammed.alotaibi@example.com",
        "الرياض",
        "layla",
        "استفسار عن الضمان",
        "هل يشمل الضمان الإصلاح في الرياض؟",
        5,
        "خدمة ممتازة وسريعة، شكرا لكم",
    ),
    DemoAnswer(
        "emily.carter@example.com",
        "New York",
        "james",
        "Gift wrapping",
        "Hello, could you please gift-wrap my order US-6001? It is a birthday present "
        "for my sister.",
        3,
        "Fine, but it took two days to hear back.",
    ),
    DemoAnswer(
        "hans.mueller@example.com",
        "Roma",
        "marco",
        "Lieferadresse ändern",
        "Kann ich die Lieferadresse noch ändern?",
        None,
    ),
)


@dataclass(frozen=True)
class DemoMention:
    source: str
    external_id: str
    text: str
    author_name: str
    author_handle: str = ""
    author_email: str = ""
    rating: str = ""
    days_ago: int = 1


SOURCES = (("Google reviews", MentionSource.Kind.GOOGLE), ("X", MentionSource.Kind.X))
MENTIONS = (
    DemoMention(
        "Google reviews",
        "g-1001",
        "Ottimo servizio clienti, mi hanno risposto in italiano in pochi minuti.",
        "Giulia Bianchi",
        author_email="giulia.bianchi@example.com",
        rating="5",
        days_ago=3,
    ),
    DemoMention(
        "Google reviews",
        "g-1002",
        "Tilaus myöhässä jo kaksi viikkoa eikä kukaan vastaa. Todella huonoa palvelua!",
        "Matti Virtanen",
        author_email="matti.virtanen@example.com",
        rating="1",
        days_ago=2,
    ),
    DemoMention(
        "Google reviews",
        "g-1003",
        "Бърза доставка и любезен персонал. Препоръчвам!",
        "Петър Георгиев",
        rating="5",
        days_ago=6,
    ),
    DemoMention(
        "X",
        "x-2001",
        "Astept de o luna rambursarea si nimeni nu raspunde!!! Cel mai prost magazin.",
        "Ion P.",
        author_handle="@ion_popescu",
        days_ago=1,
    ),
    DemoMention(
        "X",
        "x-2002",
        "الطلب وصل متأخر أسبوع ولا أحد يرد على الرسائل. سيئ جدا",
        "سارة",
        author_handle="@sara_riyadh",
        days_ago=2,
    ),
    DemoMention(
        "X",
        "x-2003",
        "Love the new app update, checkout is so much faster now.",
        "Emily Carter",
        author_handle="@emilyc",
        days_ago=4,
    ),
)


def _surveys() -> tuple[Survey, int]:
    existing = Survey.objects.filter(name=CSAT_NAME).first()
    if existing is not None:
        return existing, 0
    actor = Actor.system()
    # Off while the demo's requests are solved below (their surveys are sent as if
    # they had been solved three days ago), on afterwards.
    csat = survey_create(
        data=SurveyData(
            name=CSAT_NAME, kind="csat", trigger=SurveyTrigger.TICKET_SOLVED, is_active=False
        ),
        actor=actor,
    )
    survey_create(
        data=SurveyData(
            name="CES after a delivery",
            kind="ces",
            trigger=SurveyTrigger.ORDER_DELIVERED,
            delay_minutes=24 * 60,
            position=2,
        ),
        actor=actor,
    )
    segment = Segment.objects.order_by("id").first()
    if segment is not None:
        survey_create(
            data=SurveyData(
                name="NPS every quarter",
                kind="nps",
                trigger=SurveyTrigger.RELATIONSHIP,
                segment_uid=str(segment.uid),
                every_days=90,
                position=3,
            ),
            actor=actor,
        )
    return csat, 3 if segment is not None else 2


def _solved(spec: DemoAnswer, solved_at: datetime) -> Ticket:
    customer = CustomerEmail.objects.select_related("customer").get(address=spec.email).customer
    agent = User.objects.get(username=spec.agent)
    ticket = ticket_create(
        data=TicketData(
            subject=spec.subject,
            customer=customer,
            team=Team.objects.get(name=spec.team),
            assignee=agent,
            channel="email",
            created_at=solved_at - timedelta(hours=5),
            message=MessageData(body_text=spec.question, author_kind="customer"),
        ),
        actor=Actor.system(),
    )
    return ticket_update(
        ticket=ticket,
        changes=TicketChanges(status=Ticket.Status.SOLVED),
        expected_version=None,
        actor=Actor(user=agent),
    )


def _answers(csat: Survey) -> int:
    """Solve a request per customer three days ago, send its survey and record the
    customer's answer; return the rows made."""
    if SurveyResponse.objects.exists() or csat.is_active:
        return 0
    now = timezone.now()
    solved_at = now - timedelta(days=3)
    invitations = []
    for spec in ANSWERS:
        ticket = _solved(spec, solved_at)
        invitation = invitation_schedule(
            Occasion(
                survey=csat,
                customer=ticket.customer,
                dedupe_key=f"ticket:{ticket.uid}:{csat.uid}",
                trigger_at=solved_at,
                ticket=ticket,
            ),
            now=solved_at,
        )
        invitations.append((spec, invitation))
    survey_switch(survey=csat, active=True, actor=Actor.system())
    while invitations_dispatch(now=now):
        pass
    made = len(ANSWERS)
    for spec, invitation in invitations:
        invitation.refresh_from_db()
        if spec.score is None or invitation.state != InvitationState.SENT:
            continue
        response = response_record(
            invitation=invitation,
            score=spec.score,
            comment=spec.comment,
            answers={},
            via=SurveyResponse.Via.PAGE,
        )
        # The demo shows the follow-up without waiting for a task worker (the queued
        # task then finds it opened).
        follow_up_run.call(response_id=response.pk)
        made += 1
    return made


def _mentions() -> int:
    if Mention.objects.exists():
        return 0
    admin = User.objects.filter(username="admin").first()
    actor = Actor(user=admin)
    sources = {source.name: source for source in MentionSource.objects.all()}
    for name, kind in SOURCES:
        if name not in sources:
            sources[name] = source_create(name=name, kind=kind, actor=actor).source
    now = timezone.now()
    for spec in MENTIONS:
        mention_ingest(
            source=sources[spec.source],
            data=MentionData(
                external_id=spec.external_id,
                text=spec.text,
                published_at=now - timedelta(days=spec.days_ago),
                url=f"https://reviews.example.com/{spec.external_id}",
                author_handle=spec.author_handle,
                author_name=spec.author_name,
                author_email=spec.author_email,
                rating=Decimal(spec.rating) if spec.rating else None,
                rating_max=5 if spec.rating else None,
            ),
            via=Mention.Via.DEMO,
        )
    return len(MENTIONS)


def load_demo_feedback() -> int:
    """Create the demo surveys, answers and mentions that are missing; return how many
    rows were made."""
    csat, made = _surveys()
    return made + _answers(csat) + _mentions()
