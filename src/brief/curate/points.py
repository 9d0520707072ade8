"""Points: candidate sentences -> clusters (cluster.py) -> ranked section items, bottom line.

A cluster is one point; it cites every sentence (from any source) that reports it. Items are
ranked by salience: how many outlets report the event (in any wording: _Overlap), section
fit, specificity (figures, named actors) and how early the sources put it; background,
commentary and sentences that lean on the one before rank last. A second telling of an event
the brief shows (in any section) is folded into its point, which cites it, and the brief's
max_points are shared out by salience.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from brief.analyse.claims import clash, facts_of, main_modality, predicate_modality
from brief.analyse.classify import FRAME_WORDS, Classification, Classifier
from brief.analyse.dates import anchor_of
from brief.analyse.morphology import analyse
from brief.analyse.parse import available as parser_available
from brief.analyse.parse import parse_all
from brief.config import Config
from brief.curate.cluster import (
    Candidate,
    Cluster,
    Reach,
    cluster,
    numbers_of,
    similarity,
)
from brief.model import Citation, Item, Passage, Section, Source
from brief.timing import Stages
from brief.vocab import Reliability

MIN_CHARS = 18
MAX_CHARS = 220
HEADING_WEIGHT = 0.5  # share of the subheading's section score a sentence under it gets
LOW_RELIABILITY_PENALTY = 1.0  # salience lost by a point only low-reliability sources make
ANAPHORA_PENALTY = 1.0  # salience lost by a sentence that leans on the one before it
BACKGROUND_PENALTY = 1.5  # salience lost by history, commentary and scene-setting
SUPPORT_COSINE = 0.2  # idf-weighted word overlap at which another outlet reports the event
SAME_EVENT = 0.35  # idf-weighted overlap at which a later point tells a chosen one's event
MEASURE_COSINE = 0.1  # the overlap enough when the two share a measured figure (約45メートル)
SUPPORT_MIN_COMMON = 20  # a word fewer sentences than this use always proposes a pair
SUPPORT_MAX_POSTINGS = 1000  # as clustering's MAX_POSTINGS: the cost follows the corpus
_CANDIDATE_KINDS = {"sentence", "list"}
# Opinion, rhetoric and article furniture carry no reportable point.
_NON_POINT = re.compile(
    r"(?:でしょう|だろう|かもしれません|と考えられます|と言えるでしょう|といえるでしょう|"
    r"期待します|よかったです|ではないでしょうか|のでしょうか|ようです。?$|その象徴です。?$|"
    r"とは[?？]|[?？]$|"
    r"^(?:この|本|今回の)記事|^以下|^まとめ|^つまり|^これは、|^これにより|^このように|"
    # a note (※…) or the writer addressing the reader (ぜひ…参考にしてみてください)
    r"^\s*[※＊*]|(?:てみて|参考にして|ご覧|お試し)(?:ください|下さい)|"
    r"^この(?:姿勢|動き|決断|変更|戦略|記述|一言|訪問|構造)|^そこには|^むしろ|^一方で、)"
)

# Background, commentary and scene-setting rather than what happened: ranked after the
# story's events (これまで…, 注目を集める, 関心が高まっています, …とみられる).
_BACKGROUND = re.compile(
    r"(?:^(?:これまで|過去|かつて|もともと|従来)[^。]*(?:た|でした|ました)。?$|注目(?:を集め|され)|関心が高まって|"
    r"話題(?:に|を)|とみられ(?:る|ます)|と見られ(?:る|ます)|と考えられ|可能性が(?:ある|あります)|"
    r"懸念され(?:る|ます)|背景には|狙いが(?:ある|あります)|意味する|示唆して|見逃せない|"
    r"形(?:です|となりました|となった|になった|だ)。?$|姿勢を(?:明確に|鮮明に)|"
    r"目立(?:ちます|ちました|つ|った)。?$|目立つようにな|"
    r"^(?:これに対し|しかし|つまり|実際)、)")

# Openers that lean on what came before (the brief does not show it): never a Bottom line.
_LEANS = re.compile(
    r"^[^、。]{0,6}?(?:もう一つ|もうひとつ|同日|同氏|同社|同省|同国|これに対し|これを受け|"
    r"それに対し|このため|そのため|この後|その後|また、|さらに、|しかし|ただ、|なお、|一方)")
# The writer's aside in parentheses, a clause rather than a reading or a gloss:
# (何を言っているのか分からない), (笑), (本当に?)
_ASIDE = re.compile(r"[（(][^（）()]{0,40}(?:ない|ません|です|ます|だ|笑|[!！?？])[）)]")
QUOTE_MAX = 30  # characters: a Bottom line point quotes a clause, not a speech
SECTION_FLOOR = 3  # points a section with evidence keeps under the brief's max_points
BREADTH_SHARE = 0.6  # a second section's best joins the Bottom line at this share of the top
ECHO_WEIGHT = 4.0  # salience of a sentence telling all its article's headline says
ECHO_MIN = 0.4  # share of the headline's words below which a sentence is no echo of it
ACTOR_BONUS = 2.0  # salience of a named official or body stating, posting or deciding
# A named official or body (…氏, 首相, 報道官, 防衛省) as the subject of a reporting or
# decision verb: a statement of the story's actors is an event, not commentary.
_ACTOR_ACTS = re.compile(
    r"(?:氏|首相|総理|大統領|大臣|[^\s、。]相|長官|報道官|報道局長|官房長官|知事|議長|政府|省|庁|"
    r"委員会|当局)(?:は|が)[^。]{0,120}?(?:述べ|表明|投稿|発表|決定|決め|伝え|指摘|反論|"
    r"申し入れ|明らかに|書き込|強調|批判|抗議|要請|求め|主張|発言|言及|と見て|分析)")
STATEMENT_SECTION = "optics"  # the standard section for statements, posts and reactions
_HEAD_WORD = re.compile(r"[\u30a0-\u30ff\u3400-\u9fff]{2,}")

# A sentence that opens by pointing back (こうした構造, その象徴; after its attribution,
# 農水省によると、この枠のうち…; ではほかに, besides what came before) leans on the sentence before
# it, which the brief does not show: it ranks lower. その後/この日 and the like are dates.
# The writer's impression rather than what happened: a point takes other wording if it can.
_EVALUATIVE = re.compile(
    r"(?:印象的|象徴的|興味深|感動的|見事|素晴らし)(?:でした|だった|です|だ)?。?$")
_ANAPHORIC = re.compile(
    r"^(?:もう一つ|もうひとつ)|(?:では|には)(?:他に|ほかに)|"
    r"^(?:[^、。]{0,24}(?:によると|によれば)、)?[^、。]{0,12}?(?:こうした|このような|こういった|そうした|そのような|これら|それら|"
    r"その(?!後|他|ほか|一方|際|上)|この(?!日|ほど|年|月|度|間|春|夏|秋|冬))"
)


# Not a whole reported sentence: a question (an interviewer's ――, a reporter's …ですか), a
# speaker label before the words (記者：, 小泉進次郎 農林水産大臣 「…), a photo caption.
_NOT_CLEAN = re.compile(
    r"(?:^\s*(?:――|─―|—|Q\s*[:：.．]|問\s*[:：]|(?:記者|質問|司会)\s*[:：）)]|"
    r"[^\s。、「」()（）]{2,10}[ 　]+[^\s。、「」()（）]{0,10}(?:大臣|総理|長官|知事|議員|代表|"
    r"報道官|記者)[ 　]*(?=「|$))|"
    r"(?:ですか|ますか|でしょうか|のですか|んですか|のか)[。」]?\s*$|"
    r"[（(][^（）()]{0,20}(?:撮影|資料写真|提供)[^（）()]{0,12}[)）]|[=＝][^。]{0,40}より\s*$|"
    r"(?:について|に関して|をめぐって)\s*$)")  # a topic line of a Q&A list, not a sentence
_SENTENCE_END = ("。", "！", "？", "!", "?", "」", "』", "）", ")")
# A forum post's header glued to its first sentence (1 名前:… ID:…), or an interview's
# standfirst announcing what someone talked about without saying it (…の分析と今後のプランを語った).
_FURNITURE = re.compile(
    r"名前\s*[:：]|\bID\s*[:：]\s*[A-Za-z0-9+/]{4,}|"
    r"^[^「」]*(?:を|について)(?:語|話)(?:った|りました|している|っている)。?$")
# The particles of a clause (who did what, where): a sentence with none and no verb is a
# headline or a caption (…首脳会談・AさんとBの夕食会。), not a reported point.
_CLAUSE_CHARS = re.compile(r"[がはをでにもへ]")
_PREDICATE_POS = ("動詞", "形容詞", "助動詞")


def _headline_like(text: str) -> bool:
    """A noun phrase ending in 。: no clause particle (が, は, を, で, に…) and no verb."""
    if _CLAUSE_CHARS.search(text):
        return False
    from brief.analyse.morphology import tokenize

    return not any(m.part_of_speech()[0] in _PREDICATE_POS for m in tokenize(text))


def is_candidate(p: Passage) -> bool:
    """A passage a point can be: a whole sentence of reportable content. Never a question, a
    speaker label, a caption, a writer's aside ((…分からない)), nor a source's last sentence
    the page cut off (no sentence end: …を越えて東)."""
    if p.kind not in _CANDIDATE_KINDS:
        return False
    n = len(p.text)
    if n < MIN_CHARS or n > MAX_CHARS:
        return False
    if p.index == p.total - 1 and not p.text.rstrip().endswith(_SENTENCE_END):
        return False
    return not (_NON_POINT.search(p.text) or _NOT_CLEAN.search(p.text) or _ASIDE.search(p.text)
                or _FURNITURE.search(p.text) or _headline_like(p.text))


def mid_quote(passages: list[Passage]) -> set[tuple[str, int]]:
    """(source id, index) of the sentences that begin inside someone's open quote (「今回の合意は
    成果だ。 / 半導体でも待遇を得た。 / 」と述べた): words without who says them, never a point.
    A heading, or QUOTE_RUN sentences, close any quote a page left open."""
    inside: set[tuple[str, int]] = set()
    run: dict[str, int] = {}  # source -> sentences since its quote opened (0: none open)
    for p in sorted(passages, key=lambda p: (p.source_id, p.index)):
        n = 0 if p.kind == "heading" or run.get(p.source_id, 0) > QUOTE_RUN else \
            run.get(p.source_id, 0)
        if n:
            inside.add((p.source_id, p.index))
        opened = p.text.count("「") - p.text.count("」")
        run[p.source_id] = n + 1 if (n and opened >= 0) or (not n and opened > 0) else 0
    return inside


QUOTE_RUN = 4  # sentences after which an unclosed quote is taken as the page's slip


def _salience(cl: Cluster, support: int = 0, rep: Candidate | None = None) -> float:
    """How much a point matters (a point only low-reliability sources make ranks lower).
    SUPPORT: the outlets that report the same event in their own words (_support), when
    more than the cluster's own: the story's central events rank first. REP: the wording
    the point takes, when already chosen (a point that folded in other tellings keeps it)."""
    rep = rep or representative(cl)
    n_sources = max(len(cl.outlets), support)
    position = max(1 - m.passage.index / max(1, m.passage.total) for m in cl.members)
    specificity = min(len(rep.numbers), 4) * 0.4 + min(rep.proper, 4) * 0.25
    # a forum's copy of a listed outlet's article ranks as the outlet's text (it is still
    # flagged, and never the Bottom line alone: Item.credible)
    doubt = LOW_RELIABILITY_PENALTY if all(m.doubtful and not m.copied for m in cl.members) \
        else 0.0
    # pointing back (こうした…), or to the day, person or firm of the sentence before
    # (同日, 同氏, 同社: the point does not show which)
    if _ANAPHORIC.search(rep.passage.text) or _REFERS_BACK.search(rep.passage.text):
        doubt += ANAPHORA_PENALTY
    if _BACKGROUND.search(rep.passage.text):
        doubt += BACKGROUND_PENALTY
    told = max(m.echo for m in cl.members)
    lead = ECHO_WEIGHT * told if told >= ECHO_MIN else 0.0
    if _ACTOR_ACTS.search(rep.passage.text):
        lead += ACTOR_BONUS
    return min(rep.fit, 4.0) + 2.5 * (n_sources - 1) + specificity + position + lead - doubt + (
        100 if any(m.pinned for m in cl.members) else 0)


class _Overlap:
    """Idf-weighted word overlap between the candidates of a build: whether two sentences,
    however worded, tell the same event. Clustering merges only near-copies; this is how the
    story's central events (every outlet's lead, each worded its own way) are told from one
    outlet's detail, and how a section avoids telling one event twice. Words most sentences
    use propose no pair, so the cost follows the corpus."""

    def __init__(self, clusters: list[Cluster]) -> None:
        import math

        import numpy as np

        self.docs = {m.passage.text: m for cl in clusters for m in cl.members}
        df: dict[str, int] = {}
        for m in self.docs.values():
            for w in m.lemmas:
                df[w] = df.get(w, 0) + 1
        n = len(self.docs)
        # the frame (記者会見, 会談, 官邸) says that something was said, not what: no weight
        self.idf = {w: 0.0 if any(f in w for f in FRAME_WORDS) else math.log(1 + n / d)
                    for w, d in df.items()}
        # a word a fifth of the sentences use is no evidence of one event; past
        # SUPPORT_MAX_POSTINGS neither (a big corpus: else every lead walks ever longer lists)
        common = min(max(SUPPORT_MIN_COMMON, n // 5), SUPPORT_MAX_POSTINGS)
        postings: dict[str, list[int]] = {}
        for i, m in enumerate(self.docs.values()):
            for w in m.lemmas:
                if df[w] <= common:
                    postings.setdefault(w, []).append(i)
        # each word's sentences as one array: support() sums a lead's overlaps in numpy, in
        # the order the words and sentences come (the same sums as a loop, bit for bit)
        self.postings = {w: np.array(ps, dtype=np.int64) for w, ps in postings.items()}
        self.outlet_of = [m.outlet or m.passage.source_id for m in self.docs.values()]
        self.norms = {t: math.sqrt(sum(self.idf[w] ** 2 for w in m.lemmas)) or 1.0
                      for t, m in self.docs.items()}
        self.norm_array = np.array(list(self.norms.values()), dtype=np.float64)

    def cosine(self, a: Candidate, b: Candidate) -> float:
        dot = sum(self.idf[w] ** 2 for w in a.lemmas & b.lemmas)
        return dot / (self.norms[a.passage.text] * self.norms[b.passage.text])

    def support(self, cl: Cluster) -> int:
        """How many outlets report CL's event: its own, and those of every sentence (of any
        section) whose rarer words overlap its representative's by SUPPORT_COSINE."""
        import numpy as np

        rep = representative(cl)
        outlets = set(cl.outlets)
        words = [w for w in rep.lemmas if w in self.postings]
        if not words:
            return len(outlets)
        lists = [self.postings[w] for w in words]
        weights = np.repeat(np.array([self.idf[w] ** 2 for w in words], dtype=np.float64),
                            [len(ps) for ps in lists])
        dots = np.bincount(np.concatenate(lists), weights=weights,
                           minlength=len(self.outlet_of))
        near = np.flatnonzero(dots)
        mine = self.norms[rep.passage.text]
        for i in near[dots[near] / (mine * self.norm_array[near]) >= SUPPORT_COSINE]:
            outlets.add(self.outlet_of[i])
        return len(outlets)


