"""The cast shared by every test: alice (agent), bob (same team), charlie (another team),
an administrator and tokens for them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from cortesia.accounts.models import Role, Team, TokenScope, User
from cortesia.accounts.services import team_create, team_member_add, token_create, user_create
from cortesia.core.actor import Actor

PASSWORD = "correct horse battery staple"
# A first message in each demo language, long enough for language detection.
FIRST_MESSAGES = {
    "ar": "مرحبا، لم يصل طلبي بعد، هل يمكنكم التحقق من ذلك؟",
    "bg": "Здравейте, поръчката ми още не е пристигнала, можете ли да проверите?",
    "en": "Hello, my order has not arrived yet, could you check it please?",
    "fi": "Hei, tilaukseni ei ole vielä saapunut, voisitteko tarkistaa sen?",
    "it": "Buongiorno, il mio ordine non è ancora arrivato, potete controllare?",
    "ro": "Bună ziua, comanda mea nu a sosit încă, puteți verifica?",
}


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    call_command("compile_translations", verbosity=0)


@pytest.fixture(autouse=True)
def language_reset() -> Iterator[None]:
    """Leave no language active after a test: a page asked for in Arabic activates it in
    the thread, and a later test in the same process would read Arabic text."""
    yield
    translation.deactivate()


@pytest.fixture
def data_dir(settings: Any, tmp_path: Path) -> Path:
    """A data directory of the test's own (attachments, raw mail)."""
    settings.DATA_DIR = tmp_path
    return tmp_path


def make_user(username: str, role: Role = Role.AGENT, **extra: str) -> User:
    return user_create(
        username=username,
        email=f"{username}@example.com",
        role=role,
        password=PASSWORD,
        actor=Actor.system(),
        **extra,
    )


@pytest.fixture
def team_rome(db: None) -> Team:
    return team_create(
        name="Roma", languages=["it", "en"], time_zone="Europe/Rome", actor=Actor.system()
    )


@pytest.fixture
def team_riyadh(db: None) -> Team:
    return team_create(
        name="Riyadh", languages=["ar"], time_zone="Asia/Riyadh", actor=Actor.system()
    )


@pytest.fixture
def alice(team_rome: Team) -> User:
    user = make_user("alice", first_name="Alice", last_name="Rossi")
    team_member_add(team=team_rome, user=user, actor=Actor.system())
    return user


@pytest.fixture
def bob(team_rome: Team) -> User:
    user = make_user("bob", first_name="Bob", last_name="Bianchi")
    team_member_add(team=team_rome, user=user, actor=Actor.system())
    return user


@pytest.fixture
def charlie(team_riyadh: Team) -> User:
    user = make_user("charlie", language="ar", time_zone="Asia/Riyadh")
    team_member_add(team=team_riyadh, user=user, actor=Actor.system())
    return user


@pytest.fixture
def admin_user(db: None) -> User:
    return make_user("root", Role.ADMIN, first_name="Ada", last_name="Admin")


@pytest.fixture
def alice_client(alice: User) -> Client:
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def admin_client(admin_user: User) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def alice_read_token(alice: User) -> str:
    return token_create(user=alice, scope=TokenScope.READ, actor=Actor.system()).raw


@pytest.fixture
def alice_write_token(alice: User) -> str:
    return token_create(user=alice, scope=TokenScope.WRITE, actor=Actor.system()).raw


@pytest.fixture
def admin_write_token(admin_user: User) -> str:
    return token_create(user=admin_user, scope=TokenScope.WRITE, actor=Actor.system()).raw


@pytest.fixture
def english() -> Iterator[None]:
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def mia(db: None) -> User:
    """A marketer: reads customers, manages segments."""
    return make_user("mia", Role.MARKETER, first_name="Mia", last_name="Marketing")


@pytest.fixture
def mia_write_token(mia: User) -> str:
    return token_create(user=mia, scope=TokenScope.WRITE, actor=Actor.system()).raw


@pytest.fixture
def mia_client(mia: User) -> Client:
    client = Client()
    client.force_login(mia)
    return client
