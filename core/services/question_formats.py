"""Importing and exporting the question bank: an Excel template, Aiken and GIFT (Moodle's).

**Import** is all or nothing. The file is read and every question checked first
(``check_question``, topic, course); if any has a problem,
:class:`~core.errors.ImportRejected` lists each with its row (Excel) or line (Aiken, GIFT)
number and nothing is written. Otherwise one transaction adds every question and writes ONE
audit record (``import.questions``). Aiken and GIFT carry one language: the uploader says
which (their own by default). A topic and a course given for the whole import apply to the
questions the file leaves without one.

- **Excel** (``.xlsx``): one row per question; headers in kk, ru or en (any order, a
  trailing ``*`` ignored, unknown columns refused, as in ``core/services/imports.py``);
  read with openpyxl in a thread; formula cells refused. Options are one per column; an
  option in several languages is written one line per language, ``kk: …``/``ru: …``/
  ``en: …``. What "Correct" and the option columns hold per kind is in the template's
  instructions (``build_question_template``, which also has an example row per kind).
- **Aiken**: single choice only — the text, options ``A.`` / ``B)`` …, ``ANSWER: B``.
- **GIFT**: ``//`` comments, ``::title::`` (ignored), ``[html]`` texts (tags dropped),
  ``$CATEGORY:`` (its last part is the topic), escapes ``\\~ \\= \\# \\{ \\} \\:`` and
  ``\\n``, feedback ``#…`` (ignored). ``{=a ~b}`` is single choice; answers all ``~`` with
  weights ``~%50%a ~%-100%b`` are multiple choice (a positive weight is correct);
  ``{T}``/``{FALSE}`` true or false; ``{=a =b}`` short answer; ``{#3.14:0.01}`` and
  ``{#1..5}`` numbers (a range is its middle ± half its width); ``{=a -> b =c -> d}``
  matching. An answer block with text after it (``before {=a} after``), or a short answer
  whose text has a ``___``, is a fill-in-the-blank question with that one blank. Essays
  (``{}``), descriptions without answers, partial credit on typed answers, several answer
  blocks and matching distractors are refused per question, saying so.

**Export** writes the same three formats for the questions the bank's filters show. Excel
holds every kind and language; Aiken only single choice; GIFT every kind but ordering and
fill-in-the-blank with more than one blank. Questions a format cannot hold are skipped and
counted (``export_summary`` tells the page beforehand). Text formats are written in one
language (``localised``). Cells are always written as text, so ``=HYPERLINK(…)`` in a
question never becomes a formula. A file exported and imported again gives equal questions
(Aiken and GIFT: in the language exported, with one-line texts for Aiken).
"""

from __future__ import annotations

import asyncio
import html
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from io import BytesIO
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from core.actor import Actor
from core.config import LANGUAGES
from core.deps import Deps
from core.errors import ImportRejected, InvalidInput, RowProblem
from core.i18n import N_, gettext_for
from core.models.academics import Course
from core.models.testing import QuestionKind
from core.permissions import Permission, require
from core.question_kinds import (
    BLANK,
    KIND_LABELS,
    MAX_OPTIONS,
    Loc,
    check_question,
    count_blanks,
    localised,
    normalise,
    parse_number,
)
from core.services.audit import do_record
from core.services.questions import (
    QuestionFilter,
    QuestionView,
    check_course,
    clean_topic,
    do_create_question,
    filtered_questions,
)
from core.tx import transaction
from core.workbooks import open_package


class QuestionFormat(StrEnum):
    XLSX = "xlsx"
    AIKEN = "aiken"
    GIFT = "gift"


FORMAT_LABELS: dict[QuestionFormat, str] = {
    QuestionFormat.XLSX: N_("Excel workbook (.xlsx)"),
    QuestionFormat.AIKEN: N_("Aiken text (single choice only)"),
    QuestionFormat.GIFT: N_("GIFT text (Moodle)"),
}
#: A file larger than this is refused before it is read.
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Questions in one file.
MAX_QUESTIONS = 2000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT_CONTENT_TYPE = "text/plain"

_TEXT_FORMAT = "@"
_MAX_COLUMNS = 64
_EMPTY_ROWS_END = 1000
_HEADER_SEARCH_ROWS = 10
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LANGUAGE_LINE = re.compile(r"^\s*(kk|ru|en)\s*:\s?(.*)$", re.IGNORECASE)
_PAIR = "->"
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class ImportResult:
    """What an import added."""

    created: int
    question_ids: tuple[int, ...]


@dataclass(frozen=True)
class ExportCount:
    """How many of the filtered questions a format holds, and how many it leaves out."""

    format: QuestionFormat
    exported: int
    skipped: int


@dataclass(frozen=True)
class QuestionExport:
    data: bytes
    filename: str
    content_type: str
    exported: int
    skipped: int


@dataclass(frozen=True)
class Draft:
    """A question read from a file and checked, not yet written. ``line`` is its row (Excel)
    or first line (Aiken, GIFT); ``course`` is a course name from the file ("" for none)."""

    line: int
    kind: QuestionKind
    text: Loc
    body: dict[str, Any]
    points: int = 1
    topic: str = ""
    course: str = ""


def _problem(line: int, message: str, **params: object) -> RowProblem:
    return RowProblem(row=line, message=message, params=dict(params))


def _draft(
    line: int,
    kind: QuestionKind,
    text: Mapping[str, Any],
    body: Mapping[str, Any],
    *,
    points: int = 1,
    topic: str = "",
    course: str = "",
) -> Draft | RowProblem:
    """A checked draft, or the problem ``check_question`` (or the topic) found."""
    try:
        clean_text, clean_body = check_question(kind, text, body, points)
        topic = clean_topic(topic)
    except InvalidInput as error:
        return RowProblem(row=line, message=error.message, params=dict(error.params))
    return Draft(line, kind, clean_text, clean_body, points, topic, course)


def _sort(result: Draft | RowProblem, drafts: list[Draft], problems: list[RowProblem]) -> None:
    if isinstance(result, Draft):
        drafts.append(result)
    else:
        problems.append(result)


def _too_many() -> InvalidInput:
    return InvalidInput(
        N_("The file has more than {limit} questions. Split it into several files."),
        field="file",
        limit=MAX_QUESTIONS,
    )


