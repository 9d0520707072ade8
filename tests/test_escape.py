"""Everything reaching an output is data: hostile text in every input surface (source
sentences, sources.toml, file names, [brief], sections, glossary English, an analyst's
imported English, a server's translations) never becomes markup, script or a clickable
non-web link, in brief.html and in brief.md rendered to HTML, opened in a real Chromium."""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st
from lxml import html as lxml_html
from markdown_it import MarkdownIt

import hostile
from brief.cli import main
from brief.options import BuildOptions
from brief.pipeline import build
from brief.render.escape import Ids, clickable, md_cell, md_inline, md_line, md_url, slug

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no Chromium")

if TYPE_CHECKING:
    from playwright.sync_api import Dialog


class HostileServer:
    """A translation engine whose every answer is markup and script (a compromised or
    malicious server), keeping the sentence's numbers and placeholders so the output
    checks pass and the English is shown."""

    model_id = "hostile:1"
    batch_size = 8

    def translate_batch(self, texts: list[str]) -> list[str]:
        return [f"{hostile.hostile_english(t)} "
                + " ".join(re.findall(r"[^\u3000-\u9fff\uff00-\uffef]+", t)) for t in texts]


def _recorder(seen: list[str]) -> Callable[[Dialog], None]:
    """A dialog handler: each dialog's message kept, the dialog dismissed."""
    def on_dialog(d: Dialog) -> None:
        seen.append(d.message)
        d.dismiss()
    return on_dialog


