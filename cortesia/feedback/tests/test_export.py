"""The CSV exports: every column, formula-safe cells, the header and the order."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from cortesia.accounts.models import Team, User
from cortesia.feedback.export import (
    MENTION_COLUMNS,
    RESPONSE_COLUMNS,
    mention_csv,
    mention_row,
    response_csv,
    response_row,
)
from cortesia.feedback.models import Mention, SurveyKind, SurveyResponse
from cortesia.feedback.tests import staff_rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
NOON = datetime(2026, 11, 10, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    "comment", ["=1+1", "+1 555 0100", "-2", "@SUM(A1)", "\tTAB", "\rCR", '=HYPERLINK("x")']
)
def test_a_comment_that_starts_like_a_formula_is_text(comment: str) -> None:
    giulia = staff_rows.customer()
    response = staff_rows.response(giulia, score=3, answered_at=NOON, comment=comment)
    row = dict(zip(RESPONSE_COLUMNS, response_row(response), strict=True))
    assert row["comment"] == "'" + comment


def test_every_response_column(team_rome: Team, alice: User) -> None:
    giulia = staff_rows.customer()
    response = staff_rows.response(
        giulia,
        kind=SurveyKind.NPS,
        score=6,
        answered_at=NOON,
        changed_at=NOON + timedelta(hours=2),
        sent_at=NOON - timedelta(days=1),
        comment="Lento",
        team=team_rome,
        agent=alice,
        language="it",
        country="IT",
    )
    response.answers = {"q1": "speed"}
    response.save(update_fields=["answers"])
    response = SurveyResponse.objects.select_related(
        "customer", "team", "agent", "ticket", "follow_up_ticket"
    ).get(pk=response.pk)
    assert dict(zip(RESPONSE_COLUMNS, response_row(response), strict=True)) == {
        "uid": str(response.uid),
        "answered_at": "2026-11-10T12:00:00+00:00",
        "changed_at": "2026-11-10T14:00:00+00:00",
        "kind": "nps",
        "score": "6",
        "label": "Detractor",
        "is_low": "yes",
        "comment": "Lento",
        "answers": '{"q1": "speed"}',
        "language": "it",
        "country": "IT",
        "customer_uid": str(giulia.uid),
        "customer": "Giulia Test",
        "team": "Roma",
        "agent": "Alice Rossi",
        "ticket": "",
        "follow_up_ticket": "",
        "channel": "email",
        "via": "page",
        "sent_at": "2026-11-09T12:00:00+00:00",
    }


def _read(lines: object) -> list[list[str]]:
    text = "".join(lines)  # type: ignore[arg-type]
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_response_file_has_a_header_and_the_newest_first(db: None) -> None:
    giulia = staff_rows.customer()
    older = staff_rows.response(giulia, score=1, answered_at=NOON - timedelta(days=1))
    newer = staff_rows.response(giulia, score=5, answered_at=NOON)
    rows = _read(response_csv(SurveyResponse.objects.all()))
    assert rows[0] == list(RESPONSE_COLUMNS)
    assert [row[0] for row in rows[1:]] == [str(newer.uid), str(older.uid)]


def test_every_mention_column_and_the_file(db: None) -> None:
    giulia = staff_rows.customer()
    mention = staff_rows.mention(
        text="=cmd|' /C calc'!A0",
        published_at=NOON,
        level="some",
        language="en",
        rating="2.5",
        author="-handle",
        about=giulia,
    )
    mention = Mention.objects.select_related("source", "customer", "ticket").get(pk=mention.pk)
    assert dict(zip(MENTION_COLUMNS, mention_row(mention), strict=True)) == {
        "uid": str(mention.uid),
        "published_at": "2026-11-10T12:00:00+00:00",
        "source": "Trustpilot",
        "author_handle": "'-handle",
        "author_name": "",
        "text": "'=cmd|' /C calc'!A0",
        "rating": "2.5",
        "rating_max": "5",
        "frustration_level": "some",
        "language": "en",
        "url": "",
        "customer_uid": str(giulia.uid),
        "customer": "Giulia Test",
        "ticket": "",
    }
    rows = _read(mention_csv(Mention.objects.all()))
    assert (rows[0], len(rows)) == (list(MENTION_COLUMNS), 2)
