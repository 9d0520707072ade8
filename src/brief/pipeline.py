"""The build: read -> segment -> curate -> translate -> render, each stage once."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brief.clock import build_date
from brief.config import Config, load_config
from brief.errors import BriefError, shown, warn
from brief.glossary.terms import load_glossary, note_terms
from brief.model import FLAGGED, Brief, Passage, Source
from brief.options import BuildOptions
from brief.read.ingest import read_sources
from brief.read.segment import segment
from brief.render import document_of, write_outputs
from brief.timing import Stages

if TYPE_CHECKING:
    from brief.analyse.classify import Classifier
    from brief.translate.backends import Backend
    from brief.translate.run import Stats


@dataclass
class BuildResult:
    brief: Brief
    outputs: list[Path] = field(default_factory=list)
    stats: Stats | None = None
    glyphs_fallback: int = 0  # PDF characters drawn with a fallback font
    glyphs_replaced: int = 0  # PDF characters no installed font has, shown as [U+XXXX]
    stages: Stages = field(default_factory=Stages)  # wall seconds per stage


def assemble(config: Config, sources_dir: Path, follow_links: bool = False,
             cache_dir: Path | None = None, parse: bool = False,
             stages: Stages | None = None, workers: int | None = None) -> Brief:
    """Sources to a curated, untranslated Brief. PARSE: refine the points' modality with
    GiNZA (an API caller's choice: a build reads it from Sudachi's morphemes); CACHE_DIR
    keeps each article's analysis (and parses); WORKERS: processes analysing articles
    (default: every usable CPU, for a corpus big enough to repay them); STAGES, when
    given, gets each stage's time. The analyses live until it returns, no longer. With a
    CACHE_DIR, inputs curated before (the same sources, configuration and code) give the
    brief then curated, read back (curate/reuse.py): neither analysed nor curated again."""
    from brief.curate import reuse

    t = (stages or Stages()).timed
    with t("read"):
        sources = read_sources(sources_dir, config.exclude_sources, follow_links)
    with t("segment"):
        passages = [p for s in sources for p in segment(s)]
    for pin in config.pins:
        if not any(pin.text in p.text for p in passages):
            warn(f"{config.path}: pin {pin.text[:40]!r} matches no sentence in the sources; "
                 "it has no effect (check the text, or remove the pin)")
    if cache_dir is None:
        return _analysed(config, sources, passages, cache_dir, parse, stages, workers)
    with t("curated (cached)"):
        key = reuse.key(config, sources, passages, parse)
        found = reuse.load(cache_dir, key)
    if found is not None:
        found.date = _date(sources)  # the build's day when no source has a date
        return found
    brief = _analysed(config, sources, passages, cache_dir, parse, stages, workers)
    with t("curated (cached)"):
        reuse.save(cache_dir, key, brief)
    return brief


def _analysed(config: Config, sources: list[Source], passages: list[Passage],
              cache_dir: Path | None, parse: bool, stages: Stages | None,
              workers: int | None) -> Brief:
    """SOURCES analysed (cached by article under CACHE_DIR) and curated (see `assemble`)."""
    from brief.analyse.classify import Classifier
    from brief.analyse.stage import analyse_sources
    from brief.analyse.store import active

    t = (stages or Stages()).timed
    classifier = Classifier(config)  # one per build: each sentence is classified once
    with t("analyse"):
        analyses = analyse_sources(sources, passages, classifier, cache_dir, workers)
    classifier.remember(analyses.classes)
    with active(analyses.memo):
        return _curated(config, sources, passages, cache_dir, parse, stages, classifier)


def _curated(config: Config, sources: list[Source], passages: list[Passage],
             cache_dir: Path | None, parse: bool, stages: Stages | None,
             classifier: Classifier) -> Brief:
    """The curated Brief of analysed SOURCES (see `assemble`)."""
    from brief.analyse.claims import source_assertions
    from brief.analyse.dates import anchor_of
    from brief.curate.conflicts import find_conflicts, link_disputes
    from brief.curate.figures import all_figures, key_figures
    from brief.curate.points import curate
    from brief.curate.timeline import build_timeline, place_events
    from brief.curate.title import derive_title

    t = (stages or Stages()).timed
    sections, bottom = curate(sources, passages, config,
                              cache_dir / "parses.json" if cache_dir else None, parse=parse,
                              stages=stages, classifier=classifier)
    anchors = {s.id: anchor_of(s) for s in sources}
    with t("claims"):
        claims = source_assertions(passages, anchors)
    with t("figures"):
        every_figure = all_figures(passages, config, classifier)
    with t("conflicts"):
        conflicts = find_conflicts(every_figure, passages, sources, claims)
        link_disputes(bottom + [it for sec in sections for it in sec.items], conflicts, sources)
    with t("figures"):
        sides = {(cl.value, cl.ja) for c in conflicts for cl in c.claims}
        figures = key_figures(every_figure, config,
                              [f for f in every_figure if (f.quantity, f.ja) in sides])
    with t("title"):
        title_ja = "" if config.title else derive_title(sources, passages, sections, bottom,
                                                         classifier)
    with t("timeline"):
        timeline = build_timeline(sources, passages)
        place_events(timeline, [*bottom, *(it for sec in sections for it in sec.items)],
                     lambda ja: classifier.classify(ja).section or "")
    return Brief(
        title=config.title or title_ja, title_ja=title_ja,
        date=_date(sources),
        author=config.author, office=config.office, sources=sources, bottom_line=bottom,
        sections=sections,
        figures=figures, conflicts=conflicts,
        timeline=timeline, assertions=claims,
    )


def _date(sources: list[Source]) -> str:
    """The brief's date: its latest source's day, else the build's."""
    dates = sorted(s.published for s in sources if len(s.published) == 10)
    return dates[-1] if dates else build_date().date().isoformat()


