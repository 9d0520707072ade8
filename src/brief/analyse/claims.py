"""Claims: what a sentence asserts, as data — the event, what it is about, who, when, how sure.

A sentence yields one `Assertion` per event word it contains (会談, 署名, 推薦, 訪問, …): the
event's object or place (the noun marked に/を/で before it), the actors (people and countries
Sudachi tags as proper nouns, plus the leaders' titles), the dates it gives (resolved against
the article's date), and its **modality**, read from the words that follow the event:
推薦した is done, 推薦する意向 an announced intention, 推薦する方向で最終調整 under adjustment,
署名する見通し planned or expected, 署名せず negated, …とみられる/らしい/だろう speculation,
「…」と述べた reported speech (with its speaker). The rules are lexical on Sudachi's
morphemes, so every candidate sentence is analysed in microseconds; see `MODALITY` for the
one list of cues.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from brief.analyse.dates import resolve
from brief.analyse.morphology import NOT_ACTORS, analyse, tokenize
from brief.analyse.numbers import find_numbers, to_ascii_digits
from brief.analyse.store import per_build
from brief.model import Assertion, Passage
from brief.vocab import Modality

# Event words: the predicates conflicts and merging compare.
EVENTS = ("会談", "署名", "推薦", "訪問", "視察", "合意", "一致", "発表", "表明", "締結", "演説",
          "贈呈", "来日", "訪日", "会見", "確認", "指名", "任命", "就任", "採択", "調印", "出席",
          "訪れ", "停止", "禁止", "禁輸", "中止", "中断", "撤回", "謝罪", "呼びかけ", "通告",
          "発出")
# one act, several words: a ban (禁止, 禁輸) and a suspension (中断) are a halt (停止)
SYNONYMS = {"訪れ": "訪問", "調印": "署名", "禁止": "停止", "禁輸": "停止", "中断": "停止"}
EVENT_EN = {"会談": "meeting", "電話会談": "phone call", "署名": "signing", "推薦": "nomination",
            "訪問": "visit", "視察": "inspection visit", "合意": "agreement", "一致": "agreement",
            "発表": "announcement", "表明": "statement", "締結": "conclusion", "演説": "speech",
            "贈呈": "gift", "来日": "arrival in Japan", "訪日": "visit to Japan",
            "会見": "audience", "指名": "nomination", "任命": "appointment",
            "就任": "taking office", "採択": "adoption", "出席": "attendance",
            "停止": "halt", "中止": "cancellation", "撤回": "withdrawal", "謝罪": "apology",
            "呼びかけ": "call (advisory)", "通告": "notice", "発出": "issuing"}
_EVENT = re.compile("|".join(EVENTS))
# The modality cues, in the order they are tried on the text after the event word.
MODALITY: tuple[tuple[Modality, re.Pattern[str]], ...] = (
    ("negated", re.compile(r"^(?:を|は|も)?(?:せず|しない|しなかった|されず|されなかった|"
                           r"しておらず|していない|していません|されていない|しません|"
                           r"を見送|は見送|を否定|は否定|しないと|には至らな)|"
                           r"^[^。]{0,16}(?:との(?:報道|見方)を否定|事実はない)|"
                           # 停止の通告は届いていない / 停止するとの連絡は受けていない: the
                           # notice of the act was not received, so the act is not done
                           r"^[^。]{0,6}?(?:との|という|の)[^。]{0,6}?(?:通告|通知|連絡|発表|"
                           r"報告)(?:は|も)[^。]{0,8}?(?:ない|なかった|ません|おらず)")),
    ("adjusting", re.compile(r"^[^。]{0,12}?(?:方向で|ことで|に向けて)?(?:最終)?(?:調整|検討)"
                             r"(?:して|中|に入|を進め|している|しています|が続)")),
    ("planned", re.compile(r"^[^。]{0,10}?(?:予定|見通し|見込み|計画|ことになっ|方向(?:だ|です|と)|"
                           r"へ。|する。|します。|を控え)")),
    # …すると(外交ルートで)通告した / 会談すると発表した: officially announced, not yet done
    # (the announcement itself is a deed: the timeline keeps it as one)
    ("announced", re.compile(r"^(?:する|させる)と[^。、]{0,12}?(?:通告|通知|発表|公表)")),
    ("intention", re.compile(r"^[^。]{0,10}?(?:意向|方針|考え|意欲|決意|目指|すると(?:伝え|述べ|語|"
                             r"明言|約束|表明|強調)|したい)")),
    ("opinion", re.compile(r"(?:でしょう|だろう|かもしれ|らしい|とみられ|と見られ|と考えられ|"
                           r"ようだ|ように見え|可能性|模様|と思われ)")),
    ("done", re.compile(r"^(?:を|に|で|が)?(?:[^。、]{0,4}?)(?:した|された|しました|されました|"
                        r"し、|され、|済み|を行った|を行い|が行われ|に臨み|に臨んだ|した後|後、)")),
)
_REPORTED = re.compile(r"[」』]と(?:述べ|語っ|強調し|説明し|明らかにし|話し|指摘し)|によると|"
                       r"という。?$")
_ABOUT = re.compile(r"(?P<n>[\u4e00-\u9fff々ヵヶ\u30a1-\u30faー・A-Za-z]{2,20})"
                    r"(?P<p>に|を|で(?!は|も)|は|が)(?!含め|はじめ|よる|よれ|対し|とっ|おい)")
_NOUN_BEFORE = re.compile(r"(?P<n>[\u4e00-\u9fff々ヵヶ\u30a1-\u30faー・]{2,10})の?$")
# an event named as a noun after a past relative clause (15日に出した渡航自粛の呼びかけは…):
# what happened is done, whatever the main verb (…続く見通しだ) says of what follows
_PAST_CLAUSE = re.compile(r"(?:した|された|った|いた)(?:[^、。]{1,10}?の)?$")
_PERSON = re.compile(r"(?P<n>[\u30a1-\u30faー]{2,12}|[\u4e00-\u9fff]{2,4})(?:米|前|元|新)?"
                     r"(?:大統領|首相|総理|氏|長官|国務長官|大臣)")
_ACTOR_TITLES = ("首相", "総理", "大統領", "長官", "大臣", "国務長官", "天皇", "両首脳")
# what every match of _DEADLINE ends with, whatever the width of its digits
_DEADLINE_HINT = re.compile(r"[末月度](?:まで|中)")
_DEADLINE = re.compile(r"(?P<what>今年度末|本年度末|年度末|(?P<y>\d{4})年(?P<m>\d{1,2})月|"
                       r"(?P<fy>\d{4})年度末?)(?:まで|中)")


def modality_at(text: str, end: int, start: int | None = None) -> Modality:
    """The modality of the event word ending at END in TEXT (starting at START, when known:
    an event noun after a past relative clause is done)."""
    tail = text[end:end + 40].split("。")[0] + "。"
    if start is not None and tail[0] in "はがもを" and _PAST_CLAUSE.search(text[:start]):
        return "done"
    for name, pattern in MODALITY:
        if name == "opinion":
            if pattern.search(tail) and not re.match(r"^[^。]{0,6}?(?:した|された)", tail):
                return "opinion"
            continue
        if pattern.search(tail):
            return name
    return "reported" if _REPORTED.search(text) else "stated"


_TITLE_SUFFIX = re.compile(r"(?:米|前|元)?(?:首相|総理大臣|総理|大統領|国務長官|長官|大臣|氏|"
                           r"相|知事|議員)$")


def actor_key(name: str) -> str:
    """An actor as conflicts match it: the name without its title (トランプ大統領 -> トランプ)."""
    return _TITLE_SUFFIX.sub("", name) or name


def actors_of(text: str) -> list[str]:
    """People, countries and organisations a sentence names (corrections applied)."""
    return list(_actors(text))


@per_build
def _actors(text: str) -> tuple[str, ...]:
    out = list(analyse(text).tagged_actors)  # the tagger's, from the one analysis
    # a name right before a title is a person, whatever the tagger says (トランプ = cards)
    for m in _PERSON.finditer(text):
        if m["n"] not in out and m["n"] not in NOT_ACTORS and not m["n"].endswith("米"):
            out.append(m["n"])
    return tuple(out)


_PLAIN_PREFIX = {"首脳", "初", "対面", "日米", "本格", "正式", "公式"}


def _event_at(text: str, m: re.Match[str]) -> str:
    """The event word with the compound before it when that names another event
    (電話会談 is not the summit; 首脳会談 and 対面会談 are 会談)."""
    pre = re.search(r"[一-鿿ァ-ヺ]{1,4}$", text[:m.start()])
    prefix = pre.group() if pre else ""
    for plain in sorted(_PLAIN_PREFIX, key=len, reverse=True):
        prefix = prefix.removesuffix(plain)
    word = SYNONYMS.get(m.group(), m.group())
    return (prefix if prefix in ("電話", "オンライン", "外相", "閣僚", "財務相", "実務者")
            else "") + word


def deadline_of(text: str, anchor: date | None) -> str:
    """A 'by …' limit as YYYY-MM: 今年度末まで in an article of 2025-10 -> 2026-03 (the
    Japanese fiscal year ends in March); 2027年3月まで -> 2027-03."""
    if not _DEADLINE_HINT.search(text):  # most sentences: no digits to translate first
        return ""
    m = _DEADLINE.search(to_ascii_digits(text))
    if m is None:
        return ""
    if m["y"]:
        return f"{int(m['y']):04d}-{int(m['m']):02d}"
    if m["fy"]:
        return f"{int(m['fy']) + 1:04d}-03"
    if anchor is None:
        return ""
    fy = anchor.year if anchor.month >= 4 else anchor.year - 1
    return f"{fy + 1:04d}-03"


_HEDGES: tuple[Modality, ...] = ("negated", "adjusting", "planned", "intention", "opinion")
_PLAN_WORDS = re.compile(r"予定|見通し|見込み|最終調整|調整中|計画|方向で")
_INTENT_WORDS = re.compile(r"(?:する|したい)と(?:約束|表明|明言|強調|伝え|述べ)|する考え|"
                           r"意向|方針|目指す")


def main_modality(p: Passage) -> Modality:
    """The modality of a sentence as a whole: its most hedged claim (推薦する意向を表明した
    states an intention, however done the 表明), then a plan or commitment word anywhere
    (…する見通しであることを明らかにした, 実現すると約束した), then its last event's."""
    found = assertions(p, None)
    for hedge in _HEDGES:
        if any(a.modality == hedge for a in found):
            return hedge
    if dict(MODALITY)["opinion"].search(p.text):
        return "opinion"
    if _PLAN_WORDS.search(p.text):
        return "planned"
    if _INTENT_WORDS.search(p.text):  # 投資を実現すると約束した: a commitment, not a deed
        return "intention"
    return found[-1].modality if found else "stated"


