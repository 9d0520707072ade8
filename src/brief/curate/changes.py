"""What changed since the previous brief: points matched by claim, not by sentence text.

A point is a cluster of reports (its citations), so two builds' points are the same claim
when they share a report: the same source file saying the same sentence, or the same
sentence with other numbers in it (a figure edited or corrected in that source). Matching
by reports, a point re-worded because a new source now gives its wording is the same point,
"changed" (new outlet, reworded), never "dropped" and "new". Figures, "Sources differ"
entries and timeline events carry citations too and are matched the same way, for
`brief diff`; the build marks the points (Item.change, Item.changes) and lists the dropped
ones (Brief.dropped), so every format shows the same marks from one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from brief.analyse.numbers import find_numbers
from brief.model import FLAGGED, Brief, Citation, Conflict, Dropped, Event, Figure, Item

_DIGITS = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_KANJI_NUMBER = re.compile(r"[〇一二三四五六七八九十百千万億兆]+")
_SPACE = re.compile(r"\s+")


def _plain(ja: str) -> str:
    return _SPACE.sub("", ja.translate(_DIGITS))


def masked(ja: str) -> str:
    """JA with every number replaced by '#': the sentence a source still says when only a
    figure in it was edited."""
    return _KANJI_NUMBER.sub("#", _NUMBER.sub("#", _plain(ja)))


def numbers(ja: str) -> list[str]:
    """The numbers JA says, in English ('$10 billion (about ¥1.53 trillion)', '2% of GDP')."""
    return [n.en for n in find_numbers(ja)]


def _paths(brief: Brief) -> dict[str, str]:
    return {s.id: s.path for s in brief.sources}


def report_keys(paths: dict[str, str], cites: Sequence[Citation]
                ) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(exact, loose) keys of CITES: (source file, sentence) and (source file, sentence with
    its numbers masked), PATHS giving each source id's file (`_paths`, made once a brief:
    2,000 sources and thousands of points). Source ids (S1, S2) are not stable across
    builds; files are."""
    exact = {(paths.get(c.source_id, c.source_id), _plain(c.ja)) for c in cites}
    loose = {(p, masked(ja)) for p, ja in exact}
    return exact, loose


_T = TypeVar("_T")


@dataclass
class Matching(Generic[_T]):
    """OLD and NEW objects paired by shared reports; the unpaired on either side."""

    pairs: list[tuple[_T, _T]] = field(default_factory=list)
    new: list[_T] = field(default_factory=list)
    dropped: list[_T] = field(default_factory=list)


def match(old: Brief, olds: Sequence[_T], new: Brief, news: Sequence[_T],
          cites: Callable[[_T], Sequence[Citation]]) -> Matching[_T]:
    """Pair OLDS with NEWS one to one, the pairs sharing most reports first (exact reports
    count before loose ones; ties in reading order), so a point split or merged keeps its
    closest successor and the rest are new or dropped."""
    index: dict[tuple[str, str], list[int]] = {}
    loose_index: dict[tuple[str, str], list[int]] = {}
    new_paths, old_paths = _paths(new), _paths(old)
    new_keys = [report_keys(new_paths, cites(n)) for n in news]
    for j, (exact, loose) in enumerate(new_keys):
        for k in exact:
            index.setdefault(k, []).append(j)
        for k in loose:
            loose_index.setdefault(k, []).append(j)
    scored: list[tuple[int, int, int, int]] = []
    for i, o in enumerate(olds):
        exact, loose = report_keys(old_paths, cites(o))
        hits: dict[int, list[int]] = {}
        for k in exact:
            for j in index.get(k, ()):
                hits.setdefault(j, [0, 0])[0] += 1
        for k in loose:
            for j in loose_index.get(k, ()):
                hits.setdefault(j, [0, 0])[1] += 1
        scored += [(-h[0], -h[1], i, j) for j, h in hits.items()]
    result: Matching[_T] = Matching()
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _, _, i, j in sorted(scored):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            result.pairs.append((olds[i], news[j]))
    order = {id(n): j for j, n in enumerate(news)}
    result.pairs.sort(key=lambda p: order[id(p[1])])
    result.new = [n for j, n in enumerate(news) if j not in used_new]
    result.dropped = [o for i, o in enumerate(olds) if i not in used_old]
    return result


# -- what changed in a matched point ----------------------------------------------------------


