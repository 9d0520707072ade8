"""The brief as a Word document: headings, numbered points with real footnotes, appendix."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import Any

from docx import Document as Document_
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from brief.clock import build_date
from brief.errors import BriefError
from brief.render.document import (
    JA,
    Chart,
    Document,
    Heading,
    Inline,
    Link,
    ListBlock,
    NoteRef,
    RenderOptions,
    Table,
    Text,
)
from brief.render.document import (
    Para as DocPara,
)
from brief.render.docx.footnotes import Footnotes, bookmark
from brief.render.escape import clickable, xml_text
from brief.render.png import brief_faces, png

LATIN_FONT = "DejaVu Serif"  # the PDF's Latin face (fonts-dejavu-core)
PAGE_SIZES = {"A4": (Mm(210), Mm(297)), "Letter": (Inches(8.5), Inches(11))}
MARGIN = Mm(20)  # as the PDF's


def _page_setup(document: DocxDocument, size: str) -> None:
    """The paper brief.toml names (A4 by default) with the PDF's margins."""
    sec = document.sections[0]
    sec.page_width, sec.page_height = PAGE_SIZES[size]
    sec.left_margin = sec.right_margin = sec.top_margin = sec.bottom_margin = MARGIN
    sec.header_distance = sec.footer_distance = Mm(10)


_THEMES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _set_fonts(document: DocxDocument, east_asian: str) -> None:
    """The PDF's type families everywhere: theme fonts (Calibri, Cambria) would win over
    the named ones, so they are removed."""
    defaults = document.styles.element.find(qn("w:docDefaults")).find(
        qn("w:rPrDefault")).find(qn("w:rPr"))
    elements = [defaults] + [document.styles[n].element.get_or_add_rPr()
                             for n in ("Normal", "Title", "Heading 1", "Heading 2",
                                       "List Number", "List Bullet")]
    for rpr in elements:
        rfonts = rpr.get_or_add_rFonts() if hasattr(rpr, "get_or_add_rFonts") else None
        if rfonts is None:
            rfonts = rpr.find(qn("w:rFonts"))
            if rfonts is None:
                rfonts = OxmlElement("w:rFonts")
                rpr.insert(0, rfonts)
        for attr in _THEMES:
            rfonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            rfonts.set(qn(attr), LATIN_FONT)
        rfonts.set(qn("w:eastAsia"), east_asian)
    document.styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2"):  # 11.5:1 on white (the template's
        color = document.styles[name].element.get_or_add_rPr().find(qn("w:color"))
        if color is not None:  # theme blue, 4.03:1 at Heading 2, was too light)
            color.attrib.pop(qn("w:themeColor"), None)
            color.attrib.pop(qn("w:themeShade"), None)
            color.set(qn("w:val"), "1F3864")


# The paragraph styles the writer uses: a reference document lacking one gets python-docx's
# (Word's) definition of it, so the brief's structure (headings, lists) survives any template.
USED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "List Number", "List Bullet")
_HEADERS = ("header", "footer", "first_page_header", "first_page_footer", "even_page_header",
            "even_page_footer")


def _from_reference(path: str) -> DocxDocument:
    """The office's .docx at PATH as the brief's starting point (like Pandoc's
    --reference-doc): its styles, theme, page size and margins are kept; its body text,
    headers, footers and footnotes are not (the brief writes its own); a style the writer
    needs and the template lacks is copied from python-docx's default template."""
    from copy import deepcopy

    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document_(path)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise BriefError(f"{path}: cannot use this file as the DOCX reference document "
                         f"({exc.__class__.__name__}: {exc}); it must be a Word .docx") from None
    body = document.element.body
    for el in list(body):
        if el.tag != qn("w:sectPr"):
            body.remove(el)
    for sec in document.sections:
        for kind in _HEADERS:
            getattr(sec, kind).is_linked_to_previous = True  # its header text is not ours
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype in (RT.FOOTNOTES, RT.ENDNOTES, RT.COMMENTS):
            document.part.drop_rel(rid)
    names = {s.name for s in document.styles}
    default = Document_()
    for name in USED_STYLES:
        if name not in names:
            document.styles.element.append(deepcopy(default.styles[name].element))
    for name in ("List Number", "List Bullet"):
        _own_numbering(document, default, name)
    return document


