"""The four languages: A+B in each, compile errors, bad sources, and hostile submissions."""

import os
from pathlib import Path

import pytest

from core.judge.languages import (
    LANGUAGES,
    MAX_LOG_CHARS,
    Compiled,
    CompileError,
    InvalidSource,
    check_source,
    compile_source,
    run_compiled,
)
from core.judge.sandbox import Limits, SandboxSettings
from tests.judge.helpers import processes_seeing

LIMITS = Limits(time_ms=2000, memory_mb=128)

A_PLUS_B = {
    "python": b"a, b = map(int, input().split())\nprint(a + b)\n",
    "cpp": b"#include <bits/stdc++.h>\nusing namespace std;\n"
    b"int main() { long long a, b; cin >> a >> b; cout << a + b << endl; }\n",
    "java": b"import java.util.*;\npublic class Main { public static void main(String[] x) {"
    b" Scanner s = new Scanner(System.in); long a = s.nextLong(), b = s.nextLong();"
    b" System.out.println(a + b); } }\n",
    "pascal": b"var a, b: int64;\nbegin readln(a, b); writeln(a + b); end.\n",
}


async def _compile(
    key: str, source: bytes, workdir: Path, toolchains: Path, sandbox: SandboxSettings
) -> Compiled:
    compiled = await compile_source(
        LANGUAGES[key], source, workdir=workdir, cache_dir=toolchains, settings=sandbox
    )
    assert isinstance(compiled, Compiled), compiled
    return compiled


@pytest.mark.parametrize("key", sorted(A_PLUS_B))
async def test_a_plus_b(
    key: str, workdir: Path, toolchains: Path, sandbox: SandboxSettings
) -> None:
    compiled = await _compile(key, A_PLUS_B[key], workdir, toolchains, sandbox)

    for stdin, expected in (
        (b"2 3\n", b"5"),
        (b"-7 7\n", b"0"),
        (b"1000000000 1000000000\n", b"2000000000"),
    ):
        outcome = await run_compiled(compiled, stdin=stdin, limits=LIMITS)
        assert outcome.status == "ok", outcome
        assert outcome.stdout.strip() == expected


@pytest.mark.parametrize(
    ("key", "source"),
    [
        ("python", b"print(1 +)\n"),
        ("cpp", b"int main() { return undeclared; }\n"),
        ("java", b"public class Main { public static void main(String[] a) { int x = ; } }\n"),
        ("pascal", b"begin writeln(undeclared); end.\n"),
    ],
)
async def test_a_compile_error_comes_back_with_the_log(
    key: str, source: bytes, workdir: Path, toolchains: Path, sandbox: SandboxSettings
) -> None:
    result = await compile_source(
        LANGUAGES[key], source, workdir=workdir, cache_dir=toolchains, settings=sandbox
    )

    assert isinstance(result, CompileError)
    assert result.log.strip()
    assert list(workdir.iterdir()) == []


async def test_a_huge_compile_log_is_truncated(
    workdir: Path, toolchains: Path, sandbox: SandboxSettings
) -> None:
    calls = "".join(f"  undeclared_{i}();\n" for i in range(700))
    source = f"int main() {{\n{calls}}}\n".encode()
    result = await compile_source(
        LANGUAGES["cpp"], source, workdir=workdir, cache_dir=toolchains, settings=sandbox
    )

    assert isinstance(result, CompileError)
    assert result.log.endswith("[truncated]")
    assert len(result.log) <= MAX_LOG_CHARS + len("\n[truncated]")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (b"", "empty"),
        (b"\xef\xbb\xbf  \n", "empty"),
        (b"x" * (64 * 1024 + 1), "larger"),
        (b"print(1)\0\n", "NUL"),
    ],
)
def test_unjudgeable_sources_are_rejected(source: bytes, message: str) -> None:
    with pytest.raises(InvalidSource, match=message):
        check_source(source)


