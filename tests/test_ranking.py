"""Ranking by centrality, on short articles written for these tests: the sentence that tells
what its article's headline says, and a named official's statement, rank before one
outlet's detail; the brief-wide budget never crowds out a point two outlets cite."""

from __future__ import annotations

import pytest

from brief.analyse.classify import Classifier
from brief.config import load_config
from brief.curate import points
from brief.curate.cluster import Candidate, Cluster
from brief.curate.points import curate
from brief.model import Passage, Source
from brief.read.segment import segment
from conftest import FIXTURES

# Two security sentences of one article; the detail has figures and names, the headline's
# point has neither.
DETAIL = "海上自衛隊のP3C哨戒機は7日、東シナ海で中国海軍の駆逐艦2隻と補給艦1隻を約3時間監視した。"
LEAD = "政府は外交ルートを通じ、中国側に領海付近での軍事活動の自制を求める申し入れを行った。"


def _security(title: str, body: str) -> list[str]:
    cfg = load_config(FIXTURES / "brief.toml")
    src = Source(id="S1", path="1.txt", title=title, text=body, outlet="outlet1")
    sections, _ = curate([src], segment(src), cfg)
    return [it.ja for s in sections if s.key == "security" for it in s.items]


def test_the_sentence_telling_its_headline_ranks_first(monkeypatch: pytest.MonkeyPatch) -> None:
    title = "政府、中国に軍事活動の自制を申し入れ"
    body = f"{title}\n{DETAIL}\n{LEAD}\n"
    assert _security(title, body)[0] == LEAD
    # without the headline the detail (figures, an earlier place) leads: the test can fail
    monkeypatch.setattr(points, "ECHO_WEIGHT", 0.0)
    monkeypatch.setattr(points, "ACTOR_BONUS", 0.0)
    assert _security(title, body)[0] == DETAIL


def test_a_named_officials_statement_ranks_before_one_outlets_detail(
        monkeypatch: pytest.MonkeyPatch) -> None:
    said = ("中国外務省の報道官は10日の記者会見で、日本の偵察活動こそが海空の安全保障上のリスクだと"
            "反論した。")
    watch = "海上自衛隊の護衛艦は東シナ海で中国海軍の艦艇の警戒監視を続けている。"
    title = "今週の国際ニュース"
    body = f"{title}\n{watch}\n{said}\n"
    assert _security(title, body)[0] == said
    monkeypatch.setattr(points, "ACTOR_BONUS", 0.0)
    assert _security(title, body)[0] == watch
    # a writer's reading with the same verbs but no named actor gets nothing
    assert not points._ACTOR_ACTS.search("日本の偵察活動こそがリスクだという指摘もある。")


def _cluster(text: str, section: str, outlets: int) -> Cluster:
    members = [Candidate(Passage(f"S{i}", 0, len(text), text), section, 2.0, frozenset(),
                         frozenset(), 0, outlet=f"o{i}") for i in range(outlets)]
    return Cluster(members)


def test_the_budget_keeps_a_point_two_outlets_cite() -> None:
    """Security has many one-outlet details that score higher; trade's fourth point is cited
    by two outlets: over the floor, it is kept before security's ninth detail."""
    sec = [_cluster(f"詳細{i}", "security", 1) for i in range(9)]
    trade = [_cluster(f"通商{i}", "trade", 1) for i in range(3)] + [_cluster("合意", "trade", 2)]
    sal = {id(cl): 10.0 - i * 0.1 for i, cl in enumerate(sec)}
    sal |= {id(cl): 3.0 for cl in trade}
    kept = points._within_budget([sec, trade], sal, 10)
    assert trade[3] in kept[1]
    assert sum(len(k) for k in kept) == 10
    assert sec[8] not in kept[0] and sec[3] in kept[0]


def test_a_named_officials_statement_no_section_words_reach_goes_to_statements() -> None:
    """No section's terms reach the minister's words, yet a minister saying something is an
    event of the story: it goes to the section for statements. The same words without a named
    speaker, and a named official whose words some section leans to, are left as they were."""
    cfg = load_config(FIXTURES / "brief.toml")
    said = "山田外相は記者団に「両国の友情はこれからも変わらない」と述べた。"
    plain = "両国の友情はこれからも変わらないという声が会場に広がった。"
    src = Source(id="S1", path="1.txt", title="t", text=f"t\n{said}\n{plain}\n", outlet="o")
    sections, _ = curate([src], segment(src), cfg)
    placed = {it.ja: s.key for s in sections for it in s.items}
    assert placed.get(said) == "optics"
    assert plain not in placed
    clf = Classifier(cfg)
    leaning = "山田外相は会見で、輸出の手続きを見直すと述べた。"
    result = clf.classify(leaning)
    assert result.section is None or any(result.scores.values())
    assert points._statement_section(leaning, result, cfg) is None


