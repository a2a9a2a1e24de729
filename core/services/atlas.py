"""The profession atlas and admissions news (issue 9).

**Layers.** A profession is one of the 923 occupations with O*NET data; its English title,
description and interest profile ship in ``core/data/career/`` with the draft Kazakh and
Russian titles (``core.career.atlas``). Programme groups ship as a draft too. The database
holds only what organisations add over that: their programme groups and universities
(imported from Excel, ``core.services.atlas_imports``) and their edits of a profession
(``ProfessionEdit``: titles, descriptions, linked groups). A reader sees their
organisation's rows and its ancestors', the nearest organisation winning, then the shipped
data — so a district's table reaches its schools, and a school can still correct it.

**Who.** Everyone in the organisation reads (students in the bot, staff in the panel);
``CAREER_ATLAS_MANAGE`` edits professions and imports, ``CAREER_NEWS_MANAGE`` posts news
(both granted to admins and career counsellors). Writes go to the actor's organisation
only; a news post of another organisation is ``NotFound``.

**Search** matches every typed word inside the titles in English, Russian and Kazakh (the
shipped and the edited ones) or the code, ignoring case and the Kazakh letters' marks
("мугалим" finds "мұғалім"). Localised occupations come first, then by title.

**A profession's programme groups**: the organisation's chosen ones when it edited them,
otherwise every group of the subject pairs its SOC major group leads to
(``core.career.ent.routes``) — a draft mapping, shown as such — leaving teacher training
(B001–B020) to teachers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

from core.actor import Actor
from core.career.atlas import descriptions, localised_titles, shipped_groups
from core.career.ent import SubjectPair, routes, subject_pairs
from core.career.inventory import TYPES, Form, Item, items
from core.career.matching import Occupation, occupations
from core.deps import Deps
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.i18n import N_
from core.models.atlas import AdmissionsNews, ProfessionEdit, ProgrammeGroup, University
from core.models.org import Organisation
from core.models.people import Person
from core.names import fold, full_name
from core.permissions import Permission, organisation_lineage, require
from core.services.audit import do_record
from core.services.orgs import local_time
from core.tx import transaction

SEARCH_LIMIT = 20
ACTIVITIES_PER_TYPE = 2
TITLE_LIMIT = 255
DESCRIPTION_LIMIT = 4000
NEWS_TITLE_LIMIT = 200
NEWS_BODY_LIMIT = 4000
NEWS_LIMIT = 20

DEFAULT_TIMEZONE = "Asia/Almaty"
TEACHING_SOC_MAJOR = "25"
TEACHER_TRAINING = "pedagogical_sciences"

_MISSING = N_("Not found.")
_NOT_A_MEMBER = N_("The profession atlas is for members of the organisation.")
_KAZAKH_LETTERS = str.maketrans("әғқңөұүһі", "агкноуухи")


@dataclass(frozen=True)
class GroupView:
    """A group of educational programmes as a reader sees it."""

    code: str
    name: Mapping[str, str]  # language → name: "en", "ru", "kk" ("en" may be empty)
    pairs: tuple[SubjectPair, ...]
    threshold: int
    shipped: bool  # from the draft, not from an organisation's table

    def localised(self, language: str) -> str:
        return self.name.get(language) or self.name["ru"] or self.name["en"]


@dataclass(frozen=True)
class UniversityView:
    code: str
    name: Mapping[str, str]  # language → name: "en", "ru", "kk" ("en" may be empty)
    city: str
    website: str
    group_codes: tuple[str, ...]

    def localised(self, language: str) -> str:
        return self.name.get(language) or self.name["ru"]


@dataclass(frozen=True)
class ProfessionBrief:
    """A search hit or a suggestion: the occupation, its titles and its first ENT route."""

    code: str
    title: Mapping[str, str]  # language → title; "ru"/"kk" empty when not translated
    job_zone: int
    holland_code: str
    groups: tuple[GroupView, ...]  # its programme groups, most fitting pair first

    def localised(self, language: str) -> str:
        """The title in ``language``, else the English one."""
        return self.title.get(language) or self.title["en"]

    @property
    def first_pair(self) -> SubjectPair | None:
        """The ENT subject pair of its first programme group."""
        return self.groups[0].pairs[0] if self.groups and self.groups[0].pairs else None


@dataclass(frozen=True)
class GroupRoute:
    """One of a profession's programme groups and the universities that offer it."""

    group: GroupView
    universities: tuple[UniversityView, ...]


