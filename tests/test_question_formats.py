"""Importing and exporting questions (issue 7): GIFT, Aiken and the Excel template, every bad
question named by its line or row, all or nothing, and exports that import back equal."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from core.actor import Actor
from core.deps import Deps
from core.errors import ImportRejected, InvalidInput
from core.models.audit import AuditRecord
from core.models.testing import Question
from core.services.academics import CourseData, create_course
from core.services.question_formats import (
    ExportCount,
    QuestionFormat,
    build_question_template,
    export_questions,
    export_summary,
    fits,
    import_questions,
    read_gift,
)
from core.services.questions import (
    QuestionData,
    QuestionFilter,
    QuestionKind,
    QuestionView,
    create_question,
    filtered_questions,
)
from tests.factories import make_organisation
from tests.lesson_factories import make_lesson_centre

K = QuestionKind
F = QuestionFormat

#: Twenty questions of every kind GIFT holds, as a teacher exports them from Moodle.
TWENTY = r"""// Экспорт из Moodle
$CATEGORY: $course$/top/Алгебра/Уравнения

::Q1:: [html]<p>Чему равен <b>x</b>, если 2x = 6?</p>{
  =3 #Верно
  ~4
  ~12 #Нет
}

::Q2:: Какие числа — корни уравнения x² \= 4? {~%50%2 ~%50%-2 ~%-100%4 ~%-100%0}

// points: 2
::Q3:: Уравнение x + 1 \= x не имеет решений.{T}

