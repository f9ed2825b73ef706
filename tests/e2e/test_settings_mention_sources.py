"""Mention sources in a real browser, under the site's Content Security Policy: an
administrator adds a source, copies the secret shown once, a sender posts a signed mention
with it to the live server, a CSV file is uploaded, and a renewed secret retires the old
one."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role
from cortesia.feedback.mention_signing import signature_of
from cortesia.testing.fixtures import make_user
from tests.e2e.accessibility import accessibility_problems
from tests.e2e.staff_session import signed_in as _signed_in

pytestmark = pytest.mark.e2e
CSV = (
    "external_id,text,published_at,author_name,rating\n"
    "g-1,Servizio pessimo e nessuno risponde.,2026-12-05T10:30:00+01:00,Giulia Rossi,1\n"
    "g-2,Tutto perfetto grazie,2026-12-05T11:00:00+01:00,Marco B.,5\n"
    "g-3,Senza data,,Anna,\n"
)


def _deliver(
    live_server: LiveServer, source_uid: str, secret: str, external_id: str, *, later: int = 0
) -> int:
    """POST one signed mention to the live server, as a connector would, signed ``later``
    seconds after now (a resend is signed anew; the very same signed body is a replay);
    return the status."""
    body = json.dumps(
        {
            "external_id": external_id,
            "text": "Still waiting for my refund, nobody answers!!",
            "published_at": "2026-12-05T09:30:00Z",
        }
    ).encode()
    timestamp = str(int(time.time()) + later)
    request = urllib.request.Request(  # noqa: S310 - the live server on loopback
        f"{live_server.url}/api/v1/mentions",
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Cortesia-Source": source_uid,
            "X-Cortesia-Timestamp": timestamp,
            "X-Cortesia-Signature": signature_of(secret=secret, timestamp=timestamp, body=body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.mark.django_db(transaction=True)
def test_an_admin_adds_a_source_that_then_delivers_and_imports(
    page: Page, live_server: LiveServer, tmp_path: Path
) -> None:
    # given an administrator on the mention sources page
    problems = _signed_in(page, live_server, make_user("root", Role.ADMIN))
    page.goto("/settings/mention-sources/")
    expect(page.get_by_test_id("mention-source-row")).to_have_count(0)
    assert accessibility_problems(page) == []
    # when they add a source
    page.get_by_test_id("mention-source-new").click()
    assert accessibility_problems(page) == []
    form = page.get_by_test_id("mention-source-form")
    form.locator("#id_name").fill("X")
    form.locator("#id_kind").select_option("x")
    form.locator('button[type="submit"]').click()
    # then its secret is shown once, with its id and the curl example
    secret = page.get_by_test_id("mention-source-secret").locator("code").inner_text()
    source_uid = page.get_by_test_id("mention-source-uid").inner_text()
    assert len(secret) == 43
    expect(page.get_by_test_id("mention-source-curl")).to_contain_text(source_uid)
    assert accessibility_problems(page) == []
    page.reload()
    expect(page.get_by_test_id("mention-source-secret")).to_have_count(0)
    # and a sender signing with it is answered 201, then 200 for the same post
    assert _deliver(live_server, source_uid, secret, "x-1") == 201
    assert _deliver(live_server, source_uid, secret, "x-1", later=1) == 200
    # when a CSV file is uploaded, each row is reported
    path = tmp_path / "mentions.csv"
    path.write_text(CSV, encoding="utf-8")
    upload = page.get_by_test_id("mention-import-form")
    upload.locator("#id_file").set_input_files(str(path))
    upload.locator('button[type="submit"]').click()
    expect(page.get_by_test_id("mention-import-report")).to_contain_text(
        "Mentions added: 2. Already there: 0. Rows refused: 1."
    )
    expect(page.get_by_test_id("mention-import-errors").locator("tbody tr")).to_have_count(1)
    assert accessibility_problems(page) == []
    # when the secret is renewed, the old one is refused and the new one works
    page.get_by_test_id("mention-source-renew").click()
    renewed = page.get_by_test_id("mention-source-secret").locator("code").inner_text()
    assert renewed != secret
    assert _deliver(live_server, source_uid, secret, "x-2") == 401
    assert _deliver(live_server, source_uid, renewed, "x-2") == 201
    # and the list counts the source's four mentions
    page.goto("/settings/mention-sources/")
    expect(page.get_by_test_id("mention-source-row").locator("td.num")).to_have_text("4")
    assert page.evaluate("window.__cspViolations") == []
    assert problems == []
