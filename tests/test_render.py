"""DOCX and PDF renderers: parse the produced files and check what a reader relies on."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from brief.config import load_config
from brief.options import BuildOptions
from brief.pipeline import build
from brief.render import WRITERS
from conftest import FIXTURES, outline_pages, outline_titles, pdf_dict, pdf_meta

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="session")  # per worker: this module's tests may run on both
def built(built_brief: Path) -> Path:
    return built_brief  # conftest.py: one build of the fixtures, shared by the session


def test_docx_has_real_footnotes_numbered_in_order(built: Path) -> None:
    import xml.etree.ElementTree as ET

    z = zipfile.ZipFile(built / "brief.docx")
    rels = z.read("word/_rels/document.xml.rels").decode()
    assert "relationships/footnotes" in rels and 'Target="footnotes.xml"' in rels
    assert "wordprocessingml.footnotes+xml" in z.read("[Content_Types].xml").decode()
    notes = ET.fromstring(z.read("word/footnotes.xml"))
    types = [n.get(W + "type") for n in notes.findall(W + "footnote")]
    assert types[:2] == ["separator", "continuationSeparator"]
    doc = ET.fromstring(z.read("word/document.xml"))
    refs = [int(r.get(W + "id", "")) for r in doc.iter(W + "footnoteReference")]
    assert refs == list(range(1, len(refs) + 1)) and len(refs) >= 12
    real = {int(n.get(W + "id", "")): "".join(t.text or "" for t in n.iter(W + "t"))
            for n in notes.findall(W + "footnote") if n.get(W + "type") is None}
    assert set(real) == set(refs)
    # each note cites its sources by S-number (a verdict's note: each side's sources), or
    # says why a source was judged as it was
    assert all(re.match(r"S\d+\b", text.strip())
               or text.strip().startswith(("“", "Type and reliability"))
               for text in real.values())
    for p in doc.iter(W + "p"):  # several notes on one point read 1,2,3 (not 123)
        runs = list(p.iter(W + "r"))
        for a, b in zip(runs, runs[1:], strict=False):
            assert not (a.find(W + "footnoteReference") is not None
                        and b.find(W + "footnoteReference") is not None)
    assert "".join(t.text or "" for t in doc.iter(W + "t")).count(",") >= 10
    styles = z.read("word/styles.xml").decode()
    assert 'w:styleId="FootnoteText"' in styles and 'w:styleId="FootnoteReference"' in styles
    assert "w:eastAsia=" in styles


def test_docx_headings_properties_and_page_numbers(built: Path) -> None:
    z = zipfile.ZipFile(built / "brief.docx")
    doc = z.read("word/document.xml").decode()
    cfg = load_config(FIXTURES / "brief.toml")
    for s in cfg.sections:
        assert re.search(rf'<w:pStyle w:val="Heading1"/>.*?<w:t>{s.title}</w:t>', doc)
    core = z.read("docProps/core.xml").decode()
    assert f"<dc:title>{cfg.title}</dc:title>" in core
    assert "2025-10-28T00:00:00Z" in core
    footer = "".join(z.read(n).decode() for n in z.namelist() if "footer" in n)
    assert 'w:instr="PAGE"' in footer


def test_pdf_notes_sit_on_the_page_of_their_reference(built: Path) -> None:
    reader = PdfReader(str(built / "brief.pdf"))
    links = 0  # note marks: links to a note on their own page (S-numbers lead to Sources)
    for i, page in enumerate(reader.pages):
        text = page.extract_text()
        before = links
        bottom = max(float(a.get_object()["/Rect"][1]) for a in page.get("/Annots", [])) \
            if page.get("/Annots") else 0
        for annot in page.get("/Annots", []):
            a = annot.get_object()
            if a.get("/Subtype") != "/Link" or "/Dest" not in a:
                continue
            target_page = reader.get_page_number(a["/Dest"][0].get_object())
            if target_page != i or float(a["/Dest"][3]) > page.mediabox.height / 2:
                continue  # a link to a Sources row or a section point
            links += 1
            assert float(a["/Dest"][3]) < bottom, "the note is not below its reference"
        # the notes' numbers start the lines at the page bottom (a page whose links all lead
        # elsewhere, such as the coverage table's to the points, has none)
        assert links == before or re.search(r"(?m)^\d{1,3} ", text)
    assert links >= 12


def test_pdf_fonts_embedded_outline_and_metadata(built: Path) -> None:
    reader = PdfReader(str(built / "brief.pdf"))
    meta = pdf_meta(reader)
    assert meta.title == load_config(FIXTURES / "brief.toml").title
    assert meta.author and meta.subject and meta.get("/Keywords")
    assert str(meta.get("/CreationDate")).startswith("D:20251028")
    titles = outline_titles(reader)
    assert titles[:5] == ["Bottom line", "Security", "Economic security", "Trade", "Optics"]
    for page in reader.pages:
        for ref in pdf_dict(pdf_dict(page["/Resources"])["/Font"]).values():
            font = ref.get_object()
            descs = [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]
            assert any("/FontFile2" in (d.get("/FontDescriptor") or {}) for d in descs), font
    assert (built / "brief.pdf").stat().st_size < 500 * 1024


def test_outputs_are_deterministic(built: Path, tmp_path: Path) -> None:
    build(BuildOptions(sources=FIXTURES / "seeds", glossary=FIXTURES / "glossary", out=tmp_path,
                       config=FIXTURES / "brief.toml", translate=False))
    for name in ("brief.docx", "brief.pdf", "brief.json", "brief.md", "brief.html"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


def test_failed_render_leaves_the_old_file(built: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import shutil

    import brief.render.pdf.writer as pdf

    shutil.copy(built / "brief.pdf", tmp_path / "brief.pdf")
    before = (tmp_path / "brief.pdf").read_bytes()

    def boom(*a, **k):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("disk full")

    monkeypatch.setattr(pdf, "render", boom)
    with pytest.raises(RuntimeError):
        build(BuildOptions(sources=FIXTURES / "seeds", glossary=FIXTURES / "glossary", out=tmp_path,
                           config=FIXTURES / "brief.toml", translate=False))
    assert (tmp_path / "brief.pdf").read_bytes() == before
    assert not list(tmp_path.glob(".brief.pdf.*"))


def test_extras_appear_in_both_formats_with_footnotes(built: Path) -> None:
    import xml.etree.ElementTree as ET

    doc = ET.fromstring(zipfile.ZipFile(built / "brief.docx").read("word/document.xml"))
    heads = ["".join(t.text or "" for t in p.iter(W + "t")) for p in doc.iter(W + "p")
             if (s := p.find(f"{W}pPr/{W}pStyle")) is not None and s.get(W + "val") == "Heading1"]
    for name in ("Key figures", "Sources differ", "Timeline", "Sources"):
        assert name in heads
    cells = [c for c in doc.iter(W + "tc")]
    cited = [c for c in cells if c.find(f".//{W}footnoteReference") is not None]
    assert len(cited) >= 20  # figure and timeline rows carry their footnotes in the cell
    body = "".join(t.text or "" for t in doc.iter(W + "t")).replace("\u00a0", " ")
    for text in ("$550 billion (about ¥84 trillion)", "¥112 billion", "about 90%", "¥211 billion",
                 "about 70%", "60%", "not produced", "Oct 25, 2025", "Oct 10, 2025",
                 "reliability low", "single low-reliability source"):
        assert text in body, text
    pdf = "".join(page.extract_text() for page in PdfReader(str(built / "brief.pdf")).pages)
    pdf = pdf.replace("\u00a0", " ")
    for text in ("Key figures", "Sources differ", "Timeline", "$550 billion", "not produced",
                 "Oct 25, 2025"):
        assert text in pdf, text
    # the digest of Oct 27 cannot report a visit done on Nov 23: no such timeline row
    assert "Nov 23, 2025" not in body
    titles = outline_titles(PdfReader(str(built / "brief.pdf")))
    assert {"Key figures", "Sources differ", "Timeline"} <= set(titles)



def test_pdf_notes_longer_than_pages_all_reach_the_reader() -> None:
    """A flowable with 400 notes at the end: they fill pages, none is lost."""
    import io

    from reportlab.platypus import Paragraph

    from brief.render.pdf import writer as pdf_writer
    from brief.render.pdf.fonts import markup as fonts_markup
    from brief.render.pdf.fonts import register
    from brief.render.pdf.notes import FlushNotes, NotedParagraph

    long_ja = "日米両政府は重要鉱物の供給網強化で協力することを確認した。" * 4
    fonts = register()
    st = pdf_writer._styles(fonts)
    buf = io.BytesIO()
    doc = pdf_writer.BriefDoc(buf, fonts, st)
    notes = [Paragraph(f"{i + 1} " + fonts_markup(f"{i}番目：{long_ja}", fonts), st["note"])
             for i in range(400)]
    doc.build([NotedParagraph(Paragraph("x", st["point"]), notes, doc), FlushNotes(doc)])
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    assert len(reader.pages) >= 8
    text = "".join(p.extract_text() for p in reader.pages)
    for i in range(400):
        assert f"{i}番目" in text, f"note {i + 1} is missing"


def test_pdf_a_note_taller_than_a_page_and_a_tall_row_after_it_are_laid_out() -> None:
    """One note three pages long (a point hundreds of sources report) continues from page to
    page, and a point nearly a page tall that follows is placed before the rest of it."""
    import io

    from brief.render.pdf import writer as pdf_writer
    from brief.render.pdf.fonts import markup as fonts_markup
    from brief.render.pdf.fonts import register
    from brief.render.pdf.kinsoku import Para
    from brief.render.pdf.notes import FlushNotes, NotedParagraph

    fonts = register()
    st = pdf_writer._styles(fonts)
    buf = io.BytesIO()
    doc = pdf_writer.BriefDoc(buf, fonts, st)
    huge = "; ".join(f"S{i}: 「第{i}の報道は防衛費を増額すると伝えた。」" for i in range(1, 400))
    tall = " ".join(f"word{i}" for i in range(340))  # about 600 points of body text
    doc.build([NotedParagraph(Para("first point", st["point"]),
                              [Para("1 " + fonts_markup(huge, fonts), st["note"])], doc),
               NotedParagraph(Para(tall, st["point"]),
                              [Para("2 the tall point's note", st["note"])], doc),
               FlushNotes(doc)])
    pages = [p.extract_text().replace("\n", "").replace(" ", "")
             for p in PdfReader(io.BytesIO(buf.getvalue())).pages]

    def page_of(text: str) -> int:
        return next(n for n, page in enumerate(pages) if text in page)

    # the note runs on over pages (not drawn past the page's top), the tall point in between
    assert page_of("第1の報道") < page_of("第200の報道") < page_of("第399の報道")
    assert page_of("word0") == page_of("word339") and "thetallpoint'snote" in "".join(pages)


def test_pdf_a_text_taller_than_a_page_continues_on_the_next_with_its_notes() -> None:
    """A point whose own text is three pages long (a conflict's verdict naming hundreds of
    outlets) is split between lines instead of stopping the build; its note sits on the page
    of its last line, where the mark is."""
    import io

    from brief.render.pdf import writer as pdf_writer
    from brief.render.pdf.fonts import register
    from brief.render.pdf.kinsoku import Para
    from brief.render.pdf.notes import FlushNotes, NotedParagraph

    fonts = register()
    st = pdf_writer._styles(fonts)
    buf = io.BytesIO()
    doc = pdf_writer.BriefDoc(buf, fonts, st)
    tall = " ".join(f"word{i}" for i in range(1500))  # about three pages of body text
    doc.build([NotedParagraph(Para("first point", st["point"]), [], doc),
               NotedParagraph(Para(tall + "<super>1</super>", st["point"], bulletText="1."),
                              [Para("1 the tall point's note", st["note"])], doc),
               NotedParagraph(Para("last point", st["point"]), [], doc),
               FlushNotes(doc)])
    pages = [p.extract_text().replace("\n", " ")
             for p in PdfReader(io.BytesIO(buf.getvalue())).pages]
    text = " ".join(pages)
    assert all(f"word{i} " in text for i in range(0, 1500, 37)) and "last point" in text
    last = next(n for n, page in enumerate(pages) if "word1499" in page)
    assert len(pages) >= 3 and "tall point's note" in pages[last]
    assert "word0 " in pages[0]  # the text starts under the first point, not a page later


def test_a_point_many_sources_report_has_one_note_keyed_to_the_sources_table() -> None:
    """400 sources report one point: one note names them by S-number, with the wording
    source's Japanese and only the Japanese that says something else (another number)."""
    import io

    from brief.model import Brief, Citation, Item, Section, Source

    ja = "日米両政府は重要鉱物の供給網強化で協力することを確認した。"
    sources = [Source(id=f"S{i}", path=f"{i}.txt", title=f"記事{i}", text=ja, outlet=f"O{i}",
                      published="2025-10-28") for i in range(1, 401)]
    cites = [Citation(f"S{i}", 0, len(ja), ja) for i in range(1, 401)]
    cites[7] = Citation("S8", 0, 10, "日米は重要鉱物で3件の協力文書に署名した。")
    item = Item(id="i1", section="trade", ja=ja, citations=cites)
    brief = Brief(title="T", date="2025-10-28", author="", office="O", sources=sources,
                  bottom_line=[], sections=[Section("trade", "Trade", items=[item])])
    reader = PdfReader(io.BytesIO(WRITERS["pdf"].render(brief, load_config(FIXTURES / "brief.toml"))))
    raw = "".join(p.extract_text() for p in reader.pages)
    text, words = raw.replace("\n", ""), re.sub(r"\s+", " ", raw)
    assert "S1 O1; S2; S3;" in words and "S399; S400." in words
    # the point's Japanese once (its note does not repeat it), the other number quoted
    assert text.count(ja) == 1 and "S8: 「日米は重要鉱物で3件" in text
    assert "reported by 400 of 400 sources" in words


