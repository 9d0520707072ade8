
from brief.analyse.store import active
from brief.config import load_config
from brief.curate.figures import _row_value, all_figures, key_figures, merge
from brief.model import Citation, Figure, Passage
from brief.vocab import PassageKind
from conftest import FIXTURES

CFG = load_config(FIXTURES / "brief.toml")


def _key_figures(passages: list, config: object) -> list:
    """The Key figures table of PASSAGES, as the build makes it."""
    return key_figures(all_figures(passages, config), config)  # type: ignore[arg-type]


def _p(text: str, sid: str = "S1", kind: PassageKind = "sentence", index: int = 0) -> Passage:
    return Passage(sid, 0, len(text), text, kind=kind, index=index)


def test_each_figure_type_from_prose() -> None:
    figs = _key_figures([
        _p("日米の防衛協力と安全保障で、防衛費を2027年度中に国内総生産比2パーセントに増額する計画を2025年度中に前倒しする。"),
        _p("関税合意の履行として、日本は5500億ドル約84兆円の対米投資を実現すると約束し、関税の引き下げで合意した。"),
        _p("経済安全保障の重要鉱物協力として、国内の12社が供給網強化に参加する。"),
    ], CFG)
    values = {f.value for f in figs}
    assert "2% of GDP · within FY2027 · within FY2025" in values
    assert "$550 billion (about ¥84 trillion)" in values
    assert "12 companies" in values
    assert all(f.citations and f.id.startswith("fig-") for f in figs)


def test_flattened_table_rows_use_the_header_unit() -> None:
    rows = [_p("項目金額(億円)構成比主な内容", kind="table", index=0),
            _p("人件費支援1,12053%在日米軍人・家族の生活支援", kind="table", index=1),
            _p("施設整備費67032%基地・訓練設備の維持更新", kind="table", index=2),
            _p("年度防衛費(兆円)GDP比主な使途", kind="table", index=5),
            _p("2023年度6.8約1.3%ミサイル防衛", kind="table", index=6)]
    figs = _key_figures(rows, CFG)
    got = {f.value: (f.ja, f.measure) for f in figs}
    # the row's own label, what it measures from the header: no debris, no made-up wording
    assert got["¥112 billion"] == ("人件費支援", "金額")
    assert got["¥67 billion"] == ("施設整備費", "金額")
    assert got["¥6.8 trillion · FY2023"] == ("2023年度", "防衛費")
    for f in figs:  # the Japanese shown is in a citation: the row, cited with its header
        assert any(f.ja in c.ja for c in f.citations)
        assert [c.ja for c in f.citations][1] in ("項目金額(億円)構成比主な内容", "年度防衛費(兆円)GDP比主な使途")
    assert _row_value("合計2,110100%「同盟強靱化」") == ("合計", "2,110")


def test_same_figure_from_two_sources_is_one_row_citing_both() -> None:
    a = Figure("", "percent", "2% of GDP", "防衛費を国内総生産比2%に増額", [Citation("S1", 0, 1, "a")], "security")
    b = Figure("", "percent", "2% of GDP", "防衛費のGDP比2%への引き上げを前倒し",
               [Citation("S2", 0, 1, "b")], "security", periods=["FY2025"])
    [m] = merge([a, b])
    assert [c.source_id for c in m.citations] == ["S1", "S2"] and m.value == "2% of GDP · FY2025"


def test_the_same_share_by_different_fiscal_years_is_two_rows_not_one_growing_list() -> None:
    """2% of GDP by FY2027 and by FY2029 are two claims; a report with no year, or one that
    names a year both share, joins (a thousand reports must not make one row of years)."""
    def fig(sid: str, periods: list[str]) -> Figure:
        return Figure("", "percent", "2% of GDP", "防衛費を国内総生産比2%に増額",
                      [Citation(sid, 0, 1, sid)], "security", periods=periods)

    rows = merge([fig("S1", ["FY2027"]), fig("S2", ["within FY2029"]), fig("S3", []),
                  fig("S4", ["FY2029", "within FY2027"])])
    assert [(r.periods, [c.source_id for c in r.citations]) for r in rows] == [
        (["FY2027", "FY2029"], ["S1", "S3", "S4"]), (["within FY2029"], ["S2"])]
    with active({}):  # as in a build: each wording analysed once, not once per pair (9 s)
        many = merge([fig(f"S{n}", [f"FY{2030 + n}"]) for n in range(300)])
    assert len(many) == 300 and all(len(r.periods) == 1 for r in many)


