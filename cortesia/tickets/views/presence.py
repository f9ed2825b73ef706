"""The ticket page's heartbeat: note that the viewer has the ticket open and answer with
the line naming the others who have it open too."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cortesia.accounts.views import staff_user
from cortesia.core.errors import NotFound
from cortesia.tickets.presence import presence_beat


@never_cache
@require_POST
def presence_view(request: HttpRequest, uid: str) -> HttpResponse:
    """One heartbeat (``state`` "typing" or "viewing"); 404 for a ticket the viewer may
    not see, and nothing is stored then."""
    viewer = staff_user(request)
    try:
        others = presence_beat(
            viewer=viewer, uid=uid, state=request.POST.get("state", ""), now=timezone.now()
        )
    except NotFound:
        raise Http404 from None
    return render(request, "tickets/ticket/_presence.html", {"others": others})
