"""Per-stage times of a build at two corpus sizes, and how each stage grows between them.

Run by hand:  .venv/bin/python benchmarks/stages.py [--sizes 500 2000] [--formats json md docx pdf]

The mixed corpus of benchmarks/build.py (distinct articles made of seed sentences) at each
size, built --no-translate inside this process with every stage timed separately. The growth
exponent of a stage is log(t_large / t_small) / log(n_large / n_small): 1.0 is linear, 2.0
quadratic. Translation is not timed here (benchmarks/translate.py does that): what it
translates is the brief, not the corpus.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import project_with  # noqa: E402  (the benchmarks' shared corpus builder)


def timed(times: dict[str, float], name: str, fn: Callable[[], Any]) -> Any:  # noqa: ANN401
    t0 = time.perf_counter()
    result = fn()
    times[name] = times.get(name, 0.0) + time.perf_counter() - t0
    return result


def stage_times(project: Path, formats: list[str]) -> tuple[int, dict[str, float]]:
    """(articles, seconds per stage) of one --no-translate build of PROJECT."""
    from brief.analyse.classify import Classifier
    from brief.config import load_config
    from brief.curate.conflicts import find_conflicts
    from brief.curate.figures import extract_figures
    from brief.curate.points import curate
    from brief.curate.timeline import build_timeline
    from brief.glossary.terms import load_glossary, note_terms
    from brief.model import Brief
    from brief.read.ingest import read_sources
    from brief.read.segment import segment
    from brief.render import WRITERS

    t: dict[str, float] = {}
    config = load_config(project / "brief.toml")
    glossary = load_glossary(project / "glossary")
    sources = timed(t, "read", lambda: read_sources(project / "seeds", config.exclude_sources))
    passages = timed(t, "segment", lambda: [p for s in sources for p in segment(s)])
    sections, bottom = timed(t, "curate points", lambda: curate(sources, passages, config))
    figures = timed(t, "figures", lambda: extract_figures(passages, config))
    conflicts = timed(t, "conflicts", lambda: find_conflicts(figures, passages))
    timeline = timed(t, "timeline", lambda: build_timeline(sources, passages))
    Classifier(config)  # warm caches are shared; nothing else to time here
    brief = Brief("bench", "2025-10-28", "", "", sources, bottom, sections, figures=figures,
                  conflicts=conflicts, timeline=timeline)
    timed(t, "glossary terms", lambda: note_terms(brief, glossary))
    for fmt in formats:
        timed(t, f"render {fmt}", lambda fmt=fmt: WRITERS[fmt].render(brief, config))
    return len(sources), t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs=2, default=[500, 2000], metavar=("SMALL", "LARGE"))
    ap.add_argument("--formats", nargs="+", default=["json", "md", "docx", "pdf"])
    args = ap.parse_args()
    results = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = project_with(max(1, size // 5), Path(tmp), mixed=True)
            results.append(stage_times(project, args.formats))
    (n1, t1), (n2, t2) = results
    print(f"{'stage':<16}{n1:>9} art.{n2:>9} art.{'exponent':>10}")
    for name in t1:
        a, b = t1[name], t2[name]
        exp = math.log(b / a) / math.log(n2 / n1) if a > 0.005 and b > 0 else float("nan")
        print(f"{name:<16}{a:>12.2f}s{b:>12.2f}s{exp:>10.2f}")
    total1, total2 = sum(t1.values()), sum(t2.values())
    print(f"{'total':<16}{total1:>12.2f}s{total2:>12.2f}s"
          f"{math.log(total2 / total1) / math.log(n2 / n1):>10.2f}")


if __name__ == "__main__":
    main()
