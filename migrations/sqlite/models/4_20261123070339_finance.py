from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "discount" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "kind" VARCHAR(10) NOT NULL /* PERCENT: percent\nAMOUNT: amount */,
    "value" BIGINT NOT NULL /* Percent (1-100) or minor units. */,
    "reason" VARCHAR(10) NOT NULL /* SIBLINGS: siblings\nPROMO: promo\nSTAFF: staff\nOTHER: other */,
    "archived_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_discount_organis_bf4339" UNIQUE ("organisation_id", "name")
);
        CREATE TABLE IF NOT EXISTS "expense" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "category" VARCHAR(10) NOT NULL /* SALARIES: salaries\nRENT: rent\nUTILITIES: utilities\nINVENTORY: inventory\nOTHER: other */,
    "amount" BIGINT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "spent_on" DATE NOT NULL,
    "note" VARCHAR(300) NOT NULL,
    "document_key" VARCHAR(100) /* Attachment store. */,
    "document_name" VARCHAR(200) NOT NULL,
    "document_type" VARCHAR(100) NOT NULL,
    "cancelled_at" TIMESTAMP,
    "cancel_reason" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "created_by_id" INT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_expense_organis_78e26e" ON "expense" ("organisation_id", "spent_on");
        CREATE TABLE IF NOT EXISTS "finance_settings" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "due_reminder_days" VARCHAR(30) NOT NULL /* Days before a payment is due, comma-separated. */,
    "running_out_lessons" INT NOT NULL,
    "exam_debt_threshold" BIGINT /* Minor units; a larger debt blocks exam admission. Null: off. */,
    "how_to_pay" TEXT NOT NULL,
    "next_receipt_no" INT NOT NULL,
    "organisation_id" INT NOT NULL UNIQUE REFERENCES "organisation" ("id") ON DELETE CASCADE
) /* An organisation's money settings. An organisation without a row uses the model's */;
        CREATE TABLE IF NOT EXISTS "payroll" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "month" DATE NOT NULL /* The first day of the month. */,
    "status" VARCHAR(10) NOT NULL /* DRAFT: draft\nAPPROVED: approved\nLOCKED: locked */,
    "currency" VARCHAR(3) NOT NULL,
    "computed_at" TIMESTAMP NOT NULL,
    "approved_at" TIMESTAMP,
    "approved_by_id" INT,
    "locked_at" TIMESTAMP,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_payroll_organis_426906" UNIQUE ("organisation_id", "month")
) /* A month's salaries in an organisation: computed (draft), approved, then locked. */;
        CREATE TABLE IF NOT EXISTS "payroll_line" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "lessons" INT NOT NULL,
    "students" INT NOT NULL /* Student presences (present or late). */,
    "minutes" INT NOT NULL,
    "revenue" BIGINT NOT NULL /* Charges of the teacher's lessons. */,
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
) /* One teacher's month: what was counted and what it earns. */;
        CREATE TABLE IF NOT EXISTS "plan" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "kind" VARCHAR(12) NOT NULL /* SUBSCRIPTION: subscription\nSINGLE: single\nTRIAL: trial */,
    "price" BIGINT NOT NULL /* Minor units. */,
    "currency" VARCHAR(3) NOT NULL,
    "lessons" INT NOT NULL /* Lessons included; for monthly billing, per month. */,
    "validity_days" INT NOT NULL,
    "billing" VARCHAR(10) NOT NULL /* ATTENDED: attended\nHELD: held\nMONTHLY: monthly */,
    "unexcused_percent" INT NOT NULL /* Charged for an absence. */,
    "excused_percent" INT NOT NULL /* Charged for an excused absence. */,
    "archived_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_plan_organis_b047d3" UNIQUE ("organisation_id", "name")
) /* A line of the price list: a subscription plan (абонемент), a single lesson or a trial. */;
        CREATE TABLE IF NOT EXISTS "plan_scope" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "course_id" INT REFERENCES "course" ("id") ON DELETE RESTRICT,
    "group_id" INT REFERENCES "study_group" ("id") ON DELETE RESTRICT,
    "plan_id" INT NOT NULL REFERENCES "plan" ("id") ON DELETE CASCADE
) /* A course or a group a plan is sold for; a plan without scopes fits every group. */;
        CREATE TABLE IF NOT EXISTS "salary_adjustment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "month" DATE NOT NULL /* The first day of the month. */,
    "amount" BIGINT NOT NULL,
    "reason" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "created_by_id" INT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "teacher_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
) /* A bonus (positive) or a deduction (negative) for a teacher's month. */;
        CREATE TABLE IF NOT EXISTS "salary_rule" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "valid_from" DATE NOT NULL,
    "per_lesson" BIGINT NOT NULL,
    "per_student" BIGINT NOT NULL /* Per student present or late. */,
    "per_hour" BIGINT NOT NULL,
    "monthly" BIGINT NOT NULL,
    "revenue_basis_points" INT NOT NULL /* 1/100 of a percent. */,
    "currency" VARCHAR(3) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "teacher_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_salary_rule_organis_312159" UNIQUE ("organisation_id", "teacher_id", "valid_from")
) /* How a teacher is paid from ``valid_from`` on; the parts add up (a mix). */;
        CREATE TABLE IF NOT EXISTS "statement_import" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "filename" VARCHAR(200) NOT NULL,
    "rows" INT NOT NULL,
    "imported" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "created_by_id" INT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_statement_i_organis_2cb6e2" UNIQUE ("organisation_id", "sha256")
) /* One bank statement file imported; the same file (by SHA-256) is refused twice. */;
        CREATE TABLE IF NOT EXISTS "subscription" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "list_price" BIGINT NOT NULL,
    "price" BIGINT NOT NULL /* After the discount; what the lessons split. */,
    "currency" VARCHAR(3) NOT NULL,
    "lessons" INT NOT NULL,
    "billing" VARCHAR(10) NOT NULL /* ATTENDED: attended\nHELD: held\nMONTHLY: monthly */,
    "unexcused_percent" INT NOT NULL,
    "excused_percent" INT NOT NULL,
    "starts_on" DATE NOT NULL,
    "valid_until" DATE NOT NULL /* Moves later with freezes and extensions. */,
    "due_on" DATE NOT NULL /* When the price should be paid. */,
    "status" VARCHAR(10) NOT NULL /* ACTIVE: active\nFINISHED: finished\nCANCELLED: cancelled */,
    "cancelled_at" TIMESTAMP,
    "cancel_reason" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "created_by_id" INT,
    "discount_id" INT REFERENCES "discount" ("id") ON DELETE RESTRICT,
    "group_id" INT REFERENCES "study_group" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "plan_id" INT NOT NULL REFERENCES "plan" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
) /* A plan sold to a student. Prices and rules are copied from the plan at sale, so a */;
CREATE INDEX IF NOT EXISTS "idx_subscriptio_organis_8f37a9" ON "subscription" ("organisation_id", "student_id");
CREATE INDEX IF NOT EXISTS "idx_subscriptio_organis_0713df" ON "subscription" ("organisation_id", "status", "valid_until");
        CREATE TABLE IF NOT EXISTS "ledger_entry" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(12) NOT NULL /* PAYMENT: payment\nCHARGE: charge\nDISCOUNT: discount\nREFUND: refund\nCORRECTION: correction\nREVERSAL: reversal */,
    "amount" BIGINT NOT NULL /* Signed minor units from the student's side. */,
    "currency" VARCHAR(3) NOT NULL,
    "occurred_on" DATE NOT NULL /* The organisation's local business date. */,
    "method" VARCHAR(10) /* CASH: cash\nCARD: card\nTRANSFER: transfer\nKASPI: kaspi\nTELEGRAM: telegram */,
    "receipt_no" VARCHAR(40),
    "charge_key" VARCHAR(80) UNIQUE,
    "external_id" VARCHAR(120) UNIQUE,
    "reverses_id" BIGINT UNIQUE /* The entry this one cancels (at most one). */,
    "reason" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "created_by_id" INT,
    "lesson_id" INT REFERENCES "lesson" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "subscription_id" INT REFERENCES "subscription" ("id") ON DELETE RESTRICT
) /* One money movement of a student's account in an organisation; never changed. */;
CREATE INDEX IF NOT EXISTS "idx_ledger_entr_organis_eb29de" ON "ledger_entry" ("organisation_id", "student_id");
CREATE INDEX IF NOT EXISTS "idx_ledger_entr_organis_1499df" ON "ledger_entry" ("organisation_id", "occurred_on");
CREATE INDEX IF NOT EXISTS "idx_ledger_entr_subscri_9e3cad" ON "ledger_entry" ("subscription_id", "kind");
CREATE INDEX IF NOT EXISTS "idx_ledger_entr_lesson__20fa50" ON "ledger_entry" ("lesson_id", "student_id");
        CREATE TABLE IF NOT EXISTS "invoice" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "payload" VARCHAR(64) NOT NULL UNIQUE,
    "status" VARCHAR(10) NOT NULL /* OPEN: open\nPAID: paid\nCANCELLED: cancelled */,
    "created_at" TIMESTAMP NOT NULL,
    "paid_at" TIMESTAMP,
    "entry_id" BIGINT REFERENCES "ledger_entry" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "payer_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
) /* A bill sent to a payer in Telegram; paid through the bot's payment provider. */;
        CREATE TABLE IF NOT EXISTS "statement_row" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "row_no" INT NOT NULL,
    "txn_id" VARCHAR(80) NOT NULL,
    "paid_at" TIMESTAMP NOT NULL,
    "amount" BIGINT NOT NULL,
    "phone" VARCHAR(30) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "comment" VARCHAR(300) NOT NULL,
    "status" VARCHAR(10) NOT NULL /* IMPORTED: imported\nUNMATCHED: unmatched\nSKIPPED: skipped */,
    "entry_id" BIGINT REFERENCES "ledger_entry" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "statement_id" INT NOT NULL REFERENCES "statement_import" ("id") ON DELETE RESTRICT,
    "student_id" INT REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_statement_r_organis_8a5611" UNIQUE ("organisation_id", "txn_id")
) /* A payment line of a statement. ``txn_id`` (the bank's own number) is unique per */;
        CREATE TABLE IF NOT EXISTS "subscription_freeze" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "reason" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "created_by_id" INT,
    "subscription_id" INT NOT NULL REFERENCES "subscription" ("id") ON DELETE RESTRICT
) /* A pause: lessons on these local dates are not charged and validity grows by its */;
CREATE TRIGGER "ledger_entry_no_update" BEFORE UPDATE ON "ledger_entry"
BEGIN SELECT RAISE(ABORT, 'ledger entries are never changed; reverse them instead'); END;
CREATE TRIGGER "ledger_entry_no_delete" BEFORE DELETE ON "ledger_entry"
BEGIN SELECT RAISE(ABORT, 'ledger entries are never deleted; reverse them instead'); END;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "subscription";
        DROP TABLE IF EXISTS "payroll";
        DROP TABLE IF EXISTS "salary_adjustment";
        DROP TABLE IF EXISTS "salary_rule";
        DROP TABLE IF EXISTS "finance_settings";
        DROP TABLE IF EXISTS "plan";
        DROP TABLE IF EXISTS "discount";
        DROP TABLE IF EXISTS "subscription_freeze";
        DROP TABLE IF EXISTS "expense";
        DROP TABLE IF EXISTS "invoice";
        DROP TABLE IF EXISTS "statement_import";
        DROP TABLE IF EXISTS "ledger_entry";
        DROP TABLE IF EXISTS "statement_row";
        DROP TABLE IF EXISTS "payroll_line";
        DROP TABLE IF EXISTS "plan_scope";"""


MODELS_STATE = (
    "eJztfX1z27i191fB6J8kc500tpNs6uyzM7KjJOrKlsdWdtu72pFpEpJYU4BKkHbc2373Bw"
    "d8EV9AmhQpiaLRmWYTEgekfgAPzvv5v86CGthib4b2TCMm0xyTks4J+r8O0RaY/0V6/wB1"
    "tOVydRcuONqtJQhocuQtc2xNd/i9qWYxzC8ZmOm2ufSf1ekiwqdBdIqcOUaOjfEJ0lxnTm"
    "3TeURj9+jwr0eI6XNKLfQXZGHNJiaZIR0TPpZfcYl5j20WGXxra0Sfv4HHG1Tnz+fjN/4k"
    "fvNfLp44dIb57DZ/3h9/8ssmMfAPzIJ/Lu8mUxNbRgxk04AJxPWJ87gU1/rE+SIGwo+4ne"
    "jUchdkNXj5yF+bhKNN4sDVGSbY1hwM0zu2C2AT17L8tQnw9950NcR7xQiNgaeaa8GSAbX3"
    "AqtrncnkYjiaXPdGk0kntZwBRQR3/5JOCWwF/qpM/PoZvMLro8N3P737ePzh3Uc+RLxmeO"
    "Wn/3qPXgHjEQp4Lkad/4r7mqN5IwTGK1Dv+M9Kw3o21+wecRcC2z5/Ib5+OIVxQJtAmb9+"
    "EuUA0zyYgwsrnFdfwvpAd7rfR9+GV/3RPyKbeEyuz74Nh4MTfxuPyaDXvbroX3ydnPUuRl"
    "e9k3BbT7xtPSbfL/q/9a6uxUSrHT4mp1fdi7NvJ/4eT35MGYu60H5MLExmzhxW8m3OCv7W"
    "vTr71r16efT2FcxNOZPwOMiFf+dI3IJFXi0q/HdydydfV/n3EiHZ3nJ2Opv6ahIAF0M4D2"
    "I5xrZbGmOPRGFcGGNMSmPskSiMi2DsmAv8b0pwGZCjNFtEuctM7S9da6E5j9sB/MO7Anh/"
    "eJcJN9yKo+2/8MTSyMzVZqVQl9FuEX2PcW1hlxfZ49k7PIn4cl5yc4cELeQfdQsaeKGZVh"
    "lwQ4L2gfu+CLPgo7LhfZ9iF5ph2JixMghHSFqH8ftCB+D7nAPwffoAfMC3XJIvxSIiJK3D"
    "eCNChkVntAzAwfjmotu51Jw5VwQNbCN3aVHNYClLys7gnmLNcTkXSEP+t+vhhRzyKE0Cds"
    "PUHfQfZJksZT6pDf6fpy7RAVt065qWYxL2Bh77y6Y2fQ7ogBHMvGDsX1YU65fn3b8nl+Fs"
    "MDwVkFHmzGwxi5jgNLEkuo0BsonmpBflM78DIrV8YeKUyaXxSd8Ef2mO5aWOpRj1z3vXo+"
    "75ZWw9PndHPbhzJK4+Jq6+/JBYo3AS9Ht/9A3BP9H/Di96yWULx43+twPvpLkOnRD6MOFH"
    "agST4HJwKS5tajYmzqSUqTJG87TFUrKivkGyKQtah80SrMDTO6nJ0sMrDfAXamNzRn7Fjy"
    "mzZQLVDHP9fqH832AfBVdXr2hrD6H9PL69OAj8p2NHwHDFt/tV/4zDDWjfavrdg2YbkwzY"
    "9blpcdFSYo059Sm//HqFrRDN54R5nAdge2Eyxqee0Hts26YhO4nLgHYZzjj0J9xfNp+PnU"
    "nuTUegURGyfjhRW6Fa4MUtttncXFaE6jycqK1Q8S+SVd5Rl2KStkKkU9dmVfnUmZikrRDN"
    "bOpW/da+whxtBYjfBbdoHez7LDJVW+ECRdfgs1SE6tSfpq0wzWytsgD1FeZoK0BzapmG9l"
    "gRom/eLO0FaYEfqC2JiSgH0mqWNqJkYVZdUBqISdoK0dLSyMR08KKqOMnn6fNp2oqTTWlV"
    "iK74FG2Fh+lzbLgWxANZVU+3a3+uK/7/tuLlYLvqdhrxKdoKj2EyrsEBRSWIPvvTtBUm/G"
    "OJSWU1t+fN0laQTHJPTb0qSH1vlraCZGFjhu0JBAebVaEaiLl6fKrWit9L7dGmllVVZvJm"
    "aS1IXCSsQapsKzxMszT7caIZ/3SZs8CVD7trMV83nK7luNUhaIqZ2ixmMof/oIXwly6W1K"
    "68xYLp+mK29qNm04e6ILuiD63Fy70NJ68KV2SqNsEFEQn0iEYiEWIxCvFbSQPWhGHHybes"
    "DwkeUf5HUXPWdWTGFsYsTE0CsTK1AvfFm7OFyMFWXBwtEptzoRFtJt4SpgPi7PANSfKwPM"
    "gjO4VYEmYiCJ7OJCZIMxYmecGQPtfIDCOHIg1xyRrzSz6KaDU9QyZBlGAUTVqWpA3XNq0k"
    "R/iPVMY0zCv2Xjhh50+VSbzDTOJgQYrGeIcL2ODs4eLgxoK6j4vkMB1nJzEdp7OYVru8BM"
    "RxqhYCXX+C3szWCICRPv8o368akQMdoUqgfMvJ9hDmHFhPh8MBzByGY5/2Rwl8v5+f9q5e"
    "HgrY+SDTCzcNWMgK7ChPLxczLaFcK3K6abhvOHQ6eYhuN4C6aWAXjaCWbLZYHPVZ9/qs+7"
    "mXF0ZdSp0pKV52dc9nI5Epg1u5gqQWGfSk8PiNPnChzguoRIzvFhDjTuCSxtgDtQ00pbYo"
    "HPOAbw/4dcskd9hAI44W55IL5DJsH3CZD91SR1J8ZgPzq5IzzRIULTozS4kxIcFaEkxSqd"
    "wttjHx5bBQ8t9hTvLfYTr5L/hQJnONzUtJi0nCWuDe9YG6hQoaPuuZAOuRijGn5iyTa8io"
    "a0kCawIP+evR0fHxT0dvjz98fP/up5/ef3wbMpP0rTyuctr/CowltihpeTLE8tai+t1a2Z"
    "YZU9SQdrmdD6Pz+xyT1WnINNMQp6V/ovq/SlziB2TBlOU2ZWiuU3mlcsWVZjPFeguuqEzn"
    "Z/IdMWciJLM1VjpFvDf89VmutXd4lMxqj9LUY5tpgkRTr2WmSN61tjS57nqHq3qKu0tzBN"
    "PsL98s4iVObto0ZoEDs6CNa/20z51u18LVAaKfaZHqAJVMVZGsbIm1Kp6znW2wMuPjCpRO"
    "pgS/hmME6VDZ2JlrjrAbsZWpSfgqCX5AvjUMvXzAt8IA9dpdgjkpFKn/wneM7byS1U3e1G"
    "OUBatZFixY3jL6QzC+Hg9cgwxY9Ts6lfbwLCRK/GNp8unWWOY4pVrmRi+zy9b6lCNkSjFs"
    "8vra+J6uZ2eNU6pVbvIqqzCNzQiYjTOwtABVFfyy5eCXlZkgvaFrQLl1VbeS+JY2wGwtri"
    "hSF05irIlXjcs21izi4woYazxEXjAROg5B4hqJx4ijrq3PzXtsHCCC77GNPMwMmUmm2mTS"
    "SPTV3pbGpKso9GZGoT/dz2ofItI73c/n/YsTL9ViTM67F92vvasT5H3F9piMet2zb3DFwZ"
    "o+hyvXo++fexejE8Qc18DEGZPL7pW44JWGHZPu2dnw+8WoC9d8w6Qmxl3/4+zbcDD82r+G"
    "0exRn1Pw2jF+74zP0buaAOF1bzAY8ifqfDpsT4CeYcui/Nln36+6I3HP5djBlW+97ufJ8M"
    "vkc4+/xehcvMcca5xXTTkI/I1ELi5/p6BvFx/8pX8Gvyjs38XHTk0d28nvfTcmK2Go5aqM"
    "7LwDJUj+Qcep8hSg5my+OrQf0GiSXS58DryGGpkgVXqk0iP36TtRemRTUc3RI5VuU6duk8"
    "UglIZev4a+Gz3yUkiZA5PcdWRpz6u7B7npzl4bAysY+JQimQ2zXKkLm0qIPgdKi9utgx3W"
    "oNwxFiVRp5hMNthJa5o2oponG9TVm6b9skGBtjSxwBDBlhWwTwIbZYTNkgM85OWlT9hTQX"
    "8rqbuIDXnuLsDQS5CNdWobb9AptiiZMQjAg9yXqMzkBep5A73UmIXMklzHlIUqm5imKmWy"
    "4wxVSE8Q/0hhm5ckFCFqsgl5zVi/jSSrTk17DajjVArrYlgvTMOwcGmwE2TNbcnaJKxvTd"
    "uZTwLrfVGfQJyqok9gfwzZEpcA/22G599Zx5G3om5wtmbnS++8O+jxycCNB39ZrOPPOiyy"
    "ebO3bnLjmuVKM5g1FmZoFgcu4iY8zHYTHqZLeHGESjHekKC5LLfTe3P44d062/aoWCGGnD"
    "oMSXzxQjOtMviGBM3Fd83Ne/S+SF00Piob3vepymh8OzqlmriHBO3DdxNlRAh1ZPW5R/hH"
    "hjYXErQA3zw3d+/vovBHdjv20Ms9GF58DYYne7QnYjYwRA5MHA5uGcgTZM0FvnOmMfx6Si"
    "0wP8CPZgeo3784QOJQqaHsxyYWReV+rbUUKgxEOSVU4Hsj3eqqsblqbL7ZtkphUETl1krR"
    "MIw2YiX8YvxHKrSKoIWJTa0amiz1gnnaCpQIs+ez1LGtRHf4kRe331a8NMfhv6+GndUNJ2"
    "orVPzuPT+/PAmktlPxLDKrd0K2FT+u9TJtVrXp2bk3S1tB0m4Z5uI+m9gYWpRhWfnacl8l"
    "JkagQOyXB6Ao//J/YHX+VRypvdxaM1szqqL0FeZoK0BzusAP1L6DtlvVYPrmz9TSjy4Eam"
    "pWbmIZQPXFtFq7sbw2eGwCjQYd03Ers3WvCV5Ld1eAlqO5s3nFD7EwUHu5r6BD8cR08KKG"
    "NsV9Pk1bcWJcgzNcC9fSdNefq9Vtd93boCtgRbDCidoKlUnuqQnyukMnS+2xsjEZJms7Vg"
    "qk3NPPmGF7ggmfqypUAzFXj0/12Fa4+DdnU8sCc19VtC69qQYmae3m8nvPa8Y/XebUYPTz"
    "OtB3w+lajlsd4oOYqdXCw+66z++jtqOaz6/RViAnCy5iGlw1UpRjWrx3eqRxYwu3oD7XnM"
    "nSxlNsY9/+WRWwMz7lZWzGFuJm4wW8nl0zdlf+tK3Er2SS6hl1bQa/J5Wk6t85yEtS1Vdj"
    "aq1PobJBd5gNCv+d3N2lkc0OfY+QNDdGuDjAWwh+B8BstzTGHonCuDDGuFR6V4REYVwEYy"
    "5c/xPrEhEwG+MISesw3khurYXvcalEr5Cgdfi+LwLv+2x036fAtSldTO74TysDcIyouSB3"
    "RnOMrvi7/spnRabDkO/5QwRj4xPCi6XzeII08lgwQWbTKaMqISYTepUQk0GpEmJUQsw+JM"
    "TMINa5jnjpFiGejrVgOl1WdjPxia5hnpZZdTZVp2yVsiCxAsXyGbINQTg2rEDBMr82v+hQ"
    "gcS38QYNsHbP0UEMc1Hl5gYTg00oubn5JOqN2fSBU2mPDGkMzU3mUDstt9Q385iM+QD+K8"
    "x7PLnDjzc3yATacednMekvJz/7T/pl3OE3H+amhcV0IRZA4E3AZSwDXXwfDJA2dbDNZbEx"
    "gZc4QMwrpgbGmFuNYZDSsDVFNp66DEMjVYb5bjCCeVZzv4TpmN/Dg5+Qlmlg1T21ifY00f"
    "mArdMugaluCcBajLLgRUiec1GpFfMqo9zGqWqpdNSgDr7vilgQ3mVbEN6lLAhKaV1nu+6d"
    "0ioO/XLaapREqamSEt2+AFUO1TiRwvVp9X8WqI0V9f62qZ8HCYU/+r0WqNDtb8QagG19je"
    "74N9uoKt3eppZovuFuz9Z64Wc9TsLPq4jeq9M5tR2vXjaQm1zJowQjL5ICBUqbTLEtQ1qo"
    "8Lb4wary9q5jLco6qLfrdNqaZL4R36muLTXddCQKUObWjZIo6UIqte3YnrHXSrkyZ6yLHM"
    "S9uxLfQLEa2SvqLTrsPVtKWbd992zU/6134tt8x+RL/6J//a33mT/C5Of3HBtjAjyPD+LX"
    "gpaga7nwi7HcHI6bKgTvmpYBL1DiUIvSNDeaoknHGgSglEE4GN86dOsPCFLmvHXY9d6Z8z"
    "ylqWTLvSiNEg0loqGK7FGRPbtnUDVG9qRZRg0orzJrWopvjFFWiJlSRTnLFOXEtqrJWb7Q"
    "ZI3VJfdWAVdl7SoBNI8Uo1sfohIl7fYSJT/3oBpI7S43pspoqZDhltXA2Be0Nu5iDkSqLE"
    "9zROTKdjh7EQpOZGitafd/rEJFgmco9/Au3cMq6Kx+G1WgK5VCNU6kcFVBZxsPOjvrXp91"
    "P/c6ss1bA66tjzmLf7KNijnruobpfMNa/ARN3cwVBTQYNpkH454MPYNccMZxtbx8Jy+KDN"
    "umZpki0Wi5hDADkahkY7/5hkhN0ucc5Bf87+YyHZVW26wqaalZkoelMb67NDYv42aOEbUw"
    "RO1DkTbDH7K7DH9INRnOKqBnzvK8kETmYd6gFPJ2s5v4r0dHx8c/Hb09/vDx/buffnr/8W"
    "24m9O38rb1af8r7OwY+hmCyg4Z/xXWqZ3N+v3bBZi/vRr5dOQx8Znxa0qsR+SRIjpFGrBi"
    "MsOf0M0NfLo3Nx5vZsh0kONlp/qjb/GUSxn8uiQ6ufbpaz4Q8r6olp0JW/ic8k6O8oEzKm"
    "BmDwJmdh/a0TBTYt12Cc6+qT1ZCrWsHMASSgVwFsD8x5arppYgUyGUCaE2HUIJccuycKT8"
    "nHOp00FpDTKtgYoKih5IJVBOkLUQ6uMiJemOs0vSHadK0vmYyfjxk0BLWXEbYK5/R3uyfx"
    "rjv10PLzKSBkKKpOBo6g76D7JMtodnXg6uAEVMWAzwfHne/XsS6rPB8DQpBcIEp0lWDeWI"
    "ysAeEijU10d9aeP70sa1GJFiKgWYSlmE6wW3QUVv6oG2ITa0oevc0h9Bl2qJFS0+4CDPjk"
    "bF0MkiMvZJS9o1XWBnDtXkdDBXLVzmIAdbFtKQp4J9Qvw55j22HxHE84HHg2FRgNf3gwhr"
    "l2f4YnzV09a0+h/hVbPzf6dXyk4j6ObmYsL/wUkd6ILBd6hGmAV7HPGNFBrnzKXJR7xgyN"
    "LIzOUTIM0JX2BMXt7chIQ3N68OELX52/4Q5j3xVpow9vFHvhTWQAf57/HqDX8DAxvuMqiw"
    "t9DuwGtEoDoe/4pcjEwDL5aUv55zIl6H8bVGQV8QmNMrgCcG81/8YOq4oPnwj0hKqHavme"
    "JDhuStP5VhsZGGRWWB2rCBZB3bU3WrUwGpZP8cq7HeT4SUszhFSLZobeIHDJ7Z2mI7VqfD"
    "D0WyopMG70hS9IeUCklLtaHwh28R4AWHYl/BjUhIcYBH/KCXAxwhaYW2kufM6f19lK8khr"
    "6cwfDiazA8qTkmuLHGP0ZJsHa2br6iqKScr7e7f566RFhxEZRzcEzC3sBjf9nUjt+2zh6K"
    "uBIRkFILayQjcjRKl1iXW064qQUJzsztQn86HA5i0J/2k1v9+/lpj3MfsQ58kOnExL8V4C"
    "vFoAxbj1O1rXrt4dHHIpz96GNO05WPqR5O+1dXByJN/IIxZQrrXPYuPvcvvp4gn35MroMr"
    "LHJlJP7pjMmXbn8gyu5w7RCK7ny/uOp1OY6ng94JcokNEabid6y1lIVWskT3HM1xoKOPZC"
    "WzPccRktaEk9XnMI5aBVKgPhHTkqDdTnTLNjlTm4JbdEvja2BMXOKYElXtibo/SeIa1rph"
    "loY2rbUIUsa2TSV+rydCm0Oq1gWBHBeqUnacU6XsOF2ljKuG2CaaVdJ7niBrLtZc+fVMJo"
    "FBG5lrVeHbQFi5KmL2HFgZSKlrrHGETB1VTVvfhnhZu0tzRO8w6cjSFIJ7B7k5Cktz4oTD"
    "CpRGv8WajW0kaNCU2qh72Ue6Bb5H9gYNIa8Aephef+u+Pnr/AXx/0KkLG7Ja6ZXmUrlozc"
    "pFa36R9H2uJSu+kdLRSHEqFTGjRLLne2SntEuXrbXQSVolnDV5pW18z3ngOuscp1Sr3ORV"
    "1nSRb102IStKpKrFPF0txkcsjXHpuibd1Ux7BnHRwibx3dWswiaOo+nzrF7SkbsHeZojxI"
    "hy5hgbXEB/nEIDZndpUc0IAlg1FC31+gndcuAMJG4EJruHOdcQIbI0tOGJWFpZjvsmnqDS"
    "3Pc0GhXsBXwxy8YnJMhaERm1BSUVvryyZoAoTQtxPiqE81EOzkeSfmkUUgHKp5Ym6VqI90"
    "b2NTP/LcE5k4UHw5VIKYu0VhaW56CRReWtsv17UpTqQ5J8SL6cKgU3T8CM07Uow2YrouYK"
    "f1/DKFmiNkGldvbTVgc90byjoumhZC+QpoFd1P4gYaMFuicF27MGnFtfujbxKRdANzM/pz"
    "S4kbzp/eLVRcGNn1KNMp9x/cq5tPEU25CO3ZGY0BIjDp40oy3jgwuY0byMzhfMS9Vm2HE4"
    "6gzqNwYZgpNb2zQgjfwEierVgWGLIRERD7auBTIJCsLjZKa0DT1FhW40K3QjsZgSeTI3dy"
    "pNvcUMqvDK3qZQNSShe+93eKWYvORypNdiSPCI8j82Lv7sdCGKns+xDVjkeK525EZldtmB"
    "m5Dpc47b5MgCZy0cflAERUR+MPwvrzKLqHOC+ZJBTRbiQtF8KKUMAYsEP2AWFlCRHaxVp4"
    "RKMd3QVeWIgiyr2dD/oEM+48McPGGijn/kV4sWAPxhFtXvsHGAGA2fOSbeQxnSbIwMTBgW"
    "lWqm1LI4kU4XC9NB1IaiLg8m1L5BlMRnV+d7A8/3O/6z5H6CpzNHA9om+wo6X6+G3y99CX"
    "RMPvevemejE2SYNtadMTn71r246A1OkF+yY0yuv19eDq8gg9RdLqntJL/QYp6GQo6GHD9D"
    "KsbTdKxS/pyQoHUxtBtxm3n7oXSueoyqsbnqnRc/e2fyLyfBX14ccCb/AAW4OAs3bZaOli"
    "iyFO+KrMS77IV4l1oH8DVge2JTafvMnMoZCbpm1M+A55WtnwHbDTgR88qliV/kteVZaI8I"
    "fmfBpdp2fQ1oaQGSQvnFS1O2cflsrBmy1hvNWL1APiznMIpStab8wJadRYHv+vaxpDM0Sd"
    "cif50KKVAhBWVCCnbRZrXlX87ui3U27YPZsC87ClsNbsBhYro9A7uosVGy2Qp4W7fd27ZR"
    "FcmKQpvZ2LaIlzVW1crPA6jYuD6efdCS/ZwIAhAm1mowRQ3e52LC9sLl+ZOr4VU8XmJvQN"
    "poiEN6ez3hdVltwmK+l8liRVA43AECCbS0u0EatCAZC06TAdbuoWT/HcZL5mvvDyfgO8HT"
    "hCcG9N6Vi4VfmFJ7gW3kvbmw1DDHtCyh9B+MCXhK+LBHpGsEEYosSmZ8XGjNkXhF/kj5o3"
    "zv458Jf8kfEbekeNPSFfCVE6WiE4Wv6gTWUsKI8qIjomSqsGzxqAj4qMrbqqJUyla1nq3q"
    "n9Qka1lTYoTKmNJoY0pwiJRc4giZqojQ+PUtb+qPULXIXrZtY7/KfXquPXD2DlWVd9OIvJ"
    "usoFOVdZPEt3Tg6dbyQnKaHRZqcygyQUo1ORwS7JkX0M1NaLoQ0aJe7KhJUtGfB5GwTpOA"
    "/5PxVUmbUeqb2mtq6FX15MsWjXSF7oAv2Kp7oP6I7vDjCdKgIaLoSQh9bPk/DZsul9iAxx"
    "HsBXBM+T5lYyImEkVBV4Vb+A6CMAw6Fb8ArD2mk990MG2HASGIr3b6Bpe65l558fAnpaw1"
    "qhhMM4vBlBWHt25IaMkSRDOLfkh0zOx2ZMH4Jkcb16JPbqIXmY2X1iPna6VLAiQIlea37n"
    "YHvyV/0VKBkVGa/Q2JrOOj2EjM41xjE6gxVdJsHyVT2Ywl7PYrqSgFeE5hqihRLSH2u2Y/"
    "G65Tzahr66VyRVYUW0wWecC3m+Ijm+6lqoJK15Jr9s1Ojg1zvVWOESpfSJPXeG4aBiZrrH"
    "GMUK3xHqxx2fyKJFmLVJ/anC0+RmDPk5mos0WOFGHr0lQ30pDPszCWrGUfpWmTvaq+JCHl"
    "lFXuw52ftRtyH66cEsp9mI9vjFHuXcJDwySNQgH8Nr43mdwoukYE/5U/W4u26EYj+ZOwZT"
    "uno8gWc1JP7ChJgSh+8O7EemzMNQPd4innUkgjCFTqA1FYCD3MKQKvhKZDCw9H+JShQ4cs"
    "3r+mWVWPj0Y7WfKqFyof49Z8jA+26ThrGVPilPtjFu387nUGgqgV4DQPGhNxJZyFUNtLEv"
    "JsgdWLfuyd1SVgpmu114uR7s9+eJbmNdjhZW0SMRqlMTerhUNDod2CKJFjsthFffamLURR"
    "RbrBBdq7IGcYWkZx9sjdXE1Hi48roN4wxzW4Hv+CywciflXn+gdXMpDFoaIEImn5oUdtr5"
    "7TKg52qdmcSignTDMNL652bvrffVzXqfsRY/JAXQvUJcR/IYx5CSrTDx0aHHuX+CNsrEPR"
    "11CrEtnR4omvsiNqvQFw23/pamGyz0WZ2lj+MmdZjisxwhQrA7uibrLa1LnkvKd3MTrxPw"
    "9nTLqn3gVve4/JgItTJ1xsd/CY9P5+9v269/kk2PDFBPhNl4El1CkV2ROMV961It61hWbf"
    "rVGIL0mmHMUScdbDqLwuGCNUmmCjNUHvWC/38cRo2qSu1PbpRKS2ctCmCRVnSsPrS6DloI"
    "0TqW37tP68Evkrqs+DcKI9A7io9hzjiAUc/IEKVR3a1nv4459tAWwjLHSb+DaM5RaFN33g"
    "NMr2c+qaluH9zpTlJ7x3kGf3uY2Oesrqkw2v1CaSLP8qXlCZRXZpFhH/TcGao23745tsBl"
    "k3iaaQvn2Yo28fSqJZDYNrHxl2p4xg1hWJsmkUsWmoXKWnjrVWqN6qWruq1r77T6nGau1F"
    "Am1tShcVQ0ev+BTtEcg3Gi761dYMqdfUu5ErOM/CIQV8pWDyBXflvWa52HNUPkADJXAtOt"
    "A5Gttopt1jRL1CQ9FN9YIhpmsWRi/Hnfdj/sRx5+NP/L8Sf+kmHjMm485SY8y7dDruvIKG"
    "2Ezn7CBS3IjDJ56ONLhAXaYRw5kzqEok7sPM/AkOXR5Ao059HrzbmPD3sUULbejCqdPF0o"
    "Vgs6lNi3bP/iNW1j+iEKuS0arvZp3u1rNB9/r69+HVrydIt/gn8UDtuzH5NjzveRfndIG9"
    "ayPO9PniYuaA27V7Dj5XbdEMh6v4Ftd2jAfEjV6oL/3fenwq8x7z5fl+8fkKvN5zl3BFyx"
    "iTS76Kky/d/uAEAWObTDXTGpNBbzTqXZ0gfm47XqX+3S+V4ONldMmQoMnLs6Yu+bEAuh8z"
    "wf2Y/gz4CVbGPxKMV6qENN90sZBa7HOq4KxIlN2jiN1jxvlZ+Zz/BJXyl6Y3rweRTOkFc1"
    "IerFI9LGZIag5v6IwgjpHyAxwZ2qOXQgYSu05djiu0e6me0gGGI2Wte47Wul20q2zaetbN"
    "l3YTfNRyZq/Myir8aH9wVeb6nZnrd9lcdV/RLdBfVcV5bSfOa/vRiQ0THOoMTtxNdNc3ap"
    "lcVetIHFTBrYM8F9U8MqiAk4pQ8hrM19BCAjREOoWCIlGGeYJsl8OFgo0g+n4K+Bi4lExH"
    "VrCkrmkLhZjBz1URZrv0AvkbrqgdxR++HyaUOjR7iYmk+UF5WzKbbiQkTxmg1tmme2eAUn"
    "q90j93/yltJVxsszKnF8MgFzr9e09InZFRNWcU+EpNul+8BFaDU6u+8dsW/1R5ui2Wp/O3"
    "eEmxZkWlivw3WaJRguuzWGZ3aay5zHFKtcyNXubgmywbv5OiU05dSQSPij5oSfRB21FVZg"
    "plptj9ibohN7mqiLKpiigqAKEYriUDEFbCVQ3Ytr0WSkoSrZDnCs2GK+a5BtbIL37f4pbs"
    "6HiAjHu7MFkN/WSuw4naBNU2DOFie+UYw4Pt97RBPOywXSQYA8aKUIkwqxC9jKTxvmCvoB"
    "+DGLDaJN6QsGryK1k4Rn0T19xCRpneK5c8ppBIPbnDktMsp1V2nKwVhvgthBXAd1Q2cCNK"
    "00KcjwrhfJSD85EkfIMSBwIfBVAlsE7StRDvjexrZv67VFqsP1yZImRZscqD8xxM+6GAV6"
    "4Zd5xKfUCyVKJQAi2ZTZSkU06TNLju0qKagUv2uUpQqW37tAk6GhFV0cYUDcHaM5CLmpkS"
    "fLFIGlHMuFER4VKWkoZxiMLJREn2WADk4LvfpqF0X7dwgkc2KsDTd61ILForp0u2LWvl4X"
    "naiDUkUPhtjg3Xgu6huu7aNjTYggp1BoY+4Ni4uRFFKFjY1Avpc43MYDwk/jBEHwh6uaD3"
    "2DhAouZGyqS1mceMiUYomLUQlGQEk5hvIHt1gBj1yCGjCYghe4nPq91jJvosW5SIpy8tjR"
    "AuxPuUYbm8MQmK8QkbG3NMx3Vw0KuZZWc7wYPEhgp/5KRoNCz/Jm2HiYDYA5SsmBe75b+b"
    "/CaAkb6j7HzbtPPFVz+Fb3auVYqwYtbVdk4/UbcGdv4LhuDFoFKN16DYbwOY5AilFU5JSt"
    "Zqc0vxzVbcY4RKb2+03o6Jsc4SR8jUAjd6gfevCWTHlxk6JXnk5aB7cQFVLn36MfnWG0DR"
    "SwxdT8+6F2e9wQDu6/BTLQs3pPujQ5emXsasHxK0Lvl1M70SxHJPbKxJA7Ny3CdJQoV3Eb"
    "wDhSMN9SmlXEUgGSk5EbIE0LecblNIh1e2e46cDoeD2BFy2k8mO30/P+1xViKg54NMT3dO"
    "2zCBv61xhEfIVA5Uk09w5UF7FsuscqCexTKrNB2VULJ/CCfMuOVAlhMrd7SkKfTKtFwQ2w"
    "iFAlQCqGvhkoCuKBSgaUDXYgA1fPhtZLAqY68RGXsqr6wYuiXzygJHbdVYFN+tfeUWSnFq"
    "GPstim3k1CkArc9Pa0C39WEo8aOnALYJYXWbGO/p3pWL90U4hN+lsyK+7Wr2meIMKwG/Qq"
    "6p5jiYGIBjxSTKbjhRi5hGQhzQjKoohb1T27EnpZH+1RBqYRBvogyEMeO8EBM+V9XdNBBz"
    "9fhUjy3aU5sP8LzGjsNfzVO7pIGe4YiDpwM+Jyw6+On0ZZJsLQyMBcIlvRbDGjHQAz/o5g"
    "47EP8QUZR4ActkI38ZmCR7ub55VfJys4IaxckzqdSbNjHFFgMWoNNsyaCF1vSo9b63SdgQ"
    "ucS3ISPdnoHssNFfSgrgbNHjKXyjlAreDHihV3d5aAOq7cF6tF+wBm3Py8EaUG0P1uM9gT"
    "UQZib8P64jE66znTsS0u0B/OHtniBsmDP+UXOm6UrsX5ngJqi25j07/GtJsWMgGgDDe34S"
    "gJ4gOp0WTKF4BqELey9jp/xqZbIMi/rghgSPKP9jSx64nS5KXf63s+71WfdzL2GyrKTpX1"
    "oa6Tt40ZHo+OG9gzztHszXEzMYViijc0Y5//DKgwXlwBBfGfPeNFx+x8KaTUAjh6nTGvxa"
    "MyhdvVm6umM6WVp6RgxEQNDCIkwbKXolslwkwl1OH5WQogWJGnkxr5voo+JoNmctJbNpY0"
    "R7kUlbB/6SXNmlTSFIuIwuEiXZng5SUgXpXGJb58fTAXqLHArV1nYkJ6vWEapGW8PYwN6l"
    "HqgMk2exzA00KbSMX8Yb0RcEN06kcFVB0E0KgvZ3Zw0wtz6kNP4hN6qw2ZXv37i08RSLKk"
    "cdiV1MMuogz0IWek2WcYICJfyXYjO88IqL6XNq6ph9Qpp4byR+FJpSy6IPoihYMrLFj7iR"
    "lfCvb2JlWWuWZa0J7r0tVfV6y6loUI0vePl0zJdy+tWC9utDAbf3xjsCmfNMUXuOUMeUx2"
    "LnlUiRUG+xUkrAZMpYjzR+WjjsBIk3d6CEpMXfqnq5uhrLp3gnScmM5iiN8rrW6XVdhuJj"
    "JX/r+lLoXnhaYxtw0z5WkWAjkyP9xJscyTEYUURUhMKv/mHI0JxPigkyySd0c0OJZRJ8cy"
    "Pq0DLEmQq6Nw3Mj06TQEFbYvDx9xi4+61rWkaWzFj/E5Tw2CzhsWw3ohZ3InpfxCf7Ptsl"
    "+z7lkb3jv0sO7tOB6QHtFj2zIqY64EBlpJazQff6+mo4PD9B4RxjMuiennDp5XZMzobnl9"
    "9FELpOF0uuaNhj8vUffPTskY8bXgz6F70T5LGUgmJmPED9qEiA+lF2gPpRugTiUtNNR9IT"
    "LdtxFiFRxkqZKG/rc/N+LXdKglSV32uyO0U5R5/FMgdiXTlFMEHVYPPHzvikckcqt9nued"
    "SG3GbB918DzqeRqfaLYxSFOMEsK5Sz8HV4ifm0VFo9a1Vdlrg/1y+bNIHKQlUbp7eyBNNG"
    "CxDEIJOYzpKQZpvQYgtZ1JZmY+hyI4oCYKg/4aUaiAJeL4KeMbLaAgUJx2RMbm6WUFTG5n"
    "9Blsmg2gA0pYEaQOgB4zugBM+r/siFOfTyEMJHj18diGtw39AeGXr5Fv0/dE4J/8cr9GA6"
    "c6SNifeUE3Rz88cfbw/Q0Z9/el2j8D22H/3RwiL3OzYIZvxfB95YviJ/HIvRmgVvxrcoi4"
    "wfk9HctWG8eAH2Bo3C99Opy7cLmtp0Eb4h/IKbG7+ZDeW/803wT9+/6L2WBdlkY/KgWdZr"
    "nf/jDoE0j0wiczyLW/+G3ljKetg866G/o9PI/u16eJHhCVqRJBU8U3fQf8S3sb9ikwxHAC"
    "Om1aXSD5KZBgl1DSZIph9Ev6sSOztJpvQDmWfftT2xtnxEhYxUYSwNCfWPCbmRKGf3snrS"
    "Z5oGcLn8GdFPrBx4EZJnDZ2yT64D5N7ZJ1XfCGWa3D+EVUMDVX+/sbgqG3ojbOiq/n4xdE"
    "vW31dF4jdXJF5VLt9a5XLl6tm678K9XZiMea+a9lys7h7k+i3i4wo4LVaVkDTCHrANHoOg"
    "bucnNNeIqHJsEqTNOBTIxiKe18vvcvAPR/gEuEbF0NTku0bm3tjEIyRG/D9iRdKD1Mo/lW"
    "1/lwWb+PKlYc0pJuSPV6WESpcS2r+W8+X3def6++l5fzSCitWC1TkO1Ky+6o2+X4km9DZ2"
    "XJt4137r9373rt2b+AE3pO98+NprmA6TtMp42GjjoU4XC2l2fzb/i5A0lwV2RuJgFtL7C+"
    "Z/X9WzCzfCFYOPf42vLUGq4sWb/K2Fi1W2VFmaUBlA0wZQr8NFST/IikRBmoY0UFbKoZqg"
    "UlZlVShqo7jmWOuz+4KUNsm1sC/ZQcIul/hwVXGoOsGtWBxqhbkwMFWzegZ7+Yup4rYL2j"
    "5H2JaWOhDXD/LsnU4wooCl81+uZvPxUA4FyPhIk2gW8jpPiuIDfmKxgeg9Hwct3CBeWmbS"
    "rDSX1HaZ9H0KKJTxUpU1aERZg8NCteYPc2rNH6ZrzavoTRW9uRvoVAiaiuzZ/WatMbKnTN"
    "Wv+uS2zyYTKVwy2S28lyu/GdFRT8lw2fgqiao5XEBJVIUkqo1079mvWlFr+H8ve1dnvYvR"
    "CVQihg4pY9I9H36HC9oi4CO79/Hea5Yr2een5iyTg4QkTZYmgr406OXha5DnQf1dmIT/yR"
    "8saZuey2T+enR0fPzT0dvjDx/fv/vpp/cf34bcJn0rj+2c9r8C54mtjqx/qSatcFns41hR"
    "b9EtSx0/krRUhET/dNC/+Hp9gph5a/F1YGNyeTU8H/JvxqYLOibXo+6XL/y2o02nYzIcfY"
    "Oaaqtn7fzrUSW+nofLVqXQPYtlVrq20rV3/yltRdeORfmFb1u1DlBkqr09sLbrT+r9WGLC"
    "cEdilghuHeRZJXBkUK1GiYTxIW2jYEtwY/K//6kME9s0TOgchxm1JaV6i+kHUfpGK9DX3U"
    "H3qt8D9UCzNCg2BaHSoEDbQp3+PuoP+iMxwHVMy3TEiP7Fb3zM8OofJ8gk93wg/6mNVB1C"
    "I0BxzXtF0ybhYsvaNdQvw0TP+H4ypPgIzRa16l//d1RSp17TwndcYHcfZ27u45S3NDgaUh"
    "DnOEsjNM/a4UeorMBVjuGZSitbNSgIf91NWcjsfJxjdj5Om535S7iQtjC5w6U4QJJuLbS3"
    "1Meq6ziaPoe3RYwff0W7KW0hjCJEsax3JUXYut2+ESdLCJvAaR28A8LW4b2R/a2DxG1Z61"
    "kKE7TKItxkU6G3WpM8V03eMk924qXZ43NbWeCfx2flL1bZ1LgUnUrjUtXslHujUWC3JZTw"
    "i0lgna69FuHedkiY7pNDDvJM+FNv8IRFRz+dJEKSpeMXlODHoHM5e4MSI0T5fOo6SEM2fU"
    "Au88vWiDd6wZI6Yu0PGBN/RzH0UkO3Nv/Nc5FsQrDGTxAonaNj0FdfsFeq+H0THQ/KcLpp"
    "w6nB93vYox6SsErp7DLiLYJ+fHBYEnQuuT8ydIun/CTkXGOpPQqjlcmQAZ8NVBjRXjO81M"
    "S7rmXGOi6mi+SoIsk1sl1CoEcR53STzNpz2TUc5NTbk6aOGs19IilDP7QFf8tbZ+LM+fEw"
    "p5aEp+c5yzImaLBi0DlfBah+4t+DpdkzbCP4DegWGscwBD8KaYZfOO8NuuAPOUF0Om10QO"
    "ucK4Fc6ePfd3oJswsMxalaYCbZdkEhwqHlJ4KO+atyjbsEl5JQbo9DHe4Jh2qgOr338mdK"
    "mS6j4hVVvIcEjyj/Y0tq904XpS6l+6x7fdb93Evo3JX06D65p6aOOxL9Obh1kKc3m5FBBW"
    "oq3JqWxZVXLl861BM2odgBQSP+G2e2tvjEL5kG11ht6s7mQnO9pVAJNhBLlza9N7lsLSuy"
    "UO/kSvNtluarYrVUrNZTQuO+mhw4A7KolpGKKUc4QlIPwLtlHjF0P7wrAO+Hd5n4wq19L3"
    "bcoUtMyppyhpe9C66Jcsoxuez2P5+IE29MzroXZ73BAKobhxEO6xhy6o/AVS7lp6TGVriU"
    "YRuuscYRMhWJ0+T15dKzLY8WyLUORqgabBJsuHzWQBNIM9ahNiOT0CTLQRslUZiqorsbxV"
    "VFv+ws+kUV4N1cAd4UC1bIPo1s9OApgKsQwWrAdYCNGeaqtD/bfsltRbGNyquNioaLoi+x"
    "5CcWJ9uab4mBk3BTPG3SHxLsh6Qt6D0WVnQ6RVq0h5suKvaJfm3xWLVPiGAodqzPNTKThJ"
    "bUOvmYjMnNDf+XPcOQP3ZzgxbaHRRfRt5FNOe4YD4J3+cn4PgXgSH+Tf4oToNMBpN4d05+"
    "9v77y4n/Oic/+3/55eRn8guf/2GObYxubjgJEq/pheJ5MzL4Kc5cc/wHjckUikPDBX8aiN"
    "Cz4TcwbATvyDecNwk4h/mrYnQrnoD+Bx3e3LyCgAUOmDO3Hlcv7r20uMxfMVIdgr/nI//f"
    "68WCv+0bPg2fE9tEs/gW569sUD92kPHdhODtvLUQ76jTBSR6T226QNR1mGlgEVGokTuoFO"
    "V4q2XThwP+SoEDJnC0vIKH+T+NeQ8zYSGWFv/4xsRjC8gT+xBnI3MskOFrDK8BjEmsxi3W"
    "NZdhNKK2Q03+F10jhPJ3E5YhPljsa/G+Y2LjKX8ceIZMh2FrWtDHIym5EDQKPEDpm1QXlm"
    "9DlGSAASxRjUNUzRN3rLDbZaz1YGGHUp5i3TKf0lYU6mzPU/urJHb/ce5VSfS+zzEBc+3X"
    "3onPRMbkc//6zKubGFRghTIQX75fiH55U5eAkXl4ddU7G/WHF5yO8q9Ah/lFZ73e1XV3cO"
    "JzM81ay/R8VMT0fJRtej56PsUfOtecRfJDI1JrEQlOLbh5eHgC0250yJryPKa/g5o9j9ED"
    "K4VydqGIBNl+1IoQfQgT6RQW1TUL3brMJPw8RvDC1TsTSgpKLLiAQdc+RVbUTS55cNa9/g"
    "YORjYHj+OVcDba/GAYXXUvrr9A6R8OH2FcDhuTX7vXl/0TdKexpclH9Aa9r1fdcz7CFxWb"
    "4Z3Mi9vMZkG5MZtNWrE1WdC7Iji/y8b5XdoLHKplpVh9jKoWnBsUBPGxCMofs1H+mEI5ot"
    "6VgTlB1jacD48KsY2jHL5xJGEcoXJbTsBMENbiFd0E2OIsFXYiLlRy5R1MEV5oCWQWOmhB"
    "mbBPvGq0gFm+coQqGaFKRqj4j1T8hyoZsUFXuWcpLAdsjEaBqqJmVIRHa3CNuBRKgpumVK"
    "xBhdCoEJp9BLh0CE3SFVkR4Hb2GUihnGaZBaBe+XYrh9WwYrt4T+GNiakV+mf4aagVW2dE"
    "Ml7bAXcqB0qEZUxs+lC1yUgw1xVXCNsD1yZjtC61R5taVkcSnxXcOsiLzVpGBhXItBbxPu"
    "Dk9ds2SEKkTlZN518atjZ1Xh0g/nyb3mPjAHzFBNxjd7LIrA3MX6gnq3iqasq600Rsbw1S"
    "uGY7i0OCPXITT02bOcjQHr0wPezt9424hvcwN1V8zSWt0p3PV90vEEAEtGPSvby8Gv4GGa"
    "kBSxiTwfDsV7jicYVmuIBVDEoa5ZpjUIJTYh0nQZxUeQka7SUIvvR1OrXGSVU28F6sc1l3"
    "UJpQ2Scl/iBxPK7xEcUI1SfU5E9IuaeUlX/3n9KWu+BaEIRbzTDlm1IGfKYWwb4Nw5SALN"
    "s4FSD6pIFqYgUjCyUPOljT59j2Kts78xP0AOllDxrzUuawgTRieBdNB2HNJkyeKLjuRFK7"
    "U8TY5s+rjE47NTqVL/K9k8LejUc45WotA2mUpMmYdq79DNoll8gwdLRAL72/OojaiJ8hZe"
    "NSa0N9YRLXkR1ymaBHKJqM+c72MURME1fSWPGpMGufqMmgChtjmCsePeN87tbo6Ooltv32"
    "CpN1ci2l5E1erbKfwA6WIwgaWXc90vRqQdZekDl1betxrbVIkaplWHsZ/IIZa61DmlYtRI"
    "VsHHEor7UQaVq1EGsvhGb802XOQq4d5JZHiBOqJVh7CRzqeHUyioMfkijY15eRfBtW2Vqf"
    "EaI2oV+bkuYrLuVwjRMpXJ92YkTMllXD51cz7RnEJQolRr5aeZ8dyRauA9u2pybEP9xGVU"
    "q8tDTSkXk54PpBrnsjGFEg+BZcIIHNZmmbOuZXmANVBaP5BFDvjqCXY/ftu+O34s9D8ScW"
    "fxriz/fiTz3yd3H93RHE0iLGV8vCQalCakPNO9vULFnAbiPeqVCQr1ga5W7ZpbtF/DcFa3"
    "bEYzC+yWXu1gx2PCpUFuEopyzCUboswn6VFEyljpXyxXw/vT676l96hQGjM43Jdf/i66B3"
    "4vMMqBTVhzqBgl8UtGxvuEig4JQl7aQBSZMl1mib20Y7EVT8dXqb1xx/3VrfesdLn4TcJN"
    "1yDWx8CsoYiwrJ0C+Sg36Altguld9Rt3Z8r1mmYTqPGd3mM5chRdfkxdiZ7cFf5nWP2wj5"
    "FnmJ5jiY3zdKMpROdzTqXXwWaTX+DGPyrTfg/57zHzkm58OL0bfBP06Cj2CtU7b2JBuX4B"
    "+6y7Ax4Z+iLi0AkPkRSGm32Cj77duSS+T59A3BiqCm+a0IUdkR61kf952iXhFz/913jL1m"
    "63NzzXSYOKmK5W9yLL+qgfcsllmlbKiUjd1/SltO2WA6XVbO2bA0cg3ztAj1zMpLVQuvlK"
    "u6tDdwbdrn4+2vDMdPuPnyvT8TFo4r4APSqWsz7DlAZjZ1l16DIwKtjhi1hCz6Kbj2YPLF"
    "dh3kfU5oCh07oBL0o0cq8+fUPv/TzZCUD2abPhhvgUvW043SqNzptM4ltns5TKMkClJJzB"
    "SwxnIBUysKJecWiOrxIw+qhp340+wZuIXjeVab6ulgHo9P1gDqWTjRfjGBoqjGDpQClS8F"
    "s6wB16/BPO2ENXqmNCo+6hrK+T12wzjujkRkTo3JlZxFgcDHiRYfXkCAvqXEhcRNykzHvM"
    "evPFHXwIYrGguilwTPNO/O1AszimeAy4TmWuZUgnKzBGVVkLDegoTtbYzZ8OyD/WhHtLXI"
    "O9WQSDljqvrcVEMi1TtnDxFW+VLKg9hY5XW91i4qf6oN+VOe7n/lWlJnWuTuQQGbgB0MfN"
    "Ia8I0+rJRx8HAtNdPwetrf3Igw2An84+YGUfLJS3HSbIchLjEgd4leamhh/kjXfKpz3kKp"
    "TZGPYDW7ynXaqfkgshBSjSAn9jqk2g9DQh2agMResCrUVM5mEKdrbPBow40GkbJM5eGPED"
    "YW/w4/7xGLVfQLy/g1OnUJAIZCTeWXJaBq7Jo0/JuIJDcUBz5CpHCvVsHpVmMmmyypWa6+"
    "aBZ5Y5ejc/iXw7dvwSKvIT8PYke5BCpNsrPxNjXKcvwcLMfKuKmMm/uDqzJuKuPmfgHcZO"
    "Nm0NW2v1hSWx77lBhykGvmDDvumqvRhbpi3GrkDoXkaGpaGHlzQBEDsEMy/l7e9Ze3j+j6"
    "W/f10fsPr8CEaeOpSG51HkxJausGpi9k+WRzjc+gTJ07NXX6i1BCR1hRtDDA5MO7AhrCh3"
    "eZKgLcios28MWUrZ0VpWkhyBupnyXvYJ5tWPCHK7FRIo4HjL8Mv42QKExl5hhlK3gOtgIV"
    "ZaaizPYMYWUwaHQ9hRpaYIYq6hXnWu3BfaMlAmKY5an9PqZFdH7bH1og1WmpPQpFPKjRrK"
    "2U8zfo5sb5ATvr5ga9BNUclPcXDNEHwn/F4hbbQi33lg+8UCmNv+b5xyS65Q8Qo3w+/mOR"
    "SZDzQJFhTqfYDuwKDIgDeRFRUsZm4L2Xshns1GbAV5bLP+WULZ9AHboy78cPuTSTbSBYUb"
    "TQPPCxiHXgY7Zx4GPKNgAhnGsoXhEypXU1WutS+Ym7CmjjwJUybYYEWwwv6WyFbR0XS03M"
    "yUxMsq3mt1zYErQbMRjrdLGQRsjmhEetSFqH8UZSa0GncCXKa7E62yvqJks5nf755fBqBA"
    "W2A6VmTL5fnHdHZ9/goksWmqPP4er1r/3LS7jG7szl0i/lvfNS23xH23JrZd7xGaVqka1y"
    "y+ensmhuWrmKRFyUgTdJprCVYuv1/i6JbJSoRaxDGeH30wgv5RY1AC0JDGsp1klmWQjojP"
    "y0zYVHNoxrFAc3yi8LQCsksxqAHWBjhrmY7s/WTnSjYmyzIk+jZb1l/qdE2e8c/1NyZBH3"
    "E5SIFjWjHSp8Q2IPvkGX0MmOIY0YCFL1+d9sjHS6NLGfIy8S4oFYcxDTLOw5g2QOqHqfMC"
    "aQ/Gkjfa6RmaSrKSJQ3Nq/zdDDnFM/aF5d7IIl/CQRrD4T4wNlNwPt1UsMd4ljWp7nSrmq"
    "tuWqgqWfrNGxMU7XJuF/2wbitnbL7E6B3QCTMUymgyvhk8dV4JLfDRGxpWWWzP9UzTTbli"
    "Xa2maaO7M77GP/xnVYjOrcqD6BdnVp3COEOfOwHTaR2dyya0DFiJ51Caio0lMCwATZfkDY"
    "Oaf3XKn0NFBorMQ1VYz/7aux+Adn3gwafW2kNrfBtdZym3RFsSfw/j7HJKLPszl1LQPdYl"
    "GbbyOg7p/juqPp0KWgpITc6Z6N+r/1uIQhqMfkS/+ify381lOTmEy4rc+6F2e9wQAu6vB7"
    "LaspruvwddZJq0rQqo65TY7w81ZrUr4efopQRe6oovjqs1LpipvXIALDYDloE1QKWNWyUa"
    "XWtgBh1RSzLeFnbcRVxZ81JP5s62FR+wpw6bgo1TS3CKxZTXNVc9cKoBZo7ipTHGoA9nNk"
    "qnZim9CXKlTagFhAs2qtjVZGTcYr2nm+jWowRcMXv4gJW8RTN1uYJI3cE+GhK3yLBYlOpi"
    "uCQqVKXIZPwpgnKlw1DCOL6pqFwNDnBXES6kD8pc1/lfCLCVef6TyiGRTjQ7ePyPSK+6dK"
    "ldQ4/5h4dlPVtrmB0ZrK5V7JaYmJURa8CMmzhm4/+iwrh5JyKAUbWDmUmi9O127wjApp5a"
    "yeaUpl+nza9JlMnaqaEZqYbs/ALmyZS2+2RqXWdbFt6vOORGvy7xzkaUraasxTylE2skrz"
    "aJbmcY9tJv3GswXACEmTswjWlAGP3r8vUnLp/fvskktwL35+wUdVAmF/eAvRPSwkYR/mSN"
    "iHsoJWxJH6jv52PbzIkLpWJEm52tQd9B+ROruHaOeAC2DEhOkA05fn3b8n4T4bDE+TUjJM"
    "cCoTG7Z5mP33/wM7RR2t"
)
