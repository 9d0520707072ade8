"""The build: read -> segment -> curate -> translate -> render, each stage once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from brief.analyse.claims import assertions
from brief.analyse.dates import anchor_of
from brief.clock import build_date
from brief.config import Config, load_config
from brief.curate.conflicts import find_conflicts
from brief.curate.figures import all_figures, key_figures
from brief.curate.points import curate
from brief.curate.timeline import build_timeline
from brief.glossary.terms import load_glossary, note_terms
from brief.model import Brief
from brief.options import BuildOptions
from brief.read.ingest import read_sources
from brief.read.segment import segment
from brief.render import write_outputs


@dataclass
class BuildResult:
    brief: Brief
    outputs: list[Path] = field(default_factory=list)
    stats: object | None = None


def assemble(config: Config, sources_dir: Path, cache_dir: Path | None = None,
             parse: bool = False) -> Brief:
    """Sources to a curated, untranslated Brief. PARSE: refine the points' modality with
    GiNZA (a build does; `glossary suggest` does not load it); CACHE_DIR keeps parses."""
    sources = read_sources(sources_dir, config.exclude_sources)
    passages = [p for s in sources for p in segment(s)]
    sections, bottom = curate(sources, passages, config,
                              cache_dir / "parses.json" if cache_dir else None, parse=parse)
    dates = sorted(s.published for s in sources if len(s.published) == 10)
    anchors = {s.id: anchor_of(s) for s in sources}
    claims = [a for p in passages for a in assertions(p, anchors[p.source_id])]
    every_figure = all_figures(passages, config)
    conflicts = find_conflicts(every_figure, passages, sources, claims)
    sides = {(cl.value, cl.ja) for c in conflicts for cl in c.claims}
    figures = key_figures(every_figure, config,
                          [f for f in every_figure if (f.quantity, f.ja) in sides])
    return Brief(
        title=config.title, date=dates[-1] if dates else build_date().date().isoformat(),
        author=config.author, office=config.office, sources=sources, bottom_line=bottom,
        sections=sections,
        figures=figures, conflicts=conflicts,
        timeline=build_timeline(sources, passages), assertions=claims,
    )


def build(opts: BuildOptions, progress: Callable | None = None) -> BuildResult:
    config = load_config(opts.config)
    glossary = load_glossary(opts.glossary)  # a broken glossary stops the build early
    brief = assemble(config, opts.sources, opts.out / ".cache", parse=True)
    note_terms(brief, glossary)
    stats = None
    if opts.translate:
        from brief.translate.backends import get_backend
        from brief.translate.cache import Cache
        from brief.translate.run import translate_brief

        backend = get_backend()
        cache = Cache(opts.out / ".cache" / "translations.sqlite3")
        try:
            kwargs = {"progress": progress} if progress else {}
            stats = translate_brief(brief, glossary, backend, cache, **kwargs)
        finally:
            cache.close()
    outputs = write_outputs(brief, config, opts)
    return BuildResult(brief, outputs, stats)
