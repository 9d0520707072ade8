"""The document layer: the Brief turned once into a few typed nodes every writer maps.

Like Pandoc's AST, a `Document` is headings, paragraphs, lists and tables whose text is a
sequence of inline runs (`Text`, `Link`, `NoteRef`, `Original`), each run carrying its
language; notes are `Note` records that say which sources they cite and which Japanese
they quote, as data. `build` (document_builder.py) makes every decision a writer used to make
(which parts, their order, labels, what a note says, how a flagged translation is shown), so a
writer only maps node types to its format and escapes text in its one escaping function;
none of them reads the Brief or parses a string back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from brief.render.escape import clickable

EN, JA = "en", "ja"  # the languages a run can be in (BCP 47)


@dataclass(frozen=True)
class Text:
    """A run of text. STYLE: "" (plain), "em", "strong", "sup" (a superscript marker)."""

    text: str
    lang: str = EN
    style: str = ""


@dataclass(frozen=True)
class Link:
    """A link: HREF is an http(s) or mailto address, or '#anchor' inside the document (the
    builder makes no other kind; `link` turns anything else into plain text)."""

    text: str
    href: str
    lang: str = EN
    style: str = ""

    @property
    def internal(self) -> bool:
        return self.href.startswith("#")


def link(text: str, href: str, lang: str = EN, style: str = "") -> Link | Text:
    """A link when HREF (data: a source's URL) is a web or mail address, else TEXT as plain
    text (javascript:, file:, '#' or a bare word is never made clickable)."""
    if clickable(href):
        return Link(text, href, lang, style)
    return Text(text, lang, style)


def to_anchor(text: str, anchor: str, lang: str = EN, style: str = "") -> Link:
    """A link to ANCHOR, a target the builder itself made (a point, a Sources row)."""
    return Link(text, f"#{anchor}", lang, style)


@dataclass(frozen=True)
class NoteRef:
    """The reference mark of note NUMBER (Document.notes[NUMBER - 1])."""

    number: int


@dataclass(frozen=True)
class Original:
    """The Japanese a run of English translates: shown beside it where the format can (the
    HTML's "Show Japanese" switch), left out elsewhere (the note or nothing quotes it)."""

    text: str
    lang: str = JA


Inline = Text | Link | NoteRef | Original


@dataclass(frozen=True)
class Quote:
    """A source's own sentence a note quotes."""

    source_id: str
    ja: str


@dataclass(frozen=True)
class Note:
    """A footnote: the sources it cites (the wording source first), the Japanese it quotes,
    and RUNS, the note as the reader sees it (made from those by the builder)."""

    number: int
    cites: tuple[str, ...]
    quotes: tuple[Quote, ...]
    runs: tuple[Inline, ...]


@dataclass(frozen=True)
class Heading:
    """LEVEL 0 is the document title, 1 a part, 2 a subheading."""

    level: int
    text: str
    anchor: str = ""
    lang: str = EN


@dataclass(frozen=True)
class Para:
    """A paragraph. ROLE: body, byline, notice, desc (a part's description), verdict."""

    runs: tuple[Inline, ...]
    role: str = "body"


@dataclass(frozen=True)
class ListItem:
    runs: tuple[Inline, ...]
    anchor: str = ""


@dataclass(frozen=True)
class ListBlock:
    items: tuple[ListItem, ...]
    ordered: bool = True
    start: int = 1  # the first item's number: a section's points after the body go on


@dataclass(frozen=True)
class Row:
    cells: tuple[tuple[Inline, ...], ...]
    anchor: str = ""


@dataclass(frozen=True)
class Table:
    """HEADER labels (every one non-empty), ROWS, and each column's share of the width."""

    header: tuple[str, ...]
    rows: tuple[Row, ...]
    widths: tuple[float, ...]


# the greys a picture is drawn in: shapes and fills carry the meaning, not colour
BLACK, WHITE, GREY, LIGHT = "#000000", "#ffffff", "#777777", "#bbbbbb"


@dataclass(frozen=True)
class Box:
    """A rectangle at X, Y (its top left) W by H points; FILL and STROKE greys or "none"."""

    x: float
    y: float
    w: float
    h: float
    fill: str = "none"
    stroke: str = "none"
    href: str = ""  # '#anchor' the shape leads to where a format can link (the HTML)
    name: str = ""  # what the link says to a screen reader


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = BLACK
    width: float = 0.6
    dash: bool = False


@dataclass(frozen=True)
class Dot:
    """A circle of radius R at X, Y; DASH: a dashed outline (a planned event)."""

    x: float
    y: float
    r: float
    fill: str = BLACK
    stroke: str = BLACK
    dash: bool = False
    href: str = ""
    name: str = ""  # what the link says to a screen reader


@dataclass(frozen=True)
class Poly:
    """A filled polygon (a cell's half: 'reports it differently')."""

    points: tuple[tuple[float, float], ...]
    fill: str = BLACK
    href: str = ""
    name: str = ""  # what the link says to a screen reader


@dataclass(frozen=True)
class Label:
    """TEXT with its baseline at Y; ALIGN start, middle or end at X; SIZE in points."""

    x: float
    y: float
    text: str
    size: float = 7.0
    align: str = "start"
    bold: bool = False
    lang: str = EN
    href: str = ""


Shape = Box | Line | Dot | Poly | Label


@dataclass(frozen=True)
class Chart:
    """A picture drawn once from the data: SHAPES on a WIDTH x HEIGHT canvas in points, y
    down. TITLE and DESC are its short and long text alternatives (the SVG's <title> and
    <desc>, the DOCX picture's alt text); the table beside it says the same in full, so
    no reader depends on the picture."""

    anchor: str
    title: str
    desc: str
    width: float
    height: float
    shapes: tuple[Shape, ...]

    @property
    def labels(self) -> list[str]:
        return [s.text for s in self.shapes if isinstance(s, Label)]


Block = Heading | Para | ListBlock | Table | Chart


@dataclass(frozen=True)
class Meta:
    """What a format's metadata (PDF info and XMP, DOCX core properties, HTML head) says."""

    title: str
    title_lang: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    date: str  # ISO
    sources: int
    office: str = ""
    lang: str = EN  # the language most of the text is in (PDF /Lang, XMP)


@dataclass(frozen=True)
class Document:
    meta: Meta
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...]
    bilingual: bool = False  # some runs have an Original to show beside them
    footer: str = ""


@dataclass(frozen=True)
class RenderOptions:
    """The few settings a writer needs (not the whole Config)."""

    page_size: str = "A4"
    east_asian_font: str = "IPAexMincho"
    pdf_engine: str = "standard"
    reference_doc: str = ""  # a .docx whose styles and page the DOCX takes ("": the brief's)


def runs_text(runs: tuple[Inline, ...] | list[Inline]) -> str:
    """The visible text of RUNS (note marks and originals left out), for checks and counts."""
    return "".join(r.text for r in runs if isinstance(r, Text | Link))


def note_numbers(runs: tuple[Inline, ...]) -> list[int]:
    return [r.number for r in runs if isinstance(r, NoteRef)]


def drawn(doc: Document) -> list[str]:
    """Every string a writer draws from DOC: the glyph check sees what the PDF draws (the
    running head and metadata included), not a second list that could drift."""
    out = [doc.meta.title, doc.meta.author, doc.meta.subject, *doc.meta.keywords, doc.footer]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(block.text)
        elif isinstance(block, Para):
            out.append(runs_text(block.runs))
        elif isinstance(block, ListBlock):
            out += [runs_text(i.runs) for i in block.items]
        elif isinstance(block, Chart):
            out += block.labels
        else:
            out += list(block.header)
            out += [runs_text(c) for r in block.rows for c in r.cells]
    out += [runs_text(n.runs) for n in doc.notes]
    return out


@dataclass
class NoteBook:
    """The notes in the order their marks are written, numbered from 1."""

    notes: list[Note] = field(default_factory=list)

    def add(self, cites: tuple[str, ...], quotes: tuple[Quote, ...],
            runs: tuple[Inline, ...]) -> NoteRef:
        n = len(self.notes) + 1
        self.notes.append(Note(n, cites, quotes, runs))
        return NoteRef(n)
