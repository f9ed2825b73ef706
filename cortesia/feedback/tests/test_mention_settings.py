"""The mention source settings pages: list, new source (secret shown once), renew,
switch off, CSV upload; permissions, audit rows, no double rows, Arabic."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.feedback.mention_signing import IssuedSecret, source_create
from cortesia.feedback.mentions import MentionData, mention_ingest
from cortesia.feedback.models import Mention, MentionSource
from cortesia.mail.credentials import unseal
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
CSV = (
    "external_id,text,published_at,author_handle,rating\n"
    "a1,Servizio pessimo e nessuno risponde.,2026-12-05T10:30:00+01:00,@giulia_r,1\n"
    "a2,The parcel came today and the courier was kind.,2026-12-05T11:00:00Z,@tom,5\n"
    "a3,No date in this row.,,@x,\n"
)


@pytest.fixture
def issued() -> IssuedSecret:
    return source_create(name="X", kind="x", actor=Actor.system())


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _audits(change: str = "") -> list[AuditEvent]:
    events = AuditEvent.objects.filter(object_type="mention_source").order_by("id")
    return list(events.filter(data__change=change) if change else events)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        pytest.param("anonymous", 302, id="anonymous"),
        pytest.param("agent", 403, id="agent"),
        pytest.param("manager", 403, id="manager"),
        pytest.param("marketer", 403, id="marketer"),
        pytest.param("admin", 200, id="admin"),
    ],
)
@pytest.mark.parametrize("page", ["list", "create", "detail"])
def test_who_may_open_the_pages(
    who: str, expected: int, page: str, alice: User, admin_user: User, issued: IssuedSecret
) -> None:
    users = {
        "agent": alice,
        "manager": make_user("mara", Role.MANAGER),
        "marketer": make_user("mia", Role.MARKETER),
        "admin": admin_user,
    }
    client = _client(users[who]) if who in users else Client()
    url = {
        "list": reverse("mention-settings:source-list"),
        "create": reverse("mention-settings:source-create"),
        "detail": reverse("mention-settings:source-detail", kwargs={"uid": issued.source.uid}),
    }[page]
    response = client.get(url)
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith("/login/?next=")


@pytest.mark.parametrize("action", ["renew", "active", "import"])
def test_a_manager_changes_nothing(action: str, issued: IssuedSecret) -> None:
    sealed = issued.source.secret_sealed
    url = reverse(f"mention-settings:source-{action}", kwargs={"uid": issued.source.uid})
    response = _client(make_user("mara", Role.MANAGER)).post(
        url, {"file": SimpleUploadedFile("m.csv", CSV.encode())}
    )
    assert response.status_code == 403
    issued.source.refresh_from_db()
    assert (issued.source.secret_sealed, issued.source.is_active) == (sealed, True)
    assert (Mention.objects.count(), len(_audits())) == (0, 1)  # the fixture's "created"


def test_an_unknown_source_is_404(admin_user: User) -> None:
    url = reverse("mention-settings:source-detail", kwargs={"uid": "not-a-uid"})
    assert _client(admin_user).get(url).status_code == 404


def test_the_list_shows_counts_in_fixed_queries(
    admin_user: User, issued: IssuedSecret, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    source_create(name="Trustpilot", kind="trustpilot", actor=Actor.system())
    for number in ("1", "2"):
        mention_ingest(
            source=issued.source,
            data=MentionData(
                external_id=number,
                text="Fine.",
                published_at=datetime(2026, 12, 5, 9, tzinfo=UTC),
            ),
            via="demo",
        )
    client = _client(admin_user)
    client.get(reverse("mention-settings:source-list"))  # warm the session
    # session, user, 2FA policy, sources with their counts
    with django_assert_num_queries(4):
        page = client.get(reverse("mention-settings:source-list")).content.decode()
    rows = page.split('data-testid="mention-source-row"')[1:]
    assert [("<bdi>X</bdi>" in row, '<td class="num">2</td>' in row) for row in rows] == [
        (False, False),
        (True, True),
    ]
    assert '<td class="num">0</td>' in rows[0]


def test_creating_shows_the_secret_once_and_audits_without_it(admin_user: User) -> None:
    client = _client(admin_user)
    response = client.post(
        reverse("mention-settings:source-create"), {"name": " Google  Milan ", "kind": "google"}
    )
    source = MentionSource.objects.get()
    detail = reverse("mention-settings:source-detail", kwargs={"uid": source.uid})
    assert (response.status_code, response["Location"]) == (302, detail)
    assert (source.name, source.kind, source.is_active) == ("Google Milan", "google", True)
    secret = unseal(source.secret_sealed)
    assert len(secret) == 43
    first = client.get(detail).content.decode()
    assert f'<code dir="ltr">{secret}</code>' in first
    assert "X-Cortesia-Signature" in first
    assert f"-H 'X-Cortesia-Source: {source.uid}'" in first
    assert secret not in client.get(detail).content.decode()
    [audit] = _audits()
    assert (audit.actor_id, audit.object_uid, audit.object_label) == (
        admin_user.pk,
        str(source.uid),
        "Google Milan",
    )
    assert audit.data == {"change": "created", "kind": "google", "secret": "issued"}


def test_a_double_submit_makes_one_source(admin_user: User) -> None:
    client = _client(admin_user)
    data = {"name": "Google Milan", "kind": "google"}
    client.post(reverse("mention-settings:source-create"), data)
    again = client.post(reverse("mention-settings:source-create"), data)
    assert again.status_code == 409
    assert "A mention source with this name already exists." in again.content.decode()
    assert (MentionSource.objects.count(), len(_audits())) == (1, 1)


def test_a_bad_form_names_the_fields_and_writes_nothing(admin_user: User) -> None:
    response = _client(admin_user).post(
        reverse("mention-settings:source-create"), {"name": "", "kind": "fax"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count('role="alert"') == 2
    assert (MentionSource.objects.count(), len(_audits())) == (0, 0)


def test_renewing_replaces_the_secret_and_shows_it_once(
    admin_user: User, issued: IssuedSecret
) -> None:
    client = _client(admin_user)
    url = reverse("mention-settings:source-renew", kwargs={"uid": issued.source.uid})
    response = client.post(url)
    issued.source.refresh_from_db()
    renewed = unseal(issued.source.secret_sealed)
    assert response.status_code == 302
    assert renewed != issued.secret
    assert renewed in client.get(response["Location"]).content.decode()
    assert [audit.data for audit in _audits("secret_renewed")] == [
        {"change": "secret_renewed", "secret": "issued"}
    ]
    assert not any(renewed in str(audit.data) for audit in AuditEvent.objects.all())


def test_switching_off_and_on_is_audited_once_each(admin_user: User, issued: IssuedSecret) -> None:
    client = _client(admin_user)
    url = reverse("mention-settings:source-active", kwargs={"uid": issued.source.uid})
    client.post(url)
    client.post(url)  # sent twice: already off
    issued.source.refresh_from_db()
    assert issued.source.is_active is False
    client.post(url, {"is_active": "on"})
    issued.source.refresh_from_db()
    assert issued.source.is_active is True
    assert [audit.data["change"] for audit in _audits()] == [
        "created",
        "switched_off",
        "switched_on",
    ]


def test_uploading_a_csv_reports_each_row_and_is_idempotent(
    admin_user: User, issued: IssuedSecret
) -> None:
    client = _client(admin_user)
    url = reverse("mention-settings:source-import", kwargs={"uid": issued.source.uid})
    first = client.post(url, {"file": SimpleUploadedFile("m.csv", CSV.encode("utf-8-sig"))})
    page = first.content.decode()
    assert first.status_code == 200
    assert "Mentions added: 2. Already there: 0. Rows refused: 1." in page
    assert '<td class="num">4</td><td><code dir="ltr">published_at</code></td>' in page
    assert sorted(Mention.objects.values_list("external_id", "via", "frustration_level")) == [
        ("a1", "import", "high"),
        ("a2", "import", "none"),
    ]
    again = client.post(url, {"file": SimpleUploadedFile("m.csv", CSV.encode())})
    assert "Mentions added: 0. Already there: 2. Rows refused: 1." in again.content.decode()
    assert Mention.objects.count() == 2
    assert [audit.data for audit in _audits("imported")] == [
        {"change": "imported", "created": 2, "existing": 0, "errors": 1},
        {"change": "imported", "created": 0, "existing": 2, "errors": 1},
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            b"external_id,text,published_at,stars\n1,x,2026-12-05T10:30:00Z,5\n",
            "Unknown columns: stars.",
            id="unknown-column",
        ),
        pytest.param(b"external_id,text\n1,x\n", "Missing columns: published_at.", id="missing"),
        pytest.param(
            "external_id,text,published_at\n1,caf\xe9,2026-12-05T10:30:00Z\n".encode("latin-1"),
            "The file is not UTF-8 text.",
            id="not-utf-8",
        ),
    ],
)
def test_a_file_that_cannot_be_imported_imports_nothing(
    admin_user: User, issued: IssuedSecret, content: bytes, message: str
) -> None:
    url = reverse("mention-settings:source-import", kwargs={"uid": issued.source.uid})
    response = _client(admin_user).post(url, {"file": SimpleUploadedFile("m.csv", content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (Mention.objects.count(), len(_audits("imported"))) == (0, 0)


def test_the_list_in_arabic_is_right_to_left_with_local_numbers_and_dates(
    admin_user: User, issued: IssuedSecret
) -> None:
    MentionSource.objects.filter(pk=issued.source.pk).update(
        created_at=datetime(2026, 12, 5, 8, 30, tzinfo=UTC)
    )
    User.objects.filter(pk=admin_user.pk).update(language="ar", time_zone="Asia/Riyadh")
    page = _client(admin_user).get(reverse("mention-settings:source-list")).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "<td>05\u200f/12\u200f/2026\u060c 11:30 \u0635</td>" in page
    assert '<td class="num">0</td>' in page
