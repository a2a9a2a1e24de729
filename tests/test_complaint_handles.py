"""Sealed complaint handles (issue 8): only the holder of the complaints key finds the chat
behind a complaint, a handle cannot be forged, and the key never goes into a backup."""

from __future__ import annotations

import base64
import stat
import tarfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import SecretStr
from tortoise.backends.base.executor import EXECUTOR_CACHE

from core.complaint_handles import KEY_FILE, chat_tag, complaints_key, open_handle, seal
from core.config import Settings, load_settings
from core.db import close_db, migrate
from core.services.backup import create_backup

CHAT = 5_123_456_789


def _with_key(settings: Settings, key: bytes) -> Settings:
    text = base64.urlsafe_b64encode(key).decode()
    return settings.model_copy(update={"complaints_key": SecretStr(text)})


def test_a_handle_opens_to_its_chat_and_never_repeats(settings: Settings) -> None:
    first, second = seal(settings, CHAT), seal(settings, CHAT)
    assert first.startswith("v1:") and second.startswith("v1:")
    assert first != second, "a random nonce: two complaints of one chat cannot be grouped"
    assert str(CHAT) not in first
    assert open_handle(settings, first) == open_handle(settings, second) == CHAT
    assert open_handle(settings, seal(settings, -1001234567890)) == -1001234567890


def test_a_forged_altered_or_foreign_handle_is_refused(settings: Settings) -> None:
    handle = seal(settings, CHAT)
    raw = bytearray(base64.urlsafe_b64decode(handle[3:]))
    raw[-1] ^= 1
    altered = "v1:" + base64.urlsafe_b64encode(bytes(raw)).decode()
    other = _with_key(settings, b"\x07" * 32)
    for forged in (
        altered,
        "v1:" + base64.urlsafe_b64encode(b"\x00" * 40).decode(),
        "v1:not base64 at all!",
        "v1:",
        "v2:" + handle[3:],
        str(CHAT),
        "",
    ):
        with pytest.raises(ValueError):
            open_handle(settings, forged)
    with pytest.raises(ValueError):
        open_handle(other, handle)
    assert open_handle(other, seal(other, CHAT)) == CHAT


def test_the_key_is_generated_once_readable_by_its_owner_only(settings: Settings) -> None:
    path = settings.data_dir / KEY_FILE
    assert not path.exists()
    key = complaints_key(settings)
    assert len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert complaints_key(settings) == key
    handle = seal(settings, CHAT)
    assert open_handle(load_settings(data_dir=settings.data_dir, _env_file=None), handle) == CHAT


def test_a_configured_key_wins_and_a_bad_one_is_refused(settings: Settings) -> None:
    configured = _with_key(settings, b"\x42" * 32)
    assert complaints_key(configured) == b"\x42" * 32
    assert not (settings.data_dir / KEY_FILE).exists(), "no key file when one is configured"
    for bad in ("short", base64.urlsafe_b64encode(b"\x01" * 16).decode(), "@@@@"):
        with pytest.raises(ValueError):
            complaints_key(settings.model_copy(update={"complaints_key": SecretStr(bad)}))


def test_rate_limit_tags_hide_the_chat(settings: Settings) -> None:
    tag = chat_tag(settings, "track", CHAT)
    assert tag == chat_tag(settings, "track", CHAT)
    assert tag != chat_tag(settings, "file", CHAT)
    assert tag != chat_tag(settings, "track", CHAT + 1)
    assert str(CHAT) not in tag
    assert tag != chat_tag(_with_key(settings, b"\x09" * 32), "track", CHAT)


@pytest.fixture
def _fresh_tortoise_sql() -> Iterator[None]:
    # Tortoise caches each model's SQL per connection name for the life of the process.
    EXECUTOR_CACHE.clear()
    yield
    EXECUTOR_CACHE.clear()


@pytest.mark.usefixtures("_fresh_tortoise_sql")
@pytest.mark.filterwarnings("ignore:invalid escape sequence:DeprecationWarning")
async def test_backups_never_carry_the_complaints_key(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data", database_url="", _env_file=None)
    await migrate(settings)
    try:
        complaints_key(settings)
        assert (settings.data_dir / KEY_FILE).exists()
        archive = await create_backup(settings, now=datetime(2026, 9, 1, 6, 0, tzinfo=UTC))
    finally:
        await close_db()
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names, "the backup has the database"
    assert not [name for name in names if name.endswith(KEY_FILE)]
