"""A fresh cgroup per sandboxed run: limits, counters and a kill switch, on cgroup v1 or v2.

v2 (unified, `cgroup.controllers` at the root) keeps one directory per run; v1 keeps one per
controller (memory, pids, cpuacct), each under the worker's own cgroup in that hierarchy, so
the worker's own limits still hold over what it runs.
"""

import contextlib
import errno
import os
import signal
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

V1_CONTROLLERS = ("memory", "pids", "cpuacct")
V2_CONTROLLERS = ("memory", "pids", "cpu")
# How many rounds of SIGKILL over a cgroup's tasks before we give up on emptying it; a fork
# bomb cannot outrun this since the pids limit caps how many tasks exist at once.
_KILL_ROUNDS = 200


class CgroupError(Exception):
    """A cgroup could not be found, made, limited or removed; the message says which."""


@dataclass(frozen=True)
class CgroupLayout:
    """Where per-run cgroups go: one parent per v1 controller, or the one v2 parent."""

    version: Literal[1, 2]
    parents: dict[str, Path]


@dataclass(frozen=True)
class CgroupUsage:
    """What a run used, read before its cgroup is removed."""

    cpu_ns: int
    memory_peak_bytes: int
    oom_killed: bool


def _own_paths() -> dict[str, str]:
    """The worker's cgroup path per v1 controller, and "" for the v2 entry."""
    paths: dict[str, str] = {}
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else [""]:
            paths[controller] = path
    return paths


def detect_layout(root: Path) -> CgroupLayout:
    """Find v2 (unified) or v1 under `root` and where our per-run cgroups may be made.

    Raises:
        CgroupError: when neither a usable v2 nor v1 memory, pids and cpuacct hierarchies
            are mounted there.
    """
    own = _own_paths()
    if (root / "cgroup.controllers").is_file():
        parent = root / own.get("", "/").lstrip("/")
        available = (parent / "cgroup.controllers").read_text().split()
        missing = [c for c in V2_CONTROLLERS if c not in available]
        if missing:
            raise CgroupError(f"cgroup v2 at {parent} lacks the {', '.join(missing)} controller")
        return CgroupLayout(version=2, parents={"unified": parent})
    parents: dict[str, Path] = {}
    for controller in V1_CONTROLLERS:
        mount = root / controller
        if not (mount / "cgroup.procs").is_file():
            raise CgroupError(f"no cgroup v1 {controller} hierarchy is mounted at {mount}")
        parents[controller] = mount / own.get(controller, "/").lstrip("/")
    return CgroupLayout(version=1, parents=parents)


def _write(path: Path, value: str) -> None:
    # Plain open(): cgroupfs files take one write(2) each and have no symlinks to follow.
    with path.open("w") as handle:
        handle.write(value)


def _read_int(path: Path) -> int:
    return int(path.read_text().split()[0])


def _read_keyed(path: Path) -> dict[str, int]:
    pairs = (line.split() for line in path.read_text().splitlines() if line.strip())
    return {key: int(value) for key, value in pairs}


