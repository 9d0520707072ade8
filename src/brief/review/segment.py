"""One segment of a build as the review files carry it, and an analyst's edit read back."""

from __future__ import annotations

from dataclasses import dataclass, field

from brief.model import FLAGGED
from brief.translate.memory import Fuzzy


@dataclass
class Segment:
    """One translatable text of a build, with everything a reviewer needs beside it."""

    id: str
    kind: str  # point, figure, event, claim, title
    ja: str
    machine: str  # the English the build holds, or the model's flagged output ("" when
    # not translated): offered as a note, never as the target
    status: str
    checks: list[str] = field(default_factory=list)
    term_pairs: list[tuple[str, str]] = field(default_factory=list)  # (防衛費, defense spending)
    sources: list[str] = field(default_factory=list)
    fuzzy: list[Fuzzy] = field(default_factory=list)  # near matches from the memory

    @property
    def terms(self) -> list[str]:
        return [f"{ja} → {en}" for ja, en in self.term_pairs]

    @property
    def matches(self) -> list[str]:
        return [f"{m.score:.0f}%: {m.ja} → {m.en}" for m in self.fuzzy]

    @property
    def target(self) -> str:
        """What the review file offers as the English: never a flagged machine output."""
        return "" if self.status == FLAGGED else self.machine


@dataclass
class Edit:
    """An analyst's English for one segment, read back from a review file."""

    id: str
    ja: str
    en: str
    where: str  # "review.xlf: unit p1" or "review.tsv:12"
