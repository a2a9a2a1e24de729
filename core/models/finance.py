"""Money: the price list, subscriptions, the ledger, payments and their imports, invoices,
expenses and teacher salaries.

Every amount is an integer count of the currency's smallest unit (tiyn for KZT) with the
currency beside it; never a float. The ledger is append-only: the migration adds triggers
that refuse ``UPDATE`` and ``DELETE`` on ``ledger_entry``, and a mistake is undone by a
reversing entry that points at the entry it cancels.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from core.models.academics import Course, Group
from core.models.lessons import Lesson
from core.models.org import Organisation
from core.models.people import Person


class PlanKind(StrEnum):
    SUBSCRIPTION = "subscription"
    SINGLE = "single"
    TRIAL = "trial"


class Billing(StrEnum):
    """When a subscription turns into charges."""

    ATTENDED = "attended"
    HELD = "held"
    MONTHLY = "monthly"


class DiscountKind(StrEnum):
    PERCENT = "percent"
    AMOUNT = "amount"


class DiscountReason(StrEnum):
    SIBLINGS = "siblings"
    PROMO = "promo"
    STAFF = "staff"
    OTHER = "other"


class SubscriptionStatus(StrEnum):
    ACTIVE = "active"
    FINISHED = "finished"
    CANCELLED = "cancelled"


class EntryKind(StrEnum):
    """What a ledger entry records. Amounts are signed from the student's side: money in
    (payment, discount) is positive, money owed (charge) and money paid back (refund) are
    negative; a correction may be either; a reversal is the exact negative of its entry."""

    PAYMENT = "payment"
    CHARGE = "charge"
    DISCOUNT = "discount"
    REFUND = "refund"
    CORRECTION = "correction"
    REVERSAL = "reversal"


class PaymentMethod(StrEnum):
    CASH = "cash"
    CARD = "card"
    TRANSFER = "transfer"
    KASPI = "kaspi"
    TELEGRAM = "telegram"


class ExpenseCategory(StrEnum):
    SALARIES = "salaries"
    RENT = "rent"
    UTILITIES = "utilities"
    INVENTORY = "inventory"
    OTHER = "other"


class PayrollStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    LOCKED = "locked"


class InvoiceStatus(StrEnum):
    OPEN = "open"
    PAID = "paid"
    CANCELLED = "cancelled"


class StatementRowStatus(StrEnum):
    IMPORTED = "imported"
    UNMATCHED = "unmatched"
    SKIPPED = "skipped"


class FinanceSettings(Model):
    """An organisation's money settings. An organisation without a row uses the model's
    defaults (a branch its nearest ancestor's)."""

    id = fields.IntField(primary_key=True)
    organisation: fields.OneToOneRelation[Organisation] = fields.OneToOneField(
        "models.Organisation", related_name="finance_settings", on_delete=fields.CASCADE
    )
    currency = fields.CharField(max_length=3, default="KZT")
    due_reminder_days = fields.CharField(
        max_length=30, default="3,1", description="Days before a payment is due, comma-separated."
    )
    running_out_lessons = fields.IntField(default=2)
    exam_debt_threshold = fields.BigIntField(
        null=True, description="Minor units; a larger debt blocks exam admission. Null: off."
    )
    how_to_pay = fields.TextField(default="")

    class Meta:
        table = "finance_settings"


class Plan(Model):
    """A line of the price list: a subscription plan (абонемент), a single lesson or a trial."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="plans", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=200)
    kind = fields.CharEnumField(PlanKind, max_length=12, default=PlanKind.SUBSCRIPTION)
    price = fields.BigIntField(description="Minor units.")
    currency = fields.CharField(max_length=3, default="KZT")
    lessons = fields.IntField(description="Lessons included; for monthly billing, per month.")
    validity_days = fields.IntField()
    billing = fields.CharEnumField(Billing, max_length=10, default=Billing.ATTENDED)
    unexcused_percent = fields.IntField(default=100, description="Charged for an absence.")
    excused_percent = fields.IntField(default=0, description="Charged for an excused absence.")
    archived_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "plan"
        unique_together = (("organisation", "name"),)


class PlanScope(Model):
    """A course or a group a plan is sold for; a plan without scopes fits every group."""

    id = fields.IntField(primary_key=True)
    plan: fields.ForeignKeyRelation[Plan] = fields.ForeignKeyField(
        "models.Plan", related_name="scopes", on_delete=fields.CASCADE
    )
    course: fields.ForeignKeyNullableRelation[Course] = fields.ForeignKeyField(
        "models.Course", related_name="plan_scopes", null=True, on_delete=fields.RESTRICT
    )
    group: fields.ForeignKeyNullableRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="plan_scopes", null=True, on_delete=fields.RESTRICT
    )

    class Meta:
        table = "plan_scope"


class Discount(Model):
    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="discounts", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=200)
    kind = fields.CharEnumField(DiscountKind, max_length=10)
    value = fields.BigIntField(description="Percent (1-100) or minor units.")
    reason = fields.CharEnumField(DiscountReason, max_length=10, default=DiscountReason.OTHER)
    archived_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "discount"
        unique_together = (("organisation", "name"),)


class Subscription(Model):
    """A plan sold to a student. Prices and rules are copied from the plan at sale, so a
    later change of the price list never changes what was sold."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="subscriptions", on_delete=fields.RESTRICT
    )
    student: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="subscriptions", on_delete=fields.RESTRICT
    )
    plan: fields.ForeignKeyRelation[Plan] = fields.ForeignKeyField(
        "models.Plan", related_name="subscriptions", on_delete=fields.RESTRICT
    )
    group: fields.ForeignKeyNullableRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="subscriptions", null=True, on_delete=fields.RESTRICT
    )
    discount: fields.ForeignKeyNullableRelation[Discount] = fields.ForeignKeyField(
        "models.Discount", related_name="subscriptions", null=True, on_delete=fields.RESTRICT
    )
    list_price = fields.BigIntField()
    price = fields.BigIntField(description="After the discount; what the lessons split.")
    currency = fields.CharField(max_length=3, default="KZT")
    lessons = fields.IntField()
    billing = fields.CharEnumField(Billing, max_length=10)
    unexcused_percent = fields.IntField()
    excused_percent = fields.IntField()
    starts_on = fields.DateField()
    valid_until = fields.DateField(description="Moves later with freezes and extensions.")
    due_on = fields.DateField(description="When the price should be paid.")
    status = fields.CharEnumField(
        SubscriptionStatus, max_length=10, default=SubscriptionStatus.ACTIVE
    )
    cancelled_at = fields.DatetimeField(null=True)
    cancel_reason = fields.CharField(max_length=300, default="")
    created_at = fields.DatetimeField()
    created_by_id = fields.IntField(null=True)

    class Meta:
        table = "subscription"
        indexes = (("organisation", "student"), ("organisation", "status", "valid_until"))