def representative(cl: Cluster) -> Candidate:
    """The member whose wording the point takes: pinned first, then from the more reliable
    source, then a report over an impression (印象的でした) or a writer's aside, then fit,
    figures and length."""
    return max(cl.members, key=lambda m: (
        m.pinned, not m.doubtful, m.rank, not _EVALUATIVE.search(m.passage.text),
        not _ASIDE.search(m.passage.text),
        m.fit + 0.3 * len(m.numbers) + min(len(m.passage.text), 120) / 120))


def build_items(cl: Cluster, section: str, support: int = 0, rep: Candidate | None = None
                ) -> Item:
    """The item of CL in SECTION, worded as REP (default: its representative)."""
    rep = rep or representative(cl)
    cites: list[Citation] = []
    cited: set[tuple[str, str]] = set()  # (source, text): one citation each
    for m in sorted(cl.members, key=lambda m: (m is not rep, m.passage.source_id,
                                               m.passage.start)):
        if (m.passage.source_id, m.passage.text) not in cited:
            cited.add((m.passage.source_id, m.passage.text))
            cites.append(Citation.of(m.passage))
    return Item(id=hashlib.sha1(rep.passage.text.encode()).hexdigest()[:8], section=section,
                ja=rep.passage.text, citations=cites, score=round(_salience(cl, support, rep), 3),
                pinned=any(m.pinned for m in cl.members),
                modality=main_modality(rep.passage), outlets=len(cl.outlets),
                credible=not all(m.doubtful for m in cl.members))


