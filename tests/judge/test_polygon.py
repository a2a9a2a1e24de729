"""Polygon packages: a realistic one read, ours written and read back, and bad archives."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping

import pytest

from core.errors import TaskRejected
from core.judge.package import CheckerSpec, Statement, TaskPackage, TestCase, TestGroup
from core.judge.polygon import MAX_MEMBERS, read_polygon, write_polygon

# problem.xml as Polygon writes it into a full package (trimmed of solutions and stresses).
PROBLEM_XML = """<?xml version="1.0" encoding="utf-8" standalone="no"?>
<problem revision="7" short-name="segments" url="https://polygon.codeforces.com/p/teacher/segments">
    <names>
        <name language="english" value="Segments"/>
        <name language="russian" value="Отрезки"/>
    </names>
    <statements>
        <statement charset="UTF-8" language="english" mathjax="true"
            path="statements/.html/english/problem.html" type="text/html"/>
        <statement charset="UTF-8" language="english" mathjax="true"
            path="statements/english/problem.tex" type="application/x-tex"/>
        <statement charset="UTF-8" language="russian" mathjax="true"
            path="statements/russian/problem.tex" type="application/x-tex"/>
    </statements>
    <judging cpu-name="Intel(R) Core(TM) i3-8100 CPU @ 3.60GHz" cpu-speed="3600"
        input-file="" output-file="" run-count="1">
        <testset name="tests">
            <time-limit>2000</time-limit>
            <memory-limit>268435456</memory-limit>
            <test-count>5</test-count>
            <input-path-pattern>tests/%02d</input-path-pattern>
            <answer-path-pattern>tests/%02d.a</answer-path-pattern>
            <tests>
                <test group="0" method="manual" points="0.0" sample="true"/>
                <test group="1" method="manual" points="0.0"/>
                <test cmd="gen 10 1" group="1" method="generated" points="0.0"/>
                <test cmd="gen 100000 2" group="2" method="generated" points="30.0"/>
                <test cmd="gen 100000 3" group="2" method="generated" points="40.0"/>
            </tests>
            <groups>
                <group feedback-policy="complete" name="0" points="0.0"
                    points-policy="complete-group"/>
                <group feedback-policy="complete" name="1" points="30.0"
                    points-policy="complete-group">
                    <dependencies>
                        <dependency group="0"/>
                    </dependencies>
                </group>
                <group feedback-policy="icpc" name="2" points-policy="each-test">
                    <dependencies>
                        <dependency group="1"/>
                    </dependencies>
                </group>
            </groups>
        </testset>
    </judging>
    <files>
        <resources>
            <file path="files/olymp.sty"/>
            <file path="files/problem.tex"/>
            <file path="files/statements.ftl"/>
            <file path="files/testlib.h" type="h.g++"/>
        </resources>
        <executables>
            <executable>
                <source path="files/gen.cpp" type="cpp.g++17"/>
            </executable>
        </executables>
    </files>
    <assets>
        <checker name="std::ncmp.cpp" type="testlib">
            <source path="files/check.cpp" type="cpp.g++17"/>
            <binary path="check.exe" type="exe.win32"/>
            <copy path="check.cpp"/>
            <testset>
                <test-count>0</test-count>
                <input-path-pattern>files/tests/checker-tests/%02d</input-path-pattern>
                <output-path-pattern>files/tests/checker-tests/%02d.o</output-path-pattern>
                <answer-path-pattern>files/tests/checker-tests/%02d.a</answer-path-pattern>
                <tests/>
            </testset>
        </checker>
        <validators>
            <validator>
                <source path="files/val.cpp" type="cpp.g++17"/>
            </validator>
        </validators>
    </assets>
    <properties>
        <property name="tests-wellformed" value="true"/>
    </properties>
    <tags>
        <tag value="implementation"/>
    </tags>