class SubscriptionFreeze(Model):
    """A pause: lessons on these local dates are not charged and validity grows by its
    length."""

    id = fields.IntField(primary_key=True)
    subscription: fields.ForeignKeyRelation[Subscription] = fields.ForeignKeyField(
        "models.Subscription", related_name="freezes", on_delete=fields.RESTRICT
    )
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    reason = fields.CharField(max_length=300, default="")
    created_at = fields.DatetimeField()
    created_by_id = fields.IntField(null=True)

    class Meta:
        table = "subscription_freeze"


class LedgerEntry(Model):
    """One money movement of a student's account in an organisation; never changed.

    ``charge_key`` makes a charge happen once: a lesson charge's key is
    ``lesson:<lesson>:student:<student>:<n>`` where ``n`` counts the charges of that lesson
    for that student (a reversed charge lets the next one be ``n + 1``); a monthly charge's is
    ``month:<subscription>:<yyyy-mm>``. ``external_id`` does the same for money that comes
    from outside (a bank statement row, a Telegram payment). ``reverses_id`` is a plain
    unique column rather than a foreign key because Tortoise cannot create a table that
    refers to itself."""

    id = fields.BigIntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="ledger_entries", on_delete=fields.RESTRICT
    )
    student: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="ledger_entries", on_delete=fields.RESTRICT
    )
    kind = fields.CharEnumField(EntryKind, max_length=12)
    amount = fields.BigIntField(description="Signed minor units from the student's side.")
    currency = fields.CharField(max_length=3, default="KZT")
    occurred_on = fields.DateField(description="The organisation's local business date.")
    method = fields.CharEnumField(PaymentMethod, max_length=10, null=True)
    receipt_no = fields.CharField(max_length=40, null=True)
    subscription: fields.ForeignKeyNullableRelation[Subscription] = fields.ForeignKeyField(
        "models.Subscription", related_name="entries", null=True, on_delete=fields.RESTRICT
    )
    lesson: fields.ForeignKeyNullableRelation[Lesson] = fields.ForeignKeyField(
        "models.Lesson", related_name="ledger_entries", null=True, on_delete=fields.RESTRICT
    )
    charge_key = fields.CharField(max_length=80, null=True, unique=True)
    external_id = fields.CharField(max_length=120, null=True, unique=True)
    reverses_id = fields.BigIntField(
        null=True, unique=True, description="The entry this one cancels (at most one)."
    )
    reason = fields.CharField(max_length=300, default="")
    created_at = fields.DatetimeField()
    created_by_id = fields.IntField(null=True)

    class Meta:
        table = "ledger_entry"
        # Receipt numbers never repeat within an organisation (NULLs, entries without a
        # receipt, never collide).
        unique_together = (("organisation", "receipt_no"),)
        # Covering indexes for the reports over a centre's whole ledger: balances by
        # student, and money moves by date (income, revenue, the yearly summary).
        indexes = (
            ("organisation", "student", "amount"),
            ("organisation", "occurred_on", "kind", "method", "amount"),
            ("subscription", "kind"),
            ("lesson", "student"),
        )


