"""Command line: `brief build`, `brief models ...`, `brief glossary ...`.

Heavy modules (argostranslate, ctranslate2, reportlab, sudachipy) load inside commands only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from brief.errors import BriefError
from brief.render import PDF_ENGINES, WRITERS
from brief.translate.backends import BACKENDS


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


def _path(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """A path option as a Path; an empty one ('') is refused rather than silently taken as
    the current folder."""
    if value is None:
        return None
    if not value.strip():
        name = param.opts[0] if param.opts else param.name
        raise BriefError(f"{name} '': empty path (to mean the current folder, write .)")
    return Path(value)


def _path_option(*decls: str, **kwargs: Any) -> Callable:  # noqa: ANN401 - click's options
    return click.option(*decls, type=click.Path(), callback=_path, **kwargs)


_FOLLOW = click.option("--follow-links", is_flag=True,
                       help="Read source and glossary files that are symlinks to files "
                            "outside their folder (refused by default).")


def _progress() -> Callable | None:
    if not sys.stderr.isatty():
        return None

    def bar(items: list, label: str = "") -> object:
        return click.progressbar(items, label=label, file=sys.stderr)

    return bar


def _backend_options(f: Callable) -> Callable:
    """--backend and --server, shared by every command that translates."""
    f = click.option("--server", metavar="URL", default=None,
                     help="Translate through the LibreTranslate server at URL "
                          "(overrides [translation] url; implies --backend libretranslate).")(f)
    return click.option("--backend", type=click.Choice(list(BACKENDS)), default=None,
                        help="Translation backend (overrides [translation] backend).")(f)


@main.command()
@_path_option("--sources", default="seeds", show_default=True,
              help="Directory of source articles (.txt, .md, .html).")
@_path_option("--glossary", default="glossary", show_default=True,
              help="Directory of glossary TSV files.")
@_path_option("--out", default="out", show_default=True, help="Output directory.")
@_path_option("--config", default="brief.toml", show_default=True,
              help="Build configuration (sections, curation).")
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
@click.option("--timings", is_flag=True,
              help="Print the wall time of each build stage (on stderr).")
@_FOLLOW
@_backend_options
def build(sources: Path, glossary: Path, out: Path, config: Path, no_translate: bool,
          strict: bool, dated_name: bool, formats: tuple[str, ...], pdf_engine: str,
          timings: bool, follow_links: bool, backend: str | None, server: str | None
          ) -> None:
    """Build the brief from SOURCES into OUT (brief.docx, brief.pdf, brief.json, brief.md).

    Example: brief build --sources seeds --out out
    """
    from brief.options import BuildOptions
    from brief.pipeline import build as run_build
    from brief.render.common import plural

    opts = BuildOptions(sources=sources, glossary=glossary, out=out, config=config,
                        translate=not no_translate, strict=strict, dated_name=dated_name,
                        formats=formats, pdf_engine=pdf_engine, follow_links=follow_links,
                        backend=backend, server=server)
    result = run_build(opts, progress=_progress())
    if timings:
        click.echo(result.stages.table(), err=True)
    b = result.brief
    counts = ", ".join(f"{s.title}: {len(s.items)}" for s in b.sections)
    click.echo(f"{plural(len(b.sources), 'source')} → bottom line {len(b.bottom_line)}, "
               f"{counts}")
    empty = [s.title for s in b.sections if not s.items]
    if empty:
        click.echo(f"warning: no points for {', '.join(empty)}: no source sentence matched "
                   "their keywords; add sources or keywords in brief.toml", err=True)
    flagged = b.translation_counts()["points"]["flagged"]
    if result.stats is not None:
        _translation_summary(b, result.stats)
    if result.glyphs_fallback or result.glyphs_replaced:
        click.echo(f"pdf: {plural(result.glyphs_fallback, 'character')} drawn with a fallback "
                   f"font, {result.glyphs_replaced} replaced by a [U+XXXX] mark (no installed "
                   "font has them)")
    for path in result.outputs:
        click.echo(f"wrote {path}")
    if strict and (b.violations or flagged):
        raise BriefError(f"--strict: {len(b.violations)} glossary violation(s), "
                         f"{plural(flagged, 'flagged point')}; nothing written, {out} "
                         "keeps the previous build")


def _translation_summary(b: Any, st: Any) -> None:  # noqa: ANN401 - Brief, Stats (lazy)
    """The build's translation lines: counts on stdout; each text that needs an analyst,
    named as the brief names it, and the warning when most points are flagged, on stderr."""
    from brief.translate.report import flagged_line, text_lines, warning_line

    click.echo(f"translation: {st.segments} segments, {st.approved} from the translation "
               f"memory, {st.cached} from cache, {st.translated} translated "
               f"({st.retried} retried for the glossary)")
    pts = b.translation_counts()["points"]
    click.echo(f"points: {pts['approved']} approved by a person, {pts['machine']} "
               f"machine-translated, {pts['flagged']} flagged (shown in Japanese)")
    if line := flagged_line(b):
        click.echo(f"{line}; why: below, and in `brief review export`")
    for line in text_lines(b):
        click.echo(line, err=True)
    click.echo(f"glossary: {len(b.violations)} violation(s)" if b.violations
               else "glossary: no violations")
    if warning := warning_line(b):
        click.echo(warning, err=True)


@main.group()
def models() -> None:
    """Manage the offline Japanese→English translation model (Argos Translate)."""


@models.command("list")
def models_list() -> None:
    """List installed Argos translation packages.

    Example: brief models list
    """
    from brief.translate.backends.argos import installed_packages

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
    from brief.translate.backends.argos import install_file, install_from_index

    done = install_file(file) if file else install_from_index()
    click.echo(f"installed {done}")


@main.group()
def glossary() -> None:
    """Edit, validate and exchange the terminology glossary (glossary/*.tsv).

    Edits change only the rows concerned: comments, order, BOM and line endings stay.
    """


_GLOSSARY_DIR = _path_option("--glossary", "directory", default="glossary", show_default=True,
                             help="Glossary directory (every *.tsv in it).")


def _DIR(f: Callable) -> Callable:  # noqa: N802 - used as a decorator like click's options
    """--glossary DIR and --follow-links, shared by every glossary command."""
    return _GLOSSARY_DIR(_FOLLOW(f))


@glossary.command("check")
@_DIR
@_path_option("--against", default=None,
              help="Also report how the build in this directory (e.g. out/) rendered "
                   "each term.")
def glossary_check(directory: Path, follow_links: bool, against: Path | None) -> None:
    """Validate the glossary; errors name file and line.

    Examples: brief glossary check;  brief glossary check --against out/
    """
    from brief.glossary.terms import load_glossary

    g = load_glossary(directory, follow_links)
    click.echo(f"{directory}: {len(g.terms)} terms, no problems")
    if against is None:
        return
    from brief.review.audit import audit

    report = audit(against, g)
    if not report.translated:
        click.echo(f"{against}: the last build was not translated (--no-translate); "
                   f"{len(report.uses)} glossary terms occur in its points")
    bad = 0
    for use in report.uses:
        mark = "ok " if not use.violations else "BAD"
        click.echo(f"{mark} {use.ja} → {use.en!r}: {len(use.points)} point(s) "
                   f"({', '.join(use.points)})")
        for v in use.violations:
            bad += 1
            click.echo(f"      {v.item_id}: {v.problem}")
    for v in report.numbers:
        bad += 1
        click.echo(f"BAD number {v.term_ja} → {v.expected!r} in {v.item_id}: missing")
    if report.translated:
        click.echo(f"model {report.model}: {bad} violation(s) against the current glossary")
    if bad:
        raise BriefError(f"{against}: {bad} glossary violation(s); rebuild or edit the "
                         f"glossary")


@glossary.command("list")
@_DIR
@click.option("--grep", default="", help="Only entries containing TEXT (ja, en or note).")
def glossary_list(directory: Path, follow_links: bool, grep: str) -> None:
    """List glossary entries.

    Example: brief glossary list --grep 防衛
    """
    from brief.glossary.terms import load_glossary

    for t in load_glossary(directory, follow_links).terms:
        if grep and not any(grep.lower() in f.lower() for f in (t.ja, t.en, t.note)):
            continue
        extra = f"  (variants: {', '.join(t.variants)})" if t.variants else ""
        click.echo(f"{t.ja}\t{t.en}{extra}")


@glossary.command("add")
@_DIR
@click.argument("ja")
@click.argument("en")
@click.option("--note", default="", help="Free-text note for translators.")
@click.option("--variant", "variants", multiple=True, help="Another Japanese spelling.")
@click.option("--forbid", "forbidden", multiple=True, help="An English rendering to refuse.")
@click.option("--case", type=click.Choice(["exact", "sentence"]), default=None,
              help="exact: keep capitals as written, even at sentence start.")
@click.option("--domain", default="", help="person, place, policy, ...")
@_path_option("--file", default=None,
              help="TSV file to append to (default: the first in the directory).")
def glossary_add(directory: Path, follow_links: bool, ja: str, en: str, note: str,
                 variants: tuple[str, ...],
                 forbidden: tuple[str, ...], case: str | None, domain: str,
                 file: Path | None) -> None:
    """Add JA → EN as a new row.

    Example: brief glossary add 商務長官 "Commerce Secretary" --forbid "Secretary of Commerce"
    """
    from brief.glossary.edit import add_term
    from brief.glossary.terms import Term

    path = add_term(directory, Term(ja, en, note, variants, forbidden, case or "", domain),
                    file, follow_links)
    click.echo(f"{path}: added {ja} → {en}")


@glossary.command("remove")
@_DIR
@click.argument("ja")
def glossary_remove(directory: Path, follow_links: bool, ja: str) -> None:
    """Remove the entry for JA.

    Example: brief glossary remove 商務長官
    """
    from brief.glossary.edit import remove_term

    t = remove_term(directory, ja, follow_links)
    click.echo(f"{t.where.rsplit(':', 1)[0]}: removed {t.ja} → {t.en}")


@glossary.command("suggest")
@_DIR
@_path_option("--sources", default="seeds", show_default=True)
@_path_option("--config", default="brief.toml", show_default=True)
@click.option("--limit", default=30, show_default=True, callback=lambda c, p, v: _positive(v),
              help="How many candidates (1 or more).")
@click.option("--no-translate", is_flag=True, help="Do not ask the model for renderings.")
@click.option("--accept", "accepted", multiple=True, metavar="N[=ENGLISH]",
              help="Add candidate N with the model's rendering (or with ENGLISH).")
@_backend_options
def glossary_suggest(directory: Path, follow_links: bool, sources: Path, config: Path,
                     limit: int, no_translate: bool, accepted: tuple[str, ...],
                     backend: str | None, server: str | None) -> None:
    """Terms the sources use that the glossary lacks, ranked, with context.

    Examples: brief glossary suggest;  brief glossary suggest --accept 3 --accept 5="Tokyo"
    """
    from brief.config import load_config
    from brief.glossary.suggest import render_with_model, suggest
    from brief.glossary.terms import load_glossary
    from brief.pipeline import assemble
    from brief.translate.backends import get_backend

    g = load_glossary(directory, follow_links)
    cfg = load_config(config)
    cands = suggest(assemble(cfg, sources, follow_links), g, limit)
    with_model = False
    if not no_translate:
        try:
            render_with_model(cands, get_backend(cfg.translation, backend, server)
                              .translate_batch)
            with_model = True
        except BriefError as exc:  # no model or server: suggestions without its rendering
            click.echo(f"warning: no model renderings ({exc})", err=True)
    if not accepted:
        if not cands:
            click.echo("no candidates: the glossary covers the sources' terms")
        for n, c in enumerate(cands, 1):
            where = c.section or "sources only"
            en = f" → {c.en!r}" if c.en else ""
            click.echo(f"{n:3}. {c.ja}{en}  [{c.kind}; {c.count}× in {len(c.sources)} "
                       f"source(s); {where}]")
            click.echo(f"     {c.context[:90]}")
        if cands:
            hint = "" if with_model else "=ENGLISH"
            click.echo(f"accept with: brief glossary suggest --accept N{hint}")
        return
    _accept(directory, cands, accepted, follow_links)


def _positive(value: int) -> int:
    if value < 1:
        raise BriefError(f"--limit {value}: must be 1 or more")
    return value


def _accept(directory: Path, cands: list, accepted: tuple[str, ...],
            follow_links: bool) -> None:
    from brief.glossary.edit import add_term
    from brief.glossary.terms import Term

    for spec in accepted:
        num, _, en = spec.partition("=")
        if not num.strip().isascii() or not num.strip().isdigit() \
                or not 1 <= int(num) <= len(cands):
            raise BriefError(f"--accept {spec}: no candidate {num!r} (1–{len(cands)})")
        c = cands[int(num) - 1]
        en = en.strip() or c.en
        if not en:
            raise BriefError(f"--accept {spec}: no model rendering for {c.ja}; give the "
                             f"English: --accept {num}=ENGLISH")
        path = add_term(directory, Term(c.ja, en, domain=c.domain), follow_links=follow_links)
        click.echo(f"{path}: added {c.ja} → {en}")


@glossary.command("export")
@_DIR
@click.argument("file", type=click.Path(path_type=Path))
def glossary_export(directory: Path, follow_links: bool, file: Path) -> None:
    """Write the glossary as TBX (.tbx) or CSV (.csv) for CAT tools and spreadsheets.

    Example: brief glossary export out/glossary.tbx
    """
    from brief.atomic import atomic_write
    from brief.glossary.exchange import export_bytes
    from brief.glossary.terms import load_glossary

    terms = load_glossary(directory, follow_links).terms
    atomic_write(file, export_bytes(terms, file))
    click.echo(f"wrote {file} ({len(terms)} terms)")


@glossary.command("import")
@_DIR
@click.argument("file", type=click.Path(path_type=Path))
@_path_option("--into", default=None,
              help="TSV file to append new entries to (default: the first).")
def glossary_import(directory: Path, follow_links: bool, file: Path,
                    into: Path | None) -> None:
    """Add the entries of a TBX or CSV file that the glossary does not have.

    Entries whose Japanese is already in the glossary with another English are reported
    and left as they are. Example: brief glossary import team-terms.tbx
    """
    from brief.glossary.edit import merge_terms
    from brief.glossary.exchange import read_exchange

    report = merge_terms(directory, read_exchange(file), into, follow_links)
    for old, new in report.conflicts:
        click.echo(f"kept {old.ja} → {old.en!r} ({old.where}); {file} has {new.en!r}",
                   err=True)
    click.echo(f"{file}: {len(report.added)} added, {len(report.unchanged)} already "
               f"present, {len(report.conflicts)} conflicting (kept)")


@main.group()
def review() -> None:
    """Review round-trip: export the build's English for an analyst, import the corrections.

    Corrections go into glossary/memory.tmx (TMX 1.4b) and are used by the next build as is,
    without the model.
    """


@review.command("export")
@click.option("--from", "out_dir", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="The build directory (its brief.json).")
@click.option("--format", "fmt", type=click.Choice(["xliff", "tsv"]), default="xliff",
              show_default=True, help="XLIFF 2.1 for CAT tools, or TSV for a spreadsheet.")
@click.option("--out", "file", type=click.Path(path_type=Path), default=None,
              help="File to write (default: OUT_DIR/review.xlf or review.tsv).")
@_DIR
def review_export(out_dir: Path, fmt: str, file: Path | None, directory: Path,
                  follow_links: bool) -> None:
    """Write every segment of the build: Japanese, English, status, checks, terms, sources.

    Examples: brief review export;  brief review export --format tsv --out review.tsv
    """
    from brief.atomic import atomic_write
    from brief.glossary.terms import load_glossary
    from brief.review.exchange import export
    from brief.translate.memory import FILE_NAME, Memory

    data, n = export(out_dir, load_glossary(directory, follow_links),
                     Memory(directory / FILE_NAME), fmt)
    file = file or out_dir / ("review.xlf" if fmt == "xliff" else "review.tsv")
    atomic_write(file, data)
    click.echo(f"wrote {file} ({n} segments): edit the English, then "
               f"`brief review import {file}`")


@review.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@_DIR
def review_import(file: Path, directory: Path, follow_links: bool) -> None:
    """Take the edited English of FILE (XLIFF or TSV) into the translation memory.

    A segment whose English you changed (or marked final) is imported; glossary and number
    rules it breaks are reported as warnings. Example: brief review import out/review.xlf
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


@main.command()
@click.option("--to", "to", multiple=True, required=True, help="Recipient (repeatable).")
@click.option("--from", "sender", default="", help="Sender (required unless [mail] from is set).")
@click.option("--subject", default=None, help="Subject (default: the brief's title and date).")
@click.option("--out", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="The build directory with brief.json and brief.pdf.")
@click.option("--pdf", type=click.Path(path_type=Path), default=None,
              help="PDF to attach (default: the last build's PDF in OUT).")
@click.option("--config", type=click.Path(path_type=Path), default=Path("brief.toml"),
              show_default=True)
@click.option("--send", "do_send", is_flag=True,
              help="Also deliver through the SMTP server in [mail] of the config.")
@click.option("--allow-flagged", is_flag=True,
              help="Mail a brief with flagged points (machine translation failed: shown in "
                   "Japanese); refused by default.")
def email(to: tuple[str, ...], sender: str, subject: str | None, out: Path, pdf: Path | None,
          config: Path, do_send: bool, allow_flagged: bool) -> None:
    """Write OUT/brief.eml: the Bottom line as text, the PDF attached; --send mails it.

    Example: brief email --to desk@example.org --send
    """
    from brief.atomic import atomic_write
    from brief.config import load_config
    from brief.mail import compose, send

    cfg = load_config(config)
    msg = compose(out, pdf, list(to), sender or cfg.mail.sender, subject, allow_flagged)
    eml = out / "brief.eml"
    atomic_write(eml, msg.as_bytes())
    click.echo(f"wrote {eml}")
    if do_send:
        send(msg, cfg.mail)
        click.echo(f"sent to {', '.join(to)} via {cfg.mail.smtp_host}:{cfg.mail.smtp_port}")
