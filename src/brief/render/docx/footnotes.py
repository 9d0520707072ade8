"""Real Word footnotes for python-docx, which has no footnote API.

Adds a `word/footnotes.xml` part (with the separator and continuation-separator notes Word
expects) through python-docx's OPC machinery: a proper part with its content type, related
to the document part by the footnotes relationship. Also provides the Footnote Text and
Footnote Reference styles and the settings entry that names the separators.
"""

from __future__ import annotations

import re

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

_EMPTY = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
    'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote></w:footnotes>"
)


class Footnotes:
    """The document's footnotes part; `add` appends a note and references it from a paragraph."""

    def __init__(self, document: Document, east_asian_font: str = "") -> None:
        self.document = document
        part = document.part
        self.part = XmlPart(PackURI("/word/footnotes.xml"), CT_FOOTNOTES, parse_xml(_EMPTY),
                            part.package)
        part.relate_to(self.part, RT.FOOTNOTES)
        self._ensure_styles(east_asian_font)
        self._ensure_settings()
        self.next_id = 1

    def _ensure_styles(self, east_asian_font: str) -> None:
        styles = self.document.styles
        names = {s.name for s in styles}
        if "Footnote Text" not in names:
            st = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
            st.base_style = styles["Normal"]
            st.font.size = Pt(8.5)
            st.paragraph_format.space_after = Pt(0)
            st.element.style_id = "FootnoteText"
            if east_asian_font:
                rfonts = st.element.get_or_add_rPr().get_or_add_rFonts()
                rfonts.set(qn("w:eastAsia"), east_asian_font)
        if "Footnote Reference" not in names:
            st = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
            st.font.superscript = True
            st.element.style_id = "FootnoteReference"

    def _ensure_settings(self) -> None:
        settings = self.document.settings.element
        if settings.find(qn("w:footnotePr")) is not None:
            return
        pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
                       '<w:footnote w:id="0"/></w:footnotePr>')
        # footnotePr belongs early in w:settings; after zoom/proofState keeps schema order.
        anchor = None
        for tag in ("w:compat", "w:rsids", "w:mathPr", "w:themeFontLang", "w:clrSchemeMapping",
                    "w:shapeDefaults", "w:decimalSymbol", "w:listSeparator"):
            anchor = settings.find(qn(tag))
            if anchor is not None:
                break
        if anchor is not None:
            anchor.addprevious(pr)
        else:
            settings.append(pr)

    def add(self, paragraph: Paragraph, runs: list[tuple[str, str, str]]) -> int:
        """Append a footnote whose text is `runs` ((text, language, href) triples: an href
        '#anchor' links to the bookmark the writer named by `bookmark`); reference it at
        the end of `paragraph`. Returns the footnote id (= its number).

        Built with lxml directly (the elements python-docx would make, in its order): a
        2,000-article brief has thousands of notes, and python-docx's generic element
        creation was most of the DOCX writer's time."""
        fid = self.next_id
        self.next_id += 1
        note = SubElement(self.part.element, _FOOTNOTE)
        note.set(_ID, str(fid))
        p = SubElement(note, _P)
        SubElement(SubElement(p, _PPR), _PSTYLE).set(_VAL, "FootnoteText")
        _ref_run(p, _FOOTNOTE_REF)
        _text_run(p, " ")
        for text, lang, href in runs:
            parent = p
            if href.startswith("#"):  # a source's S-number leads to its Sources row
                parent = SubElement(p, _HYPERLINK)
                parent.set(_ANCHOR, bookmark(href[1:]))
            _text_run(parent, text, lang, link=parent is not p)
        para = paragraph._p
        last = para[-1] if len(para) else None
        if last is not None and last.find(_FOOTNOTE_REFERENCE) is not None:
            # 1,2,3 rather than 123 for a point with several notes
            _ref_run(para, _T).text = ","
        _ref_run(para, _FOOTNOTE_REFERENCE).set(_ID, str(fid))
        return fid


_FOOTNOTE, _ID, _P, _PPR, _PSTYLE, _VAL = (qn(t) for t in (
    "w:footnote", "w:id", "w:p", "w:pPr", "w:pStyle", "w:val"))
_R, _RPR, _RSTYLE, _T, _I, _XML_SPACE = (qn(t) for t in (
    "w:r", "w:rPr", "w:rStyle", "w:t", "w:i", "xml:space"))
_FOOTNOTE_REF, _FOOTNOTE_REFERENCE = qn("w:footnoteRef"), qn("w:footnoteReference")
_HYPERLINK, _ANCHOR, _LANG, _EAST_ASIA = (qn(t) for t in (
    "w:hyperlink", "w:anchor", "w:lang", "w:eastAsia"))


def _ref_run(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><TAG/></w:r> appended to
    PARENT; returns the TAG element."""
    r = SubElement(parent, _R)
    SubElement(SubElement(r, _RPR), _RSTYLE).set(_VAL, "FootnoteReference")
    inner: BaseOxmlElement = SubElement(r, tag)
    return inner


def bookmark(anchor: str) -> str:
    """A Word bookmark name for ANCHOR (letters, digits and _; at most 40)."""
    return ("b_" + re.sub(r"[^A-Za-z0-9_]", "_", anchor))[:40]


def _text_run(parent: BaseOxmlElement, text: str, lang: str = "en", link: bool = False) -> None:
    r = SubElement(parent, _R)
    rpr = SubElement(r, _RPR) if link or lang == "ja" else None
    if link:  # the writer's link style, which the accessible PDF needs to make it a link
        SubElement(rpr, _RSTYLE).set(_VAL, "Hyperlink")
    if lang == "ja":  # its language, for screen readers and the accessible PDF's /Lang
        el = SubElement(rpr, _LANG)
        el.set(_VAL, "ja-JP")
        el.set(_EAST_ASIA, "ja-JP")
    t = SubElement(r, _T)
    t.set(_XML_SPACE, "preserve")
    t.text = text
