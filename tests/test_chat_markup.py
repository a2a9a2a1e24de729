"""Markdown-light in chat: what people type renders as they mean it, and nothing they type runs.

The HTML is read back with ``html.parser``, as a browser would read it, and checked by its
elements and attributes rather than compared as strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from core.chat_markup import mentioned_ids, plain_text, render_html

ALLOWED_ATTRIBUTES = {
    "b": set(),
    "i": set(),
    "code": set(),
    "pre": set(),
    "br": set(),
    "a": {"href", "rel", "target"},
    "span": {"class", "data-person"},
}
VOID = {"br"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The text a reader sees (line breaks as newlines)."""
        return "".join(
            child if isinstance(child, str) else "\n" if child.tag == "br" else child.text
            for child in self.children
        )

    def all(self, tag: str) -> list[Element]:
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if child.tag == tag:
                    found.append(child)
                found.extend(child.all(tag))
        return found


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root")
        self.stack = [self.root]
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if len(self.stack) == 1 or self.stack[-1].tag != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1].tag}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_comment(self, data: str) -> None:
        self.problems.append(f"comment {data!r}")

    def handle_decl(self, decl: str) -> None:
        self.problems.append(f"declaration {decl!r}")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"processing instruction {data!r}")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"declaration {data!r}")


def read_html(markup: str) -> Element:
    """Parse rendered HTML and check it is safe: only allowed elements and attributes,
    links only to http(s), every element closed where it opened."""
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    assert builder.problems == []
    assert builder.stack == [builder.root], "an element was left open"
    for element in _elements(builder.root):
        assert element.tag in ALLOWED_ATTRIBUTES, element.tag
        assert set(element.attrs) <= ALLOWED_ATTRIBUTES[element.tag], element.attrs
        assert not any(name.startswith("on") for name in element.attrs)
        if element.tag == "a":
            assert urlsplit(element.attrs["href"] or "").scheme in {"http", "https"}
            assert element.attrs["rel"] == "noopener noreferrer nofollow"
            assert element.attrs["target"] == "_blank"
        if element.tag == "span":
            assert element.attrs["class"] == "mention"
            assert (element.attrs["data-person"] or "").isdigit()
    return builder.root


def _elements(root: Element) -> list[Element]:
    found = []
    for child in root.children:
        if isinstance(child, Element):
            found.append(child)
            found.extend(_elements(child))
    return found


def tags(root: Element) -> list[str]:
    return [element.tag for element in _elements(root)]


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    "<a href='javascript:alert(1)'>click</a>",
    "[x](javascript:alert(1))",
    "[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1) and data:text/html,<script>alert(1)</script>",
    'http://example.com/"><script>alert(1)</script>',
    "http://example.com/' onmouseover='alert(1)",
    'https://example.com/" onmouseover="alert(1)" x="',
    "https://example.com/`onclick=alert(1)`",
    "http://example.com/<img/src/onerror=alert(1)>",
    "**<b onclick=alert(1)>bold</b>**",
    "*<i>*_<u>_",
    "```</code></pre><script>alert(1)</script>```",
    "`</code><img src=x onerror=alert(1)>`",
    "@[<img src=x onerror=alert(1)>](person:5)",
    '@[Name](person:5" onmouseover="alert(1))',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!-- comment --><![CDATA[x]]><?php echo 1 ?>",
    "<style>body{display:none}</style><iframe src=//evil>",
    "***__**_*_**__***",
    "**a *b **c *d **e *f **g *h **i *j**",
    "`unclosed **bold* _under ```fence",
    "\x00\x01\x1b[31mred\x7f\u202egpj.exe http://x.kz/\u202eexe.pdf",
    "Сәлем <b>балалар</b>! Привет, <script>ёлка</script>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_the_text_itself(text):
    root = read_html(render_html(text, {5: '<script>alert("x")</script>'}))
    assert "script" not in tags(root)
    assert "img" not in tags(root)
    if "<script>" in text and "```" not in text and "`" not in text:
        assert "<script>" in root.text  # shown, not run


def test_a_mention_name_is_escaped_and_comes_from_the_caller():
    root = read_html(
        render_html("@[Teacher](person:5) says hi", {5: '<img src=x onerror="alert(1)">'})
    )
    (mention,) = root.all("span")
    assert mention.attrs["data-person"] == "5"
    assert mention.text == '@<img src=x onerror="alert(1)">'
    assert "img" not in tags(root)


def test_quotes_in_an_address_cannot_leave_the_attribute():
    root = read_html(render_html('see http://example.com/a"onmouseover="alert(1) now'))
    (link,) = root.all("a")
    assert link.attrs["href"] == "http://example.com/a"
    assert set(link.attrs) == {"href", "rel", "target"}
    assert root.text == 'see http://example.com/a"onmouseover="alert(1) now'


def test_only_web_addresses_become_links():
    text = "javascript:alert(1) data:text/html,x ftp://files.kz file:///etc/passwd mailto:a@b.kz"
    root = read_html(render_html(text))
    assert root.all("a") == []
    assert root.text == text


def test_bold_and_italic_in_kazakh_and_russian():
    root = read_html(render_html("**Маңызды**: ертең *бақылау жұмысы*, _не забудьте_ тетради"))
    assert [b.text for b in root.all("b")] == ["Маңызды"]
    assert [i.text for i in root.all("i")] == ["бақылау жұмысы", "не забудьте"]
    assert root.text == "Маңызды: ертең бақылау жұмысы, не забудьте тетради"