def fits(format: QuestionFormat, kind: QuestionKind, body: Mapping[str, Any]) -> bool:
    """Whether ``format`` can hold a question of ``kind`` with ``body``."""
    if format is QuestionFormat.AIKEN:
        return kind is QuestionKind.SINGLE
    if format is QuestionFormat.GIFT:
        if kind is QuestionKind.ORDERING:
            return False
        return kind is not QuestionKind.FILL_BLANK or len(body.get("blanks", [])) == 1
    return True


# --- GIFT ------------------------------------------------------------------------------------

# Escaped marks become private-use characters while a question is parsed, then come back.
_GIFT_MARKS = {"\\": "\ue000", "~": "\ue001", "=": "\ue002", "#": "\ue003"}
_GIFT_MARKS |= {"{": "\ue004", "}": "\ue005", ":": "\ue006"}
_RESTORE = {placeholder: mark for mark, placeholder in _GIFT_MARKS.items()}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_WEIGHT = re.compile(r"^\s*%\s*(-?\d+(?:[.,]\d+)?)\s*%")
_FORMAT_MARK = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_TRUE_FALSE = re.compile(r"^(T|F|TRUE|FALSE)\s*(#.*)?$", re.IGNORECASE | re.DOTALL)
_CATEGORY = re.compile(r"^\s*\$CATEGORY:\s*(.*)$", re.IGNORECASE)
_POINTS_COMMENT = re.compile(r"^//\s*points\s*:\s*(\d{1,3})\s*$", re.IGNORECASE)
_CATEGORY_ROOTS = frozenset({"$course$", "$system$", "$module$", "$coursecategory$", "top"})
_TAG = re.compile(r"<[^<>]+>")
_BREAK = re.compile(r"<\s*(br\s*/?|/p|/div|/li)\s*>", re.IGNORECASE)


