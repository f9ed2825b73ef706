from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.customers.importing import import_start
from cortesia.customers.models import (
    Customer,
    CustomerEvent,
    CustomerImport,
    CustomerOrderStats,
    CustomerTag,
    Order,
    OrderLine,
)
from cortesia.testing.fixtures import bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Run = Callable[..., CustomerImport]


@pytest.fixture
def run(
    settings: Any, tmp_path: Path, admin_user: User, django_capture_on_commit_callbacks: Any
) -> Run:
    """Upload ``text`` as a CSV and run the import task (the immediate backend in tests)."""
    settings.DATA_DIR = tmp_path

    def start(text: str | bytes, kind: str = "customers", **options: Any) -> CustomerImport:
        content = text.encode() if isinstance(text, str) else text
        with django_capture_on_commit_callbacks(execute=True):
            record = import_start(
                upload=SimpleUploadedFile("people.csv", content, content_type="text/csv"),
                kind=kind,
                source=options.get("source", "shop"),
                is_dry_run=options.get("dry_run", False),
                actor=Actor(user=admin_user),
            )
        record.refresh_from_db()
        return record

    return start


def _counts(record: CustomerImport) -> tuple[Any, ...]:
    return (
        record.status,
        record.total_rows,
        record.processed_rows,
        record.created_count,
        record.updated_count,
        record.unchanged_count,
        record.error_count,
    )


def _people(count: int, bad: dict[int, str]) -> str:
    lines = ["external_id,given_name,surname,email,phone,country,tags,custom.tier"]
    for n in range(1, count + 1):
        email = bad.get(n, f"person{n}@example.com")
        lines.append(f"S{n},Anna{n},Rossì,{email},,IT,vip;news,")
    return "\n".join(lines) + "\n"


def _bad_rows_are_listed_and_the_rest_imported(run: Run, rows: int) -> None:
    # given: bad addresses on an early row, the middle one and the last one
    middle = rows // 2
    bad = {17: "not-an-address", middle: "also@bad", rows - 1: "x@"}
    # when
    record = run(_people(rows, bad))
    # then
    good = rows - 3
    assert _counts(record) == ("done", rows, rows, good, 0, 0, 3)
    assert record.errors == [
        {"line": 18, "field": "emails", "message": "not-an-address is not an e-mail address."},
        {"line": middle + 1, "field": "emails", "message": "also@bad is not an e-mail address."},
        {"line": rows, "field": "emails", "message": "x@ is not an e-mail address."},
    ]
    assert Customer.objects.count() == good
    anna = Customer.objects.get(external_ids__shop="S1")
    assert (anna.given_name, anna.language, anna.tags) == ("Anna1", "it", ["vip", "news"])
    assert CustomerTag.objects.count() == 2 * good
    assert CustomerEvent.objects.filter(kind="created").count() == good
    assert record.failure == ""
    assert record.finished_at is not None


def test_bad_rows_are_listed_and_the_rest_imported(run: Run) -> None:
    _bad_rows_are_listed_and_the_rest_imported(run, 200)


@pytest.mark.slow
def test_bad_rows_are_listed_and_the_rest_imported_at_10000_rows(run: Run) -> None:
    _bad_rows_are_listed_and_the_rest_imported(run, 10_000)


def test_running_the_same_file_again_changes_nothing(run: Run) -> None:
    text = _people(30, {3: "bad"})
    run(text)
    versions = dict(Customer.objects.values_list("pk", "version"))
    again = run(text)
    assert _counts(again) == ("done", 30, 30, 0, 0, 29, 1)
    assert dict(Customer.objects.values_list("pk", "version")) == versions
    assert CustomerEvent.objects.count() == 29


def test_rows_update_by_external_id_then_by_email(run: Run) -> None:
    run("external_id,given_name,email\nS1,Anna,anna@example.com\n,Bea,bea@example.com\n")
    record = run(
        "external_id,surname,email,tags\n"
        "S1,Rossi,,vip\n"  # found by external id
        "S2,Bianchi,BEA@example.com,\n"  # found by e-mail; gains the external id
    )
    assert _counts(record) == ("done", 2, 2, 0, 2, 0, 0)
    anna = Customer.objects.get(given_name="Anna")
    bea = Customer.objects.get(given_name="Bea")
    assert (anna.surname, anna.tags, anna.version) == ("Rossi", ["vip"], 2)
    assert (bea.surname, bea.external_ids) == ("Bianchi", {"shop": "S2"})


def test_a_dry_run_reports_and_writes_nothing(run: Run) -> None:
    record = run(_people(600, {2: "bad", 599: "bad"}), dry_run=True)
    assert _counts(record) == ("done", 600, 600, 598, 0, 0, 2)
    assert [error["line"] for error in record.errors] == [3, 600]
    assert not Customer.objects.exists()
    assert not CustomerEvent.objects.exists()


def test_semicolons_quotes_and_multi_line_cells_keep_line_numbers(run: Run) -> None:
    text = (
        "\ufeffGiven_Name;Surname;Email;Country;Tags\n"
        '"Ivan";"Петров";ivan@example.com;BG;\n'
        '"Two";"X";two@example.com;BG;"two\nlines"\n'
        "Bad;Country;bad@example.com;XX;\n"
    )
    record = run(text)
    assert _counts(record) == ("done", 3, 3, 2, 0, 0, 1)
    assert record.errors == [
        {"line": 5, "field": "country", "message": "XX is not an ISO 3166 country code."}
    ]
    assert Customer.objects.get(surname="Петров").language == "bg"
    assert Customer.objects.get(surname="X").tags == ["two lines"]


