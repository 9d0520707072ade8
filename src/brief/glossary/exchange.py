"""Glossary exchange with translators' tools: TBX (ISO 30042) and plain CSV.

Export writes TBX-Basic, by default in the TBX v2 `martif` structure that OmegaT, Trados and
memoQ read (termEntry / langSet / tig; OmegaT 3.6 refuses v3), or in the TBX v3 (2019)
structure (conceptEntry / langSec / termSec): per entry, the Japanese preferred term and its
variants (admitted), the English rendering (preferred) and forbidden renderings
(deprecated; in v2 with a `usageNote` too, which tools that ignore the status show beside
the term). `domain` becomes the subject field, `note` a note; `case` travels in a note
prefixed `brief-case:` so a round trip loses nothing. Import reads both.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path
from xml.etree import ElementTree as ET

from brief.errors import BriefError, read_input
from brief.glossary.terms import COLUMNS, SEP, Term

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CASE_NOTE = "brief-case:"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"


def _sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{TBX_NS}}}{tag}", attrs)
    if text:
        el.text = text
    return el


def _term_sec(lang_sec: ET.Element, term: str, status: str) -> None:
    sec = _sub(lang_sec, "termSec")
    _sub(sec, "term", term)
    _sub(sec, "termNote", status, type="administrativeStatus")


FORBIDDEN_USAGE = "forbidden: do not use"


def _tig(lang_set: ET.Element, term: str, status: str) -> None:
    tig = ET.SubElement(lang_set, "tig")
    ET.SubElement(tig, "term").text = term
    ET.SubElement(tig, "termNote", type="administrativeStatus").text = status
    if status == DEPRECATED:
        ET.SubElement(tig, "descrip", type="usageNote").text = FORBIDDEN_USAGE


def to_tbx2(terms: list[Term]) -> bytes:
    """TBX-Basic in the TBX v2 (ISO 30042:2008) `martif` structure."""
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = ET.SubElement(root, "martifHeader")
    ET.SubElement(ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc"),
                  "p").text = "brief terminology glossary"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for n, t in enumerate(terms, 1):
        entry = ET.SubElement(body, "termEntry", id=f"c{n}")
        if t.domain:
            ET.SubElement(entry, "descrip", type="subjectField").text = t.domain
        for note in ([t.note] if t.note else []) + ([f"{CASE_NOTE} {t.case}"] if t.case else []):
            ET.SubElement(entry, "note").text = note
        ja = ET.SubElement(entry, "langSet", {XML_LANG: "ja"})
        _tig(ja, t.ja, PREFERRED)
        for v in t.variants:
            _tig(ja, v, ADMITTED)
        en = ET.SubElement(entry, "langSet", {XML_LANG: "en"})
        _tig(en, t.en, PREFERRED)
        for f in t.forbidden:
            _tig(en, f, DEPRECATED)
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n").encode("utf-8")


def to_tbx(terms: list[Term], version: int = 2) -> bytes:
    """TBX-Basic document of the glossary: v2 (`martif`) or v3 (DCA style)."""
    if version == 2:
        return to_tbx2(terms)
    ET.register_namespace("", TBX_NS)
    root = ET.Element(f"{{{TBX_NS}}}tbx", {"style": "dca", "type": "TBX-Basic",
                                           XML_LANG: "en"})
    header = _sub(root, "tbxHeader")
    _sub(_sub(_sub(header, "fileDesc"), "sourceDesc"), "p", "brief terminology glossary")
    body = _sub(_sub(root, "text"), "body")
    for n, t in enumerate(terms, 1):
        entry = _sub(body, "conceptEntry", id=f"c{n}")
        if t.domain:
            _sub(entry, "descrip", t.domain, type="subjectField")
        if t.note:
            _sub(entry, "note", t.note)
        if t.case:
            _sub(entry, "note", f"{CASE_NOTE} {t.case}")
        ja = _sub(entry, "langSec", **{XML_LANG: "ja"})
        _term_sec(ja, t.ja, PREFERRED)
        for v in t.variants:
            _term_sec(ja, v, ADMITTED)
        en = _sub(entry, "langSec", **{XML_LANG: "en"})
        _term_sec(en, t.en, PREFERRED)
        for f in t.forbidden:
            _term_sec(en, f, DEPRECATED)
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n").encode("utf-8")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: ET.Element, *names: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) in names]


def _text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _lang_terms(lang_set: ET.Element) -> list[tuple[str, str]]:
    """(term, administrative status) pairs of a langSec/langSet, v3 or v2 layout."""
    out = []
    for sec in _children(lang_set, "termSec", "tig", "ntig"):
        term = next((e for e in sec.iter() if _local(e.tag) == "term"), None)
        if term is None or not _text(term):
            continue
        status = next((_text(e) for e in sec.iter() if _local(e.tag) == "termNote"
                       and e.get("type") == "administrativeStatus"), "")
        out.append((_text(term), status))
    return out


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def decode_xml(data: bytes, name: str) -> str:
    """The text of an XML file in any encoding Python knows (a BOM, else the declaration,
    else UTF-8): expat alone refuses multi-byte encodings such as Shift_JIS and UTF-32."""
    enc = next((e for bom, e in _BOMS if data.startswith(bom)), None)
    if enc is None:
        m = _DECLARED.match(data.lstrip())
        enc = m.group(1).decode("ascii") if m else "utf-8"
        if enc.lower().replace("-", "").replace("_", "") in ("utf16", "utf32"):
            enc = "utf-8"  # declared UTF-16/32 without a BOM is almost always UTF-8 mislabeled
    try:
        return data.decode(enc)
    except LookupError:
        raise BriefError(f"{name}:1: unknown encoding {enc!r} in the XML declaration") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BriefError(f"{name}:{line}: not valid {enc} text (byte {exc.start})") from None


def from_tbx(data: bytes, name: str) -> list[Term]:
    """Entries of a TBX file (v3 `tbx` or v2 `martif`) with a Japanese and an English term."""
    try:
        root = ET.fromstring(decode_xml(data, name))
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else 1
        raise BriefError(f"{name}:{line}: not well-formed TBX/XML ({exc.msg})") from None
    if _local(root.tag) not in ("tbx", "martif"):
        raise BriefError(f"{name}:1: not a TBX file (root element <{_local(root.tag)}>)")
    terms: list[Term] = []
    for n, entry in enumerate(e for e in root.iter()
                              if _local(e.tag) in ("conceptEntry", "termEntry")):
        where = f"{name}: entry {entry.get('id') or n + 1}"
        langs: dict[str, list[tuple[str, str]]] = {}
        for ls in _children(entry, "langSec", "langSet"):
            lang = (ls.get(XML_LANG) or ls.get("lang") or "").lower().split("-")[0]
            langs.setdefault(lang, []).extend(_lang_terms(ls))
        ja, en = langs.get("ja", []), langs.get("en", [])
        if not ja or not en:
            continue  # a concept without both languages is not a ja→en rule
        ja_pref = next((t for t, s in ja if s == PREFERRED), ja[0][0])
        en_ok = [t for t, s in en if s != DEPRECATED]
        if not en_ok:
            raise BriefError(f"{where}: every English term is deprecated")
        en_pref = next((t for t, s in en if s == PREFERRED), en_ok[0])
        notes = [_text(e) for e in _children(entry, "note")]
        case = next((x.removeprefix(CASE_NOTE).strip() for x in notes
                     if x.startswith(CASE_NOTE)), "")
        domain = next((_text(e) for e in _children(entry, "descrip")
                       if e.get("type") == "subjectField"), "")
        terms.append(Term(
            ja=ja_pref, en=en_pref,
            note="; ".join(x for x in notes if not x.startswith(CASE_NOTE)),
            variants=tuple(t for t, _ in ja if t != ja_pref),
            forbidden=tuple(t for t, s in en if s == DEPRECATED),
            case=case, domain=domain, where=where))
    return terms


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """A value a spreadsheet shows as text: one starting like a formula (=HYPERLINK(...),
    +, -, @, tab, CR) gets a leading apostrophe, the usual guard against formula injection;
    import takes it off again. A value the user began with an apostrophe gets one too, so
    the import's taking one off gives back what was written ('=quoted stays '=quoted)."""
    return "'" + value if value.startswith(_GUARDED) else value


