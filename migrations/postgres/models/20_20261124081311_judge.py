from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "submission" DROP CONSTRAINT IF EXISTS "uid_submission_homewor_62d2f5";
        ALTER TABLE "submission" DROP CONSTRAINT IF EXISTS "fk_submissi_person_8626703d";
        ALTER TABLE "submission" DROP CONSTRAINT IF EXISTS "fk_submissi_homework_83c393bb";
        CREATE TABLE IF NOT EXISTS "contest" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "kind" VARCHAR(4) NOT NULL,
    "starts_at" TIMESTAMPTZ NOT NULL,
    "ends_at" TIMESTAMPTZ NOT NULL,
    "penalty_minutes" INT NOT NULL,
    "freeze_minutes" INT,
    "unfrozen_at" TIMESTAMPTZ,
    "created_by_id" INT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_contest_organis_3b1e0a" ON "contest" ("organisation_id", "starts_at");
COMMENT ON COLUMN "contest"."kind" IS 'ICPC: icpc\nIOI: ioi';
COMMENT ON TABLE "contest" IS 'An olympiad. ``freeze_minutes``: the public scoreboard stops showing results this';
        CREATE TABLE IF NOT EXISTS "contest_entry" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "school_id" INT NOT NULL,
    "virtual_start" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "contest_id" INT NOT NULL REFERENCES "contest" ("id") ON DELETE CASCADE,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_contest_ent_contest_763b3e" UNIQUE ("contest_id", "person_id")
);
COMMENT ON TABLE "contest_entry" IS 'A participant. ``school_id`` is the organisation they take part for (their school),';
        CREATE TABLE IF NOT EXISTS "programming_task" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "statements" JSONB NOT NULL,
    "time_ms" INT NOT NULL,
    "memory_mb" INT NOT NULL,
    "checker" VARCHAR(10) NOT NULL,
    "precision" DOUBLE PRECISION,
    "checker_source" TEXT NOT NULL,
    "checker_language" VARCHAR(10) NOT NULL,
    "checker_testlib" TEXT NOT NULL,
    "groups" JSONB NOT NULL,
    "published" BOOL NOT NULL,
    "version" INT NOT NULL,
    "created_by_id" INT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_programming_organis_ace43d" ON "programming_task" ("organisation_id", "name");
COMMENT ON COLUMN "programming_task"."checker" IS 'TOKENS: tokens\nLINES: lines\nFLOAT: float\nUNORDERED: unordered\nCUSTOM: custom';
COMMENT ON COLUMN "programming_task"."checker_testlib" IS 'The ``testlib.h`` a C++ checker includes (Polygon packages ship their own version).';
COMMENT ON TABLE "programming_task" IS '``statements`` maps a language (\"kk\", \"ru\", \"en\") to its title, legend, input, output';
        CREATE TABLE IF NOT EXISTS "contest_problem" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "position" INT NOT NULL,
    "contest_id" INT NOT NULL REFERENCES "contest" ("id") ON DELETE CASCADE,
    "task_id" INT NOT NULL REFERENCES "programming_task" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_contest_pro_contest_2c228d" UNIQUE ("contest_id", "position"),
    CONSTRAINT "uid_contest_pro_contest_d2b6db" UNIQUE ("contest_id", "task_id")
);
        CREATE TABLE IF NOT EXISTS "programming_task_test" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "position" INT NOT NULL,
    "input" BYTEA NOT NULL,
    "answer" BYTEA NOT NULL,
    "sample" BOOL NOT NULL,
    "group" VARCHAR(50) NOT NULL,
    "points" INT,
    "task_id" INT NOT NULL REFERENCES "programming_task" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_programming_task_id_6eae86" UNIQUE ("task_id", "position")
);
        ALTER TABLE "submission" RENAME COLUMN "student_id" TO "task_id";
        ALTER TABLE "submission" RENAME COLUMN "homework_id" TO "author_id";
        ALTER TABLE "submission" ADD "organisation_id" INT NOT NULL;
        ALTER TABLE "submission" ADD "all_tests" BOOL NOT NULL DEFAULT False;
        ALTER TABLE "submission" RENAME COLUMN "reviewed_at" TO "judged_at";
        ALTER TABLE "submission" ADD "attempt" INT NOT NULL DEFAULT 0;
        ALTER TABLE "submission" RENAME COLUMN "grade_id" TO "score";
        ALTER TABLE "submission" RENAME COLUMN "text" TO "compile_log";
        ALTER TABLE "submission" RENAME COLUMN "reviewed_by_id" TO "failed_test";
        ALTER TABLE "submission" ADD "memory_kb" INT;
        ALTER TABLE "submission" ADD "verdict" VARCHAR(20);
        ALTER TABLE "submission" ADD "language" VARCHAR(10) NOT NULL;
        ALTER TABLE "submission" ADD "state" VARCHAR(8) NOT NULL DEFAULT 'queued';
        ALTER TABLE "submission" ADD "subtask_scores" JSONB NOT NULL;
        ALTER TABLE "submission" ADD "channel" VARCHAR(10) NOT NULL;
        ALTER TABLE "submission" ADD "judge_message" VARCHAR(300) NOT NULL DEFAULT '';
        ALTER TABLE "submission" ADD "time_ms" INT;
        ALTER TABLE "submission" ADD "claimed_until" TIMESTAMPTZ;
        ALTER TABLE "submission" ADD "results" JSONB NOT NULL;
        ALTER TABLE "submission" ADD "source" TEXT NOT NULL;
        ALTER TABLE "submission" ADD "contest_id" INT;
        ALTER TABLE "submission" DROP COLUMN "comment";
        ALTER TABLE "submission" DROP COLUMN "status";
        COMMENT ON COLUMN submission."verdict" IS 'OK: ok\nWRONG_ANSWER: wrong_answer\nPRESENTATION_ERROR: presentation_error\nTIME_LIMIT: time_limit\nMEMORY_LIMIT: memory_limit\nOUTPUT_LIMIT: output_limit\nRUNTIME_ERROR: runtime_error\nCOMPILE_ERROR: compile_error\nJUDGE_ERROR: judge_error';