def candidates(passages: list[Passage], config: Config, classifier: Classifier
               ) -> list[Candidate]:
    out: list[Candidate] = []
    # each passage tested once (six patterns and perhaps a tokenisation), asked three times
    able = {(p.source_id, p.index) for p in passages if is_candidate(p)}
    # the story's own words first (随意契約 is trade in a rice story): every sentence a
    # point could be, by source, so a word several sources use can be learned
    classifier.adapt([(p.source_id, p.text) for p in passages
                      if p.kind == "heading" or (p.source_id, p.index) in able])
    heading: dict[str, dict[str, float]] = {}  # source -> section scores of the heading above
    quoted = mid_quote(passages)
    article = _article_sections(passages, classifier, able - quoted)
    for p in passages:
        if p.kind == "heading":  # the article's own title (first line) speaks for all of it
            heading[p.source_id] = classifier.classify(p.text).scores if p.index else {}
        pin = next((pin for pin in config.pins if pin.text in p.text), None)
        if any(x in p.text for x in config.exclude):
            continue
        if pin is None and ((p.source_id, p.index) not in able
                            or (p.source_id, p.index) in quoted):
            continue
        result = classifier.classify(p.text)
        section = pin.section if pin else result.section or _statement_section(
            p.text, result, config) or _article_section(result, article.get(p.source_id),
                                                        classifier)
        if section is None:
            continue
        a = analyse(p.text)
        # a sentence under a subheading about its section is that passage's point
        fit = (result.scores.get(section, 0.0)
               + HEADING_WEIGHT * heading.get(p.source_id, {}).get(section, 0.0))
        out.append(Candidate(p, section, fit, frozenset(a.lemmas),
                             numbers_of(p.text), len(set(a.proper)), pinned=pin is not None))
    return out + _leaning(passages, config, classifier, out, able - quoted)


