"""The follow-up of a low score: one ticket for the team that served the customer, in the
customer's language, linked to the ticket the survey asked about, and a notification to
that team's managers.

The ticket's channel is "web" when the customer answered on the survey page or in the
portal (they wrote on one of our web pages, as with the web form) and "api" when another
system collected the answer: the channel says where the customer's words came in.

Recording an answer only queues the follow-up (:func:`follow_up_enqueue`): the task runs
once the answer has committed, so the customer's send does not wait for a ticket to be
opened. A task run twice, or two queued for one response (an answer changed before the
first ran), open one ticket: each reads the response's follow-up under a row lock.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from cortesia.accounts.models import Role, User
from cortesia.core.actor import Actor
from cortesia.core.enqueue import enqueue_after_commit
from cortesia.feedback.models import SurveyResponse
from cortesia.notifications.recipients import survey_low_telling
from cortesia.notifications.services import notifications_record
from cortesia.tickets.creation import ticket_create
from cortesia.tickets.inputs import MessageData, TicketData
from cortesia.tickets.merging import ticket_link
from cortesia.tickets.models import Ticket, TicketMessage


def follow_up_subject(response: SurveyResponse) -> str:
    """The ticket's subject in the active language: the score on its scale and the number
    of the ticket the survey was about."""
    low, high = response.survey.scale
    values = {"score": response.score, "best": high}
    if response.ticket is not None:
        return _("Low survey score %(score)d of %(best)d on ticket #%(number)d") % {
            **values,
            "number": response.ticket.number,
        }
    return _("Low survey score %(score)d of %(best)d") % values


def _language(response: SurveyResponse) -> str:
    return response.customer.language or response.language or settings.LANGUAGE_CODE


def _first_message(response: SurveyResponse) -> MessageData:
    """The customer's comment as their message; without one, a note says so (in the
    business's language: it is for the team)."""
    if response.comment:
        return MessageData(
            body_text=response.comment,
            kind=TicketMessage.Kind.REPLY,
            author_kind=TicketMessage.Author.CUSTOMER,
        )
    with translation.override(settings.LANGUAGE_CODE):
        note = _("The customer gave a low score and wrote no comment.")
    return MessageData(
        body_text=note, kind=TicketMessage.Kind.NOTE, author_kind=TicketMessage.Author.SYSTEM
    )


def _channel(response: SurveyResponse) -> str:
    return Ticket.Channel.API if response.via == SurveyResponse.Via.API else Ticket.Channel.WEB


def follow_up_open(*, response: SurveyResponse) -> Ticket | None:
    """Open the follow-up ticket of a low ``response`` and tell its team's managers, in
    the caller's transaction (which holds the response); return the ticket, or None when
    the survey does not follow up or the response has a follow-up already.

    A survey that does not follow up still tells the managers, about the original
    ticket, when there is one."""
    if response.follow_up_ticket_id is not None:
        return None
    if not response.survey.follow_up_low:
        if response.ticket is not None:
            _tell_managers(response, response.ticket)
        return None
    language = _language(response)
    with translation.override(language):
        subject = follow_up_subject(response)
    system = Actor.system()
    ticket = ticket_create(
        data=TicketData(
            subject=subject,
            customer=response.customer,
            message=_first_message(response),
            channel=_channel(response),
            team=response.team,
            language=language,
        ),
        actor=system,
    )
    if response.ticket is not None:
        ticket_link(ticket=ticket, other=response.ticket, actor=system)
    response.follow_up_ticket = ticket
    SurveyResponse.objects.filter(pk=response.pk).update(follow_up_ticket=ticket)
    _tell_managers(response, ticket)
    return ticket


def follow_up_enqueue(*, response: SurveyResponse) -> None:
    """Queue the follow-up of the low ``response`` (:func:`follow_up_run`) to run once
    the caller's transaction commits; nothing is queued when it rolls back."""
    enqueue_after_commit(follow_up_run, response_id=response.pk)


@task()
def follow_up_run(*, response_id: int) -> str | None:
    """Open the follow-up of a low response (:func:`follow_up_open`) and return the
    ticket's public id; None when the response is gone, no longer low (the customer
    changed their answer since), has its follow-up already, or its survey opens none.
    The response's row stays locked until the ticket is linked to it."""
    with transaction.atomic():
        response = SurveyResponse.objects.select_for_update().filter(pk=response_id).first()
        if response is None or not response.is_low:
            return None
        ticket = follow_up_open(response=response)
    return str(ticket.uid) if ticket is not None else None


def _tell_managers(response: SurveyResponse, ticket: Ticket) -> None:
    """Notify the active managers who are members of the response's team."""
    if response.team_id is None:
        return
    managers = User.objects.filter(teams=response.team_id, role=Role.MANAGER, is_active=True)
    low, high = response.survey.scale
    data = {
        "score": str(response.score),
        "best": str(high),
        "survey": response.survey.name,
    }
    if response.ticket is not None and response.ticket.pk != ticket.pk:
        data["original"] = str(response.ticket.number)
    telling = survey_low_telling(ticket=ticket, managers=managers, data=data)
    if telling is not None:
        notifications_record(tellings=[telling])
