"""A dated chronology of what the sources report, relative dates resolved per article.

A sentence with a date becomes an event on its first date. Dates without a year take the
year that puts them nearest before the article's date (or up to two months after it: visits
are announced ahead). A day alone (木原官房長官は8日) takes the article's month, or the
previous month when the day lies more than a week after the article's day; such events say
that the month was assumed, because a digest page's entries can be older than its date.
The same event reported by several sources (same date, overlapping words) is one entry.

A done event is never after its article (a month and day without a year falls back a year;
otherwise it is no event); relative words (先月25日, 昨年5月, 明後日) move the day; captions,
related links, a forum post's header (stamp, ID) and a dateline glued to a label
(25年6月12日空母) are no events; and events only one source reports are capped per source,
so one digest cannot fill the timeline.

A digest lists entries from many days, newest first, so its page date says little about an
entry's month: there a day alone goes between the dated entries around it (on or after the
one below, on or before the one above), or nearest the closer one where the page is not in
order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from brief.analyse.claims import actor_key, actors_of, assertions, main_modality
from brief.analyse.dates import DAY, anchor_of, resolve, resolve_in
from brief.analyse.morphology import similar_wording
from brief.analyse.numbers import NumberSpan, find_numbers, to_ascii_digits
from brief.model import Citation, Event, Item, Passage, Source
from brief.vocab import Phase

MAX_EVENTS = 24


def _days_around(day: int, near: date) -> list[date]:
    """This day of the month in NEAR's month and the months either side."""
    first = near.replace(day=1)
    out = []
    for m in ((first - timedelta(days=1)).replace(day=1), first,
              (first + timedelta(days=31)).replace(day=1)):
        try:
            out.append(m.replace(day=day))
        except ValueError:
            continue
    return out


def _digest_day(p: Passage, expr: str, dated: list[tuple[int, date]]) -> tuple[date, str] | None:
    """A day alone in a digest entry, placed between the dated entries around it.

    Entries run newest first, so the dated entry above is a ceiling and the one below a
    floor; where the page breaks that order, the day goes nearest the closest dated entry.
    """
    d = DAY.search(to_ascii_digits(expr))
    if d is None or not dated:
        return None
    day = int(d["d"])
    above = max((e for e in dated if e[0] < p.index), default=None)
    below = min((e for e in dated if e[0] > p.index), default=None)
    near = min((e for e in (above, below) if e), key=lambda e: abs(e[0] - p.index))[1]
    days = sorted({x for e in (above, below) if e for x in _days_around(day, e[1])})
    ceiling = above[1] if above else date.max
    floor = below[1] if below else date.min
    fitting = [x for x in days if floor <= x <= ceiling] if floor <= ceiling else []
    if fitting:  # closest to the floor when it has one (the next day after it), else ceiling
        when = fitting[0] if below else fitting[-1]
    elif days:
        when = min(days, key=lambda x: abs((x - near).days))
    else:
        return None
    return when, f"month inferred from the entries around it ({near.isoformat()})"


def _quoted(text: str, pos: int) -> bool:
    """Inside 「…」: a date in a quoted title (a video's 「…(10月28日)」) is not an event."""
    return text.count("「", 0, pos) > text.count("」", 0, pos)


# a photo caption or a related-article link: never an event
_CAPTION = re.compile(r"撮影|資料写真|写真提供|提供写真|代表撮影|[(（]写真[)）]|^(?:関連|【関連)|"
                      r"関連記事|[=＝](?:共同|時事|ロイター|AFP|AP)[)）]?$|より[)）]?$|"
                      # a forum post's header: its poster line, stamp and ID, not what it says
                      r"ID[:：][A-Za-z0-9+/.]{4,}|\d{1,2}:\d{2}:\d{2}(?:\.\d+)?|名無し")
# after a date: a particle or clause break; a date glued to a word (25年6月12日空母) is a
# page's dateline or category label, not the sentence's event
_AFTER_DATE = re.compile(r"^(?:[、,，にはのからまでもを頃ごろ午朝夜夕（(〜~～\-－–\s】」]|$)")


