"""The translation cache rebuilds itself, with a warning, whatever is in its place."""

import sqlite3
from pathlib import Path

import pytest

from brief.translate.cache import Cache


def _bad_caches(tmp: Path) -> dict[str, Path]:
    good = tmp / "good.sqlite3"
    c = Cache(good)
    c.put_many([(f"k{i}", {"en": "x" * 200, "violations": []}) for i in range(400)])
    c.close()
    data = good.read_bytes()
    made = {}
    for name, content in (("garbage", b"not a database at all" * 100),
                          ("truncated", data[: len(data) // 2]),
                          ("empty", b"")):
        p = tmp / name / "translations.sqlite3"
        p.parent.mkdir()
        p.write_bytes(content)
        made[name] = p
    other = tmp / "schema" / "translations.sqlite3"
    other.parent.mkdir()
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE t (a INTEGER, b BLOB, c TEXT)")
    db.commit()
    db.close()
    made["schema"] = other
    folder = tmp / "folder" / "translations.sqlite3"
    (folder / "inside").mkdir(parents=True)
    (folder / "inside" / "notes.txt").write_text("mine")
    made["folder"] = folder
    return made


@pytest.mark.parametrize("kind", ["garbage", "truncated", "schema", "folder"])
def test_an_unusable_cache_is_rebuilt_with_a_warning(tmp_path: Path, capsys, kind: str) -> None:  # noqa: ANN001
    path = _bad_caches(tmp_path)[kind]
    cache = Cache(path)
    cache.put_many([("k", {"en": "Hello", "violations": []})])
    assert cache.get("k") == {"en": "Hello", "violations": []}
    cache.close()
    err = capsys.readouterr().err
    assert err.startswith(f"brief: warning: {path}: the translation cache") and err.count("\n") == 1
    if kind == "folder":  # the user's folder is moved aside, not deleted
        assert (path.parent / "translations.sqlite3.unusable" / "inside" / "notes.txt").exists()


def test_an_empty_file_is_simply_a_new_cache(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    cache = Cache(_bad_caches(tmp_path)["empty"])
    assert cache.get("k") is None
    cache.close()
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("value", ["not json", "[1, 2]", '{"en": 5, "violations": []}',
                                   '{"en": "x", "violations": [{"term_ja": "a"}]}',
                                   '{"en": "x"}'])
def test_a_foreign_row_is_a_miss_not_a_crash(tmp_path: Path, value: str) -> None:
    path = tmp_path / "c.sqlite3"
    Cache(path).close()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO t VALUES ('k', ?)", (value,))
    db.commit()
    db.close()
    cache = Cache(path)
    assert cache.get("k") is None
    cache.close()


def test_a_full_disk_keeps_the_cache_and_goes_on_uncached(tiny_fs: Path, capsys) -> None:  # noqa: ANN001
    path = tiny_fs / "translations.sqlite3"
    cache = Cache(path)
    cache.put_many([("k", {"en": "Hello", "violations": []})])
    cache.close()
    (tiny_fs / "filler").write_bytes(b"")
    with open(tiny_fs / "filler", "wb") as f, pytest.raises(OSError):
        while True:
            f.write(b"x" * 65536)
            f.flush()
    cache = Cache(path)
    cache.put_many([(f"k{i}", {"en": "x" * 5000, "violations": []}) for i in range(200)])
    assert cache.get("k") in (None, {"en": "Hello", "violations": []})
    cache.close()
    err = capsys.readouterr().err
    assert "this build goes on without caching" in err and "unusable" not in err
    (tiny_fs / "filler").unlink()
    cache = Cache(path)
    assert cache.get("k") == {"en": "Hello", "violations": []}  # nothing was lost
    cache.close()
