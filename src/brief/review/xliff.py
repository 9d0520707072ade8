"""XLIFF for CAT tools: 1.2 (what OmegaT, memoQ and Trados all import) and 2.1, out and in.

XLIFF 1.2 follows OmegaT's convention, which the others accept: every `<target>` starts as a
copy of the Japanese (`state="needs-translation"`), because OmegaT 3.x translates the text of
the target and skips a unit without one. The build's English and the memory's near matches
travel as `<alt-trans>` proposals with their `match-quality` (a machine translation with
`origin="machine translation"`), glossary terms as notes (1.2 has no glossary module). An
approved English is the target, `state="final"`. XLIFF 2.1 carries the same in its own
modules: `mtc:matches` and `gls:glossary`.

Import reads either version and takes a unit whose target is English the analyst wrote or
confirmed: not empty, not the Japanese copy, and either different from the build's English or
marked final/reviewed/signed-off.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brief.errors import BriefError
from brief.model import APPROVED, FLAGGED, MACHINE
from brief.review.segment import Segment
from brief.translate.memory import SOURCE_LANG, TARGET_LANG, parse_xml

XLIFF1_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
MTC_NS = "urn:oasis:names:tc:xliff:matches:2.0"
GLS_NS = "urn:oasis:names:tc:xliff:glossary:2.0"
VERSIONS = ("1.2", "2.1")
MACHINE_ORIGIN = "machine translation"
MEMORY_ORIGIN = "translation memory"
_STATE2: dict[str, str] = {APPROVED: "final", MACHINE: "translated", FLAGGED: "initial",
                           "": "initial"}
_CONFIRMED12 = {"final", "signed-off", "translated"}  # 1.2 exports needs-translation
_CONFIRMED2 = {"final", "reviewed"}  # 2.1 exports a machine English as "translated"


@dataclass
class UnitText:
    """What one unit of a returned XLIFF says: its Japanese, its target and the build's
    English it was exported with (to tell an edit from an untouched proposal)."""

    id: str
    ja: str
    target: str
    machine: str
    confirmed: bool  # its state says a person translated or reviewed it


def _maker(ns: str) -> Callable[..., Any]:
    from lxml import etree

    def el(parent: Any, tag: str, text: str | None = None,  # noqa: ANN401 - lxml elements
           **attrs: str) -> Any:  # noqa: ANN401
        node = etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    return el


def _serialise(root: Any) -> bytes:  # noqa: ANN401 - an lxml element
    from lxml import etree

    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                 pretty_print=True)
    return data


def _proposes_machine(seg: Segment) -> bool:
    """The build's English is a proposal a CAT tool may insert only when it passed the
    checks and is not approved yet; a flagged output is broken text, so it travels as a note
    the reviewer can read and never as something one keystroke puts in the target."""
    return bool(seg.machine) and seg.status not in (APPROVED, FLAGGED)


def to_xliff12(segments: list[Segment], title: str, model: str, original: str) -> bytes:
    """XLIFF 1.2: targets prefilled with the Japanese (OmegaT), proposals as alt-trans."""
    from lxml import etree

    el = _maker(XLIFF1_NS)
    root = etree.Element(f"{{{XLIFF1_NS}}}xliff", version="1.2", nsmap={None: XLIFF1_NS})
    file_ = el(root, "file", original=original, datatype="plaintext",
               **{"source-language": SOURCE_LANG, "target-language": TARGET_LANG})
    header = el(file_, "header")
    el(header, "note", f"brief: {title}", annotates="general")
    el(header, "note", f"model: {model}", annotates="general")
    body = el(file_, "body")
    for seg in segments:
        unit = el(body, "trans-unit", id=seg.id, resname=seg.kind)
        el(unit, "source", seg.ja)
        if seg.status == APPROVED:
            el(unit, "target", seg.machine, state="final")
        else:
            el(unit, "target", seg.ja, state="needs-translation")
        if _proposes_machine(seg):
            alt = el(unit, "alt-trans", origin=MACHINE_ORIGIN)
            el(alt, "source", seg.ja)
            el(alt, "target", seg.machine)
        for m in seg.fuzzy:
            alt = el(unit, "alt-trans", origin=MEMORY_ORIGIN,
                     **{"match-quality": f"{m.score:.0f}"})
            el(alt, "source", m.ja)
            el(alt, "target", m.en)
        el(unit, "note", f"status: {seg.status or 'not translated'}", **{"from": "brief"})
        if seg.status == FLAGGED and seg.machine:
            el(unit, "note", f"flagged machine output: {seg.machine}", **{"from": "brief"})
        for tag, values in (("check", seg.checks), ("term", seg.terms),
                            ("source", seg.sources)):
            for v in values:
                el(unit, "note", f"{tag}: {v}", **{"from": "brief"})
    return _serialise(root)


def to_xliff21(segments: list[Segment], title: str, model: str, original: str) -> bytes:
    """XLIFF 2.1: notes for status, checks and sources; terms in the glossary module, the
    build's English and near matches in the matches module."""
    from lxml import etree

    el, mtc, gls = _maker(XLIFF2_NS), _maker(MTC_NS), _maker(GLS_NS)
    root = etree.Element(f"{{{XLIFF2_NS}}}xliff", version="2.1", srcLang=SOURCE_LANG,
                         trgLang=TARGET_LANG,
                         nsmap={None: XLIFF2_NS, "mtc": MTC_NS, "gls": GLS_NS})
    file_ = el(root, "file", id="brief", original=original)
    notes = el(file_, "notes")
    el(notes, "note", title, category="title")
    el(notes, "note", model, category="model")
    for seg in segments:
        unit = el(file_, "unit", id=seg.id, name=seg.kind)
        proposals = [(MACHINE_ORIGIN, 100.0, seg.ja, seg.machine)] if (
            _proposes_machine(seg)) else []
        proposals += [(MEMORY_ORIGIN, m.score, m.ja, m.en) for m in seg.fuzzy]
        if proposals:
            matches = mtc(unit, "matches")
            for n, (origin, score, ja, en) in enumerate(proposals, 1):
                match = mtc(matches, "match", id=f"m{n}", ref="#s1", origin=origin,
                            similarity=f"{score:.1f}",
                            **({"type": "mt"} if origin == MACHINE_ORIGIN else {}))
                el(match, "source", ja)
                el(match, "target", en)
        if seg.term_pairs:
            glossary = gls(unit, "glossary")
            for ja, en in seg.term_pairs:
                entry = gls(glossary, "glossEntry")
                gls(entry, "term", ja, source="brief glossary")
                gls(entry, "translation", en)
        notes = el(unit, "notes")
        el(notes, "note", seg.status or "not translated", category="status")
        if seg.machine:
            el(notes, "note", seg.machine, category="machine")
        for tag, values in (("check", seg.checks), ("source", seg.sources)):
            for v in values:
                el(notes, "note", v, category=tag)
        segment = el(unit, "segment", id="s1", state=_STATE2.get(seg.status, "initial"))
        el(segment, "source", seg.ja)
        if seg.target:
            el(segment, "target", seg.target)
    return _serialise(root)


