"""The translation cache: SQLite, one row per (model, glossary entries, segment).

It commits per batch, so a build killed mid-translation resumes from what was already done.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from brief.glossary.terms import Term


class Cache:
    """Translations keyed by (model, glossary entries in the segment, segment text)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.db: sqlite3.Connection | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path)
            self.db.execute("CREATE TABLE IF NOT EXISTS t (key TEXT PRIMARY KEY, value TEXT)")
            self.db.commit()

    @staticmethod
    def key(model_id: str, text: str, terms: list[Term]) -> str:
        entries = sorted((t.ja, t.en, t.forbidden, t.variants, t.case) for t in terms)
        blob = json.dumps([model_id, entries, text], ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()

    def get(self, key: str) -> dict | None:
        if self.db is None:
            return None
        row = self.db.execute("SELECT value FROM t WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put_many(self, rows: list[tuple[str, dict]]) -> None:
        if self.db is None:
            return
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO t VALUES (?, ?)",
                                [(k, json.dumps(v, ensure_ascii=False)) for k, v in rows])

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
