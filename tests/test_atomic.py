"""atomic_write: modes kept, read-only refused, symlinks written through, disk full clean."""

import errno
import os
from pathlib import Path

import pytest

from brief.atomic import atomic_write, locked
from brief.errors import BriefError


def _mode(p: Path) -> int:
    return p.stat().st_mode & 0o777


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o755])
def test_an_existing_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    f = tmp_path / "terms.tsv"
    f.write_text("old")
    f.chmod(mode)
    atomic_write(f, b"new")
    assert f.read_bytes() == b"new" and _mode(f) == mode


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_users_umask(tmp_path: Path, umask: int, expected: int) -> None:
    old = os.umask(umask)
    try:
        atomic_write(tmp_path / "new" / "brief.json", b"{}")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "new" / "brief.json") == expected


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o000])
def test_a_read_only_file_is_refused_not_rewritten(tmp_path: Path, mode: int) -> None:
    f = tmp_path / "terms.tsv"
    f.write_text("keep me")
    f.chmod(mode)
    with pytest.raises(BriefError, match=r"terms.tsv: is read-only.*chmod u\+w"):
        atomic_write(f, b"new")
    f.chmod(0o600)
    assert f.read_text() == "keep me" and os.listdir(tmp_path) == ["terms.tsv"]


def test_a_symlink_is_written_through_to_its_target(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "team.tsv"
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "terms.tsv"
    link.symlink_to(target)
    atomic_write(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == b"new" and _mode(target) == 0o640
    assert sorted(os.listdir(shared)) == ["team.tsv"]  # no temp file left beside the target


def test_a_folder_in_the_way_is_refused(tmp_path: Path) -> None:
    (tmp_path / "brief.pdf").mkdir()
    with pytest.raises(BriefError, match="brief.pdf: is not a regular file"):
        atomic_write(tmp_path / "brief.pdf", b"%PDF")


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EDQUOT, errno.EIO])
def test_a_failing_write_is_one_line_and_leaves_no_temp_file(tmp_path: Path, monkeypatch,  # noqa: ANN001
                                                            err: int) -> None:
    f = tmp_path / "brief.md"
    f.write_text("previous build")

    def fail(fd: int) -> None:
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(BriefError) as exc:
        atomic_write(f, b"x" * 100_000)
    assert str(exc.value).startswith(f"{f}: cannot write (")
    assert ("disk full" in str(exc.value)) == (err != errno.EIO)
    assert f.read_text() == "previous build" and os.listdir(tmp_path) == ["brief.md"]


def test_a_really_full_disk_is_one_line_and_keeps_the_old_file(tiny_fs: Path) -> None:
    f = tiny_fs / "brief.pdf"
    atomic_write(f, b"old pdf")
    with pytest.raises(BriefError, match=r"brief.pdf: cannot write \(disk full\); the previous"):
        atomic_write(f, b"x" * 4 * 2**20)
    assert f.read_bytes() == b"old pdf" and os.listdir(tiny_fs) == ["brief.pdf"]


def test_locked_serialises_holders(tmp_path: Path) -> None:
    import fcntl

    with locked(tmp_path):
        fd = os.open(tmp_path, os.O_RDONLY)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(fd)
    fd = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released on leaving
    os.close(fd)


# -- a build's outputs as one unit (replace_set, recover) --------------------------------------

_NAMES = ["brief.json", "brief.md", "brief.html", "last-build.json"]


def _set(tag: str) -> list[tuple[str, bytes]]:
    return [(n, f"{tag}:{n}".encode()) for n in _NAMES]


def _state(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() if p.is_file() else b"<folder>" for p in out.iterdir()}


_KILLER = """
import os, signal, sys
from pathlib import Path
import brief.atomic as a
out, step = Path(sys.argv[1]), int(sys.argv[2])
count = [0]
def tick():
    count[0] += 1
    if count[0] == step:
        os.kill(os.getpid(), signal.SIGKILL)
real_write, real_replace = a._write_new, os.replace
def write_new(path, data, mode):
    real_write(path, data, mode); tick()
def replace(src, dst):
    real_replace(src, dst); tick()
a._write_new, a.os.replace = write_new, replace
a.replace_set(out, [(n, f"new:{n}".encode()) for n in %r])
"""


@pytest.mark.parametrize("step", range(1, 2 * len(_NAMES) + 2))
def test_kill_9_at_any_file_never_leaves_two_sets(tmp_path: Path, step: int) -> None:
    """kill -9 after each staged file, the commit marker and each swap: what a reader then
    sees (after `settled`, which every reader calls) is the old set or the new one, whole,
    with no staging folder or temporary file left."""
    import subprocess
    import sys

    from brief.atomic import settled

    out = tmp_path / "out"
    out.mkdir()
    old = dict(_set("old"))
    for name, data in old.items():
        (out / name).write_bytes(data)
    done = subprocess.run([sys.executable, "-c", _KILLER % _NAMES, str(out), str(step)],
                          capture_output=True, text=True)
    assert done.returncode == -9, done.stderr  # steps: 4 staged files, the marker, 4 swaps
    if step <= len(_NAMES) + 1:  # until the first swap: out/ as it was (and a staging folder)
        assert {k: v for k, v in _state(out).items() if not k.startswith(".")} == old
    settled(out)
    after = _state(out)
    new = {n: f"new:{n}".encode() for n in _NAMES}
    assert after in (old, new), (step, after)
    assert after == (old if step <= len(_NAMES) else new)


def test_a_set_with_one_bad_target_writes_nothing(tmp_path: Path) -> None:
    """A folder, a read-only file or a link out of out/ among the targets: refused before
    any file is replaced, and no staging folder is left."""
    from brief.atomic import replace_set

    outside = tmp_path / "elsewhere.docx"
    outside.write_bytes(b"not yours")
    for bad in ("dir", "readonly", "link"):
        out = tmp_path / bad
        out.mkdir()
        for name, data in _set("old"):
            (out / name).write_bytes(data)
        target = out / "brief.html"
        if bad == "dir":
            target.unlink()
            target.mkdir()
        elif bad == "readonly":
            target.chmod(0o444)
        else:
            target.unlink()
            target.symlink_to(outside)
        before = {p.name: p.is_dir() or p.read_bytes() for p in out.iterdir()}
        with pytest.raises(BriefError, match="brief.html"):
            replace_set(out, _set("new"))
        assert {p.name: p.is_dir() or p.read_bytes() for p in out.iterdir()} == before
        assert outside.read_bytes() == b"not yours"


def test_a_record_naming_a_file_outside_out_is_refused(tmp_path: Path) -> None:
    import json

    from brief.atomic import RECORD, read_record

    out = tmp_path / "out"
    out.mkdir()
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF secret")
    (out / "brief.pdf").symlink_to(secret)
    for name in ("../secret.pdf", str(secret), "brief.pdf"):
        (out / RECORD).write_text(json.dumps({"outputs": {"pdf": {"file": name,
                                                                   "sha256": "0" * 64}}}))
        with pytest.raises(BriefError, match="not a build record"):
            read_record(out)
