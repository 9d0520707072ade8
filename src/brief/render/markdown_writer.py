"""The brief as Markdown with footnotes ([^n]), for review in any editor."""

from __future__ import annotations

from brief.config import Config
from brief.model import Brief, Citation, Item
from brief.render.common import (
    EXTRA_HEADINGS,
    NO_POINTS,
    NOT_TRANSLATED,
    NoteCounter,
    corroboration,
    event_date,
    footnote_text,
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

    lines = [f"# {brief.title}", "", title_line(brief), ""]
    if not brief.translated:
        lines += [f"> {NOT_TRANSLATED}", ""]
    lines += ["## Bottom line", "", *points(brief.bottom_line)]
    for section in brief.sections:
        lines += ["", f"## {section.title}", ""]
        if section.description:
            lines += [f"*{section.description}*", ""]
        lines += points(section.items)
    if brief.figures:
        lines += ["", f"## {EXTRA_HEADINGS['figures']}", "", "| Figure | What it measures |",
                  "|---|---|"]
        lines += [f"| {f.value} | {text_of(brief, f)}{refs(f.citations)} |"
                  for f in brief.figures]
    if brief.conflicts:
        lines += ["", f"## {EXTRA_HEADINGS['conflicts']}", ""]
        for c in brief.conflicts:
            lines.append(f"- **{c.topic}**")
            lines += [f"  - *{cl.value}*: {text_of(brief, cl)}{refs(cl.citations)}"
                      for cl in c.claims]
    if brief.timeline:
        lines += ["", f"## {EXTRA_HEADINGS['timeline']}", ""]
        lines += [f"- **{event_date(e)}** {text_of(brief, e)}{refs(e.citations)}"
                  for e in brief.timeline]
    lines += ["", "## Sources", ""]
    for s in brief.sources:
        lines.append(f"- **{s.id}** {source_title(brief, s)}{noted(title_note(brief, s))} — "
                     f"{source_summary(brief, s)}")
    if brief.glossary_used:
        lines += ["", "## Glossary", "", "| Japanese | English |", "|---|---|"]
        lines += [f"| {ja} | {en} |" for ja, en in brief.glossary_used]
    lines += ["", *notes, ""]
    return "\n".join(lines).encode()
