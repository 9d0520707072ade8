"""The terminology glossary: a spreadsheet-friendly TSV termbase, validated with file:line errors.

Columns (a header row, any order): ja, en, and optionally note, variants, forbidden, case,
domain; a row may stop after en. A file of two columns without a header is read as ja and en
(DeepL's and Google's glossary form). Cells may be quoted as spreadsheets save them; UTF-8,
UTF-16 with a BOM and cp932 are read. `variants` and `forbidden` hold several values separated
by `|`. Lines starting with `#` are comments. Every `*.tsv` file in the glossary directory is
read; a file that is a symlink resolving outside the directory is refused unless links are
followed (`--follow-links`), so a stray link cannot pull another file into the brief.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from brief.errors import BriefError, check_inside, has_control, read_input, shown
from brief.model import Brief, Item, segments_of

COLUMNS = ("ja", "en", "note", "variants", "forbidden", "case", "domain")
REQUIRED = ("ja", "en")
SEP = "|"


@dataclass(frozen=True)
class Term:
    ja: str
    en: str
    note: str = ""
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    case: str = ""  # "exact": keep the rendering's case even at sentence start
    domain: str = ""
    where: str = ""  # file:line, for messages


@dataclass
class Glossary:
    terms: list[Term] = field(default_factory=list)
    _by_spelling: dict[str, Term] = field(default_factory=dict, repr=False)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._index()

    def _index(self) -> None:
        self._by_spelling = {}
        for t in self.terms:
            for spelling in (t.ja, *t.variants):
                self._by_spelling[spelling] = t
        spellings = sorted(self._by_spelling, key=lambda s: (-len(s), s))
        self._pattern = re.compile("|".join(map(re.escape, spellings))) if spellings else None

    def find(self, text: str) -> list[tuple[int, int, Term]]:
        """Non-overlapping occurrences, longest spelling first (variants included)."""
        if self._pattern is None:
            return []
        return [(m.start(), m.end(), self._by_spelling[m.group()])
                for m in self._pattern.finditer(text)]

    def terms_in(self, text: str) -> list[Term]:
        seen: dict[str, Term] = {}
        for _, _, t in self.find(text):
            seen.setdefault(t.ja, t)
        return list(seen.values())

    def normalise(self, text: str) -> str:
        """Replace variant spellings with the entry's preferred Japanese spelling."""
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self._by_spelling[m.group()].ja, text)


def _split_multi(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(SEP) if v.strip())


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_JA_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def split_cells(line: str) -> list[str]:
    """The cells of one TSV line with spreadsheet quoting: a cell Calc or Excel saved in
    quotes (one holding a quote mark, or every text cell with "quote all text cells") is
    unquoted and its doubled quotes undone; a quote inside an unquoted cell stays as is."""
    return next(csv.reader([line], delimiter="\t", quotechar='"', doublequote=True,
                           strict=False), [""])


def join_cells(cells: list[str]) -> str:
    """One TSV line that `split_cells` reads back as CELLS (quoted only where needed)."""
    buf = io.StringIO()
    csv.writer(buf, delimiter="\t", quotechar='"', lineterminator="",
               quoting=csv.QUOTE_MINIMAL).writerow(cells)
    return buf.getvalue()


def header_of(cells: list[str]) -> list[str] | None:
    """The column names of a header row, or None for a file without one: two cells, the
    first Japanese (a two-column ja/en file, as DeepL and Google glossaries are)."""
    names = [c.strip().lower() for c in cells]
    if len(cells) == 2 and not set(names) & set(COLUMNS) and _JA_CHAR.search(cells[0]):
        return None
    return names


def _header_error(where: str, line: str, header: list[str]) -> BriefError:
    """What is wrong with a header that names unknown columns, said in the user's terms."""
    unknown = [c for c in header if c not in COLUMNS]
    if len(header) == 1 and "," in line and {c.strip(' "').lower() for c in line.split(",")} \
            & set(REQUIRED):
        return BriefError(f"{where}: comma-separated, not tab-separated: save it as tab-"
                          "separated text (.tsv), or `brief glossary import` it as .csv")
    if any('"' in c for c in header):
        return BriefError(f"{where}: quoted header cells {unknown[0]!r} are not closed the "
                          "way a spreadsheet writes them; save with plain or fully quoted "
                          "cells")
    return BriefError(f"{where}: unknown column {unknown[0]!r} in header "
                      f"(columns: {', '.join(COLUMNS)})")


