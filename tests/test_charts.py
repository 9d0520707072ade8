"""The timeline chart and the coverage picture, as a reader meets them: the HTML's inline
SVG (with its title, description and links), the PDF's vector drawing (its labels are text),
the DOCX's embedded picture (a media part with alt text); each says what brief.json says,
stays after the body, reads in black and white, and is the same bytes on every build."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html
from PIL import Image
from pypdf import PdfReader

from brief.model import Brief, Citation, Event, Item, Section, Source
from brief.render.charts import coverage_chart, timeline_chart
from brief.render.common import independent
from brief.render.coverage import DIFFERS, REPORTS, columns, rows, stances
from brief.render.document import BLACK, WHITE, Chart, Dot, Label
from brief.render.png import brief_faces, png
from brief.render.svg import svg
from test_coverage import _many

SVG = "{http://www.w3.org/2000/svg}"


def _svgs(page: str) -> dict[str, etree._Element]:
    tree = lxml_html.fromstring(page)
    return {s.get("id"): s for s in tree.xpath("//*[local-name()='svg']")}


def _links(svg_el: etree._Element, tag: str) -> list[tuple[str, etree._Element]]:
    """(href, element) of every TAG inside a link."""
    return [(a.get("href"), el) for a in svg_el.xpath(".//*[local-name()='a']")
            for el in a if etree.QName(el).localname == tag]


def test_the_html_timeline_chart_draws_each_event_of_brief_json(built_brief: Path) -> None:
    brief = Brief.read(built_brief / "brief.json")
    page = (built_brief / "brief.html").read_text(encoding="utf-8")
    chart = _svgs(page)["timeline-chart"]
    titles = chart.xpath("./*[local-name()='title']")
    assert titles and titles[0].text.startswith("Timeline chart")
    assert chart.get("role") == "group" and chart.get("aria-labelledby") == \
        "timeline-chart-title" and chart.get("aria-describedby") == "timeline-chart-desc"
    desc = chart.xpath("./*[local-name()='desc']")[0].text
    assert f"{len(brief.timeline)} events" in desc
    circles = dict(_links(chart, "circle"))
    assert len(circles) == len(brief.timeline) > 1
    radii = {1: "3", 2: "4.5"}
    for n, e in enumerate(brief.timeline, 1):
        dot = circles[f"#event-{n}"]  # leads to the Timeline table's row n
        assert f'id="event-{n}"' in page
        planned = e.phase == "planned"
        assert (dot.get("stroke-dasharray") is not None) == planned  # shape, not colour
        assert dot.get("fill") == (WHITE if planned else BLACK)
        assert dot.get("r") == radii.get(independent(brief, [c.source_id for c in
                                                                 e.citations]), "6")
    assert any(e.phase == "planned" for e in brief.timeline), "the fixtures plan something"
    # a circle's x follows its date: a later event is never left of an earlier one
    xs = [(e.date, float(circles[f"#event-{n}"].get("cx")))
          for n, e in enumerate(brief.timeline, 1)]
    assert [x for _, x in sorted(xs)] == sorted(x for _, x in xs)


def test_the_html_coverage_picture_cells_are_brief_json_s(built_brief: Path) -> None:
    brief = Brief.read(built_brief / "brief.json")
    page = (built_brief / "brief.html").read_text(encoding="utf-8")
    chart = _svgs(page)["coverage-chart"]
    assert chart.xpath("./*[local-name()='title']")[0].text.startswith("Coverage matrix")
    filled = Counter(href for href, r in _links(chart, "rect") if r.get("fill") == BLACK)
    halves = Counter(href for href, _ in _links(chart, "polygon"))
    cols = columns(brief)
    assert all(len(c.outlets) == 1 for c in cols)  # the fixtures' few outlets: one a column
    for _label, anchor, item in rows(brief):
        said = Counter(stances(brief, item).values())
        assert filled[f"#{anchor}"] == said[REPORTS], anchor
        assert halves[f"#{anchor}"] == said[DIFFERS], anchor
        assert f'id="{anchor}"' in page
    assert sum(halves.values()), "the fixtures' disputed points show a differing outlet"


def test_both_pictures_follow_the_body_in_every_format(built_brief: Path) -> None:
    text = [p.extract_text() for p in PdfReader(built_brief / "brief.pdf").pages]
    whole = "\n".join(text)
    # the PDF draws vectors whose labels are text: the legend, the axis, the column key
    for said in ("brief date Oct 28, 2025", "a circle's number: its row in the Timeline table",
                 "reports it differently", "A: S"):
        assert said in whole, said
    assert whole.index("Sources differ") < whole.index("brief date") < \
        whole.index("reports it differently") < whole.rindex("Glossary")
    html = (built_brief / "brief.html").read_text(encoding="utf-8")
    assert html.index('id="conflicts"') < html.index('id="timeline-chart"') < \
        html.index('id="coverage-chart"')
    assert "brief date" not in (built_brief / "brief.md").read_text(encoding="utf-8")


def test_the_docx_embeds_each_picture_as_a_png_with_alt_text(built_brief: Path) -> None:
    with zipfile.ZipFile(built_brief / "brief.docx") as z:
        media = sorted(n for n in z.namelist() if n.startswith("word/media/"))
        assert media == ["word/media/image1.png", "word/media/image2.png"]
        for name in media:
            image = Image.open(io.BytesIO(z.read(name)))
            assert image.format == "PNG" and image.width >= 1000
        rels = z.read("word/_rels/document.xml.rels").decode()
        document = z.read("word/document.xml").decode()
        types = z.read("[Content_Types].xml").decode()
    assert 'Extension="png"' in types
    ids = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="(media/image\d\.png)"', rels) or
               [(b, a) for a, b in re.findall(r'Target="(media/image\d\.png)"[^>]*Id="(rId\d+)"',
                                             rels)])
    embeds = re.findall(r'r:embed="(rId\d+)"', document)
    assert sorted(ids[e] for e in embeds) == ["media/image1.png", "media/image2.png"]
    alts = re.findall(r'<wp:docPr [^>]*descr="([^"]+)"', document)
    assert len(alts) == 2 and alts[0].startswith("Timeline chart") and \
        alts[1].startswith("Coverage matrix") and "Coverage table" in alts[1]


@pytest.mark.slow  # LibreOffice converts the whole DOCX: ~6 s (an office suite: the slow lane)
def test_the_docx_pictures_show_when_libreoffice_opens_it(built_brief: Path,
                                                          tmp_path: Path) -> None:
    """Word's reader of record here: LibreOffice lays the DOCX out with both pictures (the
    PDF it makes holds both, full size)."""
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path), str(built_brief / "brief.docx")], check=True,
                   capture_output=True, timeout=180,
                   env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    reader = PdfReader(tmp_path / "brief.pdf")
    images = {img.data: img for page in reader.pages for img in page.images}  # shared ones once
    assert len(images) == 2 and all(i.image is not None and i.image.width >= 1000
                                    for i in images.values())


def _hostile() -> Brief:
    evil = '<script>alert(1)</script> & "x"'
    sources = [Source("S1", "a.txt", "A", "", outlet=evil, kind="newspaper",
                      reliability="high"),
               Source("S2", "b.txt", "B", "", outlet="B", kind="blog", reliability="low")]
    item = Item("p", "s", "防衛費", [Citation("S1", 0, 3, "防衛費"), Citation("S2", 0, 3,
                                                                        "防衛費")],
                change="new")
    events = [Event("e1", "2025-10-27", "会談", [Citation("S1", 0, 2, "会談")], section="s"),
              Event("e2", "2025-11-03", "訪問", [Citation("S2", 0, 2, "訪問")],
                    phase="planned", change="changed", changes=["done → planned"])]
    other = Item("q", "s", "会談", [Citation("S2", 0, 2, "会談")])
    return Brief("t", "2025-10-28", "", "", sources, [item],
                 [Section("s", evil, items=[item, other])], timeline=events)


def test_what_a_picture_says_from_the_data_is_escaped() -> None:
    brief = _hostile()
    for chart in (timeline_chart(brief), coverage_chart(brief)):
        assert chart is not None
        out = svg(chart)
        assert "<script" not in out and "&lt;script&gt;" in out
        etree.fromstring(out)  # well-formed XML
    labels = timeline_chart(brief).labels  # type: ignore[union-attr]
    assert "2 changed" in labels and "1" in labels  # the marks, on the circles
    assert "Bottom line 1 new" in coverage_chart(brief).labels  # type: ignore[union-attr]


def test_a_planned_event_is_a_hollow_dashed_circle_and_the_png_is_the_same_bytes() -> None:
    chart = timeline_chart(_hostile())
    assert isinstance(chart, Chart)
    dots = [s for s in chart.shapes if isinstance(s, Dot) and s.href]
    assert [(d.dash, d.fill) for d in dots] == [(False, BLACK), (True, WHITE)]
    faces = brief_faces()
    data = png(chart, faces)
    assert data == png(chart, faces)
    chunks = re.findall(rb"(?<=....)(tIME|tEXt|iTXt|zTXt)", data)
    assert not chunks, chunks  # no time nor text stamped into the picture
    image = Image.open(io.BytesIO(data))
    assert image.mode == "L"  # drawn in greys: black and white print it as it is


def test_at_two_thousand_sources_the_coverage_picture_stays_one_page() -> None:
    brief = _many(2000)
    chart = coverage_chart(brief)
    assert chart is not None and chart.height < 700  # an A4 page's frame is 711 points
    letters = [s.text for s in chart.shapes if isinstance(s, Label) and s.bold]
    assert letters == ["A", "B"]  # two kinds of outlet, not 2,000 columns
    key = [t for t in chart.labels if t.startswith(("A: ", "B: "))]
    assert key == ["A: newspaper, high (1000 outlets)", "B: blog, low (1000 outlets)"]


def test_a_label_of_any_length_is_cut_to_the_same_width() -> None:
    """A 100,000-character row title is cut to what its first characters make (measuring
    it one character shorter at a time was a minute of a build), Latin or Japanese."""
    from brief.render.charts import fit, text_width

    for unit in ("T", "防", "Tr 防衛", "ii"):
        text = unit * 100_000
        k = max(k for k in range(200) if text_width(text[:k] + "…", 7.0) <= 96)
        long = fit(text, 7.0, 96)  # the longest start that fits with its …
        assert long == text[:k].rstrip() + "…" and text_width(long, 7.0) <= 96
        assert fit(long, 7.0, 96) == long  # what fits is left as it is
