"""An approval reported as given and as not yet given: one outlet says the shareholders'
meeting approved the deal (株主総会は…買収を承認した), another that its approval has not been
obtained yet (株主総会での承認はまだ得られていない). The same act of approval (承認, 認可,
可決, 批准, 許可) by the same approver (the noun marked は/が/の/で/による before it) is the
thing; a different approver (取締役会 / 規制当局) is another approval and never pairs.
Both can be true when the 'not yet' report is the older one: the entry says which is later.
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, passage_claim, quoted_at
from brief.model import Conflict, Passage

_ACT = r"(?P<act>承認|認可|可決|批准|許可|承諾)"
_DONE = re.compile(_ACT + r"(?:した|しました|された|されました|を得た|を得ました|済み)")
_NOT_YET = re.compile(_ACT + r"(?:は|を|が|も)?(?:まだ|いまだ|未だ)[^。、]{0,8}?"
                      r"(?:ていない|ておらず|ていません)|" + r"未" + _ACT.replace("act", "act2"))
# a noun marked as who approves (は, が, の, で, での, による, から): the last one before the act
_APPROVER = re.compile(r"(?P<n>[A-Za-zＡ-Ｚ]*[\u4e00-\u9fff\u30a1-\u30faー]{2,10})"
                       r"(?:は|が|の|での|で|による|から)")
_NOT_APPROVER = re.compile(r"^(?:先月|今月|昨年|今年|同日|当日|買収|合併|計画|法案|案)$")


def _approver(text: str, at: int) -> str:
    """Who gives the approval the sentence reports at AT, '' when unsaid."""
    names = [m["n"] for m in _APPROVER.finditer(text[:at]) if not _NOT_APPROVER.match(m["n"])]
    return names[-1] if names else ""


def _reports(passages: list[Passage]) -> list[tuple[str, str, bool, Passage]]:
    """(act, approver, given, sentence) for each approval a sentence reports (not quoted)."""
    out = []
    for p in passages:
        if p.kind not in ("sentence", "list"):
            continue
        for pattern, given in ((_NOT_YET, False), (_DONE, True)):
            m = pattern.search(p.text)
            if m and not quoted_at(p.text, m.start()):
                act = m["act"] or m["act2"] if not given else m["act"]
                who = _approver(p.text, m.start())
                if who:
                    out.append((act, who, given, p))
                break
    return out


def detect(ev: Evidence) -> list[Conflict]:
    reports = _reports(ev.passages)
    out = []
    seen: set[tuple[str, str]] = set()
    for act, who, given, _sentence in reports:
        if not given or (act, who) in seen:
            continue
        yes = [q for a, w, g, q in reports if g and a == act and w == who]
        no = [q for a, w, g, q in reports if not g and a == act and w == who
              and ev.outlet(q.source_id) not in {ev.outlet(y.source_id) for y in yes}]
        if not no:
            continue
        seen.add((act, who))
        c = Conflict("", f"Whether the {who} gave its {act}: given, or not yet",
                     [passage_claim("given", yes), passage_claim("not yet given", no)],
                     kind="modality")
        c.note = _which_is_later(ev, yes, no)
        out.append(c)
    return out


def _which_is_later(ev: Evidence, yes: list[Passage], no: list[Passage]) -> str:
    """Both can be true when the 'not yet' report is older than the 'given' one."""
    def dates(ps: list[Passage]) -> list[str]:
        return [s.published for p in ps if (s := ev.sources.get(p.source_id)) and s.published]

    given, pending = dates(yes), dates(no)
    if given and pending and max(pending) < min(given):
        return ("Both can be true: the report that the approval is not yet given is older "
                "than the one that it was given")
    return ""
