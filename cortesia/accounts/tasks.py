"""Background work of the accounts app: thin, idempotent, primitive arguments."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from cortesia.accounts.models import INVITATION_LIFETIME, User


@task()
def send_password_reset(*, user_id: int, domain: str, use_https: bool) -> bool:
    """Mail a password-reset link to an active user, in the user's language.

    The token is made here, in the worker, so it never sits in the task queue.
    Returns False when the user vanished or was deactivated meanwhile.
    """
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    context = {
        "user": user,
        "domain": domain,
        "protocol": "https" if use_https else "http",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    with translation.override(user.language or None):
        subject = render_to_string("accounts/email/password_reset_subject.txt", context)
        body = render_to_string("accounts/email/password_reset.txt", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), body, to=[user.email])
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    message.send()
    return True


@task()
def send_invitation(*, invitation_id: int) -> bool:
    """Mail an invitation's link, in the language chosen for the invitee.

    The link's token is issued here, in the worker, so it never sits in the task queue; a
    run finds nothing to do (and returns False) when the invitation's link was issued by
    an earlier run, or it was accepted, revoked or expired meanwhile. When the mail cannot
    be sent, the token is withdrawn again so that a retry sends a working link.
    """
    from cortesia.accounts.invitations import invitation_token_issue, invitation_token_withdraw

    issued = invitation_token_issue(invitation_id=invitation_id)
    if issued is None:
        return False
    invitation, raw = issued
    context = {
        "invitation": invitation,
        "inviter": invitation.invited_by.display_name if invitation.invited_by else "",
        "link": settings.BASE_URL + reverse("accounts:invitation-accept", args=[raw]),
        "days": INVITATION_LIFETIME.days,
    }
    with translation.override(invitation.language):
        context["role"] = invitation.get_role_display()
        subject = render_to_string("accounts/email/invitation_subject.txt", context)
        body = render_to_string("accounts/email/invitation.txt", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), body, to=[invitation.email])
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    try:
        message.send()
    except Exception:
        invitation_token_withdraw(invitation_id=invitation_id, raw=raw)
        raise
    return True
