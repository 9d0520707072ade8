"""The translation stage: every distinct segment once, in batches, cached, verified.

A segment lost placeholders or broke the glossary? It is translated once more with the
English written in, and the better of the two kept (fewer violations).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from brief.glossary.terms import Glossary
from brief.model import Brief, Violation, segments_of
from brief.translate.backends import Backend
from brief.translate.cache import Cache
from brief.translate.protect import Protected, finish, protect


@dataclass
class Stats:
    segments: int = 0
    cached: int = 0
    translated: int = 0
    retried: int = 0


@contextmanager
def _no_progress(items: list, **_: object) -> Iterator[list]:
    yield items


def translate_segments(
    segments: list[tuple[str, str]], glossary: Glossary, backend: Backend, cache: Cache,
    chunk: int = 32, progress: Callable = _no_progress,
) -> tuple[dict[str, str], list[Violation], Stats]:
    """Translate (id, japanese) segments; return English by id, violations and counts."""
    stats = Stats(segments=len(segments))
    english: dict[str, str] = {}
    violations: list[Violation] = []
    todo: list[tuple[str, Protected, str]] = []
    same: dict[str, list[str]] = {}  # key -> further segment ids with that key
    for seg_id, ja in segments:
        prot = protect(ja, glossary)
        key = Cache.key(backend.model_id, prot.source, [s.term for s in prot.slots if s.term])
        hit = cache.get(key)
        if hit is not None:
            stats.cached += 1
            english[seg_id] = hit["en"]
            violations += [Violation(seg_id, **v) for v in hit["violations"]]
        elif key in same:  # the same text twice in one build is translated once
            same[key].append(seg_id)
        else:
            same[key] = []
            todo.append((seg_id, prot, key))
    batches = [todo[i:i + chunk] for i in range(0, len(todo), chunk)]
    with progress(batches, label="Translating") as bar:
        for batch in bar:
            raws = backend.translate_batch([p.masked for _, p, _ in batch])
            results: dict[str, tuple[str, list[Violation]]] = {}
            retry: list[tuple[str, Protected, str]] = []
            for (seg_id, prot, key), raw in zip(batch, raws, strict=True):
                text, lost, vs = finish(raw, prot, seg_id)
                results[seg_id] = (text, vs)
                if lost or vs:
                    retry.append((seg_id, prot, key))
            if retry:
                stats.retried += len(retry)
                raws2 = backend.translate_batch([p.inline for _, p, _ in retry])
                for (seg_id, prot, _), raw in zip(retry, raws2, strict=True):
                    text, _, vs = finish(raw, prot, seg_id)
                    if len(vs) < len(results[seg_id][1]):
                        results[seg_id] = (text, vs)
            rows = []
            for seg_id, _, key in batch:
                text, vs = results[seg_id]
                for sid in (seg_id, *same[key]):
                    english[sid] = text
                    violations += [replace(v, item_id=sid) for v in vs]
                rows.append((key, {"en": text, "violations": [
                    {"term_ja": v.term_ja, "expected": v.expected, "problem": v.problem}
                    for v in vs]}))
            cache.put_many(rows)
            stats.translated += sum(1 + len(same[key]) for _, _, key in batch)
    return english, violations, stats


def translate_brief(brief: Brief, glossary: Glossary, backend: Backend, cache: Cache,
                    progress: Callable = _no_progress) -> Stats:
    """Fill `en` of every point, figure, claim, event and source title; record violations."""
    segments = segments_of(brief)
    titles = [(f"title-{s.id}", s.title) for s in brief.sources]
    english, violations, stats = translate_segments(
        [(key, obj.ja) for key, obj in segments] + titles, glossary, backend, cache,
        chunk=backend.batch_size, progress=progress)
    for key, obj in segments:
        obj.en = english[key]
    for s in brief.sources:
        s.title_en = english[f"title-{s.id}"]
    brief.violations = violations
    brief.translated = True
    brief.model = backend.model_id
    return stats
