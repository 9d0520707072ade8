"""A benchmark corpus shaped like a day of real news: every sentence distinct in its words, a
few percent of articles reposts of another's story.

Why: a corpus whose sentences repeat (a handful of lead-ins times one shifted number) lets every
per-sentence cache hit and says nothing of what a user's 2,000 articles cost. Real news repeats
a story, not a sentence: outlets word the same facts differently, and only a repost (a
syndicated copy, a re-run with a new headline) repeats whole sentences.

How: clauses (the pieces of a sentence between its commas) are the unit of wording. They come
from the labelled dev sets' real articles in ../shared/devsets/*/sources/*.txt, read at run
time and never written into the project, or, where those are absent, from a generator of our
own (subjects, places, actions and reporting verbs recombined). Each sentence joins one to
three clauses from different sentences, ends with one of several reporting verbs, and has its
numbers shifted; a sentence is kept only when its words (digits ignored) have not been used
yet, so no two original sentences are the same text even with the numbers taken out. Articles
belong to stories (a few to a few dozen articles each, most clauses from the story's own pool),
as a day's coverage does. REPOST_RATE of articles copy an earlier article of their story: a
new outlet and headline, a sentence or two dropped, one added, the rest verbatim.

    python3 benchmarks/corpus.py DIR N     writes N articles and sources.toml into DIR/
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSETS = ROOT.parent / "shared" / "devsets"
REPOST_RATE = 0.03  # syndicated copies and re-runs: a few percent of a day's articles
SENTENCES = (24, 36)  # sentences per article, inclusive: 30 on average
OUTLETS = ("共同通信", "時事通信", "朝日新聞", "読売新聞", "毎日新聞", "日本経済新聞", "産経新聞",
           "NHK", "TBS NEWS DIG", "テレビ朝日", "日テレNEWS", "東京新聞", "北海道新聞",
           "西日本新聞", "中日新聞", "ロイター", "AFPBB", "Bloomberg", "週刊ポスト", "まとめサイト")
ENDINGS = ("と述べた。", "と語った。", "と明らかにした。", "と強調した。", "との見方を示した。",
           "と説明した。", "と指摘した。", "と発表した。", "としている。", "という。")
LEADS = ("", "", "", "", "また、", "一方、", "関係者によると、", "同日、", "これに先立ち、",
         "政府筋は", "複数の関係者によれば、", "専門家の間では")
_SENT = re.compile(r"[^。\n]{8,240}。")
_END = re.compile(r"(と述べた|と語った|と明らかにした|と強調した|と説明した|と指摘した|と発表した"
                  r"|としている|という|との見方を示した)?。$")


def _balanced(text: str) -> bool:
    """True when every bracket opened in TEXT closes in it: a clause cut inside a quotation
    would leave a 「 without its 」."""
    return all(text.count(a) == text.count(b) for a, b in ("「」", "（）", "()", "『』", "【】"))


def split_clauses(sentence: str) -> tuple[list[str], str]:
    """(the sentence's leading clauses, each ending with 、; its final clause without the
    reporting verb and 。); a sentence whose commas fall inside brackets stays whole."""
    body = _END.sub("", sentence)
    parts = body.split("、")
    if len(parts) > 1 and all(_balanced(p) for p in parts):
        return [p + "、" for p in parts[:-1] if len(p) >= 4], parts[-1]
    return [], body


def devset_sentences(root: Path = DEVSETS) -> list[list[str]]:
    """The dev sets' sentences, one list per article, read at run time (never stored here)."""
    return [[s.strip() for s in _SENT.findall(path.read_text(encoding="utf-8"))]
            for path in sorted(root.glob("*/sources/*.txt"))]


_WHO = ("政府", "防衛省", "外務省", "経済産業省", "農林水産省", "財務省", "首相官邸", "与党幹部",
        "野党党首", "米国務省", "中国外務省", "韓国大統領府", "国連安全保障理事会", "日銀総裁",
        "自治体の首長", "業界団体", "研究機関", "市場関係者", "在日米軍", "海上保安庁")
