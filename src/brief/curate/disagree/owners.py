"""Whose thing it is: one source defines a named thing (「小泉備蓄米」は、…の新しい非常食用米
です) as the private sector's (民間主導, 民間の…), while the other outlets call the same thing
the government's (政府備蓄米, 政府の備蓄米) — or the other way round. The thing is the longest
tail of the defined name (備蓄米 of 小泉備蓄米) that other outlets say with an owner; the
definition is its sentence and the two after it. Only a definition that names one owner and
other outlets that name only the other make an entry: a page saying both is no dispute.
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, articles_in_order, first_per_source, passage_claim
from brief.model import Conflict, Passage

_DEFINED = re.compile(r"「(?P<t>[^「」、。]{3,16})」(?:は|とは)[、]?[^。]{4,80}?"
                      r"(?:です|である|だ|のこと)")
_PRIVATE = re.compile(r"民間")
_AFTER = 2  # sentences after a definition that still explain it
_WHOSE = {"private": "the private sector's", "government": "the government's"}


def _owner_of(text: str, thing: str) -> str:
    """'government' when TEXT says the government's THING, 'private' for the private
    sector's, "" for neither or both. A text without THING (most: it is asked of every
    other outlet's sentence) says neither, without compiling two patterns for it."""
    if thing not in text:
        return ""
    gov = re.search(r"(?:政府|国)の?" + re.escape(thing), text) is not None
    private = re.search(r"民間(?:企業)?の?" + re.escape(thing), text) is not None
    return "government" if gov and not private else "private" if private and not gov else ""


def _thing(name: str, others: list[Passage]) -> str:
    """The longest tail of NAME (two characters at least) other outlets say with an owner."""
    for i in range(len(name) - 1):
        tail = name[i:]
        if any(_owner_of(p.text, tail) for p in others):
            return tail
    return ""


def _definitions(ev: Evidence) -> list[tuple[str, list[Passage]]]:
    """(defined name, the definition's sentences) of every source, in reading order."""
    out = []
    for article in articles_in_order(ev):
        for k, p in enumerate(article):
            m = _DEFINED.search(p.text)
            if m:
                out.append((m["t"], article[k:k + 1 + _AFTER]))
    return out


def detect(ev: Evidence) -> list[Conflict]:
    sentences = [p for p in ev.passages if p.kind in ("sentence", "list", "quote")]
    for name, defn in _definitions(ev):
        outlet = ev.outlet(defn[0].source_id)
        others = [p for p in sentences if ev.outlet(p.source_id) != outlet]
        thing = _thing(name, others)
        if not thing:
            continue
        said = " ".join(p.text for p in defn)
        own = "private" if _PRIVATE.search(said) and not _owner_of(said, thing) else \
            _owner_of(said, thing)
        theirs = {_owner_of(p.text, thing) for p in others} - {""}
        if not own or theirs != {"government" if own == "private" else "private"}:
            continue
        sides = [p for p in others if _owner_of(p.text, thing)]
        other = theirs.pop()
        return [Conflict("", f"Whose 「{name}」 is: {_WHOSE[own]} or {_WHOSE[other]}",
                         [passage_claim(f"{_WHOSE[own]} {thing}", defn[:1]),
                          passage_claim(f"{_WHOSE[other]} {thing}", first_per_source(sides))],
                         kind="attribute",
                         note=f"One source's definition of 「{name}」 against how the other "
                              f"sources name the {thing}")]
    return []
