"""Suggested articles on the ticket page: a panel (registered with the tickets app, which
may not import the knowledge base) and the JSON it reads.

The panel shows readers of the knowledge base the articles that answer the ticket, and
for each the help-centre address of its version in the customer's language, which an
"Insert link" button puts in the reply; when there is no such version, or customers may
not open the article, the panel says so instead.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cortesia.accounts.models import User
from cortesia.accounts.views import staff_user
from cortesia.core.errors import Forbidden, NotFound
from cortesia.core.refusals import refusal_for, refusal_response
from cortesia.knowledge.permissions import can_read_internal_articles
from cortesia.knowledge.suggestions import StaffSuggestion, missing_version_text, ticket_suggestions
from cortesia.tickets.models import Ticket
from cortesia.tickets.page_panels import TicketPagePanel


def ticket_panel_context(viewer: User, ticket: Ticket) -> Mapping[str, object] | None:
    """The panel for readers of the knowledge base; None (no panel) for anyone else."""
    if not can_read_internal_articles(viewer):
        return None
    return {"url": reverse("knowledge-staff:ticket-suggestions", args=[ticket.uid])}


SUGGESTIONS_PANEL = TicketPagePanel(
    key="knowledge", template="knowledge/_ticket_suggestions.html", context=ticket_panel_context
)


def _article_json(suggestion: StaffSuggestion, language: str) -> dict[str, object]:
    version = suggestion.for_customer if suggestion.is_for_customers else None
    if not suggestion.is_for_customers:
        note = _("Staff only: customers cannot open this article.")
    elif version is None:
        note = missing_version_text(language)
    else:
        note = ""
    found = suggestion.found
    return {
        "uid": str(found.uid),
        "title": found.title,
        "language": found.language,
        "customer_title": version.title if version else "",
        "url": (
            settings.BASE_URL + reverse("help:article", args=[version.language, version.slug])
            if version
            else ""
        ),
        "note": note,
    }


@never_cache
@require_GET
def ticket_suggestions_view(request: HttpRequest, uid: str) -> JsonResponse:
    """The articles for ticket ``uid``: 403 for a viewer who may not read the knowledge
    base, 404 for a ticket they may not see."""
    try:
        found = ticket_suggestions(viewer=staff_user(request), uid=uid)
    except (Forbidden, NotFound) as error:
        return refusal_response(refusal_for(error))
    count = len(found.suggestions)
    status = (
        ngettext(
            "%(count)d article may answer this ticket.",
            "%(count)d articles may answer this ticket.",
            count,
        )
        % {"count": count}
        if count
        else _("No article matches this ticket.")
    )
    return JsonResponse(
        {
            "language": found.language,
            "status": status,
            "articles": [_article_json(item, found.language) for item in found.suggestions],
        }
    )
