"""The judge's sandbox tests need bubblewrap, cgroups and root (or delegated cgroups).

Without them the tests are skipped with the reason, unless SABAQ_REQUIRE_JUDGE=1 (CI on a
machine that must judge), where a missing sandbox fails them instead.
"""

import asyncio
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from core.judge.languages import prepare_toolchains
from core.judge.sandbox import SandboxSettings, SandboxUnavailable, check_sandbox

# Kept between sessions (var/ is ignored by git): the precompiled header takes seconds.
CACHE_DIR = Path(__file__).resolve().parents[2] / "var" / "judge"


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("SABAQ_REQUIRE_JUDGE") == "1":
        pytest.fail(f"the judge's sandbox is required here but unavailable: {reason}")
    pytest.skip(f"the judge's sandbox is unavailable: {reason}")


@pytest.fixture(scope="session")
def sandbox() -> SandboxSettings:
    """Settings of a sandbox proven to work on this machine (else skip, or fail if required)."""
    settings = SandboxSettings()
    if shutil.which("bwrap") is None or not settings.bwrap.exists():
        _unavailable("bubblewrap is not installed (apt-get install bubblewrap)")
    try:
        asyncio.run(check_sandbox(settings))
    except SandboxUnavailable as exc:
        _unavailable(exc.reason)
    return settings


@pytest.fixture(scope="session")
def toolchains(sandbox: SandboxSettings) -> Path:
    """The toolchain cache (precompiled header, javac archive), built once per version."""
    try:
        asyncio.run(prepare_toolchains(CACHE_DIR, settings=sandbox))
    except SandboxUnavailable as exc:
        _unavailable(exc.reason)
    return CACHE_DIR


@pytest.fixture
def workdir() -> Iterator[Path]:
    """A submission's work directory the judge uid can reach (pytest's tmp_path is 0700)."""
    path = Path(tempfile.mkdtemp(prefix="sabaq-judge-test-"))
    os.chmod(path, 0o711)
    yield path
    shutil.rmtree(path)
