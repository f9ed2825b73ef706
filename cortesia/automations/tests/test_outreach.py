"""Rules that tell staff, call a webhook, and send canned replies marked as automatic."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from cortesia.accounts.models import Team, User
from cortesia.automations.dry_run import trigger_try
from cortesia.automations.models import Macro, Trigger
from cortesia.automations.scanning import automations_scan
from cortesia.automations.services import (
    MacroData,
    RuleData,
    automation_save,
    macro_apply,
    macro_save,
    trigger_save,
)
from cortesia.automations.tests.conftest import open_ticket
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors
from cortesia.customers.models import Customer
from cortesia.mail.mailboxes import mailbox_create
from cortesia.mail.models import Mailbox, OutboundMail
from cortesia.notifications.mailing import notification_mail_sweep
from cortesia.notifications.models import Notification
from cortesia.testing.fixtures import make_user
from cortesia.tickets.canned import VariantData, canned_save
from cortesia.tickets.models import Ticket
from cortesia.tickets.replies import reply_send
from cortesia.tickets.services import MessageData, TicketChanges, ticket_update
from cortesia.webhooks.delivery import deliveries_dispatch
from cortesia.webhooks.models import Delivery, Subscription
from cortesia.webhooks.tests.conftest import (
    Receiver,
    loopback_allowed,  # noqa: F401 - a fixture
    receiver,  # noqa: F401 - a fixture
    subscribe,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loopback_allowed")]
Committed = Callable[[], AbstractContextManager[Any]]


@pytest.fixture(autouse=True)
def own_data_dir(data_dir: Any) -> Any:
    """The marker of active webhooks lives in the test's own directory."""
    return data_dir


def trigger(name: str, *actions: tuple[str, str], when: str = "created") -> Trigger:
    return trigger_save(
        trigger=None,
        data=RuleData(
            name=name,
            when=[when],
            actions=[{"kind": kind, "value": value} for kind, value in actions],
        ),
        actor=Actor.system(),
    )


def told(ticket: Ticket) -> list[tuple[str, str, dict[str, str], str]]:
    rows = Notification.objects.filter(ticket=ticket).order_by("recipient__username")
    return [(n.recipient.username, n.kind, n.data, n.mail) for n in rows]


def test_a_trigger_tells_a_person_in_the_app_and_by_mail(
    aino: Customer, team_rome: Team, alice: User, committed: Committed
) -> None:
    trigger("VIP", ("notify", "alice | A VIP wrote"))
    with committed():
        ticket = open_ticket(aino, team_rome)

    data = {"rule": "VIP", "message": "A VIP wrote"}
    assert told(ticket) == [("alice", "rule", data, "pending")]
    assert notification_mail_sweep(now=timezone.now() + timedelta(minutes=6)) == 1
    assert told(ticket) == [("alice", "rule", data, "sent")]
    (sent,) = mail.outbox
    assert sent.to == [alice.email]
    assert "A VIP wrote" in sent.body


def test_a_team_is_told_except_whoever_made_the_change(
    aino: Customer, team_rome: Team, alice: User, bob: User, committed: Committed
) -> None:
    make_user("carla")  # not a member of the team: never told
    trigger("Urgent", ("notify", "Roma"), when="updated")
    ticket = open_ticket(aino, team_rome)
    with committed():
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(priority="urgent"),
            expected_version=None,
            actor=Actor(user=bob),
        )

    assert told(ticket) == [("alice", "rule", {"rule": "Urgent"}, "pending")]


def test_a_macro_tells_the_team_but_not_the_agent_applying_it(
    aino: Customer, team_rome: Team, alice: User, bob: User
) -> None:
    macro = macro_save(
        macro=None,
        data=MacroData(name="Escalate", actions=[{"kind": "notify", "value": "Roma | Look"}]),
        actor=Actor(user=alice),
    )
    ticket = open_ticket(aino, team_rome)

    macro_apply(
        macro=macro, ticket=ticket, expected_version=ticket.version, actor=Actor(user=alice)
    )

    assert told(ticket) == [("bob", "rule", {"rule": "Escalate", "message": "Look"}, "pending")]
    assert Macro.objects.get().actions == [
        {"kind": "notify", "value": {"team": str(team_rome.uid), "message": "Look"}}
    ]


