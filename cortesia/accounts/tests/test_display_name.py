"""A person's name is shown one way everywhere: ``User.display_name``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cortesia.accounts.models import User
from cortesia.testing.fixtures import make_user

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "accounts" / "models.py"
# The name rule written out again: a full name with the username as a fallback.
COPY = re.compile(r"get_full_name")


@pytest.mark.django_db
def test_display_name_is_the_full_name_or_else_the_username(alice: User) -> None:
    assert (alice.display_name, make_user("zed").display_name) == ("Alice Rossi", "zed")


def test_no_other_module_or_template_spells_out_the_rule_again() -> None:
    copies = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in ROOT.rglob("*")
        if path.suffix in {".py", ".html", ".txt"} and path != MODEL and "tests" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if COPY.search(line)
    ]
    assert copies == []
