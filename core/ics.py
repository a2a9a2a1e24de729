"""iCalendar (RFC 5545) files of lessons, so a timetable opens in any calendar app.

Each lesson is one ``VEVENT``: its ``UID`` is stable (``lesson-<id>@<host>``), times are UTC,
``SEQUENCE`` grows with every change (so apps replace the old copy) and a cancelled lesson
stays in the feed with ``STATUS:CANCELLED`` (so apps strike it out rather than keep it).
The ``icalendar`` library does the folding, escaping and date formats.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from core.i18n import N_, gettext_for
from core.services.lessons import LessonStatus, LessonView

PRODID = "-//Sabaq//Timetable//EN"
#: How often calendar apps that honour it should read the feed again.
REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class FeedEvent:
    """A lesson with its revision: ``sequence`` grows whenever the lesson changes."""

    lesson: LessonView
    sequence: int
    updated_at: datetime


@dataclass(frozen=True)
class DayEvent:
    """An all-day event (a career programme item): ``uid`` names it for good, ``summary`` and
    ``description`` are already in the feed's language."""

    uid: str
    summary: str
    description: str
    starts_on: date
    ends_on: date  # the last day, inclusive
    sequence: int
    updated_at: datetime


def _text(language: str, message: str, **params: object) -> str:
    return gettext_for(language, message).format(**params)


def _description(lesson: LessonView, language: str) -> str:
    lines = [_text(language, N_("Teacher: {name}"), name=lesson.teacher_name)]
    if lesson.substituted:
        lines.append(
            _text(language, N_("Substitute for {name}"), name=lesson.planned_teacher_name)
        )
    if lesson.topic:
        lines.append(_text(language, N_("Topic: {topic}"), topic=lesson.topic))
    if lesson.status is LessonStatus.CANCELLED:
        lines.append(
            _text(language, N_("Cancelled: {reason}"), reason=lesson.cancel_reason)
            if lesson.cancel_reason
            else gettext_for(language, N_("Cancelled"))
        )
    return "\n".join(lines)


def build_calendar(
    events: Iterable[FeedEvent],
    *,
    name: str,
    language: str,
    domain: str,
    now: datetime,
    days: Iterable[DayEvent] = (),
) -> bytes:
    """A ``VCALENDAR`` named ``name`` with one ``VEVENT`` per lesson, labels in ``language``,
    and one all-day ``VEVENT`` per day event (``DTEND`` is the day after the last, as RFC 5545
    wants for dates)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    for item in events:
        lesson = item.lesson
        event = Event()
        event.add("uid", f"lesson-{lesson.id}@{domain}")
        event.add("dtstamp", now)
        event.add("last-modified", item.updated_at)
        event.add("sequence", item.sequence)
        event.add("dtstart", lesson.starts_at)
        event.add("dtend", lesson.ends_at)
        event.add("summary", f"{lesson.course.pick(language)} · {lesson.group_name}")
        location = lesson.place
        if location:
            event.add("location", location)
        event.add("description", _description(lesson, language))
        event.add(
            "status", "CANCELLED" if lesson.status is LessonStatus.CANCELLED else "CONFIRMED"
        )
        calendar.add_component(event)
    for day in days:
        event = Event()
        event.add("uid", f"{day.uid}@{domain}")
        event.add("dtstamp", now)
        event.add("last-modified", day.updated_at)
        event.add("sequence", day.sequence)
        event.add("dtstart", day.starts_on)
        event.add("dtend", day.ends_on + timedelta(days=1))
        event.add("summary", day.summary)
        if day.description:
            event.add("description", day.description)
        event.add("transp", "TRANSPARENT")  # a whole-day plan does not make anyone busy
        calendar.add_component(event)
    return bytes(calendar.to_ical())
