""" "Progress" in the main bot: the personal cabinet of a student, or of a parent's chosen
child: attendance and average per group, the latest grades, open homework, the plan."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bots.children import ask_for_child, chosen_child, viewed_child
from bots.keyboards import MenuButton
from bots.middlewares import Choice
from bots.routers.filters import Linked, Private
from bots.texts import Translator
from core.actor import Actor
from core.deps import Deps
from core.services.grades import KIND_LABELS, value_label
from core.services.progress import GroupProgress, Progress, student_progress
from core.services.telegram import Identity, Role


def _group_line(group: GroupProgress, _: Translator) -> str:
    attendance = (
        _(
            "attendance {percent}% ({attended} of {marked})",
            percent=group.attendance_percent,
            attended=group.attended,
            marked=group.attended + group.missed,
        )
        if group.attendance_percent is not None
        else _("attendance not marked yet")
    )
    average = (
        _("average {average}", average=group.average) if group.average else _("no grades yet")
    )
    return _(
        "• {group}: {attendance}, {average}",
        group=group.group_name,
        attendance=attendance,
        average=average,
    )


def render_progress(data: Progress, _: Translator) -> str:
    lines = [_("Progress of {name}", name=data.student_name)]
    if data.term is not None:
        lines.append(
            _(
                "Term “{term}”: {starts} – {ends}",
                term=data.term.name,
                starts=data.term.starts_on.strftime("%d.%m"),
                ends=data.term.ends_on.strftime("%d.%m"),
            )
        )
    lines += [_group_line(group, _) for group in data.groups] or [_("Not in any group now.")]
    if data.recent_grades:
        lines += ["", _("Latest grades:")]
        lines += [
            _(
                "{date} {group}: {value} ({kind})",
                date=grade.given_on.strftime("%d.%m"),
                group=grade.group_name,
                value=_(value_label(grade.value)),
                kind=_(KIND_LABELS[grade.kind]),
            )
            for grade in data.recent_grades
        ]
    open_count = sum(1 for item in data.homework if item.submission is None)
    lines += ["", _("Homework not handed in yet: {count}.", count=open_count)]
    if data.plan:
        lines += ["", _("Learning plan:")]
        for item in data.plan:
            lines.append(
                _(
                    "• {title}: {progress}%, by {date}",
                    title=item.title,
                    progress=item.progress,
                    date=item.target_on.strftime("%d.%m.%Y"),
                )
                if item.target_on
                else _("• {title}: {progress}%", title=item.title, progress=item.progress)
            )
    return "\n".join(lines)


async def show_progress(
    message: Message,
    deps: Deps,
    actor: Actor,
    identity: Identity,
    choice: Choice,
    _: Translator,
) -> None:
    if choice.role is Role.PARENT and chosen_child(identity, choice) is None:
        await ask_for_child(message, identity, _)
        return
    data = await student_progress(deps, actor, student_id=viewed_child(choice))
    await message.answer(render_progress(data, _))


def router() -> Router:
    progress = Router(name="progress")
    progress.message.filter(Private(), Linked())
    progress.message.register(show_progress, MenuButton("progress"))
    return progress
