"""What kind of page a source is, how far the brief relies on it, and why.

The kind comes from the page's own tell-tales first (a forum's post headers or board
furniture, an AI or machine-translation disclaimer, an affiliate-ad notice), then from its
outlet or web domain in the outlet list (outlets.toml: wire, newspaper, broadcaster,
official, state media), then from how the page is written: machine Japanese (spaces after
。, translated pronouns, calques), AI filler (stock です/ます speculation, reader greetings),
blog furniture (self-introductions, widgets, bare source links), an official text's own
headings, a state outlet's own edition, credit or editor tag; then a list of other outlets'
articles, a wire credit, news furniture. The
outlet's name alone never makes a page news. A wire credit in the
text (【ワシントン共同】, （時事）) names the story's *origin*: two sites carrying one wire story
are one outlet when corroboration is counted. `sources.toml` overrides kind and reliability.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from brief.vocab import Reliability, SourceKind

# kind -> reliability: every kind of the vocabulary (a sidecar may name any of them)
RELIABILITY: dict[SourceKind, Reliability] = {
    "wire": "high", "newspaper": "high", "broadcaster": "high", "official": "high",
    "news": "medium", "article": "medium",
    "blog (ad-supported)": "low", "blog": "low", "forum": "low", "ai-generated": "low",
    "machine-translated": "low", "digest": "low", "state media": "medium",
}
OUTLET_KINDS: tuple[SourceKind, ...] = ("wire", "newspaper", "broadcaster", "official",
                                        "state media")


@dataclass(frozen=True)
class Credibility:
    kind: SourceKind
    reliability: Reliability
    reason: str  # why, in a few words the Sources table shows
    origin: str = ""  # a wire service credited in the text ("共同通信"), else ""


@dataclass(frozen=True)
class _Outlets:
    names: dict[str, tuple[SourceKind, str]]  # casefolded name -> (kind, name as listed)
    domains: list[tuple[str, SourceKind]]  # (domain, kind), longest first


@lru_cache(maxsize=1)
def outlets() -> _Outlets:
    """The packaged outlet list."""
    data = tomllib.loads(resources.files("brief.read").joinpath("outlets.toml")
                         .read_text(encoding="utf-8"))
    names: dict[str, tuple[SourceKind, str]] = {}
    domains: list[tuple[str, SourceKind]] = []
    for kind in OUTLET_KINDS:
        table = data[kind.replace(" ", "_")]
        for name in table["names"]:
            names.setdefault(name.casefold(), (kind, name))
        domains += [(d, kind) for d in table["domains"]]
    domains.sort(key=lambda dk: -len(dk[0]))
    return _Outlets(names, domains)


def outlet_kind(outlet: str, url: str = "") -> tuple[SourceKind, str] | None:
    """(kind, reason) for a listed outlet name or web domain, else None."""
    table = outlets()
    if outlet:
        hit = table.names.get(outlet.strip().casefold())
        if hit is None:  # "日本経済新聞 電子版", "NHK NEWS WEB": a listed name leading it
            hit = next((v for k, v in sorted(table.names.items(), key=lambda kv: -len(kv[0]))
                        if len(k) >= 3 and outlet.casefold().startswith(k)), None)
        if hit:
            return hit[0], f"outlet {hit[1]} is a listed {hit[0]}"
    host = (urlsplit(url).hostname or "") if url else ""
    for domain, kind in outlets().domains:
        if host == domain or host.endswith("." + domain):
            return kind, f"web domain {host} is a listed {kind}"
    return None


# Tell-tales in the page text (before boilerplate removal), strongest first.
_FORUM = re.compile(r"^\s*\d{1,4}\s*[:：].{0,30}名無し|ID[:：][A-Za-z0-9+/.]{4,}|"
                    r"[(（]\d+/\d+回(?:レス|発言)[)）]|^\s*\d{1,4}\s*[:：]\s*\S*\s*\d{4}/\d{1,2}/\d{1,2}"
                    r"\s*[(（].[)）]", re.M)
# a board's furniture: comment navigation, poster lines, anchors to other posts
_BOARD = re.compile(r"次のコメントにジャンプ|コメントにジャンプ|^\s*投稿者[:：\s]|>>\d{1,4}|"
                    r"^\s*\d{1,4}\s*[.:：]\s*(?:名前|投稿者)", re.M)
_FORUM_NAME = re.compile(r"まとめ|速報|アンテナ|[25]ch|ちゃんねる|VIP|ニュー速|なんJ", re.I)
_DIGEST_NAME = re.compile(r"まとめ|アンテナ|[25]ch|ちゃんねる|キュレーション", re.I)
_AI = re.compile(
    r"(?:この|本|当)(?:記事|コンテンツ|ページ|文章|サイト)[^。\n]{0,30}(?:生成AI|AI|人工知能|ChatGPT)"
    r"[^。\n]{0,20}(?:生成|作成|執筆|要約|自動)|"
    r"(?:生成AI|AI|人工知能|ChatGPT)(?:が|により|によって|を(?:使用|活用|利用)して|で)[^。\n]{0,12}"
    r"(?:自動)?(?:生成|作成|執筆)(?:した|された|しています|しました|しております)?"
    r"(?:記事|もの|コンテンツ|文章)|AI(?:による)?自動生成", re.I)
_MT = re.compile(r"(?:機械|自動)翻訳(?:によ|を(?:使用|利用|用い)|で|され|した)|"
                 r"(?:Google|DeepL)\s*(?:翻訳|Translate)で|翻訳エンジン", re.I)
_AD = re.compile(r"広告が含まれ|アフィリエイト|プロモーションが含まれ|\[PR\]|【PR】")
_DIGEST = re.compile(r"記事を一覧で掲載|速報まとめ|ニュースまとめ|YouTube速報|の動画「|の記事「")
_NEWS = re.compile(r"コメント投稿|配信$|記者$|新聞社|通信社|^\s*[【(（][^】)）\n]{0,12}[=＝]"
                   r"[^】)）\n]{1,12}[】)）]|特派員", re.M)
_NEWS_OUTLET = re.compile(r"新聞|通信|放送|NHK|テレビ|ニュース|Times|News|Press|Post|Journal",
                          re.I)
# A wire's credit: 【ワシントン共同】, （共同）, 【時事】, (ロイター)
_WIRE_CREDIT = re.compile(r"[【(（](?:[^】)）\n]{0,10}?)(共同|時事|ロイター|AFP|AP|ブルームバーグ)"
                          r"[】)）]")
_WIRE_NAMES = {"共同": "共同通信", "時事": "時事通信", "ロイター": "Reuters", "AFP": "AFP",
               "AP": "AP通信", "ブルームバーグ": "Bloomberg"}


# A line that is only an address: a board post's link to the article it copies
_URL_LINE = re.compile(r"^[ \t\u3000]*(https?://\S+)[ \t\u3000]*$", re.M)


def repost_origin(raw: str) -> str:
    """The listed outlet's web domain (sankei.com) a board or matome page copies an article
    from, when a line of the page is only that article's address (5ch's opening post with its
    link, a board reposting a newspaper's items), else ''. What a forum copies from a
    newspaper is the newspaper's text: its origin, as a wire credit is a carrier's."""
    for m in _URL_LINE.finditer(raw):
        if outlet_kind("", m.group(1)) is not None:
            host = urlsplit(m.group(1)).hostname or ""
            return host.removeprefix("www.")
    return ""


def _first(pattern: re.Pattern[str], text: str) -> str:
    m = pattern.search(text)
    return m.group().strip()[:30] if m else ""


def wire_origin(raw: str) -> str:
    """The wire service a story is credited to (【ワシントン共同】 -> 共同通信), else ''."""
    m = _WIRE_CREDIT.search(raw)
    return _WIRE_NAMES[m[1]] if m else ""


def assess(raw: str, outlet: str = "", url: str = "") -> Credibility:
    """Kind, reliability and the reason, from the raw page text, its outlet and URL: the
    page's own tell-tales first, a listed outlet next, news furniture last. The outlet's
    *name* never makes a page news; a wire credit makes it the wire only when nothing says
    whose page it is (a site carrying the story is rated as the host it is)."""
    origin = wire_origin(raw)
    found = _page_kind(raw, outlet)
    if found:
        if found[0] == "forum":
            origin = origin or repost_origin(raw)
        return _make(found[0], found[1], origin)
    listed = outlet_kind(outlet, url)
    strong = _written_as_low(raw) if listed and listed[1].startswith("outlet ") else None
    if strong:  # a listed *name* on a page written as machine output, AI filler or a blog
        return _make(strong[0], f"{strong[1]}, whatever the outlet name {outlet} says", origin)
    if listed:
        return _make(listed[0], listed[1], origin)
    for kind, test in _STYLE_TESTS:
        why = test(raw)
        if why:
            return _make(kind, why, origin)
    if _DIGEST_NAME.search(outlet):
        return _make("digest", f"outlet name {outlet} reads as a digest/matome", origin)
    found_text = _first(_DIGEST, raw)
    if found_text:
        return _make("digest", f"lists other outlets' articles 「{found_text}」", origin)
    if origin and not (outlet or url):
        return _make("wire", f"credited to {origin} in the text", origin)
    if origin:
        return _make("news", f"carries a {origin} story (credited in the text); rated as "
                             f"the host {outlet or url}", origin)
    found_text = _first(_NEWS, raw)
    if found_text:
        return _make("news", f"news furniture 「{found_text}」", origin)
    return _make("article", "no outlet or page tell-tale recognised", origin)


def _page_kind(raw: str, outlet: str) -> tuple[SourceKind, str] | None:
    """A kind the page's own notices prove, whatever outlet it claims: forum headers, an
    AI-generation, machine-translation or affiliate notice."""
    forum = {m.group().strip()[:12] for m in _FORUM.finditer(raw)}
    board = _first(_BOARD, raw)
    if len(forum) >= 2 or (forum and (_FORUM_NAME.search(outlet) or board)):
        return "forum", "forum/matome post headers: " + ", ".join(sorted(forum)[:2])
    if board:
        return "forum", f"board furniture 「{board}」"
    notices: tuple[tuple[SourceKind, re.Pattern[str], str], ...] = (
        ("ai-generated", _AI, "AI-generation notice"),
        ("machine-translated", _MT, "machine-translation notice"),
        ("blog (ad-supported)", _AD, "affiliate/advertising notice"))
    for kind, pattern, what in notices:
        found = _first(pattern, raw)
        if found:
            return kind, f"{what} 「{found}」"
    return None


def _cues(raw: str, cues: tuple[re.Pattern[str], ...]) -> list[str]:
    """The distinct cues found in RAW, as the page writes them."""
    return [m.group().strip()[:16] for c in cues if (m := c.search(raw))]


# AI filler: the answer-engine's stock commentary (です/ます speculation, reader greetings,
# 'why it is trending' headings), several of them on one page
_AI_FILLER = tuple(re.compile(p, re.M) for p in (
    r"(?:皆さん|みなさん)、?こんにちは", r"見ていきましょう|解説していきます|ご紹介します",
    r"いかがでしたか", r"話題の理由|注目のポイント|最新動向", r"^#\S", r"意図は[?？]",
    r"可能性があります", r"とみられます|予想されます",
    r"注目されます|注目されています|注目を集めています",
    r"と言えるでしょう|ことでしょう|ではないでしょうか", r"今後どのように(?:展開|推移)",
    r"した(?:に|と)よると", r"と考えられます|が考えられます", r"(?:を|ことを)示唆しています",
    r"(?:関心|懸念|緊張|期待)が高まっています", r"わかりやすく",
    r"^[^。\n]{2,30}(?:の背景と|今後の展望|の背景|まとめ)\s*$"))
# machine Japanese: spaces after 。, translated pronouns, weekday-first times, calques
_MT_CUES = tuple(re.compile(p) for p in (
    r"。 \S[^。]*。 \S", r"(?:彼|彼女|彼ら)は[^。]*。[^。]*(?:彼|彼女|彼ら)は",
    r"[月火水木金土日]曜日(?:の)?(?:午前|午後|朝|夜)", r"現地時間\d{1,2}日",
    r"共同公報|ニュースリリース|プレスコミュニケ|ソーシャルメディアで|真実のソーシャル",
    r"[这们说对发过还进运选产业东车马门问间开关长时为华]",
    r"\d{1,2}月\d{1,2}日(?:付け?)?によると", r"、 [^\s、]",
    r"[(（](?:月|火|水|木|金|土|日)曜日[)）]\s*(?:に|、)"))
# a personal blog's furniture: self-introduction, the blogger's asides, widgets
_BLOG = tuple(re.compile(p, re.M) for p in (
    r"こんにちは、\S{1,10}です", r"してみました|してみてください|参考にしてください",
    r"おススメ記事|おすすめ記事|人気記事|スポンサーリンク|この記事を書いた人|プロフィール",
    r"画像\]", r"^【(?:概要|詳細|まとめ)】", r"^◇?出典\s*$", r"\*\*[^*\n]{1,30}\*\*",
    r"^\s*広告\s*$", r"^\s*https?://\S+\s*$"))
# an official text's own headings (a mention of a joint press release in a report is none)
_OFFICIAL = re.compile(r"^\s*\[文書名\]|^\s*報道発表|^\s*[（(]仮訳[)）]|^\s*各位\s*$|"
                       r"^\s*(?:適時開示|有価証券報告書|決算短信)|以下の通り(?:公表|発表)した",
                       re.M)


# a state outlet's own page: its edition's name, its wire's dateline credit, its editor tag
# (（編集YH）), however the sidecar names the site; a report that cites it (新華社によると)
# is none
_STATE = re.compile(r"人民網日本語版|新華網日本語版?|中国網日本語版|チャイナネット|CRI日本語|"
                    r"中国国際放送局|[【(（]新華社[^】)）\n]{0,12}[】)）]|"
                    r"[【(（](?:朝鮮中央通信|KCNA)[^】)）\n]{0,8}[】)）]|^\s*[（(]編集[A-Z]{1,4}[)）]\s*$",
                    re.M)


def _state(raw: str) -> str:
    found = _first(_STATE, raw)
    return f"a state outlet's own page 「{found}」" if found else ""


def _ai_filler(raw: str, least: int = 3) -> str:
    found = _cues(raw, _AI_FILLER)
    return f"AI filler: 「{'」「'.join(found[:3])}」" if len(found) >= least else ""


def _machine(raw: str, least: int = 2) -> str:
    found = _cues(raw, _MT_CUES)
    return (f"machine-translated Japanese: 「{'」「'.join(found[:3])}」"
            if len(found) >= least else "")


def _blog(raw: str, least: int = 2) -> str:
    found = _cues(raw, _BLOG)
    return f"blog furniture: 「{'」「'.join(found[:3])}」" if len(found) >= least else ""


def _written_as_low(raw: str) -> tuple[SourceKind, str] | None:
    """A page whose writing alone proves a low kind, with more cues than the style tests
    ask (an outlet's own article shows none of them): a listed outlet *name* in the
    sidecar does not make such a page the outlet's (a listed web domain does)."""
    tests: tuple[tuple[SourceKind, Callable[[str, int], str], int], ...] = (
        ("machine-translated", _machine, 3), ("ai-generated", _ai_filler, 4),
        ("blog", _blog, 3))
    for kind, test, least in tests:
        why = test(raw, least)
        if why:
            return kind, why
    return None


def _official(raw: str) -> str:
    found = _first(_OFFICIAL, raw)
    return f"an official text or filing 「{found}」" if found else ""


_STYLE_TESTS: tuple[tuple[SourceKind, Callable[[str], str]], ...] = (
    ("machine-translated", _machine), ("ai-generated", _ai_filler),
                ("blog", _blog), ("official", _official), ("state media", _state))


def _make(kind: SourceKind, reason: str, origin: str) -> Credibility:
    return Credibility(kind, RELIABILITY[kind], reason, origin)
