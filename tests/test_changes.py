"""What changed since the previous brief: a reader of the rebuilt brief sees exactly the
points an added article and an edited figure changed, in every format, in `brief diff` and
at the top of the mail."""

from __future__ import annotations

import email
import json
import re
import shutil
import zipfile
from collections import Counter
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from brief.cli import main
from brief.curate.changes import diff, mark, match, point_changes
from brief.model import Brief, Citation, Item, Section, Source
from conftest import FIXTURES

# written for this test: a new outlet's report of a claim no fixture source makes
ARTICLE = """日米、造船分野で協力 商務長官が来日

2025年10月29日

ラトニック米商務長官は29日、東京で赤沢亮正経済再生担当相と会い、造船分野での日米協力について協議した。
"""
EDITED = "001_f1cd6fa94029fc4f.txt"  # its Toyota investment figure is edited: $10bn -> $12bn


def _build(project: Path) -> dict:
    r = CliRunner().invoke(main, ["build", "--sources", str(project / "seeds"), "--glossary",
                                  str(project / "glossary"), "--config",
                                  str(project / "brief.toml"), "--out", str(project / "out"),
                                  "--no-translate"])
    assert r.exit_code == 0, r.output
    return json.loads((project / "out" / "brief.json").read_text(encoding="utf-8"))


def _points(data: dict) -> list[dict]:
    return [i for s in data["sections"] for i in s["items"]]


def _rebuilt(project: Path) -> tuple[bytes, dict]:
    """Build, then add ARTICLE and edit one figure, and build again: (first JSON, second)."""
    toml = project / "brief.toml"  # room for the new point: no old one is ranked out
    toml.write_text(toml.read_text(encoding="utf-8").replace("max_items = 6", "max_items = 30"),
                    encoding="utf-8")
    _build(project)
    first = (project / "out" / "brief.json").read_bytes()
    (project / "seeds" / "005_shipbuilding.txt").write_text(ARTICLE, encoding="utf-8")
    edited = project / "seeds" / EDITED
    text = edited.read_text(encoding="utf-8")
    assert "100億ドル約1兆5300億円" in text
    edited.write_text(text.replace("100億ドル約1兆5300億円", "120億ドル約1兆8400億円"),
                      encoding="utf-8")
    return first, _build(project)


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, dict]:
    """A copy of the fixtures built, changed and built again (`_rebuilt`), once for the
    module: two whole builds, ~5 s. Each test works on its own copy (`_copy`)."""
    project = tmp_path_factory.mktemp("rebuilt")
    for name in ("seeds", "glossary"):
        shutil.copytree(FIXTURES / name, project / name)
    shutil.copy(FIXTURES / "brief.toml", project / "brief.toml")
    first, data = _rebuilt(project)
    return project, first, data


def _copy(rebuilt: tuple[Path, bytes, dict], to: Path) -> tuple[Path, bytes, dict]:
    """REBUILT's project copied to TO, its files' times kept (what `brief email` checks)."""
    project, first, data = rebuilt
    shutil.copytree(project, to / "project", symlinks=True)
    return to / "project", first, json.loads(json.dumps(data))


