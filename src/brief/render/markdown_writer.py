"""The Document as Markdown with footnotes ([^n]), for review in any editor."""

from __future__ import annotations

import re
from itertools import groupby

from brief.render.document import (
    Block,
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

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def _esc(text: str) -> str:
    """The one escaping of this format: text is data, never Markdown or HTML."""
    return _SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def _anchor(name: str) -> str:
    return f'<a id="{name}"></a>' if name else ""


def _runs(runs: tuple[Inline, ...]) -> str:
    """RUNS as Markdown; neighbouring runs of one style share one pair of marks."""
    out: list[str] = []
    for style, group in groupby(runs, lambda r: getattr(r, "style", "")):
        text = ""
        for r in group:
            if isinstance(r, NoteRef):
                text += f"[^{r.number}]"
            elif isinstance(r, Link):
                text += f"[{_esc(r.text)}]({r.href.replace(')', '%29')})"
            elif isinstance(r, Text):
                text += _esc(r.text)
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
        return [f"{hashes} {_anchor(block.anchor) if block.level else ''}{_esc(block.text)}"]
    if isinstance(block, Para):
        text = _runs(block.runs)
        return [f"> {text}" if block.role == "notice" else text]
    if isinstance(block, ListBlock):
        return [f"{f'{n}.' if block.ordered else '-'} {_anchor(i.anchor)}{_runs(i.runs)}"
                for n, i in enumerate(block.items, 1)]
    head = [f"| {' | '.join(_esc(h) for h in block.header)} |",
            "|" + "---|" * len(block.header)]
    return head + ["| " + _anchor(r.anchor) + " | ".join(_runs(c) for c in r.cells) + " |"
                   for r in block.rows]


def render(doc: Document, opts: RenderOptions) -> bytes:
    lines: list[str] = []
    for block in doc.blocks:
        lines += [*_block(block), ""]
    lines += [f"[^{n.number}]: {_runs(n.runs)}" for n in doc.notes]
    return ("\n".join(lines) + "\n").encode()
