"""The options several commands share, each declared once: every path option and argument
refuses an empty path the same way, --follow-links and --backend/--server read alike."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from brief.errors import BriefError
from brief.timing import Now
from brief.translate.backends import BACKENDS

F = TypeVar("F", bound=Callable[..., Any])


def _path(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """A path as a Path; an empty one ('') is refused rather than silently taken as the
    current folder."""
    if value is None:
        return None
    if not value.strip():
        name = param.opts[0] if param.opts else param.name
        raise BriefError(f"{name} '': empty path (to mean the current folder, write .)")
    return Path(value)


def path_option(*decls: str, **kwargs: Any) -> Callable[[F], F]:  # noqa: ANN401 - click's
    """A path option, the one way every command declares one."""
    return click.option(*decls, type=click.Path(), callback=_path, **kwargs)


def path_argument(name: str, **kwargs: Any) -> Callable[[F], F]:  # noqa: ANN401 - click's
    """A path argument, refused when empty like every path option."""
    return click.argument(name, type=click.Path(), callback=_path, **kwargs)


follow_links = click.option(
    "--follow-links", is_flag=True,
    help="Read source and glossary files that are symlinks to files outside their folder "
         "(refused by default).")

# One name, one meaning (#27): each option several commands share is declared here once, and
# its help starts with the same words everywhere (tests/test_option_names.py checks it). The
# build folder is --out DIR in every command that writes or reads a build; --from is only
# email's sender (review export's old --from DIR is a hidden alias of its --out).
GLOSSARY_DIR = "The glossary folder"
BUILD_DIR = "The build folder"
CONFIG_FILE = "The configuration file"
SOURCES_DIR = "The folder of source articles"

_glossary_dir = path_option("--glossary", "directory", default="glossary", show_default=True,
                            help=f"{GLOSSARY_DIR} (every *.tsv in it).")


def out_dir(what: str) -> Callable[[F], F]:
    """--out DIR, the build folder, in every command that writes or reads a build."""
    return path_option("--out", "out", default="out", show_default=True,
                       help=f"{BUILD_DIR}: {what}")


def config_file(what: str) -> Callable[[F], F]:
    """--config FILE, brief.toml, in every command that reads it."""
    return path_option("--config", default="brief.toml", show_default=True,
                       help=f"{CONFIG_FILE}: {what}")


sources_dir = path_option("--sources", default="seeds", show_default=True,
                          help=f"{SOURCES_DIR} (.txt, .md, .html, .pdf, .docx, .eml).")


def glossary_dir(f: F) -> F:
    """--glossary DIR and --follow-links, shared by every command that reads the glossary."""
    return _glossary_dir(follow_links(f))


def backend_options(f: F) -> F:
    """--backend and --server, shared by every command that translates."""
    f = click.option("--server", metavar="URL", default=None,
                     help="Translate through the LibreTranslate server at URL "
                          "(overrides [translation] url; implies --backend libretranslate).")(f)
    return click.option("--backend", type=click.Choice(list(BACKENDS)), default=None,
                        help="Translation backend (overrides [translation] backend).")(f)


EVERY = 5.0  # seconds between two progress lines


def progress_mode() -> str:
    """'bar' on a terminal, 'lines' otherwise (a log, CI, a pipe), 'off' when BRIEF_PROGRESS
    says so (the tests set it, so their exact stderr stays exact)."""
    mode = os.environ.get("BRIEF_PROGRESS", "").strip().lower()
    if mode in ("off", "bar", "lines"):
        return mode
    return "bar" if sys.stderr.isatty() else "lines"


def progress() -> Callable[..., object] | None:
    """A progress bar on stderr when it is a terminal; otherwise the batches are counted in
    timing.Now for the progress lines (heartbeat)."""
    if progress_mode() == "bar":
        def bar(items: list[Any], label: str = "") -> object:
            return click.progressbar(items, label=label, file=sys.stderr)

        return bar
    return _counted


@contextmanager
def _counted(items: list[Any], label: str = "") -> Iterator[Iterator[Any]]:
    def each() -> Iterator[Any]:
        Now.total = len(items)
        for n, item in enumerate(items):
            Now.done = n
            yield item
        Now.done = len(items)

    yield each()


@contextmanager
def heartbeat(what: str) -> Iterator[None]:
    """A line on stderr every EVERY seconds while WHAT runs: the time so far, the stage, the
    batches translated — so a log (no terminal) shows a long build is alive, and a terminal
    is not silent before the translation's bar. The first line comes after EVERY seconds: a
    quick build prints none."""
    mode = progress_mode()
    if mode == "off":
        yield
        return
    stop, start = threading.Event(), time.monotonic()

    def beat() -> None:
        while not stop.wait(EVERY):
            if mode == "bar" and Now.total:  # the translation's bar is drawing
                continue
            done = f", {Now.done} of {Now.total} batches" if Now.total else ""
            click.echo(f"{what}: {time.monotonic() - start:.0f} s, {Now.stage or 'starting'}"
                       f"{done}", err=True)

    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def examples(*lines: str) -> str:
    """A command's epilog: 'Examples:' and one command per line, kept as written (click's
    \\b), so `--help` shows them as they run and tests/test_examples.py runs each one."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)
