"""How a customer reaches one of their invitations: by the token of a mailed link (only
its SHA-256 is stored), or signed in to the portal by its public id. Anything else is
NotFound, exactly like an invitation that does not exist: a forged, malformed or unknown
token gives the same answer."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from cortesia.core.errors import NotFound
from cortesia.customers.models import Customer
from cortesia.feedback.models import InvitationState, SurveyInvitation

# secrets.token_urlsafe(32) gives 43 characters; anything much longer was never ours.
TOKEN_MAX_LENGTH = 100
# What every answer reads of an invitation, joined in the token's lookup. The ticket
# (its number on the timeline) is read when there is one, with its team when a page
# shows the company's name: each join costs the lookup about half a millisecond of
# PostgreSQL planning and Python, answered or not.
REACHED = ("survey", "customer")


def token_digest(token: str) -> str:
    """The SHA-256 (hex) of a link's token, as the invitation keeps it."""
    return hashlib.sha256(token.encode()).hexdigest()


def _reachable() -> QuerySet[SurveyInvitation]:
    """Invitations that were sent (answered or expired since): a scheduled or suppressed
    one has no link."""
    return SurveyInvitation.objects.select_related(*REACHED).filter(
        state__in=(InvitationState.SENT, InvitationState.ANSWERED, InvitationState.EXPIRED)
    )


def invitation_by_token(*, token: str) -> SurveyInvitation:
    """Return the invitation whose link carries ``token`` (in any state it can have once
    sent); raise NotFound for any other token, without a query for one that is empty,
    too long or not URL-safe base64."""
    if not token or len(token) > TOKEN_MAX_LENGTH or not _urlsafe(token):
        raise NotFound("invitation")
    invitation = _reachable().filter(token_digest=token_digest(token)).first()
    if invitation is None:
        raise NotFound("invitation")
    return invitation


def _urlsafe(token: str) -> bool:
    return all(char.isascii() and (char.isalnum() or char in "-_") for char in token)


def invitation_of_customer(*, customer: Customer, uid: str) -> SurveyInvitation:
    """Return one of ``customer``'s sent invitations by its public id; NotFound for
    another customer's, a malformed id or one not sent."""
    try:
        key = uuid.UUID(str(uid))
    except ValueError:
        raise NotFound("invitation") from None
    invitation = _reachable().filter(customer=customer, uid=key).first()
    if invitation is None:
        raise NotFound("invitation")
    return invitation


def invitations_pending(
    *, customer: Customer, now: datetime | None = None
) -> QuerySet[SurveyInvitation]:
    """Return ``customer``'s invitations still waiting for an answer (sent, not expired),
    whatever channel they went by, newest first."""
    now = now or timezone.now()
    return (
        SurveyInvitation.objects.select_related("survey", "ticket")
        .filter(customer=customer, state=InvitationState.SENT)
        .exclude(expires_at__lte=now)
        .order_by("-sent_at", "-id")
    )
