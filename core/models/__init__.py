"""Tortoise models by bounded context. ``MODEL_MODULES`` is what Tortoise and aerich load."""

MODEL_MODULES = [
    "core.models.org",
    "core.models.people",
    "core.models.academics",
    "core.models.audit",
    "core.models.notifications",
    "core.models.chat",
    "core.models.lessons",
    "core.models.finance",
    "core.models.testing",
    "core.models.feedback",
    "core.models.complaints",
    "core.models.career",
    "core.models.atlas",
    "core.models.screening",
    "core.models.wellbeing",
    "core.models.consultations",
    "core.models.timetabling",
    "core.models.substitutions",
    "core.models.judge",
    "aerich.models",
]
