"""Benchmark `brief build`: whole builds, each its own process, with every stage timed.

Run by hand:  .venv/bin/python benchmarks/build.py [--sizes 500 2000] [--copies 100]
                                   [--repeat 3] [--translate] [--corpus news|mixed]

Corpora: the seeds; the seeds copied --copies times (every point has that many reports);
and two corpora of --sizes articles. By default these are "news" (benchmarks/corpus.py):
shaped like a day of real news, every sentence distinct in its words (clauses of the dev
sets' articles recombined, or of its own generator where ../shared/devsets is absent), 3%
of articles reposts of another's story; its distinctness is printed. `--corpus mixed` is the
old corpus, 30 of the seeds' sentences each made unique only by a lead-in and a shifted
number, whose sentences mostly repeat (per-sentence caches hit: it flatters the analysis).
Each build runs cold (empty out/: no translation or parse cache), then warm, then warm
again after 10 new articles were added ("+10"), in a child process that runs the pipeline as
`brief build` does and reports its stage times; wall time, CPU time and the child's peak RSS
are measured around it. Between the two sizes, each stage's growth exponent is
log(t2 / t1) / log(n2 / n1): 1.0 is linear, 2.0 quadratic. --translate translates too (needs
a ja→en model installed). The machine's other load stretches wall times: CPU seconds say
what a build costs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (benchmarks/corpus.py: the news-shaped corpus)

ADDED = 10  # articles added before the "+10" warm rebuild


CHILD = r"""
import json, sys
from pathlib import Path
from brief.commands.build import spaced_collections
from brief.options import BuildOptions
from brief.pipeline import build
opts = BuildOptions(sources=Path("seeds"), glossary=Path("glossary"), out=Path("out"),
                    config=Path("brief.toml"), translate=sys.argv[1] == "1")
with spaced_collections():  # as `brief build` runs it
    Path(sys.argv[2]).write_text(json.dumps(build(opts).stages.seconds))
"""


def _shifter(shift: int) -> Callable[[re.Match[str]], str]:
    """re.sub's replacement: a number moved by SHIFT (one sentence, many distinct figures)."""
    return lambda m: str(int(m.group()) + shift)


def run_build(project: Path, translate: bool) -> tuple[float, float, float, dict[str, float]]:
    """(wall seconds, CPU seconds, peak RSS in MiB, seconds per stage) of one build in
    PROJECT, run as its own process.

    CPU seconds (user + system of the build) say what the build costs when other work
    shares the cores and stretches the wall time."""
    stages = project / "stages.json"
    cmd = [sys.executable, "-c", CHILD, "1" if translate else "0", str(stages)]
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True)
    output = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the largest so far
    elapsed = time.perf_counter() - t0
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit(f"brief build failed in {project}:\n{output}")
    return (elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
            json.loads(stages.read_text()))


