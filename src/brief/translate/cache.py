"""The translation cache: SQLite, one row per (model, glossary entries, segment).

It commits per batch, so a build killed mid-translation resumes from what was already done.
A cache that cannot be used (corrupt, truncated, another program's table, a folder in its
place) is set aside and rebuilt with a warning: it only saves time, so it never stops a build.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from brief.errors import BriefError, warn
from brief.glossary.terms import Term

_COLUMNS = [("key", "TEXT"), ("value", "TEXT")]


class Cache:
    """Translations keyed by (model, glossary entries in the segment, segment text)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.db: sqlite3.Connection | None = None
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise BriefError(f"{path.parent}: cannot create the translation cache folder "
                                 f"({exc.strerror})") from None
            try:
                self.db = self._open(path)
            except sqlite3.OperationalError as exc:  # disk full, locked, read-only: keep it
                warn(f"{path}: cannot use the translation cache ({exc}); this build goes on "
                     "without caching")
                return
            except (sqlite3.DatabaseError, _Unusable) as exc:
                self._set_aside(path, str(exc))
                try:
                    self.db = self._open(path)
                except sqlite3.Error as again:
                    raise BriefError(f"{path}: cannot create the translation cache "
                                     f"({again})") from None

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        if path.exists() and not path.is_file():
            raise _Unusable("not a file")
        db = sqlite3.connect(path)
        try:
            if db.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise _Unusable("failed its integrity check")
            db.execute("CREATE TABLE IF NOT EXISTS t (key TEXT PRIMARY KEY, value TEXT)")
            cols = [(r[1], r[2].upper()) for r in db.execute("PRAGMA table_info(t)")]
            if cols != _COLUMNS:
                raise _Unusable("has another program's table layout")
            db.commit()
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _set_aside(path: Path, why: str) -> None:
        """Remove an unusable cache file; a folder in its place (maybe the user's) is moved
        aside to PATH.unusable rather than deleted."""
        if path.is_dir() and not path.is_symlink():
            aside = path.with_name(path.name + ".unusable")
            if aside.is_dir():
                shutil.rmtree(aside, ignore_errors=True)
            else:
                aside.unlink(missing_ok=True)
            path.rename(aside)
            warn(f"{path}: the translation cache is a folder; moved it to {aside} and started "
                 "a new cache (everything is translated again)")
            return
        for extra in ("", "-journal", "-wal", "-shm"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
        warn(f"{path}: the translation cache was unusable ({why}); started a new one "
             "(everything is translated again)")

    @staticmethod
    def key(model_id: str, text: str, terms: list[Term]) -> str:
        entries = sorted((t.ja, t.en, t.forbidden, t.variants, t.case) for t in terms)
        blob = json.dumps([model_id, entries, text], ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        """The cached result, or None when absent or not the shape this version writes (a
        hand-edited or foreign row is translated again, not trusted)."""
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT value FROM t WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:  # damage quick_check missed: this lookup is a miss
            return None
        if not row or not isinstance(row[0], str):
            return None
        try:
            value = json.loads(row[0])
        except ValueError:
            return None
        return value if _well_formed(value) else None

    def put_many(self, rows: list[tuple[str, dict[str, Any]]]) -> None:
        if self.db is None:
            return
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO t VALUES (?, ?)",
                                    [(k, json.dumps(v, ensure_ascii=False)) for k, v in rows])
        except sqlite3.Error as exc:  # disk full, locked by another build: go on uncached
            warn(f"{self.path}: cannot write the translation cache ({exc}); this build goes "
                 "on without caching")
            self.db.close()
            self.db = None

    def close(self) -> None:
        if self.db is not None:
            self.db.close()


class _Unusable(Exception):
    """The cache file exists but is not a translation cache this version can use."""


_VIOLATION_KEYS = {"term_ja", "expected", "problem"}


def _well_formed(value: object) -> bool:
    return (isinstance(value, dict) and isinstance(value.get("en"), str)
            and isinstance(value.get("violations"), list)
            and all(isinstance(v, dict) and set(v) == _VIOLATION_KEYS
                    and all(isinstance(x, str) for x in v.values())
                    for v in value["violations"]))
