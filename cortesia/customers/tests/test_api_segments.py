from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cortesia.core.actor import Actor
from cortesia.customers.models import Segment
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ITALIANS = {"op": "and", "rules": [{"field": "country", "operator": "in", "value": ["IT"]}]}


def _call(method: str, token: str, path: str, body: Any = None, **headers: str) -> Any:
    client = Client()
    return getattr(client, method)(
        f"/api/v1{path}",
        body,
        content_type="application/json",
        headers={**bearer(token), **headers},
    )


@pytest.fixture
def italians(db: None) -> None:
    for name, country in (("Giulia", "IT"), ("Marco", "IT"), ("Aino", "FI")):
        customer_create(data=CustomerData(given_name=name, country=country), actor=Actor.system())


def test_marketer_saves_counts_previews_and_filters(mia_write_token: str, italians: None) -> None:
    created = _call("post", mia_write_token, "/segments", {"name": " Italy  ", "rules": ITALIANS})
    assert created.status_code == 201
    body = created.json()
    assert (body["name"], body["version"], created["ETag"]) == ("Italy", 1, 'W/"1"')
    uid = body["uid"]
    assert _call("get", mia_write_token, f"/segments/{uid}/count").json() == {"count": 2}
    preview = _call("get", mia_write_token, f"/segments/{uid}/preview").json()
    assert preview["count"] == 2
    assert [c["given_name"] for c in preview["items"]] == ["Marco", "Giulia"]
    listed = _call("get", mia_write_token, f"/customers?segment={uid}&q=giu").json()
    assert [c["given_name"] for c in listed["items"]] == ["Giulia"]
    export = _call("get", mia_write_token, f"/customers/export.csv?segment={uid}")
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert len(rows) == 3  # header + the two Italians


def test_unsaved_rules_count_and_preview(alice_write_token: str, italians: None) -> None:
    assert _call("post", alice_write_token, "/segments/count", {"rules": ITALIANS}).json() == {
        "count": 2
    }
    preview = _call("post", alice_write_token, "/segments/preview", {"rules": ITALIANS}).json()
    assert [c["country"] for c in preview["items"]] == ["IT", "IT"]


def test_agents_read_segments_but_cannot_write_them(
    alice_write_token: str, mia_write_token: str
) -> None:
    refused = _call("post", alice_write_token, "/segments", {"name": "X", "rules": ITALIANS})
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == (
        "Only administrators and marketers manage segments."
    )
    uid = _call("post", mia_write_token, "/segments", {"name": "X", "rules": ITALIANS}).json()[
        "uid"
    ]
    assert _call("get", alice_write_token, f"/segments/{uid}").status_code == 200
    assert _call("delete", alice_write_token, f"/segments/{uid}").status_code == 403
    assert _call("patch", alice_write_token, f"/segments/{uid}", {"name": "Y"}).status_code == 403
    assert list(Segment.objects.values_list("name", flat=True)) == ["X"]


def test_bad_rules_are_a_400_naming_the_rule(mia_write_token: str) -> None:
    bad = {"op": "and", "rules": [{"field": "country", "operator": "in", "value": "IT"}]}
    response = _call("post", mia_write_token, "/segments", {"name": "Bad", "rules": bad})
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "rules.rules.0.value": "Give a non-empty list of values."
    }
    assert not Segment.objects.exists()


def test_stale_update_is_refused_and_names_are_unique(mia_write_token: str) -> None:
    uid = _call("post", mia_write_token, "/segments", {"name": "A", "rules": ITALIANS}).json()[
        "uid"
    ]
    _call("post", mia_write_token, "/segments", {"name": "B", "rules": ITALIANS})
    first = _call(
        "patch", mia_write_token, f"/segments/{uid}", {"description": "v2"}, **{"If-Match": 'W/"1"'}
    )
    assert (first.status_code, first["ETag"]) == (200, 'W/"2"')
    stale = _call(
        "patch", mia_write_token, f"/segments/{uid}", {"description": "v3"}, **{"If-Match": 'W/"1"'}
    )
    assert (stale.status_code, stale.json()["error"]["code"]) == (409, "stale_version")
    taken = _call("patch", mia_write_token, f"/segments/{uid}", {"name": "B"})
    assert (taken.status_code, taken.json()["error"]["code"]) == (409, "duplicate_name")
    assert Segment.objects.get(uid=uid).description == "v2"
    assert _call("delete", mia_write_token, f"/segments/{uid}").status_code == 204
    assert _call("get", mia_write_token, f"/segments/{uid}").status_code == 404


def test_unknown_segment_filter_is_a_404(alice_write_token: str) -> None:
    missing = "00000000-0000-0000-0000-000000000000"
    assert _call("get", alice_write_token, f"/customers?segment={missing}").status_code == 404
