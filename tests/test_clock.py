from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import main
from brief.clock import build_date
from brief.errors import BriefError


@pytest.mark.parametrize("value", ["-1", "1e9", "abc", "99999999999999999999", "253402300800",
                                   "١٢٣", "12 34"])
def test_an_unusable_source_date_epoch_is_one_line_naming_it(monkeypatch, value: str) -> None:  # noqa: ANN001
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(BriefError, match=r"^SOURCE_DATE_EPOCH=.*must be whole seconds"):
        build_date()


@pytest.mark.parametrize(("value", "year"), [("0", 1970), (" 1761609600 ", 2025),
                                             ("253402300799", 9999)])
def test_the_whole_range_is_accepted(monkeypatch, value: str, year: int) -> None:  # noqa: ANN001
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert build_date().year == year


def test_a_build_with_a_bad_epoch_fails_before_writing(project: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999")
    result = CliRunner().invoke(main, ["build", "--no-translate"])
    assert result.exit_code == 1 and result.exception.__class__ is SystemExit
    assert result.stderr.startswith("brief: error: SOURCE_DATE_EPOCH=")
    assert not (project / "out").exists()
