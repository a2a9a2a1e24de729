"""The judge's four languages as data, and compiling and running a submission in the sandbox.

Toolchains come from Debian's packages (bubblewrap g++ fp-compiler openjdk-17-jdk-headless).
`prepare_toolchains` builds, once and inside the sandbox too, what makes them fast: a
precompiled <bits/stdc++.h> for g++ and a class-data-sharing archive for javac. Both live in a
cache directory that compiles mount read-only; without them compiling still works, slower.
"""

import contextlib
import functools
import glob
import hashlib
import os
import re
import shutil
import stat
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from core.errors import InvalidInput
from core.i18n import N_
from core.judge.sandbox import (
    Limits,
    RunOutcome,
    SandboxSettings,
    SandboxUnavailable,
    make_box,
    remove_box,
    run_in_sandbox,
)

MAX_SOURCE_BYTES = 64 * 1024
MAX_LOG_CHARS = 64 * 1024
TRUNCATED = "\n[truncated]"
DEFAULT_CACHE_DIR = Path("var/judge")
COMPILE_LIMITS = Limits(
    time_ms=10_000,
    memory_mb=512,
    output_bytes=10 * 1024 * 1024,
    stderr_bytes=10 * 1024 * 1024,
    processes=16,
    wall_ms=20_000,
)
# Building the precompiled header and the javac archive takes longer and writes more.
_PREPARE_LIMITS = Limits(
    time_ms=60_000, memory_mb=1024, output_bytes=512 * 1024 * 1024, processes=16, wall_ms=120_000
)
_UTF8_BOM = b"\xef\xbb\xbf"
_CXX_FLAGS = ("-std=gnu++17", "-O2", "-pipe", "-DONLINE_JUDGE")
_PCH_INSIDE = "/judge-pch"
_JAVAC_ARCHIVE = "javac.jsa"
_CACHE_INSIDE = "/judge-cache"
_JVM_RUN_FLAGS = (
    # No hsperfdata file in /tmp: nothing to write at start-up, nothing for a tool to attach to.
    "-XX:-UsePerfData",
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-XX:ActiveProcessorCount=1",
    "-Xshare:auto",
)


class InvalidSource(InvalidInput):
    """A submission's source the judge will not compile; `message` says why."""

    code = "invalid_source"
    default_message = N_("The source code cannot be judged.")


@dataclass(frozen=True)
class Language:
    """How the judge compiles and runs one language; argv paths are as seen in the sandbox."""

    key: str
    name: str
    source_name: str
    compile_argv: tuple[str, ...]
    artifact: str
    run_argv: tuple[str, ...]
    compile_profile: str
    run_profile: str
    # Tasks a run may have beyond the first (the JVM's threads).
    run_threads: int = 0
    # Memory the cgroup allows beyond the problem's limit: the JVM's own, outside the heap.
    memory_slack_mb: int = 0
    open_files: int = 64


@dataclass(frozen=True)
class Compiled:
    """A compiled submission: its box (read-only from now on) and the language to run it."""

    language: Language
    box: Path
    settings: SandboxSettings

    def remove(self) -> None:
        """Remove the compiled program's box (removing the compile's workdir does too)."""
        remove_box(self.box)


@dataclass(frozen=True)
class CompileError:
    """The compiler rejected the source or went over its limits.

    `message` is a sentence marked for translation; `log` is the compiler's own output, for the
    author, cut to 64 KiB (ending in "[truncated]" then).
    """

    log: str
    message: str = N_("The source code did not compile.")


