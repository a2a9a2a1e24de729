"""Student well-being (issue 9): alerts raised when the safety gate hears a child in danger.

An alert records who (the person), where (the organisation), what kinds of concern
(``core.safety.Concern`` values) and when — never the words the child wrote: the people
alerted talk to the child in person, and the message would otherwise sit in a table that
admins read too (see ``core/services/wellbeing.py``).
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from core.models.org import Organisation
from core.models.people import Person


class AlertSource(StrEnum):
    """What raised an alert: a crisis message in the career bot, or a critical answer in a
    psychologist's screening questionnaire (``core/services/screenings.py``)."""

    CAREER_BOT = "career_bot"
    SCREENING = "screening"


class WellbeingAlert(Model):
    """One alert about a person, open until a psychologist or an admin acknowledges it.

    ``open_key`` is ``"<organisation>:<person>"`` while the alert is unacknowledged and NULL
    after (NULLs never collide), so the database keeps one open alert per person and
    organisation: a second hit joins it (``hits``, ``last_hit_at``, more ``concerns``).
    """

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="wellbeing_alerts", on_delete=fields.RESTRICT
    )
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="wellbeing_alerts", on_delete=fields.RESTRICT
    )
    source = fields.CharEnumField(AlertSource, max_length=16, default=AlertSource.CAREER_BOT)
    concerns: list[str] = fields.JSONField(default=list)  # Concern values, in Concern's order
    hits = fields.IntField(default=1)  # messages that hit while the alert was open
    created_at = fields.DatetimeField()
    last_hit_at = fields.DatetimeField()
    open_key = fields.CharField(max_length=40, null=True, unique=True)
    acknowledged_by: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person",
        related_name="acknowledged_wellbeing_alerts",
        on_delete=fields.RESTRICT,
        null=True,
    )
    acknowledged_at = fields.DatetimeField(null=True)
    escalated_at = fields.DatetimeField(null=True)  # when the admins were called in

    class Meta:
        table = "wellbeing_alert"
        indexes = (("organisation_id", "created_at"), ("acknowledged_at", "escalated_at"))
