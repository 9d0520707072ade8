"""`brief review`: the build's English out to an analyst or a CAT tool, the corrections back
into the translation memory."""

from __future__ import annotations

from pathlib import Path

import click

from brief.commands.options import examples, glossary_dir, out_dir, path_argument, path_option
from brief.errors import BriefError


@click.group("review")
def command() -> None:
    """Review round-trip: export the build's English for an analyst, import the corrections.

    Corrections go into glossary/memory.tmx (TMX 1.4b) and are used by the next build as is,
    without the model.
    """


@command.command("export", epilog=examples(
    "brief review export", "brief review export --format tsv review.tsv",
    "brief review export --out out --format xliff2 out/review.xliff"))
@path_argument("file", required=False)
@out_dir("its brief.json is exported.")
@click.option("--format", "fmt", type=click.Choice(["xliff", "xliff2", "tsv"]),
              default="xliff", show_default=True,
              help="xliff: XLIFF 1.2 (OmegaT, memoQ, Trados); xliff2: XLIFF 2.1; tsv: a "
                   "spreadsheet.")
@path_option("--from", "old_from", default=None, hidden=True)  # the old name of --out
@glossary_dir
def review_export(file: Path | None, out: Path, fmt: str, old_from: Path | None,
                  directory: Path, follow_links: bool) -> None:
    """Write every segment of the build to FILE (default: OUT/review.xlf or review.tsv):
    Japanese, English, status, checks, terms, sources.

    XLIFF 1.2 prefills each target with the Japanese (OmegaT translates the target) and
    offers the build's English and the memory's near matches as alt-trans proposals.
    """
    from brief.atomic import atomic_write
    from brief.glossary.terms import load_glossary
    from brief.review.exchange import export
    from brief.translate.memory import FILE_NAME, Memory

    out_dir, file = _old_spellings(out, old_from, file)
    data, n = export(out_dir, load_glossary(directory, follow_links),
                     Memory(directory / FILE_NAME), fmt)
    file = file or out_dir / ("review.tsv" if fmt == "tsv" else "review.xlf")
    atomic_write(file, data, follow_links)
    click.echo(f"wrote {file} ({n} segments): edit the English, then "
               f"`brief review import {file}`")


REVIEW_SUFFIXES = (".xlf", ".xliff", ".tsv", ".txt", ".csv", ".xml")


def _old_spellings(out: Path, old_from: Path | None,
                   file: Path | None) -> tuple[Path, Path | None]:
    """(build folder, file) from this round's spellings and the old ones, which still work:
    `--from DIR` was the build folder, and `--out FILE` the file (a build folder never ends
    in .xlf or .tsv, so the two meanings of --out cannot be mistaken)."""
    if out.suffix.lower() in REVIEW_SUFFIXES and not out.is_dir():
        if file is not None:
            raise BriefError(f"--out {out} names a file, and so does {file}: give the file "
                             "once (`brief review export FILE`)")
        out, file = Path("out"), out
    if old_from is not None:
        if out != Path("out"):
            raise BriefError(f"--from {old_from} and --out {out}: --from is the old name of "
                             "--out (the build folder); give one")
        out = old_from
    return out, file


@command.command("import", epilog=examples("brief review import out/review.xlf"))
@path_argument("file")
@glossary_dir
def review_import(file: Path, directory: Path, follow_links: bool) -> None:
    """Take the edited English of FILE (XLIFF 1.2 or 2.x, or TSV) into the memory.

    A segment whose English you changed (or marked final) is imported; glossary and number
    rules it breaks are reported as warnings.
    """
    from brief.glossary.terms import load_glossary
    from brief.render.common import plural
    from brief.review.exchange import import_edits
    from brief.translate.memory import FILE_NAME, Memory

    memory_path = directory / FILE_NAME
    n, changed, warnings = import_edits(file, load_glossary(directory, follow_links),
                                        Memory(memory_path))
    for w in warnings:
        click.echo(f"warning: {w}", err=True)
    click.echo(f"{file}: {plural(n, 'edited segment')}, {changed} new or changed in "
               f"{memory_path}; the next `brief build` uses them without the model")