def after_summit(text: str) -> bool:
    """The sentence tells what happened after the meeting (会談後, 会談のあと, 会談を行い、…)."""
    return bool(re.search(r"会談(?:の)?(?:後|あと)|会談(?:を行い|し)、", text))


def assertions(p: Passage, anchor: date | None, same_day: str = "") -> list[Assertion]:
    """The assertions of one sentence (one per event word; none for other passages);
    SAME_DAY: the date 同日 refers to (see `source_assertions`)."""
    if p.kind not in ("sentence", "list", "quote"):
        return []
    return [replace(a, source_id=p.source_id, start=p.start, end=p.end)
            for a in _analysed(p.text, anchor, same_day)]


def source_assertions(passages: list[Passage], anchors: dict[str, date | None]
                      ) -> list[Assertion]:
    """The assertions of every passage, in order. A sentence dated only 同日 / 同じ日 ("the
    same day") takes the last date an earlier sentence of its source gave."""
    out: list[Assertion] = []
    last: dict[str, str] = {}
    for p in passages:
        found = assertions(p, anchors.get(p.source_id), last.get(p.source_id, ""))
        out += found
        day = _dates(p.text, anchors.get(p.source_id)) if p.kind in ("sentence", "list") else []
        if day:
            last[p.source_id] = day[-1]
    return out


