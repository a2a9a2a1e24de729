"""Markdown-light for chat messages: a few marks people type, rendered to inert HTML.

What is understood::

    **bold**   *italic*   _italic_   `code`   ```fenced block```
    https://autolinked.example/path      @[Name](person:42)   newlines

Nothing else is markup: ``[text](url)`` links, raw HTML and images stay literal text.

Safety does not rest on the patterns. The text is parsed into a small tree whose leaves hold
raw strings; the renderer passes every leaf through ``html.escape`` and writes the only tags
and attributes that can appear (``b i code pre a span br``, with fixed attributes). A link's
address is only ever an ``http(s)://`` address found in the text, escaped as an attribute
value; a mention shows the name the caller vouches for, never the name typed in the text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import assert_never

_NO_MENTIONS: Mapping[int, str] = MappingProxyType({})
# Marks nest at most this deep; deeper marks stay literal (and recursion stays bounded).
_MAX_DEPTH = 6
# Stands for an atom (code, link, mention) while emphasis is matched around it. Control
# characters are removed from the input first, so it cannot be typed.
_ATOM = "\x00"

# The marks whose inside is not markup, found left to right in one pass: fenced blocks (a
# one-word first line is their language, which we do not show), code, mentions, addresses.
# An address ends at whitespace, quotes, angle brackets, backticks and invisible characters;
# punctuation that ends the sentence is trimmed afterwards.
_ATOMS = re.compile(
    r"```(?:[\w+#.-]{1,20}\n)?(?P<fence>.+?)```"
    r"|`(?P<code>[^`\n]+)`"
    r"|@\[(?P<name>[^\]\n]{1,100})\]\(person:(?P<person>\d{1,18})\)"
    r"|(?P<url>(?<![\w/])https?://[^\s<>\"'`\u200b-\u200f\u202a-\u202e\u2066-\u2069]+)",
    re.DOTALL | re.IGNORECASE,
)
_URL_TRAILING = ".,:;!?*_"
# Runs of marks and atoms: what the emphasis scanner stops at.
_MARKS = re.compile(r"\*+|_+|\x00")


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Pre:
    text: str


@dataclass(frozen=True)
class Link:
    url: str


@dataclass(frozen=True)
class Mention:
    person_id: int
    typed_name: str


@dataclass(frozen=True)
class Bold:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Italic:
    children: tuple[Node, ...]


Node = Text | Code | Pre | Link | Mention | Bold | Italic


def render_html(text: str, mentions: Mapping[int, str] = _NO_MENTIONS) -> str:
    """Safe HTML for a message; ``mentions`` maps the person ids that may be shown as mentions
    to their names (a mention of anyone else renders as plain text)."""
    return "".join(_html(node, mentions) for node in _parse(text))


def plain_text(text: str, mentions: Mapping[int, str] = _NO_MENTIONS) -> str:
    """The message without its marks (for Telegram and search); mentions read ``@Name``,
    with the name from ``mentions`` when given."""
    return "".join(_plain(node, mentions) for node in _parse(text))


def mentioned_ids(text: str) -> set[int]:
    """The person ids mentioned in the text (not those quoted inside code)."""
    return {node.person_id for node in _walk(_parse(text)) if isinstance(node, Mention)}


def _parse(text: str) -> tuple[Node, ...]:
    """The message as a tree; text leaves keep newlines as ``\\n``."""
    text = _clean(text)
    atoms: list[Node] = []

    def atom(match: re.Match[str]) -> str:
        tail = ""
        if (fence := match.group("fence")) is not None:
            atoms.append(Pre(fence.strip("\n")))
        elif (code := match.group("code")) is not None:
            atoms.append(Code(code))
        elif (name := match.group("name")) is not None:
            atoms.append(Mention(int(match.group("person")), name))
        else:
            url, tail = _trim_url(match.group("url"))
            atoms.append(Link(url))
        return _ATOM + tail

    # Atoms are found left to right and emphasis keeps the order, so each placeholder
    # takes the next atom.
    return _emphasis(_ATOMS.sub(atom, text), iter(atoms))


def _clean(text: str) -> str:
    """NFC, newlines as ``\\n``, and no control characters but newline and tab."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(char for char in text if char in "\n\t" or unicodedata.category(char) != "Cc")


def _trim_url(url: str) -> tuple[str, str]:
    """Split off punctuation that ends a sentence rather than the address."""
    end, unopened = len(url), url.count(")") - url.count("(")
    while end and (url[end - 1] in _URL_TRAILING or (url[end - 1] == ")" and unopened > 0)):
        unopened -= url[end - 1] == ")"
        end -= 1
    return url[:end], url[end:]


@dataclass
class _Open:
    """An emphasis opened and not yet closed: its mark and what follows it so far."""

    mark: str
    children: list[Node]


