"""Source kinds and reliability from page tell-tales and the outlet list, with reasons."""

from pathlib import Path

import pytest

from brief.read.credibility import assess, outlet_kind, wire_origin
from brief.read.ingest import read_sources
from conftest import FIXTURES

UNSEEN = FIXTURES / "unseen"


def _by_file() -> dict:
    return {s.path: s for s in read_sources(UNSEEN)}


def test_every_unseen_source_gets_its_kind_and_reliability() -> None:
    got = {path: (s.kind, s.reliability) for path, s in _by_file().items()}
    assert got == {
        "u01_wire.txt": ("wire", "high"),
        "u02_newspaper.txt": ("newspaper", "high"),
        "u03_broadcaster.txt": ("broadcaster", "high"),
        "u04_matome.txt": ("forum", "low"),
        "u05_ai.txt": ("ai-generated", "low"),
        "u06_mt.txt": ("machine-translated", "low"),
        "u07_local.txt": ("newspaper", "high"),
    }


def test_the_reason_names_the_tell_tale() -> None:
    src = _by_file()
    assert "名無し" in src["u04_matome.txt"].kind_reason
    assert "AI" in src["u05_ai.txt"].kind_reason
    assert "機械翻訳" in src["u06_mt.txt"].kind_reason
    assert "共同通信" in src["u01_wire.txt"].kind_reason
    assert "NHK" in src["u03_broadcaster.txt"].kind_reason


@pytest.mark.parametrize(("outlet", "url", "kind"), [
    ("Kyodo News", "", "wire"), ("ロイター", "", "wire"), ("日本経済新聞 電子版", "", "newspaper"),
    ("The Japan Times", "", "newspaper"), ("TBS NEWS DIG", "", "broadcaster"),
    ("首相官邸", "", "official"), ("", "https://www.whitehouse.gov/briefings/x", "official"),
    ("", "https://www.mofa.go.jp/a/b.html", "official"),
    ("", "https://www3.nhk.or.jp/news/html/x.html", "broadcaster"),
])
def test_outlet_list_knows_japanese_and_english_names_and_domains(outlet: str, url: str,
                                                                  kind: str) -> None:
    hit = outlet_kind(outlet, url)
    assert hit is not None and hit[0] == kind


def test_text_tell_tales_beat_a_news_sounding_outlet_name() -> None:
    forum = "1: 名無しさん 2025/10/28(火) 10:22:10.27 ID:abcd1234\n2: 名無しさん ID:zzzz9999\n本文。"
    assert assess(forum, "速報ニュースまとめ").kind == "forum"
    assert assess("本文。\nこの記事はAIが生成しました。", "日米ニュース").kind == "ai-generated"
    assert assess("本文です。", "ニュース速報まとめ").kind == "digest"


def test_wire_credit_is_the_origin_and_counts_once(tmp_path: Path) -> None:
    assert wire_origin("【ワシントン共同】大統領は…") == "共同通信"
    assert wire_origin("首相は…と述べた。（時事）") == "時事通信"
    assert wire_origin("共同通信の世論調査では…") == ""  # a mention is no credit
    story = "【東京共同】高市早苗首相は28日、トランプ米大統領と会談し、同盟強化で一致した。\n"
    (tmp_path / "a.txt").write_text("見出し\n" + story, encoding="utf-8")
    (tmp_path / "b.txt").write_text("別の見出し\n" + story, encoding="utf-8")
    (tmp_path / "sources.toml").write_text('["a.txt"]\noutlet = "地方紙A"\n'
                                           '["b.txt"]\noutlet = "地方紙B"\n', encoding="utf-8")
    a, b = read_sources(tmp_path)
    assert a.outlet_key == b.outlet_key == "共同通信"


def test_sidecar_overrides_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("見出し\nこの記事はAIによって生成されています。\n本文。\n",
                                    encoding="utf-8")
    (tmp_path / "sources.toml").write_text('["a.txt"]\nkind = "official"\nreliability = "high"\n',
                                           encoding="utf-8")
    (s,) = read_sources(tmp_path)
    assert (s.kind, s.reliability, "kind" in s.derived) == ("official", "high", False)
    assert "sources.toml" in s.kind_reason


# Pages written for these tests: each kind's tell-tales, none copied from a real page.
_AI_PAGE = ("新型ロボットが話題に!\n\n皆さん、こんにちは!今日は話題のロボットについて見ていきましょう。\n"
            "この発表は業界に大きな影響を与える可能性があります。\n今後どのように展開するかが注目されます。")
_MT_PAGE = ("首相、港湾協定に署名\n\n火曜日午後、首相は協定に署名した。 彼は「重要な一歩だ」と述べた。 "
            "彼はまた、ソーシャルメディアで成果を強調した。")
_BLOG_PAGE = ("港の話\n\nこんにちは、たろうです。\n今回は港の新しい協定についてまとめてみました。\n"
              "おすすめ記事\nぜひ参考にしてください。")
