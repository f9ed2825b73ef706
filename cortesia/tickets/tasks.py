"""Background work of the help desk: thin, idempotent, primitive arguments."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from cortesia.accounts.models import Role, User
from cortesia.core.automatic_mail import send_automatic
from cortesia.sla.models import SlaClock
from cortesia.tickets.models import TicketEvent


def breach_recipients(event: TicketEvent) -> list[User]:
    """The assignee; without one, the team's managers; without those, the administrators.
    Only active people with an e-mail address."""
    ticket = event.ticket
    people = User.objects.filter(is_active=True).exclude(email="")
    if ticket.assignee_id is not None:
        chosen = list(people.filter(pk=ticket.assignee_id))
        if chosen:
            return chosen
    if ticket.team_id is not None:
        managers = list(people.filter(teams=ticket.team_id, role=Role.MANAGER).order_by("pk"))
        if managers:
            return managers
    return list(people.filter(role=Role.ADMIN).order_by("pk"))


@task()
def notify_sla_breach(*, event_id: int) -> int:
    """Mail the breach recorded as ``event_id`` to the people who should act, each in
    their own language; return how many mails went. A retried task sends nothing twice:
    the event remembers who was told."""
    with transaction.atomic():
        event = (
            TicketEvent.objects.select_for_update(of=("self",))
            .select_related("ticket__customer", "ticket__team")
            .filter(pk=event_id, kind=TicketEvent.Kind.SLA_BREACHED)
            .first()
        )
        if event is None or event.data.get("notified") is not None:
            return 0
        ticket = event.ticket
        link = settings.BASE_URL + reverse("tickets:ticket-detail", args=[ticket.uid])
        recipients = breach_recipients(event)
        for person in recipients:
            context = {
                "ticket": ticket,
                "person": person,
                "link": link,
                "target": SlaClock.Target(event.data["target"]).label,
            }
            with translation.override(person.language or settings.LANGUAGE_CODE):
                subject = render_to_string("tickets/email/sla_breach_subject.txt", context)
                body = render_to_string("tickets/email/sla_breach.txt", context)
            message = EmailMultiAlternatives(" ".join(subject.split()), body, to=[person.email])
            message.extra_headers["Auto-Submitted"] = "auto-generated"
            send_automatic(message)
        event.data = {**event.data, "notified": [person.username for person in recipients]}
        event.save(update_fields=["data"])
    return len(recipients)
