"""What section classification costs: loading GiNZA's vectors, and sentences per second.

Run by hand:  .venv/bin/python benchmarks/classify.py

Each measurement runs in a fresh process (so nothing is cached from the one before): the
lexicon-only classifier, then the classifier with ja_ginza's vectors, over every sentence of
the story fixtures and the seeds. Reports the vectors' load time and peak RSS.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from brief.analyse.classify import Classifier
from brief.analyse.morphology import analyse
from brief.config import load_config
from brief.read.ingest import read_sources
from brief.read.segment import segment
root = Path(sys.argv[1]); use_vectors = sys.argv[2] == "1"
dirs = [root / "tests/fixtures/seeds", *sorted((root / "tests/fixtures/stories").iterdir())]
texts = [p.text for d in dirs if d.is_dir() for s in read_sources(d, []) for p in segment(s)]
for t in texts:
    analyse(t)  # morphology is its own stage: not timed here
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
c = Classifier(load_config(root / "tests/fixtures/stories/brief.toml"), use_vectors=use_vectors)
t0 = time.perf_counter(); c.classify(texts[0]); first = time.perf_counter() - t0
t0 = time.perf_counter()
for t in texts:
    c.classify(t)
rest = time.perf_counter() - t0
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"sentences": len(texts), "first_s": first, "all_s": rest,
                  "rss_added_mib": (rss1 - rss0) / 1024}))
"""


def main() -> None:
    for use in ("0", "1"):
        out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), use], check=True,
                             capture_output=True, text=True).stdout
        r = json.loads(out)
        label = "lexicon + vectors" if use == "1" else "lexicon only"
        print(f"{label:18} first sentence {r['first_s']:.2f} s (loads what it needs), "
              f"{r['sentences']} sentences {r['all_s']:.2f} s "
              f"({r['sentences'] / r['all_s']:.0f}/s), peak RSS +{r['rss_added_mib']:.0f} MiB")


if __name__ == "__main__":
    main()
