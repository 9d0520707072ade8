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


def test_tbx_round_trip_of_the_shipped_glossary_loses_nothing() -> None:
    terms = load_glossary(FIXTURES / "glossary").terms
    assert any(t.variants for t in terms) and any(t.forbidden for t in terms)
    assert _plain(from_tbx(to_tbx(terms), "g.tbx")) == _plain(terms)


def test_csv_round_trip_of_the_shipped_glossary_loses_nothing() -> None:
    terms = load_glossary(FIXTURES / "glossary").terms
    data = to_csv(terms)
    assert data.startswith("\ufeff".encode())  # spreadsheet programs need the BOM for Japanese
    assert _plain(from_csv(data, "g.csv")) == _plain(terms)


def test_tbx_is_iso_30042_structure() -> None:
    from xml.etree import ElementTree as ET

    terms = load_glossary(FIXTURES / "glossary").terms
    root = ET.fromstring(to_tbx(terms))
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
