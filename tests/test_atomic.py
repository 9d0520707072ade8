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
