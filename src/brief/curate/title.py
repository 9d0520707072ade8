"""A title from the sources when brief.toml sets none: who, what about, and when.

Built in Japanese from the story's points: the two countries most sources name, the two
heaviest section terms the points use (weighted by how many sources use them), and the
sources' date range. It is then translated like every
other segment, so `--no-translate` keeps it Japanese and no writer special-cases it.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any

from brief.analyse.classify import Classifier
from brief.analyse.morphology import COUNTRY_NAMES, analyse, tokenize
from brief.model import Item, Passage, Section, Source

HOME = "日本"  # named first when it is one of the actors
HEADLINE_BONUS = 2  # a source whose headline has the term counts this much more
_WIRES = {"共同", "時事", "ロイター", "AFP", "AP", "ブルームバーグ", "新華社", "聯合"}
NAMED_SHARE = 0.5  # a company, ministry or person at least this share of sources names
_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]+")
# A compound that opens with a name and ends like an organisation is one: 北陸製鋼, 東洋電機
# An ending only a firm's name has (電気自動車 and 衛星通信 are things, 北海製鋼 a firm)
_FIRM_END = re.compile(r"製鋼|製鉄|電機|電工|重工|商事|物産|製薬|建設|海運|ホールディングス")
_KATAKANA = re.compile(r"[\u30a1-\u30faー]+")
# The head of a compound that says what kind of firm, not which (大手銀行, 地方銀行, 国内製鉄)
_GENERIC_HEAD = {"大手", "中堅", "地方", "民間", "国内", "海外", "外国", "外資", "国営", "国有",
                 "各", "同", "新", "旧", "米", "中", "日", "韓", "欧", "日系", "外資系", "関係",
                 "所管", "担当", "主要", "複数", "一部", "全国", "地元"}
_ORG_END = re.compile(r"(?:製鋼|製鉄|電機|電工|電力|工業|重工|商事|物産|銀行|証券|自動車|化学|製薬|"
                      r"建設|通信|航空|海運|鉄道|ホールディングス|グループ|省|庁)$")


def _names(text: str) -> tuple[set[str], set[str]]:
    """(countries, other actors) TEXT names. A country's initials glued to a name (USスチール,
    UKファンド) are that company, not the country; companies, ministries and surnames are
    actors (Sudachi's proper nouns other than places)."""
    countries: set[str] = set()
    names: set[str] = set()
    toks = tokenize(text)
    names |= _compound_names(toks)
    for i, m in enumerate(toks):
        pos, surface = m.part_of_speech(), m.surface()
        glued = i + 1 < len(toks) and toks[i + 1].part_of_speech()[0] == "名詞"
        if pos[1:4] == ("固有名詞", "地名", "国"):
            if _LATIN.fullmatch(surface) and glued:
                names.add(surface + toks[i + 1].surface())  # USスチール
            else:
                countries.add(COUNTRY_NAMES.get(surface, surface))
        elif pos[1] == "固有名詞" and (pos[2] == "一般" or pos[3] == "姓") and len(surface) > 1:
            names.add(surface)
    return countries, names


def _compound_names(toks: list[Any]) -> set[str]:
    """The names TOKS spell in compounds of nouns the dictionary does not list as one: a
    name (or any word but a generic head: 北海, not 大手) followed by an organisation's ending
    (北陸製鋼, 北海製鋼, 経済産業省), katakana words joined by ・ (アトラス・スチール), and a
    katakana word before 社 (アトラス社: the firm)."""
    names: set[str] = set()
    run: list[Any] = []
    for m in [*toks, None]:
        pos = m.part_of_speech() if m is not None else ("",)
        katakana_join = m is not None and m.surface() == "・" and run and _KATAKANA.fullmatch(
            run[-1].surface())
        if m is not None and (pos[0] in ("名詞", "接尾辞") or katakana_join):
            run.append(m)
            continue
        names |= _run_names([t.surface() for t in run],
                            any(t.part_of_speech()[1] == "固有名詞" for t in run))
        run = []
    return names


def _run_names(words: list[str], proper: bool) -> set[str]:
    """The names one run of noun WORDS spells (see _compound_names): the whole run when it
    holds a name and ends like an organisation; else a word and the ending after it
    (北海製鋼 in 北海製鋼買収); katakana words joined by ・ anywhere in it."""
    out: set[str] = set()
    whole = "".join(words)
    if proper and len(words) > 1 and _ORG_END.search(whole):
        out.add(whole)
    for i in range(1, len(words)):
        if _FIRM_END.fullmatch(words[i]) and words[i - 1] not in _GENERIC_HEAD and \
                len(words[i - 1]) > 1 and not _ORG_END.fullmatch(words[i - 1]):
            out.add(words[i - 1] + words[i])
    joined: list[str] = []
    for w in [*words, ""]:
        if _KATAKANA.fullmatch(w) or (w == "・" and joined):
            joined.append(w)
            continue
        while joined and joined[-1] == "・":
            joined.pop()
        if "・" in joined:
            out.add("".join(joined))
        joined = []
    for a, b in zip(words, words[1:], strict=False):
        if b == "社" and _KATAKANA.fullmatch(a) and len(a) > 1:
            out.add(a)
    return out


class _Names(dict[str, tuple[set[str], set[str]]]):
    """`_names` of each text asked, computed once while one title is derived: a point's
    text is asked once for every source that gives it."""

    def __missing__(self, text: str) -> tuple[set[str], set[str]]:
        found = self[text] = _names(text)
        return found


def _actors(sources: list[Source], passages: list[Passage], points: list[Item],
            names: _Names) -> list[str]:
    """The two countries the most sources name, among those the points name (a sentence's
    countries come from its morphology, analysed once for classification already); a
    country's initials inside a company's name (USスチール) do not count as the country."""
    named = {c for it in points for c in names[it.ja][0]}
    by_source: dict[str, set[str]] = {}
    for p in passages:
        found = analyse(p.text).countries & named
        if found:
            by_source.setdefault(p.source_id, set()).update(found)
    df: Counter[str] = Counter()
    for s in sources:  # sources naming it, headlines counting more
        df.update(by_source.get(s.id, set()))
        df.update(list(names[s.title][0] & named) * HEADLINE_BONUS)
    top = [c for c, _ in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:2]]
    return sorted(top, key=lambda c: (c != HOME, -df[c], c))


