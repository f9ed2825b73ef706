"""Signed tokens: a visitor's (kept by the widget on the host page) and the short-lived
tickets that open a stream.

Both are signed with the site's secret key and a salt of their own, so one is never
accepted as the other. A visitor token carries the visitor's ``token_version``: raising it
revokes every token signed before. A stream ticket is checked by the stream process
without reading the database, so it lives only ``STREAM_TICKET_SECONDS``; the client then
asks the web server for a new one (which checks permissions again).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

VISITOR_SALT = "cortesia.chat.visitor"
STREAM_SALT = "cortesia.chat.stream"
VISITOR_TOKEN_SECONDS = 30 * 24 * 3600
STREAM_TICKET_SECONDS = 600


@dataclass(frozen=True)
class VisitorClaim:
    site_id: int
    visitor_id: int
    version: int


@dataclass(frozen=True)
class StreamAudience:
    """Whose events a stream carries: one visitor's public events, or an agent's (every
    conversation when ``everything``; else those of ``team_ids``, those with no team when
    ``no_team``, and those assigned to ``user_id``)."""

    visitor_id: int | None = None
    user_id: int | None = None
    team_ids: frozenset[int] = frozenset()
    no_team: bool = False
    everything: bool = False

    @property
    def is_staff(self) -> bool:
        return self.user_id is not None


def visitor_token_sign(claim: VisitorClaim) -> str:
    return signing.dumps(
        [claim.site_id, claim.visitor_id, claim.version], salt=VISITOR_SALT, compress=False
    )


def visitor_token_read(token: str) -> VisitorClaim | None:
    """Return the claim of a valid, unexpired token, else None."""
    try:
        site_id, visitor_id, version = signing.loads(
            token, salt=VISITOR_SALT, max_age=VISITOR_TOKEN_SECONDS
        )
        return VisitorClaim(int(site_id), int(visitor_id), int(version))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def stream_ticket_sign(audience: StreamAudience) -> str:
    return signing.dumps(
        {
            "v": audience.visitor_id,
            "u": audience.user_id,
            "t": sorted(audience.team_ids),
            "n": audience.no_team,
            "a": audience.everything,
        },
        salt=STREAM_SALT,
        compress=False,
    )


def stream_ticket_read(ticket: str) -> StreamAudience | None:
    """Return the audience of a valid ticket signed less than STREAM_TICKET_SECONDS ago."""
    try:
        data = signing.loads(ticket, salt=STREAM_SALT, max_age=STREAM_TICKET_SECONDS)
        return StreamAudience(
            visitor_id=data["v"],
            user_id=data["u"],
            team_ids=frozenset(int(team) for team in data["t"]),
            no_team=bool(data["n"]),
            everything=bool(data["a"]),
        )
    except (signing.BadSignature, KeyError, ValueError, TypeError):
        return None
