"""The complaints bot's way back to complainants: staff replies and status notices.

Core keeps each reply in the complaint's thread until it is delivered
(``core.services.complaints.pending_replies``); only this process holds the key that opens
a complaint's handle into a chat id. ``ComplaintReplies`` opens it, writes the reply in the
complaint's language with a "Reply" button (none once the complaint is closed), sends it
through the bot's ``Sender`` (so it is paced with everything else the bot sends) and records
the outcome. A refusal — the complainant blocked the bot (403), a bad request, a handle that
does not open — counts a failed attempt and nothing more: there is no account to mark, and
core stops trying after a few. Network trouble and flood waits count nothing; the reply
waits for the next pass. Nothing here logs a chat id.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass

from aiogram.types import InlineKeyboardMarkup

from bots.delivery import Sender, SendStatus
from bots.keyboards import button
from bots.routers.complaints import WriteTo
from bots.texts import (
    INCOMING_REPLY,
    REJECTED_NOTICE,
    REPLY,
    RESOLVED_NOTICE,
    STATUS_NOTICE,
    Translator,
)
from core.complaint_handles import open_handle
from core.deps import Deps
from core.i18n import pick_language
from core.services.complaints import (
    CLOSED_STATUSES,
    STATUS_LABELS,
    ComplaintStatus,
    OutgoingReply,
    mark_reply_failed,
    mark_reply_sent,
    pending_replies,
)

log = logging.getLogger(__name__)


@dataclass
class ReplyStats:
    sent: int = 0
    failed: int = 0
    retried: int = 0


def render_reply(reply: OutgoingReply, _: Translator) -> str:
    """A staff answer, or (an entry without text) the complaint's new status."""
    if reply.text:
        return _(INCOMING_REPLY, text=reply.text)
    if reply.status is ComplaintStatus.RESOLVED:
        return _(RESOLVED_NOTICE)
    if reply.status is ComplaintStatus.REJECTED:
        return _(REJECTED_NOTICE, reason=reply.reason)
    # Reopened before the notice went out: the status it has now is what is true.
    return _(STATUS_NOTICE, status=_(STATUS_LABELS[reply.status]))


class ComplaintReplies:
    """Delivers pending replies through the complaints bot's ``sender``.

    Args:
        deps: core deps (database, settings with the complaints key).
        sender: the complaints bot's one sender.
        batch_size: replies taken per pass.
        poll_seconds: how often ``run_forever`` looks for replies.
    """

    def __init__(
        self, deps: Deps, sender: Sender, *, batch_size: int = 50, poll_seconds: float = 5.0
    ) -> None:
        self.deps = deps
        self.sender = sender
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds

    async def run_once(self) -> ReplyStats:
        """One pass: deliver the oldest pending replies, in order; the counts of the pass.

        A pass stops at the first reply Telegram could not take for a passing reason
        (network, flood wait): the ones after it would fare no better now.
        """
        stats = ReplyStats()
        for reply in await pending_replies(self.deps, limit=self.batch_size):
            status = await self._deliver(reply)
            if status is SendStatus.SENT:
                stats.sent += 1
            elif status is SendStatus.RETRY:
                stats.retried += 1
                break
            else:
                stats.failed += 1
        return stats

    async def run_forever(self, stop: asyncio.Event) -> None:
        """Pass after pass until ``stop`` is set; a full pass goes on at once."""
        while not stop.is_set():
            try:
                stats = await self.run_once()
            except Exception:
                log.exception("delivering complaint replies failed")
                stats = ReplyStats()
            if stats.sent + stats.failed < self.batch_size or stats.retried:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.poll_seconds)

    async def _deliver(self, reply: OutgoingReply) -> SendStatus:
        deps = self.deps
        try:
            chat_id = open_handle(deps.settings, reply.handle)
        except ValueError as error:
            # Sealed under another key (a key that was replaced): no chat to send it to.
            log.warning("complaint reply %s: the handle does not open", reply.message_id)
            await mark_reply_failed(deps, reply.message_id, f"the handle does not open: {error}")
            return SendStatus.FAILED
        _ = Translator(pick_language(reply.language, default=deps.settings.default_language))
        markup = None
        if reply.status not in CLOSED_STATUSES:
            markup = InlineKeyboardMarkup(
                inline_keyboard=[[button(_(REPLY), WriteTo(complaint_id=reply.complaint_id))]]
            )
        result = await self.sender.send_text(chat_id, render_reply(reply, _), reply_markup=markup)
        if result.status is SendStatus.SENT:
            await mark_reply_sent(deps, reply.message_id)
        elif result.status is SendStatus.RETRY:
            log.info("complaint reply %s waits: %s", reply.message_id, result.error)
        else:
            log.info("complaint reply %s failed: %s", reply.message_id, result.error)
            await mark_reply_failed(deps, reply.message_id, result.error)
        return result.status