def _outlets(brief: Brief, cites: Sequence[Citation]) -> dict[str, str]:
    """outlet key -> the name a reader knows it by, of the sources CITES name."""
    out: dict[str, str] = {}
    for sid in dict.fromkeys(c.source_id for c in cites):
        s = brief.source(sid)
        out.setdefault(s.outlet_key, s.outlet or s.origin or s.id)
    return out


def figure_edits(old: Brief, o: Sequence[Citation], new: Brief,
                 n: Sequence[Citation]) -> list[str]:
    """'2 → 3 (S1)': each report whose sentence kept its words but changed a number."""
    paths_old, paths_new = _paths(old), _paths(new)
    was = {(paths_old.get(c.source_id), masked(c.ja)): c for c in o}
    edits: list[str] = []
    for c in n:
        before = was.get((paths_new.get(c.source_id), masked(c.ja)))
        if before is None or _plain(before.ja) == _plain(c.ja):
            continue
        a, b = numbers(before.ja), numbers(c.ja)
        gone = [x for x in a if x not in b] or a
        came = [x for x in b if x not in a] or b
        edit = f"{'; '.join(gone)} → {'; '.join(came)} ({c.source_id})"
        if edit not in edits:
            edits.append(edit)
    return edits


def point_changes(old: Brief, o: Item, new: Brief, n: Item) -> list[str]:
    """What a reader of the old brief would find different in point N (empty: nothing):
    a figure, the modality, a new outlet, the wording."""
    why = [f"figure {e}" for e in figure_edits(old, o.citations, new, n.citations)]
    if o.modality and n.modality and o.modality != n.modality:
        why.append(f"{o.modality} → {n.modality}")
    was, now = _outlets(old, o.citations), _outlets(new, n.citations)
    came = [name for key, name in now.items() if key not in was]
    if came:
        why.append(f"new outlet{'s' if len(came) > 1 else ''}: {', '.join(came)}")
    if not why and _plain(o.ja) != _plain(n.ja):
        why.append("reworded")
    return why


def dropped_of(brief: Brief, item: Item) -> Dropped:
    """An old point as the new brief lists it: its English when a reader was shown it."""
    titles = {s.key: s.title for s in brief.sections}
    en = item.en if item.status != FLAGGED else ""
    return Dropped(item.id, titles.get(item.section, item.section), item.ja, en,
                   sorted({brief.source(c.source_id).path for c in item.citations}))


def mark(brief: Brief, previous: Brief | None) -> None:
    """Mark BRIEF's points, figures, "Sources differ" entries and timeline events new or
    changed against PREVIOUS and list the points it dropped (none of it when there is no
    previous build: a first brief is not "all new")."""
    marked: list[Item | Figure | Conflict | Event] = [*brief.all_items(), *brief.figures,
                                                      *brief.conflicts, *brief.timeline]
    for obj in marked:
        obj.change, obj.changes = "", []
    brief.previous, brief.dropped = "", []
    if previous is None:
        return
    m = match(previous, previous.all_items(), brief, brief.all_items(), _cites)
    for o, n in m.pairs:
        n.changes = point_changes(previous, o, brief, n)
        n.change = "changed" if n.changes else ""
    for n in m.new:
        n.change = "new"
    _mark(match(previous, previous.figures, brief, brief.figures, _cites), figure_changes)
    _mark(match(previous, previous.conflicts, brief, brief.conflicts, conflict_cites),
          conflict_changes)
    _mark(match(previous, previous.timeline, brief, brief.timeline, _cites), event_changes)
    brief.previous = previous.date
    brief.dropped = [dropped_of(previous, o) for o in m.dropped]


_M = TypeVar("_M", Figure, Conflict, Event)


def _mark(m: Matching[_M], why: Callable[[_M, _M], list[str]]) -> None:
    """The marks of one part's matched objects: what WHY finds different, or new."""
    for o, n in m.pairs:
        n.changes = why(o, n)
        n.change = "changed" if n.changes else ""
    for n in m.new:
        n.change = "new"


def figure_changes(o: Figure, n: Figure) -> list[str]:
    """'¥5 trillion → ¥6 trillion' when the figure's value moved."""
    return [f"{o.value} → {n.value}"] if o.value != n.value else []


def conflict_changes(o: Conflict, n: Conflict) -> list[str]:
    """'sides a / b → a / c' when the values the sources give are not the same."""
    was, now = [cl.value for cl in o.claims], [cl.value for cl in n.claims]
    return [f"sides {' / '.join(was)} → {' / '.join(now)}"] if sorted(was) != sorted(now) else []


