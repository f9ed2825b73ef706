"""Who may do what with notifications (default deny).

Each person reads and chooses only their own (see the selectors); the business-wide
settings (how long a ticket may wait without an assignee) are the administrators'.
"""

from __future__ import annotations

from cortesia.accounts.models import Role, User


def can_manage_notification_settings(user: User) -> bool:
    """Change the business-wide notification settings."""
    return user.is_active and user.role == Role.ADMIN
