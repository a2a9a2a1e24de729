from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "discount" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "kind" VARCHAR(10) NOT NULL,
    "value" BIGINT NOT NULL,
    "reason" VARCHAR(10) NOT NULL,
    "archived_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_discount_organis_bf4339" UNIQUE ("organisation_id", "name")
);
COMMENT ON COLUMN "discount"."kind" IS 'PERCENT: percent\nAMOUNT: amount';
COMMENT ON COLUMN "discount"."value" IS 'Percent (1-100) or minor units.';
COMMENT ON COLUMN "discount"."reason" IS 'SIBLINGS: siblings\nPROMO: promo\nSTAFF: staff\nOTHER: other';
        CREATE TABLE IF NOT EXISTS "expense" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "category" VARCHAR(10) NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "spent_on" DATE NOT NULL,
    "note" VARCHAR(300) NOT NULL,
    "document_key" VARCHAR(100),
    "document_name" VARCHAR(200) NOT NULL,
    "document_type" VARCHAR(100) NOT NULL,
    "cancelled_at" TIMESTAMPTZ,
    "cancel_reason" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" INT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_expense_organis_78e26e" ON "expense" ("organisation_id", "spent_on");
COMMENT ON COLUMN "expense"."category" IS 'SALARIES: salaries\nRENT: rent\nUTILITIES: utilities\nINVENTORY: inventory\nOTHER: other';
COMMENT ON COLUMN "expense"."document_key" IS 'Attachment store.';
        CREATE TABLE IF NOT EXISTS "finance_settings" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "currency" VARCHAR(3) NOT NULL,
    "due_reminder_days" VARCHAR(30) NOT NULL,
    "running_out_lessons" INT NOT NULL,
    "exam_debt_threshold" BIGINT,
    "how_to_pay" TEXT NOT NULL,
    "organisation_id" INT NOT NULL UNIQUE REFERENCES "organisation" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "finance_settings"."due_reminder_days" IS 'Days before a payment is due, comma-separated.';
COMMENT ON COLUMN "finance_settings"."exam_debt_threshold" IS 'Minor units; a larger debt blocks exam admission. Null: off.';
COMMENT ON TABLE "finance_settings" IS 'An organisation''s money settings. An organisation without a row uses the model''s';
        CREATE TABLE IF NOT EXISTS "payroll" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "month" DATE NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "computed_at" TIMESTAMPTZ NOT NULL,
    "approved_at" TIMESTAMPTZ,
    "approved_by_id" INT,
    "locked_at" TIMESTAMPTZ,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_payroll_organis_426906" UNIQUE ("organisation_id", "month")
);
COMMENT ON COLUMN "payroll"."month" IS 'The first day of the month.';
COMMENT ON COLUMN "payroll"."status" IS 'DRAFT: draft\nAPPROVED: approved\nLOCKED: locked';
COMMENT ON TABLE "payroll" IS 'A month''s salaries in an organisation: computed (draft), approved, then locked.';
        CREATE TABLE IF NOT EXISTS "payroll_line" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "lessons" INT NOT NULL,
    "students" INT NOT NULL,
    "minutes" INT NOT NULL,
    "revenue" BIGINT NOT NULL,
    "per_lesson_amount" BIGINT NOT NULL,
    "per_student_amount" BIGINT NOT NULL,
    "hourly_amount" BIGINT NOT NULL,
    "monthly_amount" BIGINT NOT NULL,
    "revenue_amount" BIGINT NOT NULL,
    "adjustments" BIGINT NOT NULL,
    "total" BIGINT NOT NULL,
    "payroll_id" INT NOT NULL REFERENCES "payroll" ("id") ON DELETE CASCADE,
    "teacher_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_payroll_lin_payroll_638f7e" UNIQUE ("payroll_id", "teacher_id")
);
COMMENT ON COLUMN "payroll_line"."students" IS 'Student presences (present or late).';
COMMENT ON COLUMN "payroll_line"."revenue" IS 'Charges of the teacher''s lessons.';
COMMENT ON TABLE "payroll_line" IS 'One teacher''s month: what was counted and what it earns.';
        CREATE TABLE IF NOT EXISTS "plan" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "kind" VARCHAR(12) NOT NULL,
    "price" BIGINT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "lessons" INT NOT NULL,
    "validity_days" INT NOT NULL,
    "billing" VARCHAR(10) NOT NULL,
    "unexcused_percent" INT NOT NULL,
    "excused_percent" INT NOT NULL,
    "archived_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_plan_organis_b047d3" UNIQUE ("organisation_id", "name")
);
COMMENT ON COLUMN "plan"."kind" IS 'SUBSCRIPTION: subscription\nSINGLE: single\nTRIAL: trial';
COMMENT ON COLUMN "plan"."price" IS 'Minor units.';
COMMENT ON COLUMN "plan"."lessons" IS 'Lessons included; for monthly billing, per month.';
COMMENT ON COLUMN "plan"."billing" IS 'ATTENDED: attended\nHELD: held\nMONTHLY: monthly';
COMMENT ON COLUMN "plan"."unexcused_percent" IS 'Charged for an absence.';
COMMENT ON COLUMN "plan"."excused_percent" IS 'Charged for an excused absence.';
COMMENT ON TABLE "plan" IS 'A line of the price list: a subscription plan (абонемент), a single lesson or a trial.';
        CREATE TABLE IF NOT EXISTS "plan_scope" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "course_id" INT REFERENCES "course" ("id") ON DELETE RESTRICT,
    "group_id" INT REFERENCES "study_group" ("id") ON DELETE RESTRICT,
    "plan_id" INT NOT NULL REFERENCES "plan" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "plan_scope" IS 'A course or a group a plan is sold for; a plan without scopes fits every group.';
        CREATE TABLE IF NOT EXISTS "salary_adjustment" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "month" DATE NOT NULL,
    "amount" BIGINT NOT NULL,
    "reason" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" INT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "teacher_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
);
COMMENT ON COLUMN "salary_adjustment"."month" IS 'The first day of the month.';
COMMENT ON TABLE "salary_adjustment" IS 'A bonus (positive) or a deduction (negative) for a teacher''s month.';
        CREATE TABLE IF NOT EXISTS "salary_rule" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "valid_from" DATE NOT NULL,
    "per_lesson" BIGINT NOT NULL,
    "per_student" BIGINT NOT NULL,
    "per_hour" BIGINT NOT NULL,
    "monthly" BIGINT NOT NULL,
    "revenue_basis_points" INT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "teacher_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_salary_rule_organis_312159" UNIQUE ("organisation_id", "teacher_id", "valid_from")
);
COMMENT ON COLUMN "salary_rule"."per_student" IS 'Per student present or late.';
COMMENT ON COLUMN "salary_rule"."revenue_basis_points" IS '1/100 of a percent.';
COMMENT ON TABLE "salary_rule" IS 'How a teacher is paid from ``valid_from`` on; the parts add up (a mix).';
        CREATE TABLE IF NOT EXISTS "statement_import" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "sha256" VARCHAR(64) NOT NULL,
    "filename" VARCHAR(200) NOT NULL,
    "rows" INT NOT NULL,
    "imported" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" INT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_statement_i_organis_2cb6e2" UNIQUE ("organisation_id", "sha256")
);
COMMENT ON TABLE "statement_import" IS 'One bank statement file imported; the same file (by SHA-256) is refused twice.';
        CREATE TABLE IF NOT EXISTS "subscription" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "list_price" BIGINT NOT NULL,
    "price" BIGINT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "lessons" INT NOT NULL,
    "billing" VARCHAR(10) NOT NULL,
    "unexcused_percent" INT NOT NULL,
    "excused_percent" INT NOT NULL,
    "starts_on" DATE NOT NULL,
    "valid_until" DATE NOT NULL,
    "due_on" DATE NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "cancelled_at" TIMESTAMPTZ,
    "cancel_reason" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" INT,
    "discount_id" INT REFERENCES "discount" ("id") ON DELETE RESTRICT,
    "group_id" INT REFERENCES "study_group" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "plan_id" INT NOT NULL REFERENCES "plan" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_subscriptio_organis_8f37a9" ON "subscription" ("organisation_id", "student_id");
