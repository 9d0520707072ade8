"""The brief as a PDF: page-bottom footnotes (notes.py), bookmarks, metadata, font subsets."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from hashlib import md5
from html import escape
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfdoc import XMP
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from brief.clock import build_date
from brief.config import Config
from brief.model import Brief
from brief.render.common import (
    NO_POINTS,
    SOURCE_COLUMNS,
    NoteCounter,
    Part,
    conflict_note,
    corroboration,
    drawn_texts,
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
from brief.render.pdf.fonts import FontSet, coverage, markup, register
from brief.render.pdf.kinsoku import Para
from brief.render.pdf.notes import FlushNotes, NotedParagraph, NotesDocTemplate

MARGIN = 20 * mm
PAGE_SIZES = {"A4": A4, "Letter": LETTER}  # brief.toml [output] page_size


def _styles(f: FontSet) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=f.latin, fontSize=10.5, leading=14.5, spaceAfter=5,
                          wordWrap="CJK")  # lines broken by kinsoku.Para's rules
    return {
        "title": ParagraphStyle("title", parent=body, fontName=f.latin_bold, fontSize=20,
                                leading=24, spaceAfter=6),
        "meta": ParagraphStyle("meta", parent=body, fontName=f.latin_italic, fontSize=10,
                               textColor=colors.HexColor("#444444"), spaceAfter=10),
        "h1": ParagraphStyle("h1", parent=body, fontName=f.latin_bold, fontSize=14,
                             leading=18, spaceBefore=12, spaceAfter=6,
                             textColor=colors.HexColor("#1F3864")),
        "h2": ParagraphStyle("h2", parent=body, fontName=f.latin_bold, fontSize=10.5,
                             leading=14, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "desc": ParagraphStyle("desc", parent=body, fontName=f.latin_italic, fontSize=9.5,
                               textColor=colors.HexColor("#555555")),
        "point": ParagraphStyle("point", parent=body, leftIndent=16, bulletIndent=0,
                                bulletFontName=f.latin),
        "note": ParagraphStyle("note", parent=body, fontSize=7.5, leading=9.5, spaceAfter=1.5,
                               leftIndent=10, firstLineIndent=-10),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11.5, spaceAfter=0),
        "foot": ParagraphStyle("foot", parent=body, fontSize=8, alignment=TA_CENTER),
        "warn": ParagraphStyle("warn", parent=body, fontName=f.latin_bold,
                               textColor=colors.HexColor("#992222")),
    }


class Heading(Para):
    """A section heading that becomes a PDF bookmark and stays with what follows."""

    def __init__(self, text: str, style: ParagraphStyle, key: str, fonts: FontSet) -> None:
        super().__init__(markup(text, fonts, style.fontName), style)
        self.outline_title, self.key = text, key
        self.keepWithNext = True

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.outline_title, self.key, level=0, closed=False)
        super().draw()


class BriefDoc(NotesDocTemplate):
    """A4 or Letter, one frame, notes at the foot of each page, 'Page x of y' under them."""

    def __init__(self, buf: io.BytesIO, fonts: FontSet, styles: dict, page_size: str = "A4",
                 **kw: Any) -> None:
        super().__init__(buf, pagesize=PAGE_SIZES[page_size], leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN, bottomMargin=MARGIN + 6 * mm, **kw)
        self.fonts, self.styles = fonts, styles
        self.running_head = ""
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._begin,
                                            onPageEnd=self._end)])

    def build(self, flowables: list[Flowable], **kw: Any) -> None:
        """Build on a stamped canvas (build date, page total) unless told otherwise."""
        when = build_date()
        xmp = _xmp(str(self.title or ""), str(self.author or ""), str(self.subject or ""),
                   str(self.keywords or ""), when)
        kw.setdefault("canvasmaker", partial(_StampedCanvas, when=when, fonts=self.fonts,
                                             xmp=xmp))
        super().build(flowables, **kw)

    def _begin(self, canvas: Any, doc: Any) -> None:
        self.begin_notes()

    def _end(self, canvas: Any, doc: Any) -> None:
        self.draw_notes(canvas)
        canvas.saveState()
        canvas.setFont(self.fonts.latin, 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        width, height = self.pagesize
        label = f"Page {doc.page} of "
        x = (width - canvas.stringWidth(label + "00", self.fonts.latin, 8)) / 2
        canvas.drawString(x, MARGIN - 2 * mm, label)
        # the total is a form drawn here and written once the last page is known
        canvas.translate(x + canvas.stringWidth(label, self.fonts.latin, 8), MARGIN - 2 * mm)
        canvas.doForm(TOTAL_FORM)
        canvas.restoreState()
        if doc.page > 1:  # the running head: the title, above a hairline
            canvas.saveState()
            canvas.setFont(self.fonts.latin_italic, 8)
            canvas.setFillColor(colors.HexColor("#555555"))
            canvas.drawString(MARGIN, height - MARGIN + 4 * mm, self.running_head)
            canvas.setStrokeColor(colors.HexColor("#BBBBBB"))
            canvas.setLineWidth(0.4)
            canvas.line(MARGIN, height - MARGIN + 3 * mm, width - MARGIN,
                        height - MARGIN + 3 * mm)
            canvas.restoreState()


TOTAL_FORM = "briefPageTotal"


def _xmp(title: str, author: str, subject: str, keywords: str, when: datetime) -> str:
    """XMP metadata (Dublin Core, XMP basic, Adobe PDF) matching the document info."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    e = partial(escape, quote=False)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(title)}</rdf:li></rdf:Alt>'
        f"</dc:title><dc:creator><rdf:Seq><rdf:li>{e(author)}</rdf:li></rdf:Seq></dc:creator>"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(subject)}</rdf:li>'
        "</rdf:Alt></dc:description><dc:language><rdf:Bag><rdf:li>en</rdf:li>"
        "</rdf:Bag></dc:language><dc:format>application/pdf</dc:format>"
        f"<xmp:CreateDate>{stamp}</xmp:CreateDate><xmp:ModifyDate>{stamp}</xmp:ModifyDate>"
        f"<xmp:MetadataDate>{stamp}</xmp:MetadataDate><xmp:CreatorTool>brief</xmp:CreatorTool>"
        f"<pdf:Producer>brief (reportlab)</pdf:Producer><pdf:Keywords>{e(keywords)}"
        "</pdf:Keywords></rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>')


