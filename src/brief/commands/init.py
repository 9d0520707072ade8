"""`brief init [DIR]`: a project folder brief runs in, anywhere, not only in its checkout."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import click

from brief.commands.options import examples, path_argument
from brief.errors import BriefError

GITIGNORE = """# brief's outputs and caches: rebuilt by `brief build`
out/
*.lock
"""
# (file in the project, template in the package or None for the text above)
_FILES: tuple[tuple[str, str | None], ...] = (
    ("brief.toml", "brief.toml"), ("glossary/terms.tsv", "terms.tsv"),
    ("seeds/example.txt", "example.txt"), ("seeds/sources.toml", "sources.toml"),
    (".gitignore", None))


@click.command("init", epilog=examples(
    "brief init ~/briefs/weekly", "cd ~/briefs/weekly && brief build --no-translate"))
@path_argument("directory", default=".", required=False)
def command(directory: Path) -> None:
    """Make DIR (default: the current folder) a brief project: a commented brief.toml, a
    starter glossary/terms.tsv, seeds/ with an example article and its sources.toml entry,
    and a .gitignore.

    Nothing that exists is overwritten.
    """
    clash = [name for name, _ in _FILES if (directory / name).exists()]
    if clash:
        raise BriefError(f"{directory / clash[0]}: already exists; `brief init` writes only "
                         "into a folder without a brief project (nothing was changed)")
    template = files("brief") / "project"
    for name, source in _FILES:
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = GITIGNORE if source is None else (template / source).read_text(encoding="utf-8")
        path.write_text(text, encoding="utf-8")
    (directory / "out").mkdir(exist_ok=True)
    where = f" (cd {directory})" if str(directory) != "." else ""
    click.echo(f"made a brief project in {directory}: "
               f"{', '.join(name for name, _ in _FILES)}. Put articles in seeds/ (delete the "
               f"example and its sources.toml entry), then run `brief build` there{where}")
