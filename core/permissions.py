"""Named permissions, their default grants per role, and the one check every service uses.

An admin can grant or revoke a permission for a role in their organisation
(``PermissionOverride``); an override in an organisation also applies to its branches unless
a branch overrides it again.
"""

from __future__ import annotations

from enum import StrEnum

from core.actor import Actor
from core.errors import PermissionDenied
from core.i18n import N_
from core.models.org import Organisation, PermissionOverride
from core.models.people import Role as Role  # noqa: PLC0414 - re-exported for adapters


class Permission(StrEnum):
    ORG_VIEW = "org.view"
    ORG_MANAGE = "org.manage"
    PEOPLE_VIEW = "people.view"
    PEOPLE_MANAGE = "people.manage"
    PEOPLE_IMPORT = "people.import"
    PEOPLE_EXPORT = "people.export"
    INVITATIONS_MANAGE = "invitations.manage"
    ROLES_MANAGE = "roles.manage"
    GROUPS_VIEW = "groups.view"
    GROUPS_MANAGE = "groups.manage"
    ENROLMENTS_MANAGE = "enrolments.manage"
    AUDIT_VIEW = "audit.view"
    CHAT_DIRECT_STUDENTS = "chat.direct.students"
    CHAT_DIRECT_TEACHERS = "chat.direct.teachers"
    CHAT_DIRECT_PARENTS = "chat.direct.parents"
    CHAT_DIRECT_STAFF = "chat.direct.staff"
    CHAT_CHANNELS_MANAGE = "chat.channels.manage"
    CHAT_SUPPORT = "chat.support"
    CHAT_MODERATE = "chat.moderate"
    SCHEDULE_MANAGE = "schedule.manage"
    ATTENDANCE_MARK = "attendance.mark"
    ATTENDANCE_CORRECT = "attendance.correct"
    HOMEWORK_MANAGE = "homework.manage"
    GRADES_MANAGE = "grades.manage"
    TEACHING_ANY = "teaching.any"
    PLANS_MANAGE = "plans.manage"
    LESSON_REPORTS = "lessons.reports"
    FINANCE_VIEW = "finance.view"
    PRICES_MANAGE = "prices.manage"
    SUBSCRIPTIONS_MANAGE = "subscriptions.manage"
    PAYMENTS_MANAGE = "payments.manage"
    LEDGER_CORRECT = "ledger.correct"
    EXPENSES_MANAGE = "expenses.manage"
    SALARIES_MANAGE = "salaries.manage"
    PAYROLL_APPROVE = "payroll.approve"
    QUESTIONS_MANAGE = "questions.manage"
    TESTS_MANAGE = "tests.manage"
    TEST_RESULTS = "tests.results"
    SURVEYS_MANAGE = "surveys.manage"
    FEEDBACK_VIEW = "feedback.view"
    COMPLAINTS_HANDLE = "complaints.handle"
    COMPLAINTS_REPORTS = "complaints.reports"
    WELLBEING_ALERTS = "wellbeing.alerts"
    CAREER_ATLAS_MANAGE = "career.atlas.manage"
    CAREER_NEWS_MANAGE = "career.news.manage"
    CAREER_MOCK_EXAMS = "career.mock_exams"
    CAREER_INVENTORY_SEND = "career.inventory.send"
    CAREER_PROGRAMME_MANAGE = "career.programme.manage"
    CAREER_PROFILES_READ = "career.profiles.read"
    CONSULTATIONS_HOLD = "consultations.hold"
    TIMETABLES_MANAGE = "timetables.manage"
    JUDGE_TASKS_MANAGE = "judge.tasks.manage"
    CONTESTS_MANAGE = "judge.contests.manage"
    COURSE_CONTENT_MANAGE = "courses.content.manage"


