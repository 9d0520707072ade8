"""Benchmark: raw CTranslate2 translate_batch vs brief's translation stage (cold and warm).

Run by hand: `.venv/bin/python benchmarks/translate.py [--package FILE.argosmodel]`.
Uses the installed ja→en Argos package (install one first), every segment of the seeds' brief
(points, figures, claims, events) and the same model and decoding options for both; prints
times, ratios and peak memory.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--package", type=Path, help="install this .argosmodel first")
    args = ap.parse_args()
    from brief.config import load_config
    from brief.glossary import load_glossary
    from brief.models import ArgosBackend, install_file
    from brief.pipeline import assemble
    from brief.translate import Cache, segments_of, translate_segments

    if args.package:
        install_file(args.package)
    brief = assemble(load_config(ROOT / "brief.toml"), ROOT / "seeds")
    segs = [(key, obj.ja) for key, obj in segments_of(brief)]
    glossary = load_glossary(ROOT / "glossary")
    backend = ArgosBackend()

    t = time.perf_counter()
    backend.translator.translate_batch(backend.encode([ja for _, ja in segs]), **backend.options())
    raw = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as d:
        cache = Cache(Path(d) / "c.sqlite3")
        t = time.perf_counter()
        translate_segments(segs, glossary, backend, cache)
        cold = time.perf_counter() - t
        t = time.perf_counter()
        translate_segments(segs, glossary, backend, cache)
        warm = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model {backend.model_id}, {len(segs)} segments")
    print(f"raw translate_batch  {raw:8.3f} s")
    print(f"brief cold cache     {cold:8.3f} s  ({cold / raw:5.2f}x raw)")
    print(f"brief warm cache     {warm:8.3f} s  ({warm / raw:5.3f}x raw)")
    print(f"peak RSS             {peak:8.0f} MiB")


if __name__ == "__main__":
    main()
