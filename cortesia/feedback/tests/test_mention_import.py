"""The CSV import of mentions from the command line: ``cortesia mentions_import FILE
--source NAME``."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cortesia.core.actor import Actor
from cortesia.feedback.mention_signing import source_create
from cortesia.feedback.models import Mention

pytestmark = pytest.mark.django_db


def _file(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "mentions.csv"
    path.write_text(content, encoding="utf-8")
    return path


def test_a_file_imports_once_into_the_named_source(tmp_path: Path) -> None:
    source_create(name="Google Milan", kind="google", actor=Actor.system())
    path = _file(
        tmp_path,
        "external_id;text;published_at;rating;rating_max\n"
        "g1;Servizio pessimo!!;2026-12-05T10:30:00+01:00;2;5\n"
        "g2;Tutto bene, grazie mille per l'aiuto;2026-12-05T11:30:00+01:00;4,5;5\n",
    )
    out = StringIO()
    call_command("mentions_import", str(path), "--source", "Google Milan", stdout=out)
    call_command("mentions_import", str(path), "--source", "Google Milan", stdout=out)
    assert out.getvalue().splitlines() == [
        "2 mentions added, 0 already there, 0 rows refused.",
        "0 mentions added, 2 already there, 0 rows refused.",
    ]
    assert list(
        Mention.objects.order_by("external_id").values_list(
            "external_id", "rating", "via", "frustration_signals"
        )
    ) == [
        ("g1", Decimal("2.0"), "import", ["lexicon:it:pessimo", "exclamations", "rating"]),
        ("g2", Decimal("4.5"), "import", []),
    ]


def test_rows_may_name_their_source_and_bad_rows_are_reported(tmp_path: Path) -> None:
    source_create(name="Trustpilot", kind="trustpilot", actor=Actor.system())
    path = _file(
        tmp_path,
        "source,external_id,text,published_at\n"
        "Trustpilot,t1,Still waiting for a refund.,2026-12-05T09:00:00Z\n"
        "Nowhere,t2,Fine.,2026-12-05T09:00:00Z\n"
        ",t3,Fine.,2026-12-05T09:00:00Z\n"
        "Trustpilot,t4,Fine.,yesterday\n",
    )
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="^3 rows were not imported.$"):
        call_command("mentions_import", str(path), stdout=out, stderr=err)
    assert out.getvalue() == "1 mentions added, 0 already there, 3 rows refused.\n"
    assert err.getvalue().splitlines() == [
        "line 3: source: There is no source named Nowhere.",
        "line 4: source: Name the source of this row.",
        "line 5: published_at: yesterday is not an ISO 8601 time such as "
        "2026-12-05T09:30:00+01:00.",
    ]
    assert list(Mention.objects.values_list("external_id", flat=True)) == ["t1"]


def test_an_unknown_source_or_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No mention source is called 'X'."):
        call_command("mentions_import", str(tmp_path / "none.csv"), "--source", "X")
    with pytest.raises(CommandError, match="The file cannot be read"):
        call_command("mentions_import", str(tmp_path / "none.csv"))
    assert Mention.objects.count() == 0
