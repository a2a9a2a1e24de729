"""Exam admission by debt (the cashier's rule of schools and universities): a student whose
debt is larger than the organisation's threshold is not admitted to exams, and sees why.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import N_
from core.services.dues import due_of
from core.services.ledger import finance_settings

BLOCKED_REASON = N_(
    "Not admitted to exams: the debt of {debt} is above the allowed {threshold}. "
    "Pay the debt to be admitted."
)


@dataclass(frozen=True)
class Admission:
    """``threshold`` None: the organisation does not block exams for debts."""

    allowed: bool
    debt: int
    threshold: int | None
    currency: str


async def exam_admission(organisation_id: int, student_id: int) -> Admission:
    """Whether the student may sit exams in the organisation, by its debt threshold.

    A debt equal to the threshold is still allowed; only a larger one blocks.
    """
    settings = await finance_settings(organisation_id)
    due = await due_of(organisation_id, student_id)
    threshold = settings.exam_debt_threshold
    return Admission(
        allowed=threshold is None or due.debt <= threshold,
        debt=due.debt,
        threshold=threshold,
        currency=settings.currency,
    )
