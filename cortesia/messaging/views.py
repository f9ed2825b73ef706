"""The webhook addresses the providers call: ``/messaging/webhooks/<channel id>``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from cortesia.messaging.inbound import delivery_is_genuine, delivery_store, subscription_answer
from cortesia.messaging.selectors import channel_for_webhook

MAX_BODY = 1_000_000


@csrf_exempt
@login_not_required
def webhook_view(request: HttpRequest, channel_uid: str) -> HttpResponse:
    """GET: WhatsApp's subscription check. POST: a delivery, kept raw when genuine."""
    channel = channel_for_webhook(channel_uid)
    if channel is None:
        return JsonResponse({"error": {"code": "not_found"}}, status=404)
    if request.method == "GET":
        query = {key: str(request.GET.get(key, "")) for key in request.GET}
        answer = subscription_answer(channel, query)
        return (
            HttpResponse(answer, content_type="text/plain") if answer else HttpResponse(status=403)
        )
    if request.method != "POST":
        return HttpResponse(status=405)
    body = request.body
    if len(body) > MAX_BODY:
        return HttpResponse(status=413)
    if not delivery_is_genuine(channel, body, dict(request.headers.items())):
        return JsonResponse({"error": {"code": "unauthorized"}}, status=401)
    delivery_store(channel=channel, body=body)
    return JsonResponse({"ok": True})
