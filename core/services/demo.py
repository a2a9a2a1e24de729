"""A realistic demo learning centre, so a newcomer sees something real at once.

Deterministic (a fixed random seed): the same names every time, except the admin's password
and the complaint codes (the organisation's public code and each complaint's tracking code are
secrets, so they are always drawn afresh).
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict
from core.i18n import N_
from core.iin import check_digit
from core.judge.package import CheckerSpec, Statement, TaskPackage, TestCase
from core.models.academics import Course, Enrolment, Group
from core.models.chat import Conversation
from core.models.feedback import SurveyRecipient
from core.models.finance import PaymentMethod
from core.models.org import Organisation, OrganisationKind
from core.models.people import Gender, Membership, Person, Role
from core.models.testing import QuestionKind
from core.question_kinds import correct_answer, localised
from core.services.academics import (
    CourseData,
    GroupData,
    do_create_course,
    do_create_group,
    do_enrol,
)
from core.services.accounts import do_set_credentials
from core.services.attendance import AttendanceStatus, mark_attendance
from core.services.complaints import (
    ComplaintCategory,
    ComplaintStatus,
    Draft,
    add_note,
    assign,
    complaint_settings,
    file_complaint,
    mark_reply_sent,
    pending_replies,
    reply,
    set_status,
)
from core.services.contests import ContestForm, ContestKind, create_contest
from core.services.feedback import record_feedback
from core.services.judge_tasks import create_task
from core.services.lessons import (
    do_create_lesson,
    local_to_utc,
    local_today,
    organisation_zone,
    students_of,
)
from core.services.messages import send_message
from core.services.orgs import OrganisationData, do_create_organisation
from core.services.payments import do_record_payment
from core.services.people import PersonData, do_create_person, do_link_parent
from core.services.places import RoomData, RoomKind, create_building, create_room
from core.services.prices import Billing, PlanData, PlanKind, create_plan
from core.services.questions import do_create_question
from core.services.salaries import RuleData as SalaryRuleData
from core.services.salaries import set_salary_rule
from core.services.schedule import RuleData, add_holiday, do_create_rule
from core.services.subscriptions import sell_subscription
from core.services.surveys import (
    SurveyKind,
    SurveyQuestion,
    add_survey_question,
    create_survey,
    respond_survey,
    send_survey,
    set_survey_audience,
)
from core.services.testing import (
    ItemData,
    TestData,
    answer_question,
    assign_test,
    create_test,
    finish_attempt,
    publish_test,
    set_items,
    start_attempt,
)
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
    """Create the demo centre with an admin, 5 teachers, ~60 students, parents and 6 groups,
    their schedule and money, a question bank with a test most of one group has taken,
    lesson ratings of three teachers, an answered survey, a psychologist and three complaints.

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
                city="Тараз",
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
    await _fill_classroom(deps, centre.id, admin.id, groups, teachers)
    await _fill_complaints(deps, centre.id, admin.id)
    await _fill_programming(deps, centre.id, teachers[_GROUPS[5][-1]])
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


# --- tests, ratings and feedback ---------------------------------------------------------

_EQUATIONS = "Теңдеулер / Уравнения"
_FRACTIONS = "Бөлшектер / Дроби"


def _same(text: str) -> dict[str, str]:
    """A text that reads the same in every language (a formula, a number)."""
    return {"kk": text, "ru": text, "en": text}


def _options(*texts: str, correct: tuple[int, ...]) -> dict[str, Any]:
    return {
        "options": [
            {"text": _same(text), "correct": index in correct} for index, text in enumerate(texts)
        ]
    }


@dataclass(frozen=True)
class _DemoQuestion:
    """A question of the demo bank and the wrong answers its weaker students type."""

    key: str
    kind: QuestionKind
    text: dict[str, str]
    body: dict[str, Any]
    topic: str
    points: int = 1
    wrong: tuple[Any, ...] = ()


