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

from brief.analyse.morphology import similar_wording
from brief.analyse.numbers import find_numbers
from brief.model import Citation, Claim, Conflict, Figure, Passage

_NOUN = r"(?P<noun>[\u4e00-\u9fff\u30a0-\u30ff]{2,10}?)"
_ACTS = r"(?:署名|作成|発表|公表|発出|採択|締結|取りまとめ|とりまとめ)"
_NEGATIVE = re.compile(
    rf"{_NOUN}(?:を|は|も)(?:{_ACTS}(?:せず|しない|しなかった|されず|されなかった|"
    rf"を見送|は見送)|出さず|なし|無し)")
_POSITIVE = re.compile(rf"{_NOUN}(?:に|を)(?:{_ACTS})(?!せず|しな|されず|されな|を見送)")
_DOC_HEADS = ("文書", "声明", "宣言", "合意", "覚書", "協定")


def _years(f: Figure) -> set[str]:
    return {s.en.removeprefix("within ") for s in find_numbers(f.ja) if s.kind == "fiscal year"}


def _same_subject(a: Figure, b: Figure, ctx_a: str, ctx_b: str) -> bool:
    """Two figures disagree on one thing. CTX: the clause, plus the row for table figures."""
    if a.kind != b.kind or a.kind not in ("percent", "count") or a.unit != b.unit:
        return False
    if a.amount == b.amount:
        return False
    if {c.source_id for c in a.citations} == {c.source_id for c in b.citations}:
        return False
    ya, yb = _years(a), _years(b)
    if ya and yb and not ya & yb:
        return False
    for x, other in ((a, ctx_b), (b, ctx_a)):  # a table row is about its label: 中国
        if x.table_row and x.table_row.split("(")[0] not in other:
            return False
    if a.kind == "count":
        return bool(a.section) and a.section == b.section
    return similar_wording(ctx_a, ctx_b)


def _context(f: Figure) -> str:
    """A table figure's label plus its row text, so the row's subject words count too."""
    return f.ja + "\n" + f.citations[0].ja if f.table_row else f.ja


def figure_conflicts(figures: list[Figure]) -> list[list[Figure]]:
    """Groups of figures that disagree (each group has at least two values)."""
    ctx = {id(f): _context(f) for f in figures}
    groups: list[list[Figure]] = []
    for i, a in enumerate(figures):
        for b in figures[i + 1:]:
            if not _same_subject(a, b, ctx[id(a)], ctx[id(b)]):
                continue
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
        what = "shares" if group[0].kind == "percent" else f"numbers of {group[0].unit}"
        topic = f"Sources give different {what} for what reads as the same figure"
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
