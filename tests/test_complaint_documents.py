"""Documents a complainant attaches (issue 8: "attachments have their metadata stripped"):
PDF and office files are stored without their author, comments' authors, XMP or
thumbnails; anything else, a forged extension, a locked or broken PDF and a zip bomb are
refused with the file's number and what is taken."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfReader, PdfWriter

from core.errors import InvalidInput
from core.models.complaints import ComplaintAttachment
from core.services.complaints import access_complaint, attachment_file
from tests.complaint_factories import (
    AUTHOR,
    PHOTO_TRACES,
    docx_document,
    file,
    make_complaint_school,
    pdf_document,
    photo,
)

ACCEPTED = (
    "cannot be sent: only photos (JPG, PNG, WebP), PDF, Word, Excel, PowerPoint, OpenDocument "
    "and text files are taken."
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def stored(deps, school, attachment_id: int):
    download = await attachment_file(deps, school.psychologist, attachment_id)
    return download, download.path.read_bytes()


async def test_a_pdf_loses_its_author_title_xmp_comments_and_the_exif_of_its_photo(deps, clock):
    school = await make_complaint_school(deps)
    original = pdf_document(jpeg=photo(size=(300, 200)))
    reader = PdfReader(io.BytesIO(original))
    assert reader.metadata is not None and reader.metadata.author == AUTHOR
    assert reader.xmp_metadata is not None and reader.pages[0].get("/Annots")
    assert all(trace in original for trace in PHOTO_TRACES[:2])

    filed = await file(deps, school, attachments=(original,))

    card = await access_complaint(deps, school.psychologist, filed.complaint_id)
    (attachment,) = card.entries[0].attachments
    assert (attachment.content_type, attachment.picture) == ("application/pdf", False)
    download, data = await stored(deps, school, attachment.id)
    assert download.filename == f"complaint-{filed.complaint_id}-{attachment.id}.pdf"
    assert AUTHOR.encode() not in data and b"Seitkali" not in data
    assert [trace for trace in PHOTO_TRACES if trace in data] == []
    scrubbed = PdfReader(io.BytesIO(data))
    assert scrubbed.metadata is None, "no document information at all"
    assert scrubbed.xmp_metadata is None
    assert "/Metadata" not in scrubbed.trailer["/Root"]
    (page,) = scrubbed.pages
    assert "/Annots" not in page
    (image,) = page.images
    assert image.image is not None and image.image.size == (300, 200), "the photo is kept"
    assert not image.image.getexif()
    original_id = reader.trailer.get("/ID")
    assert original_id is None or scrubbed.trailer.get("/ID") != original_id


async def test_a_word_document_loses_every_trace_of_its_author(deps, clock):
    school = await make_complaint_school(deps)
    original = docx_document()
    assert AUTHOR.encode() in zipfile.ZipFile(io.BytesIO(original)).read("word/comments.xml")

    filed = await file(deps, school, attachments=(original,))

    card = await access_complaint(deps, school.psychologist, filed.complaint_id)
    (attachment,) = card.entries[0].attachments
    assert attachment.content_type == DOCX
    download, data = await stored(deps, school, attachment.id)
    assert download.filename.endswith(".docx")
    with zipfile.ZipFile(io.BytesIO(data)) as scrubbed:
        names = scrubbed.namelist()
        parts = {name: scrubbed.read(name) for name in names}
        dates = {entry.date_time for entry in scrubbed.infolist()}
    for name, content in parts.items():
        for trace in (AUTHOR, "Seitkali", 'w:initials="AS"'):
            assert trace.encode() not in content, f"{trace} in {name}"
    assert "docProps/thumbnail.jpeg" not in names
    assert b"thumbnail" not in parts["_rels/.rels"] + parts["[Content_Types].xml"]
    assert b"<dc:creator" not in parts["docProps/core.xml"]
    assert b"Company" not in parts["docProps/app.xml"]
    assert "Мені сыныпта мазақтайды." in parts["word/document.xml"].decode()
    assert "Осыны жазу керек пе?" in parts["word/comments.xml"].decode(), "comments stay"
    assert dates == {(1980, 1, 1, 0, 0, 0)}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def _opendocument() -> bytes:
    odt = "application/vnd.oasis.opendocument.text"
    return _zip(
        {
            "mimetype": odt.encode(),
            "content.xml": (
                '<office:document-content xmlns:office="o" xmlns:dc="d" xmlns:text="t">'
                f"<office:annotation><dc:creator>{AUTHOR}</dc:creator><text:p>Заметка</text:p>"
                "</office:annotation><text:p>Текст жалобы</text:p></office:document-content>"
            ).encode(),
            "meta.xml": (
                '<office:document-meta xmlns:office="o" xmlns:meta="m" office:version="1.3">'
                f"<office:meta><meta:initial-creator>{AUTHOR}</meta:initial-creator>"
                "</office:meta></office:document-meta>"
            ).encode(),
            "Thumbnails/thumbnail.png": photo(size=(16, 16), kind="PNG"),
            "META-INF/manifest.xml": (
                b'<manifest:manifest xmlns:manifest="x"><manifest:file-entry '
                b'manifest:full-path="Thumbnails/thumbnail.png" manifest:media-type="image/png"/>'
                b'<manifest:file-entry manifest:full-path="content.xml" '
                b'manifest:media-type="text/xml"/></manifest:manifest>'
            ),
        }
    )


async def test_an_opendocument_loses_its_author_and_thumbnail_and_text_is_kept_as_is(deps, clock):
    school = await make_complaint_school(deps)
    text = "Фамилия: Сейткали\nкласс 7Б\n".encode()
    filed = await file(deps, school, attachments=(_opendocument(), text))

    card = await access_complaint(deps, school.psychologist, filed.complaint_id)
    odt, plain = card.entries[0].attachments
    _, data = await stored(deps, school, odt.id)
    with zipfile.ZipFile(io.BytesIO(data)) as scrubbed:
        assert scrubbed.namelist()[0] == "mimetype"
        assert scrubbed.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        parts = {name: scrubbed.read(name) for name in scrubbed.namelist()}
    assert "Thumbnails/thumbnail.png" not in parts
    assert b"Thumbnails" not in parts["META-INF/manifest.xml"]
    assert all(AUTHOR.encode() not in content for content in parts.values())
    assert "Текст жалобы" in parts["content.xml"].decode()
    assert b'office:version="1.3"' in parts["meta.xml"]
    download, data = await stored(deps, school, plain.id)
    assert (download.content_type, download.filename[-4:], data) == ("text/plain", ".txt", text)


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip_bomb() -> bytes:
    """A "Word document" whose one part unpacks to 200 MB of zeros."""
    good = zipfile.ZipFile(io.BytesIO(docx_document()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in good.namelist():
            archive.writestr(name, good.read(name))
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as zeros:
            for _ in range(200):
                zeros.write(bytes(1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "sentence"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00 a program renamed report.pdf", f"File 2 {ACCEPTED}"),
        (_zip({"report.pdf": b"%PDF-1.4", "run.exe": b"MZ\x00"}), f"File 2 {ACCEPTED}"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", f"File 2 {ACCEPTED}"),
        (b"%PDF-1.7 torn off after the header", "File 2 is not a readable PDF."),
        (
            _encrypted_pdf(),
            "File 2 is a PDF locked with a password. Save it without the password and send it "
            "again.",
        ),
        (pdf_document(pages=101), "File 2 has too many pages: at most 100."),
        (
            _zip_bomb(),
            "File 2 cannot be read: the document is damaged, locked or too large inside.",
        ),
        (b"%PDF" + bytes(10 * 1024 * 1024), "File 2 is too large: at most 10 MB."),
    ],
    ids=["exe", "zip", "gif", "broken-pdf", "locked-pdf", "long-pdf", "zip-bomb", "too-large"],
)
async def test_a_file_we_do_not_take_is_refused_by_its_number_and_nothing_is_kept(
    deps, clock, data: bytes, sentence: str
):
    school = await make_complaint_school(deps)
    with pytest.raises(InvalidInput) as refused:
        await file(deps, school, attachments=(photo(size=(40, 30)), data))
    assert (refused.value.field, refused.value.params["number"]) == ("attachments", 2)
    assert refused.value.translated("en") == sentence
    assert await ComplaintAttachment.all().count() == 0
    attachments = deps.settings.attachments_dir
    assert not attachments.exists() or not any(p.is_file() for p in attachments.rglob("*"))
