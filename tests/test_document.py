"""The document layer: one Document, built once, that every writer maps; what reaches the
reader from it (drawable glyphs, safe links, languages, Sources rows a reader can follow)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from brief.cli import main
from brief.config import load_config
from brief.model import Brief, Citation, Claim, Conflict, Event, Figure, Item, Section, Source
from brief.options import BuildOptions
from brief.render import WRITERS, Writer, write_outputs
from conftest import FIXTURES, ROOT, outline_titles

JA_TITLE = "日米首脳会談と防衛費（2025年10月28日）"
JA = "日米両政府は重要鉱物の供給網強化で協力することを確認した。"


def _brief(title: str = JA_TITLE, url: str = "https://example.com/a?x=1&y=2",
           points: int = 40) -> Brief:
    sources = [Source(id="S1", path="001_f1cd6fa94029fc4f.txt", title="記事の題", text=JA,
                      url=url, published="2025-10-28"),
               Source(id="S2", path="b.txt", title="別の記事", text=JA, outlet="Nikkei",
                      published="2025-10-27")]
    items = [Item(id=f"i{n}", section="trade", ja=f"{JA}（第{n}項）",
                  citations=[Citation("S1", 0, 5, JA), Citation("S2", 0, 5, JA)])
             for n in range(points)]
    fig = Figure(id="f1", kind="money", quantity="¥84 trillion", ja="対米投資",
                 citations=[Citation("S2", 0, 5, JA)])
    ev = Event(id="e1", date="2025-11-23", ja="訪問する。", citations=[Citation("S2", 0, 5, JA)],
               phase="planned", date_note="23日 in an article of 2025-10-28")
    return Brief(title=title, date="2025-10-28", author="A. Analyst", office="Office",
                 sources=sources, bottom_line=items[:2],
                 sections=[Section("trade", "Trade", items=items)], figures=[fig],
                 timeline=[ev])


def _unspanned(html: str) -> str:
    """HTML without the spans that keep a number with its unit (to find a sentence in it)."""
    return re.sub(r'<span class="nw">([^<]*)</span>', r"\1", html)


def _render(fmt: str, brief: Brief) -> bytes:
    return WRITERS[fmt].render(brief, load_config(FIXTURES / "brief.toml"))


def test_a_new_format_is_one_module_and_one_registry_line(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """tests/toy_writer.py maps the Document's node types; one registry entry makes it a
    format the build writes, with the same parts and notes as the Markdown."""
    import toy_writer

    monkeypatch.setitem(WRITERS, "toy", Writer("toy", lambda: toy_writer, "plain text"))
    brief = _brief(points=3)
    write_outputs(brief, load_config(FIXTURES / "brief.toml"),
                  BuildOptions(sources=tmp_path, out=tmp_path, formats=("toy", "md")))
    toy = (tmp_path / "brief.toy").read_text(encoding="utf-8")
    md = (tmp_path / "brief.md").read_text(encoding="utf-8")
    assert toy.startswith(f"= {JA_TITLE}\n")
    for part in ("Bottom line", "Trade", "Key figures", "Timeline", "Sources"):
        assert f"== {part}" in toy and "## <a id=" in md
    assert len(re.findall(r"(?m)^\[\d+\] S", toy)) == len(re.findall(r"(?m)^\[\^\d+\]:", md))


def test_every_page_of_a_japanese_titled_pdf_draws_every_glyph() -> None:
    """The running head on pages after the first is the Japanese title, drawn (it was set
    in a Latin italic without those glyphs: only the digits reached the page)."""
    reader = PdfReader(io.BytesIO(_render("pdf", _brief())))
    assert len(reader.pages) >= 3
    for n, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        assert "[U+" not in text and "\ufffd" not in text, n
        if n > 1:
            assert JA_TITLE in text.replace("\n", ""), (n, text[:80])
    assert reader.metadata is not None and reader.metadata.title == JA_TITLE
    assert "Trade" in outline_titles(reader)


def test_only_web_and_mail_addresses_become_links() -> None:
    """A source URL of another scheme stays text in every format; an https one is a link
    in the PDF, the DOCX and the HTML alike."""
    bad = _brief(url="javascript:alert(1)", points=2)
    assert b"javascript:" not in _render("html", bad).split(b"<body>")[1].split(b"href")[0]
    assert 'href="javascript' not in _render("html", bad).decode()
    assert "](javascript" not in _render("md", bad).decode()
    good = _brief(points=2)
    reader = PdfReader(io.BytesIO(_render("pdf", good)))
    uris = {a.get_object()["/A"]["/URI"] for p in reader.pages for a in p.get("/Annots", [])
            if "/A" in a.get_object()}
    assert uris == {"https://example.com/a?x=1&y=2"}
    z = zipfile.ZipFile(io.BytesIO(_render("docx", good)))
    rels = z.read("word/_rels/document.xml.rels").decode()
    assert 'Target="https://example.com/a?x=1&amp;y=2" TargetMode="External"' in rels
    assert 'href="https://example.com/a?x=1&amp;y=2"' in _render("html", good).decode()


def test_languages_are_marked_where_the_text_is() -> None:
    html = _render("html", _brief(points=2)).decode()
    assert f'<title lang="ja">{JA_TITLE}</title>' in html
    assert f'<h1 id="top" lang="ja">{JA_TITLE}</h1>' in _unspanned(html)
    assert '<a class="skip" href="#main">' in html and '<main id="main">' in html
    assert "<th scope=\"col\"></th>" not in html  # every header cell says what it heads
    notes = html[html.index('<ol class="notes">'):]
    assert '<a href="#src-S1">S1</a>' in notes and 'lang="ja"><a href="#src' not in notes
    doc = zipfile.ZipFile(io.BytesIO(_render("docx", _brief(points=2)))).read(
        "word/document.xml").decode()
    assert doc.count('w:val="ja-JP"') >= 2


def test_sources_rows_name_the_site_and_notes_lead_to_them() -> None:
    """A source without a sidecar is named by its URL's host, never only by a file name;
    a note's S-numbers link to the Sources rows."""
    md = _render("md", _brief(points=2)).decode()
    row = next(line for line in md.splitlines() if '<a id="src-S1">' in line)
    assert "example.com, 28 October 2025" in row
    assert re.search(r"\[\^\d+\]: \[S1\]\(#src-S1\)", md)
    html = _render("html", _brief(points=2)).decode()
    assert '<tr id="src-S1">' in html and '<a href="#src-S1">S1</a>' in html


