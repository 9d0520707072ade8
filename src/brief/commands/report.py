"""What `brief build` tells its user, as one object: the CLI prints it, `--json` emits it.

The summary used to be echo calls inside the command; as data it can be printed, tested and
read by a script (`brief build --json`) without parsing the display lines back.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from brief.pipeline import BuildResult

Stream = Literal["out", "err"]


@dataclass(frozen=True)
class Message:
    stream: Stream  # "out": the summary; "err": warnings and what needs an analyst
    text: str


@dataclass
class BuildReport:
    sources: int
    bottom_line: int
    sections: dict[str, int]  # section title -> points, in reading order
    outputs: list[str]
    translation: dict[str, int] | None = None  # segments, approved, cached, translated, retried
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> status -> n
    violations: int = 0
    glyphs_fallback: int = 0
    glyphs_replaced: int = 0
    messages: list[Message] = field(default_factory=list)

    @classmethod
    def of(cls, result: BuildResult) -> BuildReport:
        b = result.brief
        report = cls(sources=len(b.sources), bottom_line=len(b.bottom_line),
                     sections={s.title: len(s.items) for s in b.sections},
                     outputs=[str(p) for p in result.outputs],
                     translation=asdict(result.stats) if result.stats is not None else None,
                     counts=b.translation_counts() if result.stats is not None else {},
                     violations=len(b.violations), glyphs_fallback=result.glyphs_fallback,
                     glyphs_replaced=result.glyphs_replaced)
        report.messages = list(_messages(report, result))
        return report

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _messages(r: BuildReport, result: BuildResult) -> Any:  # noqa: ANN401 - Iterator[Message]
    counts = ", ".join(f"{title}: {n}" for title, n in r.sections.items())
    yield Message("out", f"{_plural(r.sources, 'source')} → bottom line {r.bottom_line}, "
                         f"{counts}")
    empty = [title for title, n in r.sections.items() if not n]
    if empty:
        yield Message("err", f"warning: no points for {', '.join(empty)}: no source sentence "
                             "matched their keywords; add sources or keywords in brief.toml")
    if r.translation is not None:
        yield from _translation(r, result)
    if r.glyphs_fallback or r.glyphs_replaced:
        yield Message("out", f"pdf: {_plural(r.glyphs_fallback, 'character')} drawn with a "
                             f"fallback font, {r.glyphs_replaced} replaced by a [U+XXXX] mark "
                             "(no installed font has them)")
    for path in r.outputs:
        yield Message("out", f"wrote {path}")


def _translation(r: BuildReport, result: BuildResult) -> Any:  # noqa: ANN401 - Iterator
    """Counts on stdout; each text that needs an analyst, named as the brief names it, and
    the warning when most points are flagged, on stderr."""
    from brief.translate.report import flagged_line, text_lines, warning_line

    st, b = r.translation or {}, result.brief
    yield Message("out", f"translation: {st['segments']} segments, {st['approved']} from the "
                         f"translation memory, {st['cached']} from cache, {st['translated']} "
                         f"translated ({st['retried']} retried for the glossary)")
    pts = r.counts["points"]
    yield Message("out", f"points: {pts['approved']} approved by a person, {pts['machine']} "
                         f"machine-translated, {pts['flagged']} flagged (shown in Japanese)")
    if line := flagged_line(b):
        yield Message("out", f"{line}; why: below, and in `brief review export`")
    for line in text_lines(b):
        yield Message("err", line)
    yield Message("out", f"glossary: {r.violations} violation(s)" if r.violations
                  else "glossary: no violations")
    if warning := warning_line(b):
        yield Message("err", warning)
