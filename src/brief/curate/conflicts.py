"""Where sources disagree: figures of one measure, an event's date or modality, deadlines,
attributes, documents, and a report only one source makes.

Figures: two figures of the same kind and unit whose measure (what the number counts) and
subject agree (analyse/measure.py: 70% of rare-earth *mining* is not 90% of *refining*;
7 fields of a memorandum are not 9 fields of projects), with different values, from other
sentences and sources; fiscal years keep apart figures about different years, and 'about X'
with a value within its rounding is a range, not a conflict. A table's generic share is set
against the measure its row names first. Claims (analyse/claims.py): the same event by the
same people on different dates, at different stages (done / announced intention / planned /
under adjustment / denied), with different deadlines; a person called the first woman in a
role of different countries; a post-summit visit to a place only one outlet reports.
Documents: one noun said to be signed in one source and not produced in another. Nothing is
resolved: every side is shown, with a verdict counting outlets and their reliability.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from brief.analyse.claims import EVENT_EN, actor_key, after_summit, modality_at
from brief.analyse.measure import head_of, same_subject
from brief.analyse.measure import is_generic as is_generic_measure
from brief.analyse.morphology import analyse
from brief.analyse.numbers import MONTHS, find_numbers
from brief.curate.figures import rounding_range, same_thing
from brief.model import Assertion, Citation, Claim, Conflict, Figure, Passage, Source

COMPARED = ("percent", "count", "money", "duration")

_NOUN = r"(?P<noun>[\u4e00-\u9fff\u30a0-\u30ff]{2,10}?)"
_ACTS = r"(?:署名|作成|発表|公表|発出|採択|締結|取りまとめ|とりまとめ)"
_NEGATIVE = re.compile(
    rf"{_NOUN}(?:を|は|も)(?:{_ACTS}(?:せず|しない|しなかった|されず|されなかった|"
    rf"を見送|は見送)|出さず|なし|無し)")
_POSITIVE = re.compile(rf"{_NOUN}(?:に|を)(?:{_ACTS})(?!せず|しな|されず|されな|を見送)")
_DOC_HEADS = ("文書", "声明", "宣言", "合意", "覚書", "協定")


def _years(f: Figure) -> frozenset[str]:
    return frozenset(s.en.removeprefix("within ") for s in find_numbers(f.ja)
                     if s.kind == "fiscal year")


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
        heads: dict[str, list[int]] = {}
        for i in prose:
            m = figures[i].measure
            heads.setdefault(head_of(m) if m else "", []).append(i)
        found: list[tuple[int, int]] = []
        for same in heads.values():
            for n, i in enumerate(same):
                for j in same[n + 1:]:
                    a, b = figures[i], figures[j]
                    if same_thing(a, b, strict=True) and _comparable(a, b):
                        found.append((i, j))
        pairs += sorted(found)
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


def find_conflicts(figures: list[Figure], passages: list[Passage],
                   sources: list[Source] | None = None,
                   claims: list[Assertion] | None = None) -> list[Conflict]:
    """Every disagreement between sources, each with its verdict when SOURCES are given."""
    conflicts: list[Conflict] = []
    by_id = {s.id: s for s in sources or []}
    outlet = {s.id: s.outlet_key for s in sources or []}
    for group in figure_conflicts(figures):
        f0 = group[0]
        what = {"percent": "shares", "money": "amounts", "duration": "lengths"}.get(
            f0.kind, f"numbers of {f0.unit}")
        measure = next((f.measure for f in group if not is_generic_measure(f.measure)), "")
        topic = f"Sources give different {what} for the same measure"
        topic += f" ({f0.subject + ' · ' if f0.subject else ''}{measure})" if measure else ""
        claims_ = [Claim(f.quantity, f.ja, list(f.citations)) for f in group]
        conflicts.append(Conflict("", topic, claims_))
    covered: set[str] = set()
    for noun, yes, no in statement_conflicts(passages):
        # one claim per side, citing every source on that side (a sentence each); a sentence
        # that says the document is expected is its own side (will sign vs signed vs none)
        expected = [p for p in yes if _planned(p.text)]
        done = [p for p in yes if p not in expected]
        claims_ = [Claim(side, ps[0].text, [Citation.of(p) for p in ps])
                   for side, ps in (("signed / issued", _first_per_source(done)),
                                    ("expected to be signed / issued",
                                     _first_per_source(expected)),
                                    ("not produced", _first_per_source(no))) if ps]
        conflicts.append(Conflict("", f"Whether a document ({noun}) was signed or issued",
                                  claims_, kind="statement"))
        covered.add(noun)
    rank = {s.id: _RANK.get(s.reliability, 0) for s in sources or []}
    conflicts += [c for c in claim_conflicts(claims or [], outlet, rank)
                  if not any(n in c.topic for n in covered)]
    conflicts += attribute_conflicts(passages, outlet)
    for n, c in enumerate(conflicts, 1):
        c.id = f"conflict-{n}"
        left_out = _strongest_sides(c, outlet)
        if by_id:
            c.verdict = verdict(c, by_id)
        if left_out:
            values, reports = left_out
            c.verdict += (f"{'; ' if c.verdict else ''}{values} other values, each reported "
                          f"by fewer outlets, are left out ({reports} reports)")
    return conflicts


def _strongest_sides(c: Conflict, outlet: dict[str, str]) -> tuple[int, int] | None:
    """Keep the MAX_SIDES sides the most outlets report (in their order): a measure that
    hundreds of reports give dozens of values for is a dispute to read, not a list of every
    value. (values, reports) left out, or None when every side is kept."""
    if len(c.claims) <= MAX_SIDES:
        return None

    def support(cl: Claim) -> int:
        return len({outlet.get(x.source_id, x.source_id) for x in cl.citations})

    keep = sorted(range(len(c.claims)), key=lambda i: (-support(c.claims[i]), i))[:MAX_SIDES]
    dropped = [cl for i, cl in enumerate(c.claims) if i not in keep]
    c.claims = [c.claims[i] for i in sorted(keep)]
    return len(dropped), sum(len(cl.citations) for cl in dropped)


MAX_SIDES = 6  # sides of one dispute the brief shows


def _planned(text: str) -> bool:
    """The sentence says the document is expected, not done (署名する見通し)."""
    m = _POSITIVE.search(text)
    return m is not None and modality_at(text, m.end()) in ("planned", "intention", "adjusting")


# --- conflicts between claims: dates, modality, deadlines, attributes, lone reports --------

MODALITY_EN = {"done": "done", "intention": "announced intention", "planned": "planned or expected",
               "announced": "announced or notified", "adjusting": "under adjustment",
               "negated": "denied or not done", "opinion": "only an impression or speculation"}
_STANCE_EVENTS = ("推薦", "署名", "合意", "締結", "指名", "任命", "採択", "表明", "停止", "中止",
                  "撤回", "謝罪")
_DATED_EVENTS = ("会談", "電話会談", "署名", "訪問", "来日", "演説", "会見")
# one-off acts of a government, told apart by what they are about, not by who is named
# (渡航自粛の呼びかけ: one advisory, whichever officials the sentence names)
_ISSUED_EVENTS = ("呼びかけ", "通告", "発出")
_FIRST_WOMAN = re.compile(r"(?P<c>日本|米国|アメリカ|中国|韓国|英国|台湾)(?:で|史上)?初の女性"
                          r"(?P<role>首相|大統領|総理)")


def _people(a: Assertion) -> set[str]:
    return {actor_key(x) for x in a.actors} - {"首相", "大統領", "総理", "両首脳", ""}


def _by_outlet(items: list[Assertion], outlet: dict[str, str]) -> set[str]:
    return {outlet.get(a.source_id, a.source_id) for a in items}


def _claims(sides: list[tuple[str, list[Assertion]]], modality: bool = False,
            rank: dict[str, int] | None = None) -> list[Claim]:
    """One claim per side, worded from its most reliable source (RANK: source id -> rank)."""
    out = []
    for value, items in sides:
        items = sorted(items, key=lambda a: -(rank or {}).get(a.source_id, 0))
        firsts: dict[str, Assertion] = {}
        for a in items:
            firsts.setdefault(a.source_id, a)
        cites = [Citation(a.source_id, a.start, a.end, a.ja) for a in firsts.values()]
        out.append(Claim(value, items[0].ja, cites,
                         modality=items[0].modality if modality else ""))
    return out


def _split(items: list[Assertion], key: Callable[[Assertion], str],
           outlet: dict[str, str]) -> list[tuple[str, list[Assertion]]] | None:
    """Sides of a disagreement: items grouped by KEY, when two outlets at least differ."""
    groups: dict[str, list[Assertion]] = {}
    for a in items:
        groups.setdefault(key(a), []).append(a)
    if len(groups) < 2:
        return None
    outlets = [_by_outlet(v, outlet) for v in groups.values()]
    if len({a.source_id for a in items}) < 2:
        return None  # one article hedging itself is not sources differing
    if len(set().union(*outlets)) < 2 and not _articles_apart(groups):
        return None  # nor one outlet's copies; its follow-up contradicting it is
    return sorted(groups.items(), key=lambda kv: -len(_by_outlet(kv[1], outlet)))


def _articles_apart(groups: dict[str, list[Assertion]]) -> bool:
    """The sides come from different articles only (no article on two sides): a later report
    that contradicts the outlet's own earlier one, which the analyst must see."""
    seen: list[set[str]] = [{a.source_id for a in v} for v in groups.values()]
    return all(not (x & y) for i, x in enumerate(seen) for y in seen[i + 1:])


