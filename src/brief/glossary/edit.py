"""In-place edits of the glossary TSV: add, change and remove rows, nothing else touched.

The file is treated as lines, not re-serialised: comments, blank lines, row order, the column
order of the header, its encoding (UTF-8 with or without a BOM, UTF-16, cp932) and CRLF line
endings (as spreadsheets save them) all survive an edit; a written cell is quoted as a
spreadsheet would quote it only where it has to be. Every edit is validated against the whole
glossary before the file is replaced atomically, under a lock on the glossary folder (and on the
folder of a symlinked file's target), so parallel edits queue instead of losing rows.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from brief.atomic import atomic_write, locked
from brief.errors import BriefError, has_control, read_input
from brief.glossary.terms import (
    MAX_GLOSSARY,
    SEP,
    Term,
    decode_glossary,
    glossary_paths,
    header_of,
    join_cells,
    parse_tsv,
    read_tsv_file,
    split_cells,
    validate,
)

BOM = "\ufeff"


@dataclass
class TsvFile:
    """A glossary file as its raw lines plus what is needed to write them back unchanged."""

    path: Path
    lines: list[str]  # without line endings
    newline: str
    bom: bool
    header: list[str]
    final_newline: bool
    encoding: str = "utf-8-sig"
    has_header: bool = True  # False: a two-column ja/en file without one

    @classmethod
    def read(cls, path: Path) -> TsvFile:
        """The raw lines of a file that `_read_all` has already validated."""
        data = read_input(path, MAX_GLOSSARY)
        text, encoding = decode_glossary(data, str(path))
        bom = data.startswith(BOM.encode())
        newline = ("\r\n" if "\r\n" in text else "\n" if "\n" in text
                   else "\r" if "\r" in text else "\n")
        final = text.endswith(("\n", "\r"))
        lines = re.split(r"\r\n|\r|\n", text)
        if final:
            lines.pop()
        first = next(split_cells(ln) for ln in lines
                     if ln.strip() and not ln.lstrip().startswith("#"))
        header = header_of(first)
        return cls(path, lines, newline, bom, header or ["ja", "en"], final, encoding,
                   header is not None)

    def text(self) -> str:
        body = self.newline.join(self.lines) + (self.newline if self.final_newline else "")
        return (BOM if self.bom else "") + body

    def data(self) -> bytes:
        """The file's bytes in the encoding it was read in (UTF-16 keeps its BOM)."""
        if self.encoding == "utf-16":
            return self.text().encode("utf-16")
        return self.text().encode("utf-8" if self.encoding == "utf-8-sig" else self.encoding)

    def row_for(self, term: Term) -> str:
        values = {"ja": term.ja, "en": term.en, "note": term.note,
                  "variants": SEP.join(term.variants), "forbidden": SEP.join(term.forbidden),
                  "case": term.case, "domain": term.domain}
        dropped = [c for c, v in values.items() if v and c not in self.header]
        if dropped:
            raise BriefError(f"{self.path}:1: the header has no {dropped[0]!r} column for "
                             f"this entry (add the column or leave the value out)")
        row = join_cells([values[c] for c in self.header])
        if row.lstrip().startswith("#"):
            # No escape exists in the TSV: such a row would silently become a comment.
            first = self.header[0]
            raise BriefError(f"{term.where or self.path}: {first} value {values[first]!r} "
                             f"starts with '#', which would make the row a comment in "
                             f"{self.path.name}; write it without the leading '#'")
        return row

    def data_rows(self) -> list[tuple[int, list[str]]]:
        """(index into lines, cells) of every entry row."""
        rows = []
        seen_header = not self.has_header
        for i, ln in enumerate(self.lines):
            if not ln.strip() or ln.lstrip().startswith("#"):
                continue
            if not seen_header:
                seen_header = True
                continue
            rows.append((i, split_cells(ln)))
        return rows


def glossary_files(directory: Path, follow_links: bool = False) -> list[Path]:
    files = glossary_paths(directory, follow_links) if directory.is_dir() else []
    if not files:
        raise BriefError(f"{directory}: no glossary file (*.tsv) found")
    return files


def _lock_dirs(directory: Path) -> list[Path]:
    """The glossary folder and the real folder of every file in it (a symlinked shared file
    is locked where it lives, so edits from two projects sharing it queue too)."""
    files = sorted(directory.glob("*.tsv")) if directory.is_dir() else []
    return [directory, *{Path(os.path.realpath(p)).parent for p in files}]


def _read_all(directory: Path, target: Path | None = None, follow_links: bool = False,
              ) -> tuple[Path, dict[Path, list[Term]]]:
    """Every glossary file's entries, validated once, and the file to edit (default: first)."""
    by_file = {p: read_tsv_file(p) for p in glossary_files(directory, follow_links)}
    if target is None:
        return next(iter(by_file)), by_file
    found = next((p for p in by_file if p.resolve() == target.resolve()), None)
    if found is None:
        raise BriefError(f"{target}: not a glossary file in {directory} (*.tsv)")
    return found, by_file


def _others(by_file: dict[Path, list[Term]], target: Path) -> list[Term]:
    return [t for p, terms in by_file.items() if p != target for t in terms]


def _save(f: TsvFile, others: list[Term]) -> None:
    """Validate the edited file together with the other files, then replace it."""
    terms = parse_tsv(f.text().removeprefix(BOM), str(f.path))
    validate(others + terms)
    try:
        data = f.data()
    except UnicodeEncodeError as exc:
        raise BriefError(f"{f.path}: {exc.object[exc.start:exc.end]!r} cannot be written in "
                         f"its encoding ({f.encoding}); save the file as UTF-8") from None
    atomic_write(f.path, data)


