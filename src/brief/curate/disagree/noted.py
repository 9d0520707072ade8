"""A contradiction the outlet itself notes: '…とする米政府の文書とは食い違う' (this differs
from the White House document, which says…). The sentence that notes it is one side; the
earlier sentence of the same article that gives the account it names is the other.
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, articles_in_order, passage_claim
from brief.model import Conflict

_NOTED = re.compile(r"(?P<other>[^。]{4,60}?)(?:とは|と)"
                    r"(?:食い違う|食い違っ|矛盾する|矛盾して|相反する)")
_NOTING = ("食い違", "矛盾", "相反")  # what _NOTED needs: a cheap test before the search
_WORD = re.compile(r"[\u4e00-\u9fff]{2,}|[\u30a1-\u30faー]{3,}|\d+%|[\u3041-\u309f]{3,}")
_FUNCTION = {"として", "している", "とする", "という", "ている", "します", "ました", "について"}
_NEAR = 6  # passages back the account it names may be


def detect(ev: Evidence) -> list[Conflict]:
    out = []
    for ps in articles_in_order(ev):
        for i, p in enumerate(ps):
            # (the search tries each start of a sentence with a lazy run: most have none)
            m = _NOTED.search(p.text) if any(w in p.text for w in _NOTING) else None
            if m is None:
                continue
            # what the other account says: the clauses after the outlet's own position
            named = "、".join(m["other"].split("、")[1:]) or m["other"]
            words = set(_WORD.findall(named)) - _FUNCTION
            earlier = [q for q in ps[max(0, i - _NEAR):i]
                       if sum(w in q.text for w in words) >= 2]
            if not earlier:
                continue
            out.append(Conflict("", "Accounts differ, as the source itself notes", [
                passage_claim("the account it names", [earlier[-1]]),
                passage_claim("the account it sets against it", [p])], kind="statement",
                note="The outlet itself says the two accounts differ"))
            break
    return out