def test_words_and_numbers_read_as_a_reader_expects() -> None:
    """A human date and the author in the byline, one parenthesis for what a date is, a
    number kept with its unit, and keywords from the brief's own story."""
    brief = _brief(points=2)
    md = _render("md", brief).decode()
    assert "Office · A. Analyst · 28 October 2025 · 2 sources" in md
    assert "Nov 23, 2025 (planned; month inferred)" in md
    assert "¥84\u00a0trillion" in md and "¥84 trillion" not in md
    brief.sections[0].items[0].ja = "防衛費を２０２５年度に増やす。"  # one digit width
    md = _render("md", brief).decode()
    assert "2025年度" in md and "２" not in md
    core = zipfile.ZipFile(io.BytesIO(_render("docx", brief))).read("docProps/core.xml").decode()
    assert "Trade" in core and "US–Japan relations" not in core.split("<dc:subject>")[0]
    assert "lastPrinted" not in core


def test_docx_has_a_running_head_links_and_only_the_styles_it_uses() -> None:
    z = zipfile.ZipFile(io.BytesIO(_render("docx", _brief())))
    names = z.namelist()
    headers = "".join(z.read(n).decode() for n in names if n.startswith("word/header"))
    assert JA_TITLE in headers and 'w:val="ja-JP"' in headers
    footers = [z.read(n).decode() for n in names if n.startswith("word/footer")]
    assert len(footers) == 2 and all('w:instr="PAGE"' in f for f in footers)  # page 1 too
    styles = z.read("word/styles.xml").decode()
    assert len(re.findall(r"<w:style ", styles)) < 30 and "latentStyles" not in styles
    assert 'w:val="4F81BD"' not in styles  # the template's 4.03:1 blue headings
    assert not [n for n in names if n.startswith("customXml") or "stylesWithEffects" in n]
    doc = z.read("word/document.xml").decode()
    notes = z.read("word/footnotes.xml").decode()
    # S-numbers in notes lead to the Sources rows' bookmarks, Bottom line points to theirs
    assert notes.count('<w:hyperlink w:anchor="b_src_S1"') >= 40
    assert re.search(r'<w:bookmarkStart w:id="\d+" w:name="b_src_S1"/>', doc)
    body = doc[:doc.index("Coverage</w:t>")]  # the coverage matrix links every point
    assert body.count('w:anchor="b_sec_bottom_line_') == 2  # its two points point up to them


