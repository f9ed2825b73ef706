"""Testing a mailbox's servers before saving them: what each server answered.

IMAP: connect (TLS, STARTTLS or, on the local machine only, plain), the greeting, the
capabilities, LOGIN and a read-only SELECT of the folder. SMTP: connect, the greeting,
EHLO, STARTTLS and EHLO again when configured, AUTH when a user name is given. Each step
has a short timeout, so a silent server answers "timed out" within seconds.

The answers shown are the servers' own words, made safe to show: decoded, on one line,
cut short, and with every password removed (a server could echo what it was sent).
Nothing is sent but the login; no mail is read, moved or sent.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils.translation import gettext as _

from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, RateLimited
from cortesia.core.ratelimit import RateLimit, rate_hit
from cortesia.mail.credentials import UnreadableSecret, unseal
from cortesia.mail.imap import LOOPBACK, imap_connect, imap_password
from cortesia.mail.mailboxes import ImapSettings, SmtpSettings, require_mailbox_manager
from cortesia.mail.models import Mailbox

PROBE_TIMEOUT_SECONDS = 10
PROBE_LIMIT = RateLimit(scope="mailbox-probe", limit=30, window=timedelta(minutes=10))
MAX_ANSWER = 300
HIDDEN = "•••"
BYTES_REPR = re.compile(r"""^b(['"])(.*)\1$""", re.DOTALL)


@dataclass(frozen=True)
class Step:
    """One exchange: ``what`` names it (greeting, capabilities, login, select, ehlo,
    starttls, auth), ``answer`` is what the server said."""

    what: str
    answer: str


@dataclass(frozen=True)
class ProbeResult:
    protocol: str  # "imap" or "smtp"
    host: str
    port: int
    steps: list[Step] = field(default_factory=list)
    error: str = ""  # what went wrong, "" when every step passed

    @property
    def is_ok(self) -> bool:
        return not self.error


def _answer(raw: object, secrets: Sequence[str]) -> str:
    """Return ``raw`` (bytes, text or a list of them) as one safe line."""
    if isinstance(raw, list | tuple):
        return _answer(" ".join(_answer(part, secrets) for part in raw), secrets)
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    if match := BYTES_REPR.match(text.strip()):  # imaplib's errors carry bytes' repr
        text = match.group(2)
    for secret in secrets:
        if secret:
            text = text.replace(secret, HIDDEN)
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return text if len(text) <= MAX_ANSWER else text[: MAX_ANSWER - 1] + "…"


def _failure(error: BaseException, secrets: Sequence[str]) -> str:
    if isinstance(error, DomainError):
        return error.message
    if isinstance(error, smtplib.SMTPResponseException):
        return _answer(f"{error.smtp_code} {_answer(error.smtp_error, secrets)}", secrets)
    if isinstance(error, TimeoutError):
        return _("The server did not answer within %(seconds)d seconds.") % {
            "seconds": PROBE_TIMEOUT_SECONDS
        }
    return _answer(str(error) or type(error).__name__, secrets)


def imap_probe(
    imap: ImapSettings, password: str, timeout: float = PROBE_TIMEOUT_SECONDS
) -> ProbeResult:
    """Log in to ``imap`` and open its folder read-only; report each answer."""
    secrets, steps = [password], []
    client: imaplib.IMAP4 | None = None
    try:
        client = imap_connect(imap.host, imap.port, imap.security, timeout)
        steps.append(Step("greeting", _answer(client.welcome, secrets)))
        steps.append(Step("capabilities", _answer(list(client.capabilities), secrets)))
        steps.append(Step("login", _answer(client.login(imap.username, password)[1], secrets)))
        folder = '"' + imap.folder.replace("\\", "\\\\").replace('"', '\\"') + '"'
        status, data = client.select(folder, readonly=True)
        if status != "OK":
            raise imaplib.IMAP4.error(_answer(data, secrets))
        steps.append(Step("select", _answer(data, secrets)))
    except (DomainError, OSError, imaplib.IMAP4.error, ssl.SSLError) as error:
        return ProbeResult("imap", imap.host, imap.port, steps, _failure(error, secrets))
    finally:
        if client is not None:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                client.logout()
    return ProbeResult("imap", imap.host, imap.port, steps)


def _smtp_steps(client: smtplib.SMTP, smtp: SmtpSettings, password: str, steps: list[Step]) -> None:
    """Append each answer to ``steps`` as it comes, so a failure keeps the ones before."""
    secrets = [password]
    code, message = client.connect(smtp.host, smtp.port)
    steps.append(Step("greeting", _answer(f"{code} {_answer(message, secrets)}", secrets)))
    code, message = client.ehlo()
    steps.append(Step("ehlo", _answer(f"{code} {_answer(message, secrets)}", secrets)))
    if smtp.security == Mailbox.SmtpSecurity.STARTTLS:
        code, message = client.starttls(context=ssl.create_default_context())
        steps.append(Step("starttls", _answer(f"{code} {_answer(message, secrets)}", secrets)))
        client.ehlo()
    if smtp.username:
        code, message = client.login(smtp.username, password)
        steps.append(Step("auth", _answer(f"{code} {_answer(message, secrets)}", secrets)))


def smtp_probe(
    smtp: SmtpSettings, password: str, timeout: float = PROBE_TIMEOUT_SECONDS
) -> ProbeResult:
    """Greet ``smtp``, EHLO, STARTTLS and AUTH as configured; report each answer."""
    if smtp.security == Mailbox.SmtpSecurity.NONE and smtp.host not in LOOPBACK:
        message = _("A server on another machine needs TLS or STARTTLS.")
        return ProbeResult("smtp", smtp.host, smtp.port, [], message)
    client = (
        smtplib.SMTP_SSL(timeout=timeout, context=ssl.create_default_context())
        if smtp.security == Mailbox.SmtpSecurity.TLS
        else smtplib.SMTP(timeout=timeout)
    )
    steps: list[Step] = []
    try:
        _smtp_steps(client, smtp, password, steps)
    except (smtplib.SMTPException, OSError, ssl.SSLError) as error:
        return ProbeResult("smtp", smtp.host, smtp.port, steps, _failure(error, [password]))
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            client.quit()
    return ProbeResult("smtp", smtp.host, smtp.port, steps)


def _stored(sealed: str) -> str:
    try:
        return unseal(sealed) if sealed else ""
    except UnreadableSecret:
        return ""


def mailbox_probe(
    *,
    mailbox: Mailbox | None,
    imap: ImapSettings | None,
    smtp: SmtpSettings | None,
    actor: Actor,
) -> list[ProbeResult]:
    """Test the servers given (typed on a page, not yet saved); a password left empty
    means the one stored for ``mailbox``. Raises Forbidden for anyone but administrators
    and RateLimited past ``PROBE_LIMIT`` tests a person (the server connects wherever it
    is told: the limit keeps that from becoming a port scanner)."""
    require_mailbox_manager(actor)
    subject = str(actor.user.pk) if actor.user is not None else "system"
    decision = rate_hit(rule=PROBE_LIMIT, subject=subject)
    if not decision.allowed:
        raise RateLimited(
            _("Too many connection tests. Try again in %(seconds)d seconds.")
            % {"seconds": decision.retry_after},
            retry_after=decision.retry_after,
        )
    results = []
    if imap is not None and imap.host:
        password = imap.password
        if not password and mailbox is not None:
            with contextlib.suppress(DomainError):
                password = imap_password(mailbox)
        results.append(imap_probe(imap, password or ""))
    if smtp is not None and smtp.host:
        password = smtp.password
        if not password and mailbox is not None:
            password = _stored(mailbox.smtp_password_sealed)
        results.append(smtp_probe(smtp, password or ""))
    return results
