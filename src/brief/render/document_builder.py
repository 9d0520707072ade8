"""The one place that decides what the brief says on the page: `build(brief)` -> Document.

Which parts and in which order, their labels, which text a point shows (English, or its
Japanese when untranslated or when the translation was flagged), what each note cites and
quotes, and what the Sources rows name. Writers map the result; they decide nothing.

Notes, as a reader uses them: one per point, figure, event or claim (a Bottom line point
links to its section point instead), citing the sources by S-number linked to the Sources
row; the wording source's Japanese is quoted only when the point is shown in English (a
point shown in Japanese is not repeated under itself); another source's sentence only when
it says something the first does not (another number), at most MAX_QUOTES of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from brief.analyse.numbers import MONTHS
from brief.curate.changes import summary
from brief.model import FLAGGED, Brief, Citation, Claim, Conflict, Event, Figure, Item, Source
from brief.render.charts import coverage_chart, event_anchor, timeline_chart
from brief.render.common import (
    BODY_CONFLICTS,
    BODY_FIGURES,
    MAX_QUOTES,
    Noted,
    body_conflicts,
    body_figures,
    conflict_numbers,
    contributions,
    corroboration,
    differs,
    numbers_in,
    other_japanese,
    outline,
    plural,
    point_anchor,
    section_points,
    section_slugs,
    short_date,
    source_kind,
    wording,
)
from brief.render.coverage import LEGEND, matrix
from brief.render.document import (
    EN,
    JA,
    Block,
    Document,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Meta,
    NoteBook,
    Original,
    Para,
    Quote,
    Row,
    Table,
    Text,
    link,
    to_anchor,
)
from brief.translate.checks import printable

BOTTOM = "bottom-line"  # the key of the Bottom line's point anchors
UNCHECKED = "unchecked-mt"  # the anchor of the appendix of flagged translations
MARK = "MT?"  # the marker on a text whose machine translation failed a check
NO_POINTS = "No points: no source sentence matched this section's keywords."
SOURCE_HEADER = ("No.", "Title", "Outlet, date, link", "Type", "Contributed")

_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CJK = re.compile(r"[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]")
_UNIT = re.compile(r"(?<=\d) (?=(?:thousand|million|billion|trillion|percent|%|km|kg|yen|"
                   r"fields|people|units|years?|months?|days?)\b)")


def clean(text: str) -> str:
    """What any run shows: printable, one digit width (half-width), and a number kept on
    one line with its unit ("¥84 trillion" never breaks between the two)."""
    return _UNIT.sub("\u00a0", printable(text).translate(_FW_DIGITS))


def lang_of(text: str) -> str:
    return JA if _CJK.search(text) else EN


def main_lang(text: str) -> str:
    """The language most of TEXT's letters are in: an English heading that names a Japanese
    word ('… the same measure (会談)') is English, set in the bold Latin face (its Japanese
    drawn by the font fallback), not wholly in the Japanese face."""
    return JA if len(_CJK.findall(text)) >= len(re.findall(r"[A-Za-z]", text)) else EN


def lang_runs(text: str, style: str = "") -> list[Inline]:
    """TEXT split into runs by language (a reason such as 'notice 「広告が含まれ」' is part
    English, part Japanese): each run is tagged with the language it is in."""
    runs: list[Inline] = []
    for m in re.finditer(r"[「『][^」』]*[」』]|[^「『]+|[「『]", clean(text)):
        piece = m.group()
        lang = JA if piece[0] in "「『" or not re.search(r"[A-Za-z]", piece) and \
            _CJK.search(piece) else EN
        runs.append(Text(piece, lang, style))
    return runs


def human_date(iso: str) -> str:
    """'2025-10-28' -> '28 October 2025' (a month 'October 2025'; anything else as given)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        return f"{int(iso[8:])} {MONTHS[int(iso[5:7]) - 1]} {iso[:4]}"
    if re.fullmatch(r"\d{4}-\d{2}", iso):
        return f"{MONTHS[int(iso[5:7]) - 1]} {iso[:4]}"
    return iso


