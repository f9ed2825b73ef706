from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from cortesia.accounts.models import Team
from cortesia.messaging.models import MessagingChannel
from cortesia.messaging.secrets import SEALER
from cortesia.messaging.selectors import webhook_channels_forget
from cortesia.messaging.tests.deliveries import APP_SECRET, NUMBER_ID, TG_SECRET
from cortesia.testing.fake_providers import FakeProviders


@pytest.fixture(autouse=True)
def _forget_webhook_channels() -> Iterator[None]:
    """Each test starts with no channel kept by the webhook's lookup."""
    webhook_channels_forget()
    yield
    webhook_channels_forget()


@pytest.fixture
def fake(settings: Any) -> Iterator[FakeProviders]:
    with FakeProviders() as running:
        settings.CORTESIA_WHATSAPP_API_URL = running.whatsapp_url
        settings.CORTESIA_TELEGRAM_API_URL = running.telegram_url
        yield running


@pytest.fixture
def whatsapp(team_rome: Team) -> MessagingChannel:
    return MessagingChannel.objects.create(
        kind="whatsapp",
        team=team_rome,
        name="Shop WhatsApp",
        account=NUMBER_ID,
        default_language="it",
        signing_secret_sealed=SEALER.seal(APP_SECRET),
        access_token_sealed=SEALER.seal("wa-token"),
    )


@pytest.fixture
def telegram(team_rome: Team) -> MessagingChannel:
    return MessagingChannel.objects.create(
        kind="telegram",
        team=team_rome,
        name="Shop bot",
        default_language="en",
        signing_secret_sealed=SEALER.seal(TG_SECRET),
        access_token_sealed=SEALER.seal("tg-token"),
    )
