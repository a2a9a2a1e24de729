"""A busy bot keeps the models it reads Bot API answers with (``bots.response_models``)."""

from __future__ import annotations

import gc
import weakref

from aiogram import methods
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.methods.base import Response

from bots.app import build_dispatcher


def test_the_answer_models_of_a_press_outlive_a_garbage_collection(deps) -> None:
    build_dispatcher(deps, kind="main", storage=MemoryStorage())
    # What a button press calls: the toast, the edit of the pressed message, the next one.
    pressed = (methods.AnswerCallbackQuery, methods.EditMessageText, methods.SendMessage)
    models = {method.__name__: weakref.ref(Response[method.__returning__]) for method in pressed}

    gc.collect()

    rebuilt = sorted(name for name, model in models.items() if model() is None)
    assert rebuilt == [], "pydantic would build these again on the next call"
