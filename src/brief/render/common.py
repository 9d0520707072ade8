"""What every renderer says the same way: footnote text, corroboration, item text."""

from __future__ import annotations

from brief.model import Brief, Citation, Item, Source


def source_label(s: Source) -> str:
    """Outlet or title, date, and URL or file name, with derived fields marked."""
    name = s.outlet or s.title or s.path
    if s.outlet and s.title:
        name = f"{s.outlet}, “{s.title}”"
    date = s.published or "undated"
    if "published" in s.derived:
        date += " (date derived from text)"
    where = s.url or s.path
    return f"{name}, {date}, {where}"


def footnote_text(brief: Brief, c: Citation) -> str:
    """One footnote: the source and the original Japanese sentence."""
    s = brief.source(c.source_id)
    return f"{source_label(s)}. Original: 「{c.ja}」"


def corroboration(brief: Brief, item: Item) -> str:
    n = len(item.source_ids)
    return f"reported by {n} of {len(brief.sources)} sources"


def item_text(brief: Brief, item: Item) -> str:
    """The English point (or the Japanese when the build was not translated)."""
    return item.en if brief.translated and item.en else item.ja


def footnote_plan(brief: Brief) -> list[tuple[Item, list[int]]]:
    """Footnote numbers per item in reading order, shared by DOCX and PDF (1-based)."""
    plan, n = [], 0
    for item in [*brief.bottom_line, *(it for s in brief.sections for it in s.items)]:
        nums = []
        for _ in item.citations:
            n += 1
            nums.append(n)
        plan.append((item, nums))
    return plan
