"""Backups: one consistent archive of the database and the uploads, and its restore.

An archive ``sabaq-YYYYMMDDTHHMMSSZ.tar.gz`` in ``settings.backups_dir`` holds::

    manifest.json       {"format": 1, "dialect": ..., "created_at": ..., "sabaq_version": ...}
    database.sqlite3    SQLite: a snapshot taken with the online backup API
    database.pgdump     PostgreSQL: ``pg_dump --format=custom`` (one MVCC snapshot)
    uploads/            the uploads directory, when there is one

Backups are taken while the app runs: a file copy of a live WAL database can catch the main
file and its ``-wal`` at different moments, so SQLite is always read through its backup API.
A restore is for a stopped server; it checks the whole archive before it touches anything.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import io
import json
import logging
import os
import re
import secrets
import shutil
import sqlite3
import tarfile
import tempfile
import zlib
from asyncio.subprocess import DEVNULL, PIPE
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from core.config import Settings
from core.errors import Conflict, InvalidInput, SabaqError
from core.i18n import N_

log = logging.getLogger(__name__)

Dialect = Literal["sqlite", "postgres"]

FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
UPLOADS_NAME = "uploads"
DATABASE_NAMES: dict[Dialect, str] = {
    "sqlite": "database.sqlite3",
    "postgres": "database.pgdump",
}
# Only names we wrote ourselves are listed and pruned, so a file an administrator put beside
# the backups is never deleted, and the timestamp in the name orders them.
ARCHIVE_NAME = re.compile(r"^sabaq-\d{8}T\d{6}Z\.tar\.gz$")
# Tortoise passes its URL query to asyncpg (minsize, maxsize, ssl, ...); libpq refuses
# parameters it does not know, so only these reach pg_dump and pg_restore.
LIBPQ_PARAMETERS = frozenset(
    {
        "application_name",
        "channel_binding",
        "connect_timeout",
        "gssencmode",
        "options",
        "sslcert",
        "sslkey",
        "sslmode",
        "sslrootcert",
        "target_session_attrs",
    }
)
COPY_CHUNK = 1024 * 1024

NOT_A_BACKUP = N_("This file is not a Sabaq backup.")
BACKUP_NOT_FOUND = N_("The backup file was not found.")
UNSUPPORTED_FORMAT = N_("This backup was made in a format this version of Sabaq cannot read.")
WRONG_DIALECT = N_(
    "This backup was made from a {backup} database and cannot be restored into {current}."
)
UNSAFE_PATHS = N_("This backup contains unsafe file paths and was not restored.")
NO_DATABASE = N_("This backup has no database in it.")
DAMAGED_DATABASE = N_("The database in this backup is damaged.")
NO_DATABASE_YET = N_("There is no database to back up yet.")
IN_MEMORY_DATABASE = N_("An in-memory database cannot be backed up or restored.")
TOOL_MISSING = N_("The program {tool} is needed for PostgreSQL backups but is not installed.")
BACKUP_FAILED = N_("The database backup failed: {reason}")
RESTORE_FAILED = N_("The database restore failed: {reason}")


async def create_backup(settings: Settings, *, now: datetime) -> Path:
    """Write one consistent archive of the database and the uploads; return its path.

    Safe while the app is running: SQLite is copied with the online backup API (one read
    transaction, so writers go on and the copy is one point in time), PostgreSQL with
    ``pg_dump``. Uploads are added as they are when the walk reaches them. The archive is
    written under a hidden temporary name and renamed into place at the end, so a crash never
    leaves a partial archive under a backup's name. Two backups within one second share a name;
    the later replaces the earlier.

    Args:
        settings: where the database, the uploads and the backups live.
        now: the current time (tz-aware); it names the archive and goes into the manifest.

    Raises:
        ValueError: ``now`` has no time zone.
        Conflict: the SQLite database does not exist yet or is in memory.
        SabaqError: ``pg_dump`` is missing or failed (its last error line is in the message).
        OSError: the backups directory cannot be written.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    created = now.astimezone(UTC)
    backups_dir = settings.backups_dir
    await asyncio.to_thread(backups_dir.mkdir, mode=0o700, parents=True, exist_ok=True)
    target = backups_dir / f"sabaq-{created:%Y%m%dT%H%M%SZ}.tar.gz"
    staging = Path(
        await asyncio.to_thread(tempfile.mkdtemp, prefix=".sabaq-staging-", dir=backups_dir)
    )
    try:
        database = staging / DATABASE_NAMES[settings.dialect]
        if settings.dialect == "sqlite":
            await asyncio.to_thread(_snapshot_sqlite, _sqlite_path(settings), database)
        else:
            await _dump_postgres(settings.db_url, database)
        manifest = {
            "format": FORMAT_VERSION,
            "dialect": settings.dialect,
            "created_at": created.isoformat(),
            "sabaq_version": _sabaq_version(),
        }
        await asyncio.to_thread(
            _write_archive, target, manifest, database, settings.uploads_dir, created
        )
    finally:
        await asyncio.to_thread(shutil.rmtree, staging, ignore_errors=True)
    log.info("backup written to %s", target)
    return target


