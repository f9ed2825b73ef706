"""Mailboxes: created by administrators, looked up by name; webhook secrets stored hashed."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, Team
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors, Forbidden
from cortesia.mail.models import Mailbox

WEBHOOK_PREFIX = "cmw_"


def _require_admin(actor: Actor) -> None:
    if actor.user is not None and actor.user.role != Role.ADMIN:
        raise Forbidden(_("Only administrators manage mailboxes."))


def mailbox_by_name(name: str) -> Mailbox | None:
    return Mailbox.objects.select_related("team").filter(name=name, is_active=True).first()


@dataclass(frozen=True)
class ImapSettings:
    host: str
    username: str
    password_env: str  # the name of the environment variable, never the password
    port: int = 993
    security: str = Mailbox.Security.TLS
    folder: str = "INBOX"
    after_import: str = Mailbox.AfterImport.SEEN
    move_to: str = ""


@transaction.atomic
def mailbox_create(
    *,
    name: str,
    address: str,
    team: Team | None,
    actor: Actor,
    imap: ImapSettings | None = None,
) -> Mailbox:
    """Create a mailbox, polled over IMAP when ``imap`` is given. Raises Forbidden,
    FieldErrors or Conflict (name taken)."""
    _require_admin(actor)
    mailbox = Mailbox(name=name.strip().lower(), address=address.strip().lower(), team=team)
    if imap is not None:
        mailbox.imap_host, mailbox.imap_port = imap.host.strip(), imap.port
        mailbox.imap_username, mailbox.imap_password_env = imap.username, imap.password_env
        mailbox.imap_security, mailbox.imap_folder = imap.security, imap.folder
        mailbox.after_import, mailbox.move_to = imap.after_import, imap.move_to
    errors: dict[str, str] = {}
    try:
        mailbox.full_clean(exclude=["uidvalidity"], validate_unique=False)
    except ValidationError as error:
        errors = {field: " ".join(messages) for field, messages in error.message_dict.items()}
    if errors:
        raise FieldErrors(errors)
    try:
        with transaction.atomic():
            mailbox.save(force_insert=True)
    except IntegrityError:
        raise Conflict(
            _("A mailbox with this name already exists."), code="duplicate_name"
        ) from None
    return mailbox


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def mailbox_webhook_token(*, mailbox: Mailbox, actor: Actor) -> str:
    """Issue a new secret for the inbound webhook (the old one stops working); it is
    returned once and stored hashed."""
    _require_admin(actor)
    token = f"{WEBHOOK_PREFIX}{secrets.token_urlsafe(32)}"
    Mailbox.objects.filter(pk=mailbox.pk).update(webhook_token_digest=_digest(token))
    return token


def mailbox_for_webhook(name: str, token: str) -> Mailbox | None:
    """Return the active mailbox whose webhook secret is ``token``, else None."""
    mailbox = mailbox_by_name(name)
    if mailbox is None or not mailbox.webhook_token_digest or not token.startswith(WEBHOOK_PREFIX):
        return None
    if not hmac.compare_digest(mailbox.webhook_token_digest, _digest(token)):
        return None
    return mailbox
