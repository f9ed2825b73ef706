"""A widget's visitor: made when someone opens the widget, known afterwards by their token.

The visitor's language is the first of their browser's languages the product speaks,
else the site's default; their time zone is the browser's, kept only when it is a real
IANA zone (it decides how "we are back at 9:00, your time" reads)."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import available_timezones

from cortesia.chat.models import Visitor, WidgetSite
from cortesia.chat.tokens import VisitorClaim, visitor_token_read, visitor_token_sign
from cortesia.localization.selectors import spoken_base

MAX_LANGUAGES = 10


@dataclass(frozen=True)
class VisitorSession:
    visitor: Visitor
    token: str
    is_new: bool


def visitor_language(site: WidgetSite, browser_languages: list[str]) -> str:
    """Return the first browser language the product speaks, else the site's default."""
    candidates = [code.strip() for code in browser_languages[:MAX_LANGUAGES] if code.strip()]
    return spoken_base(*candidates) or spoken_base(site.default_language) or "en"


def visitor_zone(value: str) -> str:
    """The browser's zone when it is a real IANA zone, else ""."""
    return value if value in available_timezones() else ""


def visitor_token(visitor: Visitor) -> str:
    return visitor_token_sign(VisitorClaim(visitor.site_id, visitor.pk, visitor.token_version))


def visitor_for_token(site: WidgetSite, token: str) -> Visitor | None:
    """Return the visitor a valid, unrevoked token of this site names, else None."""
    claim = visitor_token_read(token)
    if claim is None or claim.site_id != site.pk:
        return None
    visitor = Visitor.objects.filter(pk=claim.visitor_id, site=site).first()
    if visitor is None or visitor.token_version != claim.version:
        return None
    return visitor


def visitor_session(
    *, site: WidgetSite, token: str, browser_languages: list[str], time_zone: str
) -> VisitorSession:
    """Return the visitor of ``token`` (their language follows the browser's again), or a
    new visitor with a new token when the token is missing, forged, expired or revoked."""
    language = visitor_language(site, browser_languages)
    visitor = visitor_for_token(site, token) if token else None
    if visitor is not None:
        changes = {"language": language, "time_zone": visitor_zone(time_zone) or visitor.time_zone}
        changed = [name for name, value in changes.items() if getattr(visitor, name) != value]
        for name in changed:
            setattr(visitor, name, changes[name])
        if changed:
            visitor.save(update_fields=[*changed, "updated_at"])
        return VisitorSession(visitor, token, is_new=False)
    visitor = Visitor.objects.create(
        site=site, language=language, time_zone=visitor_zone(time_zone)
    )
    return VisitorSession(visitor, visitor_token(visitor), is_new=True)
