"""/api/v1/messaging/channels: administrators list, create, read and change channels;
no answer ever holds a secret."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, TokenScope, User
from cortesia.accounts.services import token_create
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.messaging.models import MessagingChannel
from cortesia.messaging.secrets import SEALER
from cortesia.messaging.services import ChannelData, channel_create
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PATH = "/api/v1/messaging/channels"
BASE = "https://cortesia.example"
PHONE_ID = "106540352242922"
APP_SECRET = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
WA_TOKEN = "EAAGm0PX4ZCpsBA-whatsapp-permanent-token"
VERIFY = "verify-me-please-42"
BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
SECRETS = (APP_SECRET, WA_TOKEN, VERIFY, BOT_TOKEN)
BODY: dict[str, Any] = {
    "kind": "whatsapp",
    "name": "Negozio Roma",
    "account": PHONE_ID,
    "default_language": "it",
    "signing_secret": APP_SECRET,
    "access_token": WA_TOKEN,
    "verify_token": VERIFY,
}


@pytest.fixture(autouse=True)
def base_url(settings: Any) -> None:
    settings.BASE_URL = BASE


@pytest.fixture
def admin_read_token(admin_user: User) -> str:
    return token_create(user=admin_user, scope=TokenScope.READ, actor=Actor.system()).raw


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _post(token: str, body: dict[str, Any]) -> Any:
    return Client().post(PATH, body, content_type="application/json", headers=_auth(token))


def _patch(token: str, uid: str, body: dict[str, Any]) -> Any:
    return Client().patch(
        f"{PATH}/{uid}", body, content_type="application/json", headers=_auth(token)
    )


def _bot() -> MessagingChannel:
    data = ChannelData(kind="telegram", name="Cortesia bot", access_token=BOT_TOKEN)
    return channel_create(data=data, actor=Actor.system())


def _audits() -> list[dict[str, Any]]:
    rows = AuditEvent.objects.filter(object_type="messaging_channel").order_by("id")
    return [row.data for row in rows]


def test_an_admin_creates_a_number_and_no_answer_holds_a_secret(
    admin_write_token: str, team_rome: Team, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    # when an admin creates a WhatsApp number with its secrets
    response = _post(admin_write_token, {**BODY, "team": str(team_rome.uid)})
    # then the answer describes it, with booleans for the secrets
    assert response.status_code == 201, response.content
    created = response.json()
    uid = created["uid"]
    assert {key: value for key, value in created.items() if not key.endswith("_at")} == {
        "uid": uid,
        "kind": "whatsapp",
        "name": "Negozio Roma",
        "account": PHONE_ID,
        "team": str(team_rome.uid),
        "default_language": "it",
        "is_enabled": True,
        "answer_bot": False,
        "webhook_url": f"{BASE}/messaging/webhooks/{uid}",
        "has_signing_secret": True,
        "has_access_token": True,
        "has_verify_token": True,
    }
    # and the secrets are sealed: not stored as given, opened to what was given
    channel = MessagingChannel.objects.get()
    sealed = (
        channel.signing_secret_sealed,
        channel.access_token_sealed,
        channel.verify_token_sealed,
    )
    assert tuple(SEALER.unseal(value) for value in sealed) == (APP_SECRET, WA_TOKEN, VERIFY)
    for value in sealed:
        assert value.startswith("v1:")
        assert not any(secret in value for secret in SECRETS)
    # and no later answer, audit row or log line holds one
    client = Client()
    answers = [
        response,
        client.get(PATH, headers=_auth(admin_write_token)),
        client.get(f"{PATH}/{uid}", headers=_auth(admin_write_token)),
        _patch(admin_write_token, uid, {"access_token": "EAAG-rotated-token"}),
    ]
    assert [answer.status_code for answer in answers] == [201, 200, 200, 200]
    for answer in answers:
        text = answer.content.decode()
        assert not any(secret in text for secret in (*SECRETS, "EAAG-rotated-token"))
    assert _audits()[-1] == {"change": "updated", "access_token": "changed"}
    assert not any(secret in str(_audits()) for secret in (*SECRETS, "EAAG-rotated-token"))
    assert not any(secret in caplog.text for secret in (*SECRETS, "EAAG-rotated-token"))
    channel.refresh_from_db()
    assert SEALER.unseal(channel.access_token_sealed) == "EAAG-rotated-token"


def test_a_bot_gets_a_secret_token_and_no_account(admin_write_token: str) -> None:
    body = {"kind": "telegram", "name": "Bot", "account": "123", "access_token": BOT_TOKEN}
    created = _post(admin_write_token, body).json()
    assert (created["account"], created["default_language"]) == ("", "en")
    assert (created["has_signing_secret"], created["has_access_token"]) == (True, True)
    assert created["has_verify_token"] is False
    secret = SEALER.unseal(MessagingChannel.objects.get().signing_secret_sealed)
    assert len(secret) == 32
    assert secret not in str(created)


@pytest.mark.parametrize(
    ("_case", "changes", "details"),
    [
        (
            "account_missing",
            {"account": ""},
            {
                "account": "Give the phone number ID shown in Meta's WhatsApp dashboard: "
                "digits only."
            },
        ),
        (
            "unknown_language_and_team",
            {"default_language": "xx", "team": "7b0c1d7e-0000-4000-8000-000000000000"},
            {
                "default_language": "Choose one of the site's languages.",
                "team": "There is no such team.",
            },
        ),
        (
            "bot_token_shape",
            {"kind": "telegram", "access_token": "abc", "signing_secret": "bad secret!"},
            {
                "access_token": "A bot token looks like 123456:ABC-DEF1234ghIkl: the bot's "
                "number, a colon, then letters, digits, _ and -. @BotFather gives it.",
                "signing_secret": "A secret token has 1 to 256 characters: letters A to Z and "
                "a to z, digits, _ and -.",
            },
        ),
        (
            "blank_name",
            {"name": "   "},
            {"name": "Give a name of at most 100 characters on one line."},
        ),
    ],
)
def test_invalid_channels_are_refused_field_by_field(
    _case: str, changes: dict[str, Any], details: dict[str, str], admin_write_token: str
) -> None:
    response = _post(admin_write_token, {**BODY, **changes})
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "validation_error",
            "message": "Some fields are not valid.",
            "details": details,
        }
    }
    assert MessagingChannel.objects.count() == 0
    assert _audits() == []


def test_a_second_channel_for_the_same_number_is_a_conflict(admin_write_token: str) -> None:
    assert _post(admin_write_token, BODY).status_code == 201
    response = _post(admin_write_token, {**BODY, "name": "Copy"})
    assert (response.status_code, response.json()["error"]["code"]) == (409, "channel_exists")
    assert MessagingChannel.objects.count() == 1


def test_the_provider_cannot_change(admin_write_token: str) -> None:
    channel = _bot()
    response = _patch(admin_write_token, str(channel.uid), {"kind": "whatsapp"})
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "kind": "The provider of a channel cannot change. Create another channel instead."
    }
    channel.refresh_from_db()
    assert channel.kind == "telegram"
    assert [data["change"] for data in _audits()] == ["created"]


def test_patch_disables_and_clears_the_team(admin_write_token: str, team_rome: Team) -> None:
    created = _post(admin_write_token, {**BODY, "team": str(team_rome.uid)}).json()
    # a field left out is kept
    kept = _patch(admin_write_token, created["uid"], {"is_enabled": False}).json()
    assert (kept["is_enabled"], kept["team"], kept["name"]) == (
        False,
        str(team_rome.uid),
        "Negozio Roma",
    )
    # null removes the team
    cleared = _patch(admin_write_token, created["uid"], {"team": None}).json()
    assert cleared["team"] is None
    channel = MessagingChannel.objects.get()
    assert (channel.is_enabled, channel.team) == (False, None)
    assert _audits()[1:] == [
        {"change": "updated", "is_enabled": False},
        {"change": "updated", "team": None},
    ]


@pytest.mark.parametrize(
    ("who", "method", "expected"),
    [
        ("agent_write", "get", 403),
        ("agent_write", "post", 403),
        ("agent_write", "patch", 403),
        ("agent_read", "get", 403),
        ("manager_write", "get", 403),
        ("manager_write", "patch", 403),
        ("admin_read", "get", 200),
        ("admin_read", "post", 403),
        ("admin_read", "patch", 403),
        ("admin_write", "patch", 200),
        ("nobody", "get", 401),
    ],
)
def test_only_admins_with_write_tokens_change_channels(
    who: str, method: str, expected: int, request: pytest.FixtureRequest
) -> None:
    tokens = {
        "agent_write": "alice_write_token",
        "agent_read": "alice_read_token",
        "admin_read": "admin_read_token",
        "admin_write": "admin_write_token",
    }
    if who == "manager_write":
        manager = make_user("mara", Role.MANAGER)
        headers = _auth(
            token_create(user=manager, scope=TokenScope.WRITE, actor=Actor.system()).raw
        )
    else:
        headers = _auth(request.getfixturevalue(tokens[who])) if who in tokens else {}
    channel = _bot()
    path = PATH if method == "post" else f"{PATH}/{channel.uid}"
    body: dict[str, Any] = BODY if method == "post" else {"name": "Renamed", "is_enabled": False}
    response = getattr(Client(), method)(
        path, body if method != "get" else None, content_type="application/json", headers=headers
    )
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert set(response.json()["error"]) >= {"code", "message"}
        assert list(MessagingChannel.objects.values_list("name", "is_enabled")) == [
            ("Cortesia bot", True)
        ]
        assert [data["change"] for data in _audits()] == ["created"]


def test_the_list_is_paged_in_fixed_queries(
    admin_write_token: str, team_rome: Team, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for number in range(3):
        data = ChannelData(
            kind="whatsapp",
            name=f"Numero {number}",
            account=f"10{number}",
            team_uid=str(team_rome.uid),
        )
        channel_create(data=data, actor=Actor.system())
    client = Client()
    # the token and its count (one statement on PostgreSQL), the page with its teams,
    # and the token's first use recorded
    token_queries = 1 if connection.vendor == "postgresql" else 2
    with django_assert_num_queries(token_queries + 1 + 1):
        first = client.get(PATH, {"limit": 2}, headers=_auth(admin_write_token)).json()
    assert [item["name"] for item in first["items"]] == ["Numero 0", "Numero 1"]
    assert {item["team"] for item in first["items"]} == {str(team_rome.uid)}
    rest = client.get(
        PATH, {"limit": 2, "cursor": first["next_cursor"]}, headers=_auth(admin_write_token)
    ).json()
    assert ([item["name"] for item in rest["items"]], rest["next_cursor"]) == (["Numero 2"], None)


def test_an_unknown_channel_is_not_found(admin_write_token: str) -> None:
    response = Client().get(
        f"{PATH}/7b0c1d7e-0000-4000-8000-000000000000", headers=_auth(admin_write_token)
    )
    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