@dataclass(frozen=True)
class ProfessionCard:
    brief: ProfessionBrief
    description: Mapping[str, str]  # language → text; "en" from O*NET, "ru"/"kk" when edited
    levels: Mapping[str, float]  # interest type → O*NET level, 1–7
    activities: tuple[Item, ...]  # inventory activities of its top interest types
    routes: tuple[GroupRoute, ...]
    edited: bool  # the organisation changed something of the shipped data
    groups_chosen: bool  # the groups were chosen by an organisation, not the draft mapping

    def localised_description(self, language: str) -> str:
        return self.description.get(language) or self.description["en"]


@dataclass(frozen=True)
class NewsView:
    id: int
    title: str
    body: str
    author: str  # the author's full name, "" when unknown
    published_at: datetime
    published_on: date  # the day in the reader's organisation's time zone
    own: bool  # written in the actor's organisation (so editable there)


# --- reading the layers -------------------------------------------------------------------


def _reader(actor: Actor) -> None:
    if not actor.is_system and not actor.roles:
        raise PermissionDenied(_NOT_A_MEMBER)


def _search_form(text: str) -> str:
    return fold(text).translate(_KAZAKH_LETTERS)


def _codes(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(text.replace(",", " ").replace(";", " ").upper().split()))


_Row = TypeVar("_Row", ProgrammeGroup, University, ProfessionEdit)


async def _nearest(model: type[_Row], lineage: Sequence[int], key: str) -> dict[str, _Row]:
    """The rows of ``model`` in the organisations of ``lineage`` by ``key``, nearest first."""
    depth = {organisation_id: index for index, organisation_id in enumerate(lineage)}
    rows = await model.filter(organisation_id__in=lineage)
    found: dict[str, _Row] = {}
    for row in sorted(rows, key=lambda row: -depth[row.organisation_id]):  # type: ignore[attr-defined]
        found[getattr(row, key)] = row
    return found


def _pairs(pair_ids: Iterable[str]) -> tuple[SubjectPair, ...]:
    known = subject_pairs()
    return tuple(known[pair_id] for pair_id in pair_ids if pair_id in known)


async def _groups(lineage: Sequence[int]) -> dict[str, GroupView]:
    views = {
        code: GroupView(code, group.name, _pairs(group.pair_ids), group.threshold, True)
        for code, group in shipped_groups().items()
    }
    for code, row in (await _nearest(ProgrammeGroup, lineage, "code")).items():
        views[code] = GroupView(
            code,
            {"en": row.name_en, "ru": row.name_ru, "kk": row.name_kk},
            _pairs(row.pair_ids.split()),
            row.threshold,
            False,
        )
    return dict(sorted(views.items()))


def _university(row: University) -> UniversityView:
    return UniversityView(
        code=row.code,
        name={"en": row.name_en, "ru": row.name_ru, "kk": row.name_kk},
        city=row.city,
        website=row.website,
        group_codes=tuple(row.group_codes.split()),
    )


@cache
def _default_group_codes(occupation: Occupation) -> tuple[str, ...]:
    # The pair draft lists teacher training next to the subject itself (math_inf: B011
    # informatics teachers, B057 IT); only teachers (SOC 25) are led to teacher training.
    teaching = occupation.soc_major == TEACHING_SOC_MAJOR
    shipped = shipped_groups()
    codes: dict[str, None] = {}
    for route in routes(occupation.code):
        codes.update(
            (code, None)
            for code in route.pair.group_codes
            if teaching or getattr(shipped.get(code), "field", "") != TEACHER_TRAINING
        )
    return tuple(codes)


@cache
def _shipped_haystacks() -> tuple[tuple[Occupation, str, bool], ...]:
    """Each occupation with the search form of its code and shipped titles, and whether the
    shipped data localises it."""
    titles = localised_titles()
    return tuple(
        (
            occupation,
            _search_form(
                " ".join(
                    (occupation.code, occupation.title, *titles.get(occupation.code, {}).values())
                )
            ),
            occupation.code in titles,
        )
        for occupation in occupations()
    )


