"""The brief as Markdown with footnotes ([^n]), for review in any editor."""

from __future__ import annotations

from brief.config import Config
from brief.model import Brief, Item
from brief.render.common import (
    NO_POINTS,
    NoteCounter,
    Noted,
    Part,
    conflict_note,
    corroboration,
    event_date,
    notes_of,
    notice,
    outline,
    point_anchor,
    see_note,
    source_notes,
    source_summary,
    source_title,
    text_of,
    title_line,
    verdict_note,
)


def render(brief: Brief, config: Config) -> bytes:
    counter = NoteCounter()
    notes: list[str] = []

    def noted(texts: list[str]) -> str:
        nums = counter.take(texts)
        notes.extend(f"[^{n}]: {text}" for text, n in zip(texts, nums, strict=True))
        return "".join(f"[^{n}]" for n in nums)

    def refs(obj: Noted) -> str:
        return noted(notes_of(brief, obj))

    def points(items: list[Item], key: str = "") -> list[str]:
        if not items:
            return [f"*{NO_POINTS}*"]
        out = []
        for i, it in enumerate(items, 1):
            corr = corroboration(brief, it)
            tag = f" *({corr})*" if corr else ""
            anchor = f'<a id="{point_anchor(key, i)}"></a>' if key else ""
            ref = refs(it) if key else noted(see_note(brief, it)) or refs(it)
            out.append(f"{i}. {anchor}{text_of(brief, it)}{tag}{ref}")
        return out

    def section(part: Part) -> list[str]:
        sec = part.section
        assert sec is not None
        return (([f"*{sec.description}*", ""] if sec.description else [])
                + points(sec.items, sec.key))

    def figures(_: Part) -> list[str]:
        return ["| Figure | What it measures |", "|---|---|",
                *(f"| {f.value} | {text_of(brief, f)}{refs(f)} |"
                  for f in brief.figures)]

    def conflicts(_: Part) -> list[str]:
        out = []
        for c in brief.conflicts:
            verdict = (f" — {conflict_note(c)}{noted([verdict_note(brief, c)])}" if c.verdict
                       else "")
            out.append(f"- **{c.topic}**{verdict}")
            out += [f"  - *{cl.value}*: {text_of(brief, cl)}{refs(cl)}"
                    for cl in c.claims]
        return out

    def timeline(_: Part) -> list[str]:
        return [f"- **{event_date(e)}** {text_of(brief, e)}{refs(e)}"
                for e in brief.timeline]

    def sources(_: Part) -> list[str]:
        return [f"- **{s.id}** {source_title(brief, s)}{noted(source_notes(brief, s))} — "
                f"{source_summary(brief, s)}" for s in brief.sources]

    def glossary(_: Part) -> list[str]:
        return ["| Japanese | English |", "|---|---|",
                *(f"| {ja} | {en} |" for ja, en in brief.glossary_used)]

    write = {"bottom-line": lambda _: points(brief.bottom_line), "section": section,
             "figures": figures, "conflicts": conflicts, "timeline": timeline,
             "sources": sources, "glossary": glossary}
    lines = [f"# {brief.title}", "", title_line(brief), ""]
    lines += [f"> {notice(brief)}", ""]
    for n, part in enumerate(outline(brief)):
        lines += ([] if n == 0 else [""]) + [f"## {part.title}", "", *write[part.kind](part)]
    lines += ["", *notes, ""]
    return "\n".join(lines).encode()
