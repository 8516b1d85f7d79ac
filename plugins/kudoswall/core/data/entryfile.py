"""Writing entries: one well-named YAML file each, checked by the build's own validator.

Every path that creates an entry (`kudos new`, `kudos import`, the intake
service, `kudos inbox approve`) comes through here, so a file is only ever
written after its exact text has been parsed back and validated the way
`mkdocs build` will read it, and never half-written or over another file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import os
import re
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import sources, yamlfile
from .kinds import RawIdea, check_idea
from .model import Person, Principle, Problem
from .optedout import OptedOutNames
from .project import Project, load_directory
from .schema import FIELD_NAMES, SCHEMA_FILE
from .validate import RawEntry, entries_in_file, validate_entry

MODELINE = "# yaml-language-server: $schema={}"
MAX_NAME_IDS = 3  # recipients named in a file name; the rest become "and-N-more"


@dataclass
class Context:
    """What validating an entry needs: the people, the principles and the day."""

    root: Path
    data_dir: Path
    people: dict[str, Person]
    principles: dict[str, Principle]
    today: dt.date
    problems: list[Problem] = field(default_factory=list)

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the site, like the build's."""
        try:
            return Path(os.path.relpath(path, self.root)).as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()

    def validate(self, path: str, data: Any, line: int = 1) -> tuple[RawEntry | None, list[Problem]]:
        return validate_entry(path, data, self.people, self.principles, self.today, line)

    def validate_idea(self, path: str, data: Any, line: int = 1) -> tuple[RawIdea | None, list[Problem]]:
        """A little-things idea, checked exactly as the build checks a file in `ideas/`."""
        return check_idea(path, data, line, self.people, OptedOutNames(self.people.values()), today=self.today)

    def as_the_site_shows_it(self, signed_in: str = "") -> Context:
        """The directory as a stranger to it can know it: people off the wall do not exist.

        For answers to the outside (the intake): an id or a name of someone
        who opted out is then answered exactly as an unknown one, so an
        answer never tells who opted out. Their names in a message are not
        refused here either (that would tell too); the moderator's own
        check, with every person, holds the entry back. The signed-in
        person always knows themselves.
        """
        shown = {pid: p for pid, p in self.people.items() if p.wall or pid == signed_in}
        if len(shown) == len(self.people):
            return self
        return dataclasses.replace(self, people=shown)


def load_context(project: Project) -> Context:
    """People and principles only: cheaper than a whole `load`, with the same checks."""
    directory = load_directory(project)
    return Context(
        project.root, project.data_dir, directory.people, directory.principles, project.today,
        directory.problems,
    )


def entry_mapping(
    *,
    date: dt.date | str,
    giver: str,
    recipients: Iterable[str] | str,
    message: str,
    principles: Iterable[str] = (),
    title: str = "",
    anonymous: bool = False,
    card: str = "",
    campaign: str = "",
    slot: str = "",
    also: str = "",
) -> dict[str, Any]:
    """The fields in the contract's order, leaving out the empty optional ones."""
    if isinstance(recipients, str):
        recipients = [recipients]
    if isinstance(date, str):
        with contextlib.suppress(ValueError):  # left as text, so the validator names the problem
            date = dt.date.fromisoformat(date)
    values: dict[str, Any] = {
        "date": date,
        "from": giver,
        "to": list(recipients),
        "principles": list(principles),
        "title": title,
        "message": message,
        "anonymous": anonymous,
        "card": card,
        "campaign": campaign,
        "slot": slot,
        "also": also,
    }
    return {k: values[k] for k in FIELD_NAMES if values[k] not in ("", [], False, None)}


def plain(raw: RawEntry) -> dict[str, Any]:
    return entry_mapping(
        date=raw.date, giver=raw.giver, recipients=raw.recipients, message=raw.message,
        principles=raw.principles, title=raw.title, anonymous=raw.anonymous,
        card=raw.card, campaign=raw.campaign, slot=raw.slot, also=raw.also,
    )


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Several lines read best as a block, as people write them by hand.
    style = "|" if "\n" in value.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    flow = all(isinstance(item, str) for item in value)  # to: [ana-lima, ben-okafor]
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