def _parties(sources: list[Source], points: list[Item], names: _Names) -> list[str]:
    """The companies, ministries and people at least NAMED_SHARE of the sources name in the
    points they give (or in their headlines), most named first: who acts, beyond countries."""
    said: dict[str, list[str]] = {}  # source id -> the points it gives, in order
    for it in points:
        for sid in dict.fromkeys(c.source_id for c in it.citations):
            said.setdefault(sid, []).append(it.ja)
    named: list[set[str]] = []
    for s in sources:
        found = set().union(*(names[t][1] for t in [s.title, *said.get(s.id, ())]))
        # the longest way a source writes a name is how it writes it (ベルナ・メタルズ, not
        # the ベルナ inside it)
        named.append({n for n in found if not any(n in o and n != o for o in found)})
    # 石破 and 石破茂, アトラス社 and アトラス・スチール are one: counted under the shortest
    every = sorted(set().union(*named), key=lambda n: (len(n), n))
    known = set(every)
    key = {n: _shortest_inside(n, known) for n in every}
    df: Counter[str] = Counter()
    forms: Counter[str] = Counter()  # how each name is written, in how many sources
    for found in named:
        df.update({key[n] for n in found})
        forms.update(found)
    need = max(2, NAMED_SHARE * len(sources))
    # who reports is not who acts: the outlets and the wire services they credit
    reporters = {s.outlet for s in sources if s.outlet} | _WIRES
    top = [k for k, n in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))
           if n >= need and not any(k in r or r in k for r in reporters)]
    # each by the way most sources write it (the longer at a tie: アトラス・スチール)
    return [max((f for f in every if key[f] == k), key=lambda f: (forms[f], len(f), f))
            for k in top[:2]]


def _shortest_inside(name: str, names: set[str]) -> str:
    """The shortest of NAMES inside NAME (NAME itself at worst), the first in order at a tie:
    the substrings of one name are few, the names of 2,000 sources many."""
    for size in range(1, len(name) + 1):
        inside = sorted({name[i:i + size] for i in range(len(name) - size + 1)} & names)
        if inside:
            return inside[0]
    return name


def _topics(sources: list[Source], points: list[Item], classifier: Classifier) -> list[str]:
    """The two heaviest listed terms of the points and headlines, weighted by how many sources
    say them; a term inside a chosen one (輸入 inside 輸入停止) is not chosen again. Words
    only: a pattern's match may end mid-verb (大使を呼び出)."""
    weight: dict[str, float] = {}
    said: list[tuple[str, str | None]] = [(it.ja, it.section) for it in points]
    said += [(s.title, classifier.classify(s.title).section) for s in sources]  # headlines
    for text, section in said:
        if section is None:
            continue
        for hit in classifier.classify(text).hits.get(section, ()):
            if not hit.startswith("~") and hit in text and classifier.is_term(section, hit):
                weight[hit] = max(weight.get(hit, 0.0), classifier.term_weight(section, hit))
    # a term in the headlines is what the story is about
    scored = {t: w * sum(1 + HEADLINE_BONUS * (t in s.title) for s in sources if t in s.text)
              for t, w in weight.items()}
    chosen: list[str] = []
    for term, _ in sorted(scored.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0])):
        # not inside a chosen term, nor of its family (防衛予算 after 防衛費)
        # (日韓首脳 after 首脳会談: two characters in common make one family)
        if not any(term[i:i + 2] in c for c in chosen for i in range(len(term) - 1)):
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
    names = _Names()
    actors = "と".join(_actors(sources, passages, points, names))
    parties = "・".join(_parties(sources, points, names))
    if parties:
        actors = f"{actors}（{parties}）" if actors else parties
    topics = "・".join(_topics(sources, points, classifier))
    when = _date_range(sources)
    head = "、".join(p for p in (actors, f"{topics}をめぐる動き" if topics else "") if p)
    head = head or "情勢"
    return f"{head}（{when}）" if when else head
