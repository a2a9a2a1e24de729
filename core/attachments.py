"""Chat attachments: what we accept, decided from the bytes, and where the files live.

A school chat needs photos of homework, worksheets and the usual office documents, so we
accept exactly these (``ALLOWED_TYPES``):

- pictures: PNG, JPEG, GIF, WebP;
- PDF;
- plain text (UTF-8 without NUL bytes: notes, CSV, source code);
- Word, Excel and PowerPoint documents (OOXML: ``.docx``, ``.xlsx``, ``.pptx``) and their
  OpenDocument counterparts (``.odt``, ``.ods``, ``.odp``).

Not accepted, on purpose: executables and scripts; ZIP and other archives (they hide what is
inside from the check); legacy ``.doc``/``.xls``/``.ppt`` and any macro-enabled document
(macros are how office files carry malware — save as ``.docx`` instead); SVG and HTML (a
browser runs their scripts); audio and video (too large for the upload limit anyway).

The type comes from the content, never from the client's name or header, and it is what the
file is served as. Adapters serve stored files with that type, ``X-Content-Type-Options:
nosniff``, and as a download (``Content-Disposition: attachment``) except for pictures.

Files are stored once per content (``<data dir>/attachments/ab/cdef…``, the SHA-256 of the
bytes), written under a temporary name and renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from xml.etree import ElementTree

from core.config import Settings
from core.errors import InvalidInput, NotFound
from core.i18n import N_

# Content type → extensions a download of it may keep, the usual one first.
ALLOWED_TYPES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "image/png": ("png",),
        "image/jpeg": ("jpg", "jpeg"),
        "image/gif": ("gif",),
        "image/webp": ("webp",),
        "application/pdf": ("pdf",),
        # Not .py, .bat, .sh, .js...: double-clicking a script runs it; as .txt it opens.
        "text/plain": ("txt", "csv", "tsv", "md", "log", "json"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx",),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation": ("pptx",),
        "application/vnd.oasis.opendocument.text": ("odt",),
        "application/vnd.oasis.opendocument.spreadsheet": ("ods",),
        "application/vnd.oasis.opendocument.presentation": ("odp",),
    }
)

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
)
# The main part of each OOXML document we accept: [Content_Types].xml names it with this
# type. Macro-enabled and template variants have other types, so they are refused.
_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": (
        "word/",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": (
        "xl/",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": (
        "ppt/",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
}
#: Word, Excel and PowerPoint documents (OOXML).
OFFICE_TYPES = frozenset(document_type for _, document_type in _OOXML_MAIN.values())
#: Their OpenDocument counterparts.
OPENDOCUMENT_TYPES = frozenset(t for t in ALLOWED_TYPES if t.startswith("application/vnd.oasis."))
_CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# Parts of an office zip we read into memory are small; a larger one is not a real document.
_MAX_PART_BYTES = 1024 * 1024
_KEY = re.compile(r"[0-9a-f]{2}/[0-9a-f]{62}")
_FILENAME_BYTES = 200
_EXTENSION_CHARACTERS = 16
# Windows cannot store these characters in a name, and / and \ separate paths everywhere.
_UNSAFE_CHARACTERS = re.compile(r'[<>:"/\\|?*]')
_WINDOWS_DEVICES = re.compile(r"(?i)(con|prn|aux|nul|com\d|lpt\d)(\..*)?")


def sniff(data: bytes, filename: str, *, max_bytes: int) -> str:
    """The content type of an upload, read from its bytes; one of ``ALLOWED_TYPES``.

    ``filename`` only names the file in error messages: what the client claims never counts.

    Raises:
        InvalidInput: the file is empty, larger than ``max_bytes``, or not of a type we
            accept (field ``file``).
    """
    name = safe_filename(filename)
    if not data:
        raise InvalidInput(N_("The file {name} is empty."), field="file", name=name)
    if len(data) > max_bytes:
        raise InvalidInput(
            N_("The file {name} is too large: at most {limit} MB."),
            field="file",
            name=name,
            limit=max(1, max_bytes // (1024 * 1024)),
        )
    content_type = content_type_of(data)
    if content_type is None:
        raise InvalidInput(
            N_(
                "The file {name} cannot be sent: only pictures, PDF, text and office "
                "documents are accepted."
            ),
            field="file",
            name=name,
        )
    return content_type


def content_type_of(data: bytes) -> str | None:
    """The type of non-empty bytes, one of ``ALLOWED_TYPES``, or ``None`` when we do not
    accept them; for callers that name the file otherwise than ``sniff`` does."""
    for magic, content_type in _MAGIC:
        if data.startswith(magic):
            return content_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"PK\x03\x04"):
        return _office_type(data)
    return "text/plain" if _is_text(data) else None


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _office_type(data: bytes) -> str | None:
    """The type of an OOXML or OpenDocument file; ``None`` for any other zip, a macro-enabled
    document or a damaged one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if any(
                name.lower().endswith("vbaproject.bin") or name.startswith(("Basic/", "Scripts/"))
                for name in names
            ):
                return None
            if "mimetype" in names and "content.xml" in names:
                declared = _read_part(archive, "mimetype").decode("ascii", "replace").strip()
                return declared if declared in OPENDOCUMENT_TYPES else None
            if "[Content_Types].xml" in names:
                return _ooxml_type(_read_part(archive, "[Content_Types].xml"), names)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None
    return None


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """A small part of the archive; a huge one (a zip bomb, say) reads as nothing."""
    if archive.getinfo(name).file_size > _MAX_PART_BYTES:
        return b""
    with archive.open(name) as part:
        return part.read(_MAX_PART_BYTES)


