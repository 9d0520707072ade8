"""Near-duplicate clustering: sentences from any source that report the same point.

Two candidates join when their similarity (shared lemmas, wording, numbers) reaches the
threshold. Only pairs that share a lemma and could reach it are scored, and verbatim copies
join their twin unscored, so a large corpus is not compared pair by pair.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from brief.analyse.claims import clash
from brief.model import Passage

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


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
    echo: float = 0.0  # share of its own article's headline words the sentence tells


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


# What the wording and the numbers add to similarity() at most; a pair with no lemma in
# common scores at most their sum.
_TEXT, _FIGURES = 0.2, 0.15
_NO_SHARED_LEMMA_MAX = _TEXT + _FIGURES


def _upper_bounds(n: int, sizes: NDArray[np.float64] | np.float64,
                  shared: NDArray[np.float64] | np.float64,
                  figures: NDArray[np.float64] | float = _FIGURES) -> NDArray[np.float64]:
    """similarity() of a sentence of N lemmas with each of several others (their SIZES in
    lemmas, SHARED with it) can be no higher than this; 0 for one without lemmas (scored
    0 by similarity()). FIGURES: what their numbers add (+0.15 shared, -0.15 disjoint, 0
    when one has none), when known; at most +0.15 otherwise."""
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        bound = (0.5 * shared / (n + sizes - shared) + 0.3 * shared / np.minimum(n, sizes)
                 + _TEXT + figures)
    return np.where(sizes > 0, bound, 0.0)


def could_reach(a: Candidate, b: Candidate, threshold: float) -> bool:
    """Whether similarity(a, b) could reach THRESHOLD, from their shared lemmas alone (a
    cheap test that never says no to a pair that would reach it)."""
    import numpy as np

    shared = np.float64(len(a.lemmas & b.lemmas))
    bound = _upper_bounds(len(a.lemmas), np.float64(len(b.lemmas)), shared)
    return bool(bound >= threshold - 1e-9)


# A lemma that more than this many earlier sentences of a section use is too common to
# propose a pair (like a search engine's stop words): pairs are proposed by the rarer words
# they share, so each sentence is compared with a bounded number of others and a corpus
# clusters in time proportional to its size. Below this, clustering is exact (the tests
# check it against scoring every pair).
MAX_POSTINGS = 1000


def cluster(cands: list[Candidate], threshold: float) -> list[Cluster]:
    """Single-link clustering within a section, greedy in reading order.

    Each candidate joins the cluster of its most similar earlier sentence (the later
    cluster on a tie). Only sentences that share a lemma with it (one no more than
    MAX_POSTINGS sentences use) and state no fact differently are scored, best upper bound
    first (shared lemmas and numbers), only while that bound could still beat the best
    score so far, and the leading cluster's own sentences only when needed (_best_cluster);
    a sentence seen before (wire copy, a republished article) joins its twin's cluster
    without being scored at all. Shared lemmas, numbers and disagreements are counted with
    NumPy over posting lists, so a sentence costs microseconds per related sentence.
    """
    import numpy as np

    clusters: list[Cluster] = []
    facts: list[dict[tuple[str, ...], set[str]]] = []  # each cluster's facts: every value
    protos: list[tuple[int, Candidate]] = []  # (cluster, member) for each distinct text
    sizes = np.zeros(len(cands), dtype=np.float64)  # each proto's number of lemmas
    numbered = np.zeros(len(cands), dtype=bool)  # whether it gives numbers
    said: dict[tuple[str, str], array[int]] = {}  # (section, number) -> protos giving it
    twin: dict[tuple[str, str], int] = {}  # (section, text) -> cluster
    index: dict[tuple[str, str], array[int]] = {}  # (section, lemma) -> protos using it
    # (section, lemma) too common to propose a pair -> which protos use it (one byte each)
    common: dict[tuple[str, str], bytearray] = {}
    stating: dict[tuple[str, ...], array[int]] = {}  # fact key -> protos stating it
    saying: dict[tuple[tuple[str, ...], str], array[int]] = {}  # (key, value) -> protos
    for c in cands:
        seen = twin.get((c.section, c.passage.text))
        if seen is not None and c.lemmas and threshold <= 1.0:  # a twin scores 1.0 or more
            clusters[seen].members.append(c)
            for k, v in c.facts.items():  # the same words may date differently elsewhere
                facts[seen].setdefault(k, set()).add(v)
            continue
        n = len(protos)
        best, best_sim = -1, threshold
        rare = [np.frombuffer(ids, dtype=np.int64) for lemma in c.lemmas
                if (ids := index.get((c.section, lemma))) is not None]
        proposing = (np.bincount(np.concatenate(rare), minlength=n) if rare
                     else np.zeros(n, dtype=np.int64))
        del rare  # the views pin their arrays, which grow below
        if threshold <= _NO_SHARED_LEMMA_MAX:  # then even unrelated sentences may merge
            near = np.array([pid for pid, (_, m) in enumerate(protos)
                             if m.section == c.section], dtype=np.int64)
        else:
            near = np.flatnonzero(proposing)
        if c.lemmas and len(near):
            shared = proposing[near]
            for lemma in c.lemmas:  # a common lemma shared counts too, looked up per pair
                if (used := common.get((c.section, lemma))) is not None:
                    shared = shared + np.frombuffer(used, dtype=np.uint8, count=n)[near]
            figures: NDArray[np.float64] | float = _FIGURES
            if c.numbers:  # the numbers' share of the score, exactly: same or other figures
                lists = [np.frombuffer(ids, dtype=np.int64) for x in c.numbers
                         if (ids := said.get((c.section, x))) is not None]
                same = (np.bincount(np.concatenate(lists), minlength=n)[near] > 0 if lists
                        else np.zeros(len(near), dtype=bool))
                del lists
                figures = np.where(numbered[near], np.where(same, _FIGURES, -_FIGURES), 0.0)
            bounds = _upper_bounds(len(c.lemmas), sizes[near], shared.astype(np.float64),
                                   figures)
            bounds[_disagreeing(c.facts, n, stating, saying)[near]] = 0.0
            able = np.flatnonzero(bounds >= threshold - 1e-9)  # the rest cannot merge
            order = able[np.argsort(-bounds[able], kind="stable")]
            best, best_sim = _best_cluster(
                c, ((float(bounds[k]), *protos[int(near[k])]) for k in order), threshold)
        if best >= 0 and c.facts and any(facts[best].get(k, {v}) - {v}
                                         for k, v in c.facts.items()):
            best = -1  # single link must not chain two disagreeing reports into one point
        if best < 0:
            best = len(clusters)
            clusters.append(Cluster([]))
            facts.append({})
        clusters[best].members.append(c)
        for k, v in c.facts.items():
            facts[best].setdefault(k, set()).add(v)
            stating.setdefault(k, array("q")).append(n)
            saying.setdefault((k, v), array("q")).append(n)
        twin.setdefault((c.section, c.passage.text), best)
        sizes[n] = len(c.lemmas)
        numbered[n] = bool(c.numbers)
        for x in c.numbers:
            said.setdefault((c.section, x), array("q")).append(n)
        protos.append((best, c))
        for lemma in c.lemmas:
            key = (c.section, lemma)
            if (used := common.get(key)) is not None:
                used[n] = 1
                continue
            postings = index.setdefault(key, array("q"))
            postings.append(n)
            if len(postings) > MAX_POSTINGS:  # no longer proposing; still counted per pair
                common[key] = bytearray(len(cands))
                for pid in postings:
                    common[key][pid] = 1
                del index[key]
    return clusters


def _best_cluster(c: Candidate, ranked: Iterable[tuple[float, int, Candidate]],
                  threshold: float) -> tuple[int, float]:
    """(cluster, score) of C's most similar earlier sentence among RANKED (bound, cluster,
    sentence), best bound first; (-1, THRESHOLD) when none reaches it. The later cluster
    wins a tie. Exact, but lazy: once a cluster leads, its other sentences are scored only
    if another cluster's sentence would overtake it (near-duplicates of the leading point
    are most of the candidates and cannot change which point leads)."""
    best, best_sim = -1, threshold
    waiting: list[tuple[float, Candidate]] = []  # the leader's sentences not yet scored
    for bound, ci, m in ranked:
        if bound < best_sim - 1e-9:
            break  # no later sentence can reach the best score so far
        if ci == best:
            waiting.append((bound, m))
            continue
        sim = similarity(c, m)
        if not (sim > best_sim or (sim == best_sim and ci >= best)):
            continue
        # would overtake: first the leader's own best among those that could reach SIM
        lead = max((similarity(c, w) for b, w in waiting if b >= sim - 1e-9),
                   default=best_sim)
        waiting = []
        lead = max(lead, best_sim)
        if sim > lead or (sim == lead and ci >= best):
            best, best_sim = ci, sim
        else:
            best_sim = lead
    return best, best_sim


def _disagreeing(mine: dict[tuple[str, ...], str], n: int,
                 stating: dict[tuple[str, ...], array[int]],
                 saying: dict[tuple[tuple[str, ...], str], array[int]]) -> NDArray[np.bool_]:
    """Which of the first N protos state one of MINE's facts with another value (what
    similarity() scores 0, found without scoring them)."""
    import numpy as np

    out = np.zeros(n, dtype=bool)
    for k, v in mine.items():
        if k not in stating:
            continue
        clash = np.zeros(n, dtype=bool)
        clash[np.frombuffer(stating[k], dtype=np.int64)] = True
        if (k, v) in saying:
            clash[np.frombuffer(saying[(k, v)], dtype=np.int64)] = False
        out |= clash
    return out
