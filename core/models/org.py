from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class OrganisationKind(StrEnum):
    AUTHORITY = "authority"
    SCHOOL = "school"
    LEARNING_CENTRE = "learning_centre"
    UNIVERSITY = "university"
    BRANCH = "branch"


class Organisation(Model):
    """A node of the tree: authority → school / learning centre / university → branch."""

    id = fields.IntField(primary_key=True)
    parent: fields.ForeignKeyNullableRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    kind = fields.CharEnumField(OrganisationKind, max_length=20)
    name_kk = fields.CharField(max_length=200, default="")
    name_ru = fields.CharField(max_length=200, default="")
    name_en = fields.CharField(max_length=200, default="")
    timezone = fields.CharField(max_length=64, default="Asia/Almaty")
    default_language = fields.CharField(max_length=2, default="ru")
    phone = fields.CharField(max_length=20, default="")
    email = fields.CharField(max_length=254, default="")
    address = fields.CharField(max_length=500, default="")
    #: The town it is in, as people write it; ratings across the platform filter by it.
    city = fields.CharField(max_length=100, default="")
    website = fields.CharField(max_length=200, default="")
    logo = fields.CharField(max_length=200, default="", description="Path under uploads.")
    features: dict[str, bool] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField()

    children: fields.ReverseRelation[Organisation]

    class Meta:
        table = "organisation"


class PermissionOverride(Model):
    """An admin's change to a role's default permissions in one organisation."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="permission_overrides", on_delete=fields.CASCADE
    )
    role = fields.CharField(max_length=32)
    permission = fields.CharField(max_length=64)
    granted = fields.BooleanField()

    class Meta:
        table = "permission_override"
        unique_together = (("organisation", "role", "permission"),)