::Q4:: 0 — натуральное число.{FALSE#Ноль не натуральное.}

::Q5:: Как называется x в уравнении x + 2 \= 5? {=корень =корень уравнения}

::Q6:: 4x \= 10. x \= ? {#2.5}

::Q7:: π с точностью до сотых {#3.14:0.005}

::Q8:: Число от 1 до 5 {#1..5}

::Q9:: Сопоставьте {=x + 1 \= 3 -> 2 =x + 1 \= 5 -> 4 =x + 1 \= 1 -> 0}

::Q10:: Корень уравнения x + 3 \= 5 равен {=2 =два} , это натуральное число.

$CATEGORY: $course$/top/Алгебра/Дроби

::Q11:: Сколько будет 1/2 + 1/4? {=3/4 ~2/6 ~1/6}

::Q12:: Дробь 2/4 после сокращения равна ___. {=1/2}

::Q13:: Выберите правильные дроби {~%100%1/2 ~%-50%3/2 ~%-50%5/4}

Знак \{ и \} в тексте, а также \~ \# \:.{=да ~нет}

::Q15:: Половина — это {=0,5 ~0,2}

::Q16:: 1/2 > 1/3 {TRUE}

::Q17:: Сопоставьте дроби {=1/2 -> 0,5 =1/4 -> 0,25}

::Q18:: 3/4 в десятичной записи {#0.75:0}

::Q19:: Дробь, равная половине? {=1/2 =2/4 =3/6}

::Q20:: Числитель дроби 3/4? {=3 ~4}
"""


async def test_a_teacher_imports_twenty_questions_from_gift(deps: Deps):
    centre = await make_lesson_centre(deps)
    result = await import_questions(
        deps,
        centre.teacher,
        data=TWENTY.encode(),
        filename="moodle.txt",
        format=F.GIFT,
        language="ru",
        course_id=centre.course_id,
        topic="не используется",
    )
    assert result.created == 20
    by_text = {
        q.text["ru"]: q for q in await filtered_questions(centre.teacher, filters=QuestionFilter())
    }
    assert len(by_text) == 20
    kinds = [q.kind for q in by_text.values()]
    assert {kind: kinds.count(kind) for kind in set(kinds)} == {
        K.SINGLE: 5,
        K.MULTIPLE: 2,
        K.TRUE_FALSE: 3,
        K.SHORT: 2,
        K.NUMERIC: 4,
        K.MATCHING: 2,
        K.FILL_BLANK: 2,
    }
    first = by_text["Чему равен x, если 2x = 6?"]  # [html] tags dropped, feedback ignored
    assert first.body["options"][0] == {"text": {"ru": "3"}, "correct": True}
    assert (first.topic, first.course_id) == ("Уравнения", centre.course_id)
    assert by_text["Какие числа — корни уравнения x² = 4?"].body["options"] == [
        {"text": {"ru": "2"}, "correct": True},
        {"text": {"ru": "-2"}, "correct": True},
        {"text": {"ru": "4"}, "correct": False},
        {"text": {"ru": "0"}, "correct": False},
    ]
    assert by_text["Уравнение x + 1 = x не имеет решений."].points == 2
    assert by_text["0 — натуральное число."].body == {"answer": False}
    assert by_text["Число от 1 до 5"].body == {"value": "3", "tolerance": "2"}
    assert by_text["π с точностью до сотых"].body == {"value": "3.14", "tolerance": "0.005"}
    assert by_text["Сопоставьте"].body["pairs"][0] == {
        "left": {"ru": "x + 1 = 3"},
        "right": {"ru": "2"},
    }
    blank = by_text["Корень уравнения x + 3 = 5 равен ___ , это натуральное число."]
    assert (blank.kind, blank.body) == (K.FILL_BLANK, {"blanks": [["2", "два"]]})
    assert by_text["Дробь 2/4 после сокращения равна ___."].kind is K.FILL_BLANK
    escaped = by_text["Знак { и } в тексте, а также ~ # :."]
    assert (escaped.kind, escaped.topic) == (K.SINGLE, "Дроби")
    assert by_text["Выберите правильные дроби"].kind is K.MULTIPLE
    # One audit record for the whole file, listing what it created.
    (record,) = await AuditRecord.filter(action="import.questions")
    assert sorted(record.after["questions"]) == sorted(result.question_ids)
    assert not await AuditRecord.filter(action="question.create").exists()


async def test_a_malformed_gift_file_names_each_bad_question_and_imports_nothing(deps: Deps):
    centre = await make_lesson_centre(deps)
    malformed = "\n".join(
        [
            "// Контрольная",  # 1
            "::ok:: 2 + 2 \\= ? {=4 ~5}",  # 2
            "",
            "Эссе: опишите дроби. {}",  # 4
            "",
            "::t:: Только описание без ответов.",  # 6
            "",
            "Два верных {=1 =2 ~3}",  # 8
            "",
            "Незакрытый {=1 ~2",  # 10
            "~3",
            "",
            "Нет верного {~1 ~2}",  # 13
            "",
            "Частичный {=%50%a =b}",  # 15
            "Неверный диапазон {#5..1}",
        ]
    )
    with pytest.raises(ImportRejected) as caught:
        await import_questions(
            deps,
            centre.teacher,
            data=malformed.encode(),
            filename="bad.gift",
            format=F.GIFT,
            language="kk",
        )
    problems = [(p.row, p.translated("en")) for p in caught.value.problems]
    assert [row for row, _ in problems] == [4, 6, 8, 10, 13, 15]
    reasons = dict(problems)
    assert "Essay questions ({}) are not supported" in reasons[4]
    assert "descriptions without answers are not supported" in reasons[6]
    assert "exactly one correct option; 2 are marked" in reasons[8]
    assert "a } is missing" in reasons[10]
    assert reasons[13] == "Mark the correct option."
    assert "Separate questions with a blank line" in reasons[15]
    assert caught.value.translated("en") == "Nothing was imported: 6 rows need fixing."
    assert not await Question.exists()
    assert not await AuditRecord.filter(action="import.questions").exists()

    drafts, problems_ = read_gift("Частичный {=%50%a =b}\n\nДиапазон {#5..1}", language="ru")
    assert drafts == [] and [p.row for p in problems_] == [1, 3]
    assert "Partial credit" in problems_[0].translated("en")
    assert "not a range" in problems_[1].translated("en")


async def test_files_that_cannot_be_imported_are_refused_whole(deps: Deps):
    centre = await make_lesson_centre(deps)

    async def refused(data: bytes, format: QuestionFormat = F.GIFT, **kwargs: Any) -> str:
        with pytest.raises(InvalidInput) as caught:
            await import_questions(
                deps,
                centre.teacher,
                data=data,
                filename="x",
                format=format,
                language=kwargs.pop("language", "ru"),
                **kwargs,
            )
        assert not isinstance(caught.value, ImportRejected)
        return caught.value.translated("en")

    assert "empty" in await refused(b"")
    assert "at most 2 MB" in await refused(b"// " + b"x" * (2 * 1024 * 1024))
    assert "more than 2000 questions" in await refused(b"Q {=a}\n\n" * 2001)
    assert "No questions were found" in await refused(b"// only a comment\n")
    assert "choose \u201cExcel\u201d" in await refused(build_question_template("ru"))
    assert "not a text file" in await refused(b"a\0b")
    assert "not an Excel workbook" in await refused(b"2 + 2 {=4}", F.XLSX)
    assert "language" in await refused(b"Q {=a}", language="de")
    assert "no such course" in await refused(b"Q {=a}", course_id=10**6)
    assert not await Question.exists()


async def test_aiken_imports_single_choice_and_names_its_bad_lines(deps: Deps):
    centre = await make_lesson_centre(deps)
    good = (
        "Қазақстанның астанасы?\nA. Алматы\nB) Астана\nC. Шымкент\nANSWER: B\n\n"
        "2 + 2?\nA. 4\nB. 5\nANSWER: A\n"
    )
    result = await import_questions(
        deps, centre.teacher, data=good.encode(), filename="a.txt", format=F.AIKEN, language="kk"
    )
    assert result.created == 2
    capital = await Question.get(id=result.question_ids[0])
    assert capital.text == {"kk": "Қазақстанның астанасы?"}
    assert capital.body["options"][1] == {"text": {"kk": "Астана"}, "correct": True}

    bad = "\n".join(
        [
            "Вопрос 1",  # 1
            "A. да",
            "C. нет",  # 3: out of order
            "ANSWER: A",
            "",
            "Вопрос 2",  # 6
            "A. да",
            "B. нет",
            "ANSWER: D",  # 9: no such option
            "Вопрос 3",  # 10
            "A. да",
            "B. да",
            "ANSWER: A",  # duplicated options: the question's first line
            "Вопрос 4",  # 14
            "A. да",
        ]
    )
    with pytest.raises(ImportRejected) as caught:
        await import_questions(
            deps,
            centre.teacher,
            data=bad.encode(),
            filename="b.txt",
            format=F.AIKEN,
            language="ru",
        )
    problems = [(p.row, p.translated("en")) for p in caught.value.problems]
    assert problems == [
        (3, "Option C is out of order: option B was expected."),
        (9, "ANSWER: must be the letter of one of the options, A to B."),
        (10, "Options 1 and 2 are the same; make each one different."),
        (14, "The question has no ANSWER: line after its options."),
    ]
    assert await Question.all().count() == 2


def sheet_bytes(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


async def test_the_excel_template_imports_and_bad_rows_are_listed(deps: Deps):
    centre = await make_lesson_centre(deps)
    template = build_question_template("kk")
    sheet = load_workbook(io.BytesIO(template)).worksheets[0]
    assert sheet["A1"].value == "Түрі*"
    result = await import_questions(
        deps,
        centre.teacher,
        data=template,
        filename="template.xlsx",
        format=F.XLSX,
        language="kk",
        topic="Мысал",
    )
    imported = await filtered_questions(centre.teacher, filters=QuestionFilter())
    assert result.created == 8 and {q.kind for q in imported} == set(QuestionKind)
    assert {q.topic for q in imported} == {"Мысал"}
    numeric = next(q for q in imported if q.kind is K.NUMERIC)
    assert numeric.body == {"value": "3.14", "tolerance": "0.01"}
    matching = next(q for q in imported if q.kind is K.MATCHING)
    assert matching.body["pairs"][0] == {"left": {"kk": "1/2"}, "right": {"kk": "0.5"}}

    # Headers in Russian, any order; a bad row is named by its row number.
    rows = [
        ["Правильный ответ", "Тип", "Вопрос (ru)", "Вариант 1", "Вариант 2", "Курс"],
        ["2", "single", "2 + 2?", "4", "5", ""],
        ["1", "Карточка", "?", "a", "b", ""],
        ["", "true_false", "=1+1", "", "", ""],
        ["3", "single", "?", "a", "b", ""],
        ["1", "single", "?", "a", "b", "Химия"],
        ["1", "multiple", "Какие?", "a", "b", "алгебра"],
    ]
    data = sheet_bytes(rows)
    with pytest.raises(ImportRejected) as caught:
        await import_questions(
            deps, centre.teacher, data=data, filename="q.xlsx", format=F.XLSX, language="ru"
        )
    problems = [(p.row, p.translated("en")) for p in caught.value.problems]
    assert problems[0][0] == 3 and "“Карточка” is not a kind of question" in problems[0][1]
    assert problems[1][0] == 4 and problems[1][1].startswith("Cell C4 holds a formula.")
    assert problems[2] == (5, "Correct names option 3, but that option is empty.")
    assert problems[3] == (
        6,
        "There is no course “Химия”. Write its name as in the list of courses.",
    )
    assert len(problems) == 4  # rows 2 and 7 are good: a course is found in any case
    assert await Question.all().count() == 8

    with pytest.raises(InvalidInput, match="“Цвет” is not one we know"):
        await import_questions(
            deps,
            centre.teacher,
            data=sheet_bytes([["Тип", "Вопрос (ru)", "Цвет"], ["short", "?", "red"]]),
            filename="q.xlsx",
            format=F.XLSX,
            language="ru",
        )


def bank_of_every_kind(course_id: int) -> list[QuestionData]:
    return [
        QuestionData(
            K.SINGLE,
            {"ru": '=HYPERLINK("x") и {скобки}: ~ # \\ — это текст?'},
            {"options": [{"text": "да: =", "correct": True}, {"text": "нет ~"}]},
            topic="Дроби/части",
            course_id=course_id,
        ),
        QuestionData(
            K.MULTIPLE,
            {"ru": "Корни x² = 4?"},
            {"options": [{"text": t, "correct": t != "4"} for t in ("2", "-2", "4")]},
            points=3,
            topic="Уравнения",
        ),
        QuestionData(K.TRUE_FALSE, {"ru": "1 > 0"}, {"answer": True}, topic="Уравнения"),
        QuestionData(K.SHORT, {"ru": "Столица?"}, {"accepted": ["Астана", "Astana"]}),
        QuestionData(K.NUMERIC, {"ru": "Пи?"}, {"value": "3.14", "tolerance": "0.01"}),
        QuestionData(
            K.MATCHING,
            {"ru": "Сопоставьте"},
            {"pairs": [{"left": "1/2", "right": "0,5"}, {"left": "1/4", "right": "0,25"}]},
        ),
        QuestionData(K.FILL_BLANK, {"ru": "2 + ___ = 5"}, {"blanks": [["3", "три"]]}),
        # Neither Aiken nor GIFT holds these two.
        QuestionData(K.ORDERING, {"ru": "По возрастанию"}, {"items": ["1", "2", "3"]}),
        QuestionData(
            K.FILL_BLANK, {"ru": "___ + ___ = 2"}, {"blanks": [["1"], ["1"]]}, topic="Дроби"
        ),
    ]


def comparable(
    questions: list[QuestionView], *, course_id: int | None = None, text_format: str = ""
) -> list[tuple[Any, ...]]:
    """What a round trip keeps: Aiken neither topic nor points, text formats no course (a
    question with a course shows ``course_id``)."""
    rows = []
    for q in questions:
        course = course_id if q.course_id is not None else None
        topic, points = (q.topic, q.points) if text_format != "aiken" else ("", 1)
        rows.append((q.kind.value, q.text, q.body, points, topic, course))
    return sorted(rows, key=repr)


async def round_trip(
    deps: Deps, teacher: Actor, format: QuestionFormat, *, course: bool = False
) -> tuple[list[QuestionView], int | None]:
    """Export the whole bank, import it into a new organisation; its questions there."""
    export = await export_questions(
        teacher, filters=QuestionFilter(), format=format, language="ru"
    )
    other = await make_organisation(deps, name=f"Копия {format.value}")
    copy_course = None
    if course:
        names = CourseData(name_kk="Алгебра", name_ru="АЛГЕБРА", name_en="Algebra")
        copy_course = (await create_course(deps, other, data=names)).id
    result = await import_questions(
        deps, other, data=export.data, filename=export.filename, format=format, language="ru"
    )
    assert result.created == export.exported
    return await filtered_questions(other, filters=QuestionFilter()), copy_course


async def test_exports_import_back_equal(deps: Deps):
    centre = await make_lesson_centre(deps)
    teacher = centre.teacher
    for data in bank_of_every_kind(centre.course_id):
        await create_question(deps, teacher, data=data)
    everything = QuestionFilter()
    original = await filtered_questions(teacher, filters=everything)
    assert await export_summary(teacher, filters=everything) == [
        ExportCount(F.XLSX, 9, 0),
        ExportCount(F.AIKEN, 1, 8),
        ExportCount(F.GIFT, 7, 2),
    ]
    gift = await export_questions(teacher, filters=everything, format=F.GIFT, language="ru")
    assert (gift.exported, gift.skipped) == (7, 2)
    assert "$CATEGORY: Дроби//части" in gift.data.decode()

    copies, _ = await round_trip(deps, teacher, F.GIFT)
    in_gift = [q for q in original if fits(F.GIFT, q.kind, q.body)]
    assert comparable(copies) == comparable(in_gift)
    copies, _ = await round_trip(deps, teacher, F.AIKEN)
    in_aiken = [q for q in original if q.kind is K.SINGLE]
    assert comparable(copies, text_format="aiken") == comparable(in_aiken, text_format="aiken")

    # Excel keeps everything, every language included; courses are matched by name.
    await create_question(
        deps,
        teacher,
        data=QuestionData(
            K.SINGLE,
            {"kk": "Қай сан жұп?", "ru": "Какое число чётное?", "en": "Which is even?"},
            {
                "options": [
                    {"text": {"kk": "екі", "ru": "два", "en": "two"}, "correct": True},
                    {"text": {"ru": "три"}},
                ]
            },
            course_id=centre.course_id,
        ),
    )
    pairs = [
        {"left": {"kk": "бір", "ru": "один"}, "right": {"kk": "1", "ru": "1"}},
        {"left": {"kk": "екі", "ru": "два"}, "right": {"kk": "2", "ru": "2"}},
    ]
    await create_question(
        deps,
        teacher,
        data=QuestionData(
            K.MATCHING, {"kk": "Сәйкестендіріңіз", "ru": "Сопоставьте"}, {"pairs": pairs}
        ),
    )
    original = await filtered_questions(teacher, filters=everything)
    copies, copy_course = await round_trip(deps, teacher, F.XLSX, course=True)
    assert comparable(copies, course_id=copy_course) == comparable(original, course_id=copy_course)

    export = await export_questions(teacher, filters=everything, format=F.XLSX, language="en")
    sheet = load_workbook(io.BytesIO(export.data)).worksheets[0]
    first = [cell.value for cell in sheet[2]]
    assert first[:3] == ["Single choice", "Дроби/части", "Algebra"]
    # Text is written as text: a question starting with "=" never becomes a formula.
    assert first[5] == '=HYPERLINK("x") и {скобки}: ~ # \\ — это текст?'
    assert sheet.cell(row=2, column=6).data_type == "s"