def _same_event_groups(items: list[Assertion], people: bool) -> list[list[Assertion]]:
    """Assertions of one event: same event word and, when PEOPLE, two actors in common;
    else the same object (or one's object named in the other's sentence), or, when neither
    names an object, the same actors."""
    groups: list[list[Assertion]] = []
    for a in items:
        for g in groups:
            b = g[0]
            if a.event != b.event:
                continue
            if people and len(_people(a) & _people(b)) >= 2:
                g.append(a)
                break
            if not people and a.about and b.about and (
                    a.about == b.about or a.about in b.ja or b.about in a.ja):
                g.append(a)
                break
            if not people and not a.about and not b.about and a.actors and \
                    {actor_key(x) for x in a.actors} == {actor_key(x) for x in b.actors}:
                g.append(a)  # 大臣が謝罪した / 大臣が謝罪しているように見える: one act of one
                break  # person, when neither names an object
        else:
            groups.append([a])
    return groups


def claim_conflicts(claims: list[Assertion], outlet: dict[str, str],
                    rank: dict[str, int] | None = None) -> list[Conflict]:
    """Sources differ on when an event happened, how far it has gone, by when, on an
    attribute of a person, or on where the leaders went after the summit. RANK (source id
    -> reliability rank) picks each side's wording: the wire's, not the AI site's."""
    out: list[Conflict] = []
    dated = [a for a in claims if a.event in _DATED_EVENTS and len(set(a.dates)) == 1
             and a.modality in ("done", "stated") and len(_people(a)) >= 2]
    issued = [a for a in claims if a.event in _ISSUED_EVENTS and len(set(a.dates)) == 1
              and a.modality in ("done", "stated") and a.about]
    for g in (_same_event_groups(dated, people=True)
              + _same_event_groups(issued, people=False)):
        sides = _split(g, lambda a: a.dates[0], outlet)
        if sides:
            name = EVENT_EN.get(g[0].event, g[0].event)
            out.append(Conflict("", f"The date of the {name} ({g[0].event})",
                                _claims(sides), kind="date"))
    stance = [a for a in claims if a.event in _STANCE_EVENTS and a.modality in MODALITY_EN]
    for g in _same_event_groups(stance, people=False):
        if not any(a.modality == "done" for a in g):  # an impression disputes only a deed
            g = [a for a in g if a.modality != "opinion"]
        sides = _split(g, lambda a: a.modality, outlet)
        if sides:
            name = EVENT_EN.get(g[0].event, g[0].event)
            out.append(Conflict("", f"How far the {name} ({g[0].about}) has gone",
                                _claims([(MODALITY_EN[k], v) for k, v in sides], True, rank),
                                kind="modality"))
    due = [a for a in claims if a.deadline]
    for g in _same_event_groups(due, people=False):
        sides = _split(g, lambda a: a.deadline, outlet)
        if sides:
            out.append(Conflict("", f"By when: {g[0].about or g[0].event} ({g[0].event})",
                                _claims([(_by_month(k), v) for k, v in sides]), kind="date"))
    visits = [a for a in claims if a.event in ("訪問", "視察") and a.place
              and after_summit(a.ja) and a.modality in ("done", "stated")]
    sides = _split(visits, lambda a: a.place, outlet)
    if sides and len(_by_outlet(sides[-1][1], outlet)) == 1:
        out.append(Conflict("", "Where the leaders went after the meeting: a place only one "
                            "source reports", _claims(sides), kind="single-source"))
    return out