def _first_date(p: Passage) -> NumberSpan | None:
    """The passage's first date outside quotes and datelines, if it can be an event at all."""
    if p.kind not in ("sentence", "list") or len(p.text) < 15 or p.text.startswith("※") \
            or _CAPTION.search(p.text):
        return None  # ※ notes (exchange-rate dates) and captions are not events
    dateline = _DATELINE.match(p.text)
    dates = [s for s in find_numbers(p.text) if s.kind in ("date", "day")
             and not _quoted(p.text, s.start)
             and not (s.start <= 3 and not _AFTER_DATE.match(p.text[s.end:]))]
    # the text's own date first; the dateline's when the text gives none
    own = [s for s in dates if not (dateline and s.end <= dateline.end())]
    return next(iter(own or dates), None)


# a wire's dateline bracket opening the text (【6月2日 共同】, 【ワシントン6月2日時事】): the day
# it was filed, not the day of what it reports (港湾局は1日…)
_DATELINE = re.compile(r"^\s*[【\[(（][^】\])）]{0,24}[】\])）]")


def _never_after(when: date, expr: str, anchor: date | None, done: bool,
                 sure: bool = True) -> date | None:
    """A done event is never after its article: a month and day without a year falls back
    a year (11月23日 said on Oct 29 of what happened is last November) when the article's
    date is SURE (given, not guessed, and no digest's); one with a year, a day already
    placed, or any on a page whose date is a guess, that lies after it is no event (None)."""
    if not done or anchor is None or when <= anchor:
        return when
    if sure and "年" not in to_ascii_digits(expr) and "月" in expr:
        try:
            earlier = when.replace(year=when.year - 1)
        except ValueError:
            return None
        return earlier if earlier <= anchor else None
    return None


# The date's own clause told as what is to come, inside a sentence reporting that it was said:
# 6月2日に、…を店頭に並べるということが出てきました (its verb plain, before という/予定/方針)
_TO_COME = re.compile(r"^[^。「」]{0,40}?(?<!とい)[るうすくぐむぶぬつ]"
                      r"(?:という|とのこと|とする|ことが|ことを|ことに|予定|方針|見通し|計画|考え)")


def _ahead_clause(text: str, end: int, when: date, anchor: date | None) -> bool:
    """A date after its article whose own clause is a plan: the sentence reports it said
    (出てきました), the event is still to come; it keeps its year and is planned."""
    return anchor is not None and when > anchor and bool(_TO_COME.match(text[end:]))


# A scene-setting opener: 皇居外苑の銀杏が色づき始める中、/ マレーシアの湿った夜、— a clause
# before the news with no date, number or actor in it.
_SCENE = re.compile(r"^(?P<scene>[^、。「」]{4,32}?(?:中|夜|朝|夕|午後|午前|頃|折|季節|なか))、")


def strip_scene(text: str) -> str:
    """The sentence without a scene-setting opener (the event text starts at the news)."""
    m = _SCENE.match(text)
    if m is None or any(ch.isdigit() for ch in to_ascii_digits(m["scene"])) or re.search(
            r"首相|大統領|長官|政府|会談|両首脳|[0-9０-９]", m["scene"]):
        return text
    return text[m.end():]


def same_happening(a: str, b: str) -> bool:
    """Two sentences of one day report one happening: the same event word (発表, 会談)
    said by the same actors (政府は22日…発表 and 外務省は10月22日…発表)."""
    ea = {x.event for x in assertions(Passage("", 0, len(a), a), None)}
    eb = {x.event for x in assertions(Passage("", 0, len(b), b), None)}
    if not ea & eb:
        return False
    pa = {actor_key(x) for x in actors_of(a)} - {"首相", "大統領"}
    pb = {actor_key(x) for x in actors_of(b)} - {"首相", "大統領"}
    return len(pa & pb) >= 2