_WHERE = ("東京で", "ワシントンで", "北京で", "ソウルで", "沖縄県沖で", "東シナ海で", "国会で",
          "記者会見で", "閣議後に", "首脳会談で", "視察先で", "党本部で", "オンライン会合で",
          "太平洋上で", "地元説明会で", "訪問先の大阪で", "国際会議の場で", "電話協議で")
_WHAT = ("防衛費の増額", "輸出規制の強化", "関税の引き下げ", "備蓄米の放出", "半導体の供給網",
         "レアアースの調達", "経済安全保障の枠組み", "領空侵犯への対応", "原発の再稼働",
         "物価高対策", "賃上げの動き", "為替の変動", "農家への補助金", "観光客の受け入れ",
         "漁業協定の改定", "サイバー攻撃への備え", "人工知能の規制", "選挙制度の見直し",
         "災害対応の予算", "共同訓練の実施")
_HOW = ("を検討していることを", "について慎重な姿勢を", "を急ぐ考えを", "に反対する立場を",
        "を歓迎する意向を", "の見直しを求める声を", "に懸念を", "の前倒しを", "を巡る協議の継続を",
        "に一定の理解を")


def generated_sentences(n: int, seed: int = 20251028) -> list[list[str]]:
    """Our own sentences when the dev sets are absent: N articles' worth of who / where /
    what / how recombined, each with a number, so the clause pool is large and varied."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        sents = []
        for _ in range(30):
            when = f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日、"
            sents.append(f"{rng.choice(_WHO)}は{when}{rng.choice(_WHERE)}、{rng.choice(_WHAT)}"
                         f"{rng.choice(_HOW)}示し、{rng.choice(_WHAT)}に{rng.randint(2, 900)}"
                         f"億円を充てる方針を{rng.choice(ENDINGS)}")
        out.append(sents)
    return out


@dataclass
class Pool:
    """Clauses to recombine: leading ones (end with 、) and final ones, with the article they
    came from, so a story draws mostly on its own articles' wording."""

    leading: list[list[str]] = field(default_factory=list)
    final: list[list[str]] = field(default_factory=list)

    @classmethod
    def of(cls, articles: list[list[str]]) -> Pool:
        pool = cls()
        for sentences in articles:
            lead, fin = [], []
            for s in sentences:
                head, tail = split_clauses(s)
                lead += head
                if len(tail) >= 6 and _balanced(tail):
                    fin.append(tail)
            if fin:
                pool.leading.append(lead or ["このため、"])
                pool.final.append(fin)
        return pool


def _shift_numbers(text: str, rng: random.Random) -> str:
    """TEXT with its first two quantities shifted; dates and times stay as written, so they
    stay real dates."""
    shift = rng.randint(1, 97)
    return re.sub(r"(?<![\d.])\d+(?![\d.]|[年月日時分])",
                  lambda m: str(int(m.group()) + shift), text, count=2)


def _words(sentence: str) -> str:
    """A sentence's words: its text with the numbers taken out (what 'distinct' compares)."""
    return re.sub(r"[0-9０-９]+", "#", sentence)


class Writer:
    """Makes sentences no earlier one has used the words of."""

    def __init__(self, pool: Pool, rng: random.Random) -> None:
        self.pool, self.rng = pool, rng
        self.used: set[str] = set()

    def sentence(self, home: list[int]) -> str:
        """One new sentence, its clauses mostly from the story's HOME articles."""
        rng = self.rng
        for _ in range(200):
            src = lambda: rng.choice(home) if rng.random() < 0.7 else rng.randrange(  # noqa: E731
                len(self.pool.final))
            lead = "".join(rng.choice(self.pool.leading[src()]) for _ in range(rng.choice(
                (0, 1, 1, 2))))
            text = (rng.choice(LEADS) + lead + rng.choice(self.pool.final[src()])
                    + rng.choice(ENDINGS))
            text = _shift_numbers(text, rng)
            if _words(text) not in self.used and len(text) <= 300:
                self.used.add(_words(text))
                return text
        raise RuntimeError("the clause pool is exhausted: too few source sentences")


