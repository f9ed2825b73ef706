"""The language switcher: remembers the choice in a cookie and on the user's profile."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from cortesia.accounts.models import User
from cortesia.accounts.services import user_set_language


@require_POST
@login_not_required
def set_language_view(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    known = {code for code, _name in settings.LANGUAGES}
    if isinstance(request.user, User) and language in known:
        user_set_language(user=request.user, language=language)
    return set_language(request)
