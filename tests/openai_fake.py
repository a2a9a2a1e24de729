"""A local fake of an OpenAI-compatible chat completions server, scripted per test.

``POST /v1/chat/completions`` with ``stream: true`` answers each request with the next step
of the script as server-sent events, the way the API streams them: ``chat.completion.chunk``
objects whose deltas carry the text in pieces or the tool calls (id and name first, the
arguments in two pieces), a last chunk with ``finish_reason``, then ``data: [DONE]``.

It checks what a real server would refuse (400 with the API's error object): no Bearer key,
a body without ``model`` or ``messages``, a message without a role, a ``tool`` message that
answers no tool call of the assistant message before it, a tool that is not a declared
function. Every accepted request body is kept in ``requests`` for the test to read.

A step is one of:

- ``Say(text)`` — an answer; ``text`` may be a function of the request (a "model" that
  quotes what a tool returned);
- ``Call((name, arguments), ...)`` — tool calls; ``arguments`` is sent as given (a string:
  possibly not JSON at all);
- ``Hang()`` — never answers (until the server closes): the client's timeout must act;
- ``Garbage(body)`` — a 200 event stream whose events are not JSON;
- ``Fail(status)`` — an error status with the API's error object.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

JSON = dict[str, Any]


@dataclass(frozen=True)
class Say:
    text: str | Callable[[JSON], str]


@dataclass(frozen=True)
class Call:
    calls: tuple[tuple[str, str], ...]

    def __init__(self, *calls: tuple[str, str]) -> None:
        object.__setattr__(self, "calls", calls)


@dataclass(frozen=True)
class Hang:
    pass


@dataclass(frozen=True)
class Garbage:
    body: str = "data: <html>Bad gateway</html>\n\n"


@dataclass(frozen=True)
class Fail:
    status: int = 500


Step = Say | Call | Hang | Garbage | Fail


def _error(status: int, message: str) -> web.Response:
    body = {"error": {"message": message, "type": "invalid_request_error", "code": None}}
    return web.json_response(body, status=status)


def tool_results(request: JSON) -> list[JSON]:
    """The tool messages of a request, their content parsed."""
    return [json.loads(m["content"]) for m in request["messages"] if m["role"] == "tool"]


def as_text(request: JSON) -> str:
    """A request body as readable text (the client escapes non-ASCII letters)."""
    return json.dumps(request, ensure_ascii=False)


@dataclass
class FakeOpenAI:
    script: list[Step] = field(default_factory=list)
    requests: list[JSON] = field(default_factory=list)
    base_url: str = ""
    _runner: web.AppRunner | None = None
    _closing: asyncio.Event = field(default_factory=asyncio.Event)
    _ids: itertools.count[int] = field(default_factory=itertools.count)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._completions)
        self._runner = web.AppRunner(app, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}/v1"

    async def close(self) -> None:
        self._closing.set()
        if self._runner is not None:
            await self._runner.cleanup()

    def _invalid(self, body: object) -> str | None:
        if not isinstance(body, dict) or not body.get("model"):
            return "model is required"
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            return "messages must be a non-empty array"
        answered: set[str] = set()
        for message in messages:
            role = message.get("role")
            if role not in {"system", "developer", "user", "assistant", "tool"}:
                return f"invalid role {role!r}"
            if role == "assistant":
                answered = {call["id"] for call in message.get("tool_calls") or ()}
            elif role == "tool" and message.get("tool_call_id") not in answered:
                return "a tool message must answer a tool call of the assistant message"
        for tool in body.get("tools", ()):
            if tool.get("type") != "function" or not tool.get("function", {}).get("name"):
                return "tools must be functions with a name"
        if body.get("stream") is not True:
            return "this fake only streams"
        return None

    async def _completions(self, request: web.Request) -> web.StreamResponse:
        if not request.headers.get("Authorization", "").startswith("Bearer "):
            return _error(401, "You didn't provide an API key.")
        try:
            body = await request.json()
        except json.JSONDecodeError:
            return _error(400, "We could not parse the JSON body of your request.")
        problem = self._invalid(body)
        if problem is not None:
            return _error(400, problem)
        self.requests.append(body)
        if not self.script:
            return _error(500, "the test's script has no step left")
        step = self.script.pop(0)
        if isinstance(step, Hang):
            await self._closing.wait()
            return _error(503, "closing")
        if isinstance(step, Fail):
            return _error(step.status, "The server had an error while processing your request.")
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        if isinstance(step, Garbage):
            await response.write(step.body.encode())
        else:
            for event in self._chunks(body, step):
                await response.write(f"data: {json.dumps(event)}\n\n".encode())
            await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response

    def _chunks(self, body: JSON, step: Say | Call) -> list[JSON]:
        number = next(self._ids)

        def chunk(delta: JSON, finish: str | None = None) -> JSON:
            return {
                "id": f"chatcmpl-{number}",
                "object": "chat.completion.chunk",
                "created": 1_700_000_000,
                "model": body["model"],
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }

        chunks = [chunk({"role": "assistant", "content": ""})]
        if isinstance(step, Say):
            text = step.text(body) if callable(step.text) else step.text
            middle = len(text) // 2
            chunks += [chunk({"content": text[:middle]}), chunk({"content": text[middle:]})]
            return [*chunks, chunk({}, "stop")]
        for index, (name, arguments) in enumerate(step.calls):
            head = {"id": f"call_{number}_{index}", "type": "function"}
            middle = len(arguments) // 2
            pieces = ({"name": name}, {"arguments": arguments[:middle]})
            pieces += ({"arguments": arguments[middle:]},)
            chunks += [
                chunk({"tool_calls": [{"index": index, **(head if not n else {}), "function": f}]})
                for n, f in enumerate(pieces)
            ]
        return [*chunks, chunk({}, "tool_calls")]