#: The demo bank: two topics of the mathematics course, every kind of question.
_BANK = [
    _DemoQuestion(
        "solve",
        QuestionKind.SINGLE,
        {
            "kk": "2x + 3 = 11 теңдеуін шешіңіз.",
            "ru": "Решите уравнение 2x + 3 = 11.",
            "en": "Solve 2x + 3 = 11.",
        },
        _options("x = 4", "x = 7", "x = 8", "x = 5,5", correct=(0,)),
        _EQUATIONS,
    ),
    _DemoQuestion(
        "root",
        QuestionKind.SINGLE,
        {
            "kk": "Қай теңдеудің түбірі x = −2?",
            "ru": "У какого уравнения корень x = −2?",
            "en": "Which equation has the root x = −2?",
        },
        _options("x + 2 = 0", "x − 2 = 0", "2x = 4", correct=(0,)),
        _EQUATIONS,
    ),
    _DemoQuestion(
        "squares",
        QuestionKind.MULTIPLE,
        {
            "kk": "x² = 9 теңдеуінің түбірлерін белгілеңіз.",
            "ru": "Отметьте корни уравнения x² = 9.",
            "en": "Tick the roots of x² = 9.",
        },
        _options("3", "−3", "9", "0", correct=(0, 1)),
        _EQUATIONS,
        points=2,
    ),
    _DemoQuestion(
        "no-solution",
        QuestionKind.TRUE_FALSE,
        {
            "kk": "x + 1 = x теңдеуінің шешімі жоқ.",
            "ru": "Уравнение x + 1 = x не имеет решений.",
            "en": "The equation x + 1 = x has no solutions.",
        },
        {"answer": True},
        _EQUATIONS,
    ),
    _DemoQuestion(
        "name",
        QuestionKind.SHORT,
        {
            "kk": "Теңдеуді дұрыс теңдікке айналдыратын айнымалының мәні қалай аталады?",
            "ru": "Как называется значение переменной, при котором уравнение верно?",
            "en": "What is a value of the variable that makes an equation true called?",
        },
        {"accepted": ["түбір", "теңдеудің түбірі", "корень", "корень уравнения", "root"]},
        _EQUATIONS,
        wrong=("коэффициент", "айнымалы", "Коэффициент"),
    ),
    _DemoQuestion(
        "divide",
        QuestionKind.NUMERIC,
        {
            "kk": "4x = 10 теңдеуін шешіңіз. x = ?",
            "ru": "Решите уравнение 4x = 10. x = ?",
            "en": "Solve 4x = 10. x = ?",
        },
        {"value": "2.5", "tolerance": "0"},
        _EQUATIONS,
        wrong=("2", "0,4", "40"),
    ),
    _DemoQuestion(
        "blank",
        QuestionKind.FILL_BLANK,
        {
            "kk": "3x = 12 болса, x = ___.",
            "ru": "Если 3x = 12, то x = ___.",
            "en": "If 3x = 12, then x = ___.",
        },
        {"blanks": [["4"]]},
        _EQUATIONS,
        wrong=(["9"], ["36"]),
    ),
    _DemoQuestion(
        "steps",
        QuestionKind.ORDERING,
        {
            "kk": "2x + 3 = 7 теңдеуін шешу қадамдарын ретімен қойыңыз.",
            "ru": "Расставьте шаги решения уравнения 2x + 3 = 7 по порядку.",
            "en": "Put the steps of solving 2x + 3 = 7 in order.",
        },
        {"items": [_same("2x + 3 = 7"), _same("2x = 7 − 3"), _same("2x = 4"), _same("x = 2")]},
        _EQUATIONS,
    ),
    _DemoQuestion(
        "sum",
        QuestionKind.SINGLE,
        {"kk": "1/2 + 1/4 неге тең?", "ru": "Чему равно 1/2 + 1/4?", "en": "What is 1/2 + 1/4?"},
        _options("3/4", "2/6", "1/6", "2/8", correct=(0,)),
        _FRACTIONS,
    ),
    _DemoQuestion(
        "largest",
        QuestionKind.SINGLE,
        {
            "kk": "Қай бөлшек ең үлкен?",
            "ru": "Какая дробь больше всех?",
            "en": "Which fraction is the largest?",
        },
        _options("2/3", "3/5", "5/8", "1/2", correct=(0,)),
        _FRACTIONS,
    ),
    _DemoQuestion(
        "halves",
        QuestionKind.MULTIPLE,
        {
            "kk": "1/2-ге тең бөлшектерді белгілеңіз.",
            "ru": "Отметьте дроби, равные 1/2.",
            "en": "Tick the fractions equal to 1/2.",
        },
        _options("2/4", "3/6", "2/3", "4/6", correct=(0, 1)),
        _FRACTIONS,
        points=2,
    ),
    _DemoQuestion(
        "compare",
        QuestionKind.TRUE_FALSE,
        {
            "kk": "3/4 бөлшегі 0,7-ден үлкен.",
            "ru": "Дробь 3/4 больше 0,7.",
            "en": "3/4 is greater than 0.7.",
        },
        {"answer": True},
        _FRACTIONS,
    ),
    _DemoQuestion(
        "decimals",
        QuestionKind.MATCHING,
        {
            "kk": "Бөлшекті оның ондық жазуымен сәйкестендіріңіз.",
            "ru": "Сопоставьте дробь и её десятичную запись.",
            "en": "Match each fraction with its decimal.",
        },
        {
            "pairs": [
                {"left": _same(left), "right": {"kk": right, "ru": right, "en": dot}}
                for left, right, dot in (
                    ("1/2", "0,5", "0.5"),
                    ("1/4", "0,25", "0.25"),
                    ("3/4", "0,75", "0.75"),
                    ("1/5", "0,2", "0.2"),
                )
            ]
        },
        _FRACTIONS,
    ),
    _DemoQuestion(
        "increasing",
        QuestionKind.ORDERING,
        {
            "kk": "Бөлшектерді өсу ретімен орналастырыңыз.",
            "ru": "Расположите дроби по возрастанию.",
            "en": "Put the fractions in increasing order.",
        },
        {"items": [_same("1/8"), _same("1/4"), _same("1/2"), _same("3/4")]},
        _FRACTIONS,
    ),
    _DemoQuestion(
        "eighths",
        QuestionKind.NUMERIC,
        {
            "kk": "3/8 бөлшегін ондық бөлшек түрінде жазыңыз.",
            "ru": "Запишите 3/8 десятичной дробью.",
            "en": "Write 3/8 as a decimal.",
        },
        {"value": "0.375", "tolerance": "0"},
        _FRACTIONS,
        wrong=("0,38", "3,8", "0,83"),
    ),
    _DemoQuestion(
        "lowest",
        QuestionKind.FILL_BLANK,
        {
            "kk": "2/4 бөлшегін қысқартсақ, ___/___ шығады.",
            "ru": "Дробь 2/4 после сокращения равна ___/___.",
            "en": "2/4 in lowest terms is ___/___.",
        },
        {"blanks": [["1"], ["2"]]},
        _FRACTIONS,
        wrong=(["2", "4"], ["1", "4"]),
    ),
]
#: The demo test: these questions always, then three random ones of each topic.
_FIXED = ("solve", "squares", "decimals", "increasing")
_TEST_TITLE = "Бақылау жұмысы №1 / Контрольная работа №1"


