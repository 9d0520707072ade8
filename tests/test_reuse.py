"""A rebuild of unchanged inputs reads the curated brief; any change curates again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brief.config import load_config
from brief.model import Brief
from brief.pipeline import assemble
from brief.timing import Stages

FIXTURES = Path(__file__).parent / "fixtures"
ADDED = "防衛省は新たな警戒監視の強化を発表した。"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "seeds", tmp_path / "seeds")
    return tmp_path / "seeds"


def _build(corpus: Path, cache: Path, config: Path = FIXTURES / "brief.toml"
           ) -> tuple[Brief, Stages]:
    stages = Stages()
    return assemble(load_config(config), corpus, cache_dir=cache, stages=stages), stages


def test_an_unchanged_rebuild_reads_the_curated_brief(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "out" / ".cache"
    first, cold = _build(corpus, cache)
    assert "classify" in cold.seconds and "cluster" in cold.seconds
    again, warm = _build(corpus, cache)
    assert again == first
    assert "analyse" not in warm.seconds and "classify" not in warm.seconds  # nothing redone
    assert len(list((cache / "curated").glob("*.pickle"))) == 1


def test_a_changed_source_or_configuration_curates_again(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "out" / ".cache"
    first, _ = _build(corpus, cache)
    article = sorted(corpus.glob("*.txt"))[0]
    article.write_text(article.read_text(encoding="utf-8") + f"\n{ADDED}\n", encoding="utf-8")
    changed, stages = _build(corpus, cache)
    assert "classify" in stages.seconds
    assert any(ADDED in s.text for s in changed.sources)
    config = tmp_path / "brief.toml"
    config.write_text((FIXTURES / "brief.toml").read_text(encoding="utf-8")
                      .replace("min_score = 2.0", "min_score = 2.5"), encoding="utf-8")
    _, stages = _build(corpus, cache, config)
    assert "classify" in stages.seconds
    assert len(list((cache / "curated").glob("*.pickle"))) == 1  # the last build's alone


def test_a_damaged_entry_is_curated_again_with_a_warning(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "out" / ".cache"
    first, _ = _build(corpus, cache)
    [entry] = (cache / "curated").glob("*.pickle")
    entry.write_bytes(b"\x80\x05not a pickle at all")
    again, stages = _build(corpus, cache)
    assert again == first and "classify" in stages.seconds
    assert str(entry) in capsys.readouterr().err
    assert _build(corpus, cache)[1].seconds.get("classify") is None  # written back whole
