"""Dependency parses (GiNZA) of the sentences a brief shows: main predicate, frame, speaker.

GiNZA (spaCy + a Japanese dependency parser and NER on SudachiPy) is loaded once, lazily,
only by a build that has sentences to parse — never by `brief --help` or the glossary
commands — and only the sentences that become points or sides of a conflict are parsed
(tens, not the corpus). Parses are cached on disk (OUT/.cache/parses.json) keyed by the
sentence and the model version, so a rebuild parses nothing it has seen.

What the parse gives the lexical claims of analyse/claims.py: the main predicate (ROOT, or
its `acl` child when ROOT is a frame noun — 具体化 of 具体化する方針だ), the frame itself
(予定, 方針, 見通し: the modality), the auxiliaries (ない, た), and for reported speech
(述べた, 語った, 強調した with a clause) the speaker: what a claim's modality needs. Its
named entities are not kept: the actors come from the gazetteer rules of claims.py, which
know people and organisations better than GiNZA's labels (トランプ as a car).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from brief.vocab import Modality

MODEL = "ja_ginza"
_FRAMES: dict[str, Modality] = {
    "予定": "planned", "見通し": "planned", "見込み": "planned", "計画": "planned",
    "方針": "intention", "考え": "intention", "意向": "intention", "可能性": "opinion"}
_SPEECH = {"述べる", "語る", "強調", "説明", "明らか", "話す", "指摘", "表明", "伝える", "言う"}


@dataclass(frozen=True)
class Parse:
    predicate: str  # lemma of the main predicate
    frame: str  # a frame noun over it (予定, 方針, …), "" when none
    speaker: str  # reported speech: who speaks, "" when not reported
    auxes: tuple[str, ...]  # aux/cop lemmas of the predicate (た, ない, れる, だ, …)

    @property
    def modality(self) -> Modality:
        """done / planned / intention / adjusting / negated / opinion / reported / stated."""
        if "ない" in self.auxes or "ず" in self.auxes:
            return "negated"
        if self.predicate == "調整" or self.frame == "調整":
            return "adjusting"
        if self.frame in _FRAMES:
            return _FRAMES[self.frame]
        if self.speaker:
            return "reported"
        if "た" in self.auxes:
            return "done"
        return "planned" if "する" in self.auxes else "stated"


@lru_cache(maxsize=1)
def _nlp() -> Any:  # noqa: ANN401 - spaCy's Language
    """GiNZA's pipeline. It runs on thinc's NumPy ops; thinc would also import PyTorch when
    it is installed (argostranslate's dependencies bring it), which costs 1.5 s and 190 MB
    for nothing here, so PyTorch is hidden while spaCy loads. Translation imports it later
    as usual."""
    with _torch_hidden():
        import spacy

        return spacy.load(MODEL)


@contextlib.contextmanager
def _torch_hidden() -> Iterator[None]:
    """`import torch` fails inside (unless it is already imported, then nothing changes)."""
    if "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # the import system: absent
    try:
        yield
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


def release() -> None:
    """Give GiNZA's memory back (about 300 MB) once a large build has parsed its points,
    before the writers need theirs: the model is dropped and the C heap trimmed, so it does
    not stay resident through rendering. The next parse loads it again (2–3 s)."""
    if not _nlp.cache_info().currsize:
        return
    _nlp.cache_clear()
    import gc

    gc.collect()
    try:  # glibc keeps freed memory in its arenas until asked to return it
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, Windows, musl): freed, not trimmed
        pass


def _version() -> str:
    try:
        from importlib.metadata import version

        return f"{MODEL}-{version('ja-ginza')}"
    except Exception:  # noqa: BLE001 - the version only keys the cache
        return MODEL


def _subject(tok: Any) -> str:  # noqa: ANN401
    for child in tok.children:
        if child.dep_ == "nsubj":
            parts = [c.text for c in child.children if c.dep_ == "compound"]
            return "".join(parts) + str(child.text)
    return ""


def _from_doc(doc: Any) -> Parse:  # noqa: ANN401
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return Parse("", "", "", ())
    root = roots[0]
    pred, frame = root, ""
    if root.lemma_ in _FRAMES or root.lemma_ == "調整":
        acl = [c for c in root.children if c.dep_ == "acl"]
        if acl:
            frame, pred = root.lemma_, acl[0]
    speaker = ""
    if root.lemma_ in _SPEECH and any(c.dep_ == "ccomp" for c in root.children):
        speaker = _subject(root)
    auxes = tuple(c.lemma_ for c in pred.children if c.dep_ in ("aux", "cop"))
    if pred is not root:
        auxes += tuple(c.lemma_ for c in root.children if c.dep_ in ("aux", "cop"))
    return Parse(pred.lemma_, frame, speaker, auxes)


MAX_CACHE = 256 * 2**20  # a parse is ~100 bytes: millions of sentences


class ParseCache:
    """Parses on disk, keyed by sentence hash and model version."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.data: dict[str, dict[str, Any]] = {}
        self.dirty = False
        if path is not None and path.exists():
            from brief.errors import BriefError, read_input, warn

            try:
                data = json.loads(read_input(path, MAX_CACHE).decode("utf-8"))
                if not isinstance(data, dict):
                    raise ValueError(f"a JSON {type(data).__name__}, not an object")
                self.data = data
            except (BriefError, ValueError) as exc:  # damaged: rebuilt, never fatal
                warn(f"{path}: damaged parse cache ({exc}); parsing again")
                self.dirty = True

    @staticmethod
    def key(sentence: str) -> str:
        return hashlib.sha1(f"{_version()}\n{sentence}".encode()).hexdigest()

    def get(self, sentence: str) -> Parse | None:
        hit = self.data.get(self.key(sentence))
        try:
            p = Parse(hit["predicate"], hit["frame"], hit["speaker"], tuple(hit["auxes"]))  # type: ignore[index]
        except (TypeError, KeyError):  # absent, or an entry of the wrong shape: parse again
            return None
        ok = all(isinstance(v, str) for v in (p.predicate, p.frame, p.speaker, *p.auxes))
        return p if ok else None

    def put(self, sentence: str, p: Parse) -> None:
        self.data[self.key(sentence)] = asdict(p)
        self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        from brief.atomic import atomic_write
        from brief.errors import BriefError

        # only a speed-up: an unwritable out/ is reported by the writers, not here
        with contextlib.suppress(OSError, BriefError):
            atomic_write(self.path, json.dumps(self.data, ensure_ascii=False, sort_keys=True)
                         .encode("utf-8"))


def available() -> bool:
    """GiNZA and its model are installed (a build without them keeps the lexical claims)."""
    from importlib.util import find_spec

    return find_spec("spacy") is not None and find_spec(MODEL) is not None


def parse_all(sentences: list[str], cache_path: Path | None = None) -> dict[str, Parse]:
    """Parses of SENTENCES (deduplicated), from the cache where it has them."""
    cache = ParseCache(cache_path)
    out: dict[str, Parse] = {}
    todo: list[str] = []
    for s in dict.fromkeys(sentences):
        hit = cache.get(s)
        if hit is None:
            todo.append(s)
        else:
            out[s] = hit
    if todo:
        for s, doc in zip(todo, _nlp().pipe(todo, batch_size=50), strict=True):
            out[s] = _from_doc(doc)
            cache.put(s, out[s])
        cache.save()
    return out
