"""A toy output format for tests/test_document.py: plain text from the Document alone.

It proves that a new format is this one module plus one registry line: it maps the node
types and reads nothing else (no Brief, no Config).
"""

from __future__ import annotations

from brief.render.document import (
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


def _runs(runs: tuple[Inline, ...]) -> str:
    out = []
    for r in runs:
        if isinstance(r, NoteRef):
            out.append(f"[{r.number}]")
        elif isinstance(r, Link):
            out.append(f"{r.text} <{r.href}>")
        elif isinstance(r, Text):
            out.append(r.text)
    return "".join(out)


def render(doc: Document, opts: RenderOptions) -> bytes:
    lines = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            lines.append(("=" * (b.level + 1)) + " " + b.text)
        elif isinstance(b, Para):
            lines.append(_runs(b.runs))
        elif isinstance(b, ListBlock):
            lines += [f"* {_runs(i.runs)}" for i in b.items]
        elif isinstance(b, Chart):  # a picture: its text alternative
            lines.append(f"[{b.title}: {b.desc}]")
        else:
            lines += [" | ".join(b.header)] + [" | ".join(_runs(c) for c in r.cells)
                                               for r in b.rows]
    lines += [f"[{n.number}] {_runs(n.runs)}" for n in doc.notes]
    return ("\n".join(lines) + "\n").encode()
