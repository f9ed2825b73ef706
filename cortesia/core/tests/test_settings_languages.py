"""Every settings section speaks the viewer's language: its name in the index and the side
navigation, and a refused form's message, in Italian and in right-to-left Arabic."""

from __future__ import annotations

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cortesia.accounts.models import Role, Team
from cortesia.core.settings_sections import settings_sections_for
from cortesia.testing.fixtures import make_user

pytestmark = pytest.mark.django_db

DIRECTION = {"it": "ltr", "ar": "rtl"}


def _client(language: str) -> Client:
    client = Client()
    client.force_login(make_user(f"ada_{language}", Role.ADMIN, language=language))
    return client


@pytest.mark.parametrize("language", ["it", "ar"])
def test_each_section_is_named_in_the_viewers_language(language: str) -> None:
    client = _client(language)
    page = client.get(reverse("settings-index")).content.decode()

    admin = make_user(f"probe_{language}", Role.ADMIN)
    with translation.override(language):
        names = [str(section.label) for section in settings_sections_for(admin)]
    with translation.override("en"):
        english = [str(section.label) for section in settings_sections_for(admin)]
    assert f'<html lang="{language}" dir="{DIRECTION[language]}">' in page
    assert len(names) == 17
    nav = page[
        page.index('class="settings-nav"') : page.index("</nav>", page.index("settings-nav"))
    ]
    cards = page[page.index('class="card-grid"') :]
    assert [name for name in names if f">{name}<" not in nav or f">{name}<" not in cards] == []
    # Names that read the same in English are product words (e.g. "Webhooks").
    assert sum(name != word for name, word in zip(names, english, strict=True)) >= 10


@pytest.mark.parametrize("language", ["it", "ar"])
def test_a_refused_form_says_why_in_the_viewers_language(language: str) -> None:
    client = _client(language)

    response = client.post(reverse("staff-settings:team-new"), {"name": "", "time_zone": "UTC"})

    with translation.override(language):
        required = str(forms.Field.default_error_messages["required"])
    assert response.status_code in (200, 400)
    assert required in response.content.decode()
    assert Team.objects.count() == 0
