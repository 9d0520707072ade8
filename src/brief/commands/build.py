"""`brief build`: every stage, then the report of what was built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from brief.commands.options import (
    GLOSSARY_DIR,
    backend_options,
    config_file,
    examples,
    follow_links,
    heartbeat,
    out_dir,
    path_option,
    progress,
    sources_dir,
)
from brief.errors import BriefError
from brief.render import PDF_ENGINES, WRITERS

# A build allocates millions of small objects (morphemes, candidates, flowables) that live
# until it ends. At CPython's default thresholds (700, 10, 10) the collector ran 7,810 young
# and 23 full collections in a 2,000-article build: 11 s of its 83 s, finding little. The
# command owns its process, so it spaces collections out while it builds; an API caller of
# pipeline.build keeps its own settings. Measured: 500 news articles, 4 paired whole-process
# runs, wall ratio 0.95 (0.91-1.01), +9 MiB peak; 2,000: collector time 11.1 s -> 3.2 s.
GC_THRESHOLD = (50_000, 20, 100)


@contextmanager
def spaced_collections() -> Iterator[None]:
    """GC_THRESHOLD while the block runs, the caller's thresholds after (a test runs the
    CLI in its own process)."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@click.command("build", epilog=examples(
    "brief build", "brief build --no-translate", "brief build --dated-name --format pdf"))
@sources_dir
@path_option("--glossary", default="glossary", show_default=True,
             help=f"{GLOSSARY_DIR} (every *.tsv in it).")
@out_dir("where the outputs are written.")
@config_file("sections, curation, translation, output.")
@click.option("--no-translate", is_flag=True, help="Skip translation: a Japanese-only brief.")
@click.option("--strict", is_flag=True,
              help="Fail when any glossary rule is violated or any point is flagged.")
@click.option("--dated-name", is_flag=True,
              help="Name outputs DATE_slug.pdf (e.g. 2025-10-28_us-japan-summit.pdf).")
@click.option("--format", "formats", multiple=True, type=click.Choice(list(WRITERS)),
              help="Formats to write (default: all).")
@click.option("--pdf-engine", type=click.Choice(list(PDF_ENGINES)), default="standard",
              show_default=True,
              help="accessible: a tagged PDF/UA (screen readers, Section 508) made from the "
                   "DOCX by LibreOffice; standard: compact, notes at each page's foot.")
@path_option("--reference-doc", default=None,
             help="An office's .docx whose styles, page and fonts the DOCX (and the "
                  "accessible PDF) take, as Pandoc's (overrides [output] reference_doc).")
@click.option("--timings", is_flag=True,
              help="Print the wall time of each build stage (on stderr).")
@click.option("--json", "as_json", is_flag=True,
              help="Print the build's report as JSON on stdout (warnings stay on stderr).")
@follow_links
@backend_options
def command(sources: Path, glossary: Path, out: Path, config: Path, no_translate: bool,
            strict: bool, dated_name: bool, formats: tuple[str, ...], pdf_engine: str,
            reference_doc: Path | None, timings: bool, as_json: bool, follow_links: bool,
            backend: str | None, server: str | None) -> None:
    """Build the brief from SOURCES into OUT (brief.docx, brief.pdf, brief.json, brief.md).
    """
    from brief.commands.report import BuildReport
    from brief.model import FLAGGED
    from brief.options import BuildOptions
    from brief.pipeline import build as run_build

    opts = BuildOptions(sources=sources, glossary=glossary, out=out, config=config,
                        translate=not no_translate, strict=strict, dated_name=dated_name,
                        formats=formats, pdf_engine=pdf_engine, follow_links=follow_links,
                        reference_doc=reference_doc, backend=backend, server=server)
    with heartbeat("brief build"), spaced_collections():
        result = run_build(opts, progress=progress())
    if timings:
        click.echo(result.stages.table(), err=True)
    report = BuildReport.of(result)
    for m in report.messages:
        if m.stream == "err" or not as_json:
            click.echo(m.text, err=m.stream == "err")
    if as_json:
        click.echo(report.to_json())
    flagged = result.brief.translation_counts()["points"][FLAGGED]
    if strict and (result.brief.violations or flagged):
        raise BriefError(f"--strict: {len(result.brief.violations)} glossary violation(s), "
                         f"{flagged} flagged point{'s' if flagged != 1 else ''}; nothing "
                         f"written, {out} keeps the previous build")
