"""Key figures: every amount, share, rate and count the sources state, with what it measures.

Prose: each money/percent/rate/count expression in a sentence that belongs to a section
becomes a figure; its clause says what it measures, and fiscal years in the same clause
qualify it ("2% of GDP · within FY2027 · FY2025"). Tables (flattened rows set aside by
segmentation): the header's unit in parentheses, 金額(億円) or シェア(%), gives the value
column's unit; the text before the first number is the row label, and the header's last
word what the row measures (人件費支援の金額). Every figure carries its measure and subject
(analyse/measure.py) and its bound (about, more than, up to): the same value of the same
measure from several sources is one figure citing all of them, 'about X' and a value within
its rounding one range figure. Figures outside any section are still compared (conflicts);
the Key figures table lists those of a section and those sources dispute.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from brief.analyse.classify import Classifier
from brief.analyse.measure import (
    LISTED_UNITS,
    counts_its_list,
    head_of,
    measure_of,
    names_a_measure,
    same_measure,
    same_subject,
)
from brief.analyse.morphology import similar_wording, tokenize
from brief.analyse.numbers import NumberSpan, find_numbers
from brief.config import Config
from brief.model import Citation, Figure, Passage
from brief.vocab import FigureKind

KINDS: tuple[FigureKind, ...] = ("money", "percent", "rate", "count", "duration")
ROUNDING = Decimal("0.05")  # "about X" covers values within 5% of X
_COUNT_UNITS = ("分野", "カ国", "ヵ国", "か国", "ヶ国", "社", "隻", "倍", "文書", "基", "機", "回",
                "県", "道府県", "トン", "t", "キロ", "km", "メートル", "m", "店舗", "団体",
                "年ぶり", "周年", "発", "棟", "便")
_CLAUSE = re.compile(r"[^、。，,]+[、。，,]?")
_HEADER_UNIT = re.compile(r"[(（](?P<unit>%|％|[兆億万]?(?:円|ドル))[)）]")
_RAW_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
MAX_FIGURES = 24
LARGE_COUNT = Decimal(1000)  # people, cases, … counted in thousands are a measure, not a scene


def clause_of(text: str, start: int, end: int) -> str:
    """The clause around text[start:end], with the previous clause when it is very short."""
    clauses = [(m.start(), m.end()) for m in _CLAUSE.finditer(text)]
    for i, (s, e) in enumerate(clauses):
        if s <= start < e:
            if start - s < 6 and i > 0:
                s = clauses[i - 1][0]
            e = max(e, end)
            return text[s:e].strip("、。，, ")
    return text



def prose_figures(passages: list[Passage], classifier: Classifier) -> list[Figure]:
    out: list[Figure] = []
    for p in passages:
        if p.kind not in ("sentence", "list"):
            continue
        spans = find_numbers(p.text)
        if not any(s.kind in KINDS for s in spans):
            continue
        section = classifier.classify(p.text).section or ""  # "" compared, not listed
        lows = _range_lows(p.text, spans)
        for i, s in enumerate(spans):
            if s.kind not in KINDS or (s.kind == "count" and not _measured_count(s.ja, s.amount)):
                continue
            if i + 1 in lows:
                continue  # the low end of a range: the range is the next span's figure
            low = lows.get(i)
            clause = clause_of(p.text, low.start if low else s.start, s.end)
            years = [f.en for f in find_numbers(clause) if f.kind == "fiscal year"]
            what = measure_of(p.text, low.start if low else s.start, s.end)
            fig = Figure("", s.kind, s.en, clause, [Citation.of(p)], section,
                         amount=s.amount, unit=s.unit, periods=years,
                         measure=what.measure, subject=what.subject, bound=s.bound)
            if low:
                fig.quantity, fig.low, fig.bound = f"{low.en}–{s.en}", low.amount, "range"
            out.append(fig)
    return out


_RANGE_JOIN = re.compile(r"^(?:から|[〜~～\-－–])$")


def _range_lows(text: str, spans: tuple[NumberSpan, ...]) -> dict[int, NumberSpan]:
    """Span index -> the low end it ranges from (4500円から5000円, 60%〜65%): one figure."""
    out: dict[int, NumberSpan] = {}
    for i in range(1, len(spans)):
        a, b = spans[i - 1], spans[i]
        if a.kind == b.kind and a.unit == b.unit and a.kind in KINDS and \
                _RANGE_JOIN.match(text[a.end:b.start]):
            out[i] = a
    return out


def _measured_count(ja: str, amount: str) -> bool:
    """A count worth a Key figures row: of fields, countries, companies, ships, … (the
    counters that size an agreement), or of anything in the thousands (約700万人 visitors,
    1万件 cancellations); '3人' in a scene is not one."""
    if ja.endswith(_COUNT_UNITS):
        return True
    try:
        return Decimal(amount) >= LARGE_COUNT
    except ArithmeticError:
        return False


def table_figures(passages: list[Passage]) -> list[Figure]:
    """Figures from flattened table rows: header unit + row label + first number."""
    out: list[Figure] = []
    header: tuple[str, str, str] | None = None  # (source id, label, unit)
    header_p: Passage | None = None
    last: tuple[str, int] | None = None
    for p in passages:
        if p.kind != "table":
            continue
        if last is None or last != (p.source_id, p.index - 1):
            header = None  # a new table starts
        last = (p.source_id, p.index)
        m = _HEADER_UNIT.search(p.text)
        if m and not _RAW_NUMBER.search(p.text[: m.start()]):
            header = (p.source_id, p.text[: m.start()], m["unit"].replace("％", "%"))
            header_p = p
            continue
        if header is None:
            continue
        label_end = _row_value(p.text)
        if label_end is None:
            continue
        key, number = label_end
        value = find_numbers(number + header[2] + _bound_after(p.text, key, number))
        if not value:
            continue
        key_en = " ".join(f.en for f in find_numbers(key) if f.kind == "fiscal year")
        kind: FigureKind = "percent" if header[2] == "%" else "money"
        measure = header_measure(header[1])
        # the Japanese shown is the row's own label (what the row is about), cited with the
        # header that says what the column measures: no wording the table does not contain
        cites = [Citation.of(p)] + ([Citation.of(header_p)] if header_p else [])
        out.append(Figure("", kind, value[0].en, key or header[1], cites,
                          amount=value[0].amount, unit=value[0].unit,
                          periods=[key_en] if key_en else [], table_label=header[1],
                          table_row=key, measure=measure, subject=key,
                          bound=value[0].bound))
    return out


_QUALIFIERS = ("世界", "国内", "年間", "総", "年平均")


def header_measure(label: str) -> str:
    """What a flattened header's value column measures: its last word (項目金額 -> 金額,
    年度防衛費 -> 防衛費), with a qualifier before it (国・地域世界シェア -> 世界シェア).
    The words before are the label column's name (項目, 国・地域, 年度)."""
    words: list[str] = [m.surface() for m in tokenize(label)]
    if not words:
        return label
    last = words[-1]
    if len(words) > 1 and words[-2] in _QUALIFIERS:
        last = words[-2] + last
    return last


