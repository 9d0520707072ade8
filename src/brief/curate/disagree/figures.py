"""Figures of one measure that disagree: the same kind and unit, the same measure (what the
number counts, analyse/measure.py) and subject, the same day and named thing, from other
outlets, with values no rounding or bound reconciles.

Never paired: two figures of one sentence; different fiscal years; 'about X' and a value
within its rounding; 'about 2 hours' and 'just under 2 hours'; measures that merely share a
head word (補給艦 and 随伴艦); sentences about different days (7日 / 8日) or different named
things (「遼寧」 / 「山東」); a figure in a speaker's quotation or a conditional clause
(増やせば…8割); a difference (予定より5分延び) against a length; a planned length against an
actual one; a figure per unit (1株あたり52ドル) against a total or one per another unit; the
measures of two owners (A社の従業員 / 両社の従業員). A table's generic share is set against
the measure its row names first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from brief.analyse.measure import GENERIC, head_of, names_a_measure, same_subject
from brief.analyse.measure import is_generic as is_generic_measure
from brief.analyse.morphology import analyse
from brief.analyse.numbers import find_numbers
from brief.curate.disagree.base import Evidence, apart, conditional_before, quoted_at
from brief.curate.figures import rounding_range, same_thing
from brief.model import Citation, Claim, Conflict, Figure

COMPARED = ("percent", "count", "money", "duration")


def _years(f: Figure) -> frozenset[str]:
    return frozenset(s.en.removeprefix("within ") for s in find_numbers(f.ja)
                     if s.kind == "fiscal year")


def _passage_key(f: Figure) -> set[tuple[str, int, str]]:
    return {(c.source_id, c.start, c.ja) for c in f.citations}


def _comparable(a: Figure, b: Figure, ta: _Traits | None = None,
                tb: _Traits | None = None) -> bool:
    """Two figures could disagree: same kind and unit, different values, other sources,
    not one sentence's two figures, not different years, not one rounding the other.
    TA, TB: their _Traits when worked out already (figure_conflicts asks of many pairs)."""
    if a.kind != b.kind or a.kind not in COMPARED or a.unit != b.unit:
        return False
    if a.amount == b.amount and a.bound == b.bound:
        return False
    ta, tb = ta or _Traits.of(a), tb or _Traits.of(b)
    if ta.sources == tb.sources:
        return False
    if ta.keys & tb.keys:
        return False  # 70% of mining and 90% of refining, said in one breath
    if ta.years and tb.years and not ta.years & tb.years:
        return False
    if rounding_range(a, b) is not None or a.low or b.low:
        return False
    if ta.per != tb.per:
        return False  # 1株あたり52ドル is a price per share, not the deal's 131億ドル
    return not _bounds_agree(a, b)


_PER = re.compile(r"(?P<per>\d+(?:\.\d+)?[^\d、。,\s]{1,5}?)(?:あたり|当たり|につき)(?:の)?"
                  r"(?:平均)?(?:約|およそ)?$")


def per_unit(f: Figure) -> str:
    """What the figure's number is per, said right before it (1株あたり, 60キロ当たり ->
    '1株', '60キロ'), else '': a figure per unit and a total are different measures."""
    sent, start, _end = _where(f)
    m = _PER.search(sent[:start])
    return m["per"] if m else ""


_LOOSE = {"under": (Decimal("0.8"), Decimal(1)), "over": (Decimal(1), Decimal("1.2")),
          "about": (Decimal("0.95"), Decimal("1.05")), "": (Decimal(1), Decimal(1))}


def _bounds_agree(a: Figure, b: Figure) -> bool:
    """'Just under 2 hours' and 'about 2 hours' (or 113 minutes) can both be true; 'just
    under 2 hours' and 'a little over 2 hours' cannot. Only the glued bounds (弱, 近く,
    あまり, 余り) are read as intervals; the others keep their own rules."""
    if not {a.bound, b.bound} & {"under", "over"} or {a.bound, b.bound} - set(_LOOSE):
        return False
    try:
        (la, ha), (lb, hb) = (_interval(f) for f in (a, b))
    except InvalidOperation:
        return False
    return la < hb and lb < ha  # 'under 2 hours' ends where 'over 2 hours' begins


def _interval(f: Figure) -> tuple[Decimal, Decimal]:
    x = Decimal(f.amount)
    lo, hi = _LOOSE[f.bound]
    return x * lo, x * hi


_STATISTICS = ("平均", "最高", "最低", "最大", "最小", "合計", "総", "中央", "上限", "下限", "累計")
_PLANNED = re.compile(r"予定")
_DELTA_BEFORE = re.compile(r"より[^、。]{0,2}$")
_DELTA_AFTER = re.compile(r"^[^、。]{0,3}(?:延び|延長|増え|増加|減|短縮|上回|下回|多い|少な)")


def _where(f: Figure) -> tuple[str, int, int]:
    """(sentence, start, end) of the figure's number in its first citation."""
    sent = f.citations[0].ja if f.citations else f.ja
    base = max(sent.find(f.ja), 0)
    for n in find_numbers(f.ja):
        if n.kind == f.kind and n.amount == f.amount:
            return sent, base + n.start, base + n.end
    return sent, base, base + len(f.ja)


