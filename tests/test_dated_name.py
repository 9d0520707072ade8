"""`brief build --dated-name`: a file name a person can read, even from a Japanese title,
and a build every command that reads one still finds."""

import json
from pathlib import Path

from click.testing import CliRunner

from brief.cli import main


def test_dated_outputs_are_found_by_every_command_and_named_in_romaji(
        tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["init"]).exit_code == 0
    r = CliRunner().invoke(main, ["build", "--no-translate", "--dated-name"])
    assert r.exit_code == 0, r.output
    record = json.loads((tmp_path / "out" / "last-build.json").read_text(encoding="utf-8"))
    name = record["outputs"]["json"]["file"]
    title = json.loads((tmp_path / "out" / name).read_text(encoding="utf-8"))["title"]
    assert any("\u3040" <= c <= "\u9fff" for c in title)  # a Japanese-only build's title
    stem = name.removesuffix(".json")
    assert stem.startswith("2025-10-28_") and "nippon" in stem  # 日本と米国…, not digits only
    assert not (tmp_path / "out" / "brief.json").exists()
    r = CliRunner().invoke(main, ["review", "export"])
    assert r.exit_code == 0 and "segments" in r.output, r.output
    r = CliRunner().invoke(main, ["glossary", "check", "--against", "out"])
    assert r.exit_code == 0 and "not translated" in r.output, r.output
    r = CliRunner().invoke(main, ["email", "--to", "desk@example.org", "--from",
                                  "me@example.org", "--allow-flagged"])
    assert r.exit_code == 0, r.output
