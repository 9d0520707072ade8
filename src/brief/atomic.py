"""Atomic file replacement: a failed write never leaves a truncated file over a good one.

The rules (README, "Safety"): a new file gets the user's umask, an existing file keeps its
mode (0600 stays 0600); a read-only file is refused, not silently rewritten; a symlink is
written through (its target is replaced, the link stays a link) only when it stays in its
folder or the caller says follow_links (--follow-links); a failed write (disk full) is one line
naming the file and leaves no temporary file behind.

`replace_set` does the same for a build's whole set of outputs (see its docstring): staged in
a folder inside out/, committed by one marker, swapped in, and finished by `recover` at the
next start if a kill stopped it half-way, so out/ holds one build's files, never two.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from brief.errors import BriefError, read_input, shown, warn


def _umask() -> int:
    """The process umask (os.umask can only be read by setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _why(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "disk full"
    return exc.strerror or str(exc)


def link_target(path: Path, follow_links: bool) -> Path:
    """PATH itself, or the file its symlink names: refused (one line) when that is outside
    PATH's folder and the user did not say --follow-links (a link in out/ to a source or a
    file elsewhere must not be overwritten by a build)."""
    if not path.is_symlink():
        return path
    real = Path(os.path.realpath(path))
    if not follow_links and not real.is_relative_to(Path(os.path.realpath(path.parent))):
        raise BriefError(f"{shown(path)}: is a symlink to {shown(real)}, outside "
                         f"{shown(path.parent)}; not written through (use --follow-links to "
                         "allow it)")
    return real


def _mode_for(path: Path, target: Path) -> int:
    """The mode the new TARGET gets (its own, or the umask's for a new file); a folder, a
    device or a read-only file in the way is refused before anything is written."""
    try:
        st = target.stat()
    except FileNotFoundError:
        return 0o666 & ~_umask()
    except OSError as exc:
        raise BriefError(f"{shown(path)}: cannot write ({_why(exc)})") from None
    if not stat.S_ISREG(st.st_mode):
        raise BriefError(f"{shown(path)}: is not a regular file; not replacing it")
    if not st.st_mode & 0o222:
        raise BriefError(f"{shown(path)}: is read-only (mode {stat.S_IMODE(st.st_mode):04o}); "
                         "not rewriting it (chmod u+w it to allow edits)")
    return stat.S_IMODE(st.st_mode)


def atomic_write(path: Path, data: bytes, follow_links: bool = True) -> None:
    """Write to a temporary file beside `path` (or beside its symlink's target), fsync, then
    rename over it, keeping the existing file's mode or, for a new file, the umask's.
    FOLLOW_LINKS False: a symlink out of PATH's folder is refused (link_target)."""
    target = link_target(path, follow_links)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefError(f"{target.parent}: cannot create the directory ({_why(exc)})") from None
    mode = _mode_for(path, target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp",
                                   dir=target.parent)
    except OSError as exc:  # a read-only folder (or disk): the file itself is untouched
        raise BriefError(f"{shown(target.parent)}: cannot write in this folder ({_why(exc)}); "
                         f"{shown(target.name)} not changed") from None
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
    `brief glossary add` runs then queue instead of losing each other's rows. Temporary
    files a killed process left there are removed (sweep)."""
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
            sweep(d)  # what a killed edit left, now that no other edit runs here
        yield
    finally:
        for fd in fds:
            os.close(fd)  # closing releases the lock


# -- a build's outputs as one unit ------------------------------------------------------------

RECORD = "last-build.json"  # in the output directory: the build's set and hashes
STAGING = ".staging-"  # a build's outputs before they are swapped in: out/.staging-XXXXXXXX/
_COMMIT = "COMMIT"  # in a staging folder: every file is staged; the swap may go ahead
# atomic_write's temporary files: .NAME.PID-XXXXXXXX.tmp (before the PID: .NAME.XXXXXXXX.tmp)
_TEMP = re.compile(r"\..+\.(?:(?P<pid>\d+)-)?[A-Za-z0-9_]{8}\.tmp")


def pid_alive(pid: int) -> bool:
    """Whether process PID still runs (its temporary files may still be written)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's: running
        return True
    return pid > 0


def sweep(directory: Path) -> None:
    """Remove the temporary files a killed atomic_write left in DIRECTORY (a glossary
    folder, out/), those of processes still running left alone, so a parallel edit's
    file is never taken from under it."""
    if not directory.is_dir():
        return
    for entry in directory.iterdir():
        m = _TEMP.fullmatch(entry.name)
        if (m and m["pid"] and not pid_alive(int(m["pid"])) and entry.is_file()
                and not entry.is_symlink()):
            entry.unlink(missing_ok=True)


def replace_set(out: Path, files: list[tuple[str, bytes]], follow_links: bool = False) -> None:
    """Replace FILES (name, bytes; the build record last) in OUT as one unit. Every target
    is checked first (a folder, a read-only file, a symlink out of OUT: refused, nothing
    written); then every file is written and fsynced in a staging folder inside OUT, a COMMIT
    marker says the set is whole, and each file is renamed over its old one, the record
    last. A failure before the marker leaves OUT as it was; a kill after it is finished by
    the next `recover`, so a reader (under `locked(out)`) never sees two builds' files."""
    with locked(out):
        recover(out)
        modes = [_mode_for(out / name, link_target(out / name, follow_links))
                 for name, _ in files]
        through = [name for name, _ in files if (out / name).is_symlink()]
        stage = _stage(out)
        try:
            for (name, data), mode in zip(files, modes, strict=True):
                _write_new(stage / name, data, mode)
            _write_new(stage / _COMMIT, json.dumps(
                {"files": [n for n, _ in files], "through": through}).encode(), 0o600)
            _fsync_dir(stage)
        except OSError as exc:
            shutil.rmtree(stage, ignore_errors=True)
            raise BriefError(f"{shown(out)}: cannot write output ({_why(exc)}); the previous "
                             "outputs are unchanged") from None
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        _finish(out, stage)


def _stage(out: Path) -> Path:
    try:
        return Path(tempfile.mkdtemp(prefix=STAGING, dir=out))
    except OSError as exc:
        raise BriefError(f"{shown(out)}: cannot write output ({_why(exc)})") from None


def _write_new(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(path, mode)


def _finish(out: Path, stage: Path) -> None:
    """Swap a committed STAGE's files into OUT in its order (record last); a file already
    moved is skipped, so finishing twice (after a kill) is the same as once."""
    plan = json.loads(read_input(stage / _COMMIT, MAX_RECORD))
    try:
        for name in plan["files"]:
            staged = stage / name
            if not staged.exists():
                continue
            if name in plan["through"]:  # --follow-links: the link's target is replaced
                atomic_write(out / name, staged.read_bytes())
                staged.unlink()
            else:
                os.replace(staged, out / name)
    except OSError as exc:
        raise BriefError(f"{shown(out)}: cannot replace the outputs ({_why(exc)}); run "
                         "`brief build` again") from None
    _fsync_dir(out)
    shutil.rmtree(stage, ignore_errors=True)


def settled(out: Path) -> None:
    """OUT as a reader may use it: whatever a killed build left finished or removed first
    (under the folder's lock, so a build swapping its set in is waited for)."""
    with locked(out):
        recover(out)


def recover(out: Path) -> None:
    """What a killed build left in OUT: a committed set is swapped in (its files are whole,
    and the old set's record is already gone for some of them), an uncommitted one and stray
    temporary files are removed. Run (under `locked(out)`) at the start of every build and
    every read of out/ (`settled`)."""
    if not out.is_dir():
        return
    for entry in sorted(out.iterdir()):
        if entry.name.startswith(STAGING) and entry.is_dir() and not entry.is_symlink():
            if (entry / _COMMIT).is_file():
                warn(f"{shown(out)}: finishing the replacement of the outputs a killed build "
                     "left half-done")
                _finish(out, entry)
            else:
                shutil.rmtree(entry, ignore_errors=True)
        elif _TEMP.fullmatch(entry.name) and entry.is_file() and not entry.is_symlink():
            entry.unlink(missing_ok=True)


MAX_RECORD = 1 << 20  # bytes: a record names a handful of files
MAX_OUTPUT = 512 * 2**20  # bytes: the largest output a reader hashes (a PDF of a big build)


def read_record(out_dir: Path) -> dict[str, dict[str, str]]:
    """The outputs of the last complete build in OUT_DIR ({format: {file, sha256}}), {} before
    any build that kept a record. A half-swapped set is finished first (`settled`); a record
    that is a link out of OUT_DIR, too big, or names anything but a plain file name in
    OUT_DIR (a path, '..', a link leading out) is refused in one line."""
    return _read_record(out_dir, "outputs")


def _read_record(out_dir: Path, part: str) -> dict[str, dict[str, str]]:
    """PART of the record ("outputs", or "kept": the files a build keeps beside them), each
    entry checked (see read_record); {} before any build, or when the record has no PART."""
    settled(out_dir)
    path = out_dir / RECORD
    if not path.is_file():
        return {}
    try:
        link_target(path, False)
        record = json.loads(read_input(path, MAX_RECORD).decode("utf-8"))
        entries = record["outputs"] if part == "outputs" else record.get(part, {})
        for v in entries.values():
            _check_entry(out_dir, v)
        return dict(entries)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, BriefError) as exc:
        raise BriefError(f"{shown(path)}: not a build record written by `brief build` "
                         f"({exc})") from None


def kept(out_dir: Path, name: str) -> Path | None:
    """The file NAME the last build kept beside its outputs (its record's "kept": the
    previous build's brief.json), checked against its hash; None when it kept none, or the
    file is missing or was edited since (nothing to compare with is not an error)."""
    import hashlib

    entry = _read_record(out_dir, "kept").get(name)
    if entry is None:
        return None
    path = out_dir / entry["file"]
    if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
        return None
    return path


def _check_entry(out_dir: Path, entry: object) -> None:
    if not (isinstance(entry, dict) and isinstance(entry.get("file"), str)
            and isinstance(entry.get("sha256"), str)):
        raise TypeError("an output without a file name and hash")
    name = entry["file"]
    if name in ("", ".", "..") or "/" in name or "\\" in name or name.startswith(STAGING):
        raise ValueError(f"{name!r} is not a file name in {shown(out_dir)}")
    link_target(out_dir / name, False)


def recorded(out_dir: Path, fmt: str) -> Path | None:
    """The FMT file the last build wrote in OUT_DIR, checked against the record's hash; None
    before any build that kept a record. One line when that build wrote none, or the file is
    missing or no longer the one it wrote (edited since)."""
    import hashlib

    record = read_record(out_dir)
    if not record:
        return None
    if fmt not in record:
        raise BriefError(f"{shown(out_dir / RECORD)}: the last build wrote no {fmt} file "
                         f"(build with --format {fmt})")
    path = out_dir / record[fmt]["file"]
    if not path.is_file():
        raise BriefError(f"{shown(path)}: missing; the last build wrote it (run `brief build` "
                         "again)")
    if hashlib.sha256(read_input(path, MAX_OUTPUT)).hexdigest() != record[fmt]["sha256"]:
        raise BriefError(f"{shown(path)}: not the file the last build wrote (edited since); "
                         "run `brief build` again")
    return path
