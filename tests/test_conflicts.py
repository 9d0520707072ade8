
from brief.config import load_config
from brief.curate.conflicts import find_conflicts
from brief.curate.figures import all_figures
from brief.model import Passage, Source
from brief.vocab import PassageKind
from conftest import FIXTURES, assembled

CFG = load_config(FIXTURES / "brief.toml")


def _p(text: str, sid: str, kind: PassageKind = "sentence", index: int = 0) -> Passage:
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


def test_no_joint_statement_but_a_document_signed_says_so_on_its_side() -> None:
    """A source that says no 共同声明 was issued but an agreement was signed is no witness
    against the signing: its side and the entry's note both say what it does report."""
    ps = [_p("両国首脳は漁業協力で共同声明に署名し、連携を確認した。", "S1"),
          _p("両首脳は共同声明を発表せず、漁業協定に署名した。", "S2")]
    [c] = _conflicts(ps)
    assert [(cl.value, cl.citations[0].source_id) for cl in c.claims] == [
        ("signed / issued", "S1"), ("not produced (another document signed)", "S2")]
    assert "Both can be true" in c.note and "協定" in c.note


def test_each_side_is_one_claim_citing_all_its_sources() -> None:
    """Many reports on a side stay one line with a note per source, however large the corpus."""
    yes = [_p("両首脳は重要鉱物に関する共同文書に署名した。", f"S{i}") for i in range(1, 40)]
    no = [_p("会談は共同文書を作成せず、友好的な雰囲気で進んだ。", f"N{i}") for i in range(1, 4)]
    [c] = _conflicts(yes + no)
    assert [(cl.value, len(cl.citations)) for cl in c.claims] == [
        ("signed / issued", 39), ("not produced", 3)]


def _unseen():  # noqa: ANN202
    return assembled(FIXTURES / "unseen")


def test_every_planted_conflict_of_the_unseen_articles_is_flagged_and_no_other() -> None:
    brief = _unseen()
    sides = {c.kind + ":" + " | ".join(sorted(cl.value for cl in c.claims)) for c in brief.conflicts}
    assert sides == {
        "figure:about 1.5 hours | about 40 minutes",
        "figure:more than $390 billion | up to $400 billion",
        "date:2025-10-28 | 2025-10-29",
        "modality:announced intention | done | under adjustment",
        "date:by March 2026 | by March 2027",
        "single-source:健軍 | 横須賀",
        "attribute:日本初の女性首相 | 米国初の女性首相",
    }


def test_each_conflict_says_which_side_more_credible_outlets_take() -> None:
    brief = _unseen()
    [when] = [c for c in brief.conflicts if "date of the meeting" in c.topic]
    assert when.verdict.startswith("5 outlets (4 high, 1 low) say “2025-10-28”")
    assert "1 outlet (1 low) says “2025-10-29”" in when.verdict
    [where] = [c for c in brief.conflicts if c.kind == "single-source"]
    assert [cl.citations[0].source_id for cl in where.claims][-1] == "S4"  # the matome


def test_about_a_value_and_a_value_in_its_rounding_are_one_range_figure() -> None:
    ps = [_p("造船分野の協力では日本側が1兆5300億円の支援枠を設ける。", "S1"),
          _p("造船分野の協力では日本側が約1.5兆円の支援枠を設ける。", "S2")]
    [fig] = all_figures(ps, CFG)
    assert fig.quantity.startswith("¥1.5 trillion–¥1.53 trillion")
    assert (fig.low, fig.amount, fig.bound) == ("1500000000000.0", "1530000000000", "range")
    assert _conflicts(ps) == []


def test_seeds_pair_the_table_share_with_mining_and_the_lone_garrison_visit() -> None:
    brief = assembled()
    pairs = [sorted(cl.value for cl in c.claims) for c in brief.conflicts]
    assert ["60%", "about 70%"] in pairs
    assert ["7 fields", "9 fields"] not in pairs and ["about 70%", "about 90%"] not in pairs
    [visit] = [c for c in brief.conflicts if c.kind == "single-source"]
    lone = visit.claims[-1]
    assert lone.value == "健軍" and len({c.source_id for c in lone.citations}) == 1
    assert len({c.source_id for c in visit.claims[0].citations}) >= 2


def _claim_conflicts(passages: list[Passage], outlets: dict[str, str]) -> list:
    from datetime import date

    from brief.analyse.claims import source_assertions
    from brief.curate.conflicts import claim_conflicts

    day = date(2025, 6, 30)
    return claim_conflicts(source_assertions(passages, {p.source_id: day for p in passages}),
                           outlets)


