"""The one definition of a kudos entry's fields.

The validator takes its field names, which fields are required, and every
limit from here, and `entry_schema` turns the same table into the JSON
Schema that editors, the give page and `kudos schema` use. Change a field
here and both follow.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .model import CUSTOMER

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ISO_DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
SCHEMA_FILE = "_schema.json"
"""Where the site's data folder keeps its copy for editors (a `_` name is never an entry)."""


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # date | person | people | principles | text | flag | slug | slot | note
    required: bool = False
    max_length: int | None = None
    description: str = ""
    example: Any = None


ENTRY: tuple[Field, ...] = (
    Field("date", "date", True, description="The day of the deed or of the thanks, YYYY-MM-DD; not in the future.", example="2026-10-06"),
    Field("from", "person", True, description="Who gives the kudos: a person id from kudos/people.yml, or `customer` for praise from a customer.", example="ana-lima"),
    Field("to", "people", True, description="Who is thanked: one person id or a list of them (`team:<slug>` for a whole team, `customer` for a note to a customer).", example=["ben-okafor"]),
    Field("principles", "principles", description="The handbook principles the story shows: ids of pages in docs/principles/.", example=["patience"]),
    Field("title", "text", max_length=120, description="A short headline.", example="A billing rescue"),
    Field("message", "text", True, 2000, description="What they did and why it mattered, in Markdown.", example="Ben stayed past his shift to walk a first-time customer through the invoice."),
    Field("anonymous", "flag", description="true hides the giver everywhere on the site (shown as \"a colleague\")."),
    Field("card", "slug", description="The id of a group card (kudos/cards/<id>.yml) this is a signature on.", example="ben-birthday-2026"),
    Field("campaign", "slug", description="The id of a campaign (kudos/campaigns/<id>.yml) this note belongs to.", example="csw-2026"),
    Field("slot", "slot", description="In a campaign: the note to the person on your left, on your right, or anyone.", example="left"),
    Field("also", "note", description="A co-sign (\"me too\") on the published note with this id; `to` may then be left out and the message is optional (at most 500 characters).", example="k7ea47d5045"),
)

SLOTS: tuple[str, ...] = ("left", "right", "anyone")
NOTE_ID_PATTERN = r"^k[0-9a-f]{10}$"
COSIGN_OPTIONAL = ("to", "message")  # a co-sign thanks its note's recipients, with words or without

FIELDS: dict[str, Field] = {f.name: f for f in ENTRY}
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in ENTRY)
REQUIRED: tuple[str, ...] = tuple(f.name for f in ENTRY if f.required)


def max_length(name: str) -> int:
    limit = FIELDS[name].max_length
    assert limit is not None, f"field {name!r} has no length limit"
    return limit


def _choice(ids: Mapping[str, str] | None, extra: Mapping[str, str]) -> dict[str, Any]:
    """Known ids are offered for completion; any well-formed id still validates.

    A list that has gone stale (a new colleague, not yet in the editor's copy)
    must not mark a good entry as wrong, so the ids are suggestions next to
    the slug pattern rather than the only values allowed.
    """
    slug: dict[str, Any] = {"type": "string", "pattern": SLUG_PATTERN}
    known = {**(ids or {}), **extra}
    if not known:
        return slug
    return {
        "anyOf": [
            {"enum": list(known), "enumDescriptions": list(known.values())},
            slug,
        ]
    }


def _property(field: Field, people: Mapping[str, str] | None, principles: Mapping[str, str] | None) -> dict[str, Any]:
    prop: dict[str, Any]
    if field.kind == "date":
        prop = {"type": "string", "format": "date", "pattern": ISO_DAY_PATTERN}
    elif field.kind == "person":
        prop = {"allOf": [{"$ref": PERSON_REF}]}  # draft-07 ignores keywords beside a $ref
    elif field.kind == "people":
        # The list of people is written once, under definitions: at a few
        # thousand people, one copy per use would triple the file.
        one: dict[str, Any] = {"anyOf": [{"$ref": PERSON_REF}, TEAM]}
        prop = {"anyOf": [one, {"type": "array", "items": one, "minItems": 1}]}
    elif field.kind == "principles":
        one = _choice(principles, {})
        prop = {"anyOf": [one, {"type": "array", "items": one}]}
    elif field.kind == "text":
        prop = {"type": "string"}
        if field.required:
            prop["pattern"] = r"\S"  # blank text is refused like a missing field
        if field.max_length:
            prop["maxLength"] = field.max_length
    elif field.kind == "flag":
        prop = {"type": "boolean", "default": False}
    elif field.kind == "slug":
        prop = {"type": "string", "pattern": SLUG_PATTERN}
    elif field.kind == "slot":
        prop = {"enum": list(SLOTS)}
    elif field.kind == "note":
        prop = {"type": "string", "pattern": NOTE_ID_PATTERN}
    else:  # pragma: no cover - a field kind added above without a schema
        raise ValueError(f"no schema for field kind {field.kind!r}")
    prop = {"description": field.description, **prop}
    if field.example is not None:
        prop["examples"] = [field.example]
    return prop


PERSON_REF = "#/definitions/person"
TEAM = {"type": "string", "pattern": "^team:" + SLUG_PATTERN[1:], "description": "a whole team: team:<slug of a team in people.yml>"}


def entry_schema(
    people: Mapping[str, str] | None = None,
    principles: Mapping[str, str] | None = None,
    schema_id: str | None = None,
) -> dict[str, Any]:
    """JSON Schema (draft-07, the dialect YAML editors know best) of an entry file.

    The root accepts one entry or a list of entries, as a file may hold
    either; `definitions.entry` is a single entry (what the intake service
    takes). `people` and `principles` map ids to labels shown while typing.
    What a schema cannot say (an id that exists, a date not in the future,
    giving kudos to oneself) stays with `kudos check`.
    """
    entry = {
        "type": "object",
        "title": "Kudos entry",
        "properties": {f.name: _property(f, people, principles) for f in ENTRY},
        "required": [name for name in REQUIRED if name not in COSIGN_OPTIONAL],
        "additionalProperties": False,
        # A co-sign (`also`) may leave out `to` and `message`; any other entry has both.
        "anyOf": [{"required": ["also"]}, {"required": [name for name in REQUIRED if name in COSIGN_OPTIONAL]}],
    }
    schema: dict[str, Any] = {"$schema": "http://json-schema.org/draft-07/schema#"}
    if schema_id:
        schema["$id"] = schema_id
    schema.update(
        {
            "title": "Kudos entry file",
            "description": "One kudos entry, or a list of entries. Check the ids and dates with `kudos check`.",
            "definitions": {
                "entry": entry,
                "person": _choice(people, {CUSTOMER: "a customer (never named on the site)"}),
            },
            "anyOf": [
                {"$ref": "#/definitions/entry"},
                {"type": "array", "items": {"$ref": "#/definitions/entry"}, "minItems": 1},
            ],
        }
    )
    return schema
