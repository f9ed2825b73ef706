"""Background work of the chat. The e-mail verification code is made inside the task, so
it never rests in the task queue's table."""

from __future__ import annotations

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from cortesia.chat.identity import CODE_SECONDS, verification_issue
from cortesia.chat.models import Visitor
from cortesia.core.automatic_mail import send_automatic
from cortesia.tickets.composer import signing_name


@task()
def send_verification_code(*, visitor_id: int, address: str) -> bool:
    """Mail a new code to ``address`` in the visitor's language; False when the visitor
    is gone."""
    visitor = Visitor.objects.filter(pk=visitor_id).first()
    if visitor is None:
        return False
    with transaction.atomic():
        code = verification_issue(visitor=visitor, address=address, now=timezone.now())
    with translation.override(visitor.language):
        subject = _("Your code: %(code)s") % {"code": code}
        body = _(
            "Someone, probably you, asked in our chat to link the conversation to this "
            "e-mail address. The code is %(code)s; it is valid for %(minutes)d minutes.\n\n"
            "If it was not you, ignore this message: nothing is linked without the code."
        ) % {"code": code, "minutes": CODE_SECONDS // 60}
    send_automatic(
        EmailMessage(
            subject=subject,
            body=body,
            from_email=formataddr((signing_name(), parseaddr(settings.DEFAULT_FROM_EMAIL)[1])),
            to=[address],
            headers={
                "Auto-Submitted": "auto-generated",
                "X-Auto-Response-Suppress": "All",
                "Content-Language": visitor.language,
            },
        )
    )
    return True
