"""A URL configuration whose paths carry the language, as ``i18n_patterns`` makes them."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import get_language


@login_not_required
def language_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"{get_language()} {request.LANGUAGE_CODE}")


urlpatterns = i18n_patterns(path("here/", language_view))