class RunCgroup:
    """The cgroup(s) of one run; made by `run_cgroup`, which removes them after.

    Only the worker (root) writes here, the judged uid never: it moves the helper process in
    before that process runs anything, so no cgroup file is handed to the judge uid.
    """

    def __init__(self, layout: CgroupLayout, name: str) -> None:
        self.layout = layout
        self.dirs: dict[str, Path] = {key: parent / name for key, parent in layout.parents.items()}

    def _dir(self, controller: str) -> Path:
        return self.dirs["unified" if self.layout.version == 2 else controller]

    def _limit(self, memory_bytes: int, tasks: int) -> None:
        if self.layout.version == 2:
            group = self.dirs["unified"]
            _write(group / "memory.max", str(memory_bytes))
            _write(group / "memory.swap.max", "0")
            _write(group / "pids.max", str(tasks))
            return
        memory = self.dirs["memory"]
        _write(memory / "memory.limit_in_bytes", str(memory_bytes))
        memsw = memory / "memory.memsw.limit_in_bytes"
        if memsw.exists():
            _write(memsw, str(memory_bytes))
        else:
            # Without swap accounting, keep the run's pages out of swap instead.
            _write(memory / "memory.swappiness", "0")
        _write(self.dirs["pids"] / "pids.max", str(tasks))

    def attach(self, pid: int) -> None:
        """Move `pid` into the run's cgroup(s).

        Raises:
            CgroupError: when the kernel refuses the move.
        """
        try:
            for group in self.dirs.values():
                _write(group / "cgroup.procs", str(pid))
        except OSError as exc:
            raise CgroupError(f"cannot move a process into {group}: {exc.strerror}") from exc

    def tasks(self) -> list[int]:
        """Pids still in the run's cgroup (the pids controller sees every task)."""
        try:
            text = (self._dir("pids") / "cgroup.procs").read_text()
        except FileNotFoundError:
            return []
        return [int(line) for line in text.split()]

    def usage(self) -> CgroupUsage:
        """CPU time, memory peak and whether the OOM killer fired in this run's cgroup.

        Raises:
            CgroupError: when the counters cannot be read.
        """
        try:
            if self.layout.version == 2:
                group = self.dirs["unified"]
                cpu_ns = _read_keyed(group / "cpu.stat")["usage_usec"] * 1000
                peak_file = group / "memory.peak"
                peak = _read_int(peak_file) if peak_file.exists() else 0
                oom = _read_keyed(group / "memory.events").get("oom_kill", 0) > 0
                return CgroupUsage(cpu_ns=cpu_ns, memory_peak_bytes=peak, oom_killed=oom)
            memory = self.dirs["memory"]
            cpu_ns = _read_int(self.dirs["cpuacct"] / "cpuacct.usage")
            peak = _read_int(memory / "memory.max_usage_in_bytes")
            control = _read_keyed(memory / "memory.oom_control")
            oom = control.get("oom_kill", 0) > 0 or control.get("under_oom", 0) > 0
            return CgroupUsage(cpu_ns=cpu_ns, memory_peak_bytes=peak, oom_killed=oom)
        except (OSError, KeyError, ValueError) as exc:
            raise CgroupError(f"cannot read the run's cgroup counters: {exc}") from exc

    def kill_all(self) -> None:
        """SIGKILL every task of the run until none is left.

        Raises:
            CgroupError: when tasks survive every round.
        """
        if self.layout.version == 2:
            kill_file = self.dirs["unified"] / "cgroup.kill"
            if kill_file.exists():
                with contextlib.suppress(FileNotFoundError):
                    _write(kill_file, "1")
        for _ in range(_KILL_ROUNDS):
            pids = self.tasks()
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            # A killed task leaves the cgroup a moment after the signal, not at once.
            time.sleep(0.001)
        raise CgroupError("tasks of a finished run survived SIGKILL")

    def remove(self) -> None:
        """Kill what is left and remove the run's cgroup directories.

        Raises:
            CgroupError: when a directory stays busy.
        """
        self.kill_all()
        for group in self.dirs.values():
            for _ in range(_KILL_ROUNDS):
                try:
                    group.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError as exc:
                    if exc.errno != errno.EBUSY:
                        raise CgroupError(f"cannot remove {group}: {exc.strerror}") from exc
                    time.sleep(0.001)
            else:
                raise CgroupError(f"cannot remove {group}: it stays busy")


def _enable_v2_controllers(parent: Path) -> None:
    enabled = (parent / "cgroup.subtree_control").read_text().split()
    wanted = [c for c in V2_CONTROLLERS if c not in enabled]
    if not wanted:
        return
    try:
        _write(parent / "cgroup.subtree_control", " ".join(f"+{c}" for c in wanted))
    except OSError as exc:
        if exc.errno != errno.EBUSY:
            raise
        # v2 gives controllers to children only of a cgroup with no processes of its own.
        raise CgroupError(
            f"cgroup v2 will not hand the {', '.join(wanted)} controllers to runs under "
            f"{parent} while processes live in it: run the judge worker in a delegated cgroup "
            "of its own (e.g. systemd Delegate=yes) whose processes sit in a leaf child"
        ) from exc


@contextlib.contextmanager
def run_cgroup(layout: CgroupLayout, *, memory_bytes: int, tasks: int) -> Iterator[RunCgroup]:
    """A fresh uniquely named cgroup with the run's limits, killed and removed on exit.

    Raises:
        CgroupError: when it cannot be made or limited (what was made is removed).
    """
    group = RunCgroup(layout, f"sabaq-judge-{uuid.uuid4().hex}")
    try:
        try:
            if layout.version == 2:
                _enable_v2_controllers(layout.parents["unified"])
            for path in group.dirs.values():
                path.mkdir(mode=0o755)
            group._limit(memory_bytes, tasks)
        except OSError as exc:
            raise CgroupError(
                f"cannot create a memory cgroup under {next(iter(layout.parents.values()))}: "
                f"{exc.strerror or exc}"
            ) from exc
        yield group
    finally:
        group.remove()