class StatementImport(Model):
    """One bank statement file imported; the same file (by SHA-256) is refused twice."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="statement_imports", on_delete=fields.RESTRICT
    )
    sha256 = fields.CharField(max_length=64)
    filename = fields.CharField(max_length=200)
    rows = fields.IntField()
    imported = fields.IntField()
    created_at = fields.DatetimeField()
    created_by_id = fields.IntField(null=True)

    class Meta:
        table = "statement_import"
        unique_together = (("organisation", "sha256"),)


class StatementRow(Model):
    """A payment line of a statement. ``txn_id`` (the bank's own number) is unique per
    organisation, so a row in two different files is imported once."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="statement_rows", on_delete=fields.RESTRICT
    )
    statement: fields.ForeignKeyRelation[StatementImport] = fields.ForeignKeyField(
        "models.StatementImport", related_name="lines", on_delete=fields.RESTRICT
    )
    row_no = fields.IntField()
    txn_id = fields.CharField(max_length=80)
    paid_at = fields.DatetimeField()
    amount = fields.BigIntField()
    phone = fields.CharField(max_length=30, default="")
    name = fields.CharField(max_length=200, default="")
    comment = fields.CharField(max_length=300, default="")
    status = fields.CharEnumField(StatementRowStatus, max_length=10)
    student: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="statement_rows", null=True, on_delete=fields.RESTRICT
    )
    entry: fields.ForeignKeyNullableRelation[LedgerEntry] = fields.ForeignKeyField(
        "models.LedgerEntry", related_name="statement_rows", null=True, on_delete=fields.RESTRICT
    )

    class Meta:
        table = "statement_row"
        unique_together = (("organisation", "txn_id"),)


