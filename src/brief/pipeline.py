"""The build: read -> segment -> curate -> translate -> render, each stage once."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from brief.config import Config, load_config
from brief.conflicts import find_conflicts
from brief.curate import curate
from brief.errors import BriefError
from brief.figures import extract_figures
from brief.glossary import load_glossary
from brief.ingest import read_sources
from brief.model import Brief
from brief.segment import segment
from brief.timeline import build_timeline
from brief.translate import note_terms


@dataclass
class BuildOptions:
    sources: Path = Path("seeds")
    glossary: Path = Path("glossary")
    out: Path = Path("out")
    config: Path = Path("brief.toml")
    translate: bool = True
    strict: bool = False
    formats: tuple[str, ...] = ("json", "md", "docx", "pdf")
    dated_name: bool = False


@dataclass
class BuildResult:
    brief: Brief
    outputs: list[Path] = field(default_factory=list)
    stats: object | None = None


def build_date() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC)


def assemble(config: Config, sources_dir: Path) -> Brief:
    """Sources to a curated, untranslated Brief."""
    sources = read_sources(sources_dir, config.exclude_sources)
    passages = [p for s in sources for p in segment(s)]
    sections, bottom = curate(sources, passages, config)
    dates = sorted(s.published for s in sources if len(s.published) == 10)
    figures = extract_figures(passages, config)
    return Brief(
        title=config.title, date=dates[-1] if dates else build_date().date().isoformat(),
        author=config.author, office=config.office, sources=sources, bottom_line=bottom,
        sections=sections, set_aside=[p for p in passages if p.kind == "table"],
        figures=figures, conflicts=find_conflicts(figures, passages),
        timeline=build_timeline(sources, passages),
    )


def check_out_dir(out: Path, root: Path | None = None) -> None:
    """Refuse an output directory outside the project (`--out ../../somewhere`)."""
    root = (root or Path.cwd()).resolve()
    target = out.resolve()
    if target != root and root not in target.parents:
        raise BriefError(f"{out}: output directory is outside the project ({root}); "
                         f"choose a directory inside it, e.g. --out out")


def build(opts: BuildOptions, progress: Callable | None = None) -> BuildResult:
    from brief.render import write_outputs

    config = load_config(opts.config)
    glossary = load_glossary(opts.glossary)  # a broken glossary stops the build early
    brief = assemble(config, opts.sources)
    note_terms(brief, glossary)
    stats = None
    if opts.translate:
        from brief.models import ArgosBackend
        from brief.translate import Cache, translate_brief

        backend = ArgosBackend()
        cache = Cache(opts.out / ".cache" / "translations.sqlite3")
        try:
            kwargs = {"progress": progress} if progress else {}
            stats = translate_brief(brief, glossary, backend, cache, **kwargs)
        finally:
            cache.close()
    outputs = write_outputs(brief, config, opts)
    return BuildResult(brief, outputs, stats)