def _brief(*articles: tuple[str, str]) -> list[tuple[str, str, int]]:
    """(section, point, outlets citing it) of a brief of ARTICLES ((headline, body) pairs),
    each from its own outlet."""
    cfg = load_config(FIXTURES / "brief.toml")
    srcs = [Source(id=f"S{i}", path=f"{i}.txt", title=t, text=f"{t}\n{body}", outlet=f"o{i}")
            for i, (t, body) in enumerate(articles, 1)]
    sections, _ = curate(srcs, [p for s in srcs for p in segment(s)], cfg)
    return [(s.key, it.ja, it.outlets) for s in sections for it in s.items]


APPROACH_1 = "防衛省によると、中国海軍の戦闘機が7日、太平洋上空で海上自衛隊の哨戒機に約45メートルまで接近した。"
APPROACH_2 = "中国軍機は海自の哨戒機に対し、高度差のない状態で水平距離約45mの特異な接近を繰り返したという。"
DRILL = "陸上自衛隊は同じ週、北海道の演習場で米軍との共同訓練を行い、約300人の部隊が参加した。"


def test_one_event_told_in_two_outlets_words_is_one_point_citing_both(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two outlets tell the approach each in its own words (約45メートル, 約45m): one point
    reported by both, and the section shows the next event instead of a second telling."""
    articles = (("週末の動き", f"{APPROACH_1}\n{DRILL}\n"), ("中国軍機が異常接近", f"{APPROACH_2}\n"))
    points_ = _brief(*articles)
    told = [p for p in points_ if "45" in p[1]]
    assert len(told) == 1 and told[0][2] == 2, points_
    assert any(p[1] == DRILL for p in points_)
    # without the shared measure the two tellings are two one-outlet points: the test can fail
    monkeypatch.setattr(points, "_measures", lambda text: frozenset())
    told = [p for p in _brief(*articles) if "45" in p[1]]
    assert len(told) == 2 and all(p[2] == 1 for p in told)
    assert points._measures("約45メートル、5キロ2000円") == points._measures("約45m、5キロ2,000円")
    # a date or a day is no measure of an event
    assert not points._measures("2025年6月7日に")


def test_a_sentence_leaning_on_the_past_ranks_lower_only_when_it_tells_the_past() -> None:
    past = "これまで政府は備蓄米を入札で売り渡してきた。"
    now = "これまで入札で売っていた備蓄米を、半額で小売業者に売り渡す。"
    assert points._BACKGROUND.search(past) and not points._BACKGROUND.search(now)


def test_past_the_floor_a_point_competes_with_its_own_sections_best() -> None:
    """A market story: trade's terms give its points salience 20 down to 12; the statements
    section's words are fewer and its best scores 6. Its fourth point (5.4, nine tenths of
    its best) is kept before trade's tenth (12.8, two thirds of trade's best)."""
    trade = [_cluster(f"通商{i}", "trade", 1) for i in range(10)]
    optics = [_cluster(f"発言{i}", "optics", 1) for i in range(4)]
    sal = {id(cl): 20.0 - i * 0.8 for i, cl in enumerate(trade)}
    sal |= {id(cl): 6.0 - i * 0.2 for i, cl in enumerate(optics)}
    kept = points._within_budget([trade, optics], sal, 10)
    assert optics[3] in kept[1] and trade[9] not in kept[0]
    assert sum(len(k) for k in kept) == 10


def test_a_sentence_of_few_words_takes_its_articles_section() -> None:
    """Three sentences of an article about rice sales are trade on their own words; its
    fourth says only that seven firms applied for contracts (契約, 申し込み: too few words to
    place it alone). In that article it is a trade point; alone, or in an article about
    something else, it is none."""
    weak = "初日の時点で7社から契約の申し込みがあったことを明らかにした。"
    trade_article = ("農林水産省は備蓄米を随意契約で小売業者に売り渡すと発表した。"
                     "売り渡し価格は60キロあたり1万円台で、店頭価格は5キロ2000円程度になる。"
                     "政府は輸入米の関税の扱いも見直し、コメの価格の引き下げを急ぐ。")
    cfg = load_config(FIXTURES / "brief.toml")

    def placed(body: str) -> dict[str, str]:
        src = Source(id="S1", path="1.txt", title="t", text=body, outlet="outlet1")
        sections, _ = curate([src], segment(src), cfg)
        return {it.ja: s.key for s in sections for it in s.items}

    assert placed(trade_article + weak).get(weak) == "trade"
    assert weak not in placed(weak)
    assert weak not in placed("記者会見で首相は笑顔を見せた。会場には多くの支持者が集まった。" + weak)


def test_an_articles_title_tells_what_it_is_about_too() -> None:
    """Two sentences of the body are trade on their own words, and so is the title: with the
    title the article is about trade, and its sentence of few words is a trade point."""
    weak = "初日の時点で7社から契約の申し込みがあったことを明らかにした。"
    body = ("農林水産省は備蓄米を随意契約で小売業者に売り渡すと発表した。"
            "売り渡し価格は60キロあたり1万円台で、店頭価格は5キロ2000円程度になる。" + weak)
    cfg = load_config(FIXTURES / "brief.toml")
    src = Source(id="S1", path="1.txt", title="t", text="備蓄米の随意契約、コメの販売価格と関税の見直し\n\n"
                 + body, outlet="outlet1")
    sections, _ = curate([src], segment(src), cfg)
    assert weak in {it.ja for s in sections if s.key == "trade" for it in s.items}


def test_a_forums_copy_of_an_outlets_article_ranks_as_the_outlets_text() -> None:
    """The same sentence on a forum: the posters' own words lose salience for their low
    reliability; a board's copy of a listed outlet's article (its origin) ranks as the
    outlet's, and stays flagged (credible False: never the Bottom line alone)."""
    text = "防衛省は、中国海軍が遠方の海域での作戦能力を高めようとしているとみて警戒を強めている。"

    def forum(copied: bool) -> Cluster:
        m = Candidate(Passage("S1", 0, len(text), text, index=1, total=4), "security", 2.0,
                      frozenset(), frozenset(), 0, doubtful=True, copied=copied, outlet="o1")
        return Cluster([m])

    own, copy = forum(False), forum(True)
    assert points._salience(copy) == points._salience(own) + points.LOW_RELIABILITY_PENALTY
    assert not points.build_items(copy, "security").credible


