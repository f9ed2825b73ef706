"""The customer's survey pages, reached from the mail's links: the answer page and the
"no more surveys" page. Open to anonymous visitors by design: the link's token is the
key. Opening a page never records anything (mail scanners open every link); only a sent
form does. The pages need no JavaScript and carry no inline script or style.

The page speaks the language the mail was written in, else the customer's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cortesia.core.actor import request_client_ip
from cortesia.core.errors import DomainError, NotFound, RateLimited
from cortesia.core.refusals import refusal_on_form
from cortesia.feedback.answer_checks import AnswerInvalid
from cortesia.feedback.answers import (
    ChangeClosed,
    LinkExpired,
    Standing,
    answer_submit,
    invitation_standing,
    surveys_unsubscribe,
)
from cortesia.feedback.mailing import mail_values
from cortesia.feedback.models import InvitationState, SurveyInvitation, SurveyResponse
from cortesia.feedback.public_forms import AnswerForm
from cortesia.feedback.settings_access import feedback_settings
from cortesia.feedback.texts import Wording, customer_wording, score_labels, survey_wording
from cortesia.feedback.tokens import invitation_by_token
from cortesia.localization.selectors import spoken_base
from cortesia.tickets.composer import signing_name
from cortesia.tickets.models import Ticket


@dataclass(frozen=True)
class Point:
    """One point of the score's scale as the page draws it."""

    value: int
    label: str
    is_chosen: bool


def invitation_wording(invitation: SurveyInvitation) -> Wording:
    """The survey's words in the language and register the mail was written in, else
    in the customer's."""
    if invitation.language:
        return survey_wording(
            survey=invitation.survey,
            language=invitation.language,
            register=invitation.register,
        )
    return customer_wording(survey=invitation.survey, customer=invitation.customer)


def _shown_ticket(invitation: SurveyInvitation) -> Ticket | None:
    """The invitation's ticket with its team (the company's name) in one query: the
    token's lookup leaves them out, as an answer needs neither."""
    if invitation.ticket_id is None:
        return None
    if not SurveyInvitation.ticket.is_cached(invitation):
        invitation.ticket = Ticket.objects.select_related("team").get(pk=invitation.ticket_id)
    return invitation.ticket


def text_values(invitation: SurveyInvitation) -> dict[str, str]:
    """The values of the texts' placeholders for this invitation, as its mail had them."""
    ticket = _shown_ticket(invitation)
    return mail_values(
        company=signing_name(ticket.team if ticket is not None else None),
        customer=invitation.customer,
        ticket_number=f"#{ticket.number}" if ticket is not None else "",
        ticket_subject=ticket.subject if ticket is not None else "",
    )


@contextmanager
def in_survey_language(
    request: HttpRequest, invitation: SurveyInvitation, wording: Wording
) -> Iterator[None]:
    """Render inside it in the texts' language (the interface's words too, when the
    product speaks it) and the customer's time zone (the one their invitation was
    timed in)."""
    language = spoken_base(wording.text_language) or settings.LANGUAGE_CODE
    zone = invitation.customer.time_zone or invitation.time_zone or None
    with translation.override(language), timezone.override(zone):
        request.LANGUAGE_CODE = language
        yield


def _private(response: HttpResponse) -> HttpResponse:
    """The token is in the address: it never leaves the site, and no cache keeps the page."""
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    response.headers.setdefault("Content-Language", translation.get_language() or "")
    return response


def _not_found(request: HttpRequest) -> HttpResponse:
    """The same page for an unknown, forged or malformed link."""
    return _private(render(request, "feedback/public/not_found.html", status=404))


def _chosen(request: HttpRequest, response: SurveyResponse | None) -> int | None:
    """The score to show chosen: the mail's ``?score=``, else the current answer's."""
    given = request.GET.get("score", "")
    if given.isascii() and given.isdigit() and len(given) <= 3:
        return int(given)
    return response.score if response is not None else None


def _points(invitation: SurveyInvitation, wording: Wording, chosen: object) -> list[Point]:
    labels = score_labels(invitation.survey, wording)
    return [Point(value, label, value == chosen) for value, label in labels]


def _initial(response: SurveyResponse | None) -> dict[str, object]:
    if response is None:
        return {}
    return {"score": response.score, "comment": response.comment, **response.answers}


@dataclass(frozen=True)
class Place:
    """Where the form is: how the answer is recorded, the template that frames it, and
    the template's other values (the portal's customer)."""

    via: str
    template: str
    context: dict[str, object]


