"""`brief memory`: the translation memory (glossary/memory.tmx) in from and out to colleagues'
CAT tools, as TMX 1.4b with ja-JP/en-US codes."""

from __future__ import annotations

from pathlib import Path

import click

from brief.commands.options import GLOSSARY_DIR, examples, path_argument, path_option

_memory_dir = path_option("--glossary", "directory", default="glossary", show_default=True,
                          help=f"{GLOSSARY_DIR} (its memory.tmx).")


@click.group("memory")
def command() -> None:
    """The translation memory, glossary/memory.tmx: English a person approved.

    A build uses an entry as is, without the model, wherever its Japanese matches a segment.
    """


@command.command("import", epilog=examples("brief memory import colleague.tmx"))
@path_argument("file")
@click.option("--replace", is_flag=True,
              help="Where both memories hold the same Japanese, take FILE's English.")
@_memory_dir
def memory_import(file: Path, replace: bool, directory: Path) -> None:
    """Add the ja/en pairs of a colleague's TMX FILE (any ja-*/en-* codes) to the memory.

    An entry whose Japanese the memory already holds with other English is a conflict:
    reported, and the memory's English kept unless --replace.
    """
    from brief.errors import BriefError
    from brief.render.common import plural
    from brief.translate.memory import FILE_NAME, Memory, read_tmx

    if not file.exists():  # a FIFO or a device: read_tmx refuses it by name
        raise BriefError(f"{file}: file not found")
    entries = read_tmx(file)
    memory_path = directory / FILE_NAME
    changed, conflicts = Memory(memory_path).merge(entries, replace)
    for ja in conflicts:
        click.echo(f"conflict: {file}: {ja!r} has other English in {memory_path} (kept; "
                   "--replace takes the file's)", err=True)
    click.echo(f"{file}: {plural(len(entries), 'ja/en pair')}, {changed} new or changed in "
               f"{memory_path}, {plural(len(conflicts), 'conflict')}")


@command.command("export", epilog=examples("brief memory export out/memory.tmx"))
@path_argument("file")
@_memory_dir
def memory_export(file: Path, directory: Path) -> None:
    """Write the memory to FILE as TMX 1.4b (ja-JP → en-US) for a CAT tool or a colleague.

    In OmegaT put it in the project's tm/auto/ folder to have its translations inserted.
    """
    from brief.atomic import atomic_write
    from brief.errors import BriefError
    from brief.translate.memory import FILE_NAME, read_tmx, tmx_bytes

    memory_path = directory / FILE_NAME
    if not memory_path.exists():
        raise BriefError(f"{memory_path}: no translation memory yet (`brief review import` "
                         "or `brief memory import` creates it)")
    entries = read_tmx(memory_path)
    atomic_write(file, tmx_bytes(entries))
    click.echo(f"wrote {file} ({len(entries)} {'entry' if len(entries) == 1 else 'entries'})")
