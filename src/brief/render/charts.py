"""The brief's two pictures, laid out once from the data as document-layer `Chart`s.

The timeline chart puts each Timeline event on a date axis, one row per section (the
section its sentence belongs to, Event.section), a filled circle for what happened and a
hollow dashed one for what is planned, the larger the more independent outlets report it;
each circle carries its row number in the Timeline table (and "new"/"changed" against the
previous build), and a dashed line marks the brief's date. The coverage picture is the
Coverage table drawn as a grid: a filled square where an outlet reports the point, a
half-filled one where it reports it differently, an empty one where it is silent; columns
that stand for several outlets of one kind (past coverage.MAX_OUTLETS) show the share of
them that report it as a bar. Shapes and fills carry the meaning, never colour alone, so a
black-and-white print reads the same; the table beside each picture is its full text
alternative. Every writer draws the same shapes (SVG, reportlab, a PNG for the DOCX).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from brief.analyse.numbers import MONTHS
from brief.model import Brief, Event
from brief.render.common import independent, plural, short_date
from brief.render.coverage import DIFFERS, REPORTS, Column, columns, rows, stances
from brief.render.document import (
    BLACK,
    EN,
    GREY,
    JA,
    LIGHT,
    WHITE,
    Box,
    Chart,
    Dot,
    Label,
    Line,
    Poly,
    Shape,
)

WIDTH = 480.0  # points: the text width of an A4 page less the margins (170 mm)
LANE_GUTTER = 104.0  # the row labels' column
ROW = 17.0  # one line of circles in a timeline row
OTHER = "Other"  # the row of events no section holds
CHANGED = {"new": " new", "changed": " changed"}


def text_width(text: str, size: float) -> float:
    """TEXT's width in points at SIZE, estimated (a Latin letter about half an em, a
    Japanese one a full em): enough to fit a label, whatever face a format draws it in."""
    return sum(size if ord(ch) > 0x2E80 else 0.55 * size for ch in text)


def fit(text: str, size: float, width: float) -> str:
    """TEXT cut with … to fit WIDTH points at SIZE."""
    if text_width(text, size) <= width:
        return text
    # no character is narrower than 0.55 em: a longer prefix never fits (and cutting a
    # 100,000-character outlet a character at a time, each time measured, took a minute)
    text = text[:int(width / (0.55 * size)) + 2]
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _lang(text: str) -> str:
    return JA if any(ord(ch) > 0x2E80 for ch in text) else EN


def event_anchor(n: int) -> str:
    """The anchor of the Timeline table's row N (1-based), which a circle links to."""
    return f"event-{n}"


# -- the timeline chart ------------------------------------------------------------------------