def _brief(
    occupation: Occupation, edit: ProfessionEdit | None, groups: Mapping[str, GroupView]
) -> ProfessionBrief:
    shipped = localised_titles().get(occupation.code, {})
    chosen = _codes(edit.group_codes) if edit is not None else ()
    codes = chosen or _default_group_codes(occupation)
    return ProfessionBrief(
        code=occupation.code,
        title={
            "en": occupation.title,
            "ru": (edit.title_ru if edit else "") or shipped.get("ru", ""),
            "kk": (edit.title_kk if edit else "") or shipped.get("kk", ""),
        },
        job_zone=occupation.job_zone,
        holland_code=occupation.holland_code,
        groups=tuple(groups[code] for code in codes if code in groups),
    )


def _occupation(code: str) -> Occupation:
    for occupation in occupations():
        if occupation.code == code:
            return occupation
    raise NotFound(_MISSING)


# --- professions --------------------------------------------------------------------------


async def search_professions(
    deps: Deps, actor: Actor, *, query: str, limit: int = SEARCH_LIMIT
) -> list[ProfessionBrief]:
    """Professions whose titles (any language) or code contain every word of ``query``;
    with no words, the localised ones. Localised first, then by English title.

    Raises:
        PermissionDenied: the actor has no role in the organisation.
    """
    _reader(actor)
    lineage = await organisation_lineage(actor.organisation_id)
    edits = await _nearest(ProfessionEdit, lineage, "occupation_code")
    groups = await _groups(lineage)
    words = _search_form(query).split()
    hits: list[ProfessionBrief] = []
    for occupation, shipped, shipped_localised in _shipped_haystacks():
        edit = edits.get(occupation.code)
        haystack, localised = shipped, shipped_localised
        if edit is not None and (edit.title_ru or edit.title_kk):
            haystack = f"{shipped} {_search_form(edit.title_ru)} {_search_form(edit.title_kk)}"
            localised = True
        if (words or localised) and all(word in haystack for word in words):
            hits.append(_brief(occupation, edit, groups))
    hits.sort(key=lambda brief: (not (brief.title["ru"] or brief.title["kk"]), brief.title["en"]))
    return hits[:limit]


async def profession_card(deps: Deps, actor: Actor, *, code: str) -> ProfessionCard:
    """A profession with its description, activities, interest levels, programme groups
    with their ENT pairs and thresholds, and the universities offering each group.

    Raises:
        PermissionDenied: the actor has no role in the organisation.
        NotFound: no occupation has that code.
    """
    _reader(actor)
    occupation = _occupation(code)
    lineage = await organisation_lineage(actor.organisation_id)
    edit = (await _nearest(ProfessionEdit, lineage, "occupation_code")).get(code)
    groups = await _groups(lineage)
    brief = _brief(occupation, edit, groups)
    universities = [
        _university(row) for row in (await _nearest(University, lineage, "code")).values()
    ]
    universities.sort(key=lambda university: university.name["ru"])
    top = occupation.holland_code
    activities = tuple(
        question
        for kind in top
        for question in [q for q in items(Form.FULL) if q.type == kind][:ACTIVITIES_PER_TYPE]
    )
    return ProfessionCard(
        brief=brief,
        description={
            "en": descriptions().get(code, ""),
            "ru": edit.description_ru if edit else "",
            "kk": edit.description_kk if edit else "",
        },
        levels=dict(zip(TYPES, occupation.levels, strict=True)),
        activities=activities,
        routes=tuple(
            GroupRoute(
                group,
                tuple(u for u in universities if group.code in u.group_codes),
            )
            for group in brief.groups
        ),
        edited=edit is not None,
        groups_chosen=bool(edit and edit.group_codes.strip()),
    )


async def profession_briefs(
    deps: Deps, actor: Actor, *, codes: Iterable[str]
) -> dict[str, ProfessionBrief]:
    """The briefs of the given occupations (suggestions), unknown codes left out.

    Raises:
        PermissionDenied: the actor has no role in the organisation.
    """
    _reader(actor)
    wanted = set(codes)
    lineage = await organisation_lineage(actor.organisation_id)
    edits = await _nearest(ProfessionEdit, lineage, "occupation_code")
    groups = await _groups(lineage)
    return {
        occupation.code: _brief(occupation, edits.get(occupation.code), groups)
        for occupation in occupations()
        if occupation.code in wanted
    }