async def restore_backup(settings: Settings, archive: Path) -> None:
    """Replace the database and the uploads with those in ``archive``.

    Run it with the server stopped: it swaps the SQLite file (or rewrites the PostgreSQL
    schema) and the uploads directory under the app's feet otherwise. The archive is checked
    first — a gzip tar with a format-1 manifest of this dialect, no member escaping the
    extraction directory (tarfile's ``data`` filter), a readable database — and a bad archive
    changes nothing. SQLite: the snapshot is copied to a temporary file beside the database
    and renamed over it; stale ``-wal``/``-shm``/``-journal`` files are removed. PostgreSQL:
    ``pg_restore --clean --if-exists --no-owner --single-transaction``, so a failed restore
    rolls back; tables created after the backup was taken are left in place. The uploads
    directory is replaced by the archive's (empty when the backup had none).

    Args:
        settings: the database and the uploads to replace.
        archive: a file written by ``create_backup``.

    Raises:
        InvalidInput: the file is missing, is not a Sabaq backup, has an unknown format, is of
            the other dialect, has unsafe member paths or a damaged database.
        Conflict: the SQLite database is configured in memory.
        SabaqError: ``pg_restore`` is missing or failed (nothing was changed in PostgreSQL).
        OSError: the data directory cannot be written.
    """
    sqlite_target = _sqlite_path(settings) if settings.dialect == "sqlite" else None
    # Staging beside the uploads directory keeps its final rename on one file system.
    staging_parent = settings.uploads_dir.parent
    await asyncio.to_thread(staging_parent.mkdir, parents=True, exist_ok=True)
    staging = await asyncio.to_thread(_unpack, archive, settings.dialect, staging_parent)
    try:
        database = staging / DATABASE_NAMES[settings.dialect]
        if sqlite_target is not None:
            await asyncio.to_thread(_replace_sqlite, database, sqlite_target)
        else:
            await _restore_postgres(settings.db_url, database)
        await asyncio.to_thread(_replace_uploads, staging / UPLOADS_NAME, settings.uploads_dir)
    finally:
        await asyncio.to_thread(shutil.rmtree, staging, ignore_errors=True)
    log.info("backup %s restored", archive)


def list_backups(settings: Settings) -> list[Path]:
    """The archives in the backups directory, newest first (by the time in their names)."""
    if not settings.backups_dir.is_dir():
        return []
    archives = [
        path
        for path in settings.backups_dir.iterdir()
        if ARCHIVE_NAME.match(path.name) and path.is_file()
    ]
    return sorted(archives, key=lambda path: path.name, reverse=True)


