"""Staff customer pages in a real browser, under the site's Content Security Policy: the
segment selector of the customer list and the live preview of a new segment."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role
from cortesia.core.actor import Actor
from cortesia.customers.models import Segment
from cortesia.customers.segments import SegmentData, segment_create
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import make_user
from tests.e2e.staff_session import csp_violations as _violations
from tests.e2e.staff_session import signed_in as _signed_in

pytestmark = pytest.mark.e2e

# Collected inside each page: every inline handler or script the policy blocked.
ITALY = {"op": "and", "rules": [{"field": "country", "operator": "in", "value": ["IT"]}]}
GERMANY = {"op": "and", "rules": [{"field": "country", "operator": "in", "value": ["DE"]}]}
BOTH = {"op": "or", "rules": [ITALY, GERMANY]}


@pytest.fixture
def italia(transactional_db: None) -> Segment:
    for given, surname, country in [("Giulia", "Rossi", "IT"), ("Hans", "Müller", "DE")]:
        customer_create(
            data=CustomerData(given_name=given, surname=surname, country=country),
            actor=Actor.system(),
        )
    return segment_create(
        data=SegmentData(name="Italia", description="", rules=ITALY), actor=Actor.system()
    )


def test_choosing_a_segment_lists_its_customers(
    italia: Segment, page: Page, live_server: LiveServer
) -> None:
    problems = _signed_in(page, live_server, make_user("alice", Role.AGENT))
    page.goto("/customers/")
    expect(page.locator("#customer-rows tr")).to_have_count(2)

    page.select_option("#customer-segment", label="Italia")

    expect(page).to_have_url(re.compile(rf"/customers/\?segment={italia.uid}"))
    rows = page.locator("#customer-rows tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Giulia Rossi")
    expect(page.locator("#customer-segment")).to_have_value(str(italia.uid))
    assert _violations(page) == []
    assert problems == []


def test_the_new_segment_preview_runs_before_a_name_is_given(
    italia: Segment, page: Page, live_server: LiveServer
) -> None:
    problems = _signed_in(page, live_server, make_user("mia", Role.MARKETER))
    page.goto("/customers/segments/new/")
    expect(page.locator("#id_name")).to_have_value("")
    # the example rules are counted as soon as the page opens
    expect(page.locator("[data-testid=segment-count]")).to_have_text("Matching customers: 1")
    expect(page.locator("#segment-preview")).to_contain_text("Giulia Rossi")

    page.fill("#id_rules", json.dumps(BOTH))
    expect(page.locator("[data-testid=segment-count]")).to_have_text("Matching customers: 2")
    page.fill("#id_rules", '{"op": "nor"}')
    expect(page.locator("[data-testid=segment-error]")).to_be_visible()

    page.fill("#id_rules", json.dumps(GERMANY))
    expect(page.locator("[data-testid=segment-count]")).to_have_text("Matching customers: 1")
    expect(page.locator("#segment-preview")).to_contain_text("Hans Müller")
    assert Segment.objects.count() == 1  # previews save nothing
    assert _violations(page) == []
    assert problems == []


def test_the_search_box_is_styled_like_the_segment_list(
    italia: Segment, page: Page, live_server: LiveServer
) -> None:
    _signed_in(page, live_server, make_user("alice", Role.AGENT))
    page.goto("/customers/")
    style = (
        "e => { const s = getComputedStyle(e); return [s.padding, s.borderRadius, s.fontSize]; }"
    )
    search = page.locator("#customer-search")
    segment = page.locator("#customer-segment")
    assert search.evaluate(style) == segment.evaluate(style)
    assert search.evaluate(style) == ["8px", "6px", "16px"]
    box = search.bounding_box()
    assert box is not None
    assert box["height"] >= 36