@dataclass
class Article:
    name: str
    title: str
    outlet: str
    published: str
    sentences: list[str]
    repost: bool = False

    def text(self) -> str:
        paras, i = [], 0
        while i < len(self.sentences):
            paras.append("".join(self.sentences[i:i + 3]))
            i += 3
        return f"{self.title}\n\n" + "\n".join(paras) + "\n"


def story_sizes(n: int, rng: random.Random) -> Iterator[int]:
    """Articles per story, long-tailed as a day's coverage is: most stories a few articles,
    a few stories dozens."""
    left = n
    while left > 0:
        size = min(left, max(1, int(rng.paretovariate(1.2) * 3)))
        left -= size
        yield size


def articles(n: int, seed: int = 20251028, sources: list[list[str]] | None = None
             ) -> list[Article]:
    """N articles, (N * REPOST_RATE) of them reposts, every other sentence distinct in words."""
    rng = random.Random(seed)
    if sources is None:
        sources = devset_sentences() or generated_sentences(200, seed)
    pool = Pool.of(sources)
    writer = Writer(pool, rng)
    out: list[Article] = []
    sizes = list(story_sizes(n, rng))
    p_repost = min(1.0, REPOST_RATE * n / max(1, n - len(sizes)))  # only a story's 2nd, 3rd...
    for story, size in enumerate(sizes):
        home = rng.sample(range(len(pool.final)), min(3, len(pool.final)))
        day = f"2025-{1 + story % 12:02d}-{1 + story % 28:02d}"
        mine: list[Article] = []
        for _ in range(size):
            idx = len(out)
            outlet = rng.choice(OUTLETS)
            if mine and rng.random() < p_repost:
                art = repost(rng.choice(mine), f"{idx:05d}", outlet, writer, home)
            else:
                body = [writer.sentence(home) for _ in range(rng.randint(*SENTENCES))]
                title = body[0][:40].rstrip("、。") + f"　{outlet}"
                art = Article(f"{idx:05d}", title, outlet, day, body)
            mine.append(art)
            out.append(art)
    return out


def repost(of: Article, name: str, outlet: str, writer: Writer, home: list[int]) -> Article:
    """A copy of OF under another outlet: its sentences verbatim but one or two dropped and
    one new one added, under a reworded headline."""
    rng = writer.rng
    body = list(of.sentences)
    for _ in range(rng.randint(1, 2)):
        body.pop(rng.randrange(1, len(body)))
    body.insert(rng.randrange(1, len(body)), writer.sentence(home))
    title = f"【{outlet}】" + of.title.split("　")[0]
    return Article(name, title, outlet, of.published, body, repost=True)


def write(where: Path, arts: list[Article]) -> None:
    """Write ARTS and their sources.toml (outlet, date) into WHERE."""
    where.mkdir(parents=True, exist_ok=True)
    toml = []
    for art in arts:
        fname = f"news_{art.name}.txt"
        (where / fname).write_text(art.text(), encoding="utf-8")
        toml.append(f'["{fname}"]\noutlet = "{art.outlet}"\npublished = "{art.published}"\n')
    (where / "sources.toml").write_text("\n".join(toml), encoding="utf-8")


def stats(arts: list[Article]) -> dict[str, float]:
    """Fractions of the sentences that are distinct texts, and distinct with the numbers
    taken out; the fraction of articles that are reposts."""
    sents = [s for a in arts for s in a.sentences]
    return {"articles": len(arts), "sentences": len(sents),
            "distinct": len(set(sents)) / len(sents),
            "distinct_words": len({_words(s) for s in sents}) / len(sents),
            "reposts": sum(a.repost for a in arts) / len(arts)}


def source_name() -> str:
    return "dev sets' clauses" if devset_sentences() else "own generator (no ../shared/devsets)"


if __name__ == "__main__":
    made = articles(int(sys.argv[2]))
    write(Path(sys.argv[1]), made)
    st = stats(made)
    print(f"{source_name()}: ", end="")
    print(", ".join(f"{k} {v:.4f}" if isinstance(v, float) else f"{k} {v}" for k, v in st.items()))