def reported(f: Figure) -> bool:
    """A figure the outlet reports as a fact: not a speaker's quoted words, not in a
    conditional, not a difference (予定より5分延び)."""
    sent, start, end = _where(f)
    return not (quoted_at(sent, start) or conditional_before(sent, start)
                or _DELTA_BEFORE.search(sent[:start]) or _DELTA_AFTER.search(sent[end:]))


def planned(f: Figure) -> bool:
    """The figure is a plan (当初予定の20分, 25分間予定した): never set against an outcome."""
    sent, start, end = _where(f)
    return bool(_PLANNED.search(sent[max(0, start - 6):end + 6]))


def _bare(measure: str) -> str:
    """The measure less a generic suffix (事業案件総額 -> 事業案件, 事業案件規模 -> 事業案件)."""
    for g in sorted(GENERIC, key=len, reverse=True):
        if measure.endswith(g) and measure != g:
            return measure[: -len(g)]
    return measure


_OWNER = r"(?P<o>[A-Za-zＡ-Ｚ]*[\u4e00-\u9fff\u30a1-\u30faー]{1,8}|[A-Za-zＡ-Ｚ]{2,12})の"


def _owner(f: Figure) -> str:
    """Whose measure it is, said as a genitive before it (米国産のコメ輸入 -> 米国産)."""
    sent = _where(f)[0]
    at = sent.find(f.measure)
    m = re.search(_OWNER + r"[^\s、。]{0,4}$", sent[:at]) if at > 0 else None
    return m["o"] if m else ""


def _same_owner(a: Figure, b: Figure) -> bool:
    """Measures of one head and one owner (米国産のコメ輸入, 米国産米のMA輸入量)."""
    if head_of(a.measure) != head_of(b.measure):
        return False
    oa, ob = _owner(a), _owner(b)
    return bool(oa and ob and (oa in ob or ob in oa))


def same_measure_strictly(a: Figure, b: Figure, ta: _Traits | None = None,
                          tb: _Traits | None = None) -> bool:
    """Both name a real measure and one contains the other (会合 / 少人数会合; not 補給艦 /
    随伴艦), about the same day and named thing, both reported, both plans or neither.
    TA, TB: their _Traits, when worked out already."""
    ta, tb = ta or _Traits.of(a), tb or _Traits.of(b)
    ma, mb = ta.bare, tb.bare
    if not ta.measured or not tb.measured:
        return False
    if ma not in mb and mb not in ma and not _same_owner(a, b):
        return False
    longer, shorter = (ma, mb) if len(ma) >= len(mb) else (mb, ma)
    if {w for w in _STATISTICS if w in longer} - {w for w in _STATISTICS if w in shorter}:
        return False  # an average price is not one bag's price
    oa, ob = ta.owner, tb.owner
    if oa and ob and oa not in ob and ob not in oa:
        return False  # A社の従業員 and 両社の従業員: whose measure differs
    return (not apart(ta.sentence, tb.sentence) and ta.reported and tb.reported
            and ta.planned == tb.planned)


@dataclass(frozen=True)
class _Traits:
    """What the pair tests read of one figure, worked out once: figure_conflicts tests
    every pair of a measure head's figures, and each test re-read the figure's numbers
    (find_numbers), sentence, owner and years for each pair it was in."""

    sources: frozenset[str]
    keys: frozenset[tuple[str, int, str]]
    years: frozenset[str]
    per: str
    bare: str
    measured: bool  # the bare measure names a real measure
    owner: str
    sentence: str
    reported: bool
    planned: bool

    @classmethod
    def of(cls, f: Figure) -> _Traits:
        bare = _bare(f.measure)
        return cls(frozenset(c.source_id for c in f.citations), frozenset(_passage_key(f)),
                   _years(f), per_unit(f), bare, names_a_measure(bare), _owner(f),
                   _where(f)[0], reported(f), planned(f))


