"""Command line: one module per command group, registered on the one `main` group here.

Heavy modules (argostranslate, ctranslate2, reportlab, sudachipy) load inside commands only,
so `brief --help` stays fast. Every BriefError becomes one line on stderr and exit code 1.
"""

from __future__ import annotations

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
    """Turn Japanese-language news into an English policy brief.

    Daily use: drop articles into seeds/, run `brief build`, edit glossary/terms.tsv,
    rebuild, and mail out/brief.pdf.
    """


def _register() -> None:
    """The command groups, in the order `brief --help` lists them."""
    from brief.commands import build, diff, email, glossary, init, memory, models, review

    for module in (init, build, diff, models, glossary, review, memory, email):
        main.add_command(module.command)


_register()
