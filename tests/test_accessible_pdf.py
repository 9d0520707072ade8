"""`brief build --pdf-engine accessible`: a tagged PDF/UA made by LibreOffice from the DOCX."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from brief.cli import main
from brief.config import load_config
from conftest import FIXTURES, pdf_dict, pdf_meta

pytestmark = pytest.mark.slow  # LibreOffice converts a whole brief: ~14 s

needs_soffice = pytest.mark.skipif(not shutil.which("soffice"),
                                   reason="LibreOffice is not installed (scripts/install.sh)")


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
def test_accessible_pdf_is_tagged_with_languages_and_a_displayed_title(project: Path) -> None:
    r = CliRunner().invoke(main, ["build", "--no-translate", "--pdf-engine", "accessible",
                                  "--format", "pdf", "--sources", str(project / "seeds"),
                                  "--glossary", str(project / "glossary"), "--config",
                                  str(project / "brief.toml"), "--out", str(project / "out")])
    assert r.exit_code == 0, r.output
    reader = PdfReader(str(project / "out" / "brief.pdf"))
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
