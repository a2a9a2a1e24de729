"""The programming rating (issue 10): students across the whole platform by the points they
earned, filterable by city, by school and by class, in the panel and in the bot ("My place").

- **Points**: the points of every complete item of the online courses a student takes
  (``course_content.student_points``) plus ``TASK_POINTS`` for each programming task solved
  (a first accepted submission) that is not an item of any course — a course's task is
  already worth its item's points, and counting it twice would favour courses.
- **Who is rated**: everyone holding the student role in an organisation (not archived);
  their school is that organisation. A student with no points is rated too, last.
- **Names**: the rating is read across schools, so a student shows as their nickname, or
  as their first name and the initial of their last name.
- **Places**: equal points (then equal solved tasks) share a place: 1, 1, 3.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from core.actor import Actor
from core.errors import NotFound
from core.models.academics import Enrolment, Group
from core.models.courses import CourseItem
from core.models.judge import ProgramSubmission, Verdict
from core.models.org import Organisation
from core.models.people import Membership, Person, Role
from core.services.course_content import student_points
from core.services.lessons import check_id

#: Points for a solved task outside the courses.
TASK_POINTS = 10
#: Places a page shows.
SHOWN = 100


@dataclass(frozen=True)
class RatingRow:
    place: int
    person_id: int
    name: str
    school: str
    city: str
    points: int
    solved: int


@dataclass(frozen=True)
class RatingBoard:
    rows: tuple[RatingRow, ...]
    me: RatingRow | None
    rated: int
    cities: tuple[str, ...]
    schools: tuple[tuple[int, str], ...]
    groups: tuple[tuple[int, str], ...]


def shown_name(person: Person) -> str:
    """How a student appears to people of other schools."""
    if person.nickname:
        return person.nickname
    initial = f" {person.last_name[:1]}." if person.last_name else ""
    return f"{person.first_name}{initial}"


def _org_name(org: Organisation, language: str) -> str:
    return getattr(org, f"name_{language}", "") or org.name_ru or org.name_kk or org.name_en


async def _students(
    *, city: str | None, school_id: int | None, group_id: int | None
) -> dict[int, int]:
    """Person id → school id of every rated student the filters keep."""
    memberships = Membership.filter(role=Role.STUDENT, archived_at=None)
    if school_id is not None:
        memberships = memberships.filter(organisation_id=school_id)
    if city:
        memberships = memberships.filter(organisation__city=city)
    rows = await memberships.order_by("id").values_list("person_id", "organisation_id")
    schools = {int(person): int(org) for person, org in rows}
    if group_id is not None:
        enrolled = {
            int(student)
            for (student,) in await Enrolment.filter(
                group_id=group_id, active_key__isnull=False
            ).values_list("student_id")
        }
        schools = {person: org for person, org in schools.items() if person in enrolled}
    return schools


async def _solved(person_ids: set[int]) -> tuple[dict[int, int], dict[int, int]]:
    """Tasks each person solved, and how many of them are no course's item."""
    in_courses = {
        int(task)
        for (task,) in await CourseItem.filter(task_id__isnull=False).values_list("task_id")
    }
    solved: dict[int, set[int]] = defaultdict(set)
    rows = (
        await ProgramSubmission.filter(author_id__in=person_ids, verdict=Verdict.OK)
        .distinct()
        .values_list("author_id", "task_id")
    )
    for author, task in rows:
        solved[int(author)].add(int(task))
    return (
        {person: len(tasks) for person, tasks in solved.items()},
        {person: len(tasks - in_courses) for person, tasks in solved.items()},
    )


async def _schools(city: str | None, language: str) -> tuple[tuple[int, str], ...]:
    """The organisations with students (in ``city``, when chosen), for the school filter."""
    query = Organisation.filter(
        memberships__role=Role.STUDENT, memberships__archived_at=None
    ).distinct()
    if city:
        query = query.filter(city=city)
    orgs = await query
    return tuple(sorted(((org.id, _org_name(org, language)) for org in orgs), key=lambda p: p[1]))


async def _scored(ids: set[int]) -> list[tuple[int, int, int]]:
    """``(person, points, solved)`` of each person, best first."""
    course_points = await student_points(ids)
    solved, outside = await _solved(ids)
    return sorted(
        (
            (
                person,
                course_points.get(person, 0) + TASK_POINTS * outside.get(person, 0),
                solved.get(person, 0),
            )
            for person in ids
        ),
        key=lambda row: (-row[1], -row[2], row[0]),
    )


