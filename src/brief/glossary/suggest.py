"""Candidate glossary terms: what the sources name that the glossary does not yet cover.

Sudachi's analysis gives noun runs; a run is split where proper nouns meet common nouns, so
「赤沢亮正経済再生担当相」 yields the person and the title separately. Candidates are proper
nouns, katakana loanwords, kanji compounds and Latin acronyms, minus every span a glossary
entry (or variant) already covers. Ranking: occurrences, +3 for each curated point that
uses the term, +1 for each further source; ties by first appearance, so numbering is stable
between `suggest` and `suggest --accept N`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from brief.glossary.terms import Glossary
from brief.model import Brief

_KATAKANA = re.compile(r"^[\u30a0-\u30ffー・]+$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,9}$")
_KANJI = re.compile(r"[\u4e00-\u9fff々]")
_DOMAIN = {"人名": "person", "地名": "place"}
_MASK = "\u3001"  # 、 breaks noun runs where a glossary term was


@dataclass
class TermCandidate:
    ja: str
    kind: str  # proper noun, katakana, compound, acronym
    domain: str = ""  # person / place when Sudachi knows
    count: int = 0
    sources: set[str] = field(default_factory=set)
    items: int = 0  # curated points that contain it
    section: str = ""  # the section whose points use it most
    context: str = ""  # a sentence where it occurs (a curated point's when there is one)
    order: int = 0  # first appearance, for stable ties
    en: str = ""  # the model's rendering, when a model is installed

    @property
    def score(self) -> int:
        return self.count + 3 * self.items + (len(self.sources) - 1)


def _mask(text: str, glossary: Glossary) -> str:
    chars = list(text)
    for start, end, _ in glossary.find(text):
        chars[start:end] = _MASK * (end - start)
    return "".join(chars)


_EDGE_AFFIX = {"氏", "さん", "後", "中", "比", "約", "等", "前", "間", "際", "側", "内", "両", "同",
               "初", "各", "計", "全"}


def _runs(text: str) -> list[tuple[str, str, str]]:
    """(surface, kind, domain) of each candidate noun run in TEXT."""
    from brief.analyse.morphology import tokenize

    out: list[tuple[str, str, str]] = []
    run: list[tuple[str, bool, tuple[str, ...]]] = []  # (surface, is proper, part of speech)

    def flush() -> None:
        while run and run[-1][0] in _EDGE_AFFIX | {"・"}:
            run.pop()
        while run and run[0][0] in _EDGE_AFFIX | {"・"}:
            run.pop(0)
        if run:
            surface = "".join(s for s, _, _ in run)
            proper = all(p for _, p, _ in run)
            nouns = sum(1 for _, _, pos in run if pos[0] == "名詞")
            domain = next((_DOMAIN[pos[2]] for _, _, pos in run if pos[2] in _DOMAIN), "")
            country = len(run) == 1 and run[0][2][3] == "国"  # any model knows 中国, 米国
            kind = ("" if country else "proper noun" if proper
                    else "acronym" if _ACRONYM.match(surface)
                    else "katakana" if _KATAKANA.match(surface) and len(surface) >= 4
                    else "compound" if nouns >= 2 and _KANJI.search(surface) else "")
            long_enough = len(surface) >= (2 if kind in ("proper noun", "acronym") else 3)
            if kind and long_enough and not any(c.isdigit() for c in surface):
                out.append((surface, kind, domain if proper else ""))
        run.clear()

    for m in tokenize(text):
        pos = m.part_of_speech()
        surface = m.surface()
        nounish = ((pos[0] == "名詞" and pos[1] not in ("数詞", "代名詞")
                    and pos[2] != "助数詞可能")
                   or (pos[0] == "接尾辞" and pos[1] == "名詞的") or pos[0] == "接頭辞")
        if surface == "・" and run and _KATAKANA.match(run[-1][0]):
            run.append((surface, run[-1][1], run[-1][2]))
            continue
        if not nounish:
            flush()
            continue
        proper = pos[1] == "固有名詞"
        if run and run[-1][1] != proper and pos[0] != "接尾辞":
            flush()  # a proper noun and a common noun are separate terms
        run.append((surface, proper, pos))
    flush()
    return out


def suggest(brief: Brief, glossary: Glossary, limit: int = 40) -> list[TermCandidate]:
    """Ranked candidates from all source sentences of BRIEF that the glossary lacks."""
    from brief.read.segment import segment

    known = {glossary.normalise(t.ja) for t in glossary.terms}
    found: dict[str, TermCandidate] = {}
    order = 0
    for source in brief.sources:
        for passage in segment(source):
            if passage.kind == "table":
                continue
            for surface, kind, domain in _runs(_mask(passage.text, glossary)):
                if surface in known:
                    continue
                c = found.get(surface)
                if c is None:
                    order += 1
                    c = found[surface] = TermCandidate(surface, kind, domain, order=order,
                                                   context=passage.text)
                c.count += 1
                c.sources.add(source.id)
    for section in brief.sections:
        uses: Counter[str] = Counter()
        for item in section.items:
            for ja, c in found.items():
                if ja in item.ja:
                    c.items += 1
                    uses[ja] += 1
                    if not c.section:
                        c.context = item.ja
        for ja, _ in uses.most_common():
            found[ja].section = found[ja].section or section.title
    ranked = sorted(found.values(), key=lambda c: (-c.score, c.order))
    return ranked[:limit]


def render_with_model(candidates: list[TermCandidate],
                      translate: Callable[[list[str]], list[str]]) -> None:
    """Fill `en` with the model's raw rendering (what the glossary entry would replace).

    TRANSLATE is a backend's translate_batch: the CLI chooses the backend, not this stage."""
    renderings = translate([c.ja for c in candidates])
    for c, en in zip(candidates, renderings, strict=True):
        c.en = en.strip().rstrip(".")
