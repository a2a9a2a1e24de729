from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from core.models.org import Organisation


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    TEACHER = "teacher"
    STUDENT = "student"
    PARENT = "parent"
    ACCOUNTANT = "accountant"
    PSYCHOLOGIST = "psychologist"
    CAREER_COUNSELLOR = "career_counsellor"
    CURATOR = "curator"
    HEAD_OF_DEPARTMENT = "head_of_department"
    AUTHORITY_OFFICER = "authority_officer"


class Gender(StrEnum):
    FEMALE = "f"
    MALE = "m"


class Person(Model):
    """A human on record. Belongs to the organisation that recorded them."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="persons", on_delete=fields.RESTRICT
    )
    last_name = fields.CharField(max_length=100)
    first_name = fields.CharField(max_length=100)
    middle_name = fields.CharField(max_length=100, default="")
    birth_date = fields.DateField(null=True)
    gender = fields.CharEnumField(Gender, max_length=1, null=True)
    iin = fields.CharField(max_length=12, null=True)
    phone = fields.CharField(max_length=20, default="", description="E.164")
    email = fields.CharField(max_length=254, default="")
    photo = fields.CharField(max_length=200, default="")
    notes = fields.TextField(default="")
    nickname = fields.CharField(max_length=30, default="", description="Shown in ratings.")
    search_text = fields.TextField(default="", description="Case-folded names, IIN, phone.")
    created_at = fields.DatetimeField()

    memberships: fields.ReverseRelation[Membership]

    class Meta:
        table = "person"
        unique_together = (("organisation", "iin"),)


class Membership(Model):
    """A person's role in an organisation. Archived, never deleted."""

    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="memberships", on_delete=fields.RESTRICT
    )
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="memberships", on_delete=fields.RESTRICT
    )
    role = fields.CharEnumField(Role, max_length=32)
    started_on = fields.DateField()
    archived_at = fields.DatetimeField(null=True)

    class Meta:
        table = "membership"
        unique_together = (("person", "organisation", "role"),)


class ParentLink(Model):
    id = fields.IntField(primary_key=True)
    parent: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="children_links", on_delete=fields.RESTRICT
    )
    child: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="parent_links", on_delete=fields.RESTRICT
    )

    class Meta:
        table = "parent_link"
        unique_together = (("parent", "child"),)


class Account(Model):
    """How a person signs in: a password for the web, a linked Telegram user, or both."""

    id = fields.IntField(primary_key=True)
    person: fields.OneToOneRelation[Person] = fields.OneToOneField(
        "models.Person", related_name="account", on_delete=fields.RESTRICT
    )
    login = fields.CharField(max_length=100, null=True, unique=True)
    password_hash = fields.CharField(max_length=200, null=True)
    telegram_user_id = fields.BigIntField(null=True, unique=True)
    telegram_blocked_at = fields.DatetimeField(
        null=True, description="When Telegram said the person blocked the bot."
    )
    language = fields.CharField(max_length=2, null=True)
    created_at = fields.DatetimeField()
    last_login_at = fields.DatetimeField(null=True)

    class Meta:
        table = "account"


class Invitation(Model):
    """A one-time code that links a person to a new account (web sign-up or Telegram /start)."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="invitations", on_delete=fields.RESTRICT
    )
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="invitations", on_delete=fields.RESTRICT
    )
    code = fields.CharField(max_length=32, unique=True)
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "invitation"
