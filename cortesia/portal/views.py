"""Pages of the customer portal. Each one is open to anonymous visitors by design (the
customer's own pages check the portal session instead of a staff login)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language

from cortesia.core.actor import Actor, request_client_ip
from cortesia.core.errors import (
    Conflict,
    DomainError,
    FieldErrors,
    Forbidden,
    NotFound,
    RateLimited,
    TooLarge,
)
from cortesia.core.refusals import refusal_for, refusal_on_form, refusal_response
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_update
from cortesia.customers.signed_in import portal_customer
from cortesia.feedback.models import SurveyResponse
from cortesia.feedback.public_views import Place, answer_page
from cortesia.feedback.tokens import invitation_of_customer, invitations_pending
from cortesia.knowledge.deflection import (
    portal_session,
    portal_session_token,
    request_sent,
    suggestion_opened,
)
from cortesia.knowledge.models import SuggestionOpen
from cortesia.knowledge.suggestions import (
    MAX_TYPED,
    Suggestion,
    article_suggestions,
    suggestion_translation,
)
from cortesia.localization.selectors import interface_languages
from cortesia.portal.forms import ReplyForm, RequestForm, SignInForm, WebForm
from cortesia.portal.links import link_check, link_holder, link_redeem
from cortesia.portal.selectors import (
    PAGE_SIZE,
    portal_attachment,
    portal_body,
    portal_messages,
    portal_ticket,
    portal_tickets,
)
from cortesia.portal.services import (
    Request,
    Visitor,
    portal_mark_solved,
    portal_reply,
    portal_ticket_open,
    sign_in_request,
    web_form_submit,
)
from cortesia.portal.sessions import (
    customer_required,
    in_customer_world,
    in_language,
    portal_sign_in,
    portal_sign_out,
)
from cortesia.tickets.downloads import attachment_response
from cortesia.tickets.models import Ticket

Form = ReplyForm | RequestForm | WebForm


def _refused(form: Form, error: DomainError) -> int:
    """Put a service's refusal on the form (files' size on the attachments field); return
    the page's status."""
    return refusal_on_form(form, error, upload_field="attachments")


def _language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


@login_not_required
@require_http_methods(["GET", "POST"])
def sign_in_view(request: HttpRequest) -> HttpResponse:
    if portal_customer(request) is not None:
        return redirect("portal:tickets")
    form = SignInForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                sign_in_request(
                    address=form.cleaned_data["email"],
                    language=_language(),
                    client_ip=request_client_ip(request),
                )
            except RateLimited as error:
                form.add_error(None, error.message)
                status = 429
            else:
                return redirect("portal:sign-in-sent")
        else:
            status = 400
    return render(request, "portal/sign_in.html", {"form": form}, status=status)