def _leaning(passages: list[Passage], config: Config, classifier: Classifier,
             placed: list[Candidate], able: set[tuple[str, int]]) -> list[Candidate]:
    """Candidates for a section the placed sentences leave thin (fewer than THIN_MIN
    distinct sentences) although the sources discuss it: the unplaced sentences whose few
    words lean to it alone (備蓄 in an article on the stockpile: one listed word, short of
    min_score), when LEAN_SOURCES sources or more have such sentences. A section the sources
    discuss is never empty; one they mention once in passing stays so."""
    have: dict[str, set[str]] = {}
    for c in placed:
        have.setdefault(c.section, set()).add(c.passage.text)
    thin = {sc.key for sc in config.sections if len(have.get(sc.key, ())) < THIN_MIN}
    if not thin:
        return []
    found: dict[str, list[tuple[Passage, float]]] = {}
    for p in passages:
        if (p.source_id, p.index) not in able or any(x in p.text for x in config.exclude):
            continue
        result = classifier.classify(p.text)
        key = max(sorted(result.scores), key=lambda k: result.scores[k], default=None)
        if result.section is None and key in thin and (w := _lean(result, key, classifier)):
            found.setdefault(key, []).append((p, w))
    out: list[Candidate] = []
    for key, leaning in found.items():
        if len({p.source_id for p, _ in leaning}) < LEAN_SOURCES:
            continue
        for p, w in leaning:
            a = analyse(p.text)
            out.append(Candidate(p, key, w, frozenset(a.lemmas), numbers_of(p.text),
                                 len(set(a.proper)), leaning=True))
    return out


