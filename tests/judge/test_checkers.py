"""Built-in checkers and how a custom testlib checker's exit becomes a verdict."""

from __future__ import annotations

import pytest

from core.judge.checkers import (
    CheckerFailure,
    CheckResult,
    check,
    checker_argv,
    interpret_checker_exit,
)
from core.judge.package import CheckerSpec

TOKENS = CheckerSpec("tokens")
LINES = CheckerSpec("lines")
UNORDERED = CheckerSpec("unordered")


def verdict(spec: CheckerSpec, output: bytes, answer: bytes) -> str:
    return check(spec, input=b"", output=output, answer=answer).verdict


def floats(precision: float) -> CheckerSpec:
    return CheckerSpec("float", precision=precision)


@pytest.mark.parametrize(
    "output",
    [
        b"1 2 3\n",
        b"1 2 3",
        b"1\n2\n3\n\n\n",
        b"  1   2\t3  \r\n",
        b"\xef\xbb\xbf1 2 3\r\n",
    ],
)
def test_tokens_ignore_whitespace_layout_bom_and_crlf(output: bytes) -> None:
    assert verdict(TOKENS, output, b"1 2 3\n") == "ok"


def test_tokens_name_the_first_difference() -> None:
    result = check(TOKENS, input=b"", output=b"1 2 4 5", answer=b"1 2 5 5")
    assert result == CheckResult("wrong_answer", "expected 5, found 4 at token 3")


def test_tokens_missing_and_extra_output_are_wrong_answers() -> None:
    missing = check(TOKENS, input=b"", output=b"1 2", answer=b"1 2 3")
    extra = check(TOKENS, input=b"", output=b"1 2 3 4", answer=b"1 2 3")
    empty = check(TOKENS, input=b"", output=b"", answer=b"7")
    assert missing.message == "expected 3, found end of output at token 3"
    assert extra.message == "expected end of output, found 4 at token 4"
    assert (missing.verdict, extra.verdict, empty.verdict) == ("wrong_answer",) * 3


def test_an_empty_answer_accepts_only_empty_output() -> None:
    assert verdict(TOKENS, b" \n", b"") == "ok"
    assert verdict(TOKENS, b"0", b"") == "wrong_answer"


def test_tokens_are_case_sensitive() -> None:
    assert verdict(TOKENS, b"yes", b"YES") == "wrong_answer"


def test_output_that_is_not_utf8_is_compared_as_bytes() -> None:
    assert verdict(TOKENS, b"\xff\xfe abc", b"\xff\xfe abc") == "ok"
    result = check(TOKENS, input=b"", output=b"\xff\xfe", answer=b"abc")
    assert result.verdict == "wrong_answer"
    assert result.message == "expected abc, found \ufffd\ufffd at token 1"


def test_long_tokens_are_shortened_in_the_message() -> None:
    result = check(TOKENS, input=b"", output=b"x" * 1000, answer=b"y")
    assert len(result.message) < 100


def test_lines_ignore_trailing_spaces_crlf_and_trailing_empty_lines() -> None:
    answer = b"hello world\nsecond line\n"
    assert verdict(LINES, b"hello world   \r\nsecond line\t\r\n\r\n\n", answer) == "ok"


def test_lines_keep_inner_and_leading_spaces() -> None:
    assert verdict(LINES, b"hello  world\nsecond line\n", b"hello world\nsecond line\n") == (
        "presentation_error"
    )
    assert verdict(LINES, b" a\n", b"a\n") == "presentation_error"


def test_lines_with_the_same_words_split_differently_are_a_presentation_error() -> None:
    result = check(LINES, input=b"", output=b"1 2\n3\n", answer=b"1\n2 3\n")
    assert result == CheckResult("presentation_error", "expected 1, found 1 2 at line 1")


def test_lines_with_different_words_are_a_wrong_answer() -> None:
    result = check(LINES, input=b"", output=b"a\nb\nc\n", answer=b"a\nb\n")
    assert result == CheckResult("wrong_answer", "expected end of output, found c at line 3")


def test_leading_empty_lines_count() -> None:
    assert verdict(LINES, b"\na\n", b"a\n") == "presentation_error"


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        (b"1.000001", "ok"),  # exactly the absolute tolerance
        (b"0.999999", "ok"),
        (b"1.0000010001", "wrong_answer"),
        (b"1", "ok"),
        (b"1e0", "ok"),
        (b"+1.0", "ok"),
    ],
)
def test_float_absolute_tolerance_includes_its_boundary(output: bytes, expected: str) -> None:
    assert verdict(floats(1e-6), output, b"1.0") == expected


def test_float_relative_tolerance_counts_for_big_numbers() -> None:
    spec = floats(1e-6)
    assert verdict(spec, b"1000001", b"1000000") == "ok"  # off by 1: within 1e-6 relative
    assert verdict(spec, b"1000002", b"1000000") == "wrong_answer"


def test_float_nan_and_infinity() -> None:
    spec = floats(1e-9)
    assert verdict(spec, b"NaN", b"nan") == "ok"
    assert verdict(spec, b"nan", b"0") == "wrong_answer"
    assert verdict(spec, b"0", b"nan") == "wrong_answer"
    assert verdict(spec, b"Infinity", b"inf") == "ok"
    assert verdict(spec, b"-inf", b"inf") == "wrong_answer"
    assert verdict(spec, b"1e308", b"inf") == "wrong_answer"


