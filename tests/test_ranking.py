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
