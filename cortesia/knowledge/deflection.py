"""Deflection: a customer about to ask us opened an article we suggested, then did not
send their request.

A *session* is one form or one chat visitor: the portal's new-request form carries a
random id, signed and bound to the signed-in customer (``portal_session_token``); the
widget's session is its visitor. Only a digest of the id is stored, never an address.
Each (place, session, translation) is recorded once. When the session then sends its
request, its opens of the ``REQUEST_WINDOW`` before are marked; an open never marked is
a deflected request.

    deflection rate = sessions with an open in the period and no request sent after it
                      / sessions with an open in the period
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from cortesia.knowledge.models import ArticleTranslation, SuggestionOpen

Place = SuggestionOpen.Place
# a request counts against the opens of its session this long before it (a visitor's
# session lasts as long as their token: an open of last month is not why they ask today)
REQUEST_WINDOW = timedelta(hours=24)
PORTAL_TOKEN_SALT = "cortesia.knowledge.suggestion-session"  # noqa: S105 - a signing salt
PORTAL_TOKEN_AGE = int(REQUEST_WINDOW.total_seconds())
MAX_TYPED = 200


def _digest(place: str, random_id: str) -> str:
    return hashlib.sha256(f"cortesia.knowledge.suggestion:{place}:{random_id}".encode()).hexdigest()


def portal_session_token(*, customer_uid: str) -> str:
    """A new form's signed session token, good only for this customer."""
    return signing.dumps(
        {"id": secrets.token_urlsafe(16), "customer": str(customer_uid)}, salt=PORTAL_TOKEN_SALT
    )


def portal_session(*, token: str, customer_uid: str) -> str | None:
    """The session (digest) of a form's token, or None for a token that is forged,
    older than ``PORTAL_TOKEN_AGE`` or another customer's."""
    try:
        claim = signing.loads(token, salt=PORTAL_TOKEN_SALT, max_age=PORTAL_TOKEN_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(claim, dict) or claim.get("customer") != str(customer_uid):
        return None
    return _digest(Place.PORTAL, str(claim.get("id", "")))


def widget_session(*, visitor_uid: str) -> str:
    """The session (digest) of a chat widget's visitor."""
    return _digest(Place.WIDGET, str(visitor_uid))


def suggestion_opened(
    *,
    place: str,
    session: str,
    language: str,
    translation: ArticleTranslation,
    typed: str,
) -> bool:
    """Record that ``session`` opened ``translation`` from its suggestions; return False
    when it had opened it before (counted once, two tabs at the same time included)."""
    try:
        with transaction.atomic():
            SuggestionOpen.objects.create(
                place=place,
                session=session,
                language=language,
                translation=translation,
                typed=" ".join(typed.split())[:MAX_TYPED],
                opened_at=timezone.now(),
            )
    except IntegrityError:  # opened already, perhaps a moment ago in another tab
        return False
    return True


def request_sent(*, place: str, session: str, at: datetime) -> int:
    """Mark the opens of ``session`` in the ``REQUEST_WINDOW`` before ``at`` as followed by
    a request (not deflected); return how many were marked. Marking twice changes
    nothing."""
    return SuggestionOpen.objects.filter(
        place=place,
        session=session,
        request_at__isnull=True,
        opened_at__lte=at,
        opened_at__gte=at - REQUEST_WINDOW,
    ).update(request_at=at)


def _sessions(opens: QuerySet[SuggestionOpen]) -> int:
    """The distinct (place, session) pairs among ``opens``."""
    counted = opens.values("place").annotate(n=Count("session", distinct=True)).order_by()
    return sum(int(row["n"]) for row in counted)


@dataclass(frozen=True)
class DeflectionRate:
    sessions: int  # sessions that opened a suggestion in the period
    deflected: int  # those of them that sent no request after
    rate: float | None  # deflected / sessions; None without sessions


def deflection_rate(*, since: datetime, until: datetime, place: str = "") -> DeflectionRate:
    """The deflection rate of the opens in [since, until) (one place, or all), two
    reads. Opens younger than ``REQUEST_WINDOW`` may still be followed by a request."""
    opens = SuggestionOpen.objects.filter(opened_at__gte=since, opened_at__lt=until)
    if place:
        opens = opens.filter(place=place)
    total = _sessions(opens)
    asked = _sessions(opens.filter(request_at__isnull=False))
    return DeflectionRate(total, total - asked, (total - asked) / total if total else None)
