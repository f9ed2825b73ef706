"""The demonstration page: a shop's page that embeds the widget as any website would."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cortesia.chat.selectors import demo_site, demo_sites


@login_not_required
@require_GET
def widget_demo_view(request: HttpRequest) -> HttpResponse:
    """Show a sample page with the widget of the first enabled site that allows this
    server's own origin (``?site=`` picks another), or say that none does."""
    origin = f"{request.scheme}://{request.get_host()}"
    site = demo_site(origin, request.GET.get("site", ""))
    others = [other for other in demo_sites(origin) if site is None or other.pk != site.pk]
    context = {"site": site, "origin": origin, "others": others}
    return render(request, "chat/widget_demo.html", context)
