"""Whether a document was signed or issued: one noun said to be signed in one source and
not produced in another (共同文書に署名 / 共同文書を作成せず). A source that says no joint
document was produced but that other documents were signed makes both sides true: the
entry says so, naming what each side is about.
"""

from __future__ import annotations

import re

from brief.analyse.claims import modality_at
from brief.curate.disagree.base import Evidence, passage_claim
from brief.model import Conflict, Passage

_NOUN = r"(?P<noun>[\u4e00-\u9fff\u30a0-\u30ff]{2,10}?)"
_ACTS = r"(?:署名|作成|発表|公表|発出|採択|締結|取りまとめ|とりまとめ)"
_NEGATIVE = re.compile(
    rf"{_NOUN}(?:を|は|も)(?:{_ACTS}(?:せず|しない|しなかった|されず|されなかった|"
    rf"を見送|は見送)|出さず|なし|無し)")
_POSITIVE = re.compile(rf"{_NOUN}(?:に|を)(?:{_ACTS})(?!せず|しな|されず|されな|を見送)")
_DOC_HEADS = ("文書", "声明", "宣言", "合意", "覚書", "協定")


def statement_conflicts(passages: list[Passage]) -> list[tuple[str, list[Passage], list[Passage]]]:
    """(document noun, sentences saying it was produced, sentences saying it was not)."""
    pos: dict[str, list[Passage]] = {}
    neg: dict[str, list[Passage]] = {}
    for p in passages:
        if p.kind not in ("sentence", "list"):
            continue
        for m in _NEGATIVE.finditer(p.text):
            if m["noun"].endswith(_DOC_HEADS):
                neg.setdefault(m["noun"], []).append(p)
        for m in _POSITIVE.finditer(p.text):
            if m["noun"].endswith(_DOC_HEADS):
                pos.setdefault(m["noun"], []).append(p)
    out = []
    for noun in sorted(set(pos) & set(neg)):
        yes = [p for p in pos[noun] if p.source_id not in {q.source_id for q in neg[noun]}]
        if yes:
            out.append((noun, yes, neg[noun]))
    return out




def _planned(text: str) -> bool:
    """The sentence says the document is expected, not done (署名する見通し)."""
    m = _POSITIVE.search(text)
    return m is not None and modality_at(text, m.end()) in ("planned", "intention", "adjusting")




def disputed_nouns(passages: list[Passage]) -> set[str]:
    """The document nouns this detector shows (other detectors leave them to it)."""
    return {noun for noun, _yes, _no in statement_conflicts(passages)}


def _also_signed(passages: list[Passage], noun: str, sids: set[str]) -> str:
    """Another document the 'not produced' side's own sources say was signed ('' if none):
    no joint statement and two signed documents are both true."""
    for p in passages:
        if p.source_id not in sids or p.kind not in ("sentence", "list"):
            continue
        for m in _POSITIVE.finditer(p.text):
            other = m["noun"]
            if other != noun and other.endswith(_DOC_HEADS) and not _planned(p.text):
                return other
    return ""


def detect(ev: Evidence) -> list[Conflict]:
    out = []
    for noun, yes, no in statement_conflicts(ev.passages):
        # one claim per side, citing every source on that side (a sentence each); a sentence
        # that says the document is expected is its own side (will sign vs signed vs none)
        expected = [p for p in yes if _planned(p.text)]
        done = [p for p in yes if p not in expected]
        other = _also_signed(ev.passages, noun, {p.source_id for p in no})
        # the 'no' side says what its sources do report: no joint statement, a document signed
        none = "not produced (another document signed)" if other else "not produced"
        claims = [passage_claim(side, ps) for side, ps in (
            ("signed / issued", done), ("expected to be signed / issued", expected),
            (none, no)) if ps]
        c = Conflict("", f"Whether a document ({noun}) was signed or issued", claims,
                     kind="statement")
        if other:
            c.note = (f"Both can be true: the sources that say no {noun} was produced also "
                      f"report a {other} signed; they are different documents")
        out.append(c)
    return out
