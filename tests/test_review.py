"""The review round-trip: export (XLIFF 2.1 valid against the OASIS schema, or TSV), an
analyst's edit, import into memory.tmx, rebuild: the edit is printed and never re-translated."""

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from pypdf import PdfReader

from brief.cli import main
from brief.glossary.terms import load_glossary
from brief.options import BuildOptions
from brief.pipeline import build
from brief.review.segment import Segment
from brief.review.xliff import to_xliff12, to_xliff21
from brief.translate.memory import read_tmx
from brief.translate.protect import protect
from conftest import ROOT

X = "{urn:oasis:names:tc:xliff:document:2.0}"
X1 = "{urn:oasis:names:tc:xliff:document:1.2}"
GLS = "{urn:oasis:names:tc:xliff:glossary:2.0}"
MTC = "{urn:oasis:names:tc:xliff:matches:2.0}"
SCHEMA = etree.XMLSchema(etree.parse(str(ROOT / "tests" / "schemas" / "xliff_core_2.0.xsd")))
TMX_DTD = etree.DTD(str(ROOT / "tests" / "schemas" / "tmx14.dtd"))
EDIT = "Tokyo will bring its defense spending plan forward by two years."


class Counting:
    """The real Argos backend, with every text it is asked to translate recorded."""

    batch_size = 32

    def __init__(self) -> None:
        from brief.translate.backends.argos import ArgosBackend

        self.inner = ArgosBackend()
        self.model_id, self.name = self.inner.model_id, self.inner.name
        self.sent: list[str] = []

    def translate_batch(self, texts: list[str]) -> list[str]:
        self.sent += texts
        return self.inner.translate_batch(texts)


