"""The profession atlas (issue 9): Kazakhstan universities and groups of educational
programmes, an organisation's edits of professions, and admissions news.

Reference data is layered, never copied: the 923 occupations with O*NET data and the drafted
programme groups ship as files in ``core/data/career/``; these tables hold what an
organisation adds or changes over them. Every row belongs to the organisation that wrote it;
readers see their own organisation's rows and its ancestors' (an authority's table reaches
its schools), the nearest one winning for the same code.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from core.models.org import Organisation
from core.models.people import Person


class ProgrammeGroup(Model):
    """A group of educational programmes ("B057 Information technology") with the ENT
    profile-subject pairs it admits by and its lowest total score."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="programme_groups", on_delete=fields.RESTRICT
    )
    code = fields.CharField(max_length=8)  # "B057"
    name_kk = fields.CharField(max_length=255)
    name_ru = fields.CharField(max_length=255)
    name_en = fields.CharField(max_length=255, default="")
    pair_ids = fields.CharField(max_length=128)  # ENT subject pair ids, space-separated
    threshold = fields.SmallIntField()  # the lowest ENT total admitted, of 140
    updated_at = fields.DatetimeField()

    class Meta:
        table = "programme_group"
        unique_together = (("organisation", "code"),)


class University(Model):
    """A higher education institution and the programme groups it offers."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="universities", on_delete=fields.RESTRICT
    )
    code = fields.CharField(max_length=16)  # the NTC's code of the HEI, or the importer's own
    name_kk = fields.CharField(max_length=255)
    name_ru = fields.CharField(max_length=255)
    name_en = fields.CharField(max_length=255, default="")
    city = fields.CharField(max_length=128, default="")
    website = fields.CharField(max_length=255, default="")
    group_codes = fields.CharField(max_length=1024, default="")  # offered groups, space-separated
    updated_at = fields.DatetimeField()

    class Meta:
        table = "university"
        unique_together = (("organisation", "code"),)


class ProfessionEdit(Model):
    """An organisation's localised title and description of an occupation and the programme
    groups it links to, over the shipped O*NET data (empty fields keep the shipped ones)."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="profession_edits", on_delete=fields.RESTRICT
    )
    occupation_code = fields.CharField(max_length=10)  # O*NET-SOC, "15-1254.00"
    title_kk = fields.CharField(max_length=255, default="")
    title_ru = fields.CharField(max_length=255, default="")
    description_kk = fields.TextField(default="")
    description_ru = fields.TextField(default="")
    group_codes = fields.CharField(max_length=512, default="")  # empty: the draft mapping
    updated_at = fields.DatetimeField()

    class Meta:
        table = "profession_edit"
        unique_together = (("organisation", "occupation_code"),)


class AdmissionsNews(Model):
    """A post of admissions news by a career counsellor, read by the organisation's students."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="admissions_news", on_delete=fields.RESTRICT
    )
    author: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="admissions_news", null=True, on_delete=fields.SET_NULL
    )
    title = fields.CharField(max_length=200)
    body = fields.TextField()
    published_at = fields.DatetimeField()

    class Meta:
        table = "admissions_news"
        indexes = (("organisation_id", "published_at"),)
