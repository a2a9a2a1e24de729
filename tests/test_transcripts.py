"""Conversation transcripts for the audit view: the workbook read back with openpyxl, the PDF's
text read back with pypdf — what an auditor opening either file would see."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfoNotFoundError

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader

from core.transcripts import (
    Transcript,
    TranscriptMessage,
    TranscriptRevision,
    transcript_pdf,
    transcript_xlsx,
)

# Before March 2024 Almaty was UTC+6 in every tz database, so these local times are stable.
SENT = datetime(2023, 10, 2, 8, 30, tzinfo=UTC)  # 14:30 in Almaty

HEADER = [
    "No.",
    "Sent at",
    "Author",
    "Version",
    "Text",
    "Reply to",
    "Attachments",
    "Edited at",
    "Edited by",
    "Hidden at",
    "Hidden by",
]


def lesson_chat(language: str = "en") -> Transcript:
    return Transcript(
        title="7А сыныбы",
        organisation_name="№5 мектеп-гимназия",
        timezone="Asia/Almaty",
        language=language,
        exported_at=SENT + timedelta(days=1),
        exported_by="Гүлжан Әкімова",
        messages=(
            TranscriptMessage(
                seq=1,
                sent_at=SENT,
                author_name="Айгерім Нұрланқызы",
                text="Ертеңгі сабаққа үй тапсырмасын әкеліңіздер.",
                attachments=("тапсырма.pdf", "кесте.xlsx"),
            ),
            TranscriptMessage(
                seq=2,
                sent_at=SENT + timedelta(minutes=5),
                author_name="Иван Петров",
                text="Домашнее задание сдам завтра.",
                reply_to_seq=1,
                revisions=(
                    TranscriptRevision(
                        text="Домашка будет позже",
                        edited_at=SENT + timedelta(minutes=7),
                        editor_name="Иван Петров",
                    ),
                    TranscriptRevision(
                        text="Домашнее задание сдам позже",
                        edited_at=SENT + timedelta(minutes=9),
                        editor_name="Иван Петров",
                    ),
                ),
            ),
            TranscriptMessage(
                seq=3,
                sent_at=SENT + timedelta(minutes=12),
                author_name="Ерлан Сейітов",
                text="Мұғалім ақымақ",
                hidden_at=SENT + timedelta(minutes=20),
                hidden_by_name="Гүлжан Әкімова",
            ),
        ),
    )


def messages_sheet(data: bytes) -> Worksheet:
    return load_workbook(BytesIO(data)).worksheets[0]


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(data)).pages]


def test_the_workbook_has_a_row_per_message_and_per_earlier_text_in_local_time():
    sheet = messages_sheet(transcript_xlsx(lesson_chat()))

    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet.freeze_panes == "A2"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCE"}
    assert widths["E"] > widths["C"] > widths["A"]  # the text gets the room
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [(row[0], row[3]) for row in rows] == [
        (1, None),
        (2, "Edited"),
        (2, "Revision 1"),
        (2, "Revision 2"),
        (3, None),
    ]
    first, edited, original, second, hidden = rows
    assert first[1:5] == [
        datetime(2023, 10, 2, 14, 30),  # noqa: DTZ001 - Excel keeps the local wall clock
        "Айгерім Нұрланқызы",
        None,
        "Ертеңгі сабаққа үй тапсырмасын әкеліңіздер.",
    ]
    assert first[6] == "тапсырма.pdf\nкесте.xlsx"
    assert edited[4:9] == [
        "Домашнее задание сдам завтра.",
        1,
        None,
        datetime(2023, 10, 2, 14, 39),  # noqa: DTZ001
        "Иван Петров",
    ]
    assert (original[4], original[7]) == ("Домашка будет позже", datetime(2023, 10, 2, 14, 37))  # noqa: DTZ001
    assert second[4] == "Домашнее задание сдам позже"
    assert hidden[4] == "Мұғалім ақымақ"
    assert hidden[9:] == [datetime(2023, 10, 2, 14, 50), "Гүлжан Әкімова"]  # noqa: DTZ001
    assert all(row[9] is None for row in rows[:4])


def test_the_workbook_cells_are_typed_and_hidden_and_earlier_rows_stand_out():
    sheet = messages_sheet(transcript_xlsx(lesson_chat()))

    first = sheet[2]
    assert first[0].data_type == "n"
    assert first[1].is_date and first[1].number_format == "dd.mm.yyyy hh:mm:ss"
    assert first[4].alignment.wrap_text
    plain, revision, hidden = (sheet[2][4], sheet[4][4], sheet[6][4])
    assert plain.fill.fgColor.rgb != revision.fill.fgColor.rgb
    assert hidden.fill.fgColor.rgb not in {plain.fill.fgColor.rgb, revision.fill.fgColor.rgb}
    assert revision.font.italic and not plain.font.italic


def test_a_message_that_looks_like_a_formula_stays_text():
    hostile = ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1:A2)", '=HYPERLINK("http://x")']
    chat = lesson_chat()
    messages = tuple(
        TranscriptMessage(seq=n, sent_at=SENT, author_name=text, text=text)
        for n, text in enumerate(hostile, start=1)
    )

    data = transcript_xlsx(replace(chat, messages=messages, title="=1+1"))

    sheet = messages_sheet(data)
    for row, text in zip(sheet.iter_rows(min_row=2), hostile, strict=True):
        for cell in (row[2], row[4]):
            assert (cell.value, cell.data_type) == (text, "s")
            assert cell.quotePrefix  # stays text even when someone edits the cell
    with zipfile.ZipFile(BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert sheets
        assert not any(re.search(rb"<f[ >]", archive.read(name)) for name in sheets)


def test_control_characters_and_emoji_do_not_break_either_file():
    chat = lesson_chat()
    message = TranscriptMessage(
        seq=9, sent_at=SENT, author_name="Бот", text="Қош\x1bкелдің 👍🏽 сабаққа\tбүгін"
    )

    chat = replace(chat, messages=(message,))
    workbook, pdf = transcript_xlsx(chat), transcript_pdf(chat)

    assert messages_sheet(workbook)["E2"].value == "Қош\ufffdкелдің 👍🏽 сабаққа\tбүгін"
    text = "".join(pdf_pages(pdf))
    assert "Қош\ufffdкелдің \ufffd сабаққа" in text  # a visible mark where the font has none
    assert "бүгін" in text


def test_the_export_sheet_says_what_was_exported_in_the_readers_language():
    book = load_workbook(BytesIO(transcript_xlsx(lesson_chat("kk"))))

    facts = list(book.worksheets[1].iter_rows(values_only=True))
    assert ("Ұйым", "№5 мектеп-гимназия") in facts
    assert ("Уақыт белдеуі", "Asia/Almaty") in facts
    assert datetime(2023, 10, 3, 14, 30) in [value for _, value in facts]  # noqa: DTZ001
    assert "7А сыныбы" in [value for _, value in facts]


def test_the_pdf_shows_authors_kazakh_text_local_times_and_marks():
    (page,) = pdf_pages(transcript_pdf(lesson_chat()))

    for expected in (
        "7А сыныбы",
        "№5 мектеп-гимназия",
        "Exported by Гүлжан Әкімова at 03.10.2023 14:30",
        "Asia/Almaty",
        "Айгерім Нұрланқызы",
        "Ертеңгі сабаққа үй тапсырмасын әкеліңіздер.",
        "Attachments: тапсырма.pdf, кесте.xlsx",
        "14:30",
        "14:35",
        "Reply to #1",
        "Edited by Иван Петров at 02.10.2023 14:39",
        "Revision 1, edited by Иван Петров at 02.10.2023 14:37",
        "Домашка будет позже",
        "Revision 2, edited by Иван Петров at 02.10.2023 14:39",
        "Hidden by Гүлжан Әкімова at 02.10.2023 14:50",
        "Мұғалім ақымақ",
        "Page 1 of 1",
    ):
        assert expected in page, expected
    assert "08:30" not in page  # UTC is never shown
    assert page.index("Домашнее задание сдам завтра") < page.index("Домашка будет позже")


def test_a_hidden_message_without_a_known_hider_still_says_when():
    chat = lesson_chat()
    message = replace(chat.messages[2], hidden_by_name=None)

    (page,) = pdf_pages(transcript_pdf(replace(chat, messages=(message,))))

    assert "Hidden at 02.10.2023 14:50" in page


def test_many_messages_paginate_and_every_page_is_numbered_in_the_readers_language():
    chat = lesson_chat("ru")
    messages = tuple(
        TranscriptMessage(
            seq=n,
            sent_at=SENT + timedelta(minutes=10 * n),
            author_name="Айгерім Нұрланқызы",
            text=f"Сабақ {n}: " + "оқушылар үй тапсырмасын орындады. " * (n % 6 + 1),
        )
        for n in range(1, 301)
    )

    pages = pdf_pages(transcript_pdf(replace(chat, messages=messages)))

    assert len(pages) > 5
    for number, page in enumerate(pages, start=1):
        assert f"Страница {number} из {len(pages)}" in page
    text = "".join(pages)
    assert all(f"Сабақ {n}:" in text for n in (1, 150, 300))
    assert "4 октября 2023" in text  # a heading for each local day


def test_a_long_unbroken_word_wraps_without_losing_characters():
    word = "".join(f"сөз{n:04d}" for n in range(300))
    chat = lesson_chat()
    message = TranscriptMessage(seq=1, sent_at=SENT, author_name="Ерлан", text=word)

    pages = pdf_pages(transcript_pdf(replace(chat, messages=(message,))))

    assert word in "".join(pages).replace("\n", "")


def test_a_message_quoting_the_page_count_alias_keeps_its_text():
    chat = lesson_chat()
    message = TranscriptMessage(seq=1, sent_at=SENT, author_name="Ерлан", text="шаблон {nb} бет")

    (page,) = pdf_pages(transcript_pdf(replace(chat, messages=(message,))))

    assert "шаблон {nb} бет" in page


def test_an_empty_conversation_gives_valid_files():
    chat = replace(lesson_chat(), messages=())

    (page,) = pdf_pages(transcript_pdf(chat))
    sheet = messages_sheet(transcript_xlsx(chat))

    assert "No messages." in page
    assert sheet.max_row == 1


def test_the_same_transcript_gives_the_same_files():
    chat = lesson_chat("kk")

    assert transcript_pdf(chat) == transcript_pdf(chat)


def test_an_unknown_time_zone_is_refused():
    chat = replace(lesson_chat(), timezone="Mars/Olympus")

    with pytest.raises(ZoneInfoNotFoundError):
        transcript_pdf(chat)
    with pytest.raises(ZoneInfoNotFoundError):
        transcript_xlsx(chat)
