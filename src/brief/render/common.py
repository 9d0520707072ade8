"""What every renderer says the same way: the outline, footnotes, corroboration, wording.

Renderers write the parts `outline` gives, in its order (bottom line, sections, key figures,
sources differ, timeline, sources, glossary), and number footnotes with a `NoteCounter` as
they go, so DOCX, PDF and Markdown share the order and the numbering.
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
from brief.translate.checks import printable

NOT_TRANSLATED = "Not translated (--no-translate): the points are in Japanese."
NO_POINTS = "No points: no source sentence matched this section's keywords (brief.toml)."


@dataclass(frozen=True)
class Part:
    """One heading-level part of the brief, as every writer lays it out."""

    kind: str  # bottom-line, section, figures, conflicts, timeline, sources, glossary
    title: str
    anchor: str  # bookmark / link target
    section: Section | None = None  # for kind "section"


def outline(brief: Brief) -> list[Part]:
    """The parts of BRIEF in reading order; the extras only when they have rows."""
    parts = [Part("bottom-line", "Bottom line", "bottom-line")]
    parts += [Part("section", s.title, f"sec-{s.key}", s) for s in brief.sections]
    for kind, title, rows in (("figures", "Key figures", brief.figures),
                              ("conflicts", "Sources differ", brief.conflicts),
                              ("timeline", "Timeline", brief.timeline)):
        if rows:
            parts.append(Part(kind, title, kind))
    parts.append(Part("sources", "Sources", "sources"))
    if brief.glossary_used:
        parts.append(Part("glossary", "Glossary", "glossary"))
    return parts


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def title_line(brief: Brief) -> str:
    """The line under the title: office, author (when set), date and how many sources."""
    parts = [brief.office, brief.author, brief.date, plural(len(brief.sources), "source")]
    return " · ".join(p for p in parts if p)


class NoteCounter:
    """Footnote numbers in the order citations are written (1-based)."""

    def __init__(self) -> None:
        self.n = 0

    def take(self, notes: list) -> list[int]:
        """Numbers for NOTES (citations or note texts), in order."""
        nums = list(range(self.n + 1, self.n + 1 + len(notes)))
        self.n += len(notes)
        return nums


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


def _numbers(text: str) -> set[str]:
    text = text.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    return set(re.findall(r"[0-9]+(?:[.,][0-9]+)?", text))


def differs(ja: str, other: str) -> bool:
    """Whether OTHER says something JA does not, in substance: a number JA lacks (a less
    specific wording of the same point is not worth a reader's time in print)."""
    return not _numbers(other) <= _numbers(ja)


def source_refs(brief: Brief, obj: Noted) -> str:
    """'S2 Nikkei, Oct 28; S1; S3': the wording source in full, the others by S-number,
    all keyed to the Sources table where the bibliographic details are given once."""
    first = wording(obj).source_id
    ids = [first] + [i for i in dict.fromkeys(c.source_id for c in obj.citations) if i != first]
    s = brief.source(first)
    head = f"{s.id} " + ", ".join(x for x in (s.outlet, short_date(s.published, brief.date)) if x)
    return "; ".join([head, *ids[1:]])


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


def note_text(brief: Brief, obj: Noted) -> str:
    """The one note of a point, figure, event or claim: its sources, the wording source's
    Japanese, and another source's Japanese only where it differs in substance (the first
    MAX_QUOTES such; the rest are counted)."""
    main = wording(obj)
    text = f"{source_refs(brief, obj)}. 「{main.ja}」"
    others = [c for c in other_japanese(obj) if differs(main.ja, c.ja)]
    for c in others[:MAX_QUOTES]:
        text += f" {c.source_id}: 「{c.ja}」"
    if len(others) > MAX_QUOTES:  # a point hundreds report: its note stays readable
        text += (f" {len(others) - MAX_QUOTES} other reports word it with other figures "
                 "(each sentence is in brief.json).")
    return text


MAX_QUOTES = 3  # other sources' differing sentences a note quotes


def notes_of(brief: Brief, obj: Noted) -> list[str]:
    """The notes of OBJ as a list (one note, or none without citations)."""
    return [note_text(brief, obj)] if obj.citations else []


def section_point(brief: Brief, item: Item) -> tuple[Section, int] | None:
    """Where a Bottom line point sits in its section: (section, 1-based number)."""
    for sec in brief.sections:
        for n, it in enumerate(sec.items, 1):
            if it.id == item.id:
                return sec, n
    return None


def point_anchor(section_key: str, n: int) -> str:
    """The link target of point N of a section."""
    return f"sec-{section_key}-{n}"


def see_point(brief: Brief, item: Item) -> tuple[str, str] | None:
    """A Bottom line point's reference to its section point: ('Security, point 2', anchor)."""
    where = section_point(brief, item)
    if where is None:
        return None
    sec, n = where
    return f"{sec.title}, point {n}", point_anchor(sec.key, n)


def see_note(brief: Brief, item: Item) -> list[str]:
    """A Bottom line point's note: where it is in its section and whose report it is,
    without repeating the Japanese its section point's note gives ([] outside a section)."""
    see = see_point(brief, item)
    return [f"See {see[0]} ({source_refs(brief, item)})."] if see else []


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
    if s.reliability == "low":
        return f"single low-reliability source: {s.id}, {s.kind}"
    return ""


def failed_note(flags: list[str]) -> str:
    """The visible note beside Japanese shown because its machine translation failed."""
    return f"[machine translation failed ({'; '.join(flags) or 'unknown'})]"


def is_flagged(obj: object) -> bool:
    return getattr(obj, "status", "") == FLAGGED


def conflict_note(c: Conflict) -> str:
    """The line under a 'Sources differ' heading: which side more, and more credible,
    outlets take ('' for a brief.json from before verdicts)."""
    return f"Which side the sources take: {c.verdict}." if c.verdict else ""


def verdict_note(brief: Brief, c: Conflict) -> str:
    """The note of a conflict's verdict: the sources behind each side, keyed to Sources."""
    return "; ".join(f"“{cl.value}”: {source_refs(brief, cl)}" for cl in c.claims
                     if cl.citations) + "."


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


def notice(brief: Brief) -> str:
    """The line under the title block that says how the text was translated."""
    return counts_line(brief) if brief.translated else NOT_TRANSLATED


def event_date(e: Event) -> str:
    d = date.fromisoformat(e.date)
    text = f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}"
    text += " (month inferred)" if e.date_note else ""
    return text + (" (planned)" if e.phase == "planned" else "")


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