def _demo_answer(question: _DemoQuestion, skill: float, rng: random.Random) -> dict[str, Any]:
    """A student's answer: right with the chance ``skill``, else a typical mistake."""
    right = correct_answer(question.kind, question.body)
    if rng.random() < skill:
        return right
    kind, body = question.kind, question.body
    if kind is QuestionKind.SINGLE:
        wrong = [i for i, option in enumerate(body["options"]) if not option["correct"]]
        return {"choice": rng.choice(wrong)}
    if kind is QuestionKind.MULTIPLE:
        wrong = [i for i, option in enumerate(body["options"]) if not option["correct"]]
        # Half right (one correct option), or a correct and a wrong one (nothing).
        picked = {right["choices"][0]}
        if rng.random() < 0.5:
            picked.add(rng.choice(wrong))
        return {"choices": sorted(picked)}
    if kind is QuestionKind.TRUE_FALSE:
        return {"value": not body["answer"]}
    if kind in (QuestionKind.SHORT, QuestionKind.NUMERIC):
        return {"text": rng.choice(question.wrong)}
    if kind is QuestionKind.FILL_BLANK:
        return {"texts": list(rng.choice(question.wrong))}
    # Matching and ordering: two neighbours swapped.
    key = "pairs" if kind is QuestionKind.MATCHING else "order"
    order = list(right[key])
    swap = rng.randrange(len(order) - 1)
    order[swap], order[swap + 1] = order[swap + 1], order[swap]
    return {key: order}


