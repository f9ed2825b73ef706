"""Form controls as people see them: a checkbox sits beside its label, at the line's start."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role
from cortesia.testing.fixtures import make_user

pytestmark = pytest.mark.e2e

# (page, the checkbox's id) for the checkboxes of the staff pages' forms.
CHECKBOXES = (
    ("/account/security/", "id_require_two_factor"),
    ("/customers/imports/", "id_dry_run"),
)


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_a_checkbox_sits_at_the_start_of_its_labels_line(
    transactional_db: None, page: Page, live_server: LiveServer, language: str, direction: str
) -> None:
    admin = make_user("ada", Role.ADMIN, language=language)
    client = Client()
    client.force_login(admin)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    for path, checkbox_id in CHECKBOXES:
        page.goto(path)
        assert page.locator("html").get_attribute("dir") == direction
        box = page.locator(f"#{checkbox_id}").bounding_box()
        label = page.locator(f"label[for={checkbox_id}]").bounding_box()
        assert box is not None, path
        assert label is not None, path
        # On the same line: the label's middle lies within the checkbox's height.
        middle = label["y"] + label["height"] / 2
        assert box["y"] <= middle <= box["y"] + box["height"], (path, box, label)
        # At the inline start: left of the label in English, right of it in Arabic.
        if direction == "ltr":
            assert box["x"] + box["width"] <= label["x"], (path, box, label)
        else:
            assert box["x"] >= label["x"] + label["width"], (path, box, label)
