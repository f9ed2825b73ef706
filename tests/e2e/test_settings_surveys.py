"""The survey settings in a real browser, under the site's Content Security Policy: a
manager creates a survey, changes an Italian text, previews it as an Italian customer and
switches it off; the feedback settings page in Arabic reads right to left."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role
from cortesia.core.actor import Actor
from cortesia.customers.services import CustomerData, customer_create
from cortesia.feedback.models import Survey, SurveyText
from cortesia.testing.fixtures import make_user
from tests.e2e.staff_session import csp_violations as _violations
from tests.e2e.staff_session import signed_in as _signed_in

pytestmark = pytest.mark.e2e


def test_a_manager_defines_a_survey_and_previews_it(
    transactional_db: None, page: Page, live_server: LiveServer
) -> None:
    customer_create(
        data=CustomerData(
            given_name="Giulia", surname="Rossi", language="it", emails=["giulia@example.it"]
        ),
        actor=Actor.system(),
    )
    problems = _signed_in(page, live_server, make_user("mara", Role.MANAGER))

    page.goto("/settings/surveys/")
    page.click("[data-testid=survey-new]")
    page.fill("#id_name", "Dopo il ticket")
    page.select_option("#id_kind", "csat")
    page.fill("#id_languages", "it")
    page.click("[data-testid=survey-save]")

    expect(page.locator("[data-testid=variants-grid]")).to_be_visible()
    page.click("[data-testid=text-languages] a[lang=it]")
    thanks = page.locator("textarea[name=text__thanks__it__formal]")
    thanks.fill("Grazie mille per il Suo tempo.")
    page.click("[data-testid=texts-save]")
    expect(thanks).to_have_value("Grazie mille per il Suo tempo.")

    page.click("[data-testid=survey-preview-tab]")
    page.fill("#id_customer", "giulia@example.it")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("[data-testid=preview-page]")).to_contain_text(
        "Grazie mille per il Suo tempo."
    )
    expect(page.locator("[data-testid=preview-mail]")).to_have_attribute("lang", "it")

    page.goto("/settings/surveys/")
    page.click("[data-testid=survey-switch-off]")
    expect(page.locator("[data-testid=survey-switch-on]")).to_be_visible()

    survey = Survey.objects.get()
    assert (survey.name, survey.is_active, survey.languages) == ("Dopo il ticket", False, ["it"])
    assert (
        SurveyText.objects.get(survey=survey, key="thanks", language="it", register="formal").text
        == "Grazie mille per il Suo tempo."
    )
    assert _violations(page) == []
    assert problems == []


def test_the_arabic_feedback_settings_page_reads_right_to_left(
    transactional_db: None, page: Page, live_server: LiveServer
) -> None:
    problems = _signed_in(
        page, live_server, make_user("layla", Role.ADMIN, language="ar", time_zone="Asia/Riyadh")
    )

    page.goto("/settings/surveys/options/")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#id_window_start")).to_have_value("09:00")
    expect(page.locator("[data-testid=contact-window]")).to_be_visible()
    assert _violations(page) == []
    assert problems == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_survey_settings_page_is_accessible(
    language: str, transactional_db: None, page: Page, live_server: LiveServer
) -> None:
    from cortesia.feedback.surveys import QuestionData, SurveyData, survey_create
    from tests.e2e.accessibility import accessibility_problems

    customer_create(
        data=CustomerData(given_name="Layla", language="ar", emails=["layla@example.sa"]),
        actor=Actor.system(),
    )
    survey = survey_create(
        data=SurveyData(
            name="NPS",
            kind="nps",
            trigger="ticket_solved",
            is_active=False,
            questions=(QuestionData(1, "choice", ("speed", "price")),),
        ),
        actor=Actor.system(),
    )
    problems = _signed_in(page, live_server, make_user("ada", Role.ADMIN, language=language))
    base = f"/settings/surveys/{survey.uid}"
    found: list[str] = []
    for path in [
        "/settings/surveys/",
        "/settings/surveys/new/",
        "/settings/surveys/options/",
        f"{base}/",
        f"{base}/texts/?language=ar",
        f"{base}/questions/",
        f"{base}/preview/?customer=layla@example.sa",
        f"{base}/delete/",
    ]:
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        found += accessibility_problems(page)
        found += [f"{path}: {violation}" for violation in _violations(page)]

    assert found == []
    assert problems == []
