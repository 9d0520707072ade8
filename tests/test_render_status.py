"""Statuses reach every format: a flagged point shows its Japanese and the reason, approved
and machine points their English; nothing a model emits can stop a writer."""

import json
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from brief.config import load_config
from brief.glossary.terms import load_glossary, note_terms
from brief.model import APPROVED, FLAGGED, MACHINE, Brief, Claim, Event, Figure, Item
from brief.options import BuildOptions
from brief.render import write_outputs
from brief.vocab import Status
from conftest import FIXTURES, assembled


def _brief() -> Brief:
    b = assembled()  # the seeds curated once per worker, a copy each call
    note_terms(b, load_glossary(FIXTURES / "glossary"))
    b.translated, b.model, b.model_name = True, "test:1", "Test Engine 1.0"
    for n, it in enumerate(b.all_items()):
        it.en, it.status = f"Point number {n} in plain English.", MACHINE
    others: list[Figure | Event | Claim] = [*b.figures, *b.timeline,
                                            *(cl for c in b.conflicts for cl in c.claims)]
    for obj in others:
        obj.en, obj.status = "A figure in plain English.", MACHINE
    for s in b.sources:
        s.title_en, s.title_status = f"Title of {s.id}", MACHINE
    return b


def _texts(out: Path) -> dict[str, str]:
    """The text of each format written in OUT."""
    found = {}
    if (out / "brief.docx").exists():
        found["docx"] = zipfile.ZipFile(out / "brief.docx").read("word/document.xml").decode()
    if (out / "brief.pdf").exists():
        found["pdf"] = "".join(p.extract_text() for p in PdfReader(out / "brief.pdf").pages)
    for fmt in ("md", "json"):
        if (out / f"brief.{fmt}").exists():
            found[fmt] = (out / f"brief.{fmt}").read_text(encoding="utf-8")
    return found


def _write(b: Brief, out: Path, formats: tuple[str, ...] = ()) -> dict[str, str]:
    """B written to OUT in FORMATS (every one by default), and their texts."""
    write_outputs(b, load_config(FIXTURES / "brief.toml"),
                  BuildOptions(sources=FIXTURES / "seeds", glossary=FIXTURES / "glossary",
                               out=out, config=FIXTURES / "brief.toml", formats=formats))
    return _texts(out)


def test_flagged_points_show_japanese_with_the_reason_in_every_format(tmp_path: Path) -> None:
    b = _brief()
    items = b.all_items()
    bad, good, human = items[0], items[1], items[2]
    bad.en, bad.status, bad.flags = "Closed", FLAGGED, ["one word for a sentence"]
    human.en, human.status = "An analyst's own sentence about the summit.", APPROVED
    texts = _write(b, tmp_path)
    for fmt in ("md", "docx", "pdf"):
        flat = texts[fmt].replace("\n", " ")
        # the Japanese with a short mark; the reason once, in the appendix table
        assert bad.ja[:12] in flat and "MT?" in flat, fmt
        assert flat.count("one word for a sentence") == 1, fmt
        assert "Unchecked machine translation" in flat and "1 text flagged" in flat, fmt
        assert good.en in flat and "An analyst" in flat, fmt
        assert "Test Engine 1.0" in flat and "1 approved by a person" in flat, fmt
    assert "Closed" not in texts["md"]
    data = json.loads(texts["json"])
    assert data["model_name"] == "Test Engine 1.0"
    assert data["translation_counts"]["points"] == {
        "approved": 1, "machine": len(items) - 2, "flagged": 1}
    assert data["bottom_line"][0]["status"] == "flagged"
    assert data["bottom_line"][0]["flags"] == ["one word for a sentence"]
    assert Brief.read(tmp_path / "brief.json").all_items()[0].flags == ["one word for a sentence"]


def test_model_output_no_font_or_xml_can_hold_never_crashes(tmp_path: Path) -> None:
    from brief.render.document_builder import build
    from brief.render.pdf.fonts import register
    from brief.render.pdf.writer import glyph_coverage

    b = _brief()
    it = b.all_items()[0]
    # a machine point that passed (as a real model's may) with characters no font has
    # (Javanese), one only a fallback face may have (Arabic) and an XML-illegal control
    it.en = "Japan and the US agreed \ua9c1 on \u0628 the plan\x0b today."
    texts = _write(b, tmp_path)
    assert "[U+A9C1]" in texts["pdf"]
    assert "\ufffd" in texts["md"] and "\x0b" not in texts["docx"]
    fallback, replaced = glyph_coverage(build(b))
    assert replaced >= 1
    assert fallback >= (1 if register().fallbacks else 0)


@pytest.mark.parametrize("status", [FLAGGED, MACHINE])
def test_source_titles_follow_their_status(tmp_path: Path, status: Status) -> None:
    b = _brief()
    s = b.sources[0]
    s.title_status, s.title_flags = status, (["other scripts (Hangul)"] if status == FLAGGED
                                             else [])
    docx = _write(b, tmp_path, ("docx",))["docx"].replace("&amp;", "&")  # what is tested
    if status == FLAGGED:
        assert f"<w:t>{s.title}</w:t>" in docx and ">MT?<" in docx
        assert docx.count("other scripts") == 1  # in the appendix only, as its kind
        assert s.title_en not in docx  # the model's title is never shown
    else:
        assert f"<w:t>{s.title_en}</w:t>" in docx  # the Sources table's title cell


def test_a_brief_whose_every_text_is_flagged_is_at_most_a_page_longer(tmp_path: Path) -> None:
    """Every text flagged with long reasons: each shows its Japanese with a short MT? mark,
    the reasons are grouped in one appendix table, and the status line counts them all
    (points, figures, events, claims and source titles), not only the points."""
    import io

    from brief.render import WRITERS

    cfg = load_config(FIXTURES / "brief.toml")
    untranslated = _brief()
    untranslated.translated = False
    plain = len(PdfReader(io.BytesIO(WRITERS["pdf"].render(untranslated, cfg))).pages)
    b = _brief()
    objs: list[Item | Figure | Event | Claim] = [
        *b.all_items(), *b.figures, *b.timeline, *(cl for c in b.conflicts for cl in c.claims)]
    for n, o in enumerate(objs):
        o.status, o.flags = FLAGGED, [f"too long ({n}.5 characters per Japanese character)",
                                      "glossary term missing: 防衛費 → defense spending",
                                      "other scripts (Hangul)"]
    for s in b.sources:
        s.title_status, s.title_flags = FLAGGED, ["repeated text"]
    pdf = PdfReader(io.BytesIO(WRITERS["pdf"].render(b, cfg)))
    assert len(pdf.pages) <= plain + 1
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert f"{len(objs) + len(b.sources)} texts flagged" in text
    assert text.count("glossary term missing") == 1 and "A figure in plain English" not in text
    html = WRITERS["html"].render(b, cfg).decode()
    assert 'id="bilingual"' not in html  # nothing is in English: no Japanese shown twice
    for o in b.all_items():
        assert html.count(f">{o.ja}<") <= 2  # the Bottom line and its section point