@pytest.mark.parametrize(
    ("content", "failure"),
    [
        ("given_name,shoe\nA,42\n", "Unknown columns: shoe."),
        (
            "given_name\nJos\xe9\n".encode("latin-1"),
            "The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.",
        ),
    ],
)
def test_unusable_files_fail_with_a_reason(run: Run, content: str | bytes, failure: str) -> None:
    record = run(content)
    assert (record.status, record.failure, record.processed_rows) == ("failed", failure, 0)
    assert not Customer.objects.exists()


ORDERS = (
    "order_number,customer_external_id,customer_email,placed_at,currency,total,status,"
    "sku,item,category,quantity,unit_price\n"
    "A-1,S1,,2026-03-01T10:00:00+01:00,EUR,25.50,paid,SK1,Mug,Home,2,10.00\n"
    "A-1,,,,,,,SK2,Spoon,Home,1,5.50\n"
    "A-2,,bea@example.com,2026-03-02T09:00:00Z,SAR,100,,,,,,\n"
    "A-3,NOPE,,2026-03-02T09:00:00Z,EUR,1,,,,,,\n"
    "A-4,S1,,2026-03-02 09:00,EUR,1,,,,,,\n"
    "A-5,S1,,2026-03-02T09:00:00Z,EUR,9,,,Cup,,1,9\n"
    "A-5,,,,,,,,Saucer,,0,1\n"
)


def test_orders_group_lines_and_report_the_bad_line(run: Run) -> None:
    run("external_id,given_name,email\nS1,Anna,anna@example.com\n,Bea,bea@example.com\n")
    record = run(ORDERS, kind="orders")
    assert _counts(record) == ("done", 7, 7, 2, 0, 0, 3)
    assert record.errors == [
        {
            "line": 5,
            "field": "customer",
            "message": "No customer has this external id or e-mail address.",
        },
        {
            "line": 6,
            "field": "placed_at",
            "message": "Give a date and time with its UTC offset, e.g. 2026-03-01T10:00+01:00.",
        },
        {"line": 8, "field": "quantity", "message": "The quantity must be at least 1."},
    ]
    first = Order.objects.get(number="A-1")
    assert (first.source, first.customer.given_name, str(first.total), first.status) == (
        "shop",
        "Anna",
        "25.5000",
        "paid",
    )
    assert list(OrderLine.objects.filter(order=first).values_list("name", "quantity")) == [
        ("Mug", 2),
        ("Spoon", 1),
    ]
    assert Order.objects.get(number="A-2").customer.given_name == "Bea"
    totals = dict(
        CustomerOrderStats.objects.filter(currency="").values_list(
            "customer__given_name", "count_all"
        )
    )
    assert totals == {"Anna": 1, "Bea": 1}  # refreshed once per batch by the import
    assert CustomerOrderStats.objects.get(currency="SAR").amount_all == Decimal("100")
    again = run(ORDERS.replace(",paid,", ",shipped,"), kind="orders")
    assert _counts(again) == ("done", 7, 7, 0, 1, 1, 3)
    assert Order.objects.get(number="A-1").status == "shipped"
    assert Order.objects.count() == 2


def test_api_upload_permissions_and_progress(
    settings: Any,
    tmp_path: Path,
    admin_write_token: str,
    alice_write_token: str,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.DATA_DIR = tmp_path
    upload = SimpleUploadedFile("c.csv", b"given_name,country\nAino,FI\n")
    refused = Client().post(
        "/api/v1/imports",
        {"file": upload, "kind": "customers"},
        headers=bearer(alice_write_token),
    )
    assert refused.status_code == 403
    upload.seek(0)
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            "/api/v1/imports",
            {"file": upload, "kind": "customers", "dry_run": "false"},
            headers=bearer(admin_write_token),
        )
    assert response.status_code == 202
    body = response.json()
    assert (body["status"], body["file_name"], body["source"]) == ("queued", "c.csv", "import")
    done = Client().get(f"/api/v1/imports/{body['uid']}", headers=bearer(admin_write_token))
    assert (done.json()["status"], done.json()["created_count"]) == ("done", 1)
    hidden = Client().get(f"/api/v1/imports/{body['uid']}", headers=bearer(alice_write_token))
    assert hidden.status_code == 404
    bad_kind = Client().post(
        "/api/v1/imports",
        {"file": SimpleUploadedFile("x.csv", b"a\n"), "kind": "tickets"},
        headers=bearer(admin_write_token),
    )
    assert bad_kind.json()["error"]["details"] == {
        "kind": "tickets is not one of: customers, orders."
    }
    assert CustomerImport.objects.count() == 1


def test_markup_and_direction_marks_in_names_are_listed_not_imported(run: Run) -> None:
    record = run(
        "given_name,surname,email\n"
        "<b>Anna</b>,Rossi,anna@example.com\n"
        "Bea,\u202eBianchi,bea@example.com\n"
        "Carla,Verdi,carla@example.com\n"
    )
    refused = (
        "A name may not contain < or >, line breaks, tabs or other control characters, "
        "or invisible direction marks."
    )
    assert _counts(record) == ("done", 3, 3, 1, 0, 0, 2)
    assert record.errors == [
        {"line": 2, "field": "given_name", "message": refused},
        {"line": 3, "field": "surname", "message": refused},
    ]
    assert list(Customer.objects.values_list("given_name", flat=True)) == ["Carla"]
