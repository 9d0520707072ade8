"""The brief as Markdown with footnotes ([^n]), for review in any editor."""

from __future__ import annotations

from brief.config import Config
from brief.model import Brief
from brief.render.common import corroboration, footnote_plan, footnote_text, item_text


def render(brief: Brief, config: Config) -> bytes:
    plan = footnote_plan(brief)
    lines = [f"# {brief.title}", "", f"{brief.office} · {brief.author} · {brief.date} · "
             f"{len(brief.sources)} sources", ""]
    if not brief.translated:
        lines += ["> Not translated (built with --no-translate): points are in Japanese.", ""]
    notes: list[str] = []
    k = 0

    def point(i: int, item_index: int) -> str:
        item, nums = plan[item_index]
        refs = "".join(f"[^{n}]" for n in nums)
        for c, n in zip(item.citations, nums, strict=True):
            notes.append(f"[^{n}]: {footnote_text(brief, c)}")
        return f"{i}. {item_text(brief, item)} *({corroboration(brief, item)})*{refs}"

    lines += ["## Bottom line", ""]
    for i, _ in enumerate(brief.bottom_line, 1):
        lines.append(point(i, k))
        k += 1
    for section in brief.sections:
        lines += ["", f"## {section.title}", ""]
        if section.description:
            lines += [f"*{section.description}*", ""]
        for i, _ in enumerate(section.items, 1):
            lines.append(point(i, k))
            k += 1
    lines += ["", "## Sources", ""]
    for s in brief.sources:
        derived = f" (derived: {', '.join(s.derived)})" if s.derived else ""
        lines.append(f"- **{s.id}** {s.title} — {s.outlet or s.path}, "
                     f"{s.published or 'undated'}{derived}")
    if brief.glossary_used:
        lines += ["", "## Glossary", "", "| Japanese | English |", "|---|---|"]
        lines += [f"| {ja} | {en} |" for ja, en in brief.glossary_used]
    lines += ["", *notes, ""]
    return "\n".join(lines).encode()
