"""The error users see: one line naming the file (and line), turned into exit code 1 by the CLI."""

from pathlib import Path


class BriefError(Exception):
    """A problem with the user's input or environment, reported as one line."""


def read_input(path: Path | str) -> bytes:
    """The bytes of an input file, or a BriefError naming it (missing, unreadable, a folder)."""
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise BriefError(f"{p}: file not found") from None
    except IsADirectoryError:
        raise BriefError(f"{p}: is a directory, not a file") from None
    except OSError as exc:
        raise BriefError(f"{p}: cannot read ({exc.strerror})") from None
