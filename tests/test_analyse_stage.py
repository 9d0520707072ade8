"""The analyse stage: each article analysed once, cached on disk by content, in parallel."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brief.analyse.classify import Classifier
from brief.analyse.stage import analyse_sources
from brief.config import load_config
from brief.pipeline import assemble
from brief.read.ingest import read_sources
from brief.read.segment import segment

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "seeds", tmp_path / "seeds")
    return tmp_path / "seeds"


def _stage(sources_dir: Path, cache: Path, workers: int | None = 1):  # noqa: ANN202
    config = load_config(FIXTURES / "brief.toml")
    sources = read_sources(sources_dir, config.exclude_sources, False)
    passages = [p for s in sources for p in segment(s)]
    return analyse_sources(sources, passages, Classifier(config), cache, workers)


def test_a_rebuild_analyses_only_the_changed_article(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "out" / ".cache"
    first = _stage(corpus, cache)
    n = len(list(corpus.glob("*.txt")))
    assert (first.stats.analysed, first.stats.cached) == (n, 0)
    again = _stage(corpus, cache)
    assert (again.stats.analysed, again.stats.cached) == (0, n)
    assert again.articles == first.articles  # the cached value is the computed one
    article = sorted(corpus.glob("*.txt"))[1]
    article.write_text(article.read_text(encoding="utf-8") + "\n政府は新たな制裁を発表した。\n",
                       encoding="utf-8")
    changed = _stage(corpus, cache)
    assert (changed.stats.analysed, changed.stats.cached) == (1, n - 1)
    texts = [s.text for a in changed.articles.values() for s in a.sentences]
    assert "政府は新たな制裁を発表した。" in texts
    assert len(list((cache / "analyses").rglob("*.pickle"))) == n  # the old version is gone


def test_a_damaged_cache_entry_is_analysed_again_with_a_warning(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "out" / ".cache"
    first = _stage(corpus, cache)
    entries = sorted((cache / "analyses").rglob("*.pickle"))
    assert len(entries) == len(first.articles)
    entries[0].write_bytes(b"\x80\x05not a pickle at all")
    again = _stage(corpus, cache)
    assert (again.stats.damaged, again.stats.analysed) == (1, 1)
    assert str(entries[0]) in capsys.readouterr().err
    assert again.articles == first.articles
    assert _stage(corpus, cache).stats.analysed == 0  # and it was written back whole


def test_the_parallel_stage_gives_the_serial_brief(corpus: Path, tmp_path: Path) -> None:
    config = load_config(FIXTURES / "brief.toml")
    serial = assemble(config, corpus, cache_dir=tmp_path / "a", workers=1)
    parallel = assemble(config, corpus, cache_dir=tmp_path / "b", workers=2)
    assert parallel == serial
    assert _stage(corpus, tmp_path / "c", workers=2).stats.workers == 2  # a pool ran
    assert sorted(p.name for p in (tmp_path / "a").rglob("*.pickle")) == \
        sorted(p.name for p in (tmp_path / "b").rglob("*.pickle"))


def test_no_analysis_outlives_the_build(corpus: Path, tmp_path: Path) -> None:
    """The analyses are the build's: once it returns, nothing keeps them (a long-running
    caller gets its memory back), and an analysis asked for outside one is computed."""
    from brief.analyse.morphology import analyse

    brief = assemble(load_config(FIXTURES / "brief.toml"), corpus, cache_dir=tmp_path)
    text = brief.sections[0].items[0].ja
    first, second = analyse(text), analyse(text)
    assert first == second and first is not second
