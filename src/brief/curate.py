"""Curation: candidates -> near-duplicate clusters -> ranked, non-redundant section items.

A cluster is one point; it cites every sentence (from any source) that reports it. Items are
ranked by salience: how many sources report the point, section fit, specificity (figures,
named actors) and how early the sources put it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from brief.classify import Classifier
from brief.config import Config
from brief.model import Citation, Item, Passage, Section, Source
from brief.morphology import analyse

MIN_CHARS = 18
MAX_CHARS = 220
HEADING_WEIGHT = 0.5  # share of the subheading's section score a sentence under it gets
LOW_RELIABILITY_PENALTY = 1.0  # salience lost by a point only low-reliability sources make
ANAPHORA_PENALTY = 1.0  # salience lost by a sentence that leans on the one before it
_CANDIDATE_KINDS = {"sentence", "list"}
# Opinion, rhetoric and article furniture carry no reportable point.
_NON_POINT = re.compile(
    r"(?:でしょう|だろう|かもしれません|と考えられます|と言えるでしょう|といえるでしょう|"
    r"期待します|よかったです|ではないでしょうか|のでしょうか|ようです。?$|その象徴です。?$|"
    r"とは[?？]|[?？]$|"
    r"^(?:この|本|今回の)記事|^以下|^まとめ|^つまり|^これは、|^これにより|^このように|"
    r"^この(?:姿勢|動き|決断|変更|戦略|記述|一言|訪問|構造)|^そこには|^むしろ|^一方で、)"
)

# A sentence that opens by pointing back (こうした構造, その象徴) leans on the sentence before
# it, which the brief does not show: it ranks lower. その後/この日 and the like are dates.
# The writer's impression rather than what happened: a point takes other wording if it can.
_EVALUATIVE = re.compile(
    r"(?:印象的|象徴的|興味深|感動的|見事|素晴らし)(?:でした|だった|です|だ)?。?$")
_ANAPHORIC = re.compile(
    r"^[^、。]{0,12}?(?:こうした|このような|こういった|そうした|そのような|これら|それら|"
    r"その(?!後|他|ほか|一方|際|上)|この(?!日|ほど|年|月|度|間|春|夏|秋|冬))"
)


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


@dataclass
class Cluster:
    members: list[Candidate] = field(default_factory=list)

    @property
    def sources(self) -> set[str]:
        return {m.passage.source_id for m in self.members}

    @property
    def distinct(self) -> list[Candidate]:
        """One member per distinct sentence (copies compare the same)."""
        return list({m.passage.text: m for m in reversed(self.members)}.values())


def is_candidate(p: Passage) -> bool:
    if p.kind not in _CANDIDATE_KINDS:
        return False
    n = len(p.text)
    if n < MIN_CHARS or n > MAX_CHARS:
        return False
    return not _NON_POINT.search(p.text)


def _numbers(text: str) -> frozenset[str]:
    """Numbers as values (全角 and 2,110 normalised) so 2% and 2パーセント agree."""
    t = text.translate(str.maketrans("０１２３４５６７８９，．", "0123456789,."))
    return frozenset(re.sub(r",", "", n) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", t))


def similarity(a: Candidate, b: Candidate) -> float:
    """How likely two sentences report the same point (0..1)."""
    if not a.lemmas or not b.lemmas:
        return 0.0
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
        if best < 0:
            best = len(clusters)
            clusters.append(Cluster([]))
        clusters[best].members.append(c)
        twin.setdefault((c.section, c.passage.text), best)
        protos.append((best, c))
        for lemma in c.lemmas:
            index[(c.section, lemma)].append(len(protos) - 1)
    return clusters


def _salience(cl: Cluster) -> float:
    """How much a point matters (a point only low-reliability sources make ranks lower)."""
    rep = representative(cl)
    n_sources = len(cl.sources)
    position = max(1 - m.passage.index / max(1, m.passage.total) for m in cl.members)
    specificity = min(len(rep.numbers), 4) * 0.4 + min(rep.proper, 4) * 0.25
    doubt = LOW_RELIABILITY_PENALTY if all(m.doubtful for m in cl.members) else 0.0
    if _ANAPHORIC.search(rep.passage.text):
        doubt += ANAPHORA_PENALTY
    return min(rep.fit, 4.0) + 2.5 * (n_sources - 1) + specificity + position - doubt + (
        100 if any(m.pinned for m in cl.members) else 0)


def representative(cl: Cluster) -> Candidate:
    """The member whose wording the point takes: pinned first, then from the more reliable
    source, then a report over an impression (印象的でした), then fit, figures and length."""
    return max(cl.members, key=lambda m: (
        m.pinned, not m.doubtful, not _EVALUATIVE.search(m.passage.text),
        m.fit + 0.3 * len(m.numbers) + min(len(m.passage.text), 120) / 120))


def _item_id(cl: Cluster) -> str:
    rep = representative(cl)
    return hashlib.sha1(rep.passage.text.encode()).hexdigest()[:8]


def build_items(cl: Cluster, section: str) -> Item:
    rep = representative(cl)
    cites: list[Citation] = []
    for m in sorted(cl.members, key=lambda m: (m is not rep, m.passage.source_id,
                                               m.passage.start)):
        if any(c.source_id == m.passage.source_id and c.ja == m.passage.text for c in cites):
            continue
        cites.append(Citation.of(m.passage))
    return Item(id=_item_id(cl), section=section, ja=rep.passage.text, citations=cites,
                score=round(_salience(cl), 3), pinned=any(m.pinned for m in cl.members))


def candidates(passages: list[Passage], config: Config, classifier: Classifier
               ) -> list[Candidate]:
    out: list[Candidate] = []
    heading: dict[str, dict[str, float]] = {}  # source -> section scores of the heading above
    for p in passages:
        if p.kind == "heading":  # the article's own title (first line) speaks for all of it
            heading[p.source_id] = classifier.classify(p.text).scores if p.index else {}
        pin = next((pin for pin in config.pins if pin.text in p.text), None)
        if any(x in p.text for x in config.exclude):
            continue
        if pin is None and not is_candidate(p):
            continue
        result = classifier.classify(p.text)
        section = pin.section if pin else result.section
        if section is None:
            continue
        a = analyse(p.text)
        # a sentence under a subheading about its section is that passage's point
        fit = (result.scores.get(section, 0.0)
               + HEADING_WEIGHT * heading.get(p.source_id, {}).get(section, 0.0))
        out.append(Candidate(p, section, fit, frozenset(a.lemmas),
                             _numbers(p.text), len(set(a.proper)), pinned=pin is not None))
    return out


def curate(sources: list[Source], passages: list[Passage], config: Config
           ) -> tuple[list[Section], list[Item]]:
    """Sections filled with ranked, merged items, and the bottom line drawn from them."""
    classifier = Classifier(config)
    cands = candidates(passages, config, classifier)
    low = {s.id for s in sources if s.reliability == "low"}
    for c in cands:
        c.doubtful = c.passage.source_id in low
    clusters = cluster(cands, config.merge_threshold)
    sections: list[Section] = []
    for sc in config.sections:
        mine = [cl for cl in clusters if cl.members[0].section == sc.key]
        mine.sort(key=lambda cl: (-_salience(cl), representative(cl).passage.source_id,
                                  representative(cl).passage.start))
        chosen: list[Cluster] = []
        for cl in mine:
            if len(chosen) >= sc.max_items and not any(m.pinned for m in cl.members):
                continue
            # keep items non-redundant: a looser second check against what is already in
            if any(max(similarity(representative(cl), m) for m in ch.distinct)
                   >= config.merge_threshold * 0.85 for ch in chosen):
                continue
            chosen.append(cl)
        items = [build_items(cl, sc.key) for cl in chosen]
        sections.append(Section(sc.key, sc.title, sc.description, items))
    return sections, bottom_line(sections, config.bottom_line_items)


def bottom_line(sections: list[Section], n: int) -> list[Item]:
    """The n most important points across sections: each section's best, then the rest."""
    firsts = [s.items[0] for s in sections if s.items]
    firsts.sort(key=lambda it: -it.score)
    picked = firsts[:n]
    if len(picked) < n:
        rest = sorted((it for s in sections for it in s.items[1:]), key=lambda it: -it.score)
        picked.extend(rest[: n - len(picked)])
    return picked
