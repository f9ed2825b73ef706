"""Record the history of an article: one ``ArticleEvent`` row per change, written in the
change's own transaction, and announced to the apps above (webhooks) through
``article_events_recorded``.

An event names who acted, the translation's language (empty for the article itself)
and what changed in numbers and public ids (versions, segment uids, field names): never
the article's text, which the versions keep.
"""

from __future__ import annotations

from django.dispatch import Signal
from django.utils import timezone

from cortesia.core.actor import Actor
from cortesia.knowledge.models import Article, ArticleEvent

JsonValue = str | int | bool | None | list[str]

# Sent inside the transaction with ``events=[ArticleEvent, ...]`` (one change's rows), as
# ``tickets.signals.events_recorded`` is, so a receiver may write its outbox rows with it.
article_events_recorded = Signal()


def article_event_record(
    *,
    article: Article,
    kind: ArticleEvent.Kind,
    actor: Actor,
    language: str = "",
    data: dict[str, JsonValue] | None = None,
) -> ArticleEvent:
    """Write one event of ``article`` now, and announce it."""
    event = ArticleEvent.objects.create(
        article=article,
        language=language,
        kind=kind,
        actor=actor.user,
        data=data or {},
        created_at=timezone.now(),
    )
    article_events_recorded.send(sender=ArticleEvent, events=[event])
    return event
