"""Where sources disagree: differing figures for the same thing, and contradicting statements.

Figures: two figures of the same kind (a share, or a count in the same unit) on the same
subject (their clauses share content words, or they sit in the same section for counts) but
with different values and not from the same sources. Fiscal years keep apart figures that
are about different years (1.3% in FY2023 is no conflict with 2% in FY2025). Statements:
the same document noun is said to be signed/issued in one source and not produced in
another (共同文書に署名 vs 共同文書を作成せず). Nothing is resolved: every side is shown.
"""

from __future__ import annotations

import re

from brief.analyse.measure import is_generic as is_generic_measure
from brief.analyse.measure import same_subject
from brief.analyse.morphology import analyse
from brief.analyse.numbers import find_numbers
from brief.curate.figures import rounding_range, same_thing
from brief.model import Citation, Claim, Conflict, Figure, Passage

COMPARED = ("percent", "count", "money", "duration")

_NOUN = r"(?P<noun>[\u4e00-\u9fff\u30a0-\u30ff]{2,10}?)"
_ACTS = r"(?:署名|作成|発表|公表|発出|採択|締結|取りまとめ|とりまとめ)"
_NEGATIVE = re.compile(
    rf"{_NOUN}(?:を|は|も)(?:{_ACTS}(?:せず|しない|しなかった|されず|されなかった|"
    rf"を見送|は見送)|出さず|なし|無し)")
_POSITIVE = re.compile(rf"{_NOUN}(?:に|を)(?:{_ACTS})(?!せず|しな|されず|されな|を見送)")
_DOC_HEADS = ("文書", "声明", "宣言", "合意", "覚書", "協定")


def _years(f: Figure) -> set[str]:
    return {s.en.removeprefix("within ") for s in find_numbers(f.ja) if s.kind == "fiscal year"}


def _passage_key(f: Figure) -> set[tuple[str, int, str]]:
    return {(c.source_id, c.start, c.ja) for c in f.citations}


def _comparable(a: Figure, b: Figure) -> bool:
    """Two figures could disagree: same kind and unit, different values, other sources,
    not one sentence's two figures, not different years, not one rounding the other."""
    if a.kind != b.kind or a.kind not in COMPARED or a.unit != b.unit:
        return False
    if a.amount == b.amount and a.bound == b.bound:
        return False
    if {c.source_id for c in a.citations} == {c.source_id for c in b.citations}:
        return False
    if _passage_key(a) & _passage_key(b):
        return False  # 70% of mining and 90% of refining, said in one breath
    ya, yb = _years(a), _years(b)
    if ya and yb and not ya & yb:
        return False
    return rounding_range(a, b) is None and not (a.low or b.low)


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


def figure_conflicts(figures: list[Figure]) -> list[list[Figure]]:
    """Groups of figures of one measure and subject that disagree (two values at least)."""
    pairs: list[tuple[Figure, Figure]] = []
    for i, a in enumerate(figures):
        for b in figures[i + 1:]:
            if not _comparable(a, b):
                continue
            if a.table_row or b.table_row:
                continue  # a table row's measure is the header's: matched below
            if same_thing(a, b):
                pairs.append((a, b))
    for t in (f for f in figures if f.table_row and is_generic_measure(f.measure)):
        others = [f for f in figures if not f.table_row and _comparable(t, f)]
        hit = _table_match(t, others)
        if hit is not None:
            pairs.append((hit, t))
    groups: list[list[Figure]] = []
    for a, b in pairs:
        home = next((g for g in groups if a in g or b in g), None)
        if home is None:
            groups.append([a, b])
        else:
            home.extend(x for x in (a, b) if x not in home)
    return groups


def statement_conflicts(passages: list[Passage]) -> list[tuple[str, list[Passage], list[Passage]]]:
    """(document noun, sentences saying it was produced, sentences saying it was not)."""
    pos: dict[str, list[Passage]] = {}
    neg: dict[str, list[Passage]] = {}
    for p in passages:
        if p.kind not in ("sentence", "list"):
            continue
        for m in _NEGATIVE.finditer(p.text):
            if m["noun"].endswith(_DOC_HEADS):
                neg.setdefault(m["noun"], []).append(p)
        for m in _POSITIVE.finditer(p.text):
            if m["noun"].endswith(_DOC_HEADS):
                pos.setdefault(m["noun"], []).append(p)
    out = []
    for noun in sorted(set(pos) & set(neg)):
        yes = [p for p in pos[noun] if p.source_id not in {q.source_id for q in neg[noun]}]
        if yes:
            out.append((noun, yes, neg[noun]))
    return out



def _first_per_source(ps: list[Passage]) -> list[Passage]:
    seen: dict[str, Passage] = {}
    for p in ps:
        seen.setdefault(p.source_id, p)
    return list(seen.values())


def find_conflicts(figures: list[Figure], passages: list[Passage]) -> list[Conflict]:
    conflicts: list[Conflict] = []
    for group in figure_conflicts(figures):
        f0 = group[0]
        what = {"percent": "shares", "money": "amounts", "duration": "lengths"}.get(
            f0.kind, f"numbers of {f0.unit}")
        measure = next((f.measure for f in group if not is_generic_measure(f.measure)), "")
        topic = f"Sources give different {what} for the same measure"
        topic += f" ({f0.subject + ' · ' if f0.subject else ''}{measure})" if measure else ""
        claims = [Claim(f.quantity, f.ja, list(f.citations)) for f in group]
        conflicts.append(Conflict("", topic, claims))
    for noun, yes, no in statement_conflicts(passages):
        # one claim per side, citing every source on that side (a sentence each)
        claims = [Claim(side, ps[0].text, [Citation.of(p) for p in ps])
                  for side, ps in (("signed / issued", _first_per_source(yes)),
                                   ("not produced", _first_per_source(no)))]
        conflicts.append(Conflict("", f"Whether a document ({noun}) was signed or issued",
                                  claims))
    for n, c in enumerate(conflicts, 1):
        c.id = f"conflict-{n}"
    return conflicts
