"""The sandbox itself: it comes up, fails closed, and keeps runs apart from the host."""

import asyncio
import dataclasses
import os
from pathlib import Path

import pytest

from core.judge.sandbox import (
    Limits,
    SandboxSettings,
    SandboxUnavailable,
    check_sandbox,
    fresh_box,
    make_box,
    remove_box,
    run_in_sandbox,
)
from tests.judge.helpers import processes_seeing

PYTHON = "/usr/bin/python3"
LIMITS = Limits(time_ms=2000, memory_mb=128)


async def _python(
    settings: SandboxSettings, code: str, *, box: Path, writable_box: bool = False
) -> tuple[str, str]:
    outcome = await run_in_sandbox(
        [PYTHON, "-I", "-S", "-c", code],
        box=box,
        stdin=b"",
        limits=LIMITS,
        profile="python",
        writable_box=writable_box,
        settings=settings,
    )
    assert outcome.status == "ok", outcome
    return outcome.stdout.decode(), outcome.stderr.decode()


async def test_sandbox_comes_up_as_the_dedicated_user(sandbox: SandboxSettings) -> None:
    info = await check_sandbox(sandbox)

    assert info.cgroup_version in {1, 2}
    if os.geteuid() == 0:
        assert info.dedicated_user and info.uid != 0
    else:
        assert not info.dedicated_user and "user namespaces" in info.note


async def test_a_missing_bwrap_refuses_to_run_anything(tmp_path: Path) -> None:
    # No sandbox fixture: failing closed must hold on machines without bwrap too.
    broken = SandboxSettings(bwrap=tmp_path / "no-bwrap")
    with pytest.raises(SandboxUnavailable, match="bubblewrap is not installed"):
        await run_in_sandbox(
            ["/bin/sh", "-c", f"echo ran > {tmp_path}/marker"],
            box=tmp_path,
            stdin=b"",
            limits=LIMITS,
            profile="compiler",
            writable_box=True,
            settings=broken,
        )
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(SandboxUnavailable, match="bubblewrap is not installed"):
        await check_sandbox(broken)


async def test_a_command_bwrap_cannot_start_is_a_sandbox_failure(
    sandbox: SandboxSettings,
) -> None:
    with fresh_box(sandbox) as box, pytest.raises(SandboxUnavailable, match="could not start"):
        await run_in_sandbox(
            ["/box/no-such-program"],
            box=box,
            stdin=b"",
            limits=LIMITS,
            profile="cpp",
            writable_box=False,
            settings=sandbox,
        )


async def test_a_missing_cgroup_hierarchy_refuses_to_run_anything(
    sandbox: SandboxSettings, tmp_path: Path
) -> None:
    broken = dataclasses.replace(sandbox, cgroup_root=tmp_path / "no-cgroups")
    with fresh_box(sandbox) as box:
        with pytest.raises(SandboxUnavailable, match="cgroup"):
            await run_in_sandbox(
                ["/bin/sh", "-c", "echo ran > /box/marker"],
                box=box,
                stdin=b"",
                limits=LIMITS,
                profile="compiler",
                writable_box=True,
                settings=broken,
            )
        assert list(box.iterdir()) == []


async def test_an_unknown_seccomp_profile_refuses_to_run(sandbox: SandboxSettings) -> None:
    with fresh_box(sandbox) as box, pytest.raises(SandboxUnavailable):
        await run_in_sandbox(
            ["/bin/true"],
            box=box,
            stdin=b"",
            limits=LIMITS,
            profile="no-such-profile",
            writable_box=False,
            settings=sandbox,
        )


async def test_host_files_are_not_visible(sandbox: SandboxSettings) -> None:
    code = (
        "import os\n"
        "for path in ('/etc/shadow', '/etc/passwd', '/root', '/work', '/home', '"
        + str(Path.cwd())
        + "'):\n"
        "    print(path, os.path.exists(path))\n"
    )
    with fresh_box(sandbox) as box:
        stdout, _ = await _python(sandbox, code, box=box)

    assert all(line.endswith(" False") for line in stdout.splitlines()), stdout


