"""The analyse stage: every article analysed once, in parallel, cached on disk by content.

An article's analysis (`ArticleAnalysis`) is one immutable value: its sentences with their
lemmas, numbers and assertions, and every result the analysis functions gave while making
them (store.per_build). It depends only on the article's passages, its date and this code,
so it is cached under OUT/.cache/analyses by a hash of those: a rebuild analyses only new
or changed articles, and a damaged entry is analysed again with a warning. Articles are
analysed in a process pool sized from the CPUs this process may use, once a corpus is big
enough to repay the pool's start (`PARALLEL_FROM`); each worker loads SudachiPy once.
Later stages read the results through the same functions, from the build's memo.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from brief.analyse.claims import main_modality, source_assertions
from brief.analyse.classify import Classification, Classifier
from brief.analyse.morphology import Analysis, analyse
from brief.analyse.numbers import NumberSpan, find_numbers
from brief.analyse.store import Key, active
from brief.model import Assertion, Passage, Source
from brief.vocab import PassageKind

FORMAT = 2  # of the cache files; bump when ArticleAnalysis changes shape
# Articles from which the pool pays for its start (measured: see the commit that set it)
PARALLEL_FROM = 24
_WORDS = ("sentence", "list", "quote", "heading")  # passages with words to analyse
_CLAUSES = ("sentence", "list", "quote")  # passages that can make assertions
# asked only by another remembered function (claims._shape): not worth keeping
_INNER = {"brief.analyse.claims._last_place"}


@dataclass(frozen=True)
class SentenceAnalysis:
    text: str
    kind: str
    morphology: Analysis | None  # None for a table row
    numbers: tuple[NumberSpan, ...]
    assertions: tuple[Assertion, ...]


@dataclass(frozen=True)
class ArticleAnalysis:
    key: str  # hash of what it was computed from (see `article_key`)
    sentences: tuple[SentenceAnalysis, ...]
    results: tuple[tuple[Key, Any], ...]  # every analysis function's result for it
    classes: tuple[tuple[str, Classification], ...]  # each passage's section (this config)


@dataclass
class Stats:
    """What the stage did, for tests and --timings: articles analysed, read from the cache,
    and cache entries found damaged (then analysed again)."""
    analysed: int = 0
    cached: int = 0
    damaged: int = 0
    workers: int = 1


@dataclass
class Analyses:
    """The build's analyses: the articles' values and the memo the analysis functions read."""
    articles: dict[str, ArticleAnalysis] = field(default_factory=dict)  # by source id
    memo: dict[Key, Any] = field(default_factory=dict)
    classes: dict[str, Classification] = field(default_factory=dict)  # text -> its section
    stats: Stats = field(default_factory=Stats)


# key, date, headline, (kind, text) of each passage
Job = tuple[str, date | None, str, tuple[tuple[PassageKind, str], ...]]


def fingerprint() -> str:
    """This analysis code and dictionary: a cached analysis made by other code is stale."""
    h = hashlib.sha256(f"{FORMAT}\n{sys.version_info[:2]}".encode())
    here = Path(__file__).parent
    for path in sorted([*here.glob("*.py"), *here.glob("data/*")]):
        h.update(path.read_bytes())
    from importlib.metadata import PackageNotFoundError, version

    for dist in ("sudachipy", "sudachidict_core", "ja-ginza"):  # the dictionary, the vectors
        try:
            h.update(f"{dist} {version(dist)}\n".encode())
        except PackageNotFoundError:
            h.update(f"{dist} -\n".encode())
    return h.hexdigest()


def config_key(classifier: Classifier) -> str:
    """What of the configuration a classification depends on (its sections, the threshold):
    another configuration classifies afresh."""
    return repr((classifier.config.sections, classifier.config.min_score))


def article_key(code: str, anchor: date | None, title: str, passages: Iterable[Passage]
                ) -> str:
    h = hashlib.sha256(f"{code}\n{anchor}\n{title}\n".encode())
    for p in passages:
        h.update(f"{p.kind}\t{p.text}\n".encode())
    return h.hexdigest()


_classifier: Classifier | None = None  # a worker's, made once (see `_start`)


def _start(config: Any) -> None:  # noqa: ANN401 - brief.config.Config, pickled to a worker
    global _classifier
    _classifier = Classifier(config)


def analyse_article(job: Job, classifier: Classifier | None = None) -> ArticleAnalysis:
    """One article's analysis, from a fresh memo: what every later stage asks of it."""
    classifier = classifier or _classifier
    assert classifier is not None, "a worker classifies with the classifier _start made"
    key, anchor, title, shapes = job
    passages = [Passage("", 0, len(t), t, kind) for kind, t in shapes]
    memo: dict[Key, Any] = {}
    with active(memo):
        claims = source_assertions(passages, {"": anchor})
        by_text: dict[str, list[Assertion]] = {}
        for a in claims:
            by_text.setdefault(a.ja, []).append(a)
        sentences = []
        for p in passages:
            words = p.kind in _WORDS
            if p.kind in _CLAUSES:
                main_modality(p)  # the points' and the timeline's reading (no anchor)
            sentences.append(SentenceAnalysis(
                p.text, p.kind, analyse(p.text) if words else None, find_numbers(p.text),
                tuple(by_text.get(p.text, ()))))
        classes = {t: classifier.classify(t) for t in [title, *(p.text for p in passages
                                                                 if p.kind in _WORDS)]}
    kept = tuple((k, v) for k, v in memo.items() if k[0] not in _INNER)
    return ArticleAnalysis(key, tuple(sentences), kept, tuple(classes.items()))