async def test_a_byte_order_mark_is_dropped(
    workdir: Path, toolchains: Path, sandbox: SandboxSettings
) -> None:
    compiled = await _compile(
        "java", b"\xef\xbb\xbf" + A_PLUS_B["java"], workdir, toolchains, sandbox
    )

    outcome = await run_compiled(compiled, stdin=b"1 2\n", limits=LIMITS)
    assert outcome.stdout.strip() == b"3"


@pytest.mark.parametrize(
    ("key", "source"),
    [
        ("cpp", b'#include "/etc/shadow"\nint main() {}\n'),
        ("cpp", b'#include "/dev/urandom"\nint main() {}\n'),
        ("cpp", b'#include "/root/.bashrc"\nint main() {}\n'),
        ("pascal", b"{$I /etc/shadow}\nbegin end.\n"),
        ("pascal", b"{$I /dev/urandom}\nbegin end.\n"),
    ],
)
async def test_including_host_or_device_files_at_compile_time_fails(
    key: str, source: bytes, workdir: Path, toolchains: Path, sandbox: SandboxSettings
) -> None:
    result = await compile_source(
        LANGUAGES[key], source, workdir=workdir, cache_dir=toolchains, settings=sandbox
    )

    assert isinstance(result, CompileError)
    assert "root:" not in result.log
    if key == "cpp" and b"urandom" in source:
        # cc1plus reads an endless file into memory; fpc stops at its first bad token.
        assert result.message == "Compiling took more time, memory or output than is allowed."


FORK_BOMBS = {
    "python": b"import os\nwhile True:\n    os.fork()\n",
    "cpp": b"#include <unistd.h>\n#include <cstdio>\nint main() { int made = 0;"
    b" for (int i = 0; i < 1000; i++) {"
    b" pid_t p = fork(); if (p == 0) for (;;); if (p > 0) made++; }"
    b' printf("%d\\n", made); }\n',
}


@pytest.mark.parametrize("key", sorted(FORK_BOMBS))
async def test_a_fork_bomb_cannot_fork(
    key: str, workdir: Path, toolchains: Path, sandbox: SandboxSettings
) -> None:
    compiled = await _compile(key, FORK_BOMBS[key], workdir, toolchains, sandbox)

    outcome = await run_compiled(compiled, stdin=b"", limits=LIMITS)

    if key == "python":
        assert outcome.status == "runtime_error"
        assert b"PermissionError" in outcome.stderr
    else:
        assert outcome.status == "ok"
        assert outcome.stdout == b"0\n"
    assert processes_seeing(compiled.box) == []


async def test_python_cannot_start_programs(
    workdir: Path, toolchains: Path, sandbox: SandboxSettings
) -> None:
    source = (
        b"import os, subprocess\n"
        b"print('system', os.system('echo escaped'))\n"
        b"try:\n"
        b"    subprocess.run(['echo', 'escaped'])\n"
        b"except OSError as exc:\n"
        b"    print('subprocess', exc.errno)\n"
    )
    compiled = await _compile("python", source, workdir, toolchains, sandbox)

    outcome = await run_compiled(compiled, stdin=b"", limits=LIMITS)

    assert b"escaped" not in outcome.stdout
    assert b"subprocess 1\n" in outcome.stdout  # EPERM
    assert not outcome.stdout.startswith(b"system 0")


async def test_java_cannot_start_programs(
    workdir: Path, toolchains: Path, sandbox: SandboxSettings
) -> None:
    source = (
        b"public class Main { public static void main(String[] a) throws Exception {"
        b' try { new ProcessBuilder("echo", "escaped").inheritIO().start().waitFor();'
        b' System.out.println("started"); }'
        b' catch (java.io.IOException e) { System.out.println("blocked"); } } }\n'
    )
    compiled = await _compile("java", source, workdir, toolchains, sandbox)

    outcome = await run_compiled(compiled, stdin=b"", limits=LIMITS)

    assert outcome.stdout == b"blocked\n"