def _row_value(row: str) -> tuple[str, str] | None:
    """(row label, first value) of a flattened row: '施設整備費67032%…' -> ('施設整備費', '670').

    Flattening glues the value to the next column; when that column is a share (digits then
    %), the share is the longest suffix that is a percentage (at most 100, no leading zero).
    """
    fy = re.match(r"\s*(\d{4}年度)", row)
    m = _RAW_NUMBER.search(row, fy.end() if fy else 0)
    if m is None or not row[: m.start()].strip():
        return None
    number = m.group()
    if row[m.end(): m.end() + 1] in ("%", "％"):
        digits = number.replace(",", "")
        for k in (3, 2, 1):
            share = digits[-k:]
            if len(digits) > k and not share.startswith("0") and int(share) <= 100:
                number = _group(digits[:-k])
                break
    return row[: m.start()].strip(), number


_ROW_BOUND = ("未満", "以上", "以下", "超", "程度", "前後", "強", "弱")


def _bound_after(row: str, label: str, number: str) -> str:
    """A bound written right after a row's value (日本2未満…: under 2), else ''."""
    rest = row.strip()[len(label):].lstrip()
    if not rest.startswith(number):
        return ""
    rest = rest[len(number):]
    return next((b for b in _ROW_BOUND if rest.startswith(b)), "")


