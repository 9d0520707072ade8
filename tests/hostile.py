"""A project whose every input surface carries markup, scripts and hostile links.

Each payload calls alert() if it ever runs, so a browser test needs only listen for a dialog;
each link payload uses a scheme a reader must never be able to click (javascript:, vbscript:,
data:, file:), or is a web or mail address with markup in it. Used by the escaping tests (tests/test_escape.py) and the fuzz suite.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import FIXTURES

# Markup that runs script in HTML, in Markdown rendered to HTML, or breaks out of an attribute.
SCRIPTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '"><script>alert(3)</script>',
    "' onmouseover='alert(4)' x='",
    "<svg/onload=alert(5)>",
    "[click](javascript:alert(6))",
    "<a href=\"javascript:alert(7)\">a</a>",
    "[^1]",
    "a | b | c",
    "*not em* `code` ~~x~~ \\",
]
LINKS = ["javascript:alert(8)", "vbscript:msgbox(9)", "data:text/html,<script>alert(10)</script>",
         "file:///etc/passwd", "JaVaScRiPt:alert(11)", " javascript:alert(12)",
         'https://example.org/a"onmouseover="alert(13)"><script>alert(14)</script>',
         "mailto:a@example.org?body=<img/src=x/onerror=alert(15)>"]


def payload(i: int) -> str:
    """A different hostile string for each surface (all of them, in turn)."""
    return " ".join(SCRIPTS[(i + k) % len(SCRIPTS)] for k in range(3))


def _toml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make(root: Path) -> Path:
    """ROOT filled with the fixtures' seeds, glossary and config, every surface hostile."""
    for name in ("seeds", "glossary"):
        shutil.copytree(FIXTURES / name, root / name)
    seeds = root / "seeds"
    # source sentences: placed in sections by their keywords, hostile text inside
    for n, bad in enumerate(SCRIPTS):
        name = f"{10 + n:03d}_x{n}<img src=x onerror=alert(20)>.txt"
        (seeds / name).write_text(
            f"防衛費と日米同盟の記事{n}{bad}\n\n"
            f"2025年10月28日、防衛費の増額と日米同盟の強化で合意した{bad}と首相が述べた。\n"
            f"関税合意と対米投資5500億ドルの履行{bad}を確認した。\n", encoding="utf-8")
    sidecar = []
    for n, f in enumerate(sorted(seeds.glob("*.txt"))):
        url = LINKS[(n - n // 3) % len(LINKS)]  # every one of them, on two sources in three
        where = f"url = {_toml(url.strip())}\n" if n % 3 else ""  # else its file name shows
        sidecar.append(f"[{_toml(f.name)}]\noutlet = {_toml(payload(n))}\n"
                       f"title = {_toml(payload(n + 1))}\n{where}published = 2025-10-28\n")
    (seeds / "sources.toml").write_text("\n".join(sidecar), encoding="utf-8")
    cfg = (FIXTURES / "brief.toml").read_text(encoding="utf-8")
    cfg = re.sub(r"(?m)^title = .*$", lambda _: f"title = {_toml(payload(2))}", cfg, count=1)
    cfg = re.sub(r"(?m)^office = .*$", lambda _: f"office = {_toml(payload(3))}", cfg, count=1)
    keys = ['x"><script>alert(30)</script>', "x' onmouseover='alert(31)", "x y", "x-y"]
    for old, new in zip(("security", "economic_security", "trade", "optics"), keys, strict=True):
        cfg = cfg.replace(f'key = "{old}"', f"key = {_toml(new)}", 1)
    cfg = re.sub(r'(?m)^title = "(Security|Trade)"$',
                 lambda m: f"title = {_toml(m[1] + ' ' + payload(4))}", cfg)
    cfg = re.sub(r'(?m)^description = "Defense',
                 lambda _: f'description = {_toml(payload(5))[:-1]} Defense', cfg)
    (root / "brief.toml").write_text(cfg, encoding="utf-8")
    terms = root / "glossary" / "terms.tsv"
    english = {"防衛費": "defense <script>alert(40)</script> spending",
               "関税合意": "<img src=x onerror=alert(41)>tariff [a](javascript:alert(42))"}
    rows = []
    for line in terms.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if cells[0] in english:
            cells[1] = english[cells[0]]
        rows.append("\t".join(cells))
    terms.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


def hostile_english(ja: str) -> str:
    """What a hostile server (or an analyst's imported file) says a sentence means."""
    return f"{payload(len(ja))} [x](javascript:alert(50)) <b onclick=alert(51)>en</b>"