def _by_month(ym: str) -> str:
    """'2026-03' -> 'by March 2026'."""
    year, month = ym.split("-")
    return f"by {MONTHS[int(month) - 1]} {year}"


def attribute_conflicts(passages: list[Passage], outlet: dict[str, str]) -> list[Conflict]:
    """A person called the first woman in a role of different countries (日本初の女性首相 vs
    a garbled 米国初の女性首相)."""
    found: dict[str, dict[str, list[Passage]]] = {}
    for p in passages:
        for m in _FIRST_WOMAN.finditer(p.text):
            country = "米国" if m["c"] == "アメリカ" else m["c"]
            found.setdefault(m["role"].replace("総理", "首相"), {}).setdefault(
                country, []).append(p)
    out = []
    for role, by_country in found.items():
        if len(by_country) < 2 or len({outlet.get(p.source_id, p.source_id)
                                       for ps in by_country.values() for p in ps}) < 2:
            continue
        sides = sorted(by_country.items(), key=lambda kv: -len(kv[1]))
        claims = [Claim(f"{country}初の女性{role}", ps[0].text,
                        [Citation.of(p) for p in _first_per_source(ps)])
                  for country, ps in sides]
        out.append(Conflict("", f"Which country's first female {role} the sources say",
                            claims, kind="attribute"))
    return out


def verdict(c: Conflict, sources: dict[str, Source]) -> str:
    """Which side more, and more credible, outlets take: '2 outlets (2 high-reliability)
    say "done"; 1 outlet (1 low-reliability) says "under adjustment"'."""
    parts = []
    for cl in c.claims:
        srcs = [sources[x.source_id] for x in cl.citations if x.source_id in sources]
        outlets = {s.outlet_key for s in srcs}
        levels: dict[str, int] = {}
        for key in outlets:
            best = max((s.reliability for s in srcs if s.outlet_key == key),
                       key=lambda r: _RANK.get(r, 0), default="")
            levels[best or "unrated"] = levels.get(best or "unrated", 0) + 1
        rel = ", ".join(f"{n} {lvl}" for lvl, n in sorted(levels.items(),
                                                            key=lambda kv: -_RANK.get(kv[0], 0)))
        n = len(outlets)
        parts.append(f"{n} outlet{'' if n == 1 else 's'} ({rel}) {'say' if n != 1 else 'says'}"
                     f" “{cl.value}”")
    return "; ".join(parts)


_RANK = {"high": 3, "medium": 2, "low": 1}
