"""Who performs an action: passed to every service so the audit trail is complete."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from cortesia.accounts.models import User


@dataclass(frozen=True)
class Actor:
    """A staff user (or ``None`` for the system) and the trusted client address."""

    user: User | None
    client_ip: str | None = None

    @classmethod
    def system(cls) -> Actor:
        return cls(user=None, client_ip=None)

    @classmethod
    def from_request(cls, request: HttpRequest) -> Actor:
        user = request.user if request.user.is_authenticated else None
        return cls(user=user, client_ip=request_client_ip(request))


def request_client_ip(request: HttpRequest) -> str:
    """Return the address set by ClientIpMiddleware, or the socket peer."""
    return str(getattr(request, "client_ip", request.META.get("REMOTE_ADDR", "")))
