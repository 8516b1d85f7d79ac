"""mkdocs.yml gets the plugin by a text edit: every other byte, comment and tag stays."""

from __future__ import annotations

import pytest

from kudoswall.starter.configtext import ConfigTextError, add_plugin, plugin_names, read

MATERIAL_SITE = """\
# Our handbook. Keep this comment.
site_name: Handbook
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
plugins:
  - search:
      lang: en   # indented options stay with their plugin
  - tags
# a comment at the end of the list

extra:
  analytics: !ENV [ANALYTICS, none]
nav:
  - Home: index.md
"""


def test_the_plugin_is_inserted_after_the_last_plugin_and_nothing_else_changes() -> None:
    edit = add_plugin(MATERIAL_SITE)
    assert edit is not None
    expected = MATERIAL_SITE.replace("  - tags\n", "  - tags\n  - kudos\n")
    assert edit.text == expected
    assert "!!python/name:material.extensions.emoji.twemoji" in edit.text


def test_without_plugins_the_default_search_is_kept() -> None:
    text = "site_name: Plain\nnav:\n  - Home: index.md"  # no final newline
    edit = add_plugin(text)
    assert edit is not None
    assert edit.text.startswith(text + "\n")
    assert plugin_names(read(edit.text)["plugins"]) == ["search", "kudos"]
    assert "search" in edit.done


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("plugins: [search, tags]  # flow\n", "plugins: [search, tags, kudos]  # flow\n"),
        ("plugins: []\n", "plugins: [kudos]\n"),
        ("plugins:\n- search\nnav: []\n", "plugins:\n- search\n- kudos\nnav: []\n"),
        ("plugins:\n    search: {}\n    tags:\n        x: 1\n", "plugins:\n    search: {}\n    tags:\n        x: 1\n    kudos: {}\n"),
        ("site_name: W\r\nplugins:\r\n  - search\r\n", "site_name: W\r\nplugins:\r\n  - search\r\n  - kudos\r\n"),
    ],
    ids=["flow-list", "empty-flow-list", "list-at-column-0", "mapping-form", "crlf"],
)
def test_each_way_of_writing_plugins_gets_one_more(before: str, after: str) -> None:
    edit = add_plugin("site_name: W\n" + before if not before.startswith("site_name") else before)
    assert edit is not None
    assert edit.text.endswith(after)


def test_a_site_that_lists_the_plugin_is_left_alone() -> None:
    assert add_plugin("site_name: W\nplugins:\n  - search\n  - kudos:\n      page_size: 10\n") is None


@pytest.mark.parametrize(
    "text",
    [
        "site_name: W\nplugins: !ENV [PLUGINS]\n",
        "site_name: W\nplugins: [search,\n  tags]\n",
        "site_name: W\nplugins:\n",
        "site_name: W\nplugins: [search\n",  # broken YAML
    ],
    ids=["tagged", "flow-over-two-lines", "empty", "broken"],
)
def test_a_form_it_cannot_edit_safely_is_refused_with_the_lines_to_add(text: str) -> None:
    with pytest.raises(ConfigTextError) as error:
        add_plugin(text)
    message = str(error.value)
    assert "mkdocs.yml" in message
    if "cannot be read" not in message:
        assert "  - kudos" in message
