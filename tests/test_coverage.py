"""The coverage matrix: a reader sees, per point, which outlet reports it, in every format,
and the cells say what brief.json says."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from lxml import html as lxml_html
from pypdf import PdfReader

from brief.model import Brief, Citation, Claim, Conflict, Item, Section, Source
from brief.render.coverage import DIFFERS, MAX_OUTLETS, REPORTS, columns, matrix
from brief.render.document import Link, runs_text


def _coverage_rows(page: str) -> tuple[list[str], list[list[str]], list[str]]:
    """(header, cells of each row, each row's link) of the HTML's coverage table."""
    tree = lxml_html.fromstring(page)
    [table] = tree.xpath('//h2[@id="coverage"]/following-sibling::div[1]//table')
    header = [th.text_content() for th in table.xpath(".//thead//th")]
    rows = table.xpath(".//tbody/tr")
    cells = [[td.text_content() for td in tr.xpath("./td")] for tr in rows]
    links = [tr.xpath("./td[1]/a/@href")[0] for tr in rows]
    return header, cells, links


def _reading_order(data: dict, bottom: list[str]) -> list[dict]:
    """The section points as the brief prints them: each section's in the body, then those
    only one low-reliability source makes (unless they are all its own points), which
    follow the Timeline in 'Single-source reports'."""
    low = {s["id"] for s in data["sources"] if s["reliability"] == "low"}

    def single(item: dict) -> bool:
        cited = {c["source_id"] for c in item["citations"]}
        return len(cited) == 1 and cited <= low

    body, later = [], []
    for sec in data["sections"]:
        own = [i for i in sec["items"] if i["id"] not in bottom]
        weak = [i for i in own if single(i)] if any(not single(i) for i in own) else []
        body += [i for i in own if i not in weak]
        later += weak
    return body + later


def test_the_html_matrix_cells_are_the_points_outlets_in_brief_json(built_brief: Path) -> None:
    data = json.loads((built_brief / "brief.json").read_text(encoding="utf-8"))
    header, cells, links = _coverage_rows((built_brief / "brief.html").read_text("utf-8"))
    sources = {s["id"]: s for s in data["sources"]}
    assert header[0] == "Point" and len(header) == len(sources) + 1  # one outlet per source
    # every header names its source, kind and reliability
    for label in header[1:]:
        sid = label.split()[0]
        assert sources[sid]["reliability"][:3] in label
    bottom = [i["id"] for i in data["bottom_line"]]
    points = data["bottom_line"] + _reading_order(data, bottom)
    assert len(cells) == len(points)
    disputed = 0
    for row, point, href in zip(cells, points, links, strict=True):
        cited = {c["source_id"] for c in point["citations"]}
        for label, cell in zip(header[1:], row[1:], strict=True):
            sid = label.split()[0]
            assert cell in (REPORTS, DIFFERS, ""), cell
            assert (cell != "") == (sid in cited or cell == DIFFERS), (point["id"], sid)
            disputed += cell == DIFFERS
        assert href.startswith("#sec-") and f'id="{href[1:]}"' in (
            built_brief / "brief.html").read_text("utf-8")
    assert disputed, "the fixtures' disputed points show a differing outlet"


def test_the_pdf_and_docx_carry_the_matrix_after_the_body(built_brief: Path) -> None:
    text = "\n".join(p.extract_text() for p in PdfReader(built_brief / "brief.pdf").pages)
    assert text.index("Timeline") < text.index("Coverage") < text.rindex("Sources")
    assert "● reports the point; ◐ reports it differently" in " ".join(text.split())
    with zipfile.ZipFile(built_brief / "brief.docx") as z:
        xml = z.read("word/document.xml").decode()
    words = re.sub(r"<[^>]+>", "", xml)
    assert "Coverage" in words and words.count("●") >= 10


def _many(n: int) -> Brief:
    """N sources, one outlet each: half newspapers (high), half blogs (low); point 1 is
    reported by every newspaper, point 2 by three blogs and disputed by one newspaper."""
    kinds = [("newspaper", "high"), ("blog", "low")]
    sources = [Source(f"S{k}", f"{k}.txt", "t", "", outlet=f"O{k}", kind=kinds[k % 2][0],  # type: ignore[arg-type]
                      reliability=kinds[k % 2][1]) for k in range(1, n + 1)]  # type: ignore[arg-type]
    papers = [s for s in sources if s.kind == "newspaper"]
    blogs = [s for s in sources if s.kind == "blog"]
    one = Item("a", "s", "一", [Citation(s.id, 0, 1, "一") for s in papers])
    two = Item("b", "s", "二", [Citation(s.id, 0, 1, "二") for s in blogs[:3]], dispute="c1")
    conflict = Conflict("c1", "how much", [
        Claim("2%", "二", [Citation(s.id, 0, 1, "二") for s in blogs[:3]]),
        Claim("3%", "三", [Citation(papers[0].id, 0, 1, "三")])])
    return Brief("t", "2025-10-28", "", "", sources, [], [Section("s", "Security",
                                                                 items=[one, two])],
                 conflicts=[conflict])


def test_at_many_sources_the_columns_collapse_to_kinds_with_counts() -> None:
    few = _many(MAX_OUTLETS)
    assert len(columns(few)) == MAX_OUTLETS
    brief = _many(2000)
    table = matrix(brief)
    assert table is not None
    assert table.header == ("Point", "newspaper, high (1000 outlets)", "blog, low (1000 outlets)")
    cells = [[runs_text(c) for c in row.cells[1:]] for row in table.rows]
    assert cells == [["1000", ""], [f"{DIFFERS}1", "3"]]
    # a count is no link (a bare number that leads somewhere reads as a note mark); the
    # row's label leads to the point
    assert not any(isinstance(r, Link) for r in table.rows[1].cells[2])
    assert all(isinstance(r, Link) and r.href == "#sec-s-2" for r in table.rows[1].cells[0])