def _text(value: str, limit: int, field: str) -> str:
    value = value.strip()
    if len(value) > limit:
        raise InvalidInput(
            N_("This text is too long: at most {limit} characters."), field=field, limit=limit
        )
    return value


async def edit_profession(
    deps: Deps,
    actor: Actor,
    *,
    code: str,
    title_kk: str = "",
    title_ru: str = "",
    description_kk: str = "",
    description_ru: str = "",
    group_codes: str = "",
) -> ProfessionCard:
    """Set the organisation's titles, descriptions and programme groups of a profession;
    an empty field keeps the shipped value, all empty restores the shipped profession.

    Raises:
        PermissionDenied: the actor may not edit the atlas.
        NotFound: no occupation has that code.
        InvalidInput: a text too long, or a programme group the reader cannot see.
    """
    await require(actor, Permission.CAREER_ATLAS_MANAGE)
    _occupation(code)
    values: dict[str, Any] = {
        "title_kk": _text(title_kk, TITLE_LIMIT, "title_kk"),
        "title_ru": _text(title_ru, TITLE_LIMIT, "title_ru"),
        "description_kk": _text(description_kk, DESCRIPTION_LIMIT, "description_kk"),
        "description_ru": _text(description_ru, DESCRIPTION_LIMIT, "description_ru"),
    }
    lineage = await organisation_lineage(actor.organisation_id)
    known = await _groups(lineage)
    chosen = _codes(group_codes)
    for group_code in chosen:
        if group_code not in known:
            raise InvalidInput(
                N_("There is no programme group {code}. Import it first, or check the code."),
                field="group_codes",
                code=group_code,
            )
    values["group_codes"] = " ".join(chosen)
    async with transaction(deps) as tx:
        edit = await ProfessionEdit.select_for_update().get_or_none(
            organisation_id=actor.organisation_id, occupation_code=code
        )
        if not any(values.values()):
            if edit is not None:
                await edit.delete()
        elif edit is None:
            edit = await ProfessionEdit.create(
                organisation_id=actor.organisation_id,
                occupation_code=code,
                updated_at=tx.now,
                **values,
            )
        else:
            await edit.update_from_dict({**values, "updated_at": tx.now}).save()
        await do_record(
            tx,
            actor,
            action="atlas.profession.edit",
            object_type="occupation",
            object_id=code,
            after=dict(values),
        )
    return await profession_card(deps, actor, code=code)


# --- universities and programme groups ----------------------------------------------------


async def programme_groups(deps: Deps, actor: Actor) -> list[GroupView]:
    """Every programme group the reader sees (shipped draft and imported), by code.

    Raises:
        PermissionDenied: the actor has no role in the organisation.
    """
    _reader(actor)
    return list((await _groups(await organisation_lineage(actor.organisation_id))).values())


async def universities(deps: Deps, actor: Actor) -> list[UniversityView]:
    """Every university the reader sees, by Russian name.

    Raises:
        PermissionDenied: the actor has no role in the organisation.
    """
    _reader(actor)
    lineage = await organisation_lineage(actor.organisation_id)
    views = [_university(row) for row in (await _nearest(University, lineage, "code")).values()]
    return sorted(views, key=lambda university: university.name["ru"])


# --- admissions news ----------------------------------------------------------------------


def _news_fields(title: str, body: str) -> tuple[str, str]:
    title, body = title.strip(), body.strip()
    if not title:
        raise InvalidInput(N_("Write a title."), field="title")
    if not body:
        raise InvalidInput(N_("Write the text of the news."), field="body")
    return _text(title, NEWS_TITLE_LIMIT, "title"), _text(body, NEWS_BODY_LIMIT, "body")


