"""`brief diff OLD.json NEW.json`: what changed between two briefs, claim by claim.

Points, key figures, "Sources differ" entries and timeline events are matched by their
reports (curate/changes.py), so a point a new source re-words is "changed", not dropped and
new. Printed for a terminal, or as Markdown (--markdown) to paste into a note; every text
from the briefs is data (escaped for Markdown, control characters dropped for a terminal).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from brief.commands.options import examples, out_dir, path_argument
from brief.errors import BriefError

if TYPE_CHECKING:
    from brief.curate.changes import Entry
    from brief.model import Brief

TITLES = {"points": "Points", "figures": "Key figures", "conflicts": "Sources differ",
          "timeline": "Timeline"}
KINDS = ("new", "changed", "dropped")


@click.command("diff", epilog=examples(
    "brief diff", "brief diff out/previous.json out --markdown"))
@path_argument("old", required=False)
@path_argument("new", required=False)
@out_dir("without OLD and NEW, its last build against the brief it was compared with "
         "(OUT/previous.json).")
@click.option("--markdown", is_flag=True, help="Print Markdown instead of plain text.")
def command(old: Path | None, new: Path | None, out: Path, markdown: bool) -> None:
    """Print what changed from OLD to NEW (brief.json files or build folders)."""
    from brief.curate.changes import diff
    from brief.model import read_build

    if old is None:
        old, new = _kept(out)
    before, after = read_build(old), read_build(new or out)
    lines = (_markdown if markdown else _plain)(before, after, diff(before, after))
    click.echo("\n".join(lines))


def _kept(out: Path) -> tuple[Path, Path]:
    from brief.atomic import kept

    previous = kept(out, "previous")
    if previous is None:
        raise BriefError(f"{out}: no previous build kept to compare with (build twice, or "
                         "name OLD and NEW)")
    return previous, out


def _count(entries: list[Entry]) -> str:
    said = [f"{n} {kind}" for kind in KINDS if (n := sum(e.kind == kind for e in entries))]
    return ", ".join(said) or "no change"


def _head(before: Brief, after: Brief) -> str:
    from brief.render.document_builder import human_date

    return f"Changes from the brief of {human_date(before.date)} to {human_date(after.date)}"


def _plain(before: Brief, after: Brief, parts: dict[str, list[Entry]]) -> list[str]:
    from brief.translate.checks import printable

    lines = [printable(_head(before, after))]
    for part, entries in parts.items():
        lines += ["", f"{TITLES[part]}: {_count(entries)}"]
        for e in entries:
            where = f"{e.where}: " if e.where else ""
            why = f" ({'; '.join(e.why)})" if e.why else ""
            lines.append(printable(f"  {e.kind:<8} {where}{e.text}{why}"))
    return lines


def _markdown(before: Brief, after: Brief, parts: dict[str, list[Entry]]) -> list[str]:
    from brief.render.escape import md_inline as escape
    from brief.render.escape import md_line
    from brief.translate.checks import printable

    def md_inline(text: str) -> str:
        return escape(printable(text))

    lines = [f"# {md_inline(_head(before, after))}"]
    for part, entries in parts.items():
        lines += ["", f"## {TITLES[part]} ({_count(entries)})"]
        lines += [""] if entries else []
        for e in entries:
            where = f" ({md_inline(e.where)})" if e.where else ""
            why = f" — {md_inline('; '.join(e.why))}" if e.why else ""
            lines.append(f"- **{e.kind.capitalize()}**{where}: "
                         f"{md_line(md_inline(e.text))}{why}")
    return lines