def _lean(result: Classification, key: str, classifier: Classifier) -> float:
    """The weight of KEY's words in RESULT when they lean to KEY: LEAN_MIN or more, twice
    any other section's, and not only the frame (会談, 会合: how the story's actors met);
    else 0."""
    mine = sum(classifier.term_weight(key, h) for h in result.hits.get(key, ())
               if not h.startswith("~") and not any(f in h for f in FRAME_WORDS))
    rival = max((v for k, v in result.scores.items() if k != key), default=0.0)
    return mine if mine >= LEAN_MIN and mine >= 2 * rival else 0.0


def _article_sections(passages: list[Passage], classifier: Classifier,
                      points: set[tuple[str, int]]) -> dict[str, dict[str, int]]:
    """Source -> how many of its candidate sentences (POINTS: (source id, index) of those not
    inside a quote), headings and title each section's words place: what the article is
    about, as it says itself."""
    out: dict[str, dict[str, int]] = {}
    for p in passages:
        if p.index == 0 or p.kind == "heading" or (p.source_id, p.index) in points:
            sec = classifier.classify(p.text).section
            if sec is not None:
                by = out.setdefault(p.source_id, {})
                by[sec] = by.get(sec, 0) + 1
    return out


def _article_section(result: Classification, placed: dict[str, int] | None,
                     classifier: Classifier) -> str | None:
    """The section of a sentence whose few words lean to its article's own section: a
    sentence of an article about rice sales whose only words are 契約 and 申し込み (too few
    to place it alone) is about what its article is about. The article must be mostly one
    section (ARTICLE_SHARE of ARTICLE_MIN placed sentences or more), the sentence's words
    must weigh LEAN_MIN there and twice any other section's: a lone word of another section,
    or words of none, stay unplaced."""
    if not placed or sum(placed.values()) < ARTICLE_MIN:
        return None
    key = max(sorted(placed), key=lambda k: placed[k])
    if placed[key] < ARTICLE_SHARE * sum(placed.values()):
        return None
    return key if _lean(result, key, classifier) else None


