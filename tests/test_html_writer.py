"""The HTML brief: valid HTML5, self-contained, and working in a real headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from brief.config import load_config
from brief.model import Brief, segments_of
from brief.render import WRITERS
from conftest import FIXTURES, assembled

if TYPE_CHECKING:
    from playwright.sync_api import Browser, FloatRect, Locator, Page, Playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                    reason="Chromium is not installed (scripts/install.sh)")


def _brief(translated: bool) -> Brief:
    """The fixtures' brief; 'translated' gives each text a marked English stand-in, so the
    page's English/Japanese pairing is tested without a translation model."""
    brief = assembled()  # the seeds curated once per worker, a copy each call
    if translated:
        for n, (_, obj) in enumerate(segments_of(brief)):
            obj.en = f"English text {n} of the point."
        brief.translated = True
    return brief


@pytest.fixture(scope="session")  # per worker (~1 s), so the two Chromium tests run at once
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "brief.html"
    path.write_bytes(WRITERS["html"].render(_brief(True), load_config(FIXTURES / "brief.toml")))
    return path


def test_html_is_valid_html5_with_working_anchors(page_file: Path) -> None:
    import html5lib

    text = page_file.read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(text)  # raises on any parse error
    assert text.startswith("<!DOCTYPE html>") and '<html lang="en">' in text
    ids = re.findall(r'\sid="([^"]+)"', text)
    assert len(ids) == len(set(ids)), "duplicate ids"
    targets = re.findall(r'href="#([^"]+)"', text)
    assert targets and set(targets) <= set(ids), set(targets) - set(ids)
    assert not re.search(r"""(src=|<link[^>]*href=)["']?(https?:)?//""", text), "fetches"
    for part in ("Bottom line", "Security", "Key figures", "Sources differ", "Timeline",
                 "Sources", "Notes"):
        assert f">{part}</h2>" in text


def test_html_notes_quote_what_differs_and_the_switch_shows_each_japanese_once(
        page_file: Path) -> None:
    """The switch puts each English point's Japanese beside it, once; a note quotes another
    source's sentence only when it says something else (another number), as print does."""
    from html import escape

    from brief.render.common import MAX_QUOTES, differs, other_japanese, wording
    from brief.render.document_builder import clean, excerpt

    brief = _brief(True)
    text = page_file.read_text(encoding="utf-8")
    text = re.sub(r'<span class="nw">([^<]*)</span>', r"\1", text)  # a number with its unit
    for item in brief.all_items():
        if item.en:
            assert f'<span class="ja" lang="ja">{escape(item.ja)}</span>' in text
        main = wording(item).ja
        others = [c for c in other_japanese(item) if differs(main, c.ja)]
        for c in others[:MAX_QUOTES]:  # the rest are counted, not quoted
            said = escape(clean(excerpt(c.ja, main)))
            assert f'{c.source_id}: </span><span lang="ja">「{said}」' in text \
                or f'{c.source_id}: <span lang="ja">「{said}」' in text, said


def test_untranslated_html_says_so_and_marks_the_japanese(tmp_path: Path) -> None:
    text = WRITERS["html"].render(_brief(False), load_config(FIXTURES / "brief.toml")).decode()
    text = re.sub(r'<span class="nw">([^<]*)</span>', r"\1", text)  # a number with its unit
    assert "not translated" in text and 'id="bilingual"' not in text
    assert "--no-translate" not in text  # no command-line words in reader text
    assert '<span lang="ja">' in text


def _watch(page: Page) -> tuple[list[str], list[str]]:
    """The page's script errors and the urls it requests, as they happen."""
    errors: list[str] = []
    requests: list[str] = []

    def console(m: Any) -> None:  # noqa: ANN401 - playwright's ConsoleMessage
        if m.type == "error":
            errors.append(m.text)

    page.on("console", console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: requests.append(r.url))
    return errors, requests


def _box(loc: Locator) -> FloatRect:
    box = loc.bounding_box()
    assert box is not None, f"{loc} is not laid out"
    return box


def _attr(loc: Locator, name: str) -> str:
    value = loc.get_attribute(name)
    assert value is not None, f"{loc} has no {name}"
    return value


def _launch(p: Playwright) -> Browser:
    """The system's Chromium (never a downloaded one), quiet on the network; Playwright's
    launch gives it a fresh temporary profile of its own."""
    return p.chromium.launch(
        executable_path=CHROMIUM, headless=True,
        args=["--no-sandbox", "--disable-gpu", "--no-first-run",
              "--disable-background-networking", "--disable-component-update",
              "--disable-sync"])


