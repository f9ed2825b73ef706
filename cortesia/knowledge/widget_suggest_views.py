"""The chat widget's article suggestions: what to suggest as a visitor types, and which
suggestion they opened (the widget's side of deflection).

Both endpoints go through the chat widget's own gate (``chat.widget_views.
widget_endpoint``: an enabled site, an allowed origin with its CORS headers, JSON
refusals) and need the visitor's bearer token, so an open is only ever recorded for the
visitor who sends it. The visitor's session starts its request when their conversation
starts (``knowledge.receivers``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from cortesia.chat.json_input import text_field
from cortesia.chat.models import Visitor, WidgetSite
from cortesia.chat.visitors import visitor_for_token
from cortesia.chat.widget_views import widget_endpoint
from cortesia.core.errors import NotFound
from cortesia.core.ratelimit import RateLimit, rate_limit
from cortesia.culture.local_formats import writing_direction
from cortesia.knowledge.deflection import Place, suggestion_opened, widget_session
from cortesia.knowledge.suggestions import (
    Suggestion,
    article_suggestions,
    help_languages,
    suggestion_translation,
)

# typing with a 250 ms pause between requests asks a few times a second at most
SUGGESTS_PER_VISITOR = RateLimit("knowledge-suggest-visitor", 120, timedelta(minutes=1))
OPENS_PER_VISITOR = RateLimit("knowledge-open-visitor", 30, timedelta(minutes=1))


def _visitor(request: HttpRequest, site: WidgetSite) -> Visitor:
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    visitor = visitor_for_token(site, token.strip()) if scheme.lower() == "bearer" else None
    if visitor is None:
        raise NotFound("")
    translation.activate(visitor.language)  # refusals speak the visitor's language
    return visitor


def _language(visitor: Visitor) -> str:
    return visitor.language if visitor.language in help_languages() else settings.LANGUAGE_CODE


def _json(suggestion: Suggestion) -> dict[str, object]:
    found = suggestion.translation
    return {
        "uid": str(found.uid),
        "title": found.title,
        "url": settings.BASE_URL + reverse("help:article", args=[found.language, found.slug]),
    }


@widget_endpoint(methods=("GET",))
def suggestions_view(
    request: HttpRequest, site: WidgetSite, data: dict[str, Any]
) -> dict[str, object]:
    """Articles for what the visitor is typing (``?q=``), in their language."""
    visitor = _visitor(request, site)
    rate_limit(rule=SUGGESTS_PER_VISITOR, subject=str(visitor.uid))
    language = _language(visitor)
    found = article_suggestions(typed=request.GET.get("q", ""), language=language)
    return {
        "language": language,
        "direction": writing_direction(language),
        "suggestions": [_json(suggestion) for suggestion in found],
    }


@widget_endpoint(methods=("POST",))
def opened_view(request: HttpRequest, site: WidgetSite, data: dict[str, Any]) -> dict[str, object]:
    """Record that the visitor opened a suggestion: ``{"article": uid, "typed": text}``;
    ``recorded`` is false when they had opened it before."""
    visitor = _visitor(request, site)
    rate_limit(rule=OPENS_PER_VISITOR, subject=str(visitor.uid))
    found = suggestion_translation(text_field(data, "article"))
    recorded = suggestion_opened(
        place=Place.WIDGET,
        session=widget_session(visitor_uid=str(visitor.uid)),
        language=found.language,
        translation=found,
        typed=text_field(data, "typed"),
    )
    return {"recorded": recorded}
