"""The error users see: one line naming the file (and line), turned into exit code 1 by the CLI."""

from pathlib import Path


class BriefError(Exception):
    """A problem with the user's input or environment, reported as one line."""


def shown(path: Path | str) -> str:
    """A path as it can be printed and stored: a file name that is not valid UTF-8 (kept by
    Python as surrogate escapes, which no writer can encode) shows U+FFFD for its bad bytes,
    and for control characters (a terminal escape or a byte XML refuses)."""
    text = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("\ufffd" if has_control(ch) else ch for ch in text)


def read_input(path: Path | str) -> bytes:
    """The bytes of an input file, or a BriefError naming it (missing, unreadable, a folder)."""
    p = Path(path)
    try:
        return p.read_bytes()
    except ValueError:  # an embedded NUL in the name
        raise BriefError(f"{shown(p)!r}: not a valid file name") from None
    except FileNotFoundError:
        raise BriefError(f"{shown(p)}: file not found") from None
    except IsADirectoryError:
        raise BriefError(f"{shown(p)}: is a directory, not a file") from None
    except OSError as exc:
        raise BriefError(f"{shown(p)}: cannot read ({exc.strerror})") from None


def warn(message: str) -> None:
    """A problem the build works around (a rebuilt cache, a pin that matched nothing): one
    line on stderr, so the user learns what was done without the build failing."""
    import sys

    print(f"brief: warning: {message}", file=sys.stderr)


def has_control(text: str, allowed: str = "") -> str | None:
    """The first character of TEXT that cannot go into XML, a TSV cell or a mail header
    (C0 and C1 controls, DEL, lone surrogates, U+FFFE/U+FFFF), as U+XXXX; None when clean."""
    for ch in text:
        o = ord(ch)
        if ch in allowed:
            continue
        if o < 0x20 or 0x7F <= o <= 0x9F or 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF):
            return f"U+{o:04X}"
    return None


def check_inside(path: Path, directory: Path, follow_links: bool, what: str) -> None:
    """Refuse PATH when it resolves outside DIRECTORY (a symlink out of the folder) unless
    the user said --follow-links: the folder is what the user reviewed, not where links go."""
    if follow_links:
        return
    real, base = path.resolve(), directory.resolve()
    if not real.is_relative_to(base):
        raise BriefError(f"{shown(path)}: is a symlink to {shown(real)}, outside the {what} "
                         f"folder {shown(directory)}; not read (use --follow-links to allow it)")
