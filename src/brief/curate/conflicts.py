"""Where sources disagree: every detector of curate/disagree/ run over the build, each entry
numbered, its sides cut to the ones most outlets report, and given a verdict counting
outlets and their reliability. Nothing is resolved: every side is shown.

`link_disputes` then makes the account consistent: a point citing a side of a dispute
points at its entry (Item.dispute), and a point's corroboration counts only the sources
whose sentence agrees with it on how far the event has gone (署名した is not 署名する見通し).
"""

from __future__ import annotations

from brief.analyse.claims import main_modality
from brief.analyse.numbers import find_numbers
from brief.curate import disagree
from brief.curate.disagree import Evidence
from brief.curate.disagree.base import RANK
from brief.curate.disagree.events import claim_conflicts
from brief.model import Assertion, Claim, Conflict, Figure, Item, Passage, Source

_RANK: dict[str, int] = {str(k): v for k, v in RANK.items()}  # a level, or "unrated" (0)

__all__ = ["MAX_SIDES", "claim_conflicts", "find_conflicts", "link_disputes", "verdict"]


def find_conflicts(figures: list[Figure], passages: list[Passage],
                   sources: list[Source] | None = None,
                   claims: list[Assertion] | None = None) -> list[Conflict]:
    """Every disagreement between sources, each with its verdict when SOURCES are given."""
    by_id = {s.id: s for s in sources or []}
    ev = Evidence(figures, passages, by_id, claims or [])
    # read at each call, so a detector registered in disagree.DETECTORS is run
    conflicts = [c for _kind, detect in disagree.DETECTORS for c in detect(ev)]
    outlet = ev.outlets
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
                       key=lambda r: RANK.get(r, 0), default="")
            levels[best or "unrated"] = levels.get(best or "unrated", 0) + 1
        rel = ", ".join(f"{n} {lvl}" for lvl, n in sorted(levels.items(),
                                                            key=lambda kv: -_RANK.get(kv[0], 0)))
        n = len(outlets)
        parts.append(f"{n} outlet{'' if n == 1 else 's'} ({rel}) {'say' if n != 1 else 'says'}"
                     f" “{cl.value}”")
    return "; ".join(parts)



# how far an event has gone, coarsely: a deed, a plan, a denial (the rest: unknown)
_OUTCOME = {"done": "done", "planned": "plan", "intention": "plan", "adjusting": "plan",
            "negated": "not"}


def link_disputes(items: list[Item], conflicts: list[Conflict],
                  sources: list[Source] | None = None) -> None:
    """One consistent account: each point citing a side of a dispute names its entry
    (Item.dispute), and a point's citations and outlet count keep only the sources whose
    sentence agrees with the point's own on how far the event has gone and on its figures."""
    sides = {(x.source_id, x.ja): c.id for c in conflicts for cl in c.claims
             for x in cl.citations}
    key = {s.id: s.outlet_key for s in sources or []}
    for it in items:
        own = _OUTCOME.get(main_modality(Passage("", 0, len(it.ja), it.ja)), "")
        values = _values(it.ja)
        agree = [c for c in it.citations
                 if c.ja == it.ja or ((not own or _OUTCOME.get(main_modality(
                     Passage(c.source_id, c.start, c.end, c.ja)), own) == own)
                     and _same_values(values, _values(c.ja)))]
        if agree and len(agree) < len(it.citations):
            it.citations = agree
            it.outlets = len({key.get(c.source_id, c.source_id) for c in agree})
        hit = next((sides[(c.source_id, c.ja)] for c in it.citations
                    if (c.source_id, c.ja) in sides), "")
        it.dispute = it.dispute or hit
        _wire_leads(it, {s.id: s for s in sources or []})


def _values(text: str) -> dict[str, set[str]]:
    """unit -> the amounts a sentence gives (money, shares, counts, lengths)."""
    out: dict[str, set[str]] = {}
    for n in find_numbers(text):
        if n.kind in ("money", "percent", "count", "duration") and n.amount:
            out.setdefault(n.unit, set()).add(n.amount)
    return out


def _same_values(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    """Two sentences agree on figures: no unit both give with no amount in common
    (約40分 and 約80分 of one shadowing are two reports, not one)."""
    return all(a[u] & b[u] for u in a.keys() & b.keys())


def _wire_leads(it: Item, by_id: dict[str, Source]) -> None:
    """When a point's wording comes from a page carrying a wire story and the wire's own
    page is cited too, the wire's page leads: its sentence is the point's wording."""
    lead = next((c for c in it.citations if c.ja == it.ja), None)
    host = by_id.get(lead.source_id) if lead else None
    if host is None or not host.origin or host.kind == "wire":
        return
    own = next((c for c in it.citations if (s := by_id.get(c.source_id)) is not None
                and s.kind == "wire" and s.outlet_key == host.origin), None)
    if own is not None:
        it.ja = own.ja
        it.citations = [own] + [c for c in it.citations if c is not own]