_BOARD_PAGE = ("港湾協定に署名\n\n<次のコメントにジャンプ>\n投稿者 港の人\n首相は協定に署名した。\n"
               "https://example.com/news/1")
_OFFICIAL_PAGE = "港湾協定の署名について\n\n[文書名] 港湾協定の署名に関する共同プレスリリース\n両国は協定に署名した。"


@pytest.mark.parametrize(("page", "kind", "cue"), [
    (_AI_PAGE, "ai-generated", "AI filler"),
    (_MT_PAGE, "machine-translated", "machine-translated Japanese"),
    (_BLOG_PAGE, "blog", "blog furniture"),
    (_BOARD_PAGE, "forum", "board furniture"),
    (_OFFICIAL_PAGE, "official", "official text"),
])
def test_the_page_itself_says_what_kind_it_is(page: str, kind: str, cue: str) -> None:
    c = assess(page, "港湾ニュース", "https://port-news.example/a")
    assert (c.kind, cue in c.reason) == (kind, True)
    assert c.reliability == ("high" if kind == "official" else "low")


def test_state_media_is_its_own_kind_and_a_news_sounding_name_is_not_news() -> None:
    assert assess("本文。", "新華社").kind == "state media"
    assert assess("本文。", "", "https://www.globaltimes.cn/a").kind == "state media"
    assert assess("港の本文です。", "Harbor News Today").kind == "article"


def test_a_page_carrying_a_wire_story_is_rated_as_its_host() -> None:
    text = "見出し\n\n【東京共同】首相は28日、協定に署名した。"
    assert assess(text).kind == "wire"  # nothing says whose page it is: the wire's copy
    hosted = assess(text, "港湾まとめニュース速報", "https://port.example/1")
    assert hosted.kind != "wire" and hosted.reliability != "high"
    assert assess(text, "港の町ポータル", "https://portal.example/1").kind == "news"


# Written for these tests: an AI rewrite of a harbour story, a machine-translated one and a
# state outlet's own page, each in its own style (none copied from a real page).
_AI_REWRITE = ("港湾協定の狙いは?両国が急接近\n\n政府が発表したによると、両国は港湾協定に署名しました。"
               "これは地域の物流が変わりつつあることを示唆しています。\n協定の背景と今後の展望\n"
               "背景にはいくつかの要因が考えられます。物流の混乱が続く可能性があります。"
               "周辺国の関心が高まっています。")
_MT_REWRITE = ("両国は港湾協定に署名した\n\nPortデータ3月4日によると、現地時間3日、首相は協定に署名した。 "
               "彼は「重要だ」と述べ、 協定は物流を強化すると述べた。 彼はまた、ソーシャルメディアで成果を強調した。")
_STATE_PAGE = ("港湾協定に署名\n\n【新華社北京3月4日】両国は4日、港湾協定に署名した。\n"
               "協定は物流の協力を定める。\n（編集YH）")


def test_a_page_written_by_a_machine_is_low_whatever_listed_outlet_the_sidecar_names() -> None:
    """A listed *name* is what the sidecar says; the page's own writing says otherwise."""
    for page, kind in ((_AI_REWRITE, "ai-generated"), (_MT_REWRITE, "machine-translated")):
        c = assess(page, "Kyodo News")
        assert (c.kind, c.reliability) == (kind, "low"), page[:10]
        assert "whatever the outlet name" in c.reason
    # the outlet's own article, plainly written, stays the outlet's
    plain = "港湾協定に署名\n\n【東京共同】両国は4日、港湾協定に署名した。協定は物流の協力を定める。"
    assert assess(plain, "Kyodo News").kind == "wire"


def test_a_state_outlets_own_page_is_state_media_from_its_text() -> None:
    c = assess(_STATE_PAGE, "harbor-portal")
    assert c.kind == "state media" and "新華社" in c.reason
    # a newspaper reporting what the state agency said is not the agency's page
    report = "港湾協定に署名\n\n国営新華社通信によると、両国は4日、港湾協定に署名した。"
    assert assess(report, "港湾タイムズ").kind != "state media"


def test_a_board_post_copying_a_listed_outlets_article_carries_it_as_its_origin() -> None:
    from brief.read.credibility import repost_origin

    post = ("港湾協定に署名 政府が発表\n\n<次のコメントにジャンプ>\n投稿者 港の人\n"
            " https://www.asahi.com/articles/ABC123.html\n"
            " 政府は10日、港湾の共同運営に関する協定に署名したと発表した。\n")
    cred = assess(post)
    assert (cred.kind, cred.reliability, cred.origin) == ("forum", "low", "asahi.com")
    # a link to a site no list has, or a link inside a sentence, is no copy of an outlet
    assert repost_origin(post.replace("www.asahi.com", "example.com")) == ""
    assert repost_origin("詳しくは https://www.asahi.com/articles/ABC123.html を参照。\n") == ""
    # a newspaper's own page linking its own article is rated as the newspaper, not a copy
    assert assess(post.replace("<次のコメントにジャンプ>\n投稿者 港の人\n", ""),
                  "朝日新聞").origin == ""
