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
