"""Benchmark: raw CTranslate2 translate_batch vs brief's translation stage (cold and warm).

Run by hand: `.venv/bin/python benchmarks/translate.py [--model base|tiny] [--package FILE]`.
Uses the installed ja→en Argos package, or with --model a stand-in built here in a private
package directory: `base` is transformer-base with random weights on the real tokenizer and
vocabulary (benchmarks/stand_in.py; the real model's size, so ratios mean something), `tiny`
the tests' one-layer toy. With `--backend libretranslate --server URL` it also sends the same
masked segments through the LibreTranslate server and through the local package in one run
and prints both times, their ratio, segments per second and how many English outputs are
identical. Every segment of the seeds' brief
(points, figures, claims, events) and the same model and decoding options for both; prints
times, ratios and peak memory, and how many glossary and number rules the raw model breaks
against brief (`--review TSV` writes both renderings side by side).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from brief.glossary.terms import Glossary
    from brief.translate.backends.argos import ArgosBackend

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--package", type=Path, help="install this .argosmodel first")
    ap.add_argument("--review", type=Path, metavar="TSV",
                    help="write id, Japanese, raw model English, brief English, violations")
    ap.add_argument("--backend", choices=["argos", "libretranslate"], default="argos",
                    help="libretranslate: also time the server at --server against the local "
                         "package")
    ap.add_argument("--server", metavar="URL", help="the LibreTranslate server")
    ap.add_argument("--batch-size", type=int, default=32, help="segments per server request")
    ap.add_argument("--model", choices=["installed", "base", "tiny"], default="installed",
                    help="a stand-in model built for the benchmark (default: the installed one)")
    ap.add_argument("--segments", type=int, default=0, metavar="N",
                    help="only the brief's first N segments (a base-size run on a loaded "
                         "machine); 0: all")
    args = ap.parse_args()
    if args.backend == "libretranslate" and not args.server:
        ap.error("--backend libretranslate needs --server URL")
    if args.model != "installed":  # a private package dir, read by argostranslate at import
        home = Path(tempfile.mkdtemp(prefix="brief-bench-"))
        os.environ["ARGOS_PACKAGES_DIR"] = str(home / "packages")
        sys.path.insert(0, str(ROOT / "benchmarks"))
        sys.path.insert(0, str(ROOT / "tests"))
        if args.model == "base":
            from stand_in import build_base_package

            args.package = build_base_package(Path(tempfile.gettempdir()) / "brief-stand-in")
        else:
            from tiny_argos import build_package

            args.package = build_package(home / "tiny")
    from brief.config import load_config
    from brief.glossary.terms import load_glossary
    from brief.model import segments_of
    from brief.pipeline import assemble
    from brief.translate.backends.argos import ArgosBackend, install_file
    from brief.translate.cache import Cache
    from brief.translate.protect import protect, verify
    from brief.translate.run import translate_segments

    if args.package:
        install_file(args.package)
    brief = assemble(load_config(ROOT / "brief.toml"), ROOT / "seeds")
    segs = [(key, obj.ja) for key, obj in segments_of(brief)]
    segs = segs[:args.segments] if args.segments else segs
    glossary = load_glossary(ROOT / "glossary")
    backend = ArgosBackend()
    backend.translator  # noqa: B018 - loaded before timing: both sides get a loaded model

    # raw: the model alone on the unmasked Japanese, in the backend's own batches and
    # decoding options (length-sorted, output capped per batch), without brief's work
    t = time.perf_counter()
    backend.translate_tokens(backend.encode([ja for _, ja in segs]))
    raw = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as d:
        cache = Cache(Path(d) / "c.sqlite3")
        t = time.perf_counter()
        done = translate_segments(segs, glossary, backend, cache)
        english, brief_violations = done.english, done.violations
        cold = time.perf_counter() - t
        t = time.perf_counter()
        translate_segments(segs, glossary, backend, cache)
        warm = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Glossary and number rules checked on the raw model's own rendering of each segment.
    raw_english = backend.translate_batch([ja for _, ja in segs])
    raw_violations = [v for (key, ja), en in zip(segs, raw_english, strict=True)
                      for v in verify(key, en, protect(ja, glossary))]
    print(f"model {backend.model_id}, {len(segs)} segments")
    print(f"raw translate_batch  {raw:8.3f} s")
    print(f"brief cold cache     {cold:8.3f} s  ({cold / raw:5.2f}x raw; "
          f"{done.stats.retried} retried for a lost glossary term)")
    print(f"brief warm cache     {warm:8.3f} s  ({warm / raw:5.3f}x raw)")
    print(f"peak RSS             {peak:8.0f} MiB")
    for name, vs in (("raw model", raw_violations), ("brief", brief_violations)):
        kinds = Counter(v.problem.split(":")[0] for v in vs)
        detail = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "none"
        print(f"glossary/number violations, {name:<9} {len(vs):4d}  ({detail})")
    flagged = Counter(f.split(" (")[0].split(":")[0] for v in done.verdicts.values()
                      for f in v.flags if v.status == "flagged")
    n_flagged = sum(v.status == "flagged" for v in done.verdicts.values())
    print(f"output checks: {n_flagged} of {len(segs)} segments flagged "
          f"({', '.join(f'{k} {n}' for k, n in flagged.most_common()) or 'none'})")
    if args.review:
        by_key: dict[str, list[str]] = {}
        for v in brief_violations:
            by_key.setdefault(v.item_id, []).append(f"{v.term_ja}: {v.problem}")
        rows = ["id\tja\traw\tbrief\tviolations"] + [
            "\t".join([key, ja, raw, english[key], "; ".join(by_key.get(key, []))])
            for (key, ja), raw in zip(segs, raw_english, strict=True)]
        args.review.write_text("\n".join(rows) + "\n", encoding="utf-8")
        print(f"wrote {args.review} for reading the weakest translations side by side")
    if args.backend == "libretranslate":
        compare_server(args.server, args.batch_size, segs, glossary, backend)


def compare_server(url: str, batch_size: int, segs: list[tuple[str, str]],
                   glossary: Glossary, local: ArgosBackend) -> None:
    """The same masked segments through the server and the local package, timed."""
    from brief.config import TranslationConfig
    from brief.translate.backends import get_backend
    from brief.translate.cache import Cache
    from brief.translate.protect import protect
    from brief.translate.run import translate_segments

    server = get_backend(TranslationConfig(batch_size=batch_size), "libretranslate", url)
    masked = [protect(ja, glossary).masked for _, ja in segs]
    t = time.perf_counter()
    here = local.translate_batch(masked)
    local_s = time.perf_counter() - t
    t = time.perf_counter()
    for text in masked:  # as LibreTranslate runs the model: one text per call
        local.translate_batch([text])
    single_s = time.perf_counter() - t
    t = time.perf_counter()
    there = server.translate_batch(masked)
    server_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as d:
        t = time.perf_counter()
        translate_segments(segs, glossary, server, Cache(Path(d) / "s.sqlite3"),
                           chunk=batch_size)
        stage_s = time.perf_counter() - t
    same = sum(a == b for a, b in zip(here, there, strict=True))
    n = len(masked)
    print(f"server {server.model_id}, batch {batch_size}")
    print(f"local package        {local_s:8.3f} s  ({n / local_s:6.1f} segments/s)")
    print(f"local, one at a time {single_s:8.3f} s  ({n / single_s:6.1f} segments/s; the "
          "server runs the model once per text)")
    print(f"LibreTranslate       {server_s:8.3f} s  ({n / server_s:6.1f} segments/s, "
          f"{server_s / local_s:5.2f}x local)")
    print(f"brief cold, server   {stage_s:8.3f} s  (with glossary retries)")
    print(f"identical English    {same:4d} of {n}")


if __name__ == "__main__":
    main()
