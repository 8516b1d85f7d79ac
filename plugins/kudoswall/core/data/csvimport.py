"""Bulk import of kudos from a survey tool's CSV export (Google Forms, Microsoft Forms).

Each row becomes one entry file, validated like the build validates. A row
that is already in the data (same date, people, words) is skipped, so the
same export can be imported again, or a newer export with more rows, and
only the new rows are added.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .entryfile import Context, content_key, create_entry, entry_mapping, existing_keys
from .ids import did_you_mean, ids_by_name
from .model import CUSTOMER, Problem
from .schema import FIELD_NAMES, REQUIRED
from .yamlfile import LineDict

# Header aliases the survey tools write on their own; any other header needs --map.
DATE_ALIASES = ("timestamp", "completion time", "submitted at", "submission time")
IGNORE = "-"

# Tried in order; the first format that reads every date of the column wins.
# Google Forms writes the spreadsheet locale's format (US by default),
# Microsoft Forms its own "M/D/YY H:MM:SS" or with AM/PM.
DATE_FORMATS = (
    "iso",
    "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d",
    "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y",
    "%m/%d/%y %H:%M:%S", "%m/%d/%y %H:%M", "%m/%d/%y %I:%M:%S %p", "%m/%d/%y %I:%M %p", "%m/%d/%y",
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y",
    "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y",
)
MAX_CELL = 10_000  # characters; a message is at most 2,000, so a longer cell is not a kudos
MAX_FILE = 256 * 1024 * 1024
# Bytes the file's encoding cannot read become this character, so the row
# that holds them is named instead of the whole import failing.
UNREADABLE = "\udc00"


def _mark_unreadable(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return UNREADABLE, error.end


codecs.register_error("kudos-unreadable", _mark_unreadable)
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
REEXPORT = "export the responses again as 'CSV UTF-8' (Excel: Save as > CSV UTF-8; Google Sheets: File > Download > CSV)"
TRUE_WORDS = {"yes", "y", "true", "1", "on", "x", "checked", "anonymous", "ja", "oui", "si", "sí"}
FALSE_WORDS = {"", "no", "n", "false", "0", "off", "nein", "non"}


class CsvImportError(Exception):
    """The file cannot be imported at all (unreadable, or a required column is missing)."""


@dataclass
class ImportResult:
    created: list[Path] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)  # row numbers
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    rows: int = 0


def _norm(header: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", header.casefold()).split())


def parse_map(pairs: Sequence[str]) -> dict[str, str]:
    """`"Column header=field"` pairs, by normalised header; `field` may be `-` to ignore."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        header, sep, name = pair.rpartition("=")
        name = name.strip()
        if not sep or not header.strip():
            raise CsvImportError(f"--map {pair!r} must look like \"Column header=field\"")
        if name not in FIELD_NAMES and name != IGNORE:
            hint = did_you_mean(name, FIELD_NAMES) or f"the fields are: {', '.join(FIELD_NAMES)}"
            raise CsvImportError(f"--map {pair!r}: unknown field '{name}' - {hint}")
        mapping[_norm(header)] = name
    return mapping


def _columns(headers: list[str], mapped: Mapping[str, str]) -> tuple[dict[str, int], list[str]]:
    """Which column feeds which field: explicit maps, then exact field names, then the tools' own."""
    normalised = [_norm(h) for h in headers]
    known = ", ".join(repr(h) for h in headers)
    unused = sorted(set(mapped) - set(normalised))
    if unused:
        raise CsvImportError(
            f"--map names no column of the file: {', '.join(repr(u) for u in unused)}; the columns are: {known}"
        )
    by_field: dict[str, int] = {}

    def free(index: int) -> bool:
        return index not in by_field.values() and normalised[index] not in mapped

    for index, name in enumerate(normalised):
        target = mapped.get(name, IGNORE)
        if target != IGNORE and target not in by_field:
            by_field[target] = index
    for index, name in enumerate(normalised):
        target = "principles" if name == "principle" else name
        if free(index) and target in FIELD_NAMES and target not in by_field:
            by_field[target] = index
    for alias in DATE_ALIASES:
        if "date" in by_field:
            break
        found = [i for i, name in enumerate(normalised) if name == alias and free(i)]
        if found:
            by_field["date"] = found[0]
    ignored = [h for i, h in enumerate(headers) if i not in by_field.values()]
    missing = [f for f in REQUIRED if f not in by_field]
    if missing:
        raise CsvImportError(
            f"no column for {', '.join(repr(m) for m in missing)}; the columns are: {known}"
            f" - say which column holds it with --map \"<column header>={missing[0]}\""
        )
    return by_field, ignored


