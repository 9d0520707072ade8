"""What `brief build` says about translation: every kind of text counted, points named as the
brief numbers them (never by internal id), the warning only when most points are flagged.
Statuses are set by hand here: this tests the report, not a translation."""

from typing import Any

from brief.model import (
    APPROVED,
    FLAGGED,
    MACHINE,
    Brief,
    Citation,
    Claim,
    Conflict,
    Event,
    Figure,
    Item,
    Section,
    Source,
    Violation,
)
from brief.translate.report import flagged_line, point_labels, text_lines, warning_line
from brief.vocab import Status

CITE = [Citation("S1", 0, 3, "会談した")]


def _item(n: int, status: Status, **kw: Any) -> Item:
    return Item(f"a1b2c3d{n}", "security", f"会談{n}。", CITE, status=status, **kw)


def _brief(statuses: list[Status]) -> Brief:
    items = [_item(n, st, flags=["repeated text"] if st == FLAGGED else [])
             for n, st in enumerate(statuses)]
    only_bottom = Item("ffff0000", "trade", "合意した。", CITE, status=MACHINE, en="Agreed.")
    return Brief("T", "2025-10-28", "", "", [Source("S1", "a.txt", "題", "", title_status=FLAGGED)],
                 [items[0], only_bottom], [Section("security", "Security", items=items)],
                 figures=[Figure("fig-1", "money", "$1", "額", CITE, status=FLAGGED),
                          Figure("fig-2", "money", "$2", "額", CITE, status=MACHINE)],
                 timeline=[Event("event-1", "2025-10-28", "会談", CITE, status=MACHINE)],
                 conflicts=[Conflict("conflict-1", "t", [
                     Claim("1", "一", CITE, status=FLAGGED), Claim("2", "二", CITE, status=MACHINE)])],
                 translated=True, model="argos:ja-en:1.1", model_name="Test Engine 1.0")


def test_every_kind_of_flagged_text_is_counted_with_its_total() -> None:
    b = _brief([FLAGGED, MACHINE, FLAGGED])
    assert flagged_line(b) == ("flagged (shown in Japanese): 2 of 4 points, 1 of 2 figures, "
                               "1 of 2 claims, 1 of 1 source title")
    assert flagged_line(_brief([MACHINE])).startswith("flagged (shown in Japanese): 1 of 2 figures")


def test_points_are_named_as_the_brief_numbers_them_never_by_id() -> None:
    b = _brief([FLAGGED, MACHINE, FLAGGED])
    # a Bottom line point is shown there in full (its section's entry points up to it)
    assert point_labels(b) == {"a1b2c3d0": "Bottom line, point 1 (Security, point 1)",
                               "ffff0000": "Bottom line, point 2",
                               "a1b2c3d1": "Security, point 2", "a1b2c3d2": "Security, point 3"}
    b.violations = [Violation("ffff0000", "合意", "agreement", "missing"),
                    Violation("fig-2", "額", "amount", "missing")]
    b.sections[0].items[1].status, b.sections[0].items[1].flags = APPROVED, ["breaks it"]
    lines = text_lines(b)
    assert lines == [
        "  Bottom line, point 1 (Security, point 1): flagged, repeated text",
        "  Bottom line, point 2: glossary: 合意 → expected 'agreement': missing",
        "  Security, point 2: a person's English kept, but breaks it",
        "  Security, point 3: flagged, repeated text",
        "  key figures 1: flagged",
        "  key figures 2: glossary rules broken or a person's English kept",
        "  sides of sources differ 1.1: flagged",
        "  source titles S1: flagged",
    ]
    assert not [line for line in lines if "a1b2c3d" in line or "ffff0000" in line]


def test_the_warning_comes_only_when_more_than_half_the_points_are_flagged() -> None:
    assert warning_line(_brief([FLAGGED, MACHINE, MACHINE])) == ""  # 1 of 4
    assert warning_line(_brief([FLAGGED, FLAGGED, MACHINE])) == ""  # 2 of 4: half, not most
    line = warning_line(_brief([FLAGGED, FLAGGED, FLAGGED]))  # 3 of 4
    assert line.startswith("warning: 3 of 4 points flagged: the model is not translating")
    assert "Test Engine 1.0" in line and "--strict" in line and "\n" not in line
