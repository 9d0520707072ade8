"""Command line: one module per command group, registered on the one `main` group here.

Heavy modules (argostranslate, ctranslate2, reportlab, sudachipy) load inside commands only,
so `brief --help` stays fast. Every BriefError becomes one line on stderr and exit code 1;
so does anything else left (an OSError names its file, any other exception is named as an
internal error), with the traceback only under `brief --debug`.
"""

from __future__ import annotations

import contextlib
from typing import Any

import click

from brief.errors import BriefError


class _Group(click.Group):
    """Turn BriefError, and anything else a command lets out, into one line on stderr and
    exit code 1 (130 for Ctrl-C); `--debug` shows the traceback of what is not a BriefError."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise  # click's own: usage errors (exit 2), --help, ctx.exit
        except BriefError as exc:
            _fail(ctx, f"brief: error: {exc}", 1)
        except KeyboardInterrupt:
            _fail(ctx, "brief: interrupted", 130)
        except OSError as exc:  # a full disk or stdout, a device: its file and the reason
            if ctx.meta.get("brief.debug"):
                raise
            _fail(ctx, f"brief: error: {_describe(exc)}", 1)
        except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
            if ctx.meta.get("brief.debug"):
                raise
            _fail(ctx, f"brief: error: {_describe(exc)} (run `brief --debug …` for the "
                  "traceback)", 1)
        return None

    def main(self, *args: Any, **kwargs: Any) -> Any:  # noqa: ANN401 - click's
        """Click's main, then what was printed flushed here (--help and --version too): a full
        or closed stdout (> /dev/full) is one line and exit 1, not Python's own complaint at
        exit with code 120."""
        import sys

        try:
            result = super().main(*args, **kwargs)
            sys.stdout.flush()
        except OSError as exc:  # outside a command (--help): writing its text failed
            _silence_stdout()
            with contextlib.suppress(OSError, ValueError):
                print(f"brief: error: {_describe(exc)}", file=sys.stderr)
            raise SystemExit(1) from None
        except SystemExit as done:  # click's standalone mode ends every run so
            try:
                sys.stdout.flush()
            except (OSError, ValueError) as exc:
                _silence_stdout()
                if done.code in (0, None):
                    with contextlib.suppress(OSError, ValueError):
                        print(f"brief: error: standard output: cannot write ({exc})",
                              file=sys.stderr)
                    raise SystemExit(1) from None
            raise
        return result


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so Python's own flush at exit adds no second message."""
    import os
    import sys

    with contextlib.suppress(OSError, ValueError):  # a captured stdout (tests) has no fd
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def _describe(exc: Exception) -> str:
    """One line for an exception no module turned into a BriefError: an OSError names its
    file and reason (a full disk, a device); anything else is named as brief's own fault."""
    from brief.errors import shown

    if isinstance(exc, OSError):
        if not exc.filename:  # a write to stdout or stderr (> /dev/full, a closed pipe)
            _silence_stdout()
            return f"standard output: cannot write ({exc.strerror or exc})"
        return f"{shown(exc.filename)}: {exc.strerror or exc}"
    text = " ".join(shown(str(exc)).split())[:300]
    return f"internal error: {type(exc).__name__}: {text}"


def _fail(ctx: click.Context, line: str, code: int) -> None:
    """LINE on stderr (a closed or full stderr cannot stop the exit code) and exit CODE."""
    with contextlib.suppress(OSError, ValueError):
        click.echo(line, err=True)
    ctx.exit(code)


def _debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    ctx.meta["brief.debug"] = value


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="brief")
@click.option("--debug", is_flag=True, expose_value=False, is_eager=True, callback=_debug,
              help="Show the traceback of an unexpected error (for a bug report).")
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
