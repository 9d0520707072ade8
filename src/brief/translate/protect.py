"""Protection of glossary terms and numbers through machine translation.

Each glossary term (variants normalised, longest match first) and each numeric expression is
replaced by a placeholder token the model copies (ZX1, ZX2, ...). After translation the
placeholders become the glossary's English and the converted numbers; if one is lost, the
caller translates again with the English written into the Japanese (code-switched input).
The output is then verified: every term's rendering present, no forbidden rendering.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from brief.analyse.numbers import find_numbers
from brief.glossary.terms import Glossary, Term
from brief.model import Violation

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

        def fix(m: re.Match[str], a: str = article) -> str:
            return (a.capitalize() if m.group()[0] == "A" else a) + " "

        text = re.sub(rf"\b[Aa]n? (?={re.escape(en)})", fix, text)
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
            # A function, not a template: an English term may contain a backslash.
            english, n = re.subn(rf"(?<!\w){re.escape(bad)}(?!\w)", _literal(t.en),
                                 english, count=1, flags=_flags(t))
            if n:
                break
    return english


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement that inserts TEXT as written (re's templates would read \\1, \\g<0>)."""
    return lambda _m: text


def finish(raw: str, prot: Protected, item_id: str) -> tuple[str, list[Slot], list[Violation]]:
    text, lost = restore(raw, prot)
    text = enforce_forbidden(text, prot)
    exact = bool(prot.slots and prot.slots[0].term and prot.slots[0].term.case == "exact"
                 and text.startswith(prot.slots[0].en))
    text = tidy(text, [s.en for s in prot.slots], exact_start=exact)
    return text, lost, verify(item_id, text, prot)
