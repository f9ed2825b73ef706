"""The public help centre at ``/help/<language>/``: readable without JavaScript, in the
language of its address (right to left in Arabic), each article offering only the
languages it is written in."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET, require_POST

from cortesia.core.errors import NotFound
from cortesia.knowledge.models import ArticleTranslation
from cortesia.knowledge.reading import article_viewed, article_vote
from cortesia.knowledge.selectors import (
    PUBLIC_SCOPES,
    article_search,
    help_alternates,
    help_article,
    help_index,
    help_sitemap,
)

READER_COOKIE = "cortesia_help_reader"
READER_SALT = "cortesia.knowledge.reader"
READER_AGE = 60 * 60 * 24 * 365
MAX_QUERY = 200


def _language(code: str) -> str:
    if code not in {language for language, _name in settings.LANGUAGES}:
        raise Http404
    return code


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
    with translation.override(language):
        return render(
            request,
            "knowledge/help/home.html",
            {
                "language": language,
                "categories": help_index(language),
                "languages": _home_links(),
            },
        )


@login_not_required
@require_GET
def help_search_view(request: HttpRequest, language: str) -> HttpResponse:
    language = _language(language)
    query = str(request.GET.get("q", ""))[:MAX_QUERY].strip()
    results = (
        article_search(query=query, language=language, scopes=PUBLIC_SCOPES, record_miss=True)
        if query
        else []
    )
    with translation.override(language):
        return render(
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


def _article(language: str, slug: str) -> ArticleTranslation:
    try:
        return help_article(language, slug)
    except NotFound:
        raise Http404 from None


@login_not_required
@require_GET
def help_article_view(request: HttpRequest, language: str, slug: str) -> HttpResponse:
    found = _article(_language(language), slug)
    article_viewed(found)
    alternates = help_alternates(found)
    with translation.override(found.language):
        return render(
            request,
            "knowledge/help/article.html",
            {
                "language": found.language,
                "article": found,
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


def _reader_id(request: HttpRequest) -> tuple[str, bool]:
    """The reader's random id from their cookie, or a new one (True: set the cookie)."""
    try:
        return str(signing.loads(request.COOKIES.get(READER_COOKIE, ""), salt=READER_SALT)), False
    except signing.BadSignature:
        return secrets.token_urlsafe(16), True


@login_not_required
@require_POST
def help_vote_view(request: HttpRequest, language: str, slug: str) -> HttpResponse:
    found = _article(_language(language), slug)
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
