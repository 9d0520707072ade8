"""The review round-trip: every segment of a build out as XLIFF (1.2 or 2.1, review/xliff.py)
or TSV, the analyst's English back into the translation memory.

Export reads the build's brief.json (what the renderers showed), so the review file is the
brief an analyst just read: Japanese, the English shown or the machine's, status, check
results, glossary terms, the sources, and near matches from the memory (offered, never used).
Import takes a unit whose target the analyst changed or marked final/reviewed (TSV: whose
`english` differs from `machine_english` or whose status is `approved`), checks it with the
build's glossary and number rules (warnings, not refusal), and stores it in memory.tmx; the
next `brief build` uses it without calling the model.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from brief.errors import BriefError, check_regular, has_control, read_input
from brief.glossary.terms import Glossary
from brief.model import APPROVED, Brief, read_build, segments_of
from brief.review.segment import Edit, Segment
from brief.translate.checks import printable
from brief.translate.memory import Memory
from brief.translate.protect import protect, verify

FORMATS = ("xliff", "xliff2", "tsv")  # xliff: 1.2, what every CAT tool imports; xliff2: 2.1
TSV_COLUMNS = ["id", "kind", "status", "japanese", "english", "machine_english", "checks",
               "glossary_terms", "sources", "memory_matches"]


def collect(brief: Brief, glossary: Glossary, memory: Memory) -> list[Segment]:
    """Every segment of BRIEF in reading order of the model, titles last."""
    kinds = {id(o): k for k, objs in (("point", brief.all_items()), ("figure", brief.figures),
                                      ("event", brief.timeline),
                                      ("claim", [cl for c in brief.conflicts for cl in c.claims]))
             for o in objs}
    rows = [(key, kinds[id(obj)], obj.ja, obj.en or obj.machine_output, obj.status,
             obj.flags, [c.source_id for c in obj.citations])
            for key, obj in segments_of(brief)]
    rows += [(f"title-{s.id}", "title", s.title, s.title_en or s.title_machine_output,
              s.title_status, s.title_flags, [s.id]) for s in brief.sources]
    out: list[Segment] = []
    for key, kind, ja, en, status, flags, source_ids in rows:
        terms = list(dict.fromkeys((sl.term.ja, sl.term.en) for sl in protect(ja, glossary).slots
                                   if sl.term is not None))
        sources = []
        for sid in dict.fromkeys(source_ids):
            s = brief.source(sid)
            sources.append(f"{s.id}: {s.outlet or s.title}, {s.published or 'undated'}, "
                           f"{s.url or s.path}")
        matches = [] if status == APPROVED else memory.fuzzy(ja)
        out.append(Segment(key, kind, ja, printable(en), status, list(flags), terms, sources,
                           matches))
    return out


def _cell(text: str) -> str:
    return " ".join(text.split())  # one line per segment: no tabs or newlines in a cell


def to_tsv(segments: list[Segment]) -> bytes:
    """A spreadsheet: one row per segment; edit the `english` column."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n")
    w.writerow(TSV_COLUMNS)
    for s in segments:
        w.writerow([s.id, s.kind, s.status, _cell(s.ja), _cell(s.target), _cell(s.machine),
                    " | ".join(s.checks), " | ".join(s.terms), " | ".join(s.sources),
                    " | ".join(s.matches)])
    return buf.getvalue().encode("utf-8")


def export(out_dir: Path, glossary: Glossary, memory: Memory, fmt: str) -> tuple[bytes, int]:
    """The review file of the build in OUT_DIR and how many segments it holds."""
    if fmt not in FORMATS:
        raise BriefError(f"unknown review format {fmt!r} (choose from {', '.join(FORMATS)})")
    brief = read_build(out_dir)
    segments = collect(brief, glossary, memory)
    if fmt == "tsv":
        return to_tsv(segments), len(segments)
    from brief.review.xliff import to_xliff12, to_xliff21

    write = to_xliff12 if fmt == "xliff" else to_xliff21
    data = write(segments, brief.title, brief.model_name or brief.model or "not translated",
                 str(out_dir / "brief.json"))
    return data, len(segments)


MAX_REVIEW = 256 * 2**20  # a review file of thousands of segments is a few MiB


def read_edits(path: Path) -> list[Edit]:
    """The analyst's English from an XLIFF (.xlf, .xliff) or TSV review file."""
    check_regular(path, MAX_REVIEW)  # missing, a FIFO, a folder, too big: one line
    return _read_tsv(path) if path.suffix.lower() in (".tsv", ".txt") else _read_xliff(path)


def _read_xliff(path: Path) -> list[Edit]:
    from brief.review.xliff import edited, read_units

    return [Edit(u.id, u.ja, u.target, f"{path}: unit {u.id}") for u in read_units(path)
            if edited(u)]


def _read_tsv(path: Path) -> list[Edit]:
    try:
        text = read_input(path, MAX_REVIEW).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BriefError(f"{path}: not UTF-8 text (save the spreadsheet as UTF-8 TSV)") from None
    rows = _tsv_rows(path, text)
    missing = [c for c in ("id", "japanese", "english", "machine_english")
               if c not in (rows[0] if rows else [])]
    if missing:
        raise BriefError(f"{path}:1: missing column(s) {', '.join(missing)} (export a fresh "
                         "file with `brief review export --format tsv`)")
    edits: list[Edit] = []
    for line, cells in enumerate(rows[1:], 2):
        row = dict(zip(rows[0], cells, strict=False))
        en, ja = (row.get("english") or "").strip(), (row.get("japanese") or "").strip()
        if not en:
            continue
        if not ja:
            raise BriefError(f"{path}:{line}: english given but the japanese cell is empty")
        if en != (row.get("machine_english") or "").strip() or row.get("status") == APPROVED:
            edits.append(Edit(row.get("id") or "", ja, en, f"{path}:{line}"))
    return edits


MAX_CELL = 64 * 1024  # characters: a segment is a sentence; a cell is never a whole article


def _tsv_rows(path: Path, text: str) -> list[list[str]]:
    """The rows of a review TSV, each cell checked: a NUL, a control character (other than a
    tab or line break inside quotes) or a cell over MAX_CELL is one line naming the place."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    rows: list[list[str]] = []
    try:
        for cells in reader:
            for n, cell in enumerate(cells, 1):
                bad = has_control(cell, allowed="\t\n\r")
                if bad or len(cell) > MAX_CELL:
                    why = (f"the control character {bad}" if bad
                           else f"{len(cell)} characters (at most {MAX_CELL})")
                    raise BriefError(f"{path}:{reader.line_num}: column {n} holds {why}; "
                                     "not a review file brief can read")
            if cells:  # a blank line is no row (as csv.DictReader reads it)
                rows.append(cells)
    except csv.Error as exc:
        raise BriefError(f"{path}:{reader.line_num}: not a TSV file brief can read "
                         f"({exc})") from None
    return rows


def warnings_for(edit: Edit, glossary: Glossary) -> list[str]:
    """The glossary and number rules the analyst's English breaks (imported anyway)."""
    return [f"{edit.where}: {v.term_ja} → expected {v.expected!r}: {v.problem}"
            for v in verify(edit.id, edit.en, protect(edit.ja, glossary))]


def import_edits(path: Path, glossary: Glossary, memory: Memory) -> tuple[int, int, list[str]]:
    """Store PATH's edits in MEMORY: (edits read, entries new or changed, warnings)."""
    edits = read_edits(path)
    warnings = [w for e in edits for w in warnings_for(e, glossary)]
    changed = memory.add([(e.ja, e.en) for e in edits], note=f"brief review import {path.name}")
    return len(edits), changed, warnings
