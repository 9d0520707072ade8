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
