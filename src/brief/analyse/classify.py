"""Assign a candidate sentence to at most one section by its main point.

A section is defined by what it covers, not by one story's words. Three signals, strongest
first: the shipped domain lexicon (analyse/data/sections.tsv, hundreds of weighted terms and
patterns per standard section); the user's brief.toml keywords (additions, and overrides of a
weight) and the Japanese words of the section's description; and, as a tie-breaker and for
words no list has, GiNZA word vectors (the sentence's content words against a centroid of each
section's terms). Terms match on Sudachi lemmas and noun compounds; a term that only occurs
inside a longer matched term (安全保障 inside 経済安全保障) does not count separately. A
sentence needs two distinct hits (or one decisive term that the vectors agree with or no other
section contests) and a clear
lead over the runner-up; one ordinary keyword never decides alone.

A story's own vocabulary (随意契約 in a rice story, 艦載機 in a naval one) is in no list: before
a build classifies, adapt() learns it from the story itself, giving each word several sources
use the section of the sentences the lexicon places it in (names, countries' names inside
compounds excepted, and how/when words never count). A sentence whose only hits are the frame
of a report (会談, 会見, 官邸, 分間: who met whom, where, how long) goes nowhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from brief.analyse.lexicon import SectionLexicon, shipped_lexicon
from brief.analyse.morphology import Analysis, analyse, normalise_term
from brief.analyse.vectors import WordVectors, load_vectors
from brief.config import Config

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

DESCRIPTION_WEIGHT = 1.0  # a Japanese word of a section's description, as a term
VECTOR_WEIGHT = 1.5  # scale of the vector similarity added to a section's score
DECISIVE = 1.5  # a term this heavy may decide alone when the vectors agree
LEAD = 2.0  # a decisive term's section weighing this many times any other's is not contested
SOFT_COSINE = 0.55  # an unlisted word this close to a section's centroid is a soft hit
SOFT_WEIGHT = 0.7  # a soft hit's weight
CENTROID_MIN_WEIGHT = 1.0  # terms at least this heavy define the section's centroid
_MEMO = 100_000  # classifications kept per classifier (a build's distinct sentences)
# The story's own vocabulary (adapt()): a word at least STORY_SOURCES sources use, found in
# at least STORY_SUPPORT sentences the lexicon placed, STORY_SHARE of them in one section,
# becomes that section's term for this build, weighing STORY_WEIGHT times its share.
STORY_SOURCES = 2
STORY_SUPPORT = 2.0
STORY_SHARE = 0.6
STORY_WEIGHT = 1.0
ADAPT_ROUNDS = 1
HOLD_MIN = 0.8  # a listed term this heavy gives its meaning to a compound holding it
WEAK_VOTE = 0.5  # a sentence the lexicon leaned to without placing votes this much
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# The venue of a visit or a speech is where, not what about: 米海軍横須賀基地を訪問し /
# 原子力空母の艦上でトランプ氏が演説した is a leader's gesture, not a military matter. Venues
# are left out of the lexicon's terms and the vectors (patterns and the user's brief.toml
# keywords still see the whole sentence).
_VENUE = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ffー・の]{2,24}?(?:(?:を|に)?(?=訪問|訪れ|視察)|"
                    r"で(?=[^、。]{0,12}?演説))")
_CONTENT_WORD = re.compile(r"[\u30a0-\u30ff\u3400-\u9fff]{2,}")  # kanji/katakana, no kana endings
# who, not what about: never a soft hit, whatever their vectors are near
_GENERIC = {"政府", "首相", "大統領", "大臣", "日本", "中国", "米国", "両国", "同国", "当局",
            "関係者", "専門家", "発表", "会社", "企業", "今年", "昨年", "来年", "今後", "一方",
            "国内", "海外"}
# That a meeting or a briefing took place, and where: the frame of a report, not its point.
# A sentence whose only hits are these (石破首相は23日、李大統領と首相官邸で会談した; the
# small-group meeting ran to an hour; the spokesman answered a question) is placed nowhere.
# A name before a person's title: 李(大統領), 石破(首相), 小野寺(氏)
_TITLED = re.compile(r"(?<![\u4e00-\u9fff\u30a0-\u30ff])([\u4e00-\u9fff]{1,3}|[\u30a0-\u30ff]{2,8})"
                     r"(?:氏|大統領|首相|総理|報道官)(?:は|が|の|と|に|も|、)")
_COUNTRY_INITIALS = set("日米中韓朝露英仏独印豪台伊加")  # 米大統領: the country, not a name
# How and where words were said: the channel of a statement, not what it is about. When a
# sentence quotes someone (「…」と述べた, SNSで「…」と投稿) and the quoted words are about some
# section's matter, these words outside the quote say only that it was said: the quote is
# classified, not its frame (a minister's 「備蓄米を放出する」と発言 is about the stockpile).
CHANNEL = frozenset({"会見", "記者会見", "定例会見", "発言", "答弁", "国会答弁", "談話", "声明",
                     "コメント", "投稿", "SNS", "X", "ウェイボー", "微博", "演説", "スピーチ",
                     "説明会", "表現", "報道官", "官房長官", "報道"})
QUOTE_MIN = 8  # characters: a quote this long is someone's words, not a name (「遼寧」, 「P3C」)
_QUOTED = re.compile(r"「((?:[^「」]|「[^「」]*」)*)」")
FRAME_WORDS = ("会談", "会合", "会見", "訪問", "訪日", "来日", "訪韓", "訪中", "訪米", "官邸",
               "報道官", "報道局長", "司会", "質問", "ブリーフィング", "説明会", "分間", "時間")
# Words of any story that say how, when or how much rather than what about: never a story
# term (adapt()) however often one story's placed sentences use them.
_PLAIN = _GENERIC | {
    "可能", "予定", "今回", "対応", "認識", "分野", "年度", "年間", "拡大", "最低", "国家", "人数",
    "分間", "実施", "関係", "問題", "状況", "必要", "方針", "結果", "影響", "時点", "以上", "以下",
    "現在", "当時", "同日", "午前", "午後", "会見", "記者", "質問", "発言", "記事", "報道", "連携",
    "協議", "意見", "説明", "表明", "強調", "指摘", "確認", "検討", "開始", "発表", "主張", "一部",
    "全体", "最大", "最初", "初日", "数量", "規模", "内容", "理由", "目的", "意向", "考え", "姿勢",
    "期間", "時期", "時間", "今月", "先月", "来月", "今週", "先週", "地域", "世界", "全国", "大手",
    "東京", "同氏", "自身", "相手", "双方", "両者", "会談", "首脳", "総理", "大臣", "長官", "政権",
    "日米", "日中", "日韓", "米中", "韓日", "韓国", "北朝鮮", "ロシア", "台湾", "安全", "保障",
    "共同", "当初", "過去", "全般", "交換", "同行", "夫妻", "箇月", "程度", "対象", "一般", "業者",
    "トン", "キロ", "メートル", "ドル", "億円", "万円"}
# A ministry's or an agency's name (農林水産省, 水産庁), a post (農林水産大臣, 農水相, 防衛庁長官)
# and their pieces (農林, 水産, 農水) say who.
_BODY_ENDS = ("省", "庁", "大臣", "長官", "相", "室長", "局長", "部長", "課長", "社長", "会長",
               "委員長")


@dataclass(frozen=True)
class Classification:
    section: str | None
    score: float  # the chosen (or best) section's decision score
    scores: dict[str, float]  # weight of the terms each section matched (its fit)
    hits: dict[str, tuple[str, ...]]
    similarity: dict[str, float]  # word-vector cosine to each section (0 without vectors)
    # section -> the unlisted words near its centroid, whatever the story's terms (see
    # _classify): kept so that a text a story term makes classify again needs no vectors
    soft: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class _Section:
    key: str
    terms: dict[str, float]  # term -> weight
    norms: dict[str, str]  # term -> its normalised form
    patterns: list[tuple[re.Pattern[str], float]]
    user: frozenset[str] = frozenset()  # the brief.toml keywords: matched on the whole text
    centroid: NDArray[np.float32] | None = None

    def __post_init__(self) -> None:
        # each spelling a term matches by (itself, its normalised form) -> the terms' places,
        # so a sentence looks up its own units instead of testing every term of the lexicon
        self.forms: dict[str, list[int]] = {}
        self.user_forms: dict[str, list[int]] = {}
        for i, (t, norm) in enumerate(self.norms.items()):
            for form in dict.fromkeys((norm, t)):
                self.forms.setdefault(form, []).append(i)
                if t in self.user:
                    self.user_forms.setdefault(form, []).append(i)
        self.term_list = list(self.norms)

    def matches(self, units: frozenset[str], whole: frozenset[str]) -> list[str]:
        """The terms found among UNITS (a user's keyword also among WHOLE), in term order."""
        found: set[int] = set()
        for form in units & self.forms.keys():
            found.update(self.forms[form])
        for form in whole & self.user_forms.keys():
            found.update(self.user_forms[form])
        return [self.term_list[i] for i in sorted(found)]


class Classifier:
    def __init__(self, config: Config, use_vectors: bool = True,
                 lexicon: dict[str, SectionLexicon] | None = None) -> None:
        """USE_VECTORS: ja_ginza's word vectors, loaded on first use (False: lists only)."""
        self.config = config
        lexicon = shipped_lexicon() if lexicon is None else lexicon
        self._sections: list[_Section] = []
        claimed = {kw: sec.key for sec in config.sections for kw in sec.keywords}
        # a section the lexicon does not know (a user's "Energy") takes the lexicon's terms
        # that contain its keywords (エネルギー安全保障 for エネルギー) from the others
        for sec in config.sections:
            if sec.key not in lexicon:
                for kw in (k for k in sec.keywords if len(k) > 1):
                    for t in (t for lex in lexicon.values() for t in lex.terms if kw in t):
                        claimed.setdefault(t, sec.key)
        for sec in config.sections:
            lex = lexicon.get(sec.key, SectionLexicon())
            # a term the user gave another section is that section's, not the lexicon's
            terms = {t: w for t, w in lex.terms.items() if claimed.get(t, sec.key) == sec.key}
            if sec.key not in lexicon:
                terms.update({t: w for other in lexicon.values() for t, w in other.terms.items()
                              if claimed.get(t) == sec.key})
            for lemma in analyse(sec.description).lemmas if sec.description else ():
                if _JAPANESE.search(lemma) and len(lemma) > 1:
                    terms.setdefault(lemma, DESCRIPTION_WEIGHT)
            terms.update(sec.keywords)  # the user's word wins
            self._sections.append(_Section(
                sec.key, terms, {t: normalise_term(t) for t in terms},
                [*lex.patterns, *_literal_patterns(terms)], frozenset(sec.keywords)))
        self._use_vectors = use_vectors
        self._vectors_ready = False
        self._vec: WordVectors | None = None
        self._listed = {n for s in self._sections for n in s.norms.values()}
        self._listed_bodies = tuple(sorted(n for n in self._listed if n.endswith(_BODY_ENDS)))
        # a listed term -> the sections listing it (a compound holding one means what it
        # does), unless the term is too plain to (経済 0.4 in 排他的経済水域)
        self._listed_in: dict[str, set[str]] = {}
        for s in self._sections:
            for term, norm in s.norms.items():
                if s.terms[term] >= HOLD_MIN:
                    for t in {term, norm} - {""}:
                        self._listed_in.setdefault(t, set()).add(s.key)
        self._done: dict[str, Classification] = {}
        self._story: dict[str, dict[str, float]] = {}  # section -> the story's own terms
        # the vector evidence (similarities, soft hits) of texts _restory forgot, reused
        self._sims: dict[str, tuple[dict[str, float], dict[str, tuple[str, ...]]]] = {}

    def adapt(self, texts: list[tuple[str, str]]) -> dict[str, dict[str, float]]:
        """Learn the story's own vocabulary from TEXTS ((source id, sentence) pairs).

        A word no list has (随意契約, 艦載機) is given the section of the sentences the lexicon
        places it in, when several sources use it and most of those sentences agree: the
        story teaches the classifier its words, instead of a longer list tuned to one story.
        ADAPT_ROUNDS rounds: the sentences the first round's words place teach the second.
        Only the classifications a story term can change are forgotten (_restory), so the
        analyse stage's stay. Returns section -> term -> weight."""
        self._restory({})
        unique = list(dict.fromkeys(texts))
        sources: dict[str, set[str]] = {}
        # a name anywhere in the story is a name everywhere (石破 in 石破式カレー too)
        # (countries are not: 米国産 and 日米関税 are what about)
        names = {n for _, text in unique for n in analyse(text).proper
                 if len(n) > 1 and n not in analyse(text).countries}
        # and so is what stands before a person's title (李大統領, 李氏)
        names |= {m.group(1) for _, text in unique for m in _TITLED.finditer(text)
                  if m.group(1) not in _COUNTRY_INITIALS}
        # and so are a ministry's or a post's name and its pieces, wherever the story names it
        # (農林水産大臣 in one sentence, 農林水産省 in the next: 農林水産 is who, in both)
        # and how they met: the pieces of a frame's compound (少人数会合: 少人数)
        units = {u for _, text in unique for u in analyse(_VENUE.sub("", text)).units}
        bodies = _pieces({u for u in units if u.endswith(_BODY_ENDS) and len(u) > 2}
                         | {u for u in units if any(f in u and f != u for f in FRAME_WORDS)})
        words = {text: {w for w in self._story_words(text, bodies) if not _holds_any(w, names)}
                 for _, text in unique}
        for sid, text in unique:
            for w in words[text]:
                sources.setdefault(w, set()).add(sid)
        for _ in range(ADAPT_ROUNDS):
            votes: dict[str, dict[str, float]] = {}
            for _sid, text in unique:
                c = self.classify(text)  # under no story terms: the analyse stage's, mostly
                best = max(c.scores, key=lambda k: c.scores[k], default=None)
                if best is None or c.scores[best] <= 0:
                    continue
                for w in words[text]:
                    by = votes.setdefault(w, {})
                    by[c.section or best] = by.get(c.section or best, 0.0) + (
                        1.0 if c.section else WEAK_VOTE)
            self._restory(_story_terms(votes, sources, self._listed_in))
        return self._story

    def _restory(self, story: dict[str, dict[str, float]]) -> None:
        """Take STORY as the story's terms, forgetting the classifications of the texts that
        use a term of the old or the new story: a story term counts only where a text has it
        as a unit (a hit) or a lemma (then not an unlisted word for the vectors), so every
        other text classifies as before, and is not classified again."""
        terms = {w for t in (*self._story.values(), *story.values()) for w in t}
        self._story = story
        if not terms:
            return
        for text in list(self._done):
            a = analyse(_VENUE.sub("", text))
            if not terms.isdisjoint(a.units) or not terms.isdisjoint(a.lemmas):
                # its word vectors' evidence does not depend on the story: kept
                old = self._done.pop(text)
                self._sims[text] = (old.similarity, old.soft)

    def _story_words(self, text: str, bodies: set[str]) -> set[str]:
        """TEXT's content words and compounds that no list has: candidates for story terms.
        Names (トランプ, 小泉進次郎, and compounds holding one) and BODIES (the pieces of
        the ministries' and posts' names anywhere in the story: 農林水産省 gives 農林, 水産)
        say who, not what about."""
        a = analyse(_VENUE.sub("", text))
        names = [n for n in a.proper if len(n) > 1]
        return {u for u in a.units
                if u not in self._listed and u not in _PLAIN and _CONTENT_WORD.fullmatch(u)
                and not any(n in u for n in names) and not any(f in u for f in FRAME_WORDS)
                and u not in bodies}

    def _vectors(self) -> WordVectors | None:
        if not self._vectors_ready:
            self._vec = load_vectors() if self._use_vectors else None
            if self._vec is not None:
                for s in self._sections:
                    words = [t for t, w in s.terms.items() if w >= CENTROID_MIN_WEIGHT
                             or w == DESCRIPTION_WEIGHT] or list(s.terms)
                    s.centroid = self._vec.mean(words)
            self._vectors_ready = True
        return self._vec

    def similarities(self, lemmas: tuple[str, ...]) -> dict[str, float]:
        """Cosine of the sentence's mean content-word vector to each section's centroid."""
        vec = self._vectors()
        sent = vec.mean(lemmas) if vec else None
        if sent is None:
            return {s.key: 0.0 for s in self._sections}
        return {s.key: float(sent @ s.centroid) if s.centroid is not None else 0.0
                for s in self._sections}

    def _near(self, words: list[str]) -> dict[str, tuple[str, ...]]:
        """Section -> the WORDS (in order) whose vectors are close to its centroid: soft hits.
        One matrix product per sentence, not a dot product per word and section."""
        vec = self._vectors()
        if vec is None or not words:
            return {}
        found = [(w, v) for w in words if (v := vec.get(w)) is not None]
        if not found:
            return {}
        import numpy as np

        keyed = [(s.key, s.centroid) for s in self._sections if s.centroid is not None]
        if not keyed:
            return {}
        cos = np.stack([v for _, v in found]) @ np.stack([c for _, c in keyed]).T
        return {key: tuple(w for (w, _), c in zip(found, cos[:, j], strict=True)
                           if float(c) >= SOFT_COSINE)
                for j, (key, _) in enumerate(keyed)}

    def remember(self, found: dict[str, Classification]) -> None:
        """Classifications made ahead with this configuration (the analyse stage's)."""
        self._done.update(found)

    def classify(self, text: str) -> Classification:
        """TEXT's section (or None) with the evidence; each distinct text is classified once
        per build (wire copies and the figures and title stages ask again)."""
        hit = self._done.get(text)
        if hit is None:
            if len(self._done) >= _MEMO:
                self._done.clear()
            hit = self._done[text] = self._classify(text)
        return hit

    def _classify(self, text: str) -> Classification:
        a = analyse(_VENUE.sub("", text))
        units = a.units
        whole = analyse(text).units  # a user's keyword counts wherever it is (横須賀 = optics)
        matched = {s.key: s.matches(units, whole) for s in self._sections}
        every = {t for hits in matched.values() for t in hits}
        # an unlisted ministry's, agency's or post's name (農林水産省, 経済産業大臣) says who
        # acts: the listed words inside it (水産, 経済) are not what the sentence is about
        # (a listed body, 国防省 in 中国国防省, is the section's own word and counts; so is
        # a user's keyword, wherever it is)
        named = every | {u for u in units if u.endswith(_BODY_ENDS) and len(u) > 2
                         and not u.endswith(self._listed_bodies)}
        kept_vectors = self._sims.pop(text, None)
        if kept_vectors is None:
            unlisted = [w for w in dict.fromkeys(a.lemmas) if w not in self._listed
                        and w not in _GENERIC and _CONTENT_WORD.fullmatch(w)]
            sims, soft = self.similarities(a.lemmas), self._near(unlisted)
        else:
            sims, soft = kept_vectors
        # a story term is a hit, not a soft one (each word's cosine is its own: leaving the
        # story's words out afterwards is leaving them out before)
        near = {k: [w for w in ws if not any(w in t for t in self._story.values())]
                for k, ws in soft.items()}
        total: dict[str, float] = {}
        lexical: dict[str, float] = {}  # listed terms and patterns only: the section fit
        hit_weight: dict[str, float] = {}  # listed and soft hits, without the vectors
        kept: dict[str, tuple[str, ...]] = {}
        quoted = self._quoted_matter(text)
        for s in self._sections:
            good = [t for t in matched[s.key]
                    if not _only_inside_longer(t, every if t in s.user else named, text)
                    and not (quoted and t in CHANNEL and not {t, s.norms[t]} & quoted.units)]
            weight = sum(s.terms[t] for t in good)
            for pattern, w in s.patterns:
                m = pattern.search(text)
                # a verbal form (輸入を停止) adds to the terms inside it, unless it is itself
                # inside a matched term; a quote's frame (」と強調した) when the quote is
                # about a section's matter says only that it was said
                if m and not any(m.group(0) in t for t in good) and not (
                        quoted and text[max(0, m.start() - 1):m.start()] == "」"):
                    good.append(m.group(0))
                    weight += w
            for word in sorted(self._story.get(s.key, {}).keys() & units):
                if not _only_inside_longer(word, every | set(good), text):
                    good.append(word)
                    weight += self._story[s.key][word]
            if good and all(any(f in h for f in FRAME_WORDS) for h in good):
                weight = 0.0  # only the frame: who met whom, where, how long
            lexical[s.key] = round(weight, 4)
            for word in near.get(s.key, ()):
                if quoted and word not in quoted.lemmas:
                    continue  # near a section's words, but in the frame (表明, 反論)
                good.append(f"~{word}")
                weight += SOFT_WEIGHT
            kept[s.key] = tuple(good)
            hit_weight[s.key] = round(weight, 4)
            total[s.key] = round(weight + VECTOR_WEIGHT * sims[s.key], 4)
        ranked = sorted(total.items(), key=lambda kv: -kv[1])
        best, best_score = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else 0.0
        hits = kept[best]
        agree = max(sims, key=lambda k: sims[k]) == best and sims[best] > 0
        # a decisive term is not vetoed by another section's stray word (数十億ドルの
        # 防衛装備品: ドル is the price of the purchase) when its section weighs LEAD times more
        rival = max((lexical[k] for k in lexical if k != best), default=0.0)
        decisive = any(not h.startswith("~") and self.term_weight(best, h) >= DECISIVE
                       for h in hits) and (agree or lexical[best] >= LEAD * rival)
        # listed and soft hits, as summed: taking the vectors back off the rounded total left
        # a sentence at exactly min_score (備蓄 1.0 + 在庫 1.0) short of it by 0.00005 about
        # half the time, by its vector's digits
        weight = hit_weight[best]
        listed = lexical[best] > 0  # soft hits add to listed terms, never stand alone
        ok = listed and best_score > runner and (
            (weight >= self.config.min_score and len(hits) >= 2) or decisive)
        return Classification(best if ok else None, best_score, lexical, kept, sims, soft)

    def _quoted_matter(self, text: str) -> Analysis | None:
        """The analysis of the words TEXT quotes (「…」, QUOTE_MIN characters or more) when
        they are about a section's matter: then the statement's channel (CHANNEL: 発言, SNS,
        会見) and the verbs of its frame outside the quote do not count, so a minister's
        words on the stockpile are about the stockpile. None when TEXT quotes no one, or its
        quoted words are about nothing a section lists, or are best about what the channel
        words themselves are about (a quoted apology, a protest): then the frame counts."""
        content = "。".join(q for q in _QUOTED.findall(text) if len(q) >= QUOTE_MIN)
        if not content:
            return None
        inner = analyse(content)
        weights = {s.key: sum(s.terms[t] for t in s.matches(inner.units, inner.units)
                              if t not in CHANNEL) for s in self._sections}
        best = max(weights, key=lambda k: weights[k], default=None)
        if best is None or weights[best] <= 0:
            return None
        if any(t in CHANNEL for s in self._sections if s.key == best for t in s.terms):
            return None  # the quote is about statements, perception: the frame's section
        return inner

    def is_term(self, key: str, hit: str) -> bool:
        """HIT (of section KEY) is a listed or a story's term, a word: not a pattern's match,
        which may end mid-verb (大使を呼び出)."""
        s = next(s for s in self._sections if s.key == key)
        return hit in s.terms or hit in self._story.get(key, {})

    def term_weight(self, key: str, term: str) -> float:
        """The weight TERM (a listed term or a pattern's match) carries for section KEY."""
        s = next(s for s in self._sections if s.key == key)
        if term in s.terms:
            return s.terms[term]
        if term in self._story.get(key, {}):
            return self._story[key][term]
        return max((w for p, w in s.patterns if p.search(term)), default=0)


def _literal_patterns(terms: dict[str, float]) -> list[tuple[re.Pattern[str], float]]:
    """A pattern of its own text for each of TERMS that no sentence's lemmas and compounds
    can hold (a particle or an adverb inside it: 核の傘, 断固反対, 力による一方的な現状変更; a
    ・ or a figure: エンティティー・リスト, 232条), so a listed term or a user's keyword
    matches where it is written, not never. Latin letters and digits at its ends must not
    be part of a longer word or number (5G is not in 15G, 2% not in 12%)."""
    out: list[tuple[re.Pattern[str], float]] = []
    for term, weight in terms.items():
        if term in _unit_terms(term):
            continue
        body = re.escape(term)
        if _ALNUM.match(term[0]):
            body = r"(?<![A-Za-z0-9０-９])" + body
        if _ALNUM.match(term[-1]):
            body += r"(?![A-Za-z0-9０-９])"
        out.append((re.compile(body), weight))
    return out


_ALNUM = re.compile(r"[A-Za-z0-9０-９]")


def _unit_terms(term: str) -> frozenset[str]:
    """TERM itself when a sentence's units can hold it (its normalised form or its text is a
    unit of a sentence made of it), else nothing."""
    units = analyse(f"その{term}だ。").units
    return frozenset({term}) if normalise_term(term) in units or term in units else frozenset()


def _story_terms(votes: dict[str, dict[str, float]], sources: dict[str, set[str]],
                 listed_in: dict[str, set[str]]) -> dict[str, dict[str, float]]:
    """Section -> term -> weight: the words enough sources use whose placed sentences mostly
    agree on one section (adapt()). A compound holding another section's listed term means
    what that term means (安全保障分野 is security's 安全保障 in a field): never learned for
    the section its sentences happen to be in (LISTED_IN: a listed term -> its sections)."""
    story: dict[str, dict[str, float]] = {}
    for w, by in votes.items():
        key = max(by, key=lambda k: by[k])
        share = by[key] / sum(by.values())
        held = {k for piece in _pieces({w}) if len(piece) > 1 for k in listed_in.get(piece, ())}
        if held - {key}:
            continue
        if (len(sources.get(w, ())) >= STORY_SOURCES and by[key] >= STORY_SUPPORT
                and share >= STORY_SHARE):
            story.setdefault(key, {})[w] = round(STORY_WEIGHT * share, 3)
    return story


def _pieces(words: set[str]) -> set[str]:
    """Every substring of WORDS (a name is a few characters): whether a word is a piece of
    one of them is then one lookup, not a test against each."""
    return {w[i:j] for w in words for i in range(len(w)) for j in range(i + 1, len(w) + 1)}


def _holds_any(word: str, names: set[str]) -> bool:
    """Whether WORD contains one of NAMES: WORD's substrings looked up (a word is a few
    characters, a story has thousands of names: testing each name would cost their product)."""
    n = len(word)
    return any(word[i:j] in names for i in range(n) for j in range(i + 1, n + 1))


def _only_inside_longer(kw: str, every: set[str], text: str) -> bool:
    longer = [o for o in every if o != kw and kw in o]
    if not longer:
        return False
    return text.count(kw) <= sum(text.count(o) for o in longer)
