from datetime import date

from brief.analyse.dates import resolve
from brief.curate.timeline import build_timeline
from brief.model import Passage, Source


def _resolved(text: str, anchor: date, ahead: bool = False) -> tuple[date, str]:
    """resolve() of a date it must understand (None fails the test here, not later)."""
    got = resolve(text, anchor, ahead=ahead)
    assert got is not None, text
    return got


def test_resolve_relative_dates() -> None:
    anchor = date(2025, 10, 28)
    assert resolve("2025年10月10日", anchor) == (date(2025, 10, 10), "")
    assert resolve("10月22日", anchor) == (date(2025, 10, 22), "")
    assert resolve("12月8日", anchor) == (date(2025, 12, 8), "")
    assert resolve("2月8日", anchor) == (date(2025, 2, 8), "")  # far ahead: earlier this year
    assert resolve("11月23日", anchor) == (date(2025, 11, 23), "")  # announced ahead
    assert resolve("10/27〜29", anchor) == (date(2025, 10, 27), "")
    when, note = _resolved("25日", anchor)
    assert when == date(2025, 10, 25) and "month assumed" in note
    assert _resolved("20日", date(2025, 12, 1))[0] == date(2025, 11, 20)  # after the article day
    assert resolve("2月30日", anchor) is None


def test_timeline_merges_sources_and_skips_quoted_dates() -> None:
    s1 = Source("S1", "a.txt", "a", "", published="2025-10-28", derived=["published"])
    s2 = Source("S2", "b.txt", "b", "", published="2025-10-29")
    ps = [Passage("S1", 0, 1, "高市早苗首相は28日、トランプ米大統領と東京・元赤坂の迎賓館で会談した。"),
          Passage("S2", 0, 1, "2025年10月28日、高市早苗首相とトランプ大統領が迎賓館で会談した。"),
          Passage("S2", 0, 1, "日テレの動画「ニュース(10月28日)」でも報道された。"),
          Passage("S2", 0, 1, "小泉進次郎防衛相は11月23日に与那国島を訪問した。")]
    events = build_timeline([s1, s2], ps)
    # 11月23日 of a visit done, said on Oct 29: last November's (never after the article)
    assert [(e.date, [c.source_id for c in e.citations]) for e in events] == [
        ("2024-11-23", ["S2"]), ("2025-10-28", ["S1", "S2"])]
    assert not events[1].date_note  # S1's day-only date is confirmed by S2's full date
    alone = build_timeline([s1], ps[:1])
    assert "month assumed from the article date 2025-10-28" in alone[0].date_note


def test_a_digest_places_bare_days_between_its_dated_entries() -> None:
    """A digest lists entries newest first; its page date says nothing about their month."""
    digest = Source("S5", "d.txt", "d", "", published="2025-10-27", kind="digest",
                    derived=["published", "kind"])
    lines = ["木原稔官房長官は8日、防衛力整備の中身を重視すべきだと強調した。",
             "高市早苗首相は25日、トランプ米大統領との電話会談について記者団に説明した。",
             "小泉進次郎防衛相は11月23日に与那国島を訪問した。",
             "日米両政府はトランプ来日(10/27〜29)を最終調整している。",
             "27日に天皇陛下と会見し、28日に首脳会談を行う日程が調整された。",
             "2025年10月10日、赤沢亮正経済再生担当相は米商務長官と電話会談を実施。",
             "政府は22日、トランプ米大統領が27~29日に来日すると発表した。"]
    ps = [Passage("S5", 0, 1, t, index=i) for i, t in enumerate(lines)]
    by_text = {e.ja: e for e in build_timeline([digest], ps)}
    # placed after the page's own date (Dec 8, Nov 25), a done entry is no event: the page
    # cannot report what had not happened when it was written
    assert lines[0] not in by_text and lines[1] not in by_text
    assert by_text[lines[4]].date == "2025-10-27"  # between Oct 10 (below) and Oct 27 (above)
    assert by_text[lines[6]].date == "2025-09-22"  # listed below Oct 10: before it
    assert "month inferred from the entries around it" in by_text[lines[6]].date_note
    article = Source("S1", "a.txt", "a", "", published="2025-10-27", derived=["published"])
    news = build_timeline([article], [Passage("S1", 0, 1, lines[0])])
    assert news[0].date == "2025-10-08"  # in an article, a bare day is the article's month