def test_a_rebuild_marks_exactly_the_new_article_s_point_and_the_edited_figure(
        rebuilt: tuple[Path, bytes, dict], tmp_path: Path) -> None:
    project, first, data = _copy(rebuilt, tmp_path)
    out = project / "out"
    assert all(not i.get("change") for i in _points(json.loads(first))), "a first build marks"
    assert (out / "previous.json").read_bytes() == first
    marked: dict[str, list[dict]] = {i["change"]: [] for i in _points(data) if i["change"]}
    for i in _points(data):
        if i["change"]:
            marked[i["change"]].append(i)
    [new] = marked["new"]
    assert "造船" in new["ja"] and any(c["source_id"] == "S6" for c in new["citations"])
    [changed] = marked["changed"]
    assert "120億ドル" in changed["ja"]
    assert changed["changes"] == ["figure $10 billion (about ¥1.53 trillion) → $12 billion "
                                  "(about ¥1.84 trillion) (S2)"]
    assert data["dropped"] == [] and data["previous"] == "2025-10-28"
    unmarked = [i for i in _points(data) if not i["change"]]
    assert len(unmarked) == len(_points(data)) - 2 and all(not i["changes"] for i in unmarked)

    # the figures, Sources differ entries and events are marked the same way: the edited
    # figure changed, what only the new article says new, nothing else
    others = [*data["figures"], *data["conflicts"], *data["timeline"]]
    [figure] = [f for f in data["figures"] if f["change"] == "changed"]
    assert figure["changes"] == ["$10 billion (about ¥1.53 trillion) → $12 billion (about "
                                 "¥1.84 trillion)"]
    s6 = {"S6"}
    for obj in others:
        cited = {c["source_id"] for c in obj.get("citations", [])} | {
            c["source_id"] for cl in obj.get("claims", []) for c in cl["citations"]}
        assert (obj["change"] == "new") == (cited == s6), obj
    marks = Counter(o["change"] for o in [*_points(data), *others] if o["change"])

    # what a reader sees in each format
    line = "1 new, 1 changed since the brief of 28 October 2025."
    pdf = "".join(p.extract_text() for p in PdfReader(out / "brief.pdf").pages)
    assert line in " ".join(pdf.split()) and pdf.count("New ·") == marks["new"] and \
        pdf.count("Changed ·") == marks["changed"] == 2
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert html.count("<b>New · </b>") == marks["new"] and line in html
    with zipfile.ZipFile(out / "brief.docx") as z:
        docx = re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode())
    assert docx.count("Changed · ") == 2 and "$12\u00a0billion" in docx
    md = (out / "brief.md").read_text(encoding="utf-8")
    assert md.count("**New ·**") == marks["new"] and line in md

    # brief diff compares the two files themselves and says the same
    r = CliRunner().invoke(main, ["diff", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "Points: 1 new, 1 changed\n" in r.output
    assert re.search(r"\n  new +Trade: .*造船", r.output)
    assert re.search(r"\n  changed +Trade: .*120億ドル.*→ \$12 billion", r.output)
    assert "Key figures: 1 changed" in r.output
    md_diff = CliRunner().invoke(main, ["diff", str(out / "previous.json"), str(out),
                                        "--markdown"]).output
    assert "## Points (1 new, 1 changed)" in md_diff and "- **Changed** (Trade): " in md_diff

    # and the mail says so first
    r = CliRunner().invoke(main, ["email", "--to", "desk@example.org", "--from",
                                  "me@example.org", "--out", str(out), "--config",
                                  str(project / "brief.toml")])
    assert r.exit_code == 0, r.output
    msg = email.message_from_bytes((out / "brief.eml").read_bytes(), policy=policy.default)
    assert isinstance(msg, EmailMessage)
    body = msg.get_body(("plain",))
    assert body is not None and str(body.get_content()).splitlines()[0] == line


def test_a_same_day_rebuild_keeps_comparing_with_the_day_before(
        rebuilt: tuple[Path, bytes, dict], tmp_path: Path) -> None:
    project, first, data = _copy(rebuilt, tmp_path)
    again = _build(project)  # nothing changed since the second build, dated the 29th
    assert (project / "out" / "previous.json").read_bytes() == first
    assert [(i["change"], i["changes"]) for i in _points(again)] == \
        [(i["change"], i["changes"]) for i in _points(data)]


def _brief(sources: list[Source], items: list[Item]) -> Brief:
    return Brief("t", "2025-10-28", "", "", sources, [], [Section("s", "Security", items=items)])


def test_a_point_re_worded_by_a_new_source_is_changed_not_dropped_and_new() -> None:
    said = "防衛費を2027年度中に国内総生産比2%に増額する。"
    old = _brief([Source("S1", "a.txt", "A", "", outlet="Nikkei")],
                 [Item("x", "s", said, [Citation("S1", 0, 5, said)])])
    wording = "政府は防衛費をGDP比2%に引き上げる方針だ。"
    # a new file sorts first: the old source is S2 now, and the new one gives the wording
    new = _brief([Source("S1", "0.txt", "B", "", outlet="Asahi"),
                  Source("S2", "a.txt", "A", "", outlet="Nikkei")],
                 [Item("y", "s", wording, [Citation("S1", 0, 5, wording),
                                           Citation("S2", 0, 5, said)])])
    m = match(old, old.all_items(), new, new.all_items(), lambda i: i.citations)
    assert [(o.id, n.id) for o, n in m.pairs] == [("x", "y")] and not m.new and not m.dropped
    assert point_changes(old, old.all_items()[0], new, new.all_items()[0]) == \
        ["new outlet: Asahi"]
    mark(new, old)
    assert new.all_items()[0].change == "changed" and new.dropped == []
    assert [(e.kind, e.why) for e in diff(old, new)["points"]] == \
        [("changed", ("new outlet: Asahi",))]


def test_a_point_no_report_continues_is_dropped_and_a_first_build_marks_nothing() -> None:
    a, b = "日米首脳が会談した。", "両首脳は空母を視察した。"
    src = [Source("S1", "a.txt", "A", "")]
    old = _brief(src, [Item("x", "s", a, [Citation("S1", 0, 5, a)])])
    new = _brief(src, [Item("y", "s", b, [Citation("S1", 9, 14, b)])])
    mark(new, None)
    assert new.all_items()[0].change == "" and new.previous == ""
    mark(new, old)
    assert new.all_items()[0].change == "new"
    assert [(d.id, d.section, d.ja, d.paths) for d in new.dropped] == \
        [("x", "Security", a, ["a.txt"])]
    assert Brief.from_dict(new.to_dict()).dropped == new.dropped  # brief.json keeps them


def test_brief_diff_shows_a_hostile_sentence_as_data(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script> **bold** [x](javascript:alert(1)) \x1b[31m"
    src = [Source("S1", "a.txt", "A", "")]
    old = _brief(src, [])
    new = _brief(src, [Item("y", "s", hostile, [Citation("S1", 0, 5, hostile)])])
    for name, brief in (("old.json", old), ("new.json", new)):
        (tmp_path / name).write_text(json.dumps(brief.to_dict()), encoding="utf-8")
    args = ["diff", str(tmp_path / "old.json"), str(tmp_path / "new.json")]
    plain = CliRunner().invoke(main, args)
    assert plain.exit_code == 0, plain.output
    assert "Points: 1 new" in plain.output and "\x1b" not in plain.output
    md = CliRunner().invoke(main, [*args, "--markdown"]).output
    assert "<script>" not in md and "&lt;script" in md and "\\*\\*bold\\*\\*" in md
    assert "\x1b" not in md
    assert "\\[x\\](javascript" in md  # brackets escaped: text, not a link
