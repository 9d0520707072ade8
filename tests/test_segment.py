from brief.model import Source
from brief.read.segment import is_table_row, segment


def _src(text: str) -> Source:
    return Source(id="S1", path="a.txt", title="t", text=text)


def test_quotes_keep_inner_punctuation() -> None:
    text = "首相は「同盟は強い。共に貢献する」と強調した。次に投資を約束した。"
    ps = segment(_src(text))
    assert [p.text for p in ps] == ["首相は「同盟は強い。共に貢献する」と強調した。", "次に投資を約束した。"]


def test_offsets_point_at_the_sentence() -> None:
    src = _src("見出し\n\n一文目です。二文目です。\n")
    for p in segment(src):
        assert src.text[p.start:p.end] == p.text


def test_bullets_and_numbered_items_lose_their_markers() -> None:
    ps = segment(_src("・防衛費の前倒しを明言\n・関税の回避を要請\n① AIと量子で協力する。\n"))
    assert [(p.kind, p.text) for p in ps] == [
        ("list", "防衛費の前倒しを明言"), ("list", "関税の回避を要請"), ("sentence", "AIと量子で協力する。")]


def test_flattened_table_rows_are_set_aside() -> None:
    text = ("年度防衛費(兆円)GDP比主な使途\n2023年度6.8約1.3%ミサイル防衛\n"
            "2024年度8.4約1.6%電子戦・無人機開発\n2025年度11.0(前倒し達成)約2.0%長射程兵器\n\n"
            "この動きは現実的な対応と言えます。\n")
    ps = segment(_src(text))
    assert [p.kind for p in ps] == ["table"] * 4 + ["sentence"]
    assert is_table_row("2025年度11.0(前倒し達成)約2.0%長射程兵器・宇宙防衛同盟内での自立強化")
    assert not is_table_row("防衛費を2027年度から2025年度に前倒しした。")


def test_stand_alone_reader_comments_are_quotes_not_points() -> None:
    ps = segment(_src("「本当に国民のためになるのか疑問だわ」\n「ちょっと大げさすぎない?でも必要かも」\n"))
    assert {p.kind for p in ps} == {"quote"}


def test_a_sentence_a_page_broke_over_lines_is_one_sentence() -> None:
    """A forum's copy breaks sentences at line ends: a line that ends on a particle, or that
    the next line goes on from (を…, と…), is the same sentence; a quote in the middle too."""
    text = ("見出し\n\n海上保安庁は\n尖閣諸島の周辺で中国海警局の船4隻が航行しているのを\n確認した。\n"
            "政府は南西諸島と台湾を結ぶ防衛上の線\n「第1列島線」\nを重視する方針だ。次の文だ。\n")
    src = _src(text)
    texts = [(p.kind, p.text) for p in segment(src)]
    assert texts[1:] == [
        ("sentence", "海上保安庁は尖閣諸島の周辺で中国海警局の船4隻が航行しているのを確認した。"),
        ("sentence", "政府は南西諸島と台湾を結ぶ防衛上の線「第1列島線」を重視する方針だ。"),
        ("sentence", "次の文だ。")]
    first = segment(src)[1]
    assert src.text[first.start:first.end].replace("\n", "") == first.text


def test_headlines_list_items_labels_and_a_cut_off_line_are_not_glued() -> None:
    text = ("政府、防衛費を増額\n首相は3日、防衛費の増額を表明した。\n"
            "中国船の領海侵入について\n海上保安庁は警戒を強めている。\n"
            "・防衛費を\n・関税を\n"
            "山田 防衛大臣\n「抑止力を高める」\nと述べた。\n"
            "防衛省は\n中国の空母が")
    texts = [p.text for p in segment(_src(text))]
    assert texts[:4] == ["政府、防衛費を増額", "首相は3日、防衛費の増額を表明した。",
                         "中国船の領海侵入について", "海上保安庁は警戒を強めている。"]
    assert "防衛費を" in texts and "関税を" in texts
    assert "山田 防衛大臣" in texts and "「抑止力を高める」と述べた。" in texts
    assert texts[-2:] == ["防衛省は", "中国の空母が"]
