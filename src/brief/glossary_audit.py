"""`brief glossary check --against out/`: how the last build rendered each glossary term.

Reads the build's `brief.json` (the model the renderers consumed) and checks every point
against the *current* glossary with the same verifier the build uses, so an analyst can
see whether an edit is already honoured or needs a rebuild.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from brief.errors import BriefError
from brief.glossary import Glossary
from brief.model import Violation
from brief.translate import protect, verify


@dataclass
class TermUse:
    ja: str
    en: str
    points: list[str] = field(default_factory=list)  # item ids whose Japanese has the term
    violations: list[Violation] = field(default_factory=list)


@dataclass
class Audit:
    translated: bool
    model: str
    uses: list[TermUse]
    numbers: list[Violation]  # numbers lost in translation


def _points(data: dict) -> list[dict]:
    seen: dict[str, dict] = {}
    for item in data.get("bottom_line", []):
        seen.setdefault(item["id"], item)
    for section in data.get("sections", []):
        for item in section.get("items", []):
            seen.setdefault(item["id"], item)
    return list(seen.values())


def audit(out_dir: Path, glossary: Glossary) -> Audit:
    path = out_dir / "brief.json" if out_dir.is_dir() else out_dir
    if not path.is_file():
        raise BriefError(f"{path}: no build found (run `brief build` first)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BriefError(f"{path}: not a brief.json written by `brief build` ({exc})") from None
    uses: dict[str, TermUse] = {}
    numbers: list[Violation] = []
    for item in _points(data):
        prot = protect(item["ja"], glossary)
        found = verify(item["id"], item.get("en", ""), prot) if data.get("translated") else []
        for slot in prot.slots:
            if slot.term is None:
                continue
            use = uses.setdefault(slot.term.ja, TermUse(slot.term.ja, slot.term.en))
            if item["id"] not in use.points:
                use.points.append(item["id"])
        for v in found:
            if v.term_ja in uses and v.problem != "number missing":
                uses[v.term_ja].violations.append(v)
            else:
                numbers.append(v)
    ordered = [u for t in glossary.terms if (u := uses.get(t.ja))]
    return Audit(bool(data.get("translated")), data.get("model", ""), ordered, numbers)