def parse_tsv(text: str, name: str) -> list[Term]:
    """Parse and validate one TSV file's text; raise BriefError at the first problem."""
    rows = []
    for lineno, line in enumerate(_LINE_BREAK.split(text), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append((lineno, line, split_cells(line)))
    return parse_rows(rows, name)


def parse_rows(rows: list[tuple[int, str, list[str]]], name: str) -> list[Term]:
    """Validated entries of (line number, raw line, cells) rows, the header first (or none:
    a two-column ja/en file)."""
    if not rows:
        raise BriefError(f"{name}:1: empty glossary file (needs a header row: ja<TAB>en...)")
    for n, _, row in rows:
        bad = next((b for c in row if (b := has_control(c))), None)
        if bad:
            raise BriefError(f"{name}:{n}: contains the control character {bad} (it would "
                             "break the DOCX and PDF); remove it")
    lineno, line, cells = rows[0]
    header = header_of(cells)
    if header is None:
        header = ["ja", "en"]
    else:
        _check_header(f"{name}:{lineno}", line, header)
        rows = rows[1:]
    return [_term(f"{name}:{n}", cells, header) for n, _, cells in rows]


def _check_header(where: str, line: str, header: list[str]) -> None:
    if any(c not in COLUMNS for c in header):
        raise _header_error(where, line, header)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise BriefError(f"{where}: header lacks the required column {missing[0]!r}")
    if len(set(header)) != len(header):
        raise BriefError(f"{where}: a column appears twice in the header")


def _term(where: str, cells: list[str], header: list[str]) -> Term:
    """One entry row; a row of at least ja and en may leave the later columns out."""
    if len(cells) > len(header) or len(cells) < 2:
        raise BriefError(f"{where}: expected {len(header)} columns (tab-separated), "
                         f"found {len(cells)}")
    row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
    for col, value in row.items():
        if value != value.strip():
            raise BriefError(f"{where}: stray whitespace around {col!r} value {value!r}")
    for col in REQUIRED:
        if not row[col]:
            raise BriefError(f"{where}: empty {col!r} field")
    case = row.get("case", "")
    if case not in ("", "exact", "sentence"):
        raise BriefError(f"{where}: case must be 'exact', 'sentence' or empty, not {case!r}")
    term = Term(ja=row["ja"], en=row["en"], note=row.get("note", ""),
                variants=_split_multi(row.get("variants", "")),
                forbidden=_split_multi(row.get("forbidden", "")),
                case=case, domain=row.get("domain", ""), where=where)
    exact = case == "exact"
    if any((f == term.en) if exact else (f.lower() == term.en.lower())
           for f in term.forbidden):
        raise BriefError(f"{where}: forbidden rendering equals the preferred rendering "
                         f"{term.en!r}")
    return term


def validate(terms: list[Term]) -> None:
    """Cross-entry checks: duplicates, conflicting renderings, colliding variants."""
    owner: dict[str, Term] = {}
    for t in terms:
        if t.ja in owner:
            other = owner[t.ja]
            if other.ja == t.ja and other.en != t.en:
                raise BriefError(f"{t.where}: {t.ja!r} is mapped to {t.en!r} here and to "
                                 f"{other.en!r} at {other.where}")
            raise BriefError(f"{t.where}: duplicate Japanese term {t.ja!r} (first at "
                             f"{other.where})")
        owner[t.ja] = t
    for t in terms:
        for v in t.variants:
            if v == t.ja:
                raise BriefError(f"{t.where}: variant {v!r} is the term itself")
            if v in owner and owner[v] is not t:
                raise BriefError(f"{t.where}: variant {v!r} collides with the entry at "
                                 f"{owner[v].where}")
            owner[v] = t


def decode_glossary(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding) of a glossary file as spreadsheets save it: UTF-8 (with or without
    a BOM), UTF-16 with a BOM (Excel's "Unicode Text") or, failing UTF-8, cp932 (Excel's
    Japanese CSV/TSV)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp932"]
    for enc in encodings:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError as exc:
            error = exc
    line = data[: error.start].count(b"\n") + 1
    raise BriefError(f"{name}:{line}: neither UTF-8, UTF-16 nor Shift_JIS (cp932) text (save "
                     "the glossary as UTF-8 text)")


MAX_GLOSSARY = 32 * 2**20  # a glossary of 100,000 terms is ~10 MiB


def read_tsv_file(path: Path) -> list[Term]:
    text, _ = decode_glossary(read_input(path, MAX_GLOSSARY), shown(path))
    return parse_tsv(text, shown(path))


def glossary_paths(directory: Path, follow_links: bool = False) -> list[Path]:
    """The `*.tsv` files of the glossary folder, in name order, links checked."""
    if not directory.is_dir():
        raise BriefError(f"{directory}: glossary directory not found")
    files = sorted(directory.glob("*.tsv"))
    for path in files:
        check_inside(path, directory, follow_links, "glossary")
    return files


def load_glossary(directory: Path, follow_links: bool = False) -> Glossary:
    """All `*.tsv` files of the directory, validated together."""
    terms: list[Term] = []
    for path in glossary_paths(directory, follow_links):
        terms.extend(read_tsv_file(path))
    validate(terms)
    return Glossary(terms)


def note_terms(brief: Brief, glossary: Glossary) -> None:
    """Record the glossary terms each point uses and the brief's term list (its appendix);
    done for every build, so a Japanese-only review brief shows the renderings to come."""
    used: dict[str, str] = {}
    for _, obj in segments_of(brief):
        terms = glossary.terms_in(glossary.normalise(obj.ja))
        if isinstance(obj, Item):
            obj.terms = [t.ja for t in terms]
        for t in terms:
            used[t.ja] = t.en
    brief.glossary_used = sorted(used.items(), key=lambda kv: kv[1].lower())
