"""Hostile Markdown: markup of its own never survives, and no message stops the build."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from data_folders import GOOD, messages, run, write
from kudoswall.core.data import markup as render_module
from kudoswall.core.data.markup import MessageRenderer

ALLOWED_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "a", "code", "pre", "blockquote"}


def parse(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every element the browser would build from this HTML, with its attributes."""
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def assert_inert(html: str, source: str = "") -> None:
    for tag, attributes in parse(html):
        assert tag in ALLOWED_TAGS, (source, html)
        for name, value in attributes:
            assert name in {"href", "title", "rel"}, (source, html)
            if name == "href":
                assert (value or "").startswith(("https://", "http://", "mailto:")), (source, html)
    assert "<!--" not in html


@pytest.fixture(scope="module")
def render() -> MessageRenderer:
    return MessageRenderer()


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "![pic](https://example.org/x.png)",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java&#x09;script:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](vbscript:msgbox)",
        '<a href="https://ok.example" onclick="steal()">x</a>',
        "<iframe src=https://evil.example></iframe>",
        "<svg onload=alert(1)>",
        "<style>body{display:none}</style>",
        '[x](https://ok.example "title" onmouseover="alert(1)")',
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<!-- comment --><b>bold</b>",
        "[rel](/admin) [proto](//evil.example)",
    ],
)
def test_no_markup_of_its_own_survives(render: MessageRenderer, hostile: str) -> None:
    assert_inert(render.render(hostile).html, hostile)


def test_raw_html_shows_as_text(render: MessageRenderer) -> None:
    rendered = render.render("I <3 the <b>team</b>")
    assert rendered.html == "<p>I &lt;3 the &lt;b&gt;team&lt;/b&gt;</p>"
    assert rendered.text == "I <3 the <b>team</b>"


NESTED = {
    "bullets": "- " * 500 + "x",
    "stars": "* " * 500 + "x",
    "numbers": "1. " * 333 + "x",
    "parens": "1) " * 333 + "x",
    "quotes": "> " * 500 + "x",
    "mixed": "> - 1. " * 142 + "x",
    "brackets": "[" * 2000,
    "emphasis": "*_" * 500 + "x" + "_*" * 500,
}


@pytest.mark.parametrize("name", sorted(NESTED))
def test_deeply_nested_markdown_renders_its_words_without_crashing(render: MessageRenderer, name: str) -> None:
    rendered = render.render(NESTED[name])
    assert_inert(rendered.html, name)
    assert "x" in rendered.text or name == "brackets"


def test_a_message_of_1001_nested_list_markers_is_published(root: Path) -> None:
    message = "- " * 500 + "x"
    assert len(message) == 1001
    write(root, "kudos/deep.yml", GOOD.replace("Thanks for the calm.", f"'{message}'"))
    write(root, "kudos/good.yml", GOOD)
    data = run(root)
    assert data.problems == ()
    assert len(data.entries) == 2


def test_a_message_that_cannot_be_rendered_is_a_located_problem_and_the_rest_is_published(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(source: str) -> str:
        if "boom" in source:
            raise RecursionError("maximum recursion depth exceeded")
        return source

    monkeypatch.setattr(render_module, "bound_nesting", explode)
    write(root, "kudos/boom.yml", GOOD.replace("Thanks for the calm.", "'**boom**'"))
    write(root, "kudos/good.yml", GOOD.replace("Thanks for the calm.", "'**fine**'"))
    data = run(root)
    assert messages(data) == [
        ("kudos/boom.yml:5: the message cannot be shown: its formatting is nested too deeply"
        " - simplify its formatting: fewer nested lists, quotes or brackets")
    ]
    assert [e.message_text for e in data.entries] == ["fine"]
