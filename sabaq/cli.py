"""The ``sabaq`` command: run, migrate, create-admin, demo, check-config, backup, restore,
audit verify, search reindex, timetable check|solve.

Every command reads the settings first; an invalid setting ends it with one line naming the
variable (exit code 2). Messages follow the shell's language (``LANG``), English otherwise.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from core.config import ConfigError, Settings, load_settings
from core.db import close_db, migrate, pending_migrations
from core.deps import build_deps
from core.errors import SabaqError
from core.models.org import OrganisationKind
from core.services.audit import verify_chain
from core.services.backup import create_backup, restore_backup
from core.services.bootstrap import create_admin
from core.services.messages import reindex
from core.timetabling.fet import MAX_BYTES as FET_MAX_BYTES
from core.timetabling.files import check_file, solve_file
from sabaq import messages
from sabaq.messages import StartupError

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Sabaq: chat-first education platform."
)
audit_app = typer.Typer(no_args_is_help=True, help="The audit trail.")
app.add_typer(audit_app, name="audit")
search_app = typer.Typer(no_args_is_help=True, help="The chat's search index.")
app.add_typer(search_app, name="search")
timetable_app = typer.Typer(
    no_args_is_help=True, help="School timetables in FET (.fet) files: check or make one."
)
app.add_typer(timetable_app, name="timetable")
T = TypeVar("T")


def _settings(**overrides: object) -> Settings:
    try:
        return load_settings(**overrides)
    except ConfigError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a command's coroutine; a domain error becomes one translated line and exit 1."""
    try:
        return asyncio.run(coroutine)
    except SabaqError as error:
        typer.echo(error.translated(messages.cli_language()), err=True)
        raise typer.Exit(1) from None
    except StartupError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
    except ConfigError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None


async def _with_db(settings: Settings, command: Callable[[], Awaitable[T]]) -> T:
    """Run a command against the database: migrated on SQLite, checked on PostgreSQL."""
    try:
        if settings.dialect == "sqlite":
            await migrate(settings)
        elif pending := await pending_migrations(settings):
            raise StartupError(messages.say(messages.PENDING, count=len(pending)))
        return await command()
    finally:
        await close_db()


@app.command()
def run(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    demo: Annotated[bool, typer.Option(help="Fill a demo centre into an empty database.")] = False,
) -> None:
    """Serve the web panel, the chat API, the scheduler and the bots in one process."""
    # The servers and bots take seconds to import (aiogram's types); the commands that
    # need none of them (timetable, migrate, ...) start without paying for it.
    from sabaq.runner import run_platform  # noqa: PLC0415

    settings = _settings()
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    _run(
        run_platform(
            settings,
            host=host or settings.host,
            port=port or settings.port,
            demo=demo,
            echo=typer.echo,
        )
    )


@app.command()
def bots() -> None:
    """Run the Telegram bots (those with a SABAQ_TELEGRAM_*_TOKEN) and their delivery alone."""
    from sabaq.runner import run_bots_alone  # noqa: PLC0415 - slow import, see run()

    settings = _settings()
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    _run(run_bots_alone(settings, echo=typer.echo))


@app.command()
def judge(
    workers: Annotated[
        int | None, typer.Option(help="Submissions judged at once (SABAQ_JUDGE_WORKERS).")
    ] = None,
) -> None:
    """Judge submissions to programming tasks alone, beside a "sabaq run" elsewhere."""
    from sabaq.runner import run_judge_alone  # noqa: PLC0415 - slow import, see run()

    settings = _settings()
    if workers is not None:
        settings = settings.model_copy(update={"judge_workers": workers})
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    _run(run_judge_alone(settings, echo=typer.echo))


@app.command("migrate")
def migrate_command() -> None:
    """Apply pending database migrations."""
    settings = _settings()

    async def apply() -> list[str]:
        try:
            return await migrate(settings)
        finally:
            await close_db()

    applied = _run(apply())
    typer.echo(
        messages.say(messages.MIGRATED, count=len(applied))
        if applied
        else messages.say(messages.UP_TO_DATE)
    )


@app.command("create-admin")
def create_admin_command(
    login: Annotated[str, typer.Option(help="The administrator's login, e.g. an e-mail.")],
    password: Annotated[
        str,
        typer.Option(
            prompt=True, hide_input=True, confirmation_prompt=True, envvar="SABAQ_ADMIN_PASSWORD"
        ),
    ],
    last_name: Annotated[str, typer.Option(help="Last name.")] = "Admin",
    first_name: Annotated[str, typer.Option(help="First name.")] = "Sabaq",
    organisation: Annotated[
        str, typer.Option(help="Organisation name (empty database only).")
    ] = "",
    organisation_id: Annotated[
        int | None, typer.Option(help="Existing organisation number.")
    ] = None,
    kind: Annotated[
        OrganisationKind, typer.Option(help="Kind of a new organisation.")
    ] = OrganisationKind.LEARNING_CENTRE,
) -> None:
    """Create an administrator (and, on an empty database, their organisation)."""
    settings = _settings()
    deps = build_deps(settings)
    result = _run(
        _with_db(
            settings,
            lambda: create_admin(
                deps,
                login=login,
                password=password,
                last_name=last_name,
                first_name=first_name,
                organisation_id=organisation_id,
                organisation_name=organisation,
                kind=kind,
            ),
        )
    )
    typer.echo(
        messages.say(
            messages.ADMIN_CREATED,
            login=login.strip().casefold(),
            organisation=result.organisation_id,
        )
    )