PERMISSION_LABELS: dict[Permission, str] = {
    Permission.ORG_VIEW: N_("See the organisation's settings"),
    Permission.ORG_MANAGE: N_("Change the organisation's settings and branches"),
    Permission.PEOPLE_VIEW: N_("See people"),
    Permission.PEOPLE_MANAGE: N_("Add, edit and archive people"),
    Permission.PEOPLE_IMPORT: N_("Import people from Excel"),
    Permission.PEOPLE_EXPORT: N_("Export people to Excel"),
    Permission.INVITATIONS_MANAGE: N_("Create and revoke invitations"),
    Permission.ROLES_MANAGE: N_("Change what roles may do"),
    Permission.GROUPS_VIEW: N_("See courses and groups"),
    Permission.GROUPS_MANAGE: N_("Create and edit courses and groups"),
    Permission.ENROLMENTS_MANAGE: N_("Enrol and unenrol students"),
    Permission.AUDIT_VIEW: N_("Read the audit trail and any conversation"),
    Permission.CHAT_DIRECT_STUDENTS: N_("Start direct conversations with students"),
    Permission.CHAT_DIRECT_TEACHERS: N_("Start direct conversations with teachers"),
    Permission.CHAT_DIRECT_PARENTS: N_("Start direct conversations with parents"),
    Permission.CHAT_DIRECT_STAFF: N_("Start direct conversations with administration staff"),
    Permission.CHAT_CHANNELS_MANAGE: N_("Create announcement channels"),
    Permission.CHAT_SUPPORT: N_("Answer support threads"),
    Permission.CHAT_MODERATE: N_("Hide other people's messages in conversations one belongs to"),
    Permission.SCHEDULE_MANAGE: N_(
        "Manage the schedule: buildings, rooms, holidays, schedule rules and single lessons"
    ),
    Permission.ATTENDANCE_MARK: N_("Mark attendance in one's lessons"),
    Permission.ATTENDANCE_CORRECT: N_("Correct attendance of lessons held on earlier days"),
    Permission.HOMEWORK_MANAGE: N_("Set and review homework in one's groups"),
    Permission.GRADES_MANAGE: N_("Give grades in one's groups"),
    Permission.TEACHING_ANY: N_("Mark attendance, set homework and grade in any group"),
    Permission.PLANS_MANAGE: N_("Edit students' individual learning plans"),
    Permission.LESSON_REPORTS: N_("See reports on lessons, attendance and homework"),
    Permission.FINANCE_VIEW: N_("See balances, payments, debts and money reports"),
    Permission.PRICES_MANAGE: N_("Edit the price list: plans and discounts"),
    Permission.SUBSCRIPTIONS_MANAGE: N_("Sell, freeze, extend and cancel subscriptions"),
    Permission.PAYMENTS_MANAGE: N_("Record payments and refunds and import bank statements"),
    Permission.LEDGER_CORRECT: N_("Reverse ledger entries and record corrections"),
    Permission.EXPENSES_MANAGE: N_("Record expenses"),
    Permission.SALARIES_MANAGE: N_("Set teachers' salary rules, bonuses and compute payroll"),
    Permission.PAYROLL_APPROVE: N_("Approve and lock payroll"),
    Permission.QUESTIONS_MANAGE: N_(
        "Write questions in the question bank, import and export them"
    ),
    Permission.TESTS_MANAGE: N_("Build tests and assign them to one's groups"),
    Permission.TEST_RESULTS: N_("See the results and reports of every test"),
    Permission.SURVEYS_MANAGE: N_("Create and send surveys"),
    Permission.FEEDBACK_VIEW: N_("See lesson ratings and survey results"),
    Permission.COMPLAINTS_HANDLE: N_("Read and answer complaints"),
    Permission.COMPLAINTS_REPORTS: N_("See complaint reports"),
    Permission.WELLBEING_ALERTS: N_("See and acknowledge well-being alerts"),
    Permission.CAREER_ATLAS_MANAGE: N_(
        "Edit professions in the atlas and import universities and programme groups"
    ),
    Permission.CAREER_NEWS_MANAGE: N_("Post admissions news"),
    Permission.CAREER_MOCK_EXAMS: N_("Enter and read students' mock exam results"),
    Permission.CAREER_INVENTORY_SEND: N_(
        "Send the interest inventory to students and see who has finished it"
    ),
    Permission.CAREER_PROGRAMME_MANAGE: N_("Edit the career guidance programme of the year"),
    Permission.CAREER_PROFILES_READ: N_(
        "Read any student's career profile and the career reports per class and school"
    ),
    Permission.CONSULTATIONS_HOLD: N_(
        "Publish consultation times and keep the journal of one's consultations"
    ),
    Permission.TIMETABLES_MANAGE: N_(
        "Import, generate, edit and publish the school's weekly timetable"
    ),
    Permission.JUDGE_TASKS_MANAGE: N_(
        "Write programming tasks and their tests, and read every submission to them"
    ),
    Permission.CONTESTS_MANAGE: N_(
        "Organise contests: their problems and times, and freezing the scoreboard"
    ),
    Permission.COURSE_CONTENT_MANAGE: N_(
        "Write the online content of one's courses, open it for one's groups and review "
        "students' answers"
    ),
}

ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: N_("Administrator"),
    Role.MANAGER: N_("Manager"),
    Role.TEACHER: N_("Teacher"),
    Role.STUDENT: N_("Student"),
    Role.PARENT: N_("Parent"),
    Role.ACCOUNTANT: N_("Accountant"),
    Role.PSYCHOLOGIST: N_("Psychologist"),
    Role.CAREER_COUNSELLOR: N_("Career counsellor"),
    Role.CURATOR: N_("Curator"),
    Role.HEAD_OF_DEPARTMENT: N_("Head of department"),
    Role.AUTHORITY_OFFICER: N_("Authority officer"),
}

