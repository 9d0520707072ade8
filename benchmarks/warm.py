"""Benchmark a warm rebuild: N distinct articles built cold, again unchanged, then with
ten new articles added, each build its own process (`brief build` as a user runs it).

Run by hand:  .venv/bin/python benchmarks/warm.py [--size 2000] [--added 10]

The corpus is benchmarks/build.py's mixed one; the added articles are its first ones with
their sentences in another order under a new headline, so each is new to the analyse cache
(which must analyse only them) while the corpus stays one story. Prints wall seconds, CPU
seconds (user + system, with the analyse stage's workers), the peak RSS and, for the +N
build, every stage's seconds.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build import project_with, run_build  # noqa: E402


def add_articles(seeds: Path, n: int) -> None:
    """N new articles: the first N of the corpus, their sentences reordered."""
    for i, src in enumerate(sorted(seeds.glob("*.txt"))[:n]):
        lines = src.read_text(encoding="utf-8").splitlines()
        body = lines[2:]
        random.Random(i).shuffle(body)
        new = [f"追加記事{i}", *lines[1:2], *body]
        (seeds / f"added_{i:03d}.txt").write_text("\n".join(new) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=2000, help="articles in the corpus")
    ap.add_argument("--added", type=int, default=10, help="articles added for the last build")
    args = ap.parse_args()
    print(f"{'build':<10}{'articles':>9}{'seconds':>9}{'cpu s':>8}{'peak MiB':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        project = project_with(max(1, args.size // 5), Path(tmp), mixed=True)
        seeds = project / "seeds"
        stages: dict[str, float] = {}
        for run in ("cold", "warm", f"+{args.added}"):
            if run.startswith("+"):
                add_articles(seeds, args.added)
            secs, cpu, rss, stages = run_build(project, False)
            print(f"{run:<10}{len(list(seeds.glob('*.txt'))):>9}{secs:>9.1f}{cpu:>8.1f}"
                  f"{rss:>10.0f}")
        print(f"\nthe +{args.added} build, seconds per stage")
        for name, s in stages.items():
            print(f"{name:<18}{s:>8.2f}")


if __name__ == "__main__":
    main()
