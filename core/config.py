"""Settings: one object, read from ``SABAQ_*`` environment variables and an optional ``.env``.

Every option has a working default for one machine. Nothing reads settings at import time:
the composition root (``sabaq.cli``) builds ``Settings`` once and passes it down in ``Deps``.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Language = Literal["kk", "ru", "en"]
LANGUAGES: tuple[Language, ...] = ("kk", "ru", "en")


class ConfigError(Exception):
    """A setting is invalid; ``str()`` is one line naming the variable and the problem."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="SABAQ_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Field(default=Path("var"), description="Database, uploads and backups.")
    database_url: str = Field(
        default="", description="Empty: SQLite under the data dir; or postgres://user@host/db."
    )
    redis_url: str = Field(default="", description="Empty: in-process events and limits.")
    meili_url: str = Field(
        default="", description="Empty: search in the database; else a Meilisearch server."
    )
    meili_key: str = Field(default="", description="Meilisearch API key (sent as a Bearer token).")
    fanout_channel: str = Field(
        default="sabaq:chat", description="Redis pub/sub channel of the chat's live events."
    )
    secret_key: str = Field(
        default="", description="Signs sessions; empty: generated once into the data dir."
    )
    default_language: Language = "ru"
    default_timezone: str = "Asia/Almaty"
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    public_url: str = Field(
        default="",
        description="The address people open the panel at, for links sent in messages "
        "(timetable feeds). Empty: http://<host>:<port>.",
    )
    backup_hour: int = Field(default=3, ge=0, le=23, description="Local hour of the daily backup.")
    backup_keep: int = Field(default=14, ge=1, description="How many backups to keep.")
    login_attempts_per_minute: int = Field(default=5, ge=1)
    max_upload_bytes: int = Field(default=4 * 1024 * 1024, ge=1024)
    chat_messages_per_minute: int = Field(default=60, ge=1)
    import_max_rows: int = Field(default=5_000, ge=1, description="Rows in one import.")
    wellbeing_escalation_minutes: int = Field(
        default=15,
        ge=1,
        le=24 * 60,
        description="Minutes a well-being alert may wait for a psychologist's acknowledgement "
        "before the organisation's admins are called in.",
    )
    timetable_workers: int = Field(
        default=0,
        ge=0,
        le=64,
        description="CPU threads one timetable solve started in the panel may use; 0: all "
        "the machine has.",
    )
    judge_workers: int = Field(
        default=2,
        ge=0,
        le=64,
        description="Submissions judged at once by this process (each in its own sandbox); "
        "0: none here — run “sabaq judge” elsewhere.",
    )
    judge_cache_dir: Path | None = Field(
        default=None,
        description="Where the judge keeps its prepared toolchains (precompiled C++ header, "
        "Java class archive); every folder above it must be open to the judge's user. "
        "Empty: sabaq-judge-<uid> in the system's temporary folder.",
    )
    telegram_main_token: str = ""
    telegram_complaints_token: str = ""
    telegram_career_token: str = ""
    telegram_complaints_username: str = Field(
        default="",
        pattern=r"^[A-Za-z0-9_]{0,32}$",
        description="The complaints bot's username without @, for the link and QR code on "
        "an organisation's complaints poster. Empty: the poster gives the code to type.",
    )
    telegram_main_username: str = Field(
        default="",
        pattern=r"^[A-Za-z0-9_]{0,32}$",
        description="The main bot's username without @, for the class codes' Telegram links "
        "and QR codes. Empty: a class code is shown as the /start command to send the bot.",
    )
    complaints_key: SecretStr | None = Field(
        default=None,
        description="Seals anonymous complainants' Telegram chats (32 bytes, urlsafe base64). "
        "Set it only where the complaints bot runs; unset: generated once into the data dir "
        "(complaints.key, never in backups).",
    )
    telegram_webhook_url: str = Field(
        default="", description="Empty: long polling; else the public HTTPS base for webhooks."
    )
    telegram_api_url: str = Field(
        default="", description="Empty: api.telegram.org; else a Bot API server (the emulator)."
    )
    telegram_payments_token: SecretStr | None = Field(
        default=None,
        description="Payment provider token from @BotFather for the main bot. Unset: "
        "invoices are not offered in Telegram.",
    )
    cookie_secure: bool = False
    openai_api_key: SecretStr | None = Field(
        default=None,
        description="Turns on the career bot's AI consultant (an OpenAI API key). Unset and no "
        "base URL: the bot answers typed questions through its menus, without any LLM.",
    )
    openai_base_url: str = Field(
        default="",
        description="Any OpenAI-compatible server (e.g. a local one at "
        "http://127.0.0.1:8000/v1); set alone, it turns the consultant on without a key.",
    )
    openai_model: str = Field(
        default="gpt-4o-mini", description="The chat model; it must support tool calls."
    )
    openai_timeout_seconds: float = Field(
        default=30.0,
        gt=0,
        le=300,
        description="How long one consultant answer may take in all before the student gets "
        "an apology and the menus.",
    )

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("telegram_payments_token", "openai_api_key", mode="before")
    @classmethod
    def _blank_token_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        if value and not value.startswith(("sqlite://", "postgres://", "postgresql://")):
            raise ValueError("must start with sqlite://, postgres:// or postgresql://")
        return value

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url.replace("postgresql://", "postgres://", 1)
        return f"sqlite://{self.data_dir / 'sabaq.sqlite3'}"

    @property
    def dialect(self) -> Literal["sqlite", "postgres"]:
        return "postgres" if self.db_url.startswith("postgres://") else "sqlite"

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def attachments_dir(self) -> Path:
        """Chat files live with the other uploads, so backups and restores carry them."""
        return self.uploads_dir / "attachments"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def consultant_enabled(self) -> bool:
        """Whether the career bot's AI consultant runs (a key or a server is configured)."""
        return self.openai_api_key is not None or bool(self.openai_base_url)

    def bot_tokens(self) -> dict[str, str]:
        tokens = {
            "main": self.telegram_main_token,
            "complaints": self.telegram_complaints_token,
            "career": self.telegram_career_token,
        }
        return {name: token for name, token in tokens.items() if token}


def load_settings(**overrides: object) -> Settings:
    """Read the settings; raise ``ConfigError`` naming the first bad variable.

    Raises:
        ConfigError: a variable is malformed or out of range.
    """
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else "?"
        raise ConfigError(f"SABAQ_{field.upper()}: {error['msg']}") from None


def ensure_secret_key(settings: Settings) -> str:
    """The session-signing key: the configured one, or one generated once into the data dir."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.data_dir / "secret.key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key, encoding="ascii")
    path.chmod(0o600)
    return key
