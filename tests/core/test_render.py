"""Messages come from anyone: Markdown formatting works, markup of their own never does."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from kudoswall.core.render import MessageRenderer

ALLOWED_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "a", "code", "pre", "blockquote"}


def parse(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every element the browser would build from this HTML, with its attributes."""
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collect().feed(html)
    return found


@pytest.fixture(scope="module")
def render() -> MessageRenderer:
    return MessageRenderer()


def test_emphasis_lists_line_breaks_and_links_survive(render: MessageRenderer) -> None:
    html = render.render(
        "**Bold** and _soft_  \nnext line\n\n- one\n- two\n\n1. first\n\n"
        "[site](https://example.org/a?b=1) <mailto:ana@example.org>"
    ).html
    assert "<strong>Bold</strong>" in html and "<em>soft</em>" in html
    assert "<br>" in html
    assert "<ul>" in html and "<li>one</li>" in html and "<ol>" in html
    assert '<a href="https://example.org/a?b=1" rel="nofollow noopener ugc">site</a>' in html
    assert 'href="mailto:ana@example.org"' in html


def test_a_backslash_at_the_end_of_a_line_breaks_it(render: MessageRenderer) -> None:
    assert render.render("first\\\nsecond").html == "<p>first<br>\nsecond</p>"


def test_an_image_shows_its_words_not_the_picture(render: MessageRenderer) -> None:
    assert render.render("![the whole team](https://x.example/p.png) rocks").html == "<p>the whole team rocks</p>"


def test_hard_wrapped_yaml_text_stays_one_paragraph(render: MessageRenderer) -> None:
    assert render.render("one line\nwrapped here").html == "<p>one line\nwrapped here</p>"


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
    html = render.render(hostile).html
    elements = parse(html)
    for tag, attributes in elements:
        assert tag in ALLOWED_TAGS, (hostile, html)
        for name, value in attributes:
            assert name in {"href", "title", "rel"}, (hostile, html)
            if name == "href":
                assert (value or "").startswith(("https://", "http://", "mailto:")), (hostile, html)
    assert "<!--" not in html


def test_raw_html_shows_as_text(render: MessageRenderer) -> None:
    rendered = render.render("I <3 the <b>team</b>")
    assert rendered.html == "<p>I &lt;3 the &lt;b&gt;team&lt;/b&gt;</p>"
    assert rendered.text == "I <3 the <b>team</b>"
