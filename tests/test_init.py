"""`brief init`: a project folder made anywhere, in which `brief build` then works."""

import json
from pathlib import Path

from click.testing import CliRunner

from brief.cli import main


def test_init_then_build_in_an_empty_folder(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    project = tmp_path / "weekly"
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["init", "weekly"])
    assert r.exit_code == 0, r.output
    assert "made a brief project in weekly" in r.output
    toml = (project / "brief.toml").read_text(encoding="utf-8")
    assert toml.startswith("# brief.toml") and "[[sections]]" in toml  # commented, complete
    assert "out/" in (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    monkeypatch.chdir(project)
    assert CliRunner().invoke(main, ["glossary", "check"]).exit_code == 0
    r = CliRunner().invoke(main, ["build", "--no-translate"])
    assert r.exit_code == 0, r.output
    brief = json.loads((project / "out" / "brief.json").read_text(encoding="utf-8"))
    assert [s["outlet"] for s in brief["sources"]] == ["Example News"]
    assert any(i for s in brief["sections"] for i in s["items"])
    assert (project / "out" / "brief.pdf").stat().st_size > 0


def test_init_never_overwrites_a_project(tmp_path: Path) -> None:
    (tmp_path / "brief.toml").write_text("# mine\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert r.exit_code == 1 and "brief.toml: already exists" in r.output
    assert (tmp_path / "brief.toml").read_text(encoding="utf-8") == "# mine\n"
    assert not (tmp_path / "seeds").exists()