@app.command()
def demo() -> None:
    """Fill a demo learning centre into an empty database and print the admin's sign-in."""
    from core.services.demo import fill_demo  # noqa: PLC0415 - slow import, see run()

    settings = _settings()
    admin = _run(_with_db(settings, lambda: fill_demo(build_deps(settings))))
    typer.echo(messages.say(messages.DEMO_FILLED, login=admin.login, password=admin.password))


@app.command("check-config")
def check_config() -> None:
    """Validate the settings and show them (secrets masked)."""
    settings = _settings()
    for name, value in sorted(settings.model_dump().items()):
        shown = "***" if value and ("token" in name or "secret" in name) else value
        if name == "database_url" and value and "@" in str(value):
            scheme, _, rest = str(value).partition("://")
            shown = f"{scheme}://***@{rest.split('@', 1)[1]}"
        typer.echo(messages.say(messages.CONFIG_ROW, name=f"SABAQ_{name.upper()}", value=shown))
    typer.echo(messages.say(messages.CONFIG_OK))


@app.command()
def backup() -> None:
    """Write a consistent backup of the database and uploads (safe while running)."""
    settings = _settings()
    deps = build_deps(settings)
    path = _run(create_backup(settings, now=deps.clock.now()))
    typer.echo(messages.say(messages.BACKUP_DONE, path=path))


@app.command()
def restore(
    archive: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="A sabaq-*.tar.gz backup.")
    ],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Replace the database and uploads with a backup. Stop `sabaq run` first."""
    settings = _settings()
    if not yes:
        typer.confirm(messages.say(messages.RESTORE_CONFIRM, path=archive), abort=True)
    _run(restore_backup(settings, archive))
    typer.echo(messages.say(messages.RESTORE_DONE, path=archive))


@audit_app.command("verify")
def audit_verify() -> None:
    """Recompute the audit chain; exit 1 if any record was altered or removed."""
    settings = _settings()
    report = _run(_with_db(settings, verify_chain))
    if report.ok:
        typer.echo(messages.say(messages.AUDIT_OK, count=report.checked))
        return
    typer.echo(
        messages.say(
            messages.AUDIT_BROKEN,
            id=report.first_bad_id or "—",
            problem=messages.say(report.problem),
            count=report.checked,
        ),
        err=True,
    )
    raise typer.Exit(1)


@search_app.command("reindex")
def search_reindex() -> None:
    """Rebuild the chat search index from the stored messages (safe while running)."""
    settings = _settings()
    deps = build_deps(settings)

    async def rebuild() -> int:
        try:
            return await reindex(deps)
        finally:
            await deps.aclose()

    count = _run(_with_db(settings, rebuild))
    typer.echo(messages.say(messages.REINDEXED, count=count, backend=deps.search.name))


FetFile = Annotated[
    Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="A FET .fet file.")
]


def _fet_bytes(path: Path) -> bytes:
    """The file, or its first bytes past the limit: a huge file is refused unread."""
    with path.open("rb") as file:
        return file.read(FET_MAX_BYTES + 1)


def _exit_on_refusal(make: Callable[[], T]) -> T:
    """``make()``; a domain error (a file we cannot read) becomes one translated line."""
    try:
        return make()
    except SabaqError as error:
        typer.echo(error.translated(messages.cli_language()), err=True)
        raise typer.Exit(1) from None


@timetable_app.command("check")
def timetable_check(path: FetFile) -> None:
    """Check the timetable a .fet file holds (its locked lessons) against every rule."""
    lines = _exit_on_refusal(
        lambda: check_file(_fet_bytes(path), name=path.stem, language=messages.cli_language())
    )
    typer.echo("\n".join(lines))


@timetable_app.command("solve")
def timetable_solve(
    path: FetFile,
    seconds: Annotated[int, typer.Option(min=1, max=3600, help="Time budget.")] = 60,
    seed: Annotated[int, typer.Option(help="Another seed, another timetable.")] = 0,
    workers: Annotated[
        int, typer.Option(min=0, max=64, help="Search threads (0: one per CPU core).")
    ] = 0,
    out: Annotated[
        Path | None, typer.Option(help="Write the .fet with the timetable locked in.")
    ] = None,
) -> None:
    """Make a timetable for the school of a .fet file and report every rule it breaks."""
    solved = _exit_on_refusal(
        lambda: solve_file(
            _fet_bytes(path),
            name=path.stem,
            language=messages.cli_language(),
            seconds=seconds,
            seed=seed,
            workers=workers or os.cpu_count() or 1,
            tell=lambda line: typer.echo(line, err=True),
        )
    )
    typer.echo("\n".join(solved.lines))
    if solved.fet is None:
        raise typer.Exit(1)
    if out is not None:
        out.write_bytes(solved.fet)
        typer.echo(messages.say(messages.TIMETABLE_WRITTEN, path=out))


def main() -> None:
    app()
