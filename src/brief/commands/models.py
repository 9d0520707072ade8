"""`brief models`: the offline ja→en translation package."""

from __future__ import annotations

from pathlib import Path

import click

from brief.commands.options import examples, path_argument


@click.group("models")
def command() -> None:
    """Manage the offline Japanese→English translation model (Argos Translate)."""


@command.command("list", epilog=examples("brief models list"))
def models_list() -> None:
    """List installed Argos translation packages.
    """
    from brief.translate.backends.argos import installed_packages

    pkgs = installed_packages()
    if not pkgs:
        click.echo("no translation packages installed (brief models install)")
    for p in pkgs:
        click.echo(f"{p.from_code}→{p.to_code}\t{p.package_version}\t{p.package_path}")


@command.command("install", epilog=examples(
    "brief models install", "brief models install translate-ja_en-1_1.argosmodel"))
@path_argument("file", required=False)
def models_install(file: Path | None) -> None:
    """Install the ja→en package from the Argos index, or from FILE.argosmodel.
    """
    from brief.translate.backends.argos import install_file, install_from_index

    done = install_file(file) if file else install_from_index()
    click.echo(f"installed {done}")