def _group(digits: str) -> str:
    return f"{int(digits):,}" if digits.isdigit() else digits


def same_thing(a: Figure, b: Figure, strict: bool = False) -> bool:
    """Two figures count the same thing for the same subject (measure-aware). STRICT (to
    set values against each other): both must name the measure; else a figure whose
    sentence never names it (この7分野とは) may join one that does by wording or section."""
    if a.kind != b.kind or a.unit != b.unit or not same_subject(a.subject, b.subject):
        return False
    if a.measure and b.measure:
        return same_measure(a.measure, b.measure)
    if strict and (a.measure or b.measure):
        return False
    return bool(similar_wording(a.ja, b.ja) or (a.section and a.section == b.section))


def rounding_range(a: Figure, b: Figure) -> tuple[Decimal, Decimal] | None:
    """(low, high) when one figure is 'about' the other's value: about ¥1.5 trillion and
    ¥1.53 trillion agree only as the range ¥1.5–1.53 trillion. None when they differ."""
    if "about" not in (a.bound, b.bound) or {a.bound, b.bound} - {"about", ""}:
        return None
    try:
        x, y = Decimal(a.amount), Decimal(b.amount)
    except ArithmeticError:
        return None
    rough = x if a.bound == "about" else y
    if rough == 0 or abs(x - y) > abs(rough) * ROUNDING:
        return None
    return min(x, y), max(x, y)


def _as_range(g: Figure, f: Figure, span: tuple[Decimal, Decimal]) -> None:
    """G becomes the range both figures allow, written from G's and F's own numbers."""
    lo, hi = (g, f) if Decimal(g.amount) <= Decimal(f.amount) else (f, g)
    g.quantity = f"{lo.quantity.removeprefix('about ')}–{hi.quantity.removeprefix('about ')}"
    g.quantity += " (sources round differently)"
    g.low, g.amount, g.bound = str(span[0]), str(span[1]), "range"


def _same_time(a: list[str], b: list[str]) -> bool:
    """Two figures' fiscal years allow one claim: either says none, or they share one."""
    if not a or not b:
        return True
    return bool({q.removeprefix("within ") for q in a} & {q.removeprefix("within ") for q in b})


def merge(figures: list[Figure]) -> list[Figure]:
    """One figure per value and measure, citing every source that gives it.

    Same value and the same measure and subject (or, without a measure, similar wording or
    the same section) and fiscal years that overlap (or are unsaid): the clause of the first
    mention stays, fiscal-year qualifiers of all mentions are kept (FY2027 · FY2025). 'About
    X' and a value within X's rounding become one range figure. Figures from one sentence
    are never one figure.
    """
    merged: list[Figure] = []
    # Only figures of one kind and unit can be the same thing, and two that both name a
    # measure only when its head word is the same: each figure looks in those pools (in the
    # order the figures were found) and in the pool of figures naming no measure.
    place: dict[int, int] = {}  # id(figure) -> its position in merged
    held: dict[int, list[_Pool]] = {}  # id(figure) -> the pools it is in
    by_head: dict[tuple[str, str, str], _Pool] = {}
    unmeasured: dict[tuple[str, str], _Pool] = {}
    by_kind: dict[tuple[str, str], _Pool] = {}
    for f in figures:
        kind = (f.kind, f.unit)
        pools = ([by_head.get((*kind, head_of(f.measure))), unmeasured.get(kind)]
                 if f.measure else [by_kind.get(kind)])
        found = [hit for pool in pools if pool is not None
                 and (hit := _first_join(pool.meeting(f), f)) is not None]
        if not found:
            merged.append(f)
            place[id(f)] = len(merged) - 1
            mine = [by_kind.setdefault(kind, _Pool())]
            mine.append(by_head.setdefault((*kind, head_of(f.measure)), _Pool()) if f.measure
                        else unmeasured.setdefault(kind, _Pool()))
            for pool in mine:
                pool.add(f)
            held[id(f)] = mine
            continue
        g, span = min(found, key=lambda hit: place[id(hit[0])])  # the first found joins
        if span:
            for pool in held[id(g)]:
                pool.remove(g)
            _as_range(g, f, span)
            for pool in held[id(g)]:
                pool.add(g)
        own = {c.source_id for c in g.citations}
        if len(f.periods) > len(g.periods) and any(c.source_id not in own for c in f.citations):
            g.ja = f.ja  # the mention that also says when is the clearer one (and is cited)
        for q in f.periods:
            if q.removeprefix("within ") not in [x.removeprefix("within ")
                                                 for x in [g.quantity, *g.periods]]:
                g.periods.append(q)
        for c in f.citations:
            if c.source_id not in own:  # one citation a source (a figure may have hundreds)
                own.add(c.source_id)
                g.citations.append(c)
    return merged


