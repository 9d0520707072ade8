"""Japanese morphology with SudachiPy: normalised lemmas and noun compounds of a text.

Sudachi normalises spelling variants (強靱/強靭, 引き上げ/引上げ) and splits compounds at
three granularities, so a keyword like 安全保障 matches inside 経済安全保障 only when the
analysis says so, not by raw substring luck.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from brief.analyse.store import per_build

_CONTENT_POS = {"名詞", "動詞", "形容詞", "形状詞"}
# 形状詞 glued to a noun is part of the compound: 重要鉱物, 主要国 (重要な鉱物 is two words)
_NOUNISH = {"名詞", "接尾辞", "接頭辞", "形状詞"}
_STOP = {"為る", "有る", "居る", "成る", "言う", "事", "物", "様", "為", "所", "中", "的",
         "今回", "此の", "其の", "氏", "等", "点", "上", "方", "出来る", "思う", "考える"}


# Pairs written as one word name both countries; short and other names of one country.
COUNTRY_PAIRS = {"日米": ("日本", "米国"), "日中": ("日本", "中国"), "日韓": ("日本", "韓国"),
                 "日露": ("日本", "ロシア"), "日朝": ("日本", "北朝鮮"), "米中": ("米国", "中国"),
                 "日米韓": ("日本", "米国", "韓国")}
COUNTRY_NAMES = {"アメリカ": "米国", "米": "米国", "日": "日本"}
_NO_COUNTRY: frozenset[str] = frozenset()
# Corrections to the tagger, in one place: words it tags as people that are not actors
# here (ノーベル of ノーベル平和賞); the titles that make a word an actor (claims.actors_of).
NOT_ACTORS = {"ノーベル"}
ACTOR_TITLES = ("首相", "総理", "大統領", "長官", "大臣", "国務長官", "天皇", "両首脳")


@dataclass(frozen=True)
class Analysis:
    lemmas: tuple[str, ...]  # normalised content lemmas in order (mode C and A)
    units: frozenset[str]  # lemmas plus noun compounds, for keyword matching
    proper: tuple[str, ...]  # proper nouns (named actors and places)
    # countries named (Sudachi's 名詞-固有名詞-地名-国, and both of 日米, 日中), one name each
    countries: frozenset[str] = _NO_COUNTRY
    # the words the tagger makes actors: people, organisations, countries, titled words
    tagged_actors: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _tokenizer() -> Any:  # noqa: ANN401 - sudachipy has no public tokenizer type
    from sudachipy import Dictionary, SplitMode

    d = Dictionary(dict="core")
    make = getattr(d, "tokenizer", None) or d.create  # SudachiPy 0.7; 0.6 (GiNZA pins it)
    return make(mode=SplitMode.C)


MAX_BYTES = 40_000  # Sudachi refuses input over 49,149 UTF-8 bytes; stay well below
_CUT_AFTER = "。！？!?\n 、,"


def pieces(text: str, limit: int = MAX_BYTES) -> list[str]:
    """TEXT cut into pieces Sudachi accepts (at most LIMIT UTF-8 bytes each), at the last
    sentence end, comma or space inside the limit, else between two characters: a run-on
    pinned sentence or a table flattened into one line is analysed, not a crash."""
    if len(text) * 4 <= limit or len(text.encode("utf-8")) <= limit:
        return [text]
    out: list[str] = []
    start = 0
    while start < len(text):
        end, size = start, 0
        while end < len(text) and size + len(text[end].encode("utf-8", "replace")) <= limit:
            size += len(text[end].encode("utf-8", "replace"))
            end += 1
        if end < len(text):
            cut = max(text.rfind(c, start, end) for c in _CUT_AFTER)
            if cut > start:
                end = cut + 1
        out.append(text[start:end])
        start = end
    return out


def _morphemes(text: str) -> list[Any]:
    return [m for piece in pieces(text) for m in _tokenizer().tokenize(piece)]


def tokenize(text: str) -> list[Any]:
    """Sudachi morphemes of TEXT (split mode C: longest units, compounds kept)."""
    return _morphemes(text)


@per_build
def analyse(text: str) -> Analysis:
    """Lemmas, compounds and proper nouns of a Japanese text (one walk over its morphemes:
    this is most of the analyse stage's time, so each morpheme's fields are read once)."""
    from sudachipy import SplitMode

    lemmas: list[str] = []
    units: set[str] = set()
    proper: list[str] = []
    countries: set[str] = set()
    run: list[str] = []  # consecutive noun-ish normalised forms (mode A pieces)
    actors: list[str] = []

    def flush() -> None:
        n = len(run)
        for i in range(n - 1):
            for j in range(i + 2, min(n, i + 6) + 1):
                units.add("".join(run[i:j]))
        run.clear()

    for m in _morphemes(text):
        pos = m.part_of_speech()
        surface = m.surface()
        if (pos[1] == "固有名詞" and pos[2] in ("人名", "組織")
                or pos[2] == "地名" and pos[3] == "国" or surface.endswith(ACTOR_TITLES)) \
                and pos[3] != "名" \
                and surface not in NOT_ACTORS and surface not in actors:
            actors.append(surface)
        if pos[1] == "数詞":
            flush()
            continue
        norm = m.normalized_form()
        if pos[0] in _CONTENT_POS and norm not in _STOP:
            lemmas.append(norm)
            units.add(norm)
            units.add(surface)
        if pos[1] == "固有名詞":
            proper.append(norm)
        if surface in COUNTRY_PAIRS:
            countries.update(COUNTRY_PAIRS[surface])
        elif pos[1:4] == ("固有名詞", "地名", "国"):
            countries.add(COUNTRY_NAMES.get(surface, surface))
        if pos[0] in _NOUNISH:
            parts = m.split(SplitMode.A)
            forms = [a.normalized_form() for a in parts] if len(parts) > 1 else \
                [parts[0].normalized_form() if parts else norm]
            units.update(forms)
            run.extend(forms)
        else:
            flush()
    flush()
    return Analysis(tuple(lemmas), frozenset(units), tuple(proper),
                    frozenset(countries) if countries else _NO_COUNTRY, tuple(actors))


def normalise_term(term: str) -> str:
    """A keyword's normalised form (its lemmas joined), for matching against `units`."""
    return "".join(_ordered_norms(term)) or term


@per_build
def _ordered_norms(term: str) -> tuple[str, ...]:
    from sudachipy import SplitMode

    out: list[str] = []
    for m in _morphemes(term):
        parts = m.split(SplitMode.A) or [m]
        out.extend(a.normalized_form() for a in parts)
    return tuple(out)


def similar_wording(a: str, b: str) -> bool:
    """Two short texts say the same thing in overlapping words: at least two content lemmas
    shared, covering half of the shorter text's (for merging figures and events)."""
    la, lb = set(analyse(a).lemmas), set(analyse(b).lemmas)
    if not la or not lb:
        return False
    inter = len(la & lb)
    return inter >= 2 and inter / min(len(la), len(lb)) >= 0.5