</problem>
"""

RUSSIAN_PROPERTIES = {
    "name": "Отрезки",
    "legend": "Даны \\textbf{n} отрезков. Найдите длину их объединения $L$.",
    "input": "В первой строке число $n$ ($1 \\le n \\le 10^5$).",
    "output": "Выведите \\texttt{L}.",
    "notes": "",
    "tutorial": "",
    "language": "Russian",
    "timeLimit": 2000,
    "memoryLimit": 268435456,
    "inputFile": "stdin",
    "outputFile": "stdout",
    "sampleTests": [{"input": "1\n0 5\n", "output": "5\n"}],
}

TESTS = {
    "tests/01": b"1\r\n0 5\r\n",
    "tests/01.a": b"5\r\n",
    "tests/02": b"2\n0 1\n2 3\n",
    "tests/02.a": b"2\n",
    "tests/03": b"1\n0 0\n",
    "tests/03.a": b"0\n",
    "tests/04": b"2\n0 5\n1 2\n",
    "tests/04.a": b"5\n",
    "tests/05": b"\xef\xbb\xbf1\n0 100000\n",
    "tests/05.a": b"100000\n",
}


def make_zip(files: Mapping[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def polygon_files(**changes: bytes | str | None) -> dict[str, bytes | str]:
    files: dict[str, bytes | str | None] = {
        "problem.xml": PROBLEM_XML,
        **TESTS,
        "files/check.cpp": b'#include "testlib.h"\nint main() {}\n',
        "files/testlib.h": b"// testlib\n",
        "files/gen.cpp": b"int main() {}\n",
        "check.cpp": b'#include "testlib.h"\nint main() {}\n',
        "statements/russian/problem-properties.json": json.dumps(RUSSIAN_PROPERTIES),
        "statements/russian/problem.tex": "\\begin{problem}...",
        "statement-sections/english/name.tex": "Segments",
        "statement-sections/english/legend.tex": "Given $n$ \\emph{segments}.",
        "statement-sections/english/input.tex": "The number $n$.",
        "statement-sections/english/output.tex": "The length.",
        "statement-sections/english/example.01": "1\n0 5\n",
        "statement-sections/english/example.01.a": "5\n",
        **changes,
    }
    return {name: data for name, data in files.items() if data is not None}


def rejection(data: bytes) -> list[str]:
    with pytest.raises(TaskRejected) as caught:
        read_polygon(data)
    return [problem.localised("en") for problem in caught.value.problems]


def test_a_realistic_polygon_package_is_read() -> None:
    task = read_polygon(make_zip(polygon_files()))
    assert (task.name, task.time_ms, task.memory_mb) == ("segments", 2000, 256)
    assert task.statements == {
        "ru": Statement(
            title="Отрезки",
            legend="Даны **n** отрезков. Найдите длину их объединения $L$.",
            input="В первой строке число $n$ ($1 \\le n \\le 10^5$).",
            output="Выведите `L`.",
            notes="",
        ),
        "en": Statement("Segments", "Given $n$ *segments*.", "The number $n$.", "The length."),
    }
    # The package ships ncmp's source, but the built-in checker does the same.
    assert task.checker == CheckerSpec("tokens")
    assert [test.sample for test in task.tests] == [True, False, False, False, False]
    assert task.tests[0] == TestCase(b"1\n0 5\n", b"5\n", sample=True, group="0", points=0)
    assert task.tests[4].input == b"1\n0 100000\n"  # BOM dropped for a built-in checker
    assert task.groups == (
        TestGroup("0", 0, (0,)),
        TestGroup("1", 30, (1, 2), dependencies=("0",)),
        TestGroup("2", 70, (3, 4), dependencies=("1",), policy="each_test"),
    )


def test_a_package_zipped_with_its_folder_is_read() -> None:
    files = polygon_files()
    nested = make_zip({f"segments-7$linux/{name}": data for name, data in files.items()})
    assert read_polygon(nested).name == "segments"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("std::wcmp.cpp", CheckerSpec("tokens")),
        ("std::lcmp.cpp", CheckerSpec("lines")),
        ("std::fcmp.cpp", CheckerSpec("lines")),
        ("std::rcmp4.cpp", CheckerSpec("float", precision=1e-4)),
        ("std::rcmp6.cpp", CheckerSpec("float", precision=1e-6)),
        ("std::rcmp9.cpp", CheckerSpec("float", precision=1e-9)),
    ],
)
def test_standard_checkers_become_built_in(name: str, expected: CheckerSpec) -> None:
    xml = PROBLEM_XML.replace("std::ncmp.cpp", name)
    assert read_polygon(make_zip(polygon_files(**{"problem.xml": xml}))).checker == expected


def test_a_custom_checker_keeps_its_source_and_testlib_and_raw_tests() -> None:
    xml = PROBLEM_XML.replace('<checker name="std::ncmp.cpp" type="testlib">', "<checker>")
    task = read_polygon(make_zip(polygon_files(**{"problem.xml": xml})))
    assert task.checker == CheckerSpec(
        "custom",
        source=b'#include "testlib.h"\nint main() {}\n',
        language="cpp",
        testlib=b"// testlib\n",
    )
    # A custom checker sees the tests exactly as written.
    assert task.tests[0].input == b"1\r\n0 5\r\n"


def test_a_checker_in_another_language_or_without_source_is_refused() -> None:
    pascal = PROBLEM_XML.replace(
        '<assets>\n        <checker name="std::ncmp.cpp" type="testlib">\n'
        '            <source path="files/check.cpp" type="cpp.g++17"/>',
        '<assets>\n        <checker type="testlib">\n'
        '            <source path="files/check.pas" type="pas.fpc"/>',
    )
    assert rejection(make_zip(polygon_files(**{"problem.xml": pascal}))) == [
        "The checker is written in pas.fpc; Sabaq runs checkers in C++ or Python.",
        "The checker source files/check.pas is missing from the package.",
        "A custom checker needs its source code.",
        "A custom checker must be written in C++ or Python.",
    ]


def test_tests_made_only_by_generators_are_named() -> None:
    files = polygon_files(**{"tests/03": None, "tests/04": None, "tests/05.a": None})
    assert rejection(make_zip(files)) == [
        "Test 3 is made by the generator command gen 10 1, and the package does not hold the "
        "test itself; download the Linux package from Polygon, which holds the generated tests.",
        "Test 4 is made by the generator command gen 100000 2, and the package does not hold "
        "the test itself; download the Linux package from Polygon, which holds the generated "
        "tests.",
        "Test 5: the answer file tests/05.a is missing from the package; the Linux package from "
        "Polygon holds the answers.",
        "A task needs at least 3 tests; this one has 2.",
    ]


def test_a_missing_manual_test_is_named() -> None:
    assert rejection(make_zip(polygon_files(**{"tests/02": None}))) == [
        "Test 2: the file tests/02 is missing from the package."
    ]


def test_fewer_than_three_tests_are_refused() -> None:
    xml = PROBLEM_XML.replace("<test-count>5</test-count>", "<test-count>2</test-count>")
    start, end = xml.index("<tests>"), xml.index("</tests>")
    xml = (
        xml[:start]
        + '<tests><test method="manual" sample="true"/><test method="manual"/>'
        + xml[end:]
    )
    start, end = xml.index("<groups>"), xml.index("</groups>") + len("</groups>")
    xml = xml[:start] + xml[end:]
    assert rejection(make_zip(polygon_files(**{"problem.xml": xml}))) == [
        "A task needs at least 3 tests; this one has 2."
    ]


def test_file_input_and_odd_limits_are_refused_together() -> None:
    xml = (
        PROBLEM_XML.replace('input-file=""', 'input-file="input.txt"')
        .replace("<time-limit>2000</time-limit>", "<time-limit>2.5s</time-limit>")
        .replace("<memory-limit>268435456</memory-limit>", "")
        .replace('points="30.0"/>', 'points="12.5"/>')
    )
    assert rejection(make_zip(polygon_files(**{"problem.xml": xml}))) == [
        "The task reads the file input.txt; Sabaq tasks read standard input.",
        "problem.xml has a time-limit that is not a whole number: 2.5s.",
        "problem.xml has no memory-limit.",
        "Test 4 has points that are not a whole number: 12.5.",
        "The time limit must be from 100 to 15000 ms; this one is 0 ms.",
        "The memory limit must be from 16 to 1024 MB; this one is 0 MB.",
    ]


def test_a_package_without_statements_is_refused() -> None:
    files = {
        name: data
        for name, data in polygon_files().items()
        if not name.startswith(("statements/", "statement-sections/"))
    }
    assert rejection(make_zip(files)) == [
        "The task needs a statement with a title and a legend in Kazakh, Russian or English."
    ]


def test_broken_statement_json_is_named() -> None:
    files = polygon_files(**{"statements/russian/problem-properties.json": b"{not json"})
    assert rejection(make_zip(files)) == [
        "The file statements/russian/problem-properties.json in the package is not valid JSON."
    ]


def test_not_a_zip_is_refused() -> None:
    assert rejection(b"PK\x03\x04 but not really") == [
        "The file is not a zip archive; a Polygon package is a zip file."
    ]
    assert rejection(b"") == ["The file is not a zip archive; a Polygon package is a zip file."]


def test_a_zip_bomb_is_refused_before_unpacking() -> None:
    bomb = make_zip({**polygon_files(), "tests/99": b"\0" * (65 * 2**20)})
    assert len(bomb) < 2**20
    assert rejection(bomb) == ["The package takes more than 64 MB unpacked; it was not unpacked."]


def lie_about_size(data: bytes, name: bytes, size: int) -> bytes:
    """``data`` with both zip headers of member ``name`` claiming ``size`` bytes unpacked."""
    patched = bytearray(data)
    headers = ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46))
    for signature, size_at, length_at, name_at in headers:
        start = patched.find(signature)
        while start >= 0:
            length = int.from_bytes(patched[start + length_at : start + length_at + 2], "little")
            if patched[start + name_at : start + name_at + length] == name:
                patched[start + size_at : start + size_at + 4] = size.to_bytes(4, "little")
            start = patched.find(signature, start + 4)
    return bytes(patched)


def test_a_member_lying_about_its_size_is_not_inflated() -> None:
    files = polygon_files(**{"tests/05": b"1\n0 100000\n" + b" " * 10_000_000})
    data = lie_about_size(make_zip(files), b"tests/05", 12)
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("tests/05").file_size == 12
    assert rejection(data) == ["The file tests/05 in the package is damaged or encrypted."]


def test_too_many_files_are_refused() -> None:
    files = {f"junk/{n}": b"" for n in range(MAX_MEMBERS + 1)}
    assert rejection(make_zip(files)) == [
        f"The package has more than {MAX_MEMBERS} files; it was not unpacked."
    ]


@pytest.mark.parametrize("path", ["../evil", "/etc/passwd", "tests/../../evil", "C:/evil"])
def test_unsafe_paths_are_refused(path: str) -> None:
    assert rejection(make_zip({**polygon_files(), path: b"x"})) == [
        f"The package holds a file with an unsafe path: {path}."
    ]


def test_a_package_without_problem_xml_is_refused() -> None:
    assert rejection(make_zip(polygon_files(**{"problem.xml": None}))) == [
        "The package has no problem.xml; download the package from Polygon again."
    ]


def test_malformed_problem_xml_is_refused() -> None:
    xml = PROBLEM_XML.replace("</names>", "</nomes>")
    assert rejection(make_zip(polygon_files(**{"problem.xml": xml}))) == [
        "problem.xml is not well-formed XML (line 6)."
    ]


def test_entity_expansion_is_refused() -> None:
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE problem [\n<!ENTITY a "aaaaaaaaaa">\n'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<problem short-name="&b;"/>'
    )
    assert rejection(make_zip(polygon_files(**{"problem.xml": laughs}))) == [
        "problem.xml declares a DOCTYPE or entities; it was not read."
    ]


def test_problem_xml_without_a_testset_is_refused() -> None:
    xml = '<?xml version="1.0"?><problem short-name="x"><judging/></problem>'
    assert rejection(make_zip(polygon_files(**{"problem.xml": xml}))) == [
        "problem.xml has no testset of tests."
    ]


def our_task(checker: CheckerSpec) -> TaskPackage:
    tests = (
        TestCase(b"1 2\n", b"3\n", sample=True),
        TestCase(b"5 5\n", b"10\n", group="small"),
        TestCase(b"0 0\n", b"\n", group="small"),
        TestCase(b"1000000 1\n", b"1000001\n", group="big", points=25),
        TestCase(b"7 8\n", b"15\n", group="big", points=35),
    )
    return TaskPackage(
        name="a-plus-b",
        statements={
            "kk": Statement("А+В", "Екі санды **қосыңыз**: $a + b$.", "Екі сан.", "Қосынды.", ""),
            "ru": Statement("А+Б", "Сложите *два* числа.", "Два числа.", "Сумма.", "Просто."),
            "en": Statement("A+B", "Add `a` and `b`.", "Two numbers.", "Their sum.", ""),
        },
        time_ms=1500,
        memory_mb=64,
        tests=tests,
        checker=checker,
        groups=(
            TestGroup("small", 40, (1, 2)),
            TestGroup("big", 60, (3, 4), dependencies=("small",), policy="each_test"),
        ),
    )


@pytest.mark.parametrize(
    "checker",
    [
        CheckerSpec("tokens"),
        CheckerSpec("lines"),
        CheckerSpec("unordered"),
        CheckerSpec("float", precision=1e-6),
        CheckerSpec("float", precision=2.5e-5),
        CheckerSpec("custom", source=b"print('ok')\n", language="python"),
        CheckerSpec("custom", source=b"int main(){}\n", language="cpp", testlib=b"// testlib\n"),
    ],
)
def test_a_written_package_reads_back_equal(checker: CheckerSpec) -> None:
    task = our_task(checker)
    assert read_polygon(write_polygon(task)) == task


def test_a_written_package_has_the_standard_layout() -> None:
    data = write_polygon(our_task(CheckerSpec("float", precision=1e-6)))
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    assert {"problem.xml", "tests/01", "tests/01.a", "tests/05", "tests/05.a"} <= names
    assert "statements/kazakh/problem-properties.json" in names
    assert "statement-sections/russian/legend.tex" in names
    assert "statement-sections/english/example.01" in names
    xml = archive.read("problem.xml").decode()
    assert '<checker name="std::rcmp6.cpp" type="testlib"' in xml
    assert "<memory-limit>67108864</memory-limit>" in xml
    assert '<test method="manual" sample="true" />' in xml
    assert archive.read("tests/04.a") == b"1000001\n"
    properties = json.loads(archive.read("statements/english/problem-properties.json"))
    assert properties["legend"] == "Add `a` and `b`."
    assert properties["sampleTests"][0]["input"] == "1 2\n"


def test_an_unusable_task_is_not_written() -> None:
    task = our_task(CheckerSpec("float"))
    with pytest.raises(TaskRejected):
        write_polygon(task)


def test_a_broken_precision_property_is_refused_not_crashed() -> None:
    data = write_polygon(our_task(CheckerSpec("float", precision=1e-6)))
    source = zipfile.ZipFile(io.BytesIO(data))
    files = {name: source.read(name) for name in source.namelist()}
    files["problem.xml"] = files["problem.xml"].replace(b'value="1e-06"', b'value="tiny"')
    assert rejection(make_zip(files)) == ["A checker that compares numbers needs a precision."]


def test_groups_polygon_does_not_describe_score_each_test() -> None:
    start, end = PROBLEM_XML.index("<groups>"), PROBLEM_XML.index("</groups>") + len("</groups>")
    xml = PROBLEM_XML[:start] + PROBLEM_XML[end:]
    task = read_polygon(make_zip(polygon_files(**{"problem.xml": xml})))
    assert task.groups == (
        TestGroup("0", 0, (0,), policy="each_test"),
        TestGroup("1", 0, (1, 2), policy="each_test"),
        TestGroup("2", 70, (3, 4), policy="each_test"),
    )


def test_group_points_must_be_whole() -> None:
    xml = PROBLEM_XML.replace('name="1" points="30.0"', 'name="1" points="7.5"')
    assert rejection(make_zip(polygon_files(**{"problem.xml": xml}))) == [
        "Group 1 has points that are not a whole number: 7.5."
    ]


def test_a_wrong_test_count_and_an_unusable_path_pattern_are_named() -> None:
    xml = PROBLEM_XML.replace("<test-count>5</test-count>", "<test-count>6</test-count>").replace(
        "<answer-path-pattern>tests/%02d.a", "<answer-path-pattern>tests/%s.a"
    )
    assert rejection(make_zip(polygon_files(**{"problem.xml": xml}))) == [
        "problem.xml gives answer-path-pattern as tests/%s.a, which Sabaq cannot use.",
        "problem.xml counts 6 tests but describes 5.",
        "A task needs at least 3 tests; this one has 0.",
    ]