class _Pool:
    """Figures `merge` may join a figure to, in the order they were found, indexed by value:
    a figure asks only those whose value can meet its own (the same quantity, or an amount
    within ROUNDING of an 'about' one), not the whole pool. Testing every figure of the pool
    made merging grow with the square of the corpus (with the index, the figures stage of a
    10,000-article build went from 144 s to 82 s)."""

    def __init__(self) -> None:
        self.figures: list[Figure] = []  # in the order found
        self.position: dict[int, int] = {}  # id(figure) -> its index in figures
        self.by_quantity: dict[str, set[int]] = {}
        self.amounts: list[tuple[Decimal, int]] = []  # sorted: those that may round

    def add(self, f: Figure) -> None:
        """F into the pool, or back into its indexes at its own place after `remove`."""
        at = self.position.get(id(f))
        if at is None:
            at = self.position[id(f)] = len(self.figures)
            self.figures.append(f)
        self.by_quantity.setdefault(f.quantity, set()).add(at)
        amount = _amount(f)
        if amount is not None and not f.low and f.bound in ("about", ""):
            bisect.insort(self.amounts, (amount, at))

    def remove(self, f: Figure) -> None:
        """F out of the value indexes (before its value changes; `add` puts it back)."""
        at = self.position[id(f)]
        self.by_quantity[f.quantity].discard(at)
        amount = _amount(f)
        i = bisect.bisect_left(self.amounts, (amount, at)) if amount is not None else -1
        if 0 <= i < len(self.amounts) and self.amounts[i] == (amount, at):
            del self.amounts[i]

    def meeting(self, f: Figure) -> list[Figure]:
        """The pool's figures whose value can meet F's, in pool order: every one that
        _values_meet and rounding_range would let _first_join accept, and perhaps more."""
        found = set(self.by_quantity.get(f.quantity, ()))
        near = _rounding_reach(f)
        if near is not None:
            i = bisect.bisect_left(self.amounts, (near[0], -1))
            while i < len(self.amounts) and self.amounts[i][0] <= near[1]:
                found.add(self.amounts[i][1])
                i += 1
        return [self.figures[k] for k in sorted(found)]


def _amount(f: Figure) -> Decimal | None:
    try:
        value = Decimal(f.amount)
    except ArithmeticError:  # no number (InvalidOperation)
        return None
    return value if value.is_finite() else None


def _rounding_reach(f: Figure) -> tuple[Decimal, Decimal] | None:
    """(low, high) holding every amount that rounding_range could put with F's: within
    ROUNDING of F's amount or of an 'about' amount near it (widened twice: a superset is
    safe, the exact test follows); None when no rounding can join F to another value."""
    amount = _amount(f)
    if f.bound not in ("about", "") or amount is None or amount == 0:
        return None
    shrink = 1 - 2 * ROUNDING
    ends = (amount * shrink, amount / shrink)
    return min(ends), max(ends)


def _first_join(pool: list[Figure], f: Figure
                ) -> tuple[Figure, tuple[Decimal, Decimal] | None] | None:
    """The first figure of POOL that F joins, with the range they make when one rounds the
    other; None when F joins none of them."""
    for g in pool:
        if not _values_meet(g, f):
            continue  # the cheap test first: most of a pool has other values
        if not same_thing(g, f) or any(c.source_id == x.source_id and c.start == x.start
                                       and c.ja == x.ja
                                       for c in f.citations for x in g.citations):
            continue
        if not _same_time(g.periods, f.periods):
            continue  # 2% of GDP by FY2027 and 2% of GDP by FY2029 are two claims
        span = None if g.quantity == f.quantity or g.low else rounding_range(g, f)
        if g.quantity == f.quantity or span:
            return g, span
    return None


