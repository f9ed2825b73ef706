"""Mailboxes: created and changed by administrators (audited), looked up by name.

Webhook secrets are stored hashed; IMAP and SMTP passwords sealed (``credentials``), and
write-only: a page or the API can replace them, never read them back, and the audit row
says only that one changed. A plain (unencrypted) connection is allowed only to the local
machine, where no password crosses a network.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, Team, User
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, DomainError, FieldErrors, Forbidden, NotFound
from cortesia.mail.credentials import UnreadableSecret, seal, unseal
from cortesia.mail.models import Mailbox

WEBHOOK_PREFIX = "cmw_"
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
AUDIT_OBJECT_TYPE = "mailbox"
MAILBOX_MANAGERS = frozenset({Role.ADMIN})
# The columns a change may touch and the audit row may show (passwords never appear).
SHOWN_FIELDS = (
    "address",
    "team_id",
    "is_active",
    "acknowledge",
    "imap_host",
    "imap_port",
    "imap_security",
    "imap_username",
    "imap_password_env",
    "imap_folder",
    "after_import",
    "move_to",
    "smtp_host",
    "smtp_port",
    "smtp_security",
    "smtp_username",
)
SECRET_FIELDS = ("imap_password_sealed", "smtp_password_sealed")


def can_manage_mailboxes(user: User) -> bool:
    """Create and change mailboxes, their servers and passwords, and test them."""
    return user.is_active and user.role in MAILBOX_MANAGERS


def require_mailbox_manager(actor: Actor) -> None:
    if actor.user is not None and not can_manage_mailboxes(actor.user):
        raise Forbidden(_("Only administrators manage mailboxes."))


_require_admin = require_mailbox_manager


def mailbox_list() -> list[Mailbox]:
    """Return every mailbox (active or not) with its team, by name."""
    return list(Mailbox.objects.select_related("team").order_by("name"))


def mailbox_get(*, uid: str) -> Mailbox:
    """Return one mailbox by public id, or raise NotFound."""
    try:
        return Mailbox.objects.select_related("team").get(uid=uuid.UUID(str(uid)))
    except (ValueError, Mailbox.DoesNotExist):
        raise NotFound("mailbox") from None


def mailbox_by_name(name: str) -> Mailbox | None:
    return Mailbox.objects.select_related("team").filter(name=name, is_active=True).first()


@dataclass(frozen=True)
class ImapSettings:
    """Where and how to poll. ``password`` None keeps the stored one (or none); a new
    password is sealed. ``password_env`` names an environment variable instead."""

    host: str
    username: str
    password_env: str = ""  # the name of the environment variable, never the password
    port: int = 993
    security: str = Mailbox.Security.TLS
    folder: str = "INBOX"
    after_import: str = Mailbox.AfterImport.SEEN
    move_to: str = ""
    password: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class SmtpSettings:
    """The mailbox's own outgoing server; ``password`` None keeps the stored one."""

    host: str
    username: str = ""
    port: int = 587
    security: str = Mailbox.SmtpSecurity.STARTTLS
    password: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class MailboxChange:
    """Everything a settings page changes on an existing mailbox (the name is fixed: the
    pipe command and the webhook address name it). ``imap``/``smtp`` None removes them."""

    address: str
    team: Team | None
    is_active: bool = True
    acknowledge: bool = True
    imap: ImapSettings | None = None
    smtp: SmtpSettings | None = None


def _apply_imap(mailbox: Mailbox, imap: ImapSettings | None) -> None:
    if imap is None:
        imap = ImapSettings(host="", username="", password="")
    mailbox.imap_host, mailbox.imap_port = imap.host.strip(), imap.port
    mailbox.imap_username, mailbox.imap_password_env = imap.username.strip(), imap.password_env
    mailbox.imap_security, mailbox.imap_folder = imap.security, imap.folder.strip() or "INBOX"
    mailbox.after_import, mailbox.move_to = imap.after_import, imap.move_to.strip()
    if imap.password is not None:
        mailbox.imap_password_sealed = seal(imap.password) if imap.password else ""


def _apply_smtp(mailbox: Mailbox, smtp: SmtpSettings | None) -> None:
    if smtp is None:
        smtp = SmtpSettings(host="", password="")
    mailbox.smtp_host, mailbox.smtp_port = smtp.host.strip(), smtp.port
    mailbox.smtp_security, mailbox.smtp_username = smtp.security, smtp.username.strip()
    if smtp.password is not None:
        mailbox.smtp_password_sealed = seal(smtp.password) if smtp.password else ""


def _plain_errors(mailbox: Mailbox) -> dict[str, str]:
    message = _("A server on another machine needs TLS or STARTTLS.")
    errors = {}
    imap, smtp = mailbox.imap_host, mailbox.smtp_host
    if imap and imap not in LOOPBACK and mailbox.imap_security == Mailbox.Security.NONE:
        errors["imap_security"] = message
    if smtp and smtp not in LOOPBACK and mailbox.smtp_security == Mailbox.SmtpSecurity.NONE:
        errors["smtp_security"] = message
    return errors