class _StampedCanvas(Canvas):
    """A canvas whose PDF carries the build date in CreationDate, ModDate and the document
    ID, as reportlab does for SOURCE_DATE_EPOCH, without setting it process-wide; at the end
    it writes the page total every footer's "Page x of y" refers to."""

    def __init__(self, *args: Any, when: datetime, fonts: FontSet, xmp: str = "",
                 **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._fonts = fonts
        if xmp:  # the catalog's /Metadata stream, which archives and PDF/A readers use
            data = xmp.encode("utf-8")  # XMP is UTF-8, not PDFDocEncoding
            self._doc.Catalog.Metadata = XMP(creator=lambda _doc: data)
        stamp = TimeStamp(invariant=True)
        stamp.t = int(when.timestamp())
        stamp.lt = time.gmtime(stamp.t)
        stamp.YMDhms = tuple(stamp.lt)[:6]
        stamp.dhh = stamp.dmm = 0
        stamp.tzname = "UTC"
        doc = self._doc
        doc._timeStamp = stamp
        doc.signature = md5(usedforsecurity=False)  # reportlab seeds the ID with the date
        doc.signature.update(b"a reportlab document")
        doc.signature.update(ascii(stamp.t).encode())

    def save(self) -> None:
        self.beginForm(TOTAL_FORM, 0, -2, 40, 10)
        self.setFont(self._fonts.latin, 8)
        self.setFillColor(colors.HexColor("#555555"))
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()


def render(brief: Brief, config: Config) -> bytes:
    fonts = register()
    st = _styles(fonts)
    buf = io.BytesIO()
    keywords = ", ".join(["US–Japan relations", *(s.title for s in brief.sections)])
    doc = BriefDoc(buf, fonts, st, page_size=config.page_size, title=brief.title,
                   author=brief.author or brief.office,
                   subject=config.subject, keywords=keywords, creator="brief",
                   producer="brief (reportlab)", invariant=1, initialFontName=fonts.latin,
                   lang="en", displayDocTitle=True)
    doc.running_head = brief.title
    doc.build([*_story(brief, doc, st, fonts), FlushNotes(doc)])
    return buf.getvalue()


def _p(text: str, style: ParagraphStyle, fonts: FontSet) -> Paragraph:
    return Para(markup(text, fonts, style.fontName), style)


def _table_style(fonts: FontSet, head: bool = True) -> TableStyle:
    """Grid, top alignment, and the embedded face: a Table otherwise selects Helvetica on
    the canvas for every cell, leaving an unembedded font entry in the page resources."""
    cmds: list = [("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                  ("VALIGN", (0, 0), (-1, -1), "TOP"),
                  ("FONTNAME", (0, 0), (-1, -1), fonts.latin)]
    if head:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE6F1")))
    return TableStyle(cmds)


def _source_widths(ids: list[str], font: str, size: float, width: float) -> list[float]:
    """The Sources table's column shares: the id column as wide as its widest id (S1234
    must not wrap into three lines a digit apart), taken from the title's share."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widest = max((stringWidth(i, font, size) for i in ids), default=0.0)
    share = max(0.05, (widest + 2 * _CELL_PADDING) / width)
    return [share, 0.41 - share, 0.24, 0.17, 0.18]


_CELL_PADDING = 6  # reportlab's default left and right padding of a table cell


def glyph_coverage(brief: Brief) -> tuple[int, int]:
    """(characters drawn with a fallback font, characters replaced by [U+XXXX]) in the PDF
    of BRIEF, for the build summary."""
    return coverage(drawn_texts(brief), register())


def _linked(cell: str, urls: tuple[str, ...]) -> str:
    """CELL's markup with each of the sources' URLs (known values, not parsed text) made a
    clickable link."""
    for url in urls:
        shown = escape(url, quote=False)
        # only a web or mail address is a link: '#' or a bare word would name a destination
        # inside the PDF that does not exist (reportlab refuses the page)
        if shown in cell and re.match(r"(?i)(?:https?|ftp)://[^/]|mailto:.", url):
            cell = cell.replace(shown, f'<a href="{escape(url, quote=True)}" color="#1a4f8f">'
                                       f"{shown}</a>")
    return cell


def _story(brief: Brief, doc: BriefDoc, st: dict, fonts: FontSet) -> list[Flowable]:
    counter = NoteCounter()  # numbers footnotes in writing order, like the DOCX
    story: list[Flowable] = [
        _p(brief.title, st["title"], fonts),
        _p(title_line(brief), st["meta"], fonts),
    ]
    story.append(_p(notice(brief), st["warn"], fonts))

    def refs_and_notes(texts: list[str]) -> tuple[str, list[Paragraph]]:
        nums = counter.take(texts)
        if not nums:
            return "", []
        # every mark its own link (no "1–5" ranges whose middle notes cannot be clicked)
        refs = "<super>" + ",".join(f'<a href="#fn{n}">{n}</a>' for n in nums) + "</super>"
        notes = [Para(f'<a name="fn{n}"/>{n}  {markup(text, fonts)}', st["note"])
                 for text, n in zip(texts, nums, strict=True)]
        return refs, notes

    def noted(body: str, texts: list[str], style: str = "point", bullet: str | None = None,
              ) -> None:
        refs, notes = refs_and_notes(texts)
        para = Para(body + refs, st[style], bulletText=bullet)
        story.append(NotedParagraph(para, notes, doc))

    def table_rows(header: list[str], rows: list[tuple[list[str], list[str]]],
                   widths: list[float], ref_col: int = -1, urls: tuple[str, ...] = ()) -> None:
        """A table drawn row by row, each row a NotedParagraph with its notes (texts); the
        reference marks go at the end of column REF_COL."""
        cols = [doc.width * w for w in widths]
        head = Table([[_p(h, st["cell"], fonts) for h in header]], colWidths=cols)
        head.setStyle(_table_style(fonts))
        head.keepWithNext = True  # a header never ends a page without its first row
        story.append(head)
        ref_col %= len(header)
        for n, (cells, texts) in enumerate(rows):
            refs, notes = refs_and_notes(texts)
            paras = [Para(_linked(markup(c, fonts), urls) + (refs if i == ref_col else ""),
                               st["cell"]) for i, c in enumerate(cells)]
            t = Table([paras], colWidths=cols)
            t.setStyle(_table_style(fonts, head=False))
            row = NotedParagraph(t, notes, doc, header=head)  # head repeats on a new page
            row.keepWithNext = n == len(rows) - 2  # the last row never stands alone
            story.append(row)

    def points(items: list, key: str = "") -> None:
        if not items:
            story.append(_p(NO_POINTS, st["desc"], fonts))
        for i, item in enumerate(items, 1):
            corr = corroboration(brief, item)
            body = markup(text_of(brief, item), fonts) + (f" <i>({corr})</i>" if corr else "")
            # a Bottom line point's note refers to its section point's
            noted(body, notes_of(brief, item) if key else see_note(brief, item)
                  or notes_of(brief, item), bullet=f"{i}.")

    def section(part: Part) -> None:
        assert part.section is not None
        if part.section.description:
            desc = _p(part.section.description, st["desc"], fonts)
            desc.keepWithNext = True  # with the heading above and the first point below
            story.append(desc)
        points(part.section.items, part.section.key)

    def conflicts(_: Part) -> None:
        for c in brief.conflicts:
            story.append(_p(c.topic, st["h2"], fonts))
            if c.verdict:
                noted(markup(conflict_note(c), fonts), [verdict_note(brief, c)], "desc")
            for cl in c.claims:
                noted(f"<b>{markup(cl.value, fonts)}</b>: {markup(text_of(brief, cl), fonts)}",
                      notes_of(brief, cl), bullet="•")

    write: dict[str, Callable[[Part], None]] = {
        "bottom-line": lambda _: points(brief.bottom_line),
        "section": section,
        "figures": lambda _: table_rows(
            ["Figure", "What it measures"],
            [([f.value, text_of(brief, f)], notes_of(brief, f)) for f in brief.figures],
            [0.3, 0.7]),
        "conflicts": conflicts,
        "timeline": lambda _: table_rows(
            ["Date", "Event"],
            [([event_date(e), text_of(brief, e)], notes_of(brief, e)) for e in brief.timeline],
            [0.2, 0.8]),
        "sources": lambda _: table_rows(
            SOURCE_COLUMNS, [(source_row(brief, s), source_notes(brief, s)) for s in brief.sources],
            _source_widths([s.id for s in brief.sources], fonts.latin, st["cell"].fontSize,
                           doc.width), ref_col=1,
            urls=tuple(s.url for s in brief.sources if s.url)),
        "glossary": lambda _: table_rows(
            ["Japanese", "English"], [([ja, en], []) for ja, en in brief.glossary_used],
            [0.45, 0.55]),
    }
    for part in outline(brief):
        story.append(Heading(part.title, st["h1"], part.anchor, fonts))
        write[part.kind](part)
    return story