def project_with(copies: int, where: Path, mixed: bool = False) -> Path:
    """A project whose seeds are the seeds copied COPIES times, or when MIXED as many
    distinct articles: 30 of the seeds' sentences each (seeded shuffle), every one made
    unique by a lead-in and shifted numbers, so near-duplicates must be found, not copied."""
    _config(where)
    seeds = where / "seeds"
    seeds.mkdir()
    originals = sorted((ROOT / "seeds").glob("*.txt"))
    if not mixed:
        for n in range(copies):
            for src in originals:
                shutil.copy(src, seeds / f"{n:03d}_{src.name}")
        return where
    rng = random.Random(20251028)
    pool = [s for src in originals
            for s in re.findall(r"[^。\n]{15,200}。", src.read_text(encoding="utf-8"))]
    leads = ["さらに", "また", "一方", "関係者によると", "報道によれば", "同日", "今回"]
    for n in range(copies * len(originals)):
        lines = [f"記事{n}", f"2025年10月{1 + n % 28}日"]
        for sent in rng.sample(pool, min(30, len(pool))):
            shift = rng.randint(1, 99)
            sent = re.sub(r"\d+", _shifter(shift), sent, count=1)
            lines.append(f"{rng.choice(leads)}、{sent}")
        (seeds / f"mixed_{n:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return where


def _config(where: Path) -> None:
    shutil.copytree(ROOT / "glossary", where / "glossary")
    shutil.copy(ROOT / "brief.toml", where / "brief.toml")


def news_project(size: int, where: Path) -> tuple[Path, list[corpus.Article]]:
    """A project of SIZE news-shaped articles; also the ADDED articles the "+10" run adds
    (made in the same call, so they too are distinct from every article already there)."""
    _config(where)
    made = corpus.articles(size + ADDED)
    corpus.write(where / "seeds", made[:size])
    st = corpus.stats(made[:size])
    print(f"{'':<14}news corpus of {size}: {st['sentences']} sentences, "
          f"{st['distinct']:.1%} distinct, {st['distinct_words']:.1%} distinct in their "
          f"words (numbers taken out), {st['reposts']:.1%} reposts")
    return where, made


def add_articles(project: Path, made: list[corpus.Article]) -> None:
    """Write all of MADE into the project's seeds (the ADDED new ones and the rest unchanged)."""
    corpus.write(project / "seeds", made)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs=2, default=[500, 2000], metavar=("N1", "N2"),
                    help="articles in the two mixed corpora")
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--translate", action="store_true")
    ap.add_argument("--corpus", choices=("news", "mixed"), default="news",
                    help="the two sized corpora: news-shaped (default) or the old mixed one")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="cold builds of each sized corpus; the stage table takes each "
                         "stage's fastest (a shared machine's noise only ever adds time)")
    args = ap.parse_args()
    translate = args.translate and _has_model()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores "
          f"({len(os.sched_getaffinity(0))} usable), load {os.getloadavg()[0]:.1f}, Python "
          f"{platform.python_version()}; translate={translate}; corpus={args.corpus} "
          f"({corpus.source_name() if args.corpus == 'news' else 'the seeds'})")
    print(f"{'corpus':<14}{'articles':>9}{'run':>6}{'seconds':>9}{'cpu s':>8}{'s/article':>11}"
          f"{'peak MiB':>10}")
    n = args.copies
    corpora = [("seeds x1", 1, None), (f"seeds x{n}", n, None)]
    corpora += [(f"{args.corpus} {size}", size, args.corpus) for size in args.sizes]
    cold: dict[str, tuple[int, float, dict[str, float]]] = {}
    cold_cpu: dict[str, float] = {}
    for name, count, kind in corpora:
        with tempfile.TemporaryDirectory() as tmp:
            made: list[corpus.Article] = []
            if kind == "news":
                project, made = news_project(count, Path(tmp))
            else:
                project = project_with(max(1, count // 5) if kind else count, Path(tmp),
                                       kind == "mixed")
            runs = ["cold"] * (args.repeat if kind else 1) + ["warm"]
            runs += [f"+{ADDED}"] if made else []
            runs += ["no-tr"] if translate and count == 1 and not kind else []
            for run in runs:  # no-tr: a --no-translate build, what a warm one should cost
                if run == "cold":
                    shutil.rmtree(project / "out", ignore_errors=True)
                elif run == f"+{ADDED}":
                    add_articles(project, made)
                articles = len(list((project / "seeds").glob("*.txt")))
                secs, cpu, rss, stages = run_build(project, translate and run != "no-tr")
                if run == "cold":
                    cold_cpu[name] = min(cpu, cold_cpu.get(name, cpu))
                    _, best, fastest = cold.get(name, (0, secs, stages))
                    cold[name] = (articles, min(best, secs),
                                  {k: min(v, fastest.get(k, v)) for k, v in stages.items()})
                print(f"{name:<14}{articles:>9}{run:>6}{secs:>9.1f}{cpu:>8.1f}"
                      f"{secs / articles:>11.4f}{rss:>10.0f}")
    sized = [cold[f"{args.corpus} {size}"] for size in args.sizes]
    print_growth(sized, args.repeat)
    (n1, _, _), (n2, _, _) = sized
    c1, c2 = (cold_cpu[f"{args.corpus} {size}"] for size in args.sizes)
    print(f"{'whole build, CPU':<18}{c1:>10.2f}{c2:>10.2f}"
          f"{math.log(c2 / c1) / math.log(n2 / n1):>10.2f}   (what a loaded machine's wall "
          f"times hide)")


def _has_model() -> bool:
    from brief.errors import BriefError
    from brief.translate.backends.argos import find_package

    try:
        find_package()
    except BriefError:
        print("no ja→en model installed: measuring --no-translate builds")
        return False
    return True


def print_growth(sized: list[tuple[int, float, dict[str, float]]], repeat: int) -> None:
    """Each stage's seconds at the two sizes and its growth exponent between them."""
    (n1, w1, t1), (n2, w2, t2) = sized
    print(f"\ncold builds, fastest of {repeat}, seconds per stage "
          f"(exponent: growth {n1} -> {n2} articles)")
    print(f"{'stage':<18}{n1:>10}{n2:>10}{'exponent':>10}")
    for name in t2:
        a, b = t1.get(name, 0.0), t2[name]
        exp = (f"{math.log(b / a) / math.log(n2 / n1):>10.2f}" if a > 0.02 and b > 0.02
               else f"{'(< 0.02 s)':>10}")
        print(f"{name:<18}{a:>10.2f}{b:>10.2f}{exp}")
    print(f"{'whole build':<18}{w1:>10.2f}{w2:>10.2f}"
          f"{math.log(w2 / w1) / math.log(n2 / n1):>10.2f}")
    print(f"time per article grows {w2 / n2 / (w1 / n1):.2f}x from {n1} to {n2} articles")


if __name__ == "__main__":
    main()