def _protect(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        char = match.group(1)
        if char == "n":
            return "\n"
        return _GIFT_MARKS.get(char, match.group(0))

    return _ESCAPE.sub(replace, text)


def _restore(text: str) -> str:
    for placeholder, mark in _RESTORE.items():
        text = text.replace(placeholder, mark)
    return text


def _plain_html(text: str) -> str:
    text = _TAG.sub("", _BREAK.sub("\n", text))
    lines = (" ".join(line.split()) for line in html.unescape(text).split("\n"))
    return "\n".join(line for line in lines if line)


def _gift_category(path: str) -> str:
    """The topic a ``$CATEGORY:`` path names: its last part (``//`` is a ``/`` in a name)."""
    parts = [part.replace("\0", "/").strip() for part in path.replace("//", "\0").split("/")]
    named = [part for part in parts if part and part.casefold() not in _CATEGORY_ROOTS]
    return named[-1] if named else ""


@dataclass(frozen=True)
class _Answer:
    correct_mark: bool  # "=" rather than "~"
    weight: Decimal | None
    text: str


def _gift_answers(inner: str) -> list[_Answer] | None:
    """The answers of a block, or None when it does not start with ``=`` or ``~``."""
    inner = inner.strip()
    if not inner or inner[0] not in "=~":
        return None
    answers: list[_Answer] = []
    for match in re.finditer(r"([=~])([^=~]*)", inner):
        raw = match.group(2)
        weight: Decimal | None = None
        found = _WEIGHT.match(raw)
        if found:
            weight = Decimal(found.group(1).replace(",", "."))
            raw = raw[found.end() :]
        text = raw.split("#", 1)[0].strip()
        answers.append(_Answer(match.group(1) == "=", weight, text))
    return answers


def _gift_numeric(
    line: int, text: Loc, inner: str, *, points: int, topic: str
) -> Draft | RowProblem:
    body = inner[1:].strip()
    candidates: list[str] = []
    if "=" in body:
        for answer in _gift_answers(body) or []:
            if answer.weight is None or answer.weight == 100:
                candidates.append(answer.text)
        if len(candidates) != 1:
            return _problem(
                line,
                N_(
                    "A number question may have one right answer only: partial credit for "
                    "other numbers is not supported."
                ),
            )
        body = candidates[0]
    body = _restore(body.split("#", 1)[0]).strip()
    if ".." in body:
        low_text, high_text = (part.strip() for part in body.split("..", 1))
        low, high = parse_number(low_text), parse_number(high_text)
        if low is None or high is None or high < low:
            return _problem(
                line,
                N_("“{range}” is not a range of numbers such as 1..5."),
                range=body,
            )
        value, tolerance = str((low + high) / 2), str((high - low) / 2)
    elif ":" in body:
        value, tolerance = (part.strip() for part in body.split(":", 1))
    else:
        value, tolerance = body, "0"
    return _draft(
        line,
        QuestionKind.NUMERIC,
        text,
        {"value": value, "tolerance": tolerance},
        points=points,
        topic=topic,
    )


def _gift_question(
    line: int, block: str, *, language: str, topic: str, points: int = 1
) -> Draft | RowProblem:
    raw = _protect(block).strip()
    if raw.startswith("::"):
        end = raw.find("::", 2)
        if end < 0:
            return _problem(line, N_("The title is not closed: write it as ::title::."))
        raw = raw[end + 2 :].lstrip()
    is_html = False
    found = _FORMAT_MARK.match(raw)
    if found:
        is_html = found.group(1).lower() == "html"
        raw = raw[found.end() :]

    def clean(value: str) -> str:
        value = _restore(value)
        return _plain_html(value) if is_html else value.strip()

    start = raw.find("{")
    if start < 0:
        return _problem(
            line,
            N_(
                "This question has no answers in {…}: descriptions without answers are "
                "not supported."
            ),
        )
    end = raw.find("}", start)
    if end < 0:
        return _problem(line, N_("The answers are not closed: a } is missing."))
    if "{" in raw[start + 1 :] or "}" in raw[end + 1 :]:
        return _problem(
            line,
            N_(
                "A question may have one block of answers in {…}. Separate questions with a "
                "blank line, and write a { or } that is part of the text as \\{ or \\}."
            ),
        )
    before, inner, after = raw[:start], raw[start + 1 : end], raw[end + 1 :]
    if "####" in inner:
        inner = inner[: inner.index("####")]  # general feedback
    blank_inside = bool(clean(after))
    text_raw = f"{before}{BLANK}{after}" if blank_inside else before
    text = {language: clean(text_raw)}
    inner = inner.strip()

    def made(kind: QuestionKind, body: dict[str, Any]) -> Draft | RowProblem:
        return _draft(line, kind, text, body, points=points, topic=topic)

    if not inner:
        return _problem(
            line,
            N_("Essay questions ({}) are not supported: Sabaq scores only answers it can check."),
        )
    if inner.startswith("#"):
        return _gift_numeric(line, text, inner, points=points, topic=topic)
    true_false = _TRUE_FALSE.match(inner)
    if true_false:
        return made(QuestionKind.TRUE_FALSE, {"answer": true_false.group(1).upper()[0] == "T"})
    answers = _gift_answers(inner)
    if answers is None:
        return _problem(line, N_("Start each answer with = (right) or ~ (wrong)."))
    texts = [clean(answer.text) for answer in answers]
    if all(answer.correct_mark for answer in answers):
        if any(_PAIR in value for value in texts):
            pairs = []
            for value in texts:
                left, arrow, right = value.partition(_PAIR)
                if not arrow or not left.strip():
                    return _problem(
                        line,
                        N_(
                            "Write every pair of a matching question as =left -> right; "
                            "extra right-hand answers without a left side are not supported."
                        ),
                    )
                pairs.append(
                    {"left": {language: left.strip()}, "right": {language: right.strip()}}
                )
            return made(QuestionKind.MATCHING, {"pairs": pairs})
        if any(answer.weight is not None and answer.weight != 100 for answer in answers):
            return _problem(
                line,
                N_("Partial credit for typed answers (=%50%…) is not supported."),
            )
        if blank_inside or count_blanks(text[language]) == 1:
            return made(QuestionKind.FILL_BLANK, {"blanks": [texts]})
        return made(QuestionKind.SHORT, {"accepted": texts})
    single = any(answer.correct_mark for answer in answers)
    options = [
        {
            "text": {language: value},
            "correct": answer.correct_mark or (answer.weight is not None and answer.weight > 0),
        }
        for answer, value in zip(answers, texts, strict=True)
    ]
    kind = QuestionKind.SINGLE if single else QuestionKind.MULTIPLE
    return made(kind, {"options": options})


def read_gift(text: str, *, language: str) -> tuple[list[Draft], list[RowProblem]]:
    """The questions of a GIFT file in ``language``, and a problem per bad question.

    Raises:
        InvalidInput: more than ``MAX_QUESTIONS`` questions.
    """
    drafts: list[Draft] = []
    problems: list[RowProblem] = []
    topic = ""
    block: list[str] = []
    first = 0
    points = 1

    def flush() -> None:
        nonlocal block, points
        if block:
            if len(drafts) + len(problems) >= MAX_QUESTIONS:
                raise _too_many()
            result = _gift_question(
                first, "\n".join(block), language=language, topic=topic, points=points
            )
            _sort(result, drafts, problems)
            points = 1
        block = []

    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            marked = _POINTS_COMMENT.match(stripped)
            if marked and not block:
                points = int(marked.group(1))
            continue
        if not stripped:
            flush()
            continue
        category = _CATEGORY.match(line) if not block else None
        if category:
            topic = _gift_category(category.group(1).strip())
            continue
        if not block:
            first = number
        block.append(line)
    flush()
    return drafts, problems


def _gift_escape(text: str) -> str:
    for mark in "\\~=#{}:":
        text = text.replace(mark, "\\" + mark)
    return text.replace("\r", "").replace("\n", "\\n")


def _weight(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.00001')):f}".rstrip("0").rstrip(".")
    return "0" if text in {"", "-0"} else text


def _gift_body(question: QuestionView, language: str) -> tuple[str, str]:
    """The question's text and its answer block, for GIFT."""
    body, kind = question.body, question.kind
    text = _gift_escape(localised(question.text, language))

    def loc(value: Mapping[str, str]) -> str:
        return _gift_escape(localised(value, language))

    if kind is QuestionKind.SINGLE:
        answers = " ".join(
            ("=" if option["correct"] else "~") + loc(option["text"]) for option in body["options"]
        )
    elif kind is QuestionKind.MULTIPLE:
        correct = sum(1 for option in body["options"] if option["correct"])
        wrong = len(body["options"]) - correct
        parts = []
        for option in body["options"]:
            share = Decimal(100) / (correct if option["correct"] else -wrong)
            parts.append(f"~%{_weight(share)}%{loc(option['text'])}")
        answers = " ".join(parts)
    elif kind is QuestionKind.TRUE_FALSE:
        answers = "TRUE" if body["answer"] else "FALSE"
    elif kind is QuestionKind.SHORT:
        answers = " ".join("=" + _gift_escape(value) for value in body["accepted"])
    elif kind is QuestionKind.NUMERIC:
        answers = f"#{body['value']}:{body['tolerance']}"
    elif kind is QuestionKind.MATCHING:
        answers = " ".join(
            f"={loc(pair['left'])} {_PAIR} {loc(pair['right'])}" for pair in body["pairs"]
        )
    else:  # one blank: the text keeps its ___, the answers follow it
        answers = " ".join("=" + _gift_escape(value) for value in body["blanks"][0])
    return text, answers


def write_gift(questions: Iterable[QuestionView], *, language: str) -> tuple[str, int, int]:
    """The questions GIFT can hold as a GIFT text in ``language``; with the numbers written
    and skipped."""
    lines = ["// Sabaq question bank", ""]
    written = skipped = 0
    topic = ""
    for question in questions:
        if not fits(QuestionFormat.GIFT, question.kind, question.body):
            skipped += 1
            continue
        if question.topic != topic:
            topic = question.topic
            lines += [f"$CATEGORY: {topic.replace('/', '//')}", ""]
        written += 1
        text, answers = _gift_body(question, language)
        if question.points != 1:
            lines.append(f"// points: {question.points}")
        lines += [f"::{question.id}:: {text} {{{answers}}}", ""]
    return "\n".join(lines), written, skipped


# --- Aiken -----------------------------------------------------------------------------------

_AIKEN_OPTION = re.compile(r"^([A-Z])[.)]\s+(.*)$")
_AIKEN_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)


class _AikenReader:
    """A line-by-line reader: question text, options ``A.`` …, then ``ANSWER: X``."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.drafts: list[Draft] = []
        self.problems: list[RowProblem] = []
        self.question: list[str] = []
        self.options: list[str] = []
        self.first = 0
        self.broken = False

    def reset(self) -> None:
        self.question, self.options, self.broken = [], [], False

    def add(self, result: Draft | RowProblem) -> None:
        if len(self.drafts) + len(self.problems) >= MAX_QUESTIONS:
            raise _too_many()
        if isinstance(result, Draft):
            self.drafts.append(result)
        else:
            self.problems.append(result)

    def fail(self, line: int, message: str, **params: object) -> None:
        """A problem with the question being read; skip to its end."""
        self.add(_problem(line, message, **params))
        self.broken = True

    def line(self, number: int, line: str) -> None:
        if self.broken:
            # After a problem, skip to the end of that question (its ANSWER or a blank line).
            if not line or _AIKEN_ANSWER.match(line):
                self.reset()
            return
        if not line:
            if self.options:
                self.add(_problem(self.first, _NO_ANSWER))
                self.reset()
            return  # a blank line between questions, or inside a long question text
        answer, option = _AIKEN_ANSWER.match(line), _AIKEN_OPTION.match(line)
        if not self.question:
            self.first = number
            if answer or option:
                self.fail(number, N_("An option or an answer comes before the question text."))
            else:
                self.question.append(line)
        elif answer:
            self.answer(number, answer.group(1).strip().upper())
        elif option:
            expected = chr(ord("A") + len(self.options))
            if option.group(1) != expected:
                self.fail(
                    number,
                    N_("Option {found} is out of order: option {expected} was expected."),
                    found=option.group(1),
                    expected=expected,
                )
            else:
                self.options.append(option.group(2).strip())
        elif self.options:
            self.fail(number, N_("Expected the next option (such as C.) or ANSWER: here."))
        else:
            self.question.append(line)

    def answer(self, number: int, letter: str) -> None:
        last = chr(ord("A") + len(self.options) - 1)
        if not self.options:
            self.add(_problem(self.first, N_("The question has no options A., B., ….")))
        elif len(letter) != 1 or not "A" <= letter <= last:
            self.add(
                _problem(
                    number,
                    N_("ANSWER: must be the letter of one of the options, A to {last}."),
                    last=last,
                )
            )
        else:
            chosen = ord(letter) - ord("A")
            options = [
                {"text": {self.language: value}, "correct": index == chosen}
                for index, value in enumerate(self.options)
            ]
            text = {self.language: "\n".join(self.question)}
            self.add(_draft(self.first, QuestionKind.SINGLE, text, {"options": options}))
        self.reset()

    def end(self) -> None:
        if (self.question or self.options) and not self.broken:
            self.add(_problem(self.first, _NO_ANSWER))


_NO_ANSWER = N_("The question has no ANSWER: line after its options.")


def read_aiken(text: str, *, language: str) -> tuple[list[Draft], list[RowProblem]]:
    """The single-choice questions of an Aiken file in ``language``, and the problems.

    Raises:
        InvalidInput: more than ``MAX_QUESTIONS`` questions.
    """
    reader = _AikenReader(language)
    for number, line in enumerate(text.split("\n"), start=1):
        reader.line(number, line.strip())
    reader.end()
    return reader.drafts, reader.problems


def write_aiken(questions: Iterable[QuestionView], *, language: str) -> tuple[str, int, int]:
    """The single-choice questions as an Aiken text in ``language`` (one line each); with
    the numbers written and skipped."""
    blocks: list[str] = []
    skipped = 0
    for question in questions:
        if question.kind is not QuestionKind.SINGLE:
            skipped += 1
            continue
        lines = [" ".join(localised(question.text, language).split())]
        answer = "A"
        for index, option in enumerate(question.body["options"]):
            letter = chr(ord("A") + index)
            lines.append(f"{letter}. {' '.join(localised(option['text'], language).split())}")
            if option["correct"]:
                answer = letter
        lines.append(f"ANSWER: {answer}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else ""), len(blocks), skipped


# --- Excel -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    key: str
    label: str
    kk: str
    ru: str
    width: int
    number: int = 0  # the option's number, for "Option {number}"
    aliases: tuple[str, ...] = ()


_OPTION_LABEL = N_("Option {number}")
_TEXT_LABEL = N_("Question ({language})")
COLUMNS: tuple[_Column, ...] = (
    _Column("kind", N_("Kind"), "Түрі", "Тип", 20, aliases=("type", "тип вопроса", "сұрақ түрі")),
    _Column("topic", N_("Topic"), "Тақырып", "Тема", 18),
    _Column("course", N_("Course"), "Курс", "Курс", 16),
    _Column("points", N_("Points"), "Балл", "Баллы", 8, aliases=("балл", "ұпай", "score")),
    *(
        _Column(f"text_{code}", _TEXT_LABEL, f"Сұрақ ({code})", f"Вопрос ({code})", 40)
        for code in LANGUAGES
    ),
    *(
        _Column(f"option_{n}", _OPTION_LABEL, f"Нұсқа {n}", f"Вариант {n}", 16, number=n)
        for n in range(1, MAX_OPTIONS + 1)
    ),
    _Column("correct", N_("Correct"), "Дұрыс жауап", "Правильный ответ", 14, aliases=("answer",)),
    _Column("tolerance", N_("Tolerance"), "Дәлдік", "Погрешность", 11),
)
_REQUIRED = ("kind",)
_BY_KEY = {column.key: column for column in COLUMNS}
#: Kind names besides the code and KIND_LABELS (kept so older templates still import).
_KIND_NAMES: dict[QuestionKind, tuple[str, str]] = {
    QuestionKind.SINGLE: ("Бір жауапты", "Один ответ"),
    QuestionKind.MULTIPLE: ("Бірнеше жауапты", "Несколько ответов"),
    QuestionKind.TRUE_FALSE: ("Дұрыс немесе бұрыс", "Верно или неверно"),
    QuestionKind.SHORT: ("Қысқа жауап", "Краткий ответ"),
    QuestionKind.NUMERIC: ("Сан", "Число"),
    QuestionKind.MATCHING: ("Сәйкестендіру", "Соответствие"),
    QuestionKind.ORDERING: ("Ретке келтіру", "Порядок"),
    QuestionKind.FILL_BLANK: ("Бос орындарды толтыру", "Заполнить пропуски"),
}
_TRUE_WORDS = frozenset(
    {"true", "t", "1", "yes", "да", "верно", "правда", "иә", "дұрыс", "ақиқат"}
)
_FALSE_WORDS = frozenset(
    {"false", "f", "0", "no", "нет", "неверно", "ложь", "жоқ", "бұрыс", "жалған"}
)
_NUMBERING_HEADERS = frozenset({"№", "#", "no", "no.", "n", "nr", "№ п/п", "п/п"})

_INSTRUCTIONS = (
    N_("How to fill in the question template"),
    N_(
        "One row per question, from the second row down. Keep the column names in the first "
        "row. Replace the example rows with your questions."
    ),
    N_("Kind: one of {kinds}."),
    N_(
        "Question: its text in Kazakh, Russian and/or English (at least one). Mark each blank "
        "of a fill-in-the-blank question with ___ (three underscores)."
    ),
    N_(
        "Options: one per column. To give an option in several languages, write each "
        "language on its own line starting with kk:, ru: or en:."
    ),
    N_(
        "Single and multiple choice: Correct holds the numbers of the correct options, such "
        "as 2 or 1, 3."
    ),
    N_("True or false: Correct holds TRUE or FALSE."),
    N_(
        "Short answer: each accepted answer in its own option column, or several in one "
        "separated by |. Case and ё/е do not matter."
    ),
    N_("Number: Correct holds the number, Tolerance how far an answer may be from it."),
    N_("Matching: each option is a pair written as left -> right."),
    N_("Ordering: the options in the right order; students see them shuffled."),
    N_(
        "Fill in the blanks: option 1 holds the accepted answers of the first blank "
        "(separated by |), option 2 those of the second, and so on."
    ),
    N_(
        "Points: a whole number from 1 to 100 (1 when empty). Topic and Course may be left "
        "empty; a course must be named as in the panel."
    ),
    N_("Type or paste values only: no formulas."),
    N_(
        "If any row has a problem, nothing is imported and every problem is listed with its "
        "row number. Fix them and upload the file again."
    ),
)
_LIMIT_LINE = N_("At most {limit} questions per file.")


def column_name(column: _Column, language: str) -> str:
    """The column's name in ``language``: the catalogue's translation, else the built-in."""
    translated = gettext_for(language, column.label)
    if translated == column.label and language != "en":
        return {"kk": column.kk, "ru": column.ru}.get(language, column.label)
    if column.number:
        return translated.format(number=column.number)
    if column.key.startswith("text_"):
        return translated.format(language=column.key.removeprefix("text_"))
    return translated


def kind_name(kind: QuestionKind, language: str) -> str:
    """A kind as the workbook writes it in ``language``."""
    label = KIND_LABELS[kind]
    translated = gettext_for(language, label)
    if translated == label and language != "en":
        kk, ru = _KIND_NAMES[kind]
        return {"kk": kk, "ru": ru}.get(language, label)
    return translated


def _fold(value: str) -> str:
    return (
        " ".join(value.split())
        .rstrip("*")
        .strip()
        .rstrip(":")
        .strip()
        .casefold()
        .replace("ё", "е")
    )


def _header_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for column in COLUMNS:
        candidates = [column.kk, column.ru, *column.aliases]
        candidates += [column_name(column, language) for language in LANGUAGES]
        if column.number:
            candidates.append(column.label.format(number=column.number))
        elif column.key.startswith("text_"):
            candidates.append(column.label.format(language=column.key.removeprefix("text_")))
        else:
            candidates.append(column.label)
        for name in candidates:
            names.setdefault(_fold(name), column.key)
    # A lone "Question" column is the text in the import's language.
    for name in ("question", "вопрос", "сұрақ", "text", "текст", "мәтін"):
        names.setdefault(name, "text")
    return names


def _kind_names() -> dict[str, QuestionKind]:
    names: dict[str, QuestionKind] = {}
    for kind in QuestionKind:
        for name in (kind.value, KIND_LABELS[kind], *_KIND_NAMES[kind]):
            names.setdefault(_fold(name), kind)
        for language in LANGUAGES:
            names.setdefault(_fold(kind_name(kind, language)), kind)
    return names


def _not_a_workbook() -> InvalidInput:
    return InvalidInput(
        N_(
            "This file is not an Excel workbook (.xlsx). Download the template, fill it in "
            "and upload it, or save your file in Excel as “Excel Workbook (.xlsx)”."
        ),
        field="file",
    )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


@dataclass(frozen=True)
class _Row:
    number: int
    values: dict[str, object]


def _read_rows(data: bytes, language: str) -> tuple[list[_Row], list[RowProblem]]:
    """The rows under the header of the first sheet, by column key; formula problems.

    Blocking: run it in a thread.
    """
    with open_package(data, _not_a_workbook):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                workbook = load_workbook(BytesIO(data), read_only=True, data_only=False)
        except Exception:  # openpyxl raises many kinds for a damaged or foreign package
            raise _not_a_workbook() from None
        try:
            if not workbook.worksheets:
                raise _not_a_workbook()
            sheet = workbook.worksheets[0]
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()
            rows = enumerate(sheet.iter_rows(min_row=1, max_col=_MAX_COLUMNS), start=1)
            keys = _find_header(rows, language)
            return _rows_below(rows, keys)
        except InvalidInput:
            raise
        except Exception:  # a damaged sheet inside a valid package
            raise _not_a_workbook() from None
        finally:
            workbook.close()


def _find_header(rows: Iterable[tuple[int, Sequence[Any]]], language: str) -> dict[int, str]:
    names = _header_names()
    seen = 0
    for _number, cells in rows:
        values = [cell.value for cell in cells]
        if all(_cell_text(value) == "" for value in values):
            continue
        seen += 1
        keys: dict[int, str] = {}
        unknown: list[str] = []
        for index, value in enumerate(values):
            folded = _fold(_cell_text(value))
            if not folded or folded in _NUMBERING_HEADERS:
                continue
            if folded not in names:
                unknown.append(_cell_text(value)[:60])
            elif names[folded] in keys.values():
                raise InvalidInput(
                    N_("The column “{column}” appears twice. Keep one of them."),
                    field="file",
                    column=_cell_text(value)[:60],
                )
            else:
                keys[index] = names[folded]
        if "kind" in keys.values():
            _check_header(keys, unknown, language)
            return keys
        if seen >= _HEADER_SEARCH_ROWS:
            break
    raise InvalidInput(
        N_(
            "No column names were found. The first row of the first sheet must name the "
            "columns as in the template, with a “{column}” column."
        ),
        field="file",
        column=column_name(_BY_KEY["kind"], language),
    )


def _check_header(keys: dict[int, str], unknown: list[str], language: str) -> None:
    listed = list(keys.values())
    if unknown:
        raise InvalidInput(
            N_(
                "The column “{column}” is not one we know. Rename it as in the template or "
                "delete it."
            ),
            field="file",
            column=unknown[0],
        )
    if not any(key == "text" or key.startswith("text_") for key in listed):
        raise InvalidInput(
            N_(
                "The file has no question text column. Use the column names of the template, "
                "such as “{column}”."
            ),
            field="file",
            column=column_name(_BY_KEY[f"text_{language}"], language),
        )


def _rows_below(
    rows: Iterable[tuple[int, Sequence[Any]]], keys: dict[int, str]
) -> tuple[list[_Row], list[RowProblem]]:
    result: list[_Row] = []
    problems: list[RowProblem] = []
    empty_run = 0
    columns = sorted(keys.items())
    for number, cells in rows:
        values: dict[str, object] = {}
        formulas: list[str] = []
        for index, key in columns:
            if index >= len(cells):
                break
            cell = cells[index]
            if getattr(cell, "data_type", None) == "f":
                formulas.append(f"{get_column_letter(index + 1)}{number}")
                continue
            if _cell_text(cell.value) != "":
                values[key] = cell.value
        if not values and not formulas:
            empty_run += 1
            if empty_run >= _EMPTY_ROWS_END:
                break
            continue
        empty_run = 0
        if len(result) >= MAX_QUESTIONS:
            raise _too_many()
        result.append(_Row(number, values))
        if formulas:
            problems.append(
                _problem(
                    number,
                    N_(
                        "Cell {cells} holds a formula. Copy the sheet and paste it as values "
                        "only, then upload the file again."
                    ),
                    cells=", ".join(formulas),
                )
            )
    return result, problems


def _cell_loc(raw: str, default: str) -> Loc:
    """An option cell: ``kk: …`` lines per language, or one text in ``default``."""
    lines = [line for line in raw.split("\n") if line.strip()]
    matched = [_LANGUAGE_LINE.match(line) for line in lines]
    if lines and all(matched):
        loc: Loc = {}
        for match in matched:
            assert match is not None
            language = match.group(1).lower()
            loc[language] = " ".join(filter(None, (loc.get(language, ""), match.group(2).strip())))
        return loc
    return {default: raw.strip()}


def _split_variants(raw: str) -> list[str]:
    return [part.strip() for part in re.split(r"[|\n]", raw) if part.strip()]


def _row_draft(row: _Row, language: str, kinds: dict[str, QuestionKind]) -> Draft | RowProblem:
    values = row.values
    kind_text = _cell_text(values.get("kind"))
    kind = kinds.get(_fold(kind_text))
    if kind is None:
        return _problem(
            row.number,
            N_("“{kind}” is not a kind of question. Write one of: {kinds}."),
            kind=kind_text,
            kinds=", ".join(k.value for k in QuestionKind),
        )
    text: Loc = {}
    for key in ("text", *(f"text_{code}" for code in LANGUAGES)):
        value = _cell_text(values.get(key))
        if value:
            text[key.removeprefix("text_") if key != "text" else language] = value
    default = next(iter(text)) if len(text) == 1 else language
    points_text = _cell_text(values.get("points")) or "1"
    if not points_text.isdecimal() or len(points_text) > 3:
        return _problem(
            row.number, N_("Points must be a whole number from 1 to {most}."), most=100
        )
    options = [
        (n, _cell_text(values.get(f"option_{n}")))
        for n in range(1, MAX_OPTIONS + 1)
        if _cell_text(values.get(f"option_{n}"))
    ]
    correct = _cell_text(values.get("correct"))
    body: dict[str, Any]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        marked: set[int] = set()
        for part in re.split(r"[,;\s]+", correct.upper()):
            if not part:
                continue
            if part.isdecimal() and len(part) <= 2:
                marked.add(int(part))
            elif len(part) == 1 and "A" <= part <= "J":
                marked.add(ord(part) - ord("A") + 1)
            else:
                return _problem(
                    row.number,
                    N_("Correct: write the numbers of the correct options, such as 2 or 1, 3."),
                )
        filled = {n for n, _ in options}
        if marked - filled:
            return _problem(
                row.number,
                N_("Correct names option {number}, but that option is empty."),
                number=min(marked - filled),
            )
        body = {
            "options": [
                {"text": _cell_loc(raw, default), "correct": n in marked} for n, raw in options
            ]
        }
    elif kind is QuestionKind.TRUE_FALSE:
        folded = _fold(correct)
        if folded not in _TRUE_WORDS | _FALSE_WORDS:
            return _problem(row.number, N_("Correct: write TRUE or FALSE."))
        body = {"answer": folded in _TRUE_WORDS}
    elif kind is QuestionKind.SHORT:
        body = {"accepted": [v for _, raw in options for v in _split_variants(raw)]}
    elif kind is QuestionKind.NUMERIC:
        body = {"value": correct, "tolerance": _cell_text(values.get("tolerance")) or "0"}
    elif kind is QuestionKind.MATCHING:
        pairs = []
        for n, raw in options:
            left: Loc = {}
            right: Loc = {}
            for code, value in _cell_loc(raw, default).items():
                first, arrow, second = value.partition(_PAIR)
                if not arrow:
                    return _problem(
                        row.number,
                        N_("Option {number}: write a pair as left -> right."),
                        number=n,
                    )
                left[code], right[code] = first.strip(), second.strip()
            pairs.append({"left": left, "right": right})
        body = {"pairs": pairs}
    elif kind is QuestionKind.ORDERING:
        body = {"items": [_cell_loc(raw, default) for _, raw in options]}
    else:
        body = {"blanks": [_split_variants(raw) for _, raw in options]}
    return _draft(
        row.number,
        kind,
        text,
        body,
        points=int(points_text),
        topic=_cell_text(values.get("topic")),
        course=_cell_text(values.get("course")),
    )


def read_workbook(data: bytes, *, language: str) -> tuple[list[Draft], list[RowProblem]]:
    """The questions of an Excel workbook (plain texts in ``language``), and the problems.

    Blocking (openpyxl parses the XML): run it in a thread.

    Raises:
        InvalidInput: not a readable .xlsx, no header, a column doubled or unknown, or more
            than ``MAX_QUESTIONS`` rows.
    """
    rows, problems = _read_rows(data, language)
    kinds = _kind_names()
    drafts: list[Draft] = []
    with_formulas = {problem.row for problem in problems}
    for row in rows:
        if row.number in with_formulas:
            continue
        result = _row_draft(row, language, kinds)
        _sort(result, drafts, problems)
    return drafts, problems


def _text_cell(sheet: WriteOnlyWorksheet, value: str) -> Cell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # even "=..." stays text
    cell.number_format = _TEXT_FORMAT
    cell.alignment = _WRAP
    return cell


def _loc_cell(value: Mapping[str, str], languages: Sequence[str]) -> str:
    if len(value) == 1 and list(value) == list(languages):
        return next(iter(value.values()))
    return "\n".join(f"{code}: {value[code]}" for code in LANGUAGES if code in value)


def _row_values(question: QuestionView, language: str) -> dict[str, object]:
    body, kind = question.body, question.kind
    languages = [code for code in LANGUAGES if code in question.text]
    values: dict[str, object] = {
        "kind": kind_name(kind, language),
        "topic": question.topic,
        "course": question.course.name(language) if question.course else "",
        "points": question.points,
        **{f"text_{code}": question.text.get(code, "") for code in LANGUAGES},
    }
    cells: list[str] = []
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        cells = [_loc_cell(option["text"], languages) for option in body["options"]]
        values["correct"] = ", ".join(
            str(n) for n, option in enumerate(body["options"], start=1) if option["correct"]
        )
    elif kind is QuestionKind.TRUE_FALSE:
        values["correct"] = bool(body["answer"])
    elif kind is QuestionKind.SHORT:
        accepted = list(body["accepted"])
        cells = accepted if len(accepted) <= MAX_OPTIONS else [" | ".join(accepted)]
    elif kind is QuestionKind.NUMERIC:
        values["correct"], values["tolerance"] = body["value"], body["tolerance"]
    elif kind is QuestionKind.MATCHING:
        for pair in body["pairs"]:
            left, right = pair["left"], pair["right"]
            codes = [code for code in LANGUAGES if code in left or code in right]
            if codes == languages and len(codes) == 1:
                cells.append(f"{left[codes[0]]} {_PAIR} {right[codes[0]]}")
            else:
                cells.append(
                    "\n".join(
                        f"{code}: {localised(left, code)} {_PAIR} {localised(right, code)}"
                        for code in codes
                    )
                )
    elif kind is QuestionKind.ORDERING:
        cells = [_loc_cell(item, languages) for item in body["items"]]
    else:
        cells = [" | ".join(accepted) for accepted in body["blanks"]]
    for n, cell in enumerate(cells, start=1):
        values[f"option_{n}"] = cell
    return values


def _workbook(rows: Iterable[dict[str, object]], language: str, *, template: bool) -> bytes:
    def tr(message: str) -> str:
        return gettext_for(language, message)

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(tr(N_("Questions"))[:31])
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    header = []
    for column in COLUMNS:
        cell = _text_cell(
            sheet, column_name(column, language) + ("*" if column.key in _REQUIRED else "")
        )
        cell.font, cell.fill = bold, fill
        header.append(cell)
    sheet.append(header)
    for values in rows:
        line: list[Cell | None] = []
        for column in COLUMNS:
            value = values.get(column.key, "")
            if isinstance(value, bool | int):
                line.append(WriteOnlyCell(sheet, value=value))
            elif value:
                line.append(_text_cell(sheet, str(value)))
            else:
                line.append(None)  # an empty cell costs nothing to write
        sheet.append(line)
    if template:
        info = workbook.create_sheet(tr(N_("Instructions"))[:31])
        info.column_dimensions["A"].width = 110
        kinds = ", ".join(kind_name(kind, language) for kind in QuestionKind)
        lines = [tr(line) for line in _INSTRUCTIONS]
        lines[2] = lines[2].format(kinds=kinds)
        lines.append(tr(_LIMIT_LINE).format(limit=MAX_QUESTIONS))
        for number, text in enumerate(lines, start=1):
            cell = WriteOnlyCell(info, value=text)
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if number == 1:
                cell.font = Font(bold=True, size=13)
            info.append([cell])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_EXAMPLES: tuple[tuple[QuestionKind, str, tuple[str, ...], object, str, int], ...] = (
    (QuestionKind.SINGLE, "2 + 2 = ?", ("3", "4", "5"), "2", "", 1),
    (QuestionKind.MULTIPLE, N_("Which numbers are even?"), ("2", "3", "4", "5"), "1, 3", "", 2),
    (QuestionKind.TRUE_FALSE, "7 > 5", (), True, "", 1),
    (
        QuestionKind.SHORT,
        N_("What is the capital of Kazakhstan?"),
        ("Астана", "Astana"),
        "",
        "",
        1,
    ),
    (QuestionKind.NUMERIC, "π ≈ ?", (), "3.14", "0.01", 1),
    (
        QuestionKind.MATCHING,
        N_("Match each fraction with its decimal."),
        ("1/2 -> 0.5", "1/4 -> 0.25", "3/4 -> 0.75"),
        "",
        "",
        1,
    ),
    (
        QuestionKind.ORDERING,
        N_("Put the fractions in increasing order."),
        ("1/8", "1/4", "1/2"),
        "",
        "",
        1,
    ),
    (QuestionKind.FILL_BLANK, "2 + ___ = 5, 10 − ___ = 4", ("3", "6"), "", "", 1),
)


def build_question_template(language: str) -> bytes:
    """The .xlsx a teacher downloads, fills in and uploads: the columns in ``language``, an
    example row per kind and a sheet of instructions."""
    rows: list[dict[str, object]] = []
    for kind, text, options, correct, tolerance, points in _EXAMPLES:
        values: dict[str, object] = {
            "kind": kind_name(kind, language),
            "points": points,
            f"text_{language}": gettext_for(language, text),
            "correct": correct,
            "tolerance": tolerance,
        }
        for n, option in enumerate(options, start=1):
            values[f"option_{n}"] = option
        rows.append(values)
    return _workbook(rows, language, template=True)


# --- import ----------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith((b"PK\x03\x04", _OLE_MAGIC)):
        raise InvalidInput(
            N_("This is an Excel file: choose “Excel” as the format, or upload a text file."),
            field="file",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1251")  # what Windows Notepad saves in Russian by default
        except UnicodeDecodeError:
            text = "\0"
    if "\0" in text:
        raise InvalidInput(
            N_(
                "This is not a text file. Save the questions as plain text (UTF-8) and upload "
                "it again."
            ),
            field="file",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _parse(
    data: bytes, format: QuestionFormat, language: str
) -> tuple[list[Draft], list[RowProblem]]:
    """Read the file (blocking)."""
    if format is QuestionFormat.XLSX:
        return read_workbook(data, language=language)
    text = _decode(data)
    reader = read_gift if format is QuestionFormat.GIFT else read_aiken
    return reader(text, language=language)


async def _course_ids(organisation_id: int) -> dict[str, int]:
    """Every name of the organisation's courses (folded, any language) → its id."""
    names: dict[str, int] = {}
    ambiguous: set[str] = set()
    for row in (
        await Course.filter(organisation_id=organisation_id)
        .order_by("id")
        .values("id", "name_kk", "name_ru", "name_en")
    ):
        for name in {normalise(row[key]) for key in ("name_kk", "name_ru", "name_en") if row[key]}:
            if name in names and names[name] != row["id"]:
                ambiguous.add(name)
            names.setdefault(name, row["id"])
    return {name: course for name, course in names.items() if name not in ambiguous}


def _clean_filename(filename: str) -> str:
    name = PureWindowsPath(PurePosixPath(filename or "").name).name
    return name.strip()[:200] or "upload"


async def import_questions(
    deps: Deps,
    actor: Actor,
    *,
    data: bytes,
    filename: str,
    format: QuestionFormat,
    language: str,
    course_id: int | None = None,
    topic: str = "",
) -> ImportResult:
    """Add the questions of a file to the bank: all or nothing, one audit record.

    ``language`` is the language of Aiken and GIFT texts (and of plain Excel options whose
    question has texts in several languages). ``course_id`` and ``topic`` apply to the
    questions the file leaves without one.

    Raises:
        PermissionDenied: the actor may not manage questions.
        InvalidInput: the file itself is unusable (empty, too large, not of the format, no
            questions, too many), or the language, topic or course is wrong.
        ImportRejected: some questions are bad; ``problems`` lists each with its row or
            line number.
    """
    await require(actor, Permission.QUESTIONS_MANAGE)
    if language not in LANGUAGES:
        raise InvalidInput(N_("Choose the language of the questions."), field="language")
    topic = clean_topic(topic)
    await check_course(actor, course_id)
    if not data:
        raise InvalidInput(
            N_("The file is empty. Choose the file with the questions."), field="file"
        )
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(
            N_("The file is too large: at most {limit} MB."),
            field="file",
            limit=MAX_FILE_BYTES // (1024 * 1024),
        )
    drafts, problems = await asyncio.to_thread(_parse, data, format, language)
    if not drafts and not problems:
        raise InvalidInput(N_("No questions were found in the file."), field="file")
    courses = await _course_ids(actor.organisation_id)
    resolved: list[int | None] = []
    for draft in drafts:
        if not draft.course:
            resolved.append(course_id)
            continue
        found = courses.get(normalise(draft.course))
        if found is None:
            problems.append(
                _problem(
                    draft.line,
                    N_("There is no course “{name}”. Write its name as in the list of courses."),
                    name=draft.course,
                )
            )
        resolved.append(found)
    if problems:
        raise ImportRejected(sorted(problems, key=lambda problem: problem.row))
    async with transaction(deps) as tx:
        ids = [
            await do_create_question(
                tx,
                actor,
                kind=draft.kind,
                text=draft.text,
                body=draft.body,
                points=draft.points,
                course_id=course,
                topic=draft.topic or topic,
                audit=False,
            )
            for draft, course in zip(drafts, resolved, strict=True)
        ]
        await do_record(
            tx,
            actor,
            action="import.questions",
            object_type="organisation",
            object_id=actor.organisation_id,
            after={
                "file": _clean_filename(filename),
                "format": format.value,
                "language": language,
                "course_id": course_id,
                "topic": topic,
                "questions": ids,
            },
        )
    return ImportResult(created=len(ids), question_ids=tuple(ids))


# --- export ----------------------------------------------------------------------------------


async def export_summary(actor: Actor, *, filters: QuestionFilter) -> list[ExportCount]:
    """For each format, how many of the filtered questions it would hold and leave out.

    Raises:
        PermissionDenied: the actor may not manage questions.
    """
    questions = await filtered_questions(actor, filters=filters)
    counts = []
    for format in QuestionFormat:
        held = sum(1 for q in questions if fits(format, q.kind, q.body))
        counts.append(ExportCount(format, held, len(questions) - held))
    return counts


async def export_questions(
    actor: Actor, *, filters: QuestionFilter, format: QuestionFormat, language: str
) -> QuestionExport:
    """The filtered questions (all pages) in ``format``; texts of Aiken and GIFT in
    ``language`` (or the nearest the question has); Excel headers in ``language``.

    Raises:
        PermissionDenied: the actor may not manage questions.
    """
    questions = await filtered_questions(actor, filters=filters)
    if format is QuestionFormat.XLSX:
        rows = [_row_values(question, language) for question in questions]
        data = await asyncio.to_thread(_workbook, rows, language, template=False)
        return QuestionExport(data, "sabaq-questions.xlsx", XLSX_CONTENT_TYPE, len(questions), 0)
    writer = write_gift if format is QuestionFormat.GIFT else write_aiken
    text, written, skipped = writer(questions, language=language)
    return QuestionExport(
        text.encode("utf-8"),
        f"sabaq-questions-{format.value}.txt",
        TEXT_CONTENT_TYPE,
        written,
        skipped,
    )