def _table_match(generic: Figure, specific: list[Figure]) -> Figure | None:
    """The figure a table row's generic measure (世界シェア) is about: the one whose measure
    the row names first (中国60…採掘・精製の両方で…: mining, then refining)."""
    row = generic.citations[0].ja
    best: tuple[int, Figure] | None = None
    for f in specific:
        if not same_subject(generic.subject, f.subject) or not f.subject:
            continue
        for lemma in analyse(f.measure).lemmas:
            at = row.find(lemma)
            if at >= 0 and (best is None or at < best[0]):
                best = (at, f)
    return best[1] if best else None


def _strict_pairs(figures: list[Figure], heads: dict[str, list[int]]
                  ) -> list[tuple[int, int]]:
    """(i, j) of the figures of one head (HEADS: head -> indices into FIGURES) that set
    values against each other, each figure's traits read once."""
    traits = {i: _Traits.of(figures[i]) for same in heads.values() for i in same}
    found: list[tuple[int, int]] = []
    for same in heads.values():
        for n, i in enumerate(same):
            a, ta = figures[i], traits[i]
            for j in same[n + 1:]:
                b, tb = figures[j], traits[j]
                if _comparable(a, b, ta, tb) and same_thing(a, b, strict=True) \
                        and same_measure_strictly(a, b, ta, tb):
                    found.append((i, j))
    return found


def figure_conflicts(figures: list[Figure]) -> list[list[Figure]]:
    """Groups of figures of one measure and subject that disagree (two values at least).

    Only figures of one kind and unit are compared (buckets), and pairs join groups by
    identity (union-find), so a corpus with thousands of figures stays fast."""
    buckets: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(figures):
        if f.kind in COMPARED:
            buckets.setdefault((f.kind, f.unit), []).append(i)
    pairs: list[tuple[int, int]] = []
    for members in buckets.values():
        prose = [i for i in members if not figures[i].table_row]
        # compared strictly, two figures must name measures with one head word (or both
        # name none): only figures of one head are paired, in the order they were found
        # (and only figures that name a real measure: same_measure_strictly pairs no other)
        heads: dict[str, list[int]] = {}
        for i in prose:
            m = figures[i].measure
            if names_a_measure(_bare(m)):
                heads.setdefault(head_of(m), []).append(i)
        pairs += sorted(_strict_pairs(figures, heads))
        for t in members:  # a table row's measure is the header's: its row says which
            if figures[t].table_row and is_generic_measure(figures[t].measure):
                others = [figures[i] for i in prose if _comparable(figures[t], figures[i])]
                hit = _table_match(figures[t], others)
                if hit is not None:
                    pairs.append((next(i for i in prose if figures[i] is hit), t))
    parent = list(range(len(figures)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[root(j)] = root(i)
    groups: dict[int, list[Figure]] = {}
    placed: set[int] = set()  # figures already in their group (by identity)
    for i, j in pairs:  # in pair order, so a group lists its figures as they were found
        for k in (i, j):
            if id(figures[k]) not in placed:
                placed.add(id(figures[k]))
                groups.setdefault(root(k), []).append(figures[k])
    return list(groups.values())


def detect(ev: Evidence) -> list[Conflict]:
    out = []
    for group in figure_conflicts(ev.figures):
        f0 = group[0]
        what = {"percent": "shares", "money": "amounts", "duration": "lengths"}.get(
            f0.kind, f"numbers of {f0.unit}")
        measure = next((f.measure for f in group if not is_generic_measure(f.measure)), "")
        topic = f"Sources give different {what} for the same measure"
        topic += f" ({f0.subject + ' · ' if f0.subject else ''}{measure})" if measure else ""
        if planned(f0):
            topic += ", as planned"
        out.append(Conflict("", topic, [Claim(f.quantity, f.ja, _one_per_source(f))
                                        for f in group]))
    return out


def _one_per_source(f: Figure) -> list[Citation]:
    """A side's citations, one per source (a table row, not also its header)."""
    seen: dict[str, Citation] = {}
    for c in f.citations:
        seen.setdefault(c.source_id, c)
    return list(seen.values())
