"""Complaints test data (issue 8): a district with a school that takes complaints, its staff,
and complaints filed through ``core.services.complaints`` as the complaints bot files them."""

from __future__ import annotations

import io
import itertools
import zipfile
from dataclasses import dataclass

from PIL import Image
from pypdf import PdfWriter
from pypdf.annotations import Text
from pypdf.generic import (
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from core.actor import Actor
from core.deps import Deps
from core.models.org import OrganisationKind
from core.models.people import Role
from core.services.complaints import (
    ComplaintCategory,
    Draft,
    Filed,
    complaint_settings,
    file_complaint,
)
from tests.factories import make_member, make_organisation

# Not the emulator's user ids (from 700 000 001): a complaint filed here from a chat a test
# user also has would be that user's own.
_chats = itertools.count(900_000_001)

BULLYING_TEXT = "В раздевалке старшеклассники отбирают у меня телефон и смеются."
SELF_HARM_TEXT = "Мне так плохо, я режу себя по ночам и никому не говорю."


#: Bytes of ``photo()`` that name the camera or the owner; a stored picture has none of them.
PHOTO_TRACES = (b"PhoneMaker", b"Model X", b"Aigul", b"IMG_0042")


def new_chat_id() -> int:
    """A Telegram chat id no other test chat has (private chats have the user's id)."""
    return next(_chats)


@dataclass(frozen=True)
class ComplaintSchool:
    """A district authority (an authority officer) over a school that takes complaints: its
    admin, psychologist, teacher and student, and its public code.

    ``district`` and ``school`` are trusted system actors working there."""

    district: Actor
    officer: Actor
    school: Actor
    admin: Actor
    psychologist: Actor
    teacher: Actor
    student: Actor
    public_code: str

    @property
    def school_id(self) -> int:
        return self.school.organisation_id

    @property
    def district_id(self) -> int:
        return self.district.organisation_id


async def make_complaint_school(deps: Deps) -> ComplaintSchool:
    district = await make_organisation(
        deps, name="Тараз қалалық білім бөлімі", kind=OrganisationKind.AUTHORITY
    )
    officer = await make_member(
        deps, district, Role.AUTHORITY_OFFICER, last_name="Жұмабаев", first_name="Серік"
    )
    school = await make_organisation(
        deps,
        name="№12 мектеп-гимназия",
        kind=OrganisationKind.SCHOOL,
        parent_id=district.organisation_id,
    )
    admin = await make_member(deps, school, Role.ADMIN, last_name="Әкімова", first_name="Дина")
    psychologist = await make_member(
        deps, school, Role.PSYCHOLOGIST, last_name="Нұрланова", first_name="Гүлнар"
    )
    teacher = await make_member(
        deps, school, Role.TEACHER, last_name="Ахметов", first_name="Ерлан"
    )
    student = await make_member(
        deps, school, Role.STUDENT, last_name="Сейтқали", first_name="Айгүл"
    )
    settings = await complaint_settings(deps, admin)
    return ComplaintSchool(
        district=district,
        officer=officer,
        school=school,
        admin=admin,
        psychologist=psychologist,
        teacher=teacher,
        student=student,
        public_code=settings.public_code,
    )


async def file(
    deps: Deps,
    school: ComplaintSchool,
    *,
    text: str = BULLYING_TEXT,
    chat_id: int | None = None,
    category: ComplaintCategory = ComplaintCategory.BULLYING,
    anonymous: bool = True,
    about_id: int | None = None,
    attachments: tuple[bytes, ...] = (),
    language: str = "ru",
    named_as: Actor | None = None,
) -> Filed:
    """A complaint to the school as the complaints bot files it (a fresh chat unless given)."""
    return await file_complaint(
        deps,
        draft=Draft(
            organisation_id=school.school_id,
            category=category,
            text=text,
            anonymous=anonymous,
            about_id=about_id,
            attachments=attachments,
            language=language,
        ),
        chat_id=chat_id if chat_id is not None else new_chat_id(),
        named_as=named_as,
    )


def photo(*, size: tuple[int, int] = (2400, 1800), kind: str = "JPEG", gps: bool = True) -> bytes:
    """A photo as a phone sends it: JPEG with EXIF (camera, and a GPS position unless
    ``gps=False``) and a comment naming the phone's owner (``PHOTO_TRACES`` are in it),
    larger than the 1600 px pictures are fitted into."""
    image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    if gps:
        exif[0x8825] = {1: "N", 2: (42.0, 54.0, 0.0), 3: "E", 4: (71.0, 22.0, 0.0)}
    out = io.BytesIO()
    extra = {"comment": b"IMG_0042 Aigul Seitkali"} if kind == "JPEG" else {}
    image.save(out, format=kind, exif=exif.tobytes(), **extra)
    return out.getvalue()


#: A name and file name a document of the complainant's carries; scrubbed, it has neither.
AUTHOR = "Aigul Seitkali"
ORIGINAL_NAME = "Seitkali_Aigul_7B_shagym.pdf"


def pdf_document(*, pages: int = 1, jpeg: bytes | None = None) -> bytes:
    """A PDF as an office program saves it: the author and a title in the document info,
    XMP metadata naming the author, a sticky-note comment by the author and, with ``jpeg``,
    that JPEG drawn on the first page as it is (EXIF and all)."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(300, 300)
    writer.add_metadata({"/Author": AUTHOR, "/Title": "Жалоба 7Б", "/Creator": "Word"})
    xmp = DecodedStreamObject()
    xmp.set_data(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-'
        'rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:creator><rdf:Seq><rdf:li>{AUTHOR}</rdf:li></rdf:Seq></dc:creator>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>".encode()
    )
    xmp.update(
        {NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")}
    )
    writer.root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    note = Text(text="Это было на перемене", rect=(10, 10, 60, 60))
    note[NameObject("/T")] = TextStringObject(AUTHOR)
    writer.add_annotation(0, note)
    if jpeg is not None:
        with Image.open(io.BytesIO(jpeg)) as picture:
            width, height = picture.size
        image = DecodedStreamObject()
        image.set_data(jpeg)
        image.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Image"),
                NameObject("/Width"): NumberObject(width),
                NameObject("/Height"): NumberObject(height),
                NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
                NameObject("/BitsPerComponent"): NumberObject(8),
                NameObject("/Filter"): NameObject("/DCTDecode"),
            }
        )
        page = writer.pages[0]
        page[NameObject("/Resources")] = DictionaryObject(
            {
                NameObject("/XObject"): DictionaryObject(
                    {NameObject("/Im0"): writer._add_object(image)}
                )
            }
        )
        contents = DecodedStreamObject()
        contents.set_data(b"q 200 0 0 150 50 50 cm /Im0 Do Q")
        page.replace_contents(contents)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_OPC = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006"
_WORD = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_TYPES = "application/vnd.openxmlformats-officedocument"
_RELS = (
    ("officeDocument", f"{_OFFICE}/relationships/officeDocument", "word/document.xml"),
    ("core", f"{_OPC}/relationships/metadata/core-properties", "docProps/core.xml"),
    ("app", f"{_OFFICE}/relationships/extended-properties", "docProps/app.xml"),
    ("custom", f"{_OFFICE}/relationships/custom-properties", "docProps/custom.xml"),
    ("thumbnail", f"{_OPC}/relationships/metadata/thumbnail", "docProps/thumbnail.jpeg"),
)
_OVERRIDES = (
    ("/word/document.xml", f"{_TYPES}.wordprocessingml.document.main+xml"),
    ("/word/comments.xml", f"{_TYPES}.wordprocessingml.comments+xml"),
    ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
    ("/docProps/app.xml", f"{_TYPES}.extended-properties+xml"),
    ("/docProps/custom.xml", f"{_TYPES}.custom-properties+xml"),
)


def docx_document() -> bytes:
    """A Word document as Word saves it: the author in the core properties (creator, last
    modified by), the company in the extended ones, a custom property naming the author, a
    thumbnail, and a comment and a tracked change by the author."""
    overrides = "".join(
        f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in _OVERRIDES
    )
    relationships = "".join(
        f'<Relationship Id="{key}" Type="{kind}" Target="{target}"/>'
        for key, kind, target in _RELS
    )
    parts = {
        "[Content_Types].xml": (
            f'{_XML}<Types xmlns="{_OPC}/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Default Extension="jpeg" ContentType="image/jpeg"/>{overrides}</Types>'
        ),
        "_rels/.rels": f'{_XML}<Relationships xmlns="{_OPC}/relationships">{relationships}'
        "</Relationships>",
        "word/_rels/document.xml.rels": (
            f'{_XML}<Relationships xmlns="{_OPC}/relationships"><Relationship Id="c" '
            f'Type="{_OFFICE}/relationships/comments" Target="comments.xml"/></Relationships>'
        ),
        "word/document.xml": (
            f"{_XML}<w:document {_WORD}><w:body><w:p><w:r><w:t>Мені сыныпта мазақтайды."
            f'</w:t></w:r><w:ins w:id="1" w:author="{AUTHOR}" w:date="2026-11-20T10:00:00Z">'
            "<w:r><w:t>Күн сайын.</w:t></w:r></w:ins></w:p></w:body></w:document>"
        ),
        "word/comments.xml": (
            f'{_XML}<w:comments {_WORD}><w:comment w:id="0" w:author="{AUTHOR}" w:initials="AS"'
            ' w:date="2026-11-20T10:00:00Z"><w:p><w:r><w:t>Осыны жазу керек пе?</w:t></w:r>'
            "</w:p></w:comment></w:comments>"
        ),
        "docProps/core.xml": (
            f'{_XML}<cp:coreProperties xmlns:cp="{_OPC}/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:creator>{AUTHOR}</dc:creator><cp:lastModifiedBy>{AUTHOR}</cp:lastModifiedBy>"
            "<dc:title>Шағым</dc:title></cp:coreProperties>"
        ),
        "docProps/app.xml": (
            f'{_XML}<Properties xmlns="{_OFFICE}/extended-properties"><Application>Microsoft '
            "Office Word</Application><Company>Seitkali family</Company></Properties>"
        ),
        "docProps/custom.xml": (
            f'{_XML}<Properties xmlns="{_OFFICE}/custom-properties" '
            f'xmlns:vt="{_OFFICE}/docPropsVTypes"><property '
            'fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Owner">'
            f"<vt:lpwstr>{AUTHOR}</vt:lpwstr></property></Properties>"
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
        archive.writestr("docProps/thumbnail.jpeg", photo(size=(32, 32)))
    return out.getvalue()