def _emphasis(text: str, atoms: Iterator[Node]) -> tuple[Node, ...]:
    """Bold and italic, line by line, in one pass with a stack of open marks.

    A run of ``*`` opens if the character after it is no space and the one before it is no
    letter or digit, and closes if the character before it is no space and the one after it
    is no letter or digit (so ``2*3*4`` and ``snake_case`` stay as typed); ``**`` is bold,
    ``*`` and a single ``_`` are italic. A mark closes the nearest open one of its kind and
    marks opened after that one turn back into text, so the tree always nests. Marks still
    open at the end of a line are text. Linear in the length: a hostile message costs no
    more than a long one.
    """
    nodes: list[Node] = []
    for number, line in enumerate(text.split("\n")):
        if number:
            _add_text(nodes, "\n")
        for node in _emphasis_line(line, atoms):
            if isinstance(node, Text):
                _add_text(nodes, node.text)
            else:
                nodes.append(node)
    return tuple(nodes)


def _emphasis_line(line: str, atoms: Iterator[Node]) -> list[Node]:
    stack = [_Open("", [])]
    position = 0
    for match in _MARKS.finditer(line):
        _add_text(stack[-1].children, line[position : match.start()])
        position = match.end()
        run = match.group()
        if run == _ATOM:
            stack[-1].children.append(next(atoms))
            continue
        if run.startswith("__"):
            _add_text(stack[-1].children, run)  # __dunder__ is a name, not markup
            continue
        before = line[match.start() - 1] if match.start() else " "
        after = line[position] if position < len(line) else " "
        if not before.isspace() and not after.isalnum():
            run = _close(stack, run)
        if run and not after.isspace() and not before.isalnum():
            for mark in _openers(run):
                if len(stack) > _MAX_DEPTH:
                    _add_text(stack[-1].children, mark)
                else:
                    stack.append(_Open(mark, []))
        else:
            _add_text(stack[-1].children, run)
    _add_text(stack[-1].children, line[position:])
    while len(stack) > 1:
        _unwind(stack)
    return stack[0].children


def _close(stack: list[_Open], run: str) -> str:
    """Close open marks with ``run``; what is left of the run."""
    while run:
        kinds = ("_",) if run == "_" else ("*", "**")
        depth = next((i for i in range(len(stack) - 1, 0, -1) if stack[i].mark in kinds), 0)
        if not depth or len(stack[depth].mark) > len(run):
            break
        while len(stack) - 1 > depth:
            _unwind(stack)
        closed = stack.pop()
        children = tuple(closed.children)
        stack[-1].children.append(Bold(children) if closed.mark == "**" else Italic(children))
        run = run[len(closed.mark) :]
    return run


def _openers(run: str) -> list[str]:
    """The marks a run opens, outermost first: ``***`` is bold around italic."""
    if run == "_":
        return [run]
    return ["**"] * (len(run) // 2) + ["*"] * (len(run) % 2)


def _unwind(stack: list[_Open]) -> None:
    """The innermost open mark was never closed: it is text, and so is its mark."""
    left = stack.pop()
    _add_text(stack[-1].children, left.mark)
    for child in left.children:
        if isinstance(child, Text):
            _add_text(stack[-1].children, child.text)
        else:
            stack[-1].children.append(child)


def _add_text(nodes: list[Node], text: str) -> None:
    if not text:
        return
    if nodes and isinstance(nodes[-1], Text):
        nodes[-1] = Text(nodes[-1].text + text)
    else:
        nodes.append(Text(text))


def _walk(nodes: tuple[Node, ...]) -> Iterator[Node]:
    for node in nodes:
        yield node
        if isinstance(node, Bold | Italic):
            yield from _walk(node.children)


def _html(node: Node, mentions: Mapping[int, str]) -> str:
    match node:
        case Text(text):
            return html.escape(text).replace("\n", "<br>")
        case Code(text):
            return f"<code>{html.escape(text)}</code>"
        case Pre(text):
            return f"<pre><code>{html.escape(text)}</code></pre>"
        case Link(url):
            href = html.escape(url, quote=True)
            return (
                f'<a href="{href}" rel="noopener noreferrer nofollow" target="_blank">{href}</a>'
            )
        case Mention(person_id, typed_name):
            if person_id not in mentions:
                return html.escape(f"@{typed_name}")
            name = html.escape(mentions[person_id])
            return f'<span class="mention" data-person="{person_id}">@{name}</span>'
        case Bold(children):
            return "<b>" + "".join(_html(child, mentions) for child in children) + "</b>"
        case Italic(children):
            return "<i>" + "".join(_html(child, mentions) for child in children) + "</i>"
    assert_never(node)


def _plain(node: Node, mentions: Mapping[int, str]) -> str:
    match node:
        case Text(text) | Code(text) | Pre(text):
            return text
        case Link(url):
            return url
        case Mention(person_id, typed_name):
            return "@" + mentions.get(person_id, typed_name)
        case Bold(children) | Italic(children):
            return "".join(_plain(child, mentions) for child in children)
    assert_never(node)