def test_a_note_quotes_three_differing_reports_and_counts_the_rest() -> None:
    """Reports of one point that give other figures are quoted up to three; the rest are
    counted, so a point 100 outlets word differently keeps a readable note."""
    from brief.model import Brief, Citation, Item, Section, Source
    from brief.render.common import MAX_QUOTES
    from brief.render.document import runs_text
    from brief.render.document_builder import build as build_document

    ja = "日米両政府は重要鉱物の供給網強化で協力することを確認した。"
    others = [f"日米は重要鉱物で{n}件の協力文書に署名した。" for n in range(1, 11)]
    sources = [Source(id=f"S{i}", path=f"{i}.txt", title="記事", text="", published="2025-10-28")
               for i in range(1, 12)]
    cites = [Citation("S1", 0, 1, ja)] + [Citation(f"S{i + 2}", 0, 1, t)
                                          for i, t in enumerate(others)]
    item = Item(id="i1", section="trade", ja=ja, citations=cites)
    brief = Brief(title="T", date="2025-10-28", author="", office="O", sources=sources,
                  bottom_line=[], sections=[Section("trade", "Trade", items=[item])])
    [note] = build_document(brief).notes
    text = runs_text(note.runs)
    # an untranslated point: its own Japanese is not repeated, the differing ones quoted
    assert len(note.quotes) == MAX_QUOTES == 3 and "S2: 「日米は重要鉱物で1件" in text
    assert [q.source_id for q in note.quotes] == ["S2", "S3", "S4"]
    assert text.endswith("7 other reports give other figures.") and "json" not in text
    assert "S11" in text and len(note.cites) == 11  # still cited by S-number


