"""`brief glossary check --against out/`: how the last build rendered each glossary term.

Reads the build's `brief.json` (the model the renderers consumed) and checks every point
against the *current* glossary with the same verifier the build uses, so an analyst can
see whether an edit is already honoured or needs a rebuild. A flagged point is checked in the
model's output (`machine_output`), which the brief shows in Japanese instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from brief.glossary.terms import Glossary
from brief.model import Violation, read_build
from brief.translate.protect import protect, verify


@dataclass
class TermUse:
    ja: str
    en: str
    points: list[str] = field(default_factory=list)  # item ids whose Japanese has the term
    violations: list[Violation] = field(default_factory=list)


@dataclass
class Audit:
    translated: bool  # the build ran the translation (even if every output was flagged)
    model: str
    uses: list[TermUse]
    numbers: list[Violation]  # numbers lost in translation


def audit(out_dir: Path, glossary: Glossary) -> Audit:
    brief = read_build(out_dir)
    uses: dict[str, TermUse] = {}
    numbers: list[Violation] = []
    for item in brief.all_items():
        prot = protect(item.ja, glossary)
        english = item.en or item.machine_output
        found = verify(item.id, english, prot) if brief.translation_ran else []
        for slot in prot.slots:
            if slot.term is None:
                continue
            use = uses.setdefault(slot.term.ja, TermUse(slot.term.ja, slot.term.en))
            if item.id not in use.points:
                use.points.append(item.id)
        for v in found:
            if v.term_ja in uses and v.problem != "number missing":
                uses[v.term_ja].violations.append(v)
            else:
                numbers.append(v)
    ordered = [u for t in glossary.terms if (u := uses.get(t.ja))]
    return Audit(brief.translation_ran, brief.model, ordered, numbers)
