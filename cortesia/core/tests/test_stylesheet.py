"""The stylesheet tells every level of message apart by more than colour."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import constants

STYLESHEET = Path(settings.BASE_DIR) / "cortesia" / "static" / "cortesia" / "cortesia.css"


def _rules(selector: str) -> str:
    """Return the declarations of every rule whose selector is exactly ``selector``."""
    css = STYLESHEET.read_text(encoding="utf-8")
    pattern = re.compile(r"^" + re.escape(selector) + r"\s*\{([^}]*)\}", re.MULTILINE)
    return " ".join(pattern.findall(css))


@pytest.mark.parametrize("level", ["info", "warning", "error"])
def test_each_message_level_has_its_own_background_and_mark(level: str) -> None:
    assert level in constants.DEFAULT_TAGS.values()
    declarations = _rules(f".message.{level}")
    assert "background:" in declarations
    assert "border-inline-start:" in declarations
    assert "content:" in _rules(f".message.{level}::before")