def test_a_note_does_not_quote_a_report_that_differs_only_in_its_dateline() -> None:
    """Another source's sentence is quoted when it gives another figure, not when it only
    adds when it was written (a page's dateline, an era year, the hour of a statement)."""
    from brief.model import Brief, Citation, Item, Section, Source
    from brief.render.document import runs_text
    from brief.render.document_builder import build as build_document

    ja = "中国海軍の空母2隻が太平洋で同時に活動した。"
    others = ["25年6月12日 防衛省は11日、中国海軍の空母2隻が太平洋で同時に活動したと発表した。",
              "防衛省は令和7(2025)年6月11日(水)23時30分、空母2隻の活動を公表した。",
              "中国海軍の空母2隻と艦艇5隻が太平洋で活動した。"]
    sources = [Source(id=f"S{i}", path=f"{i}.txt", title="記事", text="", published="2025-06-12")
               for i in range(1, 5)]
    cites = [Citation("S1", 0, 1, ja)] + [Citation(f"S{i + 2}", 0, 1, t)
                                          for i, t in enumerate(others)]
    item = Item(id="i1", section="security", ja=ja, citations=cites)
    brief = Brief(title="T", date="2025-06-12", author="", office="O", sources=sources,
                  bottom_line=[], sections=[Section("security", "Security", items=[item])])
    [note] = build_document(brief).notes
    text = runs_text(note.runs)
    assert [q.source_id for q in note.quotes] == ["S4"] and "艦艇5隻" in text
    assert "令和" not in text and "23時30分" not in text and len(note.cites) == 4


