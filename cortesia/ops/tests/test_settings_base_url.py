"""CORTESIA_BASE_URL: links in mails point where the server actually listens."""

from __future__ import annotations

from pathlib import Path

import pytest

from cortesia.testing.processes import run_python

PRINT_BASE_URL = "import cortesia.settings as s; print(s.BASE_URL)"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"CORTESIA_PORT": "18111"}, "http://127.0.0.1:18111"),
        (
            {"CORTESIA_PORT": "18111", "CORTESIA_BASE_URL": "https://help.example.com/"},
            "https://help.example.com",
        ),
    ],
    ids=["default", "port-only", "explicit-wins"],
)
def test_base_url_defaults_to_the_port_served_on(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    result = run_python(["-c", PRINT_BASE_URL], data_dir=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
