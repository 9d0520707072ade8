"""The command line as a user meets it: every path refused when empty, one way; the build's
report as data (`--json`) that says what brief.json says."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from brief.cli import main
from brief.commands.options import _path


def _path_params() -> list[tuple[list[str], click.Parameter]]:
    """Every path option and argument of every command, with the words that reach it."""
    found: list[tuple[list[str], click.Parameter]] = []

    def walk(cmd: click.Command, words: list[str]) -> None:
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                walk(sub, [*words, name])
            return
        found.extend((words, p) for p in cmd.params if isinstance(p.type, click.Path))

    walk(main, [])
    return found


def test_every_path_is_declared_the_one_way() -> None:
    params = _path_params()
    assert len(params) >= 20  # build, glossary, review, email, models all take paths
    odd = [f"{' '.join(w)} {p.name}" for w, p in params if p.callback is not _path]
    assert odd == []


@pytest.mark.parametrize("words,option", [
    (["build"], "--out"), (["review", "export"], "--out"), (["review", "export"], "--from"),
    (["email", "--to", "a@b.c"], "--pdf"),
    (["glossary", "check"], "--against"), (["glossary", "list"], "--glossary"),
])
def test_an_empty_path_is_refused_in_one_line(words: list[str], option: str) -> None:
    r = CliRunner().invoke(main, [*words, option, ""])
    assert r.exit_code == 1
    assert r.output.strip().splitlines() == [
        f"brief: error: {option} '': empty path (to mean the current folder, write .)"]


def test_build_json_is_the_report_of_the_brief_it_wrote(project: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    r = CliRunner().invoke(main, ["build", "--no-translate", "--format", "json", "--json"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    brief = json.loads((project / "out" / "brief.json").read_text(encoding="utf-8"))
    assert report["sources"] == len(brief["sources"])
    assert report["bottom_line"] == len(brief["bottom_line"])
    assert report["sections"] == {s["title"]: len(s["items"]) for s in brief["sections"]}
    assert report["outputs"] == ["out/brief.json"] and report["translation"] is None
    assert report["messages"][0]["text"].startswith(f"{len(brief['sources'])} sources → ")