def test_long_source_ids_stay_on_one_line_in_the_pdf_sources_table() -> None:
    """S1000 and up fit their column: a 2,000-source list wrapped each id over three lines."""
    import io

    from brief.model import Brief, Citation, Item, Section, Source

    ja = "日米両政府は重要鉱物の供給網強化で協力することを確認した。"
    sources = [Source(id=f"S{i}", path=f"{i}.txt", title=f"記事{i}", text=ja,
                      published="2025-10-28") for i in range(1998, 2002)]
    item = Item(id="i1", section="trade", ja=ja,
                citations=[Citation(s.id, 0, len(ja), ja) for s in sources])
    brief = Brief(title="T", date="2025-10-28", author="", office="O", sources=sources,
                  bottom_line=[], sections=[Section("trade", "Trade", items=[item])])
    reader = PdfReader(io.BytesIO(WRITERS["pdf"].render(brief, load_config(FIXTURES / "brief.toml"))))
    table = reader.pages[-1].extract_text()
    assert all(re.search(rf"(^|\s){s.id}(\s|$)", table) for s in sources), table


def test_japanese_only_brief_still_lists_the_glossary_terms_it_uses(built: Path) -> None:
    """A review build (--no-translate) shows how its terms will be rendered."""
    doc = zipfile.ZipFile(built / "brief.docx").read("word/document.xml").decode()
    assert "<w:t>Glossary</w:t>" in doc and "Akasaka Palace" in doc and "迎賓館" in doc
    pdf = "".join(p.extract_text() for p in PdfReader(str(built / "brief.pdf")).pages)
    assert "Glossary" in pdf and "Sanae Takaichi" in pdf


