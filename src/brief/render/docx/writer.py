"""The brief as a Word document: headings, numbered points with real footnotes, appendix."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from brief.clock import build_date
from brief.config import Config
from brief.model import Brief, Item
from brief.render.common import (
    NO_POINTS,
    SOURCE_COLUMNS,
    Noted,
    Part,
    conflict_note,
    corroboration,
    event_date,
    notes_of,
    notice,
    outline,
    see_note,
    source_notes,
    source_row,
    text_of,
    title_line,
    verdict_note,
)
from brief.render.docx.footnotes import Footnotes

LATIN_FONT = "DejaVu Serif"  # the PDF's Latin face (fonts-dejavu-core)
PAGE_SIZES = {"A4": (Mm(210), Mm(297)), "Letter": (Inches(8.5), Inches(11))}
MARGIN = Mm(20)  # as the PDF's


def _page_setup(document: DocxDocument, size: str) -> None:
    """The paper brief.toml names (A4 by default) with the PDF's margins."""
    sec = document.sections[0]
    sec.page_width, sec.page_height = PAGE_SIZES[size]
    sec.left_margin = sec.right_margin = sec.top_margin = sec.bottom_margin = MARGIN
    sec.header_distance = sec.footer_distance = Mm(10)


_THEMES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _set_fonts(document: DocxDocument, east_asian: str) -> None:
    """The PDF's type families everywhere: theme fonts (Calibri, Cambria) would win over
    the named ones, so they are removed."""
    defaults = document.styles.element.find(qn("w:docDefaults")).find(
        qn("w:rPrDefault")).find(qn("w:rPr"))
    elements = [defaults] + [document.styles[n].element.get_or_add_rPr()
                             for n in ("Normal", "Title", "Heading 1", "Heading 2",
                                       "List Number", "List Bullet")]
    for rpr in elements:
        rfonts = rpr.get_or_add_rFonts() if hasattr(rpr, "get_or_add_rFonts") else None
        if rfonts is None:
            rfonts = rpr.find(qn("w:rFonts"))
            if rfonts is None:
                rfonts = OxmlElement("w:rFonts")
                rpr.insert(0, rfonts)
        for attr in _THEMES:
            rfonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            rfonts.set(qn(attr), LATIN_FONT)
        rfonts.set(qn("w:eastAsia"), east_asian)
    document.styles["Normal"].font.size = Pt(10.5)


def _no_compatibility_mode(document: DocxDocument) -> None:
    """Word 2013+ layout (compatibilityMode 15), not Compatibility Mode."""
    for setting in document.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"><Application>brief</Application><DocSecurity>0</DocSecurity>'
    "<ScaleCrop>false</ScaleCrop><Company>{company}</Company>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>")


def _set_language(document: DocxDocument) -> None:
    """Text is English (en-US) and East Asian text Japanese (ja-JP), so spell checkers,
    screen readers and the accessible PDF's /Lang know each run's language."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "ja-JP")


def _page_number_footer(document: DocxDocument) -> None:
    """'Page x of y' in the footer (Word fields PAGE and NUMPAGES)."""
    p = document.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("Page ", "PAGE"), (" of ", "NUMPAGES")):
        p.add_run(text)
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), field)
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        fld.append(r)
        p._p.append(fld)


class _Numbering:
    """Restart 'List Number' at 1 for each section (a new w:num with a start override)."""

    def __init__(self, document: DocxDocument) -> None:
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


def _normalise_zip(data: bytes, when: datetime, app_xml: bytes) -> bytes:
    """Fixed member timestamps and order so identical inputs give identical bytes; our own
    app.xml (the template's says "Microsoft Macintosh Word", 1 page) and no thumbnail (the
    template's is blank)."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == "docProps/thumbnail.jpeg":
                continue
            body = src.read(info.filename)
            if info.filename == "docProps/app.xml":
                body = app_xml
            elif info.filename == "_rels/.rels":
                body = re.sub(rb"<Relationship [^>]*Target=\"docProps/thumbnail.jpeg\"/>", b"",
                              body)
            zi = zipfile.ZipInfo(info.filename, date_time=stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, body)
    return out.getvalue()


PROPERTY_LIMIT = 255  # characters python-docx (and Word) allow in a core property


def _property(text: str) -> str:
    """TEXT fitted to a core property: cut to the limit with an ellipsis, never refused."""
    return text if len(text) <= PROPERTY_LIMIT else text[:PROPERTY_LIMIT - 1] + "…"


def render(brief: Brief, config: Config) -> bytes:
    when = build_date().replace(tzinfo=None, microsecond=0)
    document = Document()
    _page_setup(document, config.page_size)
    _no_compatibility_mode(document)
    _set_fonts(document, config.east_asian_font)
    _set_language(document)
    _page_number_footer(document)
    cp = document.core_properties
    cp.title = _property(brief.title)  # a derived, machine-translated title may run long
    cp.author = _property(brief.author or brief.office)
    cp.subject = _property(config.subject)
    cp.keywords = _property("; ".join(["US–Japan relations", *(s.title for s in brief.sections)]))
    cp.comments = f"Built by brief from {len(brief.sources)} Japanese sources"
    cp.created = cp.modified = cp.last_printed = when
    cp.last_modified_by = brief.author or brief.office
    cp.revision = 1
    _Writer(brief, document, Footnotes(document, config.east_asian_font)).write()
    buf = io.BytesIO()
    document.save(buf)
    app = APP_XML.format(company=escape(brief.office)).encode()
    return _normalise_zip(buf.getvalue(), when, app)


def _fixed_widths(table: Any, widths: list[float]) -> None:
    """Column widths (cm) chosen for the content, kept by Word and LibreOffice alike."""
    table.autofit = False
    tbl = table._tbl
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl.tblPr.append(layout)
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(w).twips)))