def test_a_day_alone_is_never_after_the_article_unless_the_text_looks_ahead() -> None:
    anchor = date(2025, 10, 28)
    assert _resolved("30日", anchor)[0] == date(2025, 9, 30)  # said on the 28th: last month's
    assert _resolved("30日", anchor, ahead=True)[0] == date(2025, 10, 30)  # 30日に来日する予定


def test_events_are_one_per_happening_plans_marked_and_scene_openers_stripped() -> None:
    s1 = Source("S1", "a.txt", "a", "", published="2025-10-28")
    ps = [Passage("S1", 0, 1, "皇居外苑の銀杏が色づき始める中、日米両政府はトランプ来日(10/27〜29)を最終調整。"),
          Passage("S1", 0, 1, "政府は22日、トランプ米大統領が来日し、高市早苗首相と会談すると発表。"),
          Passage("S1", 0, 1, "外務省は10月22日、トランプ米大統領が来日し、高市早苗首相と会談すると発表した。"),
          Passage("S1", 0, 1, "首相は25日、トランプ大統領の訪日はいずれ実現するだろうとみられる。")]
    events = build_timeline([s1], ps)
    assert [(e.date, e.phase, len(e.citations)) for e in events] == [
        ("2025-10-22", "done", 1), ("2025-10-27", "planned", 1)]
    assert events[1].ja.startswith("日米両政府は") and "銀杏" not in events[1].ja


def _one(text: str, published: str = "2025-06-12") -> list:
    src = Source("S1", "a.txt", "a", "", published=published)
    return [(e.date, e.phase) for e in build_timeline([src], [Passage("S1", 0, 1, text)])]


def test_relative_days_resolve_against_the_article() -> None:
    assert _one("港の式典は先月25日、市長の出席で開かれた。") == [("2025-05-25", "done")]
    assert _one("港の式典は昨年5月10日、市長の出席で開かれた。") == [("2024-05-10", "done")]
    assert _one("市長は明後日14日にも港を視察する予定だ。") == [("2025-06-14", "planned")]
    assert _one("市長はきのう港の新しい岸壁を視察したと明かした。") == []  # no date number: none


def test_a_done_event_is_never_after_its_source() -> None:
    assert _one("港の式典は2025年6月20日に開かれ、市長が出席した。") == []
    assert _one("港の式典は2025年6月20日に開かれる予定だ。") == [("2025-06-20", "planned")]
    # a plan reported as said (…並べるということが出てきた): still to come, not last year's
    assert _one("業者からは、6月20日に新米を店頭に並べるということが出てきた。") == [
        ("2025-06-20", "planned")]
    assert _one("市長は6月20日に港の式典に出席したということが分かった。") == [("2024-06-20", "done")]
    # on a page whose date is a guess, a later done event is no event (not last year's)
    guessed = Source("S1", "a.txt", "a", "", published="2025-06-12", derived=["published"])
    assert build_timeline([guessed], [Passage("S1", 0, 1, "市長は6月20日に港の式典に出席した。")]) == []


def test_captions_related_links_and_glued_datelines_are_not_events() -> None:
    assert _one("岸壁に並ぶ巡視船(2024年9月18日撮影、資料写真)。") == []
    assert _one("関連記事:港の式典、6月10日に開催へ向け準備") == []
    # 25年6月12日 glued to a category word is the page's label; the event is the 11th
    assert _one("25年6月12日港湾 市当局は11日、新しい岸壁の完成を発表した。") == [("2025-06-11", "done")]


def test_a_forum_posts_header_is_no_event() -> None:
    """A board's poster line (name, stamp, ID) dates the post, not anything it reports."""
    day = "2026-03-12"
    assert _one("15 名無しの港湾員 2026/03/12(木) 07:31:02.11 ID:Qw3rTy9z", day) == []
    assert _one("投稿 2026/03/12(木) 07:31:02 新しい岸壁の完成を港湾局が発表", day) == []
    assert _one("港湾局は12日、新しい岸壁の完成を発表した。", day) == [(day, "done")]


def test_a_wire_dateline_is_the_filing_day_not_the_events() -> None:
    """【6月2日 共同】…1日… reports what happened on the 1st; with no day of its own the
    text keeps the dateline's."""
    day = "2026-06-02"
    assert _one("【6月2日 共同】港湾局は1日、新岸壁の完成を発表した。", day) == [("2026-06-01", "done")]
    assert _one("【6月2日 共同】港湾局は新岸壁の完成を発表した。", day) == [("2026-06-02", "done")]