#: Two programming tasks for "Python 1" and a contest of both running from the demo's start.
_DEMO_TASKS = (
    TaskPackage(
        name="A+B",
        statements={
            "kk": Statement(
                title="Екі санның қосындысы",
                legend="Екі бүтін сан берілген: $a$ және $b$ ($|a|, |b| \\le 10^9$).",
                input="Бір жолда бос орынмен бөлінген $a$ және $b$.",
                output="$a + b$ санын шығарыңыз.",
            ),
            "ru": Statement(
                title="Сумма двух чисел",
                legend="Даны два целых числа $a$ и $b$ ($|a|, |b| \\le 10^9$).",
                input="В одной строке через пробел $a$ и $b$.",
                output="Выведите $a + b$.",
            ),
        },
        time_ms=1000,
        memory_mb=256,
        tests=(
            TestCase(input=b"2 3\n", answer=b"5\n", sample=True),
            TestCase(input=b"-7 10\n", answer=b"3\n"),
            TestCase(input=b"1000000000 1000000000\n", answer=b"2000000000\n"),
        ),
    ),
    TaskPackage(
        name="Орташа мән",
        statements={
            "kk": Statement(
                title="Орташа мән",
                legend="$n$ санның арифметикалық ортасын табыңыз.",
                input="Бірінші жолда $n$, екіншісінде $n$ бүтін сан.",
                output="Орташа мән, қателігі $10^{-6}$-дан аспасын.",
            ),
            "ru": Statement(
                title="Среднее значение",
                legend="Найдите среднее арифметическое $n$ чисел.",
                input="В первой строке $n$, во второй — $n$ целых чисел.",
                output="Среднее значение с погрешностью не более $10^{-6}$.",
            ),
        },
        time_ms=1000,
        memory_mb=256,
        tests=(
            TestCase(input=b"3\n1 2 4\n", answer=b"2.333333333\n", sample=True),
            TestCase(input=b"1\n-5\n", answer=b"-5\n"),
            TestCase(input=b"4\n1 1 1 2\n", answer=b"1.25\n"),
        ),
        checker=CheckerSpec(kind="float", precision=1e-6),
    ),
)


async def _fill_programming(deps: Deps, organisation_id: int, teacher: Person) -> None:
    """Published tasks and a three-hour olympiad of them, so the judge's pages have
    something to show (solving them needs the judge's sandbox on the machine)."""
    author = _person_actor(teacher.id, organisation_id, Role.TEACHER)
    task_ids = [
        await create_task(deps, author, package=package, published=True) for package in _DEMO_TASKS
    ]
    starts = deps.clock.now().replace(second=0, microsecond=0)
    await create_contest(
        deps,
        author,
        form=ContestForm(
            name="Мектепішілік олимпиада / Школьная олимпиада",
            kind=ContestKind.ICPC,
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            penalty_minutes=20,
            freeze_minutes=30,
            task_ids=tuple(task_ids),
        ),
    )


def _person_actor(person_id: int, organisation_id: int, role: Role) -> Actor:
    return Actor(person_id=person_id, organisation_id=organisation_id, roles=frozenset({role}))


