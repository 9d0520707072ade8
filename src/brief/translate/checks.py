"""Output checks (quality estimation without a reference) for every machine-translated segment.

Public reports on Argos ja→en show one-word nonsense, truncation, loops, runs of "#", empty or
duplicated output, Japanese or other scripts left in, and lost placeholders. A fluent wrong
sentence does more harm than an untranslated one, so each check that fires is a reason to
show the Japanese instead; the reasons are short, stable phrases an analyst can act on.
"""

from __future__ import annotations

import re
import unicodedata

from brief.model import Violation

# English is typically 1.5-4 characters per Japanese character; far outside is not a
# translation of the sentence (truncated, or a loop).
MIN_RATIO, MAX_RATIO = 0.6, 9.0
SHORT_EN = 24  # English up to this long is not measured against a Japanese label under 6
_TOKEN_RE = re.compile(r"Z\s?X\s?(\d{1,3})", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
_SCRIPTS = ("LATIN", "DIGIT", "GREEK")  # Greek letters occur in English (α, β, μ)


_UNPRINTABLE = ("Cc", "Cs", "Co", "Cn")  # control, surrogate, private-use, unassigned


def unprintable(text: str) -> set[str]:
    """Control and unassigned characters: illegal in XML, invisible or tofu in print."""
    return {ch for ch in text if unicodedata.category(ch) in _UNPRINTABLE and ch not in "\t\n"}


def printable(text: str) -> str:
    """TEXT with every `unprintable` character replaced by U+FFFD, so no writer (DOCX and
    XLIFF XML, PDF) can fail on what a model emitted."""
    if text.isprintable():  # none of them (nor a tab or newline): the text as it is, at
        return text  # C speed (a brief cleans a 100,000-character title some 90 times)
    return "".join("\ufffd" if unicodedata.category(ch) in _UNPRINTABLE and ch not in "\t\n"
                   else ch for ch in text)


def _script(ch: str) -> str:
    """The script word of a letter's Unicode name: 'CYRILLIC', 'HANGUL', 'ARABIC', ..."""
    name = unicodedata.name(ch, "")
    word = name.split(" ")[0]
    if word in ("CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "FULLWIDTH"):
        return "Japanese"
    return word.capitalize() if word else "unknown"


def other_scripts(text: str) -> list[str]:
    """Scripts other than Latin among TEXT's letters (Japanese first), in a stable order."""
    found: set[str] = set()
    for ch in text:
        if _JAPANESE.match(ch):
            found.add("Japanese")
        elif ch.isalpha() and not unicodedata.name(ch, "").startswith(_SCRIPTS):
            found.add(_script(ch))
    return sorted(found, key=lambda s: (s != "Japanese", s))


def loops(words: list[str]) -> bool:
    """A word or phrase repeated back to back, or a 1-3-word phrase making up the text."""
    low = [w.lower() for w in words]
    for n in (1, 2, 3):
        grams = [tuple(low[i:i + n]) for i in range(len(low) - n + 1)]
        for i in range(len(grams) - 2 * n):
            if grams[i] == grams[i + n] == grams[i + 2 * n] and (n > 1 or len(low[i]) > 1):
                return True  # "the the the", "of the of the of the"
        if n > 1 and len(grams) >= 6:
            top = max(grams.count(g) for g in set(grams))
            if top * n > 0.6 * len(low):
                return True
    return False


def check(ja: str, raw: str, en: str, violations: list[Violation]) -> list[str]:
    """Reasons the English EN of Japanese JA should not be shown; [] when it passes.

    RAW is the model's output before placeholders were restored, VIOLATIONS the glossary
    and number rules the finished English breaks (from protect.verify)."""
    reasons: list[str] = []
    words = _WORD_RE.findall(en)
    letters = sum(ch.isalpha() for ch in en)
    if not en.strip() or letters < 2:
        return ["empty output"]
    if bad := unprintable(en):
        reasons.append(f"unprintable characters ({len(bad)})")
    scripts = other_scripts(en)
    if "Japanese" in scripts:
        reasons.append("Japanese left untranslated")
    if rest := [s for s in scripts if s != "Japanese"]:
        reasons.append(f"other scripts ({', '.join(rest)})")
    ja_len = len(re.sub(r"\s", "", ja))
    if ja_len >= 8 and len(words) <= 1:
        reasons.append("one word for a sentence")
    elif ja_len >= 6 or len(en) > SHORT_EN:
        # a label of two characters (合計) may take a few words, never a line of them
        ratio = len(en) / max(ja_len, 1)
        if ratio < MIN_RATIO:
            reasons.append(f"too short ({ratio:.1f} characters per Japanese character)")
        elif ratio > MAX_RATIO:
            reasons.append(f"too long ({ratio:.1f} characters per Japanese character)")
    # a word or phrase again and again, a rule of #/*/=, or a letter held (Australiannnn):
    # no English word has one letter four times in a row
    if loops(words) or re.search(r"([#*_=~.\-])\1{3,}|([A-Za-z])\2{3,}", en):
        reasons.append("repeated text")
    tokens = [int(m.group(1)) for m in _TOKEN_RE.finditer(raw)]
    if len(tokens) != len(set(tokens)):
        reasons.append("placeholder duplicated")
    missing_terms = [v for v in violations if v.problem == "missing"]
    missing_numbers = [v for v in violations if v.problem == "number missing"]
    if missing_numbers:
        reasons.append("number missing: " + ", ".join(v.expected for v in missing_numbers))
    if missing_terms:
        reasons.append("glossary term missing: " + ", ".join(
            f"{v.term_ja} → {v.expected}" for v in missing_terms))
    return reasons


def glossary_reasons(violations: list[Violation]) -> list[str]:
    """An approved (human) segment is never replaced, but one the current glossary rejects
    says so: 'breaks the glossary: 防衛費 → defense spending (missing)'."""
    return [f"breaks the glossary: {v.term_ja} → {v.expected} ({v.problem})"
            for v in violations]


def term_reasons(en: str) -> list[str]:
    """The checks of `check` that hold for a glossary rendering as for a sentence (empty,
    unprintable, Japanese or other scripts left in, repeated text): what `glossary suggest
    --accept` refuses to store and `glossary check` reports. A term has no sentence length,
    so the length checks do not apply ("Quad" for 日米豪印戦略対話 is right)."""
    if not en.strip() or sum(ch.isalpha() for ch in en) < 2:
        return ["empty output"]
    reasons: list[str] = []
    if bad := unprintable(en):
        reasons.append(f"unprintable characters ({len(bad)})")
    scripts = other_scripts(en)
    if "Japanese" in scripts:
        reasons.append("Japanese left untranslated")
    if rest := [s for s in scripts if s != "Japanese"]:
        reasons.append(f"other scripts ({', '.join(rest)})")
    if loops(_WORD_RE.findall(en)) or re.search(r"([#*_=~.\-])\1{3,}|([A-Za-z])\2{3,}", en):
        reasons.append("repeated text")
    return reasons