def site_of(s: Source) -> str:
    """The outlet a Sources row names: the sidecar's, else the wire it credits, else the
    host of its URL; a page that names none says so (never only a file name)."""
    if s.outlet:
        return s.outlet
    if s.origin:
        return s.origin
    host = urlsplit(s.url).hostname if s.url else None
    if host:
        return host.removeprefix("www.")
    return "site not named"


@dataclass
class _Builder:
    brief: Brief
    subject: str = ""
    figures_limit: int = BODY_FIGURES  # Key figures in the body (0: all)
    conflicts_limit: int = BODY_CONFLICTS  # Sources differ entries in the body (0: all)
    notes: NoteBook = field(default_factory=NoteBook)
    # ((part, which), reasons) of each flagged text: ('Security', '3'), ['too long (…)']
    flagged: list[tuple[tuple[str, str], list[str]]] = field(default_factory=list)
    bilingual: bool = False
    # the brief is not changed while its document is built, and translation_ran walks
    # every text of it: asked once, not once per source and point (quadratic at scale)
    translation_ran: bool = field(init=False)

    def __post_init__(self) -> None:
        self.translation_ran = self.brief.translation_ran

    # -- what a text shows -------------------------------------------------------------
    def shows_english(self, obj: object) -> bool:
        return (self.translation_ran and bool(getattr(obj, "en", ""))
                and getattr(obj, "status", "") != FLAGGED)

    def show(self, obj: Noted, where: tuple[str, str] | None) -> list[Inline]:
        """A point, figure, event or claim: its English with the Japanese beside it; its
        Japanese when untranslated; its Japanese with the MT? marker (linked to the one
        appendix table that says why) when the translation was flagged."""
        if self.shows_english(obj):
            self.bilingual = True
            return [Text(clean(obj.en)), Original(clean(obj.ja))]
        runs: list[Inline] = [Text(clean(obj.ja), JA)]
        if self.translation_ran and getattr(obj, "status", "") == FLAGGED:
            if where is not None:  # (a Bottom line point is listed where its section has it)
                self.flagged.append((where, list(getattr(obj, "flags", []))))
            runs.append(to_anchor(MARK, UNCHECKED, EN, "sup"))
        return runs

    # -- notes --------------------------------------------------------------------------
    def cite_runs(self, ids: list[str]) -> list[Inline]:
        """'S2 Nikkei; S1; S3', each S-number a link to its Sources row."""
        s = self.brief.source(ids[0])  # its outlet named; dates and links are in its row
        site = site_of(s) if s.outlet or s.origin or s.url else ""
        runs: list[Inline] = [to_anchor(s.id, f"src-{s.id}")]
        runs += [Text(f" {clean(site)}")] if site else []
        for sid in ids[1:]:
            runs += [Text("; "), to_anchor(sid, f"src-{sid}")]
        return runs

    def note(self, obj: Noted, quote: bool = True) -> list[Inline]:
        """The reference mark of OBJ's one note (nothing without citations); QUOTE false:
        the sources only (the point's Japanese is quoted in another note)."""
        if not obj.citations:
            return []
        main = wording(obj)
        ids = [main.source_id] + [i for i in dict.fromkeys(c.source_id for c in obj.citations)
                                  if i != main.source_id]
        quotes: list[Citation] = [main] if self.shows_english(obj) and quote else []
        others = [c for c in other_japanese(obj) if differs(main.ja, c.ja)] if quote else []
        quotes += others[:MAX_QUOTES]
        runs = self.cite_runs(ids)
        for c in quotes:
            lead = ". " if c is main else f"{'. ' if c is quotes[0] else ' '}{c.source_id}: "
            said = c.ja if c is main else excerpt(c.ja, main.ja)
            runs += [Text(lead), Text(f"「{clean(said)}」", JA)]
        if len(others) > MAX_QUOTES:
            runs.append(Text(f" {len(others) - MAX_QUOTES} other reports give other "
                             "figures."))  # no file names in reader text
        elif not quotes or runs[-1] != Text("."):
            runs.append(Text("."))
        return [self.notes.add(tuple(ids), tuple(Quote(c.source_id, c.ja) for c in quotes),
                               tuple(runs))]

    def plain_note(self, runs: list[Inline]) -> list[Inline]:
        """A note that cites no source (why a source was judged as it was)."""
        return [self.notes.add((), (), tuple(runs))] if runs else []

    def verdict_note(self, c: Conflict) -> list[Inline]:
        runs: list[Inline] = []
        ids: list[str] = []
        for cl in c.claims:
            if not cl.citations:
                continue
            cids = list(dict.fromkeys(x.source_id for x in [wording(cl), *cl.citations]))
            runs += [Text("; " if runs else ""), Text(f"“{clean(cl.value)}”: "),
                     *self.cite_runs(cids)]
            ids += cids
        if not runs:
            return []
        runs.append(Text("."))
        return [self.notes.add(tuple(dict.fromkeys(ids)), (), tuple(runs))]

    # -- parts --------------------------------------------------------------------------
    def points(self, items: list[Item], sec_key: str = "", sec_title: str = "",
               first: int = 1) -> Block:
        """A section's points, or the Bottom line's (no SEC_KEY: the section's slug from
        common.section_slugs, never the raw key), numbered from FIRST. No sentence is
        printed twice: a Bottom line point is shown there in full with its note, and its
        section points up to it."""
        if not items:
            return Para((Text(NO_POINTS, EN, "em"),), "desc")
        up = {it.id: n for n, it in enumerate(self.brief.bottom_line, 1)} if sec_key else {}
        out = []
        for n, item in enumerate(items, first):
            if item.id in up:
                runs: list[Inline] = [
                    *change_mark(item), Text("In the Bottom line: ", EN, "em"),
                    to_anchor(f"point {up[item.id]}", point_anchor(BOTTOM, up[item.id]), EN,
                              "em"), *self.note(item, quote=False)]
            else:
                runs = [*change_mark(item), *self.show(item, (sec_title or "Bottom line",
                                                               str(n)))]
                if corr := corroboration(self.brief, item):
                    runs.append(Text(f" ({corr})", EN, "em"))
                runs += changed_note(item)
                runs += self.disputed(item) + self.note(item)
            out.append(ListItem(tuple(runs), point_anchor(sec_key or BOTTOM, n)))
        return ListBlock(tuple(out), ordered=True, start=first)

    def part_blocks(self, kind: str, sec_index: int) -> list[Block]:
        b = self.brief
        if kind == "bottom-line":
            return [self.points(b.bottom_line)]
        if kind == "section":
            sec = b.sections[sec_index]
            desc: list[Block] = [Para(tuple(lang_runs(sec.description, "em")), "desc")] \
                if sec.description else []
            slug = section_slugs(b.sections)[sec.key]
            return [*desc, self.points(section_points(b, sec)[0], slug, sec.title)]
        if kind == "unconfirmed":
            return self.single_source()
        if kind == "dropped":
            return [self.dropped()]
        if kind in ("figures", "more-figures"):
            return self.figures(kind)
        if kind in ("conflicts", "more-conflicts"):
            return self.conflicts(kind)
        if kind == "timeline":
            return self.timeline()
        if kind == "coverage":
            table = matrix(b, clean)
            chart = coverage_chart(b, clean)
            return [Para((Text(LEGEND, EN, "em"),), "desc"), *([table] if table else []),
                    *([chart] if chart else [])]
        if kind == "sources":
            return [self.sources()]
        if kind == "glossary":
            return [Table(("Japanese", "English"), tuple(
                Row(((Text(clean(ja), JA),), (Text(clean(en)),))) for ja, en in b.glossary_used),
                (0.45, 0.55))]
        raise ValueError(f"unknown part {kind!r}")

    def single_source(self) -> list[Block]:
        """The section points the body leaves out, those only one low-reliability source
        makes: under their section's name, numbered on from its points in the body."""
        out: list[Block] = [Para((Text(
            "Points only one low-reliability source makes (a forum, a blog, an AI-generated "
            "or machine-translated site), numbered on from their section's points above.",
            EN, "em"),), "desc")]
        slugs = section_slugs(self.brief.sections)
        for sec in self.brief.sections:
            shown, later = section_points(self.brief, sec)
            if later:
                out += [Heading(2, clean(sec.title), lang=lang_of(sec.title)),
                        self.points(later, slugs[sec.key], sec.title, len(shown) + 1)]
        return out

    def timeline(self) -> list[Block]:
        """The Timeline table, each row numbered as the chart after it numbers its circle
        (and the row's anchor is what the circle links to)."""
        table = Table(("No.", "Date", "Event"), tuple(
            Row(((Text(str(n)),), (Text(event_date(e.date, e.date_note, e.phase)),),
                 tuple(change_mark(e) + self.show(e, ("Timeline", str(n)))
                       + changed_note(e) + self.note(e))), event_anchor(n))
            for n, e in enumerate(self.brief.timeline, 1)), (0.07, 0.2, 0.73))
        chart = timeline_chart(self.brief, clean)
        return [table, *([chart] if chart else [])]

    def dropped(self) -> ListBlock:
        """The previous brief's points this one no longer has, as its readers saw them (no
        note: their sources may be gone from this build; brief.json names the files)."""
        return ListBlock(tuple(ListItem((
            Text(f"{clean(d.section)}: ", lang_of(d.section), "em"),
            *([Text(clean(d.en))] if d.en else [Text(clean(d.ja), JA)])))
            for d in self.brief.dropped), ordered=False)

    def figures(self, kind: str) -> list[Block]:
        """The body's Key figures (with a line leading to the others when some wait after
        the Timeline), or those others."""
        shown, rest = body_figures(self.brief, self.figures_limit)
        part = "Key figures" if kind == "figures" else "Other figures"
        rows = shown if kind == "figures" else rest
        table = Table(("Figure", "What it measures"), tuple(
            Row(((Text(clean(f.value)),),
                 tuple(change_mark(f) + self.show(f, (part, str(n))) + changed_note(f)
                       + self.note(f))))
            for n, f in enumerate(rows, 1)), (0.3, 0.7))
        if kind == "figures" and rest:
            return [table, Para((Text(f"{plural(len(rest), 'more figure')}: see ", EN, "em"),
                                 to_anchor("Other figures", "more-figures", EN, "em"),
                                 Text(".", EN, "em")), "desc")]
        if kind == "more-figures":
            return [Para((Text("The figures the Key figures table leaves out, those fewest "
                               "sources report.", EN, "em"),), "desc"), table]
        return [table]

    def disputed(self, item: Item) -> list[Inline]:
        """A point another source contradicts says so and leads to the entry that shows
        both sides: it is never presented as agreed."""
        numbers = conflict_numbers(self.brief, self.conflicts_limit)
        if item.dispute not in numbers:
            return []
        return [Text(" — disputed: see ", EN, "em"),
                to_anchor(f"Sources differ {numbers[item.dispute]}",
                          conflict_anchor(item.dispute), EN, "em")]

    def conflicts(self, kind: str) -> list[Block]:
        """The body's Sources differ entries (with a line leading to the others when some
        wait after the Timeline), or those others, numbered on from the body's."""
        shown, rest = body_conflicts(self.brief, self.conflicts_limit)
        out: list[Block] = []
        if kind == "more-conflicts":
            out.append(Para((Text("The Sources differ entries the body has no room for (it "
                                  "shows first those a Bottom line point leads to, then those "
                                  "more outlets take sides in).", EN, "em"),), "desc"))
        out += self.entries(shown if kind == "conflicts" else rest,
                            1 if kind == "conflicts" else len(shown) + 1)
        if kind == "conflicts" and rest:
            first = len(shown) + 1
            numbers = f"{first}" if len(rest) == 1 else f"{first}–{first + len(rest) - 1}"
            more = "1 more entry" if len(rest) == 1 else f"{len(rest)} more entries"
            out.append(Para((Text(f"{more} ({numbers}): see ", EN, "em"),
                             to_anchor("More disagreements", "more-conflicts", EN, "em"),
                             Text(".", EN, "em")), "desc"))
        return out

    def entries(self, conflicts: list[Conflict], first: int) -> list[Block]:
        """Each entry: its topic, what each side is about and which side the outlets take,
        then each side's wording (or a link up to the point that prints it)."""
        out: list[Block] = []
        printed = self.printed_points()
        for n, c in enumerate(conflicts, first):
            out.append(Heading(2, f"{n}. {clean(c.topic)}", lang=main_lang(c.topic),
                               anchor=conflict_anchor(c.id)))
            # what each side is about when both can be true, then which side the outlets
            # take: one paragraph, with the note that names them
            said: list[Inline] = [*change_mark(c), *changed_note(c, ". ")]
            said += [*lang_runs(clean(c.note).rstrip(".")), Text(". ")] if c.note else []
            if c.verdict:
                said += [Text(f"Which side the sources take: {clean(c.verdict)}."),
                         *self.verdict_note(c)]
            if said:
                out.append(Para(tuple(said), "verdict"))
            out.append(ListBlock(tuple(
                ListItem((Text(clean(cl.value), lang_of(cl.value), "strong"), Text(": "),
                          *self.side(cl, printed), *self.note(cl)))
                for cl in c.claims), ordered=False))
        return out

    def side(self, claim: Claim, printed: dict[str, tuple[str, str]]) -> list[Inline]:
        """A side's wording, or, when a point above already prints that sentence (PRINTED:
        its Japanese -> the point's label and anchor), a link up to it: no sentence is
        printed twice in the body."""
        if claim.ja in printed:
            label, anchor = printed[claim.ja]
            return [Text("as ", EN, "em"), to_anchor(label, anchor, EN, "em"),
                    Text(" says", EN, "em")]
        return self.show(claim, ("Sources differ", clean(claim.value)))

    def printed_points(self) -> dict[str, tuple[str, str]]:
        """Each point's Japanese -> where it is printed in full (the Bottom line first, then
        each section), as the label and anchor a link up to it shows."""
        slugs = section_slugs(self.brief.sections)
        places = [("Bottom line", BOTTOM, self.brief.bottom_line)] + [
            (s.title, slugs[s.key], sum(section_points(self.brief, s), []))
            for s in self.brief.sections]
        out: dict[str, tuple[str, str]] = {}
        for label, key, items in places:
            for n, item in enumerate(items, 1):
                out.setdefault(item.ja, (f"{label}, point {n}", point_anchor(key, n)))
        return out

    def sources(self) -> Table:
        rows = []
        for s in self.brief.sources:
            rows.append(Row((
                (Text(s.id),),
                tuple(self.source_title(s)),
                tuple(self.source_where(s)),
                (Text(clean(source_kind(s))), *self.plain_note(
                    [Text("Type and reliability: "), *lang_runs(s.kind_reason), Text(".")]
                    if s.kind_reason else [])),
                (Text(contributions(self.brief, s)),)), f"src-{s.id}"))
        share = max(0.06, 0.014 * max((len(s.id) for s in self.brief.sources), default=2) + 0.03)
        return Table(SOURCE_HEADER, tuple(rows), (share, 0.41 - share, 0.24, 0.17, 0.18))

    def source_title(self, s: Source) -> list[Inline]:
        """Its English (with the Japanese title after it), else the Japanese title, marked
        MT? when its translation was flagged."""
        if self.translation_ran and s.title_en and s.title_status != FLAGGED:
            return [Text(clean(s.title_en)), Text(" "), Text(f"「{clean(s.title)}」", JA)]
        runs: list[Inline] = [Text(clean(s.title), JA)]
        if self.translation_ran and s.title_status == FLAGGED:
            self.flagged.append((("Source titles", s.id), list(s.title_flags)))
            runs.append(to_anchor(MARK, UNCHECKED, EN, "sup"))
        return runs

    def source_where(self, s: Source) -> list[Inline]:
        """The outlet or site, the date (marked when derived from the text) and the link."""
        when = human_date(s.published) if s.published else "undated"
        when += " (date from the text)" if "published" in s.derived and s.published else ""
        runs: list[Inline] = [Text(f"{clean(site_of(s))}, {when}")]
        if s.url:  # the host names the link; the address itself is its target
            runs += [Text(", "), link(_shown_url(s.url), s.url)]
        else:
            runs.append(Text(f"; saved page {s.path}", EN, "em"))
        return runs

    def unchecked(self) -> list[Block]:
        """The one table of flagged machine translation: each kind of failure and the texts
        it hit ('Security 1, 3; Timeline 2'), so seventy flagged texts take a few rows; each
        text's own diagnostics are in the review file."""
        if not self.flagged:
            return []
        hits: dict[str, dict[str, list[str]]] = {}
        for (part, which), flags in self.flagged:
            for kind in dict.fromkeys(_kind(f) for f in flags or ["failed an output check"]):
                hits.setdefault(kind, {}).setdefault(part, []).append(which)
        rows = tuple(Row(((Text(kind),), (Text(
            f"{plural(sum(map(len, parts.values())), 'text')}: " + "; ".join(
                f"{part} {', '.join(whats)}" for part, whats in parts.items())),)))
            for kind, parts in sorted(hits.items(), key=lambda kv: -sum(map(len, kv[1].values()))))
        return [Heading(1, "Unchecked machine translation", UNCHECKED),
                Para((Text(f"{MARK} marks a text shown in Japanese because its machine "
                           "translation failed a check (the reasons below; each text's in the "
                           "review file, with the model's output)."),), "desc"),
                Table(("Why the translation was not used", "Texts"), rows, (0.3, 0.7))]