def _markdown() -> MarkdownIt:
    """A permissive renderer (raw HTML on, every link scheme accepted), as some viewers are:
    what it makes of brief.md is what brief.md itself allows."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """out/ of a hostile project: translated by the hostile server, then an analyst's
    imported review English (hostile too) approved for some segments, rebuilt."""
    root = hostile.make(tmp_path_factory.mktemp("hostile"))
    opts = BuildOptions(sources=root / "seeds", glossary=root / "glossary", out=root / "out",
                        config=root / "brief.toml", translate=True)
    build(opts, backend=lambda: HostileServer())
    runner = CliRunner()
    tsv = root / "out" / "review.tsv"
    r = runner.invoke(main, ["review", "export", "--from", str(root / "out"), "--format", "tsv",
                             "--glossary", str(root / "glossary"), "--out", str(tsv)])
    assert r.exit_code == 0, r.output
    rows = list(csv.reader(io.StringIO(tsv.read_text(encoding="utf-8")), delimiter="\t"))
    for row in rows[1:6]:  # an analyst's "corrections"
        row[4] = f"<script>alert(60)</script>[y](javascript:alert(61)) {row[5]}"
    buf = io.StringIO()
    csv.writer(buf, delimiter="\t", lineterminator="\n").writerows(rows)
    tsv.write_text(buf.getvalue(), encoding="utf-8")
    r = runner.invoke(main, ["review", "import", str(tsv), "--glossary", str(root / "glossary")])
    assert r.exit_code == 0 and "5 edited segments" in r.output, r.output
    result = build(opts, backend=lambda: HostileServer())
    assert result.brief.status_counts()["approved"] >= 1
    return root / "out"


def _pages(out: Path, tmp: Path) -> dict[str, Path]:
    """brief.html as written, and brief.md as a permissive renderer shows it."""
    md_html = tmp / "brief.md.html"
    md_html.write_text("<!DOCTYPE html><meta charset=utf-8><body>"
                       + _markdown().render((out / "brief.md").read_text(encoding="utf-8")),
                       encoding="utf-8")
    return {"html": out / "brief.html", "md": md_html}


def test_every_surface_reaches_the_outputs(hostile_out: Path) -> None:
    """The test is only worth something if the payloads arrive: each surface's text is in
    brief.md (escaped) and the page shows it as text."""
    md = (hostile_out / "brief.md").read_text(encoding="utf-8")
    text = lxml_html.fromstring((hostile_out / "brief.html").read_bytes()).text_content()
    for needle in ("alert(1)", "alert(20)", "alert(40)", "alert(41)", "alert(50)",
                   "alert(60)", "javascript:alert(8)", "file:///etc/passwd"):
        assert needle in md and needle in text, needle
    assert "<script>alert(60)</script>" in text  # shown as typed


def test_html_has_no_script_handler_or_unsafe_link_and_unique_ids(hostile_out: Path) -> None:
    page = (hostile_out / "brief.html").read_bytes()
    tree = lxml_html.fromstring(page)
    assert not tree.xpath("//script | //iframe | //object | //embed | //img")
    # the only SVG is brief's own two pictures, made of shapes and plain text: no data
    # became an element inside them (a foreignObject, an image, a script, an animation)
    svgs = tree.xpath("//svg")
    assert [s.get("id") for s in svgs] == ["timeline-chart", "coverage-chart"]
    inside = {el.tag for s in svgs for el in s.iter()}
    assert inside <= {"svg", "title", "desc", "a", "rect", "line", "circle", "polygon", "text"}, \
        inside
    assert all(len(t) == 0 for s in svgs for t in s.iter("text", "title", "desc"))
    assert "Security <svg/onload=alert(5)>" in "".join(svgs[0].itertext())  # a hostile
    # section title reaches the picture, as text
    assert not [a for el in tree.iter() for a in el.attrib if a.lower().startswith("on")]
    for href in tree.xpath("//a/@href"):
        assert href.startswith("#") or clickable(href), href
    ids = tree.xpath("//@id")
    assert "sec-x_script_alert_30_script" in ids and "sec-x_y_2" in ids  # keys: slugged, unique
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    assert set(h[1:] for h in tree.xpath("//a/@href[starts-with(., '#')]")) <= set(ids)
    [csp] = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert "script-src 'none'" in csp


def test_markdown_keeps_its_rows_footnotes_and_text(hostile_out: Path, tmp_path: Path) -> None:
    """A '|' in a source keeps the row's cells; a source's '[^1]' is text, not a footnote;
    the rendered Markdown has no element or link the data made."""
    md = (hostile_out / "brief.md").read_text(encoding="utf-8")
    tree = lxml_html.fromstring(_pages(hostile_out, tmp_path)["md"].read_bytes())
    for table in tree.xpath("//table"):
        width = len(table.xpath(".//thead/tr/th"))
        assert all(len(tr.xpath("./td")) == width for tr in table.xpath(".//tbody/tr"))
    assert not tree.xpath("//script | //img | //svg | //iframe")
    assert not [a for el in tree.iter() for a in el.attrib if a.lower().startswith("on")]
    for href in tree.xpath("//a/@href"):
        assert href.startswith("#") or clickable(href), href
    marks = re.findall(r"(?<!\\)\[\^(\d+)\](?!:)", md)
    defs = re.findall(r"(?m)^\[\^(\d+)\]:", md)
    assert sorted(set(marks), key=int) == defs  # every mark is one of brief's own notes


# every element gets the events an inline handler would wait for (a hover, focus, a load)
_FIRE = """() => { for (const el of document.querySelectorAll('*'))
  for (const t of ['mouseover', 'mouseenter', 'pointerover', 'focus', 'load', 'error'])
    el.dispatchEvent(new Event(t)); }"""


@needs_chromium
@pytest.mark.slow  # a real Chromium opens two pages: ~5 s
def test_no_script_runs_in_chromium(hostile_out: Path, tmp_path: Path) -> None:
    """Opened in Chromium, with every element's handlers fired by hand, neither
    page runs any script (each payload would open a dialog); every link is http(s), mailto
    or the page's own; and the HTML's CSP stops an inline script even if one got in."""
    from playwright.sync_api import sync_playwright

    pages = _pages(hostile_out, tmp_path)
    planted = tmp_path / "planted.html"
    planted.write_text((hostile_out / "brief.html").read_text(encoding="utf-8").replace(
        "<body>", "<body><script>alert(99)</script><img src=x onerror=alert(98)>", 1),
        encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            for name, path in [*pages.items(), ("planted", planted)]:
                page = browser.new_page()
                dialogs: list[str] = []
                page.on("dialog", _recorder(dialogs))
                page.goto(path.as_uri())
                page.wait_for_load_state("load")
                page.evaluate(_FIRE)
                hrefs = page.eval_on_selector_all(  # an SVG link's .href is no string: resolve
                    "a[href]", "as => as.map(a => new URL(a.getAttribute('href'), "
                    "document.baseURI).href)")
                schemes = {h.split(":", 1)[0] for h in hrefs}
                assert schemes <= {"http", "https", "mailto", "file"}, (name, schemes)
                own = path.as_uri()
                assert all(h.startswith(own + "#") for h in hrefs if h.startswith("file:")), name
                assert dialogs == [], (name, dialogs)
                page.close()
        finally:
            browser.close()


# -- the layer itself -------------------------------------------------------------------------


@given(st.text())
@example("- a list?")
@example("1. a list?")
@example("=== x")
@example("    code?")
@example("\\<")  # a backslash before '<': was shown as '&lt;'
def test_markdown_inline_renders_as_the_text_itself(text: str) -> None:
    """Any text through md_inline renders (CommonMark, raw HTML on) as one paragraph whose
    only content is that text: no element, entity or link of its own."""
    text = re.sub(r"[\r\n\u2028\u2029\x85]", " ", text).replace("\x00", "\ufffd")
    rendered = _markdown().render(f"{md_line(md_inline(text))} x").strip()
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    inner = rendered[3:-4]
    assert "<" not in inner, rendered
    assert html.unescape(inner) == f"{text.lstrip()} x".lstrip()  # no tag: its text is the input


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1))
def test_a_table_cell_keeps_its_row(text: str) -> None:
    text = re.sub(r"[\r\n\u2028\u2029\x85\x00]", " ", text)
    rendered = _markdown().render(f"| a | b |\n|---|---|\n| {md_cell(text)} | z |\n")
    tree = lxml_html.fromstring(f"<div>{rendered}</div>")
    assert len(tree.xpath("//tbody/tr/td")) == 2 and not tree.xpath("//td//*[@href]")


@given(st.lists(st.text(), max_size=12))
def test_ids_are_slugs_and_unique(keys: list[str]) -> None:
    ids = Ids()
    given_ids = [ids.unique(k) for k in keys]
    assert len(set(given_ids)) == len(given_ids)
    assert all(re.fullmatch(r"[a-z0-9_]+", i) for i in given_ids)
    assert slug('x"><script>alert(30)</script>') == "x_script_alert_30_script"


@pytest.mark.parametrize(("href", "ok"), [
    ("https://example.org/a", True), ("http://example.org", True), ("mailto:a@b.jp", True),
    ("HTTPS://EXAMPLE.ORG", True), ("javascript:alert(1)", False), ("JaVaScRiPt:x", False),
    (" javascript:x", False), ("vbscript:x", False), ("data:text/html,x", False),
    ("file:///etc/passwd", False), ("https:/x", False), ("//evil.example", False),
    ("https://ex\u200bample.org", False), ("https://a.b/\tjavascript:x", False), ("#x", False),
])
def test_only_web_and_mail_addresses_are_clickable(href: str, ok: bool) -> None:
    assert clickable(href) is ok


def test_a_markdown_link_cannot_be_ended_by_its_address() -> None:
    rendered = _markdown().render(f"[t]({md_url('https://a.b/x) [y](javascript:alert(1)')})")
    assert rendered.count("<a ") == 1 and "javascript:alert(1)\"" not in rendered


def test_docx_and_pdf_links_are_web_or_mail_only(hostile_out: Path) -> None:
    """The DOCX's external hyperlinks and the PDF's URI actions: http(s) or mailto only,
    though the sources name javascript:, vbscript:, data: and file: addresses."""
    import zipfile

    rels = zipfile.ZipFile(hostile_out / "brief.docx").read("word/_rels/document.xml.rels")
    targets = re.findall(rb'TargetMode="External"[^>]*Target="([^"]*)"|'
                         rb'Target="([^"]*)"[^>]*TargetMode="External"', rels)
    external = [(a or b).decode() for a, b in targets]
    assert external and all(clickable(html.unescape(t)) for t in external), external
    uris = re.findall(rb"/URI \(((?:\\.|[^\\)])*)\)", (hostile_out / "brief.pdf").read_bytes())
    assert uris and all(clickable(u.decode("latin-1")) for u in uris), uris
