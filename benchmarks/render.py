"""Per-writer render times on the in-memory Brief of a project, and how they grow with size.

Run by hand:
  .venv/bin/python benchmarks/render.py --project /tmp/r2k [--formats pdf] [--profile 25]
  .venv/bin/python benchmarks/render.py --sizes 500 2000      # growth exponent per writer
  .venv/bin/python benchmarks/render.py --project P --save DIR  # the bytes, to cmp

The brief is assembled once (`pipeline.assemble` + `note_terms`, as `brief build
--no-translate` does), then each WRITERS[fmt].render(brief, config) is timed on its own: the
writers take the in-memory Brief, so a brief loaded from brief.json would not measure the
same thing. --profile prints each writer's cProfile, top N by own time. Every render runs
--repeat times (the minimum is shown); the first run of a writer pays its imports.
"""

from __future__ import annotations

import argparse
import cProfile
import math
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import project_with  # noqa: E402  (the benchmarks' shared corpus builder)

FORMATS = ["json", "md", "html", "docx", "pdf"]


def load(project: Path) -> tuple[Any, Any, int]:
    """(brief, config, articles) of PROJECT, as a --no-translate build assembles them."""
    from brief.config import load_config
    from brief.glossary.terms import load_glossary, note_terms
    from brief.pipeline import assemble

    config = load_config(project / "brief.toml")
    glossary = load_glossary(project / "glossary")
    brief = assemble(config, project / "seeds", False, project / "out" / ".cache", True)
    note_terms(brief, glossary)
    return brief, config, len(brief.sources)


def render_times(project: Path, formats: list[str], repeat: int, profile: int,
                 save: Path | None) -> tuple[int, dict[str, float]]:
    """(articles, best seconds per writer) on PROJECT's brief."""
    from brief.render import WRITERS

    brief, config, articles = load(project)
    times: dict[str, float] = {}
    for fmt in formats:
        writer = WRITERS[fmt]
        if repeat > 1:
            writer.render(brief, config)  # imports and font loading, not timed
        best = math.inf
        for _ in range(max(1, repeat - 1)):
            t0 = time.perf_counter()
            data = writer.render(brief, config)
            best = min(best, time.perf_counter() - t0)
        times[fmt] = best
        if save:
            save.mkdir(parents=True, exist_ok=True)
            (save / f"brief.{fmt}").write_bytes(data)
        if profile:
            prof = cProfile.Profile()
            prof.runcall(writer.render, brief, config)
            print(f"\n=== {fmt} ({articles} articles) ===")
            pstats.Stats(prof).sort_stats("tottime").print_stats(profile)
    return articles, times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--project", type=Path, help="a project directory (brief.toml, seeds/)")
    ap.add_argument("--sizes", type=int, nargs=2, metavar=("SMALL", "LARGE"),
                    help="mixed corpora of these many articles (benchmarks/build.py)")
    ap.add_argument("--formats", nargs="+", default=FORMATS, choices=FORMATS)
    ap.add_argument("--repeat", type=int, default=2, help="renders per writer (best shown)")
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="print each writer's profile, top N functions by own time")
    ap.add_argument("--save", type=Path, help="write each format's bytes here")
    args = ap.parse_args()
    if args.project:
        n, times = render_times(args.project, args.formats, args.repeat, args.profile,
                                args.save)
        print(f"{'writer':<8}{n:>9} art.")
        for fmt, sec in times.items():
            print(f"{fmt:<8}{sec:>12.3f} s")
        return
    sizes = args.sizes or [500, 2000]
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = project_with(max(1, size // 5), Path(tmp), mixed=True)
            results.append(render_times(project, args.formats, args.repeat, args.profile,
                                        None))
    (n1, t1), (n2, t2) = results
    print(f"{'writer':<8}{n1:>9} art.{n2:>9} art.{'exponent':>10}")
    for fmt in args.formats:
        a, b = t1[fmt], t2[fmt]
        exp = math.log(b / a) / math.log(n2 / n1) if a > 0.005 else float("nan")
        print(f"{fmt:<8}{a:>12.3f} s{b:>12.3f} s{exp:>10.2f}")


if __name__ == "__main__":
    main()