@pytest.mark.slow  # two whole builds in subprocesses: ~9 s
def test_outputs_do_not_depend_on_hash_order(project: Path) -> None:
    """Two processes with different string-hash seeds write byte-identical files."""
    import os
    import subprocess
    import sys

    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "brief", "build", "--no-translate", "--out",
                        f"out{seed}"], cwd=project, env=env, check=True, capture_output=True)
    for name in ("brief.docx", "brief.pdf", "brief.json", "brief.md", "brief.html"):
        assert (project / "out1" / name).read_bytes() == (project / "out2" / name).read_bytes()


def test_counts_read_as_english() -> None:
    from brief.model import Brief, Citation, Item, Section, Source
    from brief.render.common import contributions, corroboration
    from brief.render.document_builder import byline as title_line

    src = Source(id="S1", path="a.txt", title="t", text="x")
    item = Item(id="i", section="trade", ja="x", citations=[Citation("S1", 0, 1, "x")])
    brief = Brief(title="T", date="2025-10-28", author="A", office="O", sources=[src],
                  bottom_line=[], sections=[Section("trade", "Trade", items=[item])])
    assert contributions(brief, src) == "1 point, 0 figures, 0 events"
    assert corroboration(brief, item) == ""  # one source: the note names it, no count
    src.reliability, src.kind = "low", "blog"
    assert corroboration(brief, item) == "single low-reliability source: S1, blog"
    brief = Brief(title="T", date="2025-10-28", author="A", office="O",
                  sources=[src, Source(id="S2", path="b.txt", title="u", text="x", outlet="N")],
                  bottom_line=[], sections=[Section("trade", "Trade", items=[item])])
    item.citations.append(Citation("S2", 0, 1, "x"))
    assert corroboration(brief, item) == "reported by 2 of 2 sources"
    assert title_line(brief) == "O · A · 28 October 2025 · 2 sources"
    brief.author = ""  # no author set: no empty slot in the byline
    assert title_line(brief) == "O · 28 October 2025 · 2 sources"


def test_pdf_section_headings_stay_with_their_first_point(built: Path) -> None:
    """A heading (and its description) never ends a page whose first point moved on."""
    reader = PdfReader(str(built / "brief.pdf"))
    sections = {"Bottom line", "Security", "Economic security", "Trade", "Optics"}
    for title, at in outline_pages(reader):
        if title not in sections:
            continue
        text = reader.pages[at].extract_text()
        after = text[text.index(title):]
        assert re.search(r"\n1\. \S", after), f"{title} is alone at the foot of its page"


def test_pdf_pages_say_x_of_y_under_a_running_head_and_open_with_the_title(built: Path) -> None:
    reader = PdfReader(str(built / "brief.pdf"))
    root = reader.root_object
    # an untranslated brief is in Japanese, and says so
    assert str(root["/Lang"]) == "ja" and pdf_dict(root["/ViewerPreferences"])["/DisplayDocTitle"]
    title = load_config(FIXTURES / "brief.toml").title
    n = len(reader.pages)
    for i, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        assert re.search(rf"Page {i} of\s*{n}\b", text), text[-40:]
        assert (text.count(title) >= 1) if i > 1 else True  # the running head, from page 2
    xmp = reader.xmp_metadata  # XMP matching the document info, dated by the build
    assert xmp is not None and xmp.dc_title is not None and xmp.xmp_create_date is not None
    assert xmp.dc_title["x-default"] == title and xmp.dc_language == ["ja"]
    assert xmp.xmp_create_date.isoformat().startswith("2025-10-28")