def _ooxml_type(content_types: bytes, names: set[str]) -> str | None:
    # A real [Content_Types].xml has no DTD; refusing one keeps entity tricks out of the parser.
    if b"<!DOCTYPE" in content_types.upper() or b"<!ENTITY" in content_types.upper():
        return None
    try:
        root = ElementTree.fromstring(content_types)
    except ElementTree.ParseError:
        return None
    declared = [element.get("ContentType", "") for element in root]
    if any("macroEnabled" in part_type or "vbaProject" in part_type for part_type in declared):
        return None
    found: set[str] = set()
    for override in root.iter(f"{_CONTENT_TYPES_NS}Override"):
        part_type = override.get("ContentType", "")
        if part_type in _OOXML_MAIN:
            folder, document_type = _OOXML_MAIN[part_type]
            part = override.get("PartName", "").lstrip("/")
            if part.startswith(folder) and part in names:
                found.add(document_type)
    return found.pop() if len(found) == 1 else None


def safe_filename(name: str, *, content_type: str | None = None) -> str:
    """A file name that is safe to show and to save: no folders, no control or direction
    characters (which can make ``exe.pdf`` read as ``fdp.exe``), nothing Windows refuses,
    at most 200 bytes of UTF-8; Cyrillic and Kazakh letters are kept.

    With ``content_type``, an extension that does not belong to that type gets the type's
    usual one appended, so ``page.html`` stored as text downloads as ``page.html.txt``.
    """
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        char for char in name if unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Zl", "Zp"}
    )
    name = _UNSAFE_CHARACTERS.sub("_", " ".join(name.split())).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not (dot and stem and extension.isalnum() and len(extension) <= _EXTENSION_CHARACTERS):
        stem, extension = name, ""
    extensions = ALLOWED_TYPES.get(content_type or "", ())
    if extensions and extension.lower() not in extensions:
        stem, extension = name, extensions[0]
    stem = stem or "file"
    if _WINDOWS_DEVICES.fullmatch(stem):
        stem = "_" + stem
    suffix = f".{extension}" if extension else ""
    budget = _FILENAME_BYTES - len(suffix.encode("utf-8"))
    stem = stem.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(" .") or "file"
    return stem + suffix


def store(settings: Settings, data: bytes) -> str:
    """Write ``data`` once under the attachments directory; its key (``ab/cdef…``).

    The same bytes stored twice share one file. Blocking (it syncs to disk): call it from a
    thread in async code.

    Raises:
        OSError: the disk refused the write (full, read-only); nothing is left behind.
    """
    digest = hashlib.sha256(data).hexdigest()
    key = f"{digest[:2]}/{digest[2:]}"
    path = settings.attachments_dir / key
    if path.exists():
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return key


def open_path(settings: Settings, key: str) -> Path:
    """The file stored under ``key``.

    Raises:
        NotFound: the key is not one ``store`` makes (such as ``../secret.key``), or no
            file is stored under it.
    """
    path = settings.attachments_dir / key
    if not _KEY.fullmatch(key) or not path.is_file():
        raise NotFound(N_("This file does not exist or is not open to you."))
    return path