def prune_backups(settings: Settings, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` archives; return the deleted paths, newest first.

    Only files named like ``create_backup``'s archives are considered.

    Raises:
        ValueError: ``keep`` is less than 1 (that would delete the backup just taken).
        OSError: an archive cannot be deleted.
    """
    if keep < 1:
        raise ValueError("keep must be at least 1")
    doomed = list_backups(settings)[keep:]
    for path in doomed:
        path.unlink(missing_ok=True)
    if doomed:
        log.info("pruned %d old backups", len(doomed))
    return doomed


async def run_scheduled_backup(settings: Settings, *, now: datetime) -> Path:
    """Take a backup, then keep only the newest ``settings.backup_keep``; return the new one.

    When the backup fails, nothing is pruned.

    Raises:
        Conflict: the SQLite database does not exist yet or is in memory.
        SabaqError: ``pg_dump`` is missing or failed.
        OSError: the backups directory cannot be written or an old archive deleted.
    """
    path = await create_backup(settings, now=now)
    await asyncio.to_thread(prune_backups, settings, settings.backup_keep)
    return path


# --- creating -------------------------------------------------------------------------------


def _sabaq_version() -> str | None:
    try:
        return version("sabaq")
    except PackageNotFoundError:
        return None


def _sqlite_path(settings: Settings) -> Path:
    """The database file of a ``sqlite://`` URL, read the way Tortoise reads it."""
    location = settings.db_url.removeprefix("sqlite://").split("?", 1)[0]
    if not location or location == ":memory:":
        raise Conflict(IN_MEMORY_DATABASE)
    return Path(location)


def _snapshot_sqlite(source: Path, target: Path) -> None:
    if not source.is_file():
        raise Conflict(NO_DATABASE_YET)
    # mode=rw: never create an empty database where the real one is missing.
    uri = f"{source.resolve().as_uri()}?mode=rw"
    with (
        contextlib.closing(sqlite3.connect(uri, uri=True, timeout=30)) as live,
        contextlib.closing(sqlite3.connect(target)) as copy,
    ):
        # pages=-1 copies everything in one step inside one read transaction: a consistent
        # snapshot that WAL writers do not wait for (a stepwise copy would restart on writes).
        live.backup(copy, pages=-1)


def _libpq_connection(db_url: str) -> tuple[str, dict[str, str]]:
    """A libpq URL for ``db_url`` and the environment to run a client tool with.

    The password travels in ``PGPASSWORD`` rather than on the command line, where any local
    user could read it in the process list.
    """
    parts = urlsplit(db_url)
    host = parts.netloc.rpartition("@")[2]
    user = parts.netloc.rpartition("@")[0].partition(":")[0]
    netloc = f"{user}@{host}" if user else host
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k in LIBPQ_PARAMETERS])
    # Settings spell the scheme postgres:// for Tortoise; postgresql:// is libpq's own.
    url = urlunsplit(("postgresql", netloc, parts.path, query, ""))
    env = dict(os.environ)
    if parts.password:
        env["PGPASSWORD"] = unquote(parts.password)
    return url, env


async def _run_tool(tool: str, args: list[str], env: dict[str, str], failure: str) -> None:
    try:
        process = await asyncio.create_subprocess_exec(
            tool, *args, stdin=DEVNULL, stdout=DEVNULL, stderr=PIPE, env=env
        )
    except FileNotFoundError:
        raise SabaqError(TOOL_MISSING, tool=tool) from None
    try:
        _, stderr = await process.communicate()
    except BaseException:
        # Cancelled (shutdown): do not leave the tool running on its own.
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()
        raise
    if process.returncode != 0:
        lines = stderr.decode("utf-8", errors="replace").strip().splitlines()
        reason = lines[-1] if lines else f"{tool} exited with code {process.returncode}"
        raise SabaqError(failure, reason=reason)


async def _dump_postgres(db_url: str, target: Path) -> None:
    url, env = _libpq_connection(db_url)
    args = ["--format=custom", "--no-password", f"--file={target}", f"--dbname={url}"]
    await _run_tool("pg_dump", args, env, BACKUP_FAILED)


def _write_archive(
    target: Path, manifest: dict[str, Any], database: Path, uploads: Path, created: datetime
) -> None:
    mtime = int(created.timestamp())
    descriptor, partial_name = tempfile.mkstemp(
        prefix=".sabaq-", suffix=".tar.gz.partial", dir=target.parent
    )
    partial = Path(partial_name)
    try:
        with os.fdopen(descriptor, "wb") as raw:
            # An explicit GzipFile keeps the temporary name out of the gzip header.
            with (
                gzip.GzipFile(
                    filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=mtime
                ) as compressed,
                tarfile.open(fileobj=compressed, mode="w", format=tarfile.PAX_FORMAT) as tar,
            ):
                body = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
                info = tarfile.TarInfo(MANIFEST_NAME)
                info.size = len(body)
                info.mtime = mtime
                info.mode = 0o644
                tar.addfile(info, io.BytesIO(body))
                tar.add(database, arcname=database.name)
                if uploads.is_dir():
                    _add_tree(tar, uploads, UPLOADS_NAME)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, target)
        _fsync_directory(target.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _add_tree(tar: tarfile.TarFile, root: Path, arcname: str) -> None:
    tar.add(root, arcname=arcname, recursive=False)
    for directory, subdirectories, files in os.walk(root):
        subdirectories.sort()
        base = Path(directory)
        for name in [*subdirectories, *sorted(files)]:
            path = base / name
            member = f"{arcname}/{path.relative_to(root).as_posix()}"
            try:
                tar.add(path, arcname=member, recursive=False)
            except FileNotFoundError:
                # The app may delete an upload while we walk; the snapshot simply omits it.
                continue


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable, not only the file's contents.
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# --- restoring ------------------------------------------------------------------------------


def _unpack(archive: Path, dialect: Dialect, parent: Path) -> Path:
    """Check ``archive`` and extract it into a new directory under ``parent``; return it."""
    if not archive.is_file():
        raise InvalidInput(BACKUP_NOT_FOUND, field="archive")
    with contextlib.ExitStack() as stack:
        try:
            tar = stack.enter_context(tarfile.open(archive, mode="r:gz"))
            # Reads the whole stream, so a truncated or corrupted archive fails here.
            members = tar.getmembers()
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            raise InvalidInput(NOT_A_BACKUP, field="archive") from exc
        _check_manifest(_read_manifest(tar), dialect)
        _check_members(members, dialect)
        staging = Path(tempfile.mkdtemp(prefix=".sabaq-restore-", dir=parent))
        try:
            try:
                tar.extractall(staging, filter="data")
            except tarfile.FilterError as exc:
                raise InvalidInput(UNSAFE_PATHS, field="archive") from exc
            if dialect == "sqlite":
                _check_sqlite(staging / DATABASE_NAMES["sqlite"])
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return staging


def _read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        handle = tar.extractfile(MANIFEST_NAME)
        if handle is None:
            raise InvalidInput(NOT_A_BACKUP, field="archive")
        with handle:
            manifest = json.loads(handle.read().decode("utf-8"))
    except (KeyError, ValueError) as exc:
        raise InvalidInput(NOT_A_BACKUP, field="archive") from exc
    if not isinstance(manifest, dict) or "format" not in manifest:
        raise InvalidInput(NOT_A_BACKUP, field="archive")
    return manifest


def _check_manifest(manifest: dict[str, Any], dialect: Dialect) -> None:
    form = manifest["format"]
    # type() rather than isinstance(): True == 1 must not pass for a format number.
    if type(form) is not int or form != FORMAT_VERSION:
        raise InvalidInput(UNSUPPORTED_FORMAT, field="archive")
    backup_dialect = manifest.get("dialect")
    if backup_dialect not in DATABASE_NAMES:
        raise InvalidInput(NOT_A_BACKUP, field="archive")
    if backup_dialect != dialect:
        raise InvalidInput(WRONG_DIALECT, field="archive", backup=backup_dialect, current=dialect)


def _check_members(members: list[tarfile.TarInfo], dialect: Dialect) -> None:
    database_name = DATABASE_NAMES[dialect]
    allowed = {MANIFEST_NAME, database_name, UPLOADS_NAME}
    for member in members:
        parts = PurePosixPath(member.name).parts
        if not parts or member.name.startswith("/") or ".." in parts:
            raise InvalidInput(UNSAFE_PATHS, field="archive")
        if parts[0] not in allowed:
            raise InvalidInput(NOT_A_BACKUP, field="archive")
        if member.name == UPLOADS_NAME and not member.isdir():
            raise InvalidInput(NOT_A_BACKUP, field="archive")
    database = [m for m in members if m.name == database_name]
    if len(database) != 1 or not database[0].isfile():
        raise InvalidInput(NO_DATABASE, field="archive")


def _check_sqlite(path: Path) -> None:
    # immutable=1: our private static copy needs no locks and must not grow -wal/-shm files.
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
            result = connection.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(DAMAGED_DATABASE, field="archive") from exc
    if result != ("ok",):
        raise InvalidInput(DAMAGED_DATABASE, field="archive")


def _replace_sqlite(snapshot: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # The temporary copy sits beside the database so that os.replace is one atomic rename.
    descriptor, temporary_name = tempfile.mkstemp(
        prefix=f".{target.name}.restore-", dir=target.parent
    )
    temporary = Path(temporary_name)
    try:
        with os.fdopen(descriptor, "wb") as out, snapshot.open("rb") as source:
            shutil.copyfileobj(source, out, COPY_CHUNK)
            out.flush()
            os.fsync(out.fileno())
        # Journals go before the swap: left behind, they would be replayed into the restored
        # file and corrupt it; removed first, a crash costs only the database being replaced.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(temporary, target)
        _fsync_directory(target.parent)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


async def _restore_postgres(db_url: str, dump: Path) -> None:
    url, env = _libpq_connection(db_url)
    args = [
        "--clean",
        "--if-exists",
        "--no-owner",
        # One transaction: a failed restore leaves the database as it was.
        "--single-transaction",
        "--no-password",
        f"--dbname={url}",
        str(dump),
    ]
    await _run_tool("pg_restore", args, env, RESTORE_FAILED)


def _replace_uploads(staged: Path, live: Path) -> None:
    staged.mkdir(exist_ok=True)
    retired: Path | None = None
    if live.exists() or live.is_symlink():
        retired = live.with_name(f".{live.name}.old-{secrets.token_hex(4)}")
        live.rename(retired)
    # A crash between the two renames leaves the old uploads under the retired name.
    staged.rename(live)
    if retired is not None:
        if retired.is_dir() and not retired.is_symlink():
            shutil.rmtree(retired)
        else:
            retired.unlink()