_NOT_IN_BLOCK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\r]")


def _literal(key: str, value: str) -> str | None:
    """A literal block, which PyYAML will not write when a line ends in spaces.

    Markdown's hard line break is two trailing spaces, so messages have
    them; a block keeps the message readable in a pull request. The text
    is parsed back, and anything that does not come back identical is left
    to PyYAML's quoting.
    """
    if "\n" not in value.strip("\n") or _NOT_IN_BLOCK.search(value):
        return None
    stripped = value.rstrip("\n")
    chomp = {0: "-", 1: ""}.get(len(value) - len(stripped), "+")
    indent = "2" if value[:1] in (" ", "\t") else ""
    lines = ["  " + line if line else "" for line in value.split("\n")]
    if chomp != "+":
        lines = lines[: len(stripped.split("\n"))]
    text = f"{key}: |{indent}{chomp}\n" + "\n".join(lines) + "\n"
    try:
        back = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    return text if back == {key: value} else None


def to_yaml(mapping: Mapping[str, Any], comments: Iterable[str] = ()) -> str:
    parts = ["".join(f"# {line}\n" for line in comments)]
    for key, value in mapping.items():
        block = _literal(key, value) if isinstance(value, str) else None
        parts.append(
            block or yaml.dump({key: value}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88)
        )
    return "".join(parts)


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def file_stem(raw: RawEntry | Mapping[str, Any]) -> str:
    """`2026-11-25-ana-lima-to-ben-okafor`, or `2026-11-25-to-ben-okafor` when anonymous.

    The giver of an anonymous entry stays out of the name: file names live
    in the repository (and its history) for anyone with access to read.
    """
    date: Any
    if isinstance(raw, RawEntry):
        date, giver, recipients, anonymous = raw.date, raw.giver, list(raw.recipients), raw.anonymous
        card, also = raw.card, raw.also
    else:
        date, giver = raw.get("date"), str(raw.get("from", ""))
        to = raw.get("to", [])
        recipients = [to] if isinstance(to, str) else list(to)
        anonymous, card = bool(raw.get("anonymous")), str(raw.get("card", ""))
        also = str(raw.get("also", ""))
    day = date.isoformat() if isinstance(date, dt.date) else _slug(str(date))
    named = [_slug(str(r)) for r in recipients[:MAX_NAME_IDS]]
    if len(recipients) > MAX_NAME_IDS:
        named.append(f"and-{len(recipients) - MAX_NAME_IDS}-more")
    parts = [day]
    if not anonymous and giver:
        parts.append(_slug(giver))
    if also:
        parts += ["also", _slug(also)]
    elif card:
        parts += ["signs", _slug(card)]
    else:
        parts += ["to", *named]
    return "-".join(p for p in parts if p)[:150].rstrip("-")


def month_dir(data_dir: Path, date: dt.date) -> Path:
    return data_dir / f"{date.year:04d}" / f"{date.month:02d}"


def modeline(data_dir: Path, folder: Path) -> str | None:
    """The comment that points YAML editors at the data folder's schema, if it has one."""
    schema = data_dir / SCHEMA_FILE
    if not schema.is_file():
        return None
    return MODELINE.format(Path(os.path.relpath(schema, folder)).as_posix())


def check_text(context: Context, shown: str, text: str) -> tuple[RawEntry | None, list[Problem]]:
    """Parse the text about to be written and validate it exactly as the build will."""
    document, issues = yamlfile.parse(text)
    if issues:
        return None, [Problem(shown, i.line, i.message, i.hint) for i in issues]
    items, problems = entries_in_file(shown, document)
    if problems or len(items) != 1:
        return None, problems or [Problem(shown, 1, "expected exactly one entry", "")]
    item, line = items[0]
    return context.validate(shown, item, line)


