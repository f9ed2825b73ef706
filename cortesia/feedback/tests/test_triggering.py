"""Scheduling invitations: a solved ticket, a delivered order or a relationship run gives
each customer one invitation for the first instant of their contact window at or after
the trigger plus the delay — or a suppressed one saying why not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.customers.consents import consent_record
from cortesia.customers.merge import customer_merge
from cortesia.customers.models import ConsentRecord, Customer, Order
from cortesia.customers.orders import OrderData, order_record, order_set_status
from cortesia.customers.segments import segment_create
from cortesia.feedback.models import (
    FeedbackSettings,
    InvitationState,
    SurveyInvitation,
    SurveyTrigger,
)
from cortesia.feedback.tests.sending_fixtures import (
    csat_survey,
    giulia,
    layla,
    open_ticket,
    own_data_dir,
    person,
    set_status,
    support,
    tickets_numbered_from_1001,
)
from cortesia.feedback.triggering import (
    relationship_run,
    relationship_runs_due,
    ticket_solved_heard,
)

__all__ = ["giulia", "layla", "own_data_dir", "support", "tickets_numbered_from_1001"]

pytestmark = pytest.mark.django_db


def _at(zone: str, *parts: int) -> datetime:
    year, month, day, hour, minute = parts
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def _solve_at(moment: datetime, customer: Customer, team: Team | None, **kw: object) -> None:
    with time_machine.travel(moment, tick=False):
        ticket = open_ticket(customer, team, **kw)  # type: ignore[arg-type]
        set_status(ticket, "solved")


def _only() -> SurveyInvitation:
    (invitation,) = SurveyInvitation.objects.all()
    return invitation


@pytest.mark.parametrize(
    ("customer_fixture", "solved", "expected"),
    [
        pytest.param(
            "giulia",
            _at("Europe/Rome", 2026, 12, 8, 10, 0),  # + 2 h falls on the Immacolata
            datetime(2026, 12, 9, 8, 0, tzinfo=UTC),
            id="rome-solved-on-8-december-goes-out-on-the-9th-at-nine",
        ),
        pytest.param(
            "giulia",
            _at("Europe/Rome", 2026, 12, 9, 11, 0),
            datetime(2026, 12, 9, 12, 0, tzinfo=UTC),  # 13:00 in Rome, two hours later
            id="rome-inside-the-window-after-the-delay",
        ),
        pytest.param(
            "layla",
            _at("Asia/Riyadh", 2027, 1, 7, 17, 30),  # Thursday: + 2 h is 19:30, closed
            datetime(2027, 1, 10, 6, 0, tzinfo=UTC),  # Sunday 09:00 in Riyadh
            id="riyadh-thursday-evening-goes-out-sunday-morning",
        ),
    ],
)
def test_a_solved_ticket_is_surveyed_in_the_customers_daytime(
    request: pytest.FixtureRequest,
    team_rome: Team,
    customer_fixture: str,
    solved: datetime,
    expected: datetime,
) -> None:
    customer = request.getfixturevalue(customer_fixture)
    survey = csat_survey()

    _solve_at(solved, customer, team_rome)

    invitation = _only()
    assert (invitation.survey, invitation.customer, invitation.state) == (
        survey,
        customer,
        InvitationState.SCHEDULED,
    )
    assert invitation.trigger_at == solved
    assert invitation.scheduled_for == expected
    assert (invitation.time_zone, invitation.zone_source) == (customer.time_zone, "customer")
    assert (invitation.team, invitation.ticket_channel, invitation.country) == (
        team_rome,
        "email",
        customer.country,
    )
    assert (invitation.sent_at, invitation.token_digest, invitation.outbound) == (None, None, None)


def test_other_changes_schedule_nothing_and_read_nothing(
    team_rome: Team, giulia: Customer, django_assert_num_queries: object
) -> None:
    csat_survey()
    ticket = open_ticket(giulia, team_rome)
    set_status(ticket, "pending")
    events = list(ticket.events.all())

    with django_assert_num_queries(0):  # type: ignore[operator]
        assert ticket_solved_heard(events) is None
    assert SurveyInvitation.objects.count() == 0


def test_no_active_survey_schedules_nothing(team_rome: Team, giulia: Customer) -> None:
    csat_survey(is_active=False)
    _solve_at(_at("Europe/Rome", 2026, 12, 9, 11, 0), giulia, team_rome)
    assert SurveyInvitation.objects.count() == 0


@pytest.mark.parametrize(
    ("conditions", "surveyed"),
    [
        pytest.param({"languages": ("it",)}, True, id="language-matches"),
        pytest.param({"languages": ("fi", "ar")}, False, id="language-does-not"),
        pytest.param({"countries": ("IT",)}, True, id="country-matches"),
        pytest.param({"countries": ("SA",)}, False, id="country-does-not"),
        pytest.param({"channels": ("email",)}, True, id="channel-matches"),
        pytest.param({"channels": ("phone",)}, False, id="channel-does-not"),
        pytest.param({"tags": ("vip",)}, True, id="tag-matches"),
        pytest.param({"tags": ("billing",)}, False, id="tag-does-not"),
    ],
)
def test_a_surveys_conditions_must_all_hold(
    team_rome: Team, giulia: Customer, conditions: dict[str, object], surveyed: bool
) -> None:
    csat_survey(**conditions)
    _solve_at(_at("Europe/Rome", 2026, 12, 9, 11, 0), giulia, team_rome, tags=["vip"])
    assert SurveyInvitation.objects.count() == int(surveyed)


def test_the_team_condition(team_rome: Team, team_riyadh: Team, giulia: Customer) -> None:
    csat_survey(team_uids=(str(team_riyadh.uid),))
    _solve_at(_at("Europe/Rome", 2026, 12, 9, 11, 0), giulia, team_rome)
    assert SurveyInvitation.objects.count() == 0
    _solve_at(_at("Europe/Rome", 2026, 12, 9, 11, 0), giulia, team_riyadh)
    assert SurveyInvitation.objects.count() == 1


def test_the_segment_condition(team_rome: Team, giulia: Customer, layla: Customer) -> None:
    from cortesia.customers.segments import SegmentData

    segment = segment_create(
        data=SegmentData(
            name="Saudi customers",
            rules={"op": "and", "rules": [{"field": "country", "operator": "in", "value": ["SA"]}]},
        ),
        actor=Actor.system(),
    )
    csat_survey(segment_uid=str(segment.uid))
    _solve_at(_at("Europe/Rome", 2026, 12, 9, 11, 0), giulia, team_rome)
    _solve_at(_at("Europe/Rome", 2026, 12, 9, 11, 0), layla, team_rome)
    assert list(SurveyInvitation.objects.values_list("customer__given_name", flat=True)) == [
        "Layla"
    ]


def test_the_first_matching_survey_is_the_one_sent(team_rome: Team, giulia: Customer) -> None:
    csat_survey(name="Second", position=2)
    first = csat_survey(name="First", position=1, kind="nps")
    _solve_at(_at("Europe/Rome", 2026, 12, 9, 11, 0), giulia, team_rome)
    assert _only().survey == first
    assert _only().kind == "nps"


def test_one_survey_per_customer_every_fourteen_days(team_rome: Team, giulia: Customer) -> None:
    csat_survey()
    _solve_at(_at("Europe/Rome", 2026, 12, 9, 11, 0), giulia, team_rome)
    _solve_at(_at("Europe/Rome", 2026, 12, 22, 11, 0), giulia, team_rome)  # 13 days later
    _solve_at(_at("Europe/Rome", 2026, 12, 24, 11, 0), giulia, team_rome)  # 15 days later
    rows = list(
        SurveyInvitation.objects.order_by("trigger_at").values_list("state", "suppressed_reason")
    )
    assert rows == [
        ("scheduled", ""),
        ("suppressed", "throttled"),
        ("scheduled", ""),
    ]


def test_the_period_is_a_setting(team_rome: Team, giulia: Customer) -> None:
    FeedbackSettings.objects.create(throttle_days=30)
    csat_survey()
    _solve_at(_at("Europe/Rome", 2026, 12, 9, 11, 0), giulia, team_rome)
    _solve_at(_at("Europe/Rome", 2026, 12, 24, 11, 0), giulia, team_rome)
    assert list(
        SurveyInvitation.objects.order_by("trigger_at").values_list("state", flat=True)
    ) == [
        "scheduled",
        "suppressed",
    ]


def _consent(customer: Customer, status: str, channel: str = "email") -> None:
    consent_record(
        customer=customer,
        purpose=ConsentRecord.Purpose.SURVEYS,
        channel=ConsentRecord.Channel(channel),
        status=ConsentRecord.Status(status),
        source=ConsentRecord.Source.FORM,
        text_shown="Surveys",
        actor=Actor.system(),
    )


@pytest.mark.parametrize(
    ("required", "decisions", "reason"),
    [
        pytest.param(False, [], "", id="not-required-no-record"),
        pytest.param(False, [("withdrawn", "email")], "withdrawn", id="said-no-by-email"),
        pytest.param(False, [("withdrawn", "any")], "withdrawn", id="said-no-everywhere"),
        pytest.param(
            False,
            [("withdrawn", "email"), ("granted", "email")],
            "",
            id="said-no-then-yes",
        ),
        pytest.param(True, [], "no_consent", id="required-no-record"),
        pytest.param(True, [("granted", "any")], "", id="required-granted"),
        pytest.param(True, [("granted", "sms")], "no_consent", id="required-granted-elsewhere"),
    ],
)
def test_consent_to_surveys(
    team_rome: Team,
    giulia: Customer,
    required: bool,
    decisions: list[tuple[str, str]],
    reason: str,
) -> None:
    FeedbackSettings.objects.create(consent_required=required)
    for status, channel in decisions:
        _consent(giulia, status, channel)
    csat_survey()
    _solve_at(_at("Europe/Rome", 2026, 12, 9, 11, 0), giulia, team_rome)
    invitation = _only()
    assert invitation.suppressed_reason == reason
    assert invitation.state == ("suppressed" if reason else "scheduled")


def test_spam_and_merged_customers_are_never_surveyed(team_rome: Team, giulia: Customer) -> None:
    csat_survey()
    _solve_at(_at("Europe/Rome", 2026, 12, 9, 11, 0), giulia, team_rome, tags=["Spam"])
    assert (_only().state, _only().suppressed_reason) == ("suppressed", "excluded_tag")

    SurveyInvitation.objects.all().delete()
    twin = person("Giulia", "Rossi", country="IT", language="it", email="g.rossi@example.it")
    ticket = open_ticket(twin, team_rome)
    customer_merge(target=giulia, duplicate=twin, actor=Actor.system())
    twin.refresh_from_db()
    ticket.refresh_from_db()
    ticket.customer = twin  # a ticket still pointing at the merged record
    with time_machine.travel(_at("Europe/Rome", 2026, 12, 10, 11, 0), tick=False):
        from cortesia.feedback.triggering import Occasion, invitation_schedule

        invitation = invitation_schedule(
            Occasion(
                survey=csat_survey(name="Again"),
                customer=twin,
                dedupe_key="manual",
                trigger_at=datetime(2026, 12, 10, 10, 0, tzinfo=UTC),
                ticket=ticket,
            )
        )
    assert (invitation.state, invitation.suppressed_reason) == ("suppressed", "merged_customer")


def test_a_ticket_solved_twice_is_surveyed_once(team_rome: Team, giulia: Customer) -> None:
    csat_survey()
    with time_machine.travel(_at("Europe/Rome", 2026, 12, 9, 11, 0), tick=False):
        ticket = open_ticket(giulia, team_rome)
        set_status(ticket, "solved")
        set_status(ticket, "open")
        set_status(ticket, "solved")
    assert SurveyInvitation.objects.count() == 1


def test_an_order_delivered_is_surveyed(giulia: Customer) -> None:
    csat_survey(name="Delivery", trigger=SurveyTrigger.ORDER_DELIVERED, delay_minutes=0)
    order, _created = order_record(
        customer=giulia,
        data=OrderData(
            number="A-1001",
            placed_at=datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
            currency="EUR",
            total="25.00",
            status="shipped",
        ),
        actor=Actor.system(),
    )
    with time_machine.travel(_at("Europe/Rome", 2026, 12, 12, 11, 0), tick=False):  # Saturday
        order_set_status(order=order, status=Order.Status.DELIVERED, actor=Actor.system())
        order_set_status(order=order, status=Order.Status.SHIPPED, actor=Actor.system())
        order_set_status(order=order, status=Order.Status.DELIVERED, actor=Actor.system())
    invitation = _only()
    assert (invitation.order, invitation.ticket, invitation.team) == (order, None, None)
    assert invitation.scheduled_for == datetime(2026, 12, 14, 8, 0, tzinfo=UTC)  # Monday 09:00


def _nps_every_90_days(**changes: object) -> object:
    from cortesia.customers.segments import SegmentData

    segment = segment_create(
        data=SegmentData(
            name="Everyone with a country",
            rules={
                "op": "and",
                "rules": [{"field": "country", "operator": "in", "value": ["IT", "FI", "SA"]}],
            },
        ),
        actor=Actor.system(),
    )
    return csat_survey(
        name="NPS every quarter",
        kind="nps",
        trigger=SurveyTrigger.RELATIONSHIP,
        segment_uid=str(segment.uid),
        every_days=90,
        delay_minutes=0,
        **changes,
    )


def test_a_relationship_run_schedules_each_customer_in_their_own_daytime(
    team_rome: Team, giulia: Customer, layla: Customer
) -> None:
    aino = person("Aino", "Virtanen", country="FI", language="fi", email="aino@example.fi")
    merged = person("Old", "Record", country="FI", language="fi", email="old@example.fi")
    customer_merge(target=aino, duplicate=merged, actor=Actor.system())
    _consent(layla, "withdrawn")
    survey = _nps_every_90_days()
    run_at = datetime(
        2027, 1, 7, 16, 0, tzinfo=UTC
    )  # Thursday: 17:00 Rome, 18:00 Helsinki, 19:00 Riyadh

    summary = relationship_run(survey, run_at=run_at, now=run_at)  # type: ignore[arg-type]

    assert (summary.scheduled, summary.suppressed) == (2, 1)
    rows = {
        name: (state, reason, when)
        for name, state, reason, when in SurveyInvitation.objects.values_list(
            "customer__given_name", "state", "suppressed_reason", "scheduled_for"
        )
    }
    assert rows == {
        "Giulia": ("scheduled", "", run_at),
        "Aino": ("scheduled", "", run_at),
        "Layla": ("suppressed", "withdrawn", datetime(2027, 1, 10, 6, 0, tzinfo=UTC)),
    }


def test_relationship_runs_are_claimed_once_and_move_on(giulia: Customer) -> None:
    survey = _nps_every_90_days()
    first = datetime(2027, 1, 7, 9, 0, tzinfo=UTC)
    type(survey).objects.filter(pk=survey.pk).update(next_run_at=first)  # type: ignore[attr-defined]

    assert relationship_runs_due(now=first - timedelta(minutes=1)) == 0
    assert relationship_runs_due(now=first) == 1
    assert relationship_runs_due(now=first) == 0
    survey.refresh_from_db()  # type: ignore[attr-defined]
    assert survey.next_run_at == first + timedelta(days=90)  # type: ignore[attr-defined]
    assert SurveyInvitation.objects.count() == 1
    # 91 days later the next run throttles nobody (the last invitation is 91 days old)
    assert relationship_runs_due(now=first + timedelta(days=91)) == 1
    assert list(SurveyInvitation.objects.values_list("state", flat=True)) == [
        "scheduled",
        "scheduled",
    ]


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        pytest.param("Auto-Submitted: auto-replied\r\n", "automatic", id="an-auto-reply"),
        pytest.param("Precedence: bulk\r\n", "automatic", id="bulk-mail"),
        pytest.param("List-Id: <news.example.com>\r\n", "automatic", id="a-mailing-list"),
        pytest.param("", "", id="a-person-control"),
    ],
)
def test_a_ticket_opened_by_a_machine_is_never_surveyed(
    team_rome: Team, support: object, headers: str, reason: str
) -> None:
    from cortesia.mail.inbound import mail_ingest
    from cortesia.mail.models import InboundMail, Mailbox

    assert isinstance(support, Mailbox)
    csat_survey()
    raw = (
        "From: Robot Sender <robot@example.org>\r\nTo: support@example.com\r\n"
        f"Subject: Out of office\r\nMessage-ID: <m1@example.org>\r\n{headers}"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nI am away until Monday.\r\n"
    ).encode()
    mail = mail_ingest(mailbox=support, raw=raw, source=InboundMail.Source.PIPE).mail
    assert mail.ticket is not None
    with time_machine.travel(_at("Europe/Rome", 2026, 12, 9, 11, 0), tick=False):
        set_status(mail.ticket, "solved")
    invitation = _only()
    assert invitation.suppressed_reason == reason
    assert invitation.state == ("suppressed" if reason else "scheduled")


def _placed_people() -> list[Customer]:
    """Customers placed each a different way: their own zone and hours, the country's only
    zone, a phone's zone (the primary phone has none), a phone's region, the default."""
    from cortesia.customers.models import CustomerPhone
    from cortesia.customers.services import CustomerData, customer_create

    def make(given: str, **data: object) -> Customer:
        fields = {"surname": "Esempio", "language": "it", **data}
        return customer_create(
            data=CustomerData(given_name=given, **fields),  # type: ignore[arg-type]
            actor=Actor.system(),
        )

    own = make("Own", country="US", subdivision="NY", time_zone="America/Denver",
               contact_hours="10:00-20:00")  # fmt: skip
    country = make("Country", country="FI", language="fi")
    Customer.objects.filter(pk=country.pk).update(time_zone="")  # placed by the country
    country.refresh_from_db()
    phone_zone = make("Phone", country="US", language="en")
    CustomerPhone.objects.create(customer=phone_zone, e164="+13125550100", region="US",
                                 is_primary=True)  # fmt: skip
    CustomerPhone.objects.create(customer=phone_zone, e164="+13125550101", region="US",
                                 time_zone="America/Chicago")  # fmt: skip
    region = make("Region", language="bg")
    CustomerPhone.objects.create(customer=region, e164="+359888123456", region="BG")
    nothing = make("Nothing", country="US", language="en", contact_hours="08:00-21:00")
    twin = make("Twin", country="US", language="en", contact_hours="08:00-21:00")
    return [own, country, phone_zone, region, nothing, twin]


def _relationship_survey(**changes: object) -> object:
    from cortesia.customers.segments import SegmentData

    segment = segment_create(
        data=SegmentData(
            name="Everyone but North Korea",
            rules={"op": "and", "rules": [
                {"field": "country", "operator": "not_in", "value": ["KP"]}]},
        ),
        actor=Actor.system(),
    )  # fmt: skip
    return csat_survey(name="NPS to all", kind="nps", trigger=SurveyTrigger.RELATIONSHIP,
                       segment_uid=str(segment.uid), every_days=90, delay_minutes=0,
                       **changes)  # fmt: skip


def test_a_run_places_each_customer_as_their_contact_window_does(giulia: Customer) -> None:
    from cortesia.customers.contact_window import contact_window_next

    customers = [giulia, *_placed_people()]
    survey = _relationship_survey()
    run_at = datetime(2027, 1, 8, 20, 30, tzinfo=UTC)  # Friday evening almost everywhere

    summary = relationship_run(survey, run_at=run_at, now=run_at)  # type: ignore[arg-type]

    assert (summary.scheduled, summary.suppressed) == (7, 0)
    rows: dict[int, tuple[object, ...]] = {
        row[0]: row[1:]
        for row in SurveyInvitation.objects.values_list(
            "customer_id", "time_zone", "zone_source", "scheduled_for", "country", "dedupe_key",
            "state", "trigger_at", "kind", "channel", "language", "register", "ticket_channel",
            "ticket_id", "order_id", "team_id", "agent_id", "token_digest", "sent_at",
        )
    }  # fmt: skip
    expected: dict[int, tuple[object, ...]] = {}
    for customer in customers:
        window = contact_window_next(customer=customer, after=run_at)
        expected[customer.pk] = (
            window.time_zone, window.zone_source.value, window.at, customer.country.upper(),
            f"run:{survey.uid}:202701082030:{customer.uid}",  # type: ignore[attr-defined]
            "scheduled", run_at, "nps", "email", "", "", "", None, None, None, None, None, None,
        )  # fmt: skip
    assert rows == expected
    assert {zone_source for _zone, zone_source, *_rest in rows.values()} == {
        "customer", "country", "phone", "default",
    }  # fmt: skip
    uids = set(SurveyInvitation.objects.values_list("uid", flat=True))
    assert len(uids) == 7
    assert all(created is not None for created in SurveyInvitation.objects.values_list(
        "created_at", flat=True))  # fmt: skip


def test_a_run_started_twice_invites_each_customer_once(giulia: Customer, layla: Customer) -> None:
    survey = _relationship_survey()
    run_at = datetime(2027, 1, 7, 9, 0, tzinfo=UTC)
    with time_machine.travel(run_at, tick=False):
        first = relationship_run(survey, run_at=run_at, now=run_at)  # type: ignore[arg-type]
    rows = list(SurveyInvitation.objects.order_by("id").values_list("id", "uid", "dedupe_key"))

    with time_machine.travel(run_at, tick=False):
        again = relationship_run(survey, run_at=run_at, now=run_at)  # type: ignore[arg-type]

    assert (first.scheduled, first.suppressed) == (2, 0)
    assert (again.scheduled, again.suppressed) == (0, 2)  # both throttled by the first
    assert (
        list(SurveyInvitation.objects.order_by("id").values_list("id", "uid", "dedupe_key")) == rows
    )


def test_a_run_asks_only_the_customers_in_the_surveys_languages(
    giulia: Customer, layla: Customer
) -> None:
    aino = person("Aino", "Virtanen", country="FI", language="fi-FI", email="aino@example.fi")
    survey = _relationship_survey(languages=("fi", "ar"))
    run_at = datetime(2027, 1, 7, 9, 0, tzinfo=UTC)

    summary = relationship_run(survey, run_at=run_at, now=run_at)  # type: ignore[arg-type]

    assert (summary.scheduled, summary.suppressed) == (2, 0)
    assert set(SurveyInvitation.objects.values_list("customer_id", flat=True)) == {
        aino.pk, layla.pk,
    }  # fmt: skip
