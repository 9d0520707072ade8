"""The translation stage: every distinct segment once, in batches, cached, verified, checked.

A person's English from the translation memory comes first and is never sent to the model.
The rest go to the backend in batches (Argos sorts each by length and caps its output by
its longest source); a segment whose placeholders the model lost is translated once more
with the English written in (a batch's retries in one call), and the better of the two kept
(fewer violations). A segment that kept its placeholders is not retried: the glossary's
English is already in it and forbidden renderings are swapped out. Every machine output
then goes through the output checks (checks.py); one that fails is
`flagged`: its `en` stays empty (nothing that reads brief.json can take it for English), the
model's output is kept in `machine_output` for review, and the renderers show the Japanese.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from brief.glossary.terms import Glossary
from brief.model import APPROVED, FLAGGED, MACHINE, Brief, Violation, segments_of
from brief.translate.backends import Backend
from brief.translate.cache import Cache
from brief.translate.checks import check, glossary_reasons
from brief.translate.memory import Memory
from brief.translate.protect import Protected, finish, protect, verify
from brief.vocab import Status


@dataclass
class Stats:
    segments: int = 0
    approved: int = 0  # from the translation memory: never sent to the model
    cached: int = 0
    translated: int = 0
    retried: int = 0


@dataclass
class Verdict:
    status: Status  # APPROVED, MACHINE or FLAGGED
    flags: list[str] = field(default_factory=list)


@dataclass
class Translation:
    english: dict[str, str]
    violations: list[Violation]
    stats: Stats
    verdicts: dict[str, Verdict]
    model_id: str = ""  # "" when every segment came from the memory (no model loaded)
    model_name: str = ""


BackendSource = Backend | Callable[[], Backend]


@contextmanager
def _no_progress(items: list[Any], **_: object) -> Iterator[list[Any]]:
    yield items


def _machine(ja: str, raw: str, en: str, vs: list[Violation]) -> Verdict:
    reasons = check(ja, raw, en, vs)
    return Verdict(FLAGGED if reasons else MACHINE, reasons)


def translate_segments(
    segments: list[tuple[str, str]], glossary: Glossary, backend: BackendSource,
    cache: Cache, memory: Memory | None = None, chunk: int | None = None,
    progress: Callable[..., Any] = _no_progress,
) -> Translation:
    """Translate (id, japanese) segments: English, violations, counts and a verdict by id.

    BACKEND may be a factory: it is called only when a segment is not in the memory, so a
    build the memory fully covers never loads the model."""
    out = Translation({}, [], Stats(segments=len(segments)), {})
    rest = _from_memory(segments, glossary, memory if memory is not None else Memory(None), out)
    if not rest:
        return out
    engine: Backend = backend if hasattr(backend, "translate_batch") else backend()  # type: ignore[assignment]
    out.model_id = engine.model_id
    out.model_name = getattr(engine, "name", engine.model_id)
    run = _Run(out, engine, cache)
    todo = run.from_cache(rest)
    # shortest first, so each call's segments are of a length and none waits on a long one
    # (a model call decodes until its longest output ends); results are keyed, not ordered
    todo.sort(key=lambda t: len(t[1].masked))
    chunk = chunk or engine.batch_size  # per backend: [translation] batch_size
    batches = [todo[i:i + chunk] for i in range(0, len(todo), chunk)]
    with progress(batches, label="Translating") as bar:
        for batch in bar:
            run.translate(batch)
    out.violations += [v for seg_id, _ in rest for v in run.found.get(seg_id, [])]
    return out


def _from_memory(segments: list[tuple[str, str]], glossary: Glossary, memory: Memory,
                 out: Translation) -> list[tuple[str, Protected]]:
    """Take every segment an analyst approved from the memory (checked against today's
    glossary); the rest, protected, for the model."""
    rest: list[tuple[str, Protected]] = []
    for seg_id, ja in segments:
        prot = protect(ja, glossary)
        approved = memory.get(ja)
        if approved is None:
            rest.append((seg_id, prot))
            continue
        vs = verify(seg_id, approved, prot)  # the glossary may have changed since
        out.english[seg_id] = approved
        out.violations += vs
        out.verdicts[seg_id] = Verdict(APPROVED, glossary_reasons(vs))
        out.stats.approved += 1
    return rest


Job = tuple[str, Protected, str]  # segment id, its protected text, its cache key


class _Run:
    """One translation run's state: what the cache gave, what the model gave, and which
    segments share a text (translated once for all of them)."""

    def __init__(self, out: Translation, engine: Backend, cache: Cache) -> None:
        self.out, self.engine, self.cache = out, engine, cache
        self.found: dict[str, list[Violation]] = {}  # by segment id
        self.same: dict[str, list[str]] = {}  # key -> further segment ids with that key
        self.results: dict[str, tuple[str, list[Violation], str]] = {}  # id -> text, vs, raw

    def from_cache(self, rest: list[tuple[str, Protected]]) -> list[Job]:
        """Fill what the cache holds; the segments left for the model, each text once."""
        todo: list[Job] = []
        for seg_id, prot in rest:
            key = Cache.key(self.engine.model_id, prot.source,
                            [s.term for s in prot.slots if s.term])
            hit = self.cache.get(key)
            if hit is not None and "raw" in hit:
                self.out.stats.cached += 1
                vs = [Violation(seg_id, **v) for v in hit["violations"]]
                self.out.english[seg_id] = hit["en"]
                self.found[seg_id] = vs
                self.out.verdicts[seg_id] = _machine(prot.source, hit["raw"], hit["en"], vs)
            elif key in self.same:  # the same text twice in one build is translated once
                self.same[key].append(seg_id)
            else:
                self.same[key] = []
                todo.append((seg_id, prot, key))
        return todo

    def translate(self, batch: list[Job]) -> None:
        """One model call for BATCH, one more for its retries, then its results cached."""
        raws = self.engine.translate_batch([p.masked for _, p, _ in batch])
        retry = []
        for (seg_id, prot, key), raw in zip(batch, raws, strict=True):
            text, lost, vs = finish(raw, prot, seg_id)
            self.results[seg_id] = (text, vs, raw)
            if lost and not check(prot.source, raw, text, []):
                retry.append((seg_id, prot, key))
        self.retry(retry)
        self.record(batch)

    def retry(self, retry: list[Job]) -> None:
        """Only a segment whose placeholders the model lost, in English that is otherwise
        sound, is sent again with the English terms written in: the batch's retries in one
        call, before the batch is cached (an interrupted build resumes with finished segments
        only). Output that fails the checks anyway (Japanese left, loops, other scripts) is
        flagged for an analyst without a second decode: the model is not translating that
        sentence, and retrying doubled its cost."""
        self.out.stats.retried += len(retry)
        raws = self.engine.translate_batch([p.inline for _, p, _ in retry]) if retry else []
        for (seg_id, prot, _), raw in zip(retry, raws, strict=True):
            text, _, vs = finish(raw, prot, seg_id)
            if len(vs) < len(self.results[seg_id][1]):
                self.results[seg_id] = (text, vs, raw)

    def record(self, done: list[Job]) -> None:
        """The batch's verdicts for every segment sharing its texts, and one cache write per
        batch: an interrupted build keeps what it translated."""
        rows = []
        for seg_id, prot, key in done:
            text, vs, raw = self.results[seg_id]
            verdict = _machine(prot.source, raw, text, vs)
            for sid in (seg_id, *self.same[key]):
                self.out.english[sid] = text
                self.found[sid] = [replace(v, item_id=sid) for v in vs]
                self.out.verdicts[sid] = verdict
            rows.append((key, {"en": text, "raw": raw, "violations": [
                {"term_ja": v.term_ja, "expected": v.expected, "problem": v.problem}
                for v in vs]}))
        self.cache.put_many(rows)
        self.out.stats.translated += sum(1 + len(self.same[key]) for _, _, key in done)


def _kept(english: str, verdict: Verdict) -> tuple[str, str]:
    """(en, machine_output): English that failed the checks is never kept as `en`."""
    return ("", english) if verdict.status == FLAGGED else (english, "")


def translate_brief(brief: Brief, glossary: Glossary, backend: BackendSource, cache: Cache,
                    memory: Memory | None = None,
                    progress: Callable[..., Any] = _no_progress) -> Stats:
    """Fill `en` (or, flagged, `machine_output`), `status` and `flags` of every point,
    figure, claim, event and source title, and the brief's title when derived; record
    violations and the model. `translated` is true only if some text passed."""
    segments = segments_of(brief)
    titles = [(f"title-{s.id}", s.title) for s in brief.sources]
    if brief.title_ja:  # derived from the sources: translated like any other segment
        titles.append(("title", brief.title_ja))
    done = translate_segments([(key, obj.ja) for key, obj in segments] + titles, glossary,
                              backend, cache, memory, progress=progress)
    for key, obj in segments:
        verdict = done.verdicts[key]
        obj.en, obj.machine_output = _kept(done.english[key], verdict)
        obj.status, obj.flags = verdict.status, verdict.flags
    for s in brief.sources:
        verdict = done.verdicts[f"title-{s.id}"]
        s.title_en, s.title_machine_output = _kept(done.english[f"title-{s.id}"], verdict)
        s.title_status, s.title_flags = verdict.status, verdict.flags
    brief.violations = done.violations
    if brief.title_ja and done.verdicts["title"].status != FLAGGED:
        brief.title = done.english["title"]  # a flagged title stays in Japanese
    brief.translated = brief.usable_english()
    brief.model, brief.model_name = done.model_id, done.model_name
    return done.stats
