from __future__ import annotations

import pytest

from cortesia.accounts.models import Team
from cortesia.chat.models import Visitor, WidgetSite
from cortesia.chat.visitors import visitor_session


@pytest.fixture
def site(team_rome: Team) -> WidgetSite:
    return WidgetSite.objects.create(
        name="Shop",
        allowed_origins=["https://shop.example.com"],
        default_language="en",
        team=team_rome,
    )


def new_visitor(site: WidgetSite, language: str = "it-IT") -> Visitor:
    return visitor_session(
        site=site, token="", browser_languages=[language], time_zone="Europe/Rome"
    ).visitor


@pytest.fixture
def giovanna(site: WidgetSite) -> Visitor:
    return new_visitor(site)
