"""The command line's sentences, marked for translation (the CLI speaks the shell's language)."""

from __future__ import annotations

import os

from core.i18n import N_, gettext_for, pick_language


class StartupError(Exception):
    """The platform cannot start; ``str()`` is one translated line for the operator."""


RUNNING = N_("Sabaq is running. Press Ctrl+C to stop.")
WEB = N_("web panel: {url}")
CHAT = N_("chat API: {url}")
HEALTH = N_("health: {url}")
DATABASE = N_("database: {where} ({count} migrations applied now)")
SCHEDULER = N_(
    "scheduler: lesson reminders every minute, daily backup at {hour}:00 {timezone}, "
    "keeping {keep}"
)
JUDGE_ON = N_("judge: {workers} workers; sandbox ready ({note})")
JUDGE_OFF = N_("judge: refuses to run programs — {reason}")
JUDGE_ONLY = N_("Judge running: {workers} workers. Press Ctrl+C to stop.")
BOTS_OFF = N_("bots: off — no SABAQ_TELEGRAM_*_TOKEN is set")
BOTS_ON = N_("bots: {bots} ({mode})")
BOTS_ONLY = N_("Bots running: {bots} ({mode}). Press Ctrl+C to stop.")
BOTS_WEBHOOK_NEEDS_RUN = N_("Webhooks arrive over HTTP: start the bots with “sabaq run”.")
DATA_DIR = N_("data: {path}")
DEMO_FILLED = N_("Demo centre created. Sign in as “{login}” with the password “{password}”.")
DEMO_SKIPPED = N_("The database already has data, so the demo was not added.")
PORT_BUSY = N_("Cannot listen on {host}:{port}: {reason}. Choose another port with --port.")
PENDING = N_("The database needs {count} migrations. Run “sabaq migrate” first.")
MIGRATED = N_("Migrations applied: {count}.")
UP_TO_DATE = N_("The database is up to date.")
ADMIN_CREATED = N_("Administrator “{login}” can now sign in (organisation {organisation}).")
PASSWORD_PROMPT = N_("Password")
CONFIG_OK = N_("Configuration is valid.")
CONFIG_ROW = N_("{name} = {value}")
BACKUP_DONE = N_("Backup written: {path}")
REINDEXED = N_("Search index rebuilt: {count} messages ({backend}).")
RESTORE_CONFIRM = N_("Restore {path}? The current database and uploads will be replaced.")
RESTORE_DONE = N_("Restored from {path}.")
AUDIT_OK = N_("Audit chain intact: {count} records.")
AUDIT_BROKEN = N_(
    "Audit chain BROKEN at record {id}: {problem}. {count} records before it are intact."
)
STOPPED = N_("Stopped.")
TIMETABLE_WRITTEN = N_("Timetable written: {path} (open it in FET, or check it here again).")


def cli_language() -> str:
    """The shell's language (``LC_ALL``/``LANG`` such as ru_RU.UTF-8), English otherwise."""
    return pick_language(os.environ.get("LC_ALL"), os.environ.get("LANG"), default="en")


def say(message: str, **params: object) -> str:
    text = gettext_for(cli_language(), message)
    return text.format(**params) if params else text
