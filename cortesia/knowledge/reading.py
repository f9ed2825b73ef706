"""What readers of the help centre leave behind: views counted, "Was this helpful?".

A reader is known only by a random id the help centre keeps in a cookie; the vote keeps a
digest of it. One vote per reader and translation: answering again replaces the answer,
and the counts on the translation move with it.
"""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from cortesia.knowledge.models import ArticleTranslation, ArticleVote


def article_viewed(translation: ArticleTranslation) -> None:
    ArticleTranslation.objects.filter(pk=translation.pk).update(views=F("views") + 1)


def _voter(reader_id: str) -> str:
    return hashlib.sha256(f"cortesia.knowledge.vote:{reader_id}".encode()).hexdigest()


def _count(translation: ArticleTranslation, helpful: bool, step: int) -> None:
    field = "helpful" if helpful else "not_helpful"
    ArticleTranslation.objects.filter(pk=translation.pk).update(**{field: F(field) + step})


@transaction.atomic
def article_vote(*, translation: ArticleTranslation, reader_id: str, helpful: bool) -> bool:
    """Record the reader's answer; return False when it is the answer they gave before."""
    voter = _voter(reader_id)
    existing = ArticleVote.objects.select_for_update().filter(translation=translation, voter=voter)
    vote = existing.first()
    if vote is not None:
        if vote.helpful == helpful:
            return False
        _count(translation, vote.helpful, -1)
        vote.helpful, vote.created_at = helpful, timezone.now()
        vote.save(update_fields=["helpful", "created_at"])
    else:
        try:
            with transaction.atomic():
                ArticleVote.objects.create(
                    translation=translation,
                    voter=voter,
                    helpful=helpful,
                    created_at=timezone.now(),
                )
        except IntegrityError:  # the same reader's other tab voted first
            return False
    _count(translation, helpful, 1)
    return True