def _keep_rows(table: Any) -> None:
    """Rows never split across pages, the header row repeats on each page and stays with
    the first row, and the last row never stands alone on a page."""
    rows = table.rows
    for n, row in enumerate(rows):
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if n == 0:
            trpr.append(OxmlElement("w:tblHeader"))
        if n == 0 or (n == len(rows) - 2 and n > 0):
            for cell in row.cells:
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True


_TR, _TRPR, _CANT_SPLIT, _TC, _TCPR, _TCW, _P, _PPR, _KEEP_NEXT, _R, _T = (qn(t) for t in (
    "w:tr", "w:trPr", "w:cantSplit", "w:tc", "w:tcPr", "w:tcW", "w:p", "w:pPr", "w:keepNext",
    "w:r", "w:t"))
_TYPE, _W, _XML_SPACE = qn("w:type"), qn("w:w"), qn("xml:space")
_BREAKS = re.compile(r"[\t\r\n]")


def _run(p: Paragraph, text: str) -> None:
    """p.add_run(TEXT) for a run without formatting, built directly."""
    _run_text(SubElement(p._p, _R), text)


def _run_text(r: Any, text: str) -> None:  # noqa: ANN401 - a w:r element
    """TEXT into the new run R as python-docx's Run.text writes it: one w:t, kept as
    written (xml:space) when it starts or ends with a space; nothing for ""; tabs and
    line breaks (python-docx's w:tab and w:br) through python-docx itself."""
    if _BREAKS.search(text):
        r.text = text  # CT_R.text
    elif text:
        t = SubElement(r, _T)
        t.text = text
        if len(text.strip()) < len(text):
            t.set(_XML_SPACE, "preserve")