_STAFF_VIEW = {Permission.ORG_VIEW, Permission.PEOPLE_VIEW, Permission.GROUPS_VIEW}
_STAFF_CHAT = {Permission.CHAT_DIRECT_TEACHERS, Permission.CHAT_DIRECT_STAFF}
_TEACHING = {
    Permission.ATTENDANCE_MARK,
    Permission.HOMEWORK_MANAGE,
    Permission.GRADES_MANAGE,
    Permission.PLANS_MANAGE,
    Permission.QUESTIONS_MANAGE,
    Permission.TESTS_MANAGE,
    Permission.JUDGE_TASKS_MANAGE,
    Permission.CONTESTS_MANAGE,
    Permission.COURSE_CONTENT_MANAGE,
}
_FRONT_DESK_MONEY = {
    Permission.FINANCE_VIEW,
    Permission.SUBSCRIPTIONS_MANAGE,
    Permission.PAYMENTS_MANAGE,
}
_ACCOUNTING = _FRONT_DESK_MONEY | {
    Permission.PRICES_MANAGE,
    Permission.LEDGER_CORRECT,
    Permission.EXPENSES_MANAGE,
    Permission.SALARIES_MANAGE,
    Permission.PAYROLL_APPROVE,
}
_LESSONS_OFFICE = _TEACHING | {
    Permission.SCHEDULE_MANAGE,
    Permission.TIMETABLES_MANAGE,
    Permission.ATTENDANCE_CORRECT,
    Permission.TEACHING_ANY,
    Permission.LESSON_REPORTS,
    Permission.TEST_RESULTS,
    Permission.FEEDBACK_VIEW,
}

DEFAULT_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.MANAGER: frozenset(
        _STAFF_VIEW
        | {
            Permission.PEOPLE_MANAGE,
            Permission.PEOPLE_IMPORT,
            Permission.PEOPLE_EXPORT,
            Permission.INVITATIONS_MANAGE,
            Permission.GROUPS_MANAGE,
            Permission.ENROLMENTS_MANAGE,
            Permission.CHAT_DIRECT_STUDENTS,
            Permission.CHAT_DIRECT_PARENTS,
            Permission.CHAT_CHANNELS_MANAGE,
            Permission.CHAT_SUPPORT,
            Permission.CHAT_MODERATE,
            Permission.SURVEYS_MANAGE,
            # Also a teacher's: a manager who may not hold it could not add teachers.
            Permission.CAREER_MOCK_EXAMS,
        }
        | _STAFF_CHAT
        | _LESSONS_OFFICE
        | _FRONT_DESK_MONEY
    ),
    Role.HEAD_OF_DEPARTMENT: frozenset(
        _STAFF_VIEW
        | {Permission.GROUPS_MANAGE, Permission.ENROLMENTS_MANAGE}
        | _STAFF_CHAT
        | _LESSONS_OFFICE
    ),
    Role.TEACHER: frozenset(
        {
            Permission.GROUPS_VIEW,
            Permission.CHAT_DIRECT_STUDENTS,
            Permission.CHAT_DIRECT_PARENTS,
            Permission.CHAT_MODERATE,
            Permission.CAREER_MOCK_EXAMS,
        }
        | _STAFF_CHAT
        | _TEACHING
    ),
    Role.CURATOR: frozenset(
        _STAFF_VIEW
        | _STAFF_CHAT
        | {
            Permission.CHAT_DIRECT_STUDENTS,
            Permission.PLANS_MANAGE,
            Permission.LESSON_REPORTS,
            Permission.TEST_RESULTS,
            Permission.FEEDBACK_VIEW,
        }
    ),
    Role.ACCOUNTANT: frozenset(
        _STAFF_VIEW | {Permission.PEOPLE_EXPORT} | _STAFF_CHAT | _ACCOUNTING
    ),
    Role.PSYCHOLOGIST: frozenset(
        {
            Permission.PEOPLE_VIEW,
            Permission.COMPLAINTS_HANDLE,
            Permission.COMPLAINTS_REPORTS,
            Permission.WELLBEING_ALERTS,
            Permission.CAREER_PROFILES_READ,
            Permission.CONSULTATIONS_HOLD,
        }
        | _STAFF_CHAT
    ),
    Role.CAREER_COUNSELLOR: frozenset(
        {
            Permission.PEOPLE_VIEW,
            Permission.CAREER_ATLAS_MANAGE,
            Permission.CAREER_NEWS_MANAGE,
            Permission.CAREER_MOCK_EXAMS,
            Permission.CAREER_INVENTORY_SEND,
            Permission.CAREER_PROGRAMME_MANAGE,
            Permission.CAREER_PROFILES_READ,
            Permission.CONSULTATIONS_HOLD,
        }
        | _STAFF_CHAT
    ),
    Role.AUTHORITY_OFFICER: frozenset(
        {Permission.ORG_VIEW, Permission.COMPLAINTS_HANDLE, Permission.COMPLAINTS_REPORTS}
    ),
    Role.STUDENT: frozenset({Permission.CHAT_DIRECT_STUDENTS, Permission.CHAT_DIRECT_TEACHERS}),
    Role.PARENT: frozenset({Permission.CHAT_DIRECT_TEACHERS}),
}

