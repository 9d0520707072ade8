"""The shipped domain lexicon (data/sections.tsv): what each standard section covers.

brief.toml keywords are a user's additions to it (and override a weight); a section the
lexicon does not know (a user's "Energy") is defined by its keywords and description alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from brief.errors import BriefError

LEXICON_FILE = "sections.tsv"


@dataclass
class SectionLexicon:
    terms: dict[str, float] = field(default_factory=dict)  # matched on lemmas and compounds
    patterns: list[tuple[re.Pattern[str], float]] = field(default_factory=list)  # raw text


def parse_lexicon(text: str, name: str = LEXICON_FILE) -> dict[str, SectionLexicon]:
    """Section key -> its terms and patterns; a malformed line is an error naming it."""
    out: dict[str, SectionLexicon] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3:
            raise BriefError(f"{name}:{n}: expected section, term and weight separated by tabs")
        key, term, weight_text = (c.strip() for c in cols)
        try:
            weight = float(weight_text)
        except ValueError:
            raise BriefError(f"{name}:{n}: weight must be a number, not {weight_text!r}") from None
        lex = out.setdefault(key, SectionLexicon())
        if len(term) > 2 and term.startswith("/") and term.endswith("/"):
            try:
                lex.patterns.append((re.compile(term[1:-1]), weight))
            except re.error as exc:
                raise BriefError(f"{name}:{n}: bad pattern {term}: {exc}") from None
        else:
            lex.terms[term] = weight
    return out


@lru_cache(maxsize=1)
def shipped_lexicon() -> dict[str, SectionLexicon]:
    """The lexicon that ships with brief, read once."""
    text = files("brief.analyse").joinpath("data", LEXICON_FILE).read_text(encoding="utf-8")
    return parse_lexicon(text)
