"""YAML reading that remembers lines and refuses what PyYAML lets slide.

PyYAML silently keeps the last of two equal keys and crashes on impossible
dates; both would lose a person's words without a trace, so this loader
reports them as problems with the line where they happen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

try:  # The C parser is several times faster; fall back where libyaml is missing.
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader

MAX_FILE_BYTES = 4 * 1024 * 1024


class LineDict(dict[str, Any]):
    """A mapping that knows the line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


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

    def construct_line_mapping(self, node: yaml.MappingNode) -> Any:
        data = LineDict()
        data.line = node.start_mark.line + 1
        data.key_lines = {}
        yield data
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            line = key_node.start_mark.line + 1
            if key in data.key_lines:
                self.issues.append(
                    YamlIssue(
                        line,
                        f"duplicate key '{key}' (first at line {data.key_lines[key]})",
                        "keep one of them; YAML would silently drop the first",
                    )
                )
                continue
            data.key_lines[key] = line
            data[key] = self.construct_object(value_node, deep=True)

    def construct_checked_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError as error:
            return BadScalar(str(node.value), str(error))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_line_mapping)
_LineLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _LineLoader.construct_checked_timestamp
)


def parse(text: str) -> tuple[Any, list[YamlIssue]]:
    """Parse one YAML document; syntax errors come back as issues, not raised."""
    loader = _LineLoader(text)
    try:
        return loader.get_single_data(), loader.issues
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        what = error.problem or error.context or "invalid YAML"
        return None, [
            YamlIssue(
                line,
                f"YAML syntax error: {what}",
                "check the indentation and quote text that contains ': ' or starts with a symbol",
            )
        ]
    except yaml.YAMLError as error:
        return None, [YamlIssue(None, f"YAML error: {error}", "")]
    finally:
        loader.dispose()


def read(path: str) -> tuple[Any, list[YamlIssue]]:
    """Read and parse a file, refusing ones too large or not UTF-8."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return None, [YamlIssue(None, f"cannot read file: {error.strerror}", "")]
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