CREATE INDEX IF NOT EXISTS "idx_subscriptio_organis_0713df" ON "subscription" ("organisation_id", "status", "valid_until");
COMMENT ON COLUMN "subscription"."price" IS 'After the discount; what the lessons split.';
COMMENT ON COLUMN "subscription"."billing" IS 'ATTENDED: attended\nHELD: held\nMONTHLY: monthly';
COMMENT ON COLUMN "subscription"."valid_until" IS 'Moves later with freezes and extensions.';
COMMENT ON COLUMN "subscription"."due_on" IS 'When the price should be paid.';
COMMENT ON COLUMN "subscription"."status" IS 'ACTIVE: active\nFINISHED: finished\nCANCELLED: cancelled';
COMMENT ON TABLE "subscription" IS 'A plan sold to a student. Prices and rules are copied from the plan at sale, so a';
        CREATE TABLE IF NOT EXISTS "ledger_entry" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(12) NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "occurred_on" DATE NOT NULL,
    "method" VARCHAR(10),
    "receipt_no" VARCHAR(40),
    "charge_key" VARCHAR(80) UNIQUE,
    "external_id" VARCHAR(120) UNIQUE,
    "reverses_id" BIGINT UNIQUE,
    "reason" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" INT,
    "lesson_id" INT REFERENCES "lesson" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "subscription_id" INT REFERENCES "subscription" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_ledger_entr_organis_6e25ea" UNIQUE ("organisation_id", "receipt_no")
);
CREATE INDEX IF NOT EXISTS "idx_ledger_entr_organis_7e00c3" ON "ledger_entry" ("organisation_id", "student_id", "amount");
CREATE INDEX IF NOT EXISTS "idx_ledger_entr_organis_871c9a" ON "ledger_entry" ("organisation_id", "occurred_on", "kind", "method", "amount");
CREATE INDEX IF NOT EXISTS "idx_ledger_entr_subscri_9e3cad" ON "ledger_entry" ("subscription_id", "kind");
CREATE INDEX IF NOT EXISTS "idx_ledger_entr_lesson__20fa50" ON "ledger_entry" ("lesson_id", "student_id");
COMMENT ON COLUMN "ledger_entry"."kind" IS 'PAYMENT: payment\nCHARGE: charge\nDISCOUNT: discount\nREFUND: refund\nCORRECTION: correction\nREVERSAL: reversal';
COMMENT ON COLUMN "ledger_entry"."amount" IS 'Signed minor units from the student''s side.';
COMMENT ON COLUMN "ledger_entry"."occurred_on" IS 'The organisation''s local business date.';
COMMENT ON COLUMN "ledger_entry"."method" IS 'CASH: cash\nCARD: card\nTRANSFER: transfer\nKASPI: kaspi\nTELEGRAM: telegram';
COMMENT ON COLUMN "ledger_entry"."reverses_id" IS 'The entry this one cancels (at most one).';
COMMENT ON TABLE "ledger_entry" IS 'One money movement of a student''s account in an organisation; never changed.';
        CREATE TABLE IF NOT EXISTS "invoice" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "amount" BIGINT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "payload" VARCHAR(64) NOT NULL UNIQUE,
    "status" VARCHAR(10) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "paid_at" TIMESTAMPTZ,
    "entry_id" BIGINT REFERENCES "ledger_entry" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "payer_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
);
COMMENT ON COLUMN "invoice"."status" IS 'OPEN: open\nPAID: paid\nCANCELLED: cancelled';
COMMENT ON TABLE "invoice" IS 'A bill sent to a payer in Telegram; paid through the bot''s payment provider.';
        CREATE TABLE IF NOT EXISTS "statement_row" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "row_no" INT NOT NULL,
    "txn_id" VARCHAR(80) NOT NULL,
    "paid_at" TIMESTAMPTZ NOT NULL,
    "amount" BIGINT NOT NULL,
    "phone" VARCHAR(30) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "comment" VARCHAR(300) NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "entry_id" BIGINT REFERENCES "ledger_entry" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "statement_id" INT NOT NULL REFERENCES "statement_import" ("id") ON DELETE RESTRICT,
    "student_id" INT REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_statement_r_organis_8a5611" UNIQUE ("organisation_id", "txn_id")
);
COMMENT ON COLUMN "statement_row"."status" IS 'IMPORTED: imported\nUNMATCHED: unmatched\nSKIPPED: skipped';
COMMENT ON TABLE "statement_row" IS 'A payment line of a statement. ``txn_id`` (the bank''s own number) is unique per';
        CREATE TABLE IF NOT EXISTS "subscription_freeze" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "reason" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" INT,
    "subscription_id" INT NOT NULL REFERENCES "subscription" ("id") ON DELETE RESTRICT
);
COMMENT ON TABLE "subscription_freeze" IS 'A pause: lessons on these local dates are not charged and validity grows by its';
CREATE FUNCTION "sabaq_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '% rows are never changed; reverse them instead', TG_TABLE_NAME; END $$;
CREATE TRIGGER "ledger_entry_append_only" BEFORE UPDATE OR DELETE ON "ledger_entry"
    FOR EACH ROW EXECUTE FUNCTION "sabaq_refuse_change"();
