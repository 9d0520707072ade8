"""brief.json: the schema in the repo describes what `brief build` writes, and it reads back."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from brief.cli import main
from brief.model import SCHEMA_VERSION, Brief
from conftest import ROOT

SCHEMA = json.loads((ROOT / "schema" / "brief.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")  # per worker: this module's tests may run on both
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


def test_a_brief_its_build_record_vouches_for_reads_the_same_without_the_schema(
        built: dict) -> None:
    # the changes stage's read of the last build (pipeline.baseline): seconds saved at scale
    assert _json(Brief.from_dict(built, schema=False)) == _json(Brief.from_dict(built))
    with pytest.raises(ValueError, match="missing or malformed field"):
        Brief.from_dict({k: v for k, v in built.items() if k != "sources"}, schema=False)


def test_a_newer_or_broken_file_is_refused(tmp_path: Path, built: dict) -> None:
    with pytest.raises(ValueError, match="newer"):
        Brief.from_dict({**built, "schema_version": SCHEMA_VERSION + 1})
    with pytest.raises(ValueError, match=r"\$: 'sources' is a required property"):
        Brief.from_dict({k: v for k, v in built.items() if k != "sources"})
    (tmp_path / "brief.json").write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid JSON"):
        Brief.read(tmp_path / "brief.json")


def _v1(built: dict, flag: str = "first") -> dict:
    """BUILT as version 1 wrote a translated build: no machine_output fields, the model's
    flagged output in `en`, translation_counts of points, segments and titles only.
    FLAG: "first" flags the first point and source title (the rest passed), "all" every text."""
    data = json.loads(json.dumps(built))
    data["schema_version"], data["translated"], data["model"] = 1, True, "argos:ja-en:1.1"
    texts = [*data["bottom_line"], *(i for s in data["sections"] for i in s["items"]),
             *data["figures"], *data["timeline"],
             *(cl for c in data["conflicts"] for cl in c["claims"])]
    first = data["bottom_line"][0]["id"]
    for obj in texts:
        obj.pop("machine_output")
        bad = flag == "all" or obj.get("id") == first
        obj["en"], obj["status"] = ("Closed", "flagged") if bad else ("Plain English.", "machine")
        obj["flags"] = ["one word for a sentence"] if bad else []
    for n, s in enumerate(data["sources"]):
        s.pop("title_machine_output")
        bad = flag == "all" or n == 0
        s["title_en"], s["title_status"] = ("ZZZ garbage", "flagged") if bad else ("A title", "machine")
    data["translation_counts"] = {k: {"approved": 0, "machine": 0, "flagged": 1}
                                  for k in ("points", "segments", "titles")}
    return data


def test_a_version_1_file_is_migrated_with_no_model_output_left_in_en(built: dict) -> None:
    old = _v1(built)
    brief = Brief.from_dict(old)
    point = brief.bottom_line[0]
    assert (point.en, point.machine_output, point.status) == ("", "Closed", "flagged")
    assert sum(it.en == "Plain English." for it in brief.all_items()) == len(brief.all_items()) - 1
    assert all(it.machine_output == "" for it in brief.all_items() if it.status != "flagged")
    s = brief.sources[0]
    assert (s.title_en, s.title_machine_output) == ("", "ZZZ garbage")
    assert brief.translated  # other texts passed
    again = _json(brief)  # written back as the current version, valid against its schema
    jsonschema.validate(again, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert again["schema_version"] == SCHEMA_VERSION
    assert again["translation_counts"]["points"]["flagged"] == 1
    assert "Closed" not in json.dumps([again["bottom_line"][0]["en"]])
    assert old["bottom_line"][0]["en"] == "Closed"  # the caller's data is left as it was


def test_a_version_1_file_with_every_text_flagged_is_not_translated(built: dict) -> None:
    brief = Brief.from_dict(_v1(built, "all"))
    assert not brief.translated and brief.translation_ran
    assert all(it.en == "" and it.machine_output == "Closed" for it in brief.all_items())
    counts = brief.translation_counts()
    assert counts["points"]["flagged"] == len(brief.all_items())
    assert counts["figures"]["flagged"] == len(brief.figures) > 0
    assert counts["events"]["flagged"] == len(brief.timeline) > 0
    assert counts["claims"]["flagged"] == sum(len(c.claims) for c in brief.conflicts) > 0
    assert counts["titles"]["flagged"] == len(brief.sources)


def test_the_schema_refuses_model_output_in_the_en_of_a_flagged_text(built: dict) -> None:
    data = json.loads(json.dumps(built))
    first = data["bottom_line"][0]
    point = [first, *(i for s in data["sections"] for i in s["items"] if i["id"] == first["id"])]
    for p in point:
        p.update(status="flagged", en="Closed", machine_output="Closed")
    with pytest.raises(ValueError, match=r"\$\.bottom_line\[0\]\.en: must be empty for a flagged text"):
        Brief.from_dict(data)
    for p in point:
        p.update(en="")
    assert Brief.from_dict(data).bottom_line[0].machine_output == "Closed"
    for p in point:
        p.update(status="machine", en="Fine.")  # the output kept apart though it passed
    with pytest.raises(ValueError, match="machine_output: must be empty unless the text is flagged"):
        Brief.from_dict(data)


def _bad_builds(built: dict) -> list[tuple[str, bytes, str]]:
    """(case, brief.json bytes, what the one line must say)."""
    shape = json.loads(json.dumps(built))
    shape["sections"][0]["items"][0]["citations"] = "S1"
    return [
        ("no version", json.dumps({k: v for k, v in built.items() if k != "schema_version"}
                                  ).encode(), "no schema_version"),
        ("future", json.dumps({**built, "schema_version": SCHEMA_VERSION + 1}).encode(),
         f"schema_version {SCHEMA_VERSION + 1} is newer than this brief reads"),
        ("shape", json.dumps(shape).encode(), "$.sections[0].items[0].citations: 'S1' is not "
                                              "of type 'array'"),
        ("list", b"[]", "not a brief.json (a JSON array, not an object)"),
    ]


@pytest.mark.parametrize("case", ["no version", "future", "shape", "list"])
def test_email_and_review_export_refuse_a_bad_file_with_one_line(tmp_path: Path, built: dict,
                                                                 case: str) -> None:
    [(_, raw, says)] = [c for c in _bad_builds(built) if c[0] == case]
    out = tmp_path / "out"
    out.mkdir()
    (out / "brief.json").write_bytes(raw)  # a build from before build records: no record
    (out / "brief.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (tmp_path / "brief.toml").write_text('[[sections]]\nkey = "a"\ntitle = "A"\n',
                                         encoding="utf-8")
    (tmp_path / "g").mkdir()
    runs = {"email": ["email", "--to", "desk@example.org", "--from", "me@example.org",
                      "--out", str(out), "--config", str(tmp_path / "brief.toml")],
            "review": ["review", "export", "--from", str(out), "--glossary", str(tmp_path / "g")]}
    for name, args in runs.items():
        r = CliRunner().invoke(main, args)
        assert r.exit_code == 1, (name, r.output)
        assert r.stderr.startswith(f"brief: error: {out / 'brief.json'}: "), (name, r.stderr)
        assert says in r.stderr and r.stderr.count("\n") == 1, (name, r.stderr)
    assert not (out / "brief.eml").exists() and not (out / "review.xlf").exists()


def test_unknown_fields_from_a_newer_minor_writer_are_ignored(built: dict) -> None:
    data = json.loads(json.dumps(built))
    data["sections"][0]["items"][0]["reviewer"] = "someone"
    data["extra"] = {"x": 1}
    assert _json(Brief.from_dict(data)) == built


def test_the_schema_names_every_kind_of_figure_curation_makes() -> None:
    from brief.curate.figures import KINDS

    assert set(SCHEMA["$defs"]["figure"]["properties"]["kind"]["enum"]) == set(KINDS)


def test_to_dict_never_writes_a_flagged_texts_english_as_en(built: dict) -> None:
    brief = Brief.from_dict(built)
    point, source = brief.all_items()[0], brief.sources[0]
    point.en, point.status, point.flags = "Closed", "flagged", ["one word for a sentence"]
    source.title_en, source.title_status = "ZZZ", "flagged"
    data = _json(brief)
    [written] = [i for s in data["sections"] for i in s["items"] if i["id"] == point.id]
    assert (written["en"], written["machine_output"]) == ("", "Closed")
    assert (data["sources"][0]["title_en"], data["sources"][0]["title_machine_output"]) == (
        "", "ZZZ")
    assert Brief.from_dict(data).source(source.id).title_machine_output == "ZZZ"
