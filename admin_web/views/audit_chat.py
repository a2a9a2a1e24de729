"""Conversations for auditors: every conversation of the organisation, read in full (hidden
messages and earlier versions included), and exported to Excel or PDF.

Opening or exporting a conversation is itself recorded in the audit trail by core.
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from admin_web.forms import query_int
from admin_web.keys import actor_of, deps_of, language_of
from admin_web.render import download, render
from core.services.conversations import CONVERSATION_KIND_LABELS, audit_conversations
from core.services.exports import XLSX_CONTENT_TYPE
from core.services.messages import audit_history, transcript
from core.transcripts import transcript_pdf, transcript_xlsx

routes = web.RouteTableDef()


def _conversation_id(request: web.Request) -> int:
    """The ``{id}`` of the URL (routes match digits only; core answers unknown ids)."""
    return int(request.match_info["id"])


@routes.get("/audit/conversations")
async def conversation_list(request: web.Request) -> web.Response:
    conversations = await audit_conversations(actor_of(request))
    return await render(
        request,
        "audit_conversations.html",
        {"conversations": conversations, "kind_labels": CONVERSATION_KIND_LABELS},
    )


@routes.get(r"/audit/conversations/{id:\d+}")
async def conversation(request: web.Request) -> web.Response:
    conversation_id = _conversation_id(request)
    before = query_int(request.query.get("before"), 0) or None
    title, items, has_more = await audit_history(
        deps_of(request), actor_of(request), conversation_id, before_seq=before
    )
    return await render(
        request,
        "audit_conversation.html",
        {
            "conversation_id": conversation_id,
            "title": title,
            "items": items,
            # Replies name their target by id; the page shows its number when it is here.
            "seq_of": {item.message.id: item.message.seq for item in items},
            "has_more": has_more,
            "before": before,
        },
    )


@routes.get(r"/audit/conversations/{id:\d+}.xlsx")
async def conversation_xlsx(request: web.Request) -> web.Response:
    conversation_id = _conversation_id(request)
    exported = await transcript(
        deps_of(request), actor_of(request), conversation_id, language=language_of(request)
    )
    data = await asyncio.to_thread(transcript_xlsx, exported)
    return download(
        data, content_type=XLSX_CONTENT_TYPE, filename=f"sabaq-conversation-{conversation_id}.xlsx"
    )


@routes.get(r"/audit/conversations/{id:\d+}.pdf")
async def conversation_pdf(request: web.Request) -> web.Response:
    conversation_id = _conversation_id(request)
    exported = await transcript(
        deps_of(request), actor_of(request), conversation_id, language=language_of(request)
    )
    data = await asyncio.to_thread(transcript_pdf, exported)
    return download(
        data, content_type="application/pdf", filename=f"sabaq-conversation-{conversation_id}.pdf"
    )
