"""The cgroup v2 code path on a fake hierarchy (the machines we test on run v1)."""

from pathlib import Path

import pytest

from core.judge.cgroups import CgroupError, CgroupUsage, detect_layout, run_cgroup


def _fake_v2(root: Path, controllers: str) -> Path:
    """A directory shaped like a v2 root with this process's cgroup ("0::/...") under it."""
    own = next(
        line.split(":", 2)[2]
        for line in Path("/proc/self/cgroup").read_text().splitlines()
        if line.startswith("0::")
    )
    (root / "cgroup.controllers").write_text(controllers)
    parent = root / own.lstrip("/")
    parent.mkdir(parents=True, exist_ok=True)
    (parent / "cgroup.controllers").write_text(controllers)
    (parent / "cgroup.subtree_control").write_text("")
    return parent


def test_v2_is_detected_and_a_run_gets_its_limits(tmp_path: Path) -> None:
    parent = _fake_v2(tmp_path, "cpuset cpu io memory pids")
    layout = detect_layout(tmp_path)
    assert layout.version == 2
    assert layout.parents == {"unified": parent}

    seen: list[CgroupUsage] = []
    # A real cgroup directory empties itself; this fake one keeps its files, so its removal
    # fails, which is reported (a run would fail closed).
    with (
        pytest.raises(CgroupError, match="cannot remove"),
        run_cgroup(layout, memory_bytes=64 << 20, tasks=3) as group,
    ):
        made = group.dirs["unified"]
        assert (made / "memory.max").read_text() == str(64 << 20)
        assert (made / "memory.swap.max").read_text() == "0"
        assert (made / "pids.max").read_text() == "3"
        assert (parent / "cgroup.subtree_control").read_text() == "+memory +pids +cpu"
        (made / "cpu.stat").write_text("usage_usec 2500\nuser_usec 2000\n")
        (made / "memory.peak").write_text("1048576\n")
        (made / "memory.events").write_text("low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n")
        seen.append(group.usage())

    assert seen == [CgroupUsage(cpu_ns=2_500_000, memory_peak_bytes=1 << 20, oom_killed=True)]


def test_v2_without_the_memory_controller_is_refused(tmp_path: Path) -> None:
    _fake_v2(tmp_path, "cpu io pids")

    with pytest.raises(CgroupError, match="memory"):
        detect_layout(tmp_path)


def test_no_cgroup_hierarchy_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CgroupError, match="no cgroup v1 memory hierarchy"):
        detect_layout(tmp_path)
