"""What kind of page a source is, how far the brief relies on it, and why.

The kind comes from the page's own tell-tales first (a forum's post headers, an AI or
machine-translation disclaimer, an affiliate-ad notice, a list of other outlets' articles),
then from its outlet or web domain in the outlet list (outlets.toml: wire, newspaper,
broadcaster, official), then from news furniture (bylines, credits). A wire credit in the
text (【ワシントン共同】, （時事）) names the story's *origin*: two sites carrying one wire story
are one outlet when corroboration is counted. `sources.toml` overrides kind and reliability.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

# kind -> reliability; the kinds a sidecar may name are free text, these are the derived ones
RELIABILITY = {
    "wire": "high", "newspaper": "high", "broadcaster": "high", "official": "high",
    "news": "medium", "article": "medium",
    "blog (ad-supported)": "low", "forum": "low", "ai-generated": "low",
    "machine-translated": "low", "digest": "low",
}
OUTLET_KINDS = ("wire", "newspaper", "broadcaster", "official")


@dataclass(frozen=True)
class Credibility:
    kind: str
    reliability: str
    reason: str  # why, in a few words the Sources table shows
    origin: str = ""  # a wire service credited in the text ("共同通信"), else ""


@dataclass(frozen=True)
class _Outlets:
    names: dict[str, tuple[str, str]]  # casefolded name -> (kind, name as listed)
    domains: list[tuple[str, str]]  # (domain, kind), longest first


@lru_cache(maxsize=1)
def outlets() -> _Outlets:
    """The packaged outlet list."""
    data = tomllib.loads(resources.files("brief.read").joinpath("outlets.toml")
                         .read_text(encoding="utf-8"))
    names: dict[str, tuple[str, str]] = {}
    domains: list[tuple[str, str]] = []
    for kind in OUTLET_KINDS:
        for name in data[kind]["names"]:
            names.setdefault(name.casefold(), (kind, name))
        domains += [(d, kind) for d in data[kind]["domains"]]
    domains.sort(key=lambda dk: -len(dk[0]))
    return _Outlets(names, domains)


def outlet_kind(outlet: str, url: str = "") -> tuple[str, str] | None:
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


def _first(pattern: re.Pattern[str], text: str) -> str:
    m = pattern.search(text)
    return m.group().strip()[:30] if m else ""


def wire_origin(raw: str) -> str:
    """The wire service a story is credited to (【ワシントン共同】 -> 共同通信), else ''."""
    m = _WIRE_CREDIT.search(raw)
    return _WIRE_NAMES[m[1]] if m else ""


def assess(raw: str, outlet: str = "", url: str = "") -> Credibility:
    """Kind, reliability and the reason, from the raw page text, its outlet and URL."""
    origin = wire_origin(raw)
    forum = {m.group().strip()[:12] for m in _FORUM.finditer(raw)}
    if len(forum) >= 2 or (forum and _FORUM_NAME.search(outlet)):
        return _make("forum", "forum/matome post headers: " + ", ".join(sorted(forum)[:2]),
                     origin)
    for kind, pattern, what in (("ai-generated", _AI, "AI-generation notice"),
                                ("machine-translated", _MT, "machine-translation notice"),
                                ("blog (ad-supported)", _AD, "affiliate/advertising notice")):
        found = _first(pattern, raw)
        if found:
            return _make(kind, f"{what} 「{found}」", origin)
    listed = outlet_kind(outlet, url)
    if listed:
        return _make(listed[0], listed[1], origin)
    if _DIGEST_NAME.search(outlet):
        return _make("digest", f"outlet name {outlet} reads as a digest/matome", origin)
    found = _first(_DIGEST, raw)
    if found:
        return _make("digest", f"lists other outlets' articles 「{found}」", origin)
    if origin:
        return _make("wire", f"credited to {origin} in the text", origin)
    found = _first(_NEWS, raw)
    if found or _NEWS_OUTLET.search(outlet):
        why = f"news furniture 「{found}」" if found else f"outlet name {outlet} reads as news"
        return _make("news", why, origin)
    return _make("article", "no outlet or page tell-tale recognised", origin)


def _make(kind: str, reason: str, origin: str) -> Credibility:
    return Credibility(kind, RELIABILITY[kind], reason, origin)
