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
    "subscription_id" INT REFERENCES "subscription" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_ledger_entr_organis_6e25ea" UNIQUE ("organisation_id", "receipt_no")
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
        DROP TABLE IF EXISTS "subscription_freeze";
        DROP TABLE IF EXISTS "payroll_line";
        DROP TABLE IF EXISTS "plan_scope";
        DROP TABLE IF EXISTS "invoice";
        DROP TABLE IF EXISTS "payroll";
        DROP TABLE IF EXISTS "ledger_entry";
        DROP TABLE IF EXISTS "finance_settings";
        DROP TABLE IF EXISTS "statement_row";
        DROP TABLE IF EXISTS "salary_adjustment";
        DROP TABLE IF EXISTS "expense";
        DROP TABLE IF EXISTS "plan";
        DROP TABLE IF EXISTS "salary_rule";
        DROP TABLE IF EXISTS "subscription";
        DROP TABLE IF EXISTS "statement_import";
        DROP TABLE IF EXISTS "discount";"""


MODELS_STATE = (
    "eJztfXtT20jW91fp8j9J6iHZAEkmS+adKkOcxDsGU+DM7D7jKdNIbVuL3O3VBcI+u9/97d"
    "O6WJeWkCzZlkVP1RCQ+rSkX9/O/fxfZ8F0YtpvhtYMU8PGjsFo5wT9X4fiBeG/SO8foA5e"
    "Lld34YKDb01BwJItb23HwprD702xaRN+SSe2ZhlL/1mdLqK8G8SmyJkT5FiEnCDsOnNmGc"
    "4jGrtHh389QrY2Z8xEf0EmwRY16AxphPK2/IpLjXti2ZHGtxam2vwNPF5nGn8+b7/xJ/Gb"
    "/3LJxGEzwnu3+PP++JNfNqhOfhA7+HN5N5kaxNRjIBs6dCCuT5zHpbjWp84X0RA+4naiMd"
    "Nd0FXj5SN/bRq2NqgDV2eEEgs7BLp3LBfApq5p+mMT4O+96aqJ94oRGp1MsWvCkAG19wKr"
    "a53J5GI4mlz3RpNJJzWcAUUEd/+SxihMBf6qtvj6GbzC66PDdz+9+3j84d1H3kS8Znjlp/"
    "96j14B4xEKeC5Gnf+K+9jBXguB8QrUO/5ZaVjP5tjqUXchsO3zF+LjR1IYB7QJlPnrJ1EO"
    "MM2DObiwwnm1EtYHutP9Pvo2vOqP/hGZxGN6ffZtOByc+NN4TAe97tVF/+Lr5Kx3MbrqnY"
    "TTeuJN6zH9ftH/rXd1LTpazfAxPb3qXpx9O/HneHIxZQzqAv+YmITOnDmM5NucEfyte3X2"
    "rXv18ujtK+ib8U3C20Eu/DtH4hYM8mpQ4d/J3Z18XOXrJUKyveHsdDa1ahIAF0M4D2I5xp"
    "ZbGmOPRGFcGGNCS2PskSiMi2DsGAvyb0ZJGZCjNFtEuWsb+C9dc4Gdx+0A/uFdAbw/vMuE"
    "G27F0fZfeGJiOnPxrBTqMtotou9tXFuY5UXmePYMTyK+nJec3CFBC/ePuhkNssCGWQbckK"
    "B94L4vslnwVtnwvk9tF1jXLWLbZRCOkLQO4/eFDsD3OQfg+/QB+EBuOSdfaouIkLQO440w"
    "GSabsTIAB+2bi27nEjtzLgjqxELu0mRYt1OalJ3BPSXYcfkukIb8b9fDCznkUZoE7LqhOe"
    "g/yDTslPqkNvh/nrpUA2zRrWuYjkHtN/DYXzY16XNAB4yg54Vt/8uMYv3yvPv35DCcDYan"
    "AjJmOzNL9CI6OE0MiWYRgGyCnfSgfOZ3gKWWD0ycMjk0Pumb4JfmaF7qGIpR/7x3PeqeX8"
    "bG43N31IM7R+LqY+Lqyw+JMQo7Qb/3R98Q/In+d3jRSw5b2G70vx14J+w6bELZw4QfqRFM"
    "gsvBpTi3iS1CnUkpVWWM5mmNpWREfYVkUwa0Dp0laIGnd1KVpYdXGuAvzCLGjP5KHlNqyw"
    "SqGer6/UL5v8E8Cq6uXtHCD6H+PD69OAj804kjYLji0/2qf8bhBrRvsXb3gC19kgG7NjdM"
    "zlpKtDGnPuWXX6+IGaL5nDCP7wHEWhi2zbuesHtiWYYuO4nLgHYZ9jj0O9zfbT4fO4PeG4"
    "5AoyJk/bCjtkK1IItbYtlzY1kRqvOwo7ZCxVekXXlGXYpO2gqRxlzLrrpPnYlO2grRzGJu"
    "1bX2FfpoK0D8LphF69i+zyJdtRUuEHR13ktFqE79btoK08zClRmor9BHWwGaM9PQ8WNFiL"
    "55vbQXpAV5YJbEJ6IcSKte2oiSSezqjNJAdNJWiJYmphPDIYuq7CTvp8+7aStOFmNVIbri"
    "XbQVHlubE901wR/IrHq6Xft9XfH/24qXQ6yq02nEu2grPLphcwkOKCpB9Nnvpq0wkR9LQi"
    "uLuT2vl7aCZNB7ZmhVQep7vbQVJJPoM2JNwDnYqArVQPTV4121lv1e4keLmWZVnsnrpbUg"
    "cZawBq6yrfDY2MTW4wTr/3RtZ0EqH3bXor9u2F3LcauD0RQ9tZnNtB3+QQthL10smVV5ig"
    "Xd9UVv7UfNYg91QXbFHlqLl3sbdl4VrkhXbYILPBLYEYt4IsR8FOK3kgqsiU0cJ1+zPqRk"
    "xPiPouqs60iPLfRZmBoUfGVqBe6L12cLkYOpuDhaJCbnAlM8E28J3QFxtvuGJHhY7uSRHU"
    "IscTMRBE9HElOE9YVBX9hIm2M6I8hhCCPOWRN+yUcRrbq3kUERowRFg5YlYcO1dSuJEf4j"
    "FTEN/Yq5F3bY+VNFEu8wkjgYkKI+3uEANjh6uDi4Mafu4yIxTMfZQUzH6Sim1SwvAXGcqo"
    "VA1x+gN7MwBTDS5x/j8xVTOdARqgTKt5xsD2HOgfV0OBxAz6E79ml/lMD3+/lp7+rloYCd"
    "NzI8d9NgC1mBHd3Ty/lMSyjX8pxuGu4bdp1OHqLbdaBuGthFPaglky3mR33WvT7rfu7luV"
    "GXEmdKspddzbPZSHjK4FYuI4kjjZ5kHr+xB87UeQ6VyOazBdi4E7iEbfuBWTqaMkskjnkg"
    "twf8umnQO6KjEUeL75IL5NrEOuA8H7pljiT5zAb6VylnmsUommxmlGJjQoK1OJikULlbbG"
    "Psy2Gh4L/DnOC/w3TwX7BQJnNsz0txi0nCWuDe9YG6hQwa/tYzga1HysacGrPMXUNGXUsQ"
    "WBP2kL8eHR0f/3T09vjDx/fvfvrp/ce34WaSvpW3q5z2v8LGEhuUND8ZYnlrMu1urWjLjC"
    "5qCLvczsLo/D4ndHUa2tjQxWnpn6j+V4lL/IAsGLLcpgjNdTKvVM640uxNsd6EKyrS+Zms"
    "I9uZCM5sjZFOEe/N/vosx9o7PEpGtUdp6tHNNIGjqVczUyTuGi8NLrvekaqW4u7SGEE3+7"
    "tvFrESJydtGrPAgFlQx7V+2OdOp2vh7ADRZVokO0AlVVUkKluirYrHbGcrrIx4uwKpkxkl"
    "r+EYQRpkNnbm2BF6I3ulahK2SkoekK8NQy8fyK1QQL12l6BOClnqv/AZYzmvZHmTN/UYpc"
    "FqlgYLhreM/BC0r8cC1yAFVv2GTiU9PAuOkvxYGry7NYY5TqmGudHD7NprLeUImRIMmzy+"
    "Frln6+lZ45RqlJs8yspNYzMMZuMULC1AVTm/bNn5ZaUmSE/oGlBuXdatJL6lFTBb8yuK5I"
    "WTKGviWeOylTWLeLsCyhoPkRe2cB0HJ3FM4z7iqGtpc+Oe6AeIkntiIQ8zXaaSqdaZ1BN9"
    "NbelPunKC72ZXuhP17PaB4/0Tvfzef/ixAu1GNPz7kX3a+/qBHmr2BrTUa979g2uOARrc7"
    "hyPfr+uXcxOkG24+qEOmN62b0SF7zUsGPaPTsbfr8YdeGar5jEot31P86+DQfDr/1raG0/"
    "anMGVjub3zvjffSuJkB43RsMhvyJGu+OWBOgt4lpMv7ss+9X3ZG453Ls4Mq3XvfzZPhl8r"
    "nH32J0Lt5jTjDfq6YcBP5GIhaXv1NQt4s3/tI/gy8K63fxtlNDI1Zyve9GZSUUtVyUkZ13"
    "IATJF3ScKk8Aas7kq0P6AYkmWeXC34HXECMTpEqOVHLkPq0TJUc2FdUcOVLJNnXKNlkbhJ"
    "LQ65fQdyNHXgouc2DQu44s7Hl19yA33NkrY2AGDZ8SJLNhlgt1YVEJUedASXG7NbDDGJQ7"
    "xqIk6hST8QY7KU3TRlTzeIO6atO0nzcoUJYm5hgitmUF7JPARjfCZvEBHvLy1Cf2U05/K6"
    "67iA557i5A0UuRRTRm6W/QKTEZndnggAexL1GeyXPU8xp6oTELmSa5ji4LZTYxDJXKZMcR"
    "qhCeIP5IYZsXJBQharIKeU1fv40Eq04Naw2o41QK62JYLwxdN0lpsBNkzS3J2iSsbw3LmU"
    "8C7X1Rm0CcqqJNYH8U2RKTAP823bPvrGPIW1E3OFqz86V33h30eGdgxoNfFuvYsw6LTN7s"
    "qZucuEa51AxGjYkZmrUDFzETHmabCQ/TKbw4QqU23pCguVtup/fm8MO7dabtUbFEDDl5GJ"
    "L4kgU2zDL4hgTNxXfNyXv0vkheNN4qG973qcxofDo6pYq4hwTtw3cTaUQoc2T5uUfkR4Y0"
    "FxK0AN88M3fv7yLxR3Y59tDKPRhefA2aJ2u0J3w2CHgOTBwObhnIE2TNBb5zhm3yespMUD"
    "/AR9sHqN+/OEDiUKkh7ccmBkXFfq01FMoNRBkllON7I83qqrC5Kmy+2bJKoVNE5dJKUTeM"
    "NmIl7GL8IxVaRdAi1GJmDUWWekE/bQVKuNnzXuqYVqI6/Mjz228rXthx+PfVMLO6YUdthY"
    "rfvefnl8eB1HYqnkV69U7ItuLHpV4bz6oWPTv3emkrSPjWJpzdtycWgRJlRJa+ttyqJFQP"
    "BIj9sgAU3b/8D6y+fxVHai+n1szCelWUvkIfbQVozhbkgVl3UHarGkzf/J5auuhCoKZG5S"
    "KWAVRfDLO1E8srg2dPoNCgYzhu5W3dK4LX0tkVoOVgdzavuBALA7WX8woqFE8MhyxqKFPc"
    "5920FSebS3C6a5Jaiu76fbW67K57G1QFrAhW2FFboTLoPTOAX3fYZIkfKyuTobO2Y6VAyj"
    "399BmxJoTyvqpCNRB99XhXj22Fi685i5kmqPuqonXpdTUwaGsnl197Huv/dG2nBqWfV4G+"
    "G3bXctzqYB9ET61mHnZXfX4fpR1VfH6NsgI5UXAR1eCqkKIc0+K10yOFG1s4BbU5diZLi0"
    "yJRXz9Z1XAzniXl7EeW4ibRRbwelbN2F353bYSv5JBqmfMtWz4nlSQqn/nIC9IVVu1qTU/"
    "hYoG3WE0KPw7ubtLI5vt+h4haa6PcHGAt+D8DoBZbmmMPRKFcWGMSanwrgiJwrgIxpy5/i"
    "fRJCxgNsYRktZhvJHYWpPck1KBXiFB6/B9XwTe99novk+BazG2mNzxTysDcIyouSB3RnOC"
    "rvi7/sp7RYZjI9/yhygh+idEFkvn8QRh+lgwQGbTIaMqICYTehUQk0GpAmJUQMw+BMTMwN"
    "e5Dn/pFiGe9rWwNbasbGbiHV1DPy3T6mwqT9kqZEGiBYrFM2QrgkisWYGEZX5uflGhAom1"
    "8QYNCL7n6CCbcFbl5oZQ3Z4wenPzSeQbs9gDp8KPNsI2mhu2w6w031Jfz2M65g34Vxj3ZH"
    "JHHm9ukAG0487PotNfTn72n/TLuMNvPswNk4juQiyAwOuA81g6uvg+GCA8dYjFebExhZc4"
    "QLaXTA2UMbfYJsClEXOKLDJ1bQKFVG3CZ4Me9LPq+yV0Z/s1PPgJaRo6UdVTm6hPE5UP7H"
    "XKJdiqWgJsLXpZ8CIkzzmp1GrzKiPcxqlqyXTUoAq+74poEN5laxDepTQISmhdZ7rundAq"
    "Dv1y0mqURImpkhTdPgNVDtU4kcL1afF/FoiNFeX+tomfBwmBP7peC2To9idiDcC2Pkd3fM"
    "02Kku3N6klkm8427OlXvisx0m4vIrIvRqbM8vx8mUDucGFPEYJ8jwpUCC0yQTbMqSFEm+L"
    "D1aZt3fta1HWQL1do9PWOPON2E41vMSa4UgEoMypGyVR3IWUa9uxPmOvhXKlzlgXOfB7dy"
    "W2gWI5slfUWzTYe7qUsmb77tmo/1vvxNf5jumX/kX/+lvvM3+Ewc/vOdHHFPY83ohfC0qC"
    "rmXCL7bl5uy4qUTwrmHq8AIlDrUoTXO9KZp0rIEDShmEg/atQ7d+hyClzltnu947dZ4nNJ"
    "UsuRelUayhhDVUnj3Ks2f3G1SNnj3pLaMGlFeRNS3FN7ZRVvCZUkk5yyTlJJbKyVk+0WSN"
    "2SX3VgBXae0qATSPJKNbH6ISKe32EiU/9qAaSO1ON6bSaCmX4ZblwNgXtDZuYg5YqixLc4"
    "TlyjY4ex4KTqRprWH3f6xcRYJnKPPwLs3Dyumsfh1VICuVQjVOpHBVTmcbdzo7616fdT/3"
    "OrLJWwOurfc5iy/ZRvmcdV3dcL4RHD9BUzdzWQEMzSbzoN2TrmcQC25zXE0v3snzIiOWgU"
    "1DBBotl+BmIAKVLOIX3xChSdqcg/yC/24s015ptfWqgpaaxXmY2OazC9vzMmbmGFELXdQ+"
    "FCkz/CG7yvCHVJHhrAR6xizPCkllFuYNciFvNzuJ/3p0dHz809Hb4w8f37/76af3H9+Gsz"
    "l9K29an/a/wsyOoZ/BqOxw478iGrOyt37/doHN31q1fNrzmPqb8WtGzUfkkSI2RRi2Yjoj"
    "n9DNDSzdmxtvb7aR4SDHi071W9+SKecy+HWJd3Lt3dd8IOStqJadCVtYTnknR3nHGeUwsw"
    "cOM7t37WiYKrFuvQTfvpk1WQqxrBzAEkoFcBbA/GPLZVNLkCkXygRTm3ahBL9lmTtSfsy5"
    "1OigpAaZ1MBEBkUPpBIoJ8haCPVxkZR0x9kp6Y5TKel8zGT78ZNAS7fiNsBc/4z2eP80xn"
    "+7Hl5kBA2EFEnG0dAc9B9kGvYennk5uAIUMWYxwPPleffvSajPBsPTJBcIHZwmt2pIR1QG"
    "9pBAob4+6kuL3JdWrsWI1KZSYFMpi3C94DYo6U090DZEhzZ0nVv2I6hSLdGixRsc5OnRmG"
    "g6WUTaPqlJu2YL4swhm5wG6qqFazvIIaaJMPJEsE+IP8e4J9YjAn8+sHjYRCTg9e0gQtvl"
    "Kb5sPuppbVr9j/Cy2fnf6aWywxTd3FxM+B+c1IEqGHyGYmqbMMcRn0ihcs5YGrzFCxuZmM"
    "5c3gHCTvgCY/ry5iYkvLl5dYCYxd/2h1DvibfCQtnHH/lSaAMd5L/Hqzf8DXSiu8sgw94C"
    "34HViEJ2PL6KXIIMnSyWjL+ecyJex+ZjjYK6INCnlwBPNOZf/GBopKD68I9ISCi+x4ZYyB"
    "C89adSLDZSsag0UBtWkKyje6qudSrAleyfYTVW+4nSchqnCMkWtU38gCEzCy+2o3U6/FAk"
    "Kjqp8I4ERX9IiZCsVBkKv/kWAV5wKPYV3AiHFAd4xA96OcARklZIK3nGnN7fR/lCYmjLGQ"
    "wvvgbNk5JjYjfGfDFKnLWzZfMVRSXhfL3Z/fPUpUKLiyCdg2NQ+w089pdNzfhty+whiyth"
    "ARkzCaYZnqNRusS43HLCTQ1IcGZuF/rT4XAQg/60n5zq389Pe3z3EePAGxlOjP1bAb4SDM"
    "ps63GqtmWvPTz6WGRnP/qYU3TlY6qG0/7l1QFPEz9hTJnEOpe9i8/9i68nyKcf0+vgih25"
    "MhJ/OmP6pdsfiLQ7XDqEpDvfL656XY7j6aB3glxqgYep+I61hrLQSJaonoMdByr6SEYy23"
    "IcIWmNO1l9BuOoViAF6hM+LQna7Xi3bHNnapNzi2ZiPgb6xKWOIRHVnsj7kySuYawbpmlo"
    "01gLJ2ViWUxi93rCtTmkap0TyHGhLGXHOVnKjtNZyrhoSCyKzZLW8wRZc7Hmwq+nMgkU2s"
    "hYKwvfBtzKVRKz57CVAZe6xhhHyNRR1bTxbYiVtbs0RuyO0I4sTCG4d5Abo7A0Jk7YrEBq"
    "9FuCLWIhQYOmzELdyz7STLA92m/QEOIKoIbp9bfu66P3H8D2B5W6iC7LlV6pLxWL1qxYtO"
    "YnSd/nXLJijZT2RopTKY8ZxZI93yM7JV269loDnaRVzFmTR9oi93wPXGec45RqlJs8ylgT"
    "8dZlA7KiRCpbzNPZYnzE0hiXzmvSXfW0ZxAXTWwSn13NSmziOFibZ9WSjtw9yJMcwUeUb4"
    "6xxgXkxykUYHaXJsN64MCKUTTV6yd0y4HTkbgRqOwe5lxCBM/SUIcnfGllMe6beIIKc99T"
    "b1TQF/DBLOufkCBrhWfUFoRUWHll1QBRmhbifFQI56McnI8k9dIYhAKUDy1N0rUQ743Ma9"
    "v4twTnzC08aK5YSpmntdKwPAeJLMpvla3fk6JUC0mykHw+VQpuHoMZp2tRhM1WWM0V/r6E"
    "UTJFbYJKzeyntQ5aonhHRdVDyVogTQO7qP5Bso0WqJ4UTM8acG596trEUi6AbmZ8TmlwI3"
    "HT+7VXFwU3fko1Sn3G5Svn0iJTYkE4dkeiQku0OHhSjbaMNy6gRvMiOl/YXqi2TRyHo25D"
    "/sYgQnByaxk6hJGfIJG9OlBs2Uh4xIOua4EMigL3OJkqbUNPUa4bzXLdSAymhJ/MjZ1KU2"
    "8xgiq8srchVA0J6N77GV7JJy85HOmxGFIyYvzHxtmfnQ5E0fM5NgGLHM/Vjtwozy47cBM8"
    "fc5xm2xZ4KyFww+SoAjPD5v8y8vMIvKcED5kkJOFupA0H1Ipg8MiJQ/EDhOoyA7Wql1Cpp"
    "huaKpyREKWVW/of9Ah7/FhDpYwkcc/8tWiBAB/mMm0O6IfIJuFzxxT76E2whZBOqE2EZlq"
    "psw0OZHGFgvDQcyCpC4PBuS+QYzGe1fnewPP9zv+WXI7wdORowFtk20Fna9Xw++XPgc6pp"
    "/7V72z0QnSDYtozpiefeteXPQGJ8hP2TGm198vL4dXEEHqLpfMcpIrtJiloZChIcfOkPLx"
    "NByzlD0nJGidD+1GzGbefCgdqx6jamyseufFz96Z/MtJ8MuLA77JP0ACLr6FG5ad9pYoMh"
    "TviozEu+yBeJcaB7A1EGtiMWn5zJzMGQm6ZuTPgOeVzZ8B0w12IttLlya+yCvLs8CPCL6z"
    "4FBtO78GlLQATqH84KUp2zh8FsG6rPRGM0Yv4A/LGYyiVK1JP7BlY1Fgu759LGkMTdK1yF"
    "6nXAqUS0EZl4JdlFlt+crZfbLOpi2YDduyo7DVYAYcJrrbM7CLKhslk62AtXXbtW0blZGs"
    "KLSZhW2LWFljWa38OICKhevj0Qctmc8JJwChYq0GU1ThfS46bC9cnj25Gl7F/SX2BqSNuj"
    "ikp9cTVpfVJCxme5ksVgSF3R3AkQCnzQ1SpwVJWzCaDAi+h5T9d4QsbV96fzgB2wmZJiwx"
    "IPeuTCz8wpRZC2Ih782FpsZ2DNMUQv/BmIKlhDd7RBqmiDJkMjrj7UJtjsQq8kfKHuVbH/"
    "9M2Ev+iJglxZuWzoCvjCgVjSh8VCcwlpKNKM87IkqmEssW94qARVVeVxWlUrqq9XRV/2QG"
    "XUubEiNUypRGK1OCQ6TkEEfIVEaExo9veVV/hKpF+rJtK/tV7NNzrYGzd6iquJtGxN1kOZ"
    "2qqJskvqUdT7cWF5JT7LBQmUMRCVKqyOGQEk+9gG5uQtWF8Bb1fEcNmvL+PIi4dRoU7J82"
    "H5W0GqW+rr2ihl5WTz5sUU9XqA74wl5VD9Qe0R15PEEYCiKKmoRQx5b/qVtsuSQ6PI4Sz4"
    "FjyuepPaaiI5EUdJW4hc8gcMNgU/EFoO0xnPyig2k9DDBBfLTTNzjXNffSi4eflNLWqGQw"
    "zUwGU5Yd3roioSVDEI0s+iGRMbPLkQXtm+xtXIs8uYlaZBZZmo98XyudEiBBqCS/dac72C"
    "35i5ZyjIzS7K9LZB2LYiM+j3NsTyDHVEm1fZRMRTOW0NuvuKIU4DmJqaJEtbjY73r72XCe"
    "apu5llYqVmRFscVgkQdyu6l9ZNO1VJVT6Vp8zb7pyYlurDfKMUJlC2nyGM8NXSd0jTGOEa"
    "ox3oMxLhtfkSRrkehTm7HFxwj0eTIVdTbLkSJsXZjqRgryeRrGkrnsozRt0lfVFySkjLLK"
    "fLjzs3ZD5sOVUUKZD/PxjW2Uexfw0DBOo5ADv0XuDVuuFF3Dg//K761FU3SjnvxJ2LKN01"
    "FkixmpJ1aUpIAXP1h3YjU25lhHt2TKdymEKQKR+kAkFkIPc4bAKoE1KOHhCJsyVOiQ+fvX"
    "1Kuq8dFoI0te9kJlY9yajfHBMhxnLWVKnHJ/1KKd373KQOC1AjvNA7aFXwnfQpjlBQl5us"
    "DqST/2TusSbKZrldeLke7PfHiW6jWY4WV1EjEaJTE3q4RDQ6HdAiuRo7LYRX72pg1EUUG6"
    "wQnau8Bn6DgjOXvkbq6kg+PtCog3tuPqXI5/wfkD4b+qcfmDCxnI5FAxCp60/NBjlpfPae"
    "UHu8QWpxLCiY0N3fOrnRv+uo/LOnU/YkwfmGuCuIT4F0KblyAy/dCgwLF3iT/CIhokfQ2l"
    "KhEdLZ74Ktuj1msAt/2XruYm+1yEqY3FL/Mty3ElSphiaWBX1E0WmzqXfO/pXYxO/OXhjG"
    "n31LvgTe8xHXB26oSz7Q4Z097fz75f9z6fBBO+GAO/6TSwlDmlPHuC9sq6VsS6tsDW3RqJ"
    "+JJkylAsYWc9jMrLgjFCJQk2WhL0jvVyiydG0yZxpbalE+HaykGbJlQ7UxpenwMtB22cSE"
    "3bp+XnFctfUXwehB3tGcBFpefYjljAwB+IUNWhbb2FP75sC2Ab2UK3iW/Dttyi8KYPnEbp"
    "fk5dw9S970xpfsJ7B3l6n9toq6e0PtnwSnUiyfSv4gWVWmSXahHxbwrWHGnbb99kNci6QT"
    "SF5O3DHHn7UOLNqutc+sjQO2U4s65IlE6jiE5DxSo9day1QvRW2dpVtvbdL6Uas7UXcbS1"
    "GFtUdB294l20hyHfqLvoVwvrUqupdyOXcZ6FTQrYSkHlC+bKe2y6xDNUPkABJTAtOlA5ml"
    "hohu8JYl6ioeikemEjW8MmQS/Hnfdj/sRx5+NP/F+JvXQTjxnTcWeJbdu7dDruvIKC2LbG"
    "t4NIciMOn3g6wnCBuTamujO3ISuRuA898yc4bHkAhTq1efBuY8rfxxIltKEKp8YWSxecza"
    "YWK1o9+49YWv+IQKxSRqu6m3WaW88G3evr34dXv54gzeRL4oFZd2P6bXje8y7O2YJ410Z8"
    "0+eDS2wHzK7dc7C54kUzDK5iLa5tGA+IGz1QX/q/9XhXxj3hw/P94vMVWL3nLuWClj6ml3"
    "wUJ1+6/cEJgo1tMsWGOaaD3mjUuzpB/Nx2vEz9ux8qsY+XkSVDgiYPz5qy5McC6H7MBPdj"
    "ehnwE6yMfSRor0QJabzpYiHV2OdkwVmRKL1HEb3HjO9n5WP+E1TKXpqevB5EMqEX1El5sE"
    "rlsJgiqTl7Q2cEfoyMH+BIx49eCBlw7BpzOa5Q7qV6SAcojpS27jlq63ZRrrJp41n3vrQb"
    "56OWb/ZKrazcj/YHV6Wu35m6fpfFVfcV3QL1VZWf13b8vLbvndgwxqFO58TdeHd9Y6bBRb"
    "WOxEAV3DrIM1HNI40KGKkoo69BfQ0lJEBCZFNIKBLdME+Q5XK4UDARRN1PAZ8NJiXDkSUs"
    "qavbQi5m8LnKw2yXViB/whXVo/jN90OFUodkL1GRNN8pb0tq04245CkF1DrTdO8UUEquV/"
    "Ln7pfSVtzFNstzej4McqbTv/cE1xlpVXNEgS/UpOvFS2DVObWqG79t9k+lp9tiejp/ipdk"
    "a1ZUKsl/kzkaxbg+i2F2l/qawxynVMPc6GEO1mRZ/50UnTLqSjx4lPdBS7wP2o6qUlMoNc"
    "XuT9QNmclVRpRNZURRDgjFcC3pgLBirmrAtu25UFKcaIU4Vyg2XDHONdBGfvHrFrdkRscd"
    "ZNzbhWHXUE/mOuyoTVBtQxEupleOMjyYfk8rxMMK20WcMaCtcJUIowrRy0gY7wv7FdRjEA"
    "1Wk8RrEmZNfiVzx6iv45pLyCjVe+WUxwwCqSd3RHKa5ZTKjpO1QhG/BbcCWEdlHTeiNC3E"
    "+agQzkc5OB9J3DcYdcDxUQBVAuskXQvx3si8to1/lwqL9ZsrVYQsKlZZcJ6Daj9k8MoV44"
    "5TqQUkCyUKOdCS0URJOmU0SYPrLk2GdVKyzlWCSk3bp1XQUY+oijqmqAvWnoFcVM2U2BeL"
    "hBHFlBsVES6lKWnYDlE4mCi5PRYAOVj321SU7usUTuyRjXLw9E0rEo3WyuiSrctaWXieVm"
    "INKSR+mxPdNaF6qKa5lgUFtiBDnU6gDjjRb25EEgo7LOqFtDmmM2gPgT82Yg8UvVywe6If"
    "IJFzI6XS2sxjxhRTBmotBCkZQSXmK8heHSCbeeQQ0QTEEL3E+8X3xBZ1lk1GxdOXJqaUM/"
    "E+ZZgub0yDZHxCx2Y7huM6JKjVbGdHO8GDxIQKP3JS1BuWr0nLsYVD7AFKZsyL3fLfTX4T"
    "wEjfUXq+ber54qOfwjc71ipFWDHqajunn8hbAzP/hY3gxSBTjVeg2C8DmNwRSguckpCs1e"
    "SW4pstuMcIldzeaLmdUH2dIY6QqQFu9ADvXxHIjs8zdErukZeD7sUFZLn06cf0W28ASS8J"
    "VD09616c9QYDuK/Bp5omaUj1R4ctDa2MWj8kaF3w62ZqJYjhnlgESx2zcswnSUKFdxG8A4"
    "EjDfUpY1xEoBkhORGyBNC3nG5TSIdXtnuOnA6Hg9gRctpPBjt9Pz/t8a1EQM8bGZ7snNZh"
    "wv62xhEeIVMxUE0+wZUF7VkMs4qBehbDrMJ0VEDJ/iGcUOOWA1lOrMzRkqLQK9VyQWwjFA"
    "pQCaCuSUoCuqJQgKYBXWsDqGHht3GDVRF7jYjYU3FlxdAtGVcWGGqr+qL4Zu0rt1CIU8O2"
    "36LYRk6dAtD6+2kN6LbeDSV+9BTANsGsbhPjPZ27cva+yA7hV+msiG+7in2mdoYVg18h1h"
    "Q7DqE64FgxiLIbdtSiTSPBDmC9Kkph7dR2zEmpp381hFroxJtIA6HP+F5IKO+r6mwaiL56"
    "vKvHFs2pzTt4XhPH4a/miV1SR8+wxcHTDp8TO9r46fBlmiwtDBsLuEt6JYYx1dEDP+jmjn"
    "0g/hBelGQBw2QhfxhsSfRyff2q4OVmOTWKk2dSqTZtoostOixApdmSTgutqVHrrbdJWBC5"
    "xNqQkW5PQXbY6JWSAjib9XgK3yilgjcDXqjVXR7agGp7sB7tF6xB2fNysAZU24P1eE9gDZ"
    "iZCf/HdWTMdbZxR0K6PYA/vN0ThHVjxhc13zRdif4rE9wE1dasZ4d/Lcl2DEQBYHjPTwLQ"
    "E8Sm04IhFM/AdWHveeyUXa1MlGFRG9yQkhHjP7ZkgdvpoNRlfzvrXp91P/cSKstKkv6liW"
    "nfIYuORMYP7x3kSfegvp4YQbNCEZ0zxvcPLz1YkA4M8ZEx7g3d5XdMgi0KEjl0nZbg1+pB"
    "yerNktUdw8mS0jN8IAKCFiZh2kjSKxHlImHucuqohBQtCNTI83ndRB0VB1t8aykZTRsj2o"
    "tI2jrwl8TKLi0GTsJlZJEoyfZkkJIiSOeSWBo/ng7QW+QwyLa2Iz5ZlY5QOdoatg3sXeiB"
    "ijB5FsPcQJVCy/bLeCH6guDGiRSuygm6SU7Q/uysAebWu5TGF3KjEptd+faNS4tMichy1J"
    "HoxSStDvI0ZKHVZBknKJDCfykmwwsvuZg2Z4ZG7E8Ii/dG4qPQlJkmexBJwZKeLb7HjSyF"
    "f30dK81aszRrTTDvbSmr11tOxYJsfMHLp32+lNGvFrRfHwq4vTfeEch8zxS55yhzDLkvdl"
    "6KFAn1FjOlBJtMGe0R5qeFY58g8eYOpJA0+VtVT1dXY/oU7yQpGdEcpVFW1zqtrsuQfaxk"
    "b12fC90LS2tsAm7axioCbGR8pB94k8M5Bi2KsIqQ+NU/DG00550Sigz6Cd3cMGoalNzciD"
    "y0NuKbCro3dMKPToNCQluq8/b3BHb3W9cw9Syesf4nKOaxWcxj2WpELa5E9L6ITfZ9tkn2"
    "fcoie8e/Sw7u047pAe0WLbPCpzrYgcpwLWeD7vX11XB4foLCPsZ00D094dzL7ZieDc8vvw"
    "sndI0tllzQsMb06z9469kjbze8GPQveifI21IKsplxB/WjIg7qR9kO6kfpFIhLrBmOpCZa"
    "tuEsQqKUlTJW3tLmxv1a5pQEqUq/12RzijKOPothDti6coJggqrB6o+d7ZPKHKnMZrvfoz"
    "ZkNgvWfw04n0a62q8doyjEic2yQjoLX4aXqE9LhdXbrcrLErfn+mmTJpBZqGrh9FamYNpo"
    "AoIYZBLVWRLSbBVabCCL6tIsAlVuRFIAAvknvFADkcDrRVAzRpZboCDhmI7pzc0SkspY/B"
    "dkGjZkG4CiNJADCD0QcgeUYHnVHjkzh14egvvo8asDcQ3u6/jRRi/fov+Hzhnlf7xCD4Yz"
    "R3hMvaecoJubP/54e4CO/vzTqxpF7on16LcWGrnfiU6Jzf868NryEfnjWLTGJrwZn6J2pP"
    "2YjuauBe3FC9hv0Ch8P425fLqgqcUW4RvCF9zc+MVsGP/ON8Gfvn3Rey0TosnG9AGb5muN"
    "/3GHgJtHBpUZnsWtf0NtLKU9bJ720J/RaWT/dj28yLAErUiSAp6hOeg/Ym3sL9skwxHAiE"
    "l1qfCDZKRBQlyDDpLhB9F1VWJmJ8mUfCCz7LuWx9aW96iQkSqMpS6h/jEhVxLlzF67nvCZ"
    "pgFcLn5G1BMrB16E5FlDp/ST6wC5d/pJVTdCqSb3D2FV0EDl328srkqH3ggdusq/Xwzdkv"
    "n3VZL4zSWJV5nLt5a5XJl6tm67cG8Xhm17r5q2XKzuHuTaLeLtChgtVpmQMLUfiAUWgyBv"
    "5yc0x1RkOTYowjMOBbKI8Of14rsc8sMRNgEuUdloavBZIzNvbOIREiX+H7Ek6UFo5Z9Kt7"
    "/LhE18+NKw5iQT8turVEKlUwntX8n58vO6c/399Lw/GkHGarHVOQ7krL7qjb5fiSL0FnFc"
    "i3rXfuv3fveu3RvkgTSk7nz42muoDpO0SnnYaOWhxhYLaXR/9v4XIWnuFtgZiYNZcO8vbH"
    "99VY8u3MiuGCz+NVZbglT5izd5rYWDVTZVWZpQKUDTClCvwkVJO8iKREGahjQQVsqhmqBS"
    "WmWVKGqjuOZo67PrgpRWybWwLtlBQi+XWLgqOVSd4FZMDrXCXCiYqmk9g7n8xVB+2wV1ny"
    "NiSVMdiOsHefpOJ2hRQNP5LxdbvD2kQwEy3tKg2ERe5UmRfMAPLNYRu+ftoIQb+EvLVJqV"
    "+pLqLpO2TwGFUl6qtAaNSGtwWCjX/GFOrvnDdK555b2pvDd3A51yQVOePbufrDV69pTJ+l"
    "Uf3/bZsEUIl4x3C+/l8m96tNVTPFw2voqjas4uoDiqQhzVRqr37FeuqDXsv5e9q7PexegE"
    "MhFDhZQx7Z4Pv8MFvAj2kd3beO+x6Urm+akxy9xBQpImcxNBXRr08vA18PMg/i4Myn/yB0"
    "vKpuduMn89Ojo+/uno7fGHj+/f/fTT+49vw90mfStv2zntf4WdJzY6svqlWJrhstjiWFFv"
    "0SzLHN+TtJSHRP900L/4en2CbOPW5ONgj+nl1fB8yNeMxRZsTK9H3S9f+G0HT6djOhx9g5"
    "xqq2ftfPWoFF/Pw2SrQuiexTArWVvJ2rtfSluRtWNefuHbVs0DFOlqbw+s7dqTej+WhNqk"
    "I1FLBLcO8rQSJNKoVqVEQvmQ1lHYSzBj8t//VIqJbSomNI7DjFmSVL3F5IMofaMF6OvuoH"
    "vV74F4gE0MyabAVRoEaEuI099H/UF/JBq4jmEajmjRv/iNtxle/eMEGfSeN+Sf2kjRIVQC"
    "FJe8VzRtYi62LF1D/jJCtYz1k8HFR2i2KFX/+r+jkjL1mhq+4wKz+zhzch+nrKXB0ZCCOM"
    "dYGqF51gY/ymQJrnIUz0ya2apBTvjrTspCaufjHLXzcVrtzF/ChbCFyR0ptQMk6dZCe0t1"
    "rLqOg7U5vC2y+fFXtJrSFtwoQhTLWldShK2b7RsxsoSwCZzWwTsgbB3eG5nfGnDcprmepj"
    "BBqzTCTVYVeqM1yTPV5A3zZCdWmj0+t5UG/nksK3+wyobGpehUGJfKZqfMG40Cuy2uhF8M"
    "CuN07ZUI96ZDQnWfbHKQp8Kfeo0ndrT100EiNJk6fsEoeQwql9tvUKKFSJ/PXAdhZLEH5N"
    "p+2hrxRi/spIxY+wPG1J9RNnqJ0a3Fv3kugk0owfwEgdQ5GgF59YX9SiW/b6LhQSlON604"
    "1fl8D2vUQxBWKZldRrxF0I8PDkuCzjn3Rxvdkik/CfmuscSPQmll2EiHZQMZRvBrmyyxeN"
    "e11FjHxWSRHFEkOUaWSynUKOI73SQz91x2Dgc59fa4qaNG7z6RkKEfeMHf8taZOHN+PMyZ"
    "KdnT84xlGR00WDDonK8cVD/x9WBia0YsBN+AbqFwjI3goxDW/cR5b9AFf8gJYtNpox1a51"
    "wI5EIfX9/pIcxOMBSnaoGaZNsJhRoo7+09g5SS9srIIEUlwyElI8Z/bEku3Omg1CUVnnWv"
    "z7qfewmhsJKg16f3zNBIRyLgBbcO8gQ7I9KoQND/rWGaXLriDJDDPG4IovEpGvFvnFl48Y"
    "lfMnQuUlnMnc2FaHXLIFVpwDctLXZvcOZPlgWg3s6VaNYs0Uw5Eylnoqe4mn2VifkGZDKc"
    "ESsoRzhCUg/Au908Yuh+eFcA3g/vMvGFW/uejbfDloSW1TUML3sXXFTilGN62e1/PhEn3p"
    "iedS/OeoMBpN8NTfDraBrqdxFVNs+nuMZW2DxhGq4xxhEy5SrS5PHl3LMlN2fnqq8iVA3W"
    "WTWcP2ugCqQZ41CbnlZIkuWgjZIoTFVW2I3iqtwzduaeoTLEbi5DbGoLVsg+jWz04CmAq2"
    "DBasB1QPQZ4aK039t+8W1FsY3yq41y14qiL9HkJwYnW5tvioaTcFI8rdIfUuL7TC3YPRFa"
    "dDZFOFpkTBMp5URBsbgz1SdECWTj1eaYziS+D7V2PqZjenPD/7JmBAKcbm7QAt9BdmDkXU"
    "RzjgvhnfB5fgKWaeG54N/kj+I0yLChE+/Oyc/ev7+c+K9z8rP/yy8nP9NfeP8Pc2IRdHPD"
    "SZB4Tc9XzOvRhk9x5tjxHzSmU8heDBf8bsCFzIJvsIkevCOfcF4nFAqxcWjQrXgC+h90eH"
    "PzCizqHDBnbj6uXtx7aXGZv2IkfQF/z0f+3+vFgr/tG94N75NYFJt8ivNX1pnv3Gbz2YTg"
    "7byxEO+osQVEIk8ttkDMdWxDJ8LlDdM7SGXkeKNlsYcD/kqBASYwtLyCh/mfZnsPM2Agli"
    "ZffGPqbQvIY/sQ30bmRCDDxxheAzYmMRq3RMOuTdCIWQ4z+C8appTxdxOaId5YzGvxvmNq"
    "kSl/HFiGDMcm5rR46meLaIQDxmXfVLpCScaAoM7dAUrfZJrQi+siowA0sBPJJETSN3HHDI"
    "s1xirnFTY35YndLbM4bUXczrZLtT/JX/cf516SP2/1jikoc7/2TvwtZkw/96/PvLR/QQJR"
    "yGLw5fuFKPc2dSmooIdXV72zUX94wekYXwUa9C8Kw/WurruDE3+vw+ZaiumjIorpo2zF9N"
    "HzyV3QueYbKD9SIqkCkdjHxV4fHq2wpTfa40rZJdProGa7ZPTASqGcnecgQbYfqQ5EGb1E"
    "NIDJNGyiW9c2KD+PEbxw9cJ6knwIC85+sLVPkRV1kyP2z7rX38D8aM/BHnklTJEWPxhGV9"
    "2L6y+QuYbDR23OpY3pr93ry/4JusP20uAteoPe16vuOW/hM5LNsF1GGMMSW1CcqsEjtuYW"
    "9K4Izu+ycX6XthGHQluprT5GVQvODXKR+FgE5Y/ZKH9MoRwR/srAnCBrG86HR4W2jaOcfe"
    "NIsnGEom85BjNBWIvNdBNgi7NUaJE4U8lFe1BUeI4nEBjnoAWzhfbiVaMZzPKJD1TGA5Xx"
    "QHmHpLxDVMaDDRrSPU1hOWBjNApU5VOj/D9ag2vEpFAS3DSl2hqUg41ysNlHgEs72CRNkR"
    "UBbmea/BTK6S2zANQr225lpxu72CzeU3hjbGqF8g9+kGrFyg+ReNh2wJ2KkBJOGxOLPVSt"
    "kRH0dcUFwvbAtUkPrkv8aDHT7Ei8t4JbB3meW8tIowJx2MIbCIy8ftUBiQPVyapm+kvdwl"
    "Pn1QHiz7fYPdEPwFZMwTx2J/Pb2kD/hTx1xFNVTdGdhml7Y5DCNdtYHBLskZl4ali2g3T8"
    "6DnxEW++b8Q0vIeRq2I1l9RKdz5fdb+AAxHQjmn38vJq+BvEqwZbwpgOhme/whVvV2iGCV"
    "j5oKRRrtkHJTgl1jESxEmVlaDRVoJgpa9TaDROqmKF92Kcy5qD0oRKPymxB4njcY1FFCNU"
    "S6jJS0iZp5SWf/dLactFXE1wwq2mmPJVKQPeU4tg34ZiSkCWrZwKEH1SQTUxg5aFQgsdgr"
    "U5sbzE7M78BD1A8NkDtr2AOqIjTHXvouEggi1qy8MI1+1IqneKKNv8fpXSaadKp/I5qneS"
    "l7rxCKdMrWUgjZI0GdPOtR9fu+QcGYGCDOil96uDmIX4GVLWL7U21BcGdR3ZIZcJeoSiyZ"
    "jvbB6DxzR1JXUBn3Kz9omaDKrQMYaR5NEzzt/dGu1dvSSWXx1gsk6spZS8yaNVdgnsYDgC"
    "p5F1xyNNrwZk7QGZM9cyH9caixSpGoa1h8FPp7HWOKRp1UBUiMYRh/JaA5GmVQOx9kBg/Z"
    "+u7Szk0kFueoQ4oRqCtYfAYY6XJ6M4+CGJgn19HsnXYZXNBBohahP6tQlpvuBSDtc4kcL1"
    "aSNGRG1Z1X1+1dOeQVwijWJk1cqr8EimcB3Ytj00Ib5wG5VH8dLEtCOzcsD1g1zzRtCigP"
    "MtmEACnc3SMjTCr9gO5ByMxhNANjyKXo7dt++O34qfh+InET918fO9+KlFfhfX3x2BLy2y"
    "+WiZJEhkyCzIiGcZ2JQ57DbinQo5+YqhUeaWXZpbxL8pWLM9HoP2TU5zt6az41GhtAhHOW"
    "kRjtJpEfYrpWAqdKyULeb76fXZVf/SSwwY7WlMr/sXXwe9E3/PgExRfcgTKPaLgprtDScJ"
    "FDtlST1pQNJkjjVapbXRRgTlf52e5jX7X7fWtt7xwichNkkzXZ3on4IkxyJ/MlST5KAfoC"
    "WxSsV31C0d32PT0A3nMaNYeuYwpOiaPBg70z34w7zucRsh3+Jegh2H8Pt6yQ2l0x2Nehef"
    "RViN38OYfusN+N9z/pFjej68GH0b/OMkWARrnbK1B9m4lPzQXJvoE74UNWkCgMxFIKXd3k"
    "I4fPu25BB5Nn1dbEWQ8fxWuKjsaOtZH/edol4Rc//dd4w9trS5sWY4TJxU+fI32Zdf5cB7"
    "FsOsQjZUyMbul9KWQzZsjS0rx2yYmF5DPy1CPTPzUtXEK+WyLu0NXJu2+XjzK8PwE06+fO"
    "vPxA7bFbABacy1bOIZQGYWc5de+SMKhZBsZgpe9FNw7cHgg+06yFtOaAoVOyAT9KNHKrPn"
    "1N6/xDajbDA7tMF4A1wyn26URsVOp2UuMd3LYRolUZBKfKZgayznMLWiUHxuAa8e3/Ogqt"
    "uJ382egVvYn2c1qZ525vH2yRpAPQs72q9NoCiqsQOlQOZLsVnWgOvXoJ92who9UxrlH3UN"
    "6fweu6Efd0fCMqfa5HLOIkHg4wTHmxdgoG8ZdSFwk9mGY9yTVx6rqxPdFYUF0UtKZti7M/"
    "XcjOIR4DKmuZY+FaPcLEZZJSSsNyFhewtjNjz6YD/KEW3N804VJFLGmKo2N1WQSNXO2UOE"
    "VbyUsiA2Vnhdr7SLip9qQ/yUJ/tfuabUmBa5e1BAJ2AFDZ/UBnxjDythHCxcS2zoXk37mx"
    "vhBjuBP25uEKOfvBAnbDk24hwDcpfoJUYL40c651Od/RYKbYosglXvKtZpp+qDyEBIJYIc"
    "3+uQaj8UCXVIAhJ9wSpRUzmdQZyusc6jDVcaRNIylYc/QthY/Dv8vEd2LKNfmMav0aFLAD"
    "Akaio/LAFVY8ek4WsiEtxQHPgIkcK9WganW2wb9mTJjHL5RbPIGzscncO/HL59Cxp5jPw4"
    "iB3FEqgwyc7Gy9QozfFz0Bwr5aZSbu4Prkq5qZSb+wVwk5WbQVXb/mLJLLnvU6LJQa6aM6"
    "y4a6xaF6qKcYvpHQrJ0dQwCfL6gCQGoIe0+Xt511/ePqLrb93XR+8/vAIVpkWmIrjVeTAk"
    "oa0b6L6Q5tOeY96DUnXuVNXpD0IJGWFF0UIHkw/vCkgIH95lighwK87awIopmzsrStNCkD"
    "eSP0tewTxbseA3V2yjhB0PNv4y+22ERGEqU8coXcFz0BUoLzPlZbZnCCuFQaPzKdRQAjMU"
    "Ua/4rtUe3DeaIiCGWZ7Y72NaROa3/KYFQp2W+FEI4kGOZrwSzt+gmxvnB8ysmxv0EkRzEN"
    "5f2Ig9UP4Vi1tiCbHcGz6wQqUk/pr7H9PolD9ANuP98Y9FBkXOA0O6MZ0SK9Ar2EAc8IuI"
    "0TI6A++9lM5gpzoDPrKc/yknbPkE6tCVWT9+yLmZbAXBiqKF6oGPRbQDH7OVAx9TugFw4V"
    "xD8IqQKamr0VKXik/clUMbB66UajMk2KJ7SWcr29ZxsdDEnMjE5LbV/JILW4J2IwpjjS0W"
    "Ug/ZHPeoFUnrMN5IaC3IFK5EeC2WZ3tF3WQup9M/vxxejSDBdiDUjOn3i/Pu6OwbXHTpAj"
    "vaHK5e/9q/vIRr9p2xXPqpvHeeapvPaEuurcw7PqNULdJVbvn8VBrNTQtXEY+LMvAmyRS2"
    "Umy92t8lkY0StWjrUEr4/VTCS3eLGoCWOIa1FOvkZlkI6Iz4tM25RzZs1ygObnS/LACt4M"
    "xqAHZA9BnhbLrfWzvRjbKxzfI8jab1ltmfEmm/c+xPyZZFzE+QIlrkjHaYsA2JOfgGXUIl"
    "OxthqiMI1ee/WQRpbGkQP0ZeBMQDMXaQjU3iGYNkBqh6nzCmEPxpIW2O6UxS1RRRSG7t37"
    "bRw5xTP2AvL3bBFH4SD1Z/E+MNZTcD6dULDHepY5ie5UqZqrZlqoKhn6xRsTFO1ybmf9sK"
    "4rZWy+xOYbuBTUY3bA1MCZ+8XQUu+dUQkb00jZLxn6qYZtuiRFtbTHNneod9rN+4zhajKj"
    "eqJdCuKo17hDDfPCzHnsh0btk5oGJEzzoFVFToKQFggmw/IOycs3suVHoSKBRW4pIqIf/2"
    "xVjyg2/eNhT62khubp1LreUm6YpiT+D9fU5oRJ6358w1dXRLRG6+jYC6f4brDtagSkFJDr"
    "nTPRv1f+txDkNQj+mX/kX/WtitpwY1bGG2PutenPUGA7iowfeaZlNM1+HrrBNWlaBVFXOb"
    "7OHnjdakfD78FKHy3FFJ8dWyUuGKm5cgAsVgOWgTVApYVbJRhda2AGFVFLMt7mdtxFX5nz"
    "XE/2zrblH7CnBpvyhVNLcIrFlFc1Vx1wqgFijuKhMcagD2c6SrdmKbkJcqZNoAX0Cjaq6N"
    "VnpNxjPaebaNajBF3Re/iA5btKduNjFJGrkn3ENX+BZzEp1MVwSFUpW4NjkJfZ6YMNXYBJ"
    "lMwyYCRZ/nxEmZA/6XFv8qYRcTpj7DeUQzSMaHbh+R4SX3T6UqqbH/MfX0pqpscwO9NZXJ"
    "vZLRklC9LHgRkmcN3X7UWVYGJWVQCiawMig1n52uXeEZZdLKaT3TlEr1+bTqMxk6VTUiNN"
    "HdnoFdWDOXnmyNCq3rEsvQ5h2J1OTfOciTlPCqzVPCUTaySvJoluRxTyxbusazGcAISZOj"
    "CNbkAY/evy+Scun9++yUS3Avfn7BoiqBsN+8hegeFuKwD3M47ENZQivqSG1Hf7seXmRwXS"
    "uSJF9taA76jwid3UO0c8AFMGLMdIDpy/Pu35Nwnw2Gp0kuGTo4lbEN2zzM/vv/AS3HuSQ="
)