def _title_in_english(brief: Brief, s: Source) -> bool:
    return brief.translated and bool(s.title_en) and s.title_status != FLAGGED


def source_title(brief: Brief, s: Source) -> str:
    """The title the Sources list shows: its English once translated, else the original
    (with the failure note when the output checks flagged its English)."""
    if _title_in_english(brief, s):
        return printable(s.title_en)
    if brief.translated and s.title_status == FLAGGED:
        return printable(f"{s.title} {failed_note(s.title_flags)}")
    return printable(s.title)


def source_notes(brief: Brief, s: Source) -> list[str]:
    """A Sources row's notes: the original Japanese title when the list shows its English,
    and why brief judged the source's kind and reliability."""
    notes = [f"Original title: 「{s.title}」"] if _title_in_english(brief, s) else []
    return notes + ([f"Type and reliability: {s.kind_reason}."] if s.kind_reason else [])


def source_where(s: Source) -> str:
    """Outlet (or file name), date and URL, as the Sources list shows them; a date derived
    from the text, not given in sources.toml, is marked here once."""
    when = (s.published or "undated") + (" (derived)" if "published" in s.derived else "")
    return ", ".join(x for x in (s.outlet or s.path, when, s.url) if x)


SOURCE_COLUMNS = ["", "Title", "Outlet, date, link", "Type", "Contributed"]


def source_row(brief: Brief, s: Source) -> list[str]:
    """One row of the Sources table (columns SOURCE_COLUMNS)."""
    return [s.id, source_title(brief, s), source_where(s), source_kind(s),
            contributions(brief, s)]


def source_summary(brief: Brief, s: Source) -> str:
    """Where and when, type and reliability, and what the source contributed."""
    return f"{source_where(s)}; {source_kind(s)}; contributed {contributions(brief, s)}"


def drawn_texts(brief: Brief) -> list[str]:
    """Every text a writer draws from the brief (for glyph checks and counts)."""
    objs: list[Item | Figure | Event | Claim] = [
        *brief.all_items(), *brief.figures, *brief.timeline,
        *(cl for c in brief.conflicts for cl in c.claims)]
    return [brief.title, title_line(brief), notice(brief),
            *(note_text(brief, o) for o in objs if o.citations),
            *(text_of(brief, o) for o in objs), *(f.value for f in brief.figures),
            *(cl.value for c in brief.conflicts for cl in c.claims),
            *(c.topic for c in brief.conflicts),
            *(" ".join(source_row(brief, s)) for s in brief.sources),
            *(n for s in brief.sources for n in source_notes(brief, s)),
            *(f"{ja} {en}" for ja, en in brief.glossary_used)]
