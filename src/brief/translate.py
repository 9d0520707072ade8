"""Translation stage: protect glossary terms and numbers, translate in batches, verify, cache.

Protection: each glossary term (variants normalised, longest match first) and each numeric
expression is replaced by a placeholder token the model copies (ZX1, ZX2, ...). After
translation the placeholders become the glossary's English and the converted numbers. If a
placeholder is lost, the segment is translated again with the English written into the
Japanese (code-switched input). The output is then verified: every term's rendering present,
no forbidden rendering; what still fails is reported as a Violation.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from brief.glossary import Glossary, Term
from brief.model import Brief, Claim, Event, Figure, Item, Violation
from brief.models import Backend
from brief.numbers import find_numbers

TOKEN = "ZX{}"
_TOKEN_RE = re.compile(r"Z\s?X\s?(\d{1,3})", re.IGNORECASE)
_VOWEL_SOUND = re.compile(r"^(?:[AEIOaeio]|U[^n]|FY|NSS|MOU|HNS|LNG|NHK|8|11|18)")


@dataclass
class Slot:
    token: str
    ja: str
    en: str
    term: Term | None = None  # None for a number


@dataclass
class Protected:
    source: str
    masked: str
    inline: str  # the English written straight into the Japanese
    slots: list[Slot]


def protect(text: str, glossary: Glossary) -> Protected:
    """Mask glossary terms (longest first) and numbers with placeholder tokens."""
    text = glossary.normalise(text)
    found: list[tuple[int, int, str, Term | None]] = [
        (s, e, t.en, t) for s, e, t in glossary.find(text)]
    found += [(n.start, n.end, n.en, None) for n in find_numbers(text)]
    # Overlaps (国内総生産 inside 国内総生産比2パーセント; 3文書 inside 安全保障関連3文書):
    # the longer span wins.
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    covered = [False] * len(text)
    spans: list[tuple[int, int, str, Term | None]] = []
    for s, e, en, term in found:
        if not any(covered[s:e]):
            spans.append((s, e, en, term))
            for i in range(s, e):
                covered[i] = True
    spans.sort(key=lambda x: x[0])
    masked, inline, slots, pos = [], [], [], 0
    for i, (s, e, en, term) in enumerate(spans, 1):
        token = TOKEN.format(i)
        masked += [text[pos:s], f" {token} "]
        inline += [text[pos:s], f" {en} "]
        slots.append(Slot(token, text[s:e], en, term))
        pos = e
    masked.append(text[pos:])
    inline.append(text[pos:])
    return Protected(text, "".join(masked).strip(), "".join(inline).strip(), slots)


def restore(output: str, prot: Protected) -> tuple[str, list[Slot]]:
    """Placeholders back to English; returns the text and the slots the model lost."""
    by_index = {i: slot for i, slot in enumerate(prot.slots, 1)}
    seen: set[int] = set()

    def sub(m: re.Match[str]) -> str:
        idx = int(m.group(1))
        slot = by_index.get(idx)
        if slot is None or idx in seen:
            return ""  # an invented or repeated placeholder carries nothing
        seen.add(idx)
        return slot.en

    text = _TOKEN_RE.sub(sub, output)
    lost = [slot for i, slot in by_index.items() if i not in seen]
    return text, lost


def tidy(text: str, inserted: list[str], exact_start: bool = False) -> str:
    """Grammar around inserted terms: spacing, a/an, doubled articles, sentence capital."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?%)])", r"\1", text)
    text = re.sub(r"([($¥€])\s+", r"\1", text)
    text = re.sub(r"\b(the|a|an) (?:the|a|an)\b", r"\1", text, flags=re.IGNORECASE)
    for en in inserted:
        if not en:
            continue
        article = "an" if _VOWEL_SOUND.match(en) else "a"
        text = re.sub(rf"\b[Aa]n? (?={re.escape(en)})",
                      lambda m, a=article: (a.capitalize() if m.group()[0] == "A" else a) + " ",
                      text)
    if text and text[0].islower() and not exact_start:
        text = text[0].upper() + text[1:]
    return text