def _work(job: Job, cache: Path | None) -> bytes:
    """A worker's share: the article analysed, pickled once (for the cache and the parent)."""
    data = pickle.dumps(analyse_article(job), protocol=pickle.HIGHEST_PROTOCOL)
    if cache is not None:
        _save(_path(cache, job[0]), data)
    return data


def _save(path: Path, data: bytes) -> None:
    from brief.atomic import atomic_write
    from brief.errors import BriefError

    try:  # only a speed-up: an unwritable out/ is reported by the writers, not here
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
    except (OSError, BriefError):
        pass


MAX_ENTRY = 256 * 2**20  # one article's analysis: a few MiB for the longest source


def _load(path: Path, key: str, stats: Stats) -> ArticleAnalysis | None:
    """The cached analysis at PATH, None when there is none; a damaged one is reported
    (one line) and analysed again."""
    from brief.errors import BriefError, read_input

    if not path.exists():
        return None
    try:
        data = read_input(path, MAX_ENTRY)
        found = pickle.loads(data)  # noqa: S301 - our own cache, under the user's out/
        if isinstance(found, ArticleAnalysis) and found.key == key:
            return found
        raise ValueError("not this article's analysis")
    except BriefError as exc:  # a FIFO, a folder, a huge file in the cache: not read
        from brief.errors import warn

        warn(f"{exc}; analysing the article again")
        stats.damaged += 1
        return None
    except Exception:  # noqa: BLE001 - any damage (truncated, garbage, old classes) rebuilds
        from brief.errors import warn

        warn(f"{path}: damaged analysis cache entry; analysing the article again")
        stats.damaged += 1
        return None


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def analyse_sources(sources: list[Source], passages: list[Passage], classifier: Classifier,
                    cache_dir: Path | None = None, workers: int | None = None) -> Analyses:
    """Every source's analysis, its passages classified by CLASSIFIER's rules: from
    CACHE_DIR where it has it, else computed (in a pool of WORKERS processes, default every
    usable CPU, when the corpus is big enough to repay them). Cache entries no source of
    this build has are removed (the cache holds one corpus, not every past version)."""
    from brief.analyse.dates import anchor_of

    code = fingerprint() + config_key(classifier)
    cache = cache_dir / "analyses" if cache_dir is not None else None
    out = Analyses()
    own: dict[str, list[Passage]] = {s.id: [] for s in sources}
    for p in passages:
        own.setdefault(p.source_id, []).append(p)
    titles = {s.id: s.title for s in sources}
    anchors = {s.id: anchor_of(s) for s in sources}
    done: dict[str, ArticleAnalysis] = {}  # by key (reposts of one text: analysed once)
    todo: dict[str, Job] = {}
    wanted: dict[str, str] = {}  # source id -> key
    for sid, ps in own.items():
        key = wanted[sid] = article_key(code, anchors.get(sid), titles.get(sid, ""), ps)
        if key in done or key in todo:
            continue
        hit = _load(_path(cache, key), key, out.stats) if cache else None
        if hit is not None:
            done[key] = hit
            out.stats.cached += 1
        else:
            todo[key] = (key, anchors.get(sid), titles.get(sid, ""),
                         tuple((p.kind, p.text) for p in ps))
    done.update(_compute(list(todo.values()), cache, workers, out.stats, classifier))
    out.articles = {sid: done[key] for sid, key in wanted.items()}
    for a in done.values():
        out.memo.update(a.results)
        out.classes.update(a.classes)
    if cache is not None:
        _prune(cache, set(done))
    return out


def _path(cache: Path, key: str) -> Path:
    return cache / key[:2] / f"{key}.pickle"


def _prune(cache: Path, keep: set[str]) -> None:
    """Remove the cache's entries of articles this build does not have (best effort)."""
    for path in cache.glob("*/*.pickle"):
        if path.stem not in keep:
            path.unlink(missing_ok=True)


def _compute(jobs: list[Job], cache: Path | None, workers: int | None, stats: Stats,
             classifier: Classifier) -> dict[str, ArticleAnalysis]:
    """JOBS analysed: in this process for a few, else in a pool of WORKERS (and in this
    process after all, with a warning, when the pool cannot start or a worker dies)."""
    n = min(workers or usable_cpus(), len(jobs))
    stats.analysed += len(jobs)
    if n >= 2 and (workers is not None or len(jobs) >= PARALLEL_FROM):
        from concurrent.futures.process import BrokenProcessPool

        try:
            found = _pooled(jobs, cache, n, classifier)
            stats.workers = n
            return found
        except (BrokenProcessPool, OSError) as exc:
            from brief.errors import warn

            warn(f"analysing in {n} processes failed ({exc}); analysing in this one")
    serial = [analyse_article(j, classifier) for j in jobs]
    if cache is not None:
        for a in serial:
            _save(_path(cache, a.key), pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL))
    return {a.key: a for a in serial}


def _pooled(jobs: list[Job], cache: Path | None, n: int, classifier: Classifier
            ) -> dict[str, ArticleAnalysis]:
    """JOBS analysed by N worker processes, each with a classifier of its own (forked on
    Linux: the parent's loaded modules are shared, not imported again)."""
    import multiprocessing
    from functools import partial

    method = "fork" if sys.platform == "linux" else "spawn"
    with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context(method),
                             initializer=_start, initargs=(classifier.config,)) as pool:
        blobs = pool.map(partial(_work, cache=cache), jobs,
                         chunksize=max(1, len(jobs) // (n * 8)))
        return {a.key: a for a in map(pickle.loads, blobs)}