async def _views(rows: Sequence[AdmissionsNews], actor: Actor) -> list[NewsView]:
    author_ids = {row.author_id for row in rows if row.author_id is not None}  # type: ignore[attr-defined]
    names = {
        person_id: full_name(last, first)
        for person_id, last, first in await Person.filter(id__in=author_ids).values_list(
            "id", "last_name", "first_name"
        )
    }
    timezone = (
        await Organisation.filter(id=actor.organisation_id)
        .first()
        .values_list("timezone", flat=True)
    )
    return [
        NewsView(
            id=row.id,
            title=row.title,
            body=row.body,
            author=names.get(row.author_id, ""),  # type: ignore[attr-defined]
            published_at=row.published_at,
            published_on=local_time(row.published_at, str(timezone or DEFAULT_TIMEZONE)).date(),
            own=row.organisation_id == actor.organisation_id,  # type: ignore[attr-defined]
        )
        for row in rows
    ]


async def latest_news(deps: Deps, actor: Actor, *, limit: int = NEWS_LIMIT) -> list[NewsView]:
    """The organisation's and its ancestors' admissions news, newest first.

    Raises:
        PermissionDenied: the actor has no role in the organisation.
    """
    _reader(actor)
    lineage = await organisation_lineage(actor.organisation_id)
    rows = (
        await AdmissionsNews.filter(organisation_id__in=lineage)
        .order_by("-published_at", "-id")
        .limit(limit)
    )
    return await _views(rows, actor)


async def access_news(deps: Deps, actor: Actor, *, news_id: int) -> NewsView:
    """A news post of the actor's organisation, to edit it.

    Raises:
        PermissionDenied: the actor may not post news.
        NotFound: no such post in the actor's organisation (also when it is elsewhere).
    """
    await require(actor, Permission.CAREER_NEWS_MANAGE)
    row = await AdmissionsNews.get_or_none(id=news_id, organisation_id=actor.organisation_id)
    if row is None:
        raise NotFound(_MISSING)
    (view,) = await _views([row], actor)
    return view


async def post_news(deps: Deps, actor: Actor, *, title: str, body: str) -> NewsView:
    """Publish admissions news in the actor's organisation, signed by the actor.

    Raises:
        PermissionDenied: the actor may not post news.
        InvalidInput: an empty or too long title or text.
    """
    await require(actor, Permission.CAREER_NEWS_MANAGE)
    title, body = _news_fields(title, body)
    async with transaction(deps) as tx:
        row = await AdmissionsNews.create(
            organisation_id=actor.organisation_id,
            author_id=actor.person_id,
            title=title,
            body=body,
            published_at=tx.now,
        )
        await do_record(
            tx,
            actor,
            action="atlas.news.post",
            object_type="admissions_news",
            object_id=row.id,
            after={"title": title},
        )
    (view,) = await _views([row], actor)
    return view


async def edit_news(deps: Deps, actor: Actor, *, news_id: int, title: str, body: str) -> NewsView:
    """Change a post of the actor's organisation (it keeps its publication time).

    Raises:
        PermissionDenied: the actor may not post news.
        NotFound: no such post in the actor's organisation.
        InvalidInput: an empty or too long title or text.
    """
    await require(actor, Permission.CAREER_NEWS_MANAGE)
    title, body = _news_fields(title, body)
    async with transaction(deps) as tx:
        row = await AdmissionsNews.select_for_update().get_or_none(
            id=news_id, organisation_id=actor.organisation_id
        )
        if row is None:
            raise NotFound(_MISSING)
        before = {"title": row.title}
        row.title, row.body = title, body
        await row.save(update_fields=("title", "body"))
        await do_record(
            tx,
            actor,
            action="atlas.news.edit",
            object_type="admissions_news",
            object_id=row.id,
            before=before,
            after={"title": title},
        )
    (view,) = await _views([row], actor)
    return view


async def delete_news(deps: Deps, actor: Actor, *, news_id: int) -> None:
    """Remove a post of the actor's organisation (the audit trail keeps its title).

    Raises:
        PermissionDenied: the actor may not post news.
        NotFound: no such post in the actor's organisation.
    """
    await require(actor, Permission.CAREER_NEWS_MANAGE)
    async with transaction(deps) as tx:
        row = await AdmissionsNews.select_for_update().get_or_none(
            id=news_id, organisation_id=actor.organisation_id
        )
        if row is None:
            raise NotFound(_MISSING)
        await do_record(
            tx,
            actor,
            action="atlas.news.delete",
            object_type="admissions_news",
            object_id=row.id,
            before={"title": row.title, "body": row.body},
        )
        await row.delete()
