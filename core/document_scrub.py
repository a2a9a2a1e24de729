"""Documents stripped of what names their author: PDF, OOXML, OpenDocument and plain text.

The type is the one ``core.attachments.content_type_of`` read from the bytes; this module
never guesses it again. Blocking (parsing, zip rewriting): call it from a thread.

- **PDF** (pypdf): the pages are copied into a new file, and only the pages: no document
  information dictionary (author, title, creator tool, dates), no XMP ``/Metadata`` stream
  (of the catalogue, a page or any object a page reaches, image XObjects included), no
  ``/OpenAction``, additional actions, JavaScript or embedded files (they live in the
  catalogue and its name trees, which are not copied), no outline, no annotations (a
  comment carries its author in ``/T``; links and form fields go with them), no
  ``/PieceInfo`` of the editing application, no page thumbnails, and a new trailer ``/ID``.
  A JPEG image stored as is (``/DCTDecode`` alone) loses its EXIF, XMP, IPTC and comment
  segments; the picture itself is not re-encoded, so it looks the same. Encrypted PDFs,
  files pypdf cannot read and files of more than ``MAX_PDF_PAGES`` pages are refused.
- **Word, Excel, PowerPoint** (OOXML) and **OpenDocument**: the zip is written anew, every
  entry with the same date (1980-01-01) and no extra fields or comment. The core, extended
  (application, company, template) and custom properties become empty documents of their
  kind and ODF's ``meta.xml`` an empty ``office:meta``, so the package stays valid; the
  thumbnail (``docProps/thumbnail.*``, ``Thumbnails/``) is dropped with its relationship,
  its ``[Content_Types].xml`` override and its manifest entry. Author names and initials of
  comments and tracked changes (``w:author``, ``w:initials``, Excel's comment authors and
  people, PowerPoint's comment authors, ODF's ``dc:creator`` and ``meta:creator-initials``)
  are blanked in every XML part. A zip of more than ``MAX_ZIP_ENTRIES`` entries or
  ``MAX_UNPACKED_BYTES`` unpacked is refused before anything is unpacked (a zip bomb), and
  so is one with encrypted entries.
- **Plain text** has no metadata: it is kept as it is.

What scrubbing cannot promise: a name typed into the document itself (the body, a header,
a signature, a cell), text inside pictures, a PDF's JPEG that is compressed twice
(``/FlateDecode`` over ``/DCTDecode``) or a JPEG 2000 image (their own metadata stays),
fonts or colour profiles that name the machine they came from, OOXML ``customXml/`` data
parts (SharePoint fields), a document template's path in Word's settings, and printer
names in ODF's ``settings.xml``.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from xml.etree import ElementTree

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    PdfObject,
    StreamObject,
)

from core.attachments import OFFICE_TYPES, OPENDOCUMENT_TYPES
from core.errors import InvalidInput
from core.i18n import N_

PDF = "application/pdf"
TEXT = "text/plain"
#: More pages than a complaint needs; a PDF with more is refused.
MAX_PDF_PAGES = 100
#: Entries of an office zip (a real document has tens, a large workbook hundreds).
MAX_ZIP_ENTRIES = 2000
#: Bytes an office zip may unpack to (a zip bomb unpacks to gigabytes).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024

NOT_A_PDF = N_("File {number} is not a readable PDF.")
LOCKED_PDF = N_(
    "File {number} is a PDF locked with a password. Save it without the password and send it "
    "again."
)
TOO_MANY_PAGES = N_("File {number} has too many pages: at most {limit}.")
NOT_A_DOCUMENT = N_(
    "File {number} cannot be read: the document is damaged, locked or too large inside."
)
NOT_ACCEPTED = N_(
    "File {number} cannot be sent: only photos (JPG, PNG, WebP), PDF, Word, Excel, "
    "PowerPoint, OpenDocument and text files are taken."
)


def scrub_document(
    data: bytes, content_type: str, *, number: int, field: str = "attachments"
) -> bytes:
    """The document without its metadata (see the module docstring for what goes).

    Args:
        data: the file's bytes.
        content_type: its type as ``core.attachments.content_type_of`` read it.
        number: the file's position among those sent together, for the error messages.
        field: the form field the error names.

    Raises:
        InvalidInput: a PDF that is unreadable, encrypted or too long; an office document
            that is damaged, encrypted or a zip bomb; any other type (``NOT_ACCEPTED``).
    """
    if content_type == PDF:
        return _scrub_pdf(data, number, field)
    if content_type in OPENDOCUMENT_TYPES:
        return _scrub_zip(data, number, field, opendocument=True)
    if content_type in OFFICE_TYPES:
        return _scrub_zip(data, number, field, opendocument=False)
    if content_type == TEXT:
        return data
    raise InvalidInput(NOT_ACCEPTED, field=field, number=number)


# --- PDF ---------------------------------------------------------------------------------------

# Keys that carry metadata, scripts or someone's notes, wherever a page leads to them.
_PDF_DROPPED = frozenset(
    {"/Metadata", "/PieceInfo", "/LastModified", "/AA", "/JS", "/Annots", "/Thumb", "/B"}
)
# pypdf reports damage in many ways besides its own errors.
_PDF_ERRORS = (
    PyPdfError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    RecursionError,
    OSError,
    zlib.error,
    struct.error,
)


def _scrub_pdf(data: bytes, number: int, field: str) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
        pages = -1 if encrypted else len(reader.pages)
    except _PDF_ERRORS:
        raise InvalidInput(NOT_A_PDF, field=field, number=number) from None
    if encrypted:
        raise InvalidInput(LOCKED_PDF, field=field, number=number)
    if pages == 0:
        raise InvalidInput(NOT_A_PDF, field=field, number=number)
    if pages > MAX_PDF_PAGES:
        raise InvalidInput(TOO_MANY_PAGES, field=field, number=number, limit=MAX_PDF_PAGES)
    try:
        # Stripped in the reader, before copying: what the writer copies is only what the
        # stripped pages still reach, so no dropped object stays in the file unreferenced.
        seen: set[tuple[str, int]] = set()
        for page in reader.pages:
            _strip(page, seen)
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        writer.metadata = None  # no /Info at all, not even pypdf's /Producer
        out = io.BytesIO()
        writer.write(out)
    except _PDF_ERRORS:
        raise InvalidInput(NOT_A_PDF, field=field, number=number) from None
    return out.getvalue()


def _strip(value: PdfObject, seen: set[tuple[str, int]]) -> None:
    """Drop ``_PDF_DROPPED`` keys from every dictionary ``value`` reaches (not up the page
    tree), and the metadata segments of plain JPEG images."""
    stack: list[PdfObject | None] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if ("object", item.idnum) in seen:
                continue
            seen.add(("object", item.idnum))
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if ("direct", id(item)) in seen:
                continue
            seen.add(("direct", id(item)))
            for key in _PDF_DROPPED & set(item.keys()):
                del item[key]
            if isinstance(item, StreamObject) and item.get("/Subtype") == "/Image":
                _strip_jpeg_stream(item)
            stack.extend(child for key, child in item.items() if key != "/Parent")
        elif isinstance(item, ArrayObject):
            stack.extend(item)


def _strip_jpeg_stream(image: StreamObject) -> None:
    filters = image.get("/Filter")
    if isinstance(filters, ArrayObject) and len(filters) == 1:
        filters = filters[0]
    if filters != "/DCTDecode":
        return
    raw = image._data  # a DCT stream's data is the JPEG file itself
    stripped = strip_jpeg_metadata(raw)
    if stripped != raw:
        # pypdf's EncodedStreamObject.set_data re-encodes Flate only; the JPEG bytes are
        # the stream's data as they are, so they are set on the plain stream.
        StreamObject.set_data(image, stripped)


# APP0 (JFIF), APP2 (ICC colour profile) and APP14 (Adobe: how to read CMYK) decide how the
# picture looks; every other APPn and COM segment is metadata (EXIF, XMP, IPTC, comments).
_JPEG_KEPT = frozenset({0xE0, 0xE2, 0xEE})


def strip_jpeg_metadata(jpeg: bytes) -> bytes:
    """A JPEG without its metadata segments, the picture untouched; anything that does not
    parse as a JPEG is returned as it is."""
    if not jpeg.startswith(b"\xff\xd8"):
        return jpeg
    out = bytearray(b"\xff\xd8")
    position = 2
    while position + 4 <= len(jpeg):
        if jpeg[position] != 0xFF:
            return jpeg
        marker = jpeg[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xDA or 0xD0 <= marker <= 0xD9:  # the scan: the picture data follows
            return bytes(out + jpeg[position:])
        (length,) = struct.unpack(">H", jpeg[position + 2 : position + 4])
        end = position + 2 + length
        if length < 2 or end > len(jpeg):
            return jpeg
        if not ((0xE0 <= marker <= 0xEF and marker not in _JPEG_KEPT) or marker == 0xFE):
            out += jpeg[position:end]
        position = end
    return jpeg


# --- zipped documents: OOXML and OpenDocument ------------------------------------------------

_PartScrubber = Callable[[str, bytes], bytes | None]  # None: drop the part

_ODF_META = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'office:version="{version}"><office:meta/></office:document-meta>'
)
_OOXML_EMPTY = {
    "application/vnd.openxmlformats-package.core-properties+xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
    ),
    "application/vnd.openxmlformats-officedocument.extended-properties+xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://'
        'schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://'
        'schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>'
    ),
    "application/vnd.openxmlformats-officedocument.custom-properties+xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://'
        'schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://'
        'schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>'
    ),
}
# Where Office puts them; [Content_Types].xml may name other parts with the same types.
_OOXML_USUAL = {
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "docProps/custom.xml": "application/vnd.openxmlformats-officedocument.custom-properties+xml",
}
_CONTENT_TYPES = "[Content_Types].xml"
_CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_XML_PARTS = (".xml", ".rels", ".vml")
_PREFIX = r"(?:[A-Za-z_][\w.-]*:)?"
_VALUE = r"(\"[^\"]*\"|'[^']*')"
# Elements whose text is a person: Excel's comment authors, ODF's annotation and change
# authors, and the core properties' creator wherever they are copied.
_NAME_ELEMENTS = re.compile(
    rf"(<({_PREFIX}(?:author|creator|initial-creator|creator-initials|lastModifiedBy))"
    r"(?:\s[^<>]*)?>)[^<]*(</\2\s*>)"
)


def _attributes(*names: str) -> re.Pattern[str]:
    return re.compile(rf"(\s{_PREFIX}(?:{'|'.join(names)})\s*=\s*){_VALUE}")


# Comment and revision authors in every part (w:author, w15:author, w:initials, the
# signed-in account of w15:presenceInfo).
_AUTHOR_ATTRIBUTES = _attributes("author", "initials", "userId")
# PowerPoint's comment authors (ppt/commentAuthors.xml, ppt/authors.xml).
_NAME_ATTRIBUTES = _attributes("name", "initials", "userId")
# Excel's people of threaded comments (xl/persons/person.xml).
_PERSON_ATTRIBUTES = _attributes("displayName", "userId")


def _scrub_zip(data: bytes, number: int, field: str, *, opendocument: bool) -> bytes:
    damaged = InvalidInput(NOT_A_DOCUMENT, field=field, number=number)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            entries = source.infolist()
            names = [entry.filename for entry in entries]
            if (
                len(entries) > MAX_ZIP_ENTRIES
                or sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES
                or len(set(names)) != len(names)
                or any(entry.flag_bits & 0x1 for entry in entries)  # encrypted entries
            ):
                raise damaged
            scrubber = _opendocument_part if opendocument else _ooxml_part_scrubber(source)
            # ODF wants "mimetype" first and stored: it is how a reader knows the file.
            entries.sort(key=lambda entry: entry.filename != "mimetype")
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as target:
                for entry in entries:
                    with source.open(entry) as part:
                        # Never more than the size the directory declared (checked above).
                        content = part.read()
                    scrubbed = scrubber(entry.filename, content)
                    if scrubbed is not None:
                        target.writestr(_entry(entry.filename), scrubbed)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        zlib.error,
        RuntimeError,  # an encrypted entry
        NotImplementedError,  # a compression method zipfile does not know
        ValueError,
    ):
        raise damaged from None
    return out.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    """A zip entry that says nothing of where and when the file was made."""
    entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
    entry.external_attr = (0o40755 << 16 | 0x10) if name.endswith("/") else 0o644 << 16
    return entry


def _edit_xml(content: bytes, *edits: Callable[[str], str]) -> bytes:
    """Apply text edits to an XML part in its own encoding; a part that is not text (an
    encrypted ODF stream) is kept as it is."""
    encoding = "utf-16" if content[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8"
    try:
        text = content.decode(encoding)
    except UnicodeDecodeError:
        return content
    for edit in edits:
        text = edit(text)
    edited = text.encode(encoding)
    # Python's utf-16 codec writes a BOM of its own; keep the original one.
    return content[:2] + edited[2:] if encoding == "utf-16" else edited


def _blank(pattern: re.Pattern[str]) -> Callable[[str], str]:
    return lambda text: pattern.sub(r'\1""', text)


def _blank_names(text: str) -> str:
    return _NAME_ELEMENTS.sub(r"\1\3", text)


def _without(element: str, keep: Callable[[str], bool]) -> Callable[[str], str]:
    """An edit dropping the empty ``element`` tags for which ``keep`` is false."""
    pattern = re.compile(rf"<{_PREFIX}{element}\b[^<>]*/>")
    return lambda text: pattern.sub(lambda m: m[0] if keep(m[0]) else "", text)


def _ooxml_part_scrubber(archive: zipfile.ZipFile) -> _PartScrubber:
    properties = _ooxml_property_parts(archive)

    def dropped(name: str) -> bool:
        return name.lower().startswith("docprops/thumbnail")

    def mentions_dropped(tag: str) -> bool:
        target = re.search(r"\b(?:Target|PartName)\s*=\s*[\"']/?([^\"']*)", tag)
        return bool(
            (target is not None and dropped(target[1])) or "/metadata/thumbnail" in tag.lower()
        )

    def scrub(name: str, content: bytes) -> bytes | None:
        if dropped(name):
            return None
        if name in properties:
            return _OOXML_EMPTY[properties[name]].encode("utf-8")
        if name == _CONTENT_TYPES:
            return _edit_xml(content, _without("Override", lambda t: not mentions_dropped(t)))
        if name.endswith(".rels"):
            return _edit_xml(content, _without("Relationship", lambda t: not mentions_dropped(t)))
        if not name.lower().endswith(_XML_PARTS):
            return content
        edits = [_blank(_AUTHOR_ATTRIBUTES), _blank_names]
        if name.lower().endswith("authors.xml"):
            edits.append(_blank(_NAME_ATTRIBUTES))
        if name.startswith("xl/persons/"):
            edits.append(_blank(_PERSON_ATTRIBUTES))
        return _edit_xml(content, *edits)

    return scrub


def _ooxml_property_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part name → property type for the core, extended and custom properties."""
    parts = dict(_OOXML_USUAL)
    if (
        _CONTENT_TYPES not in archive.namelist()
        or archive.getinfo(_CONTENT_TYPES).file_size > 1 << 20
    ):
        return parts
    declared = archive.read(_CONTENT_TYPES)
    # core.attachments refused a DTD already; the check here keeps this function safe alone.
    if b"<!DOCTYPE" in declared.upper() or b"<!ENTITY" in declared.upper():
        return parts
    try:
        root = ElementTree.fromstring(declared)
    except ElementTree.ParseError:
        return parts
    for override in root.iter(f"{_CONTENT_TYPES_NS}Override"):
        part_type = override.get("ContentType", "")
        if part_type in _OOXML_EMPTY:
            parts[override.get("PartName", "").lstrip("/")] = part_type
    return parts


def _opendocument_part(name: str, content: bytes) -> bytes | None:
    if name.startswith("Thumbnails/"):
        return None
    if name == "meta.xml":
        version = re.search(rb"office:version\s*=\s*[\"']([0-9.]{1,8})[\"']", content)
        return _ODF_META.format(version=version[1].decode("ascii") if version else "1.2").encode(
            "utf-8"
        )
    if name == "META-INF/manifest.xml":
        return _edit_xml(content, _without("file-entry", lambda tag: "Thumbnails/" not in tag))
    if not name.lower().endswith(_XML_PARTS):
        return content
    return _edit_xml(content, _blank(_AUTHOR_ATTRIBUTES), _blank_names)