LANGUAGES: Mapping[str, Language] = MappingProxyType(
    {
        "python": Language(
            key="python",
            name="Python 3",
            source_name="main.py",
            # Only a syntax check: a SyntaxError is a compile error, not a runtime error.
            compile_argv=(
                "/usr/bin/python3",
                "-I",
                "-S",
                "-c",
                "import py_compile; py_compile.compile('main.py', cfile='/tmp/main.pyc', "
                "doraise=True)",
            ),
            artifact="main.py",
            run_argv=("/usr/bin/python3", "-I", "-S", "-B", "/box/main.py"),
            compile_profile="python",
            run_profile="python",
        ),
        "cpp": Language(
            key="cpp",
            name="C++17 (g++)",
            source_name="main.cpp",
            compile_argv=(
                "/usr/bin/g++",
                *_CXX_FLAGS,
                f"-I{_PCH_INSIDE}",
                "-include",
                "bits/stdc++.h",
                "-o",
                "main",
                "main.cpp",
            ),
            artifact="main",
            run_argv=("/box/main",),
            compile_profile="compiler",
            run_profile="cpp",
        ),
        "java": Language(
            key="java",
            name="Java 17",
            source_name="Main.java",
            compile_argv=(
                "/usr/bin/javac",
                "-J-XX:-UsePerfData",
                "-J-XX:+UseSerialGC",
                "-J-XX:TieredStopAtLevel=1",
                # Few JVM threads whatever the host's core count: the pids limit counts them.
                "-J-XX:ActiveProcessorCount=1",
                "-J-Xmx384m",
                "-encoding",
                "UTF-8",
                # No annotation processors: they are code that runs at compile time.
                "-proc:none",
                "-d",
                "/box",
                "Main.java",
            ),
            artifact="Main.class",
            run_argv=(
                "/usr/bin/java",
                *_JVM_RUN_FLAGS,
                "-Xss64m",
                "-Xmx{memory_mb}m",
                "-cp",
                "/box",
                "Main",
            ),
            compile_profile="java",
            run_profile="java",
            run_threads=48,
            memory_slack_mb=96,
            open_files=256,
        ),
        "pascal": Language(
            key="pascal",
            name="Free Pascal",
            source_name="main.pas",
            compile_argv=(
                "/usr/bin/fpc",
                "-O2",
                "-Xs",
                "-XX",
                "-l-",
                "-vew",
                "-omain",
                "main.pas",
            ),
            artifact="main",
            run_argv=("/box/main",),
            compile_profile="compiler",
            run_profile="pascal",
        ),
    }
)


def check_source(source: bytes) -> bytes:
    """The source as the compiler gets it: a leading UTF-8 BOM dropped.

    Raises:
        InvalidSource: when it is empty, over 64 KiB, or holds a NUL byte.
    """
    if source.startswith(_UTF8_BOM):
        source = source[len(_UTF8_BOM) :]
    if not source.strip():
        raise InvalidSource(N_("The source code is empty."))
    if len(source) > MAX_SOURCE_BYTES:
        raise InvalidSource(
            N_("The source code is larger than {limit} KiB."), limit=MAX_SOURCE_BYTES // 1024
        )
    if b"\0" in source:
        raise InvalidSource(N_("The source code contains a NUL byte."))
    return source


def _truncate_log(text: str) -> str:
    if len(text) <= MAX_LOG_CHARS:
        return text
    return text[:MAX_LOG_CHARS] + TRUNCATED


@functools.cache
def _current_cache(cache_dir: Path) -> Path | None:
    """This toolchain version's directory under `cache_dir` (None without g++'s headers)."""
    try:
        cxx_header = _cxx_header()
    except SandboxUnavailable:
        return None
    return _versioned(cache_dir, _toolchain_stamp(cxx_header))


def _cache_binds(language: Language, cache_dir: Path) -> dict[str, Path]:
    """Read-only mounts of what `prepare_toolchains` built, where it has been built."""
    current = _current_cache(cache_dir)
    if current is None:
        return {}
    if language.key == "cpp" and (current / "pch" / "bits" / "stdc++.h.gch").is_file():
        return {_PCH_INSIDE: current / "pch"}
    if language.key == "java" and (current / "java" / _JAVAC_ARCHIVE).is_file():
        return {_CACHE_INSIDE: current / "java"}
    return {}


def _compile_argv(language: Language, binds: Mapping[str, Path]) -> list[str]:
    argv = list(language.compile_argv)
    if _CACHE_INSIDE in binds:
        archive = f"-J-XX:SharedArchiveFile={_CACHE_INSIDE}/{_JAVAC_ARCHIVE}"
        argv[1:1] = [archive, "-J-Xshare:auto"]
    return argv