def _dates(text: str, anchor: date | None) -> list[str]:
    dates = []
    for s in find_numbers(text):
        if s.kind in ("date", "day"):
            found = resolve(s.ja, anchor)
            if found:
                dates.append(found[0].isoformat())
    return dates


_SAME_DAY = re.compile(r"同日|同じ日")


@per_build
def _analysed(text: str, anchor: date | None, same_day: str = "") -> tuple[Assertion, ...]:
    """The assertions of a sentence, once per text and article date (curation, conflicts,
    the timeline and merging all ask; wire copies repeat the same sentences)."""
    deadline = deadline_of(text, anchor)
    shape = _shape(text, bool(deadline))
    if not shape:
        return ()
    dates = _dates(text, anchor)
    if not dates and same_day and _SAME_DAY.search(text):
        dates = [same_day]
    return tuple(Assertion("", 0, 0, text, event, about, modality, list(actors), list(dates),
                           speaker, deadline, place)
                 for event, about, modality, actors, speaker, place in shape)


@per_build
def _shape(text: str, has_deadline: bool
           ) -> tuple[tuple[str, str, Modality, tuple[str, ...], str, str], ...]:
    """What a sentence's assertions say whatever its article's date: (event, about,
    modality, actors, speaker, place) per event word. HAS_DEADLINE: a sentence with no
    event word but a 'by …' limit takes its last サ変 verb as the event."""
    events = [m for m in _EVENT.finditer(text)
              if not text.startswith(("後", "のあと", "の後"), m.end())]  # 会談後 is a time
    if not events and has_deadline:  # 共同生産を今年度末までに具体化する: the サ変 verb
        events = list(_SURU.finditer(text))[-1:]
    if not events:
        return ()
    actors = actors_of(text)
    speaker = ""
    if _REPORTED.search(text):  # the one who speaks is named first: 首相は「…」と述べた
        speaker = actors[0] if actors else ""
    return tuple((_event_at(text, m), _about(text[:m.start()], actors),
                  modality_at(text, m.end(), m.start()), tuple(actors), speaker,
                  _place(text[:m.start()]))
                 for m in events)


