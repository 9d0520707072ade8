"""What a number counts and whose it is: the measure and subject of a figure in a sentence.

Japanese attaches the measure to the number in a few fixed ways, tried in this order:
a noun glued before it (総額3900億ドル), a genitive before it (レアアース採掘の約70%), a noun
after it (9分野の案件, 1兆5300億円の支援枠), else the sentence's topic (会談は…約40分).
A generic measure (総額, 規模, シェア) takes the topic with it. The subject is the first
が/は-marked noun that is not the measure (中国が世界の…), past a reporter (防衛省は…、北朝鮮が
…2発を発射したと発表した: North Korea's two missiles). Figures compare only when measure
and subject agree (`same_measure`), so 70% of mining is never set against 90% of refining.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from brief.analyse.morphology import analyse

_NOUN = r"[\u4e00-\u9fff々〆ヵヶ\u30a1-\u30faー・A-Za-zＡ-Ｚａ-ｚ]+"
_GLUED = re.compile(rf"(?P<n>{_NOUN})$")
_GENITIVE = re.compile(rf"(?P<n>{_NOUN})の(?:世界の|全体の)?$")
# 小売業者など318社, 残り15万トン: the kind of thing counted, or what is left of it
# ミニマムアクセス(最低輸入量)として年77万トン: what the number is set as, a gloss allowed
_AS = re.compile(rf"(?P<n>{_NOUN})(?:[(（][^()（）]{{1,20}}[)）])?として$")
# a rate or time qualifier glued before the number (年77万トン, 年間10万トン, 1日あたり):
# how often, not what is counted
_PER = re.compile(r"(?:年間|年|毎年|月間|毎月|年平均|1日あたり|一日あたり|平均|約|およそ|計|"
                  r"過去|これまで|今まで|従来)$")
_EXAMPLES = re.compile(rf"(?P<n>{_NOUN})(?:など|等|ら)(?:の|計)?$|(?P<n2>残り|合わせて|計)$")
_AFTER = re.compile(rf"^(?:規模|程度|相当|強|弱|間|あまり|余り|近く)?"
                    rf"(?:の|における|に及ぶ|に及んだ|にわたる|にわたった|分の|"
                    rf"(?:を)?予定(?:した|していた|されていた|の))"
                    rf"(?:[\u3041-\u309f\u4e00-\u9fff]{{1,5}}な)?(?P<n>{_NOUN})")
_TOPIC = re.compile(rf"(?P<n>{_NOUN})(?:は|が|も)(?!ず)")
_OBJECT = re.compile(rf"(?P<n>{_NOUN})を(?!含め|はじめ|始め|めぐ|巡)")
# people and offices are whose figure it is, never what it counts
_ACTOR = re.compile(r"(?:首相|総理|総理大臣|大統領|長官|大臣|相|氏|知事|議員|政府|首脳|側)$")
GENERIC = ("総額", "総計", "合計", "規模", "金額", "額", "割合", "比率", "シェア", "世界シェア",
           "全体", "計", "占有率", "事業規模")
# words that say nothing about what is counted: placeholders, and times and records that
# qualify a figure (年間最大1兆円, 過去最大の9兆円, 現在の1%の関税) without naming its measure
_EMPTY = {"約", "およそ", "最大", "世界", "全体", "うち", "これ", "それ", "同", "計", "今回",
          "年間", "現在", "現行", "当初", "過去最大", "過去最高", "史上最大", "史上最高", "最高",
          "最低", "今年", "昨年", "今年度", "前年", "前年度", "来年度", "予定", "当初予定",
          "過去", "これまで", "今まで", "従来"}


@dataclass(frozen=True)
class Measure:
    measure: str  # the counted thing in the source's words, "" when the sentence never says
    subject: str  # whose figure it is, "" when unsaid


def _clean(noun: str) -> str:
    noun = noun.strip("・")
    if len(noun) > 2 and noun.endswith(("後", "前", "中")):
        noun = noun[:-1]  # 首脳会談後: the meeting, not a time after it
    return "" if noun in _EMPTY else noun


def measure_of(text: str, start: int, end: int) -> Measure:
    """The measure and subject of the number at text[start:end] (one sentence)."""
    pre = re.split(r"[。！？]", text[:start])[-1]
    clause = re.split(r"[、，,]", pre)[-1]
    post = text[end:]
    found = ""
    while (per := _PER.search(clause)) and per.start() > 0:
        clause = clause[: per.start()]
    for pattern, where in ((_GLUED, clause), (_GENITIVE, clause), (_AS, clause)):
        m = pattern.search(where)
        if m and _clean(m["n"]):
            found = _clean(m["n"])
            break
    if not found and (m := _EXAMPLES.search(clause)):
        found = "残り" if m["n2"] == "残り" else _clean(m["n"] or "")
    if not found:
        m = _AFTER.match(post)
        if m and _clean(m["n"]):
            found = _clean(m["n"])
    topics = [_clean(m["n"]) for m in _TOPIC.finditer(pre) if _clean(m["n"])]
    things = [t for t in topics if not _ACTOR.search(t)]
    if (not found or found in GENERIC) and things:
        topic = things[-1]
        found = f"{topic}{found}" if found and topic != found else topic
    if not found:  # 防衛費を…2%に増額: the object is what the number is of
        objects = [_clean(m["n"]) for m in _OBJECT.finditer(pre) if _clean(m["n"])]
        found = objects[-1] if objects else ""
    whose = [t for t in topics if t != found and t not in found]
    if len(whose) > 1 and _REPORTED.search(pre + post):
        whose = whose[1:]  # 防衛省は…、北朝鮮が…2発を発射したと発表: whose figure is the actor's
    return Measure(found, whose[0] if whose else "")


# the sentence reports what another actor did: its first topic is the reporter
_REPORTED = re.compile(r"によると|によれば|と(?:発表|明らかに|述べ|説明|伝え|報じ|公表|指摘)")


def is_generic(measure: str) -> bool:
    """A measure that names no counted thing: 総額, 世界シェア, 国・地域世界シェア."""
    return not measure or measure.endswith(GENERIC)


def same_subject(a: str, b: str) -> bool:
    """Two subjects name the same actor (日本側 and 日本), or one is unsaid."""
    if not a or not b:
        return True
    a, b = a.removesuffix("側").removesuffix("政府"), b.removesuffix("側").removesuffix("政府")
    return a in b or b in a


_AMOUNT_OF = ("量", "数", "額", "高")


def head_of(measure: str) -> str:
    """The word that says what is counted: the last one, past a generic suffix
    (レアアース採掘 -> 採掘, 事業案件総額 -> 案件)."""
    for g in sorted(GENERIC, key=len, reverse=True):
        if measure.endswith(g) and measure != g:
            measure = measure[: -len(g)]
            break
    if len(measure) > 2 and measure.endswith(_AMOUNT_OF):
        measure = measure[:-1]  # 輸入量 counts imports, as 輸入 does
    lemmas = analyse(measure).lemmas
    return lemmas[-1] if lemmas else measure


def same_measure(a: str, b: str) -> bool:
    """Two measures count the same thing: the same head word (採掘 and レアアース採掘; not
    レアアース採掘 and レアアース精製)."""
    if not a or not b:
        return False
    return a == b or head_of(a) == head_of(b)


# what a measure must not be: a time word, a unit, an office (防衛省は…: who reports it)
_NOT_A_MEASURE = re.compile(r"^.$|(?:日|頃|ごろ|時|月|年|分|間)$|"
                            r"^(?:メートル|キロ|キロメートル|トン|隻|機|回)$|"
                            r"(?:省|庁|局|部|自衛隊|政府|軍|通信|新聞|首相|大統領|氏)$|"
                            r"^[A-Za-z0-9]{1,2}$")


def names_a_measure(measure: str) -> bool:
    """MEASURE says what is counted (会談, 輸入量), not a time, a unit or who reports it."""
    return bool(measure) and not _NOT_A_MEASURE.search(measure)


# kinds of things a sentence may list and then count: 宇宙開発など7分野, 日米韓3カ国, 関連3文書
LISTED_UNITS = ("fields", "countries", "documents")
_LIST_BEFORE = re.compile(r"(?:など|等|といった|関連|[日米中韓朝露英仏独豪印台比越加伊]{2,}の?)$")
_BACK = re.compile(r"^\s*(?:これら|この|その|同|上記の?)?$")


def counts_its_list(before: str, after: str = "") -> bool:
    """The number (whose sentence up to it is BEFORE) counts the items just listed before it
    (宇宙開発など7分野, 日米韓3カ国, 安全保障関連3文書): the list says it all, the count is no
    measure of the story (a Key figure of '7 fields' tells an analyst nothing). A count that
    opens its sentence in a genitive (三カ国の連携は…, この3文書の…; AFTER is the text after
    it) refers back to a list said before it."""
    return _LIST_BEFORE.search(before) is not None or (
        _BACK.match(before) is not None and after.startswith("の"))
