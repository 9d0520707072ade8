"""Where an incident happened: most reports put the close approach over the Pacific high seas
(太平洋の公海上空, 沖ノ鳥島西方), one in an exercise north of the Senkakus (East China Sea).
Sentences about one incident (an incident word: 接近, 追尾, 衝突, …) placed in two different
seas are the disagreement, even when one page says both (its framing contradicts itself).
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, passage_claim
from brief.model import Conflict, Passage

# a place -> the sea it lies in
SEAS = {"尖閣": "East China Sea", "東シナ海": "East China Sea", "宮古海峡": "East China Sea",
        "太平洋": "Pacific", "沖ノ鳥島": "Pacific", "南鳥島": "Pacific", "硫黄島": "Pacific",
        "小笠原": "Pacific", "南シナ海": "South China Sea", "日本海": "Sea of Japan",
        "台湾海峡": "Taiwan Strait"}
_PLACE = re.compile("|".join(sorted(SEAS, key=len, reverse=True)))
_INCIDENT = re.compile(r"異常接近|特異な接近|接近(?:し|した|を|が)|追尾|衝突|レーダー照射")


def detect(ev: Evidence) -> list[Conflict]:
    by_sea: dict[str, list[Passage]] = {}
    for p in ev.passages:
        if p.kind not in ("sentence", "list") or not _INCIDENT.search(p.text):
            continue
        seas = {SEAS[m] for m in _PLACE.findall(p.text)}
        if len(seas) == 1:  # a sentence naming two seas relates them; it places nothing
            by_sea.setdefault(seas.pop(), []).append(p)
    if len(by_sea) != 2:
        return []
    (a, pa), (b, pb) = sorted(by_sea.items(), key=lambda kv: -len(kv[1]))
    if len(pa) < 2 * len(pb):
        return []  # no clear majority: two incidents, not one misplaced
    return [Conflict("", "Where the incident happened", [passage_claim(a, pa),
                                                         passage_claim(b, pb)],
                     kind="place")]