def _own_numbering(document: DocxDocument, default: DocxDocument, name: str) -> None:
    """The list style NAME numbered by a definition in DOCUMENT's own numbering part: a
    template's style (or one copied from python-docx's) whose number is not defined there
    gets python-docx's definition (decimal or bullet) copied in."""
    from copy import deepcopy

    numbering = document.part.numbering_part.element
    ppr = document.styles[name].element.get_or_add_pPr()
    numpr = ppr.numPr
    if numpr is not None and numpr.numId is not None:
        try:
            numbering.num_having_numId(int(numpr.numId.val))
            return
        except KeyError:
            pass
    theirs = default.part.numbering_part.element
    dnum = int(default.styles[name].element.pPr.numPr.numId.val)
    abstract = theirs.xpath(f"w:abstractNum[@w:abstractNumId="
                            f"'{theirs.num_having_numId(dnum).abstractNumId.val}']")[0]
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.xpath("w:abstractNum")]
    copy = deepcopy(abstract)
    copy.set(qn("w:abstractNumId"), str(max(ids, default=-1) + 1))
    nums = numbering.xpath("w:num")
    if nums:
        nums[0].addprevious(copy)
    else:
        numbering.append(copy)
    num = numbering.add_num(int(copy.get(qn("w:abstractNumId"))))
    ppr.get_or_add_numPr().get_or_add_numId().val = int(num.numId)


HYPERLINK_STYLE = "Hyperlink"


def _hyperlink_style(document: DocxDocument) -> None:
    """Word's character style for links (blue 1A4F8F, 8.2:1 on white, underlined): Word
    shows links in it, and LibreOffice exports a link to the PDF only from a run in it."""
    if HYPERLINK_STYLE in [s.name for s in document.styles]:
        return
    style = document.styles.add_style(HYPERLINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    style.font.color.rgb = RGBColor(0x1A, 0x4F, 0x8F)
    style.font.underline = True
    style.priority = 99
    style.unhide_when_used = True


def _no_compatibility_mode(document: DocxDocument) -> None:
    """Word 2013+ layout (compatibilityMode 15), not Compatibility Mode."""
    for setting in document.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"><Application>brief</Application><DocSecurity>0</DocSecurity>'
    "<ScaleCrop>false</ScaleCrop><Company>{company}</Company>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>")


