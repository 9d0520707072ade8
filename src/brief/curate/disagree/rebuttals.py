"""A claim and its rebuttal: one person says the stockpile rice is chicken feed, the
minister, asked about the remark, calls it contrary to how the system works (実態とは異なる,
と反論した). A sentence answering a remark (指摘, 発言, 主張) with a denial, set against the
nearest quoted claim before it in the same article; each side is a party's word.
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, articles_in_order, passage_claim
from brief.model import Conflict

_REBUT = re.compile(r"(?:実態|事実)と(?:は)?異なる|事実ではない|事実無根|と反論|を否定した|"
                    r"誤った認識")
_REMARK = re.compile(r"指摘|発言|主張|投稿")
_NEAR = 4  # passages back the claim may be


def detect(ev: Evidence) -> list[Conflict]:
    out = []
    for ps in articles_in_order(ev):
        for i, r in enumerate(ps):
            if not (_REBUT.search(r.text) and _REMARK.search(r.text)):
                continue
            claim = next((q for q in reversed(ps[max(0, i - _NEAR):i])
                          if "「" in q.text and not _REBUT.search(q.text)), None)
            if claim is None:
                continue
            out.append(Conflict("", "A claim and its rebuttal", [
                passage_claim("claimed", [claim]), passage_claim("rebutted", [r])],
                kind="attribution", note="One party's claim and another's rebuttal, as the "
                                         "outlet reports them"))
            break
    return out
