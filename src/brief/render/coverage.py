"""The coverage matrix: which outlet reports which point, at a glance.

Rows are the brief's points in reading order (the Bottom line's, then each section's that
the Bottom line does not hold), named as the brief numbers them ("Security 3") and linked to
the point, whose sentence is not printed a second time; columns are the independent outlets
(Source.outlet_key), most reliable first and grouped by kind, each header naming its S-numbers,
kind and reliability. A cell says ● (reports it), ◐ (reports it differently: on another side
of the "Sources differ" entry disputing the point) or nothing (silent): shapes and words, not
colours, so it reads in black and white, and it is a table of text, so a screen reader reads
it cell by cell. Past MAX_OUTLETS columns the outlets collapse to their kinds, each cell then
counting the outlets of that kind that report it ("3", "2 ◐1"), so 2,000 sources still fit
one page. Built as a document-layer Table: every writer already draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from brief.model import Brief, Conflict, Item, Source
from brief.render.common import point_anchor, section_points, section_slugs
from brief.render.document import Inline, Row, Table, Text, to_anchor

REPORTS, DIFFERS, SILENT = "●", "◐", ""  # a cell, as a reader sees it
MAX_OUTLETS = 8  # columns before the outlets collapse to their kinds
LEGEND = (f"{REPORTS} reports the point; {DIFFERS} reports it differently (another side of "
          "its Sources differ entry); blank: silent. Columns: outlets, most reliable first, "
          "grouped by kind.")
_RANK = {"high": 0, "medium": 1, "low": 2, "": 3}


@dataclass(frozen=True)
class Column:
    label: str  # the header: 'S2 news, medium' or 'news, medium (12 outlets)'
    outlets: frozenset[str]  # the outlet keys it stands for


def rows(brief: Brief) -> list[tuple[str, str, Item]]:
    """(label, anchor, point) in reading order: 'Bottom line 1', then 'Security 2', …,
    each point once (a Bottom line point is not repeated under its section)."""
    out = [(f"Bottom line {n}", point_anchor("bottom-line", n), it)
           for n, it in enumerate(brief.bottom_line, 1)]
    seen = {it.id for it in brief.bottom_line}
    slugs = section_slugs(brief.sections)
    parts = [(sec, section_points(brief, sec)) for sec in brief.sections]
    for sec, (shown, _) in parts:
        out += [(f"{sec.title} {n}", point_anchor(slugs[sec.key], n), it)
                for n, it in enumerate(shown, 1) if it.id not in seen]
    for sec, (shown, later) in parts:  # the Single-source reports, after the Timeline
        out += [(f"{sec.title} {n}", point_anchor(slugs[sec.key], n), it)
                for n, it in enumerate(later, len(shown) + 1)]
    return out


def _outlets(brief: Brief) -> dict[str, list[Source]]:
    """Each outlet key's sources, the outlets ordered by reliability, kind, first source."""
    by: dict[str, list[Source]] = {}
    for s in brief.sources:
        by.setdefault(s.outlet_key, []).append(s)
    return dict(sorted(by.items(), key=lambda kv: (_RANK[kv[1][0].reliability],
                                                    kv[1][0].kind, brief.sources.index(kv[1][0]))))


def columns(brief: Brief) -> list[Column]:
    outlets = _outlets(brief)
    if len(outlets) <= MAX_OUTLETS:
        return [Column(_label(", ".join(s.id for s in ss), ss[0]), frozenset([key]))
                for key, ss in outlets.items()]
    kinds: dict[tuple[str, str], list[str]] = {}
    for key, ss in outlets.items():
        kinds.setdefault((ss[0].kind, ss[0].reliability), []).append(key)
    return [Column(_label(", ".join(s.id for s in outlets[keys[0]]), outlets[keys[0]][0])
                   if len(keys) == 1 else
                   f"{_short(kind, rel)} ({len(keys)} outlets)", frozenset(keys))
            for (kind, rel), keys in kinds.items()]


_SHORT = {"blog (ad-supported)": "blog (ads)", "machine-translated": "MT", "medium": "med."}


def _label(ids: str, s: Source) -> str:
    """'S3 article, med.': the header names the outlet's sources, kind and reliability, in
    the fewest characters a narrow column can hold (the Sources table says them in full)."""
    return f"{ids} {_short(s.kind, s.reliability)}"


def _short(kind: str, reliability: str) -> str:
    rel = _SHORT.get(reliability, reliability)
    return _SHORT.get(kind, kind) + (f", {rel}" if rel else "")


def stances(brief: Brief, item: Item) -> dict[str, str]:
    """outlet key -> REPORTS or DIFFERS for ITEM (an outlet not in it is silent): an outlet
    citing the point reports it, one only on another side of its dispute differs (one on
    both sides counts as differing: it does not say the point as the point says it)."""
    out = {brief.source(c.source_id).outlet_key: REPORTS for c in item.citations}
    conflict = next((c for c in brief.conflicts if c.id == item.dispute), None)
    if conflict is None:
        return out
    for key in _other_sides(brief, item, conflict):
        out[key] = DIFFERS
    return out


def _other_sides(brief: Brief, item: Item, conflict: Conflict) -> set[str]:
    """The outlets on the sides of CONFLICT that ITEM does not take (its side: the claim
    sharing most of its sources)."""
    mine = {c.source_id for c in item.citations}
    sides = [{c.source_id for c in cl.citations} for cl in conflict.claims]
    if not sides:
        return set()
    own = max(range(len(sides)), key=lambda i: (len(sides[i] & mine), -i))
    return {brief.source(sid).outlet_key for i, side in enumerate(sides) if i != own
            for sid in side}


def _cell(stance: dict[str, str], col: Column, anchor: str) -> tuple[Inline, ...]:
    marks = [stance[k] for k in col.outlets if k in stance]
    if not marks:
        return ()
    if len(col.outlets) == 1:
        return (to_anchor(marks[0], anchor),)
    said = [f"{n}" if m == REPORTS else f"{m}{n}" for m in (REPORTS, DIFFERS)
            if (n := marks.count(m))]
    # a count is text, not a link: a bare number that leads somewhere reads as a note mark
    # (and the accessible PDF would label it "Note 2"); the row's label links to the point
    return (Text(" ".join(said)),)


def matrix(brief: Brief, fix: Callable[[str], str] = str) -> Table | None:
    """The coverage Table (None when there is nothing to compare: one outlet, or no point).
    FIX: the builder's text cleaner, applied to the data's strings."""
    cols = columns(brief)
    points = rows(brief)
    if len(cols) < 2 or not points:
        return None
    body = []
    for label, anchor, item in points:
        stance = stances(brief, item)
        body.append(Row(((to_anchor(fix(label), anchor),),
                         *(_cell(stance, c, anchor) for c in cols))))
    share = 0.76 / len(cols)
    return Table(("Point", *(fix(c.label) for c in cols)), tuple(body),
                 (0.24, *([share] * len(cols))))
