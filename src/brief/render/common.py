"""What the document builder (and `brief email`) say of the brief: the outline, which
citation a point's wording comes from, corroboration, counts.

The parts come in `outline` order (bottom line, sections, key figures, sources differ,
timeline, sources, glossary); document_builder.py turns them into the Document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from brief.analyse.numbers import MONTHS
from brief.model import (
    FLAGGED,
    Brief,
    Citation,
    Claim,
    Conflict,
    Event,
    Figure,
    Item,
    Section,
    Source,
)
from brief.render.escape import Ids
from brief.translate.checks import printable


@dataclass(frozen=True)
class Part:
    """One heading-level part of the brief, as every writer lays it out."""

    kind: str  # bottom-line, section, dropped, figures, conflicts, timeline, unconfirmed,
    # more-figures, more-conflicts, coverage, sources, glossary
    title: str
    anchor: str  # bookmark / link target
    section: Section | None = None  # for kind "section"


def section_slugs(sections: list[Section]) -> dict[str, str]:
    """Each section key as the id fragment its anchors use: slugged (a key is the user's
    text, and may hold quotes or markup) and unique ('x y' and 'x-y' are 'x_y', 'x_y_2')."""
    ids = Ids()
    return {s.key: ids.unique(s.key) for s in sections}


BODY_FIGURES = 8  # the Key figures the body shows (brief.toml's [output] key_figures)


def body_figures(brief: Brief, limit: int = BODY_FIGURES) -> tuple[list[Figure], list[Figure]]:
    """(the Key figures the body shows, the others, which follow the Timeline): LIMIT of
    them, those two or more sources report first, a value the table already shows ('about
    45 metres' of one sentence and of another) after every new one; each part in the
    brief's order; every figure in the body when LIMIT is 0 or when all fit. A 2-4 page
    brief has no room for two dozen numbers before its Sources differ."""
    if limit <= 0 or len(brief.figures) <= limit:
        return list(brief.figures), []
    ranked = sorted(brief.figures, key=lambda f: len({c.source_id for c in f.citations}) < 2)
    values: set[str] = set()
    repeats: set[str] = set()  # ids of figures whose value a higher-ranked one has
    for f in ranked:
        if f.value in values:
            repeats.add(f.id)
        values.add(f.value)
    ranked.sort(key=lambda f: f.id in repeats)  # stable: the order above within each
    ids = {f.id for f in ranked[:limit]}
    return ([f for f in brief.figures if f.id in ids],
            [f for f in brief.figures if f.id not in ids])


BODY_CONFLICTS = 4  # the Sources differ entries the body shows ([output] body_conflicts)


def body_conflicts(brief: Brief, limit: int = BODY_CONFLICTS
                   ) -> tuple[list[Conflict], list[Conflict]]:
    """(the Sources differ entries the body shows, the others, in "More disagreements" after
    the Timeline): LIMIT of them, those that dispute a Bottom line point first, then those
    a section point leads to, then those more outlets take sides in; each part in the
    brief's order. Eight entries take two pages, and a 2-4 page brief has no room for them
    all before its Timeline; none is dropped, and a point still links to its entry."""
    if limit <= 0 or len(brief.conflicts) <= limit:
        return list(brief.conflicts), []
    bottom = {it.dispute for it in brief.bottom_line}
    disputed = {it.dispute for it in brief.all_items()}

    def weight(c: Conflict) -> tuple[bool, bool, int]:
        outlets = {brief.source(x.source_id).outlet_key for cl in c.claims for x in cl.citations}
        return c.id not in bottom, c.id not in disputed, -len(outlets)

    ids = {c.id for c in sorted(brief.conflicts, key=weight)[:limit]}
    return ([c for c in brief.conflicts if c.id in ids],
            [c for c in brief.conflicts if c.id not in ids])


def conflict_numbers(brief: Brief, limit: int = BODY_CONFLICTS) -> dict[str, int]:
    """Each entry's number, as printed: the body's first, then those after the Timeline."""
    shown, rest = body_conflicts(brief, limit)
    return {c.id: n for n, c in enumerate(shown + rest, 1)}


def outline(brief: Brief, figures_limit: int = BODY_FIGURES,
            conflicts_limit: int = BODY_CONFLICTS) -> list[Part]:
    """The parts of BRIEF in reading order; the extras only when they have rows (the Key
    figures, Sources differ entries and points the body leaves out in "Single-source
    reports", "Other figures" and "More disagreements", after the Timeline)."""
    shown, rest = body_figures(brief, figures_limit)
    differ, more = body_conflicts(brief, conflicts_limit)
    single = [it for s in brief.sections for it in section_points(brief, s)[1]]
    parts = [Part("bottom-line", "Bottom line", "bottom-line")]
    slugs = section_slugs(brief.sections)
    parts += [Part("section", s.title, f"sec-{slugs[s.key]}", s) for s in brief.sections]
    if brief.dropped:
        parts.append(Part("dropped", f"Dropped since {short_date(brief.previous)}", "dropped"))
    for kind, title, rows in (("figures", "Key figures", shown),
                              ("conflicts", "Sources differ", differ),
                              ("timeline", "Timeline", brief.timeline),
                              ("unconfirmed", "Single-source reports", single),
                              ("more-figures", "Other figures", rest),
                              ("more-conflicts", "More disagreements", more)):
        if rows:
            parts.append(Part(kind, title, kind))
    if len({s.outlet_key for s in brief.sources}) > 1 and brief.all_items():
        parts.append(Part("coverage", "Coverage", "coverage"))
    parts.append(Part("sources", "Sources", "sources"))
    if brief.glossary_used:
        parts.append(Part("glossary", "Glossary", "glossary"))
    return parts


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def short_date(iso: str, year_of: str = "") -> str:
    """'2025-10-28' -> 'Oct 28' (the year only when it differs from YEAR_OF's); 'undated'."""
    if len(iso) == 7:
        return f"{MONTHS[int(iso[5:7]) - 1][:3]} {iso[:4]}"
    if len(iso) != 10:
        return iso or "undated"
    d = date.fromisoformat(iso)
    text = f"{MONTHS[d.month - 1][:3]} {d.day}"
    return text if year_of[:4] == iso[:4] else f"{text}, {d.year}"


Noted = Item | Figure | Event | Claim


def wording(obj: Noted) -> Citation:
    """The citation whose Japanese the point's wording comes from (else the first)."""
    return next((c for c in obj.citations if c.ja == obj.ja), obj.citations[0])


_FULLWIDTH = str.maketrans("０１２３４５６７８９．（）", "0123456789.()")


def numbers_in(text: str) -> set[str]:
    text = text.translate(_FULLWIDTH)
    return set(re.findall(r"[0-9]+(?:[.,][0-9]+)?", text))


# A date or a clock time: a page's dateline (「25年6月12日」), an era year (令和7(2025)年),
# the hour of a statement (23時30分) - when a report was written, not what it reports.
_WHEN = re.compile(r"(?:令和|平成)?[0-9]+(?:\([0-9]+\))?年(?:度)?|[0-9]+月(?:[0-9]+日)?|"
                   r"[0-9]+日|[0-9]+時(?:[0-9]+分)?(?:頃|ごろ)?|\([月火水木金土日]\)")


def differs(ja: str, other: str) -> bool:
    """Whether OTHER says something JA does not, in substance: a number JA lacks that is no
    date or time (a less specific wording of the same point, or the same point under
    another dateline, is not worth a reader's time in print)."""
    def what(text: str) -> set[str]:
        return numbers_in(_WHEN.sub(" ", text.translate(_FULLWIDTH)))

    return not what(other) <= what(ja)


def other_japanese(obj: Noted) -> list[Citation]:
    """Every other source's own sentence (one per source), for the JSON and HTML."""
    main = wording(obj)
    seen = {main.source_id}
    out = []
    for c in obj.citations:
        if c.source_id not in seen:
            seen.add(c.source_id)
            out.append(c)
    return out


MAX_QUOTES = 3  # other sources' differing sentences a note quotes


def unconfirmed(brief: Brief, item: Item) -> bool:
    """Only one outlet reports ITEM, and a low-reliability one (a forum, a blog, an
    AI-generated or machine-translated site)."""
    return (independent(brief, item.source_ids) == 1
            and brief.source(item.source_ids[0]).reliability == "low")


def section_points(brief: Brief, sec: Section) -> tuple[list[Item], list[Item]]:
    """(the points of SEC the body shows, those only one low-reliability source makes,
    which follow the Timeline in "Single-source reports"), numbered on across both, so
    "Security, point 12" is found after the Timeline. A 2-4 page brief leads with what
    outlets one can rely on report; a section whose own points are all such reports keeps
    them in the body (a section the sources discuss is never empty). A Bottom line point
    always stays: the section points up to it."""
    bottom = {it.id for it in brief.bottom_line}
    weak = [it for it in sec.items if it.id not in bottom and unconfirmed(brief, it)]
    if len(weak) == sum(it.id not in bottom for it in sec.items):
        return list(sec.items), []
    later = {it.id for it in weak}
    return [it for it in sec.items if it.id not in later], weak


def point_anchor(section_slug: str, n: int) -> str:
    """The link target of point N of a section (SECTION_SLUG from section_slugs, or the
    Bottom line's 'bottom-line', which no slug can be: slugs hold no '-')."""
    return f"sec-{section_slug}-{n}"


def independent(brief: Brief, source_ids: list[str]) -> int:
    """Sources counted once per outlet (two pages of one outlet, or two sites carrying one
    wire story, are not two confirmations): the same count curation ranks by."""
    return len({brief.source(i).outlet_key for i in source_ids})


def corroboration(brief: Brief, item: Item) -> str:
    """'reported by 3 of 5 sources' when several outlets report a point; for one source
    nothing (the note names it), unless it is a low-reliability one, which is flagged."""
    n = independent(brief, item.source_ids)
    if n > 1:
        return f"reported by {n} of {plural(len(brief.sources), 'source')}"
    s = brief.source(item.source_ids[0])
    if unconfirmed(brief, item):
        kind = s.kind.replace(" (", ", ").replace(")", "")  # no parenthesis inside one
        return f"single low-reliability source: {s.id}, {kind}"
    return ""


def failed_note(flags: list[str]) -> str:
    """The visible note beside Japanese shown because its machine translation failed."""
    return f"[machine translation failed ({'; '.join(flags) or 'unknown'})]"


def is_flagged(obj: object) -> bool:
    return getattr(obj, "status", "") == FLAGGED


def text_of(brief: Brief, obj: object) -> str:
    """What a point, figure, claim or event shows: its English, or its Japanese when not
    translated, or its Japanese with the failure note when the output checks flagged it
    (a flagged text is never presented as English)."""
    en, ja = getattr(obj, "en", ""), obj.ja  # type: ignore[attr-defined]
    if not (brief.translated and en):
        return printable(ja)
    if is_flagged(obj):
        return printable(f"{ja} {failed_note(obj.flags)}")  # type: ignore[attr-defined]
    return printable(en)


def counts_line(brief: Brief) -> str:
    """Who translated what: the model and the points approved, machine-translated, flagged."""
    c = brief.status_counts()
    engine = brief.model_name or brief.model or "no model (every point from the memory)"
    return (f"Machine translation: {engine}. Points: {c['approved']} approved by a person, "
            f"{c['machine']} machine-translated, {c['flagged']} flagged (shown in Japanese "
            "with the reason).")


def source_kind(s: Source) -> str:
    """'digest (derived); reliability low' (why: in the source's note, source_notes)."""
    kind = s.kind + (" (derived)" if "kind" in s.derived else "")
    kind += f"; reliability {s.reliability}" if s.reliability else ""
    return kind + (f"; via {s.origin}" if s.origin and s.origin != s.outlet else "")


def contributions(brief: Brief, s: Source) -> str:
    """What the source gave this brief: '6 points, 3 figures, 2 events'."""
    points, figures, events = brief.contribution_counts.get(s.id, (0, 0, 0))
    return (f"{plural(points, 'point')}, {plural(figures, 'figure')}, "
            f"{plural(events, 'event')}")
