"""Stream responses and mentions as CSV, row by row, with formula-safe cells: a comment
typed as ``=HYPERLINK(…)`` reaches the spreadsheet as text (RELIABILITY C5)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence

from django.db.models import QuerySet

from cortesia.feedback.metrics import score_label
from cortesia.feedback.models import Mention, SurveyResponse
from cortesia.lib.csv_safety import neutralize_cell

RESPONSE_COLUMNS = (
    "uid",
    "answered_at",
    "changed_at",
    "kind",
    "score",
    "label",
    "is_low",
    "comment",
    "answers",
    "language",
    "country",
    "customer_uid",
    "customer",
    "team",
    "agent",
    "ticket",
    "follow_up_ticket",
    "channel",
    "via",
    "sent_at",
)
MENTION_COLUMNS = (
    "uid",
    "published_at",
    "source",
    "author_handle",
    "author_name",
    "text",
    "rating",
    "rating_max",
    "frustration_level",
    "language",
    "url",
    "customer_uid",
    "customer",
    "ticket",
)
CHUNK = 2000


class _Line:
    """A file-like object whose write() hands the CSV line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def _iso(moment: object) -> str:
    return "" if moment is None else moment.isoformat()  # type: ignore[attr-defined]


def _number(ticket: object) -> str:
    return "" if ticket is None else str(ticket.number)  # type: ignore[attr-defined]


def response_row(response: SurveyResponse) -> list[str]:
    """The CSV cells of one response, in ``RESPONSE_COLUMNS`` order."""
    values: Sequence[object] = (
        response.uid,
        _iso(response.answered_at),
        _iso(response.changed_at),
        response.kind,
        response.score,
        score_label(response.kind, response.score),
        "yes" if response.is_low else "no",
        response.comment,
        json.dumps(response.answers, ensure_ascii=False) if response.answers else "",
        response.language,
        response.country,
        response.customer.uid,
        str(response.customer),
        response.team.name if response.team else "",
        response.agent.display_name if response.agent else "",
        _number(response.ticket),
        _number(response.follow_up_ticket),
        response.channel,
        response.via,
        _iso(response.sent_at),
    )
    return [neutralize_cell(value) for value in values]


def mention_row(mention: Mention) -> list[str]:
    """The CSV cells of one mention, in ``MENTION_COLUMNS`` order."""
    values: Sequence[object] = (
        mention.uid,
        _iso(mention.published_at),
        mention.source.name,
        mention.author_handle,
        mention.author_name,
        mention.text,
        "" if mention.rating is None else mention.rating,
        "" if mention.rating_max is None else mention.rating_max,
        mention.frustration_level,
        mention.language,
        mention.url,
        mention.customer.uid if mention.customer else "",
        str(mention.customer) if mention.customer else "",
        _number(mention.ticket),
    )
    return [neutralize_cell(value) for value in values]


def response_csv(responses: QuerySet[SurveyResponse]) -> Iterator[str]:
    """Yield the header and one CSV line per response, newest answer first; memory stays
    flat whatever the number of rows."""
    writer = csv.writer(_Line())
    yield "\ufeff" + str(writer.writerow(RESPONSE_COLUMNS))  # BOM: spreadsheets read UTF-8
    ordered = responses.order_by("-answered_at", "-uid")
    for response in ordered.iterator(chunk_size=CHUNK):
        yield str(writer.writerow(response_row(response)))


def mention_csv(mentions: QuerySet[Mention]) -> Iterator[str]:
    """Yield the header and one CSV line per mention, newest first."""
    writer = csv.writer(_Line())
    yield "\ufeff" + str(writer.writerow(MENTION_COLUMNS))
    for mention in mentions.order_by("-published_at", "-uid").iterator(chunk_size=CHUNK):
        yield str(writer.writerow(mention_row(mention)))
