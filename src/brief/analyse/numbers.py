"""Japanese numerals, money, fiscal years, dates and percentages in English conventions.

`find_numbers` locates each numeric expression in a Japanese sentence and gives its English
rendering (5500億ドル -> $550 billion, 約84兆円 -> about ¥84 trillion, 2025年度 -> FY2025,
1ドル153円 -> ¥153 to the dollar, 27〜29日 -> 27–29). Translation protects these spans so the
model never re-does the arithmetic.

Japanese also writes numbers in kanji (五千五百億ドル, 二〇二五年度, 十一月二十三日) and years
by era (令和7年度, 平成30年): `japanese_numerals` rewrites both as Arabic digits and
Western years first, keeping a map back to the original text, so the same rules read them
and each span still covers the original characters. kanjize reads the kanji numerals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from brief.analyse.store import per_build

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_FW = str.maketrans("０１２３４５６７８９，．％～〜", "0123456789,.%~~")

NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
BIG = rf"(?:{NUM}兆)?(?:{NUM}億)?(?:{NUM}万)?(?:{NUM})?"
APPROX = r"(?P<approx>約|およそ|概ね|ほぼ)?"
RANGE = r"[~〜～\-－–]"
MONEY = (rf"(?P<max>最大|最高|上限)?{APPROX}(?P<amount>(?=\d){BIG})"
         r"(?P<cur>ドル|円|ユーロ|元|ウォン)(?P<more>超|以上|余り|未満)?")
# A length of time: 約40分間, 1時間半, 2時間10分 (not a clock time: 10時40分, nor 3分の1)
DURATION = (rf"{APPROX}(?:(?P<h>{NUM})時間(?P<half>半)?(?:(?P<hm>\d{{1,2}})分間?)?|"
            rf"(?<![時\d])(?P<m>{NUM})分(?P<kan>間)?(?!の))"
            r"(?P<dmore>弱|近く|足らず|未満|あまり|余り|超|以上)?")
COUNTERS = {
    "分野": ("field", "fields"), "カ国": ("country", "countries"),
    "ヵ国": ("country", "countries"), "か国": ("country", "countries"),
    "ヶ国": ("country", "countries"), "分間": ("minute", "minutes"),
    "時間": ("hour", "hours"), "日間": ("day", "days"), "週間": ("week", "weeks"),
    "カ月": ("month", "months"), "ヶ月": ("month", "months"), "か月": ("month", "months"),
    "年間": ("year", "years"), "人": ("person", "people"), "件": ("case", "cases"),
    "社": ("company", "companies"), "隻": ("ship", "ships"), "基": ("unit", "units"),
    "倍": ("times", "times"), "文書": ("document", "documents"), "期目": ("term", "terms"),
    # things, places and sizes a story counts: aircraft, take-offs, prefectures, tonnes,
    # distances (キロ after a number is a distance in news prose: 約300キロ)
    "機": ("aircraft", "aircraft"), "回": ("time", "times"),
    "道府県": ("prefecture", "prefectures"), "都道府県": ("prefecture", "prefectures"),
    "県": ("prefecture", "prefectures"), "トン": ("tonne", "tonnes"), "t": ("tonne", "tonnes"),
    "キロメートル": ("km", "km"), "キロ": ("km", "km"), "km": ("km", "km"),
    "メートル": ("metre", "metres"), "m": ("metre", "metres"),
    "店舗": ("store", "stores"), "団体": ("organisation", "organisations"),
    "年ぶり": ("year", "years"), "周年": ("anniversary", "anniversary"),
    # missiles or shells fired (ミサイル2発), buildings (12棟), flights (80便)
    "発": ("projectile", "projectiles"), "棟": ("building", "buildings"),
    "便": ("flight", "flights"),
}
# 発 of a word that starts with it (2発表, 3発言, 1発売) is no counter
_NOT_SHOTS = r"(?!表|言|売|行|信|電|足|効|症|注|着|進|展|見|覚|明|動|揮|達|熱|音|生|案|端|想|議)"
# a bound glued after a quantity: 2時間弱 (under), 2時間あまり (over), 2未満 (under)
COUNT_BOUNDS = {"弱": "under", "近く": "under", "足らず": "under", "未満": "under",
                "あまり": "over", "余り": "over", "超": "more than", "以上": "at least"}


@dataclass(frozen=True)
class NumberSpan:
    start: int
    end: int
    ja: str
    en: str
    kind: str = "number"  # money, rate, percent, fiscal year, date, count, year, day, ...
    amount: str = ""  # money, percent, count: the value in plain digits ("550000000000")
    unit: str = ""  # money: ISO currency (USD); percent: "%" or "% of GDP"; count: "fields"
    bound: str = ""  # how the value is qualified: about, over, at least, up to, under, ""


def parse_big(text: str) -> Decimal:
    """Value of a numeral with 兆/億/万 groups: '1兆5300億' -> 1530000000000."""
    total = Decimal(0)
    rest = text.replace(",", "")
    for unit, mult in (("兆", Decimal(10) ** 12), ("億", Decimal(10) ** 8),
                       ("万", Decimal(10) ** 4)):
        if unit in rest:
            head, rest = rest.split(unit, 1)
            total += Decimal(head) * mult
    if rest:
        total += Decimal(rest)
    return total


def _trim(d: Decimal, places: int = 2) -> str:
    q = round(d, places)
    s = f"{q:,.{places}f}".rstrip("0").rstrip(".")
    return s


def format_amount(value: Decimal) -> str:
    """English magnitude words: 5.5e11 -> '550 billion', 1.53e12 -> '1.53 trillion'."""
    for word, mult in (("trillion", Decimal(10) ** 12), ("billion", Decimal(10) ** 9),
                       ("million", Decimal(10) ** 6)):
        if value >= mult:
            return f"{_trim(value / mult)} {word}"
    return _trim(value)


def _approx(m: re.Match[str]) -> str:
    return "about " if m.groupdict().get("approx") else ""


def _money(m: re.Match[str]) -> str:
    value = parse_big(m["amount"])
    cur = m["cur"]
    amount = format_amount(value)
    sign = {"ドル": "$", "円": "¥", "ユーロ": "€", "元": "CN¥", "ウォン": "₩"}[cur]
    prefix = "up to " if m.groupdict().get("max") else _MORE.get(m["more"] or "", "")
    return f"{_approx(m)}{prefix}{sign}{amount}"


_MORE = {"超": "more than ", "以上": "at least ", "余り": "over ", "未満": "under "}


def duration_minutes(m: re.Match[str]) -> Decimal:
    """Minutes of a DURATION match: 1時間半 -> 90."""
    if m["h"]:
        return (Decimal(m["h"].replace(",", "")) * 60 + (30 if m["half"] else 0)
                + Decimal(m["hm"] or 0))
    return Decimal(m["m"].replace(",", ""))


def _bound_en(m: re.Match[str], group: str) -> str:
    """'under ' / 'over ' for a bound glued after a quantity (2時間弱, 2時間あまり)."""
    word = m.groupdict().get(group) or ""
    return f"{COUNT_BOUNDS[word]} " if word else ""


def _duration(m: re.Match[str]) -> str:
    if not (m["h"] or m["kan"] or m["approx"]
            or m.string[:m.start()].endswith(("予定の", "予定より", "予定された"))):
        return ""  # a bare 40分 may be a clock time (10時40分 is excluded, 午後3時40分 too)
    bound = _bound_en(m, "dmore")
    return bound + _duration_en(m).removeprefix("about ") if bound else _duration_en(m)


def _duration_en(m: re.Match[str]) -> str:
    mins = duration_minutes(m)
    if mins < 60:
        return f"{_approx(m)}{_trim(mins)} minute{'' if mins == 1 else 's'}"
    hours, rest = divmod(mins, 60)
    if rest not in (0, 30):
        return f"{_approx(m)}{_trim(hours)} h {_trim(rest)} min"
    hours = mins / 60
    return f"{_approx(m)}{_trim(hours)} hour{'' if hours == 1 else 's'}"


def _money_pair(m: re.Match[str]) -> str:
    """'5500億ドル約84兆円' -> '$550 billion (about ¥84 trillion)'."""
    inner = re.fullmatch(MONEY, m["second"])
    if inner is None:
        return _money(m)
    return f"{_money(m)} ({_money(inner)})"


def _percent(m: re.Match[str]) -> str:
    bound = _bound_en(m, "pmore")
    return f"{bound or _approx(m)}{m['n']}%" + (" of GDP" if m.groupdict().get("gdp") else "")


def _tenths(m: re.Match[str]) -> str:
    return f"{_approx(m)}{int(m['tenths']) * 10}%"


def _fy(m: re.Match[str]) -> str:
    years = f"FY{m['y1']}" + (f"–{m['y2']}" if m["y2"] else "")
    suffix = m["in"]
    if suffix in ("中", "内"):
        return f"within {years}"
    if suffix == "末":
        return f"the end of {years}"
    return years


def _date(m: re.Match[str]) -> str:
    if not (1 <= int(m["m"]) <= 12 and 1 <= int(m["d"]) <= 31):
        return ""  # 13月0日 is no date: left to the plain-number rules
    month = MONTHS[int(m["m"]) - 1]
    day = f"{int(m['d'])}" + (f"–{int(m['d2'])}" if m.groupdict().get("d2") else "")
    year = m.groupdict().get("y")
    return f"{month} {day}, {year}" if year else f"{month} {day}"


def _year_month(m: re.Match[str]) -> str:
    if not 1 <= int(m["m"]) <= 12:
        return ""
    return f"{MONTHS[int(m['m']) - 1]} {m['y']}"


def _counter(m: re.Match[str]) -> str:
    n = m["n"]
    if any(g in n for g in "兆億万"):  # 700万人: a count in 万 groups reads '7 million people'
        n = format_amount(parse_big(n))
    one, many = COUNTERS[m["unit"]]
    if m["unit"] == "倍":
        return f"{_approx(m)}{n} times"
    if m["unit"] == "周年":
        return f"{_ordinal(int(n))} anniversary" if n.isdigit() else f"{n} anniversary"
    if m["unit"] == "年ぶり":
        return f"first in {n} years"
    bound = _bound_en(m, "cmore")
    return f"{bound or _approx(m)}{n} {one if n == '1' else many}"


def _time(m: re.Match[str]) -> str:
    h = int(m["h"])
    mins = f":{int(m['min']):02d}" if m["min"] else ""
    return f"{h}{mins} {'a.m.' if m['ampm'] == '午前' else 'p.m.'}"


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


_COUNTER_UNITS = "|".join(re.escape(u) + (_NOT_SHOTS if u == "発" else "")
                          for u in sorted(COUNTERS, key=len, reverse=True))
_RULES: list[tuple[re.Pattern[str], object, str]] = [
    (re.compile(r"1ドル(?:=|＝)?(?P<yen>\d+(?:\.\d+)?)円"),
     lambda m: f"¥{m['yen']} to the dollar", "rate"),
    (re.compile(rf"{MONEY}[(（]?(?P<second>(?:約|およそ)?(?=\d){BIG}(?:ドル|円|ユーロ|元|ウォン))"
                r"[)）]?"), _money_pair, "money"),
    (re.compile(MONEY), _money, "money"),
    (re.compile(DURATION), _duration, "duration"),
    (re.compile(rf"(?P<gdp>(?:国内総生産|GDP)比){APPROX}(?P<n>{NUM})(?:%|パーセント)"),
     _percent, "percent"),
    (re.compile(rf"{APPROX}(?P<n>{NUM})(?:%|パーセント)(?P<pmore>未満|以上|超|弱|近く)?"), _percent,
     "percent"),
    # 約3割 is a share in tenths (30%); 割引/割増 keep the share, 割合 and 役割 are no numbers
    (re.compile(r"(?P<approx>約|およそ|概ね|ほぼ)?(?P<tenths>\d{1,2})割(?!合)"), _tenths,
     "percent"),
    (re.compile(rf"(?P<y1>\d{{4}})(?:年度)?(?:{RANGE}(?P<y2>\d{{4}}))?年度(?P<in>中|内|末)?"),
     _fy, "fiscal year"),
    (re.compile(rf"(?P<y>\d{{4}})年(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日?"
                rf"(?:{RANGE}(?P<d2>\d{{1,2}})日)?"), _date, "date"),
    (re.compile(rf"(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日?(?:{RANGE}(?P<d2>\d{{1,2}})日)?"),
     _date, "date"),
    (re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:" + RANGE + r"(?P<d2>\d{1,2}))?"
                r"(?![\d/])"), _date, "date"),
    (re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月"), _year_month, "month"),
    (re.compile(rf"(?P<d1>\d{{1,2}}){RANGE}(?P<d2>\d{{1,2}})日"),
     lambda m: f"{int(m['d1'])}–{int(m['d2'])}", "day"),
    (re.compile(r"(?P<ampm>午前|午後)(?P<h>\d{1,2})時(?:(?P<min>\d{1,2})分)?"), _time, "time"),
    (re.compile(r"(?P<y>\d{4})年(?!度)"), lambda m: m["y"], "year"),
    # not an ordinal (第2回, 2回目), nor a compound (機関, 回復), nor 5キロ of weight (5キロ入り)
    (re.compile(rf"(?<!第){APPROX}(?P<n>(?=\d){BIG})(?P<unit>{_COUNTER_UNITS})"
                r"(?![A-Za-z]|目|関|能|構|会|器|械|種|復|答|避|収|転|路|線|グラム|あたり|当たり|袋|入|\d)"
                r"(?P<cmore>弱|近く|足らず|未満|あまり|余り|超|以上)?"), _counter, "count"),
    (re.compile(rf"{APPROX}(?P<amount>(?=\d)(?:{NUM}兆)?(?:{NUM}億)?(?:{NUM}万)?)(?=\D|$)"),
     lambda m: f"{_approx(m)}{format_amount(parse_big(m['amount']))}" if m["amount"] else "",
     "amount"),
    # a day of the month, not a number of days (ほぼ1日, 約3日で, 2日以内, 5日ぶり)
    (re.compile(r"(?<!約)(?<!ほぼ)(?<!およそ)(?<!わずか)(?<!たった)(?<![0-9])(?P<d>\d{1,2})日"
                r"(?!本|米|間|以内|足らず|ぶり|余り|あまり|程度|ほど|がかり)"),
     lambda m: f"the {_ordinal(int(m['d']))}", "day"),
    (re.compile(rf"{APPROX}(?P<n>{NUM})"), lambda m: f"{_approx(m)}{m['n']}", "number"),
]


_CURRENCY = {"ドル": "USD", "円": "JPY", "ユーロ": "EUR", "元": "CNY", "ウォン": "KRW"}


def _quantity(m: re.Match[str], kind: str) -> tuple[str, str, str]:
    """(amount, unit, bound) of a money, percent, count or duration match; ("", "", "")
    for other kinds. A duration's amount is in minutes, whatever the text's unit."""
    groups = m.groupdict()
    bound = "about" if groups.get("approx") else ""
    if kind == "money":
        if groups.get("max") or m["more"]:
            bound = "up to" if groups.get("max") else _MORE[m["more"]].strip()
        return str(parse_big(m["amount"])), _CURRENCY[m["cur"]], bound
    if kind == "percent":
        if groups.get("tenths"):
            return str(int(m["tenths"]) * 10), "%", bound
        return (m["n"].replace(",", ""), "% of GDP" if groups.get("gdp") else "%",
                COUNT_BOUNDS.get(groups.get("pmore") or "", bound))
    if kind == "count":
        unit = "times" if m["unit"] == "倍" else COUNTERS[m["unit"]][1]
        return str(parse_big(m["n"])), unit, COUNT_BOUNDS.get(m["cmore"] or "", bound)
    if kind == "duration":
        return (_trim(duration_minutes(m)).replace(",", ""), "minutes",
                COUNT_BOUNDS.get(m["dmore"] or "", bound))
    return "", "", ""


_KANJI_DIGITS = "〇零一二三四五六七八九十百千万億兆"
# what may follow a kanji numeral for it to be a number: a currency, a date, a share or a
# counter (not 一部, 一方, 三菱, 九州, 十分, 万一, whose 一/三/九/十/万 are words)
_KANJI_UNITS = ("ドル|円|ユーロ|元|ウォン|年度|年間|年|月|日間|日|%|％|パーセント|割"
                "|カ国|か国|ヵ国|ヶ国|カ月|か月|ヶ月|週間|人|件|社|倍|隻|基|トン|回|店舗|団体"
                "|都道府県|道府県")
_KANJI_NUMBER = re.compile(rf"(?<![数何幾{_KANJI_DIGITS}])(?P<k>[{_KANJI_DIGITS}]+)"
                           rf"(?=(?P<unit>{_KANJI_UNITS}))")
# the first year of each modern era, less one: 令和7年 is 2018 + 7 = 2025; 元年 is year 1
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
_ERA_YEAR = re.compile(rf"(?P<era>{'|'.join(ERAS)})(?P<n>元|\d{{1,2}}|[{_KANJI_DIGITS}]{{1,3}})年")


def _kanji_value(m: re.Match[str]) -> str:
    """Digits for a kanji numeral that stands before a unit; "" where it is a word."""
    from kanjize import kanji2number

    k, unit = m["k"], m["unit"]
    before = m.string[:m.start()]
    if len(k) == 1 and not (unit in ("月", "割", "倍", "人", "件", "社", "回", "カ国", "か国",
                                     "ヵ国", "ヶ国", "カ月", "か月", "ヶ月", "%", "％",
                                     "パーセント")
                            or (unit == "日" and before.endswith("月"))):
        return ""  # 一日も早く, 十日町, 一年: a lone kanji digit there is a word
    if k == "一" and unit == "人":
        return ""  # 一人当たり, 一人ひとり: per person, each one
    if all(c in "〇零一二三四五六七八九" for c in k) and len(k) > 1:
        return "".join(str("〇一二三四五六七八九".index(c.replace("零", "〇"))) for c in k)
    try:
        return str(kanji2number(k))
    except ValueError:  # 万一, 億千: not a numeral
        return ""


def _era_year(m: re.Match[str]) -> str:
    n = m["n"]
    if n == "元":
        year = 1
    elif n.isdigit():
        year = int(n)
    else:
        from kanjize import kanji2number

        try:
            year = kanji2number(n)
        except ValueError:
            return ""
    return f"{ERAS[m['era']] + year}年" if year >= 1 else ""


def japanese_numerals(text: str) -> tuple[str, list[int], list[int]]:
    """TEXT (full-width digits already ASCII) with era years and kanji numerals in Arabic
    digits, and for each position of the result the original start and end offsets, so a
    span found in the result maps back onto the characters it came from."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    edits = [(m.start(), m.end(), _era_year(m)) for m in _ERA_YEAR.finditer(text)]
    taken = {i for a, b, new in edits if new for i in range(a, b)}
    edits += [(m.start(), m.end(), _kanji_value(m)) for m in _KANJI_NUMBER.finditer(text)
              if m.start() not in taken]
    for a, b, new in sorted((e for e in edits if e[2]), key=lambda e: e[0]):
        if a < pos:
            continue
        for i in range(pos, a):
            out.append(text[i])
            starts.append(i)
            ends.append(i + 1)
        out.append(new)
        starts += [a] * len(new)
        ends += [b] * len(new)
        pos = b
    for i in range(pos, len(text)):
        out.append(text[i])
        starts.append(i)
        ends.append(i + 1)
    return "".join(out), starts, ends


def to_ascii_digits(text: str) -> str:
    """Full-width digits and punctuation to ASCII (same length, so offsets stay valid)."""
    return text.translate(_FW)


@per_build
def find_numbers(text: str) -> tuple[NumberSpan, ...]:
    """Every numeric expression in the text with its English rendering, left to right.

    Cached: figures, the timeline and translation each read the same sentences' numbers."""
    norm, starts, ends = japanese_numerals(to_ascii_digits(text))
    taken = [False] * len(norm)
    spans: list[NumberSpan] = []
    for pattern, render, kind in _RULES:
        for m in pattern.finditer(norm):
            if m.end() == m.start() or any(taken[m.start():m.end()]):
                continue
            en = render(m)  # type: ignore[operator]
            if not en:
                continue
            for i in range(m.start(), m.end()):
                taken[i] = True
            start, end = starts[m.start()], ends[m.end() - 1]
            spans.append(NumberSpan(start, end, text[start:end], en, kind,
                                    *_quantity(m, kind)))
    return tuple(sorted(spans, key=lambda s: s.start))
