"""What a build says about its translation: every kind of text counted, a warning when the
model is not translating, and one line per flagged text named as the brief shows it.

A broken model used to print one line per flagged segment keyed by its internal id
(`b9ee4dc3`), which appears in no output, and a status that counted only the points. Here a
point is "Security, point 2", as its section numbers it, and the counts come from the one
model method (Brief.translation_counts) that brief.json and `brief email` use too.
"""

from __future__ import annotations

from collections.abc import Iterator

from brief.model import APPROVED, FLAGGED, Brief, Item, Translated, Violation

KINDS = (("points", "point"), ("figures", "figure"), ("events", "event"),
         ("claims", "claim"), ("titles", "source title"))
MOST = 0.5  # more than this share of the points flagged: the model is not translating


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def flagged_line(brief: Brief) -> str:
    """'flagged (shown in Japanese): 12 of 28 points, 9 of 10 figures, 3 of 4 events,
    5 of 5 source titles' (kinds with nothing flagged left out); '' when none is."""
    counts = brief.translation_counts()
    parts = []
    for kind, word in KINDS:
        flagged, total = counts[kind][FLAGGED], sum(counts[kind].values())
        if flagged:
            parts.append(f"{flagged} of {_plural(total, word)}")
    return f"flagged (shown in Japanese): {', '.join(parts)}" if parts else ""


def most_points_flagged(brief: Brief) -> bool:
    c = brief.translation_counts()["points"]
    return sum(c.values()) > 0 and c[FLAGGED] > MOST * sum(c.values())


def warning_line(brief: Brief) -> str:
    """The one warning of a build whose model is not translating; '' otherwise."""
    if not most_points_flagged(brief):
        return ""
    c = brief.translation_counts()["points"]
    return (f"warning: {c[FLAGGED]} of {_plural(sum(c.values()), 'point')} flagged: the model "
            f"is not translating these sources ({brief.model_name or brief.model}); the brief "
            "shows them in Japanese. Check the model (`brief models list`), review them "
            "(`brief review export`), or fail the build with --strict")


def point_labels(brief: Brief) -> dict[str, str]:
    """Each point's id -> where the brief shows its text, in reading order: 'Bottom line,
    point 1 (Security, point 1)' for a Bottom line point (shown there in full; its section's
    entry only points up to it), 'Security, point 2' for a section's own point."""
    in_section: dict[str, str] = {}
    for sec in brief.sections:
        for n, it in enumerate(sec.items, 1):
            in_section.setdefault(it.id, f"{sec.title}, point {n}")
    out: dict[str, str] = {}
    for n, it in enumerate(brief.bottom_line, 1):
        also = f" ({in_section[it.id]})" if it.id in in_section else ""
        out.setdefault(it.id, f"Bottom line, point {n}{also}")
    for key, label in in_section.items():
        out.setdefault(key, label)
    return out


def _point_line(label: str, item: Item, broken: list[Violation]) -> str:
    """One point's line, '' when it needs nothing from an analyst."""
    if item.status == FLAGGED:
        return f"  {label}: flagged, {'; '.join(item.flags) or 'no reason recorded'}"
    if item.status == APPROVED and item.flags:  # a person's English is never replaced
        return f"  {label}: a person's English kept, but {'; '.join(item.flags)}"
    if broken:
        return f"  {label}: glossary: " + "; ".join(
            f"{v.term_ja} → expected {v.expected!r}: {v.problem}" for v in broken)
    return ""


def _others(brief: Brief, broken: dict[str, list[Violation]]) -> Iterator[tuple[str, str, bool]]:
    """(kind, number as the brief shows it, flagged or glossary-broken) of every text
    that is not a point and needs an analyst."""
    objs: list[tuple[str, str, str, Translated]] = [
        ("key figures", str(n), f.id, f) for n, f in enumerate(brief.figures, 1)]
    objs += [("timeline entries", str(n), e.id, e) for n, e in enumerate(brief.timeline, 1)]
    objs += [("sides of sources differ", f"{n}.{m}", f"{c.id}.{m}", cl)
             for n, c in enumerate(brief.conflicts, 1) for m, cl in enumerate(c.claims, 1)]
    for kind, number, key, o in objs:
        if o.status == FLAGGED or key in broken or (o.status == APPROVED and o.flags):
            yield kind, number, o.status == FLAGGED
    for s in brief.sources:
        if s.title_status == FLAGGED or f"title-{s.id}" in broken:
            yield "source titles", s.id, s.title_status == FLAGGED


def text_lines(brief: Brief) -> list[str]:
    """What needs an analyst, named as the brief names it: one line per point (flagged,
    with why; a person's English the glossary now rejects; a glossary rule broken), in
    reading order, then one line per other kind of text with their numbers (the reasons
    of those are in `brief review export`)."""
    broken: dict[str, list[Violation]] = {}
    for v in brief.violations:
        broken.setdefault(v.item_id, []).append(v)
    items = {it.id: it for it in brief.all_items()}
    lines = [line for key, label in point_labels(brief).items()
             if (line := _point_line(label, items[key], broken.get(key, [])))]
    groups: dict[tuple[str, bool], list[str]] = {}
    for kind, number, flagged in _others(brief, broken):
        groups.setdefault((kind, flagged), []).append(number)
    for (kind, flagged), numbers in groups.items():
        what = "flagged" if flagged else "glossary rules broken or a person's English kept"
        lines.append(f"  {kind} {', '.join(numbers)}: {what}")
    return lines
