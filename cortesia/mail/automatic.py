"""Mail sent by machines: stored like any other, but never answered automatically.

RFC 3834 ``Auto-Submitted``, ``Precedence: bulk/list/junk``, Microsoft's
``X-Auto-Response-Suppress``, mailing-list and loop headers, the null return path and
the usual robot senders all mark a mail as automatic. A delivery status notification
(RFC 3464) is also a bounce.
"""

from __future__ import annotations

from cortesia.mail.parsing import ParsedMail

ROBOT_LOCAL_PARTS = frozenset(
    {
        "mailer-daemon",
        "postmaster",
        "no-reply",
        "noreply",
        "do-not-reply",
        "donotreply",
        "bounce",
        "bounces",
    }
)
BULK_PRECEDENCE = frozenset({"bulk", "list", "junk", "auto_reply"})


def automatic_reason(mail: ParsedMail) -> str:
    """Return why ``mail`` counts as sent by a machine, or "" for a person's mail."""
    headers = mail.headers
    auto_submitted = headers.get("auto-submitted", "").strip().lower()
    if auto_submitted and auto_submitted != "no":
        return f"auto-submitted: {auto_submitted}"
    precedence = headers.get("precedence", "").strip().lower()
    if precedence in BULK_PRECEDENCE:
        return f"precedence: {precedence}"
    for name in ("x-auto-response-suppress", "list-id", "x-loop", "x-autoreply"):
        if headers.get(name, "").strip():
            return f"{name} header"
    if mail.return_path == "":
        return "null return path"
    if mail.from_address.partition("@")[0] in ROBOT_LOCAL_PARTS:
        return f"robot sender: {mail.from_address}"
    if is_bounce(mail):
        return "delivery status notification"
    return ""


def is_bounce(mail: ParsedMail) -> bool:
    """True for a delivery failure report (RFC 3464) or a mail from the mailer daemon."""
    local = mail.from_address.partition("@")[0]
    return (
        mail.content_type == "multipart/report" and mail.report_type == "delivery-status"
    ) or local in ("mailer-daemon", "postmaster")