async def _fill_classroom(
    deps: Deps, organisation_id: int, admin_id: int, groups: list[Group], teachers: list[Person]
) -> None:
    """A question bank, a test most of "Математика 7А" has taken (so its results, item
    analysis and the rating have content), lesson ratings and an answered survey."""
    rng = random.Random(7)
    maths = groups[0]
    teacher = _person_actor(teachers[_GROUPS[0][-1]].id, organisation_id, Role.TEACHER)
    ids: dict[str, int] = {}
    async with transaction(deps) as tx:
        for question in _BANK:
            ids[question.key] = await do_create_question(
                tx,
                teacher,
                kind=question.kind,
                text=question.text,
                body=question.body,
                points=question.points,
                course_id=maths.course_id,  # type: ignore[attr-defined]
                topic=question.topic,
                audit=False,
            )
    now = deps.clock.now()
    test_id = await create_test(
        deps,
        teacher,
        data=TestData(
            title=_TEST_TITLE,
            instructions="Уақыты — 30 минут. Сәттілік! / Время — 30 минут. Удачи!",
            course_id=maths.course_id,  # type: ignore[attr-defined]
            time_limit_minutes=30,
            attempts_allowed=2,
            closes_at=now + timedelta(days=7),
            pass_percent=60,
            show_review=True,
        ),
    )
    await set_items(
        deps,
        teacher,
        test_id=test_id,
        items=[
            *(ItemData(question_id=ids[key]) for key in _FIXED),
            ItemData(topic=_EQUATIONS, count=3),
            ItemData(topic=_FRACTIONS, count=3),
        ],
    )
    await publish_test(deps, teacher, test_id=test_id)
    _ = await assign_test(deps, teacher, test_id=test_id, group_id=maths.id)
    by_text = {question.text["en"]: question for question in _BANK}
    students = sorted(await students_of(maths.id))
    # The last two have not taken it yet. The first one does badly, runs out of ideas
    # before the last question, and tries again (the gradebook keeps the better result).
    for index, student_id in enumerate(students[:-2]):
        student = _person_actor(student_id, organisation_id, Role.STUDENT)
        skill = 0.3 if index == 0 else 0.25 + 0.7 * rng.random()
        for attempt in range(2 if index == 0 else 1):
            state = await start_attempt(deps, student, test_id=test_id, rng=rng)
            while state.question is not None:
                shown = state.question
                if index == attempt == 0 and shown.position == shown.total - 1:
                    break
                state = await answer_question(
                    deps,
                    student,
                    attempt_id=state.attempt_id,
                    position=shown.position,
                    answer=_demo_answer(by_text[localised(shown.text, "en")], skill, rng),
                )
            _ = await finish_attempt(deps, student, attempt_id=state.attempt_id)
            skill += 0.4
    await _fill_lesson_feedback(deps, organisation_id, groups, teachers, rng)
    await _fill_survey(deps, _person_actor(admin_id, organisation_id, Role.ADMIN), groups, rng)


#: Students who rate each demo lesson.
_RATERS = 5
#: Lesson ratings (lesson, teacher) and the comments students add to some of them.
_RATINGS = [(5, 5), (5, 5), (4, 5), (5, 4), (4, 4), (3, 4)]
_COMMENTS = [
    "Тақырып түсінікті болды, рақмет!",
    "Было интересно, но хотелось бы больше задач.",
    "Great lesson, thank you!",
]


