from __future__ import annotations

import pytest

from cortesia.tickets.numbering import numbers_continue_after


@pytest.fixture(autouse=True)
def tickets_numbered_from_1001(request: pytest.FixtureRequest) -> None:
    """Start every database test at ticket #1001. On PostgreSQL the number sequence is
    not rolled back with a test's transaction, so it is set again before each test."""
    if request.node.get_closest_marker("django_db") is not None:
        request.getfixturevalue("db")
        numbers_continue_after(1000)