def test_counts_in_the_thousands_are_figures_a_scenes_few_people_are_not() -> None:
    """Visitors, evacuees or cancellations counted in 万 are a measure; '3人' is a scene."""
    from brief.curate.figures import all_figures

    figs = all_figures([
        _p("観光交流では、昨年に米国を訪れた日本人旅行者は約350万人に上った。"),
        _p("台風の影響で、空港では約2万件の予約が取り消された。", "S2"),
        _p("会談には両国の閣僚3人が同席した。", "S3"),
        _p("旅行会社によると、団体ツアーの予約のうち約3割がキャンセルされた。", "S4"),
    ], CFG)
    said = {(f.quantity, f.unit) for f in figs}
    assert ("about 3.5 million people", "people") in said
    assert ("about 20,000 cases", "cases") in said
    assert ("about 30%", "%") in said
    assert not any(f.unit == "people" and f.amount == "3" for f in figs)


def test_a_record_or_a_time_qualifies_a_figure_but_is_not_its_measure() -> None:
    """過去最大の / 年間最大 / 現在の say when or how big, not what is counted."""
    from brief.analyse.measure import measure_of
    from brief.analyse.numbers import find_numbers

    for text, number, measure in [
            ("政府は来年度の文教予算を過去最大の6兆円とする方針だ。", "6兆円", "文教予算"),
            ("試算では、観光客の減少で地方の消費は年間最大3000億円減る。", "3000億円", "消費"),
            ("タイは現在の8%の関税を段階的に引き下げる。", "8%", "関税")]:
        [span] = [s for s in find_numbers(text) if number in s.ja]
        assert measure_of(text, span.start, span.end).measure == measure, text


def test_counts_ranges_bounds_and_anniversaries_are_figures_with_their_measure() -> None:
    from brief.curate.figures import all_figures, key_figures

    ps = [_p("港の見本市には出展者など412社が参加した。"),
          _p("見本市の入場者数は約23万人に達した。"),
          _p("会場の気温は20%から25%の湿度に保たれた。"),
          _p("港の開港は今年で150周年を迎え、式典は12年ぶりに開かれた。"),
          _p("貨物船の寄港は2%未満にとどまった。")]
    figs = key_figures(all_figures(ps, CFG), CFG)
    got = {f.quantity: f.measure for f in figs}
    assert got["412 companies"] == "出展者"
    assert got["about 230,000 people"] == "入場者数"
    assert "20%–25%" in got and "150th anniversary" in got and "first in 12 years" in got
    assert "under 2%" in got  # 2%未満 is under 2%, not 2%
    for f in figs:  # each figure's Japanese is its own sentence's
        assert any(f.ja in c.ja for c in f.citations)


def test_a_count_of_the_kinds_a_sentence_lists_is_no_key_figure() -> None:
    # written for this test: counts of listed fields, countries and documents beside a measure
    ps = [_p("両政府は経済安全保障で、半導体や宇宙開発など8分野の協力に合意した。"),
          _p("日米豪3カ国は経済安全保障の連携を確認した。", "S2"),
          _p("政府は経済安全保障関連4文書を改定する。", "S3"),
          _p("経済安全保障の会合には世界の120カ国が参加した。", "S4")]
    table = {f.value for f in _key_figures(ps, CFG)}
    assert {"8 fields", "3 countries", "4 documents"} & table == set()
    assert "120 countries" in table  # how many took part: a measure of the story
    every = {f.value for f in all_figures(ps, CFG)}
    assert {"8 fields", "3 countries", "4 documents"} <= every  # still figures, comparable


def test_what_a_figure_is_set_as_is_its_measure_not_the_per_year_word() -> None:
    """年10万トン / 過去4回の: how often or since when qualifies the number; the noun it is
    set as (枠として) or of (の入札) is what it counts."""
    from brief.analyse.measure import measure_of
    from brief.analyse.numbers import find_numbers

    for text, number, measure in [
            ("政府は無税の輸入枠(関税割当)として年12万トンを設けている。", "12万トン", "輸入枠"),
            ("県は緊急支援枠として年間30億円を確保した。", "30億円", "緊急支援枠"),
            ("市は過去4回の入札で落札者を決められなかった。", "4回", "入札")]:
        [span] = [s for s in find_numbers(text) if number in s.ja]
        assert measure_of(text, span.start, span.end).measure == measure, text