_GUARDED = (*_FORMULA_START, "'")


def _uncell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_GUARDED) else value


def to_csv(terms: list[Term]) -> bytes:
    """CSV with the TSV's columns; UTF-8 with BOM so spreadsheet programs read Japanese."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for t in terms:
        w.writerow([_cell(v) for v in (t.ja, t.en, t.note, SEP.join(t.variants),
                                       SEP.join(t.forbidden), t.case, t.domain)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


_LANG_CODE = re.compile(r"^[a-z]{2}(?:-[A-Za-z]{2})?$")


def from_csv(data: bytes, name: str) -> list[Term]:
    """Entries of a CSV: brief's export (header with at least ja and en), or a DeepL or
    Google glossary (two columns ja,en without a header; DeepL's optional third and fourth
    columns, the language codes, are dropped)."""
    from brief.glossary.terms import decode_glossary, parse_rows

    text, _ = decode_glossary(data, name)
    reader = csv.reader(io.StringIO(text))
    rows: list[tuple[int, str, list[str]]] = []
    try:
        for row in reader:
            if row and any(c.strip() for c in row):
                rows.append((reader.line_num, ",".join(row), [_uncell(c).strip() for c in row]))
    except csv.Error as exc:  # a field over csv.field_size_limit(), a stray NUL, ...
        raise BriefError(f"{name}:{reader.line_num}: unreadable CSV ({exc})") from None
    for lineno, _, cells in rows:
        if any("\t" in c or "\n" in c for c in cells):
            raise BriefError(f"{name}:{lineno}: a value contains a tab or line break")
        if len(cells) == 4 and all(_LANG_CODE.match(c) for c in cells[2:]):
            del cells[2:]  # DeepL: source,target,source language,target language
    return parse_rows(rows, name)


def to_deepl_csv(terms: list[Term]) -> bytes:
    """The two-column CSV (Japanese, English; no header) that DeepL and Google Cloud
    Translation take as a glossary: each variant spelling is a row of its own; notes and
    forbidden renderings have no place in it."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for t in terms:
        for ja in (t.ja, *t.variants):
            w.writerow([ja, t.en])
    return buf.getvalue().encode("utf-8")


def read_exchange(path: Path) -> list[Term]:
    """Terms of a .tbx/.xml or .csv file."""
    data = read_input(path)
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        return from_tbx(data, str(path))
    if suffix == ".csv":
        return from_csv(data, str(path))
    raise BriefError(f"{path}: unknown glossary format (use .tbx or .csv)")


def export_bytes(terms: list[Term], path: Path, tbx_version: int = 2,
                 deepl: bool = False) -> bytes:
    suffix = path.suffix.lower()
    if deepl:
        return to_deepl_csv(terms)
    if suffix in (".tbx", ".xml"):
        return to_tbx(terms, tbx_version)
    if suffix == ".csv":
        return to_csv(terms)
    raise BriefError(f"{path}: unknown glossary format (use .tbx or .csv)")