ARTICLE_MIN = 3  # placed sentences an article needs to speak for its other sentences
ARTICLE_SHARE = 0.6  # the share of them in one section that makes it the article's
LEAN_MIN = 1.0  # the least weight of section words a sentence placed by its article needs
THIN_MIN = 2  # distinct placed sentences below which a section is thin
LEAN_SOURCES = 2  # sources with sentences leaning to a thin section that show it is discussed


def _statement_section(text: str, result: Classification, config: Config) -> str | None:
    """Where a named official's statement goes that no section's words reach at all (石破首相は
    「…」と強調した): a statement by the story's actors is an event, not commentary, and
    STATEMENT_SECTION (when the brief has it) is the section for statements. A sentence some
    section's terms lean to stays unplaced: the lexicon's lean there is no better than chance."""
    if any(result.scores.values()) or not _ACTOR_ACTS.search(text):
        return None
    return STATEMENT_SECTION if any(sc.key == STATEMENT_SECTION for sc in config.sections) \
        else None


def _headline_words(text: str) -> frozenset[str]:
    """The content words (kanji, katakana) of an article's title: what its outlet leads with."""
    return frozenset(w for w in analyse(text).lemmas if _HEAD_WORD.fullmatch(w))


def _echo(head: frozenset[str], text: str) -> float:
    """The share of HEAD's words TEXT holds: the sentence that tells what the headline says
    is the article's main point, whatever the section's vocabulary."""
    if len(head) < 2:
        return 0.0
    return sum(1 for w in head if w in text) / len(head)


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
    copies = {s.id for s in sources if s.kind == "forum" and s.origin}
    outlet = {s.id: s.outlet_key for s in sources}
    anchors = {s.id: anchor_of(s) for s in sources}
    rank = {s.id: RELIABILITY_RANK.get(s.reliability, 2) for s in sources}
    headline = {s.id: _headline_words(s.title) for s in sources}
    with t("facts"):
        for c in cands:
            c.doubtful = c.passage.source_id in low
            c.copied = c.passage.source_id in copies
            c.rank = rank.get(c.passage.source_id, 2)
            c.outlet = outlet.get(c.passage.source_id, "")
            c.facts = facts_of(c.passage, anchors.get(c.passage.source_id))
            c.echo = _echo(headline.get(c.passage.source_id, frozenset()), c.passage.text)
    with t("cluster"):
        clusters = cluster(cands, config.merge_threshold)
    with t("rank"):
        sections = _sections(clusters, config)
    with t("parse (GiNZA)" if parse else "modality"):
        refine_modality([it for s in sections for it in s.items], parse_cache, parse)
    return sections, bottom_line(sections, config.bottom_line_items)