def test_pdf_source_urls_are_clickable() -> None:
    import io

    from brief.model import Brief, Citation, Item, Section, Source

    url = "https://example.com/news/2025/10/28/summit?id=1&lang=ja"
    src = Source(id="S1", path="a.txt", title="日米首脳会談", text="x", outlet="Nikkei",
                 url=url, published="2025-10-28")
    item = Item(id="i", section="trade", ja="日米が協力する。",
                citations=[Citation("S1", 0, 1, "日米が協力する。")])
    brief = Brief(title="T", date="2025-10-28", author="", office="O", sources=[src],
                  bottom_line=[], sections=[Section("trade", "Trade", items=[item])])
    reader = PdfReader(io.BytesIO(WRITERS["pdf"].render(brief, load_config(FIXTURES / "brief.toml"))))
    uris = [a.get_object()["/A"]["/URI"] for p in reader.pages for a in p.get("/Annots", [])
            if "/A" in a.get_object()]
    assert uris and set(uris) == {url}  # one link per line the URL takes


def test_one_note_per_point_and_a_section_points_up_to_its_bottom_line_point(built: Path) -> None:
    """DOCX footnotes: one per point, figure, event and claim, keyed to the Sources table,
    none repeating the Japanese its point already shows (an untranslated build), a quarter
    of the text at most; a Bottom line point's section points up to it."""
    import xml.etree.ElementTree as ET

    from brief.model import Brief

    brief = Brief.read(built / "brief.json")
    z = zipfile.ZipFile(built / "brief.docx")
    notes = ["".join(t.text or "" for t in n.iter(W + "t")).strip()
             for n in ET.fromstring(z.read("word/footnotes.xml")).findall(W + "footnote")
             if n.get(W + "type") is None]
    cited = (len(brief.bottom_line) + sum(len(s.items) for s in brief.sections)
             + len(brief.figures) + len(brief.timeline)
             + sum(len(c.claims) + bool(c.verdict) for c in brief.conflicts)
             + sum(bool(s.kind_reason) for s in brief.sources))  # a source row's one note
    assert len(notes) == cited
    from brief.render.document import ListBlock, NoteRef, Table, Text
    from brief.render.document_builder import build as build_document

    document = build_document(brief)
    lines = [i.runs for b in document.blocks if isinstance(b, ListBlock) for i in b.items]
    lines += [sum(r.cells, ()) for b in document.blocks if isinstance(b, Table) for r in b.rows]
    for runs in lines:  # no note repeats the Japanese its own point shows
        shown = {r.text for r in runs if isinstance(r, Text)}
        for ref in (r for r in runs if isinstance(r, NoteRef)):
            assert not shown & {q.ja for q in document.notes[ref.number - 1].quotes}
    body = "".join(t.text or "" for t in ET.fromstring(z.read("word/document.xml")).iter(W + "t"))
    assert sum(map(len, notes)) <= 0.25 * (len(body) + sum(map(len, notes)))
    assert all(re.match(r"S\d+\b", n) or n.startswith("Type and reliability: ")
               or n.startswith("“") and re.search(r": S\d+", n) for n in notes), notes
    assert not any(".txt" in n or "derived" in n for n in notes)  # those are in Sources, once
    doc = z.read("word/document.xml").decode()
    # no sentence twice: a Bottom line point's section points up to it
    shared = [it for it in brief.bottom_line if any(it in s.items for s in brief.sections)]
    assert shared and doc.count("In the Bottom line: ") == len(shared)
    for n, item in enumerate(brief.bottom_line, 1):
        assert f'w:name="b_sec_bottom_line_{n}"' in doc
        assert doc.count(item.ja[:20]) == 1
    assert doc.count("w:anchor=\"b_sec_bottom_line_") >= len(shared)
    assert doc.count("(date derived from text)") == 0 and doc.count("(derived)") >= 1
    assert "reported by 1 of" not in doc