class _Writer:
    """The body of the document: the title block, then one method per outline part."""

    def __init__(self, brief: Brief, document: DocxDocument, notes: Footnotes) -> None:
        self.brief, self.document, self.notes = brief, document, notes
        self.numbering = _Numbering(document)
        self.style_ids: dict[str, str | None] = {}
        self.sect_pr = document.element.body.find(qn("w:sectPr"))

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        """document.add_paragraph(TEXT, STYLE) with the style's id looked up once per
        document: python-docx compares the style with the default one by scanning every
        style, for every paragraph."""
        # before the body's closing w:sectPr, as python-docx puts it (python-docx looks for
        # the sectPr among all the body's elements for each paragraph added)
        p = Paragraph(OxmlElement("w:p"), self.document._body)
        if self.sect_pr is not None:
            self.sect_pr.addprevious(p._p)
        else:
            self.document.element.body.append(p._p)
        if text:
            _run(p, text)
        if style is not None:
            if style not in self.style_ids:
                self.style_ids[style] = self.document.part.get_style_id(
                    self.document.styles[style], WD_STYLE_TYPE.PARAGRAPH)
            p._p.style = self.style_ids[style]
        return p

    def write(self) -> None:
        doc, brief = self.document, self.brief
        doc.add_paragraph(brief.title, style="Title")
        doc.add_paragraph().add_run(title_line(brief)).italic = True
        warn = doc.add_paragraph().add_run(notice(brief))
        warn.bold = True
        warn.font.color.rgb = RGBColor(0x99, 0x22, 0x22)
        for part in outline(brief):
            self.paragraph(part.title, "Heading 1")
            getattr(self, "part_" + part.kind.replace("-", "_"))(part)

    def note(self, p: Paragraph, texts: list[str]) -> None:
        for text in texts:
            self.notes.add(p, [(text, False)])

    def cite(self, p: Paragraph, obj: Noted | None) -> None:
        self.note(p, notes_of(self.brief, obj) if obj is not None else [])

    def points(self, items: list[Item], in_section: bool = True) -> None:
        if not items:
            self.document.add_paragraph().add_run(NO_POINTS).italic = True
            return
        num_id = self.numbering.restart()
        for item in items:
            p = self.paragraph(style="List Number")
            _apply_num(p, num_id)
            _run(p, text_of(self.brief, item))
            corr = corroboration(self.brief, item)
            if corr:
                tag = p.add_run(f" ({corr})")
                tag.italic = True
                tag.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
            # a Bottom line point's note refers to its section point's
            see = [] if in_section else see_note(self.brief, item)
            if see:
                self.note(p, see)
            else:
                self.cite(p, item)

    def table(self, header: list[str], widths: list[float],
              rows: list[tuple[list[str], Noted | None, list[str]]],
              note_col: int = 1) -> None:
        """HEADER and ROWS (cells, citations, further notes) with the notes in NOTE_COL.

        The header row is python-docx's; the rows (2,000 in a 2,000-article Sources table)
        are built with lxml as python-docx builds them (add_row, cell.text, cell.width,
        _keep_rows), since its element lookups cost more than all the rest of the DOCX."""
        t = self.document.add_table(rows=1, cols=len(header))
        t.style = "Light Grid Accent 1"
        _fixed_widths(t, widths)
        for cell, text, w in zip(t.rows[0].cells, header, widths, strict=True):
            cell.text = text
            cell.width = Cm(w)
        _keep_rows(t)
        # each cell's width as python-docx wrote it in the header
        twips = [tc.tcPr.tcW.get(_W) for tc in t._tbl.tr_lst[0].tc_lst]
        tbl = t._tbl
        for n, (cells, obj, extra) in enumerate(rows, 1):
            tr = SubElement(tbl, _TR)
            SubElement(SubElement(tr, _TRPR), _CANT_SPLIT)
            keep = n == len(rows) - 1  # the last row never stands alone on a page
            paras = []
            for text, width in zip(cells, twips, strict=True):
                tc = SubElement(tr, _TC)
                tcw = SubElement(SubElement(tc, _TCPR), _TCW)
                tcw.set(_TYPE, "dxa")
                tcw.set(_W, width)
                p = SubElement(tc, _P)
                if keep:
                    SubElement(SubElement(p, _PPR), _KEEP_NEXT)
                _run_text(SubElement(p, _R), text)
                paras.append(p)
            para = Paragraph(paras[note_col], t)
            self.cite(para, obj)
            self.note(para, extra)

    def part_bottom_line(self, _: Part) -> None:
        self.points(self.brief.bottom_line, in_section=False)

    def part_section(self, part: Part) -> None:
        assert part.section is not None
        if part.section.description:
            p = self.document.add_paragraph()
            p.add_run(part.section.description).italic = True
            p.paragraph_format.keep_with_next = True  # never stranded at a page's foot
        self.points(part.section.items)

    def part_figures(self, _: Part) -> None:
        self.table(["Figure", "What it measures"], [5.0, 11.0],
                   [([f.value, text_of(self.brief, f)], f, [])
                    for f in self.brief.figures])

    def part_conflicts(self, _: Part) -> None:
        for c in self.brief.conflicts:
            self.paragraph(c.topic, "Heading 2")
            if c.verdict:
                self.note(self.paragraph(conflict_note(c)), [verdict_note(self.brief, c)])
            for n, cl in enumerate(c.claims, 1):
                p = self.paragraph(style="List Bullet")
                p.paragraph_format.keep_with_next = n < len(c.claims)  # the sides together
                p.add_run(f"{cl.value}: ").bold = True
                _run(p, text_of(self.brief, cl))
                self.cite(p, cl)

    def part_timeline(self, _: Part) -> None:
        self.table(["Date", "Event"], [3.5, 12.5],
                   [([event_date(e), text_of(self.brief, e)], e, [])
                    for e in self.brief.timeline])

    def part_sources(self, _: Part) -> None:
        self.table(SOURCE_COLUMNS, [1.2, 5.0, 3.6, 2.6, 3.6],
                   [(source_row(self.brief, s), None, source_notes(self.brief, s))
                    for s in self.brief.sources])

    def part_glossary(self, _: Part) -> None:
        self.table(["Japanese", "English"], [7.0, 9.0],
                   [([ja, en], None, []) for ja, en in self.brief.glossary_used])
