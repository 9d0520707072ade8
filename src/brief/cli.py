"""Command line: `brief build`, `brief models ...`, `brief glossary ...`.

Heavy modules (argostranslate, ctranslate2, reportlab, sudachipy) load inside commands only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from brief.errors import BriefError


class _Group(click.Group):
    """Turn BriefError into one line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except BriefError as exc:
            click.echo(f"brief: error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="brief")
def main() -> None:
    """Turn Japanese sources on US–Japan relations into an English policy brief.

    Daily use: drop articles into seeds/, run `brief build`, edit glossary/terms.tsv,
    rebuild, and mail out/brief.pdf.
    """


def _progress() -> Callable | None:
    if not sys.stderr.isatty():
        return None

    def bar(items: list, label: str = "") -> object:
        return click.progressbar(items, label=label, file=sys.stderr)

    return bar


@main.command()
@click.option("--sources", type=click.Path(path_type=Path), default=Path("seeds"),
              show_default=True, help="Directory of source articles (.txt, .md, .html).")
@click.option("--glossary", type=click.Path(path_type=Path), default=Path("glossary"),
              show_default=True, help="Directory of glossary TSV files.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="Output directory.")
@click.option("--config", type=click.Path(path_type=Path), default=Path("brief.toml"),
              show_default=True, help="Build configuration (sections, curation).")
@click.option("--no-translate", is_flag=True, help="Skip translation: a Japanese-only brief.")
@click.option("--strict", is_flag=True, help="Fail when any glossary rule is violated.")
@click.option("--dated-name", is_flag=True,
              help="Name outputs DATE_slug.pdf (e.g. 2025-10-28_us-japan-summit.pdf).")
@click.option("--format", "formats", multiple=True,
              type=click.Choice(["json", "md", "docx", "pdf"]),
              help="Formats to write (default: all).")
def build(sources: Path, glossary: Path, out: Path, config: Path, no_translate: bool,
          strict: bool, dated_name: bool, formats: tuple[str, ...]) -> None:
    """Build the brief from SOURCES into OUT (brief.docx, brief.pdf, brief.json, brief.md).

    Example: brief build --sources seeds --out out
    """
    from brief.pipeline import BuildOptions
    from brief.pipeline import build as run_build

    opts = BuildOptions(sources=sources, glossary=glossary, out=out, config=config,
                        translate=not no_translate, strict=strict, dated_name=dated_name,
                        formats=formats or ("json", "md", "docx", "pdf"))
    result = run_build(opts, progress=_progress())
    b = result.brief
    counts = ", ".join(f"{s.title}: {len(s.items)}" for s in b.sections)
    click.echo(f"{len(b.sources)} sources → bottom line {len(b.bottom_line)}, {counts}")
    if result.stats is not None:
        st = result.stats
        click.echo(f"translation: {st.segments} segments, {st.cached} from cache, "
                   f"{st.translated} translated ({st.retried} retried for the glossary)")
        if b.violations:
            click.echo(f"glossary: {len(b.violations)} violation(s):", err=True)
            for v in b.violations:
                click.echo(f"  item {v.item_id}: {v.term_ja} → expected {v.expected!r}: "
                           f"{v.problem}", err=True)
        else:
            click.echo("glossary: no violations")
    for path in result.outputs:
        click.echo(f"wrote {path}")
    if strict and b.violations:
        raise BriefError(f"--strict: {len(b.violations)} glossary violation(s)")


@main.group()
def models() -> None:
    """Manage the offline Japanese→English translation model (Argos Translate)."""


@models.command("list")
def models_list() -> None:
    """List installed Argos translation packages.

    Example: brief models list
    """
    from brief.models import installed_packages

    pkgs = installed_packages()
    if not pkgs:
        click.echo("no translation packages installed (brief models install)")
    for p in pkgs:
        click.echo(f"{p.from_code}→{p.to_code}\t{p.package_version}\t{p.package_path}")


@models.command("install")
@click.argument("file", required=False, type=click.Path(path_type=Path))
def models_install(file: Path | None) -> None:
    """Install the ja→en package from the Argos index, or from FILE.argosmodel.

    Examples: brief models install;  brief models install translate-ja_en-1_1.argosmodel
    """
    from brief.models import install_file, install_from_index

    done = install_file(file) if file else install_from_index()
    click.echo(f"installed {done}")


@main.group()
def glossary() -> None:
    """Inspect and validate the terminology glossary (glossary/*.tsv)."""


@glossary.command("check")
@click.option("--glossary", "directory", type=click.Path(path_type=Path),
              default=Path("glossary"), show_default=True)
def glossary_check(directory: Path) -> None:
    """Validate the glossary; errors name file and line.

    Example: brief glossary check
    """
    from brief.glossary import load_glossary

    g = load_glossary(directory)
    click.echo(f"{directory}: {len(g.terms)} terms, no problems")


@glossary.command("list")
@click.option("--glossary", "directory", type=click.Path(path_type=Path),
              default=Path("glossary"), show_default=True)
@click.option("--grep", default="", help="Only entries containing TEXT (ja, en or note).")
def glossary_list(directory: Path, grep: str) -> None:
    """List glossary entries.

    Example: brief glossary list --grep 防衛
    """
    from brief.glossary import load_glossary

    for t in load_glossary(directory).terms:
        if grep and not any(grep.lower() in f.lower() for f in (t.ja, t.en, t.note)):
            continue
        extra = f"  (variants: {', '.join(t.variants)})" if t.variants else ""
        click.echo(f"{t.ja}\t{t.en}{extra}")