def _build(project: Path, backend: Counting) -> dict:
    build(BuildOptions(sources=project / "seeds", glossary=project / "glossary",
                       out=project / "out", config=project / "brief.toml"),
          backend=lambda: backend)
    return json.loads((project / "out" / "brief.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory, installed_tiny: Path) -> Path:
    """A copy of the fixtures built once with the tiny model (every format), for the module's
    round trips, each on its own copy (`_copy`): a translated build is ~4 s."""
    from conftest import FIXTURES

    root = tmp_path_factory.mktemp("translated")
    for name in ("seeds", "glossary"):
        shutil.copytree(FIXTURES / name, root / name)
    shutil.copy(FIXTURES / "brief.toml", root / "brief.toml")
    _build(root, Counting())
    return root


def _copy(translated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict]:
    """TRANSLATED copied into TMP_PATH (files' times kept), the working directory, and its
    brief.json."""
    project = Path(shutil.copytree(translated, tmp_path / "project", symlinks=True))
    monkeypatch.chdir(project)
    return project, json.loads((project / "out" / "brief.json").read_text(encoding="utf-8"))


def test_export_edit_import_rebuild(translated: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    project, first = _copy(translated, tmp_path, monkeypatch)
    r = CliRunner().invoke(main, ["review", "export", "--format", "xliff2"])
    assert r.exit_code == 0, r.output
    doc = etree.parse(str(project / "out" / "review.xlf"))
    assert doc.getroot().get("version") == "2.1"
    assert SCHEMA.validate(doc), SCHEMA.error_log
    units = doc.getroot().findall(f".//{X}unit")
    n_segments = len(first["sources"]) + len({i["id"] for s in first["sections"]
                                              for i in s["items"]}) + len(first["figures"]) \
        + len(first["timeline"]) + sum(len(c["claims"]) for c in first["conflicts"])
    assert len(units) == n_segments
    point = first["bottom_line"][0]
    unit = next(u for u in units if u.get("id") == point["id"])
    cats = {n.get("category") for n in unit.iter(f"{X}note")}
    assert {"status", "check", "source"} <= cats  # everything a reviewer needs
    # the glossary terms in the glossary module; a flagged English only as a note (a 100 %
    # machine match is what some CAT tools insert by themselves)
    glossary = load_glossary(project / "glossary")
    term = glossary.terms_in(point["ja"])[0]
    entries = unit.findall(f"{GLS}glossary/{GLS}glossEntry")
    assert (term.ja, term.en) in [(e.findtext(f"{GLS}term"), e.findtext(f"{GLS}translation"))
                                  for e in entries]
    assert point["status"] == "flagged" and not unit.findall(f"{MTC}matches/{MTC}match[@type='mt']")
    assert unit.findtext(f"{X}notes/{X}note[@category='machine']") == point["machine_output"]
    seg = unit.find(f"{X}segment")
    assert seg.get("state") == "initial" and seg.find(f"{X}target") is None  # flagged
    etree.SubElement(seg, f"{X}target").text = EDIT
    doc.write(str(project / "out" / "review.xlf"), xml_declaration=True, encoding="UTF-8")

    r = CliRunner().invoke(main, ["review", "import", "out/review.xlf"])
    assert r.exit_code == 0, r.output
    assert "1 edited segment, 1 new or changed" in r.output
    # checked with the build's glossary and number rules: warnings only, the edit is kept
    assert f"warning: out/review.xlf: unit {point['id']}: " in r.output and "missing" in r.output
    memory = project / "glossary" / "memory.tmx"
    assert TMX_DTD.validate(etree.parse(str(memory))), TMX_DTD.error_log
    assert [e.en for e in read_tmx(memory)] == [EDIT]

    shutil.rmtree(project / "out" / ".cache")  # so the model is asked for everything else
    counting = Counting()
    again = _build(project, counting)
    prot = protect(point["ja"], load_glossary(project / "glossary"))
    assert counting.sent and prot.masked not in counting.sent and prot.inline not in counting.sent
    item = again["bottom_line"][0]
    assert item["en"] == EDIT and item["status"] == "approved"
    assert item["flags"] and all(f.startswith("breaks the glossary: ") for f in item["flags"])
    assert again["translation_counts"]["points"]["approved"] == 1
    docx = zipfile.ZipFile(project / "out" / "brief.docx").read("word/document.xml").decode()
    assert EDIT in docx
    pdf = " ".join(" ".join(p.extract_text().split())
                   for p in PdfReader(project / "out" / "brief.pdf").pages)
    assert EDIT in pdf and "1 approved by a person" in pdf


def test_tsv_round_trip_and_errors(translated: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    project, _ = _copy(translated, tmp_path, monkeypatch)
    r = CliRunner().invoke(main, ["review", "export", "--format", "tsv", "--out", "r.tsv"])
    assert r.exit_code == 0, r.output
    lines = (project / "r.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    assert header[:6] == ["id", "kind", "status", "japanese", "english", "machine_english"]
    row = lines[1].split("\t")
    row[header.index("english")] = "An analyst's sentence."
    (project / "r.tsv").write_text("\n".join([lines[0], "\t".join(row), *lines[2:]]) + "\n",
                                   encoding="utf-8")
    r = CliRunner().invoke(main, ["review", "import", "r.tsv"])
    assert r.exit_code == 0 and "1 edited segment" in r.output, r.output
    assert [e.en for e in read_tmx(project / "glossary" / "memory.tmx")] == [
        "An analyst's sentence."]
    (project / "bad.tsv").write_text("id\tenglish\nx\ty\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["review", "import", "bad.tsv"])
    assert r.exit_code == 1 and "bad.tsv:1: missing column(s) japanese, machine_english" in r.output


@pytest.mark.parametrize("content", ["<xliff", "<other/>"])
def test_a_broken_review_file_is_a_one_line_error(project: Path, monkeypatch, content: str) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    (project / "r.xlf").write_text(content, encoding="utf-8")
    r = CliRunner().invoke(main, ["review", "import", "r.xlf"])
    assert r.exit_code == 1 and r.output.startswith("brief: error: r.xlf: not a")
    assert not (project / "glossary" / "memory.tmx").exists()


def test_export_without_a_build_says_so(project: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    r = CliRunner().invoke(main, ["review", "export"])
    assert r.exit_code == 1 and "no build found (run `brief build` first)" in r.output


def _near(ja: str) -> str:
    """The same sentence with one character changed: a near match, not an exact one."""
    i = len(ja) // 2
    return ja[:i] + ("の" if ja[i] != "の" else "が") + ja[i + 1:]


def test_xliff_12_by_default_for_cat_tools(translated: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """XLIFF 1.2 as OmegaT, memoQ and Trados import it: the target starts as the Japanese,
    a colleague's near match is an alt-trans proposal, a flagged English only a note; a target a
    translator wrote comes back into the memory, untouched units do not."""
    project, first = _copy(translated, tmp_path, monkeypatch)
    a, b = first["bottom_line"][0], first["bottom_line"][1]
    colleague = project / "colleague.tmx"
    colleague.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en-US" '
        'srclang="ja-JP" datatype="plaintext"/><body><tu><tuv xml:lang="ja-JP"><seg>'
        f'{_near(b["ja"])}</seg></tuv><tuv xml:lang="en-US"><seg>A colleague\'s English.'
        '</seg></tuv></tu></body></tmx>', encoding="utf-8")
    r = CliRunner().invoke(main, ["memory", "import", "colleague.tmx"])
    assert r.exit_code == 0 and "1 ja/en pair, 1 new or changed" in r.output, r.output

    r = CliRunner().invoke(main, ["review", "export"])
    assert r.exit_code == 0 and "out/review.xlf" in r.output, r.output
    doc = etree.parse(str(project / "out" / "review.xlf"))
    assert doc.getroot().get("version") == "1.2"
    assert doc.getroot().find(f"{X1}file").get("source-language") == "ja-JP"
    units = {u.get("id"): u for u in doc.getroot().iter(f"{X1}trans-unit")}
    unit_a = units[a["id"]]
    target = unit_a.find(f"{X1}target")
    assert target.text == a["ja"] and target.get("state") == "needs-translation"
    assert a["status"] == "flagged"  # the tiny model's output: a note, never an alt-trans
    assert not unit_a.findall(f"{X1}alt-trans[@origin='machine translation']")
    notes = [n.text for n in unit_a.iter(f"{X1}note")]
    assert f"flagged machine output: {a['machine_output']}" in notes
    term = load_glossary(project / "glossary").terms_in(a["ja"])[0]
    assert f"term: {term.ja} → {term.en}" in notes
    [fuzzy] = units[b["id"]].findall(f"{X1}alt-trans[@origin='translation memory']")
    assert fuzzy.findtext(f"{X1}target") == "A colleague's English."
    assert 85 <= int(fuzzy.get("match-quality")) < 100

    target.text = EDIT  # what a CAT tool writes back
    doc.write(str(project / "out" / "review.xlf"), xml_declaration=True, encoding="UTF-8")
    r = CliRunner().invoke(main, ["review", "import", "out/review.xlf"])
    assert r.exit_code == 0 and "1 edited segment, 1 new or changed" in r.output, r.output
    memory = project / "glossary" / "memory.tmx"
    assert TMX_DTD.validate(etree.parse(str(memory))), TMX_DTD.error_log
    assert sorted(e.en for e in read_tmx(memory)) == ["A colleague's English.", EDIT]
    text = memory.read_text(encoding="utf-8")
    assert 'xml:lang="ja-JP"' in text and 'xml:lang="en-US"' in text

    r = CliRunner().invoke(main, ["memory", "export", "shared.tmx"])
    assert r.exit_code == 0 and "2 entries" in r.output, r.output
    assert sorted(e.en for e in read_tmx(project / "shared.tmx")) == sorted(
        e.en for e in read_tmx(memory))


def test_memory_import_keeps_the_memory_on_a_conflict(project: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)

    def tmx(name: str, en: str) -> str:
        (project / name).write_text(
            '<tmx version="1.4"><header srclang="ja"/><body><tu><tuv xml:lang="ja"><seg>'
            f'首脳が会談した。</seg></tuv><tuv xml:lang="en"><seg>{en}</seg></tuv></tu></body>'
            '</tmx>', encoding="utf-8")
        return name

    assert CliRunner().invoke(main, ["memory", "import", tmx("a.tmx", "Leaders met.")]
                              ).exit_code == 0
    r = CliRunner().invoke(main, ["memory", "import", tmx("b.tmx", "The leaders held talks.")])
    assert r.exit_code == 0 and "0 new or changed" in r.output and "1 conflict" in r.output
    assert "conflict: b.tmx: '首脳が会談した。' has other English" in r.output
    memory = project / "glossary" / "memory.tmx"
    assert [e.en for e in read_tmx(memory)] == ["Leaders met."]
    r = CliRunner().invoke(main, ["memory", "import", "--replace", "b.tmx"])
    assert r.exit_code == 0 and [e.en for e in read_tmx(memory)] == ["The leaders held talks."]
    r = CliRunner().invoke(main, ["memory", "import", "missing.tmx"])
    assert r.exit_code == 1 and "missing.tmx: file not found" in r.output


@pytest.mark.parametrize("status, proposed", [("machine", True), ("flagged", False),
                                              ("approved", False)])
def test_only_checked_english_is_a_proposal_in_either_xliff(status: str, proposed: bool) -> None:
    """English that passed the checks is a machine-translation proposal in both versions; a
    flagged one is broken text (a 100 % match some CAT tools insert unasked), an approved one
    is the target itself."""
    seg = Segment(id="p1", kind="point", ja="防衛費を増やす。", machine="Raise defence spending.",
                  status=status)
    v12 = etree.fromstring(to_xliff12([seg], "t", "m", "brief.json"))
    v21 = etree.fromstring(to_xliff21([seg], "t", "m", "brief.json"))
    assert bool(v12.findall(f".//{X1}alt-trans[@origin='machine translation']")) is proposed
    assert bool(v21.findall(f".//{MTC}match[@type='mt']")) is proposed
    assert (v21.findtext(f".//{X}note[@category='machine']") == seg.machine)
