"""Every write request is one transaction: committed whole, or rolled back on a 5xx."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from cortesia.core.middleware import WriteTransactionMiddleware
from cortesia.core.models import RateCounter


def _writing(status: int, seen: list[bool]) -> WriteTransactionMiddleware:
    def view(request: HttpRequest) -> HttpResponse:
        seen.append(connection.in_atomic_block)
        RateCounter.objects.create(key=f"k{status}", window_started_at=timezone.now(), count=1)
        RateCounter.objects.create(key=f"j{status}", window_started_at=timezone.now(), count=1)
        return HttpResponse(status=status)

    return WriteTransactionMiddleware(view)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("method", "status", "kept", "atomic"),
    [
        ("post", 201, 2, True),
        ("patch", 409, 2, True),  # a refusal keeps what the request recorded
        ("delete", 500, 0, True),  # a server error keeps nothing
        ("put", 503, 0, True),
        ("get", 500, 2, False),  # reads run in autocommit
    ],
)
def test_writes_commit_whole_or_not_at_all(
    method: str, status: int, kept: int, atomic: bool
) -> None:
    seen: list[bool] = []
    request = getattr(RequestFactory(), method)("/api/v1/anything")
    assert _writing(status, seen)(request).status_code == status
    assert seen == [atomic]
    assert RateCounter.objects.count() == kept
    assert not connection.in_atomic_block
