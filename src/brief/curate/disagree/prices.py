"""Prices per unit that disagree: one outlet says the stock was sold at an average of 1万700円
per 60 kg, another 'in the 1万1000円 range' (1万1000円台) per 60 kg; one gives a commodity's
price as 4285円 per 5 kg citing the ministry, another 4500円から5000円 citing government data.

The measure of a price is read from the sentence, not from the figure's measure words:
- the deal it is the price of: a sale by the holder (売り渡し), an auction (落札), a purchase
  (買い取り), said before the price (売り渡し価格の平均は…) or as the verb after it (…円で
  売り渡し); two deals are different things (an auction price is not a sale price);
- the unit it is per (60キロあたり; a later price of the sentence without one shares it:
  60キロあたり2万2000円で落札…を、約半額の1万1000円台で);
- the commodity whose price it is (コメの…価格, 米の価格): a compound (備蓄米, 輸入米) is
  another commodity than the plain one.
Two prices pair when they are of one deal and one unit, or, with no deal, of one commodity and
one unit (or the unit unsaid by one) and both sides name official data as their source (an
average and a price are otherwise different measures). Their values must not overlap once
約 (about 5%), a range (4500円から5000円) and 台 (1万1000円台 is 11,000–11,999) are read.
A quoted jibe, a conditional or a difference is never a side (figures.reported).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from brief.curate.disagree.base import Evidence, apart
from brief.curate.disagree.figures import _where, reported
from brief.model import Citation, Claim, Conflict, Figure

_BASE = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*"
                   r"(?P<u>キログラム|キロ|kg|ｋｇ|リットル|L|トン|t|グラム|g)(?:あたり|当たり)?")
_UNIT = {"キログラム": "kg", "キロ": "kg", "kg": "kg", "ｋｇ": "kg", "リットル": "L", "L": "L",
         "トン": "t", "t": "t", "グラム": "g", "g": "g"}
# the deal a price is of: one name for each
_DEALS = {"売り渡し": "sale", "売り渡": "sale", "売渡": "sale", "落札": "auction",
          "買い取り": "purchase", "買い取": "purchase", "買取": "purchase"}
_DEAL = re.compile("|".join(sorted(_DEALS, key=len, reverse=True)))
_PRICE = re.compile(r"価格|値段|相場|単価")
_NOUN = re.compile(r"[\u4e00-\u9fff\u30a1-\u30faー]+$")
_PLAIN = {"コメ": "米", "お米": "米", "こめ": "米"}
_OFFICIAL = re.compile(r"(?:政府|省|庁|統計|当局)[^、。]{0,8}"
                       r"(?:によると|によれば|の発表|の調査|のデータ|が発表|が公表)")


@dataclass(frozen=True)
class _Price:
    figure: Figure
    sentence: str
    deal: str
    per: str  # "60 kg", "" when unsaid
    commodity: str
    low: Decimal
    high: Decimal


def _clause(sentence: str, start: int, end: int) -> str:
    """The figure's clause: from the comma before the number to the comma after it."""
    left = max(sentence.rfind("、", 0, start), sentence.rfind("。", 0, start)) + 1
    right = min((i for i in (sentence.find("、", end), sentence.find("。", end)) if i >= 0),
                default=len(sentence))
    return sentence[left:right]


def _per(sentence: str, start: int) -> str:
    """The unit the price is per: the last base said before it in the sentence."""
    bases = list(_BASE.finditer(sentence[:start]))
    if not bases:
        return ""
    m = bases[-1]
    return f"{m['n']} {_UNIT[m['u']]}"


def _commodity(sentence: str, start: int) -> str:
    """Whose price: the noun before 'の…価格' said before the number (コメの5キロあたりの平均
    価格は), the plain word for one thing (コメ, お米 -> 米); "" when unsaid."""
    words = list(_PRICE.finditer(sentence[:start]))
    if not words:
        return ""
    head = sentence[:words[-1].start()]
    head = re.sub(r"(?:の)?(?:全国)?(?:平均|小売|店頭)?$", "", head)
    head = re.sub(r"の?" + _BASE.pattern + r"の?$", "", head)
    head = head.removesuffix("の")
    m = _NOUN.search(head)
    word = m.group() if m else ""
    return _PLAIN.get(word, word)


