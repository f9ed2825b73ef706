from __future__ import annotations

from email.utils import parseaddr
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from cortesia.demo.mail import MAILS, load_demo_mail
from cortesia.mail.models import Mailbox

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_demo_mail_and_the_system_mail_come_from_one_sender(
    settings: Any, data_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    settings.DEFAULT_FROM_EMAIL = "Shop <help@shop.example>"
    with django_capture_on_commit_callbacks(execute=True):
        load_demo_mail()
    senders = {parseaddr(message.from_email)[1] for message in mail.outbox}
    assert Mailbox.objects.get().address == "help@shop.example"
    assert (len(mail.outbox), senders) == (len(MAILS), {"help@shop.example"})