def _set_language(document: DocxDocument) -> None:
    """Text is English (en-US) and East Asian text Japanese (ja-JP), so spell checkers,
    screen readers and the accessible PDF's /Lang know each run's language."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "ja-JP")


def _page_number_footer(document: DocxDocument) -> None:
    """'Page x of y' in the footer (Word fields PAGE and NUMPAGES)."""
    _page_number_footer_p(document.sections[0].footer.paragraphs[0])


def _page_number_footer_p(p: Paragraph) -> None:
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("Page ", "PAGE"), (" of ", "NUMPAGES")):
        p.add_run(text)
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), field)
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        fld.append(r)
        p._p.append(fld)


class _Numbering:
    """Restart 'List Number' at 1 for each section (a new w:num with a start override)."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        style = document.styles["List Number"]
        num_id = int(style.element.pPr.numPr.numId.val)
        numbering = document.part.numbering_part.element
        self.numbering = numbering
        self.abstract_id = numbering.num_having_numId(num_id).abstractNumId.val

    def restart(self, start: int = 1) -> int:
        num = self.numbering.add_num(self.abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return int(num.numId)


def _apply_num(paragraph: object, num_id: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = 0
    numpr.get_or_add_numId().val = num_id


def _normalise_zip(data: bytes, when: datetime, app_xml: bytes) -> bytes:
    """Fixed member timestamps and order so identical inputs give identical bytes; our own
    app.xml (the template's says "Microsoft Macintosh Word", 1 page) and no thumbnail (the
    template's is blank). A zip dates its members from 1980 to 2107 only: a build date
    outside (SOURCE_DATE_EPOCH=0, or year 9999) is clamped there, not a crash."""
    stamp = ((1980, 1, 1, 0, 0, 0) if when.year < 1980 else (2107, 12, 31, 23, 59, 58)
             if when.year > 2107 else
             (when.year, when.month, when.day, when.hour, when.minute, when.second))
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == "docProps/thumbnail.jpeg":
                continue
            body = src.read(info.filename)
            if info.filename == "docProps/app.xml":
                body = app_xml
            elif info.filename == "_rels/.rels":
                body = re.sub(rb"<Relationship [^>]*Target=\"docProps/thumbnail.jpeg\"/>", b"",
                              body)
            zi = zipfile.ZipInfo(info.filename, date_time=stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, body)
    return out.getvalue()


PROPERTY_LIMIT = 255  # characters python-docx (and Word) allow in a core property


def _property(text: str) -> str:
    """TEXT fitted to a core property: cut to the limit with an ellipsis, never refused."""
    return text if len(text) <= PROPERTY_LIMIT else text[:PROPERTY_LIMIT - 1] + "…"


def render(doc: Document, opts: RenderOptions) -> bytes:
    when = build_date().replace(tzinfo=None, microsecond=0)
    if opts.reference_doc:  # the office's styles, page and fonts; the brief adds what it lacks
        document = _from_reference(opts.reference_doc)
    else:
        document = Document_()
        _page_setup(document, opts.page_size)
        _set_fonts(document, opts.east_asian_font)
    _no_compatibility_mode(document)
    _set_language(document)
    _hyperlink_style(document)
    _page_number_footer(document)
    _running_head(document, doc.meta.title, doc.meta.title_lang)
    m = doc.meta
    cp = document.core_properties
    cp.title = _property(m.title)  # a derived, machine-translated title may run long
    cp.author = _property(m.author)
    cp.subject = _property(m.subject)
    # LibreOffice (the accessible PDF) splits keywords at spaces: a no-break space keeps
    # "Economic security" one keyword
    cp.keywords = _property("; ".join(k.replace(" ", "\u00a0") for k in m.keywords))
    cp.comments = _property(doc.footer)
    cp.created = cp.modified = when
    cp.last_modified_by = m.author
    cp.revision = 1
    _Writer(doc, document, Footnotes(document, opts.east_asian_font)).write()
    _prune_styles(document)
    _drop_template_parts(document)
    buf = io.BytesIO()
    document.save(buf)
    app = APP_XML.format(company=xml_text(m.office)).encode()
    return _normalise_zip(buf.getvalue(), when, app)


_LEFTOVERS = ("customXml", "stylesWithEffects")  # the template's bibliography and Word 2010 styles


def _drop_template_parts(document: DocxDocument) -> None:
    """The template's parts no brief uses (a bibliography source list, a second copy of
    the styles): unreferenced, python-docx does not write them."""
    rels = document.part.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype.endswith(_LEFTOVERS)]:
        rels.pop(rid)


def _running_head(document: DocxDocument, title: str, lang: str) -> None:
    """The title at the top of every page after the first, as the PDF has it."""
    sec = document.sections[0]
    sec.different_first_page_header_footer = True
    p = sec.header.paragraphs[0]
    r = p.add_run(title)
    r.italic = True
    r.font.size = Pt(8)
    r.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    _run_lang(r._r, lang)
    first = sec.first_page_footer  # the first page keeps its 'Page 1 of y'
    first.is_linked_to_previous = False
    _page_number_footer_p(first.paragraphs[0])


def _run_lang(r: Any, lang: str) -> None:  # noqa: ANN401 - a w:r element
    """A Japanese run says so (ja-JP) for spell checkers, screen readers and /Lang."""
    if lang != JA:
        return
    rpr = r.find(_RPR)
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        r.insert(0, rpr)
    el = SubElement(rpr, qn("w:lang"))
    el.set(qn("w:val"), "ja-JP")
    el.set(qn("w:eastAsia"), "ja-JP")


_STYLE_REFS = tuple(qn(t) for t in ("w:pStyle", "w:rStyle", "w:tblStyle"))
_VAL_ = qn("w:val")
_KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List"}


def _prune_styles(document: DocxDocument) -> None:
    """Only the styles the document uses (and what they are based on), not python-docx's
    template's 160-odd."""
    roots = [document.element] + [
        rel.target_part.element for rel in document.part.rels.values()
        if not rel.is_external and hasattr(rel.target_part, "element")
        and "styles" not in rel.reltype]
    used = {el.get(_VAL_) for root in roots for tag in _STYLE_REFS for el in root.iter(tag)}
    styles = document.styles.element
    by_id = {st.get(qn("w:styleId")): st for st in styles.findall(qn("w:style"))}
    keep: set[str] = set()
    todo = list(used)
    while todo:
        sid = todo.pop()
        if sid in keep or sid not in by_id:
            continue
        keep.add(sid)
        for tag in ("w:basedOn", "w:link", "w:next"):
            el = by_id[sid].find(qn(tag))
            if el is not None and tag == "w:basedOn":
                todo.append(el.get(qn("w:val")))
    for sid, st in by_id.items():
        name = st.find(qn("w:name"))
        if sid not in keep and (name is None or name.get(qn("w:val")) not in {
                n.lower() for n in _KEEP_STYLES} | _KEEP_STYLES):
            styles.remove(st)
    for sid in keep:  # a kept style's link to a removed character style goes too
        link_el = by_id[sid].find(qn("w:link"))
        if link_el is not None and link_el.get(qn("w:val")) not in keep:
            by_id[sid].remove(link_el)
        next_el = by_id[sid].find(qn("w:next"))
        if next_el is not None and next_el.get(qn("w:val")) not in keep | {"Normal"}:
            by_id[sid].remove(next_el)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)


