"""Assign a candidate sentence to at most one section by its main point.

Each section's keywords (from brief.toml, with weights) are matched on Sudachi lemmas and
noun compounds. A keyword that only occurs inside a longer matched keyword (安全保障 inside
経済安全保障) does not count separately. A sentence needs at least two distinct keyword hits
and a clear lead over the runner-up section; one keyword never decides alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from brief.analyse.morphology import analyse, normalise_term
from brief.config import Config


@dataclass(frozen=True)
class Classification:
    section: str | None
    score: float
    scores: dict[str, float]
    hits: dict[str, tuple[str, ...]]


class Classifier:
    def __init__(self, config: Config) -> None:
        self.config = config
        self._norm = {
            s.key: {kw: normalise_term(kw) for kw in s.keywords} for s in config.sections
        }

    def classify(self, text: str) -> Classification:
        units = analyse(text).units
        matched: dict[str, list[str]] = {}
        for sec in self.config.sections:
            hits = [kw for kw, norm in self._norm[sec.key].items()
                    if norm in units or kw in units]
            matched[sec.key] = hits
        every = {kw for hits in matched.values() for kw in hits}
        scores: dict[str, float] = {}
        kept: dict[str, tuple[str, ...]] = {}
        for sec in self.config.sections:
            good = [kw for kw in matched[sec.key] if not _only_inside_longer(kw, every, text)]
            kept[sec.key] = tuple(good)
            scores[sec.key] = sum(sec.keywords[kw] for kw in good)
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        best, best_score = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else 0.0
        ok = (best_score >= self.config.min_score and len(kept[best]) >= 2
              and best_score > runner)
        return Classification(best if ok else None, best_score, scores, kept)


def _only_inside_longer(kw: str, every: set[str], text: str) -> bool:
    longer = [o for o in every if o != kw and kw in o]
    if not longer:
        return False
    return text.count(kw) <= sum(text.count(o) for o in longer)
