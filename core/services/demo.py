"""A realistic demo learning centre, so a newcomer sees something real at once.

Deterministic (a fixed random seed): the same names every time, except the admin's password.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict
from core.i18n import N_
from core.iin import check_digit
from core.models.academics import Course, Enrolment, Group
from core.models.chat import Conversation
from core.models.finance import PaymentMethod
from core.models.org import Organisation, OrganisationKind
from core.models.people import Gender, Person, Role
from core.services.academics import (
    CourseData,
    GroupData,
    do_create_course,
    do_create_group,
    do_enrol,
)
from core.services.accounts import do_set_credentials
from core.services.lessons import local_today, organisation_zone
from core.services.messages import send_message
from core.services.orgs import OrganisationData, do_create_organisation
from core.services.payments import do_record_payment
from core.services.people import PersonData, do_create_person, do_link_parent
from core.services.places import RoomData, RoomKind, create_building, create_room
from core.services.prices import Billing, PlanData, PlanKind, create_plan
from core.services.salaries import RuleData as SalaryRuleData
from core.services.salaries import set_salary_rule
from core.services.schedule import RuleData, add_holiday, do_create_rule
from core.services.subscriptions import sell_subscription
from core.tx import transaction

DEMO_LOGIN = "admin"

_FAMILIES = [
    ("Әбдіков", "Әбдікова"),
    ("Сейітов", "Сейітова"),
    ("Нұрланов", "Нұрланова"),
    ("Жұмабаев", "Жұмабаева"),
    ("Қасымов", "Қасымова"),
    ("Төлеуов", "Төлеуова"),
    ("Оспанов", "Оспанова"),
    ("Ержанов", "Ержанова"),
    ("Мұратов", "Мұратова"),
    ("Ахметов", "Ахметова"),
    ("Иванов", "Иванова"),
    ("Ким", "Ким"),
    ("Смагулов", "Смагулова"),
    ("Байжанов", "Байжанова"),
    ("Құрманов", "Құрманова"),
    ("Петров", "Петрова"),
    ("Серікбаев", "Серікбаева"),
    ("Есенов", "Есенова"),
    ("Тұрсынов", "Тұрсынова"),
    ("Ғабитов", "Ғабитова"),
    ("Жақсылықов", "Жақсылықова"),
    ("Өмірзақов", "Өмірзақова"),
    ("Үсенов", "Үсенова"),
    ("Садықов", "Садықова"),
    ("Бекболатов", "Бекболатова"),
    ("Әлиев", "Әлиева"),
    ("Сидоров", "Сидорова"),
    ("Нұрмағамбетов", "Нұрмағамбетова"),
    ("Ыбыраев", "Ыбыраева"),
    ("Шәкенов", "Шәкенова"),
    ("Қуанышев", "Қуанышева"),
    ("Ли", "Ли"),
    ("Исаев", "Исаева"),
    ("Тәжібаев", "Тәжібаева"),
    ("Рахимов", "Рахимова"),
    ("Мұқанов", "Мұқанова"),
]
_BOYS = [
    "Нұрлан",
    "Әлихан",
    "Ерасыл",
    "Дәулет",
    "Арман",
    "Нұрасыл",
    "Ислам",
    "Тимур",
    "Санжар",
    "Ілияс",
    "Дмитрий",
    "Алихан",
]
_GIRLS = [
    "Әсел",
    "Аружан",
    "Айым",
    "Жансая",
    "Дана",
    "Томирис",
    "Іңкәр",
    "Мадина",
    "Сезім",
    "Анастасия",
    "Көркем",
    "Аяулым",
]
_FATHERS = ["Серік", "Бауыржан", "Қайрат", "Ержан", "Нұржан", "Марат", "Сергей", "Асқар"]
_MOTHERS = ["Гүлнар", "Айгүл", "Сәуле", "Жанар", "Динара", "Ольга", "Ләззат", "Гүлмира"]
_TEACHERS = [
    ("Жұмабаева", "Гүлнар", "Серікқызы", Gender.FEMALE),
    ("Петров", "Андрей", "Викторович", Gender.MALE),
    ("Сәрсенбаева", "Ақмарал", "Болатқызы", Gender.FEMALE),
    ("Ли", "Виктория", "Сергеевна", Gender.FEMALE),
    ("Оразов", "Дархан", "Ерланұлы", Gender.MALE),
]
_COURSES = [
    ("Математика", "Математика", "Mathematics", "math", "7–9"),
    ("Ағылшын тілі", "Английский язык", "English", "english", "A2–B1"),
    ("Физика", "Физика", "Physics", "physics", "8–10"),
    ("Программалау", "Программирование", "Programming", "informatics", "beginner"),
]
_GROUPS = [
    ("Математика 7А", 0, 16, "Абай даңғылы 10", "101", 0),
    ("Математика 8Б", 0, 16, "Абай даңғылы 10", "102", 0),
    ("English A2", 1, 14, "Абай даңғылы 10", "201", 3),
    ("English B1", 1, 14, "Төле би 45", "12", 3),
    ("Физика 9", 2, 14, "Төле би 45", "14", 1),
    ("Python 1", 3, 12, "Төле би 45", "Компьютерлік сынып", 4),
]


@dataclass(frozen=True)
class DemoAdmin:
    login: str
    password: str
    organisation_id: int


def _iin(rng: random.Random, born: date, female: bool, used: set[str]) -> str:
    century = {1900: 3, 2000: 5}[born.year // 100 * 100] + int(female)
    while True:
        first = f"{born:%y%m%d}{century}{rng.randrange(10000):04d}"
        digit = check_digit(first)
        if digit is not None and first not in used:
            used.add(first)
            return f"{first}{digit}"


def _phone(rng: random.Random) -> str:
    return f"+7{rng.choice(['701', '702', '705', '707', '747', '777'])}{rng.randrange(10**7):07d}"


async def demo_is_possible() -> bool:
    """The demo fills only an empty database."""
    return not await Organisation.exists()


async def fill_demo(deps: Deps, *, password: str | None = None) -> DemoAdmin:
    """Create the demo centre with an admin, 5 teachers, ~60 students, parents and 6 groups.

    Raises:
        Conflict: the database already has an organisation.
    """
    if not await demo_is_possible():
        raise Conflict(N_("The demo can only fill an empty database."))
    rng = random.Random(2026)
    password = password or secrets.token_urlsafe(9)
    today = deps.clock.now().date()
    used_iins: set[str] = set()
    async with transaction(deps) as tx:
        bootstrap = Actor.system(0, "demo")
        centre = await do_create_organisation(
            tx,
            bootstrap,
            kind=OrganisationKind.LEARNING_CENTRE,
            data=OrganisationData(
                name_kk="«Білім Плюс» оқу орталығы",
                name_ru="Учебный центр «Білім Плюс»",
                name_en="Bilim Plus learning centre",
                phone="+77262555010",
                address="Тараз, Абай даңғылы 10",
            ),
        )
        system = Actor.system(centre.id, "demo")
        admin = await do_create_person(
            tx,
            system,
            organisation_id=centre.id,
            data=PersonData(last_name="Әкімшілік", first_name="Сабақ", gender=Gender.FEMALE),
            roles=(Role.ADMIN,),
        )
        _ = await do_set_credentials(tx, system, person=admin, login=DEMO_LOGIN, password=password)
        teachers: list[Person] = []
        for last, first, middle, gender in _TEACHERS:
            teachers.append(
                await do_create_person(
                    tx,
                    system,
                    organisation_id=centre.id,
                    data=PersonData(
                        last_name=last,
                        first_name=first,
                        middle_name=middle,
                        gender=gender,
                        phone=_phone(rng),
                    ),
                    roles=(Role.TEACHER,),
                )
            )
        courses = [
            await do_create_course(
                tx,
                system,
                data=CourseData(name_kk=kk, name_ru=ru, name_en=en, subject=subject, level=level),
            )
            for kk, ru, en, subject, level in _COURSES
        ]
        groups: list[Group] = []
        for name, course_index, capacity, building, room, teacher_index in _GROUPS:
            groups.append(
                await do_create_group(
                    tx,
                    system,
                    data=GroupData(
                        course_id=courses[course_index].id,
                        name=name,
                        capacity=capacity,
                        starts_on=today - timedelta(days=60),
                        ends_on=today + timedelta(days=200),
                        building=building,
                        room=room,
                        teacher_ids=(teachers[teacher_index].id,),
                    ),
                )
            )
        seats = {group.id: group.capacity for group in groups}
        for family_index, (male, female) in enumerate(_FAMILIES):
            children = (
                3
                if family_index % 8 == 0
                else 2
                if family_index % 3 == 0
                else 1 + (family_index % 2)
            )
            parent_is_mother = family_index % 3 != 1
            parent = await do_create_person(
                tx,
                system,
                organisation_id=centre.id,
                data=PersonData(
                    last_name=female if parent_is_mother else male,
                    first_name=rng.choice(_MOTHERS if parent_is_mother else _FATHERS),
                    gender=Gender.FEMALE if parent_is_mother else Gender.MALE,
                    phone=_phone(rng),
                ),
                roles=(Role.PARENT,),
            )
            for _ in range(children):
                girl = rng.random() < 0.5
                born = date(2009 + rng.randrange(6), 1 + rng.randrange(12), 1 + rng.randrange(28))
                child = await do_create_person(
                    tx,
                    system,
                    organisation_id=centre.id,
                    data=PersonData(
                        last_name=female if girl else male,
                        first_name=rng.choice(_GIRLS if girl else _BOYS),
                        birth_date=born,
                        gender=Gender.FEMALE if girl else Gender.MALE,
                        iin=_iin(rng, born, girl, used_iins),
                        notes="Аллергия: цитрус" if rng.random() < 0.05 else "",
                    ),
                    roles=(Role.STUDENT,),
                )
                await do_link_parent(tx, system, parent=parent, child=child)
                for group in rng.sample(groups, k=1 + int(rng.random() < 0.4)):
                    if seats[group.id] > 0:
                        seats[group.id] -= 1
                        _ = await do_enrol(
                            tx,
                            system,
                            group=group,
                            student=child,
                            starts_on=today - timedelta(days=rng.randrange(60)),
                        )
    await _fill_group_chats(deps, centre.id, groups, teachers)
    await _fill_schedule(deps, centre.id, groups, teachers)
    await _fill_money(deps, centre.id, teachers, rng)
    return DemoAdmin(login=DEMO_LOGIN, password=password, organisation_id=centre.id)


#: A first exchange in each group chat, so a newcomer opening the chat sees it at work.
_CHAT_OPENERS = [
    "Сәлеметсіздер ме! Бұл топтың чаты: үй тапсырмасы мен хабарландырулар осында болады.",
    "Здравствуйте! Завтра занятие начнётся на 10 минут позже.",
    "Welcome! Homework for Thursday: exercises 3-5 on page 42.",
]
_CHAT_REPLIES = ["Рақмет, апай!", "Хорошо, спасибо!", "Thank you!"]


async def _fill_group_chats(
    deps: Deps, organisation_id: int, groups: list[Group], teachers: list[Person]
) -> None:
    for index, (group, spec) in enumerate(zip(groups, _GROUPS, strict=True)):
        teacher = Actor(
            person_id=teachers[spec[-1]].id,
            organisation_id=organisation_id,
            roles=frozenset({Role.TEACHER}),
        )
        chat = (await Conversation.get(group_id=group.id)).id
        await send_message(
            deps, teacher, conversation_id=chat, text=_CHAT_OPENERS[index % len(_CHAT_OPENERS)]
        )
        enrolment = await Enrolment.filter(group_id=group.id).order_by("id").first()
        if enrolment is not None:
            student_id: int = enrolment.student_id  # type: ignore[attr-defined]
            student = Actor(
                person_id=student_id,
                organisation_id=organisation_id,
                roles=frozenset({Role.STUDENT}),
            )
            await send_message(
                deps, student, conversation_id=chat, text=_CHAT_REPLIES[index % len(_CHAT_REPLIES)]
            )


#: Buildings and rooms: (building or None for online, room, kind, places).
_ROOMS = [
    ("Абай даңғылы 10", "101", RoomKind.CLASSROOM, 18),
    ("Абай даңғылы 10", "102", RoomKind.CLASSROOM, 18),
    ("Абай даңғылы 10", "201", RoomKind.CLASSROOM, 16),
    ("Төле би 45", "12", RoomKind.CLASSROOM, 16),
    ("Төле би 45", "14", RoomKind.LAB, 16),
    ("Төле би 45", "Компьютерлік сынып", RoomKind.COMPUTER, 12),
    (None, "Zoom", RoomKind.ONLINE, 100),
]
_ADDRESSES = {"Абай даңғылы 10": "Тараз, Абай даңғылы 10", "Төле би 45": "Тараз, Төле би 45"}
#: Each demo group's weekly rule: pattern, local start, minutes, room (index in _ROOMS).
#: Groups that share students never meet at the same time.
_RULES: list[tuple[tuple[tuple[int, ...], ...], str, int, int]] = [
    (((0, 2),), "15:00", 90, 0),
    (((0, 2),), "16:45", 90, 1),
    (((1, 3),), "15:00", 90, 2),
    (((1, 3),), "16:45", 90, 3),
    (((5,),), "10:00", 90, 4),
    (((4,), (5,)), "12:00", 120, 5),
]


async def _fill_schedule(
    deps: Deps, organisation_id: int, groups: list[Group], teachers: list[Person]
) -> None:
    """Rooms, a holiday and a weekly rule for each demo group from today for 16 weeks."""
    system = Actor.system(organisation_id, "demo")
    buildings = {
        name: await create_building(deps, system, name=name, address=address)
        for name, address in _ADDRESSES.items()
    }
    rooms = [
        await create_room(
            deps,
            system,
            data=RoomData(
                name=room,
                kind=kind,
                capacity=places,
                building_id=buildings[building].id if building else None,
            ),
        )
        for building, room, kind, places in _ROOMS
    ]
    programming = groups[-1].course_id  # type: ignore[attr-defined]
    await Course.filter(id=programming).update(room_kind=RoomKind.COMPUTER.value)
    zone = ZoneInfo(
        str(
            await Organisation.filter(id=organisation_id)
            .first()
            .values_list("timezone", flat=True)
        )
    )
    today = deps.clock.now().astimezone(zone).date()
    republic_day = date(today.year, 10, 25)
    if republic_day < today:
        republic_day = republic_day.replace(year=today.year + 1)
    _ = await add_holiday(deps, system, day=republic_day, name="Республика күні")
    async with transaction(deps) as tx:
        for group, spec, (pattern, start, minutes, room) in zip(
            groups, _GROUPS, _RULES, strict=True
        ):
            hours, mins = (int(part) for part in start.split(":"))
            _ = await do_create_rule(
                tx,
                system,
                data=RuleData(
                    group_id=group.id,
                    teacher_id=teachers[spec[-1]].id,
                    pattern=pattern,
                    start_minute=hours * 60 + mins,
                    duration_minutes=minutes,
                    starts_on=today,
                    ends_on=today + timedelta(weeks=16),
                    room_id=rooms[room].id,
                ),
                notify=False,
            )


async def _fill_money(
    deps: Deps, organisation_id: int, teachers: list[Person], rng: random.Random
) -> None:
    """A price list, a subscription for every enrolment (most paid, some in part, some not
    yet, so the debts report has something to show) and a salary rule for each teacher."""
    system = Actor.system(organisation_id, "demo")
    eight = await create_plan(
        deps,
        system,
        data=PlanData(name="8 сабақ / 8 занятий", price=3_200_000, lessons=8, validity_days=35),
    )
    _ = await create_plan(
        deps,
        system,
        data=PlanData(
            name="Ай сайын / Помесячно",
            price=2_800_000,
            lessons=8,
            validity_days=90,
            billing=Billing.MONTHLY,
        ),
    )
    _ = await create_plan(
        deps,
        system,
        data=PlanData(
            name="Сынақ сабақ / Пробное занятие",
            kind=PlanKind.TRIAL,
            price=100_000,
            lessons=1,
            validity_days=14,
        ),
    )
    today = local_today(deps.clock.now(), await organisation_zone(organisation_id))
    enrolments = await Enrolment.filter(
        group__organisation_id=organisation_id, ends_on=None
    ).values_list("student_id", "group_id")
    for student_id, group_id in enrolments:
        sold = await sell_subscription(
            deps,
            system,
            student_id=student_id,
            plan_id=eight.id,
            group_id=group_id,
            starts_on=today,
            due_on=today + timedelta(days=rng.randrange(-3, 6)),
        )
        share = rng.random()
        paid = sold.price if share < 0.7 else sold.price // 2 if share < 0.85 else 0
        if paid:
            async with transaction(deps) as tx:
                _ = await do_record_payment(
                    tx,
                    organisation_id=organisation_id,
                    student_id=student_id,
                    amount=paid,
                    currency=sold.currency,
                    method=rng.choice((PaymentMethod.CASH, PaymentMethod.KASPI)),
                    occurred_on=today,
                )
    for teacher in teachers:
        _ = await set_salary_rule(
            deps,
            system,
            teacher_id=teacher.id,
            data=SalaryRuleData(
                valid_from=today.replace(day=1), per_lesson=250_000, per_student=15_000
            ),
        )