async def compile_source(
    language: Language,
    source: bytes,
    *,
    workdir: Path,
    cache_dir: Path = DEFAULT_CACHE_DIR,
    settings: SandboxSettings | None = None,
) -> Compiled | CompileError:
    """Compile `source` in the sandbox into a new box under `workdir`.

    The caller owns `workdir` (it must be searchable by the judge uid, e.g. mode 0711) and
    removes it after the runs; the box inside is private to the judge uid. `cache_dir` is the
    one given to `prepare_toolchains`; before that has run, C++ and Java compile slower.

    Raises:
        InvalidSource: when the source is empty, too large or holds a NUL byte.
        SandboxUnavailable: when the sandbox cannot be set up.
    """
    source = check_source(source)
    settings = replace(settings or SandboxSettings(), boxes_dir=workdir)
    # The box outlives this call when the compile succeeds (runs mount it); the caller's
    # removal of workdir takes it away then.
    box = make_box(settings)
    try:
        _write_source(box / language.source_name, source)
        binds = _cache_binds(language, cache_dir)
        outcome = await run_in_sandbox(
            _compile_argv(language, binds),
            box=box,
            stdin=b"",
            limits=COMPILE_LIMITS,
            profile=language.compile_profile,
            writable_box=True,
            binds=binds,
            settings=settings,
        )
    except BaseException:
        remove_box(box)
        raise
    log = (outcome.stdout + outcome.stderr).decode(errors="replace")
    # lstat: a compile that left a symlink (or nothing) where the program should be failed.
    if outcome.status == "ok" and _is_regular_file(box / language.artifact):
        return Compiled(language=language, box=box, settings=settings)
    remove_box(box)
    if outcome.status in {"time_limit", "memory_limit", "output_limit"}:
        return CompileError(
            log=_truncate_log(log),
            message=N_("Compiling took more time, memory or output than is allowed."),
        )
    if outcome.status == "ok":
        return CompileError(
            log=_truncate_log(log), message=N_("The compiler produced no program.")
        )
    return CompileError(log=_truncate_log(log))


def _is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except FileNotFoundError:
        return False


def _write_source(path: Path, source: bytes) -> None:
    # The box is fresh and ours, so O_EXCL just states that nothing can be there yet.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(source)


async def run_compiled(compiled: Compiled, *, stdin: bytes, limits: Limits) -> RunOutcome:
    """Run a compiled submission on one input; its box is mounted read-only, /tmp is fresh.

    Raises:
        SandboxUnavailable: when the sandbox cannot be set up.
    """
    language = compiled.language
    argv = [part.format(memory_mb=limits.memory_mb) for part in language.run_argv]
    run_limits = replace(
        limits,
        memory_mb=limits.memory_mb + language.memory_slack_mb,
        processes=limits.processes + language.run_threads,
        open_files=max(limits.open_files, language.open_files),
    )
    outcome = await run_in_sandbox(
        argv,
        box=compiled.box,
        stdin=stdin,
        limits=run_limits,
        profile=language.run_profile,
        writable_box=False,
        settings=compiled.settings,
    )
    if outcome.status == "runtime_error" and _ran_out_of_memory(language, outcome.stderr):
        return replace(outcome, status="memory_limit")
    return outcome


def _ran_out_of_memory(language: Language, stderr: bytes) -> bool:
    """The runtime's own out-of-memory error: the heap limit reached before the cgroup's."""
    marker = {"java": b"java.lang.OutOfMemoryError", "python": b"MemoryError"}.get(language.key)
    return marker is not None and marker in stderr


def _cxx_header() -> str:
    """The <bits/stdc++.h> of the g++ that /usr/bin/g++ is (its real name ends in the version).

    Raises:
        SandboxUnavailable: when g++'s library headers are not installed.
    """
    version = re.search(r"-(\d+)$", os.path.realpath("/usr/bin/g++"))
    found = sorted(
        glob.glob(f"/usr/include/*/c++/{version.group(1) if version else '*'}/bits/stdc++.h")
    )
    if not found:
        raise SandboxUnavailable("g++'s <bits/stdc++.h> is missing (apt-get install g++).")
    return found[-1]


def _toolchain_stamp(cxx_header: str) -> str:
    """Changes whenever a toolchain or our flags do, so a stale cache is rebuilt."""
    jdk = Path(os.path.realpath("/usr/bin/javac")).parent.parent
    parts = [*_CXX_FLAGS, cxx_header, *_JVM_RUN_FLAGS]
    for path in ("/usr/bin/g++", str(jdk / "lib" / "modules"), cxx_header):
        with contextlib.suppress(OSError):
            info = os.stat(path)
            parts.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