#: Roles that see the admin web panel at all.
STAFF_ROLES = frozenset(
    {
        Role.ADMIN,
        Role.MANAGER,
        Role.TEACHER,
        Role.ACCOUNTANT,
        Role.CURATOR,
        Role.HEAD_OF_DEPARTMENT,
        Role.PSYCHOLOGIST,
        Role.CAREER_COUNSELLOR,
        Role.AUTHORITY_OFFICER,
    }
)


async def organisation_lineage(organisation_id: int) -> list[int]:
    """The organisation and its ancestors, nearest first."""
    lineage: list[int] = []
    current: int | None = organisation_id
    while current is not None and current not in lineage:
        lineage.append(current)
        current = await Organisation.filter(id=current).first().values_list("parent_id", flat=True)  # type: ignore[assignment]
    return lineage


async def effective_grants(organisation_id: int) -> dict[Role, frozenset[Permission]]:
    """Each role's permissions in an organisation: defaults, then overrides root-first."""
    lineage = await organisation_lineage(organisation_id)
    overrides = await PermissionOverride.filter(organisation_id__in=lineage).values(
        "organisation_id", "role", "permission", "granted"
    )
    depth = {org_id: index for index, org_id in enumerate(lineage)}
    grants = {role: set(perms) for role, perms in DEFAULT_GRANTS.items()}
    known = {permission.value for permission in Permission}
    for row in sorted(overrides, key=lambda row: -depth[row["organisation_id"]]):
        if row["permission"] not in known or row["role"] not in Role.__members__.values():
            continue
        role, permission = Role(row["role"]), Permission(row["permission"])
        if row["granted"]:
            grants[role].add(permission)
        else:
            grants[role].discard(permission)
    return {role: frozenset(perms) for role, perms in grants.items()}


async def has_permission(actor: Actor, permission: Permission) -> bool:
    if actor.is_system:
        return True
    grants = await effective_grants(actor.organisation_id)
    return any(permission in grants[role] for role in actor.roles)


async def require(actor: Actor, permission: Permission) -> None:
    """The one permission check every service calls.

    Raises:
        PermissionDenied: none of the actor's roles holds ``permission`` here.
    """
    if not await has_permission(actor, permission):
        raise PermissionDenied(permission=permission.value)


async def granted_permissions(actor: Actor) -> frozenset[Permission]:
    """Everything the actor may do here (the panel uses it to show only usable links)."""
    if actor.is_system:
        return frozenset(Permission)
    grants = await effective_grants(actor.organisation_id)
    return (
        frozenset().union(*(grants[role] for role in actor.roles)) if actor.roles else frozenset()
    )