def build_timeline(sources: list[Source], passages: list[Passage]) -> list[Event]:
    anchors = {s.id: anchor_of(s) for s in sources}
    sources_by_id = {s.id: s for s in sources}
    dated: dict[str, list[tuple[int, date]]] = {}  # digest -> entries with a full date
    firsts = [(p, _first_date(p)) for p in passages]
    for p, first in firsts:
        if first is not None and first.kind == "date" and \
                sources_by_id[p.source_id].kind == "digest":
            found = resolve(first.ja, anchors.get(p.source_id))
            if found is not None:
                dated.setdefault(p.source_id, []).append((p.index, found[0]))
    events: list[Event] = []
    on_day: dict[str, list[Event]] = {}  # date -> its events, so merging looks at one day
    citing: dict[int, set[str]] = {}  # id(event) -> the sources it cites (one citation each)
    for p, first in firsts:
        if first is None:
            continue
        found = None
        if first.kind == "day" and p.source_id in dated:
            found = _digest_day(p, first.ja, dated[p.source_id])
        modality = main_modality(p)
        if modality in ("opinion", "negated"):
            continue  # a speculation or a denial is no event
        status: Phase = "planned" if modality in ("planned", "intention", "adjusting") else "done"
        found = found or resolve_in(p.text, first.start, first.ja, anchors.get(p.source_id),
                                    ahead=status == "planned")
        if found is None:
            continue
        when, note = found
        if status == "done" and _ahead_clause(p.text, first.end, when, anchors.get(p.source_id)):
            status = "planned"
        src = sources_by_id[p.source_id]
        placed = _never_after(when, first.ja, anchors.get(p.source_id), status == "done",
                              src.kind != "digest" and "published" not in src.derived)
        if placed is None:
            continue
        when = placed
        if "published" not in sources_by_id[p.source_id].derived and p.source_id not in dated:
            note = ""  # the user gave the article's date: the month is the article's
        cite, day = Citation.of(p), when.isoformat()
        text = strip_scene(p.text)
        for e in on_day.get(day, []):
            if similar_wording(e.ja, text) or same_happening(e.ja, text):
                if p.source_id not in citing[id(e)]:
                    citing[id(e)].add(p.source_id)
                    e.citations.append(cite)
                if not note:
                    e.date_note = ""
                break
        else:
            event = Event("", day, text, [cite], date_note=note, phase=status)
            events.append(event)
            on_day.setdefault(day, []).append(event)
            citing[id(event)] = {p.source_id}
    events.sort(key=lambda e: (e.date, -len(e.citations)))
    events = _thin(events)
    for n, e in enumerate(events, 1):
        e.id = f"event-{n}"
    return events


def _one_voice(events: list[Event]) -> list[Event]:
    """Events only one source reports, at most PER_SOURCE of them per source (the earliest
    kept in its order) when several sources report: one digest cannot fill the timeline."""
    if len({c.source_id for e in events for c in e.citations}) < 2:
        return events
    count: dict[str, int] = {}
    out = []
    for e in events:
        ids = {c.source_id for c in e.citations}
        if len(ids) == 1:
            (sid,) = ids
            count[sid] = count.get(sid, 0) + 1
            if count[sid] > PER_SOURCE:
                continue
        out.append(e)
    return out


PER_SOURCE = MAX_EVENTS // 3


def _thin(events: list[Event]) -> list[Event]:
    """At most MAX_EVENTS: keep the best-corroborated per date, then the rest by date."""
    events = _one_voice(sorted(events, key=lambda e: -len(e.citations)))
    events.sort(key=lambda e: (e.date, -len(e.citations)))
    if len(events) <= MAX_EVENTS:
        return events
    keep: list[Event] = []
    seen: set[str] = set()
    for e in events:
        if e.date not in seen:
            keep.append(e)
            seen.add(e.date)
    rest = sorted((e for e in events if e not in keep), key=lambda e: -len(e.citations))
    keep += rest[: max(0, MAX_EVENTS - len(keep))]
    return sorted(keep, key=lambda e: (e.date, -len(e.citations)))[:MAX_EVENTS]


def place_events(events: list[Event], items: list[Item], section_of: Callable[[str], str]) -> None:
    """Each event's section (its row in the timeline chart): the one its sentence is
    classified in, else that of a point citing the same sentence of the same source (a
    dated sentence is often too short for the section's terms, the point's cluster is not),
    else none."""
    by_sentence = {(c.source_id, c.start): it.section for it in items for c in it.citations}
    for e in events:
        e.section = section_of(e.ja) or next(
            (by_sentence[k] for c in e.citations if (k := (c.source_id, c.start)) in by_sentence),
            "")