def test_a_macro_form_sent_twice_tells_once(
    aino: Customer, team_rome: Team, alice: User, bob: User
) -> None:
    macro = macro_save(
        macro=None,
        data=MacroData(name="Tell Bob", actions=[{"kind": "notify", "value": "bob"}]),
        actor=Actor(user=alice),
    )
    ticket = open_ticket(aino, team_rome)

    for _time in range(2):
        macro_apply(
            macro=macro,
            ticket=ticket,
            expected_version=ticket.version,
            actor=Actor(user=alice),
            submission="f" * 32,
        )

    assert told(ticket) == [("bob", "rule", {"rule": "Tell Bob"}, "pending")]


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("nobody", "No active agent or team is called nobody."),
        ("gone", "No active agent or team is called gone."),
        ("alice | " + "x" * 301, "Keep the message to at most 300 characters."),
    ],
)
def test_notify_names_an_active_person_or_a_team(
    alice: User, english: None, value: str, error: str
) -> None:
    User.objects.filter(pk=make_user("gone").pk).update(is_active=False)

    with pytest.raises(FieldErrors) as refused:
        trigger("Tell", ("notify", value))

    assert refused.value.errors == {"actions": error}
    assert not Trigger.objects.exists()


def test_a_webhook_is_called_once_per_run_whatever_it_subscribes_to(
    aino: Customer,
    team_rome: Team,
    receiver: Receiver,  # noqa: F811 - the fixture
    committed: Committed,
) -> None:
    subscription = subscribe(receiver.url, ["customer.merged"])
    rule = trigger("Hook", ("call_webhook", receiver.url))
    with committed():
        ticket = open_ticket(aino, team_rome)

    (delivery,) = Delivery.objects.all()
    assert (delivery.subscription_id, delivery.event_type) == (
        subscription.pk,
        "automation.triggered",
    )
    # the dispatcher ran after the commit, as for any other event; nothing is left to send
    assert deliveries_dispatch() == 0
    (request,) = receiver.requests
    body = json.loads(request.body)
    assert request.headers["Cortesia-Webhook-Id"] == body["id"] == str(delivery.event_id)
    assert request.headers["Cortesia-Webhook-Signature"].startswith("v1=")
    assert body["type"] == "automation.triggered"
    assert body["data"]["rule"] == {"kind": "trigger", "uid": str(rule.uid), "name": "Hook"}
    assert body["data"]["ticket"]["uid"] == str(ticket.uid)
    assert body["data"]["ticket"]["team"] == str(team_rome.uid)


def test_a_refused_rule_writes_no_delivery_and_no_notification(
    aino: Customer,
    team_rome: Team,
    alice: User,
    charlie: User,
    receiver: Receiver,  # noqa: F811 - the fixture
    committed: Committed,
) -> None:
    subscribe(receiver.url, ["customer.merged"])
    trigger(
        "Broken",
        ("call_webhook", receiver.url),
        ("notify", "alice"),
        ("set_assignee", "charlie"),  # not in the ticket's team: refused
    )
    with committed():
        ticket = open_ticket(aino, team_rome)

    assert told(ticket) == []
    assert not Delivery.objects.exists()


def test_an_inactive_subscription_is_refused(
    receiver: Receiver,  # noqa: F811 - the fixture
    english: None,
) -> None:
    subscription = subscribe(receiver.url, ["customer.merged"])
    Subscription.objects.filter(pk=subscription.pk).update(is_active=False)

    with pytest.raises(FieldErrors) as refused:
        trigger("Hook", ("call_webhook", receiver.url))

    message = f"No active webhook subscription has the address {receiver.url}."
    assert refused.value.errors == {"actions": message}


