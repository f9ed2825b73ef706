"""Background work of the portal. The sign-in token is made inside the task, so it never
rests in the task queue's table."""

from __future__ import annotations

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django_tasks import task

from cortesia.core.automatic_mail import send_automatic
from cortesia.customers.models import Customer
from cortesia.portal.links import link_issue
from cortesia.portal.mails import mail_language, sign_in_mail
from cortesia.tickets.composer import signing_name


@task()
def send_sign_in_link(*, customer_id: int, address: str, language: str) -> bool:
    """Mail a new sign-in link to ``address`` in the customer's language (else in
    ``language``, the page's they asked on); False when the customer is gone."""
    customer = Customer.objects.filter(pk=customer_id).first()
    if customer is None:
        return False
    with transaction.atomic():
        issued = link_issue(customer=customer, address=address)
    mail = sign_in_mail(
        customer=customer,
        token=issued.token,
        expires_at=issued.expires_at,
        language=mail_language(customer, language),
    )
    send_automatic(
        EmailMessage(
            subject=mail.subject,
            body=mail.text,
            from_email=formataddr((signing_name(), parseaddr(settings.DEFAULT_FROM_EMAIL)[1])),
            to=[address],
            headers={
                "Auto-Submitted": "auto-generated",
                "X-Auto-Response-Suppress": "All",
                "Content-Language": mail.language,
            },
        )
    )
    return True
