"""Fuzzing: whatever anyone writes, the loader, validator and renderer answer with data, never an exception."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from data_folders import TODAY
from kudoswall.core.data.markup import MessageRenderer
from kudoswall.core.data.model import Person
from kudoswall.core.data.people import validate_people
from kudoswall.core.data.validate import validate_entry
from kudoswall.core.data.yamlfile import LineDict, parse

FUZZ = settings(max_examples=200, deadline=None)
PEOPLE = {"ana-lima": Person("ana-lima", "Ana Lima"), "zed": Person("zed", "Zed Q", wall=False)}
RENDERER = MessageRenderer()

YAML_BITS = st.sampled_from(
    ["date: ", "2026-02-30", "from: ", "to: ", "[", "]", "{", "}", "&a ", "*a", "<<: ", "- ", "\n", "  ",
     "'", '"', "#", "!!binary ", "? ", ": ", "\x00", "\t", "\ufeff", "9" * 50, "message: |\n  ", "---\n"]
)
MARKDOWN_BITS = st.sampled_from(
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src=//x>", "<style>", "</", "<",
     "[a](javascript:alert(1))", "[a](https://ok.example)", "![i](https://x/p.png)", "onclick=", "*", "_", "`",
     "> ", "- ", "1. ", "\n", "    ", "[", "]", "(", ")", "&#106;avascript:", "<a href='javascript:x'>", "\\",
     "<svg onload=x>", "<!--", "-->", "&", "#"]
)


@FUZZ
@given(st.one_of(st.text(), st.lists(YAML_BITS).map("".join)))
def test_the_yaml_loader_returns_issues_for_any_text(text: str) -> None:
    _document, issues = parse(text)
    for issue in issues:
        assert issue.line is None or issue.line >= 1
        assert len(issue.message) < 300


@FUZZ
@given(st.binary())
def test_the_yaml_loader_returns_issues_for_any_bytes(raw: bytes) -> None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    parse(text)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30), st.dates())
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)
FIELDS = st.sampled_from(["date", "from", "to", "message", "title", "principles", "anonymous", "card", "campaign", "slot", "x"])


def line_dict(mapping: dict[str, object]) -> LineDict:
    data = LineDict(mapping)
    data.line = 1
    data.key_lines = {key: n + 2 for n, key in enumerate(mapping)}
    return data


@FUZZ
@given(st.dictionaries(FIELDS, VALUES, max_size=11))
def test_the_validator_never_raises_on_any_entry(mapping: dict[str, object]) -> None:
    entry, problems = validate_entry("kudos/x.yml", line_dict(mapping), PEOPLE, ["patience"], TODAY)
    assert (entry is None) == bool(problems)


@FUZZ
@given(st.dictionaries(st.text(max_size=12), VALUES, max_size=6))
def test_the_validator_never_raises_on_any_people_file(mapping: dict[str, object]) -> None:
    records = {k: line_dict(v) if isinstance(v, dict) else v for k, v in mapping.items()}
    validate_people("kudos/people.yml", line_dict(records), TODAY)


LIVE = re.compile(r"<script|<img|<iframe|<style|<svg|\bon[a-z]+\s*=|javascript:", re.IGNORECASE)


@FUZZ
@given(st.one_of(st.text(max_size=300), st.lists(MARKDOWN_BITS, max_size=60).map("".join)))
def test_the_renderer_never_raises_and_no_markup_survives(source: str) -> None:
    rendered = RENDERER.render(source)
    tags = re.findall(r"<[^>]*>", rendered.html)
    for tag in tags:
        assert not LIVE.search(tag), (source, rendered.html)
    assert not re.search(r"href=\"(?!https?://|mailto:)", rendered.html), (source, rendered.html)
