"""The Document as Markdown with footnotes ([^n]), for review in any editor.

Every text goes through render/escape.py (md_inline, md_cell, md_url): a source's '[^1]',
'<script>' or '|' is shown as typed, never read as a footnote, HTML or a cell border."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import groupby

from brief.render.document import (
    Block,
    Chart,
    Document,
    Heading,
    Inline,
    Link,
    ListBlock,
    NoteRef,
    Para,
    RenderOptions,
    Text,
)
from brief.render.escape import clickable, html_attr, md_cell, md_inline, md_line, md_url


def _anchor(name: str) -> str:
    return f'<a id="{html_attr(name)}"></a>' if name else ""


def _link(r: Link, esc: Callable[[str], str]) -> str:
    """A link: the document's own '#target', or a web or mail address; any other (which the
    builder never makes) is its text alone."""
    if r.internal or clickable(r.href):
        return f"[{esc(r.text)}]({md_url(r.href)})"
    return esc(r.text)


def _runs(runs: tuple[Inline, ...], esc: Callable[[str], str] = md_inline) -> str:
    """RUNS as Markdown (ESC: md_cell in a table); runs of one style share one pair of marks."""
    out: list[str] = []
    for style, group in groupby(runs, lambda r: getattr(r, "style", "")):
        text = ""
        for r in group:
            if isinstance(r, NoteRef):
                text += f"[^{r.number}]"
            elif isinstance(r, Link):
                text += _link(r, esc)
            elif isinstance(r, Text):
                text += esc(r.text)
            # an Original is shown beside its English only where a format can switch it
        out.append(_styled(text, style))
    return "".join(out)


def _styled(md: str, style: str) -> str:
    if not md.strip():
        return md
    lead, core, trail = re.match(r"(\s*)(.*?)(\s*)$", md, flags=re.S).groups()  # type: ignore[union-attr]
    wrap = {"em": ("*", "*"), "strong": ("**", "**"), "sup": ("<sup>", "</sup>")}
    a, b = wrap.get(style, ("", ""))
    return f"{lead}{a}{core}{b}{trail}"


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        hashes = "#" * (block.level + 1)
        return [f"{hashes} {_anchor(block.anchor) if block.level else ''}{md_inline(block.text)}"]
    if isinstance(block, Para):
        text = md_line(_runs(block.runs))
        return [f"> {text}" if block.role == "notice" else text]
    if isinstance(block, ListBlock):
        return [f"{f'{n}.' if block.ordered else '-'} {_anchor(i.anchor)}{md_line(_runs(i.runs))}"
                for n, i in enumerate(block.items, block.start)]
    if isinstance(block, Chart):  # a picture's text is the table before it
        return []
    head = [f"| {' | '.join(md_cell(h) for h in block.header)} |",
            "|" + "---|" * len(block.header)]
    return head + ["| " + _anchor(r.anchor) + " | ".join(_runs(c, md_cell) for c in r.cells) + " |"
                   for r in block.rows]


def render(doc: Document, opts: RenderOptions) -> bytes:
    lines: list[str] = []
    for block in doc.blocks:
        lines += [*_block(block), ""]
    lines += [f"[^{n.number}]: {md_line(_runs(n.runs))}" for n in doc.notes]
    return ("\n".join(lines) + "\n").encode()