def verify(item_id: str, english: str, prot: Protected) -> list[Violation]:
    """Every glossary term of the source rendered as the glossary says, nothing forbidden."""
    out: list[Violation] = []
    low = english.lower()
    for slot in prot.slots:
        if slot.term is None:
            if slot.en.lower() not in low:
                out.append(Violation(item_id, slot.ja, slot.en, "number missing"))
            continue
        t = slot.term
        present = (t.en in english if t.case == "exact" else t.en.lower() in low)
        if not present:
            out.append(Violation(item_id, t.ja, t.en, "missing"))
        for bad in t.forbidden:
            if re.search(rf"(?<!\w){re.escape(bad)}(?!\w)", english, _flags(t)):
                out.append(Violation(item_id, t.ja, t.en, f"forbidden: {bad}"))
    return _dedupe(out)


def _dedupe(vs: list[Violation]) -> list[Violation]:
    seen, out = set(), []
    for v in vs:
        key = (v.item_id, v.term_ja, v.problem)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def _flags(t: Term) -> re.RegexFlag:
    return re.NOFLAG if t.case == "exact" else re.IGNORECASE


def enforce_forbidden(english: str, prot: Protected) -> str:
    """Where the model used a forbidden rendering instead of the glossary's, swap it."""
    for slot in prot.slots:
        t = slot.term
        if t is None or (t.en in english if t.case == "exact"
                         else t.en.lower() in english.lower()):
            continue
        for bad in t.forbidden:
            english, n = re.subn(rf"(?<!\w){re.escape(bad)}(?!\w)", t.en, english,
                                 count=1, flags=_flags(t))
            if n:
                break
    return english


def finish(raw: str, prot: Protected, item_id: str) -> tuple[str, list[Slot], list[Violation]]:
    text, lost = restore(raw, prot)
    text = enforce_forbidden(text, prot)
    exact = bool(prot.slots and prot.slots[0].term and prot.slots[0].term.case == "exact"
                 and text.startswith(prot.slots[0].en))
    text = tidy(text, [s.en for s in prot.slots], exact_start=exact)
    return text, lost, verify(item_id, text, prot)


class Cache:
    """Translations keyed by (model, glossary entries in the segment, segment text).

    SQLite commits per batch, so an interrupted build resumes from what was already done.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.db: sqlite3.Connection | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path)
            self.db.execute("CREATE TABLE IF NOT EXISTS t (key TEXT PRIMARY KEY, value TEXT)")
            self.db.commit()

    @staticmethod
    def key(model_id: str, text: str, terms: list[Term]) -> str:
        entries = sorted((t.ja, t.en, t.forbidden, t.variants, t.case) for t in terms)
        blob = json.dumps([model_id, entries, text], ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()

    def get(self, key: str) -> dict | None:
        if self.db is None:
            return None
        row = self.db.execute("SELECT value FROM t WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put_many(self, rows: list[tuple[str, dict]]) -> None:
        if self.db is None:
            return
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO t VALUES (?, ?)",
                                [(k, json.dumps(v, ensure_ascii=False)) for k, v in rows])

    def close(self) -> None:
        if self.db is not None:
            self.db.close()


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


def segments_of(brief: Brief) -> list[tuple[str, Item | Figure | Event | Claim]]:
    """Everything in the brief that is translated, each with a stable id."""
    return ([(it.id, it) for it in brief.all_items()] + [(f.id, f) for f in brief.figures]
            + [(e.id, e) for e in brief.timeline]
            + [(f"{c.id}.{n}", claim) for c in brief.conflicts
               for n, claim in enumerate(c.claims, 1)])


def note_terms(brief: Brief, glossary: Glossary) -> None:
    """Record the glossary terms each point uses and the brief's term list (its appendix);
    done for every build, so a Japanese-only review brief shows the renderings to come."""
    used: dict[str, str] = {}
    for _, obj in segments_of(brief):
        terms = glossary.terms_in(glossary.normalise(obj.ja))
        if isinstance(obj, Item):
            obj.terms = [t.ja for t in terms]
        for t in terms:
            used[t.ja] = t.en
    brief.glossary_used = sorted(used.items(), key=lambda kv: kv[1].lower())


def translate_brief(brief: Brief, glossary: Glossary, backend: Backend, cache: Cache,
                    progress: Callable = _no_progress) -> Stats:
    """Fill `en` of every point, figure, claim, event and source title; record violations."""
    segments = segments_of(brief)
    titles = [(f"title-{s.id}", s.title) for s in brief.sources]
    english, violations, stats = translate_segments(
        [(key, obj.ja) for key, obj in segments] + titles, glossary, backend, cache,
        progress=progress)
    for key, obj in segments:
        obj.en = english[key]
    for s in brief.sources:
        s.title_en = english[f"title-{s.id}"]
    brief.violations = violations
    brief.translated = True
    brief.model = backend.model_id
    return stats