EXCERPT = 24  # characters a differing quote keeps either side of the number that differs


def conflict_anchor(conflict_id: str) -> str:
    """The anchor of a "Sources differ" entry, from its id (conflict-3: ASCII already)."""
    return "differ-" + re.sub(r"[^A-Za-z0-9-]", "-", conflict_id)


def excerpt(other: str, ja: str) -> str:
    """The part of OTHER around the first number JA does not have (what the note is
    there to show), cut with … where the sentence goes on; the whole is in brief.json."""
    have = numbers_in(ja)
    m = next((m for m in _NUMBER.finditer(other.translate(_FW_DIGITS))
              if m.group() not in have), None)
    if m is None or len(other) <= 2 * EXCERPT + 8:
        return other
    a, b = max(0, m.start() - EXCERPT), min(len(other), m.end() + EXCERPT)
    return ("…" if a else "") + other[a:b] + ("…" if b < len(other) else "")


_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?")


MAX_HOST = 253  # characters: the longest host name DNS allows
SHOWN_HOST = 60


def _shown_url(url: str) -> str:
    """'https://www.afpbb.com/articles/fp/3582277' -> 'afpbb.com/…': a hundred characters
    of address in a narrow column help no reader, and the link keeps the whole of it."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    if not host:
        return url
    if len(host) > MAX_HOST:  # no host name is that long: its start (a PDF repeated the
        return host[:SHOWN_HOST] + "…"  # whole address for each line of a long one: 590 MB)
    return host + ("/…" if parts.path.strip("/") or parts.query else "")


def _kind(flag: str) -> str:
    """A check's reason without its particulars: 'too long (16.9 characters …)' -> 'too
    long', 'glossary term missing: 防衛費 → …' -> 'glossary term missing'."""
    return clean(re.split(r"\s*[(:]", flag, maxsplit=1)[0]).strip() or clean(flag)