class _Axis:
    """Dates to x positions between X0 and X1, and the ticks a reader can find dates by."""

    def __init__(self, first: date, last: date, x0: float, x1: float) -> None:
        if first == last:
            first, last = first - timedelta(days=1), last + timedelta(days=1)
        pad = max(1, (last - first).days // 30)
        self.first, self.last = first - timedelta(days=pad), last + timedelta(days=pad)
        self.x0, self.x1 = x0, x1

    def x(self, d: date) -> float:
        span = (self.last - self.first).days
        return self.x0 + (self.x1 - self.x0) * (d - self.first).days / span

    def ticks(self) -> list[tuple[date, str]]:
        """At most seven ticks: every 1, 2, 7 or 14 days, or at month starts every 1, 2, 3,
        6 or 12 months; the year said on the first tick and where it changes."""
        span = (self.last - self.first).days
        step = next((s for s in (1, 2, 7, 14) if span / s <= 7), 0)
        if step:
            days = [self.first + timedelta(days=k) for k in range(1, span, step)]
        else:
            months = next((m for m in (1, 2, 3, 6, 12) if span / (30.4 * m) <= 7), 24)
            days, d = [], date(self.first.year, self.first.month, 1)
            while d <= self.last:
                if d > self.first and (d.month - 1) % months == 0:
                    days.append(d)
                d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
        out, year = [], 0
        for d in days:
            label = f"{MONTHS[d.month - 1][:3]} {d.day}" if step else MONTHS[d.month - 1][:3]
            out.append((d, f"{label}, {d.year}" if d.year != year else label))
            year = d.year
        return out


def _outlets(brief: Brief, e: Event) -> int:
    return independent(brief, [c.source_id for c in e.citations])


def _radius(outlets: int) -> float:
    return {1: 3.0, 2: 4.5}.get(outlets, 6.0)


def _lanes(brief: Brief, fix: Callable[[str], str]) -> list[tuple[str, list[int]]]:
    """(row title, the 0-based indexes of its events), in the brief's section order, the
    events no section holds last."""
    titles = {s.key: fix(s.title) for s in brief.sections}
    by: dict[str, list[int]] = {}
    for i, e in enumerate(brief.timeline):
        by.setdefault(e.section if e.section in titles else "", []).append(i)
    order = [s.key for s in brief.sections if s.key in by] + ([""] if "" in by else [])
    return [(titles.get(k, OTHER), by[k]) for k in order]


def _place(xs: list[tuple[float, float, int]]) -> dict[int, int]:
    """Each event's line within its row (0 the first): a circle and its number never
    overlap the one before on the same line. XS: (left edge, right edge, index)."""
    ends: list[float] = []
    line_of: dict[int, int] = {}
    for left, right, i in sorted(xs):
        line = next((k for k, end in enumerate(ends) if end < left), len(ends))
        if line == len(ends):
            ends.append(right)
        ends[line] = right
        line_of[i] = line
    return line_of


def _event_label(n: int, e: Event) -> str:
    return f"{n}{CHANGED.get(e.change, '')}"


def timeline_chart(brief: Brief, fix: Callable[[str], str] = str) -> Chart | None:
    """The timeline as a picture (None without events)."""
    if not brief.timeline:
        return None
    days = [date.fromisoformat(e.date) for e in brief.timeline]
    today = date.fromisoformat(brief.date) if len(brief.date) == 10 else None
    axis = _Axis(min(days + [today] if today else days), max(days + [today] if today else days),
                 LANE_GUTTER + 10, WIDTH - 10)
    shapes: list[Shape] = []
    marks: list[Shape] = []  # the circles, drawn over the grid and the brief's date
    y = 4.0
    lanes = _lanes(brief, fix)
    for k, (title, idx) in enumerate(lanes):
        extent = []
        for i in idx:
            r, x = _radius(_outlets(brief, brief.timeline[i])), axis.x(days[i])
            label = _event_label(i + 1, brief.timeline[i])
            extent.append((x - r, x + r + 2 + text_width(label, 6.5), i))
        line_of = _place(extent)
        height = ROW * (max(line_of.values()) + 1) + 4
        if k % 2 == 0:  # alternate rows banded, so a circle's row is plain in grey print
            shapes.append(Box(0, y, WIDTH, height, fill="#f0f0f0"))
        shapes.append(Label(LANE_GUTTER - 6, y + 4 + ROW / 2 + 2.5,
                            fit(title, 7.5, LANE_GUTTER - 10), 7.5, "end", True, _lang(title)))
        for i in idx:
            marks += _event(brief, i, axis.x(days[i]), y + 4 + ROW * line_of[i] + ROW / 2)
        y += height
    top, bottom = 4.0, y
    shapes.append(Line(LANE_GUTTER, bottom, WIDTH, bottom, BLACK, 0.6))
    for d, text in axis.ticks():
        x = axis.x(d)
        shapes += [Line(x, top, x, bottom, LIGHT, 0.4),
                   Line(x, bottom, x, bottom + 3, BLACK, 0.6),
                   Label(x, bottom + 11, text, 6.5, "middle")]
    if today is not None:
        x = axis.x(today)
        said = f"brief date {short_date(brief.date)}"
        align = "end" if x + text_width(said, 6.5) / 2 > WIDTH else "middle"
        shapes += [Line(x, top, x, bottom, BLACK, 0.8, dash=True),
                   Label(min(x, WIDTH - 1), bottom + 20, said, 6.5, align, True)]
    shapes += marks + _timeline_legend(bottom + 34)
    done = sum(e.phase != "planned" for e in brief.timeline)
    rows_said = ", ".join(f"{t} {len(i)}" for t, i in lanes)
    desc = (f"{plural(len(days), 'event')} from {short_date(min(days).isoformat())} to "
            f"{short_date(max(days).isoformat())}, by section ({rows_said}): {done} done "
            f"(filled circles), {len(days) - done} planned (hollow dashed circles); the larger "
            "the circle, the more independent outlets report it; each circle's number is its "
            "row in the Timeline table, which lists every event in text.")
    return Chart("timeline-chart", "Timeline chart: the events by date and section", desc,
                 WIDTH, bottom + 54, tuple(shapes))


def _event(brief: Brief, i: int, x: float, y: float) -> list[Shape]:
    e = brief.timeline[i]
    r = _radius(_outlets(brief, e))
    href = f"#{event_anchor(i + 1)}"
    planned = e.phase == "planned"
    name = (f"Event {i + 1}, {e.date}: {'planned' if planned else 'done'}, "
            f"{plural(_outlets(brief, e), 'outlet')}")
    return [Dot(x, y, r, WHITE if planned else BLACK, BLACK, planned, href, name),
            Label(x + r + 2, y + 2.3, _event_label(i + 1, e), 6.5, "start", bool(e.change),
                  href=href)]


def _timeline_legend(y: float) -> list[Shape]:
    out: list[Shape] = [Dot(LANE_GUTTER + 6, y - 2.3, 3.0), Label(LANE_GUTTER + 12, y, "done", 6.5),
                        Dot(LANE_GUTTER + 46, y - 2.3, 3.0, WHITE, BLACK, True),
                        Label(LANE_GUTTER + 52, y, "planned", 6.5)]
    x = LANE_GUTTER + 100
    for n, said in ((1, "1 outlet"), (2, "2 outlets"), (3, "3 or more")):
        r = _radius(n)
        out += [Dot(x + r, y - 2.3, r), Label(x + 2 * r + 4, y, said, 6.5)]
        x += 2 * r + 8 + text_width(said, 6.5)
    x, y = LANE_GUTTER + 6, y + 11
    return out + [Line(x, y - 6, x, y + 1, BLACK, 0.8, dash=True),
                  Label(x + 6, y, "the brief's date", 6.5),
                  Label(x + 70, y, "a circle's number: its row in the Timeline table", 6.5)]


# -- the coverage picture ----------------------------------------------------------------------

ROW_GUTTER = 128.0  # the point labels' column
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_HEIGHT = 640.0  # points: the picture stays on one A4 page


def column_letter(n: int) -> str:
    """A, B, …, Z, AA, AB, …: the key under the grid names each column's outlets."""
    return LETTERS[n] if n < 26 else LETTERS[n // 26 - 1] + LETTERS[n % 26]


def coverage_chart(brief: Brief, fix: Callable[[str], str] = str) -> Chart | None:
    """The Coverage table as a grid (None when the table has none: one outlet, no point)."""
    cols, points = columns(brief), rows(brief)
    if len(cols) < 2 or not points:
        return None
    cell = min(26.0, (WIDTH - ROW_GUTTER - 6) / len(cols))
    key_lines = (len(cols) + 1) // 2
    row_h = max(5.0, min(12.0, (MAX_HEIGHT - 60 - 9 * key_lines) / len(points)))
    top = 14.0
    shapes: list[Shape] = []
    kinds = [_kind(brief, c.outlets) for c in cols]
    for j in range(len(cols)):
        x = ROW_GUTTER + j * cell
        shapes.append(Label(x + cell / 2, top - 4, column_letter(j), 7, "middle", True))
        if j and kinds[j] != kinds[j - 1]:  # a new kind of outlet: a heavier rule
            shapes.append(Line(x, top - 12, x, top + row_h * len(points), BLACK, 1.2))
    size = min(cell, row_h) - 2.5
    for i, (label, anchor, item) in enumerate(points):
        y = top + i * row_h
        href = f"#{anchor}"
        text = fix(label) + CHANGED.get(item.change, "")
        shapes.append(Label(ROW_GUTTER - 5, y + row_h / 2 + min(row_h, 7) * 0.35,
                            fit(text, min(7.0, row_h), ROW_GUTTER - 8), min(7.0, row_h), "end",
                            bool(item.change), _lang(text), href))
        if i % 2 == 0:
            shapes.append(Box(ROW_GUTTER, y, cell * len(cols), row_h, fill="#f0f0f0"))
        stance = stances(brief, item)
        for j, col in enumerate(cols):
            cx, cy = ROW_GUTTER + j * cell + (cell - size) / 2, y + (row_h - size) / 2
            shapes += _cell([stance[k] for k in col.outlets if k in stance], len(col.outlets),
                            cx, cy, size, href, f"{fix(label)}, column {column_letter(j)}")
    bottom = top + row_h * len(points)
    shapes += _coverage_key(cols, bottom + 12, fix)
    desc = (f"{plural(len(points), 'point')} (rows, in reading order) against "
            f"{plural(len(cols), 'column')} of outlets (most reliable first, grouped by kind): "
            "a filled square reports the point, a half-filled square reports it differently "
            "(another side of its Sources differ entry), an empty square is silent; a bar in a "
            "column of several outlets is the share of them that report it. The Coverage "
            "table gives every cell in text.")
    height = bottom + 12 + 9 * key_lines + 16
    return Chart("coverage-chart", "Coverage matrix: which outlets report each point", desc,
                 WIDTH, height, tuple(shapes))


def _kind(brief: Brief, outlets: frozenset[str]) -> tuple[str, str]:
    s = next(s for s in brief.sources if s.outlet_key in outlets)
    return s.kind, s.reliability


def _cell(marks: list[str], outlets: int, x: float, y: float, size: float,
          href: str, where: str) -> list[Shape]:
    """One cell: a square filled, half-filled or empty; several outlets' share as a bar.
    A cell that says something links to the point (WHERE: its row and column, the link's
    name)."""
    said = f"{where}: {marks.count(REPORTS)} of {outlets} report it" + (
        f", {n} differently" if (n := marks.count(DIFFERS)) else "")
    frame = Box(x, y, size, size, WHITE, GREY if marks else LIGHT, href if marks else "",
                said if marks else "")
    if outlets == 1:
        if REPORTS in marks:
            return [Box(x, y, size, size, BLACK, BLACK, href, f"{where}: reports it")]
        if DIFFERS in marks:
            return [Box(x, y, size, size, WHITE, GREY),
                    Poly(((x, y + size), (x + size, y + size), (x + size, y)), BLACK, href,
                         f"{where}: reports it differently")]
        return [frame]
    share, other = marks.count(REPORTS) / outlets, marks.count(DIFFERS) / outlets
    out: list[Shape] = [frame]
    if share:
        out.append(Box(x, y + size * (1 - share), size, size * share, BLACK))
    if other:
        out.append(Box(x, y + size * (1 - share - other), size, size * other, GREY))
    return out


def _coverage_key(cols: list[Column], y: float, fix: Callable[[str], str]) -> list[Shape]:
    """The legend, then each column's letter and the outlets it stands for, two a line."""
    s = 7.0
    out: list[Shape] = [Box(ROW_GUTTER, y - s + 1, s, s, BLACK, BLACK),
                        Label(ROW_GUTTER + s + 3, y, "reports it", 6.5),
                        Box(ROW_GUTTER + 60, y - s + 1, s, s, WHITE, GREY),
                        Poly(((ROW_GUTTER + 60, y + 1), (ROW_GUTTER + 60 + s, y + 1),
                              (ROW_GUTTER + 60 + s, y - s + 1))),
                        Label(ROW_GUTTER + 60 + s + 3, y, "reports it differently", 6.5),
                        Box(ROW_GUTTER + 160, y - s + 1, s, s, WHITE, LIGHT),
                        Label(ROW_GUTTER + 160 + s + 3, y, "silent", 6.5)]
    half = (WIDTH - 8) / 2
    for j, col in enumerate(cols):
        x = 4 + (j % 2) * half
        text = fix(f"{column_letter(j)}: {col.label}")
        out.append(Label(x, y + 12 + 9 * (j // 2), fit(text, 6.5, half - 6), 6.5, "start",
                         False, _lang(text)))
    return out
