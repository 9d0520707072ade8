"""`brief build --pdf-engine accessible`: a tagged PDF/UA made by LibreOffice from the DOCX."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from brief.cli import main
from brief.config import load_config
from conftest import FIXTURES, pdf_dict, pdf_meta
from pdf_glyphs import check

if TYPE_CHECKING:
    import pikepdf

pytestmark = pytest.mark.slow  # LibreOffice converts a whole brief: ~14 s

needs_soffice = pytest.mark.skipif(not shutil.which("soffice"),
                                   reason="LibreOffice is not installed (scripts/install.sh)")


@pytest.fixture(scope="module")
def accessible_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The accessible PDF of a copy of the fixtures, one source given an outlet and a URL
    (a link the PDF must label): one LibreOffice conversion for the tests that read it."""
    project = tmp_path_factory.mktemp("accessible")
    for name in ("seeds", "glossary"):
        shutil.copytree(FIXTURES / name, project / name)
    shutil.copy(FIXTURES / "brief.toml", project / "brief.toml")
    (project / "seeds" / "sources.toml").write_text(
        '["002_c12c6b67ec978006.txt"]\noutlet = "Example Daily"\n'
        'url = "https://news.example.com/2025/10/28/summit"\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["build", "--no-translate", "--pdf-engine", "accessible",
                                  "--format", "pdf", "--sources", str(project / "seeds"),
                                  "--glossary", str(project / "glossary"), "--config",
                                  str(project / "brief.toml"), "--out", str(project / "out")])
    assert r.exit_code == 0, r.output
    return project / "out" / "brief.pdf"


def _structure(root: object) -> tuple[set[str], set[str]]:
    """The structure element types and the /Lang values in the structure tree."""
    kinds: set[str] = set()
    langs: set[str] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if not isinstance(node, dict) or node.get("/Type") in ("/MCR", "/OBJR"):
            continue
        if "/S" in node:
            kinds.add(str(node["/S"]))
        if "/Lang" in node:
            langs.add(str(node["/Lang"]))
        kids = node.get("/K")
        if kids is not None:
            todo += kids if isinstance(kids, list) else [kids]
    return kinds, langs


@needs_soffice
def test_accessible_pdf_is_tagged_with_languages_and_a_displayed_title(
        accessible_pdf: Path) -> None:
    reader = PdfReader(str(accessible_pdf))
    root = reader.root_object
    assert bool(pdf_dict(root["/MarkInfo"])["/Marked"])
    assert str(root["/Lang"]).startswith("en")
    assert bool(pdf_dict(root["/ViewerPreferences"])["/DisplayDocTitle"])
    assert pdf_meta(reader).title == load_config(FIXTURES / "brief.toml").title
    assert "/Metadata" in root  # XMP, where PDF/UA declares itself
    kinds, langs = _structure(root["/StructTreeRoot"])
    assert {"/H1", "/L", "/LI", "/Table"} <= kinds, kinds  # a list and its items
    assert "/Title" not in kinds  # the title is a heading a screen reader lists (H1)
    keywords = str(pdf_meta(reader).get("/Keywords")).replace("\xa0", " ").split(", ")
    assert "Economic security" in keywords  # one keyword, not split at its space
    assert "ja-JP" in langs  # the Japanese spans are marked as Japanese
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Security" in text and "防衛費" in text


def test_accessible_engine_without_libreoffice_is_a_clear_error(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(project))  # no soffice on it
    r = CliRunner().invoke(main, ["build", "--no-translate", "--pdf-engine", "accessible",
                                  "--format", "pdf", "--sources", str(project / "seeds"),
                                  "--glossary", str(project / "glossary"), "--config",
                                  str(project / "brief.toml"), "--out", str(project / "out")])
    assert r.exit_code == 1
    assert "--pdf-engine accessible needs LibreOffice" in r.output
    assert not (project / "out" / "brief.pdf").exists()


def _pdfua_elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element of PDF (a pikepdf.Pdf), parents first."""
    import pikepdf

    out, todo = [], [pdf.Root.StructTreeRoot]
    while todo:
        node = todo.pop(0)
        if not isinstance(node, pikepdf.Dictionary) or node.get("/Type") in ("/MCR", "/OBJR"):
            continue
        out.append(node)
        kids = node.get("/K")
        todo += list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    return out[1:]


@needs_soffice
def test_accessible_pdf_passes_pdfua_checks_for_notes_links_headings_metadata_language(
        accessible_pdf: Path) -> None:
    """PDF/UA-1's rules, read with pikepdf: every Note has a unique /ID in the tree's IDTree
    (§7.9); every link annotation is in a Link element, says where it leads (/Contents) and
    the element has /Alt (§7.18.5); headings start at H1 and skip no level; the XMP names
    the part and the title, which the viewer shows; the catalog and each Japanese run carry
    their language."""
    import pikepdf

    pdf = pikepdf.open(accessible_pdf)
    elements = _pdfua_elements(pdf)
    kinds = [str(e.get("/S")) for e in elements]
    notes = [e for e in elements if e.get("/S") == "/Note"]
    ids = [str(n.get("/ID", "")) for n in notes]
    assert len(notes) >= 20 and all(ids) and len(set(ids)) == len(ids)
    id_tree = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)
    assert sorted(id_tree.keys()) == sorted(ids)
    assert all(id_tree[i].objgen == n.objgen for i, n in zip(ids, notes, strict=True))
    links = [e for e in elements if e.get("/S") == "/Link"]
    tagged = {k.Obj.objgen for e in links for k in e.K if isinstance(k, pikepdf.Dictionary)
              and k.get("/Type") == "/OBJR"}
    annots = [a for p in pdf.pages for a in p.get("/Annots", []) if a.get("/Subtype") == "/Link"]
    assert annots and {a.objgen for a in annots} == tagged  # every link annotation tagged
    assert all(len(str(e.get("/Alt", ""))) > 3 for e in links)
    labels = [str(a.Contents) for a in annots]
    assert not [x for x in labels if x.isdigit()] and "Note 1" in labels
    assert any("https://news.example.com/2025/10/28/summit" in x for x in labels)
    levels = [int(k[2:]) for k in kinds if re.fullmatch(r"/H\d", k)]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    assert not {"/H", "/Title"} & set(kinds)
    with pdf.open_metadata() as xmp:
        assert xmp["pdfuaid:part"] == "1"
        assert xmp["dc:title"] == load_config(FIXTURES / "brief.toml").title
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
    glyphs = check(accessible_pdf)  # LibreOffice's fonts, read from the file
    assert glyphs.codes > 3000 and glyphs.missing == [] and glyphs.bad_strings == []
    assert str(pdf.Root.Lang).startswith("en")
    japanese = [e for e in elements if str(e.get("/Lang", "")) == "ja-JP"]
    assert len(japanese) >= 20
    assert all(str(e.get("/Lang", "en")).startswith(("en", "ja")) for e in elements)
