from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "organisation" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(20) NOT NULL /* AUTHORITY: authority\nSCHOOL: school\nLEARNING_CENTRE: learning_centre\nUNIVERSITY: university\nBRANCH: branch */,
    "name_kk" VARCHAR(200) NOT NULL,
    "name_ru" VARCHAR(200) NOT NULL,
    "name_en" VARCHAR(200) NOT NULL,
    "timezone" VARCHAR(64) NOT NULL,
    "default_language" VARCHAR(2) NOT NULL,
    "phone" VARCHAR(20) NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "address" VARCHAR(500) NOT NULL,
    "website" VARCHAR(200) NOT NULL,
    "logo" VARCHAR(200) NOT NULL /* Path under uploads. */,
    "features" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "parent_id" INT REFERENCES "organisation" ("id") ON DELETE RESTRICT
) /* A node of the tree: authority → school / learning centre / university → branch. */;
CREATE TABLE IF NOT EXISTS "permission_override" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "role" VARCHAR(32) NOT NULL,
    "permission" VARCHAR(64) NOT NULL,
    "granted" INT NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_permission__organis_778444" UNIQUE ("organisation_id", "role", "permission")
) /* An admin's change to a role's default permissions in one organisation. */;
CREATE TABLE IF NOT EXISTS "person" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "last_name" VARCHAR(100) NOT NULL,
    "first_name" VARCHAR(100) NOT NULL,
    "middle_name" VARCHAR(100) NOT NULL,
    "birth_date" DATE,
    "gender" VARCHAR(1) /* FEMALE: f\nMALE: m */,
    "iin" VARCHAR(12),
    "phone" VARCHAR(20) NOT NULL /* E.164 */,
    "email" VARCHAR(254) NOT NULL,
    "photo" VARCHAR(200) NOT NULL,
    "notes" TEXT NOT NULL,
    "search_text" TEXT NOT NULL /* Case-folded names, IIN, phone. */,
    "created_at" TIMESTAMP NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_person_organis_6e12b9" UNIQUE ("organisation_id", "iin")
) /* A human on record. Belongs to the organisation that recorded them. */;
CREATE TABLE IF NOT EXISTS "account" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "login" VARCHAR(100) UNIQUE,
    "password_hash" VARCHAR(200),
    "telegram_user_id" BIGINT UNIQUE,
    "language" VARCHAR(2),
    "created_at" TIMESTAMP NOT NULL,
    "last_login_at" TIMESTAMP,
    "person_id" INT NOT NULL UNIQUE REFERENCES "person" ("id") ON DELETE RESTRICT
) /* How a person signs in: a password for the web, a linked Telegram user, or both. */;
CREATE TABLE IF NOT EXISTS "invitation" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "used_at" TIMESTAMP,
    "revoked_at" TIMESTAMP,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
) /* A one-time code that links a person to a new account (web sign-up or Telegram /start). */;
CREATE TABLE IF NOT EXISTS "membership" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "role" VARCHAR(32) NOT NULL /* ADMIN: admin\nMANAGER: manager\nTEACHER: teacher\nSTUDENT: student\nPARENT: parent\nACCOUNTANT: accountant\nPSYCHOLOGIST: psychologist\nCAREER_COUNSELLOR: career_counsellor\nCURATOR: curator\nHEAD_OF_DEPARTMENT: head_of_department\nAUTHORITY_OFFICER: authority_officer */,
    "started_on" DATE NOT NULL,
    "archived_at" TIMESTAMP,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_membership_person__d5625d" UNIQUE ("person_id", "organisation_id", "role")
) /* A person's role in an organisation. Archived, never deleted. */;
CREATE TABLE IF NOT EXISTS "parent_link" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "child_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "parent_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_parent_link_parent__25229b" UNIQUE ("parent_id", "child_id")
);
CREATE TABLE IF NOT EXISTS "course" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name_kk" VARCHAR(200) NOT NULL,
    "name_ru" VARCHAR(200) NOT NULL,
    "name_en" VARCHAR(200) NOT NULL,
    "subject" VARCHAR(100) NOT NULL,
    "level" VARCHAR(50) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "study_group" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "capacity" INT NOT NULL,
    "starts_on" DATE,
    "ends_on" DATE,
    "status" VARCHAR(10) NOT NULL /* ACTIVE: active\nFINISHED: finished\nARCHIVED: archived */,
    "building" VARCHAR(100) NOT NULL,
    "room" VARCHAR(50) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "course_id" INT NOT NULL REFERENCES "course" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_study_group_organis_bd4603" UNIQUE ("organisation_id", "name")
) /* A cohort that studies one course together. */;
CREATE TABLE IF NOT EXISTS "enrolment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE,
    "active_key" VARCHAR(40) UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "group_id" INT NOT NULL REFERENCES "study_group" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
) /* A student in a group. Leaving sets ``ends_on``; the row stays as history. */;
CREATE TABLE IF NOT EXISTS "group_teacher" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "group_id" INT NOT NULL REFERENCES "study_group" ("id") ON DELETE CASCADE,
    "teacher_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_group_teach_group_i_70f0aa" UNIQUE ("group_id", "teacher_id")
);
CREATE TABLE IF NOT EXISTS "audit_head" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "last_hash" VARCHAR(64) NOT NULL,
    "count" BIGINT NOT NULL
) /* The single row that serialises appends and remembers the chain's tip. */;
CREATE TABLE IF NOT EXISTS "audit_record" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "organisation_id" INT,
    "actor_person_id" INT,
    "actor_label" VARCHAR(50) NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "object_type" VARCHAR(32) NOT NULL,
    "object_id" VARCHAR(64) NOT NULL,
    "before" JSON,
    "after" JSON,
    "prev_hash" VARCHAR(64) NOT NULL,
    "hash" VARCHAR(64) NOT NULL UNIQUE
) /* An append-only record of a change; ``hash`` chains it to the record before it. */;
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXetz4rYW/1c0fOl2JrvdvLdppzOEsBvaBHYI29sHHUfYAnRjZGqZZHPb/d+vJOO3bG"
    "ww4Hj1pc1KOrL56fjovHT0T2NmGcikb3r2BBJMoYMt0rgA/zQInCH2h7T/ADTgfB708gYH"
    "jkxBYMVHjqhjQ91hfWNoUsSaDER1G8+Xz2o0AWHTAGsMnCkCjo3QBYALZ2rZ2HkGw8XR4f"
    "dHgOpTyzLBd8BE0CaYTICOCBvLWhYEPyKbhgaPbEj06Rv+eMPS2fPZ+K0/iXX+vUCaY00Q"
    "m91mz/vzL9aMiYE+I+r9c/6gjTEyjQjI2OATiHbNeZ6Ltg5x3ouB/EeMNN0yFzMSDJ4/s9"
    "cm/mhMHN46QQTZ0EF8esdecLDJwjSXa+Ph775pMMR9xRCNgcZwYfIl49TuCwRtDU3r9gba"
    "XXugaY3EcnoUIdyXTbpFOCuwV6Xi10/4K7w+Ojw5P3l3fHbyjg0Rr+m3nH9xHx0A4xIKeL"
    "qDxhfRDx3ojhAYB6A+sJ+VhLU1hXabLGYC2w57IbZ+KIGxRxtDmb1+HGUP0yyYvYYA5+BL"
    "WB/oRvPT4LrX7wx+DzHxkNy1rnu9m4slGw/JTbvZ73a6H7RWuzvoty98ttZcth6ST93Or+"
    "3+nZgo4PAhuew3u63riyWPxz+mlEWdwc+aicjEmfKVfJuxgr82+63rZv/V0dtv+dwWExKu"
    "BOkue45EF1/kYFH5/7WHB/m6yr+XEMnulrPR2NZXEwM4H8JZEMsxtheFMXZJFMa5MUakMM"
    "YuicI4D8YOnqH/WQQVATlMs0OUmxTD75rmDDrPuwH87CQH3mcnqXDzrijayxfWTEgmCzgp"
    "hLqMdofou4JrB1yeh8fTOTyO+HxakLl9ghrKj7IVDTSD2CwCrk9QP3BP8wgLNiod3tOEuI"
    "CGYSNKiyAcIqkdxqe5NsDTjA3wNLkBPqER0+QLiYgQSe0w3oqSYVoTqwjA3vjqotv4CJ0p"
    "MwQNZIPF3LSgQROelL3BPUbQWTApkIT857teVw55mCYGu4F1B/wLTEwT7pPS4P9xvCA6xx"
    "aMFth0MKFv+GN/2hbTZ4DOMeIzzyj92wxj/eq2+Vt8GVo3vUsBmUWdiS1mERNcxpZEtxGH"
    "TINOclGuWA9XqeULE6WML82S9I33R3U8L2UsxaBz274bNG8/Rtbjqjlo854j0foca311Fl"
    "sjfxLwn87gGvB/gj963XZ82fxxgz8a/J3gwrE0Yj1pbEsNYeI1e01RbRPaiDhaIVdlhGa1"
    "x1KyokuHZFUWtAyfJfcCjx+kLksXryTA7y0b4Qn5BT0n3JYxVFPc9S8L5S8eH3mtwSva8M"
    "n3n0fZi4HAfjpyBAx9xu79TovBzdEeQf3hCdqGlgK7PsUmUy0l3pjLJeX7X/rI9NH8mjCP"
    "ygBkzzClbGrNekS2jQ3ZTlwEtI/+jL3lhC9XzGdjh8kjdgQaG0LW8SeqK1QzNBshm07xfE"
    "Oobv2J6goV+yLpxhz1UUxSV4h0a2HTTeVUS0xSV4gmtrXY9Fv7wOeoE0Bcc7COrJDGENEl"
    "kl2zo1m8BRI4ET+JP5s/KX3bkyRdyDfH9NQLyfYsCFZnYBAAjRkm31CgTyGZIOBYAALbMh"
    "FrWkIOgukpwARYBIFwsock3aK0aSW5FX8mMk34vII//Qkbf6kMjD1mYHgLktc35i9ghbMu"
    "1vQ9HueJ/RynB3+Ok9GfgMsLQBylqiHQ5Qc2JzYkHIzk7mgxfoVEDnSIKobyiJG9QJgzYL"
    "3s9W4ibqzLziCG76fby3b/1aGAnQ3CrpnuiZAA7LBML+ZrklCu5XGqGu5bdjnFN9HdOp6q"
    "BnZez5OE2SL+p1bzrtW8ame5n7apXjZ1ZvSIl0/olF5XpiIJQ4NWKo/X1hNT6lxDFFDGLV"
    "yNu+BNkNInyzbA2LJFwu0TGh2wdhOTB2SAAUOLSckZWFBkHzCdD4wsR5K0u4X5VaputRRF"
    "05rgQmqMT7CWBhN3ve4X24j6cpgraHqYETQ9TAZNvQ9Fm0I6LaQtxglLgXvfG+oOMg+Xok"
    "fjokeqxlziSarUkFGXEjyrggz5/ujo+Pj86O3x2bvTk/Pz03dvfWGS7MqSKpedD1ywRBYl"
    "qU+uk424cRZitRm+3CREFf1fpUzWIvpvQupoYtddY6UTxCUsdsW+sTqttatqF8z0CNOUY3"
    "dXYbcq1+ouYgzGlyO5Fj2CBhb7T07LfP0g314XIncuSJgB8+SCbGRgh2LwEhs7GqFPN7Nx"
    "dFyOg7IWQa+5gAQ6P8fqTKEjrF0aGMgiwkIQM5ldGx68YlaxMJtfL+bcCPbN4u8Yx9jOt7"
    "JTstt6jLK7q2V38+Utohl748uJG1TI7C4/PKP04q9CV0Kf55hNt8YyRynVMld6mRd0rU85"
    "RKZMniqvr40erYe1ljhKqVa5yqusgsvbUTAr5zqoAaoqZL/jkH3gJkgydAko1y7HOo5vYQ"
    "fMzrIhQqcAJM6a6BmBdGfNLDouh7PGReQbKhJeeWorJNHMVtC09Sl+RMYBIOgR2cDFzJC5"
    "ZDabTJo/G/C2NJNW5c5WM3d2dfWyl5BH22he3Xa6F26C+JDcNrvND+3+BXC/YntIBu1m65"
    "q3OAjqU95yN/h01e4OLgB1FgYizpB8bPZFg3sQcEiarVbvU3fQ5G1LxyQU4+5+b133bnof"
    "Ond8NH3WpxaPR1HW12JztPsaJ7xr39z02BN1Nh2yNU5PkWla7NmtT/3mQPQtGHa85brdvN"
    "J677WrNnuLwa14jymCTFaNGQjsjZyZ+05elTY2+H2nxX+RX62NjR1jHdnx730/LivhqGWm"
    "jGy/40aQ/IOOUmUZQNVhvjKsH27RxGuaLCXwGmZkjFTZkcqOfEnfibIjq4pqVrUBZduUaN"
    "ukCQhloZdvoe/HjvwotMwbTB4assOaQe9B5iFNt2iF6Q1cZUimwyw36vwSIqKqhbLi9htg"
    "52tQbBsLk6hdTKYb7KUQUR1RzdINyqpEVH/dIEcRokhiiBDLCtiVwIYFYbX0ABd5ecEGui"
    "rpL9C68/iQp4sZd/QSYCPdso034BKZFplQnoDHj7yFdSY3Uc8diAzePZN5ksuYMlc9BoxV"
    "AYY9n6vjiffiHwlss46/hIiq7EJeM9dvK0fsxtheA+oolcI6H9YzbBgmKgx2jKy6BXirhP"
    "UI285U87z3eWMCUaoNYwIvx5EtCQmw32a48Z11AnkBdYXPITbet2+bN202GQ/j8T9m68Sz"
    "DvMwbzrrxhkXFztQjks8Tl4tCZwnTHiYHiY8/CqunWi03xyenazDturmiZd28wRjR6dQyX"
    "6foH74buVqK8uRVdscoM8p1pxPUAN8s8Lc7d9EuYL04vt+lPum1/3gDY9X5I/lbCCeOaA5"
    "DNwikMfIqgt8owUpej22TO5+4D+aHoBOp3sAxKaS816KXS+KOvu11lKoNBAVlFCJ75UMq6"
    "sy9qqM/VbL2AdJEZvWso+kYdQRK++2EoVWHrQQsS2TZ2JviFTbm6euQIk0e34teAlsJe4C"
    "GLh5+3XCq1BUOZQXHpRTlWPqlfJZjWyofOvL8kpmYlog+L68iEMSfA+u6EgPvuvBmFLz7l"
    "SUe49RbnEx+sNDEZdeiKS6vo9KOfU4YO492YUwdkkUxrkxlt1CtwJjtOO7HF4yxnQx+i/S"
    "JVtxOsYhktphvJWcARM9okIBLJ+gdvie5rvVO+NSb1VXTPmWlW9Z+ZarYa0dbNW3rK4h3P"
    "E1hIFTS2JPRzxe6SY1igzLkdK+rN4gapgAseRvwA2CjwwdQJFDwf09IgbVLHJ//4PISLet"
    "J0YFnymAFEwxdSz7WZbZXtLMQzJkA9ivwI/MSETP9/cAc9ph40cx6U8XPy6f9NOwwTqfpt"
    "hEYjofC07gTgAgMUD3080NgGMH2QA7Q8Jf4gBQN92em7UjSBHrocgcAxuNFxTxUrsUMW4w"
    "vHmCuV/x6eiyygsT/CY2kKqvW0XPhKiNQdcpqEFVPQ0uWoyi4IVIvua040B4FbHDolR1u1"
    "rpJI8tdpJui50oW+zrtMXEpl/MCAuTKOtLcoh7qUAVQzVKpHBdbdVOPGtoQ3O2blbVQcyO"
    "DX+vOc5wLxmxBGBrf4o7+s1W6hy3y9QSy9fn9nSrl/+sZ83/vPLYvbo1tWzHPVHNyTEz8v"
    "hl925MGnhGm8ywLUKa62i2+MHqbPa+o9ZFQ327jZHsTDPfShRKh3OoY0diAKWX3gmRKO1C"
    "qrXt2Z/xoo1y5c5YFznGQs5CEhjId4o6oN5hfNn1pRSMMjearUHn1/bF0uc7JO873c7ddf"
    "uKPQKz/XuKjCHhMo8NYm1e0di4xpBP5uYSuRkSN1EqYIFNg79AgU0tTFO74P9WtjXbsmZF"
    "EPbG1w5dlVpRDXH94tx5rtFUsChjmEaphhLVUCWsqISV/QuoLd0CFBwb2BDl4IxCTfGNCM"
    "oNUoHUsa0ix7aQrU5t7SeDKoJZmis5hGm6R9kNQTihoSVXBved1d4zlP93n/5fFVUuXwn1"
    "hGEhVKNEClcVVd56VLnVvGs1r9oNGfOqoPJqYKOfbKWCys2FgZ1rBKM7aKIzUxWAfJg29c"
    "atjC0PpghQhqvpJjS7YWJkY2hikUk8n/M4gshEttGyKonIPdanDORv2N94ngw7lzarykqu"
    "luYhCnxPIZ0W8SNHiGoYgz7LU2nyLL3Q5FmizmRazQc8yXIzEpkLeYtayNvtMvH3R0fHx+"
    "dHb4/P3p2enJ+fvnvrc3OyK4utLzsfOGdH0E9RVPYo+PvipoRU0b/sziH87WDk6tQishTG"
    "ry1iPi9vawDWGEAuiskE/QDu7/mne3/vymYKsOPd9rAcPUJjpmWwdkn6UenTl7whZH1RNd"
    "sTdvA5Ze0ca9xrqiJi1Y+I7T92U7HslLL9Ekx8W7a2zqWmEkoFcBrA7McWKzwRI1M5EjGl"
    "NpkjwROTZPHG7ENl0qiDshpkVoMlis24IBVAOUZWQ6jLv+9+iZlMHq8EWiqK6wBz+Rzt6v"
    "5JjH++63VTsgJ9irjiiHUH/AtMTF/gnpeBK4cioiwmqtDHC87HtEA+QbwKvag3UAR2n0Ch"
    "vj7qcxs9FnauRYiUUMkhVIoiXC64FTrVXg60VfGhIRvr04bMfeb2HGR6zoIxqrjrzrhxy8"
    "GKR2b6FrQ4QiQ1lKVHp6c5vng2KuNOrNOEWTeXxPMzbDp3eA3R3c5RRIs40uPi6bpYiGQj"
    "baxqaO9CHdvrZvbl/7Hf8PE="
)