@pytest.mark.parametrize(
    "text",
    [
        "snake_case_name and __init__ and my_var_",
        "my _var_name here, call *args*kwargs",
        "2*3*4 = 24, a * b * c",
        "сабақ_уақыты_бүгін",
        "** not bold ** and * not italic *",
        "**",
        "****",
        "_",
    ],
)
def test_marks_inside_words_or_next_to_spaces_stay_as_typed(text):
    root = read_html(render_html(text))
    assert tags(root) == []
    assert root.text == text


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("***both***", ["b", "i"]),
        ("*a **b** c*", ["i", "b"]),
        ("**a _b_ c**", ["b", "i"]),
        ("_a **b** c_", ["i", "b"]),
    ],
)
def test_marks_nest(text, shape):
    root = read_html(render_html(text))
    assert tags(root) == shape
    assert "*" not in root.text
    assert "_" not in root.text


@pytest.mark.parametrize(
    "text",
    [
        "**unclosed *italic",
        "*a **b* c**",
        "**a _b** c_",
        "_a *b_ c*",
        "*" * 40 + "deep" + "*" * 40,
        "**a\nb**",
        "*a *b *c *d *e *f *g *h* g* f* e* d* c* b* a*",
    ],
)
def test_unbalanced_and_deep_marks_still_give_well_formed_html(text):
    root = read_html(render_html(text))
    letters = [char for char in text if char.isalpha()]
    assert [char for char in root.text if char.isalpha()] == letters


@pytest.mark.parametrize(
    ("text", "shape", "shown"),
    [
        ("**a _b** c_", ["b"], "a _b c_"),
        ("_a *b_ c*", ["i"], "a *b c*"),
        ("*a **b* c**", ["b"], "*a b* c"),
    ],
)
def test_a_mark_closes_its_own_kind_and_crossed_marks_turn_to_text(text, shape, shown):
    root = read_html(render_html(text))
    assert tags(root) == shape
    assert root.text == shown


def test_thousands_of_nested_marks_render():
    text = "**a " * 500 + "x" + " b**" * 500
    root = read_html(render_html(text))
    assert root.text.count("a") == 500


def test_a_mark_does_not_run_past_the_end_of_its_line():
    root = read_html(render_html("*first\nsecond*"))
    assert tags(root) == ["br"]
    assert root.text == "*first\nsecond*"


def test_code_keeps_its_marks_and_its_html():
    root = read_html(render_html("Run `pip install **x** <b>` then"))
    (code,) = root.all("code")
    assert code.text == "pip install **x** <b>"
    assert tags(root) == ["code"]


def test_a_fenced_block_keeps_lines_and_drops_its_language():
    text = "Пример:\n```python\nfor i in range(3):\n    print('<i>', i * 2 * 3)\n```\nГотово"
    root = read_html(render_html(text))
    (pre,) = root.all("pre")
    assert pre.text == "for i in range(3):\n    print('<i>', i * 2 * 3)"
    assert "i" not in tags(root)
    assert root.text.startswith("Пример:\n")
    assert root.text.endswith("\nГотово")


@pytest.mark.parametrize(
    ("text", "href", "after"),
    [
        ("Смотри https://example.kz/path?a=1&b=2.", "https://example.kz/path?a=1&b=2", "."),
        (
            "(see https://en.wikipedia.org/wiki/Foo_(bar))",
            "https://en.wikipedia.org/wiki/Foo_(bar)",
            ")",
        ),
        ("HTTP://EXAMPLE.KZ, then", "HTTP://EXAMPLE.KZ", ", then"),
        ("**https://example.kz/сабақ**", "https://example.kz/сабақ", ""),
    ],
)
def test_web_addresses_become_safe_links(text, href, after):
    root = read_html(render_html(text))
    (link,) = root.all("a")
    assert link.attrs["href"] == href
    assert link.text == href
    assert root.text.endswith(href + after)


def test_a_direction_override_ends_an_address():
    root = read_html(render_html("http://example.kz/\u202eexe.pdf"))
    (link,) = root.all("a")
    assert link.attrs["href"] == "http://example.kz/"


def test_mentions_show_the_known_name_and_only_for_known_people():
    root = read_html(
        render_html("@[Әсел](person:7) and @[Admin](person:8)", {7: "Әсел Нұрланқызы"})
    )
    (mention,) = root.all("span")
    assert mention.attrs == {"class": "mention", "data-person": "7"}
    assert mention.text == "@Әсел Нұрланқызы"
    assert root.text == "@Әсел Нұрланқызы and @Admin"


def test_a_mention_uses_the_callers_name_not_the_typed_one():
    root = read_html(render_html("@[Director](person:3) approved", {3: "Ерлан"}))
    assert root.all("span")[0].text == "@Ерлан"
    assert "Director" not in root.text


def test_newlines_become_line_breaks():
    root = read_html(render_html("Бірінші\r\nВторая\n\nThird"))
    assert tags(root) == ["br", "br", "br"]
    assert root.text == "Бірінші\nВторая\n\nThird"


def test_plain_text_drops_the_marks_and_keeps_the_words():
    text = "**Сәлем**, _балалар_! `код` @[X](person:7) https://a.kz\n```\nblock\n```"
    assert plain_text(text, {7: "Әсел"}) == "Сәлем, балалар! код @Әсел https://a.kz\nblock"
    assert plain_text(text) == "Сәлем, балалар! код @X https://a.kz\nblock"
    assert plain_text("<b>not markup</b> 2*3*4") == "<b>not markup</b> 2*3*4"


def test_mentioned_ids_ignore_code_and_malformed_mentions():
    text = "@[A](person:1) @[B](person:22) `@[C](person:3)` @[D](person:x) @[E](user:5)"
    assert mentioned_ids(text) == {1, 22}
    assert mentioned_ids("no mentions") == set()