def event_date(iso: str, date_note: str = "", phase: str = "done") -> str:
    """'Nov 23, 2025', with what a reader should know in one parenthesis: '(planned;
    month inferred)'."""
    text = short_date(iso)
    if len(iso) == 10 and "," not in text:
        text += f", {iso[:4]}"
    said = [w for w, on in (("planned", phase == "planned"), ("month inferred", bool(date_note)))
            if on]
    return text + (f" ({'; '.join(said)})" if said else "")


CHANGE_MARKS = {"new": "New", "changed": "Changed"}  # a mark, bold, before its text

Marked = Item | Figure | Event | Conflict


def change_mark(obj: Marked) -> list[Inline]:
    """'New · ' or 'Changed · ' in bold before a point, figure, event or Sources differ
    entry that is new or changed since the previous build: words, not a colour, so a
    black-and-white print and a screen reader keep it."""
    if not obj.change:
        return []
    return [Text(f"{CHANGE_MARKS[obj.change]} · ", EN, "strong")]


def changed_note(obj: Marked, end: str = "") -> list[Inline]:
    """' (changed: ¥5 trillion → ¥6 trillion)' after what changed (END after it)."""
    if not obj.changes:
        return []
    return [Text(f" (changed: {clean('; '.join(obj.changes))})", EN, "em"), *(
        [Text(end)] if end else [])]