def test_docx_is_laid_out_from_the_projects_settings(built: Path, project: Path) -> None:
    """A4 with the PDF's margins and type families, Word 2013+ mode, a sane app.xml,
    Japanese marked ja-JP, tables whose header repeats and whose rows never split, fitted
    column widths, descriptions kept with the next paragraph, 'Page x of y'."""
    z = zipfile.ZipFile(built / "brief.docx")
    doc = z.read("word/document.xml").decode()
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in doc  # A4 in twips
    assert 'w:left="1134"' in doc  # 20 mm
    settings = z.read("word/settings.xml").decode()
    assert re.search(r'compatibilityMode"[^>]*w:val="15"', settings)
    app = z.read("docProps/app.xml").decode()
    assert "<Application>brief</Application>" in app and "Macintosh" not in app
    assert "<Pages>" not in app and "docProps/thumbnail.jpeg" not in z.namelist()
    assert "thumbnail" not in z.read("_rels/.rels").decode()
    styles = z.read("word/styles.xml").decode()
    assert re.search(r'<w:lang w:val="en-US" w:eastAsia="ja-JP"', styles)
    assert 'w:ascii="DejaVu Serif"' in styles and 'w:eastAsia="IPAexMincho"' in styles
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", doc, flags=re.S)
    assert len(tables) >= 4
    for t in tables:
        rows = re.findall(r"<w:tr[ >].*?</w:tr>", t, flags=re.S)
        assert "<w:tblHeader/>" in rows[0] and all("<w:cantSplit/>" in r for r in rows)
        assert '<w:tblLayout w:type="fixed"/>' in t
    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', tables[-2])]
    assert widths[0] < widths[1] / 3  # the "S1" column is narrow, the title's wide
    desc = load_config(FIXTURES / "brief.toml").sections[0].description
    assert re.search(r"<w:keepNext/>(?:(?!</w:p>).)*" + re.escape(desc), doc, flags=re.S)
    footer = "".join(z.read(n).decode() for n in z.namelist() if "footer" in n)
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    # Letter, when brief.toml asks for it
    toml = project / "brief.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('page_size = "A4"',
                                                             'page_size = "Letter"'),
                    encoding="utf-8")
    build(BuildOptions(sources=project / "seeds", glossary=project / "glossary",
                       out=project / "out", config=toml, translate=False,
                       formats=("docx", "pdf")))
    letter = zipfile.ZipFile(project / "out" / "brief.docx").read("word/document.xml").decode()
    assert '<w:pgSz w:w="12240" w:h="15840"/>' in letter
    box = PdfReader(str(project / "out" / "brief.pdf")).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_pdf_table_header_repeats_on_each_page_and_no_row_stands_alone() -> None:
    import io

    from brief.model import Brief, Citation, Event, Item, Section, Source

    ja = "日米の担当者が協議した。"
    src = Source(id="S1", path="a.txt", title="記事", text=ja, published="2025-10-28")
    events = [Event(id=f"e{i}", date=f"2025-{1 + i // 28:02d}-{1 + i % 28:02d}",
                    ja=f"{ja}（第{i}回）", citations=[Citation("S1", 0, 5, ja)])
              for i in range(121)]
    item = Item(id="i", section="trade", ja=ja, citations=[Citation("S1", 0, 5, ja)])
    brief = Brief(title="T", date="2025-10-28", author="", office="O", sources=[src],
                  bottom_line=[], sections=[Section("trade", "Trade", items=[item])],
                  timeline=events)
    reader = PdfReader(io.BytesIO(WRITERS["pdf"].render(brief, load_config(FIXTURES / "brief.toml"))))
    pages = [p.extract_text() for p in reader.pages]
    with_rows = [t for t in pages if "回）" in t]
    assert len(with_rows) >= 3
    for text in with_rows:  # the header heads every page the table runs on
        assert re.search(r"(?m)^\s*Date\s*\n?Event", text), text[text.find("Date") - 80:][:300]
    assert with_rows[-1].count("回）") >= 2  # the last row has company


def test_a_killed_builds_temporary_files_are_removed_by_the_next(project: Path) -> None:
    out = project / "out"
    out.mkdir()
    stale = [out / ".brief.pdf.k3x9q2ab.tmp", out / ".last-build.json.a1b2c3d4.tmp"]  # mkstemp's
    for f in stale:
        f.write_bytes(b"half")
    mine = out / ".notes.txt.tmp"  # not a temporary file of brief's: left alone
    mine.write_bytes(b"mine")
    build(BuildOptions(sources=project / "seeds", glossary=project / "glossary", out=out,
                       config=project / "brief.toml", translate=False, formats=("md", "pdf")))
    assert not any(f.exists() for f in stale) and mine.read_bytes() == b"mine"
    assert not list(out.glob(".*.tmp"))[1:]  # only the user's file remains


def test_docx_runs_built_directly_are_python_docx_runs() -> None:
    """The DOCX writer builds plain runs itself (speed); each must be the XML python-docx's
    Run.text writes: spaces kept at the ends, tabs and line breaks as w:tab and w:br."""
    from docx import Document
    from docx.oxml.ns import qn
    from lxml.etree import SubElement, tostring

    from brief.render.docx.writer import _run_text

    document = Document()
    for text in ["", "x", " x", "x ", "日米 関係", "a\tb\nc ", "line\r\nbreak"]:
        mine = SubElement(document.add_paragraph()._p, qn("w:r"))
        _run_text(mine, text)
        theirs = document.add_paragraph().add_run(text)._r
        assert tostring(mine) == tostring(theirs), text