async def _fill_lesson_feedback(
    deps: Deps,
    organisation_id: int,
    groups: list[Group],
    teachers: list[Person],
    rng: random.Random,
) -> None:
    """A held lesson a few days ago in three groups, rated by five of those present."""
    zone = await organisation_zone(organisation_id)
    today = local_today(deps.clock.now(), zone)
    system = Actor.system(organisation_id, "demo")
    comments = iter(_COMMENTS)
    # Groups meeting at least weekly on two days, so their last day is under a week ago.
    for group_index in (0, 2, 5):
        group, spec = groups[group_index], _GROUPS[group_index]
        pattern, start, minutes, _ = _RULES[group_index]
        weekdays = {day for week in pattern for day in week}
        day = next(
            today - timedelta(days=back)
            for back in range(1, 7)
            if (today - timedelta(days=back)).weekday() in weekdays
        )
        hours, mins = (int(part) for part in start.split(":"))
        starts_at = local_to_utc(day, hours * 60 + mins, zone)
        teacher_id = teachers[spec[-1]].id
        async with transaction(deps) as tx:
            lesson = await do_create_lesson(
                tx,
                system,
                group_id=group.id,
                teacher_id=teacher_id,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(minutes=minutes),
                audit=False,
            )
        present = sorted(await students_of(group.id, on=day))
        if not present:
            continue
        teacher = _person_actor(teacher_id, organisation_id, Role.TEACHER)
        _ = await mark_attendance(
            deps,
            teacher,
            lesson_id=lesson.id,
            marks=dict.fromkeys(present, AttendanceStatus.PRESENT),
        )
        for student_id in present[:_RATERS]:
            lesson_rating, teacher_rating = rng.choice(_RATINGS)
            _ = await record_feedback(
                deps,
                _person_actor(student_id, organisation_id, Role.STUDENT),
                lesson_id=lesson.id,
                lesson_rating=lesson_rating,
                teacher_rating=teacher_rating,
                comment=next(comments, None) if rng.random() < 0.3 else None,
            )


_SURVEY_TIMES = [
    {"kk": "Таңертең", "ru": "Утром", "en": "In the morning"},
    {"kk": "Түстен кейін", "ru": "После обеда", "en": "In the afternoon"},
    {"kk": "Кешке", "ru": "Вечером", "en": "In the evening"},
]
_SURVEY_WISHES = [
    "Үй тапсырмасы туралы жиірек хабарлаңыздар.",
    "Хотелось бы больше олимпиадных задач.",
    "Всё устраивает, спасибо!",
    "Сабақ кестесі алдын ала белгілі болса екен.",
    "Больше разговорной практики на английском.",
    "Бәрі ұнайды, рақмет!",
]


async def _fill_survey(deps: Deps, admin: Actor, groups: list[Group], rng: random.Random) -> None:
    """An anonymous survey sent to the parents of the mathematics groups; six answered (an
    anonymous survey shows its answers from five on)."""
    survey = await create_survey(
        deps, admin, title="Ата-аналар сауалнамасы / Опрос родителей", anonymous=True
    )
    for question in (
        SurveyQuestion(
            SurveyKind.RATING,
            {
                "kk": "Балаңыздың сабақтары сізге қаншалықты ұнайды?",
                "ru": "Насколько вам нравятся занятия вашего ребёнка?",
                "en": "How do you like your child's lessons?",
            },
        ),
        SurveyQuestion(
            SurveyKind.SINGLE,
            {
                "kk": "Сабаққа қай уақыт ыңғайлы?",
                "ru": "Какое время занятий вам удобнее?",
                "en": "Which time for lessons suits you best?",
            },
            tuple(_SURVEY_TIMES),
        ),
        SurveyQuestion(
            SurveyKind.SHORT,
            {
                "kk": "Тағы не жақсартуға болады?",
                "ru": "Что нам стоит улучшить?",
                "en": "What could we do better?",
            },
        ),
    ):
        _ = await add_survey_question(deps, admin, survey_id=survey.id, question=question)
    _ = await set_survey_audience(
        deps,
        admin,
        survey_id=survey.id,
        roles=(Role.PARENT,),
        group_ids=(groups[0].id, groups[1].id),
    )
    _ = await send_survey(deps, admin, survey_id=survey.id)
    parents = sorted(
        int(row[0])
        for row in await SurveyRecipient.filter(survey_id=survey.id).values_list("person_id")
    )
    for parent_id, wish in zip(parents, _SURVEY_WISHES, strict=False):
        await respond_survey(
            deps,
            _person_actor(parent_id, admin.organisation_id, Role.PARENT),
            survey_id=survey.id,
            answers=[
                {"value": rng.choice((4, 5, 5))},
                {"choice": rng.randrange(len(_SURVEY_TIMES))},
                {"text": wish},
            ],
        )


# --- complaints -----------------------------------------------------------------------------

