"""The brief as a Word document: headings, numbered points with real footnotes, appendix."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from brief.config import Config
from brief.model import Brief, Citation, Item
from brief.pipeline import build_date
from brief.render.common import (
    EXTRA_HEADINGS,
    NO_POINTS,
    NOT_TRANSLATED,
    SOURCE_COLUMNS,
    NoteCounter,
    corroboration,
    event_date,
    footnote_text,
    source_row,
    text_of,
    title_line,
    title_note,
)
from brief.render.docx_footnotes import Footnotes

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
    notes = Footnotes(document, config.east_asian_font)
    numbering = _Numbering(document)
    counter = NoteCounter()  # numbers footnotes in writing order, like the PDF

    cp = document.core_properties
    cp.title = brief.title
    cp.author = brief.author
    cp.subject = config.subject
    cp.keywords = "; ".join(["US–Japan relations", *(s.title for s in brief.sections)])
    cp.comments = f"Built by brief from {len(brief.sources)} Japanese sources"
    cp.created = cp.modified = cp.last_printed = when
    cp.last_modified_by = brief.author
    cp.revision = 1

    document.add_paragraph(brief.title, style="Title")
    meta = document.add_paragraph()
    meta.add_run(title_line(brief)).italic = True
    if not brief.translated:
        warn = document.add_paragraph().add_run(NOT_TRANSLATED)
        warn.bold = True
        warn.font.color.rgb = RGBColor(0x99, 0x22, 0x22)

    def note(p: object, texts: list[str]) -> None:
        counter.take(texts)
        for text in texts:
            notes.add(p, [(text, False)])

    def cite(p: object, citations: list[Citation]) -> None:
        note(p, [footnote_text(brief, c) for c in citations])

    def points(items: list[Item]) -> None:
        if not items:
            document.add_paragraph().add_run(NO_POINTS).italic = True
            return
        num_id = numbering.restart()
        for item in items:
            p = document.add_paragraph(style="List Number")
            _apply_num(p, num_id)
            p.add_run(text_of(brief, item))
            tag = p.add_run(f" ({corroboration(brief, item)})")
            tag.italic = True
            tag.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
            cite(p, item.citations)

    def table(header: list[str], widths: list[float]) -> object:
        t = document.add_table(rows=1, cols=len(header))
        t.style = "Light Grid Accent 1"
        for cell, text, w in zip(t.rows[0].cells, header, widths, strict=True):
            cell.text = text
            cell.width = Cm(w)
        return t

    def row(t: object, texts: list[str], widths: list[float]) -> list:
        cells = t.add_row().cells  # type: ignore[attr-defined]
        for cell, text, w in zip(cells, texts, widths, strict=True):
            cell.text = text
            cell.width = Cm(w)
        return cells

    document.add_heading("Bottom line", level=1)
    points(brief.bottom_line)
    for section in brief.sections:
        document.add_heading(section.title, level=1)
        if section.description:
            document.add_paragraph().add_run(section.description).italic = True
        points(section.items)
    if brief.figures:
        document.add_heading(EXTRA_HEADINGS["figures"], level=1)
        widths = [5.0, 11.0]
        t = table(["Figure", "What it measures"], widths)
        for f in brief.figures:
            cells = row(t, [f.value, text_of(brief, f)], widths)
            cite(cells[1].paragraphs[0], f.citations)
    if brief.conflicts:
        document.add_heading(EXTRA_HEADINGS["conflicts"], level=1)
        for c in brief.conflicts:
            document.add_heading(c.topic, level=2)
            for cl in c.claims:
                p = document.add_paragraph(style="List Bullet")
                p.add_run(f"{cl.value}: ").bold = True
                p.add_run(text_of(brief, cl))
                cite(p, cl.citations)
    if brief.timeline:
        document.add_heading(EXTRA_HEADINGS["timeline"], level=1)
        widths = [3.5, 12.5]
        t = table(["Date", "Event"], widths)
        for e in brief.timeline:
            cells = row(t, [event_date(e), text_of(brief, e)], widths)
            cite(cells[1].paragraphs[0], e.citations)

    document.add_heading("Sources", level=1)
    widths = [1.0, 6.0, 3.5, 5.5]
    t = table(SOURCE_COLUMNS, widths)
    for s in brief.sources:
        cells = row(t, source_row(brief, s), widths)
        note(cells[1].paragraphs[0], title_note(brief, s))
    if brief.glossary_used:
        document.add_heading("Glossary", level=1)
        widths = [7.0, 9.0]
        t = table(["Japanese", "English"], widths)
        for ja, en in brief.glossary_used:
            row(t, [ja, en], widths)
    buf = io.BytesIO()
    document.save(buf)
    return _normalise_zip(buf.getvalue(), when)
