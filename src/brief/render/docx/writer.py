"""The brief as a Word document: headings, numbered points with real footnotes, appendix."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from brief.clock import build_date
from brief.config import Config
from brief.model import Brief, Citation, Item
from brief.render.common import (
    NO_POINTS,
    NOT_TRANSLATED,
    SOURCE_COLUMNS,
    Part,
    conflict_note,
    corroboration,
    event_date,
    footnote_text,
    outline,
    source_row,
    text_of,
    title_line,
    title_note,
)
from brief.render.docx.footnotes import Footnotes

LATIN_FONT = "Cambria"


def _set_fonts(document: Document, east_asian: str) -> None:
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "List Number"):
        style = document.styles[name]
        rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        rfonts.set(qn("w:eastAsia"), east_asian)
        if name in ("Normal", "List Number"):
            rfonts.set(qn("w:ascii"), LATIN_FONT)
            rfonts.set(qn("w:hAnsi"), LATIN_FONT)
    document.styles["Normal"].font.size = Pt(10.5)


def _page_number_footer(document: Document) -> None:
    p = document.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("Page ")
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    p._p.append(fld)


class _Numbering:
    """Restart 'List Number' at 1 for each section (a new w:num with a start override)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        style = document.styles["List Number"]
        num_id = int(style.element.pPr.numPr.numId.val)
        numbering = document.part.numbering_part.element
        self.numbering = numbering
        self.abstract_id = numbering.num_having_numId(num_id).abstractNumId.val

    def restart(self) -> int:
        num = self.numbering.add_num(self.abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return int(num.numId)


def _apply_num(paragraph: object, num_id: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = 0
    numpr.get_or_add_numId().val = num_id


def _normalise_zip(data: bytes, when: datetime) -> bytes:
    """Fixed member timestamps and order so identical inputs give identical bytes."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def render(brief: Brief, config: Config) -> bytes:
    when = build_date().replace(tzinfo=None, microsecond=0)
    document = Document()
    _set_fonts(document, config.east_asian_font)
    _page_number_footer(document)
    cp = document.core_properties
    cp.title = brief.title
    cp.author = brief.author
    cp.subject = config.subject
    cp.keywords = "; ".join(["US–Japan relations", *(s.title for s in brief.sections)])
    cp.comments = f"Built by brief from {len(brief.sources)} Japanese sources"
    cp.created = cp.modified = cp.last_printed = when
    cp.last_modified_by = brief.author
    cp.revision = 1
    _Writer(brief, document, Footnotes(document, config.east_asian_font)).write()
    buf = io.BytesIO()
    document.save(buf)
    return _normalise_zip(buf.getvalue(), when)


class _Writer:
    """The body of the document: the title block, then one method per outline part."""

    def __init__(self, brief: Brief, document: Any, notes: Footnotes) -> None:
        self.brief, self.document, self.notes = brief, document, notes
        self.numbering = _Numbering(document)

    def write(self) -> None:
        doc, brief = self.document, self.brief
        doc.add_paragraph(brief.title, style="Title")
        doc.add_paragraph().add_run(title_line(brief)).italic = True
        if not brief.translated:
            warn = doc.add_paragraph().add_run(NOT_TRANSLATED)
            warn.bold = True
            warn.font.color.rgb = RGBColor(0x99, 0x22, 0x22)
        for part in outline(brief):
            doc.add_heading(part.title, level=1)
            getattr(self, "part_" + part.kind.replace("-", "_"))(part)

    def note(self, p: object, texts: list[str]) -> None:
        for text in texts:
            self.notes.add(p, [(text, False)])

    def cite(self, p: object, citations: list[Citation]) -> None:
        self.note(p, [footnote_text(self.brief, c) for c in citations])

    def points(self, items: list[Item]) -> None:
        if not items:
            self.document.add_paragraph().add_run(NO_POINTS).italic = True
            return
        num_id = self.numbering.restart()
        for item in items:
            p = self.document.add_paragraph(style="List Number")
            _apply_num(p, num_id)
            p.add_run(text_of(self.brief, item))
            tag = p.add_run(f" ({corroboration(self.brief, item)})")
            tag.italic = True
            tag.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
            self.cite(p, item.citations)

    def table(self, header: list[str], widths: list[float],
              rows: list[tuple[list[str], list[Citation] | None, list[str]]],
              note_col: int = 1) -> None:
        """HEADER and ROWS (cells, citations, further notes) with the notes in NOTE_COL."""
        t = self.document.add_table(rows=1, cols=len(header))
        t.style = "Light Grid Accent 1"
        for cells, texts in [(t.rows[0].cells, header)] + [
                (t.add_row().cells, r[0]) for r in rows]:
            for cell, text, w in zip(cells, texts, widths, strict=True):
                cell.text = text
                cell.width = Cm(w)
        for row, (_, citations, extra) in zip(t.rows[1:], rows, strict=True):
            para = row.cells[note_col].paragraphs[0]
            self.cite(para, citations or [])
            self.note(para, extra)

    def part_bottom_line(self, _: Part) -> None:
        self.points(self.brief.bottom_line)

    def part_section(self, part: Part) -> None:
        assert part.section is not None
        if part.section.description:
            self.document.add_paragraph().add_run(part.section.description).italic = True
        self.points(part.section.items)

    def part_figures(self, _: Part) -> None:
        self.table(["Figure", "What it measures"], [5.0, 11.0],
                   [([f.value, text_of(self.brief, f)], f.citations, [])
                    for f in self.brief.figures])

    def part_conflicts(self, _: Part) -> None:
        for c in self.brief.conflicts:
            self.document.add_heading(c.topic, level=2)
            if c.verdict:
                self.document.add_paragraph(conflict_note(c))
            for cl in c.claims:
                p = self.document.add_paragraph(style="List Bullet")
                p.add_run(f"{cl.value}: ").bold = True
                p.add_run(text_of(self.brief, cl))
                self.cite(p, cl.citations)

    def part_timeline(self, _: Part) -> None:
        self.table(["Date", "Event"], [3.5, 12.5],
                   [([event_date(e), text_of(self.brief, e)], e.citations, [])
                    for e in self.brief.timeline])

    def part_sources(self, _: Part) -> None:
        self.table(SOURCE_COLUMNS, [1.0, 6.0, 3.5, 5.5],
                   [(source_row(self.brief, s), None, title_note(self.brief, s))
                    for s in self.brief.sources])

    def part_glossary(self, _: Part) -> None:
        self.table(["Japanese", "English"], [7.0, 9.0],
                   [([ja, en], None, []) for ja, en in self.brief.glossary_used])