def test_a_dry_run_says_what_it_would_do_and_writes_nothing(
    aino: Customer,
    team_rome: Team,
    alice: User,
    admin_user: User,
    receiver: Receiver,  # noqa: F811 - the fixture
    english: None,
) -> None:
    subscription = subscribe(receiver.url, ["customer.merged"])
    ticket = open_ticket(aino, team_rome)
    actions: list[dict[str, object]] = [
        {"kind": "notify", "value": {"user": str(alice.uid), "message": ""}},
        {"kind": "notify", "value": {"team": str(team_rome.uid), "message": ""}},
        {"kind": "call_webhook", "value": str(subscription.uid)},
    ]

    result = trigger_try(viewer=admin_user, match="all", conditions=[], actions=actions)

    (tried,) = result.matches
    assert tried.ticket == ticket
    assert [described.text for described in tried.actions] == [
        f"Notify {alice.display_name}.",
        "Notify the members of the team Roma.",
        f"Send the ticket to the webhook {receiver.url}.",
    ]
    assert not Notification.objects.exists()
    assert not Delivery.objects.exists()


@pytest.fixture
def support(team_rome: Team) -> Mailbox:
    return mailbox_create(
        name="support", address="support@shop.example", team=team_rome, actor=Actor.system()
    )


@pytest.fixture
def thanks(admin_user: User) -> None:
    canned_save(
        response=None,
        name="Kiitos",
        variants=[VariantData(language="fi", body="Kiitos viestistäsi.")],
        actor=Actor.system(),
    )


def test_a_rules_canned_reply_is_mailed_as_automatic_and_an_agents_is_not(
    aino: Customer,
    team_rome: Team,
    alice: User,
    admin_user: User,
    support: Mailbox,
    thanks: None,
    committed: Committed,
) -> None:
    trigger_save(
        trigger=None,
        data=RuleData(
            name="Thanks", when=["created"], actions=[{"kind": "send_canned", "value": "Kiitos"}]
        ),
        actor=Actor(user=admin_user),
    )
    with committed():
        ticket = open_ticket(aino, team_rome, language="fi")
    with committed():
        reply_send(
            ticket=Ticket.objects.get(pk=ticket.pk),
            data=MessageData(body_text="Paketti on matkalla."),
            uploads=[],
            status="",
            expected_version=0,
            key="",
            actor=Actor(user=alice),
        )

    by_rule, by_agent = mail.outbox
    assert by_rule.body.startswith("Kiitos viestistäsi.")
    assert by_rule.extra_headers["Auto-Submitted"] == "auto-replied"
    assert by_rule.extra_headers["X-Auto-Response-Suppress"] == "All"
    assert by_agent.body.startswith("Paketti on matkalla.")
    assert "Auto-Submitted" not in by_agent.extra_headers
    assert "Auto-Submitted" not in by_agent.message()


def test_a_macros_canned_reply_is_not_automatic(
    aino: Customer, team_rome: Team, alice: User, support: Mailbox, thanks: None
) -> None:
    macro = macro_save(
        macro=None,
        data=MacroData(name="Thank", actions=[{"kind": "send_canned", "value": "Kiitos"}]),
        actor=Actor(user=alice),
    )
    ticket = open_ticket(aino, team_rome, language="fi")

    macro_apply(
        macro=macro, ticket=ticket, expected_version=ticket.version, actor=Actor(user=alice)
    )

    (outbound,) = ticket_outbound(ticket)
    assert outbound is False


def ticket_outbound(ticket: Ticket) -> list[bool]:
    return list(OutboundMail.objects.filter(ticket=ticket).values_list("is_automatic", flat=True))


