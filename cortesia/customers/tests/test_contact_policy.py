"""Changing the business's contact window: who may, what is checked, what is recorded."""

from __future__ import annotations

from datetime import time

import pytest

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, Forbidden
from cortesia.customers.contact_policy import contact_policy_set
from cortesia.customers.contact_window import contact_policy
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _set(actor: Actor, **changes: object) -> None:
    values: dict[str, object] = {
        "window_start": time(8, 0),
        "window_end": time(20, 0),
        "default_time_zone": "Europe/Helsinki",
        "default_country": "fi",
    }
    values.update(changes)
    contact_policy_set(actor=actor, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MANAGER])
def test_administrators_and_managers_change_it(role: Role) -> None:
    user = make_user("boss", role)

    _set(Actor(user))

    policy = contact_policy()
    assert (
        policy.window_start,
        policy.window_end,
        policy.default_time_zone,
        policy.default_country,
    ) == (time(8, 0), time(20, 0), "Europe/Helsinki", "FI")
    event = AuditEvent.objects.get(object_type="contact_policy")
    assert (event.actor, event.action, event.object_label) == (
        user,
        AuditEvent.Action.SETTING_CHANGE,
        "08:00–20:00",
    )
    assert event.data["after"] == {
        "window_start": "08:00:00",
        "window_end": "20:00:00",
        "default_time_zone": "Europe/Helsinki",
        "default_country": "FI",
    }


@pytest.mark.parametrize("role", [Role.AGENT, Role.MARKETER])
def test_others_may_not(role: Role) -> None:
    with pytest.raises(Forbidden):
        _set(Actor(make_user("someone", role)))

    assert contact_policy().window_start == time(9, 0)
    assert not AuditEvent.objects.filter(object_type="contact_policy").exists()


def test_a_deactivated_manager_may_not() -> None:
    user = make_user("gone", Role.MANAGER)
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.refresh_from_db()

    with pytest.raises(Forbidden):
        _set(Actor(user))


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        pytest.param(
            {"window_start": time(19, 0), "window_end": time(9, 0)},
            {
                "window_end": "The window ends after it starts, on the same day (for example "
                "09:00 to 19:00)."
            },
            id="ends-before-it-starts",
        ),
        pytest.param(
            {"window_start": time(9, 0), "window_end": time(9, 0)},
            {
                "window_end": "The window ends after it starts, on the same day (for example "
                "09:00 to 19:00)."
            },
            id="empty",
        ),
        pytest.param(
            {"default_time_zone": "Europe/Atlantis"},
            {"default_time_zone": "Europe/Atlantis is not a known time zone."},
            id="zone",
        ),
        pytest.param(
            {"default_country": "XX"},
            {"default_country": "XX is not an ISO 3166 country code."},
            id="country",
        ),
    ],
)
def test_bad_values_are_refused(changes: dict[str, object], errors: dict[str, str]) -> None:
    with pytest.raises(FieldErrors) as refused:
        _set(Actor.system(), **changes)

    assert refused.value.errors == errors
    assert contact_policy().window_end == time(19, 0)
    assert not AuditEvent.objects.filter(object_type="contact_policy").exists()


def test_empty_zone_and_country_mean_the_server_defaults() -> None:
    _set(Actor.system(), default_time_zone=" ", default_country="")

    policy = contact_policy()
    assert (policy.default_time_zone, policy.default_country) == ("", "")


def test_saving_the_same_values_records_nothing() -> None:
    _set(Actor.system())
    _set(Actor.system(), window_start=time(8, 0, 30))  # seconds are not kept

    assert AuditEvent.objects.filter(object_type="contact_policy").count() == 1