@needs_chromium
@pytest.mark.slow  # a real Chromium clicks every note link at two widths: ~23 s
def test_html_in_chromium_phone_and_desktop(page_file: Path, tmp_path: Path) -> None:
    """At 390 and 1280 px: no console errors, no network, nothing wider than the screen
    (tables scroll inside their box), the switch shows the Japanese beside the English,
    and every note link lands on its note and its return link comes back."""
    from playwright.sync_api import sync_playwright

    shots = Path(os.environ.get("BRIEF_SHOTS", tmp_path))
    with sync_playwright() as p:
        browser = _launch(p)
        try:
            for width in (390, 1280):
                page = browser.new_page(viewport={"width": width, "height": 844})
                errors, requests = _watch(page)
                page.goto(page_file.as_uri())
                assert page.title() == load_config(FIXTURES / "brief.toml").title
                overflow = page.evaluate("document.documentElement.scrollWidth")
                assert overflow <= width, f"page is {overflow}px wide at {width}px"
                page.screenshot(path=str(shots / f"brief-{width}.png"), full_page=False)
                ja = page.locator("ol.points .ja").first
                en = page.locator("ol.points .pair > span:first-child").first
                assert not ja.is_visible()
                page.get_by_label("Show Japanese beside the English").check()
                assert ja.is_visible()
                if width >= 1000:  # side by side on a desktop, stacked on a phone
                    assert _box(ja)["x"] > _box(en)["x"] + 100
                else:
                    assert _box(ja)["y"] > _box(en)["y"]
                page.screenshot(path=str(shots / f"brief-{width}-bilingual.png"))
                notes = page.eval_on_selector_all("sup a[href^='#fn']",
                                                  "refs => refs.map(a => a.hash.slice(3))")
                assert len(notes) >= 20
                for n in notes:
                    _click(page, f"#ref{n}")
                    assert _landed(page, f"#fn{n}") == f"#fn{n}", f"note {n}"
                    _click(page, f"#fn{n} a.back")
                    assert _landed(page, f"#ref{n}") == f"#ref{n}", f"return link of note {n}"
                see = page.locator("a[href^='#sec-']").first
                see.click()
                assert _in_view(page, _attr(see, "href")[1:])
                assert not errors, errors
                assert all(u.startswith("file://") for u in requests), requests
                page.close()
        finally:
            browser.close()


# Where a reader's pointer would press SELECTOR's element: scrolled into view if it is not,
# its centre, and whether the element itself is what is there (nothing covers it).
_AIM = """sel => {
  const el = document.querySelector(sel);
  el.scrollIntoView({block: "nearest", inline: "nearest"});
  const r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  return {x, y, hit: hit !== null && (hit === el || el.contains(hit))};
}"""

# After a click: the location's hash, and whether SELECTOR's element is shown in the window.
_LANDED = """sel => {
  const el = document.querySelector(sel), r = el.getBoundingClientRect();
  const shown = r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
  return shown && r.bottom > 0 && r.top < window.innerHeight ? location.hash : "not in view";
}"""


def _click(page: Page, selector: str) -> None:
    """A real mouse click on SELECTOR's element, where a reader would press it. Locator.click
    does the same but waits two animation frames for the element to be still at each of the
    ~280 clicks on the notes (~0.1 s each, ~30 s of the test): aiming here is one round trip,
    and a link that something covers still fails."""
    aim = page.evaluate(_AIM, selector)
    assert aim["hit"], f"{selector} is covered where a reader would click it"
    page.mouse.click(aim["x"], aim["y"])


def _landed(page: Page, selector: str) -> str:
    """The page's hash after a click if SELECTOR's element is visible in the window."""
    return str(page.evaluate(_LANDED, selector))


def _in_view(page: object, ident: str) -> bool:
    box = page.evaluate(  # type: ignore[attr-defined]
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return [r.top, r.bottom, window.innerHeight]; }", ident)
    top, bottom, height = box
    return bottom > 0 and top < height


# axe-core's default rules, violations only, each node named by its HTML: the unique CSS
# selectors, ancestry and XPath axe builds for every node it checks (1,600 on the brief) were
# 2.0 of its 4.7 s a run
_AXE_RUN = ("axe.run({resultTypes: ['violations'], selectors: false, ancestry: false, "
            "xpath: false}).then(r => r.violations)")


@needs_chromium
@pytest.mark.slow  # a real Chromium runs axe-core on two pages at two widths: ~10 s
def test_axe_core_finds_no_violation_at_phone_and_desktop_widths(
        page_file: Path, tmp_path: Path) -> None:
    """axe-core (every rule it runs by default: WCAG 2.x A/AA and best practices) on the
    translated brief, with the Japanese shown and hidden, and on an untranslated one, at 390
    and 1280 px: no violation."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    untranslated = tmp_path / "untranslated.html"
    untranslated.write_bytes(WRITERS["html"].render(_brief(False),
                                                    load_config(FIXTURES / "brief.toml")))
    found: list[str] = []
    with sync_playwright() as p:
        browser = _launch(p)
        try:
            for path in (page_file, untranslated):
                for width in (390, 1280):
                    page = browser.new_page(viewport={"width": width, "height": 844})
                    page.goto(path.as_uri())
                    page.evaluate(Axe().axe_script)  # once a page, not once a run
                    switch = page.get_by_label("Show Japanese beside the English")
                    for shown in (False, True):
                        if shown and switch.count():
                            switch.check()
                        assert page.locator("main").count() == 1  # axe ran on the brief
                        found += [f"{path.name} {width}px: {v['id']} {n['html']}"
                                  for v in page.evaluate(_AXE_RUN) for n in v["nodes"]]
                    page.close()
        finally:
            browser.close()
    assert not found, found
