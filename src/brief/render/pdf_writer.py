"""The brief as a PDF: page-bottom footnotes, bookmarks, metadata, embedded font subsets.

Footnotes: each point is a `NotedParagraph` that knows its notes. It only fits on a page
when the point *and* its notes fit above the notes already placed there, so a note always
sits on the page of its reference; once drawn, it raises the frame's bottom by the notes'
height and hands them to the page, which draws them under a rule at the page bottom.
"""

from __future__ import annotations

import io
import os
from contextlib import contextmanager
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from brief.config import Config
from brief.model import Brief
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
from brief.render.fonts import FontSet, markup, missing_glyphs, register

MARGIN = 20 * mm
_MEASURING = 0xFFFFFFF  # the height reportlab offers when it measures, not places, a flowable
NOTE_GAP = 4  # points between the rule and the first note


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


class NotedParagraph(Flowable):
    """A point (or a table row) whose footnotes must land on its own page."""

    def __init__(self, para: Flowable, notes: list[Paragraph], doc: BriefDoc) -> None:
        super().__init__()
        self.para, self.notes, self.doc = para, notes, doc
        self._notes_h = 0.0
        self._too_many = False  # notes taller than a page: they continue on the next

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        w, h = self.para.wrap(aw, ah)
        self._notes_h = sum(n.wrap(self.doc.frame_width, 10_000)[1] for n in self.notes)
        extra = self._notes_h + (0 if self.doc.page_notes or not self.notes else NOTE_GAP + 2)
        self.height = h
        if ah >= _MEASURING:  # KeepTogether sizing a heading with what follows: count the
            # notes, or only a line of them when they are taller than a page (they continue)
            overflow = h + self._notes_h + NOTE_GAP + 2 > self.doc.height
            return w, h + (3 * NOTE_GAP if overflow else extra)
        at_top = getattr(getattr(self.doc, "frame", None), "_atTop", 0)
        self._too_many = (h + self._notes_h + NOTE_GAP + 2 > self.doc.height
                          or (at_top and h + extra > ah))  # a fresh page is the best place
        if self._too_many:
            return (w, h) if h + 3 * NOTE_GAP < ah else (w, ah + 1)
        if h + extra > ah:
            return w, ah + 1  # does not fit with its notes: the frame moves it on
        return w, h

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return []

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's API
        return self.para.getSpaceAfter()

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        self.para.drawOn(canvas, x, y, _sW)
        if not self.notes:
            return
        frame = self._frame  # set by Frame._add
        gap = 0 if self.doc.page_notes else NOTE_GAP + 2
        notes = self.notes
        if self._too_many:  # the notes that fit stay here, the rest continue overleaf
            room = y - frame._y1p - gap
            here: list[Paragraph] = []
            for n in notes:
                nh = n.wrap(self.doc.frame_width, 10_000)[1]
                if nh > room:
                    break
                here.append(n)
                room -= nh
            self.doc.carry_notes.extend(notes[len(here):])
            notes = here
        frame._y1p += sum(n.wrap(self.doc.frame_width, 10_000)[1] for n in notes) + gap
        self.doc.page_notes.extend(notes)


class FlushNotes(Flowable):
    """The story's last flowable: turns pages until every continued note is drawn."""

    def __init__(self, doc: BriefDoc) -> None:
        super().__init__()
        self.doc = doc

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return (aw, ah + 1) if self.doc.carry_notes else (0, 0)

    def split(self, aw: float, ah: float) -> list[Flowable]:
        # the page break ends this page; the next one begins by taking the waiting notes,
        # as many as fit, since no text follows them
        self.doc.flushing = True
        return [PageBreak(), FlushNotes(self.doc)] if self.doc.carry_notes else []

    def draw(self) -> None:
        pass


