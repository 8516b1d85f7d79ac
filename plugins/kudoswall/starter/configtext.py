"""Adding the plugin to an existing mkdocs.yml by editing its text.

A YAML round trip would lose the comments and key order a site's authors
wrote, and cannot even load Material's `!!python/name:` tags or MkDocs'
`!ENV` without MkDocs' own loader. So the file is edited as text: one line
is inserted where the `plugins:` list ends (or a `plugins:` block is added
at the end), and everything else stays byte for byte. The edit is then
checked by reading both versions with a loader that keeps unknown tags as
opaque values: the new file must say exactly what the old one said, plus
`kudos` among the plugins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

PLUGIN = "kudos"
_KEY = re.compile(r"^plugins[ \t]*:(?P<rest>.*?)(?P<eol>\r?\n)?$")
_COMMENT = re.compile(r"\s+#.*$|^#.*$")


class ConfigTextError(Exception):
    """mkdocs.yml could not be edited safely; the message says what to add by hand."""


@dataclass(frozen=True)
class Edit:
    text: str  # the new mkdocs.yml
    done: str  # one line saying what changed, for the user


class _Tagged:
    """An unknown tag's value, compared by tag and content."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Tagged) and (self.tag, self.value) == (other.tag, other.value)

    def __hash__(self) -> int:
        return hash(self.tag)


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps `!ENV`, `!!python/name:...` and the like as opaque values."""


def _any_tag(loader: _Loader, tag: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.ScalarNode):
        return _Tagged(tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(tag, tuple(loader.construct_sequence(node, deep=True)))
    assert isinstance(node, yaml.MappingNode)
    return _Tagged(tag, repr(loader.construct_mapping(node, deep=True)))


_Loader.add_multi_constructor("!", _any_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def read(text: str) -> dict[str, Any]:
    """The config as data, for looking things up (docs_dir, site_url, nav); never written back."""
    try:
        document = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ConfigTextError(f"mkdocs.yml cannot be read{where}: {getattr(error, 'problem', error)}") from None
    if document is None:
        return {}
    if not isinstance(document, dict):
        raise ConfigTextError("mkdocs.yml must be a mapping of settings (site_name: ..., nav: ...)")
    return document


def plugin_names(value: Any) -> list[str]:
    """The plugins a `plugins:` value lists, in either of the forms MkDocs accepts."""
    if isinstance(value, dict):
        return [str(k) for k in value]
    if isinstance(value, list):
        return [str(next(iter(item))) if isinstance(item, dict) and item else str(item) for item in value]
    return []


def add_plugin(text: str) -> Edit | None:
    """mkdocs.yml's text with `kudos` among its plugins; None when it is there already."""
    before = read(text)
    if PLUGIN in plugin_names(before.get("plugins")):
        return None
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    found = [i for i, line in enumerate(lines) if _KEY.match(line)]
    if "plugins" in before and len(found) != 1:
        raise ConfigTextError(_by_hand("the `plugins:` key is written in a way this command does not edit"))
    if not found:
        ending = "" if not text or text.endswith(("\n", "\r")) else newline
        added = f"{ending}{newline}plugins:{newline}  - search{newline}  - {PLUGIN}{newline}"
        edit = Edit(text + added, "added a `plugins:` list with search (MkDocs' default, kept) and kudos")
    else:
        edit = _insert(lines, found[0], newline)
    _verify(before, edit.text)
    return edit


def _insert(lines: list[str], at: int, newline: str) -> Edit:
    match = _KEY.match(lines[at])
    assert match is not None
    rest = _COMMENT.sub("", match["rest"]).strip()
    if rest.startswith("[") and rest.endswith("]"):
        inner = rest[1:-1].strip()
        flow = f"[{inner}, {PLUGIN}]" if inner else f"[{PLUGIN}]"
        new = lines[at].replace(rest, flow, 1)
        return Edit("".join([*lines[:at], new, *lines[at + 1:]]), f"added {PLUGIN} to the `plugins:` list")
    if rest:
        raise ConfigTextError(_by_hand("`plugins:` is not a list this command can extend"))
    last, indent, is_list = at, None, True
    for i in range(at + 1, len(lines)):
        line = lines[i]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        column = len(line) - len(line.lstrip(" "))
        if column == 0 and not stripped.startswith("-"):
            break
        if indent is None:
            indent, is_list = column, stripped.startswith("-")
        last = i
    if indent is None:
        raise ConfigTextError(_by_hand("`plugins:` is empty"))
    item = f"{' ' * indent}- {PLUGIN}" if is_list else f"{' ' * indent}{PLUGIN}: {{}}"
    head = lines[: last + 1]
    if not head[-1].endswith(("\n", "\r")):
        head[-1] += newline
    return Edit("".join([*head, item + newline, *lines[last + 1:]]), f"added `{item.strip()}` under `plugins:`")


def _verify(before: dict[str, Any], text: str) -> None:
    """The edited file means what the old one meant, plus the plugin."""
    after = read(text)
    plugins_after = plugin_names(after.get("plugins"))
    same = {k: v for k, v in before.items() if k != "plugins"} == {k: v for k, v in after.items() if k != "plugins"}
    old = plugin_names(before.get("plugins")) if "plugins" in before else ["search"]
    if not same or plugins_after != [*old, PLUGIN]:
        raise ConfigTextError(_by_hand("the edit would have changed more than the plugin list"))


def _by_hand(why: str) -> str:
    return (
        f"mkdocs.yml was left as it was: {why}. Add the plugin by hand:\n"
        f"plugins:\n  - search   # keep your other plugins\n  - {PLUGIN}"
    )