def event_changes(o: Event, n: Event) -> list[str]:
    """'date 2025-10-27 → 2025-10-28', 'planned → done'."""
    why = [f"date {o.date} → {n.date}"] if o.date != n.date else []
    return why + ([f"{o.phase} → {n.phase}"] if o.phase != n.phase else [])


def _cites(obj: Item | Figure | Event) -> list[Citation]:
    return obj.citations


def conflict_cites(c: Conflict) -> list[Citation]:
    return [x for cl in c.claims for x in cl.citations]


def counts(brief: Brief) -> dict[str, int]:
    """new / changed / dropped points, as the brief marks them."""
    items = brief.all_items()
    return {"new": sum(i.change == "new" for i in items),
            "changed": sum(i.change == "changed" for i in items),
            "dropped": len(brief.dropped)}


def summary(brief: Brief, when: str) -> str:
    """'2 new, 1 changed since WHEN' (with '; 1 dropped' when any), '' without a previous
    build; 'no change since WHEN' when nothing moved."""
    if not brief.previous:
        return ""
    c = counts(brief)
    if not any(c.values()):
        return f"No point new or changed since {when}."
    line = f"{c['new']} new, {c['changed']} changed since {when}"
    return line + (f"; {c['dropped']} dropped." if c["dropped"] else ".")


# -- the claim-level difference of two briefs (`brief diff`) ----------------------------------

PARTS = ("points", "figures", "conflicts", "timeline")  # in the order `brief diff` lists them


@dataclass(frozen=True)
class Entry:
    """One thing that differs: KIND new, changed or dropped; WHERE its section (points);
    TEXT as a reader of its brief saw it; WHY what changed."""

    kind: str
    where: str
    text: str
    why: tuple[str, ...] = ()


def shown_text(obj: Item | Figure | Event | Conflict) -> str:
    """What a reader saw: the English when it was shown, else the Japanese."""
    if isinstance(obj, Conflict):
        return obj.topic
    text = obj.en if obj.en and obj.status != FLAGGED else obj.ja
    return f"{obj.value}: {text}" if isinstance(obj, Figure) else text


def _section_titles(brief: Brief) -> dict[str, str]:
    return {s.key: s.title for s in brief.sections}


def diff(old: Brief, new: Brief) -> dict[str, list[Entry]]:
    """Every part's new, changed and dropped entries from OLD to NEW, matched by reports
    (the marks a build writes are not read: this compares the two files themselves)."""
    return {"points": _points(old, new), "figures": _figures(old, new),
            "conflicts": _conflicts(old, new), "timeline": _timeline(old, new)}


def _points(old: Brief, new: Brief) -> list[Entry]:
    m = match(old, old.all_items(), new, new.all_items(), _cites)
    where_old, where_new = _section_titles(old), _section_titles(new)
    out = [Entry("new", where_new.get(n.section, ""), shown_text(n)) for n in m.new]
    for o, n in m.pairs:
        if why := point_changes(old, o, new, n):
            out.append(Entry("changed", where_new.get(n.section, ""), shown_text(n),
                             tuple(why)))
    out += [Entry("dropped", where_old.get(o.section, ""), shown_text(o)) for o in m.dropped]
    return out


def _figures(old: Brief, new: Brief) -> list[Entry]:
    m = match(old, old.figures, new, new.figures, _cites)
    out = [Entry("new", "", shown_text(n)) for n in m.new]
    out += [Entry("changed", "", shown_text(n), tuple(why))
            for o, n in m.pairs if (why := figure_changes(o, n))]
    return out + [Entry("dropped", "", shown_text(o)) for o in m.dropped]


def _conflicts(old: Brief, new: Brief) -> list[Entry]:
    m = match(old, old.conflicts, new, new.conflicts, conflict_cites)
    out = [Entry("new", "", shown_text(n)) for n in m.new]
    out += [Entry("changed", "", shown_text(n), tuple(why))
            for o, n in m.pairs if (why := conflict_changes(o, n))]
    return out + [Entry("dropped", "", shown_text(o)) for o in m.dropped]


def _timeline(old: Brief, new: Brief) -> list[Entry]:
    m = match(old, old.timeline, new, new.timeline, _cites)
    out = [Entry("new", n.date, shown_text(n)) for n in m.new]
    out += [Entry("changed", n.date, shown_text(n), tuple(why))
            for o, n in m.pairs if (why := event_changes(o, n))]
    return out + [Entry("dropped", o.date, shown_text(o)) for o in m.dropped]
