"""A title from the sources when brief.toml sets none: who, what about, and when.

Built in Japanese from the story's points: the two countries most sources name, the two
heaviest section terms the points use (weighted by how many sources use them), and the
sources' date range. It is then translated like every
other segment, so `--no-translate` keeps it Japanese and no writer special-cases it.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from brief.analyse.classify import Classifier
from brief.analyse.morphology import analyse
from brief.model import Item, Passage, Section, Source

HOME = "日本"  # named first when it is one of the actors
HEADLINE_BONUS = 2  # a source whose headline has the term counts this much more


def _actors(sources: list[Source], passages: list[Passage], points: list[Item]) -> list[str]:
    """The two countries the most sources name, among those the points name (a sentence's
    countries come from its morphology, analysed once for classification already)."""
    named = {c for it in points for c in analyse(it.ja).countries}
    by_source: dict[str, set[str]] = {}
    for p in passages:
        found = analyse(p.text).countries & named
        if found:
            by_source.setdefault(p.source_id, set()).update(found)
    df: Counter[str] = Counter()
    for s in sources:  # sources naming it, headlines counting more
        df.update(by_source.get(s.id, set()))
        df.update(list(analyse(s.title).countries & named) * HEADLINE_BONUS)
    top = [c for c, _ in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:2]]
    return sorted(top, key=lambda c: (c != HOME, -df[c], c))


def _topics(sources: list[Source], points: list[Item], classifier: Classifier) -> list[str]:
    """The two heaviest listed terms of the points and headlines, weighted by how many sources
    say them; a term inside a chosen one (輸入 inside 輸入停止) is not chosen again."""
    weight: dict[str, float] = {}
    said: list[tuple[str, str | None]] = [(it.ja, it.section) for it in points]
    said += [(s.title, classifier.classify(s.title).section) for s in sources]  # headlines
    for text, section in said:
        if section is None:
            continue
        for hit in classifier.classify(text).hits.get(section, ()):
            if not hit.startswith("~") and hit in text:
                weight[hit] = max(weight.get(hit, 0.0), classifier.term_weight(section, hit))
    # a term in the headlines is what the story is about
    scored = {t: w * sum(1 + HEADLINE_BONUS * (t in s.title) for s in sources if t in s.text)
              for t, w in weight.items()}
    chosen: list[str] = []
    for term, _ in sorted(scored.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0])):
        # not inside a chosen term, nor of its family (防衛予算 after 防衛費)
        if not any(term in c or c in term or term[:2] == c[:2] for c in chosen):
            chosen.append(term)
        if len(chosen) == 2:
            break
    return chosen


def _date_range(sources: list[Source]) -> str:
    days = sorted({s.published for s in sources if len(s.published) == 10})
    if not days:
        return ""
    a, b = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    first = f"{a.year}年{a.month}月{a.day}日"
    if a == b:
        return first
    if (a.year, a.month) == (b.year, b.month):
        return f"{first}〜{b.day}日"
    if a.year == b.year:
        return f"{first}〜{b.month}月{b.day}日"
    return f"{first}〜{b.year}年{b.month}月{b.day}日"


def derive_title(sources: list[Source], passages: list[Passage], sections: list[Section],
                 bottom: list[Item], classifier: Classifier) -> str:
    """The story's title in Japanese: '日本と中国、水産物・渡航自粛をめぐる動き（…）'."""
    points = list({it.id: it for it in [*bottom, *(it for s in sections for it in s.items)]}
                  .values())
    actors = "と".join(_actors(sources, passages, points))
    topics = "・".join(_topics(sources, points, classifier))
    when = _date_range(sources)
    head = "、".join(p for p in (actors, f"{topics}をめぐる動き" if topics else "") if p)
    head = head or "情勢"
    return f"{head}（{when}）" if when else head
