"""The brief as a PDF: page-bottom footnotes (notes.py), bookmarks, metadata, font subsets."""

from __future__ import annotations

import io
import time
from datetime import datetime
from functools import partial
from hashlib import md5
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
    TableStyle,
)
from reportlab.platypus import Table as TTable

from brief.clock import build_date
from brief.render.document import (
    EN,
    JA,
    Chart,
    Document,
    Inline,
    Link,
    ListBlock,
    NoteRef,
    Original,
    RenderOptions,
    Table,
    drawn,
    note_numbers,
)
from brief.render.document import (
    Heading as DocHeading,
)
from brief.render.document import (
    Para as DocPara,
)
from brief.render.escape import clickable, rl_attr, xml_text
from brief.render.pdf.chart import drawing
from brief.render.pdf.fonts import FontSet, coverage, draw_line, markup, register
from brief.render.pdf.kinsoku import Para
from brief.render.pdf.notes import FlushNotes, NotedParagraph, NotesDocTemplate

MARGIN = 20 * mm
TALL_HEAD = 4  # a table header taller than 1/TALL_HEAD of the page is not repeated
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

    def __init__(self, text: str | None, style: ParagraphStyle, key: str = "",
                 fonts: FontSet | None = None, **kw: Any) -> None:
        if fonts is None:  # reportlab splitting a heading taller than a page: its parts
            super().__init__(text, style, **kw)  # type: ignore[arg-type]
            self.outline_title, self.key = "", ""
            return
        super().__init__(markup(text or "", fonts, style.fontName), style)
        self.outline_title, self.key = text or "", key
        self.keepWithNext = True

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """A heading taller than a page is split like any paragraph; only its first part
        is the bookmark (reportlab makes the parts by calling this class as Paragraph)."""
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if parts and isinstance(parts[0], Heading):
            parts[0].outline_title, parts[0].key = self.outline_title, self.key
        return parts

    def draw(self) -> None:
        if self.key:
            self.canv.bookmarkPage(self.key)
            self.canv.addOutlineEntry(self.outline_title, self.key, level=0, closed=False)
        super().draw()


class BriefDoc(NotesDocTemplate):
    """A4 or Letter, one frame, notes at the foot of each page, 'Page x of y' under them."""

    def __init__(self, buf: io.BytesIO, fonts: FontSet, styles: dict[str, Any],
                 page_size: str = "A4",
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
                   str(self.keywords or ""), when, str(self.lang or "en"))
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
            canvas.setFillColor(colors.HexColor("#555555"))
            draw_line(canvas, MARGIN, height - MARGIN + 4 * mm, self.running_head,
                      self.fonts, self.fonts.latin_italic, 8, width - 2 * MARGIN)
            canvas.setStrokeColor(colors.HexColor("#BBBBBB"))
            canvas.setLineWidth(0.4)
            canvas.line(MARGIN, height - MARGIN + 3 * mm, width - MARGIN,
                        height - MARGIN + 3 * mm)
            canvas.restoreState()


TOTAL_FORM = "briefPageTotal"


