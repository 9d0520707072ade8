
from brief.config import load_config
from brief.curate.conflicts import find_conflicts
from brief.curate.figures import all_figures
from brief.model import Passage
from conftest import FIXTURES

CFG = load_config(FIXTURES / "brief.toml")


def _p(text: str, sid: str, kind: str = "sentence", index: int = 0) -> Passage:
    return Passage(sid, 0, len(text), text, kind=kind, index=index)


def _conflicts(passages: list[Passage]) -> list:
    return find_conflicts(all_figures(passages, CFG), passages)


def test_different_shares_for_the_same_subject() -> None:
    ps = [_p("経済安全保障の観点で、中国が世界のレアアース採掘の約70パーセントを占め、重要鉱物の供給網が課題だ。", "S1"),
          _p("国・地域世界シェア(%)主な輸出先", "S2", "table", 0),
          _p("中国60米・日・EU採掘・精製の両方で圧倒的シェア", "S2", "table", 1),
          _p("オーストラリア10米・日安定供給国", "S2", "table", 2)]
    [c] = _conflicts(ps)
    assert {(cl.value, cl.citations[0].source_id) for cl in c.claims} == {("about 70%", "S1"), ("60%", "S2")}


def test_counts_of_different_measures_or_years_are_no_conflict() -> None:
    ps = [_p("経済安全保障の協力として、レアアースやAIなど7分野の重要鉱物と技術で協力する覚書に署名した。", "S1"),
          _p("経済安全保障の協力として、重要鉱物や造船など9分野のサプライチェーン案件で協力する。", "S2"),
          _p("防衛費をGDP比2%に引き上げる防衛力強化を2025年度に前倒しし、日米同盟の抑止力を高める。", "S1"),
          _p("年度防衛費(兆円)GDP比", "S2", "table", 0),
          _p("2023年度6.8約1.3%ミサイル防衛", "S2", "table", 1)]
    assert _conflicts(ps) == []  # 7 fields of a memorandum, 9 fields of projects: no pair
    same = [_p("経済安全保障の協力として、日米の科学技術協力は7分野に及ぶ。", "S1"),
            _p("経済安全保障の協力として、日米の科学技術協力は9分野に及ぶ。", "S2")]
    [c] = _conflicts(same)
    assert sorted(cl.value for cl in c.claims) == ["7 fields", "9 fields"]
    assert "科学技術協力" in c.topic


def test_two_figures_of_one_sentence_are_two_measures() -> None:
    ps = [_p("経済安全保障では、中国が世界のレアアース採掘の約70パーセント、精製の約90パーセントを占める。", "S1"),
          _p("経済安全保障では、中国がレアアース精製の約90パーセントを占め、供給網が課題だ。", "S2"),
          _p("経済安全保障では、中国がレアアース精製の約85パーセントを占め、供給網が課題だ。", "S3")]
    [c] = _conflicts(ps)
    assert sorted(cl.value for cl in c.claims) == ["about 85%", "about 90%"]


def test_signed_versus_not_produced() -> None:
    ps = [_p("両首脳は迎賓館で会談し、重要鉱物に関する共同文書に署名した。", "S1"),
          _p("会談は共同文書を作成せず、友好的な雰囲気で進んだ。", "S2"),
          _p("両首脳は共同声明を発表した。", "S3")]
    [c] = _conflicts(ps)
    assert "共同文書" in c.topic
    assert [(cl.value, cl.citations[0].source_id) for cl in c.claims] == [
        ("signed / issued", "S1"), ("not produced", "S2")]


def test_each_side_is_one_claim_citing_all_its_sources() -> None:
    """Many reports on a side stay one line with a note per source, however large the corpus."""
    yes = [_p("両首脳は重要鉱物に関する共同文書に署名した。", f"S{i}") for i in range(1, 40)]
    no = [_p("会談は共同文書を作成せず、友好的な雰囲気で進んだ。", f"N{i}") for i in range(1, 4)]
    [c] = _conflicts(yes + no)
    assert [(cl.value, len(cl.citations)) for cl in c.claims] == [
        ("signed / issued", 39), ("not produced", 3)]
