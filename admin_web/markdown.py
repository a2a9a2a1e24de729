"""Task statements written in Markdown, shown as HTML that cannot carry the author's own
markup: raw HTML is escaped, and links may only lead to http(s) and mail addresses."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markupsafe import Markup

_RENDERER = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render_markdown(source: str) -> Markup:
    """``source`` as safe HTML; formulas stay text (``a^2 + b^2``), as teachers type them."""
    return Markup(_RENDERER.render(source))