def _fixed_widths(table: Any, widths: list[float]) -> None:
    """Column widths (cm) chosen for the content, kept by Word and LibreOffice alike."""
    table.autofit = False
    tbl = table._tbl
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl.tblPr.append(layout)
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(w).twips)))


def _keep_rows(table: Any) -> None:
    """Rows never split across pages, the header row repeats on each page and stays with
    the first row, and the last row never stands alone on a page."""
    rows = table.rows
    for n, row in enumerate(rows):
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if n == 0:
            trpr.append(OxmlElement("w:tblHeader"))
        if n == 0 or (n == len(rows) - 2 and n > 0):
            for cell in row.cells:
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True


_TR, _TRPR, _CANT_SPLIT, _TC, _TCPR, _TCW, _P, _PPR, _KEEP_NEXT, _R, _T, _RPR = (qn(t) for t in (
    "w:tr", "w:trPr", "w:cantSplit", "w:tc", "w:tcPr", "w:tcW", "w:p", "w:pPr", "w:keepNext",
    "w:r", "w:t", "w:rPr"))
_TYPE, _W, _XML_SPACE = qn("w:type"), qn("w:w"), qn("xml:space")
_BREAKS = re.compile(r"[\t\r\n]")


def _run(p: Paragraph, text: str) -> None:
    """p.add_run(TEXT) for a run without formatting, built directly."""
    _run_text(SubElement(p._p, _R), text)


