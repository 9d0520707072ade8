"""The terminology glossary: a spreadsheet-friendly TSV termbase, validated with file:line errors.

Columns (header row required, any order): ja, en, and optionally note, variants, forbidden,
case, domain. `variants` and `forbidden` hold several values separated by `|`. Lines
starting with `#` are comments. Every `*.tsv` file in the glossary directory is read; a file
that is a symlink resolving outside the directory is refused unless links are followed
(`--follow-links`), so a stray link cannot pull another file into the brief.
"""

from __future__ import annotations

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


def parse_tsv(text: str, name: str) -> list[Term]:
    """Parse and validate one TSV file's text; raise BriefError at the first problem."""
    lines = _LINE_BREAK.split(text)  # CRLF, LF or CR-only (old Mac spreadsheets)
    header: list[str] | None = None
    terms: list[Term] = []
    for lineno, raw in enumerate(lines, 1):
        line = raw
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        where = f"{name}:{lineno}"
        bad = has_control(line, allowed="\t")
        if bad:
            raise BriefError(f"{where}: contains the control character {bad} (it would break "
                             "the DOCX and PDF); remove it")
        if header is None:
            header = [c.strip().lower() for c in cells]
            unknown = [c for c in header if c not in COLUMNS]
            if unknown:
                raise BriefError(f"{where}: unknown column {unknown[0]!r} in header "
                                 f"(columns: {', '.join(COLUMNS)})")
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                raise BriefError(f"{where}: header lacks the required column {missing[0]!r}")
            if len(set(header)) != len(header):
                raise BriefError(f"{where}: a column appears twice in the header")
            continue
        if len(cells) != len(header):
            raise BriefError(f"{where}: expected {len(header)} columns (tab-separated), "
                             f"found {len(cells)}")
        row = dict(zip(header, cells, strict=True))
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
        terms.append(term)
    if header is None:
        raise BriefError(f"{name}:1: empty glossary file (needs a header row: ja<TAB>en...)")
    return terms


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


def read_tsv_file(path: Path) -> list[Term]:
    data = read_input(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BriefError(f"{shown(path)}:{line}: not UTF-8 (save the glossary as UTF-8 "
                         "text)") from None
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