def _xmp(title: str, author: str, subject: str, keywords: str, when: datetime,
         lang: str = "en") -> str:
    """XMP metadata (Dublin Core, XMP basic, Adobe PDF) matching the document info."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    e = xml_text
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(title)}</rdf:li></rdf:Alt>'
        f"</dc:title><dc:creator><rdf:Seq><rdf:li>{e(author)}</rdf:li></rdf:Seq></dc:creator>"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(subject)}</rdf:li>'
        f"</rdf:Alt></dc:description><dc:language><rdf:Bag><rdf:li>{e(lang)}</rdf:li>"
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


def render(doc: Document, opts: RenderOptions) -> bytes:
    fonts = register()
    st = _styles(fonts)
    buf = io.BytesIO()
    m = doc.meta
    pdf = BriefDoc(buf, fonts, st, page_size=opts.page_size, title=m.title, author=m.author,
                   subject=m.subject, keywords=", ".join(m.keywords), creator="brief",
                   producer="brief (reportlab)", invariant=1, initialFontName=fonts.latin,
                   lang=m.lang, displayDocTitle=True)
    pdf.running_head = m.title
    pdf.build([*_Story(doc, pdf, st, fonts).flowables(), FlushNotes(pdf)])
    return buf.getvalue()


def _p(text: str, style: ParagraphStyle, fonts: FontSet) -> Paragraph:
    return Para(markup(text, fonts, style.fontName), style)


def _table_style(fonts: FontSet, head: bool = True) -> TableStyle:
    """Grid, top alignment, and the embedded face: a Table otherwise selects Helvetica on
    the canvas for every cell, leaving an unembedded font entry in the page resources."""
    cmds: list[Any] = [("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                  ("VALIGN", (0, 0), (-1, -1), "TOP"),
                  ("FONTNAME", (0, 0), (-1, -1), fonts.latin)]
    if head:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE6F1")))
    return TableStyle(cmds)


def glyph_coverage(doc: Document) -> tuple[int, int]:
    """(characters drawn with a fallback font, characters replaced by [U+XXXX]) in the PDF
    of DOC, for the build summary: every string of the Document the writers drew (not one
    built again), the running head and metadata included."""
    return coverage([*drawn(doc), doc.meta.title], register())


_STYLE_OF_ROLE = {"byline": "meta", "notice": "warn", "desc": "desc", "verdict": "desc",
                  "body": "point"}


class _Story:
    """The Document's blocks as flowables; each point and table row carries its notes."""

    def __init__(self, doc: Document, pdf: BriefDoc, st: dict[Any, Any],
                 fonts: FontSet) -> None:
        self.doc, self.pdf, self.st, self.fonts = doc, pdf, st, fonts
        self.notes = {n.number: n for n in doc.notes}

    def text(self, text: str, lang: str, base: str) -> str:
        """TEXT in its language's face (a Japanese run's digits in the Japanese face too),
        every character through the font fallback."""
        font = self.fonts.ja if lang == JA else base
        inner = markup(text, self.fonts, font)
        return inner if font == base else f'<font name="{font}">{inner}</font>'

    def inline(self, r: Inline, base: str) -> str:
        if isinstance(r, NoteRef):
            return f'<super><a href="#fn{r.number}">{r.number}</a></super>'
        if isinstance(r, Original):
            return ""  # the Japanese is in the note, or the text is the Japanese
        font = {"em": self.fonts.latin_italic, "strong": self.fonts.latin_bold}.get(
            r.style, base)
        out = self.text(r.text, r.lang, font)
        if font != base and r.lang != JA:
            out = f'<font name="{font}">{out}</font>'
        if isinstance(r, Link) and (r.internal or clickable(r.href)):
            out = f'<a href="{rl_attr(r.href)}" color="#1a4f8f">{out}</a>'
        return f"<super>{out}</super>" if r.style == "sup" else out

    def runs(self, runs: tuple[Inline, ...], style: str) -> str:
        base = self.st[style].fontName
        return "".join(self.inline(r, base) for r in runs)

    def note_paras(self, runs: tuple[Inline, ...]) -> list[Paragraph]:
        return [Para(f'<a name="fn{n}"/>{n}  {self.runs(self.notes[n].runs, "note")}',
                     self.st["note"]) for n in note_numbers(runs)]

    def flowables(self) -> list[Flowable]:
        out: list[Flowable] = []
        blocks = self.doc.blocks
        for i, b in enumerate(blocks):
            if isinstance(b, DocHeading):
                out.append(self.heading(b))
            elif isinstance(b, DocPara):
                # a description stays with what it describes, never with the next part's
                # heading: "No points" chained Trade, Optics and Key figures onto a new page
                out.append(self.para(b, b.role == "desc" and i + 1 < len(blocks)
                                     and not isinstance(blocks[i + 1], DocHeading)))
            elif isinstance(b, ListBlock):
                out += self.list_block(b)
            elif isinstance(b, Chart):
                # a point without notes, so that notes continued from a page make room for
                # it as for a tall point (a LayoutError when they took half of its page)
                out.append(NotedParagraph(drawing(b, self.fonts, self.pdf.width,
                                                  self.pdf.height - 24), [], self.pdf))
            else:
                out += self.table(b)
        return out

    def heading(self, b: DocHeading) -> Flowable:
        style = self.st[("title", "h1", "h2")[min(b.level, 2)]]
        if b.level == 1:
            return Heading(b.text, style, b.anchor, self.fonts)
        anchor = f'<a name="{rl_attr(b.anchor)}"/>' if b.anchor else ""  # a link's target
        return Para(anchor + self.text(b.text, b.lang, style.fontName), style)

    def para(self, b: DocPara, keep: bool) -> Flowable:
        style = _STYLE_OF_ROLE.get(b.role, "point")
        body = self.runs(b.runs, style)
        para = Para(body, self.st[style])
        notes = self.note_paras(b.runs)
        if not notes:
            para.keepWithNext = keep  # a description stays with the heading and first point
            return para
        return NotedParagraph(para, notes, self.pdf)

    def list_block(self, b: ListBlock) -> list[Flowable]:
        out: list[Flowable] = []
        for n, item in enumerate(b.items, b.start):
            anchor = f'<a name="{rl_attr(item.anchor)}"/>' if item.anchor else ""
            para = Para(anchor + self.runs(item.runs, "point"), self.st["point"],
                        bulletText=f"{n}." if b.ordered else "•")
            out.append(NotedParagraph(para, self.note_paras(item.runs), self.pdf))
        return out

    def table(self, t: Table) -> list[Flowable]:
        """A table drawn row by row, each row a NotedParagraph with its notes; the header
        repeats above a row that starts a page, and the last row never stands alone."""
        cols = [self.pdf.width * w for w in t.widths]
        cell = self.st["cell"]
        head_cells = [Para(self.text(h, EN, cell.fontName), cell) for h in t.header]
        head = TTable([head_cells], colWidths=cols)
        head.setStyle(_table_style(self.fonts))
        head.keepWithNext = True  # a header never ends a page without its first row
        out: list[Flowable] = [head]
        repeat: Flowable | None = head
        if head.wrap(self.pdf.width, self.pdf.height)[1] > self.pdf.height / TALL_HEAD:
            # a header taller than a page (a coverage column naming hundreds of one outlet's
            # sources: LayoutError in a 2,000-article build) is split like a row, once
            head = TTable([head_cells], colWidths=cols, splitInRow=1)
            head.setStyle(_table_style(self.fonts))
            out, repeat = [NotedParagraph(head, [], self.pdf)], None
        for n, row in enumerate(t.rows):
            anchor = f'<a name="{rl_attr(row.anchor)}"/>' if row.anchor else ""
            paras = [Para((anchor if i == 0 else "") + self.runs(c, "cell"), cell)
                     for i, c in enumerate(row.cells)]
            tt = TTable([paras], colWidths=cols, splitInRow=1)  # a row taller than a page
            tt.setStyle(_table_style(self.fonts, head=False))
            notes = [p for c in row.cells for p in self.note_paras(c)]
            flow = NotedParagraph(tt, notes, self.pdf, header=repeat)
            flow.keepWithNext = n == len(t.rows) - 2
            out.append(flow)
        return out