COMMENT ON COLUMN submission."state" IS 'QUEUED: queued\nJUDGING: judging\nDONE: done';
COMMENT ON COLUMN submission."subtask_scores" IS 'IOI points per subtask (group name → points), for \"max per subtask\" across submissions.';
COMMENT ON COLUMN submission."channel" IS 'WEB: web\nTELEGRAM: telegram';
        ALTER TABLE "submission" ADD CONSTRAINT "fk_submissi_programm_cb120248" FOREIGN KEY ("task_id") REFERENCES "programming_task" ("id") ON DELETE RESTRICT;
        ALTER TABLE "submission" ADD CONSTRAINT "fk_submissi_contest_ef4c8722" FOREIGN KEY ("contest_id") REFERENCES "contest" ("id") ON DELETE RESTRICT;
        ALTER TABLE "submission" ADD CONSTRAINT "fk_submissi_organisa_3d2bd7fc" FOREIGN KEY ("organisation_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT;
        ALTER TABLE "submission" ADD CONSTRAINT "fk_submissi_person_ace97608" FOREIGN KEY ("author_id") REFERENCES "person" ("id") ON DELETE RESTRICT;
        CREATE INDEX IF NOT EXISTS "idx_submission_author__f7cf9d" ON "submission" ("author_id", "task_id");
        CREATE INDEX IF NOT EXISTS "idx_submission_contest_d557fb" ON "submission" ("contest_id", "submitted_at");
        CREATE INDEX IF NOT EXISTS "idx_submission_state_7d1405" ON "submission" ("state", "submitted_at");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_submission_state_7d1405";
        DROP INDEX IF EXISTS "idx_submission_contest_d557fb";
        DROP INDEX IF EXISTS "idx_submission_author__f7cf9d";
        ALTER TABLE "submission" DROP CONSTRAINT IF EXISTS "fk_submissi_person_ace97608";
        ALTER TABLE "submission" DROP CONSTRAINT IF EXISTS "fk_submissi_organisa_3d2bd7fc";
        ALTER TABLE "submission" DROP CONSTRAINT IF EXISTS "fk_submissi_contest_ef4c8722";
        ALTER TABLE "submission" DROP CONSTRAINT IF EXISTS "fk_submissi_programm_cb120248";
        ALTER TABLE "submission" ADD "comment" TEXT NOT NULL;
        ALTER TABLE "submission" RENAME COLUMN "author_id" TO "homework_id";
        ALTER TABLE "submission" RENAME COLUMN "score" TO "grade_id";
        ALTER TABLE "submission" RENAME COLUMN "compile_log" TO "text";
        ALTER TABLE "submission" ADD "status" VARCHAR(10) NOT NULL;
        ALTER TABLE "submission" RENAME COLUMN "judged_at" TO "reviewed_at";
        ALTER TABLE "submission" RENAME COLUMN "task_id" TO "student_id";
        ALTER TABLE "submission" RENAME COLUMN "failed_test" TO "reviewed_by_id";
        ALTER TABLE "submission" DROP COLUMN "organisation_id";
        ALTER TABLE "submission" DROP COLUMN "all_tests";
        ALTER TABLE "submission" DROP COLUMN "attempt";
        ALTER TABLE "submission" DROP COLUMN "memory_kb";
        ALTER TABLE "submission" DROP COLUMN "verdict";
        ALTER TABLE "submission" DROP COLUMN "language";
        ALTER TABLE "submission" DROP COLUMN "state";
        ALTER TABLE "submission" DROP COLUMN "subtask_scores";
        ALTER TABLE "submission" DROP COLUMN "channel";
        ALTER TABLE "submission" DROP COLUMN "judge_message";
        ALTER TABLE "submission" DROP COLUMN "time_ms";
        ALTER TABLE "submission" DROP COLUMN "claimed_until";
        ALTER TABLE "submission" DROP COLUMN "results";
        ALTER TABLE "submission" DROP COLUMN "source";
        ALTER TABLE "submission" DROP COLUMN "contest_id";
        COMMENT ON COLUMN submission."comment" IS 'The teacher''s review.';
COMMENT ON COLUMN submission."status" IS 'SUBMITTED: submitted\nRETURNED: returned\nREVIEWED: reviewed';
        DROP TABLE IF EXISTS "programming_task";
        DROP TABLE IF EXISTS "contest_entry";
        DROP TABLE IF EXISTS "contest";
        DROP TABLE IF EXISTS "programming_task_test";
        DROP TABLE IF EXISTS "contest_problem";
        ALTER TABLE "submission" ADD CONSTRAINT "fk_submissi_homework_83c393bb" FOREIGN KEY ("homework_id") REFERENCES "homework" ("id") ON DELETE RESTRICT;
        ALTER TABLE "submission" ADD CONSTRAINT "fk_submissi_person_8626703d" FOREIGN KEY ("student_id") REFERENCES "person" ("id") ON DELETE RESTRICT;
        CREATE UNIQUE INDEX IF NOT EXISTS "uid_submission_homewor_62d2f5" ON "submission" ("homework", "student");"""


MODELS_STATE = (
    "eJzsvXt32ki2N/xVavFPnPehM7Fz6YzTb6+FHZJ4mhgfQ6ZnnqYXCKkwGosqjkoy8Zw53/"
    "2pXaX7BUsgQMg1q8expdol6Ve3fd//01pQA1vsVd++04jJNMekpHWO/qdFtAXmv2Teb6OW"
    "tlyGd+GCo00tQUCTLafMsTXd4fdmmsUwv2Rgptvm0ntWq4MI7wbRGXLmGDk2xudIc505tU"
    "3nEY3cs9O/niGmzym10F+QhTWbmOQO6ZjwtvyKS8wHbLNI46mtEX3+Ch5vUJ0/n7ff+ZP4"
    "zf928dihd5j3bvPn/fEnv2wSA//AzP9zeT+emdgyYiCbBnQgro+dx6W4dkWcz6IhfMR0rF"
    "PLXZCw8fKRvzYJWpvEgat3mGBbczB079gugE1cy/LGxsdfvmnYRL5ihMbAM821YMiAWr5A"
    "eK01Hl/3h+NBdzget1LD6VNEcPcu6ZTAVOCvysTX38Er/HR2+vbntx/evH/7gTcRrxlc+f"
    "l/5aNDYCShgOd62PpfcV9zNNlCYByCes8/Kw3r5Vyzu8RdCGyv+Avx8cMpjH3aBMr89ZMo"
    "+5iug9m/EOIcroTNgW51vg+/9m+vhv+MTOIRGVx+7fd75940HpFet3N7fXX9ZXzZvR7eds"
    "+DaT2W03pEvl9f/b17OxAdhTN8RC5uO9eXX8+9OZ5cTDmDutB+jC1M7pw5jOTrNSP4987t"
    "5dfO7cnZ65fQN+WbhNxBrr07Z+IWDHI4qPDv+P4+e1yz10uEZH/D2WrtatUkAC6G8DqIsz"
    "G23dIYSxKFcWGMMSmNsSRRGBfB2DEX+N+U4DIgR2n2iHKHmdpfOtZCcx73A/j7twXwfv82"
    "F264FUfbe+GxpZE7V7srhXoW7R7RlxvXHmZ5kTmeP8OTiC/nJSd3QNDA/aNqRgMvNNMqA2"
    "5A0Dxw3xXZLHirfHjfpbYLzTBszFgZhCMkjcP4XaED8N2aA/Bd+gBc4Snn5EttERGSxmG8"
    "EybDone0DMB++/qi27rRnDkXBA1sI3dpUc1gKU3KweCeYc1x+S6Qhvxvg/51NuRRmgTshq"
    "k76D/IMllKfVIZ/L/MXKIDtmjqmpZjEvYKHvvrrib9GtABI+h5wdh/W1GsT751/pEchste"
    "/0JARplzZ4teRAcXiSHRbQyQjTUnPSif+B1gqbMHJk6ZHBqP9JX/S300L1UMxfDqW3cw7H"
    "y7iY3Hp86wC3fOxNXHxNWT94kxCjpBv18NvyL4E/3f/nU3OWxBu+H/bcE7aa5Dx4SuxvxI"
    "jWDiX/YvxblNzcbEGZdSVcZontZYZoyop5Csy4BWobMELfDsPlNlKfFKA/yZ2ti8I7/hx5"
    "TaMoFqjrr+uFD+X38e+VfDV7S1VaA/j08vDgL/dOwIGG75dL+9uuRwA9pTTb9fabYxzoFd"
    "n5sWZy0ztDEXHuXn326xFaD5nDCP7wHYXpiM8a7H9AHbtmlkncRlQLsJeux7HR7vNr8eO5"
    "M8mI5AY0vIroKOmgrVAi+m2GZzc7klVN+CjpoKFV+RbOsZdSM6aSpEOnVttu0+dSk6aSpE"
    "dzZ1t11rX6CPpgLE74JZtIrt+zLSVVPhAkHX4L1sCdWF101TYbqzta0ZqC/QR1MBmlPLNL"
    "THLSH6KntpLkgLvKJ2hk9EOZDCXpqIkoXZ9oxST3TSVIiWlkbGpoMX27KTvJ8r3k1TcbIp"
    "3RaiW95FU+Fh+hwbrgX+QNa2p9vA6+uW/7+xeLlTTwWyLVhBR02FysH2titvyLtoKjyGyb"
    "iwCxRbQfTJ66apMOEfS0y21gh0ZS9NBckkD9TUtwXpSvbSVJAsbNxhewx+1Oa2UPVEX13e"
    "VWMllaX2aFPL2pa9lL00FiTOPVfAgDcVHqZZmv041ox/ucxZ4K0Pu4HorxN013DcquDJRU"
    "+N5sgd/kELYVpeLKm99RTzu7sSvTUfNZuuqoLslq4ai5c7DTrfXvIL37OhcGkOnxHLbddi"
    "R/bSVJD4m7IK5tN/ed00FSaHf97WeoTduYweGh6pKx/PMDbAdaoKnfnnSF9NhIy59gPe1l"
    "A1EJ00FSKdLrhsAyRj/hTORMLnbYXXpd9jAciO0d0uRGx/OB3n1NJsjO1xNSzCpeis4YyC"
    "SR44d025RMgwqcBV48rvbyC7aypuC6rfj/EPbTG2MeOP39ZBkXfX5b3dis6aCtrSpne2tl"
    "jgSqzLfmdNNjFrhm8SHBO8rTDdCTq79vpqImR8ks2w9E3HhrntwrwJeuvyzhqMmbcwq/AA"
    "DVZmo11Bgww5W1t8vge5dpqKFe8ZY5FrSONr6Y5Uoa/3u+wEPTYVvRW2rCkW6Fl4ay3073"
    "5vHeisqZjBXf5UgcWYWXR70Snsb8C7aypuMlvYGOJsRSa/7f22eHdDv7emouZgTZ+D4Dnl"
    "UtTWzhJD2VtHdtZUzPjdCtSvl7KXpoLkM2aw+Tsau6+IM+PdDXlvTUIN4nvpGY3E9cYifu"
    "O3Uipuhh1nvfKjT/CQ8h9FFd2DSI8NVEnOTAKR55UC91n22XDkYLuC5VwlckPZZ8ORC9Tg"
    "lWIXKMUbiB5sgYuzRWJTXGhEuxNvCd0BcX4QfkYK6OxQ/fxE0BnJAgTB0/mgCQL9F3nBkD"
    "7XyB1GDkUasqmF+SUPRRR2z5BJECUYRVNPZyR/rqzbjEzPf6TyXkO/YvYFHbb+/DOYKyof"
    "9N7zQfsDUjRTVzCANc4BXRzcWGquN0UyUb7JT0X5Jp2LMpzlJSCOUzUQ6OrTrHI+nmQbzr"
    "nAjTWSDXSEKoHylJMdIcxrYL3o93vQc5BU6+JqmMD3+7eL7u3JqYCdNzJl0iB/CwnBju7p"
    "5TJfZVBulP+qbrjvOAFW8hDdbxqsuoFdNA9WxmSLZcO67AwuO5+665JhlRKjS7KXHV2Gk2"
    "XwlP6ttYykFmn0JPP4la44UyfT4iCwEAAbdw6XNMZW1DbQjNqi/McKT9v8umWSe2ygIUcL"
    "dCTIZdhuc54PTamTUUJkB/2rwiH1YhQtemeWYmMCgo04mKRQeVhsY+zLaaEUrqdrUriepl"
    "O4+gtlPNfYvBS3mCSsBO5DH6h7qIPgbT1j2Hoy2ZgL8y5318iiriSVZx32kL+enb158/PZ"
    "6zfvP7x7+/PP7z68DjaT9K11u8rF1RfYWGKDkuYnAyynFtXvN8qZm9NFBclz97MwWr/PMQ"
    "lPQ6aZhjgtvRPV+ypxiR+QBRNPrxmYo8uzu0n9jK3rZtR7UyyyJRYvm6HyVT+TdcScseDM"
    "NhjpFPHR7K/Pcqzl4VEyN3mUphrdTB04mmo1M/kKg4iv8tLksus93jbosLM0h9DN8e6bRb"
    "wTkpM2jZlvwiyo49o8ee9Bp2tR3VZsmRbJ8b6VqiqSWztDWxXPvJ2vsDLj7QoUwKUE/wTH"
    "CNKhPq0z1xyhN2KhqknYKgleIU8bhk5WeCoUUD+5S1AnBSz1X/iMsZ2XWdVvd/UYpcGqlw"
    "YLhreM/OC3r8YCVyMFVvWGTiU9PAuOEv9Ymry7DYY5TqmGudbD7LKNlnKETAmGdR5fGz/Q"
    "zfSscUo1ynUeZeWmsRsGs3YKlgagqpxf9uz8EqoJ0hO6ApQbVzspiW9pBcze/Ioi1b0ylD"
    "Xx2l/5yppFvF0BZY1E5AUTruPgJK6RuI846tj63HzARhsR/IBtJDEzslQy23WW6Ykezu1M"
    "n3TlhV5PL/QucRepTefoPNJbnU/frq7PZajFiHzrXHe+dG/PkVzF9ogMu53Lr3DFC54dkc"
    "Hw+6fu9fAcMcc1MHFG5KZzKy7IAp8j0rm87H+/HnbgmqeY1ES7wT8vv/Z7/S9XA2jNHvU5"
    "Basd4/cueR/d2zEQDrq9Xp8/0UsTBfQMWxblz778ftsZinsuxw6ufO12Po37n8efuvwtht"
    "/Ee8yxxveqGQeBv5FIE8zf6fvwa//2avhP3vjz1SV8EWdS59Q2nUfedmbq2E6u98OorISi"
    "losyWecdCEHZCzpOtU4Aqs/kq0L6AYkmAaDm7cAbiJEJUiVHKjnymNaJkiPriuoaOVLJNl"
    "XKNnkbhJLQq5fQDyNH3ggus2eS+1ZW2HN4t7023FkWo7f8hk8JkvkwZwt1onvoWVSrV1Lc"
    "YQ3sMAbljrEoiTrFsngDuYDK8QZRGoVqAd4g2EYUb/AEbxCdWgV4A7ktK2CfBDa6EdaLD5"
    "DIZ6c+YU85/YVcdxEd8txdgKKXIBvr1DZeoQtsUXLHwAEPYl+iPJN01JMNZWjMIkuTXEWX"
    "hTKbmKZKZXLgCFUITxB/pLBdFyQUIaqzCnlDX7+dBKvOTHsDqONUCutiWC9Mw7BwabATZP"
    "tDu9U6Xqynpu3Mx772vqhNIE61pU3geBTZGSYB/m2GtO9sYsgLqWscrdn63P3W6XV5Z2DG"
    "g18Wm9izTotM3vypm5y4ZrnUDGaFiRnqtQMXMROe5psJT9MpvDhCpTbegKC+W26r++r0/d"
    "tNpu1ZsUQMa/IwJPHFC820yuAbENQX3w0n79m7InnReKt8eN+lMqPx6ejQkvNXEjQP312k"
    "ESHUycpwPsQ/cqS5gKAB+K4zc3f/IRJ/BBZuH8WTb51/CIADK3evf/3Fbx5B/bLXv0iCbe"
    "r3ZRnhKE19IW8N5nRFwNONvwnk3S2Y4yPhJVNkgr/Jn99vUtObYfDVGDt8OpeZ5AmyGuN+"
    "qTH804xaoPCBj2ZtdHV13UbiGK8g0couloGKtttoKJTjjTIDqVCDWjoyxEpwelkCtq+9GU"
    "k30BDs45rBwEd/23qbMWf/JkIVcUPZtmhMzPGliVgJSyT/SIVWEbQwsalVQQW/rt9PU4ES"
    "gQ1Q6qWCaSVKaXqFwZqKl+Y4/PsqmFmdoKOmQsXvQslQyYFUdipeRnqVJ2RT8eNSL9Puti"
    "3U90320lSQ/GqGYxsvqZ1dbKLcqsTE0IqVNKyZzaXo/uV94Pb7V3GkjnJq3dmasS1KX6CP"
    "pgI0pwu8ovY9lDrbDqavXk8NXXQBUDNz62q1PlSfTauxE0sWvGRj5k6ZYzru1tu6LHfZ0N"
    "nlo+Vo7t18y4VYGKijnFdLSyNj08GLbeVn3s8V76apODEuwRmuhce2W0V1bdHXrdvc/Yrv"
    "U34dxi3BCjpqKlQmeaAm8OsOHS+1x62VydBZ07FSIK09/Yw7bI8x4X1tC1VP9NXlXT02FS"
    "6+5mxqWaDu2xatG9lVzySNnVxMszT7cawZ/3KZU4HSbyD66wTdNRy3KtgH0VOjmQeHfxBM"
    "hrFNV9ui5fd1S1cNlXZAJvQ7357bCt+zobML9H2LZQXGCuilqSDxN2UVzKf/8rpp6Mpz+N"
    "dtidCQd9FgdMYag+oTFTAKAFQn6KyhkM0wNsDxaHxnPuAM167yiqvPXo9N3agCxGysY0jV"
    "pkArwjHYD/iRjT0v2215BuisoQvSR6qa2SWhusW6uTSbLOuIz+SYsSVvt7W844EmO2voPN"
    "PpYmkJkrE2pe6WNotLv7faoNUahkVi/W/FBhLfeu5lRmYisgRyXQRo+EmTJRcBqS4oMkuW"
    "lS0OvPeQpmG/s5kKttvGodW65h9qhFOQIUqsx3O0mlMkPphPQKQRWeNYZP3mvzyGt0yyk+"
    "k5rsb3KcC7uBPUUU5SmSq6GlH/UnTWcIHfJFzgcKj9OK4ysEF22fwIhxA9hokBYZEVQTeQ"
    "3TV0mfJvxDY2xgvKBTj8Q1sAz8hfY1sHT95dl/d2KzprKHaHxuwo1ymUNZBeCWOCtzUtdI"
    "LOrr2+GjjNeM8YE9jRKuKPB36HpZR5RznbAuxEuwpspRtBd9Szrjr98TOadxwVQlfCDcQY"
    "r7BlTbGA0sL2tij+7vfWgc4aOvsODNlRzjm4y58qQ5t0CIKwrCqEiMtIvxeU3jeXGY4hOJ"
    "WfehDwjn/+MYtuLfRH+hvw7pqKWxAtttDs+215Oy/StSP7bOg69RHbM1RHObv4XeEFUIkv"
    "6qXsrHHOqJBtpHBS9CiXJyrp5WPaJ3hI+Y8CkmzYVQMXrD7XnPHSxjNs+2ttW8AueZc3sR"
    "4biJuNF/B6dsXY3XrdNhI/WLklahZcUtdm8D2pmgXenfa6mgV62KbSckV/BsCq4gB7Lw4A"
    "/47v79PIrskcGZLUN4FhcYD3kAsVALPd0hhLEoVxYYyzfBifwBhvnvH72WHM3Om/sJ7BAu"
    "ZjHCFpHMY7KbVg4QdcKu93QNA4fN8VgfddPrrvUuDalC7G9/zTygAcI6ovyMLl7Za/62+8"
    "V2Q6DHlpCRDB2PiIwJvk8Rxp5HGjFMrVVxBQ2XpzoV8DtcrWq7L1qmy924vO7Z1m672DRI"
    "xVJHNsEOLpRDBMp8utY+B5RwPop0FaHRUZqSIj96rlL6lGDHPyZmgSYwl785WJONasQA1U"
    "5rgGbw6lQDQk9tdXqIe1B44OYpizu5MJJgYbUzKZfPS85VecSntkSGNobjJwcM0qhVpRzy"
    "My4g34V5gPeHyPHycTZALtqPWL6PTX81+8J/06avGbq7kpvflRgAUQyA6Ey//1914PaTMH"
    "25yfHxF4iTZisj4rKPSmGsPA6WNrhmw8cxnm5PyV+Www/H7Cvk+gO+ZFuHAuyzIN/DKvjq"
    "vSyR5QJ8unlu3AfMsWjHI0LVGiLYst1pSlyEIzo9qit1jLgBchec51KsPNq4yCJE5VSfHE"
    "wy7vmOLjbREt1Nt8LdTblBZKKT42ma5Hp/gQh345jUeURKk6gpMyejIKBqocqnEihevTKq"
    "Q7X/Wwpe6oaSqMdkJpFF2vOdqijNlbAbA3IrS9wcjG12xpTdwupV85qTMk32C250u98FmP"
    "42B5FZF7dTqntsNlPs0RkqqJIUQckhaANw7yhbYswbYMaYYM+EdKlSw++E8lGx7YX6cMc7"
    "7/Eq9748x3Yn/XtaWmm06GAJQ7daMkirvI5NoOrM84aqFcqTM2RQ4Su7oZZgHYLbvEXaSY"
    "reQE9Kj36PQhdSmtcvC1OpfDq793zz2d74h8vrq+GnztfuKPMPn5PcfGiMCexxvxa1CC2k"
    "8uVn7PLbTlrtlxkxvu1DUtP+dE0UMtSlNfj5w6HWvgxFQGYb9949Ct3qlMqfM22a6PTp0n"
    "haZymqcYjWINM1hD5R2mvMMOv0FV6B2W3jIqQDmMzmoovrGNcgu/O1V1ukzVaWyrotPlKy"
    "lXWD75aAXw9Wipuq0Fy5FuB1GJmq1HiZIXv7IdSM2up6nqRCq3891MrIMVeTpGtFTpmYP7"
    "pMe40DzjfIRLzbfRS6cOJ9K00mwXf4TeNf4zlEX9kBZ15adXvVrPFy9LoRonUrgqP72d++"
    "lddgaXnU/dVtbkrQDXxrvpxZdsrdz0Oq5hOl+xFj9BUzfXsgIaNBvP/XZPeutBCgbGcbVk"
    "iJh0vMO2qVmmiM1aLsEzQ8R22XiBF1M+P2QFojkH+QX/3VymHfkq61XFedWL87A0LjbMNT"
    "YvY5mPETXQq+/92wIG+vdvcw30cCthoM/JW2nerTPckiyj/A65kNe7ncR/PTt78+bns9dv"
    "3n949/bnn999eB3M5vStddP64uoLzOwY+jmMygE3/lusUzt/6/duF9j87bDl087axNuMf4"
    "IaXkiSIjpDGmzF5A5/RJMJLN3JRO7NDCp4OTKg12s9xTPOZWRVndtB9xUfCOtWVMPOhD0s"
    "p3UnR3lfI+VjdAQ+Rof3hqmZKrFqvQTfvqk9loVBywGcQakAzgOYf2y5JIYJMuV1mmBq01"
    "6n4Oqd5cG1Pkw/0+ygpIYsqYGKxKUSpBIoJ8gaCPWbIpkg3+RngnyTygTpYZa1Hz8JdOZW"
    "3ASYq5/RkvdPY/y3Qf86J84ioEgyjqbuoP8gyzzinFlZuAIUMWbRx/PkW+cfSagve/2LJB"
    "cIHVwkt2rI4FQG9oBAob456ksbP5RWrsWI1KZSYFMpi3C14NYoT1A10NZEh9Z3nSn94Rdt"
    "z9CixRu01+nRqGjqF5Qvpkkb0AV25pCATwd11cJlDnKwZSENSRHsI+LPMR+w/YjABRIsHl"
    "AKGxRe0g4itF1S8QWF1dLatOofIRMAet8ps/9pBE0m12P+B9RjheIzfIZqhFkwxxGfSIFy"
    "zlyavMULhiyN3Lm8A6Q5wQuMyMlkEhBOJi/biNr8bX8I9Z54K00o+/gjT4Q20EHee7wEpe"
    "DUdRw+d/lrnPDHmTYSkhZ/PRvDK8dekPEu6Us05Z+3gDSE/C0tk2B0jx+nlE8s5EI1HdAg"
    "8o4NbLhLP9vhQrvH4pMx4avT5V2bBl4sKe/WORffyfgkQn6dH3hZmYxQtOZQrkwdF9RL/h"
    "EJz9UeNFPsEBBI96fSWNZSY6lUWzvWvGyi1NpenVWA3Tk+i22slhsh5VRZEZI9qrH4yYXv"
    "bG2xH3XW6fsiEepJTXokQP19SjalpcrKeM33CPCCQ3Gs4EZYrzjAQ85BZAMcIWmEGLTOSt"
    "T9x3C99BkYiXr96y9+86RImtiNNb4YM/zA84X+kGIrqX+z2f3LzCVCPYwgtYZjEvYKHvvr"
    "rmb8vpUBAe+cwQJSamGN5LikRukS4zLlhLsaEP/M3C/0F/1+Lwb9xVVyqn//dtHlu48YB9"
    "7IdGLsXzSri5A4SikbQ5J6rAB4XtkV0LqlKwY+GX9cj6WU1Ua6Zlkglouc7X968hOIQ94m"
    "W7Ae077XTCjblTmZ41RNSwZ9evahyOF89mFNHawPqbJ6x5emCryQvPxLZRbHTff609X1l3"
    "Pk0Y/IwL/CIleG4k9nRD53rnoiixUX8CGH1ffr226H43jR657zdWSD97H4jo2GstBIliho"
    "pjkOFFnLGMl8r4IISWNcDatzJogqdlKgPuHvlKDdj+fTPnemJjk+6ZbGx8AYu8QxM6TtJ9"
    "JoJYkrGOuaKYuaNNbCgR3bNs2wiT7h9h5QNc5B6E2hpH9v1iT9e5NO+sele2wTzSrpWZEg"
    "qy/WraGn9fI5aWRulNRyByEHKifgc9jKgEvdYIwjZOqoqtv41sQC31maQ3qPSSsrhMW/11"
    "4bv7I0x07QrEClgSnWbNBMAA2aURt1bq6QboFdmr1CfYg5gbLSg6+dn87evQfzLRS+w0ZW"
    "6YGt+lJxivWKU6x/zYFjTs0s1khpT7U4lfKmUizZ8z2yU9KlyzYa6CStYs7qPNI2fuB74C"
    "bjHKdUo1znUdZ0EYtfNlgvSqQyCT2dSchDLI1x6Zw3nbCnI4O4aNKb+OyqV9Ibx9H0eV5p"
    "9sjd9jrJEfyH+eYYa1xAfpxBPXN3aVHN8J2bNRTNnPwRTTlwBhI3fJXdas4lxIg1XMiC/K"
    "lZUuUOnqBSIBypQzHoC/hglvVPSJA1wrltD0IqrLyyaoAoTQNxPiuE89kanM8yyg9SiMIo"
    "H3acpGsg3juZ18z8dwbOuVu431yxlFnO8krD8hwksii/VbYcVopSLaSMheTxqZngrmMw43"
    "QNCpLaC6sZ4u9JGCXTFyeo1Mx+WuugJ2rhbKl6KFlap25gF9U/ZGyjBYqR+dOzApwbn9Y4"
    "sZQLoJsbYlUa3EhM/XHt1UXBjZ9StVKfcfnKubHxDNsQCd/KUKElWrSfVKMt440LqNFkUO"
    "4LJsP4GXYcjjqDMH4/yHM8tU0DUgycI5HZ3FdsMSQ84kHXtUAmQb57XJYqbUdPUa4b9XLd"
    "SAxmBj+5NvwtTb3HILjgytFGwdUkJv/oZ/hWPnnJ4UiPRZ/gIeU/ds7+HHQgip7PsQlY5H"
    "je7siN8uxZB26Cp19z3CZbFjhr4fCDPDbC84Ph/5ZZe0SqGsyHDPL1EBcKKkBIJzgsErzC"
    "zMmN3KygS8gi1AlMVY7IqRP2hv4POuU9ruZgCRM1HiJfLcpD8IdZVL/HRhsxGjxzRORDRc"
    "4fZGDCsMhiNKOWxYl0uliYDqI2hKauTMiLhCiJ967O9xqe7/f8s7LtBE9Hjvq0dbYVtL7c"
    "9r/feBzoiHy6uu1eDs+RYdpYd0bk8mvn+rrbO0de1pURGXy/uenfQgSpu1xS20mu0GKWhk"
    "KGhjV2hpSPp+lYpew5AUHjfGh3YjaT86F0rHqMqrax6q0Xv8gz+ddz/5cXbb7JryCHGt/C"
    "TZulvSWKDMXbIiPxNn8g3qbGAWwN2B7bNLMa7ZrkJwm6I04AcSl3IiYz3okvkiWbFtojgu"
    "+saboHKHcCnEL5wUtTNnH4bKwZWWVZ6jF6Pn9YzmAUpWpM+oE9G4t82/X0saQxNEnXIHud"
    "cilQLgVlXAoOUYK34Svn8PlW67ZgdmzLjsJWgRmwn+juyMAuqmzMmGwFrK37rntcq4xkRa"
    "HNLXpcxMoay2rlxQFkCAUXHvHn326xFczVnMCQWEBBQ+ZzwglAqFi3gymq8P4mOmwuXNKe"
    "vB1exf0ljgaknbo4pKfXE1aXcBIWs72MFyFBYXcHcCTQ0uaGTKeFjLZgNOlh7QHKOdxjvG"
    "Se9L46B9sJniUsMSD3hiYWfmFG7QW2kXxzoalhjmlZQuhvjwhYSnizR6RrBBGKLErueLtA"
    "m5NhFfkjZY/yrI9/Juwlf0TMkuJNSxcxUEaULY0ofFTHMJYZG9E674gomcoNXNwrAhZVeV"
    "1VlErpqjbTVf2LmmQjbUqMUClTaq1M8Q+RkkMcIVMZEWo/vuVV/RGqBunL9q3sV7FPz7WM"
    "0dGhquJuahF3k+d0qqJukviWdjzdW1zImkKYhUpgikiQUgUw+wRL9QKaTALVhfAWlb6jJk"
    "l5f7Yjbp0mAfsn46OSVqNU17UseCmzevJhi3q6Qo2TF7xbvwCk/ggFJM+RBsUyRb1KqHHM"
    "/zRsulxiAx5HsHTgmPF5ykZEdCSSgoaJW/gMAjcMOhNfANoe01lfNzKthwEmiI92+gbnuu"
    "YyvXjwSSltjUoGU89kMGXZ4b0rEhoyBNHIoh8ZMmZ+RTm/fZ29jSuRJ3dRTs7GS+uR72ul"
    "UwIkCJXkt+l0B7ulWbKiWZTmeF0iq1gUO/F5nGtsDDmmSqrto2QqmrGE3j7kilKAr0lMFS"
    "WqxMX+0NvPjvNUM+raeqlYkZBij8EiKzzd1T6y63K4yql0I77m2PTk2DA3G+UYobKF1HmM"
    "56ZhYLLBGMcI1RgfwRiXja9IkjVI9KnM2OJhBPq8LBV1PsuRImxcmOpOCvJJDWPJXPZRmi"
    "bpq6oLElJGWWU+PPhZuyPzYWiUUObD9fjGNsqjC3ioGadRyIHfxg8my1aKbuDBf+v11qAp"
    "ulNP/iRs+cbpKLLFjNRjO0pSwIsfrDuxGhtzzUBTPOO7FNIIApG6LRILodWcIrBKaDqU8H"
    "CETRkqdGT5+1fUq6rxUWsjy7rshcrGuDcb48o2HWcjZUqc8njUoq3fZWUg8FqBnWalMeFX"
    "wrcQassgIakL3D7px9FpXfzNdKPyejHS45kPz1K9BjO8rE4iRqMk5nqVcKgptHtgJdaoLA"
    "6Rn71uA1FUkK5xgvYO8BmGlpOcPXJ3raSjxdsVEG+Y4xpcjn/B+QPhv6pz+YMLGcjiUFEC"
    "nrT80KO2zOcU+sEuNZtTCeGEaaYh/Wrnprfu47JO1Y8YkRV1LRCXEP9CaHMCItMPHQocy0"
    "v8ETbWIelrIFWJ6GjxxJf5HrWyAdz2Xno7N9nnIkztLH6Zb1mOm6GEKZYGNqSus9jUuuF7"
    "T/d6eO4tD2dEOhfygpzeI9Lj7NQ5Z9sdPCLdf1x+H3Q/nfsTvhgDv+s0sIQ6pTx7/PbKul"
    "bEurbQ7PsNEvElyZShOIOdlRiVlwVjhEoSrLUkKI/1cosnRtMkcaWypRPh2spBmyZUO1Ma"
    "Xo8DLQdtnEhN26fl55Dl31J87gUdHRnARaXn2I5YwMDvi1DbQ9t4C3982RbANrKF7hPfmm"
    "25ReFNHzi10v1cuKZlyO9MaX6Ce+11ep9ptNVTWp98eDN1Isn0r+IFlVrkkGoR8W8K1jXS"
    "tte+zmqQTYNoCsnbp2vk7dMMb1bD4NJHjt4px5k1JFE6jSI6DRWr9NSx1gjRW2VrV9naD7"
    "+UKszWXsTR1qZ0saXr6C3vojkM+U7dRb/YmpFpNZU31jLOd0GTArZSUPmCufJBs1wsDZUr"
    "KKAEpkUHKkdjG91pDxhRmWgoOqleMMR0zcLoZNR6N+JPHLU+/Mz/zbCX7uIxIzJqLTXG5K"
    "WLUeslFMRmOt8OIsmNOHzi6UiDC9RlGjGcOYOsROI+9Myf4NBlGwp16nP/3UaEv48tSmhD"
    "FU6dLpYuOJvNbFq0evYfsbT+EYFYpYxWdTerNLde9jqDwe/929/OkW7xJbGi9v2IfO1/68"
    "qLc7rA8tqQb/p8cDFzwOza+QY2V21RD4OrWIsbG8Z94loP1Oerv3d5V+YD5sPz/frTLVi9"
    "5y7hgpYxIjd8FMefO1e9cwQb23immdaI9LrDYff2HPFz25GZ+g8/VGIfLyNLBgR1Hp4NZc"
    "kPBdD9kAvuh/Qy4CdYGfuI316JEpnxpotFpsZ+TRackETpPYroPe74flY+5j9Bpeyl6ckr"
    "IcoSekGdtA7WTDkspkiqz97QGoIfI+UHODK0RxlCBhy7Tl2OK5R72T6kAxRHSlv3HLV1hy"
    "hXWbfxrHpfOozzUcM3e6VWVu5Hx4OrUtcfTF1/yOKqx4pugfqqys9rP35e+/dOrBnjUKVz"
    "4mG8u75Sy+SiWivDQOXfaq8zUc0jjQoYqQglP4H6GkpIgIRIZ5BQJLphniPb5XAhfyKIup"
    "8CPgYmJdPJSlhSVbeFXMzgc5WH2SGtQN6EK6pH8ZofhwqlCsk+Q0VSf6e8PalNd+KSpxRQ"
    "m0zTo1NAKbleyZ+HX0p7cRfbLc8pfRiymU7v3hNcZ6RVxREFnlCTrhefAavBqVXd+H2zfy"
    "o93R7T03lTvCRbE1KpJP915mgU4/oshtldGhsOc5xSDXOth9lfk2X9d1J0yqib4cGjvA8a"
    "4n3QdFSVmkKpKQ5/ou7ITK4youwqI4pyQCiGa0kHhJC5qgDbpudCSXGiW8S5QrHhLeNcfW"
    "3kZ69ucUNm9E4DXmOYrdHw+pg+reUNykYX8TCAtsL+H4TKoZNIbOoL9hKKDIgGzJ0uTAbl"
    "VmSTIBXwyywfg+o6rrguitInb53Hl0J08PgeZ2zRa+o/x8kaoV3eg60c1lFZb4QoTQNxPi"
    "uE89kanM8yfBIoccCbTwBVAuskXQPx3sm8Zua/S8V6es2VfJ0V6qnMEs9BXx0weOUqTMep"
    "1ALKio8JONCSITJJOmUJSIPrLi2qGbhk8aYElZq2T+tVo24+WypOon5FRwZyUd1JYl8sEh"
    "sTrPYKEB7EOjuuHaJwhExyeywAsr/u96n9O9YpnNgja+W16NkLMjRaoSUhX5cVmi2eVmL1"
    "CWQzm2PDtaAkpq67tg1VoyDtmoGhuDU2JhORWYEFlaqQPtfIHbSHaBaG6IqgkwV9wEYbiU"
    "QSKZXWbh4zIhqhoNZCkGcQVGKeguxlGzEqySFMB4ghJIf3qz1gJooHW5SIpy8tjRDOxHuU"
    "QQ64EfEzzAkdG3NMx3WwX4CY5YfwwIPEhAo+clzUxZOvSdthwsuzjZJp4GK3vHfLvglgpO"
    "8oPd8+9Xzx0U/hmx9AlCLcMpRoP6efSMYCM/8FQ/BikH5FVt31atsld4TSAmdGnFE4uTPx"
    "zRfcY4RKbq+13I6JsckQR8jUANd6gI+vsmHL4xlaJffIm17n+hpSN3r0I/K124NMjhhKeV"
    "52ri+7vR7c1+FTLQvXpKShQ5emXkatHxA0LqJzNwUAxHCPbaxlehutMZ8kCRXeRfD2BY40"
    "1BeUchGB5MSZRMgSQE853a6QDq7s9xy56Pd7sSPk4ioZwfP920WXbyUCet7IlLJzWocJ+9"
    "sGR3iETAX21PkEVxa0ZzHMKrDnWQyzij1RURLHh3BCjVsO5GxiZY7OqHQcqpYLYhuhUIBm"
    "AOpauCSgIYUCNA3oRhtABQu/iRusCkOrRRiaCpYqhm7JYCnfULutL4pn1r51C8Xt1Gz7LY"
    "pt5NQpAK23n1aAbuPdUOJHTwFsE8zqPjE+0rmbzd4X2SG80pNb4tusCpapnSFk8LcIoNQc"
    "BxMDcNwyjLITdNSgTSPBDmjGtigFBUGbMSczPf23Q6iBTryJ3AbGHd8LMeF9bTubeqKvLu"
    "/qsaFzaoaxAVvYtjiBL9TnSF9NmVm7d4YdYMfhryZF1Eyn2KBF+2nn2DGLNn461JskawvD"
    "JgyupbLGsEYMtOJMwdxhbeltihcwRDbyhoDJJnPhJ4qWmo0B0QTmO3rMiEAlYoda4g4J3W"
    "vvMBBEvVs9DklFjtfQo1Qc++Otqt0mutijtwjUrm2VA74xVW/lih0HJZZLrI0s0v1pJ09r"
    "vVJSAOfzfU/hG6VU8ObAC9W/y0PrU+0P1rPjgtUvpF4OVp9qf7C+ORJYfZZozP/hLE2GZJ"
    "NvWcsg3R/A718fCcKGeccXNd803QzlYy64Caq9mS5P/1qS7eiJksLwnh8FoOeIzmYF41eq"
    "N2Za1thj48cBn85fNEtgX+e7ur6jPXqz+hz50Tqz1tCV5+jFnpSduUzUbVGbdJ/gIeU/9m"
    "SRPuigVGWPvuwMLjufugkV/lbanBtLI1cOXrQy9DjBvfY6DQ6Yc8am36xQhPMd5Vu6TJfn"
    "p8dDfGTMB9Nw+R2+b9oE1CzQdTof30Y9KPVJvdQn/MDLU5zkHJk+QQOTku0kCZyI+spgTN"
    "YUywkoGhC4tM4HfBfFchzN5ltLyejyGNFRRJZXgX9G7PjSpuA0X0Y8jJLsTywsKRW2brCt"
    "8+OpjV4jh0L2wQOJLqo+iMpZWLNt4OhCcVTE1bMY5hqqFBq2X3oyW8n8lDEihasKCqhTUI"
    "A3OyuAufEu1vGFXKtEf7eeyenGxjMssn61MvRiGa3a6zRkgSFrGScoUNJiKSbDC5lsT59T"
    "U8fsI9LEeyPxUWhGLYuuRJK8pLuS51WVVdKiuo6VZq1emrU6WFz3lOXuNaeivvuc//LsQB"
    "L2cdlhN0D7p1MBt3zjA4HM90yRi5FQx8yOTVhnds2grrWttXUjTcTnSLy5AylVLf5W26dv"
    "rNACK0+SkhH+URplda3S6roM2Met7K2bc6FHYWmNTcBd21hFwFkWH+kFoq3hHP0WRVhFSI"
    "TsHYYMzXmnmCCTfESTCSWWSfBkIvIyMwT+5w+mgfnRaZJ76aQ+1x4w7O5T17SMPJ6x+ico"
    "5rFezGPZ6lwNrsz1rohN9l2+SfZdyiJ7z78rG9ynYwV82j1aZoWbu78DleFaLnudweC23/"
    "92joI+RqTXuTjn3Mt0RC77326+i7gAnS6WXNCwR+TLP3nru0fern/du7runiO5pRRkM+Mx"
    "A2dFYgbO8mMGztIpQZeabjoZNQLzDWcREqWszGLlbX1uPmxkTkmQqnSUdTanKOPosxhmn6"
    "0rJwgmqGqs/jjYPqnMkcpsdvg9akdmM3/9V4DzRaSr49oxikKc2Cy3SO/iyfAZ6tPS6ROa"
    "A3fcnuulERtDpq0tgWpmSrKdJpmIQZahOktCmq9Ciw1kUV2ajaHqk8j0gCEfiww1EAntXv"
    "g1lNJ2psKEIzIik8kSkizZ/BdkmQxSSECRJsj4gFYY3wMlWF71R87MoZNTcB9987ItrsF9"
    "Q3tk6OQ1+v/RN0r4Hy/RynTmSBsR+ZRzNJn88cfrNjr7809ZRQ0/YPvRay00cr9jg2DG/2"
    "rLtnxE/ngjWmsWvBmfoizSfkSGc9eG9uIF2Cs0DN5Ppy6fLmhm00XwhvAFk4lX3Iny73zl"
    "/+nZF+VrWRDgNyIrzbJ+0vkf9wi4eWSSLMOzuPVvqBWntIf10x56MzqN7N8G/escS1BIkh"
    "TwTN1B/xFr43jZpiwcAYyYVJcKP0hGGiTENeggGX4QXVclZnaSTMkHWZZ915ZsbXmPiixS"
    "hXGmS6h3TGQridbMXlZN+EzdAC4XPyPq65UDL0LyrKFT+slNgDw6/aSqo6JUk8eHsCrwoe"
    "pR1BZXpUOvhQ5d1aMohm7JehSqaMLuiiaoTP57y+SvTD17t12404XJmHzVtOUivNtea7eI"
    "t3vSaDGZQMpdUVaDOVKzDvrz05+mGsMGf8fFFNu+UWFm2sxB0JL/qTnIMHkL6ojUveiEUI"
    "LBGJGyb+zgGSPS/62NNOEJyLtG2LapDXEOGvqXa9x5F16C6YALg5BTmz93Tvk4IOgB8uU/"
    "QjCbfJAgMc7BuvI/o9YDtkGJPOLfMWqBCD5eMPnHAi+o/Ti+n8o/lxQmzKj1v9JGoVsab2"
    "yMXeKYFn/cDIJGIDU3JKXF9gs2IqLJeXDJ/0IOwsI0frJdAimoHjiR6YDhBv9YmjYfNLC6"
    "aBwESAfuaPdY4vcvOi1ozvgDVF5SJyPmh+OpH8ByA+LvnPqbsKOxe/hV3OHzH+DxbsUplY"
    "VknxYSSyN3Lt820tDm+1hHaRroZ119hm9GXVvPgDg/81VI0QiA9537Sp9DRScre1I/7dse"
    "Ia8z/K3fuxfnaIWnIzLs9rpfbjvf+ObE2bI7W2Z/PvzM1yxLnM2lAyOjdHsMiQyuHG3+2e"
    "A83mTiB8R7jOrgTV3sz4DCU/+/vne/Q70HST0if/v+6cvV9ZdzwXHxURiRT30I2jDoZiEb"
    "HwqshA+5C+FDch14nN+m4xIh32hk9hSQ3f/tHNH7Efn9lu/U48714HeIqVnZlNyNNcJWEF"
    "dzw6XF7vWwM7zqX4+7t7d93mLJOWnOOEs1k+Cv+Y529a077l19uxqeCyebsWVyJnFEvnW/"
    "9W//6d/x+GbvXv/78Ob70L9HXWfpOv692+/XokvvkTbw0rxX72kQAXTVC+56zL9/FyZXcE"
    "+w9PLOJhPrrFhmzTWJNZNzKyIClWCQE1RKNZ+xlerULuW74rdXYGaA6U6FCChAymAH8j2y"
    "0pT7d8xq/TJziQ4YinBhxyTsFTz217Ln1lX/CknpXigJvG9DJ0IXjAAsNHLPTv965rV6Kb"
    "0wR7CJRClGLaTpNmUMhXqZDAfQ3T/uwG5mnhaljO0spFDrNL1OA01UCUhjNArUrKIzQlNY"
    "ZteLkNRju4Pnld3uauud6jN4Fs2I9MlXyyTIVFby0poZyT0vMGMllY4pwgaAH5cM3hRKuv"
    "9mTdL9N+mk++DNvliWEQwiFLXNYn6wjTxmiUmD+oR7ZpJY5Qmos4NmzCxVcqiTtMoXt9ZD"
    "Lc20G4xzjFAt5zqPccwaXfQsjNIoN8usAzFmyS8Ia5xICYzKkf0AfteeP0pxZCMUClHlcV"
    "0nj2uYmhVgfAMVrLTFgn/I0OuxoTBH1nIBeCUbUAXATXe8jjFMBZD1OIEKoL0Mezou1qEo"
    "tHGmaQsH7Jm5dQKZr3SBwdH0s6kSyBR0wh5iOzPnsrjeXud47fgtCuSJ+W9Xsx0s/JWBjL"
    "c0iWYhvqsbWGZB9jKcGog+8HamwxAkbslKHbNVXxmuw3+kWAIBxZ8qQ4rKr1wPv99i7o/r"
    "/B/Trr8qjYRKI3EQ6JQKQQm8h5+sFQq8+bztLvm2TyYTueSyeLfg3lr+zYi2eoqHy8dXcV"
    "T12QUUR1XQ17mYs/M6b+cjL1qxgRf9Tff2sns9PAf/SyjVPiKdb/3vcEFb+PvI4SN7HjTL"
    "zZjnF+Zd7g4SkNSZm2jdSNTRyelPwM+D+LswCf/JH+yUrOX317OzN29+Pnv95v2Hd29//v"
    "ndh9fBbpO+tW7bubj6AjtPbHSy3Ay1zFJbxRZHSL1H1yoRetwqOUSDq4ve1fWXwTli5tTi"
    "48AgrqT/rQ+hJHRBR2Qw7Hz+zG872mw2Iv3hVwhECZ918NWjao08D6cDlcvvWQyzkrWVrH"
    "34pbQXWTvmHxm87bYFCSJdHe2BtV97UvfHEhOGWxlqCf9We51WAkcaVaqUSGWISa5Vxh/s"
    "gIZWpXrZq2JC5zjcUTujZmDBrBgR+loL0INOr3N71QXxQLM0qHoxIrdCoraFOP19eNW7Go"
    "oGrmNapiNaXF3/nbfp3/7zHJnkgTfkn1pL0SFQAhSXvEOaJjEXe5auoZAKJnrO+snh4iM0"
    "e5Sqf/u/w5Iy9YYavjdFIpby45VS1lL/aEhBvMZYGqF51gY/QvMSv+Qonunec73saVLuIp"
    "COv4S7gJl2j0vtAEm6Oudv6TiOps/hbRHjxx8uquzcvRtFgGJZ60qKsHGzfSdGlgA2gdMm"
    "ePuEjcN7J/NbB47bsjbTFCZolUa4zqpCOVrjdaaadcM8PoiV5ojPbaWBfx7Lyhus6WPJUM"
    "QknYpGVNGIyrxRK7Cb4kr42SQwTgPsOOCz0MpQ3SebtNep8Gey8ZhFWz8dJEKSNWwXlOBH"
    "5PfyCiVaiDq+1HWQhmy6Qi7zssSLN3rBkjJi5Q8YEW9GMXSioanNv3kugk0I1mxIsg8ggL"
    "z6gr1UVXjraHhQitNdK04NPt9tvIBvs8cQhFVKZs8i3iPob9qnJUHnnPsjQ1M84ych3zWW"
    "2qNQWpkMGbBsdLpYaD8xvNTEu26kxnpTTBZZI4okx8h2CeHPH1NISpxXBCd3s8mh3h83dV"
    "br3ScSMvRDW/C3nDpjZ86PByjNUs5YltNBjQWD1rfQQfUjXw+WZt9hG8E3oClUsGcIPgpp"
    "hpe69RW65g85R3Q2q7VD65wLgVzo4+s7PYT5WRrjVA1Qk6wT1HeRpLGG8t7RM0gpaa+MDF"
    "JUMuwTPKT8x57kwoMOSlVS4WVncNn51E0IhVsJelfkgZo6bmUIeP6t9jrBzow0KhD0PzUt"
    "C0EBBajsJbghiMYnaOiVgvnIL5kGF6ls6t7NhWg1pQ6Xy3y+aWnTB5Mzf1lZAKrtXIlm9R"
    "LNlDORciZ6iqs5VpmYb0AW1XJiBbMRjpBUA/BhN48Yuu/fFoD3/dtcfOFWutSUm6NpKFZr"
    "yt23qoEuMSmra+jfdK+5qMQpR+Smc/XpXJx4I3LZub7s9npQhSowwW+iaajeRVTZPJ/iGh"
    "th84RpuMEYR8iUq0idx1fUEs6Uv9eqryJUNdZZ1Zw/q6EKpB7jUJmeVkiS5aCNkihMM4t/"
    "ugY4X5ZCNU6kcFXuGYd2z8iY0hXA3Pjku/GFXABbsZ8qZJ9GNnrwFMBVsGAV4NrDxh3mor"
    "TX23HxbUWxjfKrtXLXiqKfoclPDE6+Nt8SDcfBpHhapd8n2POZWtAHLLTodIY05C3wFwxp"
    "ukgpB4p4Le5M9RERDNl4oYb9XYbvQ6Wdj8iITCb8L/sOQ4DTZIIW2j1kB0byIppzXDDvhM"
    "/zc7BMC88F7yZ/FKdBJoNO5J3zX+S/v557r3P+i/fLr+e/kF95/6s5tjGaTDgJEq8pfcVk"
    "jww+xZlrjvegEYFqpuKC1w24kNnwDQwb/jvyCSc7IfgHB4PjMxVPQP8HnU4mL8GizgFz5t"
    "Zj+OLypcVl/oqR9AX8PR/5/35aLPjbvuLd8D6xTTSLT3H+ygb1nNsY1F6Ft5NjId5RpwuI"
    "RJ7ZdAHVq5lpYOHyppF7JEqzi9Gy6arNX8k3wPiGlpfwMO/TmHyYCQOxtPjiGxG5LSDJ9i"
    "G+jXAc4al8jOE1YGMSozHFuuYyjIbUdqjJf9E1Qih/N6EZ4o3FvBbvOyI2nvHHgWXIdBi2"
    "ZsVTP9tYxxwwLvum0hVmZAwIeQDP+MBJ0s2oLjTkhhcM6id7W/DXoEaSmCVSTojW4o6cOt"
    "HnlktUsE44b5hdai9Ceb71qvmpADv//CZTAco1PiKg8v3SPfc2ohH5dDW4lMkB/TSjkOvg"
    "8/frT5DtYOYSUFT3b2+7l8Or/jVUtucrRFR2hXZ/794OOr1zb0fUrI3U12dF1Ndn+errs+"
    "eT4aA14NssP3giCQWR2O3FiRAcwLDx19ovS1kv0+ugYutl4jBLK/hztI9xsuNIiNAa8umf"
    "iBmwqK5ZaOoyk/DzGMELF1wS5bImhNzBJqdISF3nuP7LzuArGCnZHKyWt8JgafODYXjbuR"
    "58hvw2HD7COC83Ir91BjdX5+heY0uTt+j2ul9uO994C4/drIeFM8I+ltiC4lQ1HrENt6C3"
    "RXB+m4/z27QlORDtSm31MapKcK6RI8WHIih/yEf5QwrliIhYBuYEWdNwPj0rtG2crdk3zj"
    "I2jkBALsdgJggrsazuAmxxlgpdE2cqTSbUGdI9BcLnHLSgTOg4XtaawSyfHkHlRVB5EZQP"
    "ScqHROVF2KG5XWoKywEbo1GgKs8b5SXSGFwjJoWS4KYp1dag3HCUG84xAlzaDSdpitwS4G"
    "Ym00+hnN4yC0Ad2na3ds1hxWbxkcIbY1O3KBLhhbJuWR8iEjXbDLhTcVTCtWNs09W2lTT8"
    "vm65QNgcuHbp53WjPdrUsloZPl7+rfY6/65lpFGBaG3hMwRGXq82QYab1XlYWf3EsLWZ87"
    "KN+PNt+oCNNtiKCZjH7rO8u3bQfyF/HvFUVXn0oMHccgxSuOYbiwOCIzITz0ybOcjQHqWr"
    "H5bzfSem4SOMbxWruaRWuvXptvMZHIiAdkQ6Nze3/b9DVKu/JYxIr3/5G1yRu0I9TMDKBy"
    "WNcsU+KP4psYmRIE6qrAS1thL4K32TcqRxUhVRfBTjXNYclCZU+skMe5A4HjdYRDFCtYTq"
    "vISUeUpp+Q+/lPZc6tUCJ9ztFFOeKqXHe2oQ7PtQTAnI8pVTPqJPKqjGlt+yUACigzV9jm"
    "2Zvt2Zn6MVhKitNCbD7rCBNGLIi6aDsGYTlh1suGlHmXqniLLN61cpnQ6qdCqfyfog2atr"
    "j3DK1FoG0ihJnTFtDbwo3CXnyDCUbUAn8lcHURvxM6SsX2plqC9M4jpZh1wu6BGKOmN+sH"
    "kMHtPEzage+JSbtUdUZ1CFjjGIN4+ecd7uVmvv6iW2vRoC401iLTPJ6zxaZZfAAYbDdxrZ"
    "dDzS9GpANh6QOXVt63GjsUiRqmHYeBi8pBsbjUOaVg3EFtE44lDeaCDStGogNh4IzfiXy5"
    "xFtnSwNj1CnFANwcZD4FBH5skoDn5AomDfnEfydFhl84VGiJqEfmVCmie4lMM1TqRwfdqI"
    "EVFbbus+H/Z0ZBCXSLYYWbXZtXoypnAV2DY9NCG+cGuVbfHG0kgry8oB19trzRt+iwLOt2"
    "AC8XU2S9vUMb/CHMhMGI0ngJx5BJ2M3Ndv37wWP0/FTyx+GuLnO/FTj/wurr89A19axPho"
    "WdhPd0htyJtnm5qV5bBbi3cq5OQrhkaZWw5pbhH/pmDN93j029c5zd2Gzo5nhdIinK1Ji3"
    "CWTotwXCkFU6FjpWwx3y8Gl7dXNzIxYLSnERlcXX/pdc+9PQMyRV1BnkCxXxTUbO84SaDY"
    "KUvqSX2SOnOs0VqutTYiKP/r9DSv2P+6sbb1lgyfhNgk3XINbHz0UyGLLMtQc5KD3kZLbJ"
    "eK76haOn7QLNMwnceckuq5w5Ciq/NgHEz34A3zpsdthHyPe4nmOJjfN0puKK3OcNi9/iTC"
    "arweRuRrt8f/nvOPHJFv/evh194/z/1FsNEpW3mQjUvwD91l2BjzpahnJgDIXQSZtPtbCK"
    "evX5ccImnTN8RWBHnRp8JF5UBbz+a4HxT1LTH33v3A2Gu2Pjc3DIeJkypf/jr78qsceM9i"
    "mFXIhgrZOPxS2nPIBtPpcuuYDUsjA+inQajnZl7aNvFKuaxLRwPXrm0+cn7lGH6Cybfe+j"
    "NmQbsCNiCdujbD0gByZ1N3KYskESiXxKgleNGP/rWVyQfbdZBcTmgGFTsgE/SjJM2y51Te"
    "f4ZtRtlgDmiDkQNcMp9ulEbFTqdlLjHdy2EaJVGQZvhMwdZYzmEqpFB8bgGvHs/zYFu3E6"
    "+bIwO3sD9POKmeduaR+2QFoF4GHR3XJlAU1diBUiDzpdgsK8D1i99PM2GNnim18o8aQDq/"
    "x07gx93KYJlTbdZyziJB4ONYizcvwEBPKXEhcJMy0zEf8EvJ6hrYcEVhQXRC8J0m78ykm1"
    "E8AjyLaa6kT8Uo14tRVgkJq01I2NzCmDWPPjiOckR787xTBYmUMWZbm5sqSKRq5xwhwipe"
    "SlkQayu8blbaRcVPNSF+Ssr+t66VaUyL3G0X0AnYfsMntQFf6SoUxsHCtdRMQ9a0n0yEG+"
    "wY/phMECUfZYiTZjsMcY4BuUt0oqGF+SOd86nKfguFNkUWQdi7inU6qPogMhCZEsEa3+uA"
    "6jgUCVVIAhn6gjBRUzmdQZyuts6jNVcaRNIylYc/Qlhb/Fv8vEcsltEvSONX69AlABgSNZ"
    "UfFp+qtmNS8zURCW4oDnyESOG+XQanqcZMNl5Ss1x+0Tzy2g5H6/Qvp69fg0ZeQ14cxIFi"
    "CVSYZGvnZWqU5vg5aI6VclMpN48HV6XcVMrN4wK4zspNv6rt1WJJ7Wzfp0ST9lo1Z1Bx1w"
    "xbF6qKMdXIPQrI0cy0MJJ9QBID0EMy/l7y+sn0EQ2+dn46e/f+JagwbTwTwa3OyswIbd1B"
    "94U0n2yu8R6UqvOgqk5vEErICCFFAx1M3r8tICG8f5srIsCtOGsDK6Zs7qwoTQNB3kn+rO"
    "wK5vmKBa+5Yhsz2HF/4y+z30ZIFKZZ6hilK3gOugLlZaa8zI4MYaUwqHU+hQpKYAYi6i3f"
    "tZqD+05TBMQwWyf2e5gWkfltr2mBUKel9igEcT9HsxYK56/QZOL8gJk1maATEM1BeH/BEF"
    "0R/hWLKbaFWC6HD6xQKYm/4v5HJDrl24hR3h//WGQS5KwoMszZDNu+XoEBsc8vIkrK6Azk"
    "eymdwUF1BnxkOf9TTtjyCNShm2X9+JHNzeQrCEKKBqoHPhTRDnzIVw58SOkGwIVzA8ErQq"
    "akrlpLXSo+8VAObRy4UqrNgGCP7iWtvWxbb4qFJq6JTExuW/UvubAnaHeiMNbpYpHpIbvG"
    "PSokaRzGOwmtBZnCzRBei+XZDqnrzOW0rr7d9G+HkGDbF2pG5Pv1t87w8itcdMlCc/Q5XB"
    "38dnVzA9fYvblceqm8D55qm89oO1tbue74jFI1SFe55/NTaTR3LVxFPC7KwJskU9hmYitr"
    "f5dENkrUoK1DKeGPUwmfuVtUAHSGY1hDsU5uloWAzolP2517ZM12jeLgRvfLAtAKzqwCYH"
    "vYuMOcTfd6aya6UTa2Xp6n0bTeWfanRNrvNfanZMsi5idIES1yRjtU2IbEHHyFbqCSHUMa"
    "MRCE6vPfbIx0ujSxFyMvAuKBWHMQ0ywsjUFZBqhqnzAiEPxpI32ukbuMqqaIQHJr7zZDqz"
    "mnXmkyL3bBFH4ZHqzeJsYbZt30pVcZGO4Sx7Sk5UqZqvZlqoKhH29QsTFO1yTmf98K4qZW"
    "y+zMYLuBTcYwmQ6mhI9yV4FLXjVExJaWWTL+UxXTbFqUaGOLaR5M73CM9Rs32WJU5Ua1BJ"
    "pVpfGIEOabh+2wcZbOLT8HVIzoWaeAigo9JQBMkB0HhK1v9IELlVIChcJKXFLF+N+eGIt/"
    "8M2bQaGvneTmNrjUWm6ShhRHAu/vc0wi8jybU9cy0BSL3Hw7AfX4DNctTYcqBSU55Fbncn"
    "j19y7nMAT1iHy+ur4aCLv1zCQmE2bry871ZbfXg4s6fK9l1cV0HbzOJmFVCVpVMbfOHn5y"
    "tMbl8+GnCJXnjkqKr5aVClfcvQThKwbLQZugUsCqko0qtLYBCKuimE1xP2sirsr/rCb+Z3"
    "t3izpWgEv7RamiuUVgzSuaq4q7bgFqgeKuWYJDBcB+inTVTGwT8tIWmTbAF9DcNtdGI70m"
    "4xntpG1jO5ii7oufRYcN2lN3m5gkjdwT7qEhvsWcRMezkKBQqhKX4fPA54kKUw3DyKK6Zi"
    "FQ9EknTkId8L+0+VcJu5gw9ZnOI7qDZHxo+ohMmdw/laqkwv5HROpNVdnmGnprKpP7VkZL"
    "TIyy4EVInjV0x1FnWRmUlEHJn8DKoFR/drpyhWeUSSun9UxTKtXn06rPZOjUthGhie6ODO"
    "zCmrn0ZKtVaF3HcfBi6bQyxCb/VnudrKRFGhWQjzxF5QuG7igErUF1WSayLEqnq/E9fpxM"
    "ICniZDJq/QI3fz3/xaP6ddTi91ZzqLsAHnCRZyfEpF08ZkR4c7rERAhU1997PaSJuBfTQc"
    "A6itg7EQPDWfqpxoUyWQuCQUQf5hPF8Khld69GZDJhOl82k8lfJhNgOry/hADHl4zL+IOc"
    "OfMKqEG9t4/8fX39mXx/eKC4In6DDxkRiOXTGOPLEQpRzPnduzk64YuL4yPdMCWVZuAppf"
    "fieUv+IaKfNeV6oXe4GVHMyxSYqRyUf7R8jzmPUzGwZkB6TfgzFSEYbN8hiQoN3KuwqZwI"
    "KudPvJVRHNCQQHEjGXiGG3cZyTROtZF0mpynh90IYsLp2yKy6dt80fRtVpIyezPJNE6pJN"
    "NaS6bR47jkOCdIlad4ncc5wYWVGecEqRrnOo8zjAAXBN2stL+UWlgj2YMco0sMMRcNrF1t"
    "08GV/Y7rRb/fiw3pxVUiKcD1928X3duTUzGWvJEppfQMD0bKzGxNSL4LY4SkvjW7h1w05L"
    "0z+FvWOpTSHgiblByofreQjMuo+Pz2SjJJgxmoGkoAGqNR8knWhqAxhrPyxq7bf0OizTbf"
    "ms3U/Wy9QnFVVlkRkqgtQUU8KP/8puAKOulyoEYoFKIq4qFOEQ++gWVLjIdeNw3FNrKAVR"
    "RJpbbqIlEkRZzHNcJWHKwMZriEV7Rnfu6IvhqE+k4douOg5Rv1Q1SfNO2PtbDtkxb+Polo"
    "D8BuHdi7z4UyIbinMbCbg6Xa4HOQoJPJhBFtyebUmUzO0T0ftDZy8A+nnTLv7+AZIzKlxm"
    "MbmQsOa2Ahp7YhzPtg9ocOpWs1J+d9meRl0E4CBI+7Mx8wyTegRxwWAmWQKt94SMP30ajx"
    "ao9xFFPRcxlEfQKFZ5bo6O1ZaUT/Nuhf50iOEZqk6cbUHfQfkQj8CMFdgxygEVMx+Ybuk2"
    "+dfyRt4Je9/kXSEgMdXCTdDoLDryj0IcVWwNdM43QY3DeyXCZIleWyzpbLJlp2WsNM5802"
    "YthBXlZ0TIoma6zckcpj60vxk3EidUxn4OqLHeWATVApZJ/WSEakqC01OhEP9yODuKhKJ7"
    "5uC6jL/PlYAbr/FemqofAmVm+tIjsC+DO0QNGhyVcARefCk6qffGzLVhPywNSpazPfaOvQ"
    "pamrqID9Kkck6Clc872tA4LGhQGfFgoDPl0TBnyaDgMGBWQ2vE+n1fZpa120Y3B1/aXXPU"
    "eMA23hEfn2vTe8uoErC05vLuHa8PZ7d/y50xt05eIZiyePyOBr/3Z4DtpW2xmR6+/funwz"
    "hbdYYNvUeV9QU5r3z/uCktL8CSPSv/3EW8E1oboV1z5f9Xrji17n+jf+UaZljaeWRu4Lst"
    "7xOXBWZAqc5c+As+QEAN1zGdWC315pdLbQLICmvwzofnsF+hagH4VO+LTW53SE2QErVdlI"
    "qBhRfc/nFpfJNH0OBXQRc7jIgfgrF9WU7P7I1mx+1DxsppaMkyq1ZJ3VkipDy7MYZndpbD"
    "jMcUo1zLUeZn6TixElNd5RmhobGw7GhcT0MwVBjdEoUJUj/sGNCcq9eX/uzXJLrQDlwp64"
    "NdstClttomdPAWDltloBsJdBR80ENnb+KAfnPSTIls76/EO3BAtiGq54N82Zmzv1AxchIB"
    "mGPz80JN/o58egFMnmBm3R1DUtB81suhCOLVON3EOiNQht9esqy1RldCYaLLQf5sJdIOHJ"
    "81GmLeMiErLMhZmVy636h4xI4LktlyBDmmXRFeTKXi6tR+RQhDV97oe+q/zYdTROmo6Vce"
    "StMU76BHU2mW1onjwrpOs8W6PrPEvrOk14oKuLyIc00EP8I28GJ+jqq2yuRBnS/cdwvbkk"
    "0IX0+tdf/OZJG8rRl1w2bG3mlFX2f7rtfB6eI0E7IjffL3peweWlO7VE+qHNNP+FFP8lai"
    "vD2TEWZ8d4YRLXyar4kR9wnEmstB+5rqls7B3HZdR1GaTKcphSLy0xYRtou6N0ynBVZ1W3"
    "blGGNxniGKEa4zqPMZu7s5mFx75/ZpZovS7rUCb9HrO/+WLI0WYg8gH0woI3hD9CrcAvkX"
    "kvIvOXYBCSZPtjDt6VTMF3MO4AItvHNn4w8ar0lI5R1juTZGsg1ToMMSwy/Js2WphcaLrH"
    "rKCn0Z5mui8EbXCcJ2nViV7nE125lT2PcVZuZc9imJVb2bMYZuVWptzKjgNU5Vam3MoOv+"
    "krt7LDwqvcyuruVuYZsTK0L+X9yhq0T8SXu6hsCAFiFbiUdYLOmgrXfn3vjgaiXTvfRSZW"
    "jhtefOqtd8gba/HGT/rm/T6nSCg0vdKn5/zf1ZxaXrHQNqI2ogTHPNxifnebdLC2aKggk7"
    "U/k3VEVQrUQzrSBYW+CHVMfZOScNk9HI0mks91TLzyuZrOJ65IGexQy4hU1/W/cXsDwdGp"
    "OZTS8lkMs6oB3JiiLw2HVdV82bH2StUhKSL159UhuewMLjufuq307loBpl/8fo5rCyiKaf"
    "REqWdxlyMFdsvaLrsWl4V6IUdQ9lUPT4jIpt+sQOAaFLCWmZmlbAuS7MzkwxcUDxEC7mSi"
    "U1dElgWukl4pEc1BtkYMughi0lIS9E6eMiIQ+vaCcSKRbJETnXghb/AMfkPqIttcWOdCje"
    "mguQZ1W/FLNOOPElFtnpbxaZFd1SjZI3ujapTslYVUqU13midN7GjlLPj7dss9lpidw+WV"
    "rxmro8TIOiKqxMh9ipGHSc9fs42gKLJ1zs4Pk5p/4wA78I9cVBmyT7RJ+ykRiLcas2jrpy"
    "UhgqI+NyA+zKmpYyakBeiTtbkIInoU5Q5nGBsAQNpguF1XKrtGvWQOOVBj+HPjNATJPvbI"
    "OZuEiz+aXCJlLIGfv/d6vEP++BG5ur4aXnV6g3Pk9zYi11eXv113vnX5sJj6vQBrI4676v"
    "wE/loag55gvNTsHO+YdTFcuX3UO5qrCltdhTFbFmaMg+WDWXIMMqhVaGhx8Gvo5nz0p0SK"
    "vy/DLxV1iO4TPKT8x57coQ86KFU5QwfyQXVMaU9sP5/93SeDJ020WMuSZmxmRXTznqWCM5"
    "Ccb5THEP9dMhNSmz7nH4Nk7+jkdOSevT59806W4+b3oV6378gT3s1gWHf5pEy9uuxI4CBd"
    "1pN6dVC9i+78Elih/4xwnMuqkhVpoljkfbLInje9TculoUuQNTAZ3ZsidZLe5NdJepOqk+"
    "TtJHJlpsEeLDTLyp3PKeIG6ULfnP38PpjX8Me6KT341un1stSgcsvZDN00tYI3YQlZLDJd"
    "FPITKEZIGmBtWucjuYvcicpddaOhODZ3VRVj/yyG+TAx9nUb0apNnx5PVArVGI1C9TjUTw"
    "1DOC4eF7baR4kUrip7QZ2yF4RKoS1R7gUdNRTf2AFUAFlv3VcAbWHn8GOFNr5F1jLnxrFC"
    "WyTpxmFcUAau/YAfWxlafu9Oe512n4VtnlTq/1fg186grq9DkUaQ5hom5nMDnUwm/u+TyT"
    "kCzaj0EJGRt6bBXkKtl8A5XhZ60VIK/Z08ZUSgwjdo+yeT/xm17vlsG/Enj0QtdvkbFAgf"
    "tf4XCGQYsd8H8nz12Vzjx28buUSUozGUx0sN1fmqnsyu68lohJLHBc2qa7LWKSJGp9whir"
    "tDrMkP/7dB/3q943gW2oapO+g/CHbEnamhf5m5RJe7J9T8Mgl7Bc/79QDqaQBpvXo6qYlu"
    "xxVg0EFSPe0fQmXGJEpTjyGBxzZmSJ5ntaVB95r/AazSiHCkBlB2SRQBqUnNJWXH2WSBHJ"
    "2CHybgBmMcITuaREPPcnxVQaJnMMbehjt9LJm3OUnXIN8RZVWqNcLK+lEL60e4A+xTl1yz"
    "HaMoxKntcotUwzbWzaW5fRJdqSq+9Xtr0ASPzVN+WC55g6xguE3Qkp01CazdGyrCOZZrsY"
    "hNw6dMF2M71rpAZMJS7C9IQ7IDkSbUMzW0hSlhNRe6fDACPPILbIVtbKATgh8gqehcczLD"
    "EKrqNjPmIDTTyMeoXD6HDRrwRq+0CjwkU+GYZUroiUlfjm2O0SiGOSuvqdxAy6U1jdIoVJ"
    "8WQ8Kde0u2OLTmHxnARfni2NR6OofKMhATlO/KemBjO2ENfVcCRnoNRxiy2gUYwkjjJ/nB"
    "PlQ/wMI1RB7P7COaTGQfEFYqHUgg0+KjTMYIriEeiweeJb5VO80SVtqz8jOpIwdYyiQfId"
    "m/9fcwKvDdmN49LnqctfuDMWI98z3OlOxjpohmDQLYFhIQhptQOe4vRac0/YqtVmx1rbm/"
    "kmx1uMSVKv9JbFP7Ya2460u6WFre26cY6/DmWp5ajzUroF218ZLawm17MokakyYT4H55a8"
    "0S1g+HSv4XmN5oO6RN6QOGlOcU/L1NadlI6Fqrf8iIzEybOR6nDjS8gW24GJ3wVg6w5xwk"
    "rNlMuodrTjJPokmm9Ad/JZqrxk2lickwtnluaCJPTPQ7Mm6HHmvypcf8bVUCmb1LAjpfNO"
    "O5xuZpbPO9zmNE1TgcHhbkmBfh+7cFvAjfv831IoRbx+10fhhOv3qNe9m0SAmyjWZ2zXiB"
    "XWdFmmvEyAI5P7FMSFHnmJXWkB+6PvugiZxsQ84a3dnaAulwfppGGzGsWWAEheIpNn4VcB"
    "tj+Y1sMsmwtVbZ8aGz3PBhuqN2hiCz5uyI0NR5Amy4wk7fF3FBT/pJRlzQ36fyjmnkzuUs"
    "chmQozR1BlksBv9lBZ8bWRmQu5thP55xSh10cn/fRrbbRpi8bIuU3uB4ENxmmBiCW15kr7"
    "pdPWh9FFuRGLb8CLbkbFgXJpKjnDlEaAjBq9aRrjcba5mWufwTLaRQmdJKnyGufZeprVnL"
    "GIdEyhGlBFusopk2mvbHFgkRV6iUHOkU8fEMdlhDPakNE5qwpBqNc96DXuflR2TjBbyILV"
    "MxeHor0LPNqGXRFTKdND+x20c1eHJ6CGyyCSVIVThWncc5VP+WH+gkrRrpOo+02AHH3rlR"
    "frAzyNV413m8ZXz+psG0ak0fwxirxMbPYpi1KXVLOlFFSWrsPyUUfl5Qk6/qwwYSb8/7E1"
    "FLbE5XJKYMdNreLY0x8w4IHJrF/u/HFct7CVxygOJUNR6jg/m4ZbgmFAQ3g1IBrNIF7B/h"
    "w8SU7WnvvuYfaYSbMkOUWI/naDWnaGaCYdR0hP4Etm4w1sug1OCWSfa4YascDrXI4bD/eK"
    "qjXQsVdbnDcK4Ui9rAcd0pf1p975smno5IC0UG2+NdmzfelW+TCTa/ALhR3nX/x9GRwpzB"
    "8G+R8GaBGdPutk3gEji/f5PdNYgZ2GkKlwC3juNo+nyRk8Ylq1m7UJTBWItTFAg4gFNVJl"
    "pZmc4caeFmjLzJcs4vLk3dcW1+GuOfMAHva8i8QlH3H1efX0LdWA1xyF3/uYlwg6ofMSL8"
    "G9zpFAf1ZxfY0cDDPHBY9JuORcvJ5OVHRCRzgQBssJPe46WjYoNrGBFwnxWYlu9e5jWvs5"
    "fhpq5lZx+K+Jadfch3LoN7yUqcxIGFIYAqAXOSTuFdDG9m/jsD5/xIVq+50jll6Jy806Kc"
    "0ilOpHB9Wm20CLm6LVn0BjOKST49Ps3qGcjqj8I6njMyUkUYzshcKZYshp8h9qNI6hKygS"
    "/Al93GmvEKDRxtNoMAVcvEDK00oe5Bkwl/BfNB5J/QHHQ1QNffe73JJMVsVv6EEXGJY1px"
    "NQUTTvh0iYmMjZVBMUJllfDMLxLGGoIp5w7/KQJUw+pi0VdT8al7zlSTU+Mtn1MKKZrII1"
    "Ue7gAlxNLw5gc7+O1VqIMqCr+foTg2p5rYcVFyoJO0ykvuCEb6EfR+kAkvQ687WGiWlcsF"
    "ZHawPxnp9W6ZgjdnP78P+AH4Yx0rMPjW6fXSMmeAELbtLD4g/6BKU6ojq/yRlWCOC3K3ST"
    "Il9mdlWgNJqGSitQhJjR146qJJiaV/qkqXcoQzt6gSJblsCxiVxYxU5vqn89hFVu4WBuTQ"
    "wFiVDTlu5GzIxN6PGXmAHYe/ndyQ8hR6QaN2MY0ei7Z/2oBMknGmoXHX7+lc2GiX7tQydQ"
    "SWXXQCGS28ZBacxMB4iSyT3IMKLW1ArvwRIwI3gBnHNr/3X7cvA3ezOXVtJuzUJkGruakn"
    "7NUuc9AddsTjopG3ypJcQ92dnA9jmA9lFHgJssbll6teh+cFT4rFU1YETdLuj1U/e7vbeV"
    "2F+Kni4J46exuhyKlhvMrRnwwpuayM9bVoEEWf4CHlP/YUQnHQQak+gKJCnlizMbY74izJ"
    "ZIej99dzwqKllw+gGBMMzu5eApaT05F79vr0zbuX4LtOCWR1e+CyDbUfOc+IF2Br1vh/Ut"
    "36MSxkp91xRNsivIEJ67SmYyPbr353j8osnud1IEzT/DcYUVU+75BsrT8KJVjaCIkyShdg"
    "aB80y82QGdZzsgFRk7TNVTCxQe2YTbOBKTb2ONhY76gomS8gRtSktbMrs0LkRN7WqCDZor"
    "C/IwO6cLBabI5ll3E5kHNmbATyOddwiJ5mXSNtC/lkOto9BxlcJkEFylHkOy5zIuzk9BEC"
    "dGQ458lkMqP2YjI5hwhOGwp5oBn/poxM4xX3XcSZMhbdy2e/7SivyQOwqDCKZfhTv30Dmd"
    "MiMSX5ESWpeJI7W8vSZq/nTAOiJp2uVXCmTc5tv+F8rT5fvL2ZAjtOqTj/WnP+M5OYbL7R"
    "OCdIlcdpnce5rC21WiPqQV0fE5WMCmyTb/LrGKW2SXdRqhqy336rUsjHs052UgnZwg9cgh"
    "ovTMsyy2CfpFNjsPkYGOZsxiVC4pjSXJQzGPkO7Hn0yjtVZUV8LlkRm4jqGvWnSmvY5LSG"
    "x4pvkbyChTyshcVrW+/qhLtDQzDfqVv1la+S5r+Yjua9c0ofn9WsvU4rH6i6x2acopBunj"
    "kuFEhHghYbUl0OWQY4fq+gfveSDy3IzqA0X3lFgR7RkvNcTKTLZGjqOg4lHzPV89V1DyXA"
    "pSAv3Uo0A81suoD2pu17oTB0Ao4qQUtt5mCbP8Z7vHhOrrL/j5b3YmLey/0k6YmSsACE/S"
    "oLwH4tAEpPXaWeOjKPU5Cu167FKZUWtdbatWC3LTvKMUKlQa3zGKv6c89jnJUqoDo2I6In"
    "lxxgyaj1GJHC9WkVS4TR3lLuD8SlQdjlkWFdOMQ6Ns2yncyUbmX/upW9KA386b1OYxBZAk"
    "XUBZFFWCSTt05dwrBlUdsX4PNc7hzKhfw7m7pLcLDzgkc8TUDai6+ynkdkRCYTIeNNJujk"
    "nQxfOT19CQoDkWDR0hh7wZBo4qVcDJ6szynDHyFqxcC6yb9eNIi5CY4I+JHJWG5bAyMdfz"
    "6CihKPKNS9tBGjEBjjqzwCFQgLqk/c88sQP24WzRD+R5Z6FVKeK83DATQPfPqVYxCiJMpw"
    "mOa6HNOxSrl9BARNdJB7/bqIi9zr1/lOcnBPuXXuTl3m77wpPJ/wOAzJlKKs1sK18mTYg6"
    "DtjKePpQXtCJE6SZUrQ41cGbzJuU95u2aTuYQiI7KMY9DyVxCZ8Yv5MoRC15b+DDlG94bM"
    "7526NXyj+n33h7a4xUx+TEo/kWjRXqedWPC2Y8wbj+2wdSFHBqBEQAkOBp7I7VB6D0F/93"
    "xAwMEAixKQLuY/+epuI/6FDssJLNyiP6mIcKijWZMJyP2mrEMJvb1gCMpSLikMWptf0vHS"
    "QVfd3nDQhgqlDKMpKBhOXkv1xV+BeK5ZD5i99MuKjQh0yB8+Z+jk/at3iDc9/esZev/uJe"
    "geoBKZRTWhcWB8UmPjFfrsZavrXg/baDJhWBerhr/enPJRRljT58i7+oJBBTROF5Q7k4Gf"
    "r0DJEqE0DSYT200mS820+XLmF0XmO5tCKbSfmDv9F2+O4C4EamKyWZwlwC1nCe9i7HtlKI"
    "3HvjQePv5FpXO/fQOF84qjLYMZnUIXJMkc3UeEZp0YeYRYrwEXxMIkeLDBlljuQXslkGUK"
    "ZHoOI7UmSihCo6JUNo9S8Y7PMntshKRxsW/V51tSlWk2metHp7bDwmJolNYrpeiUaklFd6"
    "noruNFValEa6ESVR5IVXogZZ90St/8JLip4720ynmXCtQbm97Z2mKBrxy8aGXoT+MN2uvU"
    "p0u/6dj02xZSnop8vl4OtWQxDKH7Q3euacAsQsEjhAeThpg+p9RCj1izsxWpFfUtlaryyh"
    "iuSNUq9Ap/SW+tsD0S6X2E6vXk7PXZe9Ej/PKXs5/bMnLsFA3wkr/cFNsj4lD05hR13DuX"
    "OS8/Is+PjHkaTflH3KdM6Fd5r9BYp0uTTzDo1qOIfPWIiBea4hnoVDndSoMaI0AhXkQ4jP"
    "G/H4Xj28rUsbzLEKFQJ+QOEbzaylEsBE38KZBRetS961ET41DGFSdB2iRGrwqHHLk+y6iu"
    "QoqtFFd1w3TfmitlGthl6WrlFrljt8jom6VwXld6NUbWAAXsOi3gLuquhjxICvZ8y1eM6F"
    "mbvjAxyoIXIXnW0EVY9bI1f5OElWiJG8DxKjvLM7OzqKpxz2KYlcVH2SYOv5R2VQ9ubwre"
    "jrEwGQM/mWu8krMhoeFNtGivU/FqQdsx8RsXiN6FvQH0kSE5aBWZTMjl6WHDaNi2TLDFb2"
    "ZobT1vWJYVyrurx2yo+RSldv3k30rbuVdtp9Je7Fp7MaVGhvkvX23ht28EvvvWWMS2kpJc"
    "b5JW8b215nv5zTnNdsjMPRViNMp9TLmPKWGiVmDv1tFJrv4KUG66K05sm6ybG84MC5Gla5"
    "iZcYyJFu0nHHG8tmPsN35aSiNJGciiusY5B2wgwRyLaLsIkZC0+E9dd5eCROYmmkc8adIy"
    "2g4eMiIiww0D5xbLJPcMObSNKCQ7kkmUzOWSd9///675IIPAgE4gW/MjkmOD7jFexlpSgt"
    "maPM3JrS18t7EoCKTqhx9S8EuORgrhfBEwg7QRwkrCU6CILHiaLwqepiRBsXDH9/elxW2P"
    "pgEW7IS8/e5dEXn73bt8eRvuZaFsu+VRljQK5SIoR94sc0YXcstozrzet54jCmLWVC8Gf2"
    "Mm/L7hl6kC4fDLcGfM32YSZA0APr7TvDstUjeWt8rdacS9ONbKjL3RtD82dZ7SPCnN0+GX"
    "0tGbsYMwpC9w1rTWBSrJFu1ikUp3QeMCZmwv9/MMYcPVBVSaFeohGDoZtS5ev/sZXYlUzV"
    "Jd4WB9TqhF7x5HrZdoZTpzPxVSWjlS8QNGJCsXktCTgIXckYZxIgtdWXQF2a5FmhIkEjAV"
    "14AotcfB1R71L129NwVHxVmS4N+Syo0ISQPx3YncLSArp9yIkCiUS6CMM9iiJ1DGTYk02Q"
    "PGXm6kUgJ0lKaBc/n0rMiezFvlK53P0tnr5lxKg/yRaaDXR7PGCJskUVURy6q0ErkoK61E"
    "DmWT1pDSSiitRHGtxHdiPmCbmc5jK0MjEbnbXqeNcOPtCigi5uYdF8ZDLQEyOZCm42Y7SK"
    "DQP4LOZvxJWb7zVXSplAX12YvaSllQiDWtPG+C0hcofUGjUFb6gp1irHvnfuHN2GvfOHR3"
    "oiVY4SlnrEqddhGSxmG8kxmsvEZyHC3P3hZytTx7u8bZEm4qFY1S0SgVjVLRKBVNeRXNQL"
    "cxJvxLO4SthE4ipadJNmmvU9Ywv/FYC1s/qbIZziGyBdqjEwhnkbEtD5rl4pd+JXFI2voR"
    "3ZkPmDfgU6vtVezW5xrhn5ZW2lTVaabaRmOMT/cFljuFSOirlDaHVNr4OZXLmLp8miZt/1"
    "VYucQaKQtmQKTQjKMp96CNONIEqWJJa82ShmdCyfQESbomraBdsaPxA3hLZjRkcWK9Hhni"
    "heO8k/OtphxpOBZrudLYkBXiTOMUxYowAKYu0IhiBcA7ejmwvIIF4CQcdgz8JVyRhXJzai"
    "9s1aUsuUCXmIzv8aOstzCZjFq/hN3+ev6LLF3y66jFG7jEMS0Zye2VzJ2ZBDLfMGHAhPh+"
    "pM0cKLhwAn8wnxemlmUa+KUohRDW251rnM5BC5FUjL+7S7zujOhLi/h0qIkbfCsGXns15z"
    "+cFUVL9qjPwT3bZMHXCg9sR/Djr0T9BuIVpZ5M/hL+qTn8c4mNdWobUJwXOaZ+zx8+ai01"
    "mzfQLOQ1RXTq8OWAjVFLfKl4uPhEWcqCIM3gkL58JSpLgNYNquXyl2ZefQnwOvdKQ8g3hH"
    "D8Ob98N28jE77wUbyobfJ30CzxajAe4kHQvZRCZqbNnBEhGBsAEpq7fBEgps2w88glDqzf"
    "b5NOzX8zkU2tjRJlemN3lWSyV8kkmPtl1L9xqgZa5Ko3Lftrt8QcjpKoxFAZsktk2ygru8"
    "RJlexSa9klPFXLjnOcsoJhrtmSatIo++ximYMoSrPRMVSvpPqxM+htkWQvb/OTvbxNJXux"
    "NHLncsGmDMJRmsaZeYukBshPDJBKCyDKjGx0HsUp1T5V533KlyQ3GOYEqRrnOo+zCKcua2"
    "gIiBrEsFdhZ5hq5cq9+e2bd+QUS+e9Jpt3ygkx1OyUZo/jpGo/qvN+FMisQTXiUiacKKGy"
    "4WSVoApUuWXLeyXoGrT1qyTeR4NwTKNeENsYjUJV+Rke2s8wPaErQLlwavRjxTe2jIsknQ"
    "8ZAgVvUZeEKP9UAOOQK9gnxDXjIooinGKhSjt9JD3aMqJZLjzCz7/dYivYcp/yuQkchRsy"
    "uf93l+4xv2PLmmKAzcJ2pmdMokV7nVPMym871oLGhfxhRHOkTanLfyK5O7YR2Ao8PxMt5t"
    "qBfD+Lhcl/6vdcALOwcYchRD7bO6bKB+T6ykRPzYS3zGpuWlj4f8g34SQuiXRsBE4zIyK8"
    "ZlC+0wz0Au4BU41hUU+BCY8Z8TGyd/5k7xuh2xGJvtg5ON1gPssMNDcd9C9qEpFZ4GQy4X"
    "+zyaTNP8bSmDPmfwrfkzZa8O1Pus7o2Ca8TW7BhiKuJZH6v8KzJAqDp9fgM0SzgkbKwWSf"
    "DiaMuraeY3HqEneROgHjdpGAeo+KQFltcjylTkmVYOuyc9vt3o4v+sNzFPYyIoNLfv366v"
    "rLOQo8/ZIby2HcUvxFmB6gvw3617kKj4AmqTI0dQf9B1l809vZ8Pwyc4kuwmWmrmk5fMN5"
    "Bc/7dVf62zWQA0Yx9WEqkXsyZ3s7rheEDpKJ3GHfLLER+c33J76f1norUjXln5lePMJdlB"
    "3nBKka6FoPtHIQ2rWDUAbvXMqrMk2uTIp1XlExwajkYCdp1UjXeaRjS7O0ATmTWJk5lZlT"
    "mTmPF1Vl5lRmzqPCt7SZM35sKTvc05bOzIO+VhHYl/wbODZikV1Qei8/O2VnymrWXmds0i"
    "ME42mEokBKZy/q+AVDHqGILEbMok4b7CtEGFnmnKXjTf5FXRtKQ3EC+9GzIWXZmarrtohh"
    "xXuWN+LwPGUtOYC1xKFLUy+j3wgIGugoXcxTep2rdErBEU7sFMbrpd0YodIT1lzWdcwHnK"
    "0pXCPjRokqkW0bsFNFjCnAGVnWZuaUBK1SFdV5+XDOQaeLjU32EfL6nkmtm+71J2GPH5Gv"
    "3d6nczTn3zQi1/3x4Gv/dz7MdMzmHKANDq7qjfTMXSw0u5TdI0JS31GoE2dAqJOVAju/aH"
    "1A0AB8121fu6hVTziqY+bgZTnEY1QK9tKwr2zTcTDZ4ASPU6rzu87nd8htlY5kS1MqI0+a"
    "FQYFTDlgIxTK/JCFaEz7VBTUGJHC9WmzDkzDCrTgUd3qwOvyyIAuqhCPLNwCBgdvRipbTg"
    "FgY4u3SDxV5GxSlpynI6rSR3ltzThiD3nChuPvMwUNOP5OVyxeaGZjjIBxlQYWsKico8nk"
    "D5GViXGmt40wMeCXlxCfQ9D34WUbssBOJktL0zG/eDLi+FomwaNWypJT/SMgBof3YlO64I"
    "1YYAdCMMsNZEK62A6So20IgxGECHHqR7TQbEhEezKZeLdFUM7Lc6SNSDBpogYn00HMMS0L"
    "gT6EiSy/4jtMaX7y7E7bRPDwJ4l/AyxkIA98kNcickfZo/Zpj/KHZhNFoE9b5/SwXsSOH6"
    "0zIjeDf15+7ff6X/55HobwPdZEDRisgtSIFMgux5Tx6hikd+8UKDvEETI1wLUeYHGcl1Hl"
    "BwQN0Hgmq4YWUeSfrsmGdpqVDk1FfT2DZRRyr2WHOU6pdNl1HuWIDFA0HDakUCpBFaFweK"
    "Wr8qXfny89LH6lfX0a3cgmuUWmJU9JtGWqpRxP7YYgv9N0SwN9Tqk15FyKrwXNqEQWb9Je"
    "X4UMGo+dWOsnNaiehhKqAbHJBC20JUMasjCDhEGmgU5AQYl/OOcIsl2ge/zIRIlb0H4KV3"
    "ZQY0KKJPi6PyeTjykFauVPGJGAfGEyBppOr6gZ6EkJdZB4oAGFsx74ZsC/lD/3zgYF6Mp0"
    "5lAnzH70CvHKLEorOiLYMB1qsxfeDVm6TOO3Lci6ZLvEK2oGz3P5PBVZoYAIGVQ8lfJ24G"
    "qBEdb0OaKgRa0qN5JSnO5TcSr+TcGaL+T77eusLK2Tu97xpZXaQDn9uTvkPWFnRH7v3/52"
    "0e//do5+WOzHJuroDwXG4EPuCHxI4r+0Kccio6h1ftqoCMn+s0YdRt7eSX6o8CwshX6MSg"
    "3AFgPgcQQlTs0IhUrTlSoNgi2r1FQOCI43+VyrC/zdEtsmNV4wZFFds5Aw03GGlLicAQTW"
    "UW7ekEHzjz/enb5uo7fvOBf36tWrPyGN5sqPADUXSyrTo8a45uofMSL3BK/gwgKdwOXuDx"
    "1bnPVeLCETDOdiMfvIGV5+bnFO18IIhph57yD9D2Sqz0PvoO7UknWYgOvP1h/n7KIpynX6"
    "40bpjkEfnItjeS18klbp4eush/cFydIe5Uk65U+u8lQ+0zXkLo0NhzlOqYa51sOsDGzKwH"
    "b4pVShga2IKUiouLc0BAVGigF01iDod2oDSqCWYQJK45pvAQpMP2MWNC7kQh/aOM5DF/Gp"
    "a9xhp43mdMVpbTCv3FFRG2KKmTNeYqJZDpS8oDMhZcLVlBhbae8jEnwhmlGXC8CMAjEXdW"
    "WEq1dag/fFH8ZeChkZHsAvYD6rDFGuo8PF5U/8+OB981ZcuObHB59JYDvi0FomNsD6BM8M"
    "n6Y5CNLmI5eA4SlxU9qLjBFhJrThX6AxPA4tTyfUFhTec6ac7bsHE9icTx/+ChZ++VEmhO"
    "KvudIAIVNUFYmZzWZeJ7IMCX9BeNdHMIsZNl1CsigINhComRgIThidOUiHuILpo3yMLAAy"
    "mcCDoUXwAoy/FL3HhLewZWUSfY71e2wLdEB54A+D/IbCVq1wRkZCAZRJ6wAmLY68s7nFxS"
    "feoxMrX5tBoY0Sqrnb79eyVIdHPyKw1s+RQQkekatvN/3B4Oqix6+AVowxk7/jiHzuXPW6"
    "n+A9+P5hbGKhOS1Sjf40vxz9aboevSjMU6aYRIRCsZ4ZojrURxpblG9sGTvMBaUW1kg2sg"
    "nKBLpTTroreP09aL9y20W/34uJbBdXyQwV379ddPmMFhOaNzIl45llIAiP8xJzOUmmVE8Z"
    "2ZSFm0sJUEOC/e0Pr48ETIc6mlUCy6C9gjKlEnWtpZ1ZB2lNWaoIzfFaBmtr9QbGxrU3Zg"
    "Aj5PWNY2pdC06Pc3nXw+7t7febIbB0HHFs2+7SwTJDHGgJhx3BARIaekuOCCfp354j3pja"
    "G3GAlYeMRuXIMkdngkxtUJkH5yGdcGrGmOzdhO/rKUrBHyVS6G9RolCzS8Vkec0VB57eSD"
    "yF4SbVtmKUyn+izkZBX2tZ1n8iRaeWUFb2uEAlXHIJxSmVYb3Wa0jGzvy/9q6tN3EjCv8V"
    "i6eNFlViE16yT4SwFSobIkKqrsoKG5gkFsZj+aKUrfrfOxffPTaeYMCY85RgfMb4m+u5fh"
    "/q55QorJV17ue0x6esNSUlBvbr3aETiUy/PeMmBJmGZwZ22dCJ9EhLxE30e0/93v3gVHX1"
    "pjRxENm9hYNob4nCAZJ3tAvDAfi9cy12cwk+JF9M0d61rYJNmqvJos9VdaVtVfWW+YHf37"
    "CBFHKBR5mrKtuM5zw2XVWppzltQ6mwaerERuYqds1GCtpY7ratEBQQzwfFJvLbZxEHvlN/"
    "77RMKGd3Ihc2GRLio4MYVv/2PUP8j7TMtaZ0aMYGW5j0QV4jQy9WRfh/fFbJ6jQxsRqrNK"
    "0RA5D/Vucra+E2Wl5Kolq1vhOtWxKoJ4UA84/omBdUe5GtJo6l0VWEvUKbVqTdfxk5O23k"
    "kuoxxjudvMCldrmNNCEjb371hkiivr7N8oewhE/yulT1huuC6g3X2eoNkPF0EROJ1xqXNn"
    "qnxWp8WDmZzRuyjA4ezeXbPuSMkAkhwBWyt06dvSUY0hXA3PgKicmJXALbcNM6Jro12+TK"
    "gpve4OvGTOPSPDQxIY3rp6gV8tCEN+22lZsKNrYbS9dYrUHKEvML+XYaJzBns1IZS8VZkn"
    "G0wDTjynGx5TBCFlpKkGdU0Zwy3cmazKt+wsw0MLm0QC/Yz/QiqqLima5ucOs4X5qQTa7x"
    "p1HSGJqWRz/jX4xFUlWvwIBe0826XWBAh7KGhy1r2Hi+nWH/sX+r6EtrOTOH4yH5F+slLb"
    "oJ9G9KYH+Ti/wNUOtcoDnikky5F9nBfrJfcLqR2P8FksdT3r+cS9JD8vAoAW9WEGx6WXhj"
    "52PZNSolCgGOdV6moJgeFNODOQRV1uo3kcBOX+8qa96C0ZWQp2a7QKbU2lPY0PltGLlV1p"
    "KqHmlk34J0vrl3QNraNmiMJlUmTspQDVKPEcNDU7A6gqeBj698d0M4/nb6HOYovLVElL6l"
    "2a6+1C3NZJXffPInndZ10524KZ91Pr2wVVxtjZggqyZHa8DrtsIlr9pZ30P1z5iZLzoZH2"
    "Fl+q2CaHWGr5SoSbddTzPmzCTHH+Ag3oim+F9GP4g9T3shsoEPI88h8XfcpWNx19zPlJcC"
    "vBBHrUQXDCMJbBMycOATaE6J+SOrPGWEwQRRZ/UJtOTL6Gb/XCBnZkoIwVIpqv7DTgFysC"
    "ZkANXdFofYqWtPY0MsbufMIC5rZ0jOWXFCcnYAVwBt4wMBE9O2joFqgdKdr0DG1PLdKmSM"
    "pXGnEpkP9k41Cjs6a4S8YeILV3PWoF2dVLsK+0Zib4uJwNYm8krBQewwSRpkuZDM0IgkAF"
    "E4hJ3yEMb2ugqOYDZ+tbXNhrzC1G+xoQDH5m6tTmLpHhAcxQSdlH8Ws6Kb58Eg2W3RZ2Vu"
    "3JDuZaNZlCLG0MxXj/xs5dOstV7PSFOzlu3xv8icta5oVRvOqeMapFUDvbLUb920PLetYM"
    "8lfzOW/QM+a2ZSzh0Tk6mkfPqu2esVfjevqPfg1cae5fi1eqjRfjgeKo63oBA5lMH23xmD"
    "nT/QwnR4zciYUFVKSusy+h/OSEt/A2uNUd4ETKSkZd4UbR9byAwL/iSrqjiut6Ivvk8GAx"
    "sekLwAyQtHA/fwyQvRkpBFOb8oc1IKiOn3KMtMLe5zkS+/sGiiLwGnYYF+sUEbbG/nm4UE"
    "pgkZQFWkDXNqOPFavDvRKSZ+xHIrLqW3c1pyELem4z8GD09kH2XSM3M0fBiQj4ZuIvLp22"
    "jcm5KnGVgjZ5Pnh/HkfjChlBOeie0VsinhRP/5aTr+fqssPcfllPPStBJl1vpO/lLfyaz0"
    "lo2WuphT4ht9lxwrUVwq1XMMgkb5hO/Hz3ejgfI4GfSHT0N/tQ+9g+xLeikivpoMeiPxRJ"
    "k72LOXgrPLFP2TZzvKSDagMlGRa3bw17R4Pw2xH40ffg9uT2+yYvgDvUbm8CiSbUAXHHpl"
    "CWCj2pqhC7bd3UM+JlpfwFmpNVX1f+tvb1SrVfqfPwe0qUQnXhpEzSQ68CM2tq/YVCxtuS"
    "YDiWbl65bCw+KIaqz4PD1XmUpth3rGiWclNwPIqBiRBPCCVa50hOaTbI8UEmIm5I5Ihxle"
    "OVs+THk+r5NQeXXORRuBdDxIx6uX7nB2gYaetfpgNycloZtr3c2QdQlZl6efSheRdXku2A"
    "vDnCCrsDxm9BX3BIpGFEybFVtz0MTLEC8RPVIMy/IRGvPSJR8lY2aD8I8oYBZiYyE29uyP"
    "PPEFkEX/CBZA3dTsbc5wDUTSdqOtX17qzCAtshv5ZrhQPfizN7kbPvQmP8Q21DuB2e7ux3"
    "TQS/MOm867yAVbBHskA7h/FHdH21givsVCW2kkBIZSCUMps/vLOO1Cgfo6jj7oqeuW8dR1"
    "8z113WwMAIuvlNoIdXGQFxhKbyGT4eCmFIi2ryja/sQMtz1k68u3lkB1879pFyluWnRPpZ"
    "oaaGUn1MpyHaL5O32+R7QR4d3dbpnw7m43P7ybfpfSGCyps5R/ewPR7ZQKnu8UBM93BJR4"
    "1NhpCvTg/LCWmAiEzUtGsGQOCsfczP77H5H/RS0="
)