class Invoice(Model):
    """A bill sent to a payer in Telegram; paid through the bot's payment provider."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="invoices", on_delete=fields.RESTRICT
    )
    student: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="invoices", on_delete=fields.RESTRICT
    )
    payer: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="invoices_to_pay", on_delete=fields.RESTRICT
    )
    amount = fields.BigIntField()
    currency = fields.CharField(max_length=3, default="KZT")
    payload = fields.CharField(max_length=64, unique=True)
    status = fields.CharEnumField(InvoiceStatus, max_length=10, default=InvoiceStatus.OPEN)
    entry: fields.ForeignKeyNullableRelation[LedgerEntry] = fields.ForeignKeyField(
        "models.LedgerEntry", related_name="invoices", null=True, on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField()
    paid_at = fields.DatetimeField(null=True)

    class Meta:
        table = "invoice"


class Expense(Model):
    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="expenses", on_delete=fields.RESTRICT
    )
    category = fields.CharEnumField(ExpenseCategory, max_length=10)
    amount = fields.BigIntField()
    currency = fields.CharField(max_length=3, default="KZT")
    spent_on = fields.DateField()
    note = fields.CharField(max_length=300, default="")
    document_key = fields.CharField(max_length=100, null=True, description="Attachment store.")
    document_name = fields.CharField(max_length=200, default="")
    document_type = fields.CharField(max_length=100, default="")
    cancelled_at = fields.DatetimeField(null=True)
    cancel_reason = fields.CharField(max_length=300, default="")
    created_at = fields.DatetimeField()
    created_by_id = fields.IntField(null=True)

    class Meta:
        table = "expense"
        indexes = (("organisation", "spent_on"),)


class SalaryRule(Model):
    """How a teacher is paid from ``valid_from`` on; the parts add up (a mix)."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="salary_rules", on_delete=fields.RESTRICT
    )
    teacher: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="salary_rules", on_delete=fields.RESTRICT
    )
    valid_from = fields.DateField()
    per_lesson = fields.BigIntField(default=0)
    per_student = fields.BigIntField(default=0, description="Per student present or late.")
    per_hour = fields.BigIntField(default=0)
    monthly = fields.BigIntField(default=0)
    revenue_basis_points = fields.IntField(default=0, description="1/100 of a percent.")
    currency = fields.CharField(max_length=3, default="KZT")
    created_at = fields.DatetimeField()

    class Meta:
        table = "salary_rule"
        unique_together = (("organisation", "teacher", "valid_from"),)


class SalaryAdjustment(Model):
    """A bonus (positive) or a deduction (negative) for a teacher's month."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="salary_adjustments", on_delete=fields.RESTRICT
    )
    teacher: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="salary_adjustments", on_delete=fields.RESTRICT
    )
    month = fields.DateField(description="The first day of the month.")
    amount = fields.BigIntField()
    reason = fields.CharField(max_length=300)
    created_at = fields.DatetimeField()
    created_by_id = fields.IntField(null=True)

    class Meta:
        table = "salary_adjustment"


class Payroll(Model):
    """A month's salaries in an organisation: computed (draft), approved, then locked."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="payrolls", on_delete=fields.RESTRICT
    )
    month = fields.DateField(description="The first day of the month.")
    status = fields.CharEnumField(PayrollStatus, max_length=10, default=PayrollStatus.DRAFT)
    currency = fields.CharField(max_length=3, default="KZT")
    computed_at = fields.DatetimeField()
    approved_at = fields.DatetimeField(null=True)
    approved_by_id = fields.IntField(null=True)
    locked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "payroll"
        unique_together = (("organisation", "month"),)


class PayrollLine(Model):
    """One teacher's month: what was counted and what it earns."""

    id = fields.IntField(primary_key=True)
    payroll: fields.ForeignKeyRelation[Payroll] = fields.ForeignKeyField(
        "models.Payroll", related_name="lines", on_delete=fields.CASCADE
    )
    teacher: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="payroll_lines", on_delete=fields.RESTRICT
    )
    lessons = fields.IntField()
    students = fields.IntField(description="Student presences (present or late).")
    minutes = fields.IntField()
    revenue = fields.BigIntField(description="Charges of the teacher's lessons.")
    per_lesson_amount = fields.BigIntField()
    per_student_amount = fields.BigIntField()
    hourly_amount = fields.BigIntField()
    monthly_amount = fields.BigIntField()
    revenue_amount = fields.BigIntField()
    adjustments = fields.BigIntField()
    total = fields.BigIntField()

    class Meta:
        table = "payroll_line"
        unique_together = (("payroll", "teacher"),)