def test_a_time_based_automation_tells_and_calls(
    aino: Customer,
    team_rome: Team,
    alice: User,
    receiver: Receiver,  # noqa: F811 - the fixture
) -> None:
    subscribe(receiver.url, ["customer.merged"])
    automation_save(
        automation=None,
        data=RuleData(
            name="Stale",
            status="new",
            hours=1,
            actions=[
                {"kind": "notify", "value": "alice"},
                {"kind": "call_webhook", "value": receiver.url},
            ],
        ),
        actor=Actor.system(),
    )
    ticket = open_ticket(aino, team_rome)

    assert automations_scan(now=timezone.now() + timedelta(hours=2)) == 1

    assert told(ticket) == [("alice", "rule", {"rule": "Stale"}, "pending")]
    body = json.loads(Delivery.objects.get().body)
    assert body["data"]["rule"]["kind"] == "automation"


def rule_form(**overrides: str) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Tell and call",
        "is_active": "on",
        "position": "0",
        "when": ["created"],
        "match": "all",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "path",
    [
        "/settings/automations/triggers/new/",
        "/settings/automations/timed/new/",
        "/settings/automations/macros/new/",
    ],
)
def test_the_rule_pages_offer_the_new_actions_and_their_values(
    admin_client: Client,
    alice: User,
    team_rome: Team,
    receiver: Receiver,  # noqa: F811 - the fixture
    path: str,
) -> None:
    subscribe(receiver.url, ["customer.merged"])

    page = admin_client.get(path).content.decode()

    assert '<option value="notify">' in page
    assert '<option value="call_webhook">' in page
    assert 'list="action-values"' in page
    assert '<option value="alice">' in page
    assert '<option value="Roma">' in page
    assert f'<option value="{receiver.url}">' in page


def test_a_trigger_saved_from_the_page_stores_the_new_actions(
    admin_client: Client,
    alice: User,
    team_rome: Team,
    receiver: Receiver,  # noqa: F811 - the fixture
) -> None:
    subscription = subscribe(receiver.url, ["customer.merged"])
    data = rule_form(
        action_0_kind="notify",
        action_0_value="alice | Look at this",
        action_1_kind="call_webhook",
        action_1_value=receiver.url,
    )

    response = admin_client.post("/settings/automations/triggers/new/", data)

    assert response.status_code == 302
    assert Trigger.objects.get().actions == [
        {"kind": "notify", "value": {"user": str(alice.uid), "message": "Look at this"}},
        {"kind": "call_webhook", "value": str(subscription.uid)},
    ]
    uid = Trigger.objects.get().uid
    page = admin_client.get(f"/settings/automations/triggers/{uid}/").content.decode()
    assert 'value="alice | Look at this"' in page
    assert f'value="{receiver.url}"' in page


def test_the_pages_dry_run_writes_no_notification_and_no_delivery(
    admin_client: Client,
    aino: Customer,
    team_rome: Team,
    alice: User,
    receiver: Receiver,  # noqa: F811 - the fixture
    english: None,
) -> None:
    subscribe(receiver.url, ["customer.merged"])
    open_ticket(aino, team_rome)
    data = rule_form(
        action_0_kind="notify",
        action_0_value="Roma",
        action_1_kind="call_webhook",
        action_1_value=receiver.url,
        **{"try": "1"},
    )

    page = admin_client.post("/settings/automations/triggers/new/", data).content.decode()

    assert "Notify the members of the team Roma." in page
    assert f"Send the ticket to the webhook {receiver.url}." in page
    assert not Trigger.objects.exists()
    assert not Notification.objects.exists()
    assert not Delivery.objects.exists()


def test_nobody_is_told_who_may_not_see_the_ticket_or_left_since(
    aino: Customer, team_rome: Team, alice: User, charlie: User, committed: Committed
) -> None:
    trigger("Riyadh", ("notify", "charlie"))  # another team's agent: cannot see Roma's tickets
    trigger("Alice", ("notify", "alice"))
    User.objects.filter(pk=alice.pk).update(is_active=False)  # left after the rule was saved
    with committed():
        ticket = open_ticket(aino, team_rome)

    assert told(ticket) == []
    # telling records no ticket event
    assert not ticket.events.filter(data__has_key="rule").exists()