_WARM_JAVA = b"""import java.util.*;
import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer st = new StringTokenizer(in.readLine());
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out)));
        Scanner sc = new Scanner("1 2");
        ArrayList<Integer> xs = new ArrayList<>(); HashMap<Long, String> m = new HashMap<>();
        out.println(Long.parseLong(st.nextToken()) + sc.nextLong() + xs.size() + m.size());
        out.flush();
    }
}
"""


async def _build(
    argv: list[str], *, box: Path, settings: SandboxSettings, what: str, profile: str
) -> None:
    outcome = await run_in_sandbox(
        argv,
        box=box,
        stdin=b"",
        limits=_PREPARE_LIMITS,
        profile=profile,
        writable_box=True,
        settings=settings,
    )
    if outcome.status != "ok":
        log = outcome.stderr.decode(errors="replace").strip()[:300]
        raise SandboxUnavailable(f"cannot build the {what} ({outcome.status}): {log}.")


async def prepare_toolchains(
    cache_dir: Path = DEFAULT_CACHE_DIR, *, settings: SandboxSettings | None = None
) -> Path:
    """Build the precompiled C++ header and the javac CDS archive into `cache_dir`, once.

    Builds run in the sandbox; a finished cache is renamed into place in one step, so
    workers preparing at the same time never see half of one.

    Returns:
        The directory under `cache_dir` holding this toolchain version's files.

    Raises:
        SandboxUnavailable: when the sandbox cannot be set up or a build fails.
    """
    settings = settings or SandboxSettings()
    cxx_header = _cxx_header()
    stamp = _toolchain_stamp(cxx_header)
    final = _versioned(cache_dir, stamp)
    if (final / "stamp").is_file():
        return final
    staging = _stage_cache(cache_dir, settings, cxx_header)
    try:
        await _build_caches(staging, settings, cxx_header)
        (staging / "stamp").write_text(stamp)
        os.chmod(staging, 0o755)
        # Another worker may have finished first: its cache is as good as ours.
        with contextlib.suppress(OSError):
            staging.rename(final)
    finally:
        remove_box(staging)
    if not (final / "stamp").is_file():
        raise SandboxUnavailable(f"cannot put the toolchain cache in place at {final}.")
    return final


def _versioned(cache_dir: Path, stamp: str) -> Path:
    """This toolchain version's cache, absolute: mounts never resolve against a cwd."""
    return cache_dir.absolute() / stamp[:16]


def _stage_cache(cache_dir: Path, settings: SandboxSettings, cxx_header: str) -> Path:
    """A judge-owned staging box under `cache_dir` with the directories the builds write."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    # The judge uid must reach the cache to mount it.
    os.chmod(cache_dir, 0o755)
    staging = make_box(replace(settings, boxes_dir=cache_dir))
    owner = staging.stat()
    for path in (staging / "pch", staging / "pch" / "bits", staging / "java"):
        path.mkdir(mode=0o755)
        os.chown(path, owner.st_uid, owner.st_gid)
    # The header beside its .gch: `-include` takes the .gch, then a source's own
    # `#include <bits/stdc++.h>` finds this copy (GCC looks in the .gch's directory).
    shutil.copyfile(cxx_header, staging / "pch" / "bits" / "stdc++.h")
    _write_source(staging / "java" / "Main.java", _WARM_JAVA)
    return staging


async def _build_caches(staging: Path, settings: SandboxSettings, cxx_header: str) -> None:
    await _build(
        [
            "/usr/bin/g++",
            *_CXX_FLAGS,
            "-x",
            "c++-header",
            cxx_header,
            "-o",
            "pch/bits/stdc++.h.gch",
        ],
        box=staging,
        settings=settings,
        what="precompiled C++ header",
        profile="compiler",
    )
    await _build(
        [
            "/usr/bin/javac",
            f"-J-XX:ArchiveClassesAtExit=/box/java/{_JAVAC_ARCHIVE}",
            "-J-XX:+UseSerialGC",
            "-J-XX:TieredStopAtLevel=1",
            "-proc:none",
            "-d",
            "/tmp",
            "java/Main.java",
        ],
        box=staging,
        settings=settings,
        what="javac class-data archive",
        profile="java",
    )
