"""One command in a fresh OS sandbox: bubblewrap, seccomp, a cgroup, rlimits and a judge uid.

There is no unsandboxed fallback: whenever a part of the sandbox cannot be set up for a run,
that run raises `SandboxUnavailable` and nothing of the command has run.

A run goes like this:
1. a fresh cgroup (memory + swap, tasks, CPU accounting) is made for it;
2. a helper shell is started as the judge's uid and waits on a pipe; we write its pid into the
   cgroup, and only then let it set its rlimits and `exec bwrap`, so everything bwrap and the
   judged command ever start is counted and limited from its first instruction (children
   inherit the cgroup and rlimits at fork);
3. bwrap builds the namespaces and the read-only toolchain root, loads the profile's seccomp
   filter and execs the command; its `--json-status-fd` tells us the command's exit code;
4. we feed stdin, read stdout/stderr with a byte cap, and kill on wall time or output;
5. finally every task in the cgroup is killed, orphans that reached us (the worker is a child
   subreaper) are reaped, the counters are read and the cgroup is removed.
"""

import asyncio
import contextlib
import ctypes
import json
import math
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from core.judge.cgroups import CgroupError, RunCgroup, detect_layout, run_cgroup
from core.judge.seccomp import filter_fd

Status = Literal["ok", "runtime_error", "time_limit", "memory_limit", "output_limit"]

DEFAULT_BWRAP = Path("/usr/bin/bwrap")
DEFAULT_CGROUP_ROOT = Path("/sys/fs/cgroup")
JUDGE_USER = "sabaq-judge"
# The whole environment of a sandboxed command (bwrap adds PWD=/box).
SANDBOX_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/box"}
# The toolchain: the only host paths visible inside, all read-only. /usr holds the compilers,
# the JVM (/usr/lib/jvm) and the libraries; /etc contributes only what they read at start-up.
_ROOT_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
_ETC_PATHS = (
    "/etc/alternatives",
    "/etc/ld.so.cache",
    "/etc/ld.so.conf",
    "/etc/ld.so.conf.d",
    "/etc/java-17-openjdk",
    # A symlink through /etc/alternatives: bwrap mounts the file it resolves to.
    "/etc/fpc.cfg",
)
_READ_CHUNK = 64 * 1024
PR_SET_CHILD_SUBREAPER = 36
# Tasks of the sandbox itself that count against the pids limit: the outer bwrap and its
# pid-namespace init (the command is the third).
_BWRAP_TASKS = 2
# The helper shell: wait until we have put it in the cgroup, close the gate's descriptor (its
# number, $1, is ours), set the rlimits (lowering is always allowed, while another process's
# limits need CAP_SYS_RESOURCE, which containers often lack) and become bwrap. Soft CPU first:
# a hard limit below the current soft one is refused. bash, not dash: dash's redirections stop
# at descriptor 9, and a busy worker's pipes have higher numbers.
_HELPER_SHELL = "/bin/bash"
_HANDSHAKE = (
    'read -r -u "$1" _ || exit 125; fd=$1; exec {fd}<&-; '
    'ulimit -S -t "$2" && ulimit -H -t "$3" && ulimit -f "$4" && ulimit -n "$5" '
    '&& ulimit -c 0 && ulimit -s "$6" || exit 125; shift 6; exec "$@"'
)


class SandboxUnavailable(Exception):
    """The sandbox cannot be set up, so nothing was run; `reason` is one sentence for logs."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Limits:
    """What one run may use; `wall_ms` defaults to twice the CPU time plus a second."""

    time_ms: int
    memory_mb: int
    output_bytes: int = 64 * 1024 * 1024
    processes: int = 1
    wall_ms: int | None = None
    open_files: int = 64
    # Standard error past this is read and dropped; it never ends a run.
    stderr_bytes: int = 64 * 1024

    @property
    def wall_limit_ms(self) -> int:
        """The wall-clock limit in force."""
        return self.wall_ms if self.wall_ms is not None else 2 * self.time_ms + 1000


@dataclass(frozen=True)
class RunOutcome:
    """How a sandboxed command ended and what it used; output comes only from its pipes."""

    status: Status
    exit_code: int | None
    signal: int | None
    cpu_ms: int
    wall_ms: int
    memory_kb: int
    stdout: bytes
    stderr: bytes


@dataclass(frozen=True)
class SandboxSettings:
    """Where the sandbox's parts are; injectable so tests can prove it fails closed."""

    bwrap: Path = DEFAULT_BWRAP
    cgroup_root: Path = DEFAULT_CGROUP_ROOT
    user: str = JUDGE_USER
    boxes_dir: Path | None = None