STOCK_1 = "経済産業省は月内に、備蓄の保有状況を公表した。"
STOCK_2 = "石油元売り各社は非常時に備え、民間での備蓄を広げる考えだ。"
TRADE_BODY = ("農林水産省は輸入小麦の関税を引き下げ、販売価格を抑えると発表した。"
              "輸出業者は関税の引き上げで米国向けの出荷を減らした。")


def test_a_thin_section_two_sources_discuss_takes_their_leaning_sentences() -> None:
    """A trade story whose two outlets each say one thing about stockpiles (備蓄: one listed
    word, short of min_score): economic security gets both sentences rather than stay
    empty. Said by one outlet only, in passing, the section stays empty."""
    both = _brief(("小麦の関税", TRADE_BODY + STOCK_1), ("輸出の動き", TRADE_BODY + STOCK_2))
    es = {p for s, p, _ in both if s == "economic_security"}
    assert es == {STOCK_1, STOCK_2}, both
    assert any(s == "trade" for s, _, _ in both)
    one = _brief(("小麦の関税", TRADE_BODY + STOCK_1), ("輸出の動き", TRADE_BODY))
    assert not [p for s, p, _ in one if s == "economic_security"], one


def test_a_thin_section_shows_two_leaning_sentences_at_most() -> None:
    """Three outlets say one thing each about stockpiles: the section shows two of them,
    enough not to be empty; their weak evidence earns no more."""
    stock_3 = "製紙各社は原料の備蓄を冬の前に積み増すという。"
    three = _brief(("小麦の関税", TRADE_BODY + STOCK_1), ("輸出の動き", TRADE_BODY + STOCK_2),
                   ("燃料の確保", TRADE_BODY + stock_3))
    es = [p for s, p, _ in three if s == "economic_security"]
    assert len(es) == 2 and set(es) < {STOCK_1, STOCK_2, stock_3}, three



def test_a_sentence_pointing_to_the_day_before_ranks_lower() -> None:
    """同日 (the day of the sentence before, which the point does not show) costs what
    pointing back does; the same sentence with its own date does not."""
    dated = _cluster("政府は7日、輸入小麦の関税を引き下げると発表した。", "trade", 1)
    same_day = _cluster("政府は同日、輸入小麦の関税を引き下げると発表した。", "trade", 1)
    assert points._salience(dated) - points._salience(same_day) == pytest.approx(
        points.ANAPHORA_PENALTY)