def _sections(clusters: list[Cluster], config: Config) -> list[Section]:
    """Each section's clusters ranked by salience, the best non-redundant ones as items; a
    later telling of a chosen point's event (in any section) is folded into it, so the point
    cites every outlet that reports it and no event is shown twice. Each cluster's
    representative and salience are worked out once."""
    rep = {id(cl): representative(cl) for cl in clusters}
    overlap = _Overlap(clusters)
    support = {id(cl): overlap.support(cl) for cl in clusters}
    sal = {id(cl): _salience(cl, support[id(cl)]) for cl in clusters}
    sections: list[Section] = []
    cap = {sc.key: sc.max_items for sc in config.sections}
    chosen: dict[str, list[Cluster]] = {sc.key: [] for sc in config.sections}
    every: list[Cluster] = []  # chosen, in any section
    told: dict[int, list[Candidate]] = {}  # chosen cluster -> other tellings folded into it
    reach = Reach()  # every chosen cluster's distinct sentences, grouped by its place in EVERY
    # the whole brief's clusters by salience: an event told in two sections' words is one
    # point, in the section of its most salient telling
    for cl in sorted((cl for cl in clusters if cl.members[0].section in cap),
                     key=lambda cl: (-sal[id(cl)], rep[id(cl)].passage.source_id,
                                     rep[id(cl)].passage.start)):
        pinned = any(m.pinned for m in cl.members)
        # one event told again in other words is the chosen point's corroboration,
        # not a second point: the point cites it (the section shows the next event)
        same = None if pinned else _same_event(cl, every, rep, overlap,
                                               config.merge_threshold * 0.85, reach)
        if same is not None:
            told.setdefault(id(same), []).extend(cl.members)
            continue
        mine = chosen[cl.members[0].section]
        if _weak(cl) and sum(map(_weak, mine)) >= THIN_MIN:
            continue  # a thin section's leaning sentences: enough not to leave it empty
        if len(mine) < cap[cl.members[0].section] or pinned:
            mine.append(cl)
            reach.add(cl.distinct, len(every))
            every.append(cl)
    picked = _within_budget([chosen[sc.key] for sc in config.sections], sal, config.max_points)
    for sc, kept in zip(config.sections, picked, strict=True):
        items = [build_items(Cluster(cl.members + told.get(id(cl), [])), sc.key,
                             support[id(cl)], rep[id(cl)]) for cl in kept]
        sections.append(Section(sc.key, sc.title, sc.description, items))
    return sections


def _weak(cl: Cluster) -> bool:
    """CL is only a thin section's leaning sentences (_leaning)."""
    return all(m.leaning for m in cl.members)


def _same_event(cl: Cluster, chosen: list[Cluster], rep: dict[int, Candidate],
                overlap: _Overlap, loose: float, reach: Reach) -> Cluster | None:
    """The chosen cluster CL tells again, if any: a near-copy of one of its sentences (LOOSE
    similarity), the same event in other words (SAME_EVENT overlap), or a sentence sharing
    a measured figure (約45メートル, 5キロ2000円) and a few rarer words with it. Two reports
    that disagree on a figure, date or modality are never one point."""
    mine = rep[id(cl)]
    figures = _measures(mine.passage.text)
    near: dict[int, list[Candidate]] | None = None  # REACH: asked once, of every chosen
    for k, o in enumerate(chosen):
        other = rep[id(o)]
        if mine.facts and other.facts and clash(mine.facts, other.facts):
            continue
        cos = overlap.cosine(mine, other)
        if cos >= SAME_EVENT or (cos >= MEASURE_COSINE
                                 and not figures.isdisjoint(_measures(other.passage.text))):
            return o
        if near is None:
            near = reach.reachable_by_group(mine, loose)
        if any(similarity(mine, m) >= loose for m in near.get(k, ())):
            return o
    return None


# A figure with what it measures (45メートル, 約230回, 5キロ, 2000円, 75%): not a date or a time.
_MEASURE = re.compile(
    r"(\d[\d,.]*)\s*(万|億|兆)?\s*(メートル|m|キロメートル|km|キロ|kg|トン|t|分間|分|回|隻|機|"
    r"円|ドル|%|％|パーセント|社|人|件|カ国|か国|ヵ国)(?![a-zA-Z])")
_UNIT = {"メートル": "m", "キロメートル": "km", "％": "%", "パーセント": "%", "分間": "分",
         "か国": "カ国", "ヵ国": "カ国"}


def _measures(text: str) -> frozenset[str]:
    """TEXT's measured figures, normalised (約45m and 約45メートル agree). A one-digit count
    (2隻, 3カ国) is in too many sentences of a story to tell one event."""
    t = text.translate(str.maketrans("０１２３４５６７８９，．", "0123456789,."))
    return frozenset(n.replace(",", "") + big + _UNIT.get(unit, unit)
                     for n, big, unit in _MEASURE.findall(t) if big or len(n) > 1)


