"""The closed vocabularies of the data model, as Literal types.

Each is the whole set of values a field may hold; mypy checks every literal written against
it (a misspelt "flaged" is a type error, not a silent mismatch), `Brief.from_dict` refuses a
value outside it, and tests/test_vocab.py checks brief.schema.json's enums against these
lists, so the three cannot drift. Literal types keep brief.json's values the plain strings
they have always been.
"""

from __future__ import annotations

from typing import Literal, get_args

# How a translated text was made ("" until the translation stage ran)
Status = Literal["", "approved", "machine", "flagged"]
# How far a claim has gone, as its sentence says (analyse/claims.py; "" until analysed)
Modality = Literal["", "done", "intention", "announced", "planned", "adjusting", "negated",
                   "opinion", "reported", "stated"]
Reliability = Literal["", "high", "medium", "low"]
# What kind of page a source is (read/credibility.py derives it; a sidecar may name one)
SourceKind = Literal["wire", "newspaper", "broadcaster", "official", "state media", "news",
                     "article", "blog (ad-supported)", "blog", "forum", "ai-generated",
                     "machine-translated", "digest"]
PassageKind = Literal["sentence", "heading", "table", "quote", "list"]
FigureKind = Literal["money", "percent", "rate", "count", "duration"]
# What a "Sources differ" entry is about (curate/disagree/)
ConflictKind = Literal["figure", "date", "modality", "statement", "attribute", "attribution",
                       "place", "single-source"]
# A point against the previous build's (curate/changes.py): "" unchanged or no previous build
Change = Literal["", "new", "changed"]
Phase = Literal["done", "planned"]  # an event that happened, or one announced to come


def values(vocabulary: object) -> tuple[str, ...]:
    """The values of a vocabulary above, in their order."""
    return tuple(get_args(vocabulary))
