"""Benchmark `brief build`: cold and warm, on the seeds and on the seeds replicated N times.

Run by hand:  .venv/bin/python benchmarks/build.py [--copies 100] [--no-translate]

Each build runs as its own process (what a user runs); wall time and the child's peak RSS
are measured. Cold: empty out/ (no translation cache); warm: the same build again. The
replicated corpus gives each copy a distinct sidecar-free file name; near-duplicate merging
then has 100 reports of every point, which is the worst case for curation.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_build(project: Path, translate: bool) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of one `brief build` in PROJECT."""
    cmd = [sys.executable, "-m", "brief", "build"] + ([] if translate else ["--no-translate"])
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=project, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"brief build failed in {project}:\n{done.stderr or done.stdout}")
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def project_with(copies: int, where: Path) -> Path:
    shutil.copytree(ROOT / "glossary", where / "glossary")
    shutil.copy(ROOT / "brief.toml", where / "brief.toml")
    seeds = where / "seeds"
    seeds.mkdir()
    for n in range(copies):
        for src in sorted((ROOT / "seeds").glob("*.txt")):
            shutil.copy(src, seeds / f"{n:03d}_{src.name}")
    return where


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--no-translate", action="store_true")
    args = ap.parse_args()
    translate = not args.no_translate
    if translate:
        from brief.errors import BriefError
        from brief.models import find_package

        try:
            find_package()
        except BriefError:
            print("no ja→en model installed: measuring --no-translate builds")
            translate = False
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; translate={translate}")
    print(f"{'corpus':<14}{'articles':>9}{'run':>6}{'seconds':>9}{'s/article':>11}{'peak MiB':>10}")
    for copies in (1, args.copies):
        with tempfile.TemporaryDirectory() as tmp:
            project = project_with(copies, Path(tmp))
            n = len(list((project / "seeds").glob("*.txt")))
            for run in ("cold", "warm"):
                secs, rss = run_build(project, translate)
                print(f"{'seeds x' + str(copies):<14}{n:>9}{run:>6}{secs:>9.1f}"
                      f"{secs / n:>11.3f}{rss:>10.0f}")


if __name__ == "__main__":
    main()
