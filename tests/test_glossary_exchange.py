from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import main
from brief.errors import BriefError
from brief.glossary.exchange import from_csv, from_tbx, to_csv, to_tbx
from brief.glossary.terms import load_glossary
from conftest import FIXTURES


def _plain(terms: list) -> list:
    return [replace(t, where="") for t in terms]


@pytest.mark.parametrize("version", [2, 3])
def test_tbx_round_trip_of_the_shipped_glossary_loses_nothing(version: int) -> None:
    terms = load_glossary(FIXTURES / "glossary").terms
    assert any(t.variants for t in terms) and any(t.forbidden for t in terms)
    assert _plain(from_tbx(to_tbx(terms, version), "g.tbx")) == _plain(terms)


def test_csv_round_trip_of_the_shipped_glossary_loses_nothing() -> None:
    terms = load_glossary(FIXTURES / "glossary").terms
    data = to_csv(terms)
    assert data.startswith("\ufeff".encode())  # spreadsheet programs need the BOM for Japanese
    assert _plain(from_csv(data, "g.csv")) == _plain(terms)


def test_tbx_v2_by_default_with_forbidden_renderings_deprecated(tmp_path: Path,
                                                               monkeypatch) -> None:  # noqa: ANN001
    """What OmegaT 3.6, memoQ and Trados read: a martif with a forbidden rendering marked
    deprecated (and a usage note for tools that show notes, not statuses)."""
    from xml.etree import ElementTree as ET

    terms = load_glossary(FIXTURES / "glossary").terms
    banned = next(t for t in terms if t.forbidden)
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["glossary", "export", "--glossary",
                                  str(FIXTURES / "glossary"), "terms.tbx"])
    assert r.exit_code == 0, r.output
    root = ET.parse(tmp_path / "terms.tbx").getroot()
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert len(root.findall("text/body/termEntry")) == len(terms)
    tig = next(t for t in root.iter("tig") if t.findtext("term") == banned.forbidden[0])
    assert tig.findtext("termNote[@type='administrativeStatus']") == "deprecatedTerm-admn-sts"
    assert tig.findtext("descrip[@type='usageNote']") == "forbidden: do not use"


def test_tbx_v3_on_request_is_iso_30042_2019_structure() -> None:
    from xml.etree import ElementTree as ET

    terms = load_glossary(FIXTURES / "glossary").terms
    root = ET.fromstring(to_tbx(terms, 3))
    ns = "{urn:iso:std:iso:30042:ed-2}"
    assert root.tag == f"{ns}tbx" and root.get("type") == "TBX-Basic"
    assert len(root.findall(f"{ns}text/{ns}body/{ns}conceptEntry")) == len(terms)


def test_reads_tbx_v2_martif_from_cat_tools() -> None:
    martif = """<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry id="t1">
    <descrip type="subjectField">defence</descrip>
    <langSet xml:lang="ja-JP"><tig><term>防衛装備品</term></tig><tig><term>防衛装備</term></tig></langSet>
    <langSet xml:lang="en-US">
      <tig><term>defense equipment</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      <tig><term>defence article</term>
        <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    </langSet>
  </termEntry>
  <termEntry id="t2"><langSet xml:lang="de"><tig><term>Verteidigung</term></tig></langSet></termEntry>
</body></text></martif>""".encode()
    [t] = from_tbx(martif, "memoq.tbx")
    assert (t.ja, t.en, t.variants, t.forbidden, t.domain) == (
        "防衛装備品", "defense equipment", ("防衛装備",), ("defence article",), "defence")


def test_bad_exchange_files_name_file_and_line() -> None:
    with pytest.raises(BriefError, match=r"^x.tbx:2: not well-formed TBX/XML"):
        from_tbx(b"<tbx>\n<text>", "x.tbx")
    with pytest.raises(BriefError, match=r"^x.tbx:1: not a TBX file \(root element <html>\)"):
        from_tbx(b"<html/>", "x.tbx")
    with pytest.raises(BriefError) as exc:
        from_csv("ja,en\n迎賓館,\n".encode(), "x.csv")
    assert str(exc.value) == "x.csv:2: empty 'en' field"