def changes_line(brief: Brief) -> list[Inline]:
    """'Since the brief of 27 October 2025: 2 new, 1 changed since …; 1 dropped (see …).',
    nothing for a first build."""
    line = summary(brief, f"the brief of {human_date(brief.previous)}")
    if not line:
        return []
    runs: list[Inline] = [Text(line)]
    if brief.dropped:
        runs = [Text(line.rstrip(".") + " (see "), to_anchor("Dropped", "dropped"), Text(").")]
    return runs


def flagged_count(brief: Brief) -> int:
    """Every flagged text: points, figures, events, claims and source titles (the same count
    as Brief.translation_counts, which the console and brief.json give)."""
    counts = brief.translation_counts()
    return sum(counts[kind][FLAGGED] for kind in ("points", "figures", "events", "claims",
                                                  "titles"))


def notice(brief: Brief) -> str:
    """How the text was translated, in a reader's words."""
    if not brief.translation_ran:
        return "The points are shown in the original Japanese: this brief was not translated."
    c = brief.status_counts()
    engine = brief.model_name or brief.model or "no model (every point from the memory)"
    flagged = flagged_count(brief)
    text = (f"Machine translation: {engine}. Points: {c['approved']} approved by a person, "
            f"{c['machine']} machine-translated.")
    if flagged:
        text += (f" {plural(flagged, 'text')} flagged: shown in Japanese, marked {MARK} "
                 "(see Unchecked machine translation).")
    return text