@login_not_required
@require_GET
def sign_in_sent_view(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/sign_in_sent.html")


@login_not_required
@require_http_methods(["GET", "POST"])
def link_view(request: HttpRequest, token: str) -> HttpResponse:
    """A mailed link shows a button and signs in only when it is pressed: mail scanners
    that open links must not use them up."""
    try:
        if request.method == "POST":
            portal_sign_in(request, link_redeem(token=token))
            return redirect("portal:tickets")
        customer = link_check(token=token)
    except NotFound:
        return _link_invalid(request, token)
    with in_customer_world(request, customer):  # the mail's language, not the browser's
        response = in_language(render(request, "portal/link.html"))
    response.headers["Referrer-Policy"] = "same-origin"  # the token never leaves the site
    return response


def _link_invalid(request: HttpRequest, token: str) -> HttpResponse:
    """Say the link no longer works, in its customer's language when the link was ours."""
    customer = link_holder(token=token)
    if customer is None:
        return render(request, "portal/link_invalid.html", status=404)
    with in_customer_world(request, customer):
        response = in_language(render(request, "portal/link_invalid.html", status=404))
    response.headers["Referrer-Policy"] = "same-origin"
    return response


@login_not_required
@require_POST
def sign_out_view(request: HttpRequest) -> HttpResponse:
    portal_sign_out(request)
    return redirect("portal:sign-in")


@customer_required
@require_GET
def tickets_view(request: HttpRequest, customer: Customer) -> HttpResponse:
    page = Paginator(portal_tickets(customer=customer), PAGE_SIZE).get_page(request.GET.get("page"))
    surveys = list(invitations_pending(customer=customer))
    context = {"customer": customer, "page": page, "surveys": surveys}
    return render(request, "portal/tickets.html", context)


@customer_required
@require_http_methods(["GET", "POST"])
def survey_view(request: HttpRequest, customer: Customer, uid: str) -> HttpResponse:
    """Answer one of the customer's surveys here, without the mail's link."""
    try:
        invitation = invitation_of_customer(customer=customer, uid=uid)
    except NotFound:
        raise Http404 from None
    template = "feedback/public/portal_answer.html"
    place = Place(SurveyResponse.Via.PORTAL, template, {"customer": customer})
    return answer_page(request, invitation, place)


def _ticket(customer: Customer, uid: str) -> Ticket:
    try:
        return portal_ticket(customer=customer, uid=uid)
    except NotFound:
        raise Http404 from None


@customer_required
@require_http_methods(["GET", "POST"])
def ticket_view(request: HttpRequest, customer: Customer, uid: str) -> HttpResponse:
    ticket = _ticket(customer, uid)
    form = ReplyForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                portal_reply(
                    customer=customer,
                    ticket=ticket,
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["attachments"],
                )
            except (FieldErrors, TooLarge, Conflict) as error:
                status = _refused(form, error)
            else:
                return redirect("portal:ticket", uid=ticket.uid)
        else:
            status = 400
    context = {
        "customer": customer,
        "ticket": ticket,
        "conversation": [
            (message, portal_body(ticket=ticket, message=message))
            for message in portal_messages(ticket=ticket)
        ],
        "form": form,
    }
    return render(request, "portal/ticket.html", context, status=status)


@customer_required
@require_POST
def solved_view(request: HttpRequest, customer: Customer, uid: str) -> HttpResponse:
    portal_mark_solved(customer=customer, ticket=_ticket(customer, uid))
    return redirect("portal:ticket", uid=uid)


@customer_required
@require_GET
def attachment_view(
    request: HttpRequest, customer: Customer, uid: str, attachment_uid: str
) -> HttpResponseBase:
    ticket = _ticket(customer, uid)
    try:
        attachment = portal_attachment(ticket=ticket, uid=attachment_uid)
    except NotFound:
        raise Http404 from None
    return attachment_response(attachment, inline=request.GET.get("inline") == "1")


def _request(form: RequestForm) -> Request:
    return Request(
        subject=form.cleaned_data["subject"],
        body=form.cleaned_data["body"],
        files=form.cleaned_data["attachments"],
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def new_request_view(request: HttpRequest) -> HttpResponse:
    """A new request: for a signed-in customer, or through the public web form."""
    customer = portal_customer(request)
    if customer is not None:
        with in_customer_world(request, customer):
            return in_language(_customer_request(request, customer))
    form = WebForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif form.is_robot():
            return redirect("portal:request-sent")  # answered like a person, kept nowhere
        else:
            visitor = Visitor(
                address=form.cleaned_data["email"],
                given_name=form.cleaned_data["given_name"],
                surname=form.cleaned_data["surname"],
                language=_language(),
                time_zone=form.cleaned_data["time_zone"],
                client_ip=request_client_ip(request),
            )
            try:
                web_form_submit(visitor=visitor, request=_request(form))
            except (FieldErrors, TooLarge, RateLimited) as error:
                status = _refused(form, error)
            else:
                return redirect("portal:request-sent")
    return render(request, "portal/new_request.html", {"form": form}, status=status)


def _customer_request(request: HttpRequest, customer: Customer) -> HttpResponse:
    session = portal_session_token(customer_uid=str(customer.uid))
    form = RequestForm(
        request.POST or None, request.FILES or None, initial={"suggestion_session": session}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                ticket = portal_ticket_open(customer=customer, request=_request(form))
            except (FieldErrors, TooLarge, RateLimited) as error:
                status = _refused(form, error)
            else:
                _suggestions_followed(form, customer)
                return redirect("portal:ticket", uid=ticket.uid)
        else:
            status = 400
    context = {"form": form, "customer": customer, "suggestions_url": reverse("portal:suggestions")}
    return render(request, "portal/new_request.html", context, status=status)


def _suggestions_followed(form: RequestForm, customer: Customer) -> None:
    """The request is sent: the articles this form's customer opened did not deflect it."""
    token = form.cleaned_data["suggestion_session"]
    session = portal_session(token=token, customer_uid=str(customer.uid))
    if session is not None:
        request_sent(place=SuggestionOpen.Place.PORTAL, session=session, at=timezone.now())


def _suggestion_json(found: Suggestion, token: str, typed: str) -> dict[str, str]:
    """A suggestion; its address records the open (with the form's session) on the way
    to the help centre."""
    article = found.translation
    url = reverse("portal:suggestion-open", args=[article.uid])
    return {
        "uid": str(article.uid),
        "title": article.title,
        "language": article.language,
        "url": f"{url}?{urlencode({'session': token, 'q': typed})}",
    }


@login_not_required
@never_cache
@require_GET
def suggestions_view(request: HttpRequest) -> HttpResponse:
    """Articles for the subject being typed (``?q=``, the form's ``?session=``), in the
    signed-in customer's language; 403 for anyone else."""
    customer = portal_customer(request)
    if customer is None:
        refused = Forbidden(_("Sign in to see suggested articles."))
        return refusal_response(refusal_for(refused))
    typed, token = request.GET.get("q", "")[:MAX_TYPED], request.GET.get("session", "")
    with in_customer_world(request, customer):
        found = article_suggestions(typed=typed, language=_language())
        status = ngettext(
            "%(count)d article may answer your question.",
            "%(count)d articles may answer your question.",
            len(found),
        ) % {"count": len(found)}
        suggestions = [_suggestion_json(suggestion, token, typed) for suggestion in found]
        answer = {"suggestions": suggestions, "status": status if found else ""}
        return in_language(JsonResponse(answer))


@customer_required
@require_GET
def suggestion_open_view(request: HttpRequest, customer: Customer, uid: str) -> HttpResponse:
    """Record that the customer opened a suggested article, then show it in the help
    centre. Only a session of this customer's own form is recorded."""
    try:
        found = suggestion_translation(uid)
    except NotFound:
        raise Http404 from None
    session = portal_session(token=request.GET.get("session", ""), customer_uid=str(customer.uid))
    if session is not None:
        suggestion_opened(
            place=SuggestionOpen.Place.PORTAL,
            session=session,
            language=found.language,
            translation=found,
            typed=request.GET.get("q", ""),
        )
    return redirect("help:article", found.language, found.slug)


@login_not_required
@require_GET
def request_sent_view(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/request_sent.html")


@login_not_required
@require_POST
def language_view(request: HttpRequest) -> HttpResponse:
    """Switch the portal's language; a signed-in customer keeps it as their language."""
    customer = portal_customer(request)
    language = request.POST.get("language", "")
    if customer is not None and language in interface_languages():
        customer_update(
            customer=customer,
            data=CustomerData(language=language),
            expected_version=None,
            actor=Actor.system(),
        )
    return set_language(request)
