"""A count given 'as of' different times (きのう時点で7社, 27日9時時点で計19社): not two
truths to choose between, but an analyst must see that one source's number is stale. Counts
of the same unit, each said with 時点, from different outlets, with different values.
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence
from brief.model import Claim, Conflict, Figure

_AS_OF = re.compile(r"時点")


def detect(ev: Evidence) -> list[Conflict]:
    by_unit: dict[str, list[Figure]] = {}
    for f in ev.figures:
        if f.kind == "count" and f.citations and _AS_OF.search(f.citations[0].ja):
            by_unit.setdefault(f.unit, []).append(f)
    out = []
    for unit, figs in sorted(by_unit.items()):
        values = {f.amount for f in figs}
        outlets = {ev.outlet(c.source_id) for f in figs for c in f.citations}
        if len(values) < 2 or len(outlets) < 2:
            continue
        out.append(Conflict("", f"Counts of {unit} as of different times: one is stale",
                            [Claim(f.quantity, f.ja, list(f.citations)) for f in figs],
                            kind="figure",
                            note="Both can be true: each count is as of its own time; the "
                                 "later one supersedes the earlier"))
    return out