def write_new(folder: Path, stem: str, text: str | bytes, suffix: str = ".yml") -> Path:
    """Write `text` to a new file `stem.yml` (or `stem-2.yml`, ...) in `folder`; never overwrites.

    The text goes to a hidden temporary file first, is flushed to disk, and
    is then hard-linked under its final name, which fails rather than
    replaces when the name is taken. A crash leaves at most a hidden
    temporary file (which nothing reads), never half an entry.
    """
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / f".tmp-{secrets.token_hex(8)}{suffix}"
    # Bytes are written as they are: a file kept for a person (a rejected
    # submission) may not be UTF-8, and must not be lost for it.
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    with open(temp, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        for attempt in range(1, 1000):
            target = folder / (f"{stem}{suffix}" if attempt == 1 else f"{stem}-{attempt}{suffix}")
            try:
                os.link(temp, target)
            except FileExistsError:
                continue
            _fsync_dir(folder)
            return target
        raise FileExistsError(f"no free file name for {stem} in {folder}")
    finally:
        temp.unlink(missing_ok=True)


def move_new(source: Path, folder: Path, stem: str, text: str | bytes) -> Path:
    """Write `text` as a new file in `folder`, then remove `source`: a crash between keeps both."""
    target = write_new(folder, stem, text)
    source.unlink()
    _fsync_dir(source.parent)
    return target


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows, where directories cannot be opened
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse; the rename is still atomic
        pass
    finally:
        os.close(fd)


def content_key(raw: RawEntry) -> str:
    """Equal for two entries that say the same thing, wherever their files are."""
    parts = [
        raw.date.isoformat(), raw.giver, ",".join(raw.recipients), ",".join(raw.principles),
        " ".join(raw.title.split()), " ".join(raw.message.split()), str(raw.anonymous),
        raw.card, raw.campaign,
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def existing_keys(context: Context) -> set[str]:
    """The content keys of every valid entry already in the data folder."""
    keys: set[str] = set()
    for source in sources.entry_files(context.data_dir):
        document, issues = yamlfile.read(str(source.path))
        if issues:
            continue
        items, _ = entries_in_file(source.rel, document)
        for item, line in items:
            raw, _ = context.validate(source.rel, item, line)
            if raw is not None:
                keys.add(content_key(raw))
    return keys


def entry_text(context: Context, folder: Path, raw: RawEntry, comments: Iterable[str] = ()) -> str:
    lines = list(comments)
    mode = modeline(context.data_dir, folder)
    return (mode + "\n" if mode else "") + to_yaml(plain(raw), lines)


def create_entry(
    context: Context, mapping: Mapping[str, Any], comments: Iterable[str] = ()
) -> tuple[Path | None, list[Problem]]:
    """Validate `mapping` as the file it would become, and write it if it is good."""
    date = mapping.get("date")
    folder = month_dir(context.data_dir, date) if isinstance(date, dt.date) else context.data_dir
    stem = file_stem(mapping)
    mode = modeline(context.data_dir, folder)
    text = (mode + "\n" if mode else "") + to_yaml(mapping, comments)
    shown = context.shown(folder / f"{stem}.yml")
    raw, problems = check_text(context, shown, text)
    if raw is None:
        return None, problems
    return write_new(folder, stem, text), []



# ---- little-things ideas: kudos/ideas/<date>-<slug>.yml ----------------------

IDEA_SLUG_WORDS = 8


def idea_mapping(raw: RawIdea) -> dict[str, Any]:
    """An idea's fields in the contract's order; no `tags:` when there are none."""
    mapping: dict[str, Any] = {"idea": raw.text, "by": raw.by}
    if raw.tags:
        mapping["tags"] = list(raw.tags)
    return mapping


def idea_stem(day: dt.date, raw: RawIdea) -> str:
    """`2026-11-25-write-a-short-thank-you-on-the-receipt`: the day, then the idea's first words."""
    words = _slug(raw.text).split("-")[:IDEA_SLUG_WORDS]
    return f"{day.isoformat()}-{'-'.join(w for w in words if w) or 'idea'}"[:100].rstrip("-")


def check_idea_text(context: Context, shown: str, text: str) -> tuple[RawIdea | None, list[Problem]]:
    """Parse an idea file's text about to be written and check it as the build will."""
    document, issues = yamlfile.parse(text)
    if issues:
        return None, [Problem(shown, i.line, i.message, i.hint) for i in issues]
    return context.validate_idea(shown, document, getattr(document, "line", 1) or 1)
