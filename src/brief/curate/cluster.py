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
    copied: bool = False  # from a forum's copy of a listed outlet's (or a wire's) article
    rank: int = 2  # the source's reliability: 3 high, 2 medium or unrated, 1 low
    outlet: str = ""  # Source.outlet_key: who independently reports it ("" = the source id)
    facts: dict[tuple[str, ...], str] = field(default_factory=dict)  # analyse.claims.facts_of
    echo: float = 0.0  # share of its own article's headline words the sentence tells
    leaning: bool = False  # placed only because its section was thin (points._leaning)


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
    score = _JACCARD * jaccard + _OVERLAP * overlap + _TEXT * text
    if a.numbers and b.numbers:
        score += _FIGURES if a.numbers & b.numbers else -_FIGURES
    return score


# The weights of similarity(), defined once: _upper_bounds prunes exactly because it uses
# the same ones. What the wording and the numbers add at most is what a pair with no lemma
# in common can score.
_JACCARD, _OVERLAP, _TEXT, _FIGURES = 0.5, 0.3, 0.2, 0.15
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
        bound = (_JACCARD * shared / (n + sizes - shared)
                 + _OVERLAP * shared / np.minimum(n, sizes) + _TEXT + figures)
    return np.where(sizes > 0, bound, 0.0)


def could_reach(a: Candidate, b: Candidate, threshold: float) -> bool:
    """Whether similarity(a, b) could reach THRESHOLD, from their shared lemmas alone (a
    cheap test that never says no to a pair that would reach it). _upper_bounds for one
    pair, in plain floats (the same operations in the same order: the same bound; NumPy
    cost 20 microseconds a pair, and ranking asks for thousands)."""
    n, size = len(a.lemmas), len(b.lemmas)
    if not size:
        return threshold - 1e-9 <= 0.0  # the bound of a sentence without lemmas is 0
    if not n:
        return False  # NumPy's bound is 0/0 (NaN), which reaches nothing
    shared = len(a.lemmas & b.lemmas)
    bound = (_JACCARD * shared / (n + size - shared) + _OVERLAP * shared / min(n, size)
             + _TEXT + _FIGURES)
    return bound >= threshold - 1e-9


class Reach:
    """A list of sentences (chosen points' distinct ones), indexed by lemma and number so
    that similarity()'s bound is asked of all of them at once: ranking asks whether each
    cluster tells a chosen point again, and a big story's point has hundreds of sentences.
    Sentences are added in groups (one group a chosen point), and one call bounds a sentence
    against every group: the NumPy work is done once a sentence, not once a point."""

    def __init__(self, members: list[Candidate] | None = None) -> None:
        self.members: list[Candidate] = []
        self.owner: list[int] = []  # the group of each member
        self._sizes: list[float] = []
        self._numbered: list[bool] = []
        self._arrays: tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.int64]] | None
        self._arrays = None
        self.postings: dict[str, list[int]] = {}
        self.said: dict[str, list[int]] = {}
        if members is not None:
            self.add(members, 0)

    def add(self, members: list[Candidate], group: int) -> None:
        """Index MEMBERS as GROUP's sentences."""
        for m in members:
            i = len(self.members)
            self.members.append(m)
            self.owner.append(group)
            self._sizes.append(float(len(m.lemmas)))
            self._numbered.append(bool(m.numbers))
            for lemma in m.lemmas:
                self.postings.setdefault(lemma, []).append(i)
            for x in m.numbers:
                self.said.setdefault(x, []).append(i)
        self._arrays = None

    def _mask(self, c: Candidate, threshold: float) -> NDArray[np.int64]:
        import numpy as np

        if self._arrays is None:
            self._arrays = (np.array(self._sizes, dtype=np.float64),
                            np.array(self._numbered, dtype=bool),
                            np.array(self.owner, dtype=np.int64))
        sizes, numbered, _ = self._arrays
        n = len(self.members)
        ids = [i for lemma in c.lemmas for i in self.postings.get(lemma, ())]
        shared = np.bincount(np.array(ids, dtype=np.int64), minlength=n).astype(np.float64)
        figures: NDArray[np.float64] | float = 0.0
        if c.numbers:
            same = np.bincount(np.array([i for x in c.numbers for i in self.said.get(x, ())],
                                        dtype=np.int64), minlength=n) > 0
            figures = np.where(numbered, np.where(same, _FIGURES, -_FIGURES), 0.0)
        bounds = _upper_bounds(len(c.lemmas), sizes, shared, figures)
        return np.flatnonzero(bounds >= threshold - 1e-9)

    def reachable(self, c: Candidate, threshold: float) -> list[Candidate]:
        """The members, in order, whose similarity() with C could reach THRESHOLD: the
        bound of could_reach with what their numbers add known exactly (+0.15 shared, -0.15
        disjoint, 0 when one has none), so it never drops a member that reaches it."""
        return [self.members[int(i)] for i in self._mask(c, threshold)]

    def reachable_by_group(self, c: Candidate, threshold: float) -> dict[int, list[Candidate]]:
        """reachable(), each group's members apart (in order; a group none reaches is
        absent)."""
        kept = self._mask(c, threshold)
        assert self._arrays is not None  # made by _mask
        owner = self._arrays[2]
        out: dict[int, list[Candidate]] = {}
        for i, g in zip(kept.tolist(), owner[kept].tolist(), strict=True):
            out.setdefault(g, []).append(self.members[i])
        return out


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
    index = _Index(len(cands), threshold)
    for c in cands:
        seen = index.twin.get((c.section, c.passage.text))
        if seen is not None and c.lemmas and threshold <= 1.0:  # a twin scores 1.0 or more
            index.join(seen, c)
            continue
        best = index.nearest(c)
        if best >= 0 and c.facts and any(index.facts[best].get(k, {v}) - {v}
                                         for k, v in c.facts.items()):
            best = -1  # single link must not chain two disagreeing reports into one point
        if best < 0:
            best = index.new_cluster()
        index.add(c, best)
    return index.clusters


