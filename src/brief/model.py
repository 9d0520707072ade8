"""The one data model of a brief: sources -> passages -> sections -> items with citations.

Readers (ingest, segment) fill it, curation and translation enrich it, renderers consume it.
Everything here is plain data so that it serialises to JSON for review and diffing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Source:
    """One input article."""

    id: str  # stable short id, e.g. "S1"
    path: str  # file name relative to the sources directory
    title: str
    text: str  # cleaned full text (boilerplate removed), offsets below refer to it
    outlet: str = ""
    url: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD or YYYY-MM)
    kind: str = "article"  # article, blog, digest, ... (sidecar or derived)
    reliability: str = ""  # high / medium / low, set by the user in the sidecar
    derived: list[str] = field(default_factory=list)  # metadata fields derived, not given
    encoding: str = "utf-8"
    dropped_lines: int = 0  # boilerplate lines removed
    title_en: str = ""  # the title in English ("" until translated)


@dataclass
class Passage:
    """A unit of source text: a prose sentence, a list item, a heading or a table row."""

    source_id: str
    start: int  # character offsets into Source.text
    end: int
    text: str
    kind: str = "sentence"  # sentence, heading, table, quote
    index: int = 0  # position within the source (0-based)
    total: int = 1  # passages in the source, for position scoring


@dataclass
class Citation:
    """Where an item's point is reported: one source span with its Japanese text."""

    source_id: str
    start: int
    end: int
    ja: str

    @classmethod
    def of(cls, p: Passage) -> Citation:
        """The citation of a whole passage."""
        return cls(p.source_id, p.start, p.end, p.text)


@dataclass
class Item:
    """One point in a section, merged from every source that reports it."""

    id: str
    section: str
    ja: str  # the representative Japanese sentence
    citations: list[Citation]
    score: float = 0.0
    en: str = ""  # English translation ("" until translated)
    pinned: bool = False
    terms: list[str] = field(default_factory=list)  # glossary terms (ja) found in `ja`

    @property
    def source_ids(self) -> list[str]:
        seen: list[str] = []
        for c in self.citations:
            if c.source_id not in seen:
                seen.append(c.source_id)
        return seen


@dataclass
class Section:
    key: str
    title: str
    description: str = ""
    items: list[Item] = field(default_factory=list)


@dataclass
class Figure:
    """One key figure: a number in English conventions, what it measures, where it is said."""

    id: str
    kind: str  # money, percent, rate, fiscal year, count
    value: str  # the English rendering of the number ("$550 billion (about ¥84 trillion)")
    ja: str  # the clause that says what the figure measures (translated into `en`)
    citations: list[Citation]
    section: str = ""  # section key the clause belongs to, "" when none
    en: str = ""


@dataclass
class Claim:
    """One side of a disagreement: a value or statement and the sources that give it."""

    value: str  # English value ("about 70%") or stance ("signed", "not signed")
    ja: str
    citations: list[Citation]
    en: str = ""


@dataclass
class Conflict:
    """Sources differ on the same figure or fact: every side is shown, none is picked."""

    id: str
    topic: str  # English description of what is disputed
    claims: list[Claim]


@dataclass
class Event:
    """A dated happening, with the date resolved against its article's date."""

    id: str
    date: str  # ISO YYYY-MM-DD
    ja: str
    citations: list[Citation]
    en: str = ""
    date_note: str = ""  # how a relative date was resolved ("8日 in an article of 2025-12-09")


@dataclass
class Violation:
    """A glossary rule the translation broke."""

    item_id: str
    term_ja: str
    expected: str
    problem: str  # "missing" or "forbidden: <text>"


@dataclass
class Brief:
    title: str
    date: str
    author: str
    office: str
    sources: list[Source]
    bottom_line: list[Item]
    sections: list[Section]
    set_aside: list[Passage] = field(default_factory=list)  # table rows kept out of prose
    figures: list[Figure] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    glossary_used: list[tuple[str, str]] = field(default_factory=list)  # (ja, en) pairs
    violations: list[Violation] = field(default_factory=list)
    translated: bool = False
    model: str = ""  # translation model id, "" when not translated

    def source(self, source_id: str) -> Source:
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(source_id)

    def all_items(self) -> list[Item]:
        """Every item once: the bottom line references items that also sit in sections."""
        seen: dict[str, Item] = {}
        for item in self.bottom_line:
            seen.setdefault(item.id, item)
        for section in self.sections:
            for item in section.items:
                seen.setdefault(item.id, item)
        return list(seen.values())

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        # Keep JSON compact and reviewable: full source texts are in the seeds already.
        for s in data["sources"]:
            s.pop("text", None)
        return data