async def test_only_the_fixed_environment_is_passed(
    sandbox: SandboxSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SABAQ_SECRET_CANARY", "canary-4f1d")
    code = "import os\nprint(sorted(os.environ.items()))\n"
    with fresh_box(sandbox) as box:
        stdout, _ = await _python(sandbox, code, box=box)

    # bwrap adds PWD for the directory it starts the command in.
    fixed = {"HOME": "/box", "LANG": "C.UTF-8", "PATH": "/usr/local/bin:/usr/bin:/bin"}
    assert stdout.strip() == str(sorted({**fixed, "PWD": "/box"}.items()))


async def test_proc_shows_only_the_sandbox(
    sandbox: SandboxSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SABAQ_SECRET_CANARY", "canary-9c2e")
    code = (
        "import os\n"
        "pids = sorted(int(p) for p in os.listdir('/proc') if p.isdigit())\n"
        "print(pids)\n"
        "for pid in pids:\n"
        "    try:\n"
        "        print(open(f'/proc/{pid}/environ', 'rb').read())\n"
        "    except OSError as exc:\n"
        "        print(exc)\n"
    )
    with fresh_box(sandbox) as box:
        stdout, _ = await _python(sandbox, code, box=box)

    # bwrap's pid-namespace init and the command itself; no host process.
    assert stdout.splitlines()[0] == "[1, 2]"
    assert "canary" not in stdout
    assert str(os.getpid()) not in stdout.splitlines()[0]


async def test_loopback_connections_are_refused(sandbox: SandboxSettings) -> None:
    connections = 0

    async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        writer.close()

    server = await asyncio.start_server(on_connect, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    code = (
        "import socket\n"
        "for family, address in ((socket.AF_INET, ('127.0.0.1', PORT)),"
        " (socket.AF_INET6, ('::1', PORT))):\n"
        "    try:\n"
        "        socket.create_connection(address, timeout=1).close()\n"
        "        print('connected')\n"
        "    except OSError as exc:\n"
        "        print('refused', exc.errno)\n"
    ).replace("PORT", str(port))
    async with server:
        with fresh_box(sandbox) as box:
            stdout, _ = await _python(sandbox, code, box=box)

    assert "connected" not in stdout
    assert stdout.count("refused") == 2
    assert connections == 0


async def test_planted_symlinks_are_not_followed_when_the_box_goes(
    sandbox: SandboxSettings, workdir: Path
) -> None:
    victim_dir = workdir / "victim"
    victim_dir.mkdir()
    (victim_dir / "keep.txt").write_text("precious")
    victim_file = workdir / "victim.txt"
    victim_file.write_text("precious")
    code = (
        "import os\n"
        f"os.symlink({str(victim_dir)!r}, '/box/dir-link')\n"
        f"os.symlink({str(victim_file)!r}, '/box/file-link')\n"
        "os.symlink('/etc/shadow', '/box/output.txt')\n"
        "print('planted')\n"
    )
    box = make_box(sandbox)
    try:
        stdout, _ = await _python(sandbox, code, box=box, writable_box=True)
        assert stdout == "planted\n"
        assert (box / "dir-link").is_symlink()
    finally:
        remove_box(box)

    assert not box.exists()
    assert (victim_dir / "keep.txt").read_text() == "precious"
    assert victim_file.read_text() == "precious"
    assert Path("/etc/shadow").exists()


async def test_nothing_carries_over_between_runs(sandbox: SandboxSettings) -> None:
    write = (
        "import os\n"
        "open('/tmp/state', 'w').write('left behind')\n"
        "try:\n"
        "    open('/box/state', 'w').write('left behind')\n"
        "    print('box writable')\n"
        "except OSError:\n"
        "    print('box read-only')\n"
    )
    read = "import os\nprint(os.path.exists('/tmp/state'), os.path.exists('/box/state'))\n"
    with fresh_box(sandbox) as box:
        first, _ = await _python(sandbox, write, box=box)
        second, _ = await _python(sandbox, read, box=box)

    assert first == "box read-only\n"
    assert second == "False False\n"


async def test_a_daemonised_grandchild_dies_with_the_run(sandbox: SandboxSettings) -> None:
    script = "(setsid sh -c 'sleep 600' < /dev/null > /dev/null 2>&1 &) ; echo detached"
    with fresh_box(sandbox) as box:
        outcome = await run_in_sandbox(
            ["/bin/sh", "-c", script],
            box=box,
            stdin=b"",
            limits=dataclasses.replace(LIMITS, processes=8),
            profile="compiler",
            writable_box=False,
            settings=sandbox,
        )
        leftovers = processes_seeing(box)

    assert outcome.status == "ok"
    assert outcome.stdout == b"detached\n"
    assert leftovers == []


async def test_a_shell_fork_bomb_is_capped_and_cleaned_up(sandbox: SandboxSettings) -> None:
    with fresh_box(sandbox) as box:
        outcome = await run_in_sandbox(
            # The first fork happens before the bomb exists; then the shell spins in builtins,
            # so only the bomb's own forks meet the pids limit.
            ["/bin/sh", "-c", "b() { b | b & }; b; while :; do :; done"],
            box=box,
            stdin=b"",
            limits=Limits(time_ms=1000, memory_mb=64, processes=16, wall_ms=3000),
            profile="compiler",
            writable_box=False,
            settings=sandbox,
        )
        leftovers = processes_seeing(box)

    assert outcome.status == "time_limit"
    assert leftovers == []


async def test_descriptors_run_out_at_the_limit(sandbox: SandboxSettings) -> None:
    code = (
        "import os\n"
        "fds = []\n"
        "try:\n"
        "    while True:\n"
        "        fds.append(os.open('/dev/null', os.O_RDONLY))\n"
        "except OSError as exc:\n"
        "    print(len(fds), exc.errno)\n"
    )
    with fresh_box(sandbox) as box:
        stdout, _ = await _python(sandbox, code, box=box)

    opened, error = map(int, stdout.split())
    assert opened < LIMITS.open_files
    assert error == 24  # EMFILE


async def test_filling_tmp_hits_the_memory_limit(sandbox: SandboxSettings) -> None:
    code = (
        "i = 0\n"
        "while True:\n"
        "    with open(f'/tmp/fill{i}', 'wb') as f:\n"
        "        f.write(b'x' * (1 << 20))\n"
        "    i += 1\n"
    )
    with fresh_box(sandbox) as box:
        outcome = await run_in_sandbox(
            [PYTHON, "-I", "-S", "-c", code],
            box=box,
            stdin=b"",
            limits=Limits(time_ms=5000, memory_mb=64),
            profile="python",
            writable_box=False,
            settings=sandbox,
        )

    assert outcome.status == "memory_limit"
    assert outcome.memory_kb <= 64 * 1024


async def test_one_file_larger_than_the_output_limit_is_stopped(
    sandbox: SandboxSettings,
) -> None:
    code = "open('/tmp/big', 'wb').write(b'x' * (8 << 20))\n"
    with fresh_box(sandbox) as box:
        outcome = await run_in_sandbox(
            [PYTHON, "-I", "-S", "-c", code],
            box=box,
            stdin=b"",
            limits=Limits(time_ms=2000, memory_mb=128, output_bytes=1 << 20),
            profile="python",
            writable_box=False,
            settings=sandbox,
        )

    # Python ignores SIGXFSZ, so the write fails with EFBIG instead of killing it.
    assert outcome.status == "runtime_error"
    assert b"File too large" in outcome.stderr


# x86_64 numbers of the syscalls every profile denies, with the errno a program sees.
DENIED_SYSCALLS = {
    "ptrace": 101,
    "mount": 165,
    "chroot": 161,
    "unshare": 272,
    "setns": 308,
    "bpf": 321,
    "io_uring_setup": 425,
    "perf_event_open": 298,
    "keyctl": 250,
    "userfaultfd": 323,
    "kexec_load": 246,
}


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="syscall numbers are x86_64's")
@pytest.mark.parametrize("profile", ["python", "cpp", "java", "pascal", "compiler"])
async def test_kernel_attack_surface_is_denied(sandbox: SandboxSettings, profile: str) -> None:
    code = (
        "import ctypes, socket\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        f"for name, number in {DENIED_SYSCALLS!r}.items():\n"
        "    result = libc.syscall(number, 0, 0, 0, 0, 0)\n"
        "    print(name, result, ctypes.get_errno())\n"
        "for family in (socket.AF_INET, socket.AF_INET6, socket.AF_NETLINK, socket.AF_PACKET):\n"
        "    try:\n"
        "        socket.socket(family, socket.SOCK_DGRAM)\n"
        "        print('socket', family, 'opened')\n"
        "    except OSError as exc:\n"
        "        print('socket', family, 'refused', exc.errno)\n"
        "a, b = socket.socketpair(socket.AF_UNIX)\n"
        "print('unix socketpair works')\n"
    )
    with fresh_box(sandbox) as box:
        outcome = await run_in_sandbox(
            [PYTHON, "-I", "-S", "-c", code],
            box=box,
            stdin=b"",
            limits=LIMITS,
            profile=profile,
            writable_box=False,
            settings=sandbox,
        )

    lines = outcome.stdout.decode().splitlines()
    assert outcome.status == "ok", outcome
    assert lines[: len(DENIED_SYSCALLS)] == [f"{name} -1 1" for name in DENIED_SYSCALLS]
    sockets = lines[len(DENIED_SYSCALLS) : -1]
    assert len(sockets) == 4
    assert all(line.endswith("refused 97") for line in sockets)  # EAFNOSUPPORT
    assert lines[-1] == "unix socketpair works"


async def test_output_just_over_the_limit_is_an_output_limit(sandbox: SandboxSettings) -> None:
    code = "import sys\nsys.stdout.write('x' * 1001)\n"
    with fresh_box(sandbox) as box:
        outcome = await run_in_sandbox(
            [PYTHON, "-I", "-S", "-c", code],
            box=box,
            stdin=b"",
            limits=Limits(time_ms=2000, memory_mb=128, output_bytes=1000),
            profile="python",
            writable_box=False,
            settings=sandbox,
        )

    assert outcome.status == "output_limit"
    assert outcome.stdout == b"x" * 1000


async def test_unread_input_does_not_hold_the_run(sandbox: SandboxSettings) -> None:
    with fresh_box(sandbox) as box:
        outcome = await run_in_sandbox(
            [PYTHON, "-I", "-S", "-c", "print('done')"],
            box=box,
            stdin=b"1 2\n" * (4 << 20),
            limits=LIMITS,
            profile="python",
            writable_box=False,
            settings=sandbox,
        )

    assert outcome.status == "ok"
    assert outcome.stdout == b"done\n"


def _zombie_children() -> list[str]:
    me = str(os.getpid())
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        state, parent = stat[stat.rfind(")") + 2 :].split()[:2]
        if parent == me and state == "Z":
            found.append(stat)
    return found


async def test_the_worker_reaps_what_runs_leave_behind(sandbox: SandboxSettings) -> None:
    # Killing a run on time orphans bwrap's pid-namespace init to the worker (a subreaper),
    # and the orphan may still be exiting when the run's cgroup is already empty.
    with fresh_box(sandbox) as box:
        for _ in range(10):
            outcome = await run_in_sandbox(
                ["/bin/sh", "-c", "sleep 600"],
                box=box,
                stdin=b"",
                limits=Limits(time_ms=50, memory_mb=64, processes=4, wall_ms=100),
                profile="compiler",
                writable_box=False,
                settings=sandbox,
            )

            assert outcome.status == "time_limit"
            assert _zombie_children() == []