class BriefDoc(BaseDocTemplate):
    def __init__(self, buf: io.BytesIO, fonts: FontSet, styles: dict, **kw: Any) -> None:
        super().__init__(buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN, bottomMargin=MARGIN + 6 * mm, **kw)
        self.fonts, self.styles = fonts, styles
        self.page_notes: list[Paragraph] = []
        self.carry_notes: list[Paragraph] = []  # notes continued from the previous page
        self.flushing = False  # past the last point: continued notes may fill whole pages
        self.frame_width = self.width
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._begin,
                                            onPageEnd=self._end)])

    def _begin(self, canvas: Any, doc: Any) -> None:
        self.page_notes, carried = [], 0.0
        room = self.height - NOTE_GAP - 2 if self.flushing else self.height / 2
        while self.carry_notes:  # continued notes take at most half of a page with text
            nh = self.carry_notes[0].wrap(self.frame_width, 10_000)[1]
            if self.page_notes and carried + nh > room:
                break
            self.page_notes.append(self.carry_notes.pop(0))
            carried += nh
        for frame in self.pageTemplate.frames:  # undo the previous page's note space
            frame._y1p = frame._y1 + frame._bottomPadding + (
                carried + NOTE_GAP + 2 if self.page_notes else 0)

    def handle_pageEnd(self) -> None:  # noqa: N802 - reportlab's API
        if self.page_notes:  # a page of continued notes is not an empty page
            self._curPageFlowableCount += 1
        super().handle_pageEnd()

    def _end(self, canvas: Any, doc: Any) -> None:
        if self.page_notes:
            heights = [n.wrap(self.frame_width, 10_000)[1] for n in self.page_notes]
            top = self.bottomMargin + sum(heights) + NOTE_GAP
            canvas.saveState()
            canvas.setStrokeColor(colors.HexColor("#888888"))
            canvas.setLineWidth(0.5)
            canvas.line(self.leftMargin, top, self.leftMargin + 50 * mm, top)
            canvas.restoreState()
            y = top - NOTE_GAP
            for note, h in zip(self.page_notes, heights, strict=True):
                y -= h
                note.drawOn(canvas, self.leftMargin, y)
        canvas.saveState()
        canvas.setFont(self.fonts.latin, 8)
        canvas.drawCentredString(self.pagesize[0] / 2, MARGIN - 2 * mm, f"Page {doc.page}")
        canvas.restoreState()


def note_runs(nums: list[int]) -> list[tuple[int, ...]]:
    """Reference markers as runs: [3, 4, 5, 6, 9] -> (3, 6), (9,), shown "3–6,9"."""
    runs: list[list[int]] = []
    for n in nums:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    out: list[tuple[int, ...]] = []
    for run in runs:
        if len(run) >= 3:
            out.append((run[0], run[-1]))
        else:
            out.extend((n,) for n in run)
    return out


@contextmanager
def _source_date() -> Any:
    """reportlab reads SOURCE_DATE_EPOCH for CreationDate/ModDate and the document ID."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(build_date().timestamp()))
    try:
        yield
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def render(brief: Brief, config: Config) -> bytes:
    fonts = register()
    from reportlab import rl_config

    rl_config.canvas_basefontname = fonts.latin  # no stray unembedded Helvetica anywhere
    st = _styles(fonts)
    buf = io.BytesIO()
    keywords = ", ".join(["US–Japan relations", *(s.title for s in brief.sections)])
    with _source_date():
        doc = BriefDoc(buf, fonts, st, title=brief.title, author=brief.author,
                       subject=config.subject, keywords=keywords, creator="brief",
                       producer="brief (reportlab)", invariant=1,
                       initialFontName=fonts.latin)
        doc.build([*_story(brief, doc, st, fonts), FlushNotes(doc)])
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

    story.append(Heading("Bottom line", st["h1"], "bottom-line", fonts))
    points(brief.bottom_line)
    for section in brief.sections:
        story.append(Heading(section.title, st["h1"], f"sec-{section.key}", fonts))
        if section.description:
            desc = _p(section.description, st["desc"], fonts)
            desc.keepWithNext = True  # with the heading above and the first point below
            story.append(desc)
        points(section.items)
    if brief.figures:
        story.append(Heading(EXTRA_HEADINGS["figures"], st["h1"], "figures", fonts))
        table_rows(["Figure", "What it measures"],
                   [([f.value, text_of(brief, f)], cites(f.citations)) for f in brief.figures],
                   [0.3, 0.7])
    if brief.conflicts:
        story.append(Heading(EXTRA_HEADINGS["conflicts"], st["h1"], "conflicts", fonts))
        for c in brief.conflicts:
            story.append(_p(c.topic, st["h2"], fonts))
            for cl in c.claims:
                noted(f"<b>{markup(cl.value, fonts)}</b>: {markup(text_of(brief, cl), fonts)}",
                      cl.citations,
                      bullet="•")
    if brief.timeline:
        story.append(Heading(EXTRA_HEADINGS["timeline"], st["h1"], "timeline", fonts))
        table_rows(["Date", "Event"],
                   [([event_date(e), text_of(brief, e)], cites(e.citations))
                    for e in brief.timeline],
                   [0.2, 0.8])
    story.append(Heading("Sources", st["h1"], "sources", fonts))
    table_rows(SOURCE_COLUMNS, [(source_row(brief, s), title_note(brief, s))
                                for s in brief.sources],
               [0.06, 0.5, 0.22, 0.22], ref_col=1)
    if brief.glossary_used:
        story.append(Heading("Glossary", st["h1"], "glossary", fonts))
        rows = [[_p("Japanese", st["cell"], fonts), _p("English", st["cell"], fonts)]]
        rows += [[_p(ja, st["cell"], fonts), _p(en, st["cell"], fonts)]
                 for ja, en in brief.glossary_used]
        table = Table(rows, colWidths=[doc.width * 0.45, doc.width * 0.55], repeatRows=1)
        table.setStyle(_table_style(fonts))
        story.append(table)
    return story
