"""Domain errors: one tree, each error with a stable ``code`` and a translatable message.

::

    SabaqError                      code           what an adapter does with it
    ├── NotFound                    not_found      404 / "not found" — also when forbidden
    ├── PermissionDenied            forbidden      403 — the actor lacks a named permission
    ├── InvalidInput                invalid        400 — a value the user must fix
    │   ├── ImportRejected          import_rejected the workbook has bad rows (``problems``)
    │   ├── TimetableRejected       timetable_rejected  a timetable to publish does not fit
    │   │                                          (``problems``: each thing to fix)
    │   └── TaskRejected            task_rejected  a judge task or its package is unusable
    │                                              (``problems``: each thing to fix)
    ├── Conflict                    conflict       409 — the state forbids it (duplicate, full)
    ├── AuthenticationFailed        auth_failed    401 — wrong login or password, no hint which
    └── RateLimited                 rate_limited   429 — too many attempts, retry later

``message`` is a whole English sentence marked with ``N_`` and ``params`` fill its named
placeholders. Adapters translate it in the user's language in exactly one place each
(the aiohttp error middleware, the aiogram errors router, the websocket error frame).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from core.i18n import N_, gettext_for


class SabaqError(Exception):
    code: ClassVar[str] = "error"
    default_message: ClassVar[str] = N_("Something went wrong. Please try again.")

    def __init__(
        self, message: str | None = None, *, field: str | None = None, **params: object
    ) -> None:
        self.message = message or self.default_message
        self.field = field
        self.params = params
        super().__init__(self.message.format(**params) if params else self.message)

    def translated(self, language: str) -> str:
        """The message in ``language`` with its parameters filled in; a parameter that can
        write itself for a reader (``core.money.Money``: ``localised(language)``) is."""
        text = gettext_for(language, self.message)
        if not self.params:
            return text
        return text.format(
            **{
                name: value.localised(language) if hasattr(value, "localised") else value
                for name, value in self.params.items()
            }
        )


class NotFound(SabaqError):
    code = "not_found"
    default_message = N_("Not found.")


class PermissionDenied(SabaqError):
    code = "forbidden"
    default_message = N_("You do not have permission to do this.")


class InvalidInput(SabaqError):
    code = "invalid"
    default_message = N_("Please check the values you entered.")


class Conflict(SabaqError):
    code = "conflict"
    default_message = N_("This cannot be done in the current state.")


class AuthenticationFailed(SabaqError):
    code = "auth_failed"
    default_message = N_("Wrong login or password.")


class RateLimited(SabaqError):
    code = "rate_limited"
    default_message = N_("Too many attempts. Please wait a minute and try again.")


class Unavailable(SabaqError):
    """A service we depend on (the search engine) is down; the request may be retried."""

    code = "unavailable"
    default_message = N_("This is unavailable right now. Please try again in a few minutes.")


def sentence(language: str, message: str, params: Mapping[str, object]) -> str:
    """``message`` in ``language`` with its parameters; a parameter that can be localised
    itself (a ``ToFix`` inside a ``ToFix``) is, in the same language."""
    text = gettext_for(language, message)
    if not params:
        return text
    return text.format(
        **{
            name: value.localised(language) if hasattr(value, "localised") else value
            for name, value in params.items()
        }
    )


@dataclass(frozen=True)
class RowProblem:
    """One bad row of an import: its spreadsheet row number and what to fix; ``sheet`` names
    the sheet of a workbook read sheet by sheet ("" when an import reads one sheet)."""

    row: int
    message: str
    params: dict[str, object] = field(default_factory=dict)
    sheet: str = ""

    def translated(self, language: str) -> str:
        return sentence(language, self.message, self.params)


class ImportRejected(InvalidInput):
    code = "import_rejected"
    default_message = N_("Nothing was imported: {count} rows need fixing.")

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        super().__init__(count=len({(problem.sheet, problem.row) for problem in problems}))


@dataclass(frozen=True)
class ToFix:
    """One thing to fix, as a whole sentence with named parameters. A parameter may itself be
    a ``ToFix`` (the reason inside "lesson X: reason"); it is translated with the sentence."""

    message: str
    params: dict[str, object] = field(default_factory=dict)

    def localised(self, language: str) -> str:
        return sentence(language, self.message, self.params)


class TimetableRejected(InvalidInput):
    code = "timetable_rejected"
    default_message = N_("Nothing was published. Problems to fix: {count}.")

    def __init__(self, problems: list[ToFix]) -> None:
        self.problems = problems
        super().__init__(count=len(problems))


class TaskRejected(InvalidInput):
    """A judge task (or the Polygon package it came in) cannot be saved; ``problems`` names
    every thing to fix, not only the first one found."""

    code = "task_rejected"
    default_message = N_("The task was not saved. Problems to fix: {count}.")

    def __init__(self, problems: list[ToFix]) -> None:
        self.problems = problems
        super().__init__(count=len(problems))