def clean_term(term: Term) -> Term:
    """Strip what a shell or spreadsheet paste adds; refuse tabs, line breaks and other
    control characters (they would split the row or break the DOCX)."""
    def tidy(v: str) -> str:
        if any(c in v for c in "\t\r\n"):
            raise BriefError(f"{term.where + ': ' if term.where else ''}{v!r}: a glossary "
                             "value cannot contain tabs or line breaks")
        bad = has_control(v)
        if bad:
            raise BriefError(f"{term.where + ': ' if term.where else ''}{v!r}: a glossary "
                             f"value cannot contain the control character {bad}")
        return " ".join(v.split())

    return replace(term, ja=tidy(term.ja), en=tidy(term.en), note=tidy(term.note),
                   variants=tuple(tidy(v) for v in term.variants if v.strip()),
                   forbidden=tuple(tidy(v) for v in term.forbidden if v.strip()),
                   case=tidy(term.case), domain=tidy(term.domain))


def add_term(directory: Path, term: Term, file: Path | None = None,
             follow_links: bool = False) -> Path:
    """Append TERM as a new row of FILE (default: the first glossary file)."""
    term = clean_term(term)
    if not term.ja or not term.en:
        raise BriefError("a glossary entry needs both the Japanese term and its English")
    with locked(*_lock_dirs(directory)):
        return _add(directory, term, file, follow_links)


def _add(directory: Path, term: Term, file: Path | None, follow_links: bool) -> Path:
    target, by_file = _read_all(directory, file, follow_links)
    existing = {t.ja: t for terms in by_file.values() for t in terms}
    if term.ja in existing:
        old = existing[term.ja]
        raise BriefError(f"{old.where}: {term.ja!r} is already in the glossary as "
                         f"{old.en!r} (change it with `brief glossary edit {term.ja} --en "
                         "…`)")
    f = TsvFile.read(target)
    f.lines.append(f.row_for(term))
    f.final_newline = True
    _save(f, _others(by_file, target))
    return target


def remove_term(directory: Path, ja: str, follow_links: bool = False) -> Term:
    """Delete the row whose Japanese term is JA; return the removed entry."""
    with locked(*_lock_dirs(directory)):
        return _remove(directory, ja, follow_links)


def _remove(directory: Path, ja: str, follow_links: bool) -> Term:
    _, by_file = _read_all(directory, follow_links=follow_links)
    for path, terms in by_file.items():
        removed = next((t for t in terms if t.ja == ja), None)
        if removed is None:
            continue
        f = TsvFile.read(path)
        col = f.header.index("ja")
        i = next(i for i, cells in f.data_rows() if cells[col] == ja)
        del f.lines[i]
        _save(f, _others(by_file, path))
        return removed
    raise BriefError(f"{directory}: no entry for {ja!r} (brief glossary list --grep {ja})")


def edit_term(directory: Path, ja: str, changes: dict[str, object],
              follow_links: bool = False) -> tuple[Term, Term]:
    """Change the given fields (en, note, variants, forbidden, case, domain) of the row for
    JA in place; every other cell, the row's position and the file's comments stay. Returns
    (before, after)."""
    with locked(*_lock_dirs(directory)):
        return _edit(directory, ja, changes, follow_links)


def _edit(directory: Path, ja: str, changes: dict[str, object],
          follow_links: bool) -> tuple[Term, Term]:
    _, by_file = _read_all(directory, follow_links=follow_links)
    for path, terms in by_file.items():
        old = next((t for t in terms if t.ja == ja), None)
        if old is None:
            continue
        new = clean_term(replace(old, **changes))  # type: ignore[arg-type]
        if not new.en:
            raise BriefError(f"{old.where}: --en '': an entry needs its English")
        f = TsvFile.read(path)
        col = f.header.index("ja")
        i = next(i for i, cells in f.data_rows() if cells[col] == ja)
        f.lines[i] = f.row_for(replace(new, where=old.where))
        _save(f, _others(by_file, path))
        return old, new
    raise BriefError(f"{directory}: no entry for {ja!r} (brief glossary list --grep {ja})")


@dataclass
class MergeReport:
    added: list[Term]
    unchanged: list[Term]
    conflicts: list[tuple[Term, Term]]  # (in the glossary, in the imported file)


def merge_terms(directory: Path, incoming: list[Term], file: Path | None = None,
                follow_links: bool = False) -> MergeReport:
    """Append imported entries that are new; keep the glossary's entry on a conflict."""
    with locked(*_lock_dirs(directory)):
        return _merge(directory, incoming, file, follow_links)


def _merge(directory: Path, incoming: list[Term], file: Path | None,
           follow_links: bool) -> MergeReport:
    target, by_file = _read_all(directory, file, follow_links)
    f = TsvFile.read(target)
    existing = {t.ja: t for terms in by_file.values() for t in terms}
    report = MergeReport([], [], [])
    for raw in incoming:
        term = clean_term(raw)
        old = existing.get(term.ja)
        if old is None:
            f.lines.append(f.row_for(term))
            existing[term.ja] = term
            report.added.append(term)
        elif replace(old, where="") == replace(term, where=""):
            report.unchanged.append(term)
        else:
            report.conflicts.append((old, term))
    if report.added:
        f.final_newline = True
        _save(f, _others(by_file, target))
    return report
