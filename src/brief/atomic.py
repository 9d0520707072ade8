"""Atomic file replacement: a failed write never leaves a truncated file over a good one.

The rules (README, "Safety"): a new file gets the user's umask, an existing file keeps its
mode (0600 stays 0600); a read-only file is refused, not silently rewritten; a symlink is
written through (its target is replaced, the link stays a link); a failed write (disk full)
is one line naming the file and leaves no temporary file behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from brief.errors import BriefError


def _umask() -> int:
    """The process umask (os.umask can only be read by setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _why(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "disk full"
    return exc.strerror or str(exc)


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path` (or beside its symlink's target), fsync, then
    rename over it, keeping the existing file's mode or, for a new file, the umask's."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefError(f"{target.parent}: cannot create the directory ({_why(exc)})") from None
    try:
        st = target.stat()
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as exc:
        raise BriefError(f"{path}: cannot write ({_why(exc)})") from None
    else:
        if not stat.S_ISREG(st.st_mode):
            raise BriefError(f"{path}: is not a regular file; not replacing it")
        if not st.st_mode & 0o222:
            raise BriefError(f"{path}: is read-only (mode {stat.S_IMODE(st.st_mode):04o}); "
                             "not rewriting it (chmod u+w it to allow edits)")
        mode = stat.S_IMODE(st.st_mode)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise BriefError(f"{target.parent}: cannot write output ({_why(exc)})") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BriefError(f"{path}: cannot write ({_why(exc)}); the previous file is "
                         "unchanged") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable; some filesystems cannot fsync a directory, which is fine."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def locked(*directories: Path) -> Iterator[None]:
    """Hold an exclusive lock on each directory (flock on the directory itself, so no lock
    file is left in the user's folder) for a read-modify-write of files in it; parallel
    `brief glossary add` runs then queue instead of losing each other's rows."""
    import fcntl

    fds: list[int] = []
    try:
        for d in sorted({Path(os.path.realpath(d)) for d in directories}):  # one order: no deadlock
            if not d.is_dir():
                continue  # nothing to protect; the caller reports the missing folder
            try:
                fd = os.open(d, os.O_RDONLY | os.O_DIRECTORY)
            except OSError as exc:
                raise BriefError(f"{d}: cannot lock ({_why(exc)})") from None
            fds.append(fd)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        for fd in fds:
            os.close(fd)  # closing releases the lock
