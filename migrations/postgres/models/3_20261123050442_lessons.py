from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "building" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "address" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_building_organis_b6dab6" UNIQUE ("organisation_id", "name")
);
        CREATE TABLE IF NOT EXISTS "holiday" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "day" DATE NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_holiday_organis_cf8518" UNIQUE ("organisation_id", "day")
);
COMMENT ON TABLE "holiday" IS 'A non-working day of an organisation: rules generate no lessons on it.';
        CREATE TABLE IF NOT EXISTS "lesson_settings" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "grade_scale" VARCHAR(10) NOT NULL,
    "weight_classwork" INT NOT NULL,
    "weight_homework" INT NOT NULL,
    "weight_test" INT NOT NULL,
    "weight_exam" INT NOT NULL,
    "reminder_minutes" INT NOT NULL,
    "digest_hour" INT,
    "organisation_id" INT NOT NULL UNIQUE REFERENCES "organisation" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "lesson_settings"."grade_scale" IS 'FIVE: five\nHUNDRED: hundred\nPASS_FAIL: pass_fail\nLETTER: letter';
COMMENT ON COLUMN "lesson_settings"."digest_hour" IS 'Local hour; null: off.';
COMMENT ON TABLE "lesson_settings" IS 'An organisation''s grading scale and weights, and its reminder defaults.';
        CREATE TABLE IF NOT EXISTS "plan_item" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "title" VARCHAR(200) NOT NULL,
    "topics" TEXT NOT NULL,
    "target_on" DATE,
    "progress" INT NOT NULL,
    "created_by_id" INT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
);
COMMENT ON COLUMN "plan_item"."progress" IS 'Percent, 0 to 100.';
COMMENT ON TABLE "plan_item" IS 'One goal of a student''s individual learning plan.';
        CREATE TABLE IF NOT EXISTS "reminder_preference" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "reminder_minutes" INT,
    "digest_hour" INT,
    "absence_notices" BOOL NOT NULL,
    "person_id" INT NOT NULL UNIQUE REFERENCES "person" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "reminder_preference"."reminder_minutes" IS '0: no lesson reminders.';
COMMENT ON COLUMN "reminder_preference"."digest_hour" IS '-1: no digest.';
COMMENT ON COLUMN "reminder_preference"."absence_notices" IS 'Parents: absent or late.';
COMMENT ON TABLE "reminder_preference" IS 'A person''s own choices; a null field follows the organisation''s setting.';
        CREATE TABLE IF NOT EXISTS "room" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(50) NOT NULL,
    "kind" VARCHAR(12) NOT NULL,
    "capacity" INT NOT NULL,
    "archived_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "building_id" INT REFERENCES "building" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT
);
COMMENT ON COLUMN "room"."kind" IS 'CLASSROOM: classroom\nLAB: lab\nCOMPUTER: computer\nGYM: gym\nONLINE: online';
COMMENT ON TABLE "room" IS 'A place lessons happen in; ``online`` rooms are video links and have no building.';
        CREATE TABLE IF NOT EXISTS "schedule_rule" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "pattern" JSONB NOT NULL,
    "start_minute" INT NOT NULL,
    "duration_minutes" INT NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "group_id" INT NOT NULL REFERENCES "study_group" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "room_id" INT REFERENCES "room" ("id") ON DELETE RESTRICT,
    "teacher_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
);
COMMENT ON TABLE "schedule_rule" IS 'A recurring series of a group''s lessons.';
        CREATE TABLE IF NOT EXISTS "lesson" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "occurrence_on" DATE,
    "starts_at" TIMESTAMPTZ NOT NULL,
    "ends_at" TIMESTAMPTZ NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "topic" VARCHAR(300) NOT NULL,
    "cancel_reason" VARCHAR(300) NOT NULL,
    "detached" BOOL NOT NULL,
    "held_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "group_id" INT NOT NULL REFERENCES "study_group" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "planned_teacher_id" INT REFERENCES "person" ("id") ON DELETE RESTRICT,
    "room_id" INT REFERENCES "room" ("id") ON DELETE RESTRICT,
    "rule_id" INT REFERENCES "schedule_rule" ("id") ON DELETE RESTRICT,
    "teacher_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_lesson_rule_id_80fef0" UNIQUE ("rule_id", "occurrence_on")
);
CREATE INDEX IF NOT EXISTS "idx_lesson_organis_e54084" ON "lesson" ("organisation_id", "starts_at");
CREATE INDEX IF NOT EXISTS "idx_lesson_group_i_cfdf49" ON "lesson" ("group_id", "starts_at");
CREATE INDEX IF NOT EXISTS "idx_lesson_teacher_30212f" ON "lesson" ("teacher_id", "starts_at");
CREATE INDEX IF NOT EXISTS "idx_lesson_room_id_a278dd" ON "lesson" ("room_id", "starts_at");
COMMENT ON COLUMN "lesson"."occurrence_on" IS 'The rule''s date for this lesson.';
COMMENT ON COLUMN "lesson"."status" IS 'PLANNED: planned\nHELD: held\nCANCELLED: cancelled';
COMMENT ON TABLE "lesson" IS 'One scheduled occurrence. ``detached`` marks a lesson changed on its own (moved, given';
        CREATE TABLE IF NOT EXISTS "attendance" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "status" VARCHAR(10) NOT NULL,
    "note" VARCHAR(300) NOT NULL,
    "marked_by_id" INT,
    "marked_at" TIMESTAMPTZ NOT NULL,
    "lesson_id" INT NOT NULL REFERENCES "lesson" ("id") ON DELETE RESTRICT,
    "reported_by_id" INT REFERENCES "person" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_attendance_lesson__b00258" UNIQUE ("lesson_id", "student_id")
);
COMMENT ON COLUMN "attendance"."status" IS 'PRESENT: present\nABSENT: absent\nLATE: late\nEXCUSED: excused';
COMMENT ON TABLE "attendance" IS 'A student''s presence at a lesson. ``reported_by`` is the parent who said the child';
        CREATE TABLE IF NOT EXISTS "grade" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(10) NOT NULL,
    "scale" VARCHAR(10) NOT NULL,
    "value" VARCHAR(8) NOT NULL,
    "score" INT NOT NULL,
    "comment" VARCHAR(300) NOT NULL,
    "given_by_id" INT,
    "given_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "group_id" INT NOT NULL REFERENCES "study_group" ("id") ON DELETE RESTRICT,
    "lesson_id" INT REFERENCES "lesson" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_grade_group_i_3a9715" ON "grade" ("group_id", "student_id");