def test_a_halt_notified_against_no_notice_received() -> None:
    """Other words than the stories': a beef import ban announced by one source, no notice
    of it received in two others."""
    ps = [_p("農林水産省によると、牛肉の輸入停止の正式な通知は届いていない。", "S1"),
          _p("官房長官は、輸入を停止するとの連絡は受けていないと述べた。", "S2"),
          _p("隣国の当局は日本産牛肉の輸入を禁止すると外交ルートで通告した。", "S3")]
    [c] = _claim_conflicts(ps, {"S1": "paper", "S2": "kantei", "S3": "wire"})
    assert c.kind == "modality" and "halt" in c.topic
    assert [(cl.value, sorted(x.source_id for x in cl.citations)) for cl in c.claims] == [
        ("denied or not done", ["S1", "S2"]), ("announced or notified", ["S3"])]


def test_an_advisorys_date_differs_between_a_report_and_its_own_follow_up() -> None:
    """One wire's first report (同日 = the 25th) and its follow-up (the 26th): a disagreement
    the analyst must see; the wire's copy of the first report on another site is none."""
    first = [_p("外務省は25日、現地の治安悪化を受けて在留邦人に注意を促した。", "W1", index=0),
             _p("政府は同日、同国への渡航をやめるよう呼びかける勧告を出した。", "W1", index=1)]
    copy = [_p(p.text, "W2", index=p.index) for p in first]
    later = [_p("政府が26日に出した渡航中止の呼びかけは、年末まで続く見通しだ。", "W3")]
    outlets = {"W1": "wire", "W2": "wire", "W3": "wire"}
    assert _claim_conflicts(first + copy, outlets) == []
    [c] = _claim_conflicts(first + copy + later, outlets)
    assert c.kind == "date" and [cl.value for cl in c.claims] == ["2025-06-25", "2025-06-26"]


def test_an_impression_disputes_a_deed_but_not_another_impression() -> None:
    deed = _p("大臣が深く頭を下げて謝罪した映像がテレビで繰り返し流れた。", "S1")
    seems = _p("ネット上では、大臣が謝罪しているように見えるとの投稿が広がった。", "S2")
    seems2 = _p("大臣は謝罪しているように見えるとの声もある。", "S3")
    [c] = _claim_conflicts([deed, seems], {})
    assert sorted(cl.value for cl in c.claims) == ["done", "only an impression or speculation"]
    assert _claim_conflicts([seems, seems2], {}) == []


def test_a_dispute_shows_the_sides_most_outlets_report_and_says_what_it_left_out() -> None:
    """Ten values for one share: the six that most outlets give are shown, in their order,
    and the verdict counts the rest instead of listing every value."""
    from brief.curate.conflicts import MAX_SIDES

    shares = [10, 12, 14, 16, 18, 20, 22, 24, 26, 28]
    ps: list[Passage] = []
    sources: list[Source] = []
    for n, share in enumerate(shares):
        for _ in range(1 + (n % 3 == 0) * 2):  # 10, 16, 22, 28 come from three outlets each
            sid = f"S{len(sources) + 1}"
            ps.append(_p(f"経済安全保障で、中国が世界のレアアース採掘の{share}パーセントを占める。", sid))
            sources.append(Source(sid, f"{sid}.txt", "記事", "", outlet=f"outlet {sid}",
                                  published="2025-10-28"))
    [c] = find_conflicts(all_figures(ps, CFG), ps, sources)
    assert len(c.claims) == MAX_SIDES == 6
    shown = [cl.value for cl in c.claims]
    assert {"10%", "16%", "22%", "28%"} <= set(shown) and shown == sorted(shown)
    assert "4 other values, each reported by fewer outlets, are left out (4 reports)" in c.verdict


def test_counts_of_one_launch_reported_by_different_agencies_disagree() -> None:
    """Who reports (防衛省は…と発表) is not whose figure it is: two agencies' counts of one
    day's launch are one measure; another day's launch is another."""
    ps = [_p("防衛省は5日、X国が同日朝、沿岸部から弾道ミサイル2発を発射したと発表した。", "S1"),
          _p("Y国軍は5日、X国が朝に沿岸部から短距離弾道ミサイル3発を発射したと明らかにした。", "S2"),
          _p("X国は3日にも弾道ミサイル1発を発射していた。", "S3")]
    [c] = _conflicts(ps)
    assert sorted(cl.value for cl in c.claims) == ["2 projectiles", "3 projectiles"]