@dataclass(frozen=True)
class SandboxInfo:
    """What `check_sandbox` found, for the operator log."""

    bwrap: Path
    cgroup_version: int
    uid: int
    gid: int
    dedicated_user: bool
    note: str


@dataclass(frozen=True)
class _Identity:
    uid: int
    gid: int
    switch: bool  # start bwrap as uid/gid (we are root) or as ourselves (user namespaces)


@dataclass
class _RunState:
    # The limit that ended the run from outside (we killed it, or its output went over).
    killed_for: Status | None = None
    exit_code: int | None = None
    started: bool = False


_active_pids: set[int] = set()
_subreaper_set = False


def become_subreaper() -> None:
    """Make this worker the reaper of orphans from its runs (once per process).

    Raises:
        SandboxUnavailable: when the kernel refuses PR_SET_CHILD_SUBREAPER.
    """
    global _subreaper_set  # noqa: PLW0603 - a once-per-process kernel setting
    if _subreaper_set:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        reason = os.strerror(ctypes.get_errno())
        raise SandboxUnavailable(f"the worker cannot become a child subreaper: {reason}.")
    _subreaper_set = True


def setup_judge_user(name: str = JUDGE_USER) -> tuple[int, int]:
    """Create (when missing) the system user that judged code runs as; root only.

    Returns:
        Its uid and gid.

    Raises:
        SandboxUnavailable: when not root, or when useradd fails.
    """
    with contextlib.suppress(KeyError):
        entry = pwd.getpwnam(name)
        return entry.pw_uid, entry.pw_gid
    if os.geteuid() != 0:
        raise SandboxUnavailable(f"the judge user {name} is missing and only root can add it.")
    command = [
        "useradd",
        "--system",
        "--user-group",
        "--no-create-home",
        "--home-dir",
        "/nonexistent",
        "--shell",
        "/usr/sbin/nologin",
        name,
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SandboxUnavailable(f"cannot run useradd for the judge user: {exc}") from exc
    if done.returncode != 0 and "already exists" not in done.stderr:
        raise SandboxUnavailable(f"cannot add the judge user {name}: {done.stderr.strip()}.")
    entry = pwd.getpwnam(name)
    return entry.pw_uid, entry.pw_gid


def _identity(settings: SandboxSettings) -> _Identity:
    if os.geteuid() == 0:
        uid, gid = setup_judge_user(settings.user)
        return _Identity(uid=uid, gid=gid, switch=True)
    return _Identity(uid=os.geteuid(), gid=os.getegid(), switch=False)


def _toolchain_args() -> list[str]:
    args: list[str] = []
    for path in _ROOT_DIRS:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    for path in _ETC_PATHS:
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    return args


def make_box(settings: SandboxSettings | None = None) -> Path:
    """A new private directory (0700, owned by the judge uid) for a run; see `remove_box`.

    Raises:
        SandboxUnavailable: when the directory cannot be made or handed to the judge uid.
    """
    settings = settings or SandboxSettings()
    identity = _identity(settings)
    try:
        box = Path(tempfile.mkdtemp(prefix="sabaq-box-", dir=settings.boxes_dir))
    except OSError as exc:
        raise SandboxUnavailable(f"cannot make a box directory: {exc}.") from exc
    try:
        os.chmod(box, 0o700)
        if identity.switch:
            os.chown(box, identity.uid, identity.gid)
    except OSError as exc:
        remove_box(box)
        raise SandboxUnavailable(f"cannot hand a box directory to the judge: {exc}.") from exc
    return box


def remove_box(box: Path) -> None:
    """Remove a box and all in it, never following a symlink planted inside.

    shutil.rmtree works on directory descriptors here (`avoids_symlink_attacks`): a link is
    unlinked, its target left alone.
    """
    shutil.rmtree(box, ignore_errors=True)


@contextlib.contextmanager
def fresh_box(settings: SandboxSettings | None = None) -> Iterator[Path]:
    """`make_box` for the length of a `with` block, removed after.

    Raises:
        SandboxUnavailable: when the directory cannot be made or handed to the judge uid.
    """
    box = make_box(settings)
    try:
        yield box
    finally:
        remove_box(box)


def _bwrap_argv(
    *,
    settings: SandboxSettings,
    box: Path,
    writable_box: bool,
    binds: Mapping[str, Path],
    tmp_bytes: int,
    env: Mapping[str, str],
) -> list[str]:
    """bwrap's arguments up to its options for seccomp and status, which the caller adds."""
    args = [
        str(settings.bwrap),
        "--unshare-all",
        "--unshare-user",
        "--disable-userns",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--hostname",
        "judge",
        "--clearenv",
    ]
    for key, value in {**SANDBOX_ENV, **env}.items():
        args += ["--setenv", key, value]
    args += _toolchain_args()
    args += ["--proc", "/proc", "--dev", "/dev", "--size", str(tmp_bytes), "--tmpfs", "/tmp"]
    # Absolute: bwrap starts in "/", not in our working directory.
    args += ["--bind" if writable_box else "--ro-bind", str(box.absolute()), "/box"]
    for inside, outside in binds.items():
        args += ["--ro-bind", str(outside.absolute()), inside]
    return [*args, "--chdir", "/box"]


def _rlimit_args(limits: Limits) -> list[str]:
    """The helper shell's ulimit values: CPU soft/hard s, file size KiB, fds, stack KiB."""
    # RLIMIT_CPU is a backstop: the cgroup's CPU counter and our wall clock decide TLE first.
    cpu_seconds = math.ceil(limits.time_ms / 1000) + 1
    return [
        str(cpu_seconds),
        str(cpu_seconds + 1),
        str(math.ceil(limits.output_bytes / 1024)),
        str(limits.open_files),
        # The stack may take all the memory the run has (recursive solutions); the cgroup
        # limits it in fact. No address-space limit: the JVM reserves far more than it uses.
        str(limits.memory_mb * 1024),
    ]


def _children() -> list[int]:
    """This worker's child pids: from each thread's `children` list, else a /proc scan."""
    if not Path(f"/proc/self/task/{os.getpid()}/children").exists():
        return _children_by_scan()  # a kernel without CONFIG_PROC_CHILDREN
    pids: list[int] = []
    with os.scandir("/proc/self/task") as tasks:
        for task in tasks:
            # A thread (the event loop's executor) may end between the listing and the read.
            with contextlib.suppress(FileNotFoundError, ProcessLookupError):
                pids += map(int, Path(task.path, "children").read_text().split())
    return pids


def _children_by_scan() -> list[int]:
    me = str(os.getpid())
    pids: list[int] = []
    with os.scandir("/proc") as entries:
        for entry in entries:
            with contextlib.suppress(OSError, IndexError):
                stat = Path(entry.path, "stat").read_text() if entry.name.isdigit() else ""
                if stat and stat[stat.rfind(")") + 2 :].split()[1] == me:
                    pids.append(int(entry.name))
    return pids


def _orphans() -> list[int]:
    """Children of this worker that are bwrap processes of finished runs."""
    pids = []
    for pid in _children():
        if pid in _active_pids:
            continue
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if stat[stat.find("(") + 1 : stat.rfind(")")] == "bwrap":
            pids.append(pid)
    return pids


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


async def _reap_orphans() -> None:
    """Reap bwrap processes of finished runs that were re-parented to this subreaper.

    Such an orphan was killed with its run but may still be exiting: a killed task leaves its
    cgroup before the kernel makes it a zombie, so each is waited for through a pidfd first.
    """
    for pid in _orphans():
        try:
            pidfd = os.pidfd_open(pid)
        except ProcessLookupError:
            continue
        try:
            await _exited(pidfd)
        finally:
            os.close(pidfd)
        _reap(pid)


async def _exited(pidfd: int) -> None:
    """Wait until the process of `pidfd` has exited (its pidfd turns readable then)."""
    loop = asyncio.get_running_loop()
    exited = asyncio.Event()
    loop.add_reader(pidfd, exited.set)
    try:
        await exited.wait()
    finally:
        loop.remove_reader(pidfd)


async def _pump(
    stream: asyncio.StreamReader, cap: int, on_overflow: asyncio.Event | None
) -> bytes:
    """Read a pipe to its end, keeping `cap` bytes; past that, signal and drain."""
    kept = bytearray()
    while chunk := await stream.read(_READ_CHUNK):
        if len(kept) <= cap:
            kept += chunk[: cap + 1 - len(kept)]
            if len(kept) > cap and on_overflow is not None:
                on_overflow.set()
    return bytes(kept[:cap])


async def _feed(writer: asyncio.StreamWriter | None, data: bytes) -> None:
    if writer is None:
        return
    # A command that exits without reading its input closes the pipe under us.
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        writer.write(data)
        await writer.drain()
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        writer.close()
        await writer.wait_closed()


def _read_status(status_r: int) -> tuple[bool, int | None]:
    """Parse bwrap's JSON status stream: (did the command start, its exit code)."""
    chunks = []
    while chunk := os.read(status_r, 65536):
        chunks.append(chunk)
    started, exit_code = False, None
    decoder = json.JSONDecoder()
    text, position = b"".join(chunks).decode(errors="replace"), 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        try:
            document, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError:
            break
        if "child-pid" in document:
            started = True
        if "exit-code" in document:
            exit_code = int(document["exit-code"])
    return started, exit_code


async def _supervise(
    process: asyncio.subprocess.Process,
    group: RunCgroup,
    state: _RunState,
    *,
    stdin: bytes,
    limits: Limits,
) -> tuple[bytes, bytes]:
    """Feed, read and time the command; kill its whole cgroup on wall time or output."""
    assert process.stdout is not None and process.stderr is not None
    overflow = asyncio.Event()
    out_task = asyncio.create_task(_pump(process.stdout, limits.output_bytes, overflow))
    err_task = asyncio.create_task(_pump(process.stderr, limits.stderr_bytes, None))
    feed_task = asyncio.create_task(_feed(process.stdin, stdin))
    wait_task = asyncio.create_task(process.wait())
    overflow_task = asyncio.create_task(overflow.wait())
    try:
        done, _ = await asyncio.wait(
            {wait_task, overflow_task},
            timeout=limits.wall_limit_ms / 1000,
            return_when=asyncio.FIRST_COMPLETED,
        )
        if overflow_task in done:
            state.killed_for = "output_limit"
        elif wait_task not in done:
            state.killed_for = "time_limit"
        # Whatever happened, nothing of the run outlives this point: grandchildren included.
        group.kill_all()
        await wait_task
        stdout, stderr = await asyncio.gather(out_task, err_task)
        # Output past the cap that was still in the pipe when the command exited counts too.
        if overflow.is_set() and state.killed_for is None:
            state.killed_for = "output_limit"
    finally:
        for task in (out_task, err_task, feed_task, wait_task, overflow_task):
            task.cancel()
        await asyncio.gather(
            out_task, err_task, feed_task, wait_task, overflow_task, return_exceptions=True
        )
    return stdout, stderr


def _verdict(
    state: _RunState, *, oom: bool, cpu_ms: int, limits: Limits
) -> tuple[Status, int | None]:
    """The run's status and the signal that ended it (bwrap reports 128 + signal)."""
    code = state.exit_code
    sig = code - 128 if code is not None and code > 128 else None
    if state.killed_for is not None:
        return state.killed_for, sig
    if oom:
        return "memory_limit", sig
    if cpu_ms > limits.time_ms or sig == signal.SIGXCPU:
        return "time_limit", sig
    if code != 0:
        return "runtime_error", sig
    return "ok", sig


async def _spawn_helper(
    bwrap_args: list[str],
    *,
    json_status_fd: int,
    argv: Sequence[str],
    pass_fds: tuple[int, ...],
    gate_fd: int,
    identity: _Identity,
) -> asyncio.subprocess.Process:
    user_args: dict[str, object] = (
        {"user": identity.uid, "group": identity.gid, "extra_groups": []}
        if identity.switch
        else {}
    )
    try:
        return await asyncio.create_subprocess_exec(
            _HELPER_SHELL,
            "--noprofile",
            "--norc",
            "-c",
            _HANDSHAKE,
            "sh",
            str(gate_fd),
            *bwrap_args,
            "--json-status-fd",
            str(json_status_fd),
            "--",
            *argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            pass_fds=pass_fds,
            start_new_session=True,
            # bwrap's own environment and directory are visible inside as /proc/1's: keep
            # them to the fixed PATH and "/" (bwrap execs the command with --clearenv's).
            cwd="/",
            env={"PATH": SANDBOX_ENV["PATH"]},
            **user_args,  # type: ignore[arg-type]
        )
    except OSError as exc:
        raise SandboxUnavailable(f"cannot start the sandbox's helper shell: {exc}") from exc


async def _run_confined(
    command: list[str],
    argv: Sequence[str],
    *,
    group: RunCgroup,
    identity: _Identity,
    seccomp_fd: int,
    stdin: bytes,
    limits: Limits,
) -> tuple[_RunState, bytes, bytes, int]:
    """Start the helper shell, confine it, let it become bwrap and supervise the run."""
    gate_r, gate_w = os.pipe()
    status_r, status_w = os.pipe()
    try:
        process = await _spawn_helper(
            [*_rlimit_args(limits), *command, "--seccomp", str(seccomp_fd)],
            json_status_fd=status_w,
            argv=argv,
            pass_fds=(seccomp_fd, gate_r, status_w),
            gate_fd=gate_r,
            identity=identity,
        )
    except BaseException:
        os.close(gate_w)
        os.close(status_r)
        raise
    finally:
        os.close(gate_r)
        os.close(status_w)
    _active_pids.add(process.pid)
    state = _RunState()
    try:
        try:
            group.attach(process.pid)
        except CgroupError as exc:
            raise SandboxUnavailable(f"cannot confine the run: {exc}.") from exc
        started_at = time.monotonic()
        os.write(gate_w, b"go\n")
        os.close(gate_w)
        gate_w = -1
        stdout, stderr = await _supervise(process, group, state, stdin=stdin, limits=limits)
        wall_ms = round((time.monotonic() - started_at) * 1000)
    finally:
        if gate_w >= 0:
            os.close(gate_w)
        group.kill_all()
        with contextlib.suppress(ProcessLookupError):
            await process.wait()
        _active_pids.discard(process.pid)
        await _reap_orphans()
        state.started, state.exit_code = _read_status(status_r)
        os.close(status_r)
    return state, stdout, stderr, wall_ms


async def run_in_sandbox(
    argv: Sequence[str],
    *,
    box: Path,
    stdin: bytes,
    limits: Limits,
    profile: str,
    writable_box: bool,
    binds: Mapping[str, Path] | None = None,
    env: Mapping[str, str] | None = None,
    settings: SandboxSettings | None = None,
) -> RunOutcome:
    """Run `argv` (paths as seen inside) in a fresh sandbox with `box` mounted at /box.

    Args:
        argv: the command; /box is its working directory and HOME.
        box: a directory from `make_box` (or a compile's box, then read-only).
        stdin: the command's whole standard input.
        limits: CPU, wall, memory, output, task and descriptor limits.
        profile: the seccomp profile (see `core.judge.seccomp.PROFILES`).
        writable_box: whether the command may write in /box (compiles); /tmp is always a
            fresh private tmpfs, its size charged to the run's memory.
        binds: extra read-only mounts, inside path to host path (e.g. a precompiled header).
        env: extra environment on top of the fixed PATH, LANG and HOME.
        settings: where bwrap and the cgroup root are, and the judge user.

    Raises:
        SandboxUnavailable: when bwrap, the seccomp filter, the cgroup or the judge uid cannot
            be set up, or bwrap fails before starting the command.
    """
    settings = settings or SandboxSettings()
    if not shutil.rmtree.avoids_symlink_attacks:
        raise SandboxUnavailable("this platform's rmtree can follow symlinks planted in a box.")
    if not os.access(settings.bwrap, os.X_OK):
        raise SandboxUnavailable("bubblewrap is not installed (apt-get install bubblewrap).")
    identity = _identity(settings)
    become_subreaper()
    try:
        layout = detect_layout(settings.cgroup_root)
        seccomp_fd = filter_fd(profile)
    except (CgroupError, OSError, KeyError) as exc:
        raise SandboxUnavailable(f"cannot set the sandbox up: {exc}.") from exc
    memory = limits.memory_mb * 1024 * 1024
    command = _bwrap_argv(
        settings=settings,
        box=box,
        writable_box=writable_box,
        binds=binds or {},
        tmp_bytes=memory,
        env=env or {},
    )
    try:
        tasks = limits.processes + _BWRAP_TASKS
        with run_cgroup(layout, memory_bytes=memory, tasks=tasks) as group:
            state, stdout, stderr, wall_ms = await _run_confined(
                command,
                argv,
                group=group,
                identity=identity,
                seccomp_fd=seccomp_fd,
                stdin=stdin,
                limits=limits,
            )
            usage = group.usage()
    except CgroupError as exc:
        raise SandboxUnavailable(f"cannot use the run's cgroup: {exc}.") from exc
    finally:
        os.close(seccomp_fd)
    bwrap_failed = not state.started or (state.exit_code is None and state.killed_for is None)
    if bwrap_failed and not usage.oom_killed:
        first_line = " ".join(stderr.decode(errors="replace").strip().splitlines()[:1])
        raise SandboxUnavailable(
            f"bubblewrap could not start the command: {first_line or 'no reason given'}."
        )
    cpu_ms = usage.cpu_ns // 1_000_000
    status, sig = _verdict(state, oom=usage.oom_killed, cpu_ms=cpu_ms, limits=limits)
    return RunOutcome(
        status=status,
        exit_code=state.exit_code,
        signal=sig,
        cpu_ms=cpu_ms,
        wall_ms=wall_ms,
        memory_kb=usage.memory_peak_bytes // 1024,
        stdout=stdout,
        stderr=stderr,
    )


async def check_sandbox(settings: SandboxSettings | None = None) -> SandboxInfo:
    """Prove the sandbox works by running `true` in it; call at worker start-up.

    Raises:
        SandboxUnavailable: with the reason, when any part of the sandbox does not work.
    """
    settings = settings or SandboxSettings()
    identity = _identity(settings)
    with fresh_box(settings) as box:
        outcome = await run_in_sandbox(
            ["/bin/true"],
            box=box,
            stdin=b"",
            limits=Limits(time_ms=2000, memory_mb=64),
            profile="cpp",
            writable_box=False,
            settings=settings,
        )
    if outcome.status != "ok":
        raise SandboxUnavailable(
            f"a trivial command failed in the sandbox ({outcome.status}): "
            f"{outcome.stderr.decode(errors='replace').strip()[:200]}."
        )
    try:
        version = detect_layout(settings.cgroup_root).version
    except CgroupError as exc:
        raise SandboxUnavailable(str(exc)) from exc
    note = (
        f"commands run as the dedicated user {settings.user}"
        if identity.switch
        else "not root: commands run as the current user inside user namespaces"
    )
    return SandboxInfo(
        bwrap=settings.bwrap,
        cgroup_version=version,
        uid=identity.uid,
        gid=identity.gid,
        dedicated_user=identity.switch,
        note=note,
    )


probe = check_sandbox