def _run_text(r: Any, text: str) -> None:  # noqa: ANN401 - a w:r element
    """TEXT into the new run R as python-docx's Run.text writes it: one w:t, kept as
    written (xml:space) when it starts or ends with a space; nothing for ""; tabs and
    line breaks (python-docx's w:tab and w:br) through python-docx itself."""
    if _BREAKS.search(text):
        r.text = text  # CT_R.text
    elif text:
        t = SubElement(r, _T)
        t.text = text
        if len(text.strip()) < len(text):
            t.set(_XML_SPACE, "preserve")


class _Writer:
    """Maps the Document's blocks to Word paragraphs, lists and tables."""

    def __init__(self, doc: Document, document: DocxDocument, notes: Footnotes) -> None:
        self.doc, self.document, self.notes = doc, document, notes
        self.numbering = _Numbering(document)
        self.style_ids: dict[str, str | None] = {}
        self.sect_pr = document.element.body.find(qn("w:sectPr"))
        self.note_of = {n.number: n for n in doc.notes}
        self.bookmarks = 0

    def paragraph(self, style: str | None = None) -> Paragraph:
        """A new body paragraph in STYLE, its style id looked up once per document
        (python-docx scans every style for every paragraph)."""
        p = Paragraph(OxmlElement("w:p"), self.document._body)
        if self.sect_pr is not None:
            self.sect_pr.addprevious(p._p)
        else:
            self.document.element.body.append(p._p)
        if style is not None:
            if style not in self.style_ids:
                self.style_ids[style] = self.document.part.get_style_id(  # type: ignore[no-untyped-call]
                    self.document.styles[style], WD_STYLE_TYPE.PARAGRAPH)
            p._p.style = self.style_ids[style]
        return p

    def bookmark(self, p: Any, anchor: str) -> None:  # noqa: ANN401 - a w:p element
        if not anchor:
            return
        self.bookmarks += 1
        start = SubElement(p, qn("w:bookmarkStart"))
        start.set(qn("w:id"), str(self.bookmarks))
        start.set(qn("w:name"), bookmark(anchor))
        SubElement(p, qn("w:bookmarkEnd")).set(qn("w:id"), str(self.bookmarks))

    def write(self) -> None:
        for b in self.doc.blocks:
            if isinstance(b, Heading):
                style = ("Title", "Heading 1", "Heading 2")[min(b.level, 2)]
                p = self.paragraph(style)
                if b.level == 0:  # the title is a heading (H1) to a screen reader
                    SubElement(p._p.get_or_add_pPr(), qn("w:outlineLvl")).set(qn("w:val"), "0")
                self.bookmark(p._p, b.anchor if b.level else "")
                self.runs(p._p, (Text(b.text, b.lang),), p)
            elif isinstance(b, DocPara):
                p = self.paragraph()
                if b.role == "desc":
                    p.paragraph_format.keep_with_next = True  # never stranded at a foot
                style = {"byline": "em", "desc": "em", "notice": "em"}.get(b.role, "")
                self.runs(p._p, tuple(_restyle(r, style) for r in b.runs), p)
            elif isinstance(b, ListBlock):
                self.list_block(b)
            elif isinstance(b, Chart):
                self.chart(b)
            else:
                self.table(b)

    def chart(self, c: Chart) -> None:
        """The picture as a PNG in the package's media part, inline in its own paragraph,
        with its title and description as the alt text Word and a screen reader read."""
        p = self.paragraph()
        p.paragraph_format.keep_together = True
        run = p.add_run()
        run.add_picture(io.BytesIO(png(c, brief_faces())), width=Pt(c.width))
        doc_pr = run._r.find(f".//{qn('wp:docPr')}")
        doc_pr.set("name", c.anchor)
        doc_pr.set("title", c.title)
        doc_pr.set("descr", f"{c.title}. {c.desc}")

    def runs(self, parent: Any, runs: tuple[Inline, ...], para: Paragraph,  # noqa: ANN401
             ) -> None:
        """RUNS into PARENT (a w:p): text with its style and language, links (external
        ones through a relationship, internal ones to a bookmark), footnote references."""
        for r in runs:
            if isinstance(r, NoteRef):
                note = self.note_of[r.number]
                self.notes.add(para, [(x.text, x.lang, getattr(x, "href", ""))
                                      for x in note.runs if isinstance(x, Text | Link)])
            elif isinstance(r, Link) and (r.internal or clickable(r.href)):
                h = SubElement(parent, qn("w:hyperlink"))
                if r.internal:
                    h.set(qn("w:anchor"), bookmark(r.href[1:]))
                else:
                    rid = self.document.part.relate_to(r.href, RT.HYPERLINK, is_external=True)
                    h.set(qn("r:id"), rid)
                _styled_run(h, r.text, r.style, r.lang, link=True)
            elif isinstance(r, Text):
                _styled_run(parent, r.text, r.style, r.lang)

    def list_block(self, b: ListBlock) -> None:
        num_id = self.numbering.restart(b.start) if b.ordered else 0
        for n, item in enumerate(b.items, 1):
            p = self.paragraph("List Number" if b.ordered else "List Bullet")
            if b.ordered:
                _apply_num(p, num_id)
            else:
                p.paragraph_format.keep_with_next = n < len(b.items)  # the sides together
            self.bookmark(p._p, item.anchor)
            self.runs(p._p, item.runs, p)

    def table(self, t: Table) -> None:
        """The header row is python-docx's; the rows (2,000 in a 2,000-article Sources
        table) are built with lxml as python-docx builds them, since its element lookups
        cost more than all the rest of the DOCX."""
        widths = [w * 16.0 for w in t.widths]  # 16 cm of text width
        tbl_ = self.document.add_table(rows=1, cols=len(t.header))
        tbl_.style = "Table Grid"
        _fixed_widths(tbl_, widths)
        for cell, text, w in zip(tbl_.rows[0].cells, t.header, widths, strict=True):
            cell.text = text
            cell.width = Cm(w)
            for run in cell.paragraphs[0].runs:
                run.bold = True
        _keep_rows(tbl_)
        twips = [tc.tcPr.tcW.get(_W) for tc in tbl_._tbl.tr_lst[0].tc_lst]
        tbl = tbl_._tbl
        for n, row in enumerate(t.rows, 1):
            tr = SubElement(tbl, _TR)
            SubElement(SubElement(tr, _TRPR), _CANT_SPLIT)
            keep = n == len(t.rows) - 1  # the last row never stands alone on a page
            for i, (cell, width) in enumerate(zip(row.cells, twips, strict=True)):
                tc = SubElement(tr, _TC)
                tcw = SubElement(SubElement(tc, _TCPR), _TCW)
                tcw.set(_TYPE, "dxa")
                tcw.set(_W, width)
                p = SubElement(tc, _P)
                if keep:
                    SubElement(SubElement(p, _PPR), _KEEP_NEXT)
                if i == 0:
                    self.bookmark(p, row.anchor)
                self.runs(p, cell, Paragraph(p, tbl_))


def _restyle(r: Inline, style: str) -> Inline:
    """R in STYLE when it has none of its own (a byline set in italic)."""
    if style and isinstance(r, Text) and not r.style:
        return Text(r.text, r.lang, style)
    return r


def _styled_run(parent: Any, text: str, style: str, lang: str,  # noqa: ANN401 - w:p
                link: bool = False) -> None:
    r = SubElement(parent, _R)
    if style or link:
        rpr = SubElement(r, _RPR)
        if link:  # LibreOffice (the accessible PDF) makes a link of it only when so styled
            SubElement(rpr, qn("w:rStyle")).set(qn("w:val"), HYPERLINK_STYLE)
        if style == "em":
            SubElement(rpr, qn("w:i"))
        elif style == "strong":
            SubElement(rpr, qn("w:b"))
        if style == "sup":
            SubElement(rpr, qn("w:vertAlign")).set(qn("w:val"), "superscript")
    _run_lang(r, lang)
    _run_text(r, text)
