"""The error users see: one line naming the file (and line), turned into exit code 1 by the CLI."""

import os
import stat
from pathlib import Path


class BriefError(Exception):
    """A problem with the user's input or environment, reported as one line."""


def shown(path: Path | str) -> str:
    """A path as it can be printed and stored: a file name that is not valid UTF-8 (kept by
    Python as surrogate escapes, which no writer can encode) shows U+FFFD for its bad bytes,
    and for control characters (a terminal escape or a byte XML refuses)."""
    text = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("\ufffd" if has_control(ch) else ch for ch in text)


# The largest file brief reads whole unless its caller says otherwise: a glossary, a review
# file or a translation memory of a large office is a few MiB; 64 MiB is far past any of them
# and still reads in a second.
MAX_INPUT = 64 * 2**20


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in the words `ls -l` users know."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refuse(p: Path, exc: OSError) -> BriefError:
    if isinstance(exc, FileNotFoundError):
        return BriefError(f"{shown(p)}: file not found")
    if isinstance(exc, IsADirectoryError):
        return BriefError(f"{shown(p)}: is a directory, not a file")
    return BriefError(f"{shown(p)}: cannot read ({exc.strerror})")


def _too_big(p: Path, size: int, limit: int) -> BriefError:
    return BriefError(f"{shown(p)}: file is {size / 2**20:.1f} MiB; brief reads at most "
                      f"{limit / 2**20:g} MiB here (split it or remove it)")


def check_regular(path: Path | str, limit: int = MAX_INPUT) -> int:
    """The size of PATH, or a BriefError naming it when it is no regular file (a FIFO would
    block the read forever, /dev/zero never ends, a folder cannot be read) or over LIMIT:
    for a file handed to a library by name (SQLite, zipfile). Never blocks: it only stats."""
    p = Path(path)
    try:
        st = os.stat(p)
    except ValueError:  # an embedded NUL in the name
        raise BriefError(f"{shown(p)!r}: not a valid file name") from None
    except OSError as exc:
        raise _refuse(p, exc) from None
    if not stat.S_ISREG(st.st_mode):
        raise BriefError(f"{shown(p)}: is {kind_of(st.st_mode)}, not a file; not read")
    if st.st_size > limit:
        raise _too_big(p, st.st_size, limit)
    return st.st_size


def read_input(path: Path | str, limit: int = MAX_INPUT) -> bytes:
    """The bytes of an input file, or a BriefError naming it: missing, unreadable, no
    regular file (a FIFO, a device, a folder: checked on the opened file, which is opened
    without blocking) or over LIMIT bytes (checked before reading, and again while reading
    a file that grows). The one way brief reads a file it is given."""
    p = Path(path)
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except ValueError:  # an embedded NUL in the name
        raise BriefError(f"{shown(p)!r}: not a valid file name") from None
    except OSError as exc:
        raise _refuse(p, exc) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise BriefError(f"{shown(p)}: is {kind_of(st.st_mode)}, not a file; not read")
        if st.st_size > limit:
            raise _too_big(p, st.st_size, limit)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(2**20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise _too_big(p, total, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise _refuse(p, exc) from None
    finally:
        os.close(fd)


def read_text_input(path: Path | str, limit: int = MAX_INPUT, encoding: str = "utf-8") -> str:
    """read_input decoded; bytes that are not ENCODING are a BriefError naming the file and
    the line."""
    data = read_input(path, limit)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BriefError(f"{shown(path)}:{line}: not {encoding} text (invalid byte "
                         f"0x{data[exc.start]:02x})") from None


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
