"""The messaging channel settings pages: list, create, edit, enable and disable, and
"Connect the bot" for Telegram. Administrators only; secrets sealed and never shown."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors
from cortesia.messaging.models import MessagingChannel
from cortesia.messaging.secrets import SEALER
from cortesia.messaging.services import ChannelChange, ChannelData, channel_create, channel_update
from cortesia.testing.fake_providers import FakeProviders
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PHONE_ID = "106540352242922"
APP_SECRET = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
WA_TOKEN = "EAAGm0PX4ZCpsBA-whatsapp-permanent-token"
VERIFY = "verify-me-please-42"
BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
TG_SECRET = "tg_secret-token_0123456789"
BASE = "https://cortesia.example"


@pytest.fixture(autouse=True)
def base_url(settings: Any) -> None:
    settings.BASE_URL = BASE


def make_whatsapp(name: str = "Negozio Roma", account: str = PHONE_ID) -> MessagingChannel:
    data = ChannelData(
        kind="whatsapp",
        name=name,
        account=account,
        signing_secret=APP_SECRET,
        access_token=WA_TOKEN,
        verify_token=VERIFY,
    )
    return channel_create(data=data, actor=Actor.system())


def make_telegram(token: str = BOT_TOKEN) -> MessagingChannel:
    data = ChannelData(
        kind="telegram", name="Cortesia bot", access_token=token, signing_secret=TG_SECRET
    )
    return channel_create(data=data, actor=Actor.system())


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _audits() -> list[dict[str, Any]]:
    rows = AuditEvent.objects.filter(object_type="messaging_channel").order_by("id")
    return [row.data for row in rows]


def _edit(channel: MessagingChannel) -> str:
    return reverse("messaging-settings:channel-edit", kwargs={"uid": channel.uid})


def _hook(channel: MessagingChannel) -> str:
    return f"{BASE}/messaging/webhooks/{channel.uid}"


def _form(**changes: str) -> dict[str, str]:
    data = {
        "name": "Negozio Milano",
        "kind": "whatsapp",
        "account": "2093847561",
        "team": "",
        "default_language": "it",
        "signing_secret": APP_SECRET,
        "access_token": WA_TOKEN,
        "verify_token": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        pytest.param("anonymous", 302, id="anonymous"),
        pytest.param("agent", 403, id="agent"),
        pytest.param("manager", 403, id="manager"),
        pytest.param("admin", 200, id="admin"),
    ],
)
@pytest.mark.parametrize("page", ["list", "create", "edit"])
def test_who_may_open_the_pages(
    who: str, expected: int, page: str, alice: User, admin_user: User
) -> None:
    channel = make_whatsapp()
    users = {"agent": alice, "manager": make_user("mara", Role.MANAGER), "admin": admin_user}
    client = _client(users[who]) if who in users else Client()
    url = {
        "list": reverse("messaging-settings:channel-list"),
        "create": reverse("messaging-settings:channel-create"),
        "edit": _edit(channel),
    }[page]
    response = client.get(url)
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith("/login/?next=")


@pytest.mark.parametrize("who", ["agent", "manager"])
@pytest.mark.parametrize("action", ["edit", "disable", "connect", "create"])
def test_others_may_not_post(who: str, action: str, alice: User) -> None:
    channel = make_telegram()
    user = alice if who == "agent" else make_user("mara", Role.MANAGER)
    url = {
        "edit": _edit(channel),
        "disable": reverse("messaging-settings:channel-disable", kwargs={"uid": channel.uid}),
        "connect": reverse("messaging-settings:channel-connect", kwargs={"uid": channel.uid}),
        "create": reverse("messaging-settings:channel-create"),
    }[action]
    response = _client(user).post(url, _form(kind="telegram", name="Hijacked"))
    assert response.status_code == 403
    assert list(MessagingChannel.objects.values_list("name", "is_enabled")) == [
        ("Cortesia bot", True)
    ]
    assert [data["change"] for data in _audits()] == ["created"]


def test_the_settings_index_offers_the_section_to_admins_only(
    admin_user: User, alice: User
) -> None:
    link = f'href="{reverse("messaging-settings:channel-list")}"'
    assert link in _client(admin_user).get(reverse("settings-index")).content.decode()
    assert link not in _client(alice).get(reverse("settings-index")).content.decode()


def test_list_in_fixed_queries(
    admin_user: User, team_rome: Team, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    whatsapp = make_whatsapp()
    channel_update(
        channel=whatsapp, data=ChannelChange(team_uid=str(team_rome.uid)), actor=Actor.system()
    )
    telegram = make_telegram()
    client = _client(admin_user)
    client.get(reverse("messaging-settings:channel-list"))  # warm the session
    # session, user, 2FA policy, the channels with their teams
    with django_assert_num_queries(4):
        page = client.get(reverse("messaging-settings:channel-list")).content.decode()
    assert page.count('data-testid="channel-row"') == 2
    assert f'<code dir="ltr" data-testid="channel-webhook-url">{_hook(whatsapp)}</code>' in page
    assert f'<code dir="ltr" data-testid="channel-webhook-url">{_hook(telegram)}</code>' in page
    assert f'<code dir="ltr">{PHONE_ID}</code>' in page
    assert "<bdi>Roma</bdi>" in page
    assert page.count("<td>WhatsApp</td>") == 1
    assert page.count("<td>Telegram</td>") == 1
    for secret in (APP_SECRET, WA_TOKEN, VERIFY, BOT_TOKEN, TG_SECRET):
        assert secret not in page


def test_creating_a_whatsapp_number_seals_its_secrets(
    admin_user: User, team_rome: Team, caplog: pytest.LogCaptureFixture
) -> None:
    client = _client(admin_user)
    # when an admin creates a number without a verify token
    response = client.post(
        reverse("messaging-settings:channel-create"), _form(team=str(team_rome.uid))
    )
    # then it is saved, with its secrets sealed and a verify token made
    channel = MessagingChannel.objects.get()
    assert (response.status_code, response["Location"]) == (302, _edit(channel))
    assert (channel.kind, channel.name, channel.account, channel.team, channel.is_enabled) == (
        "whatsapp",
        "Negozio Milano",
        "2093847561",
        team_rome,
        True,
    )
    assert channel.default_language == "it"
    assert APP_SECRET not in channel.signing_secret_sealed
    assert WA_TOKEN not in channel.access_token_sealed
    assert SEALER.unseal(channel.signing_secret_sealed) == APP_SECRET
    assert SEALER.unseal(channel.access_token_sealed) == WA_TOKEN
    verify = SEALER.unseal(channel.verify_token_sealed)
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", verify)
    assert verify not in channel.verify_token_sealed
    # and the edit page shows what Meta asks for, never the other secrets
    page = client.get(_edit(channel)).content.decode()
    assert f'<code dir="ltr" data-testid="channel-webhook-url">{_hook(channel)}</code>' in page
    assert f'<code dir="ltr" data-testid="channel-verify-token">{verify}</code>' in page
    assert '<code dir="ltr">messages</code>' in page
    assert APP_SECRET not in page
    assert WA_TOKEN not in page
    assert page.count("Set. Left empty, the stored value is kept.") == 3
    assert _audits() == [
        {
            "change": "created",
            "kind": "whatsapp",
            "name": "Negozio Milano",
            "account": "2093847561",
            "team": str(team_rome.uid),
            "default_language": "it",
            "is_enabled": True,
            "answer_bot": False,
            "access_token": "set",
            "signing_secret": "set",
            "verify_token": "set",
        }
    ]
    assert APP_SECRET not in caplog.text
    assert WA_TOKEN not in caplog.text


def test_creating_a_telegram_bot_makes_its_secret_token(admin_user: User) -> None:
    client = _client(admin_user)
    form = _form(kind="telegram", name="Bot", account="999", signing_secret="", access_token="")
    response = client.post(reverse("messaging-settings:channel-create"), form)
    assert response.status_code == 302
    channel = MessagingChannel.objects.get()
    # the account and the verify token mean nothing to Telegram: neither is kept
    assert (channel.kind, channel.account, channel.verify_token_sealed) == ("telegram", "", "")
    secret = SEALER.unseal(channel.signing_secret_sealed)
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", secret)
    page = client.get(_edit(channel)).content.decode()
    assert secret not in page
    assert 'data-testid="channel-verify-token"' not in page
    assert 'data-testid="channel-connect"' in page
    assert page.count("Set. Left empty, the stored value is kept.") == 1  # the secret token
    assert page.count("Not set.") == 1  # the bot token


@pytest.mark.parametrize(
    ("_case", "changes", "field", "message"),
    [
        (
            "whatsapp_without_account",
            {"account": ""},
            "account",
            "Give the phone number ID shown in Meta's WhatsApp dashboard: digits only.",
        ),
        (
            "account_not_digits",
            {"account": "+39 06 1234"},
            "account",
            "Give the phone number ID shown in Meta's WhatsApp dashboard: digits only.",
        ),
        (
            "blank_name",
            {"name": "   "},
            "name",
            "This field is required.",
        ),
        (
            "spaces_in_the_app_secret",
            {"signing_secret": "two words"},
            "signing_secret",
            "This value has 1 to 1000 characters, without spaces.",
        ),
        (
            "telegram_token_shape",
            {"kind": "telegram", "access_token": "not-a-bot-token"},
            "access_token",
            "A bot token looks like 123456:ABC-DEF1234ghIkl: the bot's number, a colon, then "
            "letters, digits, _ and -. @BotFather gives it.",
        ),
        (
            "telegram_secret_alphabet",
            {"kind": "telegram", "access_token": BOT_TOKEN, "signing_secret": "no+plus/signs"},
            "signing_secret",
            "A secret token has 1 to 256 characters: letters A to Z and a to z, digits, _ and -.",
        ),
        (
            "unknown_language",
            {"default_language": "xx"},
            "default_language",
            "Select a valid choice. xx is not one of the available choices.",
        ),
    ],
)
def test_invalid_input_is_refused_next_to_its_field(
    _case: str, changes: dict[str, str], field: str, message: str, admin_user: User
) -> None:
    form = _form(**changes)
    response = _client(admin_user).post(reverse("messaging-settings:channel-create"), form)
    assert response.status_code == 400
    assert response.context["form"].errors == {field: [message]}
    page = response.content.decode()
    assert f'data-testid="field-error-{field}">' in page
    assert MessagingChannel.objects.count() == 0
    assert _audits() == []
    for secret in (form["signing_secret"], form["access_token"]):
        assert f'value="{secret}"' not in page
        assert secret not in page


def test_a_second_channel_for_the_same_number_is_refused(admin_user: User) -> None:
    make_whatsapp()
    response = _client(admin_user).post(
        reverse("messaging-settings:channel-create"), _form(account=PHONE_ID)
    )
    assert response.status_code == 409
    assert response.context["form"].non_field_errors() == [
        "A channel for this phone number ID exists already. Change that one instead."
    ]
    assert MessagingChannel.objects.count() == 1


def test_editing_keeps_the_secrets_left_empty(admin_user: User, team_rome: Team) -> None:
    channel = make_whatsapp()
    form = _form(
        name="Negozio Roma Centro",
        account=PHONE_ID,
        team=str(team_rome.uid),
        signing_secret="",
        access_token="EAAG-a-new-token",
        verify_token="",
    )
    response = _client(admin_user).post(_edit(channel), form)
    assert (response.status_code, response["Location"]) == (302, _edit(channel))
    channel.refresh_from_db()
    assert (channel.name, channel.team, channel.default_language) == (
        "Negozio Roma Centro",
        team_rome,
        "it",
    )
    assert SEALER.unseal(channel.signing_secret_sealed) == APP_SECRET
    assert SEALER.unseal(channel.access_token_sealed) == "EAAG-a-new-token"
    assert SEALER.unseal(channel.verify_token_sealed) == VERIFY
    assert _audits()[-1] == {
        "change": "updated",
        "name": "Negozio Roma Centro",
        "team": str(team_rome.uid),
        "default_language": "it",
        "access_token": "changed",
    }


def test_saving_unchanged_values_writes_nothing(admin_user: User) -> None:
    channel = make_whatsapp()
    form = _form(
        name=channel.name, account=PHONE_ID, default_language="en", signing_secret=APP_SECRET
    )
    response = _client(admin_user).post(_edit(channel), form)
    assert response.status_code == 302
    assert [data["change"] for data in _audits()] == ["created"]


def test_the_provider_cannot_change(admin_user: User) -> None:
    channel = make_whatsapp()
    # the page ignores a provider posted for an existing channel
    response = _client(admin_user).post(
        _edit(channel), _form(kind="telegram", account=PHONE_ID, access_token="")
    )
    assert response.status_code == 302
    channel.refresh_from_db()
    assert channel.kind == "whatsapp"
    # and the service refuses it outright
    with pytest.raises(FieldErrors) as refused:
        channel_update(channel=channel, data=ChannelChange(kind="telegram"), actor=Actor.system())
    assert refused.value.errors == {
        "kind": "The provider of a channel cannot change. Create another channel instead."
    }
    channel.refresh_from_db()
    assert channel.kind == "whatsapp"


def test_disable_then_enable(admin_user: User, django_capture_on_commit_callbacks: Any) -> None:
    channel = make_whatsapp()
    client = _client(admin_user)
    webhook = reverse("messaging:webhook", args=[str(channel.uid)])
    # the webhook found the channel (the body is unsigned) and keeps it for a few seconds
    assert Client().post(webhook, b"{}", content_type="application/json").status_code == 401
    disable = reverse("messaging-settings:channel-disable", kwargs={"uid": channel.uid})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(disable)
    assert response["Location"] == _edit(channel)
    channel.refresh_from_db()
    assert channel.is_enabled is False
    # a disabled channel's webhook address answers as if it did not exist, at once here
    assert Client().post(webhook, b"{}", content_type="application/json").status_code == 404
    page = client.get(_edit(channel)).content.decode()
    assert 'data-testid="channel-enable"' in page
    client.post(reverse("messaging-settings:channel-enable", kwargs={"uid": channel.uid}))
    channel.refresh_from_db()
    assert channel.is_enabled is True
    assert _audits()[1:] == [
        {"change": "updated", "is_enabled": False},
        {"change": "updated", "is_enabled": True},
    ]


def test_an_unknown_channel_is_not_found(admin_user: User) -> None:
    url = reverse("messaging-settings:channel-edit", kwargs={"uid": "not-a-uid"})
    assert _client(admin_user).get(url).status_code == 404


def test_disable_needs_the_csrf_token(admin_user: User) -> None:
    channel = make_whatsapp()
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    url = reverse("messaging-settings:channel-disable", kwargs={"uid": channel.uid})
    assert client.post(url).status_code == 403
    channel.refresh_from_db()
    assert channel.is_enabled is True


def test_arabic_page_is_right_to_left(admin_user: User) -> None:
    make_whatsapp()
    User.objects.filter(pk=admin_user.pk).update(language="ar", time_zone="Asia/Riyadh")
    page = _client(admin_user).get(reverse("messaging-settings:channel-list")).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert '<th scope="col">الاسم</th>' in page
    assert '<th scope="col">الحالة</th>' in page


def _connect(client: Client, channel: MessagingChannel) -> str:
    url = reverse("messaging-settings:channel-connect", kwargs={"uid": channel.uid})
    response = client.post(url)
    assert response["Location"] == _edit(channel)
    return client.get(_edit(channel)).content.decode()


def test_connect_the_bot_points_telegram_at_the_webhook(admin_user: User, settings: Any) -> None:
    channel = make_telegram()
    client = _client(admin_user)
    with FakeProviders(telegram_token=BOT_TOKEN) as fake:
        settings.CORTESIA_TELEGRAM_API_URL = fake.telegram_url
        page = _connect(client, channel)
    [call] = fake.requests
    assert (call.method, call.path, call.status) == ("POST", "/telegram/bot<token>/setWebhook", 200)
    assert call.json == {
        "url": _hook(channel),
        "secret_token": TG_SECRET,
        "allowed_updates": ["message", "edited_message"],
        "drop_pending_updates": False,
    }
    assert (
        '<li class="message success">Telegram now sends the bot&#x27;s messages to Cortesia.</li>'
    ) in page
    assert BOT_TOKEN not in page
    assert TG_SECRET not in page
    assert _audits()[-1] == {"change": "connected", "url": _hook(channel)}


def test_a_refused_bot_token_is_shown_as_an_error(admin_user: User, settings: Any) -> None:
    channel = make_telegram()
    with FakeProviders(telegram_token="another-bot") as fake:  # answers 401 to our token
        settings.CORTESIA_TELEGRAM_API_URL = fake.telegram_url
        page = _connect(_client(admin_user), channel)
    assert [(call.path, call.status) for call in fake.requests] == [
        ("/telegram/bot<token>/setWebhook", 401)
    ]
    assert (
        '<li class="message error">Telegram did not accept the bot token. Save the token '
        "@BotFather gives, then connect the bot again.</li>"
    ) in page
    assert BOT_TOKEN not in page
    row = AuditEvent.objects.filter(object_type="messaging_channel").latest("id")
    assert (row.result, row.data) == (
        "failed",
        {"change": "connect_failed", "status": 401, "code": "401"},
    )


def test_a_bot_is_not_connected_to_a_plain_http_address(admin_user: User, settings: Any) -> None:
    channel = make_telegram()
    settings.BASE_URL = "http://127.0.0.1:8000"
    with FakeProviders(telegram_token=BOT_TOKEN) as fake:
        settings.CORTESIA_TELEGRAM_API_URL = fake.telegram_url
        page = _connect(_client(admin_user), channel)
    assert fake.requests == []
    assert (
        '<li class="message error">Telegram posts only to https:// addresses, and this '
        "site&#x27;s address (CORTESIA_BASE_URL) is not one.</li>"
    ) in page


def test_a_whatsapp_number_has_no_bot_to_connect(admin_user: User) -> None:
    channel = make_whatsapp()
    page = _connect(_client(admin_user), channel)
    assert '<li class="message error">Only a Telegram bot is connected this way.</li>' in page
    assert [data["change"] for data in _audits()] == ["created"]