#: No Telegram chat has the id 0: the demo's complainants are made up, and an answer the
#: complaints bot might try to deliver to them can reach nobody real.
_NOBODY_IN_TELEGRAM = 0


@dataclass(frozen=True)
class _At:
    """A clock stopped at one moment: the demo's complaints came in over the last days."""

    moment: datetime

    def now(self) -> datetime:
        return self.moment


async def _fill_complaints(deps: Deps, organisation_id: int, admin_id: int) -> None:
    """The centre's complaint settings (its public code for the poster) and three complaints
    filed as the complaints bot files them: an anonymous one about bullying the admin
    answered, a parent's named one about a payment the admin is looking into, and an
    anonymous, urgent one about a friend in danger, which alerted the psychologist."""
    system = Actor.system(organisation_id, "demo")
    async with transaction(deps) as tx:
        # Urgent complaints alert the psychologist first.
        _ = await do_create_person(
            tx,
            system,
            organisation_id=organisation_id,
            data=PersonData(
                last_name="Оспанова",
                first_name="Мадина",
                middle_name="Бекқызы",
                gender=Gender.FEMALE,
            ),
            roles=(Role.PSYCHOLOGIST,),
        )
    _ = await complaint_settings(deps, system)
    admin = _person_actor(admin_id, organisation_id, Role.ADMIN)
    now = deps.clock.now()

    def hours_ago(hours: float) -> Deps:
        return replace(deps, clock=_At(now - timedelta(hours=hours)))

    bullying = await file_complaint(
        hours_ago(75),
        draft=Draft(
            organisation_id=organisation_id,
            category=ComplaintCategory.BULLYING,
            text=(
                "На перемене ребята постарше отбирают у меня телефон и смеются, когда я прошу "
                "вернуть. Учителю говорить боюсь."
            ),
            anonymous=True,
        ),
        chat_id=_NOBODY_IN_TELEGRAM,
    )
    await reply(
        hours_ago(71),
        admin,
        complaint_id=bullying.complaint_id,
        text=(
            "Спасибо, что написали. На переменах теперь дежурит администратор, а с ребятами и "
            "их родителями мы поговорили. Напишите сюда, если это повторится."
        ),
    )
    # As if the complaints bot had delivered it: the card shows the answer as delivered.
    for waiting in await pending_replies(deps):
        await mark_reply_sent(hours_ago(71), waiting.message_id)

    parent = (
        await Membership.filter(organisation_id=organisation_id, role=Role.PARENT)
        .order_by("person_id")
        .first()
    )
    assert parent is not None  # the demo's families were filled first
    parent_id: int = parent.person_id  # type: ignore[attr-defined]
    payment = await file_complaint(
        hours_ago(20),
        draft=Draft(
            organisation_id=organisation_id,
            category=ComplaintCategory.FINANCE,
            text=(
                "Оплатила абонемент через Kaspi третьего числа, а в Telegram всё ещё "
                "показывает долг. Чек могу прислать."
            ),
            anonymous=False,
        ),
        chat_id=_NOBODY_IN_TELEGRAM,
        named_as=_person_actor(parent_id, organisation_id, Role.PARENT),
    )
    await assign(hours_ago(19), admin, complaint_id=payment.complaint_id, assignee_id=admin_id)
    await set_status(
        hours_ago(19),
        admin,
        complaint_id=payment.complaint_id,
        status=ComplaintStatus.IN_PROGRESS,
    )
    await add_note(
        hours_ago(19),
        admin,
        complaint_id=payment.complaint_id,
        text="Проверить выписку Kaspi за третье число: платёж мог не сопоставиться.",
    )

    _ = await file_complaint(
        hours_ago(1),
        draft=Draft(
            organisation_id=organisation_id,
            category=ComplaintCategory.SAFETY,
            text=(
                "Құрбым маған «өмір сүргім келмейді» деп жазды, қолында кесілген іздер бар. "
                "Өтінемін, оған көмектесіңіздер."
            ),
            anonymous=True,
            language="kk",
        ),
        chat_id=_NOBODY_IN_TELEGRAM,
    )
