"""The lesson cycle: places, schedule rules, lessons, attendance, homework, grades, plans.

Times of lessons are UTC (``starts_at``/``ends_at``); a rule keeps local wall-clock minutes
because "Mondays at 15:00" means 15:00 where the organisation is, whatever its offset.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from core.models.academics import Group
from core.models.org import Organisation
from core.models.people import Person


class RoomKind(StrEnum):
    CLASSROOM = "classroom"
    LAB = "lab"
    COMPUTER = "computer"
    GYM = "gym"
    ONLINE = "online"


class LessonStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    LATE = "late"
    EXCUSED = "excused"


class GradeScale(StrEnum):
    FIVE = "five"
    HUNDRED = "hundred"
    PASS_FAIL = "pass_fail"
    LETTER = "letter"


class GradeKind(StrEnum):
    CLASSWORK = "classwork"
    HOMEWORK = "homework"
    TEST = "test"
    EXAM = "exam"


class SubmissionStatus(StrEnum):
    SUBMITTED = "submitted"
    RETURNED = "returned"
    REVIEWED = "reviewed"


class Building(Model):
    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="buildings", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=100)
    address = fields.CharField(max_length=300, default="")
    created_at = fields.DatetimeField()

    class Meta:
        table = "building"
        unique_together = (("organisation", "name"),)


class Room(Model):
    """A place lessons happen in; ``online`` rooms are video links and have no building."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="rooms", on_delete=fields.RESTRICT
    )
    building: fields.ForeignKeyNullableRelation[Building] = fields.ForeignKeyField(
        "models.Building", related_name="rooms", null=True, on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=50)
    kind = fields.CharEnumField(RoomKind, max_length=12, default=RoomKind.CLASSROOM)
    capacity = fields.IntField()
    archived_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "room"


class Holiday(Model):
    """A non-working day of an organisation: rules generate no lessons on it."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="holidays", on_delete=fields.RESTRICT
    )
    day = fields.DateField()
    name = fields.CharField(max_length=100, default="")
    created_at = fields.DatetimeField()

    class Meta:
        table = "holiday"
        unique_together = (("organisation", "day"),)


class ScheduleRule(Model):
    """A recurring series of a group's lessons.

    ``pattern`` lists, for each week of the cycle (1 to 3), the weekdays (0 = Monday) with a
    lesson: ``[[0, 2]]`` is every Monday and Wednesday, ``[[0], [3]]`` alternates Monday and
    Thursday weeks. The cycle counts from the week of ``starts_on``. ``start_minute`` is local
    wall-clock time in the organisation's time zone.
    """

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="schedule_rules", on_delete=fields.RESTRICT
    )
    group: fields.ForeignKeyRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="schedule_rules", on_delete=fields.RESTRICT
    )
    teacher: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="schedule_rules", on_delete=fields.RESTRICT
    )
    room: fields.ForeignKeyNullableRelation[Room] = fields.ForeignKeyField(
        "models.Room", related_name="schedule_rules", null=True, on_delete=fields.RESTRICT
    )
    pattern: list[list[int]] = fields.JSONField()
    start_minute = fields.IntField()
    duration_minutes = fields.IntField()
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    created_at = fields.DatetimeField()

    class Meta:
        table = "schedule_rule"


class Lesson(Model):
    """One scheduled occurrence. ``detached`` marks a lesson changed on its own (moved, given
    another room or teacher), so changing its rule leaves it alone. ``planned_teacher`` is the
    teacher a substitute replaces."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="lessons", on_delete=fields.RESTRICT
    )
    group: fields.ForeignKeyRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="lessons", on_delete=fields.RESTRICT
    )
    rule: fields.ForeignKeyNullableRelation[ScheduleRule] = fields.ForeignKeyField(
        "models.ScheduleRule", related_name="lessons", null=True, on_delete=fields.RESTRICT
    )
    occurrence_on = fields.DateField(null=True, description="The rule's date for this lesson.")
    teacher: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="lessons_taught", on_delete=fields.RESTRICT
    )
    planned_teacher: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="lessons_substituted", null=True, on_delete=fields.RESTRICT
    )
    room: fields.ForeignKeyNullableRelation[Room] = fields.ForeignKeyField(
        "models.Room", related_name="lessons", null=True, on_delete=fields.RESTRICT
    )
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    status = fields.CharEnumField(LessonStatus, max_length=10, default=LessonStatus.PLANNED)
    topic = fields.CharField(max_length=300, default="")
    cancel_reason = fields.CharField(max_length=300, default="")
    detached = fields.BooleanField(default=False)
    held_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "lesson"
        unique_together = (("rule", "occurrence_on"),)
        indexes = (
            ("organisation_id", "starts_at"),
            ("group_id", "starts_at"),
            ("teacher_id", "starts_at"),
            ("room_id", "starts_at"),
        )


class Attendance(Model):
    """A student's presence at a lesson. ``reported_by`` is the parent who said the child
    would be absent (an excused absence recorded before the lesson)."""

    id = fields.IntField(primary_key=True)
    lesson: fields.ForeignKeyRelation[Lesson] = fields.ForeignKeyField(
        "models.Lesson", related_name="attendances", on_delete=fields.RESTRICT
    )
    student: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="attendances", on_delete=fields.RESTRICT
    )
    status = fields.CharEnumField(AttendanceStatus, max_length=10)
    note = fields.CharField(max_length=300, default="")
    reported_by: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="absences_reported", null=True, on_delete=fields.RESTRICT
    )
    marked_by_id = fields.IntField(null=True)
    marked_at = fields.DatetimeField()

    class Meta:
        table = "attendance"
        unique_together = (("lesson", "student"),)


