"""Chat attachments: the type comes from the bytes, names are made harmless, files stay put."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from openpyxl import Workbook
from PIL import Image

from core.attachments import ALLOWED_TYPES, open_path, safe_filename, sniff, store
from core.errors import InvalidInput, NotFound

LIMIT = 4 * 1024 * 1024
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"


def picture(image_format: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format=image_format)
    return out.getvalue()


def workbook() -> bytes:
    book = Workbook()
    book.active.append(["Аты-жөні", "Баға"])  # type: ignore[union-attr]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zipped(parts: dict[str, bytes | str], *, stored_first: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first is not None:
            archive.writestr(stored_first, parts.pop(stored_first), zipfile.ZIP_STORED)
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def ooxml(main_part: str, main_type: str, *, extra: dict[str, bytes | str] | None = None) -> bytes:
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main_part}" ContentType="{main_type}"/>'
        "</Types>"
    )
    return zipped({"[Content_Types].xml": content_types, main_part: "<doc/>", **(extra or {})})


def word_document() -> bytes:
    return ooxml(
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    )


def presentation() -> bytes:
    return ooxml(
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    )


def opendocument(mimetype: str = ODT) -> bytes:
    return zipped(
        {"mimetype": mimetype, "content.xml": "<office:document-content/>"},
        stored_first="mimetype",
    )


@pytest.mark.parametrize(
    ("data", "claimed_name", "expected"),
    [
        (picture("PNG"), "photo.pdf", "image/png"),
        (picture("JPEG"), "scan.png", "image/jpeg"),
        (picture("GIF"), "anim.webp", "image/gif"),
        (picture("WEBP"), "pic.jpg", "image/webp"),
        (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "worksheet.docx", "application/pdf"),
        ("Үй тапсырмасы: 5-жаттығу\n".encode(), "tapsyrma.exe", "text/plain"),
        (b"\xef\xbb\xbfname;mark\n", "marks.csv", "text/plain"),
        (word_document(), "essay.pdf", DOCX),
        (workbook(), "marks.jpg", XLSX),
        (presentation(), "slides.txt", PPTX),
        (opendocument(), "essay.docx", ODT),
    ],
)
def test_the_type_is_read_from_the_bytes_whatever_the_name_claims(data, claimed_name, expected):
    assert sniff(data, claimed_name, max_bytes=LIMIT) == expected
    assert expected in ALLOWED_TYPES


def macro_workbook() -> bytes:
    return ooxml(
        "xl/workbook.xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macros"},
    )


def docx_carrying_macros() -> bytes:
    return zipped(
        {
            "[Content_Types].xml": zipfile.ZipFile(io.BytesIO(word_document())).read(
                "[Content_Types].xml"
            ),
            "word/document.xml": "<doc/>",
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0macros",
        }
    )


def content_types_with_entities() -> bytes:
    """A DTD is how entity bombs get in; even a harmless-looking one is refused."""
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    types = (
        f'<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY main "{main}">]>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/word/document.xml" ContentType="&main;"/></Types>'
    )
    return zipped({"[Content_Types].xml": types, "word/document.xml": "<doc/>"})


def content_types_too_large_to_read() -> bytes:
    """A part that inflates far beyond any real one (a zip bomb) is not read."""
    padding = " " * (2 * 1024 * 1024)
    types = zipfile.ZipFile(io.BytesIO(word_document())).read("[Content_Types].xml").decode()
    return zipped(
        {
            "[Content_Types].xml": types.replace("</Types>", padding + "</Types>"),
            "word/document.xml": "<doc/>",
        }
    )


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(100), "homework.pdf"),
        (b"\x7fELF\x02\x01\x01" + bytes(100), "notes.txt"),
        (zipped({"game.exe": b"MZ" + bytes(10)}), "homework.docx"),
        (macro_workbook(), "marks.xlsx"),
        (docx_carrying_macros(), "essay.docx"),
        (opendocument("application/vnd.oasis.opendocument.graphics"), "a.odt"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "old.doc"),
        ("Расписание уроков".encode("cp1251"), "raspisanie.txt"),
        (b"text with a \x00 byte", "notes.txt"),
        (word_document()[:200], "cut.docx"),
        (content_types_with_entities(), "laughs.docx"),
        (content_types_too_large_to_read(), "padded.docx"),
        (b"\x00\x00\x01\x00" + bytes(60), "favicon.ico"),
    ],
)
def test_what_a_school_chat_does_not_take_is_refused(data, name):
    with pytest.raises(InvalidInput) as caught:
        sniff(data, name, max_bytes=LIMIT)
    assert caught.value.field == "file"
    message = caught.value.translated("en")
    assert "cannot be sent" in message
    assert safe_filename(name) in message


def test_html_and_svg_are_only_ever_text_and_download_as_text():
    page = b'<html><script>alert(document.cookie)</script><svg onload="x()"/></html>'
    content_type = sniff(page, "page.html", max_bytes=LIMIT)
    assert content_type == "text/plain"
    assert safe_filename("page.html", content_type=content_type) == "page.html.txt"
    assert safe_filename("logo.svg", content_type=content_type) == "logo.svg.txt"
    assert safe_filename("Бағалар.CSV", content_type=content_type) == "Бағалар.CSV"


def test_an_empty_file_is_refused_by_name():
    with pytest.raises(InvalidInput) as caught:
        sniff(b"", "../../Сабақ.pdf", max_bytes=LIMIT)
    assert caught.value.field == "file"
    assert caught.value.translated("en") == "The file Сабақ.pdf is empty."


def test_a_file_over_the_limit_is_refused_with_the_limit():
    data = picture("PNG") + bytes(LIMIT)
    with pytest.raises(InvalidInput) as caught:
        sniff(data, "big.png", max_bytes=LIMIT)
    assert caught.value.field == "file"
    assert caught.value.translated("en") == "The file big.png is too large: at most 4 MB."
    assert sniff(data[:LIMIT], "big.png", max_bytes=LIMIT) == "image/png"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\Әсел\\Documents\\Бағдарлама 2025.docx", "Бағдарлама 2025.docx"),
        ("Домашнее задание №3 (ёлка).pdf", "Домашнее задание №3 (ёлка).pdf"),
        ("invoice\u202egpj.exe", "invoicegpj.exe"),
        ("\u2066report\u2069\u200b.pdf", "report.pdf"),
        ("line\nbreak\r\tand\x00nul\x7f.txt", "linebreakandnul.txt"),
        ('what?<is>:"this"|*.txt', "what__is___this___.txt"),
        ("   .hidden.  ", "hidden"),
        ("CON.txt", "_CON.txt"),
        ("lpt1", "_lpt1"),
        ("", "file"),
        ("\u202e\u202e", "file"),
        ("...", "file"),
        ("photo.", "photo"),
        ("multiple    spaces\u00a0here.png", "multiple spaces here.png"),
    ],
)
def test_file_names_are_made_harmless(raw, expected):
    assert safe_filename(raw) == expected


def test_long_names_are_cut_on_a_letter_and_keep_their_extension():
    name = safe_filename("Қазақ тілі " * 40 + ".docx")
    assert name.endswith(".docx")
    assert len(name.encode("utf-8")) <= 200
    assert name.startswith("Қазақ тілі Қазақ")
    emoji = safe_filename("📚" * 100 + ".pdf")
    assert emoji == "📚" * 49 + ".pdf"
    endless = safe_filename("x." + "я" * 300)
    assert len(endless.encode("utf-8")) <= 200


def test_a_name_without_an_allowed_extension_gets_the_type_s_one():
    assert safe_filename("scan", content_type="image/jpeg") == "scan.jpg"
    assert safe_filename("scan.JPEG", content_type="image/jpeg") == "scan.JPEG"
    assert safe_filename("run.bat", content_type="text/plain") == "run.bat.txt"
    assert safe_filename("essay.doc", content_type=DOCX) == "essay.doc.docx"


def test_stored_files_are_named_by_their_content(settings):
    data = picture("PNG")
    key = store(settings, data)
    digest = hashlib.sha256(data).hexdigest()
    assert key == f"{digest[:2]}/{digest[2:]}"
    assert open_path(settings, key).read_bytes() == data
    assert store(settings, data) == key
    other = store(settings, "Сәлем".encode())
    assert other != key
    assert open_path(settings, other).read_text(encoding="utf-8") == "Сәлем"
    stored = sorted(p.name for p in settings.attachments_dir.rglob("*") if p.is_file())
    assert stored == sorted([key[3:], other[3:]])  # no temporary file left behind


@pytest.mark.parametrize(
    "key",
    [
        "../secret.key",
        "../../var/secret.key",
        "/etc/passwd",
        "ab/../../secret.key",
        "AB/" + "C" * 62,
        "ab" + "c" * 62,
        "ab/" + "c" * 61,
        "ab/" + "c" * 62 + "/",
        "ab\\" + "c" * 62,
        "",
    ],
)
def test_keys_that_are_not_ours_find_nothing(settings, key):
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    (settings.data_dir / "secret.key").write_text("do not serve", encoding="utf-8")
    store(settings, b"some file")
    with pytest.raises(NotFound):
        open_path(settings, key)


def test_a_well_formed_key_with_no_file_finds_nothing(settings):
    with pytest.raises(NotFound):
        open_path(settings, "ab/" + "0" * 62)
