"""The ``sabaq`` command as an operator uses it, on the backend of this test run."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest
from tortoise.backends.base.executor import EXECUTOR_CACHE
from typer.testing import CliRunner

from sabaq.cli import app
from tests.conftest import BACKEND, POSTGRES_URL

pytestmark = pytest.mark.each_database

runner = CliRunner()


@pytest.fixture
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A data dir (and a fresh PostgreSQL database in the PostgreSQL run) for one test."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    env = {"SABAQ_DATA_DIR": str(tmp_path / "var")}
    name = f"sabaq_cli_{uuid.uuid4().hex[:8]}"
    if BACKEND == "postgres":
        _admin_sql(f'CREATE DATABASE "{name}"')
        env["SABAQ_DATABASE_URL"] = f"{POSTGRES_URL}/{name}"
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    EXECUTOR_CACHE.clear()
    yield env
    EXECUTOR_CACHE.clear()
    if BACKEND == "postgres":
        _admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin_sql(statement: str) -> None:
    import asyncio

    async def run() -> None:
        connection = await asyncpg.connect(
            POSTGRES_URL.replace("postgres://", "postgresql://") + "/postgres"
        )
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    asyncio.run(run())


def sabaq(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_migrate_then_create_admin_then_audit_verify(environment):
    assert sabaq("migrate")[0] == 0
    code, output = sabaq(
        "create-admin",
        "--login",
        "Director@Bilim.kz",
        "--password",
        "long enough",
        "--organisation",
        "Білім",
    )
    assert code == 0, output
    assert "director@bilim.kz" in output
    code, output = sabaq("audit", "verify")
    assert code == 0
    assert "intact" in output


def test_create_admin_on_an_empty_database_needs_an_organisation_name(environment):
    sabaq("migrate")
    code, output = sabaq("create-admin", "--login", "a@b.kz", "--password", "long enough")
    assert code == 1
    assert "organisation" in output


def test_a_short_password_is_refused(environment):
    sabaq("migrate")
    code, output = sabaq(
        "create-admin", "--login", "a@b.kz", "--password", "short", "--organisation", "X"
    )
    assert code == 1
    assert "at least 8" in output


def test_an_invalid_setting_stops_with_one_line_naming_it(environment, monkeypatch):
    monkeypatch.setenv("SABAQ_DEFAULT_TIMEZONE", "Mars/Olympus")
    code, output = sabaq("check-config")
    assert code == 2
    assert output.strip().startswith("SABAQ_DEFAULT_TIMEZONE:")
    assert len(output.strip().splitlines()) == 1


def test_check_config_masks_secrets(environment, monkeypatch):
    monkeypatch.setenv("SABAQ_TELEGRAM_MAIN_TOKEN", "123:secret-token")
    code, output = sabaq("check-config")
    assert code == 0
    assert "secret-token" not in output
    assert "SABAQ_TELEGRAM_MAIN_TOKEN = ***" in output


@pytest.mark.skipif(BACKEND != "sqlite", reason="tampers with the SQLite file directly")
def test_audit_verify_fails_after_tampering_with_the_database_file(environment):
    assert sabaq("demo")[0] == 0
    database = Path(environment["SABAQ_DATA_DIR"]) / "sabaq.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE audit_record SET action = 'nothing.happened' WHERE id = 5")
    code, output = sabaq("audit", "verify")
    assert code == 1
    assert "record 5" in output


def test_commands_refuse_an_unmigrated_postgres_database(environment):
    if BACKEND != "postgres":
        pytest.skip("SQLite migrates itself")
    code, output = sabaq("demo")
    assert code == 1
    assert "sabaq migrate" in output


def test_demo_fills_an_empty_database_once(environment):
    sabaq("migrate")
    code, output = sabaq("demo")
    assert code == 0
    assert "Sign in as “admin”" in output
    code, output = sabaq("demo")
    assert code == 1
    assert "empty database" in output


def test_a_timetable_file_over_the_limit_is_refused_in_one_line(environment, tmp_path):
    huge = tmp_path / "huge.fet"
    with huge.open("wb") as file:
        file.truncate(64 * 1024 * 1024)

    result = runner.invoke(app, ["timetable", "check", str(huge)])

    assert result.exit_code == 1
    assert "10 MB" in result.output
    assert "Traceback" not in result.output
