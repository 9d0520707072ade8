"""`brief glossary`: edit, validate, exchange and grow the terminology glossary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from brief.commands.options import (
    backend_options,
    config_file,
    examples,
    glossary_dir,
    path_argument,
    path_option,
    sources_dir,
)
from brief.errors import BriefError


@click.group("glossary")
def command() -> None:
    """Edit, validate and exchange the terminology glossary (glossary/*.tsv).

    Edits change only the rows concerned: comments, order, BOM and line endings stay.
    """


@command.command("check", epilog=examples(
    "brief glossary check", "brief glossary check --against out/"))
@glossary_dir
@path_option("--against", default=None,
              help="Also report how the build in this directory (e.g. out/) rendered "
                   "each term.")
def glossary_check(directory: Path, follow_links: bool, against: Path | None) -> None:
    """Validate the glossary; errors name file and line.
    """
    from brief.glossary.terms import load_glossary
    from brief.translate.checks import term_reasons

    g = load_glossary(directory, follow_links)
    flagged = [(t, r) for t in g.terms if (r := term_reasons(t.en))]
    for t, reasons in flagged:
        click.echo(f"{t.where}: {t.ja} → {t.en!r}: {'; '.join(reasons)}")
    if flagged:
        raise BriefError(f"{directory}: {len(flagged)} of {len(g.terms)} renderings fail the "
                         "checks a build applies to machine output; fix them with `brief "
                         "glossary edit TERM --en …`")
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


@command.command("list", epilog=examples("brief glossary list --grep 防衛"))
@glossary_dir
@click.option("--grep", default="", help="Only entries containing TEXT (ja, en or note).")
def glossary_list(directory: Path, follow_links: bool, grep: str) -> None:
    """List glossary entries.
    """
    from brief.glossary.terms import load_glossary

    for t in load_glossary(directory, follow_links).terms:
        if grep and not any(grep.lower() in f.lower() for f in (t.ja, t.en, t.note)):
            continue
        extra = f"  (variants: {', '.join(t.variants)})" if t.variants else ""
        click.echo(f"{t.ja}\t{t.en}{extra}")


@command.command("add", epilog=examples(
    'brief glossary add 商務長官 "Commerce Secretary" --forbid "Secretary of Commerce"'))
@glossary_dir
@click.argument("ja")
@click.argument("en")
@click.option("--note", default="", help="Free-text note for translators.")
@click.option("--variant", "variants", multiple=True, help="Another Japanese spelling.")
@click.option("--forbid", "forbidden", multiple=True, help="An English rendering to refuse.")
@click.option("--case", type=click.Choice(["exact", "sentence"]), default=None,
              help="exact: keep capitals as written, even at sentence start.")
@click.option("--domain", default="", help="person, place, policy, ...")
@path_option("--into", default=None,
             help="The TSV file to add the row to (default: the first in the folder).")
@path_option("--file", "old_file", default=None, hidden=True)  # the old name of --into
def glossary_add(directory: Path, follow_links: bool, ja: str, en: str, note: str,
                 variants: tuple[str, ...],
                 forbidden: tuple[str, ...], case: str | None, domain: str,
                 into: Path | None, old_file: Path | None) -> None:
    """Add JA → EN as a new row.
    """
    from brief.glossary.edit import add_term
    from brief.glossary.terms import Term

    path = add_term(directory, Term(ja, en, note, variants, forbidden, case or "", domain),
                    into or old_file, follow_links)
    click.echo(f"{path}: added {ja} → {en}")


@command.command("remove", epilog=examples("brief glossary remove 商務長官"))
@glossary_dir
@click.argument("ja")
def glossary_remove(directory: Path, follow_links: bool, ja: str) -> None:
    """Remove the entry for JA.
    """
    from brief.glossary.edit import remove_term

    t = remove_term(directory, ja, follow_links)
    click.echo(f"{t.where.rsplit(':', 1)[0]}: removed {t.ja} → {t.en}")


@command.command("edit", epilog=examples(
    'brief glossary edit 防衛費 --en "defense budget" --note "MOD usage"'))
@glossary_dir
@click.argument("ja")
@click.option("--en", default=None, help="The new English rendering.")
@click.option("--note", default=None, help="The new note ('' clears it).")
@click.option("--variant", "variants", multiple=True,
              help="Replace the variants (repeat for several; --variant '' clears them).")
@click.option("--forbid", "forbidden", multiple=True,
              help="Replace the forbidden renderings (repeat; --forbid '' clears them).")
@click.option("--case", type=click.Choice(["exact", "sentence", ""]), default=None,
              help="exact, sentence, or '' to clear.")
@click.option("--domain", default=None, help="The new domain ('' clears it).")
def glossary_edit(directory: Path, follow_links: bool, ja: str, en: str | None,
                  note: str | None, variants: tuple[str, ...], forbidden: tuple[str, ...],
                  case: str | None, domain: str | None) -> None:
    """Change the row for JA in place; what you do not give stays as it is.
    """
    from brief.glossary.edit import edit_term
    from brief.translate.checks import term_reasons

    changes: dict[str, object] = {k: v for k, v in (("en", en), ("note", note), ("case", case),
                                                     ("domain", domain)) if v is not None}
    if variants:
        changes["variants"] = tuple(v for v in variants if v)
    if forbidden:
        changes["forbidden"] = tuple(v for v in forbidden if v)
    if not changes:
        raise BriefError(f"glossary edit {ja}: nothing to change (give --en, --note, "
                         "--variant, --forbid, --case or --domain)")
    if en is not None and (reasons := term_reasons(en)):
        raise BriefError(f"--en {en!r}: {'; '.join(reasons)}; nothing changed")
    old, new = edit_term(directory, ja, changes, follow_links)
    path = old.where.rsplit(":", 1)[0]
    diffs = [f"{k} {getattr(old, k)!r} → {getattr(new, k)!r}" for k in changes
             if getattr(old, k) != getattr(new, k)]
    click.echo(f"{path}: changed {ja}: {', '.join(diffs)}" if diffs
               else f"{path}: {ja} already so, nothing changed")


@command.command("suggest", epilog=examples(
    "brief glossary suggest", 'brief glossary suggest --accept 2="Tokyo"'))
@glossary_dir
@sources_dir
@config_file("its sections and [translation].")
@click.option("--limit", default=30, show_default=True, callback=lambda c, p, v: _positive(v),
              help="How many candidates (1 or more).")
@click.option("--no-translate", is_flag=True, help="Do not ask the model for renderings.")
@click.option("--accept", "accepted", multiple=True, metavar="N[=ENGLISH]",
              help="Add candidate N with the model's rendering (or with ENGLISH).")
@backend_options
def glossary_suggest(directory: Path, follow_links: bool, sources: Path, config: Path,
                     limit: int, no_translate: bool, accepted: tuple[str, ...],
                     backend: str | None, server: str | None) -> None:
    """Terms the sources use that the glossary lacks, ranked, with context.
    """
    from brief.config import load_config
    from brief.glossary.suggest import render_with_model, suggest
    from brief.glossary.terms import load_glossary
    from brief.pipeline import assemble
    from brief.translate.backends import get_backend
    from brief.translate.checks import term_reasons

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
            reasons = term_reasons(c.en) if c.en else []
            en = (f" → {c.en!r}" if not reasons else
                  f" → (model output flagged: {'; '.join(reasons)})") if c.en else ""
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


def _accept(directory: Path, cands: list[Any], accepted: tuple[str, ...],
            follow_links: bool) -> None:
    from brief.glossary.edit import add_term
    from brief.glossary.terms import Term
    from brief.translate.checks import term_reasons

    for spec in accepted:
        num, _, en = spec.partition("=")
        if not num.strip().isascii() or not num.strip().isdigit() \
                or not 1 <= int(num) <= len(cands):
            raise BriefError(f"--accept {spec}: no candidate {num!r} (1–{len(cands)})")
        c = cands[int(num) - 1]
        given = en.strip()
        en = given or c.en
        if not en:
            raise BriefError(f"--accept {spec}: no model rendering for {c.ja}; give the "
                             f"English: --accept {num}=ENGLISH")
        if reasons := term_reasons(en):
            whose = "your English" if given else "the model's rendering"
            raise BriefError(f"--accept {spec}: {whose} of {c.ja} {en!r} is flagged "
                             f"({'; '.join(reasons)}); nothing stored. Give the English: "
                             f"--accept {num}=ENGLISH")
        path = add_term(directory, Term(c.ja, en, domain=c.domain), follow_links=follow_links)
        click.echo(f"{path}: added {c.ja} → {en}")


@command.command("export", epilog=examples(
    "brief glossary export out/glossary.tbx", "brief glossary export --deepl out/deepl.csv"))
@glossary_dir
@path_argument("file")
@click.option("--tbx-version", type=click.Choice(["2", "3"]), default="2", show_default=True,
              help="TBX v2 (martif: OmegaT, memoQ, Trados) or TBX v3 (ISO 30042:2019).")
@click.option("--deepl", is_flag=True,
              help="A two-column CSV without a header (ja,en), as DeepL and Google Cloud "
                   "Translation take glossaries.")
def glossary_export(directory: Path, follow_links: bool, file: Path, tbx_version: str,
                    deepl: bool) -> None:
    """Write the glossary as TBX-Basic (.tbx) or CSV (.csv) for CAT tools and spreadsheets.

    Forbidden renderings are English terms with the status deprecatedTerm-admn-sts,
    variants Japanese terms with admittedTerm-admn-sts.
    """
    from brief.atomic import atomic_write
    from brief.glossary.exchange import export_bytes
    from brief.glossary.terms import load_glossary

    terms = load_glossary(directory, follow_links).terms
    atomic_write(file, export_bytes(terms, file, int(tbx_version), deepl))
    click.echo(f"wrote {file} ({len(terms)} terms)")


@command.command("import", epilog=examples("brief glossary import team-terms.tbx"))
@glossary_dir
@path_argument("file")
@path_option("--into", default=None,
             help="The TSV file to add the new rows to (default: the first in the folder).")
def glossary_import(directory: Path, follow_links: bool, file: Path,
                    into: Path | None) -> None:
    """Add the entries of a TBX or CSV file that the glossary does not have.

    A CSV is brief's export or a DeepL/Google glossary (two columns, ja,en, no header).

    Entries whose Japanese is already in the glossary with another English are reported
    and left as they are.
    """
    from brief.glossary.edit import merge_terms
    from brief.glossary.exchange import read_exchange

    report = merge_terms(directory, read_exchange(file), into, follow_links)
    for old, new in report.conflicts:
        click.echo(f"kept {old.ja} → {old.en!r} ({old.where}); {file} has {new.en!r}",
                   err=True)
    click.echo(f"{file}: {len(report.added)} added, {len(report.unchanged)} already "
               f"present, {len(report.conflicts)} conflicting (kept)")
