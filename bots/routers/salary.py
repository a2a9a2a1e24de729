"""The "salary" menu of the main bot (being built)."""

from __future__ import annotations

from aiogram import Router


def router() -> Router:
    return Router(name="salary")
