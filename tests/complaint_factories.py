"""Complaints test data (issue 8): a district with a school that takes complaints, its staff,
and complaints filed through ``core.services.complaints`` as the complaints bot files them."""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass

from PIL import Image

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

_chats = itertools.count(700_000_001)

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
    pictures: tuple[bytes, ...] = (),
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
            pictures=pictures,
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
