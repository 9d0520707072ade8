"""Benchmark curation quality on the tests' unseen-style articles and the seeds.

Run by hand:  .venv/bin/python benchmarks/curation.py

Prints the figures issue #13 is measured by, on articles written for the tests
(tests/fixtures/unseen: wire, newspaper, broadcaster, matome forum, AI-generated site,
machine-translated aggregator, local paper) and on the seeds: source kinds right, boilerplate
in the brief, section precision against hand labels, planted conflicts flagged and false
ones, central facts present, bottom-line junk, and the seeds' known pairs.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from brief.config import load_config
from brief.model import Brief
from brief.pipeline import assemble
from brief.read.boilerplate import is_boilerplate

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

KINDS = {"u01_wire.txt": "wire", "u02_newspaper.txt": "newspaper",
         "u03_broadcaster.txt": "broadcaster", "u04_matome.txt": "forum",
         "u05_ai.txt": "ai-generated", "u06_mt.txt": "machine-translated",
         "u07_local.txt": "newspaper"}
# hand labels: a piece of a sentence -> the section it belongs to
GOLD = {"日米同盟をさらに強化": "security", "同盟のさらなる強化": "security",
        "重要鉱物の供給確保": "economic_security", "事業案件": "trade", "支援枠": "trade",
        "ノーベル平和賞": "optics", "横須賀基地": "optics", "パター": "optics",
        "健軍駐屯地": "optics", "共同生産": "security"}
CENTRAL = {"security": "日米同盟をさらに強化", "economic_security": "重要鉱物の供給確保",
           "trade": "事業案件", "optics": "横須賀基地"}
PLANTED = {"date:2025-10-28 | 2025-10-29", "figure:about 1.5 hours | about 40 minutes",
           "figure:more than $390 billion | up to $400 billion",
           "modality:announced intention | done | under adjustment",
           "attribute:日本初の女性首相 | 米国初の女性首相", "single-source:健軍 | 横須賀",
           "date:by March 2026 | by March 2027"}
_JUNK = re.compile(r"名無し|ID[:：]|回レス|出典[:：]|■|撮影|（政治部|関連記事|機械翻訳|AIによって")


def _texts(brief: Brief) -> list[str]:
    return ([it.ja for it in brief.all_items()] + [f.ja for f in brief.figures]
            + [e.ja for e in brief.timeline]
            + [cl.ja for c in brief.conflicts for cl in c.claims])


def unseen() -> None:
    t0 = time.perf_counter()
    brief = assemble(load_config(FIXTURES / "brief.toml"), FIXTURES / "unseen")
    secs = time.perf_counter() - t0
    kinds = sum(KINDS.get(s.path) == s.kind for s in brief.sources)
    junk = [t for t in _texts(brief) if is_boilerplate(t) or _JUNK.search(t)]
    labelled = [(it, g) for it in brief.all_items() for k, g in GOLD.items() if k in it.ja]
    right = sum(it.section == g for it, g in labelled)
    sides = {getattr(c, "kind", "figure") + ":" + " | ".join(sorted(cl.value for cl in c.claims))
             for c in brief.conflicts}
    central = sum(any(v in it.ja for it in s.items) for s in brief.sections
                  for k, v in CENTRAL.items() if k == s.key)
    low = {s.id for s in brief.sources if s.reliability == "low"}
    bad_bl = [it.ja for it in brief.bottom_line
              if not set(it.source_ids) - low
              or getattr(it, "modality", "done") not in ("done", "stated", "reported")
              or _JUNK.search(it.ja)]
    print(f"unseen articles: {len(brief.sources)} sources, assembled in {secs:.2f} s")
    print(f"  source kinds right            {kinds}/{len(KINDS)}")
    print(f"  boilerplate lines in brief    {len(junk)}" + (f"  {junk[:2]}" if junk else ""))
    print(f"  section precision (labelled)  {right}/{len(labelled)}"
          f" = {right / max(1, len(labelled)):.2f}")
    print(f"  planted conflicts flagged     {len(PLANTED & sides)}/{len(PLANTED)}")
    print(f"  false conflicts               {len(sides - PLANTED)}"
          + (f"  {sorted(sides - PLANTED)}" if sides - PLANTED else ""))
    print(f"  central facts in sections     {central}/{len(CENTRAL)}")
    print(f"  bottom line: points {len(brief.bottom_line)}, low-credibility-only/plan/junk "
          f"{len(bad_bl)}")


def seeds() -> None:
    brief = assemble(load_config(FIXTURES / "brief.toml"), FIXTURES / "seeds")
    pairs = [sorted(cl.value for cl in c.claims) for c in brief.conflicts]
    lone = [c for c in brief.conflicts if getattr(c, "kind", "") == "single-source"]
    print(f"seeds: {len(brief.sources)} sources, {len(brief.conflicts)} conflicts")
    for what, pair, yes, no in (("70% mining vs 90% refining", ["about 70%", "about 90%"],
                                 "present", "gone"),
                                ("7 vs 9 fields", ["7 fields", "9 fields"], "present", "gone"),
                                ("60% table vs ~70% mining", ["60%", "about 70%"], "set",
                                 "missing")):
        print(f"  {what:<30}{yes if pair in pairs else no}")
    kengun = bool(lone) and lone[0].claims[-1].value == "健軍"
    print(f"  {'健軍 visit as single-source':<30}{'set' if kengun else 'missing'}")
    junk = [t for t in _texts(brief) if is_boilerplate(t) or _JUNK.search(t)]
    print(f"  boilerplate lines in brief    {len(junk)}")
    print(f"  kinds: {', '.join(f'{s.id} {s.kind}' for s in brief.sources)}")


if __name__ == "__main__":
    unseen()
    seeds()
