from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.mail.mailboxes import mailbox_create
from cortesia.mail.models import Mailbox

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def support(team_rome: Team) -> Mailbox:
    return mailbox_create(
        name="support", address="support@shop.example", team=team_rome, actor=Actor.system()
    )
