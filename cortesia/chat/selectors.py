"""Reads for the widget, the console and the streams' catch-up, scoped to who asks."""

from __future__ import annotations

import uuid

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from cortesia.accounts.models import Team, User
from cortesia.accounts.selectors import user_get
from cortesia.chat.audience import audience_condition, staff_audience, visitor_audience
from cortesia.chat.models import ChatEvent, Conversation, Visitor, WidgetSite
from cortesia.core.errors import FieldErrors, NotFound
from cortesia.tickets.selectors import team_for_ticket, ticket_list

EVENTS_PAGE = 200


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def site_for_widget(uid: str) -> WidgetSite:
    """Return the enabled site; raise NotFound for a missing, malformed or disabled one."""
    key = _uuid(uid)
    site = WidgetSite.objects.filter(uid=key, is_enabled=True).first() if key else None
    if site is None:
        raise NotFound("")
    return site


def demo_sites(origin: str) -> list[WidgetSite]:
    """The enabled sites that allow ``origin``, in the order they were made."""
    return [
        site
        for site in WidgetSite.objects.filter(is_enabled=True).order_by("pk")
        if origin in site.allowed_origins
    ]


def demo_site(origin: str, uid: str) -> WidgetSite | None:
    """Return the enabled site ``uid`` if it allows ``origin``, else the first enabled
    site that does, else None (the demonstration page)."""
    sites = demo_sites(origin)
    chosen = next((site for site in sites if str(site.uid) == uid), None)
    return chosen or (sites[0] if sites else None)


def open_conversation(visitor: Visitor) -> Conversation | None:
    return (
        Conversation.objects.filter(visitor=visitor, status__in=("bot", "waiting", "active"))
        .select_related("ticket")
        .order_by("-pk")
        .first()
    )


def visitor_conversation(visitor: Visitor, uid: str) -> Conversation:
    """Return the visitor's own conversation ``uid``; NotFound for anyone else's."""
    key = _uuid(uid)
    if key is None:
        raise NotFound("")
    found = Conversation.objects.filter(visitor=visitor, uid=key).select_related("ticket")
    conversation = found.first()
    if conversation is None:
        raise NotFound("")
    return conversation


def events_rows(condition_events: QuerySet[ChatEvent], after: int, limit: int) -> list[ChatEvent]:
    return list(
        condition_events.filter(id__gt=after)
        .select_related("conversation")
        .order_by("id")[: min(limit, EVENTS_PAGE)]
    )


def visitor_events(visitor: Visitor, after: int, limit: int = EVENTS_PAGE) -> list[ChatEvent]:
    """Return the visitor's public events after ``after``, oldest first."""
    events = ChatEvent.objects.filter(audience_condition(visitor_audience(visitor.pk)))
    return events_rows(events, after, limit)


def conversation_transcript(conversation: Conversation, *, internal: bool) -> list[ChatEvent]:
    """Return the conversation's last EVENTS_PAGE events, oldest first (internal ones only
    for staff)."""
    events = ChatEvent.objects.filter(conversation=conversation).select_related("conversation")
    if not internal:
        events = events.filter(is_internal=False)
    return list(reversed(events.order_by("-id")[:EVENTS_PAGE]))


def staff_events(viewer: User, after: int, limit: int = EVENTS_PAGE) -> list[ChatEvent]:
    """Return the events ``viewer`` may see after ``after``, oldest first."""
    audience = staff_audience(viewer)
    if audience is None:
        return []
    return events_rows(ChatEvent.objects.filter(audience_condition(audience)), after, limit)


def conversation_for_agent(*, viewer: User, uid: str) -> Conversation:
    """Return conversation ``uid`` when ``viewer`` may see its ticket; NotFound otherwise
    (missing and hidden alike)."""
    key = _uuid(uid)
    visible = ticket_list(viewer=viewer).values("pk")
    conversation = (
        Conversation.objects.filter(uid=key, ticket__in=visible)
        .select_related("ticket__customer", "visitor", "assignee", "team")
        .annotate(unread=unread_count())
        .first()
        if key
        else None
    )
    if conversation is None:
        raise NotFound("")
    return conversation


def console_conversations(*, viewer: User) -> QuerySet[Conversation]:
    """The console's list: waiting chats the viewer may take and the chats they answer,
    oldest waiting first."""
    visible = ticket_list(viewer=viewer).values("pk")
    mine_or_waiting = Q(status="waiting") | Q(status="active", assignee=viewer)
    return (
        Conversation.objects.filter(mine_or_waiting, ticket__in=visible)
        .select_related("ticket__customer", "assignee")
        .annotate(unread=unread_count())
        .order_by("status", "queued_at", "pk")
    )


def unread_count() -> Subquery:
    """The visitor's messages an agent has not read yet, per conversation."""
    unread = (
        ChatEvent.objects.filter(
            conversation=OuterRef("pk"),
            kind=ChatEvent.Kind.MESSAGE,
            payload__author="visitor",
            id__gt=OuterRef("agent_read_event"),
        )
        .order_by()
        .values("conversation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(unread, output_field=IntegerField())


def conversation_list(*, viewer: User, status: str = "") -> QuerySet[Conversation]:
    """The chats of the tickets ``viewer`` may see, in one status when given."""
    visible = ticket_list(viewer=viewer).values("pk")
    rows = Conversation.objects.filter(ticket__in=visible)
    if status:
        rows = rows.filter(status=status)
    return rows.select_related("ticket__customer", "team", "assignee").annotate(
        unread=unread_count()
    )


def conversation_messages(conversation: Conversation, *, after: int, limit: int) -> list[ChatEvent]:
    """The chat's messages and internal notes after event ``after``, oldest first."""
    return list(
        ChatEvent.objects.filter(
            conversation=conversation,
            kind__in=(ChatEvent.Kind.MESSAGE, ChatEvent.Kind.NOTE),
            id__gt=after,
        ).order_by("id")[: max(1, min(limit, EVENTS_PAGE))]
    )


def hand_over_target(
    *, viewer: User, agent_uid: str, team_uid: str
) -> tuple[User | None, Team | None]:
    """Whom a chat is handed to: exactly one of a colleague (whom ``viewer`` may see) or a
    team. Raises FieldErrors when both or neither is named, NotFound for an unknown one."""
    if agent_uid and team_uid:
        raise FieldErrors({"agent": _("Name an agent or a team, not both.")})
    if agent_uid:
        return user_get(viewer=viewer, uid=agent_uid), None
    if team_uid:
        return None, team_for_ticket(viewer=viewer, uid=team_uid)
    raise FieldErrors({"agent": _("Name an agent or a team to hand the chat to.")})
