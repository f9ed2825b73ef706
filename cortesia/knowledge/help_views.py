"""The public help centre at ``/help/<language>/``: readable without JavaScript, in the
language of its address (right to left in Arabic), each article offering only the
languages it is written in.

A customer signed in to the portal also sees the articles restricted to their segments;
every page shown to such a reader is ``Cache-Control: private``, so no shared cache keeps
it for someone else."""

from __future__ import annotations

import secrets
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_POST

from cortesia.core.errors import NotFound
from cortesia.customers.signed_in import SESSION_KEY, portal_customer
from cortesia.knowledge.models import ArticleTranslation
from cortesia.knowledge.reading import article_viewed, article_vote
from cortesia.knowledge.rendering import links_resolved
from cortesia.knowledge.selectors import (
    NO_SEGMENTS,
    Segments,
    help_alternates,
    help_article,
    help_article_link,
    help_index,
    help_link_addresses,
    help_search,
    help_sitemap,
    reader_segments,
)

READER_COOKIE = "cortesia_help_reader"
READER_SALT = "cortesia.knowledge.reader"
READER_AGE = 60 * 60 * 24 * 365
MAX_QUERY = 200


def _language(code: str) -> str:
    if code not in {language for language, _name in settings.LANGUAGES}:
        raise Http404
    return code


def _segments(request: HttpRequest) -> Segments:
    """The segments of the customer signed in to the portal (none for anyone else)."""
    if not request.session.get(SESSION_KEY):
        return NO_SEGMENTS  # no portal session: no query
    return reader_segments(portal_customer(request))


def _for_reader(response: HttpResponse, segments: Segments) -> HttpResponse:
    """Keep a page that may show restricted articles out of shared caches."""
    if segments:
        patch_cache_control(response, private=True)
    return response


def _home_links() -> list[tuple[str, str, str]]:
    """(code, name in its own language, address) of the help centre in every language."""
    links = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        links.append((code, info["name_local"], reverse("help:home", args=[code])))
    return links


@login_not_required
@require_GET
def help_root_view(request: HttpRequest) -> HttpResponse:
    """The help centre in the reader's language (their browser's, else the site's)."""
    language = translation.get_language_from_request(request)
    if language not in {code for code, _name in settings.LANGUAGES}:
        language = settings.LANGUAGE_CODE
    return redirect("help:home", language)


@login_not_required
@require_GET
def help_home_view(request: HttpRequest, language: str) -> HttpResponse:
    language = _language(language)
    segments = _segments(request)
    with translation.override(language):
        response = render(
            request,
            "knowledge/help/home.html",
            {
                "language": language,
                "categories": help_index(language, segments),
                "languages": _home_links(),
            },
        )
    return _for_reader(response, segments)


@login_not_required
@require_GET
def help_search_view(request: HttpRequest, language: str) -> HttpResponse:
    language = _language(language)
    query = str(request.GET.get("q", ""))[:MAX_QUERY].strip()
    segments = _segments(request)
    results = help_search(query=query, language=language, segments=segments) if query else []
    with translation.override(language):
        response = render(
            request,
            "knowledge/help/search.html",
            {
                "language": language,
                "query": query,
                "results": results,
                "languages": [
                    (code, name, f"{address}search?{urlencode({'q': query})}" if query else address)
                    for code, name, address in _home_links()
                ],
            },
        )
    return _for_reader(response, segments)


def _article(language: str, slug: str, segments: Segments) -> ArticleTranslation:
    try:
        return help_article(language, slug, segments)
    except NotFound:
        raise Http404 from None


@login_not_required
@require_GET
def help_article_view(request: HttpRequest, language: str, slug: str) -> HttpResponse:
    segments = _segments(request)
    found = _article(_language(language), slug, segments)
    article_viewed(found)
    alternates = help_alternates(found, segments)
    addresses = help_link_addresses(found.body_html, found.language, segments)
    with translation.override(found.language):
        response = render(
            request,
            "knowledge/help/article.html",
            {
                "language": found.language,
                "article": found,
                "body_html": links_resolved(found.body_html, addresses),
                "alternates": [
                    (
                        other.language,
                        translation.get_language_info(other.language)["name_local"],
                        reverse("help:article", args=[other.language, other.slug]),
                    )
                    for other in alternates
                ],
                "voted": request.GET.get("voted") in ("yes", "no"),
            },
        )
    return _for_reader(response, segments)


@login_not_required
@require_GET
def help_article_link_view(request: HttpRequest, language: str, uid: uuid.UUID) -> HttpResponse:
    """Where an internal link leads: the article in ``language``, else in its source
    language (404 when the reader may not see it)."""
    segments = _segments(request)
    try:
        found = help_article_link(_language(language), uid, segments)
    except NotFound:
        raise Http404 from None
    response = redirect("help:article", found.language, found.slug)
    return _for_reader(response, segments)


def _reader_id(request: HttpRequest) -> tuple[str, bool]:
    """The reader's random id from their cookie, or a new one (True: set the cookie)."""
    try:
        return str(signing.loads(request.COOKIES.get(READER_COOKIE, ""), salt=READER_SALT)), False
    except signing.BadSignature:
        return secrets.token_urlsafe(16), True


@login_not_required
@require_POST
def help_vote_view(request: HttpRequest, language: str, slug: str) -> HttpResponse:
    found = _article(_language(language), slug, _segments(request))
    answer = request.POST.get("helpful")
    if answer not in ("yes", "no"):
        return redirect("help:article", found.language, found.slug)
    reader, is_new = _reader_id(request)
    article_vote(translation=found, reader_id=reader, helpful=answer == "yes")
    response = redirect(
        reverse("help:article", args=[found.language, found.slug]) + f"?voted={answer}"
    )
    if is_new:
        response.set_cookie(
            READER_COOKIE,
            signing.dumps(reader, salt=READER_SALT),
            max_age=READER_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@login_not_required
@require_GET
def help_sitemap_view(request: HttpRequest) -> HttpResponse:
    """Every published article in every language, for search engines."""
    return render(
        request,
        "knowledge/help/sitemap.xml",
        {"articles": help_sitemap(), "base": settings.BASE_URL},
        content_type="application/xml",
    )
