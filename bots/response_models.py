"""aiogram's response models, built once per process.

aiogram validates every Bot API answer as ``Response[<the method's return type>]``, a
pydantic generic model that pydantic builds on first use and keeps only in a weak cache.
Nothing else holds ``Response[bool]`` (``answerCallbackQuery``) or
``Response[Union[Message, bool]]`` (the edits), so the garbage collector frees them and the
next call builds them again: 2–7 ms of schema building on the event loop, dozens of times a
minute on a busy bot, which every update waiting behind it feels (``bench/tests.py`` found
it). Holding one reference to each makes the weak cache keep them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from aiogram import methods
from aiogram.methods.base import Response, TelegramMethod


@cache
def keep_response_models() -> tuple[type[Response[Any]], ...]:
    """Build ``Response[...]`` for every Bot API method's return type, and keep them.

    One per method, not per distinct type: ``Union[Message, bool]`` and ``Message | bool``
    are equal but are different keys in pydantic's cache.
    """
    return tuple(
        Response[method.__returning__]  # type: ignore[name-defined]
        for method in map(vars(methods).get, methods.__all__)
        if isinstance(method, type)
        and issubclass(method, TelegramMethod)
        and method is not TelegramMethod
    )