def _validated(mailbox: Mailbox) -> None:
    errors: dict[str, str] = {}
    try:
        mailbox.full_clean(exclude=["uidvalidity"], validate_unique=False)
    except ValidationError as error:
        errors = {name: " ".join(texts) for name, texts in error.message_dict.items()}
    errors = {**_plain_errors(mailbox), **errors}
    if errors:
        raise FieldErrors(errors)


def _snapshot(mailbox: Mailbox) -> dict[str, object]:
    return {name: getattr(mailbox, name) for name in (*SHOWN_FIELDS, *SECRET_FIELDS)}


def _audit(mailbox: Mailbox, actor: Actor, data: dict[str, JsonValue]) -> None:
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type=AUDIT_OBJECT_TYPE,
        object_uid=str(mailbox.uid),
        object_label=mailbox.name,
        data=data,
    )


def _changes(before: dict[str, object], mailbox: Mailbox) -> dict[str, JsonValue]:
    """The audit row's account of a change: old and new values, and for a password only
    the word "changed" (or "removed")."""
    changed: dict[str, JsonValue] = {}
    for name in SHOWN_FIELDS:
        old, new = before[name], getattr(mailbox, name)
        if old != new:
            changed[name] = [_json(old), _json(new)]
    for name in SECRET_FIELDS:
        if before[name] != getattr(mailbox, name):
            changed[name.removesuffix("_sealed")] = (
                "changed" if getattr(mailbox, name) else "removed"
            )
    return changed


def _json(value: object) -> JsonValue:
    return value if isinstance(value, str | int | bool) or value is None else str(value)


@transaction.atomic
def mailbox_create(
    *,
    name: str,
    address: str,
    team: Team | None,
    actor: Actor,
    imap: ImapSettings | None = None,
    smtp: SmtpSettings | None = None,
) -> Mailbox:
    """Create a mailbox, polled over IMAP when ``imap`` is given and sending through its
    own server when ``smtp`` is. Raises Forbidden, FieldErrors or Conflict (name taken)."""
    _require_admin(actor)
    mailbox = Mailbox(name=name.strip().lower(), address=address.strip().lower(), team=team)
    _apply_imap(mailbox, imap)
    _apply_smtp(mailbox, smtp)
    _validated(mailbox)
    try:
        with transaction.atomic():
            mailbox.save(force_insert=True)
    except IntegrityError:
        raise Conflict(
            _("A mailbox with this name already exists."), code="duplicate_name"
        ) from None
    _audit(mailbox, actor, {"change": "created", **_changes(_snapshot(Mailbox()), mailbox)})
    return mailbox


@transaction.atomic
def mailbox_update(*, mailbox: Mailbox, change: MailboxChange, actor: Actor) -> Mailbox:
    """Apply ``change`` to ``mailbox``; a change that changes nothing writes nothing.
    Raises Forbidden or FieldErrors (then nothing is saved)."""
    _require_admin(actor)
    locked = Mailbox.objects.select_for_update().get(pk=mailbox.pk)
    before = _snapshot(locked)
    locked.address, locked.team = change.address.strip().lower(), change.team
    locked.is_active, locked.acknowledge = change.is_active, change.acknowledge
    _apply_imap(locked, change.imap)
    _apply_smtp(locked, change.smtp)
    _validated(locked)
    changed = _changes(before, locked)
    if changed:
        locked.save(update_fields=[*SHOWN_FIELDS, *SECRET_FIELDS, "updated_at"])
        _audit(locked, actor, {"change": "changed", **changed})
    return locked


SEND_TIMEOUT_SECONDS = 30


def mailbox_smtp_connection(mailbox: Mailbox) -> BaseEmailBackend | None:
    """Return a connection to the mailbox's own SMTP server, or None to use the site's.

    Raises DomainError when its stored password can no longer be read (a changed secret
    key): sending through the server without it would fail less clearly."""
    if not mailbox.smtp_host:
        return None
    password = ""
    if mailbox.smtp_password_sealed:
        try:
            password = unseal(mailbox.smtp_password_sealed)
        except UnreadableSecret:
            raise DomainError(
                _("The stored SMTP password cannot be read any more; type it again."),
                code="smtp_password_unreadable",
            ) from None
    connection: BaseEmailBackend = get_connection(
        "django.core.mail.backends.smtp.EmailBackend",
        host=mailbox.smtp_host,
        port=mailbox.smtp_port,
        username=mailbox.smtp_username,
        password=password,
        use_tls=mailbox.smtp_security == Mailbox.SmtpSecurity.STARTTLS,
        use_ssl=mailbox.smtp_security == Mailbox.SmtpSecurity.TLS,
        timeout=SEND_TIMEOUT_SECONDS,
    )
    return connection


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
