"""Japanese dates resolved against their article's date: 28日 in an article of 2025-10-28.

Dates without a year take the year that puts them nearest before the article's date (or up
to two months after it: visits are announced ahead). A day alone takes the article's month,
or the previous month when the day lies more than a week after the article's day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from brief.analyse.numbers import to_ascii_digits
from brief.model import Source

_YMD = re.compile(r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日?")
_SLASH = re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})")
DAY = re.compile(r"(?P<d>\d{1,2})(?:日|[~〜～\-－–])")


def anchor_of(source: Source) -> date | None:
    try:
        return date.fromisoformat(source.published) if len(source.published) == 10 else None
    except ValueError:
        return None


# words that move a day off the article's month: 先月25日, 来月3日, 明後日29日, 昨年5月
_RELATIVE = re.compile(r"(?P<w>先月|前月|来月|翌月|今月|明後日|あさって|明日|あす|昨日|きのう|"
                       r"一昨日|おととい|昨年|去年|前年|来年|翌年|今年|本年)(?:の)?$")


def resolve_in(text: str, start: int, expr: str, anchor: date | None,
               ahead: bool = False) -> tuple[date, str] | None:
    """EXPR (at TEXT[start:]) resolved with the relative word just before it: 先月25日 is last
    month's 25th, 明後日29日 two days on, 昨年5月10日 last year's; else as `resolve`."""
    m = _RELATIVE.search(to_ascii_digits(text[max(0, start - 6):start]))
    if m is None or anchor is None:
        return resolve(expr, anchor, ahead)
    w = m["w"]
    months = {"先月": -1, "前月": -1, "来月": 1, "翌月": 1, "今月": 0}
    if w in months:
        first = anchor.replace(day=1)
        if months[w] < 0:
            first = (first - timedelta(days=1)).replace(day=1)
        elif months[w] > 0:
            first = (first + timedelta(days=31)).replace(day=1)
        d = DAY.search(to_ascii_digits(expr))
        try:
            return (first.replace(day=int(d["d"])), "") if d else resolve(expr, anchor, ahead)
        except ValueError:
            return None
    years = {"昨年": -1, "去年": -1, "前年": -1, "来年": 1, "翌年": 1, "今年": 0, "本年": 0}
    if w in years:
        shifted = anchor.replace(month=1, day=1).replace(year=anchor.year + years[w])
        found = resolve(expr, shifted.replace(month=12, day=31), ahead)
        return found and (found[0].replace(year=shifted.year), "")
    days = {"明後日": 2, "あさって": 2, "明日": 1, "あす": 1, "昨日": -1, "きのう": -1,
            "一昨日": -2, "おととい": -2}
    return anchor + timedelta(days=days[w]), ""


def resolve(expr: str, anchor: date | None, ahead: bool = False) -> tuple[date, str] | None:
    """The calendar date of a Japanese date expression, and a note when it was assumed.

    A day alone after the article's own day is last month's, unless AHEAD (the sentence
    speaks of what is to come: 27~29日に来日する予定) keeps it in this month."""
    text = to_ascii_digits(expr)
    m = _YMD.search(text) or _SLASH.search(text)
    try:
        if m is not None:
            month, day = int(m["m"]), int(m["d"])
            year = m.groupdict().get("y")
            if year:
                return date(int(year), month, day), ""
            if anchor is None:
                return None
            guess = date(anchor.year, month, day)
            if guess > anchor + timedelta(days=62):
                guess = date(anchor.year - 1, month, day)
            return guess, ""
        d = DAY.search(text)
        if d is None or anchor is None:
            return None
        day = int(d["d"])
        month_start = anchor.replace(day=1)
        if day > anchor.day + (7 if ahead else 0):
            month_start = (month_start - timedelta(days=1)).replace(day=1)
        when = month_start.replace(day=day)
        return when, f"month assumed from the article date {anchor.isoformat()}"
    except ValueError:
        return None  # 2月30日 and the like
