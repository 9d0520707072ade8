"""A build with the real-tokenizer package (real Argos ja→en vocabulary, random weights): its
output is random pieces in many scripts, so every point must be flagged, shown in Japanese,
and nothing may crash (see ../shared/models/README.md)."""

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from brief.glossary.terms import load_glossary
from brief.options import BuildOptions
from brief.pipeline import build
from brief.review.exchange import export
from brief.translate.memory import Memory
from conftest import ROOT, SHARED_MODELS

REALTOK = SHARED_MODELS / "test-realtok" / "ja_en-realtok-random-weights.argosmodel"
pytestmark = pytest.mark.skipif(not REALTOK.is_file(), reason=f"{REALTOK} not present")


@pytest.fixture(scope="module")
def realtok_backend(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The package loaded from its own directory, not installed: the session's tiny package
    stays the installed one for the other tests."""
    from argostranslate.package import Package

    from brief.translate.backends.argos import ArgosBackend

    where = tmp_path_factory.mktemp("realtok")
    with zipfile.ZipFile(REALTOK) as z:
        z.extractall(where)
    return ArgosBackend(Package(next(p.parent for p in where.glob("*/metadata.json"))))


@pytest.mark.slow  # the real 50,000-piece tokenizer translates a whole brief: ~6 s
def test_every_point_is_flagged_and_shown_in_japanese(project: Path, realtok_backend: object) -> None:
    for seed in ("000_442978453d0daec2.txt", "001_f1cd6fa94029fc4f.txt",
                 "002_c12c6b67ec978006.txt"):  # fewer sentences: the model is slow on CPU
        (project / "seeds" / seed).unlink()
    out = project / "out"
    result = build(BuildOptions(sources=project / "seeds", glossary=project / "glossary",
                                out=out, config=project / "brief.toml"),
                   backend=lambda: realtok_backend)
    b = result.brief
    items = b.all_items()
    assert items and all(it.status == "flagged" and it.flags for it in items)
    assert all(s.title_status == "flagged" for s in b.sources)
    data = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    assert data["translation_counts"]["points"]["flagged"] == len(items)
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out / "brief.pdf").pages)
    assert "machine translation failed (" in pdf and f"{len(items)} flagged" in pdf
    doc = zipfile.ZipFile(out / "brief.docx").read("word/document.xml").decode()
    assert all(it.en[:20] not in doc for it in items if len(it.en) >= 20)  # never as English
    xlf, n = export(out, load_glossary(project / "glossary"), Memory(None), "xliff")
    schema = etree.XMLSchema(etree.parse(str(ROOT / "tests" / "schemas" / "xliff_core_2.0.xsd")))
    assert schema.validate(etree.fromstring(xlf)), schema.error_log
