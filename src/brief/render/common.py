"""What every renderer says the same way: the outline, footnotes, corroboration, wording.

Renderers write the parts `outline` gives, in its order (bottom line, sections, key figures,
sources differ, timeline, sources, glossary), and number footnotes with a `NoteCounter` as
they go, so DOCX, PDF and Markdown share the order and the numbering.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from brief.analyse.numbers import MONTHS
from brief.model import Brief, Citation, Conflict, Event, Item, Section, Source

NOT_TRANSLATED = "Not translated (built with --no-translate): points are in Japanese."
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
    """The line under the title: office, author, date and how many sources."""
    return (f"{brief.office} · {brief.author} · {brief.date} · "
            f"{plural(len(brief.sources), 'source')}")


class NoteCounter:
    """Footnote numbers in the order citations are written (1-based)."""

    def __init__(self) -> None:
        self.n = 0

    def take(self, notes: list) -> list[int]:
        """Numbers for NOTES (citations or note texts), in order."""
        nums = list(range(self.n + 1, self.n + 1 + len(notes)))
        self.n += len(notes)
        return nums


def source_label(s: Source) -> str:
    """Outlet or title, date, and URL or file name, with derived fields marked."""
    name = s.outlet or s.title or s.path
    if s.outlet and s.title:
        name = f"{s.outlet}, “{s.title}”"
    date_ = s.published or "undated"
    if "published" in s.derived:
        date_ += " (date derived from text)"
    where = s.url or s.path
    return f"{name}, {date_}, {where}"


def footnote_text(brief: Brief, c: Citation) -> str:
    """One footnote: the source and the original Japanese sentence."""
    s = brief.source(c.source_id)
    return f"{source_label(s)}. Original: 「{c.ja}」"


def independent(brief: Brief, source_ids: list[str]) -> int:
    """Sources counted once per outlet (two pages of one outlet, or two sites carrying one
    wire story, are not two confirmations): the same count curation ranks by."""
    return len({brief.source(i).outlet_key for i in source_ids})


def corroboration(brief: Brief, item: Item) -> str:
    """'reported by 3 of 5 sources', and a warning for a lone low-reliability source."""
    n = independent(brief, item.source_ids)
    text = f"reported by {n} of {plural(len(brief.sources), 'source')}"
    if n == 1:
        s = brief.source(item.source_ids[0])
        if s.reliability == "low":
            text += f"; single low-reliability source: {s.id}, {s.kind}"
    return text


def conflict_note(c: Conflict) -> str:
    """The line under a 'Sources differ' heading: which side more, and more credible,
    outlets take ('' for a brief.json from before verdicts)."""
    return f"Which side the sources take: {c.verdict}." if c.verdict else ""


def text_of(brief: Brief, obj: object) -> str:
    """The English of a point, figure, claim or event (the Japanese when not translated)."""
    en, ja = getattr(obj, "en", ""), obj.ja  # type: ignore[attr-defined]
    return en if brief.translated and en else ja


def event_date(e: Event) -> str:
    d = date.fromisoformat(e.date)
    text = f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}"
    text += " (month inferred)" if e.date_note else ""
    return text + (" (planned)" if e.status == "planned" else "")


def source_kind(s: Source) -> str:
    """'digest (derived); reliability low — lists other outlets' articles'."""
    kind = s.kind + (" (derived)" if "kind" in s.derived else "")
    kind += f"; reliability {s.reliability}" if s.reliability else ""
    kind += f"; via {s.origin}" if s.origin and s.origin != s.outlet else ""
    return kind + (f" — {s.kind_reason}" if s.kind_reason else "")


def contributions(brief: Brief, s: Source) -> str:
    """What the source gave this brief: '6 points, 3 figures, 2 events'."""
    def cites(objs: list) -> int:
        return sum(1 for o in objs if s.id in {c.source_id for c in o.citations})

    return (f"{plural(cites(brief.all_items()), 'point')}, "
            f"{plural(cites(brief.figures), 'figure')}, {plural(cites(brief.timeline), 'event')}")


def source_title(brief: Brief, s: Source) -> str:
    """The title the Sources list shows: its English once translated, else the original."""
    return s.title_en if brief.translated and s.title_en else s.title


def title_note(brief: Brief, s: Source) -> list[str]:
    """The note that keeps the original Japanese title when the list shows its English."""
    return [f"Original title: 「{s.title}」"] if brief.translated and s.title_en else []


def source_where(s: Source) -> str:
    """Outlet (or file name) and date, as the Sources list shows them."""
    return f"{s.outlet or s.path}, {s.published or 'undated'}"


SOURCE_COLUMNS = ["", "Source", "Type", "Contributed"]


def source_row(brief: Brief, s: Source) -> list[str]:
    """One row of the Sources table (columns SOURCE_COLUMNS)."""
    return [s.id, f"{source_title(brief, s)} — {source_where(s)}", source_kind(s),
            contributions(brief, s)]


def source_summary(brief: Brief, s: Source) -> str:
    """Where and when, type and reliability, and what the source contributed."""
    return f"{source_where(s)}; {source_kind(s)}; contributed {contributions(brief, s)}"
