"""`kudos schema`, /kudos/schema.json and the editor set-up of the sample `kudos/` folder."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from kudoswall.core.data import sources
from kudoswall.core.data.model import Person
from kudoswall.core.data.schema import SCHEMA_FILE, entry_schema
from kudoswall.core.data.validate import ENTRY_FIELDS, validate_entry
from kudoswall.core.data.yamlfile import parse
from sites import Site

REPO = Path(__file__).resolve().parents[2]
PEOPLE = {pid: Person(pid, pid.title()) for pid in ("ana-lima", "ben-okafor", "cleo-park")}
PRINCIPLES = ("patience", "little-wows")
TODAY = dt.date(2026, 11, 25)
GOOD = {"date": "2026-11-20", "from": "ana-lima", "to": ["ben-okafor"], "message": "Thanks!"}


def as_json(value: Any) -> Any:
    """What an editor's YAML server sees: dates are text."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def validator_problems(entry: dict[str, Any]) -> list[str]:
    document, issues = parse(json.dumps(entry))  # JSON is YAML: the validator's own reading
    assert not issues
    _raw, problems = validate_entry("e.yml", document, PEOPLE, PRINCIPLES, TODAY)
    return [str(p) for p in problems]


def printed_schema(site: Site) -> dict[str, Any]:
    result = site.kudos("schema")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_schema_command_prints_a_draft7_schema_of_the_validators_fields(site: Site) -> None:
    schema = printed_schema(site)
    jsonschema.Draft7Validator.check_schema(schema)
    entry = schema["definitions"]["entry"]
    assert tuple(entry["properties"]) == ENTRY_FIELDS
    assert entry["additionalProperties"] is False
    # Required in the schema is exactly what the validator reports as missing.
    missing = [f for f in ENTRY_FIELDS if any(
        f"missing required field '{f}'" in p for p in validator_problems({k: v for k, v in GOOD.items() if k != f})
    )]
    # `to` and `message` are required of every entry but a co-sign (`also`), as the validator says.
    either = entry["anyOf"]
    assert either[0] == {"required": ["also"]}
    assert sorted(entry["required"] + either[1]["required"]) == sorted(missing) == ["date", "from", "message", "to"]
    cosign = {k: v for k, v in GOOD.items() if k not in ("to", "message")} | {"also": "k7ea47d5045"}
    assert jsonschema.Draft7Validator(schema).is_valid(cosign)
    assert not jsonschema.Draft7Validator(schema).is_valid({k: v for k, v in GOOD.items() if k != "to"})
    # The site's people (all of them: this is for the repository) and principles are offered.
    people = schema["definitions"]["person"]["anyOf"][0]["enum"]
    assert entry["properties"]["from"]["allOf"] == [{"$ref": "#/definitions/person"}]
    assert "zed-private" in people and "customer" in people
    assert set(entry["properties"]["principles"]["anyOf"][0]["anyOf"][0]["enum"]) == {
        "patience", "little-wows", "thank-out-loud"
    }


CASES = [
    GOOD,
    {**GOOD, "to": "ben-okafor"},
    {**GOOD, "to": ["ben-okafor", "cleo-park"], "principles": ["patience"], "title": "t" * 120, "anonymous": True},
    {**GOOD, "principles": "patience", "card": "ben-birthday-2026", "campaign": "csw-2026"},
    {**GOOD, "message": "m" * 2000},
    {**GOOD, "title": "t" * 121},
    {**GOOD, "message": "m" * 2001},
    {**GOOD, "message": "   "},
    {**GOOD, "to": []},
    {**GOOD, "to": 5},
    {**GOOD, "from": ["ana-lima"]},
    {**GOOD, "anonymous": "yes"},
    {**GOOD, "card": "Ben Birthday"},
    {**GOOD, "date": "20 November"},
    {**GOOD, "title": 12},
    {**GOOD, "mesage": "typo"},
    {k: v for k, v in GOOD.items() if k != "message"},
    {k: v for k, v in GOOD.items() if k != "date"},
]


@pytest.mark.parametrize("entry", CASES, ids=[json.dumps(c)[:60] for c in CASES])
def test_schema_and_validator_agree_on_the_shape_of_an_entry(entry: dict[str, Any]) -> None:
    schema = entry_schema({pid: p.name for pid, p in PEOPLE.items()}, {p: p for p in PRINCIPLES})
    by_schema = jsonschema.Draft7Validator(schema).is_valid(entry)
    assert by_schema == (validator_problems(entry) == []), validator_problems(entry)


def test_the_site_publishes_the_schema_without_opted_out_people(site: Site) -> None:
    built = site.build()
    assert built.ok, built.log
    published = json.loads(built.page("kudos/schema.json"))
    jsonschema.Draft7Validator.check_schema(published)
    assert "zed-private" not in built.page("kudos/schema.json")
    assert published["definitions"]["entry"]["required"] == printed_schema(site)["definitions"]["entry"]["required"]
    entry = yaml.safe_load((site.root / "kudos/2026/11/ana-to-ben.yml").read_text(encoding="utf-8"))
    assert jsonschema.Draft7Validator(published).is_valid(as_json(entry))


def test_schema_editor_writes_the_copy_that_new_files_point_to(site: Site) -> None:
    result = site.kudos("schema", "--editor")
    assert result.returncode == 0 and result.stdout.strip() == f"kudos/{SCHEMA_FILE}"
    made = site.kudos("new", "--from", "ana-lima", "--to", "ben-okafor", "--message", "Thanks")
    text = (site.root / made.stdout.strip()).read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../../{SCHEMA_FILE}"
    assert site.kudos("check").returncode == 0


def test_every_sample_entry_points_editors_at_a_schema_it_satisfies() -> None:
    data = REPO / "kudos"
    schema_file = data / SCHEMA_FILE
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    fields = tuple(schema["definitions"]["entry"]["properties"])
    assert fields == ENTRY_FIELDS, "regenerate it: kudos schema --editor"
    validator = jsonschema.Draft7Validator(schema)
    files = sources.entry_files(data)
    assert files
    for source in files:
        text = source.path.read_text(encoding="utf-8")
        first = text.splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), source.rel
        target = (source.path.parent / first.split("=", 1)[1]).resolve()
        assert target == schema_file.resolve(), source.rel
        errors = [e.message for e in validator.iter_errors(as_json(yaml.safe_load(text)))]
        assert not errors, (source.rel, errors)
    assert os.path.relpath(schema_file, data) == SCHEMA_FILE
