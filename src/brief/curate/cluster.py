"""Near-duplicate clustering: sentences from any source that report the same point.

Two candidates join when their similarity (shared lemmas, wording, numbers) reaches the
threshold. Only pairs that share a lemma and could reach it are scored, and verbatim copies
join their twin unscored, so a large corpus is not compared pair by pair.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from brief.analyse.claims import clash
from brief.model import Passage


@dataclass
class Candidate:
    passage: Passage
    section: str
    fit: float
    lemmas: frozenset[str]
    numbers: frozenset[str]
    proper: int
    pinned: bool = False
    doubtful: bool = False  # from a low-reliability source
    rank: int = 2  # the source's reliability: 3 high, 2 medium or unrated, 1 low
    outlet: str = ""  # Source.outlet_key: who independently reports it ("" = the source id)
    facts: dict[tuple[str, ...], str] = field(default_factory=dict)  # analyse.claims.facts_of


@dataclass
class Cluster:
    members: list[Candidate] = field(default_factory=list)

    @property
    def sources(self) -> set[str]:
        return {m.passage.source_id for m in self.members}

    @property
    def outlets(self) -> set[str]:
        """Independent reporters: a wire story on two sites, or one outlet's two pages, once."""
        return {m.outlet or m.passage.source_id for m in self.members}

    @property
    def distinct(self) -> list[Candidate]:
        """One member per distinct sentence (copies compare the same)."""
        return list({m.passage.text: m for m in reversed(self.members)}.values())


def numbers_of(text: str) -> frozenset[str]:
    """Numbers as values (全角 and 2,110 normalised) so 2% and 2パーセント agree."""
    t = text.translate(str.maketrans("０１２３４５６７８９，．", "0123456789,."))
    return frozenset(re.sub(r",", "", n) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", t))


def similarity(a: Candidate, b: Candidate) -> float:
    """How likely two sentences report the same point (0..1)."""
    if not a.lemmas or not b.lemmas or (a.facts and b.facts and clash(a.facts, b.facts)):
        return 0.0  # sentences that disagree on a figure, date or modality are two points
    inter = len(a.lemmas & b.lemmas)
    overlap = inter / min(len(a.lemmas), len(b.lemmas))
    jaccard = inter / len(a.lemmas | b.lemmas)
    text = fuzz.token_set_ratio(a.passage.text, b.passage.text) / 100
    score = 0.5 * jaccard + 0.3 * overlap + 0.2 * text
    if a.numbers and b.numbers:
        score += 0.15 if a.numbers & b.numbers else -0.15
    return score


# A pair with no lemma in common scores at most this (text ratio 1, shared figures).
_NO_SHARED_LEMMA_MAX = 0.2 + 0.15


def _upper_bound(a: Candidate, b: Candidate, shared: int) -> float:
    """similarity(a, b) can be no higher than this, given how many lemmas they share."""
    if not a.lemmas or not b.lemmas:
        return 0.0  # similarity() scores such a pair 0
    union = len(a.lemmas) + len(b.lemmas) - shared
    return (0.5 * shared / union + 0.3 * shared / min(len(a.lemmas), len(b.lemmas))
            + _NO_SHARED_LEMMA_MAX)


def cluster(cands: list[Candidate], threshold: float) -> list[Cluster]:
    """Single-link clustering within a section, greedy in reading order.

    Each candidate joins the cluster of its most similar earlier sentence (the later
    cluster on a tie). Only sentences that share a lemma with it are scored, and only
    when their shared lemmas could reach the threshold; a sentence seen before (wire
    copy, a republished article) joins its twin's cluster without being scored at all.
    """
    clusters: list[Cluster] = []
    protos: list[tuple[int, Candidate]] = []  # (cluster, member) for each distinct text
    twin: dict[tuple[str, str], int] = {}  # (section, text) -> cluster
    index: dict[tuple[str, str], list[int]] = defaultdict(list)  # (section, lemma) -> protos
    for c in cands:
        seen = twin.get((c.section, c.passage.text))
        if seen is not None and c.lemmas and threshold <= 1.0:  # a twin scores 1.0 or more
            clusters[seen].members.append(c)
            continue
        shared: Counter[int] = Counter()
        for lemma in c.lemmas:
            shared.update(index.get((c.section, lemma), ()))
        if threshold <= _NO_SHARED_LEMMA_MAX:  # then even unrelated sentences may merge
            for pid, (_, m) in enumerate(protos):
                if m.section == c.section:
                    shared.setdefault(pid, 0)
        best, best_sim = -1, threshold
        for pid in sorted(shared, key=lambda pid: protos[pid][0]):
            ci, m = protos[pid]
            if _upper_bound(c, m, shared[pid]) < best_sim - 1e-9:
                continue
            sim = similarity(c, m)
            if sim > best_sim or (sim == best_sim and ci >= best):
                best, best_sim = ci, sim
        if best >= 0 and c.facts and any(m.facts and clash(c.facts, m.facts)
                                         for m in clusters[best].members):
            best = -1  # single link must not chain two disagreeing reports into one point
        if best < 0:
            best = len(clusters)
            clusters.append(Cluster([]))
        clusters[best].members.append(c)
        twin.setdefault((c.section, c.passage.text), best)
        protos.append((best, c))
        for lemma in c.lemmas:
            index[(c.section, lemma)].append(len(protos) - 1)
    return clusters
