"""The calendar services check the actor's role themselves."""

from __future__ import annotations

import pytest

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.calendars.models import Calendar
from cortesia.calendars.services import calendar_create, calendar_update
from cortesia.calendars.validation import CalendarErrors
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
BAD_HOURS = "Give a start and an end as HH:MM, the start before the end (24:00 ends a day)."
OVERLAP = "These hours overlap other hours of the same day."


def test_an_agent_may_neither_create_nor_change_a_calendar(alice: User) -> None:
    # Given a calendar and the audit log as they are
    rome = calendar_create(name="Rome", time_zone="Europe/Rome", actor=Actor.system())
    audit_rows = AuditEvent.objects.count()
    # When alice, an agent, calls the services directly
    with pytest.raises(Forbidden) as created:
        calendar_create(name="Mine", time_zone="UTC", actor=Actor(user=alice))
    with pytest.raises(Forbidden) as changed:
        calendar_update(calendar=rome, name="Mine", actor=Actor(user=alice))
    # Then both are refused and nothing is written
    message = "Only administrators and managers change business calendars."
    assert (created.value.message, changed.value.message) == (message, message)
    assert list(Calendar.objects.values_list("name", flat=True)) == ["Rome"]
    assert AuditEvent.objects.count() == audit_rows


def test_a_manager_changes_a_calendar(db: None) -> None:
    manager = make_user("mario", Role.MANAGER)
    rome = calendar_create(name="Rome", time_zone="Europe/Rome", actor=Actor(user=manager))
    calendar_update(calendar=rome, name="Roma", actor=Actor(user=manager))
    assert Calendar.objects.get().name == "Roma"
    assert AuditEvent.objects.filter(actor=manager).count() == 2


def test_each_wrong_place_of_a_calendar_is_named(db: None) -> None:
    # Given a calendar wrong in its zone, region, one Monday row, two Friday rows and a date
    with pytest.raises(CalendarErrors) as refused:
        calendar_create(
            name="Broken",
            time_zone="Europe/Atlantis",
            country="FI",
            subdivision="99",
            weekly={
                "mon": [["08:00", "12:00"], ["13:00", "12:30"]],
                "fri": [["08:00", "12:00"], ["11:30", "16:00"]],
            },
            overrides=[{"date": "2027-02-30", "intervals": []}],
            actor=Actor.system(),
        )
    # Then every place is named, and nothing is stored
    assert refused.value.errors == {
        "time_zone": "Europe/Atlantis is not an IANA time zone name.",
        "subdivision": "The holiday data has no subdivision 99; it knows: 01, 02, 03, 04, 05, "
        "06, 07, 08, 09, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19.",
        "weekly.mon.1": BAD_HOURS,
        "weekly.fri.0": OVERLAP,
        "weekly.fri.1": OVERLAP,
        "overrides.0": "Give the date as YYYY-MM-DD.",
    }
    assert Calendar.objects.count() == 0


def test_a_date_given_twice_is_named_at_its_second_place(db: None) -> None:
    rome = calendar_create(name="Rome", time_zone="Europe/Rome", actor=Actor.system())
    twice: list[dict[str, object]] = [
        {"date": "2027-01-07", "intervals": []},
        {"date": "2027-01-07", "intervals": []},
    ]
    with pytest.raises(CalendarErrors) as refused:
        calendar_update(calendar=rome, overrides=twice, actor=Actor.system())
    assert refused.value.errors == {"overrides.1": "This date already has an override."}
    rome.refresh_from_db()
    assert rome.overrides == []