def test_float_non_numbers_are_compared_exactly() -> None:
    spec = floats(1e-6)
    assert verdict(spec, b"YES 1.0000001", b"YES 1") == "ok"
    assert verdict(spec, b"yes 1", b"YES 1") == "wrong_answer"


def test_float_text_where_a_number_is_expected_is_a_wrong_answer() -> None:
    result = check(floats(1e-6), input=b"", output=b"2 abc", answer=b"2 3.5")
    assert result == CheckResult("wrong_answer", "expected a number 3.5, found abc at token 2")
    assert verdict(floats(1e-6), b"1_000", b"1000") == "wrong_answer"


def test_float_messages_say_by_how_much() -> None:
    result = check(floats(1e-4), input=b"", output=b"0.5", answer=b"0.6")
    assert result.message == "expected 0.6, found 0.5, differing by more than 0.0001 at token 1"


def test_float_huge_exponents_do_not_crash() -> None:
    assert verdict(floats(1e-6), b"1e999999", b"1e999999") == "ok"
    assert verdict(floats(1e-6), b"1e-999999", b"0") == "ok"


def test_unordered_compares_the_multiset_of_lines() -> None:
    answer = b"apple\nbanana\nbanana\n"
    assert verdict(UNORDERED, b"banana\napple  \r\nbanana\n\n", answer) == "ok"
    missing = check(UNORDERED, input=b"", output=b"banana\napple\n", answer=answer)
    extra = check(UNORDERED, input=b"", output=answer + b"cherry\n", answer=answer)
    assert missing == CheckResult("wrong_answer", "expected line banana 2 times, found it 1 times")
    assert extra == CheckResult("wrong_answer", "unexpected line cherry")


def test_a_float_checker_needs_its_precision_and_custom_is_not_built_in() -> None:
    with pytest.raises(ValueError, match="precision"):
        check(CheckerSpec("float"), input=b"", output=b"1", answer=b"1")
    with pytest.raises(ValueError, match="sandbox"):
        check(CheckerSpec("custom"), input=b"", output=b"1", answer=b"1")


def test_huge_outputs_are_checked() -> None:
    numbers = b"\n".join(str(n).encode() for n in range(300_000)) + b"\n"
    wrong = numbers[:-2] + b"0\n"
    for spec in (TOKENS, LINES, UNORDERED, floats(1e-9)):
        assert check(spec, input=b"", output=numbers, answer=numbers).verdict == "ok"
        assert verdict(spec, numbers.replace(b"\n", b"\r\n"), numbers) == "ok"
        assert verdict(spec, wrong, numbers) == "wrong_answer"


def test_one_huge_token_is_checked() -> None:
    digits = b"1" * 5_000_000
    assert verdict(floats(1e-6), digits + b"x", digits) == "wrong_answer"
    assert verdict(TOKENS, digits, digits + b"2") == "wrong_answer"


def test_checker_argv_passes_input_output_answer() -> None:
    assert checker_argv(["./check"]) == ("./check", "input.txt", "output.txt", "answer.txt")


@pytest.mark.parametrize(
    ("code", "expected"),
    [(0, "ok"), (1, "wrong_answer"), (2, "presentation_error")],
)
def test_testlib_exit_codes(code: int, expected: str) -> None:
    result = interpret_checker_exit(code, False, b"ok 3 numbers\n")
    assert result == CheckResult(expected, "ok 3 numbers")  # type: ignore[arg-type]


def test_testlib_fail_is_a_judge_error() -> None:
    result = interpret_checker_exit(3, False, b"FAIL answer file is broken")
    assert result == CheckerFailure("judge error: the checker failed: FAIL answer file is broken")


@pytest.mark.parametrize("code", [4, 5, 6, 8, 127, 134, -1])
def test_unknown_exit_codes_are_judge_errors(code: int) -> None:
    assert isinstance(interpret_checker_exit(code, False, b""), CheckerFailure)


def test_a_crashing_or_looping_checker_never_accepts() -> None:
    assert interpret_checker_exit(None, False, b"") == CheckerFailure(
        "judge error: the checker was killed by a signal"
    )
    # A checker that printed "ok" and exited 0 but only after the time limit: still a failure.
    assert interpret_checker_exit(0, True, b"ok") == CheckerFailure(
        "judge error: the checker ran out of time"
    )


def test_testlib_points() -> None:
    assert interpret_checker_exit(7, False, b"points 0.5 half done") == CheckResult(
        "ok", "points 0.5 half done", 0.5
    )
    assert interpret_checker_exit(7, False, b"3") == CheckResult("ok", "3", 3.0)
    assert interpret_checker_exit(7, False, b"points 0") == CheckResult(
        "wrong_answer", "points 0", 0.0
    )


@pytest.mark.parametrize("stderr", [b"", b"points", b"points many", b"points -1", b"nan"])
def test_testlib_points_without_valid_points_are_judge_errors(stderr: bytes) -> None:
    assert isinstance(interpret_checker_exit(7, False, stderr), CheckerFailure)


def test_checker_messages_are_shortened_and_never_crash_on_bad_bytes() -> None:
    result = interpret_checker_exit(1, False, b"\xff" * 10_000)
    assert isinstance(result, CheckResult)
    assert len(result.message) <= 201