def _within_budget(picked: list[list[Cluster]], sal: dict[int, float], budget: int
                   ) -> list[list[Cluster]]:
    """At most BUDGET points in all (0: no limit), by salience across the whole brief: a
    section gets as many as its evidence earns against the others', every section with
    points at least SECTION_FLOOR of them; pinned points always stay, and points two or more
    outlets cite come before any single outlet's. Past the floor a point competes by its
    salience against its own section's best: sections' words weigh differently (a market
    story's trade terms outweigh any statement's), so a section's fourth-best point is not
    crowded out by another's tenth."""
    if budget <= 0 or sum(len(ch) for ch in picked) <= budget:
        return picked
    keep = {id(cl) for ch in picked for cl in ch[:SECTION_FLOOR]}
    keep |= {id(cl) for ch in picked for cl in ch if any(m.pinned for m in cl.members)}
    # a point two outlets cite is never crowded out by one outlet's detail elsewhere
    best = [max((sal[id(cl)] for cl in ch), default=1.0) for ch in picked]
    top = {id(cl): max(b, 1e-9) for ch, b in zip(picked, best, strict=True) for cl in ch}
    rest = sorted((cl for ch in picked for cl in ch if id(cl) not in keep),
                  key=lambda cl: (len(cl.outlets) < 2, -sal[id(cl)] / top[id(cl)]))
    keep |= {id(cl) for cl in rest[:max(0, budget - len(keep))]}
    return [[cl for cl in ch if id(cl) in keep] for ch in picked]


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
    """The n most important *done* points across sections: the most corroborated (outlets
    citing it, then salience, which counts the outlets that report the event) first, each
    section's best before a second from any section as long as it is close to the best
    (BREADTH_SHARE of its score).

    Never a point only low-reliability sources make, never an opinion, a plan or a forum
    line, nor a sentence that needs the one before it (もう一つの…, こうした…, 同日…) or is
    mostly someone's quoted words: each point reads alone. When too few points qualify, the
    bottom line is shorter rather than padded."""
    ok = [it for s in sections for it in s.items
          if it.credible and _reads_alone(it.ja) and (
              it.modality in BOTTOM_LINE_MODALITIES
              or it.modality == "planned" and it.outlets > 1 and _ANNOUNCED.search(it.ja))]
    ok.sort(key=lambda it: (-it.outlets, -it.score, it.id))
    picked: list[Item] = []
    top = ok[0].score if ok else 0.0
    for it in ok:  # breadth first: one per section, among points close to the best
        if len(picked) < n and it.section not in {p.section for p in picked} and \
                it.score >= BREADTH_SHARE * top:
            picked.append(it)
    for it in ok:
        if len(picked) < n and it not in picked:
            picked.append(it)
    return sorted(picked, key=lambda it: (-it.outlets, -it.score, it.id))


def _reads_alone(text: str) -> bool:
    """A sentence a reader understands without the one before it, stating what happened: no
    pointing back (その, こうした, もう一つの, 同日), no opinion or commentary, no quote
    longer than a clause."""
    if _ANAPHORIC.search(text) or _LEANS.search(text) or _EVALUATIVE.search(text) or \
            _BACKGROUND.search(text) or _ASIDE.search(text) or _REFERS_BACK.search(text) \
            or _NO_SPEAKER.search(text):
        return False
    return all(len(q) <= QUOTE_MAX for q in re.findall(r"「([^「」]*)」", text))


# The same day, person, firm, ministry or country as the sentence before, anywhere in the
# sentence (小泉農相は同日の会見で…): its referent is in a sentence the Bottom line does not show.
_REFERS_BACK = re.compile(r"(?<![\u4e00-\u9fff])同(?:日|氏|社|省|国|庁|党|紙)")
# Someone's words with no one saying them (…残り15万トン程度となるとした。): the speaker is in
# the sentence before. A sentence with a topic (…は) or a source (…によると) has one.
_NO_SPEAKER = re.compile(r"^(?!.*(?:は|によると|によれば)).*と(?:した|している|述べた|語った|"
                         r"説明した|強調した|明らかにした)。?$")
BOTTOM_LINE_MODALITIES = ("done", "stated", "reported")
# A plan that was announced (…前倒しする方針を説明しました, …を決定した): the announcement is
# what happened, so a plan several outlets report may be a Bottom line point.
_ANNOUNCED = re.compile(r"(?:表明|発表|説明|決定|決め|明らかに|打ち出|示)(?:し)?(?:た|ました)。?$")
RELIABILITY_RANK: dict[Reliability, int] = {"high": 3, "medium": 2, "low": 1}