MEMORY_BOMBS = {
    "python": b"x = bytearray(1 << 30)\nprint(len(x))\n",
    "cpp": b"#include <bits/stdc++.h>\nint main() { std::vector<char> v(1 << 30, 1);"
    b' printf("%d\\n", (int)v[12345]); }\n',
    "java": b"public class Main { public static void main(String[] a) {"
    b" long[][] x = new long[1000][]; for (int i = 0; i < 1000; i++) x[i] = new long[1 << 20];"
    b" System.out.println(x.length); } }\n",
    "pascal": b"var p: PByte; i: longint;\nbegin GetMem(p, 1 shl 30);"
    b" for i := 0 to (1 shl 30) - 1 do p[i] := 1; writeln(p[12345]); end.\n",
}


@pytest.mark.parametrize("key", sorted(MEMORY_BOMBS))
async def test_a_memory_bomb_is_a_memory_limit(
    key: str, workdir: Path, toolchains: Path, sandbox: SandboxSettings
) -> None:
    compiled = await _compile(key, MEMORY_BOMBS[key], workdir, toolchains, sandbox)

    outcome = await run_compiled(compiled, stdin=b"", limits=Limits(time_ms=5000, memory_mb=64))

    assert outcome.status == "memory_limit", outcome
    assert processes_seeing(compiled.box) == []


async def test_an_output_flood_is_an_output_limit(
    workdir: Path, toolchains: Path, sandbox: SandboxSettings
) -> None:
    source = b'#include <cstdio>\nint main() { for (;;) fputs("flood\\n", stdout); }\n'
    compiled = await _compile("cpp", source, workdir, toolchains, sandbox)

    limits = Limits(time_ms=5000, memory_mb=64, output_bytes=1 << 20)
    outcome = await run_compiled(compiled, stdin=b"", limits=limits)

    assert outcome.status == "output_limit"
    assert len(outcome.stdout) == 1 << 20
    assert processes_seeing(compiled.box) == []


@pytest.mark.parametrize(
    ("key", "source"),
    [
        ("python", b"import time\ntime.sleep(600)\n"),
        ("python", b"while True:\n    pass\n"),
        ("cpp", b"int main() { volatile unsigned long x = 0; for (;;) x++; }\n"),
        ("pascal", b"var x: qword;\nbegin x := 0; while true do inc(x); end.\n"),
        (
            "java",
            b"public class Main { public static void main(String[] a) throws Exception {"
            b" Thread.sleep(600000); } }\n",
        ),
    ],
)
async def test_sleeping_or_spinning_is_a_time_limit(
    key: str, source: bytes, workdir: Path, toolchains: Path, sandbox: SandboxSettings
) -> None:
    compiled = await _compile(key, source, workdir, toolchains, sandbox)

    limits = Limits(time_ms=500, memory_mb=128, wall_ms=1500)
    outcome = await run_compiled(compiled, stdin=b"", limits=limits)

    assert outcome.status == "time_limit"
    assert processes_seeing(compiled.box) == []


OTHER_ABI_SYSCALLS = {
    # getpid through the 32-bit entry point: the filter speaks x86_64 only.
    "i386": b"#include <cstdio>\nint main() { long r;"
    b' asm volatile("int $0x80" : "=a"(r) : "a"(20L)); printf("%ld\\n", r); }\n',
    # ptrace with the x32 bit set, a classic way around x86_64-only rules.
    "x32": b"#include <cstdio>\n#include <unistd.h>\nint main() {"
    b' printf("%ld\\n", syscall(0x40000000L | 101, 0, 0, 0, 0)); }\n',
}


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="x86_64 system call ABIs")
@pytest.mark.parametrize("abi", sorted(OTHER_ABI_SYSCALLS))
async def test_system_calls_through_another_abi_kill_the_program(
    abi: str, workdir: Path, toolchains: Path, sandbox: SandboxSettings
) -> None:
    compiled = await _compile("cpp", OTHER_ABI_SYSCALLS[abi], workdir, toolchains, sandbox)

    outcome = await run_compiled(compiled, stdin=b"", limits=LIMITS)

    assert outcome.status == "runtime_error"
    assert outcome.signal == 31  # SIGSYS
    assert outcome.stdout == b""
