from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "building" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "address" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_building_organis_b6dab6" UNIQUE ("organisation_id", "name")
);
        CREATE TABLE IF NOT EXISTS "holiday" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "day" DATE NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_holiday_organis_cf8518" UNIQUE ("organisation_id", "day")
) /* A non-working day of an organisation: rules generate no lessons on it. */;
        CREATE TABLE IF NOT EXISTS "lesson_settings" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "grade_scale" VARCHAR(10) NOT NULL /* FIVE: five\nHUNDRED: hundred\nPASS_FAIL: pass_fail\nLETTER: letter */,
    "weight_classwork" INT NOT NULL,
    "weight_homework" INT NOT NULL,
    "weight_test" INT NOT NULL,
    "weight_exam" INT NOT NULL,
    "reminder_minutes" INT NOT NULL,
    "digest_hour" INT /* Local hour; null: off. */,
    "organisation_id" INT NOT NULL UNIQUE REFERENCES "organisation" ("id") ON DELETE CASCADE
) /* An organisation's grading scale and weights, and its reminder defaults. */;
        CREATE TABLE IF NOT EXISTS "plan_item" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "topics" TEXT NOT NULL,
    "target_on" DATE,
    "progress" INT NOT NULL /* Percent, 0 to 100. */,
    "created_by_id" INT,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
) /* One goal of a student's individual learning plan. */;
        CREATE TABLE IF NOT EXISTS "reminder_preference" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "reminder_minutes" INT /* 0: no lesson reminders. */,
    "digest_hour" INT /* -1: no digest. */,
    "absence_notices" INT NOT NULL /* Parents: absent or late. */,
    "person_id" INT NOT NULL UNIQUE REFERENCES "person" ("id") ON DELETE CASCADE
) /* A person's own choices; a null field follows the organisation's setting. */;
        CREATE TABLE IF NOT EXISTS "room" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "kind" VARCHAR(12) NOT NULL /* CLASSROOM: classroom\nLAB: lab\nCOMPUTER: computer\nGYM: gym\nONLINE: online */,
    "capacity" INT NOT NULL,
    "archived_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "building_id" INT REFERENCES "building" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT
) /* A place lessons happen in; ``online`` rooms are video links and have no building. */;
        CREATE TABLE IF NOT EXISTS "schedule_rule" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "pattern" JSON NOT NULL,
    "start_minute" INT NOT NULL,
    "duration_minutes" INT NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "group_id" INT NOT NULL REFERENCES "study_group" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "room_id" INT REFERENCES "room" ("id") ON DELETE RESTRICT,
    "teacher_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
) /* A recurring series of a group's lessons. */;
        CREATE TABLE IF NOT EXISTS "lesson" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "occurrence_on" DATE /* The rule's date for this lesson. */,
    "starts_at" TIMESTAMP NOT NULL,
    "ends_at" TIMESTAMP NOT NULL,
    "status" VARCHAR(10) NOT NULL /* PLANNED: planned\nHELD: held\nCANCELLED: cancelled */,
    "topic" VARCHAR(300) NOT NULL,
    "cancel_reason" VARCHAR(300) NOT NULL,
    "detached" INT NOT NULL,
    "held_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "group_id" INT NOT NULL REFERENCES "study_group" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "planned_teacher_id" INT REFERENCES "person" ("id") ON DELETE RESTRICT,
    "room_id" INT REFERENCES "room" ("id") ON DELETE RESTRICT,
    "rule_id" INT REFERENCES "schedule_rule" ("id") ON DELETE RESTRICT,
    "teacher_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_lesson_rule_id_80fef0" UNIQUE ("rule_id", "occurrence_on")
) /* One scheduled occurrence. ``detached`` marks a lesson changed on its own (moved, given */;
CREATE INDEX IF NOT EXISTS "idx_lesson_organis_e54084" ON "lesson" ("organisation_id", "starts_at");
CREATE INDEX IF NOT EXISTS "idx_lesson_group_i_cfdf49" ON "lesson" ("group_id", "starts_at");
CREATE INDEX IF NOT EXISTS "idx_lesson_teacher_30212f" ON "lesson" ("teacher_id", "starts_at");
CREATE INDEX IF NOT EXISTS "idx_lesson_room_id_a278dd" ON "lesson" ("room_id", "starts_at");
        CREATE TABLE IF NOT EXISTS "attendance" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "status" VARCHAR(10) NOT NULL /* PRESENT: present\nABSENT: absent\nLATE: late\nEXCUSED: excused */,
    "note" VARCHAR(300) NOT NULL,
    "marked_by_id" INT,
    "marked_at" TIMESTAMP NOT NULL,
    "lesson_id" INT NOT NULL REFERENCES "lesson" ("id") ON DELETE RESTRICT,
    "reported_by_id" INT REFERENCES "person" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_attendance_lesson__b00258" UNIQUE ("lesson_id", "student_id")
) /* A student's presence at a lesson. ``reported_by`` is the parent who said the child */;
        CREATE TABLE IF NOT EXISTS "grade" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(10) NOT NULL /* CLASSWORK: classwork\nHOMEWORK: homework\nTEST: test\nEXAM: exam */,
    "scale" VARCHAR(10) NOT NULL /* FIVE: five\nHUNDRED: hundred\nPASS_FAIL: pass_fail\nLETTER: letter */,
    "value" VARCHAR(8) NOT NULL,
    "score" INT NOT NULL,
    "comment" VARCHAR(300) NOT NULL,
    "given_by_id" INT,
    "given_on" DATE NOT NULL /* The local day the mark counts for. */,
    "created_at" TIMESTAMP NOT NULL,
    "group_id" INT NOT NULL REFERENCES "study_group" ("id") ON DELETE RESTRICT,
    "lesson_id" INT REFERENCES "lesson" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
) /* A mark. ``value`` is what the teacher gave on the organisation's scale ("5", "87", */;
CREATE INDEX IF NOT EXISTS "idx_grade_group_i_3a9715" ON "grade" ("group_id", "student_id");
        CREATE TABLE IF NOT EXISTS "homework" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "text" TEXT NOT NULL,
    "due_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "created_by_id" INT REFERENCES "person" ("id") ON DELETE RESTRICT,
    "group_id" INT NOT NULL REFERENCES "study_group" ("id") ON DELETE RESTRICT,
    "lesson_id" INT NOT NULL REFERENCES "lesson" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_homework_lesson__8399f7" UNIQUE ("lesson_id")
);
CREATE INDEX IF NOT EXISTS "idx_homework_organis_60786b" ON "homework" ("organisation_id", "due_at");
        CREATE TABLE IF NOT EXISTS "submission" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "text" TEXT NOT NULL,
    "status" VARCHAR(10) NOT NULL /* SUBMITTED: submitted\nRETURNED: returned\nREVIEWED: reviewed */,
    "submitted_at" TIMESTAMP NOT NULL,
    "comment" TEXT NOT NULL /* The teacher's review. */,
    "reviewed_at" TIMESTAMP,
    "reviewed_by_id" INT,
    "grade_id" INT,
    "homework_id" INT NOT NULL REFERENCES "homework" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_submission_homewor_d42674" UNIQUE ("homework_id", "student_id")
) /* A student's answer to homework; handing in again replaces the text and adds files. */;
        CREATE TABLE IF NOT EXISTS "homework_file" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "storage_key" VARCHAR(100) NOT NULL,
    "filename" VARCHAR(200) NOT NULL,
    "content_type" VARCHAR(100) NOT NULL,
    "size" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "homework_id" INT NOT NULL REFERENCES "homework" ("id") ON DELETE RESTRICT,
    "submission_id" INT REFERENCES "submission" ("id") ON DELETE RESTRICT,
    "uploader_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
) /* A file of a homework (the teacher's) or of a submission (the student's). */;
        CREATE TABLE IF NOT EXISTS "term" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_term_organis_5a4fd9" UNIQUE ("organisation_id", "name")
) /* A quarter or term: final grades are computed over its days. */;
        ALTER TABLE "course" ADD "room_kind" VARCHAR(12) NOT NULL DEFAULT '' /* The RoomKind its lessons need; empty: any. */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "course" DROP COLUMN "room_kind";
        DROP TABLE IF EXISTS "lesson_settings";
        DROP TABLE IF EXISTS "term";
        DROP TABLE IF EXISTS "building";
        DROP TABLE IF EXISTS "holiday";
        DROP TABLE IF EXISTS "homework";
        DROP TABLE IF EXISTS "schedule_rule";
        DROP TABLE IF EXISTS "reminder_preference";
        DROP TABLE IF EXISTS "room";
        DROP TABLE IF EXISTS "attendance";
        DROP TABLE IF EXISTS "homework_file";
        DROP TABLE IF EXISTS "grade";
        DROP TABLE IF EXISTS "plan_item";
        DROP TABLE IF EXISTS "lesson";
        DROP TABLE IF EXISTS "submission";"""


MODELS_STATE = (
    "eJztXetz27i1/1cw+pJkrpLGdpykzt6dkR0lcWtbHlvZbW+0I9MkJLGmAJUPO+7jf7844E"
    "N8gDQhUhJF40O7MYkDUj+AB+d9/t2ZUwNbzpuBPdWI6WiuSUnnCP27Q7Q5Zv8Q3u+ijrZY"
    "LO/CBVe7tTgBTY+8dVxb0112b6JZDmaXDOzotrkIntXpIcKmQXSC3BlGro3xEdI8d0Zt03"
    "1EI29/78/7yNFnlFroT8jCmk1MMkU6Jmwsu+IR8x7bTmzwra0RffYGHm9QnT2fjV/7k9jN"
    "f3p47NIpZrPb7Hk//mCXTWLgn9gJ/1zcjScmtowEyKYBE/DrY/dxwa+dEvcLHwg/4nasU8"
    "ubk+XgxSN7bRKNNokLV6eYYFtzMUzv2h6ATTzLCtYmxN9/0+UQ/xVjNAaeaJ4FSwbU/gss"
    "r3XG44vBcHzdH47HncxyhhQx3INLOiWwFdirOvzXT+EVXu/vvfvw7uPB+3cf2RD+mtGVD/"
    "/1H70Exifk8FwMO//l9zVX80dwjJeg3rGflYX1ZKbZfeLNOban7IXY+uEMxiFtCmX2+mmU"
    "Q0yLYA4vLHFefgmrA93pfR9+G1ydDv8e28Qjcn3ybTA4Owq28Yic9XtXF6cXX8cn/YvhVf"
    "8o2tZjf1uPyPeL09/6V9d8ouUOH5Hjq97FybejYI+nP6acRZ1rP8cWJlN3Biv5tmAFf+td"
    "nXzrXb3cf/sK5qaMSfgc5CK4s89vwSIvFxX+O767E6+r+HuJkWxuOTuddX01KYDLIVwEsR"
    "hj25PG2CdRGJfGGBNpjH0ShXEZjF1zjv9FCZYBOU6zQZR7jqn9qWfNNfdxM4C/f1cC7/fv"
    "cuGGW0m0gxceWxqZetpUCnUR7QbR9xnXBnZ5mT2ev8PTiC9mkps7Imgh/6hb0MBzzbRkwI"
    "0I2gfuYRlmwUblw3uYYReaYdjYcWQQjpG0DuPDUgfgYcEBeJg9AB/wLZPkpVhEjKR1GK9F"
    "yLDolMoAHI5vLrqdS82dMUXQwDbyFhbVDCdjSdka3BOsuR7jAlnI/3I9uBBDHqdJwW6Yuo"
    "v+gyzTyZhPaoP/l4lHdMAW3Xqm5ZrEeQOP/XVdm74AdMAIZp47zj+tONYvz3t/Sy/Dydng"
    "mENGHXdq81n4BMepJdFtDJCNNTe7KJ/ZHRCpxQuTpEwvTUD6JvxHcywvdSzF8PS8fz3snV"
    "8m1uNzb9iHO/v86mPq6sv3qTWKJkG/nw6/IfgT/d/gop9etmjc8P868E6a59IxoQ9jdqTG"
    "MAkvh5eS0qZmY+KOpUyVCZqnLZaCFQ0Mkk1Z0DpslmAFntwJTZY+XlmAv1Abm1PyV/yYMV"
    "umUM0x1+8Wyv8N91F4dfmKtvYQ2c+T24uBwH46djkMV2y7X52eMLgB7VtNv3vQbGOcA7s+"
    "My0mWgqsMccB5Ze/XmErQvM5YZ7kAdiem47Dph7Te2zbpiE6iWVAu4xmHAQT7i6bL8bOJP"
    "emy9GoCNlpNFFboZrj+S22nZm5qAjVeTRRW6FiX6RTeUdd8knaCpFOPdupyqdO+CRthWhq"
    "U6/qt/YV5mgrQOwuuEXrYN8nsanaChcougabpSJUx8E0bYVpamuVBaivMEdbAZpRyzS0x4"
    "oQffNnaS9Ic/xAbUFMhBxIy1naiJKFneqC0hmfpK0QLSyNjE0Xz6uKk2yeUzZNW3GyKa0K"
    "0RWboq3wOPoMG54F8UBW1dPtOpjriv2vrXi52K66nYZsijbBA0Y7uk9jxrqEGS95K83jxw"
    "523WLhc0DwkLL/K8vxr2MztsSsB4DO9+cpiOca0ab8LWE6IM630wmixMXWvPxYcYE9kRM8"
    "HTJOkGbMTfLCQfpMI1OMXIo0ZFMLs0sBimg5vYNMgijBKB6dLogPr21aQTD4j0xoPMzLt1"
    "40YecPFTK+xZDxcEHKOvOjBWxwmPiKwRIHZYLVDvKj1Q6y4WrLXS4BcZKqhUDXH4k5tTUC"
    "YGSPP8r2q0bEQMeoUijfMrIdhLkA1uPB4Czhdz8+Habw/X5+3L96ucdhZ4NM368YspAl2H"
    "GeLuccF1Cu5CJvGu5r9pGnD9HNesqbBnZZV7lgsyUc5ie965Pe536Rv1xKKJcUL3u6Tj3+"
    "8hmZMrxVKEhqsUFPCo/f6AMT6nzPGXLYbgEx7gguaY7zQG0DTajNMwQf8G2XXbdMcocNNG"
    "RoMS45R56D7S6T+dAtdQVZhmuYX+UWNktQtOjUlBJjIoKVJJi0UrldbBPiy16pKM+9gijP"
    "vWyUZ/ihjGeaM5OSFtOEtcC97QN1A6lSAesZA+sRijHH5jSXa4ioa4n2awIP+fP+/sHBh/"
    "23B+8/Hr778OHw49uImWRvFXGV49OvwFgSi5KVJyMsby2q360UVpszRQ3xtZv5MDq/zzBZ"
    "noaOZhr8tAxO1OBX8UvsgCwZm96mUNxVUuwqp9Y1mynWm1mnQtqfyXfkuGMuma2w0hnine"
    "Gvz3Kt/cNDMn0hTlOPbaYJEk29lpkyAfbawmS66x2uGn/RW5hDmGZ3+WYZX2d602YxC/2X"
    "JW1cq8f3bnW7lk4DiX+mZdJAKpmqYuH3AmtVMjg/32BlJseVqJFFCX4NxwjSoYSVO9Ncbj"
    "dylqYm7qsk+AEF1jD08gHfcgPUa28B5qRIpP4T2zG2+0pUIGtdj1EWrGZZsGB5ZfSHcHw9"
    "HrgGGbDqd3Qq7eFZSJT458Jk062wzElKtcyNXmbPWelTjpEpxbDJ62vje7qanTVJqVa5ya"
    "uswjTWI2A2zsDSAlRV8MuGg1+WZoLshq4B5dalV6fxlTbAbCyuKFYAQGCsSZYHyDfWzJPj"
    "ShhrfEReODx0HILENZKMEUc9W5+Z99joIoLvsY18zAyRSabaZMJI9OXeFsakqyj0ZkahP1"
    "24fBci0ju9z+enF0d+qsWInPcuel/7V0fI/4rtERn2eyff4IqLNX0GV66H3z/3L4ZHyHE9"
    "AxN3RC57V/yCXwNoRHonJ4PvF8MeXAsMkxofd/33k2+Ds8HX02sY7TzqMwpeO4fdO2Fz9K"
    "/GQHjdPzsbsCfqbDpsj4HewZZF2bNPvl/1hvyex7CDK9/6vc/jwZfx5z57i+E5f48Z1hiv"
    "mjAQ2Bu5c/+dwgLtbPCX0xP4RVGhdjZ2YurYTn/v2zFZcUMtU2VE5x0oQeIPOklVpAA1Z/"
    "PVof2ARpMuZxpw4BXUyBSp0iOVHrlL34nSI5uKaoEeqXSbOnWbPAahNPT6NfTt6JGXXMo8"
    "M8ldR5T2vLzbLUx39utVWuHApxTJfJjFSl1UPZQXtFRa3HYd7LAGcsdYnESdYiLZYCs1iN"
    "uIapFsUFcR4vbLBiXqDycCQzhbVsA+CWycETZLDvCRF5c+cZ4K+ltK3WVsyDNvDoZegmys"
    "U9t4g46xRcnUgQA8yH2Jy0x+oJ4/0E+NmYssyXVMWaqyiWmqUiZbzlCF9AT+RwbboiShGF"
    "GTTcgrxvqtJVl1YtorQJ2kUliXw3puGoaFpcFOkTW3906TsL41bXc2Dq33ZX0CSaqKPoHd"
    "MWQLXALstxm+f2cVR96SusHZmp0v/fPeWZ9NBm48+Md8FX/WXpnNm7910xvXlCvNYNZYmK"
    "FZHLiMm3Av30249yw6Tnb6b/bev1tl26qmk+vM6F5H00m2HV2pbn0RQfvwXUtXa+qKKv4O"
    "8c8cbS4iaAG+RW7u/t944Y/8vnuRl/tscPE1HJ5uxpeK2cAQOTB2GbgykKfImgt850Rz8O"
    "sJtcD8AD/a6aLT04su4odKDWU/1rEoKvdrpaVQYSDKKaEC3xvpVlcd7FQHu7V2HVkGRVTt"
    "O5IIw2gjVmGjUoVWGbQwsakFkdgVkeqH87QVKB5mz2apY1vxNoBDP26/rXhprst+Xw07qx"
    "dN1Fao4o0Tx7WdivEeiv4J2Vb8mNbraNOqbZTO/VnaCpJ262Am7jtjGy+oLW59IPdVYmKE"
    "CsRueQDK8q/gB1bnX+WR2smtpVp0luw+CV23qsEk0YFyFz+6CKiJWbktXgjVF7O9bfGChp"
    "1jx7t1XNP1KrP10s07d3F3hWi5mjedVfwQVZdT1eVUtfGUxsu7DbsCVgQrmqhNUElFZcdE"
    "1WVjHzGi5Vt5xhoJtfAA0GeaO17YeIJtHMjjVQE7YVNeJmZsIW42nsPr2TVjdxVM20r8JJ"
    "MmTqhnO/B7MkkTwZ1uUdKEvhxTa76kyk7YYnYC/Hd8d5dFNj8UK0bS3JiVRgVjAWC2J42x"
    "T6IwLo0xlgo3jpEojMtgzATrf2BdIALmYxwjaR3Ga8n1sPA9lgo8jghah+9hGXgP89E9zI"
    "BrUzof37GfJgNwgqi5IHeGM4yu2Lv+lc2KTNdBgSUKEYyNTwjPF+7jEdLIY8mAzXWnMKgA"
    "zVzoVYBmDqUK0FQBmrsQoDmF2Js64ndahLic4VHSsrGMDBMYNxJhY/n2DZwYVqIuRFAClR"
    "cCRnzJ36AzrN0zdJCD2Ql8c4OJ4Ywpubn5xMs62PSBUWmPDtIcNDMdl9rZ47i+mUdkxAaw"
    "X2HeM40dP97cIBNoR51f+KS/Hv0SPOnXUYfdfJiZFubTRVgAgT8BEx0MdPH97AxpExfbTM"
    "QYEXiJLnL8mhVgY7jVHAzCB7YmyMYTz8HQr8rBbDcY4TzLuV/CdE5QKpkxfss0sGpS1UQz"
    "ES8w66xSldZRRWmBtRiy4MVInnPu/pJ5yehsSapaEsob1CjtXRnF+F2+YvwuoxgrXWyV7b"
    "pzuhg/9OWUsDiJ0r4ElRADAUoO1SSRwvVprXYaakMV1dm2aVXdlB4b/15LFEIMNmINwLa+"
    "FGLym21UMUR/Uws032i352u98LMex9HnVUbv1emM2q5flhDITabkUQKNiiFAAIVKm0ixlS"
    "EtVd+Q/2BV4HDbIQSyftfN+lI2JpmvxSWoawtNN12BApRfvzpGoqQLodS2ZXvGTivlypyx"
    "KnJsC7mewDFQrhThknqDfmjfliLrje6dDE9/6x8FNt8R+XJ6cXr9rf+ZPcJk5/cMGyMCPI"
    "8NYtfCzksreabLsdwCjpupt+mZlgEvIHGoxWmaGyTQpGMN4ipkEA7Htw7d+uNclDlvFXa9"
    "c+Y8X2mS7GwSp1GioUA0VAErKmBl+wxqTa20lzkcFVFeJoy0FN8Eo6wQCqRqH8nUPsK2Kn"
    "0kX8+nxiI+O6uAq+ohlQCaxWp+rA6RROWQnUQpCKmvBlK7qzqoagXbjYRNnH15LsHY2Zjv"
    "GfRdyW5saM1tUiOnY/gM5cfbph9PRQfVb0wIhVopVJNEClcVHbT26KCT3vVJ73O/I9q8Ne"
    "Da+uCg5CfbqOCgnmeY7jesJU/QzM1CUUCDYeNZOO7JGCHIRXUYrpafmOKH+2Db1CyTZ4Qs"
    "FuAP5hklNg6K0fIcEn3GQH7B/m0usuFDtc2qskuaJXnwbqczzZnJ+AMTRC2MJXpfpu3W+/"
    "yuW+8zTbfyCniZ0yJ3ERG5Atcohbxd7yb+8/7+wcGH/bcH7z8evvvw4fDj22g3Z28Vbevj"
    "06+wsxPo5wgqW2T8V7xtdC7rD26XYP72cuTTIaIkYMavKbEeg9bViE6QBqyYTPEndHMDn+"
    "7Njc+bHWS6YevrYPQtnjApg10XhJHWPn3NB0LRF9WyM2EDn1PRySEf4aAiG3YgsmH7PviG"
    "OTnqtksw9k3t8YKrZXIACygVwHkAsx8rV80pRaZi3VJCbTbWDQJMRXEjxcnBQq+D0hpEWg"
    "PlFdx8kCRQTpG1EOqDMiWxDvJLYh1kSmIFmIn48ZNAC1lxG2Cuf0f7sn8W479cDy5yorsj"
    "irTgaOou+g+yTGcHz7wCXAGKhLCYacmb7r6bkgJhgnRLXl43Rgb2iEChvjrqCxvfSxvXEk"
    "SKqZRgKrII1wtug6qT1ANtQ2xoA8+9pT/Drm0CK1pyQLfIjkb50PE8NvZJS9o1nWMXOkIi"
    "HcxVc89xkYstC2nIV8E+IfYc8x7bjwgCr8Dj4WBeADTwg3Brl2/4ctiqZ61p9T/CLzsW/E"
    "6/5phG0M3NxZj9wUhdqMLPdqhGHAv2OGIbKTLOmQuTjXjhIEsjU49NgDQ3eoEReXlzExHe"
    "3LzqImqzt/3JzXv8rTRu7GOPfMmtgS4K3uPVG/YGBja8RVgKba7dgdeIQBkz9hV5GJkGni"
    "8oez33iL+Ow9YahX0JYE6/UhkfzH7xg6njkubDH7HcPe1eM/mHDFk2fyjDYiMNi8oCtWYD"
    "ySq2p+pWpxJSye45VhO9ZwiRszjFSDZobWIHDJ7a2nwzVqe992XSV9MG71j26vuMCkmlyu"
    "AHwzcI8JxBsavgxiSkJMBDdtCLAY6RtEJbKXLm9P82LFYSI1/O2eDiazg8rTmmuLHGPkZB"
    "tHa+br6kqKScr7a7f5l4hFtxEeTduyZx3sBjf13Xjt+0zh6JuAIRkFILayQncjROl1qXW0"
    "a4rgUJz8zNQn88GJwloD8+TW/17+fHfcZ9+DqwQaabEP+WgC8VAxm2nqRqW5nRvf2PZTj7"
    "/seCpg8fMz1kdq8ACkSaBJU9ZCqgXPYvPp9efD1CAf2IXIdXnNiVIf/THZEvvdMzXh+FaY"
    "dQHeX7xVW/x3A8PusfIY/YEGHKf8dKS1lqJSW6d0Dn8vlClNSa7zmOkbQmnKw+h3HcKpAB"
    "9YmYlhTtZqJbNsmZ2hTcolsaWwNj7BHXFKhqTxRoSRPXsNYNszS0aa15kDK2bSrwez0R2h"
    "xRtS4I5KBUOamDgnJSB9lyUkw1xDbRLEnveYqsuVgz5dc3mYQGbWSuVC5tDWHlqtrUc2Bl"
    "IKWusMYxMnVUNW19G+Jl7S3MIb3DpCNKUwjvdQtzFBbm2I2GlahhfYs1G9uI06AJtVHv8h"
    "TpFvgenTdoAHkF0EPx+lvv9f7he/D9QUslbIiKWleaS+WiNSsXrfnVrHe56Cf/RqSjkZJU"
    "KmJGiWTP98jOaJees9JCp2mVcNbklbbxPeOBq6xzklKtcpNXWdN5vrVsQlacSFWLebpaTI"
    "BYFmPpuia95Uw7BnHZwibJ3dWswiauq+mzvKa/sbvdIs0RYkQZc0wMLqE/TqBTrrewqGaE"
    "Aawaitfk/IRuGXAG4jdCk93DjGmIEFka2fB4LK0ox30dT1Bp7jsajQr2AraYsvEJKbJWRE"
    "ZtQEmFL0/WDBCnaSHO+6Vw3i/AeV/Q2IpCKoB8ammaroV4r2VfO+a/BDjnsvBwuBIpRZHW"
    "ysLyHDSyuLwl22glQ6k+JMGHFMipQnCLBMwkXYsybDYiai7xDzQMyRK1KSq1s5+2OuipLg"
    "sVTQ+STRuaBnZZ+4OAjZZocxNuzxpwbn3p2tSnXALd3PwcaXBjedO7xavLgps8pRplPmP6"
    "lXtp4wm2IR27IzChpUZ0nzSjLZKDS5jR/IzOF46fqu1g12WoO1C/McwQHN/apgFp5EeIV6"
    "8ODVsO4hHxYOuaI5OgMDxOZEpb01NU6EazQjdSiymQJwtzp7LUG8ygiq7sbApVQxK6d36H"
    "V4rJSy9Hdi0GBA8p+7+1iz9bXYiy53NiA5Y5nqsduXGZXXTgpmT6guM2PbLEWQuHHxRB4Z"
    "EfDv6nX5mF1znBbMmgJgvxoGg+lFKGgEWCH7ATFVARHaxVp4RKMb3IVeXygizL2dD/oD02"
    "48MMPGG8jn/sV/MWAOxhFtXvsNFFDo2eOSL+Qx2k2RgZmDiYV6qZUMtiRDqdz00XURuKuj"
    "yYUPsGUZKcXZ3vDTzf79jPEvsJns4cDWmb7CvofL0afL8MJNAR+Xx61T8ZHiHDtLHujsjJ"
    "t97FRf/sCAUlO0bk+vvl5eAKMki9xYLabvoLLedpKOVoKPAzZGI8TdeS8udEBK2LoV2L28"
    "zfD9K56gmqxuaqd1784p/Jvx6F/3jRZUz+AQpwMRZu2k42WqLMUrwrsxLv8hfiXWYdwNeA"
    "7bFNhX0OCypnpOiaUT8DnidbPwO2G3Aixy+Xxn+R35Znrj0i+J0ll2rT9TWgpQVICvKLl6"
    "Vs4/LZWDNErTeasXqhfCjnMIpTtab8wIadRaHv+vZR0hmapmuRv06FFKiQApmQgm20WW35"
    "l7P9Yp1N+2DW7MuOw1aDG3CQmm7HwC5rbBRsthLe1k33tm1URbKy0OY2ti3jZU1UtQryAC"
    "p2rk9mH7RkP6eCALiJtRpMcYP3OZ+wvXD5/uRqeJWPl9gZkNYa4pDdXk94XZabsJzvZTxf"
    "EpQOd4BAAi3rbhAGLQjGgtPkDGv3ULL/DuOFE2jvD0fgO8GTlCcG9N6li4VdmFB7jm3kvz"
    "m31DiuaVlc6e+OCHhK2LBHpGsEEYosSqZsXGTNEXhFfmT8UYH38Y+Uv+RHzC3J31S6Ar5y"
    "olR0orBVHcNaChhRUXREnEwVli0fFQEflbytKk6lbFWr2ar+QU2ykjUlQaiMKY02poSHiO"
    "QSx8hURYTGr6+8qT9G1SJ72aaN/Sr36bn2wNk5VFXeTSPybvKCTlXWTRpf6cDTjeWFFDQ7"
    "LNXmkGeCSDU5HBDsmxfQzU1kuuDRon7sqEky0Z/dWFinScD/6bBVyZpR6pvab2roV/Vkyx"
    "aPdIXugC+cZfdA/RHd4ccjpEFDRN6TEPrYsj8Nmy4W2IDHEewHcEzYPnVGhE/Ei4IuC7ew"
    "HQRhGHTCfwFYe0y3uOlg1g4DQhBb7ewNJnXN/PLi0U/KWGtUMZhmFoORFYc3bkhoyRLEM4"
    "t+CnTM/HZk4fgmRxvXok+uoxeZjRfWI+Nr0iUBUoRK81t1u4Pfkr2oVGBknGZ3QyLr+CjW"
    "EvM405wx1JiSNNvHyVQ2o4TdfikVZQAvKEwVJ6olxH7b7GfNdaod6tm6VK7IkmKDySIP+H"
    "ZdfGTdvVRVUOlKcs2u2cmxYa62yglC5Qtp8hrPTMPAZIU1ThCqNd6BNZbNr0iTtUj1qc3Z"
    "EmAE9jyRiTpf5MgQti5NdS0N+XwLo2Qt+zhNm+xV9SUJKaesch9u/axdk/tw6ZRQ7sNifB"
    "OMcucSHhomaZQK4LfxvemIjaIrRPBfBbO1aIuuNZI/DVu+czqObDkn9diOk5SI4gfvTqLH"
    "xkwz0C2eMC6FNIJApe7ywkLoYUYReCU0HVp4uNynDB06RPH+Nc2qenw02slSVL1Q+Rg35m"
    "N8sE3XXcmYkqTcHbNo53e/MxBErQCnedAcHlfCWAi1/SQh3xZYvejHzlldQma6Unu9BOnu"
    "7IdnaV6DHS5rk0jQKI25WS0cGgrtBkSJApPFNuqzN20hyirSDS7Q3gM5w9ByirPH7hZqOl"
    "pyXAn1xnE9g+nxL5h8wONXdaZ/MCUDWQwqSiCSlh161PbrOS3jYBeazai4cuJopuHH1c7M"
    "4LtP6jp1P2JEHqhngbqE2C+EMS9BZfqpQ4Nj/xJ7hI11KPoaaVU8O5o/8VV+RK0/AG4HL1"
    "0tTPa5KFNry19mLMv1BEaYcmVgl9RNVps6l4z39C+GR8Hn4Y5I79i/4G/vETlj4tQRE9td"
    "PCL9v518v+5/Pgo3fDkBft1lYAl1pSJ7wvHKu1bGuzbX7LsVCvGlyZSjWCDO+hjJ64IJQq"
    "UJNloT9I91uY8nQdMmdaW2TycmtclBmyVUnCkLbyCBykGbJFLb9mn9eSnyV1Sfz6KJdgzg"
    "stpzgiOWcPCHKlR1aFvv4U9+tiWwjbHQTeLbMJZbFt7sgdMo28+xZ1qG/zszlp/oXrfI7n"
    "MbH/WU1ScfXqFNJF3+lb+gMots0yzC/5uBtUDbDsY32QyyahJNKX17r0Df3hNEsxoG0z5y"
    "7E45waxLEmXTKGPTULlKTx1rrVC9VbV2Va19+59SjdXaywTa2pTOK4aOXrEp2iOQrzVc9K"
    "utGUKvqX+jUHCeRkNK+ErB5AvuynvN8rDvqHyABkrgWnShczS20VS7x4j6hYbim+qFgxxd"
    "szB6OeocjtgTR52PH9h/Bf7SdTxmREadheY4/qXjUecVNMR2dMYOYsWNGHz86UiDC9RzNG"
    "K4MweqEvH7MDN7gksXXWjUqc/CdxsR9j42b6ENXTh1Ol94EGw2sWnZ7tk/EmX9YwqxKhmt"
    "+m7W6W49OetdX/8+uPrrEdIt9kk8UPtuRL4Nzvv+xRmdY//akDF9trjYccHt2jsHn6s2b4"
    "bDlX+LKzvGQ+JGL9SX09/6bCrzHrPl+X7x+Qq83jOPMEXLGJFLtorjL73TsyMEjG080Uxr"
    "RM76w2H/6gixc9v1K/Vvf6k4H5fRJSOCJi/PirrkxxLofswF92P2M2AnmIx/JByvVAlhvu"
    "l8LrTYF1TBWZIou0cZu8eU8TP5nP8UlfKXZjevD5FI6QVzUhGsQj0sYUhqDm/oDCGOkbID"
    "HBnao59CBhK7Tj2GK7R7qZ7SAYYjZa17jta6bbSrbNp61s2XthN81HJmr8zKKvxod3BV5v"
    "qtmeu32Vx1V9Et0V9VxXltJs5r89GJDRMc6gxO3E501zdqmUxV6wgcVOGtbpGLahYbVMJJ"
    "RSh5DeZraCEBGiKdQEGROMM8QrbH4ELhRuB9Pzl8DriUTFdUsKSuaUuFmMHPVRFm2/QCBR"
    "uurB0lGL4bJpQ6NHuBiaT5QXkbMpuuJSRPGaBW2aY7Z4BSer3SP7f/KW0kXGy9MqcfwyAW"
    "OoN7T0idsVE1ZxQESk22X7wAVoNRq77xmxb/VHm6DZanC7a4pFizpFJF/pss0SjB9Vkss7"
    "cwVlzmJKVa5kYvc/hNysbvZOiUU1cQwaOiD1oSfdB2VJWZQpkptn+irslNriqirKsiigpA"
    "KIerZADCUriqAdu210LJSKIV8lyh2XDFPNfQGvkl6Fvckh2dDJDxbuemU0M/metoojZBtQ"
    "lDON9eBcbwcPs9bRCPOmyXCcaAsTxUIsoqRC9jabwvnFfQj4EPWG4Sf0hUNfmVKByjvolr"
    "biGjTO+VSx5TSKQe32HBaVbQKjtJ1gpD/AbCCuA7kg3ciNO0EOf9UjjvF+C8LwjfoMSFwE"
    "cOlATWaboW4r2Wfe2Y/5JKiw2GK1OEKCtWeXCeg2k/EvDkmnEnqdQHJEoliiRQyWyiNJ1y"
    "mmTB9RYW1Qws2ecqRaW27dMm6HhEVEUbUzwEa8dALmtmSvHFMmlECeNGRYSlLCUN4xClk4"
    "nS7LEEyOF3v0lD6a5u4RSPbFSAZ+BaEVi0lk6XfFvW0sPztBFrQKDw2wwbngXdQ3Xds21o"
    "sAUV6gwMfcCxcXPDi1A4UVMvpM80MoXxkPjjIPpA0Ms5vcdGF/GaGxmT1noeMyIaoWDWQl"
    "CSEUxigYHsVRc51CeHjCYghuwlNq92jx3eZ9mihD99YWmEMCE+oIzK5Y1IWIyP29gc13Q9"
    "F4e9mp38bCd4EN9Q0Y8cl42GZd+k7To8ILaL0hXzEreCdxPfBDCyd5Sdb5N2vuTqZ/DNz7"
    "XKEFbMutrM6cfr1sDOf+EgeDGoVOM3KA7aAKY5grTCKUjJWm5uIb75inuCUOntjdbbMTFW"
    "WeIYmVrgRi/w7jWB7AQyQ0eSR16e9S4uoMplQD8i3/pnUPQSQ9fTk97FSf/sDO7r8FMtCz"
    "ek+6NLF6YuY9aPCFqX/LqeXgl8ucc21oSBWQXukzShwrsM3qHCkYX6mFKmIpCclJwYWQro"
    "W0a3LqSjK5s9R44Hg7PEEXJ8mk52+n5+3GeshEPPBpm+7py1YQJ/W+EIj5GpHKgmn+DKg/"
    "YsllnlQD2LZVZpOiqhZPcQTplx5UAWEyt3tKAp9NK0XBLbGIUCVACoZ2FJQJcUCtAsoCsx"
    "gBo+/DYyWJWx14iMPZVXVg5dybyy0FFbNRYlcGtfeaVSnBrGfstiGzt1SkAb8NMa0G19GE"
    "ry6CmBbUpY3STGO7p3xeJ9GQ4RdOmsiG+7mn1mOMNSwK+Qa6q5LiYG4FgxibIXTdQippES"
    "BzSjKkpR79R27ElhpH81hFoYxLvWVFw/MPEauy57NV+REIYuRiO6T4cwjp344KcTckm6WS"
    "58KhAA6DfN1YiBHhjrnrlOl//B4wLxHJbJRsEyOIJ83PrmVem4zQrT47x0XKnbamqKDbrg"
    "oXeqpBu+NV1X/e9tHLX4lfg2RKSbM/nsNfpLyQCcf5g+hW+cUsGbAy90n5aHNqTaHKz7uw"
    "Vr2MhbDtaQanOwHuwIrKEwM2b/8VyR8pHvrhCQbg7g9293BGHDnLKPmjFNT2DRyQU3RbUx"
    "f9DenyXFjjPe0hbe8xMH9AjRyaRkUsAzcMbvvIyd8RTJ5M2V9SoNCB5S9n8b8iltdVHq8i"
    "id9K5Pep/7KSNcJU3/0tLIqYvnHYGOH93rFmn3YJAdm+GwUjmKU8r4h1/wKixwhdjKmPem"
    "4bE7FtZsAho5TJ3V4FeaQenqzdLVXdPN09JzvPohQQvLCq2ljBPP2xAIdwWdQSKKFqQeFE"
    "VxrqMziKvZjLVI5ocmiHYiN7QO/AXZnwubQtirjC4SJ9mcDiKpgnQusa2z46mL3iKXQv2w"
    "LcnJqhmCqjrWMDawc8H0KmfiWSxzA00KLeOXydbqJcFNEilcVVhvk8J6g91ZA8ytD5JMfs"
    "iNKtV1Ffg3Lm08wbxuT0dgFxOM6hZZyCKvySJJUKIo/YJvhhd+uSx9Rk0dO5+Qxt8b8R+F"
    "JtSy6AMvc5WObAkibkRF6eubWFnWmmVZa4J7b0N1qt4yKhrWlwtfPhvzpZx+taD9eo/D7b"
    "/xlkBmPJNXUyPUNcXRxUVFPwTUG6z9ETIZGeuRxk4L1zlC/M1dKIposbeqXoCtxoIg/kki"
    "maMbp1Fe1zq9rotIfKzkb11dCt0JT2tiA67bx8pTRkRyZJBKUiA5hiPKiIpQyjQ4DB00Y5"
    "NigkzyCd3cUGKZBN/c8MqqDmJMBd2bBmZHp0mgRCsx2Ph7DNz91jMtI09mrP8JSnhslvAo"
    "21+nxb11Dsv4ZA/zXbKHGY/sHftdYnCfDkwPaTfomeUx1SEHkpFaTs5619dXg8H5EYrmGJ"
    "Gz3vERk15uR+RkcH75nQeh63S+YIqGPSJf/85GTx/ZuMHF2elF/wj5LKWkmJkMUN8vE6C+"
    "nx+gvp8t6rfQdNMVdPnKd5zFSJSxUiTK2/rMvF/JnZIiVQXlmuxOUc7RZ7HMoVgnpwimqB"
    "ps/tgan1TuSOU22z6PWpPbLPz+a8D5ODbVbnGMshCnmGWFAg2BDi8wn0ok1S+717QD7qQ/"
    "NygENIZaOVVbgbeyqNBaCxAkIBOYztKQ5pvQEgtZ1pZmY+jbwosCYNvEjp9qwEtSvQi7oI"
    "hqC5QkHJERublZQJkUm/0DWaYD1QagzQpUtUEPGN8BJXhe9UcmzKGXexA+evCqy6/BfUN7"
    "dNDLt+h/0Tkl7I9X6MF0Z0gbEf8pR+jm5sePt120/8cffh8kfI/tx2A0t8j9jg2CHfZX1x"
    "/LVuTHAR+tWfBmbIs6sfEjMpx5NoznL+C8QcPo/XTqse2CJjadR28Iv+DmJmjPQtnvfBP+"
    "GfgX/deyIJtsRB40y3qtsz/uEEjzyCQixzO/9S/o9qSsh82zHgY7OovsX64HFzmeoCVJWs"
    "EzdRf9h38buys2iXAEMBJaXSb9IJ1pkFLXYIJ0+kH8u5LY2WkypR+IPPue7Yu18hEVIlKF"
    "sTAkNDgmxEaigt3r1JM+0zSA5fJneIcsOfBiJM8aOmWfXAXInbNPqk4IyjS5ewirEv2qon"
    "xjcVU29EbY0FVF+XLoSlaUV2XP11f2XNXi3lgtbuXq2bjvwrudm47jv2rWc7G82y30WyTH"
    "lXBaLCshacR5wDZ4DMK6nZ/QTCO8yrFJkDZlUCAb83heP7/LxT9d7hNgGpWDJibbNSL3xj"
    "oeITDi/0iU/Q5TK/9Qtv1tFmxiy5eFtaCYUDBelRKSLiW0e03U5fd15/r78fnpcAgVqzmr"
    "c12oWX3VH36/4m3Vbex6NvGv/Xba/92/dm/iB9yQTurRa69gOkzTKuNho42HOp3Phdn9+f"
    "wvRtJcFtgZ8oOZS+8vnOD7qp5duBauGH78K3xtKVIVL97kby1aLNlSZVlCZQDNGkD9DheS"
    "fpAliYI0C2morMihmqJSVmVVKGqtuBZY6/P7gkib5FrYaaubssulPlxVHKpOcCsWh1pizg"
    "1M1aye4V7+Yqq47ZK2zyG2haUO+PVukb3TDUeUsHT+09NsNh7KoQAZG2kSzUJ+L0VefCBI"
    "LDYQvWfjoIUbxEuLTJqV5hLaLtO+Tw6FMl6qsgaNKGuwV6rW/F5Brfm9bK15Fb2poje3A5"
    "0KQVORPdvfrDVG9shU/apPbuth29RnIsktuFMou2nLMU9Jb/nIqmSuZslMTNh1hN94vtgU"
    "I2mh5LR/eFhCcmKj8rv0wL1UFZyFIHQvH+FgeAvRXYtcyp7oCg0v+QmJMRKVkCiZkJgRGz"
    "Z5mP33/wGYvMUN"
)