def _placed(ordered: list[tuple[int, int, int]]) -> dict[int, int]:
    """Place of each person in ``(person, points, solved)`` already sorted best first."""
    places: dict[int, int] = {}
    previous: tuple[int, int] | None = None
    place = 0
    for index, (person, points, solved) in enumerate(ordered, start=1):
        if (points, solved) != previous:
            place, previous = index, (points, solved)
        places[person] = place
    return places


async def programming_rating(
    actor: Actor,
    *,
    language: str,
    city: str | None = None,
    school_id: int | None = None,
    group_id: int | None = None,
) -> RatingBoard:
    """The rating as filtered, its first ``SHOWN`` places, and the actor's own row.

    Raises:
        NotFound: ``group_id`` is not a group of the actor's organisation (the class filter
            is for one's own classes), or an id no row can have.
    """
    if school_id is not None:
        check_id(school_id)
    if group_id is not None:
        check_id(group_id)
        if not await Group.exists(id=group_id, organisation_id=actor.organisation_id):
            raise NotFound()
    schools_of = await _students(city=city, school_id=school_id, group_id=group_id)
    ids = set(schools_of)
    scored = await _scored(ids)
    places = _placed(scored)
    wanted = {person for person, _, _ in scored[:SHOWN]}
    if actor.person_id in ids:
        wanted.add(actor.person_id)
    people = {person.id: person for person in await Person.filter(id__in=wanted)}
    orgs = {org.id: org for org in await Organisation.filter(id__in=set(schools_of.values()))}

    def row(person: int, points: int, count: int) -> RatingRow:
        org = orgs[schools_of[person]]
        return RatingRow(
            place=places[person],
            person_id=person,
            name=shown_name(people[person]),
            school=_org_name(org, language),
            city=org.city,
            points=points,
            solved=count,
        )

    rows = tuple(row(*entry) for entry in scored[:SHOWN])
    mine = next((entry for entry in scored if entry[0] == actor.person_id), None)
    return RatingBoard(
        rows=rows,
        me=row(*mine) if mine is not None else None,
        rated=len(scored),
        cities=tuple(
            sorted(
                {str(name) for (name,) in await Organisation.exclude(city="").values_list("city")}
            )
        ),
        schools=await _schools(city, language),
        groups=tuple(
            await Group.filter(organisation_id=actor.organisation_id)
            .order_by("name")
            .values_list("id", "name")
        ),
    )


@dataclass(frozen=True)
class Standing:
    place: int
    rated: int
    points: int


@dataclass(frozen=True)
class MyPlaces:
    """The actor's place across the platform, in their school's city and in their school;
    ``None`` where they are not rated (not a student)."""

    everywhere: Standing | None
    city: Standing | None
    city_name: str
    school: Standing | None


def _standing(scored: list[tuple[int, int, int]], person_id: int) -> Standing | None:
    places = _placed(scored)
    points = next((points for person, points, _ in scored if person == person_id), None)
    if points is None:
        return None
    return Standing(place=places[person_id], rated=len(scored), points=points)


async def my_places(actor: Actor) -> MyPlaces:
    """ "My place" of the bot: everywhere, in the city of the actor's school, in that school
    — from one reading of the whole rating. A student of two schools counts in both."""
    rows = await Membership.filter(role=Role.STUDENT, archived_at=None).values_list(
        "person_id", "organisation_id"
    )
    schools_of: dict[int, set[int]] = defaultdict(set)
    for person, school in rows:
        schools_of[int(person)].add(int(school))
    me = actor.person_id
    if me is None or me not in schools_of:
        return MyPlaces(everywhere=None, city=None, city_name="", school=None)
    scored = await _scored(set(schools_of))
    cities = dict(
        await Organisation.filter(
            id__in={school for schools in schools_of.values() for school in schools}
        ).values_list("id", "city")
    )
    city = str(cities.get(actor.organisation_id) or "")

    def among(keep: Callable[[set[int]], bool]) -> Standing | None:
        return _standing([entry for entry in scored if keep(schools_of[entry[0]])], me)

    return MyPlaces(
        everywhere=_standing(scored, me),
        city=among(lambda schools: any(cities.get(s) == city for s in schools)) if city else None,
        city_name=city,
        school=among(lambda schools: actor.organisation_id in schools),
    )
