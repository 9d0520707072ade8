"""The title derived from the sources (curate/title.py), and the user's title winning."""

from __future__ import annotations

from brief.config import load_config
from brief.curate.title import _date_range
from brief.model import Source
from brief.pipeline import assemble
from conftest import FIXTURES

STORIES = FIXTURES / "stories"


def _dated(*days: str) -> list[Source]:
    return [Source(id=f"S{i}", path=f"{i}.txt", title="t", text="", published=d)
            for i, d in enumerate(days, 1)]


def test_date_range_reads_as_japanese_dates() -> None:
    assert _date_range(_dated("2026-11-15", "2026-11-21")) == "2026年11月15日〜21日"
    assert _date_range(_dated("2026-11-28", "2026-12-03")) == "2026年11月28日〜12月3日"
    assert _date_range(_dated("2026-12-30", "2027-01-02")) == "2026年12月30日〜2027年1月2日"
    assert _date_range(_dated("2026-11-15")) == "2026年11月15日"
    assert _date_range(_dated("2026-11", "")) == ""  # a month alone is not a range end


def test_the_users_title_wins(tmp_path) -> None:  # noqa: ANN001
    cfg = load_config(STORIES / "brief.toml")
    cfg.title = "Our own title"
    brief = assemble(cfg, STORIES / "trade")
    assert brief.title == "Our own title" and brief.title_ja == ""


def test_a_story_with_no_points_still_gets_a_dated_title(tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "a.txt").write_text("天気の話\n\n今日は晴れて、公園には人が多かった。\n",
                                    encoding="utf-8")
    (tmp_path / "sources.toml").write_text('["a.txt"]\npublished = "2026-05-01"\n',
                                           encoding="utf-8")
    brief = assemble(load_config(STORIES / "brief.toml"), tmp_path)
    assert all(not s.items for s in brief.sections)
    assert brief.title == "情勢（2026年5月1日）"


def test_a_name_is_counted_under_the_shortest_name_inside_it() -> None:
    """石破茂 and 石破 are one party; at a tie of length the first in order wins; a name with
    no other inside it stands for itself."""
    from brief.curate.title import _shortest_inside

    known = {"石破", "石破茂", "破茂", "アトラス社", "アトラス・スチール", "アトラス", "東和製鋼"}
    assert _shortest_inside("石破茂", known) == "石破"
    assert _shortest_inside("アトラス・スチール", known) == "アトラス"
    assert _shortest_inside("東和製鋼", known) == "東和製鋼"