def _interval(f: Figure, sentence: str, end: int) -> tuple[Decimal, Decimal] | None:
    """The values the figure allows: exact, about (±5%), a range, or 台 (the 11,000s)."""
    try:
        x = Decimal(f.amount)
        if f.low:
            return Decimal(f.low), x
    except InvalidOperation:
        return None
    if sentence[end:end + 1] == "台":
        step = Decimal(10) ** (len(f.amount) - len(f.amount.rstrip("0")))
        return x, x + step - 1
    if f.bound == "about" or sentence[end:end + 2] == "程度":
        return x * Decimal("0.95"), x * Decimal("1.05")
    return (x, x) if not f.bound else None


def _price(f: Figure) -> _Price | None:
    if f.kind != "money" or not f.citations or not reported(f):
        return None
    sentence, start, end = _where(f)
    span = _interval(f, sentence, end)
    if span is None:
        return None
    clause = _clause(sentence, start, end)
    deals = [m.group() for m in _DEAL.finditer(clause)]
    deal = _DEALS[deals[0]] if len(deals) == 1 else ""
    per, what = _per(sentence, start), _commodity(sentence, start)
    if not deal and not (what and _PRICE.search(sentence[:start])):
        return None
    return _Price(f, sentence, deal, per, what, *span)


def _pair(a: _Price, b: _Price, ev: Evidence) -> bool:
    """Two prices of one measure (see the module's docstring) whose values cannot both hold."""
    if a.figure.unit != b.figure.unit or not (a.high < b.low or b.high < a.low):
        return False
    sa = {ev.outlet(c.source_id) for c in a.figure.citations}
    if sa & {ev.outlet(c.source_id) for c in b.figure.citations}:
        return False
    if apart(a.sentence, b.sentence):
        return False
    if a.deal or b.deal:
        return (a.deal == b.deal and a.per == b.per
                and (not a.commodity or not b.commodity or a.commodity == b.commodity))
    return (a.commodity == b.commodity and (a.per == b.per or not a.per or not b.per)
            and bool(_OFFICIAL.search(a.sentence)) and bool(_OFFICIAL.search(b.sentence)))


def _value(p: _Price) -> str:
    q = p.figure.quantity
    if p.sentence[_where(p.figure)[2]:][:1] == "台":
        q = f"in the {q}s"
    return f"{q} per {p.per}" if p.per else q


def _own_clause(p: _Price) -> str:
    """The side's words: the price's own clause (not the auction price said before it)."""
    _s, start, end = _where(p.figure)
    return _clause(p.sentence, start, end) or p.figure.ja


def _citations(f: Figure) -> list[Citation]:
    seen: dict[str, Citation] = {}
    for c in f.citations:
        seen.setdefault(c.source_id, c)
    return list(seen.values())


def detect(ev: Evidence) -> list[Conflict]:
    prices = [p for f in ev.figures if (p := _price(f)) is not None]
    out: list[Conflict] = []
    used: set[int] = set()
    for i, a in enumerate(prices):
        if i in used:
            continue
        group = [i] + [j for j in range(i + 1, len(prices))
                       if j not in used and _pair(a, prices[j], ev)]
        if len(group) < 2:
            continue
        used |= set(group)
        what = {"sale": "the sale price", "auction": "the auction price",
                "purchase": "the purchase price"}.get(a.deal, f"the price of {a.commodity}")
        per = f" per {a.per}" if a.per else ""
        out.append(Conflict("", f"Sources give different figures for {what}{per}",
                            [Claim(_value(prices[k]), _own_clause(prices[k]),
                                   _citations(prices[k].figure)) for k in group]))
    return out
