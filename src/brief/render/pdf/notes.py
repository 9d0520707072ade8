"""Footnotes at the foot of the page that cites them, for any reportlab document.

A `NotedParagraph` is a flowable (a paragraph or a table row) that knows its notes. It only
fits on a page when it *and* its notes fit above the notes already placed there, so a note
always sits on the page of its reference; once drawn, it raises the frame's bottom by the
notes' height and hands them to the page. Notes that do not fit continue overleaf (a note
taller than the room left is split between lines), and
`FlushNotes`, the story's last flowable, turns pages until every continued note is drawn.
A document template gets all this by deriving from `NotesDocTemplate` and calling
`begin_notes`/`draw_notes` from its page template's onPage/onPageEnd.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, PageBreak, Paragraph, Table

_MEASURING = 0xFFFFFFF  # the height reportlab offers when it measures, not places, a flowable
NOTE_GAP = 4  # points between the rule and the first note


def note_height(note: Paragraph, width: float) -> float:
    """A note's height at WIDTH, line-broken once: a note is measured each time its point
    is tried on a page, and again when the page is drawn (always at the frame width)."""
    kept: tuple[float, float] | None = getattr(note, "_brief_height", None)
    if kept is not None and kept[0] == width and hasattr(note, "blPara"):
        return kept[1]  # (a failed split drops the line breaks: then they are redone)
    height: float = note.wrap(width, 10_000)[1]
    note._brief_height = (width, height)
    return height


def fit_notes(notes: list[Paragraph], room: float,
              width: float) -> tuple[list[Paragraph], list[Paragraph]]:
    """(the notes that fit in ROOM, the rest): a note that does not fit is split at a line
    break, its first lines here and the rest continued, so a note taller than a page (a
    point that hundreds of sources report) still flows on from page to page."""
    here: list[Paragraph] = []
    for i, note in enumerate(notes):
        nh = note_height(note, width)
        if nh <= room:
            here.append(note)
            room -= nh
            continue
        parts = note.split(width, room) if room > 0 else []
        if len(parts) == 2:
            for part in parts:
                part.__dict__.pop("_brief_height", None)  # measured afresh
            here.append(parts[0])
            return here, [parts[1], *notes[i + 1:]]
        return here, list(notes[i:])
    return here, []


class NotesDocTemplate(BaseDocTemplate):
    """A document template that keeps each page's notes and draws them under a rule."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.page_notes: list[Paragraph] = []
        self.carry_notes: list[Paragraph] = []  # notes continued from the previous page
        self.flushing = False  # past the last point: continued notes may fill whole pages
        self.make_room = False  # the next page holds back continued notes for a tall row
        self.frame_width = self.width

    def begin_notes(self) -> None:
        """At a page's start: take the continued notes that fit, reserve their room."""
        # continued notes take at most half of a page with text
        room = self.height - NOTE_GAP - 2 if self.flushing else self.height / 2
        if self.make_room:  # a point or row too tall for a page's other half goes first
            room, self.make_room = 0.0, False
        self.page_notes, self.carry_notes = fit_notes(self.carry_notes, room, self.frame_width)
        carried = sum(note_height(n, self.frame_width) for n in self.page_notes)
        for frame in self.pageTemplate.frames:  # undo the previous page's note space
            frame._y1p = frame._y1 + frame._bottomPadding + (
                carried + NOTE_GAP + 2 if self.page_notes else 0)

    def handle_pageEnd(self) -> None:  # noqa: N802 - reportlab's API
        if self.page_notes:  # a page of continued notes is not an empty page
            self._curPageFlowableCount += 1
        super().handle_pageEnd()

    def draw_notes(self, canvas: Any) -> None:
        """At a page's end: the rule and the page's notes above the bottom margin."""
        if not self.page_notes:
            return
        heights = [note_height(n, self.frame_width) for n in self.page_notes]
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