COMMENT ON COLUMN "grade"."kind" IS 'CLASSWORK: classwork\nHOMEWORK: homework\nTEST: test\nEXAM: exam';
COMMENT ON COLUMN "grade"."scale" IS 'FIVE: five\nHUNDRED: hundred\nPASS_FAIL: pass_fail\nLETTER: letter';
COMMENT ON COLUMN "grade"."given_on" IS 'The local day the mark counts for.';
COMMENT ON TABLE "grade" IS 'A mark. ``value`` is what the teacher gave on the organisation''s scale (\"5\", \"87\",';
        CREATE TABLE IF NOT EXISTS "homework" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "text" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" INT REFERENCES "person" ("id") ON DELETE RESTRICT,
    "group_id" INT NOT NULL REFERENCES "study_group" ("id") ON DELETE RESTRICT,
    "lesson_id" INT NOT NULL REFERENCES "lesson" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_homework_organis_60786b" ON "homework" ("organisation_id", "due_at");
        CREATE TABLE IF NOT EXISTS "submission" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "text" TEXT NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "submitted_at" TIMESTAMPTZ NOT NULL,
    "comment" TEXT NOT NULL,
    "reviewed_at" TIMESTAMPTZ,
    "reviewed_by_id" INT,
    "grade_id" INT,
    "homework_id" INT NOT NULL REFERENCES "homework" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_submission_homewor_d42674" UNIQUE ("homework_id", "student_id")
);
COMMENT ON COLUMN "submission"."status" IS 'SUBMITTED: submitted\nRETURNED: returned\nREVIEWED: reviewed';
COMMENT ON COLUMN "submission"."comment" IS 'The teacher''s review.';
COMMENT ON TABLE "submission" IS 'A student''s answer to homework; handing in again replaces the text and adds files.';
        CREATE TABLE IF NOT EXISTS "homework_file" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "storage_key" VARCHAR(100) NOT NULL,
    "filename" VARCHAR(200) NOT NULL,
    "content_type" VARCHAR(100) NOT NULL,
    "size" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "homework_id" INT NOT NULL REFERENCES "homework" ("id") ON DELETE RESTRICT,
    "submission_id" INT REFERENCES "submission" ("id") ON DELETE RESTRICT,
    "uploader_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
);
COMMENT ON TABLE "homework_file" IS 'A file of a homework (the teacher''s) or of a submission (the student''s).';
        CREATE TABLE IF NOT EXISTS "term" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_term_organis_5a4fd9" UNIQUE ("organisation_id", "name")
);
COMMENT ON TABLE "term" IS 'A quarter or term: final grades are computed over its days.';
        ALTER TABLE "course" ADD "room_kind" VARCHAR(12) NOT NULL DEFAULT '';
        COMMENT ON COLUMN course."room_kind" IS 'The RoomKind its lessons need; empty: any.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "course" DROP COLUMN "room_kind";
        DROP TABLE IF EXISTS "submission";
        DROP TABLE IF EXISTS "reminder_preference";
        DROP TABLE IF EXISTS "holiday";
        DROP TABLE IF EXISTS "homework_file";
        DROP TABLE IF EXISTS "grade";
        DROP TABLE IF EXISTS "attendance";
        DROP TABLE IF EXISTS "lesson_settings";
        DROP TABLE IF EXISTS "homework";
        DROP TABLE IF EXISTS "term";
        DROP TABLE IF EXISTS "schedule_rule";
        DROP TABLE IF EXISTS "room";
        DROP TABLE IF EXISTS "building";
        DROP TABLE IF EXISTS "plan_item";
        DROP TABLE IF EXISTS "lesson";"""


MODELS_STATE = (
    "eJztXetz27i1/1cw+pJkrpLGdpykzt6dkR0lcWtbHlvZbW+0I9MkJLGmQJUg7biP//3igA"
    "/xAdKESEkUjQ/txiQOSP0AHpz3+XdnbhvYom8GzlQjJtVc0yadI/TvDtHmmP1DeL+LOtpi"
    "sbwLF1zt1uIEdnrkLXUdTXfZvYlmUcwuGZjqjrkIntXpIcKmQfYEuTOMXAfjI6R57sx2TP"
    "cRjbz9vT/vI6rPbNtCf0IW1hxikinSMWFj2RWPmPfYobHBt45G9NkbeLxh6+z5bPzan8Ru"
    "/tPDY9eeYja7w5734w922SQG/olp+OfibjwxsWUkQDYNmIBfH7uPC37tlLhf+ED4Ebdj3b"
    "a8OVkOXjyy1ybRaJO4cHWKCXY0F8P0ruMB2MSzrGBtQvz9N10O8V8xRmPgieZZsGRA7b/A"
    "8lpnPL4YDMfX/eF43MksZ0gRwz24pNsEtgJ7Vcp//RRe4fX+3rsP7z4evH/3kQ3hrxld+f"
    "Bf/9FLYHxCDs/FsPNffl9zNX8Ex3gJ6h37WVlYT2aa0yfenGN7yl6IrR/OYBzSplBmr59G"
    "OcS0CObwwhLn5ZewOtCd3vfht8HV6fDvsU08Itcn3waDs6NgG4/IWb93dXF68XV80r8YXv"
    "WPom099rf1iHy/OP2tf3XNJ1ru8BE5vupdnHw7CvZ4+mPKWdS59nNsYTJ1Z7CSbwtW8Lfe"
    "1cm33tXL/bevYG6bMQmfg1wEd/b5LVjk5aLCf8d3d+J1FX8vMZLNLWens66vJgVwOYSLIB"
    "Zj7HjSGPskCuPSGGMijbFPojAug7FrzvG/bIJlQI7TbBDlHjW1P/WsueY+bgbw9+9K4P3+"
    "XS7ccCuJdvDCY0sjU0+bSqEuot0g+j7j2sAuL7PH83d4GvHFTHJzRwQt5B91Cxp4rpmWDL"
    "gRQfvAPSzDLNiofHgPM+xCMwwHUyqDcIykdRgfljoADwsOwMPsAfiAb5kkL8UiYiStw3gt"
    "QoZlT20ZgMPxzUW3c6m5M6YIGthB3sKyNYNmLClbg3uCNddjXCAL+V+uBxdiyOM0KdgNU3"
    "fRf5Bl0oz5pDb4f5l4RAds0a1nWq5J6Bt47K/r2vQFoANGMPOc0n9acaxfnvf+ll6Gk7PB"
    "MYfMpu7U4bPwCY5TS6I7GCAba252UT6zOyBSixcmSZlemoD0TfiP5lhe6liK4el5/3rYO7"
    "9MrMfn3rAPd/b51cfU1ZfvU2sUTYJ+Px1+Q/An+r/BRT+9bNG44f914J00z7XHxH4YsyM1"
    "hkl4ObyUlDY1BxN3LGWqTNA8bbEUrGhgkGzKgtZhswQr8OROaLL08coC/MV2sDklf8WPGb"
    "NlCtUcc/1uofzfcB+FV5ev6GgPkf08ub0YCOynY5fDcMW2+9XpCYMb0L7V9LsHzTHGObDr"
    "M9NioqXAGnMcUH756xW2IjSfE+ZJHoCduUkpm3ps32PHMQ3RSSwD2mU04yCYcHfZfDF2Jr"
    "k3XY5GRchOo4naCtUcz2+xQ2fmoiJU59FEbYWKfZG08o665JO0FSLd9hxalU+d8EnaCtHU"
    "sb2q39pXmKOtALG74Batg32fxKZqK1yg6BpslopQHQfTtBWmqaNVFqC+whxtBWhmW6ahPV"
    "aE6Js/S3tBmuMH2xHERMiBtJyljShZmFYXlM74JG2FaGFpZGy6eF5VnGTznLJp2oqTY9tV"
    "IbpiU7QVHqrPsOFZEA9kVT3droO5rtj/2oqXi52q22nIpmgTPGC0s/ftmLEuYcZL3krz+D"
    "HFrlssfA4IHtrs/8py/OvYjC0x6wGg8/15CuK5RrQpf0uYDojz7XSCKHGxNS8/VlxgT+QE"
    "T4eME6QZc5O8oEifaWSKkWsjDTm2hdmlAEW0nJ4ikyCbYBSPThfEh9c2rSAY/EcmNB7m5V"
    "svmrDzhwoZ32LIeLggZZ350QI2OEx8xWCJgzLBagf50WoH2XC15S6XgDhJ1UKg64/EnDoa"
    "ATCyx5/N9qtGxEDHqFIo3zKyHYS5ANbjweAs4Xc/Ph2m8P1+fty/ernHYWeDTN+vGLKQJd"
    "hxni7nHBdQruQibxrua/aRpw/RzXrKmwZ2WVe5YLMlHOYnveuT3ud+kb9cSiiXFC97um57"
    "/OUzMmV4q1CQ1GKDnhQev9kPTKjzPWeIst0CYtwRXNIofbAdA01sh2cIPuDbLrtumeQOG2"
    "jI0GJcco48ip0uk/nQre0KsgzXML/KLWyWoGjZU1NKjIkIVpJg0krldrFNiC97paI89wqi"
    "PPeyUZ7hhzKeaXQmJS2mCWuBe9sH6gZSpQLWMwbWIxRjjs1pLtcQUdcS7dcEHvLn/f2Dgw"
    "/7bw/efzx89+HD4ce3ETPJ3iriKsenX4GxJBYlK09GWN5atn63UlhtzhQ1xNdu5sPo/D7D"
    "ZHkaUs00+GkZnKjBr+KX2AFZMja9TaG4q6TYVU6tazZTrDezToW0P5PviLpjLpmtsNIZ4p"
    "3hr89yrf3DQzJ9IU5Tj22mCRJNvZaZMgH22sJkuusdrhp/0VuYQ5hmd/lmGV9netNmMQv9"
    "lyVtXKvH9251u5ZOA4l/pmXSQCqZqmLh9wJrVTI4P99gZSbHlaiRZRP8Go4RpEMJK3emud"
    "xuRJemJu6rJPgBBdYw9PIB33ID1GtvAeakSKT+E9sxjvtKVCBrXY9RFqxmWbBgeWX0h3B8"
    "PR64Bhmw6nd0Ku3hWUiU+OfCZNOtsMxJSrXMjV5mj670KcfIlGLY5PV18L29mp01SalWuc"
    "mrrMI01iNgNs7A0gJUVfDLhoNflmaC7IauAeXWpVen8ZU2wGwsrihWAEBgrEmWB8g31syT"
    "40oYa3xEXlAeOg5B4hpJxoijnqPPzHtsdBHB99hBPmaGyCRTbTJhJPpybwtj0lUUejOj0J"
    "8uXL4LEemd3ufz04sjP9ViRM57F72v/asj5H/FzogM+72Tb3DFxZo+gyvXw++f+xfDI0Rd"
    "z8DEHZHL3hW/4NcAGpHeycng+8WwB9cCw6TGx13//eTb4Gzw9fQaRtNHfWaD146yeydsjv"
    "7VGAiv+2dnA/ZEnU2HnTHQU2xZNnv2yfer3pDf8xh2cOVbv/d5PPgy/txnbzE85+8xwxrj"
    "VRMGAnsjd+6/U1ignQ3+cnoCvygq1M7GTkwdO+nvfTsmK26oZaqM6LwDJUj8QSepihSg5m"
    "y+OrQf0GjS5UwDDryCGpkiVXqk0iN36TtRemRTUS3QI5VuU6duk8cglIZev4a+HT3ykkuZ"
    "Zya564jSnpd3u4Xpzn69Sisc+JQimQ+zWKmLqofygpZKi9uugx3WQO4Yi5OoU0wkG2ylBn"
    "EbUS2SDeoqQtx+2aBE/eFEYAhnywrYJ4GNM8JmyQE+8uLSJ/SpoL+l1F3Ghjzz5mDoJcjB"
    "uu0Yb9AxtmwypRCAB7kvcZnJD9TzB/qpMXORJbmOKUtVNjFNVcpkyxmqkJ7A/8hgW5QkFC"
    "Nqsgl5xVi/tSSrTkxnBaiTVArrcljPTcOwsDTYKbLm9t5pEta3puPOxqH1vqxPIElV0Sew"
    "O4ZsgUuA/TbD9++s4shbUjc4W7PzpX/eO+uzycCNB/+Yr+LP2iuzefO3bnrjmnKlGcwaCz"
    "M0iwOXcRPu5bsJ955Fx8lO/83e+3erbFvVdHKdGd3raDrJtqMr1a0vImgfvmvpam27ooq/"
    "Q/wzR5uLCFqAb5Gbu/83Xvgjv+9e5OU+G1x8DYenm/GlYjYwRA6MXQauDOQpsuYC3znRKH"
    "49sS0wP8CPpl10enrRRfxQqaHsxzoWReV+rbQUKgxEOSVU4Hsj3eqqg53qYLfWriPLoIiq"
    "fUcSYRhtxCpsVKrQKoMWJo5tQSR2RaT64TxtBYqH2bNZ6thWvA3g0I/bbytemuuy31fDzu"
    "pFE7UVqnjjxHFtp2K8h6J/QrYVP6b1Um1atY3SuT9LW0HSbilm4j4dO3hhO+LWB3JfJSZG"
    "qEDslgegLP8KfmB1/lUeqZ3cWqpFZ8nuk9B1qxpMEh0od/Gji4CamJXb4oVQfTHb2xYvaN"
    "g5pt4tdU3Xq8zWSzfv3MXdFaLlat50VvFDVF1OVZdT1cZTGi/vNuwKWBGsaKI2QSUVlR0T"
    "VZeNfcSIlm/lGWsk1MIDQJ9p7njh4Al2cCCPVwXshE15mZixhbg5eA6v59SM3VUwbSvxk0"
    "yaOLE9h8LvySRNBHe6RUkT+nJMrfmSKjthi9kJ8N/x3V0W2fxQrBhJc2NWGhWMBYA5njTG"
    "PonCuDTGWCrcOEaiMC6DMROs/4F1gQiYj3GMpHUYryXXw8L3WCrwOCJoHb6HZeA9zEf3MA"
    "OuY9vz8R37aTIAJ4iaC3JnOMPoir3rX9msyHQpCixRiGBsfEJ4vnAfj5BGHksGbK47hUEF"
    "aOZCrwI0cyhVgKYK0NyFAM0pxN7UEb/TIsTlDI+Slo1lZJjAuJEIG8u3b+DEsBJ1IYISqL"
    "wQMOJL/gadYe2eoYMoZifwzQ0mBh3b5ObmEy/r4NgPjEp7pEijaGZS13ayx3F9M4/IiA1g"
    "v8K8Zxo7fry5QSbQjjq/8El/PfoleNKvow67+TAzLcyni7AAAn8CJjoY6OL72RnSJi52mI"
    "gxIvASXUT9mhVgY7jVKAbhA1sT5OCJRzH0q6KY7QYjnGc590uYjgalkhnjt0wDqyZVTTQT"
    "8QKzdJWqtFQVpQXWYsiCFyN5zrn7S+Ylo7MlqWpJKG9Qo7R3ZRTjd/mK8buMYqx0sVW268"
    "7pYvzQl1PC4iRK+xJUQgwEKDlUk0QK16e12mmoDVVUZ9umVXVTemz8ey1RCDHYiDUA2/pS"
    "iMlvtlHFEP1NLdB8o92er/XCz3ocR59XGb1Xt2e24/plCYHcZEqeTaBRMQQIoFBpEym2Mq"
    "Sl6hvyH6wKHG47hEDW77pZX8rGJPO1uAR1baHppitQgPLrV8dIlHQhlNq2bM/YaaVcmTNW"
    "RY5tIdcTOAbKlSJcUm/QD+3bUmS90b2T4elv/aPA5jsiX04vTq+/9T+zR5js/J5hY0SA57"
    "FB7FrYeWklz3Q5llvAcTP1Nj3TMuAFJA61OE1zgwSadKxBXIUMwuH41qFbf5yLMuetwq53"
    "zpznK02SnU3iNEo0FIiGKmBFBaxsn0GtqZX2MoejIsrLhJGW4ptglBVCgVTtI5naR9hRpY"
    "/k6/nUWMRnZxVwVT2kEkCzWM2P1SGSqByykygFIfXVQGp3VQdVrWC7kbCJsy/PJRg7G/M9"
    "g74r2Y0NrblNauR0DJ+h/Hjb9OOp6KD6jQmhUCuFapJI4aqig9YeHXTSuz7pfe53RJu3Bl"
    "xbHxyU/GQbFRzU8wzT/Ya15AmauVkoCmgwbDwLxz0ZIwS5qJThavmJKX64D3ZMzTJ5Rshi"
    "Af5gnlHi4KAYLc8h0WcM5Bfs3+YiGz5U26wqu6RZkgfvdjrT6EzGH5ggamEs0fsybbfe53"
    "fdep9pupVXwMucFrmLiMgVuEYp5O16N/Gf9/cPDj7svz14//Hw3YcPhx/fRrs5e6toWx+f"
    "foWdnUA/R1DZIuO/4m2jc1l/cLsE83eWI58OESUBM35tE+sxaF2N7AnSgBWTKf6Ebm7g07"
    "258XkzRaYbtr4ORt/iCZMy2HVBGGnt09d8IBR9US07EzbwORWdHPIRDiqyYQciG7bvg2+Y"
    "k6NuuwRj37YzXnC1TA5gAaUCOA9g9mPlqjmlyFSsW0qozca6QYCpKG6kODlY6HVQWoNIa7"
    "B5BTcfJAmUU2QthPqgTEmsg/ySWAeZklgBZiJ+/CTQQlbcBpjr39G+7J/F+C/Xg4uc6O6I"
    "Ii04mrqL/oMsk+7gmVeAK0CREBYzLXnT3XdTUiBMkG7Jy+vGyMAeESjUV0d94eB7aeNagk"
    "gxlRJMRRbhesFtUHWSeqBtiA1t4Lm39s+wa5vAipYc0C2yo9l86HgeG/ukJe3anmMXOkIi"
    "HcxVc4+6yMWWhTTkq2CfEHuOeY+dRwSBV+DxoJgXAA38INza5Ru+KFv1rDWt/kf4ZceC3+"
    "nXHNMIurm5GLM/GKkLVfjZDtUItWCPI7aRIuOcuTDZiBcUWRqZemwCpLnRC4zIy5ubiPDm"
    "5lUX2Q5725/cvMffSuPGPvbIl9wa6KLgPV69YW9gYMNbhKXQ5todeI0IlDFjX5GHkWng+c"
    "Jmr+ce8dehbK1R2JcA5vQrlfHB7Bc/mDouaT78Ecvd0+41k3/IkGXzhzIsNtKwqCxQazaQ"
    "rGJ7qm51KiGV7J5jNdF7hhA5i1OMZIPWJnbA4KmjzTdjddp7XyZ9NW3wjmWvvs+okLZUGf"
    "xg+AYBnjModhXcmISUBHjIDnoxwDGSVmgrRc6c/t+GxUpi5Ms5G1x8DYenNccUN9bYxyiI"
    "1s7XzZcUlZTz1Xb3LxOPcCsugrx71yT0DTz213Xt+E3r7JGIKxABbdvCGsmJHI3Tpdbllh"
    "Gua0HCM3Oz0B8PBmcJ6I9P01v9+/lxn3Efvg5skOkmxL8l4EvFQIatJ6naVmZ0b/9jGc6+"
    "/7Gg6cPHTA+Z3SuAApEmQWUPmQool/2Lz6cXX49QQD8i1+EVGrsy5H+6I/Kld3rG66Mw7R"
    "Cqo3y/uOr3GI7HZ/0j5BEHIkz571hpKUutpET3DuhcPl+IklrzPccxktaEk9XnMI5bBTKg"
    "PhHTkqLdTHTLJjlTm4JbdEtja2CMPeKaAlXtiQItaeIa1rphloY2rTUPUsaOYwv8Xk+ENk"
    "dUrQsCOShVTuqgoJzUQbacFFMNsUM0S9J7niJrLtZM+fVNJqFBG5krlUtbQ1i5qjb1HFgZ"
    "SKkrrHGMTB1VTVvfhnhZewtzaN9h0hGlKYT3uoU5Cgtz7EbDStSwvsWagx3EadDEdlDv8h"
    "TpFvge6Rs0gLwC6KF4/a33ev/wPfj+oKUSNkRFrSvNpXLRmpWL1vxq1rtc9JN/I9LRSEkq"
    "FTGjRLLne2RntEuPrrTQaVolnDV5pR18z3jgKuucpFSr3ORV1nSeby2bkBUnUtVinq4WEy"
    "CWxVi6rklvOdOOQVy2sElydzWrsInravosr+lv7G63SHOEGFHGHBODS+iPE+iU6y0sWzPC"
    "AFYNxWtyfkK3DDgD8Ruhye5hxjREiCyNbHg8llaU476OJ6g09x2NRgV7AVtM2fiEFFkrIq"
    "M2oKTClydrBojTtBDn/VI47xfgvC9obGVDKoB8ammaroV4r2VfU/NfApxzWXg4XImUokhr"
    "ZWF5DhpZXN6SbbSSoVQfkuBDCuRUIbhFAmaSrkUZNhsRNZf4BxqGZInaFJXa2U9bHfRUl4"
    "WKpgfJpg1NA7us/UHARku0uQm3Zw04t750bepTLoFubn6ONLixvOnd4tVlwU2eUo0ynzH9"
    "yr108AQ7kI7dEZjQUiO6T5rRFsnBJcxofkbnC+qnalPsugx1CvUbwwzB8a1jGpBGfoR49e"
    "rQsEURj4gHW9ccmQSF4XEiU9qanqJCN5oVupFaTIE8WZg7laXeYAZVdGVnU6gaktC98zu8"
    "UkxeejmyazEgeGiz/1u7+LPVhSh7Pic2YJnjudqRG5fZRQduSqYvOG7TI0uctXD4QREUHv"
    "lB8T/9yiy8zglmSwY1WYgHRfOhlDIELBL8gGlUQEV0sFadEirF9CJXlcsLsixnQ/+D9tiM"
    "DzPwhPE6/rFfzVsAsIdZtn6HjS6idvTMEfEfSpHmYGRgQjGvVDOxLYsR6fZ8brrIdqCoy4"
    "MJtW+QTZKzq/O9gef7HftZYj/B05mjIW2TfQWdr1eD75eBBDoin0+v+ifDI2SYDtbdETn5"
    "1ru46J8doaBkx4hcf7+8HFxBBqm3WNiOm/5Cy3kaSjkaCvwMmRhP07Wk/DkRQetiaNfiNv"
    "P3g3SueoKqsbnqnRe/+Gfyr0fhP150GZN/gAJcjIWbDs1GS5RZindlVuJd/kK8y6wD+Bqw"
    "M3ZsYZ/DgsoZKbpm1M+A58nWz4DtBpyI+uXS+C/y2/LMtUcEv7PkUm26vga0tABJQX7xsp"
    "RtXD4Ha4ao9UYzVi+UD+UcRnGq1pQf2LCzKPRd3z5KOkPTdC3y16mQAhVSIBNSsI02qy3/"
    "crZfrLNpH8yafdlx2GpwAw5S0+0Y2GWNjYLNVsLbuuneto2qSFYW2tzGtmW8rImqVkEeQM"
    "XO9cnsg5bs51QQADexVoMpbvA+5xO2Fy7fn1wNr/LxEjsD0lpDHLLb6wmvy3ITlvO9jOdL"
    "gtLhDhBIoGXdDcKgBcFYcJqcYe0eSvbfYbyggfb+cAS+EzxJeWJA7126WNiFie3MsYP8N+"
    "eWGuqalsWV/u6IgKeEDXtEukYQsZFlkykbF1lzBF6RHxl/VOB9/CPlL/kRc0vyN5WugK+c"
    "KBWdKGxVx7CWAkZUFB0RJ1OFZctHRcBHJW+rilMpW9Vqtqp/2CZZyZqSIFTGlEYbU8JDRH"
    "KJY2SqIkLj11fe1B+japG9bNPGfpX79Fx74OwcqirvphF5N3lBpyrrJo2vdODpxvJCCpod"
    "lmpzyDNBpJocDgj2zQvo5iYyXfBoUT921CSZ6M9uLKzTJOD/pGxVsmaU+qb2mxr6VT3Zss"
    "UjXaE74Au67B6oP6I7/HiENGiIyHsSQh9b9qfh2IsFNuBxBPsBHBO2T+mI8Il4UdBl4Ra2"
    "gyAMw57wXwDWHtMtbjqYtcOAEMRWO3uDSV0zv7x49JMy1hpVDKaZxWBkxeGNGxJasgTxzK"
    "KfAh0zvx1ZOL7J0ca16JPr6EXm4IX1yPiadEmAFKHS/Fbd7uC3ZC8qFRgZp9ndkMg6Poq1"
    "xDzONDqGGlOSZvs4mcpmlLDbL6WiDOAFhaniRLWE2G+b/ay5TjW1PUeXyhVZUmwwWeQB36"
    "6Lj6y7l6oKKl1Jrtk1Ozk2zNVWOUGofCFNXuOZaRiYrLDGCUK1xjuwxrL5FWmyFqk+tTlb"
    "AozAnicyUeeLHBnC1qWprqUhn29hlKxlH6dpk72qviQh5ZRV7sOtn7Vrch8unRLKfViMb4"
    "JR7lzCQ8MkjVIB/A6+N6nYKLpCBP9VMFuLtuhaI/nTsOU7p+PIlnNSj504SYkofvDuJHps"
    "zDQD3eIJ41JIIwhU6i4vLIQeZjYCr4SmQwsPl/uUoUOHKN6/pllVj49GO1mKqhcqH+PGfI"
    "wPjum6KxlTkpS7Yxbt/O53BoKoFeA0DxrlcSWMhdiOnyTk2wKrF/3YOatLyExXaq+XIN2d"
    "/fAszWuww2VtEgkapTE3q4VDQ6HdgChRYLLYRn32pi1EWUW6wQXaeyBnGFpOcfbY3UJNR0"
    "uOK6HeUNczmB7/gskHPH5VZ/oHUzKQxaCyCUTSskPPdvx6Tss42IXmMCqunFDNNPy42pkZ"
    "fPdJXafuR4zIg+1ZoC4h9gthzEtQmX7q0ODYv8Qe4WAdir5GWhXPjuZPfJUfUesPgNvBS1"
    "cLk30uytTa8pcZy3I9gRGmXBnYJXWT1abOJeM9/YvhUfB5uCPSO/Yv+Nt7RM6YOHXExHYX"
    "j0j/byffr/ufj8INX06AX3cZWGK7UpE94XjlXSvjXZtrzt0KhfjSZMpRLBBnfYzkdcEEod"
    "IEG60J+se63MeToGmTulLbpxOT2uSgzRIqzpSFN5BA5aBNEqlt+7T+vBT5K6rPZ9FEOwZw"
    "We05wRFLOPhDFao6tK338Cc/2xLYxljoJvFtGMstC2/2wGmU7efYMy3D/50Zy090r1tk97"
    "mNj3rK6pMPr9Amki7/yl9QmUW2aRbh/83AWqBtB+ObbAZZNYmmlL69V6Bv7wmiWQ2DaR85"
    "dqecYNYlibJplLFpqFylp461Vqjeqlq7qta+/U+pxmrtZQJtHdueVwwdvWJTtEcgX2u46F"
    "dHM4ReU/9GoeA8jYaU8JWCyRfclfea5WHfUfkADZTAtehC52jsoKl2j5HtFxqKb6oXFFFd"
    "szB6OeocjtgTR52PH9h/Bf7SdTxmREadhUapf+l41HkFDbGpzthBrLgRg48/HWlwwfaoRg"
    "x3RqEqEb8PM7MnuPaiC4069Vn4biPC3sfhLbShC6duzxceBJtNHLts9+wfibL+MYVYlYxW"
    "fTfrdLeenPWur38fXP31COkW+yQebOduRL4Nzvv+xZk9x/61IWP6bHExdcHt2jsHn6s2b4"
    "bDlX+LKzvGQ+JGL9SX09/6bCrzHrPl+X7x+Qq83jOPMEXLGJFLtorjL73TsyMEjG080Uxr"
    "RM76w2H/6gixc9v1K/Vvf6k4H5fRJSOCJi/PirrkxxLofswF92P2M2AnmIx/JByvVAlhvu"
    "l8LrTYF1TBWZIou0cZu8eU8TP5nP8UlfKXZjevD5FI6QVzUhGsQj0sYUhqDm/oDCGO0WYH"
    "ODK0Rz+FDCR23fYYrtDupXpKBxiOlLXuOVrrttGusmnrWTdf2k7wUcuZvTIrq/Cj3cFVme"
    "u3Zq7fZnPVXUW3RH9VFee1mTivzUcnNkxwqDM4cTvRXd9sy2SqWkfgoApvdYtcVLPYoBJO"
    "KmKT12C+hhYSoCHaEygoEmeYR8jxGFwo3Ai87yeHj4JLyXRFBUvqmrZUiBn8XBVhtk0vUL"
    "DhytpRguG7YUKpQ7MXmEiaH5S3IbPpWkLylAFqlW26cwYopdcr/XP7n9JGwsXWK3P6MQxi"
    "oTO494TUGRtVa0ZBJu5HAKbBaFS3+E0Lfaoo3QaL0gVbXFKYWVKp0v5NlmOUuPosltlbGC"
    "suc5JSLXOjlzn8JmWjdjJ0ypUriNtRMQctiTloO6rKOKGME9s/UdfkHFd1UNZVB0WFHZTD"
    "VTLsYClc1YBt2yugZCTRCtmt0GK4YnZraIP8EnQrbsmOTobFeLdzk9bQReY6mqhNUG3C/M"
    "23V4EJPNx+T5vBo77aZUIwYCwPkIhyCdHLWPLuC/oKujDwActN4g+JaiW/EgVh1DdxzY1j"
    "lOm9cqFjG9Knx3dYcJoVNMhOkrXCEL+BYAL4jmTDNeI0LcR5vxTO+wU47wuCNmziQrgjB0"
    "oC6zRdC/Fey76m5r+kkmGD4coUIcqFVR6c52DajwQ8uRbcSSr1AYkSiCIJVDKHKE2nnCZZ"
    "cL2FZWsGluxulaJS2/ZpE3Q8DqqijSkeeLVjIJc1M6X4YpnkoYRxoyLCUpaShnGI0ilEaf"
    "ZYAuTwu9+koXRXt3CKRzYqrDNwrQgsWkunS74ta+nhedqINSBQ7m2GDc+CnqG67jkOtNWC"
    "unQGhu7f2Li54aUnaNTKC+kzjUxhPKT7UGQ/EPRybt9jo4t4pY2MSWs9jxkRjdhg1kJQiB"
    "FMYoGB7FUXUdsnhzwmIIacJTavdo8p765s2YQ/fWFphDAhPqCMiuSNSFiCj9vYqGu6novD"
    "Ds00P8cJHsQ3VPQjoe5IOstJGA3LvknHpTwgtovSdfISt4J3E98EMLJ3lJ1vk3a+5Opn8M"
    "3PsMoQVsy12szpx6vVwM5/QRG8GNSn8dsSB83/0hxBWuEUJGItN7cQ33zFPUGo9PZG6+2Y"
    "GKsscYxMLXCjF3j3Wj92ApmhI8kjL896FxdQ2zKgH5Fv/TModYmh1+lJ7+Kkf3YG93X4qZ"
    "aFG9Lz0bUXpi5j1o8IWpfyup4OCXy5xw7WhIFZBe6TNKHCuwzeocKRhfrYtpmKQHJScmJk"
    "KaBvGd26kI6ubPYcOR4MzhJHyPFpOtnp+/lxn7ESDj0bZPq6c9aGCfxthSM8RqZyoJp8gi"
    "sP2rNYZpUD9SyWWaXpqISS3UM4ZcaVA1lMrNzRglbQS9NySWxjFApQAaCehSUBXVIoQLOA"
    "rsQAavjw28hgVcZeIzL2VF5ZOXQl88pCR23VWJTArX3llUpxahj7LYtt7NQpAW3AT2tAt/"
    "VhKMmjpwS2KWF1kxjv6N4Vi/dlOETQm7Mivu1q8ZnhDEsBv0Kuqea6mBiAY8Ukyl40UYuY"
    "Rkoc0IyqKEUdU9uxJ4WR/tUQamEQ71pTcf3AxGvsuuzVfEVCGLoYjeg+HcI4pvHBTyfkkn"
    "SLXPhUIADQb5WrEQM9MNY9c2mX/8HjAvEclslBwTJQQT5uffOqdNxmhelxXjqu1GM1NcUG"
    "XfDQMVXSDd+aXqv+9zaOGvtKfBsi0s2ZfPYa/aVkAM4/TJ/CN06p4M2BF3pOy0MbUm0O1v"
    "3dgjVs3y0Ha0i1OVgPdgTWUJgZs/94rkj5yHdXCEg3B/D7tzuCsGFO2UfNmKYnsOjkgpui"
    "2pg/aO/PkmLHGW9kC+/5iQN6hOzJpGRSwDNwxu+8jJ3xFMnkzZX1Kg0IHtrs/zbkU9rqot"
    "TlUTrpXZ/0PvdTRrhKmv6lpZFTF887Ah0/utct0u7BIDs2w2GlchSnNuMffsGrsMAVYitj"
    "3puGx+5YWHMIaOQwdVaDX2kGpas3S1d3TTdPS8/x6ocELSwrtJYyTjxvQyDcFXQGiShakH"
    "pQFMW5js4gruYw1iKZH5og2onc0DrwF2R/Lhwbwl5ldJE4yeZ0EEkVpHOJHZ0dT130Frk2"
    "1A/bkpysmiGoqmMNYwM7F0yvciaexTI30KTQMn6ZbKheEtwkkcJVhfU2Kaw32J01wNz6IM"
    "nkh9yoUl1XgX/j0sETzOv2dAR2McGobpGFLPKaLJIEJYrSL/hmeOGXy9Jntqlj+glp/L0R"
    "/1FoYluW/cDLXKUjW4KIG1FR+vomVpa1ZlnWmuDe21CdqreMyg7ry4Uvn435Uk6/WtB+vc"
    "fh9t94SyAznsmrqRHbNcXRxUVFPwTUG6z9ETIZGeuRxk4Llx4h/uYuFEW02FtVL8BWY0EQ"
    "/ySRzNGN0yiva51e10UkPlbyt64uhe6EpzWxAdftY+UpIyI5MkglKZAcwxFlREUoZRochh"
    "TN2KSYIJN8Qjc3NrFMgm9ueGVVihhTQfemgdnRaRIo0UoMNv4eA3e/9UzLyJMZ63+CEh6b"
    "JTzK9tdpcW+dwzI+2cN8l+xhxiN7x36XGNynA9ND2g16ZnlMdciBZKSWk7Pe9fXVYHB+hK"
    "I5RuSsd3zEpJfbETkZnF9+50Houj1fMEXDGZGvf2ejp49s3ODi7PSif4R8llJSzEwGqO+X"
    "CVDfzw9Q388W9VtouukKunzlO85iJMpYKRLlHX1m3q/kTkmRqoJyTXanKOfos1jmUKyTUw"
    "RTVA02f2yNTyp3pHKbbZ9HrcltFn7/NeB8HJtqtzhGWYhTzLJCgYZAhxeYTyWS6pfda9oB"
    "d9KfGxQCGkOtnKqtwFtZVGitBQgSkAlMZ2lI801oiYUsa0tzMPRt4UUBsGNi6qca8JJUL8"
    "IuKKLaAiUJR2REbm4WUCbFYf9Alkmh2gC0WYGqNugB4zugBM+r/siEOfRyD8JHD151+TW4"
    "b2iPFL18i/4XnduE/fEKPZjuDGkj4j/lCN3c/Pjxtov2//jD74OE77HzGIzmFrnfsUEwZX"
    "91/bFsRX4c8NGaBW/GtiiNjR+R4cxzYDx/AfoGDaP3022PbRc0cex59IbwC25ugvYsNvud"
    "b8I/A/+i/1oWZJONyINmWa919scdAmkemUTkeOa3/gXdnpT1sHnWw2BHZ5H9y/XgIscTtC"
    "RJK3im7qL/8G9jd8UmEY4ARkKry6QfpDMNUuoaTJBOP4h/VxI7O02m9AORZ99zfLFWPqJC"
    "RKowFoaEBseE2EhUsHtpPekzTQNYLn+Gd8iSAy9G8qyhU/bJVYDcOfuk6oSgTJO7h7Aq0a"
    "8qyjcWV2VDb4QNXVWUL4euZEV5VfZ8fWXPVS3ujdXiVq6ejfsuvNu5San/qlnPxfJut9Bv"
    "kRxXwmmxrISkEfqAHfAYhHU7P6GZRniVY5MgbcqgQA7m8bx+fpeLf7rcJ8A0KoomJts1Iv"
    "fGOh4hMOL/SJT9DlMr/1C2/W0WbGLLl4W1oJhQMF6VEpIuJbR7TdTl93Xn+vvx+elwCBWr"
    "OatzXahZfdUffr/ibdUd7HoO8a/9dtr/3b92b+IH3JBO6tFrr2A6TNMq42GjjYe6PZ8Ls/"
    "vz+V+MpLkssDPkBzOX3l/Q4Puqnl24Fq4YfvwrfG0pUhUv3uRvLVos2VJlWUJlAM0aQP0O"
    "F5J+kCWJgjQLaaisyKGaolJWZVUoaq24Fljr8/uCSJvkWthpq5uyy6U+XFUcqk5wKxaHWm"
    "LODUzVrJ7hXv5iqrjtkrbPIXaEpQ749W6RvdMNR5SwdP7T0xw2HsqhABkbaRLNQn4vRV58"
    "IEgsNpB9z8ZBCzeIlxaZNCvNJbRdpn2fHAplvFRlDRpR1mCvVK35vYJa83vZWvMqelNFb2"
    "4HOhWCpiJ7tr9Za4zskan6VZ/c1sOOqc9Ekltwp1B205ZjnpLe8pFVyVzNkpmYsEuF33i+"
    "2BQjaaHktH94WEJyYqPyu/TAvVQVnIUgdC8f4WB4C9Fdi1zKnugKDS/5CYkxEpWQKJmQmB"
    "EbNnmY/ff/AfaZwX0="
)
