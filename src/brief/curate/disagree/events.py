"""Sources differ on an event's date, how far it has gone, its deadline, or where the
leaders went after it (analyse/claims.py's Assertions): the same event word, by the same
people (or about the same object), with a different date, modality or deadline.
"""

from __future__ import annotations

from collections.abc import Callable

from brief.analyse.claims import EVENT_EN, actor_key, after_summit
from brief.analyse.numbers import MONTHS
from brief.curate.disagree import documents
from brief.curate.disagree.base import Evidence
from brief.model import Assertion, Citation, Claim, Conflict

MODALITY_EN = {"done": "done", "intention": "announced intention", "planned": "planned or expected",
               "announced": "announced or notified", "adjusting": "under adjustment",
               "negated": "denied or not done", "opinion": "only an impression or speculation"}
_STANCE_EVENTS = ("推薦", "署名", "合意", "締結", "指名", "任命", "採択", "表明", "停止", "中止",
                  "撤回", "謝罪")
_DATED_EVENTS = ("会談", "電話会談", "署名", "訪問", "来日", "演説", "会見")
# one-off acts of a government, told apart by what they are about, not by who is named
# (渡航自粛の呼びかけ: one advisory, whichever officials the sentence names)
_ISSUED_EVENTS = ("呼びかけ", "通告", "発出")


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



def detect(ev: Evidence) -> list[Conflict]:
    """Claim conflicts, less those about a document the documents detector already shows."""
    nouns = documents.disputed_nouns(ev.passages)
    rank = {sid: ev.rank(sid) for sid in ev.sources}
    return [c for c in claim_conflicts(ev.claims, ev.outlets, rank)
            if not any(n in c.topic for n in nouns)]