def _date_readers(values: list[str], date_format: str | None, where: str) -> list[str]:
    """The formats to read the date column with, decided from the whole column.

    A column is written one way. When several formats read all of it but
    disagree on a day (01/11/2026: 1 November or 11 January, when no day in
    the column is over 12), guessing would put the rows on the wrong days,
    and the next export, which settles it, would import them again: the
    import is refused, naming the formats to choose from.
    """
    if date_format:
        return [date_format]
    present = [v for v in values if v]
    readings: dict[tuple[dt.date | None, ...], str] = {}
    for fmt in DATE_FORMATS:
        days = tuple(_read_date(v, fmt) for v in present)
        if None not in days:
            readings.setdefault(days, fmt)
    if len(readings) > 1:
        (first, one), (second, other) = list(readings.items())[:2]
        shown = next(v for v, a, b in zip(present, first, second, strict=True) if a != b)
        raise CsvImportError(
            f"{where}: the dates can be read two ways ({shown!r} is {_long(first[present.index(shown)])} "
            f"or {_long(second[present.index(shown)])}) - say which with --date-format {one!r} or --date-format {other!r}"
        )
    return list(readings.values()) or list(DATE_FORMATS)


def _long(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "?"


def _possible_days(value: str) -> set[dt.date]:
    """Every day a date cell could mean, whatever the order: a row imported under one reading is known under the other."""
    return {day for fmt in DATE_FORMATS if (day := _read_date(value.strip(), fmt)) is not None}


def _read_date(value: str, fmt: str) -> dt.date | None:
    try:
        if fmt == "iso":
            if not re.match(r"^\d{4}-\d{2}-\d{2}", value):
                return None
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date() if len(value) > 10 else dt.date.fromisoformat(value)
        return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a day, with no time of day to place
    except ValueError:
        return None


def _split(value: str) -> list[str]:
    # Google Forms joins the answers of a checkbox question with ", ",
    # Microsoft Forms with ";".
    return [part.strip() for part in re.split(r"[,;]", value) if part.strip()]


def _resolver(labels: Mapping[str, str]) -> Any:
    """Accept an id, or the label people pick in a form (a person's name, a principle's title).

    A label several ids share comes back as all of them, for the row to be refused with its candidates.
    """
    by_label = ids_by_name(labels, _norm)

    def resolve(value: str) -> str | tuple[str, ...]:
        if value in labels or value == CUSTOMER:
            return value
        key = _norm(value)
        if key in ("customer", "a customer"):
            return CUSTOMER
        ids = by_label.get(key, ())
        if ids:
            return ids if len(ids) > 1 else ids[0]
        return value.lower() if value.lower() in labels else value

    return resolve


def _table(name: str, text: str) -> tuple[list[str], list[list[str] | str]]:
    """The header row and the rows under it (a row that cannot be read is its error text)."""
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = _records(text, dialect)
    while rows and isinstance(rows[-1], list) and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise CsvImportError(f"{name} is empty")
    header = rows[0]
    if isinstance(header, str):
        raise CsvImportError(f"{name}:1: the header row cannot be read ({header}) - {REEXPORT}")
    if any(UNREADABLE in h for h in header):
        raise CsvImportError(f"{name}:1: the header row holds bytes that cannot be read as text - {REEXPORT}")
    return [h.strip() for h in header], rows[1:]


def import_rows(
    context: Context,
    name: str,
    text: str,
    mapping: Sequence[str] = (),
    date_format: str | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import CSV `text`; `name` is how messages show the file."""
    result = ImportResult()
    headers, body = _table(name, text)
    columns, result.ignored_columns = _columns(headers, parse_map(mapping))
    result.rows = len(body)
    readers = _date_readers(
        [row[columns["date"]].strip() if isinstance(row, list) and columns["date"] < len(row) else "" for row in body],
        date_format, f"{name}: column {headers[columns['date']]!r}",
    )
    people = _resolver({pid: p.name for pid, p in context.people.items()})
    principles = _resolver({pid: p.title for pid, p in context.principles.items()})
    known = existing_keys(context)
    for number, row in enumerate(body, start=2):  # row 1 is the header, as a spreadsheet counts
        if isinstance(row, str):
            result.problems.append(_unreadable_row(name, number, row))
            continue
        if not any(cell.strip() for cell in row):
            continue
        cells = {f: (row[i] if i < len(row) else "") for f, i in columns.items()}
        if any(UNREADABLE in cell for cell in cells.values()):
            bad = next(f for f, cell in cells.items() if UNREADABLE in cell)
            result.problems.append(
                Problem(name, number, f"'{bad}' holds bytes that cannot be read as text", REEXPORT)
            )
            continue
        data, problems = _row_entry(name, number, cells, readers, people, principles)
        if data is None:
            result.problems.extend(problems)
            continue
        raw, problems = context.validate(name, data, number)
        if raw is None:
            result.problems.extend(problems)
            continue
        key = content_key(raw)
        others = {content_key(dataclasses.replace(raw, date=day)) for day in _possible_days(cells["date"])}
        if key in known or others & known:
            result.duplicates.append(number)
            continue
        known.add(key)
        if dry_run:
            continue
        label = Path(name).name
        path, problems = create_entry(context, _mapping(raw), [f"imported from {label}"])
        result.problems.extend(Problem(name, number, p.message, p.hint) for p in problems)
        if path is not None:
            result.created.append(path)
    return result


def _mapping(raw: Any) -> dict[str, Any]:
    return entry_mapping(
        date=raw.date, giver=raw.giver, recipients=raw.recipients, message=raw.message,
        principles=raw.principles, title=raw.title, anonymous=raw.anonymous,
        card=raw.card, campaign=raw.campaign,
    )


def _row_entry(
    name: str,
    number: int,
    cells: Mapping[str, str],
    readers: list[str],
    people: Any,
    principles: Any,
) -> tuple[LineDict | None, list[Problem]]:
    """A row as the mapping a YAML file would hold; cells the forms write differently are converted."""
    data = LineDict()
    data.line = number
    data.key_lines = {}
    problems: list[Problem] = []
    for key, cell in cells.items():
        value: Any = cell.strip() if key != "message" else cell.strip("\r\n")
        if key == "message":
            value = value.replace("\r\n", "\n").strip()
        if value == "":
            continue  # an empty optional cell is an absent field; a required one is reported missing
        if key == "date":
            day = next((d for f in readers if (d := _read_date(value, f)) is not None), None)
            if day is None:
                problems.append(
                    Problem(name, number, f"'date' {value!r} is not a date this import understands",
                            "give its format with --date-format, e.g. --date-format '%d/%m/%Y %H:%M:%S'")
                )
                continue
            value = day
        elif key in ("from", "to", "principles"):
            resolve = principles if key == "principles" else people
            found = [resolve(v) for v in (_split(value) if key != "from" else [value])]
            shared = [(v, ids) for v, ids in zip(_split(value) if key != "from" else [value], found, strict=True)
                      if isinstance(ids, tuple)]
            for said, ids in shared:
                noun = "principles" if key == "principles" else "people"
                problems.append(Problem(name, number, f"{said!r} in '{key}' is the name of {len(ids)} {noun}: {', '.join(ids)}",
                                        "write the id instead, in the form or in this cell"))
            if shared:
                continue
            value = found[0] if key == "from" else found
        elif key == "anonymous":
            word = value.casefold()
            if word in TRUE_WORDS:
                value = True
            elif word in FALSE_WORDS:
                value = False
            else:
                problems.append(Problem(name, number, f"'anonymous' {value!r} must be yes or no", "leave it empty for no"))
                continue
        data[key] = value
        data.key_lines[key] = number
    return (None, problems) if problems else (data, [])


def _records(text: str, dialect: Any) -> list[list[str] | str]:
    """Every record of the file, or, for one that cannot be read, the reason."""
    records: list[list[str] | str] = []
    # The limit is the csv module's, process-wide: set for this read only.
    previous = csv.field_size_limit(MAX_CELL)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), dialect)
        while True:
            try:
                records.append(next(reader))
            except StopIteration:
                return records
            except csv.Error as error:
                records.append(str(error))
    finally:
        csv.field_size_limit(previous)


def _unreadable_row(name: str, number: int, reason: str) -> Problem:
    if "field limit" in reason:
        return Problem(
            name, number, f"a cell is longer than {MAX_CELL:,} characters",
            "a message is at most 2,000 characters: shorten it, or leave its column out with --map \"<header>=-\"",
        )
    return Problem(name, number, f"the row cannot be read as CSV ({reason})", "check its quotes, or " + REEXPORT)


def decode(raw: bytes) -> tuple[str, str]:
    """The text of an export and the encoding it was read in.

    Forms and spreadsheets write UTF-8 (with or without BOM), UTF-16 with a
    BOM (Excel's 'Unicode text'), or Windows-1252 (Excel's plain 'CSV' on
    Windows). Bytes the encoding cannot read are marked, not fatal, so only
    the rows holding them are refused.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", "kudos-unreadable"), "UTF-16"
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    if UTF8_SEQUENCE.search(raw):  # UTF-8 with a few broken bytes, not another encoding
        return raw.decode("utf-8-sig", "kudos-unreadable"), "UTF-8"
    return raw.decode("cp1252", "kudos-unreadable"), "Windows-1252"


def read_file(path: Path) -> tuple[str, str]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise CsvImportError(f"{path.name} is larger than {MAX_FILE // (1024 * 1024)} MB - split the export")
        return decode(path.read_bytes())
    except OSError as error:
        raise CsvImportError(f"cannot read {path.name}: {error.strerror}") from None


def read_text(path: Path) -> str:
    return read_file(path)[0]