def test_a_differing_report_is_quoted_around_the_number_that_differs() -> None:
    """A long sentence another source words with another number is cut to the clause that
    says it; the whole sentence stays in the note's data (and in brief.json)."""
    from brief.render.document import runs_text
    from brief.render.document_builder import build

    long_other = "防衛省によると、" + "太平洋の公海上空で警戒監視の任務を続けていた" * 3 + \
        "哨戒機に約45分間接近した。" + "同省は中国側に懸念を伝えた" * 3 + "。"
    brief = _brief(points=1)
    item = brief.sections[0].items[0]
    item.citations = [Citation("S1", 0, 5, item.ja), Citation("S2", 0, 5, long_other)]
    [note] = [n for n in build(brief).notes if "S2" in n.cites and n.quotes]
    text = runs_text(note.runs)
    assert "約45分間" in text and "…" in text and len(text) < len(long_other)
    assert note.quotes[0].ja == long_other


def test_a_disputed_point_says_so_and_leads_to_both_sides() -> None:
    from brief.model import Claim, Conflict

    brief = _brief(points=3)
    point = brief.sections[0].items[1]
    point.dispute = "conflict-1"
    brief.conflicts = [Conflict("conflict-1", "whether the documents were signed", [
        Claim("signed", "文書に署名した。", [Citation("S1", 0, 5, JA)]),
        Claim("not produced", "共同文書は作成しなかった。", [Citation("S2", 0, 5, JA)])],
        kind="statement", note="Both can be true: they are different documents")]
    md = _render("md", brief).decode()
    line = next(ln for ln in md.splitlines() if point.ja in ln)
    assert "disputed: see [Sources differ 1](#differ-conflict-1)" in line
    assert '<a id="differ-conflict-1"></a>1. whether the documents were signed' in md
    assert "Both can be true: they are different documents." in md
    html = _render("html", brief).decode()
    assert 'href="#differ-conflict-1"' in html and 'id="differ-conflict-1"' in html
    doc = zipfile.ZipFile(io.BytesIO(_render("docx", brief))).read("word/document.xml").decode()
    assert 'w:anchor="b_differ_conflict_1"' in doc and 'w:name="b_differ_conflict_1"' in doc
    pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(_render("pdf", brief))).pages)
    assert "disputed: see Sources differ 1" in " ".join(pdf.split())
    others = [ln for ln in md.splitlines() if "（第0項）" in ln or "（第2項）" in ln]
    assert others and not any("disputed" in ln for ln in others)  # only the disputed one


def test_the_html_never_breaks_a_number_from_its_unit() -> None:
    html = _render("html", _brief(points=2)).decode()
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html)
    assert h1 and '<span class="nw">2025年10月28日</span>' in h1.group(1)
    assert ".nw{white-space:nowrap}" in html
    title = re.search(r"<title[^>]*>(.*?)</title>", html)
    assert title and "<span" not in title.group(1)  # the tab's title is text only


