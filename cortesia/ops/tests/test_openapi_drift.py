from __future__ import annotations

from pathlib import Path

from django.conf import settings

from cortesia.ops.management.commands.export_openapi import openapi_text


def test_committed_openapi_matches_the_code() -> None:
    committed = Path(settings.BASE_DIR, "docs", "api", "openapi.json").read_text(encoding="utf-8")
    assert committed == openapi_text(), "Run 'make openapi' and commit docs/api/openapi.json."
