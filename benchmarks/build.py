"""Benchmark `brief build`: cold and warm, on the seeds and on the seeds replicated N times.

Run by hand:  .venv/bin/python benchmarks/build.py [--copies 100] [--no-translate]

Each build runs as its own process (what a user runs); wall time and the child's peak RSS
are measured. Cold: empty out/ (no translation cache); warm: the same build again. The
replicated corpus gives each copy a distinct sidecar-free file name, so every point has 100
reports; the mixed corpus has as many distinct articles, whose near-duplicates curation has to
find by scoring sentences.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_build(project: Path, translate: bool) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MiB) of one `brief build` in PROJECT.

    CPU seconds (user + system of the build) say what the build costs when other work
    shares the cores and stretches the wall time."""
    cmd = [sys.executable, "-m", "brief", "build"] + ([] if translate else ["--no-translate"])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=project, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"brief build failed in {project}:\n{done.stderr or done.stdout}")
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, max(after.ru_maxrss, before.ru_maxrss) / 1024


def project_with(copies: int, where: Path, mixed: bool = False) -> Path:
    """A project whose seeds are the seeds copied COPIES times, or when MIXED as many
    distinct articles: 30 of the seeds' sentences each (seeded shuffle), every one made
    unique by a lead-in and shifted numbers, so near-duplicates must be found, not copied."""
    shutil.copytree(ROOT / "glossary", where / "glossary")
    shutil.copy(ROOT / "brief.toml", where / "brief.toml")
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
            sent = re.sub(r"\d+", lambda m, k=shift: str(int(m.group()) + k), sent, count=1)
            lines.append(f"{rng.choice(leads)}、{sent}")
        (seeds / f"mixed_{n:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return where


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--no-translate", action="store_true")
    args = ap.parse_args()
    translate = not args.no_translate
    if translate:
        from brief.errors import BriefError
        from brief.translate.backends.argos import find_package

        try:
            find_package()
        except BriefError:
            print("no ja→en model installed: measuring --no-translate builds")
            translate = False
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; translate={translate}")
    print(f"{'corpus':<14}{'articles':>9}{'run':>6}{'seconds':>9}{'cpu s':>8}{'s/article':>11}"
          f"{'peak MiB':>10}")
    n = args.copies
    corpora = [("seeds x1", 1, False), (f"seeds x{n}", n, False), (f"mixed x{n}", n, True)]
    for name, copies, mixed in corpora:
        with tempfile.TemporaryDirectory() as tmp:
            project = project_with(copies, Path(tmp), mixed)
            articles = len(list((project / "seeds").glob("*.txt")))
            for run in ("cold", "warm"):
                secs, cpu, rss = run_build(project, translate)
                print(f"{name:<14}{articles:>9}{run:>6}{secs:>9.1f}{cpu:>8.1f}"
                      f"{secs / articles:>11.3f}{rss:>10.0f}")


if __name__ == "__main__":
    main()
