"""Markdown formatting in messages works; hostile markup is tried in tests/hostile."""

from __future__ import annotations

import pytest

from kudoswall.core.data.markup import MessageRenderer


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
