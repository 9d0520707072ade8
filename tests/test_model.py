"""brief.json: the schema in the repo describes what `brief build` writes, and it reads back."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from brief.model import SCHEMA_VERSION, Brief
from conftest import ROOT

SCHEMA = json.loads((ROOT / "schema" / "brief.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(built_brief: Path) -> dict:
    # conftest.py: one build of the fixtures, shared by the session
    return json.loads((built_brief / "brief.json").read_text(encoding="utf-8"))


def _json(brief: Brief) -> dict:
    """What the JSON writer would write for BRIEF, read back."""
    return json.loads(json.dumps(brief.to_dict(), ensure_ascii=False))


def test_the_schema_is_valid_and_describes_the_seeds_build(built: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(built, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert built["schema_version"] == SCHEMA_VERSION
    assert built["figures"] and built["timeline"] and built["conflicts"]


def test_the_schema_rejects_what_is_not_a_brief(built: dict) -> None:
    broken = json.loads(json.dumps(built))
    broken["sections"][0]["items"][0]["citations"] = []  # a point must cite a source
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_from_dict_is_the_inverse_of_to_dict(built: dict) -> None:
    brief = Brief.from_dict(built)
    assert _json(brief) == built
    # the bottom line points at the same objects as their sections, as when it was built
    in_sections = {id(it) for s in brief.sections for it in s.items}
    assert all(id(it) in in_sections for it in brief.bottom_line)
    assert brief.figures[0].value == built["figures"][0]["value"]


def test_a_newer_or_broken_file_is_refused(tmp_path: Path, built: dict) -> None:
    with pytest.raises(ValueError, match="newer"):
        Brief.from_dict({**built, "schema_version": SCHEMA_VERSION + 1})
    with pytest.raises(ValueError, match="missing or malformed"):
        Brief.from_dict({k: v for k, v in built.items() if k != "sources"})
    (tmp_path / "brief.json").write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid JSON"):
        Brief.read(tmp_path / "brief.json")


def test_unknown_fields_from_a_newer_minor_writer_are_ignored(built: dict) -> None:
    data = json.loads(json.dumps(built))
    data["sections"][0]["items"][0]["reviewer"] = "someone"
    data["extra"] = {"x": 1}
    assert _json(Brief.from_dict(data)) == built
