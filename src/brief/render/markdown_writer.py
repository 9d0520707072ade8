"""The brief as Markdown with footnotes ([^n]), for review in any editor."""

from __future__ import annotations

from brief.config import Config
from brief.model import Brief, Citation, Item
from brief.render.common import (
    NO_POINTS,
    NOT_TRANSLATED,
    NoteCounter,
    Part,
    conflict_note,
    corroboration,
    event_date,
    footnote_text,
    outline,
    source_summary,
    source_title,
    text_of,
    title_line,
    title_note,
)


def render(brief: Brief, config: Config) -> bytes:
    counter = NoteCounter()
    notes: list[str] = []

    def noted(texts: list[str]) -> str:
        nums = counter.take(texts)
        notes.extend(f"[^{n}]: {text}" for text, n in zip(texts, nums, strict=True))
        return "".join(f"[^{n}]" for n in nums)

    def refs(citations: list[Citation]) -> str:
        return noted([footnote_text(brief, c) for c in citations])

    def points(items: list[Item]) -> list[str]:
        if not items:
            return [f"*{NO_POINTS}*"]
        return [f"{i}. {text_of(brief, it)} *({corroboration(brief, it)})*{refs(it.citations)}"
                for i, it in enumerate(items, 1)]

    def section(part: Part) -> list[str]:
        sec = part.section
        assert sec is not None
        return ([f"*{sec.description}*", ""] if sec.description else []) + points(sec.items)

    def figures(_: Part) -> list[str]:
        return ["| Figure | What it measures |", "|---|---|",
                *(f"| {f.value} | {text_of(brief, f)}{refs(f.citations)} |"
                  for f in brief.figures)]

    def conflicts(_: Part) -> list[str]:
        out = []
        for c in brief.conflicts:
            out.append(f"- **{c.topic}**" + (f" — {conflict_note(c)}" if c.verdict else ""))
            out += [f"  - *{cl.value}*: {text_of(brief, cl)}{refs(cl.citations)}"
                    for cl in c.claims]
        return out

    def timeline(_: Part) -> list[str]:
        return [f"- **{event_date(e)}** {text_of(brief, e)}{refs(e.citations)}"
                for e in brief.timeline]

    def sources(_: Part) -> list[str]:
        return [f"- **{s.id}** {source_title(brief, s)}{noted(title_note(brief, s))} — "
                f"{source_summary(brief, s)}" for s in brief.sources]

    def glossary(_: Part) -> list[str]:
        return ["| Japanese | English |", "|---|---|",
                *(f"| {ja} | {en} |" for ja, en in brief.glossary_used)]

    write = {"bottom-line": lambda _: points(brief.bottom_line), "section": section,
             "figures": figures, "conflicts": conflicts, "timeline": timeline,
             "sources": sources, "glossary": glossary}
    lines = [f"# {brief.title}", "", title_line(brief), ""]
    if not brief.translated:
        lines += [f"> {NOT_TRANSLATED}", ""]
    for n, part in enumerate(outline(brief)):
        lines += ([] if n == 0 else [""]) + [f"## {part.title}", "", *write[part.kind](part)]
    lines += ["", *notes, ""]
    return "\n".join(lines).encode()