CREATE TRIGGER "ledger_entry_no_truncate" BEFORE TRUNCATE ON "ledger_entry"
    FOR EACH STATEMENT EXECUTE FUNCTION "sabaq_refuse_change"();"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "invoice";
        DROP TABLE IF EXISTS "discount";
        DROP TABLE IF EXISTS "statement_import";
        DROP TABLE IF EXISTS "ledger_entry";
        DROP TABLE IF EXISTS "salary_adjustment";
        DROP TABLE IF EXISTS "plan_scope";
        DROP TABLE IF EXISTS "payroll_line";
        DROP TABLE IF EXISTS "statement_row";
        DROP TABLE IF EXISTS "subscription";
        DROP TABLE IF EXISTS "subscription_freeze";
        DROP TABLE IF EXISTS "salary_rule";
        DROP TABLE IF EXISTS "payroll";
        DROP TABLE IF EXISTS "expense";
        DROP TABLE IF EXISTS "plan";
        DROP TABLE IF EXISTS "finance_settings";
        DROP FUNCTION IF EXISTS "sabaq_refuse_change";"""


MODELS_STATE = (
    "eJztfXtT20jW91fp8j9J6iHZAEkmS+adKkOcxDsGU+DM7D7jKSOktq1F7vaqJQj77H73t0"
    "/rYl1aQrJkWxY9VUNA6tOSfn079/N/nQU1sMXeDO2ZRkymOSYlnRP0fx2iLTD/RXr/AHW0"
    "5XJ1Fy442q0lCGiy5S1zbE13+L2pZjHMLxmY6ba59J/V6SLCu0F0ipw5Ro6N8QnSXGdObd"
    "N5RGP36PCvR4jpc0ot9BdkYc0mJpkhHRPell9xiXmPbRZpfGtrRJ+/gccbVOfP5+03/iR+"
    "818unjh0hnnvNn/eH3/yyyYx8A/Mgj+Xd5OpiS0jBrJpQAfi+sR5XIprfeJ8EQ3hI24nOr"
    "XcBVk1Xj7y1yZha5M4cHWGCbY1B0P3ju0C2MS1LH9sAvy9N1018V4xQmPgqeZaMGRA7b3A"
    "6lpnMrkYjibXvdFk0kkNZ0ARwd2/pFMCU4G/KhNfP4NXeH10+O6ndx+PP7z7yJuI1wyv/P"
    "Rf79ErYDxCAc/FqPNfcV9zNK+FwHgF6h3/rDSsZ3PN7hF3IbDt8xfi44dTGAe0CZT56ydR"
    "DjDNgzm4sMJ5tRLWB7rT/T76Nrzqj/4RmcRjcn32bTgcnPjTeEwGve7VRf/i6+SsdzG66p"
    "2E03riTesx+X7R/613dS06Ws3wMTm96l6cfTvx53hyMWUM6kL7MbEwmTlzGMm3OSP4W/fq"
    "7Fv36uXR21fQN+WbhLeDXPh3jsQtGOTVoMK/k7s7+bjK10uEZHvD2elsatUkAC6GcB7Eco"
    "xttzTGHonCuDDGmJTG2CNRGBfB2DEX+N+U4DIgR2m2iHKXmdpfutZCcx63A/iHdwXw/vAu"
    "E264FUfbf+GJpZGZq81KoS6j3SL63sa1hVleZI5nz/Ak4st5yckdErRw/6ib0cALzbTKgB"
    "sStA/c90U2C94qG973qe1CMwwbM1YG4QhJ6zB+X+gAfJ9zAL5PH4AP+JZz8qW2iAhJ6zDe"
    "CJNh0RktA3DQvrnodi41Z84FQQPbyF1aVDNYSpOyM7inWHNcvgukIf/b9fBCDnmUJgG7Ye"
    "oO+g+yTJZSn9QG/89Tl+iALbp1TcsxCXsDj/1lU5M+B3TACHpeMPYvK4r1y/Pu35PDcDYY"
    "ngrIKHNmtuhFdHCaGBLdxgDZRHPSg/KZ3wGWWj4wccrk0Pikb4JfmqN5qWMoRv3z3vWoe3"
    "4ZG4/P3VEP7hyJq4+Jqy8/JMYo7AT93h99Q/An+t/hRS85bGG70f924J0016ETQh8m/EiN"
    "YBJcDi7FuU3NxsSZlFJVxmie1lhKRtRXSDZlQOvQWYIWeHonVVl6eKUB/kJtbM7Ir/gxpb"
    "ZMoJqhrt8vlP8bzKPg6uoVbe0h1J/HpxcHgX86dgQMV3y6X/XPONyA9q2m3z1otjHJgF2f"
    "mxZnLSXamFOf8suvV9gK0XxOmMf3AGwvTMZ41xN6j23bNGQncRnQLsMeh36H+7vN52Nnkn"
    "vTEWhUhKwfdtRWqBZ4cYttNjeXFaE6DztqK1R8RbLKM+pSdNJWiHTq2qzqPnUmOmkrRDOb"
    "ulXX2lfoo60A8btgFq1j+z6LdNVWuEDQNXgvFaE69btpK0wzW6vMQH2FPtoK0JxapqE9Vo"
    "Tom9dLe0Fa4AdqS3wiyoG06qWNKFmYVWeUBqKTtkK0tDQyMR28qMpO8n76vJu24mRTWhWi"
    "K95FW+Fh+hwbrgX+QFbV0+3a7+uK/99WvBxsV51OI95FW+ExTMYlOKCoBNFnv5u2woR/LD"
    "GpLOb2vF7aCpJJ7qmpVwWp7/XSVpAsbMywPQHnYLMqVAPRV4931Vr2e6k92tSyqvJMXi+t"
    "BYmzhDVwlW2Fh2mWZj9ONOOfLnMWuPJhdy3664bdtRy3OhhN0VOb2Uzm8A9aCHvpYkntyl"
    "Ms6K4vems/ajZ9qAuyK/rQWrzc27DzqnBFumoTXOCRQI9oxBMh5qMQv5VUYE0Ydpx8zfqQ"
    "4BHlP4qqs64jPbbQZ2FqEvCVqRW4L16fLUQOpuLiaJGYnAuNaDPxltAdEGe7b0iCh+VOHt"
    "khxBI3E0HwdCQxQZqxMMkLhvS5RmYYORRpiHPWmF/yUUSr7hkyCaIEo2jQsiRsuLZuJTHC"
    "f6QipqFfMffCDjt/qkjiHUYSBwNS1Mc7HMAGRw8XBzfm1H1cJIbpODuI6TgdxbSa5SUgjl"
    "O1EOj6A/RmtkYAjPT5R/l81Ygc6AhVAuVbTraHMOfAejocDqDn0B37tD9K4Pv9/LR39fJQ"
    "wM4bmZ67abCFrMCO7unlfKYllGt5TjcN9w27TicP0e06UDcN7KIe1JLJFvOjPuten3U/9/"
    "LcqEuJMyXZy67u2WwkPGVwK5eR1CKNnmQev9EHztR5DpWI8dkCbNwJXNIYe6C2gabUFolj"
    "HvDtAb9umeQOG2jE0eK75AK5DNsHnOdDt9SRJJ/ZQP8q5UyzGEWLzsxSbExIsBYHkxQqd4"
    "ttjH05LBT8d5gT/HeYDv4LFspkrrF5KW4xSVgL3Ls+ULeQQcPfeiaw9UjZmFNzlrlryKhr"
    "CQJrwh7y16Oj4+Ofjt4ef/j4/t1PP73/+DbcTNK38naV0/5X2Fhig5LmJ0Msby2q360VbZ"
    "nRRQ1hl9tZGJ3f55isTkOmmYY4Lf0T1f8qcYkfkAVDltsUoblO5pXKGVeavSnWm3BFRTo/"
    "k3XEnIngzNYY6RTx3uyvz3KsvcOjZFR7lKYe3UwTOJp6NTNF4q61pcll1ztc1VLcXZoj6G"
    "Z/980iVuLkpE1jFhgwC+q41g/73Ol0LZwdILpMi2QHqKSqikRlS7RV8ZjtbIWVGW9XIHUy"
    "Jfg1HCNIh8zGzlxzhN6IrVRNwlZJ8APytWHo5QO+FQqo1+4S1EkhS/0XPmNs55Usb/KmHq"
    "M0WM3SYMHwlpEfgvb1WOAapMCq39CppIdnwVHiH0uTd7fGMMcp1TA3ephdttZSjpApwbDJ"
    "42vje7qenjVOqUa5yaOs3DQ2w2A2TsHSAlSV88uWnV9WaoL0hK4B5dZl3UriW1oBszW/ok"
    "heOImyJp41LltZs4i3K6Cs8RB5wYTrODiJayTuI466tj4377FxgAi+xzbyMDNkKplqnUk9"
    "0VdzW+qTrrzQm+mF/nQ9q33wSO90P5/3L068UIsxOe9edL/2rk6Qt4rtMRn1umff4IqDNX"
    "0OV65H3z/3LkYniDmugYkzJpfdK3HBSw07Jt2zs+H3i1EXrvmKSU20u/7H2bfhYPi1fw2t"
    "2aM+p2C1Y/zeGe+jdzUBwuveYDDkT9R5d9ieAD3DlkX5s8++X3VH4p7LsYMr33rdz5Phl8"
    "nnHn+L0bl4jznW+F415SDwNxKxuPydgrpdvPGX/hl8UVi/i7edmjq2k+t9Nyoroajloozs"
    "vAMhSL6g41R5AlBzJl8d0g9INMkqF/4OvIYYmSBVcqSSI/dpnSg5sqmo5siRSrapU7bJ2i"
    "CUhF6/hL4bOfJScJkDk9x1ZGHPq7sHueHOXhkDK2j4lCCZDbNcqAuLSog6B0qK262BHcag"
    "3DEWJVGnmIw32Elpmjaimscb1FWbpv28QYGyNDHHELEtK2CfBDa6ETaLD/CQl6c+YU85/a"
    "247iI65Lm7AEUvQTbWqW28QafYomTGwAEPYl+iPJPnqOc19EJjFjJNch1dFspsYpoqlcmO"
    "I1QhPEH8kcI2L0goQtRkFfKavn4bCVadmvYaUMepFNbFsF6YhmHh0mAnyJpbkrVJWN+atj"
    "OfBNr7ojaBOFVFm8D+KLIlJgH+bYZn31nHkLeibnC0ZudL77w76PHOwIwHvyzWsWcdFpm8"
    "2VM3OXHNcqkZzBoTMzRrBy5iJjzMNhMeplN4cYRKbbwhQXO33E7vzeGHd+tM26NiiRhy8j"
    "Ak8cULzbTK4BsSNBffNSfv0fsiedF4q2x436cyo/Hp6JQq4h4StA/fTaQRIdSR5ece4R8Z"
    "0lxI0AJ888zcvb+LxB/Z5dhDK/dgePE1aJ6s0Z7w2cDgOTBxOLhlIE+QNRf4zpnG8OsptU"
    "D9AB/NDlC/f3GAxKFSQ9qPTQyKiv1aayiUG4gySijH90aa1VVhc1XYfLNllUKniMqllaJu"
    "GG3EStjF+EcqtIqghYlNrRqKLPWCftoKlHCz573UMa1EdfiR57ffVrw0x+HfV8PM6oYdtR"
    "Uqfveen18eB1LbqXgW6dU7IduKH5d6mTarWvTs3OulrSBptwxzdp9NbAwlyrAsfW25VYmJ"
    "EQgQ+2UBKLp/+R9Yff8qjtReTq2ZrRlVUfoKfbQVoDld4Adq30HZrWowffN7aumiC4Gamp"
    "WLWAZQfTGt1k4srwwem0ChQcd03MrbulcEr6WzK0DL0dzZvOJCLAzUXs4rqFA8MR28qKFM"
    "cZ9301acGJfgDNfCtRTd9ftqddld9zaoClgRrLCjtkJlkntqAr/u0MlSe6ysTIbO2o6VAi"
    "n39DNm2J5gwvuqCtVA9NXjXT22FS6+5mxqWaDuq4rWpdfVwCStnVx+7XnN+KfLnBqUfl4F"
    "+m7YXctxq4N9ED21mnnYXfX5fZR2VPH5NcoK5ETBRVSDq0KKckyL106PFG5s4RTU55ozWd"
    "p4im3s6z+rAnbGu7yM9dhC3Gy8gNeza8buyu+2lfiVDFI9o67N4HtSQar+nYO8IFV91abW"
    "/BQqGnSH0aDw7+TuLo1stut7hKS5PsLFAd6C8zsAZrulMfZIFMaFMcalwrsiJArjIhhz5v"
    "qfWJewgNkYR0hah/FGYmstfI9LBXqFBK3D930ReN9no/s+Ba5N6WJyxz+tDMAxouaC3BnN"
    "Mbri7/or7xWZDkO+5Q8RjI1PCC+WzuMJ0shjwQCZTYeMqoCYTOhVQEwGpQqIUQEx+xAQMw"
    "Nf5zr8pVuEeNrXgul0WdnMxDu6hn5aptXZVJ6yVciCRAsUi2fIVgThWLMCCcv83PyiQgUS"
    "a+MNGmDtnqODGOasys0NJgabUHJz80nkG7PpA6fSHhnSGJqbzKF2mm+pr+cxGfMG/CvMez"
    "y5w483N8gE2nHnZ9HpLyc/+0/6ZdzhNx/mpoVFdyEWQOB1wHksA118HwyQNnWwzXmxMYGX"
    "OEDMS6YGyphbjWHg0rA1RTaeugxDIVWG+Wwwgn5Wfb+E7phfw4OfkJZpYFU9tYn6NFH5gK"
    "1TLoGpagmwtRhlwYuQPOekUqvNq4xwG6eqJdNRgyr4viuiQXiXrUF4l9IgKKF1nem6d0Kr"
    "OPTLSatREiWmSlJ0+wxUOVTjRArXp8X/WSA2VpT72yZ+HiQE/uh6LZCh25+INQDb+hzd8T"
    "XbqCzd3qSWSL7hbM+WeuGzHifh8ioi9+p0Tm3Hy5cN5CYX8ijByPOkQIHQJhNsy5AWSrwt"
    "Plhl3t61r0VZA/V2jU5b48w3YjvVtaWmm45EAMqculESxV1IubYd6zP2WihX6ox1kQO/d1"
    "diGyiWI3tFvUWDvadLKWu2756N+r/1Tnyd75h86V/0r7/1PvNHmPz8nmNjTGDP4434taAk"
    "6Fom/GJbbs6Om0oE75qWAS9Q4lCL0jTXm6JJxxo4oJRBOGjfOnTrdwhS6rx1tuu9U+d5Ql"
    "PJkntRGsUaSlhD5dmjPHt2v0HV6NmT3jJqQHkVWdNSfGMbZQWfKZWUs0xSTmyrnJzlE03W"
    "mF1ybwVwldauEkDzSDK69SEqkdJuL1HyYw+qgdTudGMqjZZyGW5ZDox9QWvjJuaApcqyNE"
    "dYrmyDs+eh4ESa1hp2/8fKVSR4hjIP79I8rJzO6tdRBbJSKVTjRApX5XS2caezs+71Wfdz"
    "ryObvDXg2nqfs/iSbZTPWdc1TOcb1uInaOpmLiugQbPJPGj3pOsZxIIzjqvlxTt5XmTYNj"
    "XLFIFGyyW4GYhAJRv7xTdEaJI+5yC/4L+by7RXWm29qqClZnEelsb47NLYvIyZOUbUQhe1"
    "D0XKDH/IrjL8IVVkOCuBnjnLs0ISmYV5g1zI281O4r8eHR0f/3T09vjDx/fvfvrp/ce34W"
    "xO38qb1qf9rzCzY+hnMCo73PivsE7t7K3fv11g87dXLZ/2PCb+ZvyaEusReaSITpEGWzGZ"
    "4U/o5gaW7s2NtzczZDrI8aJT/da3eMq5DH5d4p1ce/c1Hwh5K6plZ8IWllPeyVHecUY5zO"
    "yBw8zuXTsapkqsWy/Bt29qT5ZCLCsHsIRSAZwFMP/YctnUEmTKhTLB1KZdKMFvWeaOlB9z"
    "LjU6KKlBJjVQkUHRA6kEygmyFkJ9XCQl3XF2SrrjVEo6HzPZfvwk0NKtuA0w1z+jPd4/jf"
    "HfrocXGUEDIUWScTR1B/0HWSbbwzMvB1eAIsYsBni+PO/+PQn12WB4muQCoYPT5FYN6YjK"
    "wB4SKNTXR31p4/vSyrUYkdpUCmwqZRGuF9wGJb2pB9qG6NCGrnNLfwRVqiVatHiDgzw9Gh"
    "VNJ4tI2yc1add0gZ05ZJPTQV21cJmDHGxZSEOeCPYJ8eeY99h+RODPBxYPhkUCXt8OIrRd"
    "nuKL8VFPa9Pqf4SXzc7/Ti+VnUbQzc3FhP/BSR2ogsFnqEaYBXMc8YkUKufMpclbvGDI0s"
    "jM5R0gzQlfYExe3tyEhDc3rw4Qtfnb/hDqPfFWmlD28Ue+FNpAB/nv8eoNfwMDG+4yyLC3"
    "0O7AakQgOx5fRS5GpoEXS8pfzzkRr8P4WKOgLgj06SXAE435Fz+YOi6oPvwjEhKq3WumWM"
    "gQvPWnUiw2UrGoNFAbVpCso3uqrnUqwJXsn2E1VvuJkHIapwjJFrVN/IDBM1tbbEfrdPih"
    "SFR0UuEdCYr+kBIhaakyFH7zLQK84FDsK7gRDikO8Igf9HKAIyStkFbyjDm9v4/yhcTQlj"
    "MYXnwNmiclx8RurPHFKHHWzpbNVxSVhPP1ZvfPU5cILS6CdA6OSdgbeOwvm5rx25bZQxZX"
    "wgJSamGNZHiORukS43LLCTc1IMGZuV3oT4fDQQz6035yqn8/P+3x3UeMA29kOjH2bwX4Sj"
    "Aos63HqdqWvfbw6GORnf3oY07RlY+pGk77l1cHPE38hDFlEutc9i4+9y++niCffkyugyss"
    "cmUk/nTG5Eu3PxBpd7h0CEl3vl9c9bocx9NB7wS5xAYPU/Edaw1loZEsUT1Hcxyo6CMZyW"
    "zLcYSkNe5k9RmMo1qBFKhP+LQkaLfj3bLNnalNzi26pfExMCYucUyJqPZE3p8kcQ1j3TBN"
    "Q5vGWjgpY9umErvXE67NIVXrnECOC2UpO87JUnaczlLGRUNsE80qaT1PkDUXay78eiqTQK"
    "GNzLWy8G3ArVwlMXsOWxlwqWuMcYRMHVVNG9+GWFm7S3NE7zDpyMIUgnsHuTEKS3PihM0K"
    "pEa/xZqNbSRo0JTaqHvZR7oFtkf2Bg0hrgBqmF5/674+ev8BbH9QqQsbslzplfpSsWjNik"
    "VrfpL0fc4lK9ZIaW+kOJXymFEs2fM9slPSpcvWGugkrWLOmjzSNr7ne+A64xynVKPc5FHW"
    "dBFvXTYgK0qkssU8nS3GRyyNcem8Jt1VT3sGcdHEJvHZ1azEJo6j6fOsWtKRuwd5kiP4iP"
    "LNMda4gPw4hQLM7tKimhE4sGoomur1E7rlwBlI3AhUdg9zLiGCZ2mowxO+tLIY9008QYW5"
    "76k3KugL+GCW9U9IkLXCM2oLQiqsvLJqgChNC3E+KoTzUQ7OR5J6aRRCAcqHlibpWoj3Ru"
    "Y1M/8twTlzCw+aK5ZS5mmtNCzPQSKL8ltl6/ekKNVCkiwkn0+VgpvHYMbpWhRhsxVWc4W/"
    "L2GUTFGboFIz+2mtg54o3lFR9VCyFkjTwC6qf5BsowWqJwXTswacW5+6NrGUC6CbGZ9TGt"
    "xI3PR+7dVFwY2fUo1Sn3H5yrm08RTbEI7dkajQEi0OnlSjLeONC6jRvIjOF8wL1WbYcTjq"
    "DPI3BhGCk1vbNCCM/ASJ7NWBYosh4REPuq4FMgkK3ONkqrQNPUW5bjTLdSMxmBJ+Mjd2Kk"
    "29xQiq8MrehlA1JKB772d4JZ+85HCkx2JI8IjyHxtnf3Y6EEXP59gELHI8Vztyozy77MBN"
    "8PQ5x22yZYGzFg4/SIIiPD8Y/peXmUXkOcF8yCAnC3EhaT6kUgaHRYIfMAsTqMgO1qpdQq"
    "aYbmiqckRCllVv6H/QIe/xYQ6WMJHHP/LVogQAf5hF9TtsHCBGw2eOifdQhjQbIwMThkWm"
    "mim1LE6k08XCdBC1IanLgwm5bxAl8d7V+d7A8/2Of5bcTvB05GhA22RbQefr1fD7pc+Bjs"
    "nn/lXvbHSCDNPGujMmZ9+6Fxe9wQnyU3aMyfX3y8vhFUSQussltZ3kCi1maShkaMixM6R8"
    "PE3HKmXPCQla50O7EbOZNx9Kx6rHqBobq9558bN3Jv9yEvzy4oBv8g+QgItv4abN0t4SRY"
    "biXZGReJc9EO9S4wC2BmxPbCotn5mTOSNB14z8GfC8svkzYLrBTsS8dGnii7yyPAvtEcF3"
    "FhyqbefXgJIWwCmUH7w0ZRuHz8aaISu90YzRC/jDcgajKFVr0g9s2VgU2K5vH0saQ5N0Lb"
    "LXKZcC5VJQxqVgF2VWW75ydp+ss2kLZsO27ChsNZgBh4nu9gzsospGyWQrYG3ddm3bRmUk"
    "KwptZmHbIlbWWFYrPw6gYuH6ePRBS+ZzwglAqFirwRRVeJ+LDtsLl2dProZXcX+JvQFpoy"
    "4O6en1hNVlNQmL2V4mixVBYXcHcCTQ0uYGqdOCpC0YTQZYu4eU/XcYL5kvvT+cgO0ETxOW"
    "GJB7VyYWfmFK7QW2kffmQlPDHNOyhNB/MCZgKeHNHpGuEUQosiiZ8XahNkdiFfkjZY/yrY"
    "9/Juwlf0TMkuJNS2fAV0aUikYUPqoTGEvJRpTnHRElU4lli3tFwKIqr6uKUild1Xq6qn9S"
    "k6ylTYkRKmVKo5UpwSFScogjZCojQuPHt7yqP0LVIn3ZtpX9KvbpudbA2TtUVdxNI+Jusp"
    "xOVdRNEt/SjqdbiwvJKXZYqMyhiAQpVeRwSLCnXkA3N6HqQniLer6jJkl5fx5E3DpNAvZP"
    "xkclrUapr2uvqKGX1ZMPW9TTFaoDvmCr6oH6I7rDjydIg4KIoiYh1LHlfxo2XS6xAY8j2H"
    "PgmPJ5ysZEdCSSgq4St/AZBG4YdCq+ALQ9ppNfdDCthwEmiI92+gbnuuZeevHwk1LaGpUM"
    "ppnJYMqyw1tXJLRkCKKRRT8kMmZ2ObKgfZO9jWuRJzdRi8zGS+uR72ulUwIkCJXkt+50B7"
    "slf9FSjpFRmv11iaxjUWzE53GusQnkmCqpto+SqWjGEnr7FVeUAjwnMVWUqBYX+11vPxvO"
    "U82oa+ulYkVWFFsMFnnAt5vaRzZdS1U5la7F1+ybnhwb5nqjHCNUtpAmj/HcNAxM1hjjGK"
    "Ea4z0Y47LxFUmyFok+tRlbfIxAnydTUWezHCnC1oWpbqQgn6dhLJnLPkrTJn1VfUFCyiir"
    "zIc7P2s3ZD5cGSWU+TAf39hGuXcBDw3jNAo58Nv43mRypegaHvxXfm8tmqIb9eRPwpZtnI"
    "4iW8xIPbGjJAW8+MG6E6uxMdcMdIunfJdCGkEgUh+IxELoYU4RWCU0HUp4OMKmDBU6ZP7+"
    "NfWqanw02siSl71Q2Ri3ZmN8sE3HWUuZEqfcH7Vo53evMhB4rcBO86Ax4VfCtxBqe0FCni"
    "6wetKPvdO6BJvpWuX1YqT7Mx+epXoNZnhZnUSMRknMzSrh0FBot8BK5KgsdpGfvWkDUVSQ"
    "bnCC9i7wGYaWkZw9cjdX0tHi7QqIN8xxDS7Hv+D8gfBf1bn8wYUMZHGoKAFPWn7oUdvL57"
    "Tyg11qNqcSwgnTTMPzq52b/rqPyzp1P2JMHqhrgbiE+BdCm5cgMv3QocCxd4k/wsY6JH0N"
    "pSoRHS2e+Crbo9ZrALf9l67mJvtchKmNxS/zLctxJUqYYmlgV9RNFps6l3zv6V2MTvzl4Y"
    "xJ99S74E3vMRlwduqEs+0OHpPe38++X/c+nwQTvhgDv+k0sIQ6pTx7gvbKulbEurbQ7Ls1"
    "EvElyZShWMLOehiVlwVjhEoSbLQk6B3r5RZPjKZN4kptSyfCtZWDNk2odqY0vD4HWg7aOJ"
    "Gatk/LzyuWv6L4PAg72jOAi0rPsR2xgIE/EKGqQ9t6C3982RbANrKFbhPfhm25ReFNHziN"
    "0v2cuqZleN+Z0vyE9w7y9D630VZPaX2y4ZXqRJLpX8ULKrXILtUi4t8UrDnStt++yWqQdY"
    "NoCsnbhzny9qHEm9UwuPSRoXfKcGZdkSidRhGdhopVeupYa4XorbK1q2ztu19KNWZrL+Jo"
    "a1O6qOg6esW7aA9DvlF30a+2Zkitpt6NXMZ5FjYpYCsFlS+YK+81y8WeofIBCiiBadGByt"
    "HYRjPtHiPqJRqKTqoXDDFdszB6Oe68H/Mnjjsff+L/Suylm3jMmIw7S40x79LpuPMKCmIz"
    "nW8HkeRGHD7xdKTBBeoyjRjOnEFWInEfeuZPcOjyAAp16vPg3caEv48tSmhDFU6dLpYuOJ"
    "tNbVq0evYfsbT+EYFYpYxWdTfrNLeeDbrX178Pr349QbrFl8QDte/G5NvwvOddnNMF9q6N"
    "+KbPBxczB8yu3XOwuWqLZhhcxVpc2zAeEDd6oL70f+vxrsx7zIfn+8XnK7B6z13CBS1jTC"
    "75KE6+dPuDEwQb22SqmdaYDHqjUe/qBPFz2/Ey9e9+qMQ+XkaWDAmaPDxrypIfC6D7MRPc"
    "j+llwE+wMvaRoL0SJaTxpouFVGOfkwVnRaL0HkX0HjO+n5WP+U9QKXtpevJ6EMmEXlAn5c"
    "EqlcNiiqTm7A2dEfgxUn6AI0N79ELIgGPXqctxhXIv1UM6QHGktHXPUVu3i3KVTRvPuvel"
    "3TgftXyzV2pl5X60P7gqdf3O1PW7LK66r+gWqK+q/Ly24+e1fe/EhjEOdTon7sa76xu1TC"
    "6qdSQGquDWQZ6Jah5pVMBIRSh5DeprKCEBEiKdQkKR6IZ5gmyXw4WCiSDqfgr4GJiUTEeW"
    "sKSubgu5mMHnKg+zXVqB/AlXVI/iN98PFUodkr1ERdJ8p7wtqU034pKnFFDrTNO9U0ApuV"
    "7Jn7tfSltxF9ssz+n5MMiZTv/eE1xnpFXNEQW+UJOuFy+B1eDUqm78ttk/lZ5ui+np/Cle"
    "kq1ZUakk/03maBTj+iyG2V0aaw5znFINc6OHOViTZf13UnTKqCvx4FHeBy3xPmg7qkpNod"
    "QUuz9RN2QmVxlRNpURRTkgFMO1pAPCirmqAdu250JJcaIV4lyh2HDFONdAG/nFr1vckhkd"
    "d5Bxbxcmq6GezHXYUZug2oYiXEyvHGV4MP2eVoiHFbaLOGNAW+EqEUYVopeRMN4X7BXUYx"
    "ANVpPEaxJmTX4lc8eor+OaS8go1XvllMcUAqknd1hymuWUyo6TtUIRvwW3AlhHZR03ojQt"
    "xPmoEM5HOTgfSdw3KHHA8VEAVQLrJF0L8d7IvGbmv0uFxfrNlSpCFhWrLDjPQbUfMnjlin"
    "HHqdQCkoUShRxoyWiiJJ0ymqTBdZcW1Qxcss5VgkpN26dV0FGPqIo6pqgL1p6BXFTNlNgX"
    "i4QRxZQbFREupSlp2A5ROJgouT0WADlY99tUlO7rFE7skY1y8PRNKxKN1srokq3LWll4nl"
    "ZiDQkkfptjw7Wgeqiuu7YNBbYgQ52BoQ44Nm5uRBIKFhb1QvpcIzNoD4E/DNEHgl4u6D02"
    "DpDIuZFSaW3mMWOiEQpqLQQpGUEl5ivIXh0gRj1yiGgCYohe4v1q95iJOssWJeLpS0sjhD"
    "PxPmWYLm9MgmR8QsfGHNNxHRzUambZ0U7wIDGhwo+cFPWG5WvSdphwiD1AyYx5sVv+u8lv"
    "AhjpO0rPt009X3z0U/hmx1qlCCtGXW3n9BN5a2Dmv2AIXgwy1XgFiv0ygMkdobTAKQnJWk"
    "1uKb7ZgnuMUMntjZbbMTHWGeIImRrgRg/w/hWB7Pg8Q6fkHnk56F5cQJZLn35MvvUGkPQS"
    "Q9XTs+7FWW8wgPs6fKpl4YZUf3To0tTLqPVDgtYFv26mVoIY7omNNaljVo75JEmo8C6Cdy"
    "BwpKE+pZSLCCQjJCdClgD6ltNtCunwynbPkdPhcBA7Qk77yWCn7+enPb6VCOh5I9OTndM6"
    "TNjf1jjCI2QqBqrJJ7iyoD2LYVYxUM9imFWYjgoo2T+EE2rcciDLiZU5WlIUeqVaLohthE"
    "IBKgHUtXBJQFcUCtA0oGttADUs/DZusCpirxEReyqurBi6JePKAkNtVV8U36x95RYKcWrY"
    "9lsU28ipUwBafz+tAd3Wu6HEj54C2CaY1W1ivKdzV87eF9kh/CqdFfFtV7HP1M6wYvArxJ"
    "pqjoOJAThWDKLshh21aNNIsAOaURWlsHZqO+ak1NO/GkItdOJNpIEwZnwvxIT3VXU2DURf"
    "Pd7VY4vm1OYdPK+x4/BX88QuqaNn2OLgaYfPCYs2fjp8mSRLC8PGAu6SXolhjRjogR90c4"
    "cdiD+EFyVewDDZyB8GJolerq9fFbzcLKdGcfJMKtWmTXSxRYcFqDRb0mmhNTVqvfU2CQsi"
    "l1gbMtLtKcgOG71SUgBnsx5P4RulVPBmwAu1ustDG1BtD9aj/YI1KHteDtaAanuwHu8JrA"
    "EzM+H/uI6Muc427khItwfwh7d7grBhzvii5pumK9F/ZYKboNqa9ezwryXZjoEoAAzv+UkA"
    "eoLodFowhOIZuC7sPY+dsquViTIsaoMbEjyi/MeWLHA7HZS67G9n3euz7udeQmVZSdK/tD"
    "TSd/CiI5Hxw3sHedI9qK8nZtCsUETnjPL9w0sPFqQDQ3xkzHvTcPkdC2s2AYkcuk5L8Gv1"
    "oGT1ZsnqjulkSekZPhABQQuTMG0k6ZWIcpEwdzl1VEKKFgRq5Pm8bqKOiqPZfGspGU0bI9"
    "qLSNo68JfEyi5tCk7CZWSRKMn2ZJCSIkjnEts6P54O0FvkUMi2tiM+WZWOUDnaGrYN7F3o"
    "gYoweRbD3ECVQsv2y3gh+oLgxokUrsoJuklO0P7srAHm1ruUxhdyoxKbXfn2jUsbT7HIct"
    "SR6MUkrQ7yNGSh1WQZJyiQwn8pJsMLL7mYPqemjtknpIn3RuKj0JRaFn0QScGSni2+x40s"
    "hX99HSvNWrM0a00w720pq9dbTkWDbHzBy6d9vpTRrxa0Xx8KuL033hHIfM8UuecIdUy5L3"
    "ZeihQJ9RYzpQSbTBntkcZPC4edIPHmDqSQtPhbVU9XV2P6FO8kKRnRHKVRVtc6ra7LkH2s"
    "ZG9dnwvdC0trbAJu2sYqAmxkfKQfeJPDOQYtirCKkPjVPwwZmvNOMUEm+YRubiixTIJvbk"
    "QeWob4poLuTQPzo9MkkNCWGLz9PYbd/dY1LSOLZ6z/CYp5bBbzWLYaUYsrEb0vYpN9n22S"
    "fZ+yyN7x75KD+7RjekC7Rcus8KkOdqAyXMvZoHt9fTUcnp+gsI8xGXRPTzj3cjsmZ8Pzy+"
    "/CCV2niyUXNOwx+foP3nr2yNsNLwb9i94J8raUgmxm3EH9qIiD+lG2g/pROgXiUtNNR1IT"
    "LdtwFiFRykoZK2/rc/N+LXNKglSl32uyOUUZR5/FMAdsXTlBMEHVYPXHzvZJZY5UZrPd71"
    "EbMpsF678GnE8jXe3XjlEU4sRmWSGdhS/DS9SnpcLqWavyssTtuX7apAlkFqpaOL2VKZg2"
    "moAgBplEdZaENFuFFhvIoro0G0OVG5EUAEP+CS/UQCTwehHUjJHlFihIOCZjcnOzhKQyNv"
    "8FWSaDbANQlAZyAKEHjO+AEiyv+iNn5tDLQ3AfPX51IK7BfUN7ZOjlW/T/0Dkl/I9X6MF0"
    "5kgbE+8pJ+jm5o8/3h6goz//9KpG4XtsP/qthUbud2wQzPhfB15bPiJ/HIvWmgVvxqcoi7"
    "Qfk9HctaG9eAH2Bo3C99Opy6cLmtp0Eb4hfMHNjV/MhvLvfBP86dsXvdeyIJpsTB40y3qt"
    "8z/uEHDzyCQyw7O49W+ojaW0h83THvozOo3s366HFxmWoBVJUsAzdQf9R6yN/WWbZDgCGD"
    "GpLhV+kIw0SIhr0EEy/CC6rkrM7CSZkg9kln3X9tja8h4VMlKFsdQl1D8m5EqinNnL6gmf"
    "aRrA5eJnRD2xcuBFSJ41dEo/uQ6Qe6efVHUjlGpy/xBWBQ1U/v3G4qp06I3Qoav8+8XQLZ"
    "l/XyWJ31ySeJW5fGuZy5WpZ+u2C/d2YTLmvWracrG6e5Brt4i3K2C0WGVC0gh7wDZYDIK8"
    "nZ/QXCMiy7FJkDbjUCAbC39eL77LwT8cYRPgEhVDU5PPGpl5YxOPkCjx/4glSQ9CK/9Uuv"
    "1dJmziw5eGNSeZkN9epRIqnUpo/0rOl5/Xnevvp+f90QgyVoutznEgZ/VVb/T9ShSht7Hj"
    "2sS79lu/97t37d7ED7ghdefD115DdZikVcrDRisPdbpYSKP7s/e/CElzt8DOSBzMgnt/wf"
    "z1VT26cCO7YrD411htCVLlL97ktRYOVtlUZWlCpQBNK0C9Chcl7SArEgVpGtJAWCmHaoJK"
    "aZVVoqiN4pqjrc+uC1JaJdfCumQHCb1cYuGq5FB1glsxOdQKc6Fgqqb1DObyF1P5bRfUfY"
    "6wLU11IK4f5Ok7naBFAU3nv1zN5u0hHQqQ8ZYm0SzkVZ4UyQf8wGID0XveDkq4gb+0TKVZ"
    "qS+p7jJp+xRQKOWlSmvQiLQGh4VyzR/m5Jo/TOeaV96byntzN9ApFzTl2bP7yVqjZ0+ZrF"
    "/18W2fTSZCuGS8W3gvl38zoq2e4uGy8VUcVXN2AcVRFeKoNlK9Z79yRa1h/73sXZ31LkYn"
    "kIkYKqSMSfd8+B0uaItgH9m9jfdes1zJPD81Z5k7SEjSZG4iqEuDXh6+Bn4exN+FSfhP/m"
    "BJ2fTcTeavR0fHxz8dvT3+8PH9u59+ev/xbbjbpG/lbTun/a+w88RGR1a/VJNmuCy2OFbU"
    "WzTLUsf3JC3lIdE/HfQvvl6fIGbeWnwc2JhcXg3Ph3zN2HRBx+R61P3yhd92tOl0TIajb5"
    "BTbfWsna8eleLreZhsVQjdsxhmJWsrWXv3S2krsnbMyy9826p5gCJd7e2BtV17Uu/HEhOG"
    "OxK1RHDrIE8rgSONalVKJJQPaR0FW4IZk//+p1JMbFMxoXMcZtSWpOotJh9E6RstQF93B9"
    "2rfg/EA83SINkUuEqDAG0Lcfr7qD/oj0QD1zEt0xEt+he/8TbDq3+cIJPc84b8UxspOoRK"
    "gOKS94qmTczFlqVryF+GiZ6xfjK4+AjNFqXqX/93VFKmXlPDd1xgdh9nTu7jlLU0OBpSEO"
    "cYSyM0z9rgR6gswVWO4plKM1s1yAl/3UlZSO18nKN2Pk6rnflLuBC2MLnDpXaAJN1aaG+p"
    "jlXXcTR9Dm+LGD/+ilZT2oIbRYhiWetKirB1s30jRpYQNoHTOngHhK3DeyPzWweO27LW0x"
    "QmaJVGuMmqQm+0JnmmmrxhnuzESrPH57bSwD+PZeUPVtnQuBSdCuNS2eyUeaNRYLfFlfCL"
    "SWCcrr0S4d50SKjuk00O8lT4U6/xhEVbPx0kQpKp4xeU4Megcjl7gxItRPp86jpIQzZ9QC"
    "7z09aIN3rBkjJi7Q8YE39GMfRSQ7c2/+a5CDYhWOMnCKTO0THIqy/YK5X8vomGB6U43bTi"
    "1ODzPaxRD0FYpWR2GfEWQT8+OCwJOufcHxm6xVN+EvJdY6k9CqWVyZABywYyjGivGV5q4l"
    "3XUmMdF5NFckSR5BjZLiFQo4jvdJPM3HPZORzk1Nvjpo4avftEQoZ+aAv+lrfOxJnz42FO"
    "Lcmenmcsy+igwYJB53zloPqJrwdLs2fYRvAN6BYKxzAEH4U0w0+c9wZd8IecIDqdNtqhdc"
    "6FQC708fWdHsLsBENxqhaoSbadUKiB8t7eM0gpaa+MDFJUMhwSPKL8x5bkwp0OSl1S4Vn3"
    "+qz7uZcQCisJen1yT00ddyQCXnDrIE+wMyONCgT935qWxaUrzgA51OOGIBqfoBH/xpmtLT"
    "7xS6bBRSqburO5EK1uKaQqDfimpU3vTc78ybIA1Nu5Es2aJZopZyLlTPQUV7OvMjHfgCyq"
    "ZcQKyhGOkNQD8G43jxi6H94VgPfDu0x84da+Z+Pt0CUmZXUNw8veBReVOOWYXHb7n0/EiT"
    "cmZ92Ls95gAOl3QxP8OpqG+l1Elc3zKa6xFTZPmIZrjHGETLmKNHl8Ofdsy83ZueqrCFWD"
    "dVYN588aqAJpxjjUpqcVkmQ5aKMkClOVFXajuCr3jJ25Z6gMsZvLEJvaghWyTyMbPXgK4C"
    "pYsBpwHWBjhrko7fe2X3xbUWyj/Gqj3LWi6Es0+YnBydbmW6LhJJwUT6v0hwT7PlMLeo+F"
    "Fp1OkRYtMqaLlHKioFjcmeoTIhiy8epzjcwkvg+1dj4mY3Jzw/+yZxgCnG5u0EK7g+zAyL"
    "uI5hwXzDvh8/wELNPCc8G/yR/FaZDJoBPvzsnP3r+/nPivc/Kz/8svJz+TX3j/D3NsY3Rz"
    "w0mQeE3PV8zrkcGnOHPN8R80JlPIXgwX/G7AhcyGb2DYCN6RTzivEwKF2Dg06FY8Af0POr"
    "y5eQUWdQ6YM7ceVy/uvbS4zF8xkr6Av+cj/+/1YsHf9g3vhveJbaJZfIrzVzao79zG+GxC"
    "8HbeWIh31OkCIpGnNl0g6jrMNLBwedPIHaQycrzRsunDAX+lwAATGFpewcP8T2Pew0wYiK"
    "XFF9+YeNsC8tg+xLeRORbI8DGG14CNSYzGLdY1l2E0orZDTf6LrhFC+bsJzRBvLOa1eN8x"
    "sfGUPw4sQ6bDsDUtnvrZxjrmgHHZN5WuUJIxYMUD+MYHTpJuRnWhITf8YNAg2duCvwY1ks"
    "QskXJCtBZ3rLCkY6y+XmGjVJ5w3jK71FaE8mzrVftTAXb/ce6lAvTW+JiAyvdr78TfiMbk"
    "c//6zEsOGKQZhVwHX75fiKJwU5eAonp4ddU7G/WHF5yO8hWiQ/+ifFzv6ro7OPF3RM1aS3"
    "19VER9fZStvj56PhkOOtd8m+UHTyShIBK7vTgRwgMYNv5G+2Up62V6HdRsvUwcZmkFf4b2"
    "MU62HwkRRLG9RMyARXXNQrcuMwk/jxG8cPXye5KsCSvuYJ1TZEXd5Lj+s+71NzBSsjlYLa"
    "+EwdLmB8Poqntx/QXy23D4COO83Jj82r2+7J+gO40tTd6iN+h9veqe8xY+u9kMC2eEfSyx"
    "BcWpGjxia25B74rg/C4b53dpS3Io2pXa6mNUteDcIEeKj0VQ/piN8scUyhERsQzMCbK24X"
    "x4VGjbOMrZN44kG0coIJdjMBOEtVhWNwG2OEuFrokzlSYT6gzPPQXC5xy0oEzoOF41msEs"
    "nx5B5UVQeRGUD0nKh0TlRdigud3TFJYDNkajQFWeN8pLpDW4RkwKJcFNU6qtQbnhKDecfQ"
    "S4tBtO0hRZEeB2JtNPoZzeMgtAvbLtVnbNYcVm8Z7CG2NTKxSJ8ENZK9aHiETNtgPuVByV"
    "cO2Y2PShaiWNoK8rLhC2B65N+nldao82tayOxMcruHWQ59+1jDQqEK0tfIbAyOvXJpC4WZ"
    "2sKqu/NGxt6rw6QPz5Nr3HxgHYigmYx+5k3l0b6L+QP494qqo8utNgbm8MUrhmG4tDgj0y"
    "E09NmznI0B49Vz/szfeNmIb3ML5VrOaSWunO56vuF3AgAtox6V5eXg1/g6jWYEsYk8Hw7F"
    "e44u0KzTABKx+UNMo1+6AEp8Q6RoI4qbISNNpKEKz0dcqRxklVRPFejHNZc1CaUOknJfYg"
    "cTyusYhihGoJNXkJKfOU0vLvfiltudSrBU641RRTviplwHtqEezbUEwJyLKVUwGiTyqoJl"
    "bQslAAooM1fY5tL327Mz9BDxCi9qAxL+wOG0gjhnfRdBDWbMLkwYbrdiTVO0WUbX6/Sum0"
    "U6VT+UzWO8le3XiEU6bWMpBGSZqMaefaj8Jdco4MQ9kG9NL71UHURvwMKeuXWhvqC5O4ju"
    "yQywQ9QtFkzHc2j8FjmriS6oFPuVn7RE0GVegYw3jz6Bnn726N9q5eYtuvITBZJ9ZSSt7k"
    "0Sq7BHYwHIHTyLrjkaZXA7L2gMypa1uPa41FilQNw9rD4CfdWGsc0rRqICpE44hDea2BSN"
    "OqgVh7IDTjny5zFnLpIDc9QpxQDcHaQ+BQx8uTURz8kETBvj6P5OuwyuYLjRC1Cf3ahDRf"
    "cCmHa5xI4fq0ESOitqzqPr/qac8gLpFsMbJq5bV6JFO4DmzbHpoQX7iNyrZ4aWmkI7NywP"
    "WDXPNG0KKA8y2YQAKdzdI2dcyvMAcyE0bjCSBnHkEvx+7bd8dvxc9D8ROLn4b4+V781CO/"
    "i+vvjsCXFjE+WhYO0h1SG/Lm2aZmyRx2G/FOhZx8xdAoc8suzS3i3xSs2R6PQfsmp7lb09"
    "nxqFBahKOctAhH6bQI+5VSMBU6VsoW8/30+uyqf+klBoz2NCbX/Yuvg96Jv2dApqg+5AkU"
    "+0VBzfaGkwSKnbKknjQgaTLHGq3l2mgjgvK/Tk/zmv2vW2tb73jhkxCbpFuugY1PQSpkkW"
    "UZak5y0A/QEtul4jvqlo7vNcs0TOcxo6R65jCk6Jo8GDvTPfjDvO5xGyHf4l6iOQ7m942S"
    "G0qnOxr1Lj6LsBq/hzH51hvwv+f8I8fkfHgx+jb4x0mwCNY6ZWsPsnEJ/qG7DBsTvhR1aQ"
    "KAzEUgpd3eQjh8+7bkEHk2fUNsRZAX/Va4qOxo61kf952iXhFz/913jL1m63NzzXCYOKny"
    "5W+yL7/KgfcshlmFbKiQjd0vpS2HbDCdLivHbFgauYZ+WoR6ZualqolXymVd2hu4Nm3z8e"
    "ZXhuEnnHz51p8JC9sVsAHp1LUZ9gwgM5u6S69IEoFySYxaghf9FFx7MPlguw7ylhOaQsUO"
    "yAT96JHK7Dm19y+xzSgbzA5tMN4Al8ynG6VRsdNpmUtM93KYRkkUpBKfKdgayzlMrSgUn1"
    "vAq8f3PKjqduJ3s2fgFvbnWU2qp515vH2yBlDPwo72axMoimrsQCmQ+VJsljXg+jXop52w"
    "Rs+URvlHXUM6v8du6MfdkbDMqTa5nLNIEPg40eLNCzDQt5S4ELhJmemY9/iVx+oa2HBFYU"
    "H0kuCZ5t2Zem5G8QhwGdNcS5+KUW4Wo6wSEtabkLC9hTEbHn2wH+WItuZ5pwoSKWNMVZub"
    "KkikaufsIcIqXkpZEBsrvK5X2kXFT7UhfsqT/a9cS2pMi9w9KKATsIOGT2oDvtGHlTAOFq"
    "6lZhpeTfubG+EGO4E/bm4QJZ+8ECfNdhjiHANyl+ilhhbmj3TOpzr7LRTaFFkEq95VrNNO"
    "1QeRgZBKBDm+1yHVfigS6pAEJPqCVaKmcjqDOF1jnUcbrjSIpGUqD3+EsLH4d/h5j1gso1"
    "+Yxq/RoUsAMCRqKj8sAVVjx6ThayIS3FAc+AiRwr1aBqdbjZlssqRmufyiWeSNHY7O4V8O"
    "374FjbyG/DiIHcUSqDDJzsbL1CjN8XPQHCvlplJu7g+uSrmplJv7BXCTlZtBVdv+Ykltue"
    "9ToslBrpozrLhrrloXqopxq5E7FJKjqWlh5PUBSQxAD8n4e3nXX94+outv3ddH7z+8AhWm"
    "jaciuNV5MCWhrRvovpDmk8013oNSde5U1ekPQgkZYUXRQgeTD+8KSAgf3mWKCHArztrAii"
    "mbOytK00KQN5I/S17BPFux4DdXbKOEHQ82/jL7bYREYSpTxyhdwXPQFSgvM+VltmcIK4VB"
    "o/Mp1FACMxRRr/iu1R7cN5oiIIZZntjvY1pE5rf9pgVCnZbaoxDEgxzN2ko4f4NubpwfML"
    "NubtBLEM1BeH/BEH0g/CsWt9gWYrk3fGCFSkn8Nfc/JtEpf4AY5f3xj0UmQc4DRYY5nWI7"
    "0CswIA74RURJGZ2B915KZ7BTnQEfWc7/lBO2fAJ16MqsHz/k3Ey2gmBF0UL1wMci2oGP2c"
    "qBjyndALhwriF4RciU1NVoqUvFJ+7KoY0DV0q1GRJs0b2ks5Vt67hYaGJOZGJy22p+yYUt"
    "QbsRhbFOFwuph2yOe9SKpHUYbyS0FmQKVyK8FsuzvaJuMpfT6Z9fDq9GkGA7EGrG5PvFeX"
    "d09g0uumShOfocrl7/2r+8hGvszlwu/VTeO0+1zWe0LddW5h2fUaoW6Sq3fH4qjeamhauI"
    "x0UZeJNkClsptl7t75LIRolatHUoJfx+KuGlu0UNQEscw1qKdXKzLAR0Rnza5twjG7ZrFA"
    "c3ul8WgFZwZjUAO8DGDHM23e+tnehG2dhmeZ5G03rL7E+JtN859qdkyyLmJ0gRLXJGO1TY"
    "hsQcfIMuoZIdQxoxEITq899sjHS6NLEfIy8C4oFYcxDTLOwZg2QGqHqfMCYQ/Gkjfa6Rma"
    "SqKSKQ3Nq/zdDDnFM/aF5e7IIp/CQerP4mxhvKbgbSqxcY7hLHtDzLlTJVbctUBUM/WaNi"
    "Y5yuTcz/thXEba2W2Z3CdgObjGEyHUwJn7xdBS751RARW1pmyfhPVUyzbVGirS2muTO9wz"
    "7Wb1xni1GVG9USaFeVxj1CmG8etsMmMp1bdg6oGNGzTgEVFXpKAJgg2w8IO+f0nguVngQK"
    "hZW4pIrxv30xFv/gmzeDQl8byc1tcKm13CRdUewJvL/PMYnI82xOXctAt1jk5tsIqPtnuO"
    "5oOlQpKMkhd7pno/5vPc5hCOox+dK/6F8Lu/XUJCYTZuuz7sVZbzCAizp8r2U1xXQdvs46"
    "YVUJWlUxt8keft5oTcrnw08RKs8dlRRfLSsVrrh5CSJQDJaDNkGlgFUlG1VobQsQVkUx2+"
    "J+1kZclf9ZQ/zPtu4Wta8Al/aLUkVzi8CaVTRXFXetAGqB4q4ywaEGYD9Humontgl5qUKm"
    "DfAFNKvm2mil12Q8o51n26gGU9R98YvosEV76mYTk6SRe8I9dIVvMSfRyXRFUChVicvwSe"
    "jzRIWphmFkUV2zECj6PCdOQh3wv7T5Vwm7mDD1mc4jmkEyPnT7iEwvuX8qVUmN/Y+JpzdV"
    "ZZsb6K2pTO6VjJaYGGXBi5A8a+j2o86yMigpg1IwgZVBqfnsdO0KzyiTVk7rmaZUqs+nVZ"
    "/J0KmqEaGJ7vYM7MKaufRka1RoXRfbpj7vSKQm/85BnqSkrdo8JRxlI6skj2ZJHvfYZtI1"
    "ns0ARkiaHEWwJg949P59kZRL799np1yCe/HzCxZVCYT95i1E97AQh32Yw2EfyhJaEUdqO/"
    "rb9fAig+takST5alN30H9E6Oweop0DLoARY6YDTF+ed/+ehPtsMDxNcsnQwamMbdjmYfbf"
    "/w+0lMSz"
)
