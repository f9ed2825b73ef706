"""The survey settings pages: list, create, edit, texts grid, extra questions, preview
as a customer, switch on/off and delete."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.feedback.models import (
    InvitationState,
    Survey,
    SurveyInvitation,
    SurveyQuestion,
    SurveyText,
)
from cortesia.feedback.settings_forms import cell_field_name
from cortesia.feedback.surveys import SurveyData, survey_create
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
NOW = datetime(2026, 12, 5, 8, 30, tzinfo=UTC)


@pytest.fixture
def manager(db: None) -> User:
    return make_user("mara", Role.MANAGER)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _survey(name: str = "After a ticket", kind: str = "csat") -> Survey:
    return survey_create(
        data=SurveyData(name=name, kind=kind, trigger="ticket_solved"), actor=Actor.system()
    )


def _form(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "After a ticket",
        "kind": "csat",
        "trigger": "ticket_solved",
        "delay_minutes": "120",
        "channel": "email",
        "ask_comment": "on",
        "follow_up_low": "on",
        "low_score_max": "",
        "languages": "it, fi",
        "countries": "",
        "tags": "",
        "segment": "",
        "every_days": "90",
        "position": "0",
    }
    data.update(changes)
    return data


def _audits() -> list[dict[str, Any]]:
    return [row.data for row in AuditEvent.objects.filter(object_type="survey").order_by("id")]


def _invite(survey: Survey, *, sent: bool, answered: bool = False) -> None:
    customer = customer_create(
        data=CustomerData(given_name="Giulia", emails=[f"{uuid.uuid4().hex[:8]}@example.it"]),
        actor=Actor.system(),
    )
    SurveyInvitation.objects.create(
        uid=uuid.uuid4(),
        survey=survey,
        kind=survey.kind,
        customer=customer,
        channel="email",
        dedupe_key=f"test:{uuid.uuid4()}",
        state=InvitationState.ANSWERED if answered else InvitationState.SENT,
        trigger_at=NOW,
        scheduled_for=NOW,
        time_zone="Europe/Rome",
        zone_source="customer",
        sent_at=NOW if sent else None,
        answered_at=NOW if answered else None,
    )


PAGES = ["list", "create", "edit", "texts", "questions", "preview", "delete"]


def _url(page: str, survey: Survey) -> str:
    if page in ("list", "create"):
        return reverse(f"feedback-settings:survey-{page}")
    return reverse(f"feedback-settings:survey-{page}", kwargs={"uid": survey.uid})


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        pytest.param("anonymous", 302, id="anonymous"),
        pytest.param("agent", 403, id="agent"),
        pytest.param("marketer", 403, id="marketer"),
        pytest.param("manager", 200, id="manager"),
        pytest.param("admin", 200, id="admin"),
    ],
)
@pytest.mark.parametrize("page", PAGES)
def test_who_may_open_the_pages(
    who: str, expected: int, page: str, alice: User, mia: User, manager: User, admin_user: User
) -> None:
    survey = _survey()
    users = {"agent": alice, "marketer": mia, "manager": manager, "admin": admin_user}
    client = _client(users[who]) if who in users else Client()

    response = client.get(_url(page, survey))

    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/login/?next=")


@pytest.mark.parametrize("page", ["create", "edit", "texts", "questions", "delete", "switch"])
def test_an_agent_posting_changes_nothing(page: str, alice: User) -> None:
    survey = _survey()
    url = (
        reverse("feedback-settings:survey-switch", kwargs={"uid": survey.uid})
        if page == "switch"
        else _url(page, survey)
    )

    response = _client(alice).post(url, _form(name="Hijacked") | {"active": "0"})

    assert response.status_code == 403
    survey.refresh_from_db()
    assert (survey.name, survey.is_active, Survey.objects.count()) == ("After a ticket", True, 1)
    assert [row["change"] for row in _audits()] == ["created"]


def test_an_unknown_survey_is_not_found(manager: User) -> None:
    url = reverse("feedback-settings:survey-edit", kwargs={"uid": uuid.uuid4()})
    assert _client(manager).get(url).status_code == 404
    bad = reverse("feedback-settings:survey-edit", kwargs={"uid": "not-a-uid"})
    assert _client(manager).get(bad).status_code == 404


@pytest.mark.parametrize("count", [1, 4])
def test_the_list_shows_counts_in_a_fixed_number_of_queries(
    count: int, manager: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    surveys = [_survey(f"Survey {n}") for n in range(count)]
    _invite(surveys[0], sent=True)
    _invite(surveys[0], sent=True, answered=True)
    _invite(surveys[0], sent=False)
    client = _client(manager)

    # session, user, the two-factor policy with the user's teams, the surveys with counts
    with django_assert_num_queries(4):
        response = client.get(reverse("feedback-settings:survey-list"))

    page = response.content.decode()
    assert page.count('data-testid="survey-row"') == count
    assert '<td class="num" data-testid="survey-sent">2</td>' in page
    assert '<td class="num" data-testid="survey-answered">1</td>' in page


def test_create_redirects_to_the_texts_and_a_double_post_makes_one(manager: User) -> None:
    client = _client(manager)

    first = client.post(reverse("feedback-settings:survey-create"), _form())
    second = client.post(reverse("feedback-settings:survey-create"), _form())

    survey = Survey.objects.get()
    assert first.status_code == 302
    assert first["Location"] == reverse(
        "feedback-settings:survey-texts", kwargs={"uid": survey.uid}
    )
    assert second.status_code == 409
    assert "A survey named After a ticket already exists. Choose another name." in (
        second.content.decode()
    )
    assert survey.languages == ["it", "fi"]
    assert [row["change"] for row in _audits()] == ["created"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param(
            {"delay_minutes": "20000"},
            "The delay is between 0 and 10080 minutes (one week).",
            id="delay",
        ),
        pytest.param(
            {"trigger": "relationship"},
            "A relationship survey is sent to a segment: choose one.",
            id="segment",
        ),
        pytest.param({"countries": "IT, ZZ"}, "ZZ is not an ISO 3166 country code.", id="country"),
        pytest.param({"kind": "hearts"}, "Select a valid choice.", id="kind"),
    ],
)
def test_bad_input_is_shown_on_the_form(
    manager: User, changes: dict[str, str], message: str
) -> None:
    response = _client(manager).post(reverse("feedback-settings:survey-create"), _form(**changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Survey.objects.count() == 0
    assert _audits() == []


def test_edit_changes_the_definition(manager: User, team_rome: Any) -> None:
    survey = _survey()
    url = reverse("feedback-settings:survey-edit", kwargs={"uid": survey.uid})

    response = _client(manager).post(
        url, _form(name="After a chat", delay_minutes="30", teams=[str(team_rome.uid)])
    )

    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.name, survey.delay_minutes, list(survey.teams.all())) == (
        "After a chat",
        30,
        [team_rome],
    )
    assert _audits()[-1]["fields"] == ["name", "delay_minutes", "languages", "teams"]


def test_the_texts_grid_saves_the_cells_changed(manager: User) -> None:
    survey = _survey()
    url = reverse("feedback-settings:survey-texts", kwargs={"uid": survey.uid}) + "?language=it"
    client = _client(manager)
    page = client.get(url).content.decode()
    assert 'class="variants-grid"' in page
    # The shipped texts have no any-register variants, in Italian or in the site language,
    # so an empty any-register cell says nothing answers for it.
    assert 'data-step="none"' in page
    initial = {
        cell_field_name(row.key, row.language, row.register): row.text
        for row in SurveyText.objects.filter(survey=survey, language="it")
    }

    response = client.post(
        url, initial | {cell_field_name("thanks", "it", ""): "Grazie da {{ company }}."}
    )

    assert response.status_code == 302
    assert response["Location"] == url
    assert SurveyText.objects.get(survey=survey, key="thanks", language="it", register="").text == (
        "Grazie da {{ company }}."
    )
    assert _audits()[-1] == {"change": "texts", "texts": 1}


def test_the_texts_grid_puts_an_error_on_its_cell(manager: User) -> None:
    survey = _survey()
    url = reverse("feedback-settings:survey-texts", kwargs={"uid": survey.uid}) + "?language=ro"
    initial = {
        cell_field_name(row.key, row.language, row.register): row.text
        for row in SurveyText.objects.filter(survey=survey, language="ro")
    }

    response = _client(manager).post(
        url, initial | {cell_field_name("thanks", "ro", ""): "Mulțumim {{ client.nume }}"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "thanks, ro, any register: unknown placeholders: client.nume." in page
    assert not SurveyText.objects.filter(survey=survey, language="ro", register="").exists()
    assert [row["change"] for row in _audits()] == ["created"]


def test_emptying_the_last_site_language_text_is_refused_clearly(manager: User) -> None:
    survey = _survey()
    url = reverse("feedback-settings:survey-texts", kwargs={"uid": survey.uid}) + "?language=en"
    initial = {
        cell_field_name(row.key, row.language, row.register): row.text
        for row in SurveyText.objects.filter(survey=survey, language="en")
    }

    response = _client(manager).post(url, initial | {cell_field_name("thanks", "en", "formal"): ""})

    assert response.status_code == 400
    assert "The text thanks needs a variant in en, the site language" in response.content.decode()
    assert SurveyText.objects.filter(survey=survey, key="thanks", language="en").count() == 2


def test_the_questions_page_saves_questions_and_wording(manager: User) -> None:
    survey = _survey()
    url = reverse("feedback-settings:survey-questions", kwargs={"uid": survey.uid})
    form = {
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "3",
        "form-MIN_NUM_FORMS": "3",
        "form-MAX_NUM_FORMS": "3",
        "form-0-kind": "choice",
        "form-0-text": "What mattered most?",
        "form-0-choices": "speed: How fast we were\nprice: The price",
        "form-0-scale_min": "1",
        "form-0-scale_max": "5",
        "form-0-is_required": "on",
        "form-1-kind": "",
        "form-1-scale_min": "1",
        "form-1-scale_max": "5",
        "form-2-kind": "text",
        "form-2-text": "Anything else?",
        "form-2-scale_min": "1",
        "form-2-scale_max": "5",
    }

    response = _client(manager).post(url, form)

    assert response.status_code == 302
    assert [
        (q.position, q.kind, q.choices, q.is_required)
        for q in SurveyQuestion.objects.filter(survey=survey)
    ] == [(1, "choice", ["speed", "price"], True), (2, "text", [], False)]
    texts = dict(
        SurveyText.objects.filter(survey=survey, key__regex=r"^q[0-9]").values_list("key", "text")
    )
    assert texts == {
        "q1": "What mattered most?",
        "q1.speed": "How fast we were",
        "q1.price": "The price",
        "q2": "Anything else?",
    }
    page = _client(manager).get(url).content.decode()
    assert "speed: How fast we were\nprice: The price" in page


def test_the_questions_page_refuses_a_bad_choice_key(manager: User) -> None:
    survey = _survey()
    url = reverse("feedback-settings:survey-questions", kwargs={"uid": survey.uid})
    form = {
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "3",
        "form-0-kind": "choice",
        "form-0-text": "Why?",
        "form-0-choices": "Fast answer!: Speed\nprice: Price",
        **{f"form-{n}-scale_min": "1" for n in range(3)},
        **{f"form-{n}-scale_max": "5" for n in range(3)},
    }

    response = _client(manager).post(url, form)

    assert response.status_code == 400
    assert "such as speed or price: fast answer!." in response.content.decode()
    assert SurveyQuestion.objects.count() == 0


def test_preview_as_an_italian_customer(manager: User) -> None:
    survey = _survey()
    customer_create(
        data=CustomerData(
            given_name="Giulia", surname="Bianchi", language="it", emails=["giulia@example.it"]
        ),
        actor=Actor.system(),
    )
    url = reverse("feedback-settings:survey-preview", kwargs={"uid": survey.uid})

    page = _client(manager).get(url, {"customer": "giulia@example.it"}).content.decode()

    italian_question = SurveyText.objects.get(
        survey=survey, key="question", language="it", register="formal"
    ).text
    assert 'data-testid="preview-mail" lang="it"' in page
    assert 'data-testid="preview-page" lang="it" dir="ltr"' in page
    assert italian_question.replace("{{ company }}", "").split()[0] in page
    assert '<td data-step="exact">' in page


def test_preview_of_an_unknown_customer(manager: User) -> None:
    survey = _survey()
    url = reverse("feedback-settings:survey-preview", kwargs={"uid": survey.uid})

    page = _client(manager).get(url, {"customer": "nobody@example.com"}).content.decode()

    assert "There is no such customer, or you may not see them." in page
    assert 'data-testid="preview-mail"' not in page


def test_switch_off_and_on_from_the_list(manager: User) -> None:
    survey = _survey()
    url = reverse("feedback-settings:survey-switch", kwargs={"uid": survey.uid})
    client = _client(manager)

    assert client.post(url, {"active": "0"}).status_code == 302
    page = client.get(reverse("feedback-settings:survey-list")).content.decode()
    assert 'data-testid="survey-switch-on"' in page
    assert client.get(url).status_code == 405
    assert client.post(url, {"active": "1"}).status_code == 302

    survey.refresh_from_db()
    assert survey.is_active is True
    assert [row["change"] for row in _audits()] == ["created", "switched_off", "switched_on"]


def test_delete_and_the_refusal_once_sent(manager: User) -> None:
    kept, gone = _survey("Kept"), _survey("Gone")
    _invite(kept, sent=True)
    client = _client(manager)

    refused = client.post(reverse("feedback-settings:survey-delete", kwargs={"uid": kept.uid}))
    deleted = client.post(reverse("feedback-settings:survey-delete", kwargs={"uid": gone.uid}))

    assert refused.status_code == 409
    assert "Switch it off instead of deleting it." in refused.content.decode()
    assert deleted.status_code == 302
    assert list(Survey.objects.values_list("name", flat=True)) == ["Kept"]
    assert [row["change"] for row in _audits()] == ["created", "created", "deleted"]
    assert gone.uid not in set(Survey.objects.values_list("uid", flat=True))


def test_arabic_page_is_right_to_left(manager: User) -> None:
    survey = _survey()
    Survey.objects.filter(pk=survey.pk).update(next_run_at=NOW)
    User.objects.filter(pk=manager.pk).update(language="ar", time_zone="Asia/Riyadh")
    url = reverse("feedback-settings:survey-edit", kwargs={"uid": survey.uid})

    page = _client(manager).get(url).content.decode()

    assert '<html lang="ar" dir="rtl">' in page
    assert "05\u200f/12\u200f/2026\u060c 11:30 \u0635" in page
    assert Customer.objects.count() == 0


def test_preview_as_an_arabic_customer_reads_right_to_left(manager: User) -> None:
    survey = _survey()
    customer = customer_create(
        data=CustomerData(given_name="Layla", language="ar", emails=["layla@example.sa"]),
        actor=Actor.system(),
    )
    url = reverse("feedback-settings:survey-preview", kwargs={"uid": survey.uid})

    page = _client(manager).get(url, {"customer": str(customer.uid)}).content.decode()

    assert 'data-testid="preview-page" lang="ar" dir="rtl"' in page
    assert 'data-testid="preview-language">' in page


def test_switching_on_without_a_site_language_text_says_why(manager: User) -> None:
    survey = _survey()
    client = _client(manager)
    client.post(
        reverse("feedback-settings:survey-switch", kwargs={"uid": survey.uid}), {"active": "0"}
    )
    SurveyText.objects.filter(survey=survey, key="comment", language="en").delete()

    response = client.post(
        reverse("feedback-settings:survey-switch", kwargs={"uid": survey.uid}),
        {"active": "1"},
        follow=True,
    )

    assert "The text comment needs a variant in en, the site language" in response.content.decode()
    survey.refresh_from_db()
    assert survey.is_active is False
    assert [row["change"] for row in _audits()] == ["created", "switched_off"]


@pytest.mark.parametrize("questions", [0, 3])
def test_the_texts_grid_reads_in_a_fixed_number_of_queries(
    questions: int, manager: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    survey = _survey()
    SurveyQuestion.objects.bulk_create(
        [SurveyQuestion(survey=survey, position=n, kind="text") for n in range(1, questions + 1)]
    )
    client = _client(manager)
    url = reverse("feedback-settings:survey-texts", kwargs={"uid": survey.uid})

    # session, user, the two-factor policy with the user's teams, the survey with its
    # segment, then its teams, questions and texts
    with django_assert_num_queries(7):
        page = client.get(url).content.decode()

    assert page.count("<fieldset data-key=") == 11 + questions
