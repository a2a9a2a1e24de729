from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "question" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "topic" VARCHAR(100) NOT NULL,
    "kind" VARCHAR(12) NOT NULL /* SINGLE: single\nMULTIPLE: multiple\nTRUE_FALSE: true_false\nSHORT: short\nNUMERIC: numeric\nMATCHING: matching\nORDERING: ordering\nFILL_BLANK: fill_blank */,
    "text" JSON NOT NULL,
    "body" JSON NOT NULL,
    "points" INT NOT NULL,
    "image_key" VARCHAR(100) NOT NULL /* Attachment store key. */,
    "archived_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "author_id" INT REFERENCES "person" ("id") ON DELETE RESTRICT,
    "course_id" INT REFERENCES "course" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_question_organis_dd40b4" ON "question" ("organisation_id", "course_id", "topic");
        CREATE TABLE IF NOT EXISTS "test" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "instructions" TEXT NOT NULL,
    "status" VARCHAR(10) NOT NULL /* DRAFT: draft\nPUBLISHED: published */,
    "time_limit_minutes" INT,
    "attempts_allowed" INT NOT NULL,
    "opens_at" TIMESTAMP,
    "closes_at" TIMESTAMP,
    "shuffle_questions" INT NOT NULL,
    "shuffle_options" INT NOT NULL,
    "pass_percent" INT NOT NULL,
    "show_review" INT NOT NULL /* Students see their mistakes. */,
    "published_at" TIMESTAMP,
    "archived_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "author_id" INT REFERENCES "person" ("id") ON DELETE RESTRICT,
    "course_id" INT REFERENCES "course" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT
) /* A test built from the bank. ``pass_percent`` is of the maximum score; the time limit */;
        CREATE TABLE IF NOT EXISTS "attempt" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "group_id" INT,
    "number" INT NOT NULL,
    "active_key" VARCHAR(40) UNIQUE,
    "started_at" TIMESTAMP NOT NULL,
    "deadline_at" TIMESTAMP,
    "finished_at" TIMESTAMP,
    "timed_out" INT NOT NULL,
    "position" INT NOT NULL /* The question the student is on. */,
    "score" INT,
    "max_score" INT NOT NULL,
    "passed" INT,
    "grade_id" INT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "test_id" INT NOT NULL REFERENCES "test" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_attempt_test_id_e1f601" UNIQUE ("test_id", "student_id", "number")
) /* A student's go at a test. ``active_key`` is ``"<test>:<student>"`` while the attempt */;
CREATE INDEX IF NOT EXISTS "idx_attempt_finishe_924413" ON "attempt" ("finished_at", "deadline_at");
CREATE INDEX IF NOT EXISTS "idx_attempt_organis_2902ca" ON "attempt" ("organisation_id", "finished_at");
        CREATE TABLE IF NOT EXISTS "attempt_answer" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "position" INT NOT NULL,
    "points" INT NOT NULL,
    "snapshot" JSON NOT NULL,
    "answer" JSON,
    "answered_at" TIMESTAMP,
    "score" INT /* Thousandths of a point, set at the end. */,
    "attempt_id" INT NOT NULL REFERENCES "attempt" ("id") ON DELETE RESTRICT,
    "question_id" INT NOT NULL REFERENCES "question" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_attempt_ans_attempt_3c1a34" UNIQUE ("attempt_id", "position")
) /* One question of an attempt: the question as it was drawn (``snapshot``: kind, text, */;
        CREATE TABLE IF NOT EXISTS "test_assignment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "finished_notice_at" TIMESTAMP /* When the teacher was told the group finished. */,
    "created_at" TIMESTAMP NOT NULL,
    "group_id" INT REFERENCES "study_group" ("id") ON DELETE RESTRICT,
    "student_id" INT REFERENCES "person" ("id") ON DELETE RESTRICT,
    "test_id" INT NOT NULL REFERENCES "test" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_test_assign_test_id_2c1519" UNIQUE ("test_id", "group_id"),
    CONSTRAINT "uid_test_assign_test_id_7e5b6c" UNIQUE ("test_id", "student_id")
) /* Who takes a test: a whole group, or one student. */;
        CREATE TABLE IF NOT EXISTS "test_item" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "position" INT NOT NULL,
    "topic" VARCHAR(100) NOT NULL,
    "count" INT NOT NULL,
    "question_id" INT REFERENCES "question" ("id") ON DELETE RESTRICT,
    "test_id" INT NOT NULL REFERENCES "test" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_test_item_test_id_cece08" UNIQUE ("test_id", "position")
) /* A line of a test: one fixed question, or ``count`` questions drawn at random from the */;
        CREATE TABLE IF NOT EXISTS "testing_settings" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "rating_names" VARCHAR(10) NOT NULL /* FULL: full\nINITIALS: initials\nNICKNAME: nickname */,
    "feedback_from_parents" INT NOT NULL,
    "lesson_feedback" INT NOT NULL,
    "organisation_id" INT NOT NULL UNIQUE REFERENCES "organisation" ("id") ON DELETE CASCADE
) /* An organisation's choices for tests, ratings and feedback. */;
        CREATE TABLE IF NOT EXISTS "lesson_feedback" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "author_role" VARCHAR(32) NOT NULL,
    "lesson_rating" SMALLINT,
    "teacher_rating" SMALLINT,
    "comment" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "author_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "lesson_id" INT NOT NULL REFERENCES "lesson" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "teacher_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_lesson_feed_lesson__57addb" UNIQUE ("lesson_id", "author_id")
) /* A student's or parent's rating of a held lesson (1–5) and of its teacher (1–5). */;
CREATE INDEX IF NOT EXISTS "idx_lesson_feed_teacher_59b57d" ON "lesson_feedback" ("teacher_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_lesson_feed_organis_d75acb" ON "lesson_feedback" ("organisation_id", "created_at");
        CREATE TABLE IF NOT EXISTS "survey" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "anonymous" INT NOT NULL,
    "questions" JSON NOT NULL,
    "audience" JSON NOT NULL,
    "status" VARCHAR(10) NOT NULL /* DRAFT: draft\nSENT: sent\nCLOSED: closed */,
    "created_at" TIMESTAMP NOT NULL,
    "sent_at" TIMESTAMP,
    "closes_at" TIMESTAMP,
    "created_by_id" INT REFERENCES "person" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT
) /* Questions sent to an audience (``audience``: roles and group ids). ``questions`` is a */;
        CREATE TABLE IF NOT EXISTS "survey_recipient" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "answered" INT NOT NULL,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "survey_id" INT NOT NULL REFERENCES "survey" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_survey_reci_survey__4932ba" UNIQUE ("survey_id", "person_id")
) /* A person a survey was sent to, and whether they answered (never what). */;
        CREATE TABLE IF NOT EXISTS "survey_response" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "answers" JSON NOT NULL,
    "answered_on" DATE NOT NULL,
    "respondent_id" INT REFERENCES "person" ("id") ON DELETE RESTRICT,
    "survey_id" INT NOT NULL REFERENCES "survey" ("id") ON DELETE CASCADE
) /* One set of answers; ``respondent`` is empty when the survey is anonymous. */;
        ALTER TABLE "person" ADD "nickname" VARCHAR(30) NOT NULL DEFAULT '' /* Shown in ratings. */;
        ALTER TABLE "outbox_message" ADD "buttons" JSON NOT NULL DEFAULT '[]' /* Rows of [N_ label, callback data] under the message. */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "person" DROP COLUMN "nickname";
        ALTER TABLE "outbox_message" DROP COLUMN "buttons";
        DROP TABLE IF EXISTS "test";
        DROP TABLE IF EXISTS "testing_settings";
        DROP TABLE IF EXISTS "lesson_feedback";
        DROP TABLE IF EXISTS "survey_recipient";
        DROP TABLE IF EXISTS "test_item";
        DROP TABLE IF EXISTS "survey";
        DROP TABLE IF EXISTS "attempt_answer";
        DROP TABLE IF EXISTS "test_assignment";
        DROP TABLE IF EXISTS "question";
        DROP TABLE IF EXISTS "survey_response";
        DROP TABLE IF EXISTS "attempt";"""


MODELS_STATE = (
    "eJztfWtz2ziW9l9B6UucWnUmtpN0xum3q2RHSTQtW15Lmcu2uiSahCyOKUBLkHY8O/PfXx"
    "zwIl5AmRQpiaLRVe3YJA5IPrid+/m/1oIa2GJvBvadRkymOSYlrTP0fy2iLTD/RXq/jVra"
    "crm6Cxcc7dYSBDTZ8pY5tqY7/N5MsxjmlwzMdNtc+s9qdRDh3SA6Q84cI8fG+AxprjOntu"
    "k8obF7cvznE8T0OaUW+hOysGYTk9whHRPell9xifmAbRZpfGtrRJ+/gccbVOfP5+23/iR+"
    "839dPHHoHea92/x5v//BL5vEwD8wC/5c3k9mJraMGMimAR2I6xPnaSmu9YjzRTSEj7id6N"
    "RyF2TVePnEX5uErU3iwNU7TLCtORi6d2wXwCauZfljE+DvvemqifeKERoDzzTXgiEDau8F"
    "Vtdak8nVYDQZdkeTSSs1nAFFBHf/kk4JTAX+qkx8/R28wk8nx+9+fvfx9MO7j7yJeM3wys"
    "//8R69AsYjFPBcjVr/Efc1R/NaCIxXoN7zz0rDejHX7C5xFwLbHn8hPn44hXFAm0CZv34S"
    "5QDTdTAHF1Y4r1bC5kC3Ot9H3wY3vdE/IpN4TIYX3waD/pk/jcek3+3cXPWuvk4uulejm+"
    "5ZOK0n3rQek+9Xvb92b4aio9UMH5Pzm87Vxbczf44nF1PGoC60HxMLkztnDiP5ds0I/rVz"
    "c/Gtc3N08vY19E35JuHtIFf+nRNxCwZ5Najw7+T+Xj6u8vUSIdndcLZa21o1CYDzIbwOYj"
    "nGtlsYY49EYZwbY0wKY+yRKIzzYOyYC/wvSnARkKM0O0S5w0ztTx1roTlPuwH8w7sceH94"
    "lwk33Iqj7b/wxNLInavdFUJdRrtD9L2NawezPM8cz57hScSX84KTOyRo4P5RNaOBF5ppFQ"
    "E3JGgeuO/zbBa8VTa871PbhWYYNmasCMIRksZh/D7XAfh+zQH4Pn0APuJbzskX2iIiJI3D"
    "eCtMhkXvaBGAg/b1Rbd1rTlzLgga2Ebu0qKawVKalL3BPcOa4/JdIA35X4aDKznkUZoE7I"
    "apO+jfyDJZSn1SGfy/zFyiA7bo1jUtxyTsDTz2121N+jWgA0bQ84Kx/7WiWB9ddv6eHIaL"
    "/uBcQEaZc2eLXkQH54kh0W0MkE00Jz0on/kdYKnlAxOnTA6NT/om+KU+mpcqhmLUu+wOR5"
    "3L69h4fO6MunDnRFx9Slw9+pAYo7AT9Lfe6BuCP9H/DK66yWEL243+pwXvpLkOnRD6OOFH"
    "agST4HJwKc5tajYmzqSQqjJG87zGUjKivkKyLgNahc4StMCze6nK0sMrDfAXamPzjvyGn1"
    "JqywSqGer6w0L5P8E8Cq6uXtHWHkP9eXx6cRD4p2NHwHDDp/tN74LDDWjfavr9o2YbkwzY"
    "9blpcdZSoo059ym//HaDrRDNl4R5fA/A9sJkjHc9oQ/Ytk1DdhIXAe067HHgd3i42/x67E"
    "zyYDoCjZKQ9cKOmgrVAi9usc3m5rIkVJdhR02Fiq9IVnpGXYtOmgqRTl2bld2nLkQnTYXo"
    "zqZu2bX2FfpoKkD8LphFq9i+LyJdNRUuEHQN3ktJqM79bpoK052tlWagvkIfTQVoTi3T0J"
    "5KQvTN66W5IC3wI7UlPhHFQFr10kSULMzKM0p90UlTIVpaGpmYDl6UZSd5Pz3eTVNxsikt"
    "C9EN76Kp8DB9jg3XAn8gq+zpNvT7uuH/NxUvB9tlp9OId9FUeAyTcQkOKEpB9Nnvpqkw4R"
    "9LTEqLuV2vl6aCZJIHauplQep5vTQVJAsbd9iegHOwWRaqvuiry7tqLPu91J5sallleSav"
    "l8aCxFnCCrjKpsLDNEuznyaa8U+XOQtc+rAbiv46YXcNx60KRlP01GQ2kzn8gxbCXrpYUr"
    "v0FAu664nemo+aTR+rguyGPjYWL/c27LwsXJGumgqX5vAZsSy7FjteL00Fib8pq2A+/bff"
    "TVNhcvjnldYjbM8Pct/weArgyQxjA/yBqlAEf4n01UTImGs/4LLWl6HopEkQgUsZPaERV7"
    "KYk1n8VmoCMuw4602jA4JHlP/IOw2HkR4b6HQ2Mwk4O1YK3Bevz4YjBycCBHpXidzI67OB"
    "yMEiXpwsEst6oRHtTrwldAfE2Z6LkrwZcv/G7OwZEg9LQfB8Eg2CNGNhklcM6XON3GHkUK"
    "Qhm1qYX/JRRKvuGTIJogSjaL4OScaMyrqVpMf4PZUsBPoVcy/ssPWHSqKxxyQawYDkDW8K"
    "B7DGiTPygxuLZzrNE757mh2/e5oO4F3N8gIQx6kaCHT1sel3tkYAjPT5R/l81Ygc6AhVAu"
    "VbTnaAMK+B9Xww6EPPYSTSeW+UwPf75Xn35uhYwM4bmV6kRbCFrMCO7unFwoUklBsFDdUN"
    "9y1HDSUP0d3GDtUN7LzBQ5LJFgshuugMLzqfu+siiAoJggXZy47uuStIeMrg1lpGUos0ep"
    "Z5/EYfOVPnxRIgxmcLsHFncElj7JHaBppRW+RMe8S3bX7dMsk9NtCIo8V3yQVyGbbbnOdD"
    "t9SR5F3bQv8q21q9GEWL3pmF2JiQYCMOJilU7hfbGPtynCvu/XhN3PtxOu49WCiTucbmhb"
    "jFJGElcO/7QN1B8ih/65nA1iNlY87Nu8xdQ0ZdSfxzHfaQP5+cnJ7+fPL29MPH9+9+/vn9"
    "x7fhZpK+tW5XOe99hY0lNihpfjLE8tai+v1GiQYyuqgg48BuFkbrb3NMVqch00xDnJb+ie"
    "p/lbjED8ic2TqalJxgk6RjpZON1XtTrDbXmEry8ULWEXMmgjPbYKRTxAezv77IsfYOj4IJ"
    "XaI01ehm6sDRVKuZyZNyRFuaXHa9x2WdWjpLcwTdHO6+mce+npy0acwCA2ZOHdfmGQ/2Ol"
    "1zJ8aJLtM8iXFKqaoiCUkk2qp4upJshZUZb5ejagAl+Cc4RpAOSf2dueYIvRFbqZqErZLg"
    "R+Rrw9DRI74VCqif3CWok0KW+k98xtjOa1nJgG09Rmmw6qXBguEtIj8E7auxwNVIgVW9oV"
    "NJDy+Co8Q/libvboNhjlOqYa71MLtso6UcIVOCYZ3H18YPdDM9a5xSjXKdR1m5aWyHwayd"
    "gqUBqCrnlx07v6zUBOkJXQHKjUs4mcS3sAJmZ35FkZSoEmVNPGFqtrJmEW+XQ1njIfKKCd"
    "dxcBLXSNxHHHVsfW4+YKONCH7ANvIwM2QqmXKdST3RV3Nb6pOuvNDr6YX+fCnHQ/BIb3U+"
    "X/auzrxQizG57Fx1vnZvzpC3iu0xGXU7F9/gioM1fQ5XhqPvn7tXozPEHNfAxBmT686NuO"
    "BlRR+TzsXF4PvVqAPXfMWkJtoN/3HxbdAffO0NoTV70ucUrHaM37vgfXRvJkA47Pb7A/5E"
    "nXeH7QnQM2xZlD/74vtNZyTuuRw7uPKt2/k8GXyZfO7ytxhdiveYY43vVTMOAn8jkYaCv1"
    "NQspI3/tK7gC8KS1fytjNTx3Zyve9HZSUUtVyUkZ13IATJF3Scap0AVJ/JV4X0AxJNssCT"
    "vwNvIEYmSJUcqeTIQ1onSo6sK6pr5Egl21Qp22RtEEpCr15C348ceS24zL5J7luysOfV3f"
    "bacGevgo8VNHxOkMyGWS7UhfWURIkfJcXt18AOY1DsGIuSqFNMxhvspSpbE1FdxxtUVZat"
    "+bxBjopsMccQsS0rYJ8FNroR1osP8JCXpz5hzzn9rbjuPDrkubsARS9BNtapbbxB59ii5I"
    "6BAx7EvkR5Js9Rz2vohcYsZJrkKrrMldnENFUqkz1HqEJ4gvgjhe26IKEIUZ1VyBv6+m0l"
    "WHVm2htAHadSWOfDemEahoULg50gq2818jphfWvaznwSaO/z2gTiVCVtAoejyJaYBPi3GZ"
    "59ZxND3oq6xtGarS/dy06/yzsDMx78stjEnnWcZ/JmT93kxDWLpWYwK0zMUK8dOI+Z8Djb"
    "THicTuHFESq08YYE9d1yW903xx/ebTJtT/IlYliThyGJL15oplUE35CgvvhuOHlP3ufJi8"
    "ZbZcP7PpUZjU9Hhxacvx5B8/DdRhoRQh1ZaYoR/pEhzYUEDcB3nZm7+3eR+CO0cAcoHl12"
    "/i4ADq3c/cHV16B5BPWL/uA8Cbap3xdlhKM09YW8NZzTRwKebvxNIO9uzhwfCS+ZPBP8NH"
    "t+n6amN8PgqzFx+HQuMskTZDXG/UJj+KcZtUDhAx/N2qjXu2ojcYxXkGhlG8tARdttNBTK"
    "8UaZgVSoQS0dGWIVHP0sAeWLOEbSDTQE+7hmMPTRLwlVPCigiVBF3FBK13GMOr40ESthie"
    "QfqdDKgxYmNrUqqOjYDfppKlAisAGKlVQwrb7a1F2OvEiJpuKlOQ7/vgpmVifsqKlQ8bsP"
    "/PzyOJDKTsWLSK/eCdlU/LjUy7S7shVWL71emgqSdsswZ/fZxMZQDxXLEgYXLOlIjECAOC"
    "ybS979y//ACopf5kbqIKfWna0ZZVH6Cn00FaA5XeBHat9DobNyMH3ze2rooguBmpmlK2YH"
    "UH0xrcZOLK9kI5tAVWPHdNzS27pXsLGhsytAy9Hcu3nJhZgbqIOcV0tLIxPTwYuy8jPvp8"
    "e7aSpOjEtwhmvhie2W3q+Gfl83bnP3K75PBXUYS4IVdtRUqEzyQE3g1x06WWpPpZXJ0FnT"
    "sVIgrT39jDtsTzDhfZWFqi/66vKuGlU4O65yf7KpZYG6ryxa115XfZM0dnIxzdLsp4lm/N"
    "NlTgVKv6HorxN213DcqmAfRE+NZh4c/kEwGSY2fSyLVtDXDX1sqLQDMmHQeXlua/WeDZ1d"
    "oO9bLCswVkAvTQWJvymrYD79t99NQ1eew7+uJEIj3kWD0ZloDKpPVMAoAFCdsLOGQjbD2A"
    "DHo8md+YAlrl3FFVdf/B6bulGFiNlYx5CqTYGWh2OwH/ATm/hetmV5BuisoQsyQKqa2eVB"
    "dYN1c2k2WdYRn8kxY0verrS844PmddageVYoGUaEf13VU5eDGlQgy8HErrpqCKZx/0DNmS"
    "xtPMM29o3yZQG74F1ex3psIG42XsDr2RVjd+N320j8CuaquaCuzeB7Urlq/Dvtdblq9FWb"
    "StPUqaQwe0wKA/9O7u/TyK6JGFyR1DdwLT/AO4iBBcBstzDGHonCODfGMtn1GYzx5pkeXh"
    "zGzL39J9YlLGA2xhGSxmG8lRQ7Fn7AhfI9hASNw/d9HnjfZ6P7PgWuTelics8/rQjAMaL6"
    "gtwazTG64e/6G+8VmQ5DvjsaIhgbnxCYDZ7OkEaeNgqdrz5zjIrSzoReRWlnUKoobRWlfQ"
    "hR2ncQgFdFEF+DEE87ADOdLkv7PvGOhtBPg7Q6yiKuLOI71fIXVCOuYrElmsRYoHa2MhHH"
    "muXIfe2XeRPFDpHYX9+gPtYeODqIYc7uTqeYGGxCyXT6SaSutukjp9KeGNIYmpvMoXaa96"
    "2u5zEZ8wb8K8wHPLnHT9MpMoF23PpFdPrr2S/+k34dt/jNx7lpYdFdiAUQeB1wPt1AV9/7"
    "faTNHGxzfn5M4CXaiHl5uUGhd6sxDJw+tmbIxjOXYU7OX5nPBiPoZ9X3EXTH/HKQnMuyTA"
    "O/zsrfrXSye9TJiiJ6bJPKe0wV3oOtxSgKXoTkJecnXm1eRRQkcapKkubud3nHFB/v8mih"
    "3mVrod6ltFBK8bHJdD04xYc49ItpPKIkStUhqfbkM1DFUI0TKVyfVyHdBaqHkrqjpqkw2g"
    "mlUXS95ij25E/ECoBtfLmn+JqtVcEnb1JLJN9wtmdLvfBZT5NweeWRe3U6p7bjlV4CcpML"
    "eZRg5HnjoEBokwm2RUhz1XASH6yKOO3bX6cIc67KCRWzv+vaUtNNRyIAZU7dKIniLqRc25"
    "71GQctlCt1xqbIQUCvKzEL5Cu3tKLeodOHp0tpFYOv1bkY9f7aPfN1vmPypXfVG37rfuaP"
    "MPn5PcfGmMCexxvxa1B6IAgqKb7n5tpy1+y4qZpirmkZ8AIFDrUoTX09cup0rIETUxGEg/"
    "aNQ7d6pzKlzttkuz44dZ4nNBWs3h6lUayhhDVU3mHKO2z/G1SF3mHpLaMClFfRWQ3FN7ZR"
    "lvC7U9UGilQbwLYqNlA8g36FafMPVgBX+bpLATSPZNneHKICuboPEiU/fqUcSM3Oo6zyAy"
    "u384Yl9ztEtFTKsb37pMe40CzjfIRLzbbRe04dTqRppdkufl951wTPUBb1fVrUlZ9e9Wq9"
    "QLwshGqcSOGq/PS27qd30RledD53W7LJWwGujXfTiy/ZWrnpdVzDdL5hLX6Cpm6uZQU0aD"
    "aZB+2e9daDFAyM42p5IWKe4x22Tc0yRWzWcgmeGSK2y8Z+IUYRzaXPOciv+O/mMu3IV1mv"
    "Ks6rXpyHpXGxYa6xeRHLfIyogV59H97lMNB/eJdpoIdbCQN9Rt5K826d4ZbIjPJb5ELebn"
    "cS//nk5PT055O3px8+vn/388/vP74NZ3P61rppfd77CjM7hn4Go7LHjf8G69TO3vr92zk2"
    "f3vV8nlnbeJvxj9RYj0hjxTRGdJgKyZ3+BOaTmHpTqfe3syQ6SDHC+j1W9/iGecy+HWJQ3"
    "fl3Vd8IKxbUQ07E3awnNadHMV9jZSP0QH4GO3fG6ZmqsSq9RJ8+6b2ZCnEsmIASygVwFkA"
    "848tlsQwQaa8ThNMbdrrFFy9ZR5c68P0pWYHJTXIpAYqEpd6IBVAOUHWQKhP82SCPM3OBH"
    "maygTpYybbj58FWroVNwHm6me0x/unMf7LcHCVEWcRUiQZR1N30L+RZR5wziwZrgBFjFkM"
    "8Dy67Pw9CfVFf3Ce5AKhg/PkVg0ZnIrAHhIo1DdHfWnjh8LKtRiR2lRybCpFEa4W3BrlCa"
    "oG2pro0Aauc0t/XGLGNCEgpLRo8QbtdXo0KppOFpG2z2rShnSBnTkk4NNBXbVwmYMcbFlI"
    "Q54I9gnx55gP2H5C4AIJFg+GRd5r3w4itF2e4ovxUU9r06p/BCQARPy/6dT/Vi8DoEb4la"
    "sJ/4OTO1CAhs9SjTAL5jnikylU0HnluV4xZGnkzuUdIM0JX8Lr+2g6DYmn09dtRG3+1j+E"
    "mk+8nSaUfvyxR0Ir6CD/XV6DcvDWdRw+h/mrHAlZi78c/3Tv7cYkeD3GO6Ov0S3/wAUkIu"
    "TvCEWq0T1+uqV8aiEX6umADpGTGthwl0G+w4V2DwYpHwdM+CJ1MTINvFhS3rVzJr6U8amE"
    "gmo/8KpeSkLRmAP6aOr4jddDPh3l75FQXe1BM8VuAUF1fyjtZS21l0rNtWUtzCYKrvKqrR"
    "ysz+FZb2N13QgpptaKkOxQpcVPMXxna4vdqLaOP+SJVk9q1SPB6h9SciotVGLGb75DgBcc"
    "ikMFN8KGxQEecS5CDnCEpBEi0TqLUffvo/WSaGgw6g+uvgbNk+JpYjfW+GKU+IRnKwBWFK"
    "U0AJvN7l9mLhGqYgRpNhyTsDfw2F+3NeN3rRgI+WcJC0iphTWS4Z4apUuMyy0n3NaABGfm"
    "bqE/Hwz6MejPe8mp/v3yvMt3HzEOvJHpxNi/aIYXIXUUUjyuSOqxAuB5RVdA64Y+MvDP+P"
    "1qgoS81Ua6Zlkgoov87X/4khQIRf4mm7M2067XzErKK3Iyx6malhj6+ORjnsP55OOamlgf"
    "UyX2Di9lFXgk+bmYiiyO6+7V597V1zPk04/JMLjCIldG4k9nTL50en2R0YoL+JDP6vvVTb"
    "fDcTzvd8/4OrLBE1l8x0ZDmWskCxQ30xwHCq5JRjLbwyBC0hi3w+ocC6KKnRSoz/g+JWh3"
    "4wW1y52pSU5QuqXxMTAmLnFMibT9TEqtJHEFY10zZVGTxlo4s2PbphL76DMu8CFV45yFTn"
    "MlADxdkwDwNJ0AkEv32CaaVdDLIkFWX6xbI1/rFXDSyNwoweUWwg9UfsCXsJUBl7rBGEfI"
    "1FFVt/GtiTW+szRH9B6TliycJbjXXhvLsjQnTtgsR9WBW6zZoJkAGjSjNupc95BugX2avU"
    "EDiD+BEtPDb52fTt5/ACMuFMHDhqwMQam+VMxivWIW619/4JDTNIs1UthrLU6lPKsUS/Zy"
    "j+yUdOmyjQY6SauYszqPtI0f+B64yTjHKdUo13mUNV3E5RcN3IsSqaxCz2cV8hFLY1w4/0"
    "1n1dOBQZw3AU58dtUrAY7jaPo8q0x75G57neQIPsR8c4w1ziE/zqC2ubu0qGYETs4aimZR"
    "/oRuOXAGEjcCld3jnEuIEWu4kAX5U2VS5RaeoNIhHKhDMegL+GAW9U9IkDXCuW0HQiqsvK"
    "JqgChNA3E+yYXzyRqcTySlCCnEYxQPQU7SNRDvrcxrZv5LgnPmFh40VyylzFleaVhegkQW"
    "5beKlsZKUaqFJFlIPp8qBXcdgxmna1CQ1E5YzRX+voRRMJVxgkrN7Oe1DnqiLk5J1UPBMj"
    "t1Azuv/kGyjeYoTBZMzwpwbnyK48RSzoFuZohVYXAj8fWHtVfnBTd+StVKfcblK+faxjNs"
    "Q0x8S6JCS7RoP6tGW8Yb51CjeUG5r5gXys+w43DUGYTyB0Gek1vbNCDVwBkSWc4DxRZDwi"
    "MedF0LZBIUuMfJVGlbeopy3aiX60ZiMCX85NrwtzT1DoPgwisHGwVXk5j8g5/hpXzyksOR"
    "HosBwSPKf2yd/dnrQOQ9n2MTMM/xXO7IjfLssgM3wdOvOW6TLXOctXD4QUYb4fnB8P962X"
    "tEwhrMhwzy9hAXiitASCc4LBL8iJmTGblZQZeQUagTmqockV1n1Rv6L3TMe3ycgyVM1HuI"
    "fLUoFcEfZlH9HhttxGj4zDHxHupl/zEwYVhkNJpRy+JEOl0sTAdRG0JTH03IkYQoifeuzv"
    "canu/3/LPkdoLnI0cD2jrbClpfbwbfr30OdEw+9266F6MzZJg21p0xufjWubrq9s+Qn3Vl"
    "TIbfr68HNxBB6i6X1HaSKzSfpSGXoWGNnSHl42k6ViF7TkjQOB/arZjNvPlQOFY9RlXbWP"
    "XWq1+8M/nXs+CXV22+yT9CJjW+hZs2S3tL5BmKd3lG4l32QLxLjQPYGrA9sam0Mu2a5CcJ"
    "ugNOAHHh7UTMy3snvsgr37TQnhB8Z03TPUDpE+AUig9emrKJw2djzZCVaKnH6AX8YTGDUZ"
    "SqMekHdmwsCmzXt08FjaFJugbZ65RLgXIpKOJSsI9yvA1fOfvPt1q3BbNlW3YUtgrMgINE"
    "dwcGdl5lo2Sy5bC27roGcq0ykuWFNrMAch4rayyrlR8HIBEKzn3iL7/dYCucqxmBIbGAgo"
    "bM54QTgFCxloMpqvC+FB02Fy7PnlwOr/z+EgcD0lZdHNLT6xmry2oS5rO9TBYrgtzuDuBI"
    "oKXNDVKnBUlbMJr0sfYApR3uMV4yX3p/PAPbCZ4lLDEg965MLPzCjNoLbCPvzYWmhjmmZQ"
    "mhvz0mYCnhzZ6QrhFEKLIouePtQm2OxCrye8oe5Vsf/0jYS36PmCXFmxYuYqCMKCWNKHxU"
    "JzCWko1onXdElEzlBs7vFQGLqriuKkqldFWb6ar+SU2ykTYlRqiUKbVWpgSHSMEhjpCpjA"
    "i1H9/iqv4IVYP0ZbtW9qvYp5daxujgUFVxN7WIu8lyOlVRN0l8Czue7iwuZE1RzFzlMEUk"
    "SKFimAOCPfUCmk5D1YXwFvV8R02S8v5sR9w6TQL2T8ZHJa1Gqa5r0LpMp15WTz5sUU9XqH"
    "Hyiq3KQOpPUEryDGlQOFPUrIR6x/xPw6bLJTbgcQR7DhwzPk/ZmIiORFLQVeIWPoPADYPO"
    "xBeAtsd0/OqRufUwwATx0U7f4FzX3EsvHn5SSlujksHUMxlMUXZ454qEhgxBNLLoh0TGzK"
    "4oF7Svs7dxJfLkNsrJ2XhpPfF9rXBKgAShkvw2ne5gtzQLVjSL0hyuS2QVi2IrPo9zjU0g"
    "x1RBtX2UTEUzFtDbr7iiFOBrElNFiSpxsd/39rPlPNWMurZeKFZkRbHDYJFHfLutfWTb5X"
    "CVU+lGfM2h6cmxYW42yjFCZQup8xjPTcPAZIMxjhGqMT6AMS4aX5Eka5DoU5mxxccI9Hky"
    "FXU2y5EibFyY6lYK8nkaxoK57KM0TdJXVRckpIyyyny497N2S+bDlVFCmQ/X4xvbKA8u4K"
    "FmnEYuB34bP5hMrhTdwIP/xu+tQVN0q578SdiyjdNRZPMZqSd2lCSHFz9Yd2I1NuaagW7x"
    "jO9SSCMIROq2SCyEHucUgVVC06GEhyNsylChQ+bvX1GvqsZHrY0s67IXKhvjzmyMj7bpOB"
    "spU+KUh6MWbf3NqwwEXiuw0zxqTPiV8C2E2l6QkKcLLJ/04+C0LsFmulF5vRjp4cyHF6le"
    "gxleVCcRo1ESc71KONQU2h2wEmtUFvvIz163gcgrSNc4QXsH+AxDy0jOHrm7VtLR4u1yiD"
    "fMcQ0ux7/i/IHwX9W5/MGFDGRxqCgBT1p+6FHby+e08oNdajanEsIJ00zD86udm/66j8s6"
    "VT9iTB6pa4G4hPgXQpsjEJl+6FDg2LvEH2FjHZK+hlKViI4WT3yd7VHrNYDb/kuXc5N9Kc"
    "LU1uKX+ZbluBIlTL40sCvqOotNrWu+93SvRmf+8nDGpHPuXfCm95j0OTt1xtl2B49J9+8X"
    "34fdz2fBhM/HwG87DSyhTiHPnqC9sq7lsa4tNPt+g0R8STJlKJawsx5GxWXBGKGSBGstCX"
    "rHerHFE6NpkrhS2dKJcG3FoE0Tqp0pDa/PgRaDNk6kpu3z8vOK5S8pPvfDjg4M4LzSc2xH"
    "zGHgD0So8tA23sIfX7Y5sI1sobvEt2Zbbl540wdOrXQ/565pGd53pjQ/4b32Or3PbbTVc1"
    "qfbHilOpFk+lfxgkotsk+1iPg3BesaadtvX2c1yKZBNLnk7eM18vaxxJvVMLj0kaF3ynBm"
    "XZEonUYenYaKVXruWGuE6K2ytats7ftfShVma8/jaGtTuijpOnrDu2gOQ75Vd9GvtmZIra"
    "bejbWM813YJIetFFS+YK580CwXe4bKRyigBKZFBypHYxvdaQ8YUS/RUHRSvWKI6ZqF0dG4"
    "9X7MnzhuffyZ/yuxl27jMWMybi01xrxL5+PWayiIzXS+HUSSG3H4xNORBheoyzRiOHMGWY"
    "nEfeiZP8GhyzYU6tTnwbuNCX8fW5TQhiqcOl0sXXA2m9k0b/Xs32Np/SMCsUoZrepuVmlu"
    "veh3hsO/DW5+O0O6xZfEI7Xvx+Tb4LLrXZzTBfaujfimzwcXMwfMrp1LsLlqi3oYXMVa3N"
    "gwHhDXeqC+9P7a5V2ZD5gPz/erzzdg9Z67hAtaxphc81GcfOn0+mcINrbJTDOtMel3R6Pu"
    "zRni57bjZerf/1CJfbyILBkS1Hl4NpQlP+ZA92MmuB/Ty4CfYEXsI0F7JUpI400XC6nGfk"
    "0WnBWJ0nvk0Xvc8f2seMx/gkrZS9OT14NIJvSCOmkdrFI5LKZIqs/e0BqBHyPlBzgytCcv"
    "hAw4dp26HFco91I+pAMUR0pb9xK1dfsoV1m38ax6X9qP81HDN3ulVlbuR4eDq1LX701dv8"
    "/iqoeKbo76qsrPazd+Xrv3TqwZ41Clc+J+vLu+UcvkolpLYqAKbrXXmajmkUY5jFSEkp9A"
    "fQ0lJEBCpDNIKBLdMM+Q7XK4UDARRN1PAR8Dk5LpyBKWVNVtLhcz+FzlYbZPK5A/4fLqUf"
    "zmh6FCqUKyl6hI6u+UtyO16VZc8pQCapNpenAKKCXXK/lz/0tpJ+5i2+U5PR8GOdPp33uG"
    "64y0qjiiwBdq0vXiJbAanFrVjd81+6fS0+0wPZ0/xQuyNSsqleS/zhyNYlxfxDC7S2PDYY"
    "5TqmGu9TAHa7Ko/06KThl1JR48yvugId4HTUdVqSmUmmL/J+qWzOQqI8q2MqIoB4R8uBZ0"
    "QFgxVxVg2/RcKClOtEScKxQbLhnnGmgjv/h1ixsyo+MOMu7twmQV1JMZhh01CapdKMLF9F"
    "qjDA+m3/MK8bDCdh5nDGgrXCXCqEJ0FAnjfcVeQz0G0WA1SbwmYdbk1zJ3jOo6rriEjFK9"
    "l055TCGQenKPJafZmlLZcbJGKOJ34FYA66io40aUpoE4n+TC+WQNzicS9w1KHHB8FEAVwD"
    "pJ10C8tzKvmfmvQmGxfnOlipBFxSoLzktQ7YcMXrFi3HEqtYBkoUQhB1owmihJp4wmaXDd"
    "pUU1Axesc5WgUtP2eRV01COqpI4p6oJ1YCDnVTMl9sU8YUQx5UZJhAtpSmq2Q+QOJkpujz"
    "lADtb9LhWlhzqFE3tkrRw8fdOKRKO1Mrpk67JWFp7nlVgDAonf5thwLagequuubUOBLchQ"
    "Z2CoA46N6VQkoWBhUS+kzzVyB+0h8Ich+kjQ0YI+YKONRM6NlEprO48ZE41QUGshSMkIKj"
    "FfQfa6jRj1yCGiCYgheon3qz1gJuosW5SIpy8tjRDOxPuUYbq8MQmS8QkdG3NMx3VwUKuZ"
    "ZUc7wYPEhAo/cpLXG5avSdthwiG2jZIZ82K3/HeT3wQw0neUnm+Xer746KfwzY61ShGWjL"
    "razekn8tbAzH/FELwYZKrxChT7ZQCTO0JhgVMSkrWa3FJ8swX3GKGS22stt2NibDLEETI1"
    "wLUe4MMrAtnyeYZWwT3yut+5uoIslz79mHzr9iHpJYaqpxedq4tuvw/3dfhUy8I1qf7o0K"
    "WpF1HrhwSNC37dTq0EMdwTG2tSx6w15pMkocI7D96BwJGG+pxSLiKQjJCcCFkC6FtOty2k"
    "wyu7PUfOB4N+7Ag57yWDnb5fnnf5ViKg541MT3ZO6zBhf9vgCI+QqRioOp/gyoL2IoZZxU"
    "C9iGFWYToqoOTwEE6ocYuBLCdW5mhJUeiVajknthEKBagEUNfCBQFdUShA04ButAFUsPCb"
    "uMGqiL1aROypuLJ86BaMKwsMtWV9UXyz9o2bK8SpZttvXmwjp04OaP39tAJ0G++GEj96cm"
    "CbYFZ3ifGBzl05e59nh/CrdJbEt1nFPlM7w4rBLxFrqjkOJgbgWDKIshN21KBNI8EOaEZZ"
    "lMLaqc2Yk1JP/3IINdCJN5EGwrjjeyEmvK+ys6kv+uryrp4aOqdmGBuwhZXFCXyhvkT6as"
    "rM2r4z7BA7Dn81T0SVOsWGLdrPO8dOWLTx86HeJFmGGTZhcC31yjFrxECPnCmYO6wt/hAe"
    "p3gBw2QjfxiYJNK7un5VoHe9HEDFKT0pVcc30cUOnTugKm+rGPCNqefrrbdJWDy6wNqQke"
    "5OmXhc65WSAjibTXsO3yilgjcDXqhrXhzagGp3sJ4cFqxBifhisAZUu4P19EBgDZiZCf/H"
    "dWSCSLYhTEK6O4A/vD0QhA3zji9qvmm6El1hJrgJqp1ZGo//XJDt6ItiyfCenwSgZ4jOZj"
    "nDTV6Am8fB89gpG2SRiMy89soBwSPKf+zIWrnXQanKVnnRGV50PncT6t1Skv61pZGegxct"
    "iYwf3muvk+5B1T8xg2a5ol/vKN8/vFRqQeo0xEfGfDANl9+xsGYTkMih67QEv1EPSlavl6"
    "zumE6WlJ7hLxIQNDBh1VYShImIIAlzt6bmTEjRgKCWdf7B26g542g231oKRh7HiA4i6rgK"
    "/CVxxUubgkN1EVkkSrI7GaSgCNK6xrbOj6c2eoscCpnp9sQnqzIbKp9dzbaBgwvTUNE4L2"
    "KYa6hSaNh+6ctsBXMXxogUrsphvE4O4/7srADmxrvfxhdyrZLA3fj2jWsbz7DICNWS6MUk"
    "rdrrNGSh1WQZJ8hR7mApJsMrLxGbPqemjtknpIn3RuKj0IxaFn0UCdSSni2+x42s3EF1HS"
    "vNWr00a3Uw7+0oA9pbTkWDzIXBy6d9vpTRrxK0fzoWcHtvvCeQ+Z4p8vQR6phyv/V16WQk"
    "1DvMKhNsMkW0Rxo/LRx2hsSbO5Bu0+JvVT61X4WpZryTpGD0d5RGWV2rtLouQ/axlL11cy"
    "70ICytsQm4bRurCEaS8ZF+kNIazjFokYdVhCS5/mHI0Jx3igkyySc0nVJimQRPpyJnL0N8"
    "U0EPpoH50WkSSP5LDN7+AcPufuualpHFM1b/BMU81ot5LFq5qcFVm97nscm+zzbJvk9ZZO"
    "/5d8nBfd4xPaDdoWVW+FQHO1ARruWi3xkObwaDyzMU9jEm/c75GedebsfkYnB5/V04oet0"
    "seSChj0mX//BW9898XaDq37vqnuGvC0lJ5sZd1A/yeOgfpLtoH6SThe51HTTkdSPyzacRU"
    "iUslLGytv63HzYyJySIFWpCutsTlHG0RcxzAFbV0wQTFDVWP2xt31SmSOV2Wz/e9SWzGbB"
    "+q8A5/NIV4e1Y+SFOLFZlkj94cvwEvVp4dD65sAdt+f6KaYmkIWpbJH5Rqar2moCghhkEt"
    "VZEtJsFVpsIPPq0mwMFYFEUgAMuTq8UAOR7OxVUF9HllsgJ+GYjMl0uoQEPDb/BVkmg2wD"
    "UMAH8iWhR4zvgRIsr/oTZ+bQ0TG4j56+botrcN/Qnhg6eov+H7qkhP/xGj2azhxpY+I95Q"
    "xNp7///raNTv74w6uwhR+w/eS3Fhq5v2GDYMb/antt+Yj8fipaaxa8GZ+iLNJ+TEZz14b2"
    "4gXYGzQK30+nLp8uaGbTRfiG8AXTqV/4h/LvfBP86dsXvdeyIJpsTB41y/pJ53/cI+DmkU"
    "lkhmdx619QR0xpD+unPfRndBrZvwwHVxmWoBVJUsAzdQf9W6yNw2WbZDgCGDGpLhV+kIw0"
    "SIhr0EEy/CC6rgrM7CSZkg9kln3X9tja4h4VMlKFsdQl1D8m5EqiNbOXVRM+UzeAi8XPiN"
    "prxcCLkLxo6JR+chMgD04/qWpsKNXk4SGsij+oWgW1xVXp0GuhQ1e1CvKhW7BWgUqov72E"
    "+irL+86yvCtTz85tF+7twmTMe9W05WJ1t73WbhFvl8NoscqEpBH2iG2wGAR5Oz+huUZElm"
    "OTIO2OQ4FsLPx5vfguB/9whE2AS1QMzUw+a2TmjW08QqLE/z2WUD4IrfxD6fb3mbCJD18a"
    "1jXJhPz2KpVQ4VRC/NhzXMmOnc9TeEVdZ6fs1vD7+WVvNIKM1WKrcxzIWX3THX2/uYKLNn"
    "Zcm3jX/trr/s279mDiR2wkd6ZcTsGVZ60OX3sD1WGSVikPa6081OliIY3uz97/IiT13QJb"
    "I3EwC+79FfPXV/nowq3sisHi32C1JUiVv3id11o4WEVTlaUJlQI0rQD1KlwUtIOsSBSkaU"
    "gDYaUYqgkqpVVWiaK2iusabX12XZDCKrkG1nBrJ/RyiYWrkkNVCW7J5FCR8nFmab/tYC5/"
    "MZXfdk7d5wjb0lQH4np7nb7TCVrk0HT+r6vZvD2kQwEy3tIkmoW8Kp0i+YAfWGwg+sDbQQ"
    "k38JeWqTRL9SXVXSZtnwIKpbxUaQ1qkdbgOFeu+eM1ueaP07nmlfem8t7cD3TKBU159ux/"
    "slbo2VMk61d1fNtnk4kQLhnvFt5by78Z0VbP8XDZ+CqOqj67gOKocnFUW6nec1i5ojaw/1"
    "53by66V6MzyEQMFVLGpHM5+A4XtEWwj+zfxvugWa5knp+bd5k7SEhSZ24iqEuDjo5/An4e"
    "xN+FSfhP/mBJ2fS1m8yfT05OT38+eXv64eP7dz///P7j23C3Sd9at+2c977CzhMbHVn9Uk"
    "2a4TLf4lhR79AsSx3fk7SQh0TvvN+7+jo8Q8y8tfg4sDG5vhlcDviasemCjslw1Pnyhd92"
    "tNlsTAajb5BTbfWsva8eleLrZZhsVQjdixhmJWsrWXv/S2knsnbMyy9827J5gCJdHeyBtV"
    "t7UvfHEhOGWxK1RHCrvU4rgSONKlVKJJQPaR0FW4IZk//+h1JM7FIxoXMc7qgtSdWbTz6I"
    "0tdagB52+p2bXhfEA83SINkUuEqDAG0Lcfr7qNfvjUQD1zEt0xEteld/5W0GN/84QyZ54A"
    "35p9ZSdAiVAPkl7xVNk5iLHUvXkL8MEz1j/WRw8RGaHUrVv/3PqKBMvaGG7zTH7D7NnNyn"
    "KWtpcDSkIF5jLI3QvGiDH6GyBFdrFM9UmtmqRk74m07KXGrn0zVq59O02pm/hAthC5N7XG"
    "gHSNJthPaO6lh1HEfT5/C2iPHjL281pR24UYQoFrWupAgbN9u3YmQJYRM4bYJ3QNg4vLcy"
    "v3XguC1rM01hglZphOusKvRGa7LOVLNumCd7sdIc8LmtNPAvY1n5g1U0NC5Fp8K4VDY7Zd"
    "6oFdhNcSX8YhIYp6FXItybDgnVfbJJe50Kf+Y1nrBo6+eDREgydfyCEvwUVC5nb1CihUif"
    "T10Hacimj8hlftoa8UavWFJGrPwBY+LPKIaONHRr82+ei2ATgjV+gkDqHB2DvPqKvVbJ7+"
    "toeFCK020rTg0+38Ma9RCEVUhmlxHvEPTT9nFB0Dnn/sTQLZ7xk5DvGkvtSSitTIYMWDaQ"
    "YUT7ieGlJt51IzXWaT5ZZI0okhwj2yUEahTxnW6SmXsuO4eDnHp33NRJrXefSMjQD23B3/"
    "LWmThzfjzMqSXZ09cZyzI6qLFg0LpcOah+4uvB0uw7bCP4BnQLhWMYgo9CmuEnznuDrvhD"
    "zhCdzWrt0DrnQiAX+vj6Tg9hdoKhOFUD1CS7TihUQ3nv4BmklLRXRAbJKxkOCB5R/mNHcu"
    "FeB6UqqfCiM7zofO4mhMJSgl6PPFBTxy2JgBfcaq8T7MxIoxxB/7emZXHpijNADvW4IYjG"
    "J2jEv/HO1haf+CXT4CKVTd27uRCtbimkKg34pqVNH0zO/MmyAFTbuRLN6iWaKWci5Uz0HF"
    "dzqDIx34AsqmXECsoRjpBUA/B+N48Yuh/e5YD3w7tMfOHWoWfjbdElJkV1DYPr7hUXlTjl"
    "mFx3ep/PxIk3Jhedq4tuvw/pd0MT/CaahupdRJXN8zmusRE2T5iGG4xxhEy5itR5fDn3bM"
    "vN2WvVVxGqGuusas6f1VAFUo9xqExPKyTJYtBGSRSmKivsVnFV7hl7c89QGWK3lyE2tQUr"
    "ZJ9HNnrw5MBVsGAV4NrHxh3morTf22HxbXmxjfKrtXLXiqIv0eQnBidbm2+JhpNwUjyv0h"
    "8Q7PtMLegDFlp0OkNatMiYLlLKiYJicWeqT4hgyMarzzVyJ/F9qLTzMRmT6ZT/Zd9hCHCa"
    "TtFCu4fswMi7iOYcF8w74fP8DCzTwnPBv8kfxWmQyaAT787ZL96/v575r3P2i//Lr2e/kF"
    "95/49zbGM0nXISJF7T8xXzemTwKc5cc/wHjckMshfDBb8bcCGz4RsYNoJ35BPO64RAITYO"
    "DboVT0D/hY6n09dgUeeAOXPrafXi3kuLy/wVI+kL+Hs+8f9+Wiz4277h3fA+sU00i09x/s"
    "oG9Z3bGJ9NCN7OGwvxjjpdQCTyzKYLRF2HmQYWLm8auYdURo43WjZ9bPNXCgwwgaHlNTzM"
    "/zTmPcyEgVhafPGNibctII/tQ3wbmWOBDB9jeA3YmMRo3GJdcxlGI2o71OS/6BohlL+b0A"
    "zxxmJei/cdExvP+OPAMmQ6DFuz/KmfbaxjDhiXfVPpCiUZA1Y8gG984CTpZlQXGnLDDwYN"
    "kr0t+GtQI0nMEiknRGtxxwpLOsbq6+U2Sq0Tzhtml9qJUJ5tvWp+KsDOPy69VIDeGh8TUP"
    "l+7Z75G9GYfO4NL7zkgEGaUch18OX7lSgKN3MJKKoHNzfdi1FvcMXpKF8hOvQvysd1b4ad"
    "/pm/I2rWRurrkzzq65Ns9fXJy8lw0BrybZYfPJGEgkjs9uJECA9g2Phr7ZelrJfpdVCx9T"
    "JxmKUV/BnaxzjZYSREEMX2EjEDFtU1C926zCT8PEbwwuXL70myJqy4g01OkRV1neP6LzrD"
    "b2CkZHOwWt4Ig6XND4bRTedq+AXy23D4COO83Jj81hle987QvcaWJm/R7Xe/3nQueQuf3a"
    "yHhTPCPhbYguJUNR6xDbegd3lwfpeN87u0JTkU7Qpt9TGqSnCukSPFxzwof8xG+WMK5YiI"
    "WATmBFnTcD4+ybVtnKzZN04kG0coIBdjMBOElVhWtwG2OEuFrokzlSYT6gzPPQXC5xy0oE"
    "zoOF7XmsEsnh5B5UVQeRGUD0nKh0TlRdiiud3TFBYDNkajQFWeN8pLpDG4RkwKBcFNU6qt"
    "QbnhKDecQwS4sBtO0hRZEuBmJtNPoZzeMnNAvbLtlnbNYflm8YHCG2NTSxSJ8ENZS9aHiE"
    "TNNgPuVByVcO2Y2PSxbCWNoK8bLhA2B65t+nlda082tayWxMcruNVe59+1jDTKEa0tfIbA"
    "yOvXJpC4WZ2tKqsfGbY2c163EX++TR+w0QZbMQHz2L3Mu2sL/efy5xFPVZVH9xrM7Y1BCt"
    "dsY3FIcEBm4plpMwcZ2pPn6oe9+b4V0/ABxreK1VxQK936fNP5Ag5EQDsmnevrm8FfIao1"
    "2BLGpD+4+A2ueLtCPUzAygcljXLFPijBKbGJkSBOqqwEtbYSBCt9k3KkcVIVUXwQ41zUHJ"
    "QmVPpJiT1IHI8bLKIYoVpCdV5CyjyltPz7X0o7LvVqgRNuOcWUr0rp854aBPsuFFMCsmzl"
    "VIDoswqqiRW0zBWA6GBNn2PbS9/uzM/QI4SoPWrMC7vDBtKI4V00HYQ1mzB5sOGmHUn1Th"
    "Flm9+vUjrtVelUPJP1XrJX1x7hlKm1CKRRkjpj2hr6UbhLzpFhKNuAjrxfHURtxM+Qon6p"
    "laG+MInryA65TNAjFHXGfG/zGDymiSupHvicm7VPVGdQhY4xjDePnnH+7lZr7+oltv0aAp"
    "NNYi2l5HUeraJLYA/DETiNbDoeaXo1IBsPyJy6tvW00VikSNUwbDwMftKNjcYhTasGokQ0"
    "jjiUNxqINK0aiI0HQjP+6TJnIZcO1qZHiBOqIdh4CBzqeHky8oMfkijYN+eRfB1W0XyhEa"
    "ImoV+ZkOYLLsVwjRMpXJ83YkTUlmXd51c9HRjEBZItRlatvFaPZApXgW3TQxPiC7dW2Rav"
    "LY20ZFYOuN5ea94IWuRwvgUTSKCzWdqmjvkV5kBmwmg8AeTMI+ho7L59d/pW/DwWP7H4aY"
    "if78VPPfK7uP7uBHxpEeOjZeEg3SG1IW+ebWqWzGG3Fu+Uy8lXDI0yt+zT3CL+TcGa7fEY"
    "tK9zmrsNnR1PcqVFOFmTFuEknRbhsFIKpkLHCtlivp8PL256115iwGhPYzLsXX3td8/8PQ"
    "MyRfUgT6DYL3JqtrecJFDslAX1pAFJnTnWaC3XWhsRlP91eppX7H/dWNt6ywufhNgk3XIN"
    "bHwKUiGLLMtQc5KD3kZLbBeK76haOn7QLNMwnaeMkuqZw5Ciq/Ng7E334A/zpsdthHyHe4"
    "nmOJjfNwpuKK3OaNS9+izCavwexuRbt8//nvOPHJPLwdXoW/8fZ8Ei2OiUrTzIxiX4h+4y"
    "bEz4UtSlCQAyF4GUdncL4fjt24JD5Nn0DbEVQV70W+GisqetZ3Pc94p6Scz9d98z9pqtz8"
    "0Nw2HipMqXv86+/CoH3osYZhWyoUI29r+UdhyywXS6LB2zYWlkCP00CPXMzEtlE68Uy7p0"
    "MHBt2+bjza8Mw084+dZbfyYsbJfDBqRT12bYM4Dc2dRdekWSCJRLYtQSvOin4NqjyQfbdZ"
    "C3nNAMKnZAJugnj1Rmz6m8f4ltRtlg9miD8Qa4YD7dKI2KnU7LXGK6F8M0SqIglfhMwdZY"
    "zGFqRaH43BxePb7nQVm3E7+bAwM3tz/PalI978zj7ZMVgHoRdnRYm0BeVGMHSo7Ml2KzrA"
    "DXr0E/zYQ1eqbUyj9qCOn8njqhH3dLwjKn2qzlnEWCwKeJFm+eg4G+pcSFwE3KTMd8wK89"
    "VtfAhisKC6Ijgu80787MczOKR4DLmOZK+lSMcr0YZZWQsNqEhM0tjFnz6IPDKEe0M887VZ"
    "BIGWPK2txUQSJVO+cAEVbxUsqCWFvhdbPSLip+qgnxU57sf+NaUmNa5G47h07ADho+qw34"
    "Rh9XwjhYuJaaaXg17adT4QY7gT+mU0TJJy/ESbMdhjjHgNwlOtLQwvyRzvlUZb+5Qpsii2"
    "DVu4p12qv6IDIQUolgje91SHUYioQqJAGJvmCVqKmYziBOV1vn0ZorDSJpmYrDHyGsLf4t"
    "ft4jFsvoF6bxq3XoEgAMiZqKD0tAVdsxqfmaiAQ35Ac+QqRwL5fB6VZjJpssqVksv2gWeW"
    "2Ho3X8p+O3b0EjryE/DmJPsQQqTLK19TI1SnP8EjTHSrmplJuHg6tSbirl5mEBXGflZlDV"
    "trdYUlvu+5Ro0l6r5gwr7pqr1rmqYtxq5B6F5GhmWhh5fUASA9BDMv5e3vWj2yc0/Nb56e"
    "T9h9egwrTxTAS3Oo+mJLR1C93n0nyyucZ7UKrOvao6/UEoICOsKBroYPLhXQ4J4cO7TBEB"
    "bsVZG1gxRXNnRWkaCPJW8mfJK5hnKxb85optlLDjwcZfZL+NkChMZeoYpSt4CboC5WWmvM"
    "wODGGlMKh1PoUKSmCGIuoN37Wag/tWUwTEMFsn9vuY5pH5bb9pjlCnpfYkBPEgR7O2Es7f"
    "oOnU+QEzazpFRyCag/D+iiH6SPhXLG6xLcRyb/jACpWS+Cvuf0yiU76NGOX98Y9FJkHOI0"
    "WGOZthO9ArMCAO+EVESRGdgfdeSmewV50BH1nO/xQTtnwCdejKrB8/5NxMtoJgRdFA9cDH"
    "PNqBj9nKgY8p3QC4cG4geEXIlNRVa6lLxSfuy6GNA1dItRkS7NC9pLWTbes0X2jimsjE5L"
    "ZV/5ILO4J2KwpjnS4WUg/ZNe5RK5LGYbyV0FqQKVyJ8Jovz/aKus5cTqt3eT24GUGC7UCo"
    "GZPvV5ed0cU3uOiSheboc7g6/K13fQ3X2L25XPqpvPeeapvPaFuurVx3fEapGqSr3PH5qT"
    "Sa2xauIh4XReBNkilspdh6tb8LIhslatDWoZTwh6mEl+4WFQAtcQxrKNbJzTIX0Bnxadtz"
    "j6zZrpEf3Oh+mQNawZlVAGwfG3eYs+l+b81EN8rG1svzNJrWW2Z/SqT9XmN/SrbMY36CFN"
    "EiZ7RDhW1IzME36Boq2TGkEQNBqD7/zcZIp0sT+zHyIiAeiDUHMc3CnjFIZoCq9gljAsGf"
    "NtLnGrmTVDVFBJJb+7cZepxz6kfNy4udM4WfxIPV38R4Q9nNQHr1AsNd4piWZ7lSpqpdma"
    "pg6CcbVGyM0zWJ+d+1grip1TI7M9huYJMxTKaDKeGTt6vAJb8aImJLyywY/6mKaTYtSrSx"
    "xTT3pnc4xPqNm2wxqnKjWgLNqtJ4QAjzzcN22ESmc8vOARUjetEpoKJCTwEAE2SHAWHrkj"
    "5wodKTQKGwEpdUMf6XL8biH3zzZlDoayu5uQ0utRabpCuKA4H3b3NMIvI8m1PXMtAtFrn5"
    "tgLq4RmuW5oOVQoKcsitzsWo99cu5zAE9Zh86V31hsJuPTOJyYTZ+qJzddHt9+GiDt9rWX"
    "UxXYevs0lYVYJWVcyts4efN1qT4vnwU4TKc0clxVfLSoUrbl+CCBSDxaBNUClgVclGFVrb"
    "AIRVUcymuJ81EVflf1YT/7Odu0UdKsCF/aJU0dw8sGYVzVXFXUuAmqO4q0xwqADYz5Gumo"
    "ltQl4qkWkDfAHNsrk2Guk1Gc9o59k2ysEUdV/8Ijps0J663cQkaeSecQ9d4ZvPSXQyWxHk"
    "SlXiMnwW+jxRYaphGFlU1ywEij7PiZNQB/wvbf5Vwi4mTH2m84TuIBkfun1CppfcP5WqpM"
    "L+x8TTm6qyzTX01lQm91JGS0yMouBFSF40dIdRZ1kZlJRBKZjAyqBUf3a6coVnlEkrpvVM"
    "UyrV5/Oqz2ToVNmI0ER3BwZ2bs1cerLVKrSu4zh4sXRaErEpuNVeJytpkUY55CNfUfmKoT"
    "sKQWtQXZaJLIue09XkHj9Np5AUcTodt36Bm7+e/eJT/Tpu8XuPc6i7AB5wkWcnxKRtPGZM"
    "eHO6xEQIVFff+32kibgX00HAOorYOxEDw1n6W40LZV4tCAYRfZhPFMOn9rp7MybTKdP5sp"
    "lO/zSdAtPh/yUEOL5kXMYf5MyZX0AN6r194u8b6M+894cHiiviN/iQMYFYPo0xvhyhEMWc"
    "372boyO+uDg+nhumR6UZ+JbSe/G8Jf8Q0c+acr3QO9yMKOa9FJipHJS/twKPOZ9TMbBmQH"
    "pN+DMVIRhu3ysSFRq4U2FTORFUzp/4KyM/oCsCxY1I8Fxt3EUk0zjVRtJpcp7udyOICafv"
    "8sim77JF03eyJGX2ZpJpnFJJprWWTKPHccFxTpAqT/E6j3OCCysyzglSNc51HmcYAS4Iur"
    "K0v5RaWCPyQY7RJYaYiwbWtrbp8Mpux/V8MOjHhvS8l0gKcPX98rx7c3QsxpI3Mj0pXeLB"
    "SJkp14RkuzBGSOpbs3vERUPeO4O/vVqHnrQHwiYle6rfLSTjIiq+oL2STNJghqqGAoDGaJ"
    "R8ItsQNMawLG/suv13RbTZ5luzmbqbrVcorooqK1YkaktQEQ/KP78puIJOuhioEQqFqIp4"
    "qFPEQ2BgKYnxyO+modhGFrCKIqnUVp0niiSP87hG2CMHS8IMF/CK9s3PHdFXg1DfqkN0HL"
    "Rso/4K1WdN+xNt1fZZC/+ARLQHYLcO7d1nQpkQ3tMY2M3BUm3wOUjQ0XTKiLZkc+pMp2fo"
    "ng9aGzn4h9NOmfe38IwxuaXGUxuZCw5raCGntiHM+2D2hw4912pOzvsyyeuwnQcQPO7OfM"
    "Ak24AecVgIlUGqfOM+Dd8Ho8arPcZRTEXPRRANCBSeMtHR37PSiP5lOLjKkBwjNEnTjak7"
    "6N8iEfgBgrsGOUAjpmIKDN1Hl52/J23gF/3BedISAx2cJ90OwsMvL/QrilLA10zjtB/cN7"
    "JcJkiV5bLOlssmWnZaI6nzZhsx7CA/KzomeZM1Vu5I5bP1hfjJOJE6piW4BmJHMWATVArZ"
    "5zWSESmqpEYn4uF+YBDnVenE120OdVkwHytA978jXTUU3sTqrVVkRwi/RAsUHZpsBVB0Lj"
    "yr+snGtmg1IR9Mnbo2C4y2Dl2auooK2K1yxAM9hWu2t3VI0Lgw4ONcYcDHa8KAj9NhwKCA"
    "lMP7fFrtgLbWRTuGvauv/e4ZYhxoC4/J5ff+qHcNVxac3lzCtdHN9+7kS6c/7HqLZyKePC"
    "bDb4Ob0RloW21nTK6+X3b5ZgpvscC2qfO+oKY075/3BSWl+RPGZHDzmbeCa0J1K6596fX7"
    "k/N+5+o3/lGmZU1uLY3c52S943PgJM8UOMmeASfJCQC65yKqhaC90uiU0CyApr8I6EF7BX"
    "oJ0A9CJ3xc63M6wuyAlapoJFSMqL7nc4vLZJo+hwK6iDlc5ED8lfNqSrZ/ZGs2P2oeNlNL"
    "xkmVWrLOakmVoeVFDLO7NDYc5jilGuZaDzO/ycWIghrvKE2NjQ1740Ji+pmcoMZoFKjKEX"
    "/vxgTl3rw792ZvS60A5dyeuDXbLXJbbaJnTw5gvW21AmAvwo6aCWzs/FEOzjtIkO056/MP"
    "LQkWxDT0eDfNmZtb9QMXISASw18QGpJt9AtiUPJkc4O26NY1LQfNbLoQji23GrmHRGsQ2h"
    "rUVfZSldGZaLDQfpgLd4GEJ88nL20ZF5GQZS5MWS636h8yJqHntrcEGdIsiz5Cruzl0npC"
    "DkVY0+dB6LvKj11H46TpWJIjb41xMiCos8lsQ/PkSS5d58kaXedJWtdpwgNdXUQ+pIEe4R"
    "9ZMzhBV19lcyXKkO7fR+vNJaEupD+4+ho0T9pQDr7ksmFrM6eosv/zTefL6AwJ2jG5/n7e"
    "9wsuL91bS6Qf2kzzn0vxX6C2MpwdE3F2TBYmcR1ZxY/sgGMpsdJ+ZLqmsol/HBdR10lIle"
    "UwpV5aYsI20HZH6ZThqs6qbt2iDG8yxDFCNcZ1HmM2d2czC08C/0yZaL0u65CUfofZ3wIx"
    "5GAzEAUA+mHBG8IfoVbgF8i8F5H5CzAISbLdMQfvC6bg2xt3AJHtExs/mPix8JSOUdY7k2"
    "Rr6Kl1GGJYZPg3bbQwudB0j1lOT6MdzfRACNrgOE/SqhO9zie6cit7GeOs3MpexDArt7IX"
    "MczKrUy5lR0GqMqtTLmV7X/TV25l+4VXuZXV3a3MN2JJtC/F/coatE/El7uobAgBYhW4lH"
    "XCzpoK12597w4Gom0730UmVoYbXnzqrXfIm2jxxs/65v1tTpFQaPqlT8/4v49zavnFQtuI"
    "2ogSHPNwi/ndbdLB2qKhgsyr/ZmsI6pSoO7TkS4s9EWoY+qblIST93Awmkg+1zHxy+dqOp"
    "+4ImWwQy0jUl03+MbyBoKDU3MopeWLGGZVA7gxRV8aDquq+bJl7ZWqQ5JH6s+qQ3LRGV50"
    "Pndb6d21Aky/Bv0c1haQF9PoiVLP4i4HCmzJ2i7bFpeFeiFDUA5UD8+IyGbQLEfgGhSw9j"
    "Ize7ItSLIzkw9fWDxECLjTqU5dEVkWukr6pUQ0B9kaMegijElLSdBbecqYQOjbK8aJRLJF"
    "TnTkh7zBM/gNTxfZ5sI6F2pMB801qNuKX6MZf5SIavO1jM+L7KpGyQ7ZG1WjZKcspEptut"
    "U8aWJHK2bB37Vb7qHE7Owvr3zNWB0lRtYRUSVG7lKM3E96/pptBHmRrXN2fpjU/BuH2IF/"
    "vEUlkX2iTdrPiUC81YRFWz8vCREU9bkB8WFOTR0zIS1An6zNRRDRoyh3OMPYAADSBsNyXa"
    "nsGvWSObyBmsCfG6chSPaxQ87ZJFz80bwlUsQS+OV7v8875I8fk95Vb9Tr9IdnKOhtTK56"
    "F79ddS67fFhM/V6AtRHHXXV+gmAtTUBPMFlqdoZ3zLoYrsw+6h3NVYWtrsKYLQszxsEKwC"
    "w4BhJqFRqaH/waujkf/CmR4u+L8Et5HaIHBI8o/7Ejd+i9DkpVztChfFAdU9oX28+XYPeR"
    "8KSJFmtZUslmlkc371sqOAPJ+UbvGOK/e8yEp02f849BXu/o6Hjsnrw9Pn3vlePm96Fed+"
    "DIs7orYVi3+SSpXt3rSODguawn9eqgehfdBSWwVv4zwnFOViUr0kSxyLtkkX1vepsWS0OX"
    "IGtgMrrTPHWSTrPrJJ2m6iT5O4m3MtNgDxeaZWXO5xRxg3Shpyc/fwjnNfyxbkoPLzv9vk"
    "wN6m05m6GbplbwJiwhi4XURSE7gWKEpAHWpnU+ktvInajcVTcaikNzV1Ux9i9imPcTY1+3"
    "Ea3a9OnzRIVQjdEoVA9D/dQwhOPicW6rfZRI4aqyF9Qpe8FKKVQS5X7YUUPxjR1AOZD113"
    "0F0OZ2Dj9UaONbZC1zbhwqtHmSbuzHBWXo2g/4qSXR8vt32uu0+2zV5lml/n+Hfu0M6vo6"
    "FGkEaa5hYj430NF0Gvw+nZ4h0Ix6HiJe5K1psNdQ6yV0jvcKvWgphf5WnjImUOEbtP3T6f"
    "+NW/d8to35k8eiFrv3GxQIH7f+AwReGHHQB/J99dlc48dvG7lElKMxlMdLDdX5qp7MtuvJ"
    "aISSpwWV1TVZ6xQRo1PuEPndIdbkh//LcHC13nFchrZh6g76N4IdcWtq6F9mLtG93RNqfp"
    "mEvYHn/boH9TSAtF49ndREt+MKMOggqZ4ODqEiYxKlqceQwGMbMyQvs9rSsHvF/wBWaUw4"
    "UkMouySKgNSk5pKy42yyQA5OwQ8TcIMxjpAdTKKhFzm+qiDRCxhjf8O9fSqYtzlJ1yDfEW"
    "VVqjXCyvpRC+vHagfYpS65ZjtGXohT22WJVMM21s2lWT6Jrqcqvgl6a9AEj81TflgueQNZ"
    "MNwmaHmdNQms7RsqVnMs02IRm4bPmS4mdqx1jsiEpdhfkIa8DkSaUN/U0BamhMe50OWDEe"
    "CJX2CP2MYGOiL4AZKKzjVHGoZQVbfSmIOVmcZ7jMrls9+gAX/0CqvAV2QqHLNICT0x6Yux"
    "zTEaxTDL8pp6G2ixtKZRGoXq82LIaucuyRavrPkHBnBevjg2tZ7PobIMxQTlu7Ie2NhOWE"
    "PflZCRXsMRrljtHAxhpPGz/OAAqh9g4RriHc/sE5pOvT4grNRzIIFMi09eMkZwDfFZPPAs"
    "CazaaZaw0p6Vn0kdOcBCJvkIye6tv/tRgW/H9O5z0RPZ7g/GiPXM90Qq2cdMEc0aBLAtJC"
    "BcbULFuL8UndL0K7ZasdW15v4KstWrJa5U+c9im9oPa8Vdd7Bt6vOWhKv276zlprVVm+eY"
    "6GxcFdtaL7b1gS9IqT0020E6QtJEF+n37/O4SL9/n+0iDfcSHOpSUiNkTS4Zr3kD0d1SUn"
    "LiSI+nbNErQqJEr4KiV4oJ2+Vh9p//D/gPV18="
)