def _text(node: Any) -> str:  # noqa: ANN401 - an lxml element or None
    return "" if node is None else " ".join("".join(node.itertext()).split())


def _units12(root: Any, path: Path) -> list[UnitText]:  # noqa: ANN401 - an lxml element
    ns = {"x": XLIFF1_NS}
    out: list[UnitText] = []
    for unit in root.iterfind(".//x:trans-unit", ns):
        uid = unit.get("id", "")
        source = unit.find("x:source", ns)
        if source is None:
            raise BriefError(f"{path}: unit {uid}: trans-unit without <source>")
        target = unit.find("x:target", ns)
        machine = _text(unit.find(f"x:alt-trans[@origin='{MACHINE_ORIGIN}']/x:target", ns))
        state = "" if target is None else target.get("state", "")
        out.append(UnitText(uid, _text(source), _text(target), machine,
                            state in _CONFIRMED12))
    return out


def _units2(root: Any, path: Path) -> list[UnitText]:  # noqa: ANN401 - an lxml element
    ns = {"x": XLIFF2_NS}
    out: list[UnitText] = []
    for unit in root.iterfind(".//x:unit", ns):
        uid = unit.get("id", "")
        machine = _text(unit.find("x:notes/x:note[@category='machine']", ns))
        for seg in unit.iterfind("x:segment", ns):
            source = seg.find("x:source", ns)
            if source is None:
                raise BriefError(f"{path}: unit {uid}: segment without <source>")
            out.append(UnitText(uid, _text(source), _text(seg.find("x:target", ns)), machine,
                                seg.get("state", "") in _CONFIRMED2))
    return out


def _same(a: str, b: str) -> bool:
    return unicodedata.normalize("NFKC", a).split() == unicodedata.normalize("NFKC", b).split()


def read_units(path: Path) -> list[UnitText]:
    """Every unit of an XLIFF 1.2 or 2.x file, or a one-line error naming the file."""
    from lxml import etree

    root = parse_xml(path, "XLIFF")
    if root.tag == f"{{{XLIFF1_NS}}}xliff":
        return _units12(root, path)
    if root.tag == f"{{{XLIFF2_NS}}}xliff":
        return _units2(root, path)
    raise BriefError(f"{path}: not an XLIFF 1.2 or 2 file (root <{etree.QName(root).localname}>"
                     f" in namespace {etree.QName(root).namespace or 'none'})")


def edited(unit: UnitText) -> bool:
    """Whether the unit's target is English a person wrote or confirmed."""
    if not unit.target or _same(unit.target, unit.ja):
        return False  # untranslated: empty, or still the Japanese copy
    return not _same(unit.target, unit.machine) or unit.confirmed
