"""Which staff roles may do what with tickets (default deny).

Services and selectors ask these functions, and views hand the same answers to templates
as ``can_*`` flags, so a page never offers what the service would refuse. Marketers and
inactive accounts work on no tickets; administrators alone release infected files and
name the company that signs replies.
"""

from __future__ import annotations

from cortesia.accounts.models import Role, User

TICKET_STAFF = frozenset({Role.ADMIN, Role.MANAGER, Role.AGENT})
TICKET_ADMINS = frozenset({Role.ADMIN})


def can_work_tickets(user: User) -> bool:
    """See, open, answer and change tickets (within the teams the selectors allow)."""
    return user.is_active and user.role in TICKET_STAFF


def can_release_infected(user: User) -> bool:
    """Download an attachment the virus scan found infected, overriding the block."""
    return user.is_active and user.role in TICKET_ADMINS


def can_name_company(user: User) -> bool:
    """Set the company name that signs replies, and anyone's signature."""
    return user.is_active and user.role in TICKET_ADMINS
