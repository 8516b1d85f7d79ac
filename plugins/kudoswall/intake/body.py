"""Request bodies of the form's endpoint: one well-formed JSON document, or the reason it is not.

Python's JSON reader accepts what an entry never holds (a key twice, with
the last one winning; numbers of any length; NaN; lone surrogates that no
file could store). Each of those is refused here with what to send instead.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DIGITS = 30  # no field of an entry is a number; this is far past any honest one


def printable(text: str) -> str:
    return re.sub(r"[^\x20-\x7e\u00a0-\uffff]", "", text)[:200]


class BodyError(ValueError):
    """A body that is not one well-formed JSON document: answered 400 with this reason."""

    def __init__(self, reason: str, hint: str = "send the entry as one JSON object, encoded as UTF-8") -> None:
        super().__init__(reason)
        self.reason, self.hint = reason, hint


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # The YAML loader refuses a repeated key; JSON's last-one-wins would drop words silently.
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise BodyError(f"the key '{printable(key)[:40]}' appears twice", "send each field once")
        data[key] = value
    return data


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise BodyError(f"a number has more than {MAX_DIGITS} digits", "send dates and ids as text")
    return int(text)


def _float(text: str) -> float:
    value = float(text) if len(text) <= 2 * MAX_DIGITS else math.inf
    if not math.isfinite(value):
        raise BodyError("a number is too large", "send dates and ids as text")
    return value


def _constant(text: str) -> Any:
    raise BodyError(f"{text} is not JSON", "send numbers as digits")


def _check_text(value: Any) -> None:
    """Strings must be encodable: a lone surrogate (`\\ud800`) could never be written to a file."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        for text in (key, item):
            if isinstance(text, str):
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    raise BodyError("the text holds a lone surrogate (half of a character)", "send whole characters") from None
        if isinstance(item, (dict, list)):
            _check_text(item)


def parse_body(body: bytes) -> Any:
    """The request body as JSON, or a `BodyError` that says what is wrong with it."""
    if not body.strip():
        raise BodyError("the body is empty", "send the entry as a JSON object")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BodyError(f"the body is not UTF-8 (byte {error.start})", "encode the JSON as UTF-8") from None
    try:
        payload = json.loads(
            text, object_pairs_hook=_unique_keys, parse_int=_int, parse_float=_float, parse_constant=_constant
        )
    except json.JSONDecodeError as error:
        raise BodyError(f"malformed JSON: {error.msg} at line {error.lineno} column {error.colno}") from None
    except RecursionError:
        raise BodyError("the JSON is nested too deeply", "send the entry's fields as text and lists") from None
    except BodyError:
        raise
    except ValueError as error:  # e.g. Python's own limit on digits of an integer
        raise BodyError(f"malformed JSON: {printable(str(error))[:100]}") from None
    _check_text(payload)
    return payload