def _values_meet(g: Figure, f: Figure) -> bool:
    """Whether G and F can be one value: the same quantity, or one 'about' the other (what
    `_first_join` accepts, tested before the wording and the subject, which cost more)."""
    if g.quantity == f.quantity:
        return True
    return not g.low and "about" in (g.bound, f.bound) and not {g.bound, f.bound} - {
        "about", ""}


def all_figures(passages: list[Passage], config: Config,
                classifier: Classifier | None = None) -> list[Figure]:
    """Every prose and table figure, merged: what conflicts compare (no cap, no ids).
    CLASSIFIER: the build's, which has seen the sentences already."""
    return merge(prose_figures(passages, classifier or Classifier(config))
                 + table_figures(passages))


def lists_its_members(f: Figure) -> bool:
    """A count of the kinds its sentence lists (宇宙開発など7分野, 日米韓3カ国): no Key figure
    unless sources dispute it (analyse/measure.counts_its_list)."""
    if f.kind != "count" or f.unit not in LISTED_UNITS or not f.citations:
        return False
    sent = f.citations[0].ja
    return any(n.kind == "count" and n.amount == f.amount and n.unit == f.unit
               and counts_its_list(sent[:n.start], sent[n.end:]) for n in find_numbers(sent))


HANDFUL = Decimal(10)


def _a_handful(f: Figure) -> bool:
    """A count under ten (3回の入札, 2隻): worth a row when several sources give it or it is
    disputed, else after the figures that size the story (318社, 77万トン)."""
    try:
        return f.kind == "count" and not f.low and Decimal(f.amount) < HANDFUL
    except ArithmeticError:
        return False


def _a_note(f: Figure) -> bool:
    """The figure comes from a ※ note (the exchange rate a page converts with): method,
    not substance."""
    return all(c.ja.lstrip().startswith(("※", "＊", "*")) for c in f.citations)


def _significant(amount: str) -> int:
    """How many significant digits AMOUNT has (2110億 -> 3): a precise value, or a round one."""
    digits = amount.replace(".", "").replace("-", "").strip("0")
    return len(digits) if digits.isdigit() else 0


def _restated(figures: list[Figure]) -> list[Figure]:
    """FIGURES without the table rows that restate a figure their source gives in prose
    (年平均2,110億円 and a table's 合計 2,110): one row per distinct figure, the sentence's,
    citing the row too. Only a precise value (three significant digits) is taken as the same
    figure: a table's 2% and a sentence's 2% may be two things."""
    prose = {(c.source_id, f.kind, f.unit, f.amount): f for f in figures if not f.table_row
             for c in f.citations}
    out = []
    for f in figures:
        same = next((prose[k] for c in f.citations
                     if (k := (c.source_id, f.kind, f.unit, f.amount)) in prose), None)
        if f.table_row and same is not None and f.kind in ("money", "count") \
                and _significant(f.amount) >= 3:
            same.citations += [c for c in f.citations[:1] if c not in same.citations]
            continue
        out.append(f)
    return out


def key_figures(figures: list[Figure], config: Config,
                disputed: list[Figure] | None = None) -> list[Figure]:
    """The Key figures table: figures of a section, any that sources dispute, and any whose
    sentence names what it counts (visitors, take-offs, tonnes of imports), ordered by
    section, then by how many sources give them; ids fig-1, fig-2, …"""
    order = {s.key: i for i, s in enumerate(config.sections)}
    keep = {id(f) for f in disputed or []}
    figs = [f for f in _restated(figures) if (f.section or f.table_row or id(f) in keep
                                              or names_a_measure(f.measure))
            and (id(f) in keep or not (lists_its_members(f) or _a_note(f)))]
    # which make the table: disputed, then those naming what they count, then the most
    # cited, then any but a handful of repeats (3回, 2隻), then those of a section (the
    # story's substance, not an aside)
    figs.sort(key=lambda f: (id(f) not in keep, not names_a_measure(f.measure),
                             -len({c.source_id for c in f.citations}), _a_handful(f),
                             not f.section))
    figs = figs[:MAX_FIGURES]
    figs.sort(key=lambda f: (order.get(f.section, len(order)), -len(f.citations)))
    for n, f in enumerate(figs, 1):
        f.id = f"fig-{n}"
    return figs