def test_cli_export_then_import_into_an_empty_glossary(tmp_path: Path) -> None:
    out = tmp_path / "g.tbx"
    r = CliRunner().invoke(main, ["glossary", "export", "--glossary", str(FIXTURES / "glossary"), str(out)])
    assert r.exit_code == 0, r.output
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "terms.tsv").write_text("ja\ten\tnote\tvariants\tforbidden\tcase\tdomain\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["glossary", "import", "--glossary", str(empty), str(out)])
    assert r.exit_code == 0, r.output
    shipped = load_glossary(FIXTURES / "glossary").terms
    assert f"{len(shipped)} added" in r.output
    assert _plain(load_glossary(empty).terms) == _plain(shipped)
    again = CliRunner().invoke(main, ["glossary", "import", "--glossary", str(empty), str(out)])
    assert f"0 added, {len(shipped)} already present" in again.output


def test_csv_export_neutralises_spreadsheet_formulas_and_import_restores_them(tmp_path: Path) -> None:
    from brief.glossary.exchange import from_csv, to_csv
    from brief.glossary.terms import Term

    risky = [Term("商務", '=HYPERLINK("http://x","y")', note="+1 cmd|' /C calc'!A0"),
             Term("防衛", "-2+3", note="@SUM(A1)", domain="policy"),
             Term("通商", "Trade", note="ok - fine", variants=("=通商",))]
    data = to_csv(risky)
    import csv
    import io
    cells = [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for c in row]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert "'=HYPERLINK(\"http://x\",\"y\")" in cells and "ok - fine" in cells
    back = from_csv(data, "x.csv")
    assert [(t.ja, t.en, t.note, t.variants) for t in back] == [
        (t.ja, t.en, t.note, t.variants) for t in risky]


@pytest.mark.parametrize("encoding", ["shift_jis", "euc-jp", "utf-16", "utf-32", "utf-8"])
def test_tbx_in_any_declared_encoding_is_read(encoding: str) -> None:
    from brief.glossary.exchange import from_tbx

    xml = (f'<?xml version="1.0" encoding="{encoding.upper()}"?>\n'
           '<martif type="TBX"><text><body><termEntry id="e1">'
           '<langSet xml:lang="ja"><tig><term>防衛費</term></tig></langSet>'
           '<langSet xml:lang="en"><tig><term>defense spending</term></tig></langSet>'
           '</termEntry></body></text></martif>')
    terms = from_tbx(xml.encode(encoding), "team.tbx")
    assert [(t.ja, t.en) for t in terms] == [("防衛費", "defense spending")]


@pytest.mark.parametrize(("data", "message"), [
    (b'<?xml version="1.0" encoding="x-unknown"?><martif/>', "team.tbx:1: unknown encoding 'x-unknown'"),
    ('<?xml version="1.0" encoding="Shift_JIS"?>\n<martif>\n防衛</martif>'.encode(),
     "team.tbx:3: not valid Shift_JIS text"),
])
def test_tbx_encoding_problems_are_one_line(data: bytes, message: str) -> None:
    from brief.errors import BriefError
    from brief.glossary.exchange import from_tbx

    with pytest.raises(BriefError, match=message):
        from_tbx(data, "team.tbx")


def test_csv_field_over_the_csv_module_limit_is_one_line(tmp_path: Path) -> None:
    f = tmp_path / "big.csv"
    f.write_text('ja,en,note\n商務,Commerce,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["glossary", "import", "--glossary", str(tmp_path), str(f)])
    assert r.exit_code == 1
    assert r.stderr.startswith(f"brief: error: {f}:") and "unreadable CSV" in r.stderr
    assert r.stderr.count("\n") == 1


def test_export_onto_a_full_disk_is_one_line_and_keeps_the_old_file(tiny_fs: Path) -> None:
    target = tiny_fs / "terms.csv"
    target.write_bytes(b"old export")
    (tiny_fs / "filler").write_bytes(b"x" * (1024 * 1024 - 8192))
    big = tiny_fs.parent / "g"
    big.mkdir()
    rows = "".join(f"語{i}\t{'word ' * 20}{i}\n" for i in range(3000))
    (big / "terms.tsv").write_text("ja\ten\n" + rows, encoding="utf-8")
    r = CliRunner().invoke(main, ["glossary", "export", "--glossary", str(big), str(target)])
    assert r.exit_code == 1 and r.stderr.count("\n") == 1
    assert "terms.csv: cannot write (disk full)" in r.stderr
    assert target.read_bytes() == b"old export"
    assert sorted(p.name for p in tiny_fs.iterdir()) == ["filler", "terms.csv"]


def test_deepl_csv_in_and_out(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """DeepL's (and Google's) glossary: two columns, no header; DeepL's language columns."""
    monkeypatch.chdir(tmp_path)
    gdir = tmp_path / "glossary"
    gdir.mkdir()
    (gdir / "terms.tsv").write_text("ja\ten\tvariants\n高市首相\tPrime Minister Takaichi\t高市総理\n",
                                    encoding="utf-8")
    (tmp_path / "deepl.csv").write_text("首脳会談,summit,ja,en\n迎賓館,\"Akasaka Palace, Tokyo\",ja,en\n",
                                        encoding="utf-8")
    r = CliRunner().invoke(main, ["glossary", "import", "deepl.csv"])
    assert r.exit_code == 0 and "2 added" in r.output, r.output
    assert [(t.ja, t.en) for t in load_glossary(gdir).terms][1:] == [
        ("首脳会談", "summit"), ("迎賓館", "Akasaka Palace, Tokyo")]
    r = CliRunner().invoke(main, ["glossary", "export", "--deepl", "out.csv"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines() == [
        "高市首相,Prime Minister Takaichi", "高市総理,Prime Minister Takaichi", "首脳会談,summit",
        '迎賓館,"Akasaka Palace, Tokyo"']
