"""Real Word footnotes for python-docx, which has no footnote API.

Adds a `word/footnotes.xml` part (with the separator and continuation-separator notes Word
expects) through python-docx's OPC machinery: a proper part with its content type, related
to the document part by the footnotes relationship. Also provides the Footnote Text and
Footnote Reference styles and the settings entry that names the separators.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt
from docx.text.paragraph import Paragraph

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

    def add(self, paragraph: Paragraph, runs: list[tuple[str, bool]]) -> int:
        """Append a footnote whose text is `runs` ((text, italic) pairs); reference it at the
        end of `paragraph`. Returns the footnote id (= its number)."""
        fid = self.next_id
        self.next_id += 1
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(fid))
        p = OxmlElement("w:p")
        p.append(_styled("w:pPr", "w:pStyle", "FootnoteText"))
        p.append(_ref_run("w:footnoteRef"))
        p.append(_text_run(" "))
        for text, italic in runs:
            p.append(_text_run(text, italic))
        note.append(p)
        self.part.element.append(note)
        last = paragraph._p[-1] if len(paragraph._p) else None
        if last is not None and last.find(qn("w:footnoteReference")) is not None:
            sep = _ref_run("w:t")  # 1,2,3 rather than 123 for a point with several notes
            sep[-1].text = ","
            paragraph._p.append(sep)
        ref = _ref_run("w:footnoteReference")
        ref[-1].set(qn("w:id"), str(fid))
        paragraph._p.append(ref)
        return fid


def _ref_run(tag: str) -> BaseOxmlElement:
    r = OxmlElement("w:r")
    r.append(_styled("w:rPr", "w:rStyle", "FootnoteReference"))
    r.append(OxmlElement(tag))
    return r


def _styled(props: str, style_tag: str, style_id: str) -> BaseOxmlElement:
    """A w:pPr/w:rPr element naming a style: <w:rPr><w:rStyle w:val="..."/></w:rPr>."""
    pr = OxmlElement(props)
    style = OxmlElement(style_tag)
    style.set(qn("w:val"), style_id)
    pr.append(style)
    return pr


def _text_run(text: str, italic: bool = False) -> BaseOxmlElement:
    r = OxmlElement("w:r")
    if italic:
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:i"))
        r.append(rpr)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    return r