def test_the_glyph_check_reads_the_pdf_itself_and_finds_tofu() -> None:
    """tests/pdf_glyphs.py looks up every code each page shows in its embedded font: the
    issue's running head (Japanese set in a Latin italic) is 8 missing glyphs there, and the
    brief's PDF, a Japanese title in every running head, has none on any page."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    from brief.render.pdf.fonts import register
    from pdf_glyphs import check

    register()
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont(pdfmetrics.getFont("BriefLatin-Italic").fontName, 10)
    c.drawString(50, 800, "日本と米国 2025年10月27日")
    c.showPage()
    c.save()
    assert len(check(buf.getvalue()).missing) == 8
    report = check(_render("pdf", _brief()))
    assert report.pages >= 3 and report.codes > 3000
    assert report.missing == [] and report.bad_strings == []


def test_every_page_of_the_seeds_pdf_has_every_glyph(built_brief: Path) -> None:
    from pdf_glyphs import check

    report = check(built_brief / "brief.pdf")
    assert report.codes > 3000 and report.missing == [] and report.bad_strings == []


def _office_template(path: Path) -> Path:
    """An office's .docx: Letter paper, dark-red Liberation Sans headings, its own body
    text and header, and no 'List Number' style (the brief must add the one it needs)."""
    from docx import Document as Docx
    from docx.shared import Inches, Pt, RGBColor

    d = Docx()
    d.add_paragraph("OFFICE TEMPLATE BODY")
    d.sections[0].header.paragraphs[0].text = "OFFICE TEMPLATE HEADER"
    d.sections[0].page_width, d.sections[0].page_height = Inches(8.5), Inches(11)
    h1 = d.styles["Heading 1"]
    h1.font.name, h1.font.size, h1.font.color.rgb = "Liberation Sans", Pt(17), RGBColor(0x80, 0, 0)
    gone = d.styles["List Number"].element
    gone.getparent().remove(gone)
    d.save(str(path))
    return path


def test_a_reference_docx_gives_the_brief_its_styles_and_page(tmp_path: Path) -> None:
    """--reference-doc, as Pandoc's: the DOCX takes the office's heading style and paper,
    none of the template's own text, and still numbers its points (a list style the
    template lacks is added with its numbering); the brief's header and links stay."""
    from docx import Document as Docx
    from docx.shared import Inches

    template = _office_template(tmp_path / "office.docx")
    r = CliRunner().invoke(main, ["build", "--no-translate", "--format", "docx",
                                  "--reference-doc", str(template), "--sources",
                                  str(FIXTURES / "seeds"), "--glossary",
                                  str(FIXTURES / "glossary"), "--config",
                                  str(FIXTURES / "brief.toml"), "--out", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    z = zipfile.ZipFile(tmp_path / "out" / "brief.docx")
    xml = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
    assert "OFFICE TEMPLATE" not in xml
    d = Docx(str(tmp_path / "out" / "brief.docx"))
    h1 = d.styles["Heading 1"].font
    assert (h1.name, str(h1.color.rgb)) == ("Liberation Sans", "800000")
    assert d.sections[0].page_width == Inches(8.5)
    style = d.styles["List Number"]
    points = [p for p in d.paragraphs if p.style is not None and p.style.name == style.name]
    assert len(points) >= 10 and style.element.pPr.numPr is not None
    num_id = int(style.element.pPr.numPr.numId.val)
    d.part.numbering_part.element.num_having_numId(num_id)  # defined: Word numbers them
    header = d.sections[0].header.paragraphs[0].text
    assert header == d.core_properties.title and "Bottom line" in [p.text for p in d.paragraphs]


def test_a_reference_doc_that_is_no_docx_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "office.docx"
    bad.write_text("not a zip", encoding="utf-8")
    (tmp_path / "brief.toml").write_text(
        (FIXTURES / "brief.toml").read_text(encoding="utf-8").replace(
            "[output]\n", '[output]\nreference_doc = "office.docx"\n'), encoding="utf-8")
    r = CliRunner().invoke(main, ["build", "--no-translate", "--format", "docx", "--sources",
                                  str(FIXTURES / "seeds"), "--glossary",
                                  str(FIXTURES / "glossary"), "--config",
                                  str(tmp_path / "brief.toml"), "--out", str(tmp_path / "out")])
    assert r.exit_code != 0
    [line] = [x for x in r.output.splitlines() if x.strip()]
    assert str(bad) in line and "reference document" in line
    assert not (tmp_path / "out" / "brief.docx").exists()


def _figure(n: int, sources: int) -> Figure:
    return Figure(id=f"f{n}", kind="money", quantity=f"¥{n + 1} trillion", ja=f"予算{n + 1}兆円",
                  citations=[Citation(f"S{s + 1}", 0, 5, JA) for s in range(sources)])


def test_the_body_shows_eight_key_figures_and_the_rest_follow_the_timeline() -> None:
    """Key figures in the body: 8, those two sources report first; the others once, in
    'Other figures' after the Timeline, which the body's table leads to; key_figures = 0
    keeps them all in the body."""
    from brief.render.document_builder import build as build_document

    brief = _brief(points=2)
    brief.figures = [_figure(n, 2 if n in (9, 11) else 1) for n in range(12)]
    md = _render("md", brief).decode()
    body, rest = md.split("## <a id=\"timeline\"")
    key = body.split('## <a id="figures"')[1]
    assert key.count("trillion |") == 8 and "¥10\u00a0trillion" in key and "¥12\u00a0trillion" in key
    assert "4 more figures: see [Other figures](#more-figures)" in key
    others = rest.split('## <a id="more-figures"')[1].split("## ")[0]
    assert others.count("trillion |") == 4 and "¥10\u00a0trillion" not in others
    doc = build_document(brief, figures=0)
    assert not any(getattr(b, "anchor", "") == "more-figures" for b in doc.blocks)


def test_the_key_figures_table_shows_a_value_once_while_others_wait() -> None:
    """Two sentences giving 'about 45 metres' are two figures; the body's table shows the
    value once and a new number instead of the repeat, which follows the Timeline."""
    brief = _brief(points=2)
    brief.figures = [_figure(n, 1) for n in range(10)]
    brief.figures[3].quantity = brief.figures[1].quantity  # '¥2 trillion' again
    md = _render("md", brief).decode()
    body, rest = md.split("## <a id=\"timeline\"")
    key = body.split('## <a id="figures"')[1]
    assert key.count("¥2\u00a0trillion |") == 1 and "¥9\u00a0trillion" in key, key
    others = rest.split('## <a id="more-figures"')[1].split("## ")[0]
    assert others.count("¥2\u00a0trillion |") == 1 and "¥10\u00a0trillion" in others


def _conflict(n: int, outlets: int) -> Conflict:
    sides = [Claim(value=f"{n}{side} ships", ja=f"艦艇{n}{side}隻が航行した。",
                   citations=[Citation(f"S{o + 1}", 0, 5, JA) for o in range(outlets)])
             for side in (1, 2)]
    return Conflict(id=f"conflict-{n}", topic=f"Question {n}", claims=sides)


def test_the_body_shows_four_sources_differ_entries_and_the_rest_follow_the_timeline() -> None:
    """Sources differ in the body: 4 entries, the one a Bottom line point disputes first,
    then those more outlets take sides in; the others once, numbered on, in 'More
    disagreements' after the Timeline; a point's 'disputed: see Sources differ N' names the
    number its entry is printed under; body_conflicts = 0 keeps them all in the body."""
    from brief.render.document_builder import build as build_document

    brief = _brief(points=2)
    brief.sources.append(Source(id="S3", path="c.txt", title="三つ目", text=JA, outlet="NHK"))
    brief.conflicts = [_conflict(n, 1 if n in (2, 5, 6) else 3) for n in range(1, 8)]
    brief.bottom_line[0].dispute = "conflict-6"  # one outlet, but the Bottom line's
    md = _render("md", brief).decode()
    body, rest = md.split("## <a id=\"timeline\"")
    differ = body.split('## <a id="conflicts"')[1]
    assert re.findall(r"### .*?(\d)\. Question (\d)", differ) == [
        ("1", "1"), ("2", "3"), ("3", "4"), ("4", "6")]
    assert "3 more entries (5–7): see [More disagreements](#more-conflicts)" in differ
    more = rest.split('## <a id="more-conflicts"')[1].split("\n## ")[0]
    assert re.findall(r"### .*?(\d)\. Question (\d)", more) == [
        ("5", "2"), ("6", "5"), ("7", "7")]
    bottom = body.split('## <a id="bottom-line"')[1].split("\n## ")[0]
    assert "disputed: see [Sources differ 4](#differ-conflict-6)" in bottom
    doc = build_document(brief, conflicts=0)
    assert not any(getattr(b, "anchor", "") == "more-conflicts" for b in doc.blocks)


def test_points_only_a_low_reliability_source_makes_follow_the_timeline() -> None:
    """A section's points that one forum alone makes wait after the Timeline in
    'Single-source reports', numbered on from the section's points in the body (links,
    Sources differ's 'as Trade, point 4 says' and the coverage rows use those numbers); a
    section whose own points are all such reports keeps them in its body."""
    brief = _brief(points=4)
    brief.sources.append(Source(id="S3", path="f.txt", title="掲示板", text=JA,
                                kind="forum", reliability="low"))
    forum = [Item(id=f"f{n}", section=sec, ja=f"掲示板の書き込み{n}。",
                  citations=[Citation("S3", 0, 5, "掲示板")]) for n, sec in
             ((1, "trade"), (2, "trade"), (3, "optics"))]
    trade = brief.sections[0]
    trade.items = [trade.items[2], forum[0], trade.items[3], forum[1]]
    brief.sections.append(Section("optics", "Optics", items=[forum[2]]))
    brief.conflicts = [Conflict("conflict-1", "Question", [
        Claim("a", "掲示板の書き込み2。", [Citation("S3", 0, 5, "掲示板")]),
        Claim("b", "別の書き込み。", [Citation("S2", 0, 5, JA)])])]
    md = _render("md", brief).decode()
    body, rest = md.split("## <a id=\"timeline\"")
    trade_body = body.split('## <a id="sec-trade"')[1].split("\n## ")[0]
    assert "掲示板の書き込み1" not in trade_body and "（第3項）" in trade_body
    assert "掲示板の書き込み3" in body.split('## <a id="sec-optics"')[1]  # its only point
    single = rest.split('## <a id="unconfirmed"')[1].split("\n## ")[0]
    assert re.search(r'3\. <a id="sec-trade-3"></a>掲示板の書き込み1.*\n4\. '
                     r'<a id="sec-trade-4"></a>掲示板の書き込み2', single), single
    assert "掲示板の書き込み3" not in single
    assert "as [Trade, point 4](#sec-trade-4) says" in body  # the side it prints
    html = _render("html", brief).decode()
    assert '<ol class="points" start="3">' in html
    numbering = zipfile.ZipFile(io.BytesIO(_render("docx", brief))).read("word/numbering.xml")
    assert b'<w:startOverride w:val="3"/>' in numbering


def test_an_english_heading_naming_a_japanese_word_is_english() -> None:
    """A Sources differ topic such as 'lengths for the same measure (会談)' is an English
    heading (the Latin face, lang="en"); a Japanese one stays Japanese."""
    from brief.render.document import Heading
    from brief.render.document_builder import build as build_document

    brief = _brief(points=2)
    brief.conflicts = [_conflict(1, 1), _conflict(2, 1)]
    brief.conflicts[0].topic = "Sources give different lengths for the same measure (会談)"
    brief.conflicts[1].topic = "会談の長さ"
    heads = {b.text: b.lang for b in build_document(brief).blocks if isinstance(b, Heading)}
    assert heads["1. Sources give different lengths for the same measure (会談)"] == "en"
    assert heads["2. 会談の長さ"] == "ja"


def test_the_seeds_body_fits_three_pages(tmp_path: Path) -> None:
    """Title to the end of Sources differ in at most 3 A4 pages (#23), with the brief.toml
    `brief init` ships: the Timeline starts on page 3 at the latest, or at the top of
    page 4, and the figures left out of the body are in the PDF after it."""
    from brief.pipeline import build

    config = ROOT / "src" / "brief" / "project" / "brief.toml"  # what `brief init` writes
    build(BuildOptions(sources=FIXTURES / "seeds", glossary=FIXTURES / "glossary",
                       out=tmp_path / "out", config=config, translate=False, formats=("pdf",)))
    pages = [p.extract_text() for p in PdfReader(tmp_path / "out" / "brief.pdf").pages]
    starts = [n for n, t in enumerate(pages, 1) if "\nTimeline\n" in f"\n{t}\n"]
    assert starts and (starts[0] <= 3 or starts[0] == 4 and pages[3].startswith("Timeline\n")), \
        (starts, pages[3][:80])
    assert any("\nOther figures\n" in f"\n{t}\n" for t in pages[starts[0] - 1:])
