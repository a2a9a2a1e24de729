"""The panel's navigation: a link is shown only when the actor may use it."""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import N_
from core.permissions import Permission, Role


@dataclass(frozen=True)
class NavItem:
    """A link; ``permission`` None: every signed-in person (students too) may follow it.
    ``roles``: only people acting in one of them see it (screenings are the psychologist's,
    whatever permissions an admin holds)."""

    url: str
    label: str
    permission: Permission | None
    feature: str | None = None
    roles: frozenset[Role] | None = None


NAV: tuple[NavItem, ...] = (
    NavItem("/chat", N_("Chat"), None, feature="chat"),
    NavItem("/people", N_("People"), Permission.PEOPLE_VIEW),
    NavItem("/groups", N_("Groups"), Permission.GROUPS_VIEW),
    NavItem("/courses", N_("Courses"), Permission.GROUPS_VIEW),
    NavItem("/my/class-codes", N_("My class codes"), None, roles=frozenset({Role.TEACHER})),
    NavItem("/schedule", N_("Schedule"), Permission.GROUPS_VIEW, feature="schedule"),
    NavItem("/rooms", N_("Rooms"), Permission.SCHEDULE_MANAGE, feature="schedule"),
    NavItem("/substitutions", N_("Substitutions"), Permission.SCHEDULE_MANAGE, feature="schedule"),
    NavItem(
        "/timetables", N_("School timetables"), Permission.TIMETABLES_MANAGE, feature="timetable"
    ),
    NavItem("/reports/lessons", N_("Reports"), Permission.LESSON_REPORTS, feature="schedule"),
    NavItem("/questions", N_("Question bank"), Permission.QUESTIONS_MANAGE),
    NavItem("/tests", N_("Tests"), Permission.TESTS_MANAGE),
    NavItem("/my/tests", N_("My tests"), None),
    NavItem("/my/courses", N_("My courses"), None),
    NavItem("/programming", N_("Programming"), None),
    NavItem("/contests", N_("Contests"), None),
    NavItem("/rating", N_("Rating"), None),
    NavItem("/feedback", N_("Feedback"), Permission.FEEDBACK_VIEW),
    NavItem("/surveys", N_("Surveys"), Permission.SURVEYS_MANAGE),
    NavItem("/screenings", N_("Screenings"), None, roles=frozenset({Role.PSYCHOLOGIST})),
    NavItem("/atlas", N_("Professions"), None),
    NavItem("/universities", N_("Universities"), Permission.CAREER_ATLAS_MANAGE),
    NavItem("/admissions", N_("Admissions news"), Permission.CAREER_NEWS_MANAGE),
    NavItem("/mock-exams", N_("Mock exams"), Permission.CAREER_MOCK_EXAMS),
    NavItem("/career-programme", N_("Career programme"), Permission.CAREER_PROGRAMME_MANAGE),
    NavItem("/career-inventory", N_("Interest inventory"), Permission.CAREER_INVENTORY_SEND),
    NavItem("/career/reports", N_("Career reports"), Permission.CAREER_PROFILES_READ),
    NavItem("/consultations", N_("Consultations"), Permission.CONSULTATIONS_HOLD),
    NavItem("/complaints", N_("Complaints"), Permission.COMPLAINTS_HANDLE, feature="complaints"),
    NavItem("/wellbeing", N_("Well-being alerts"), Permission.WELLBEING_ALERTS),
    NavItem("/finance", N_("Finance"), Permission.FINANCE_VIEW),
    NavItem("/prices", N_("Prices"), Permission.PRICES_MANAGE),
    NavItem("/expenses", N_("Expenses"), Permission.EXPENSES_MANAGE),
    NavItem("/salaries", N_("Salaries"), Permission.SALARIES_MANAGE),
    NavItem("/invitations", N_("Invitations"), Permission.INVITATIONS_MANAGE),
    NavItem("/registration-codes", N_("Registration codes"), Permission.INVITATIONS_MANAGE),
    NavItem("/import", N_("Import"), Permission.PEOPLE_IMPORT),
    NavItem("/organisation", N_("Organisation"), Permission.ORG_VIEW),
    NavItem("/roles", N_("Roles"), Permission.ROLES_MANAGE),
    NavItem("/audit", N_("Audit"), Permission.AUDIT_VIEW),
)


def visible_nav(
    granted: frozenset[Permission], features: dict[str, bool], roles: frozenset[Role]
) -> list[NavItem]:
    return [
        item
        for item in NAV
        if (item.permission is None or item.permission in granted)
        and (item.feature is None or features.get(item.feature, True))
        and (item.roles is None or bool(item.roles & roles))
    ]