def build(opts: BuildOptions, progress: Callable[..., Any] | None = None,
          backend: Callable[[], Backend] | None = None) -> BuildResult:
    """Run every stage; BACKEND is a factory (default: the registry's), called only when a
    segment is neither in the translation memory nor in the cache. Under --strict, glossary
    violations or flagged points stop the build before any output is written
    (BuildResult.outputs is then empty), so out/ keeps the last good set."""
    build_date()  # a bad SOURCE_DATE_EPOCH is reported before any work
    return _build(opts, progress, backend)


def _build(opts: BuildOptions, progress: Callable[..., Any] | None,
           backend: Callable[[], Backend] | None) -> BuildResult:
    stages = Stages()
    t = stages.timed
    with t("config, glossary"):
        config = load_config(opts.config)
        from brief.translate.backends import choose

        choose(config.translation, opts.backend, opts.server)  # its keys, even untranslated
        glossary = load_glossary(opts.glossary, opts.follow_links)  # broken: stop early
    if not glossary.terms:
        warn(f"{opts.glossary}: no glossary entries (no *.tsv files with rows); building "
             "without terminology rules")
    # no dependency parse: the points' final predicates are read lexically (GiNZA changed
    # 4 of 33 of those labels on the seeds and dev sets, and cost 3 s and 400 MiB to load)
    brief = assemble(config, opts.sources, opts.follow_links, opts.out / ".cache",
                     stages=stages)
    with t("glossary terms"):
        note_terms(brief, glossary)
    stats = None
    if opts.translate:
        from brief.translate.backends import get_backend
        from brief.translate.cache import Cache
        from brief.translate.memory import FILE_NAME, Memory
        from brief.translate.run import translate_brief

        with t("translate"):
            memory = Memory(opts.glossary / FILE_NAME)
            cache = Cache(opts.out / ".cache" / "translations.sqlite3")
            try:
                kwargs = {"progress": progress} if progress else {}
                # the one place the engine is chosen ([translation], --backend, --server);
                # it is created only if a segment misses both the memory and the cache
                factory = backend or partial(get_backend, config.translation, opts.backend,
                                             opts.server)
                stats = translate_brief(brief, glossary, factory, cache, memory, **kwargs)
            finally:
                cache.close()
    if opts.strict and (brief.violations or brief.status_counts()[FLAGGED]):
        return BuildResult(brief, [], stats, stages=stages)
    with t("changes"):
        from brief.curate.changes import mark

        previous, kept = baseline(opts.out, brief.date)
        mark(brief, previous)
    with t("document"):
        doc = document_of(brief, config)
    outputs = write_outputs(brief, config, opts, stages, kept, doc)
    result = BuildResult(brief, outputs, stats, stages=stages)
    if any(p.suffix == ".pdf" for p in outputs):
        from brief.render.pdf.writer import glyph_coverage

        with t("glyph coverage"):
            result.glyphs_fallback, result.glyphs_replaced = glyph_coverage(doc)
    return result


def baseline(out: Path, date: str) -> tuple[Brief | None, bytes]:
    """The brief this build's points are compared with, and its bytes (kept as
    out/previous.json): the last build's brief.json; but when that one is of the same day
    as this brief (DATE) and the brief it was compared with is older, that older one, so a
    morning's second build still marks what changed since yesterday's. (None, b"") before
    any build; a last build that cannot be read is compared with nothing, and said so."""
    from brief.atomic import kept, read_record, recorded
    from brief.render import PREVIOUS

    try:
        last = recorded(out, "json") if "json" in read_record(out) else None
        older = kept(out, "previous")
    except BriefError as exc:
        warn(f"{exc}; this build marks no changes")
        return None, b""
    vouched = last is not None  # recorded() checked it against the build record's hash
    if last is None and (out / "brief.json").is_file() and not (out / PREVIOUS).exists():
        last = out / "brief.json"  # a build from before build records
    seen: dict[bytes, tuple[Brief, bytes]] = {}
    found = [b for b in (_read_json(last, vouched, seen), _read_json(older, True, seen))
             if b is not None]
    if not found:
        return None, b""
    brief, data = found[0]
    if len(found) == 2 and brief.date == date and found[1][0].date < date:
        brief, data = found[1]
    return brief, data


def _read_json(path: Path | None, vouched: bool,
               seen: dict[bytes, tuple[Brief, bytes]]) -> tuple[Brief, bytes] | None:
    """The brief.json at PATH and its bytes. VOUCHED: its hash is the build record's, so it
    is to_dict's output and the schema is not checked again (3 s for 500 articles); bytes
    in SEEN (previous.json is most often a copy of the last brief.json) are read once."""
    if path is None:
        return None
    try:
        data = path.read_bytes()
        if data not in seen:
            seen[data] = Brief.from_dict(json.loads(data), schema=not vouched), data
        return seen[data]
    except (OSError, ValueError, RecursionError) as exc:
        warn(f"{shown(path)}: not compared with ({exc}); this build marks no changes")
        return None