def _place(pre: str) -> str:
    """The last place name Sudachi knows in the clause before the event word (横須賀 of
    横須賀の米軍基地, 健軍 of 熊本県の健軍駐屯地: the most specific)."""
    return _last_place(re.split(r"[、。]", pre)[-1] if pre else "")


@per_build
def _last_place(clause: str) -> str:
    names = [m.surface() for m in tokenize(clause)
             if m.part_of_speech()[1] == "固有名詞" and m.part_of_speech()[2] == "地名"
             and m.part_of_speech()[3] != "国"]
    return names[-1] if names else ""


def _about(pre: str, actors: list[str]) -> str:
    """What the event is about: the nearest noun marked に/を/で before it (ノーベル平和賞に
    推薦), else the topic (共同生産は…具体化); never an actor or a time."""
    marked = [m for m in _ABOUT.finditer(pre.split("、")[-1] if "、" in pre else pre)]
    marked += [m for m in _ABOUT.finditer(pre) if m not in marked]

    def thing(n: str) -> bool:  # never an actor, a time, or an adverb (全面的に)
        return actor_key(n) not in actors and n not in actors and not _PERSON.fullmatch(n) \
            and not n.endswith(("日", "月", "年", "両首脳", "的"))

    for want in (("に", "を", "で"), ("は", "が")):
        for m in reversed(marked):
            if m["p"] in want and thing(m["n"]):
                return m["n"]
        if want[0] == "に":  # the noun the event word is glued to or is of: 輸入停止,
            glued = _NOUN_BEFORE.search(pre)  # 渡航自粛の呼びかけ
            if glued and thing(glued["n"]) and not glued["n"].endswith(tuple(_PLAIN_PREFIX)):
                return glued["n"]
    return ""