def byline(brief: Brief) -> str:
    parts = [brief.office, brief.author, human_date(brief.date),
             plural(len(brief.sources), "source")]
    return " · ".join(p for p in parts if p)


def meta(brief: Brief, subject: str) -> Meta:
    """Title, author, subject and keywords from the brief's own story: the parts that have
    points and the glossary terms it uses, not a project-wide default."""
    sections = [s.title for s in brief.sections if s.items]
    terms = [en for _, en in brief.glossary_used][:8]
    story = subject or (f"Brief of {plural(len(brief.sources), 'Japanese source')} on "
                        f"{', '.join(sections) or 'the news'}, {human_date(brief.date)}")
    return Meta(clean(brief.title), lang_of(brief.title), brief.author or brief.office,
                clean(story), tuple(dict.fromkeys(clean(k) for k in [*sections, *terms])),
                brief.date, len(brief.sources), brief.office)


def build(brief: Brief, subject: str = "", figures: int = BODY_FIGURES,
          conflicts: int = BODY_CONFLICTS) -> Document:
    """BRIEF as one Document (SUBJECT: brief.toml's, when it sets one; FIGURES and
    CONFLICTS: the Key figures and Sources differ entries its body shows, 0 for all)."""
    bd = _Builder(brief, subject, figures, conflicts)
    lang = EN if any(bd.shows_english(i) for i in brief.all_items()) else JA
    blocks: list[Block] = [Heading(0, clean(brief.title), "top", lang_of(brief.title)),
                           Para((Text(byline(brief)),), "byline"),
                           Para(tuple(lang_runs(notice(brief))), "notice")]
    if since := changes_line(brief):
        blocks.append(Para(tuple(since), "notice"))
    index = 0
    for part in outline(brief, figures, conflicts):
        blocks.append(Heading(1, part.title, part.anchor))
        blocks += bd.part_blocks(part.kind, index)
        index += part.kind == "section"
    blocks += bd.unchecked()
    return Document(replace(meta(brief, subject), lang=lang), tuple(blocks),
                    tuple(bd.notes.notes), bd.bilingual,
                    f"Built by brief from {plural(len(brief.sources), 'Japanese source')}.")
