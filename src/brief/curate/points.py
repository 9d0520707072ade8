"""Points: candidate sentences -> clusters (cluster.py) -> ranked section items, bottom line.

A cluster is one point; it cites every sentence (from any source) that reports it. Items are
ranked by salience: how many sources report the point, section fit, specificity (figures,
named actors) and how early the sources put it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from brief.analyse.claims import facts_of, main_modality, predicate_modality
from brief.analyse.classify import Classifier
from brief.analyse.dates import anchor_of
from brief.analyse.morphology import analyse
from brief.analyse.parse import available as parser_available
from brief.analyse.parse import parse_all
from brief.config import Config
from brief.curate.cluster import (
    Candidate,
    Cluster,
    cluster,
    could_reach,
    numbers_of,
    similarity,
)
from brief.model import Citation, Item, Passage, Section, Source
from brief.timing import Stages

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


def is_candidate(p: Passage) -> bool:
    if p.kind not in _CANDIDATE_KINDS:
        return False
    n = len(p.text)
    if n < MIN_CHARS or n > MAX_CHARS:
        return False
    return not _NON_POINT.search(p.text)


def _salience(cl: Cluster) -> float:
    """How much a point matters (a point only low-reliability sources make ranks lower)."""
    rep = representative(cl)
    n_sources = len(cl.outlets)
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
        m.pinned, not m.doubtful, m.rank, not _EVALUATIVE.search(m.passage.text),
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
                score=round(_salience(cl), 3), pinned=any(m.pinned for m in cl.members),
                modality=main_modality(rep.passage), outlets=len(cl.outlets),
                credible=not all(m.doubtful for m in cl.members))


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
                             numbers_of(p.text), len(set(a.proper)), pinned=pin is not None))
    return out


def curate(sources: list[Source], passages: list[Passage], config: Config,
           parse_cache: Path | None = None, parse: bool = False,
           stages: Stages | None = None, classifier: Classifier | None = None
           ) -> tuple[list[Section], list[Item]]:
    """Sections filled with ranked, merged items, and the bottom line drawn from them.

    With PARSE and GiNZA installed, the points' own sentences (not the corpus) are parsed and a
    sentence the lexical rules left 'stated' takes the parse's modality (…を決めた: done)
    before the bottom line is drawn; PARSE_CACHE keeps the parses between builds."""
    t = (stages or Stages()).timed
    classifier = classifier or Classifier(config)
    with t("classify"):
        cands = candidates(passages, config, classifier)
    low = {s.id for s in sources if s.reliability == "low"}
    outlet = {s.id: s.outlet_key for s in sources}
    anchors = {s.id: anchor_of(s) for s in sources}
    rank = {s.id: RELIABILITY_RANK.get(s.reliability, 2) for s in sources}
    with t("facts"):
        for c in cands:
            c.doubtful = c.passage.source_id in low
            c.rank = rank.get(c.passage.source_id, 2)
            c.outlet = outlet.get(c.passage.source_id, "")
            c.facts = facts_of(c.passage, anchors.get(c.passage.source_id))
    with t("cluster"):
        clusters = cluster(cands, config.merge_threshold)
    with t("rank"):
        sections = _sections(clusters, config)
    with t("parse (GiNZA)" if parse else "modality"):
        refine_modality([it for s in sections for it in s.items], parse_cache, parse)
    return sections, bottom_line(sections, config.bottom_line_items)


def _sections(clusters: list[Cluster], config: Config) -> list[Section]:
    """Each section's clusters ranked by salience, the best non-redundant ones as items.
    Each cluster's representative and salience are worked out once, and a chosen point's
    distinct sentences listed once (a big corpus has hundreds of near-duplicates per point)."""
    rep = {id(cl): representative(cl) for cl in clusters}
    sal = {id(cl): _salience(cl) for cl in clusters}
    loose = config.merge_threshold * 0.85
    sections: list[Section] = []
    for sc in config.sections:
        mine = [cl for cl in clusters if cl.members[0].section == sc.key]
        mine.sort(key=lambda cl: (-sal[id(cl)], rep[id(cl)].passage.source_id,
                                  rep[id(cl)].passage.start))
        chosen: list[Cluster] = []
        distinct: list[list[Candidate]] = []  # of each chosen cluster
        for cl in mine:
            if len(chosen) >= sc.max_items and not any(m.pinned for m in cl.members):
                continue
            # keep items non-redundant: a looser second check against what is already in
            if any(could_reach(rep[id(cl)], m, loose) and similarity(rep[id(cl)], m) >= loose
                   for ms in distinct for m in ms):
                continue
            chosen.append(cl)
            distinct.append(cl.distinct)
        items = [build_items(cl, sc.key) for cl in chosen]
        sections.append(Section(sc.key, sc.title, sc.description, items))
    return sections


def refine_modality(items: list[Item], parse_cache: Path | None, parse: bool = True) -> None:
    """Points whose sentence has no event word the lexical rules know take the modality
    of their final predicate: from its dependency parse (GiNZA) with PARSE when installed,
    else from Sudachi's morphemes (predicate_modality: no model to load)."""
    vague = [it for it in items if it.modality == "stated"]
    if not vague:
        return
    if not parse or not parser_available():
        for it in vague:
            it.modality = predicate_modality(it.ja)
        return
    parses = parse_all([it.ja for it in vague], parse_cache)
    for it in vague:
        it.modality = parses[it.ja].modality


def bottom_line(sections: list[Section], n: int) -> list[Item]:
    """The n most important *done* points across sections: widest credible corroboration
    (independent outlets) first, each section's best before a second from any section.

    Never a point only low-reliability sources make, never an opinion, a plan or a forum
    line (forum lines are boilerplate before they get here); when too few points qualify,
    the bottom line is shorter rather than padded with them."""
    ok = [it for s in sections for it in s.items
          if it.credible and it.modality in BOTTOM_LINE_MODALITIES]
    ok.sort(key=lambda it: (-it.outlets, -it.score))
    picked: list[Item] = []
    for it in ok:  # breadth first: one per section
        if len(picked) < n and it.section not in {p.section for p in picked}:
            picked.append(it)
    for it in ok:
        if len(picked) < n and it not in picked:
            picked.append(it)
    return sorted(picked, key=lambda it: (-it.outlets, -it.score))


BOTTOM_LINE_MODALITIES = ("done", "stated", "reported")
RELIABILITY_RANK = {"high": 3, "medium": 2, "low": 1}