class Homework(Model):
    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="homework", on_delete=fields.RESTRICT
    )
    lesson: fields.ForeignKeyRelation[Lesson] = fields.ForeignKeyField(
        "models.Lesson", related_name="homework", on_delete=fields.RESTRICT
    )
    group: fields.ForeignKeyRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="homework", on_delete=fields.RESTRICT
    )
    text = fields.TextField()
    due_at = fields.DatetimeField(null=True)
    created_by: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="homework_set", null=True, on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "homework"
        # One homework per lesson: setting it again edits it, also when two taps race.
        unique_together = (("lesson",),)
        # The reminder tick looks for homework that has just come due.
        indexes = (("organisation_id", "due_at"),)


class Submission(Model):
    """A student's answer to homework; handing in again replaces the text and adds files."""

    id = fields.IntField(primary_key=True)
    homework: fields.ForeignKeyRelation[Homework] = fields.ForeignKeyField(
        "models.Homework", related_name="submissions", on_delete=fields.RESTRICT
    )
    student: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="submissions", on_delete=fields.RESTRICT
    )
    text = fields.TextField(default="")
    status = fields.CharEnumField(SubmissionStatus, max_length=10)
    submitted_at = fields.DatetimeField()
    comment = fields.TextField(default="", description="The teacher's review.")
    reviewed_at = fields.DatetimeField(null=True)
    reviewed_by_id = fields.IntField(null=True)
    grade_id = fields.IntField(null=True)

    class Meta:
        table = "submission"
        unique_together = (("homework", "student"),)


class HomeworkFile(Model):
    """A file of a homework (the teacher's) or of a submission (the student's)."""

    id = fields.IntField(primary_key=True)
    homework: fields.ForeignKeyRelation[Homework] = fields.ForeignKeyField(
        "models.Homework", related_name="files", on_delete=fields.RESTRICT
    )
    submission: fields.ForeignKeyNullableRelation[Submission] = fields.ForeignKeyField(
        "models.Submission", related_name="files", null=True, on_delete=fields.RESTRICT
    )
    uploader: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="homework_files", on_delete=fields.RESTRICT
    )
    storage_key = fields.CharField(max_length=100)
    filename = fields.CharField(max_length=200)
    content_type = fields.CharField(max_length=100)
    size = fields.IntField()
    created_at = fields.DatetimeField()

    class Meta:
        table = "homework_file"


class Grade(Model):
    """A mark. ``value`` is what the teacher gave on the organisation's scale ("5", "87",
    "pass", "B"); ``score`` is the same mark as thousandths of the scale's top, which is what
    averages are computed from."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="grades", on_delete=fields.RESTRICT
    )
    group: fields.ForeignKeyRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="grades", on_delete=fields.RESTRICT
    )
    student: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="grades", on_delete=fields.RESTRICT
    )
    lesson: fields.ForeignKeyNullableRelation[Lesson] = fields.ForeignKeyField(
        "models.Lesson", related_name="grades", null=True, on_delete=fields.RESTRICT
    )
    kind = fields.CharEnumField(GradeKind, max_length=10)
    scale = fields.CharEnumField(GradeScale, max_length=10)
    value = fields.CharField(max_length=8)
    score = fields.IntField()
    comment = fields.CharField(max_length=300, default="")
    given_by_id = fields.IntField(null=True)
    given_on = fields.DateField(description="The local day the mark counts for.")
    created_at = fields.DatetimeField()

    class Meta:
        table = "grade"
        indexes = (("group_id", "student_id"),)


class Term(Model):
    """A quarter or term: final grades are computed over its days."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="terms", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=100)
    starts_on = fields.DateField()
    ends_on = fields.DateField()

    class Meta:
        table = "term"
        unique_together = (("organisation", "name"),)


class LessonSettings(Model):
    """An organisation's grading scale and weights, its reminder defaults and whether parents
    are told when a lesson gets a substitute teacher."""

    id = fields.IntField(primary_key=True)
    organisation: fields.OneToOneRelation[Organisation] = fields.OneToOneField(
        "models.Organisation", related_name="lesson_settings", on_delete=fields.CASCADE
    )
    grade_scale = fields.CharEnumField(GradeScale, max_length=10, default=GradeScale.FIVE)
    weight_classwork = fields.IntField(default=1)
    weight_homework = fields.IntField(default=1)
    weight_test = fields.IntField(default=2)
    weight_exam = fields.IntField(default=3)
    reminder_minutes = fields.IntField(default=60)
    digest_hour = fields.IntField(null=True, default=19, description="Local hour; null: off.")
    tell_parents_substitutions = fields.BooleanField(default=True)

    class Meta:
        table = "lesson_settings"


class ReminderPreference(Model):
    """A person's own choices; a null field follows the organisation's setting."""

    id = fields.IntField(primary_key=True)
    person: fields.OneToOneRelation[Person] = fields.OneToOneField(
        "models.Person", related_name="reminder_preference", on_delete=fields.CASCADE
    )
    reminder_minutes = fields.IntField(null=True, description="0: no lesson reminders.")
    digest_hour = fields.IntField(null=True, description="-1: no digest.")
    absence_notices = fields.BooleanField(default=True, description="Parents: absent or late.")

    class Meta:
        table = "reminder_preference"


class PlanItem(Model):
    """One goal of a student's individual learning plan."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="plan_items", on_delete=fields.RESTRICT
    )
    student: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="plan_items", on_delete=fields.RESTRICT
    )
    title = fields.CharField(max_length=200)
    topics = fields.TextField(default="")
    target_on = fields.DateField(null=True)
    progress = fields.IntField(default=0, description="Percent, 0 to 100.")
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "plan_item"