def answer_page(request: HttpRequest, invitation: SurveyInvitation, place: Place) -> HttpResponse:
    """Show the answer form of ``invitation`` (GET) or record what it sends (POST), in
    the survey's language: shared by the survey page and the portal."""
    wording = invitation_wording(invitation)
    with in_survey_language(request, invitation, wording):
        return _private(_answer_page(request, invitation, place, wording))


def _answer_page(
    request: HttpRequest, invitation: SurveyInvitation, place: Place, wording: Wording
) -> HttpResponse:
    change_days = feedback_settings().change_days
    answered = invitation.state == InvitationState.ANSWERED
    response = invitation.response if answered else None
    standing = invitation_standing(
        invitation,
        answered_at=response.answered_at if response else None,
        change_days=change_days,
    )
    context = {**place.context, "invitation": invitation, "wording": wording}
    if standing == Standing.EXPIRED:
        return render(request, "feedback/public/expired.html", context, status=410)
    if standing == Standing.CLOSED:
        status = 409 if request.method == "POST" else 200
        return render(request, "feedback/public/answered.html", context, status=status)
    form = AnswerForm(
        request.POST or None,
        ask_comment=invitation.survey.ask_comment,
        questions=invitation.survey.questions.all(),
        wording=wording,
        initial=_initial(response),
    )
    refusal: DomainError | None = None
    if request.method == "POST":
        refusal = _send(request, invitation, place, form)
        if refusal is None:
            return redirect(request.path)
    context |= _form_context(request, invitation, wording, form, response, change_days)
    page = render(request, place.template, context, status=_status(refusal))
    if isinstance(refusal, RateLimited):
        page.headers["Retry-After"] = str(refusal.retry_after)
    return page


class _FormNotValid(DomainError):
    """The form itself could not be read (a missing score, an unknown choice)."""


def _status(refusal: DomainError | None) -> int:
    return 200 if refusal is None else refusal.status


def _form_context(
    request: HttpRequest,
    invitation: SurveyInvitation,
    wording: Wording,
    form: AnswerForm,
    response: SurveyResponse | None,
    change_days: int,
) -> dict[str, object]:
    """What the answer form shows: the scale with the chosen point, the question, and
    after an answer the thanks (and the follow-up promise of a low score)."""
    chosen = form["score"].value() if form.is_bound else _chosen(request, response)
    values = text_values(invitation)
    followed_up = _followed_up(invitation, response)
    return {
        "form": form,
        "points": _points(invitation, wording, _as_int(chosen)),
        "question": wording.text("question", values),
        "response": response,
        "thanks": wording.text("thanks", values) if response else "",
        "follow_up": wording.text("follow_up", values) if followed_up else "",
        "change_until": response.answered_at + timedelta(days=change_days) if response else None,
    }


def _followed_up(invitation: SurveyInvitation, response: SurveyResponse | None) -> bool:
    return response is not None and response.is_low and invitation.survey.follow_up_low


def _as_int(value: object) -> int | None:
    text = str(value) if value is not None else ""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 3 else None


def _send(
    request: HttpRequest, invitation: SurveyInvitation, place: Place, form: AnswerForm
) -> DomainError | None:
    """Record the sent form; return None when it was, else the refusal (on the form)."""
    if not form.is_valid():
        return _FormNotValid(_("Some fields are not valid."))
    try:
        answer_submit(
            invitation=invitation,
            answer=form.answer(),
            via=place.via,
            client_ip=request_client_ip(request),
        )
    except (AnswerInvalid, RateLimited, LinkExpired, ChangeClosed) as error:
        refusal_on_form(form, error)
        return error
    return None


@login_not_required
@require_http_methods(["GET", "POST"])
def answer_view(request: HttpRequest, token: str) -> HttpResponse:
    """The page a mail's score links open, with that score chosen."""
    try:
        invitation = invitation_by_token(token=token)
    except NotFound:
        return _not_found(request)
    place = Place(SurveyResponse.Via.PAGE, "feedback/public/answer.html", {})
    return answer_page(request, invitation, place)


def unsubscribe_text() -> str:
    return _("You will get no more surveys from us by e-mail.")


@csrf_exempt  # RFC 8058: a mail provider's one-click POST carries no form token
@login_not_required
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    """Ask to confirm (GET changes nothing); a POST, from the page's button or a mail
    provider's one-click request, says no to surveys by e-mail, once."""
    try:
        invitation = invitation_by_token(token=token)
    except NotFound:
        return _not_found(request)
    with in_survey_language(request, invitation, invitation_wording(invitation)):
        if request.method == "POST":
            surveys_unsubscribe(invitation=invitation, text_shown=unsubscribe_text())
            response = render(request, "feedback/public/unsubscribed.html")
        else:
            response = render(request, "feedback/public/unsubscribe.html")
        return _private(response)
