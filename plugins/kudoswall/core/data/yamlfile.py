"""YAML reading that remembers lines and refuses what PyYAML lets slide.

PyYAML silently keeps the last of two equal keys and crashes on impossible
dates; both would lose a person's words without a trace, so this loader
reports them as problems with the line where they happen. A file is written
by anyone, so the work it can cause is bounded too: its size, how far its
aliases may multiply, and how deep it nests. Nothing in here raises on bad
input; every failure comes back as an issue with a line where one exists.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import reprlib
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import yaml

try:  # The C parser is several times faster; fall back where libyaml is missing.
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader

MAX_FILE_BYTES = 4 * 1024 * 1024
# Aliases may share values, but not multiply them: a few hundred bytes of
# nested aliases ("billion laughs") would otherwise stand for gigabytes that
# any message quoting the value, or any walk over it, would pay for.
MAX_ALIAS_GROWTH = 10_000
MAX_DEPTH = 100
QUOTE_MAX = 60

# What YAML 1.1 allows in a stream; anything else makes PyYAML fail without a line.
_NOT_ALLOWED = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

class _ShortRepr(reprlib.Repr):
    """reprlib dispatches on the type's name; the loader's own containers are lists and dicts."""

    def repr_LineList(self, value: list[Any], level: int) -> str:
        return self.repr_list(value, level)

    def repr_LineDict(self, value: dict[str, Any], level: int) -> str:
        return self.repr_dict(value, level)

    def repr_instance(self, value: Any, level: int) -> str:
        if isinstance(value, (float, bool, type(None), dt.date, dt.time, bytes, BadScalar)):
            return shorten(repr(value), self.maxother)  # scalars: linear in the file at worst
        return f"<{type(value).__name__}>"  # never the full repr of an unknown value


_SHORT = _ShortRepr()
_SHORT.maxlevel = 2
_SHORT.maxstring = QUOTE_MAX
_SHORT.maxother = QUOTE_MAX
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = _SHORT.maxset = 4


def shorten(text: str, limit: int = QUOTE_MAX) -> str:
    """At most `limit` characters of a value a message quotes, marked when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def quote(value: Any) -> str:
    """A short, bounded repr: messages never pay for (or print) a huge value."""
    if isinstance(value, str):
        return repr(shorten(value))
    return shorten(_SHORT.repr(value))


class LineDict(dict[str, Any]):
    """A mapping that knows the line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict[str, int]
    # Keys written more than once, with the line of the repeat. Such a record
    # is ambiguous: its reader cannot tell which value the writer meant.
    repeated: Mapping[str, int] = MappingProxyType({})

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A list that knows the line of each item, so a bad item in a list file is located."""

    item_lines: list[int]


def is_ambiguous(value: Any) -> bool:
    """Whether any mapping in `value` repeats a key; shared values are visited once."""
    seen: set[int] = set()
    todo = [value]
    while todo:
        item = todo.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, dict):
            if getattr(item, "repeated", None):
                return True
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return False


@dataclass(frozen=True)
class BadScalar:
    """A value YAML recognised but could not build, such as 2026-02-30."""

    text: str
    reason: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class YamlIssue:
    line: int | None
    message: str
    hint: str = ""


class _LineLoader(_BaseLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.issues: list[YamlIssue] = []
        self.last_line: int | None = None

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # Remembered so that a value no constructor can build is still located.
        self.last_line = node.start_mark.line + 1
        return super().construct_object(node, deep)

    def construct_line_mapping(self, node: yaml.MappingNode) -> Any:
        data = LineDict()
        data.line = node.start_mark.line + 1
        data.key_lines = {}
        repeated: dict[str, int] = {}
        yield data
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = quote(key) if isinstance(key, (list, dict, set)) else str(key)
            line = key_node.start_mark.line + 1
            if key in data.key_lines:
                repeated.setdefault(key, line)
                self.issues.append(
                    YamlIssue(
                        line,
                        f"duplicate key {quote(key)} (first at line {data.key_lines[key]})",
                        "keep one of them; YAML would silently drop the first",
                    )
                )
                continue
            data.key_lines[key] = line
            data[key] = self.construct_object(value_node, deep=True)
        if repeated:
            data.repeated = repeated

    def construct_line_sequence(self, node: yaml.SequenceNode) -> Any:
        data = LineList()
        data.item_lines = [item.start_mark.line + 1 for item in node.value]
        yield data
        data.extend(self.construct_sequence(node))

    def construct_checked_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return self.construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as error:
            return BadScalar(shorten(str(node.value)), str(error))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_line_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_line_sequence)
_LineLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _LineLoader.construct_checked_timestamp
)


def _children(node: yaml.Node) -> Iterator[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key
            yield value
    elif isinstance(node, yaml.SequenceNode):
        yield from node.value


def _alias_issue(root: yaml.Node) -> YamlIssue | None:
    """Where aliases loop or multiply the data too much, in time linear in the file."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    distinct = 0
    todo: list[tuple[yaml.Node, bool]] = [(root, False)]
    while todo:
        node, finished = todo.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            size = 1 + sum(sizes[id(child)] for child in _children(node))
            sizes[key] = size
            if size > distinct + MAX_ALIAS_GROWTH:
                return YamlIssue(
                    node.start_mark.line + 1,
                    f"aliases here expand to more than {MAX_ALIAS_GROWTH:,} values",
                    "write the values out instead of nesting aliases (*name)",
                )
            continue
        if key in sizes:
            continue
        if key in on_path:
            return YamlIssue(node.start_mark.line + 1, "a value contains itself through an alias", "remove the alias")
        on_path.add(key)
        distinct += 1
        todo.append((node, True))
        todo.extend((child, False) for child in _children(node) if id(child) not in sizes)
    return None


def _deepest_line(text: str) -> int | None:
    """The line where the text first nests deeper than MAX_DEPTH, read as a flat event stream."""
    loader = _BaseLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return int(event.start_mark.line) + 1 if event.start_mark else None
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def _bad_character(text: str) -> YamlIssue | None:
    match = _NOT_ALLOWED.search(text)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    code = f"U+{ord(match.group()):04X}"
    return YamlIssue(
        line,
        f"file contains a control character ({code}) that YAML does not allow",
        "delete it; editors may show it as a box or not at all",
    )


def parse(text: str) -> tuple[Any, list[YamlIssue]]:
    """Parse one YAML document; every failure comes back as an issue, never raised."""
    bad = _bad_character(text)
    if bad is not None:
        return None, [bad]
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, loader.issues
        # Only an alias (*name) can loop or multiply the data: without a "*" there is none.
        issue = _alias_issue(node) if "*" in text else None
        if issue is not None:
            return None, [issue]
        return loader.construct_document(node), loader.issues
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        what = error.problem or error.context or "invalid YAML"
        return None, [
            YamlIssue(
                line,
                f"YAML syntax error: {shorten(what, 200)}",
                "check the indentation and quote text that contains ': ' or starts with a symbol",
            )
        ]
    except RecursionError:
        return None, [
            YamlIssue(_deepest_line(text) or loader.last_line, "values are nested too deeply", "flatten the lists and mappings")
        ]
    except yaml.YAMLError as error:
        position = getattr(error, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else loader.last_line
        return None, [YamlIssue(line, "YAML error: the file cannot be read", "check the value on this line")]
    except Exception as error:  # e.g. an integer of 5,000 digits; the build must go on
        return None, [
            YamlIssue(
                loader.last_line,
                f"a value cannot be read ({type(error).__name__})",
                "quote the value to keep it as text",
            )
        ]
    finally:
        loader.dispose()


def read(path: str) -> tuple[Any, list[YamlIssue]]:
    """Read and parse a regular file, refusing ones too large or not UTF-8.

    The file is opened without blocking and checked after opening, so a pipe
    or a device put where a data file was expected is refused, not waited on.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        return None, [YamlIssue(None, f"cannot read file: {error.strerror}", "")]
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None, [YamlIssue(None, "not a regular file", "data files must be plain files; remove it")]
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return None, [YamlIssue(None, f"cannot read file: {error.strerror}", "")]
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            YamlIssue(
                None,
                f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB",
                "split it into several smaller files",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [YamlIssue(line, "file is not valid UTF-8", "save it as UTF-8")]
    return parse(text)


def is_date(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