def test_a_count_that_refers_back_to_a_list_is_no_key_figure() -> None:
    """三カ国の連携は… opens its sentence with the countries just listed: no measure; a count
    that opens a sentence as what took part (15カ国が参加) is one."""
    ps = [_p("会合では日豪印の協力を確認し、経済安全保障の連携を強めることで一致した。"),
          _p("三カ国の連携は経済安全保障の供給網を強める。", "S2"),
          _p("日米韓の3カ国は経済安全保障で情報共有を進める。", "S4"),
          _p("15カ国が経済安全保障の会合に参加し、供給網の協力を確認した。", "S3")]
    table = {f.value for f in _key_figures(ps, CFG)}
    assert "3 countries" not in table
    assert "15 countries" in table


def test_a_table_row_with_a_bound_keeps_it() -> None:
    rows = [_p("国・地域輸出シェア(%)主な相手", kind="table", index=0),
            _p("ベトナム35米国・日本", kind="table", index=1),
            _p("日本1未満国内向け", kind="table", index=2)]
    got = {f.ja: f.value for f in _key_figures(rows, CFG)}
    assert got["日本"] == "under 1%" and got["ベトナム"] == "35%"


def test_a_table_row_restating_its_pages_prose_figure_is_one_row() -> None:
    """年平均3,450億円 in the text and the table's 合計 3,450 are one figure, citing both."""
    ps = [_p("同盟の防衛協力では、駐留経費は年平均3,450億円に上る。", index=0),
          _p("項目金額(億円)構成比", kind="table", index=1),
          _p("労務費2,10061%基地従業員", kind="table", index=2),
          _p("合計3,450100%総額", kind="table", index=3)]
    figs = _key_figures(ps, CFG)
    rows = [f for f in figs if f.value == "¥345 billion"]
    assert len(rows) == 1 and rows[0].ja.startswith("駐留経費は年平均3,450億円")
    assert any(c.ja.startswith("合計") for c in rows[0].citations)
    assert "¥210 billion" in {f.value for f in figs}  # the other rows stay


def test_a_pages_exchange_rate_note_is_no_key_figure() -> None:
    ps = [_p("防衛協力として、日本は総額50億ドルの装備品を購入する。"),
          _p("※円換算は2026年3月2日時点の1ドル148円で計算しています。")]
    values = {f.value for f in _key_figures(ps, CFG)}
    assert "$5 billion" in values
    assert not any("to the dollar" in v for v in values)


def test_a_full_table_prefers_figures_that_size_the_story_to_a_handful() -> None:
    """With room for one more row, 412 exhibitors beat '3 times' of a one-source aside."""
    import brief.curate.figures as figures_module

    ps = [_p("市は過去3回の入札の結果を公表した。"),
          _p("見本市には出展者など412社が参加した。", "S2")]
    old = figures_module.MAX_FIGURES
    figures_module.MAX_FIGURES = 1
    try:
        table = [f.value for f in _key_figures(ps, CFG)]
    finally:
        figures_module.MAX_FIGURES = old
    assert table == ["412 companies"]


def test_about_a_value_joins_a_close_one_past_hundreds_of_other_values() -> None:
    """'About ¥1.5 trillion' and a later '¥1.53 trillion' (within 5%) become one range row
    citing both, however many other values come between; ¥1.6 trillion (6.7% off) stays
    its own row."""
    def fig(sid: str, quantity: str, amount: str, bound: str = "") -> Figure:
        return Figure("", "money", quantity, "防衛費の総額", [Citation(sid, 0, 1, sid)],
                      "security", amount=amount, unit="JPY", bound=bound, measure="防衛費")

    others = [fig(f"X{n}", f"¥{n} billion", str(n * 10**9)) for n in range(1, 301)]
    rows = merge([fig("S1", "about ¥1.5 trillion", "1500000000000", "about"), *others,
                  fig("S2", "¥1.53 trillion", "1530000000000"),
                  fig("S3", "¥1.6 trillion", "1600000000000")])
    joined = [r for r in rows if r.low]
    assert len(rows) == 302 and len(joined) == 1
    assert [c.source_id for c in joined[0].citations] == ["S1", "S2"]
    assert joined[0].quantity.startswith("¥1.5 trillion–¥1.53 trillion")