_SURU = re.compile(r"[一-鿿]{2,4}(?=する|した|され|を行)")


# --- what two sentences must agree on to be one point ------------------------------------

_FIGURE_KINDS = ("money", "percent", "count", "duration")
_MODALITIES = ("done", "intention", "planned", "adjusting", "negated")


def facts_of(p: Passage, anchor: date | None) -> dict[tuple[str, ...], str]:
    """The checkable facts of a sentence, keyed by what they are about: a figure's value by
    unit and measure, an event's date, modality and deadline by event and object."""
    from brief.analyse.measure import head_of, measure_of

    facts: dict[tuple[str, ...], str] = {}
    for s in find_numbers(p.text):
        if s.kind in _FIGURE_KINDS and s.amount:
            what = measure_of(p.text, s.start, s.end).measure
            facts.setdefault(("fig", s.unit, head_of(what)), f"{s.amount}|{s.bound}")
    for a in assertions(p, anchor):
        if len(set(a.dates)) == 1:
            facts.setdefault(("date", a.event), a.dates[0])
        if a.modality in _MODALITIES:
            facts.setdefault(("mod", a.event, a.about), a.modality)
        if a.deadline:
            facts.setdefault(("by", a.event, a.about), a.deadline)
    return facts


def clash(a: dict[tuple[str, ...], str], b: dict[tuple[str, ...], str]) -> bool:
    """Two sentences disagree on a fact both state: never one point (¥1.53 trillion is not
    'about ¥1.5 trillion' corroborated; by March 2027 is not by the end of this fiscal year)."""
    return any(b[k] != v for k, v in a.items() if k in b)


# --- the modality of a sentence's last predicate, for a point no event word covers -------

_SPEECH_VERBS = {"述べる", "語る", "強調", "説明", "話す", "言う", "伝える"}
_CLOSERS = {"補助記号", "空白"}


def predicate_modality(text: str) -> Modality:
    """The modality the sentence's final predicate carries, read from Sudachi's morphemes:
    a past auxiliary (…を実施しました, …を呼びかけた) is done; a quotation closed by 」と
    before a verb of speech (「…」と述べた) is reported; a サ変 noun with a plain する
    (輸入する) is planned; anything else (…が狙いです, …となっている) stays stated.

    Lexical, so a build need not load a dependency parser for the few points it would
    refine: on the seeds and the three dev sets it agrees with GiNZA's label on 29 of the
    33 points it was asked about (see the commit that made it)."""
    ms = [m for m in tokenize(text) if m.part_of_speech()[0] not in _CLOSERS
          or m.surface() in ("」", "』")]
    while ms and ms[-1].part_of_speech()[0] in ("助詞",) and ms[-1].surface() in ("ね", "よ"):
        ms.pop()
    if not ms:
        return "stated"
    last = ms[-1]
    if last.part_of_speech()[0] == "助動詞" and last.dictionary_form() == "た":
        head = _head_before(ms)
        if head is not None and head[1] in _SPEECH_VERBS and head[0] >= 2 \
                and ms[head[0] - 1].surface() == "と" and ms[head[0] - 2].surface() in "」』":
            return "reported"
        return "done"
    if last.surface() == "する" and len(ms) > 1 and ms[-2].part_of_speech()[1] == "普通名詞":
        return "planned"
    return "stated"


def _head_before(ms: list[Any]) -> tuple[int, str] | None:
    """(index, lemma) of the content word the final auxiliaries hang on (述べ of 述べた,
    強調 of 強調した), None when the sentence ends in auxiliaries only."""
    i = len(ms) - 1
    while i >= 0 and (ms[i].part_of_speech()[0] == "助動詞"
                      or ms[i].dictionary_form() == "する"):
        i -= 1
    return (i, ms[i].dictionary_form()) if i >= 0 else None
