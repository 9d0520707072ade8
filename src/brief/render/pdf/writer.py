"""The brief as a PDF: page-bottom footnotes (notes.py), bookmarks, metadata, font subsets."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from hashlib import md5
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
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
    NOT_TRANSLATED,
    SOURCE_COLUMNS,
    NoteCounter,
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
from brief.render.pdf.fonts import FontSet, markup, missing_glyphs, register
from brief.render.pdf.notes import FlushNotes, NotedParagraph, NotesDocTemplate, note_runs

MARGIN = 20 * mm


def _styles(f: FontSet) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=f.latin, fontSize=10.5, leading=14.5, spaceAfter=5)
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


class Heading(Paragraph):
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
    """A4, one frame, notes at the foot of each page, the page number under them."""

    def __init__(self, buf: io.BytesIO, fonts: FontSet, styles: dict, **kw: Any) -> None:
        super().__init__(buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN, bottomMargin=MARGIN + 6 * mm, **kw)
        self.fonts, self.styles = fonts, styles
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._begin,
                                            onPageEnd=self._end)])

    def _begin(self, canvas: Any, doc: Any) -> None:
        self.begin_notes()

    def _end(self, canvas: Any, doc: Any) -> None:
        self.draw_notes(canvas)
        canvas.saveState()
        canvas.setFont(self.fonts.latin, 8)
        canvas.drawCentredString(self.pagesize[0] / 2, MARGIN - 2 * mm, f"Page {doc.page}")
        canvas.restoreState()


class _StampedCanvas(Canvas):
    """A canvas whose PDF carries the build date in CreationDate, ModDate and the document
    ID, as reportlab does for SOURCE_DATE_EPOCH, without setting it process-wide."""

    def __init__(self, *args: Any, when: datetime, **kw: Any) -> None:
        super().__init__(*args, **kw)
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


def render(brief: Brief, config: Config) -> bytes:
    fonts = register()
    st = _styles(fonts)
    buf = io.BytesIO()
    keywords = ", ".join(["US–Japan relations", *(s.title for s in brief.sections)])
    doc = BriefDoc(buf, fonts, st, title=brief.title, author=brief.author,
                   subject=config.subject, keywords=keywords, creator="brief",
                   producer="brief (reportlab)", invariant=1, initialFontName=fonts.latin)
    doc.build([*_story(brief, doc, st, fonts), FlushNotes(doc)],
              canvasmaker=partial(_StampedCanvas, when=build_date()))
    return buf.getvalue()


def _p(text: str, style: ParagraphStyle, fonts: FontSet) -> Paragraph:
    return Paragraph(markup(text, fonts, style.fontName), style)


def _table_style(fonts: FontSet, head: bool = True) -> TableStyle:
    """Grid, top alignment, and the embedded face: a Table otherwise selects Helvetica on
    the canvas for every cell, leaving an unembedded font entry in the page resources."""
    cmds: list = [("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                  ("VALIGN", (0, 0), (-1, -1), "TOP"),
                  ("FONTNAME", (0, 0), (-1, -1), fonts.latin)]
    if head:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE6F1")))
    return TableStyle(cmds)


def _check_glyphs(brief: Brief, fonts: FontSet) -> None:
    """Every string drawn has a glyph in the embedded fonts (no tofu)."""
    objs = [*brief.all_items(), *brief.figures, *brief.timeline,
            *(cl for c in brief.conflicts for cl in c.claims)]
    texts = [brief.title, *(footnote_text(brief, c) for o in objs for c in o.citations),
             *(text_of(brief, o) for o in objs),
             *(" ".join(source_row(brief, s)) for s in brief.sources)]
    for text in texts:
        if missing_glyphs(text, fonts):
            raise ValueError(f"no glyph for {sorted(missing_glyphs(text, fonts))!r}")


def _story(brief: Brief, doc: BriefDoc, st: dict, fonts: FontSet) -> list[Flowable]:
    counter = NoteCounter()  # numbers footnotes in writing order, like the DOCX
    story: list[Flowable] = [
        _p(brief.title, st["title"], fonts),
        _p(title_line(brief), st["meta"], fonts),
    ]
    if not brief.translated:
        story.append(_p(NOT_TRANSLATED, st["warn"], fonts))
    _check_glyphs(brief, fonts)

    def cites(citations: list) -> list[str]:
        return [footnote_text(brief, c) for c in citations]

    def refs_and_notes(texts: list[str]) -> tuple[str, list[Paragraph]]:
        nums = counter.take(texts)
        if not nums:
            return "", []
        refs = "<super>" + ",".join(
            "–".join(f'<a href="#fn{n}">{n}</a>' for n in run) for run in note_runs(nums)
        ) + "</super>"
        notes = [Paragraph(f'<a name="fn{n}"/>{n}  {markup(text, fonts)}', st["note"])
                 for text, n in zip(texts, nums, strict=True)]
        return refs, notes

    def noted(body: str, citations: list, style: str = "point", bullet: str | None = None,
              ) -> None:
        refs, notes = refs_and_notes(cites(citations))
        para = Paragraph(body + refs, st[style], bulletText=bullet)
        story.append(NotedParagraph(para, notes, doc))

    def table_rows(header: list[str], rows: list[tuple[list[str], list[str]]],
                   widths: list[float], ref_col: int = -1) -> None:
        """A table drawn row by row, each row a NotedParagraph with its notes (texts); the
        reference marks go at the end of column REF_COL."""
        cols = [doc.width * w for w in widths]
        head = Table([[_p(h, st["cell"], fonts) for h in header]], colWidths=cols)
        head.setStyle(_table_style(fonts))
        head.keepWithNext = True  # a header never ends a page without its first row
        story.append(head)
        ref_col %= len(header)
        for cells, texts in rows:
            refs, notes = refs_and_notes(texts)
            paras = [Paragraph(markup(c, fonts) + (refs if i == ref_col else ""), st["cell"])
                     for i, c in enumerate(cells)]
            t = Table([paras], colWidths=cols)
            t.setStyle(_table_style(fonts, head=False))
            story.append(NotedParagraph(t, notes, doc))

    def points(items: list) -> None:
        if not items:
            story.append(_p(NO_POINTS, st["desc"], fonts))
        for i, item in enumerate(items, 1):
            noted(f"{markup(text_of(brief, item), fonts)} <i>({corroboration(brief, item)})</i>",
                  item.citations, bullet=f"{i}.")

    def section(part: Part) -> None:
        assert part.section is not None
        if part.section.description:
            desc = _p(part.section.description, st["desc"], fonts)
            desc.keepWithNext = True  # with the heading above and the first point below
            story.append(desc)
        points(part.section.items)

    def conflicts(_: Part) -> None:
        for c in brief.conflicts:
            story.append(_p(c.topic, st["h2"], fonts))
            if c.verdict:
                story.append(_p(conflict_note(c), st["desc"], fonts))
            for cl in c.claims:
                noted(f"<b>{markup(cl.value, fonts)}</b>: {markup(text_of(brief, cl), fonts)}",
                      cl.citations, bullet="•")

    def glossary(_: Part) -> None:
        rows = [[_p("Japanese", st["cell"], fonts), _p("English", st["cell"], fonts)]]
        rows += [[_p(ja, st["cell"], fonts), _p(en, st["cell"], fonts)]
                 for ja, en in brief.glossary_used]
        table = Table(rows, colWidths=[doc.width * 0.45, doc.width * 0.55], repeatRows=1)
        table.setStyle(_table_style(fonts))
        story.append(table)

    write: dict[str, Callable[[Part], None]] = {
        "bottom-line": lambda _: points(brief.bottom_line),
        "section": section,
        "figures": lambda _: table_rows(
            ["Figure", "What it measures"],
            [([f.value, text_of(brief, f)], cites(f.citations)) for f in brief.figures],
            [0.3, 0.7]),
        "conflicts": conflicts,
        "timeline": lambda _: table_rows(
            ["Date", "Event"],
            [([event_date(e), text_of(brief, e)], cites(e.citations)) for e in brief.timeline],
            [0.2, 0.8]),
        "sources": lambda _: table_rows(
            SOURCE_COLUMNS, [(source_row(brief, s), title_note(brief, s)) for s in brief.sources],
            [0.06, 0.5, 0.22, 0.22], ref_col=1),
        "glossary": glossary,
    }
    for part in outline(brief):
        story.append(Heading(part.title, st["h1"], part.anchor, fonts))
        write[part.kind](part)
    return story