def test_pdf_an_empty_section_does_not_carry_the_next_part_onto_a_new_page() -> None:
    """A description stays with the points it describes; "No points" (a description too)
    before the next part's heading does not, so a run of empty sections and the Key
    figures heading are not chained into one block that leaves half a page blank."""
    from brief.model import Brief, Citation, Item, Section, Source
    from brief.render.document import Para as DocPara
    from brief.render.document_builder import NO_POINTS
    from brief.render.document_builder import build as build_document
    from brief.render.pdf import writer as pdf_writer
    from brief.render.pdf.fonts import register

    ja = "日米両政府は重要鉱物の供給網強化で協力することを確認した。"
    item = Item(id="i1", section="trade", ja=ja, citations=[Citation("S1", 0, 5, ja)])
    brief = Brief(title="題", date="2025-10-28", author="", office="",
                  sources=[Source(id="S1", path="a.txt", title="題", text=ja)],
                  bottom_line=[], sections=[Section("trade", "Trade", "Tariffs.", [item]),
                                            Section("optics", "Optics", "Statements.", []),
                                            Section("x", "Other", "Else.", [])])
    doc = build_document(brief)
    fonts = register()
    st = pdf_writer._styles(fonts)
    pdf = pdf_writer.BriefDoc(io.BytesIO(), fonts, st)
    flows = pdf_writer._Story(doc, pdf, st, fonts).flowables()
    descs = {"".join(getattr(r, "text", "") for r in b.runs) for b in doc.blocks
             if isinstance(b, DocPara) and b.role == "desc"}
    kept = {f.getPlainText().strip(): bool(f.keepWithNext) for f in flows
            if hasattr(f, "getPlainText") and f.getPlainText().strip() in descs}
    assert kept["Tariffs."] and kept["Statements."], kept  # with what they describe
    assert not kept[NO_POINTS], kept  # not with the Other section's heading


def _long_brief(translation: str, one_outlet: int) -> bytes:
    """The PDF of a brief whose first point's English is TRANSLATION, reported by two
    outlets, and whose third outlet has ONE_OUTLET sources (each a coverage column's S-number)."""
    from brief.model import Brief, Citation, Item, Section, Source

    ja = "日米両政府は重要鉱物の供給網強化で協力することを確認した。"
    sources = [Source(id=f"S{i}", path=f"{i}.txt", title=f"記事{i}", text=ja,
                      outlet=f"O{i}" if i < 3 else "O3", published="2025-10-28")
               for i in range(1, 3 + one_outlet)]
    items = [Item(id="i1", section="trade", ja=ja, en=translation, status="machine",
                  citations=[Citation(f"S{i}", 0, len(ja), ja) for i in (1, 2)]),
             Item(id="i2", section="trade", ja="防衛費を増額する方針を確認した。",
                  en="They confirmed the plan to raise defence spending.", status="machine",
                  citations=[Citation("S3", 0, 5, "防衛費を増額")])]
    brief = Brief(title="T", date="2025-10-28", author="", office="O", sources=sources,
                  bottom_line=[], sections=[Section("trade", "Trade", items=items)])
    return WRITERS["pdf"].render(brief, load_config(FIXTURES / "brief.toml"))


def test_a_20000_character_translation_is_laid_out_over_pages_whole() -> None:
    """A point whose machine translation is 20,000 characters (a model that ran on) is split
    between pages, every sentence of it in the PDF."""
    sentence = "The governments agreed to work together on critical minerals. "
    text = (sentence * 330)[:19_990] + "LAST WORDS"
    reader = PdfReader(io.BytesIO(_long_brief(text, 1)))
    words = re.sub(r"\s+", " ", "".join(p.extract_text() for p in reader.pages))
    assert len(reader.pages) > 4 and "LAST WORDS" in words
    assert words.count("critical minerals") == text.count("critical minerals")


def test_a_table_header_taller_than_a_page_is_split_not_a_layout_error() -> None:
    """600 sources of one outlet: the coverage table's column header names them all, some
    1,300 points (reportlab's LayoutError stopped a 2,000-article build on such a header):
    it is split between pages, shown once, and the rows follow."""
    reader = PdfReader(io.BytesIO(_long_brief("They agreed on critical minerals.", 600)))
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]
    text = " ".join(pages)
    assert "S3, S4, S5," in text and "S601, S602" in text
    assert "Trade 1" in text.split("S601, S602")[1]  # the coverage rows after the header