class _Index:
    """The clusters so far and the posting lists that find a sentence's related ones: one
    distinct text (a "proto") per entry, numbered in reading order."""

    def __init__(self, size: int, threshold: float) -> None:
        import numpy as np

        self.size, self.threshold = size, threshold
        self.clusters: list[Cluster] = []
        self.facts: list[dict[tuple[str, ...], set[str]]] = []  # each cluster's every value
        self.protos: list[tuple[int, Candidate]] = []  # (cluster, member) per distinct text
        self.sizes = np.zeros(size, dtype=np.float64)  # each proto's number of lemmas
        self.numbered = np.zeros(size, dtype=bool)  # whether it gives numbers
        self.said: dict[tuple[str, str], array[int]] = {}  # (section, number) -> protos
        self.twin: dict[tuple[str, str], int] = {}  # (section, text) -> cluster
        self.index: dict[tuple[str, str], array[int]] = {}  # (section, lemma) -> protos
        # (section, lemma) too common to propose a pair -> which protos use it (a byte each)
        self.common: dict[tuple[str, str], bytearray] = {}
        self.stating: dict[tuple[str, ...], array[int]] = {}  # fact key -> protos
        self.saying: dict[tuple[tuple[str, ...], str], array[int]] = {}  # (key, value) ->

    def join(self, best: int, c: Candidate) -> None:
        self.clusters[best].members.append(c)
        for k, v in c.facts.items():  # the same words may date differently elsewhere
            self.facts[best].setdefault(k, set()).add(v)

    def new_cluster(self) -> int:
        self.clusters.append(Cluster([]))
        self.facts.append({})
        return len(self.clusters) - 1

    def nearest(self, c: Candidate) -> int:
        """The cluster of C's most similar earlier sentence, -1 when none reaches the
        threshold: only the protos whose bound can reach it are scored, best first."""
        import numpy as np

        n = len(self.protos)
        rare = [np.frombuffer(ids, dtype=np.int64) for lemma in c.lemmas
                if (ids := self.index.get((c.section, lemma))) is not None]
        proposing = (np.bincount(np.concatenate(rare), minlength=n) if rare
                     else np.zeros(n, dtype=np.int64))
        del rare  # the views pin their arrays, which grow in add()
        if self.threshold <= _NO_SHARED_LEMMA_MAX:  # then even unrelated sentences may merge
            near = np.array([pid for pid, (_, m) in enumerate(self.protos)
                             if m.section == c.section], dtype=np.int64)
        else:
            near = np.flatnonzero(proposing)
        if not c.lemmas or not len(near):
            return -1
        bounds = self._bounds(c, near, proposing[near])
        able = np.flatnonzero(bounds >= self.threshold - 1e-9)  # the rest cannot merge
        order = able[np.argsort(-bounds[able], kind="stable")]
        best, _ = _best_cluster(
            c, ((float(bounds[k]), *self.protos[int(near[k])]) for k in order), self.threshold)
        return best

    def _bounds(self, c: Candidate, near: NDArray[np.int64],
                shared: NDArray[np.int64]) -> NDArray[np.float64]:
        """similarity()'s upper bound for C and each proto in NEAR (SHARED: the rare lemmas
        they share), 0 where their facts disagree."""
        import numpy as np

        n = len(self.protos)
        for lemma in c.lemmas:  # a common lemma shared counts too, looked up per pair
            if (used := self.common.get((c.section, lemma))) is not None:
                shared = shared + np.frombuffer(used, dtype=np.uint8, count=n)[near]
        figures: NDArray[np.float64] | float = _FIGURES
        if c.numbers:  # the numbers' share of the score, exactly: same or other figures
            lists = [np.frombuffer(ids, dtype=np.int64) for x in c.numbers
                     if (ids := self.said.get((c.section, x))) is not None]
            same = (np.bincount(np.concatenate(lists), minlength=n)[near] > 0 if lists
                    else np.zeros(len(near), dtype=bool))
            del lists
            figures = np.where(self.numbered[near], np.where(same, _FIGURES, -_FIGURES), 0.0)
        bounds = _upper_bounds(len(c.lemmas), self.sizes[near], shared.astype(np.float64),
                               figures)
        bounds[_disagreeing(c.facts, n, self.stating, self.saying)[near]] = 0.0
        return bounds

    def add(self, c: Candidate, best: int) -> None:
        """C, a new distinct text, into cluster BEST and every posting list."""
        n = len(self.protos)
        self.clusters[best].members.append(c)
        for k, v in c.facts.items():
            self.facts[best].setdefault(k, set()).add(v)
            self.stating.setdefault(k, array("q")).append(n)
            self.saying.setdefault((k, v), array("q")).append(n)
        self.twin.setdefault((c.section, c.passage.text), best)
        self.sizes[n] = len(c.lemmas)
        self.numbered[n] = bool(c.numbers)
        for x in c.numbers:
            self.said.setdefault((c.section, x), array("q")).append(n)
        self.protos.append((best, c))
        for lemma in c.lemmas:
            key = (c.section, lemma)
            if (used := self.common.get(key)) is not None:
                used[n] = 1
                continue
            postings = self.index.setdefault(key, array("q"))
            postings.append(n)
            if len(postings) > MAX_POSTINGS:  # no longer proposing; still counted per pair
                self.common[key] = bytearray(self.size)
                for pid in postings:
                    self.common[key][pid] = 1
                del self.index[key]


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
