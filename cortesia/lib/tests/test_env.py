from __future__ import annotations

from pathlib import Path

import pytest

from cortesia.lib.database_url import database_from_url
from cortesia.lib.env import EnvError, env_bool, env_choice, env_int, env_list, env_secret


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("YES", True), ("on", True), ("0", False), ("no", False), ("", False)],
)
def test_env_bool_reads_common_spellings(raw: str, expected: bool) -> None:
    assert env_bool("CORTESIA_X", not expected, environ={"CORTESIA_X": raw}) is expected


def test_env_bool_rejects_other_words_naming_the_variable() -> None:
    with pytest.raises(EnvError, match="^CORTESIA_X must be one of .*got 'maybe'"):
        env_bool("CORTESIA_X", False, environ={"CORTESIA_X": "maybe"})


def test_env_int_enforces_type_and_bounds() -> None:
    assert env_int("CORTESIA_PORT", 8000, environ={}) == 8000
    assert env_int("CORTESIA_PORT", 8000, environ={"CORTESIA_PORT": " 9000 "}) == 9000
    with pytest.raises(EnvError, match="CORTESIA_PORT must be a whole number; got 'eighty'"):
        env_int("CORTESIA_PORT", 1, environ={"CORTESIA_PORT": "eighty"})
    with pytest.raises(EnvError, match="CORTESIA_PORT must be at most 65535; got 70000"):
        env_int("CORTESIA_PORT", 1, maximum=65535, environ={"CORTESIA_PORT": "70000"})


def test_env_list_and_choice() -> None:
    assert env_list("CORTESIA_HOSTS", ["a"], environ={"CORTESIA_HOSTS": " x, ,y "}) == ["x", "y"]
    assert env_choice("CORTESIA_C", "a", ("a", "b"), environ={"CORTESIA_C": "B"}) == "b"
    with pytest.raises(EnvError, match="CORTESIA_C must be one of a, b; got 'c'"):
        env_choice("CORTESIA_C", "a", ("a", "b"), environ={"CORTESIA_C": "c"})


def test_env_secret_reads_file_and_refuses_both(tmp_path: Path) -> None:
    secret_file = tmp_path / "secret"
    secret_file.write_text("s3cret\n", encoding="utf-8")
    assert env_secret("CORTESIA_K", environ={"CORTESIA_K_FILE": str(secret_file)}) == "s3cret"
    assert env_secret("CORTESIA_K", environ={}) is None
    with pytest.raises(EnvError, match="Set either CORTESIA_K or CORTESIA_K_FILE, not both."):
        env_secret("CORTESIA_K", environ={"CORTESIA_K": "a", "CORTESIA_K_FILE": "b"})
    with pytest.raises(EnvError, match="CORTESIA_K_FILE names a file that cannot be read"):
        env_secret("CORTESIA_K", environ={"CORTESIA_K_FILE": str(tmp_path / "missing")})


def test_database_url_postgres() -> None:
    config = database_from_url("postgres://app:p%40ss@db.local:5433/cortesia?sslmode=require")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("cortesia", "app", "p@ss")
    assert (config["HOST"], config["PORT"]) == ("db.local", "5433")
    assert config["OPTIONS"] == {"options": "-c jit=off", "sslmode": "require"}


def test_database_url_sqlite_uses_wal_and_immediate_transactions(tmp_path: Path) -> None:
    config = database_from_url(f"sqlite://{tmp_path}/db.sqlite3")
    assert config["NAME"] == f"{tmp_path}/db.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["CONN_MAX_AGE"] == 60  # the PRAGMAs run once per connection, not per request


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://x/y", "must start with postgres:// or sqlite://; got scheme 'mysql'"),
        ("postgres://host", "must include a database name"),
        ("postgres://host:abc/db", "has a port that is not a number"),
    ],
)
def test_database_url_errors_name_the_variable(url: str, message: str) -> None:
    with pytest.raises(EnvError, match=f"^CORTESIA_DATABASE_URL {message}"):
        database_from_url(url)
