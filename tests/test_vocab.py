"""The closed vocabularies (brief/vocab.py) are the schema's enums and what the model reads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from brief.curate.figures import KINDS
from brief.errors import BriefError
from brief.model import STATUSES, Brief
from brief.read.ingest import read_sources
from brief.vocab import Change, FigureKind, Modality, Phase, Reliability, Status, values
from conftest import ROOT

SCHEMA = json.loads((ROOT / "src" / "brief" / "brief.schema.json").read_text(encoding="utf-8"))


def _enums(node: Any, name: str) -> list[list[str]]:  # noqa: ANN401 - a JSON value
    """Every enum the schema gives a property called NAME, anywhere in it."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == name and isinstance(value, dict) and "enum" in value:
                found.append(value["enum"])
            found += _enums(value, name)
    elif isinstance(node, list):
        for value in node:
            found += _enums(value, name)
    return found


@pytest.mark.parametrize("field,vocabulary", [
    ("status", Status), ("title_status", Status), ("modality", Modality),
    ("reliability", Reliability), ("phase", Phase), ("kind", FigureKind), ("change", Change)])
def test_the_schema_s_enums_are_the_vocabularies(field: str, vocabulary: object) -> None:
    enums = _enums(SCHEMA, field)
    assert enums, field
    if field == "kind":  # only figures' kind is an enum in the schema
        assert enums == [list(values(FigureKind))]
        return
    assert all(e == list(values(vocabulary)) for e in enums), (field, enums)


def test_the_code_s_lists_are_the_vocabularies() -> None:
    assert ("", *STATUSES) == values(Status)
    assert values(FigureKind) == KINDS


def test_a_value_outside_a_vocabulary_is_refused_when_read(built_brief: Path) -> None:
    data = json.loads((built_brief / "brief.json").read_text(encoding="utf-8"))
    data["sections"][0]["items"][0]["modality"] = "probably"
    with pytest.raises(ValueError, match="modality"):
        Brief.from_dict(data)


def test_a_sidecar_kind_outside_the_vocabulary_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("見出し\n\n本文の文章である。\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text('["a.txt"]\nkind = "magazine"\n', encoding="utf-8")
    with pytest.raises(BriefError) as exc:
        read_sources(tmp_path)
    assert str(exc.value).startswith(f"{tmp_path / 'sources.toml'}: ['a.txt'] kind must be one of wire, ")
    assert str(exc.value).endswith("not 'magazine'")