class NotedParagraph(Flowable):
    """A point (or a table row) whose footnotes must land on its own page. A table row
    given its table's HEADER repeats it above itself when it starts a page."""

    def __init__(self, para: Flowable, notes: list[Paragraph], doc: NotesDocTemplate,
                 header: Flowable | None = None) -> None:
        super().__init__()
        self.para, self.notes, self.doc, self.header = para, notes, doc, header
        self._notes_h = 0.0
        self._head_h = 0.0  # the repeated header's height when this row starts a page
        self._too_many = False  # notes taller than a page: they continue on the next

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        w, h = self.para.wrap(aw, ah)
        at_top = getattr(getattr(self.doc, "frame", None), "_atTop", 0)
        self._head_h = self.header.wrap(aw, ah)[1] if self.header and at_top else 0.0
        h += self._head_h
        self._notes_h = sum(note_height(n, self.doc.frame_width) for n in self.notes)
        extra = self._notes_h + (0 if self.doc.page_notes or not self.notes else NOTE_GAP + 2)
        self.height = h
        if ah >= _MEASURING:  # KeepTogether sizing a heading with what follows: count the
            # notes, or only a line of them when they are taller than a page (they continue)
            overflow = h + self._notes_h + NOTE_GAP + 2 > self.doc.height
            return w, h + (3 * NOTE_GAP if overflow else extra)
        # too many notes for a page, or a fresh page is already the best place
        self._too_many = bool(h + self._notes_h + NOTE_GAP + 2 > self.doc.height
                              or (bool(at_top) and h + extra > ah))
        if self._too_many and h + 3 * NOTE_GAP < ah:
            return w, h
        if self._too_many or h + extra > ah:  # the frame moves it on to the next page
            if (self.doc.carry_notes or self.doc.page_notes) and (
                    h + self._notes_h + NOTE_GAP + 2 > self.doc.height / 2):
                # continued notes may take half of that page too, and reportlab moves a
                # flowable on only once: the next page holds them back until this is placed
                self.doc.make_room = True
            return w, ah + 1
        return w, h

    def split(self, aw: float, ah: float) -> list[Flowable]:
        """A text taller than a whole page (a verdict that names hundreds of outlets) is
        split between lines, its first lines here and the rest, with the notes its marks at
        the end refer to, continued; anything else moves on whole (reportlab raised a
        LayoutError for such a text, stopping a 2,000-article build)."""
        if self.header is not None and not isinstance(self.para, Table):
            return []
        if not isinstance(self.para, Paragraph | Table):
            return []
        if self.para.wrap(aw, ah)[1] + self._head_h <= self.doc.height:
            return []
        # (wrap counts the notes' gap even for a part without notes: leave room for it; a
        # table row split in its cells, its header repeated above each part: one that
        # names a 100,000-character title)
        parts = self.para.split(aw, min(ah, self.doc.height - NOTE_GAP - 3) - self._head_h)
        if len(parts) != 2:
            return []
        rest = NotedParagraph(parts[1], self.notes, self.doc, self.header)
        rest.keepWithNext = getattr(self, "keepWithNext", 0)
        return [NotedParagraph(parts[0], [], self.doc, self.header), rest]

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's API
        space: float = self.para.getSpaceAfter()
        return space

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        if self._head_h and self.header is not None:
            self.header.drawOn(canvas, x, y + self.height - self._head_h, _sW)
        self.para.drawOn(canvas, x, y, _sW)
        if not self.notes:
            return
        frame = self._frame  # set by Frame._add
        gap = 0 if self.doc.page_notes else NOTE_GAP + 2
        notes = self.notes
        if self._too_many:  # the notes that fit stay here, the rest continue overleaf
            notes, rest = fit_notes(notes, y - frame._y1p - gap, self.doc.frame_width)
            self.doc.carry_notes.extend(rest)
        frame._y1p += sum(note_height(n, self.doc.frame_width) for n in notes) + gap
        self.doc.page_notes.extend(notes)


class FlushNotes(Flowable):
    """The story's last flowable: turns pages until every continued note is drawn."""

    def __init__(self, doc: NotesDocTemplate) -> None:
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
