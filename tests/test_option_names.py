"""One name, one meaning (#27): an option several commands take means the same thing in each
(the build folder is --out DIR everywhere; --from is only email's sender), and the old
spellings still work, hidden from --help."""

from __future__ import annotations

import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from brief.cli import main
from brief.commands.options import BUILD_DIR, CONFIG_FILE, GLOSSARY_DIR, SOURCES_DIR

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MEANING = {"--out": BUILD_DIR, "--glossary": GLOSSARY_DIR, "--config": CONFIG_FILE,
           "--sources": SOURCES_DIR}


def _options() -> list[tuple[str, click.Option]]:
    found: list[tuple[str, click.Option]] = []

    def walk(group: click.Group, path: str) -> None:
        for name, cmd in group.commands.items():
            if isinstance(cmd, click.Group):
                walk(cmd, f"{path} {name}")
            else:
                found.extend((f"{path} {name}".strip(), p) for p in cmd.params
                             if isinstance(p, click.Option))

    walk(main, "")
    return found


def test_a_shared_option_says_the_same_thing_in_every_command() -> None:
    wrong = [f"{cmd} {o}: {p.help!r}" for cmd, p in _options() for o in p.opts
             if o in MEANING and not p.hidden and not (p.help or "").startswith(MEANING[o])]
    assert wrong == []
    outs = sorted(cmd for cmd, p in _options() if "--out" in p.opts and not p.hidden)
    assert outs == ["build", "diff", "email", "review export"]  # every command that has a build
    froms = sorted(cmd for cmd, p in _options() if "--from" in p.opts and not p.hidden)
    assert froms == ["email"]  # the sender, as in every mail tool


def test_old_spellings_still_work_and_are_not_shown(built_brief: Path, tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "glossary", tmp_path / "g")
    g = ["--glossary", str(tmp_path / "g")]
    new = CliRunner().invoke(main, ["review", "export", "--out", str(built_brief), "--format",
                                    "tsv", str(tmp_path / "new.tsv"), *g])
    old = CliRunner().invoke(main, ["review", "export", "--from", str(built_brief), "--format",
                                    "tsv", "--out", str(tmp_path / "old.tsv"), *g])
    assert new.exit_code == 0 and old.exit_code == 0, new.output + old.output
    assert (tmp_path / "new.tsv").read_bytes() == (tmp_path / "old.tsv").read_bytes()
    assert (tmp_path / "new.tsv").stat().st_size > 100
    help_text = CliRunner().invoke(main, ["review", "export", "--help"]).output
    assert "--from" not in help_text and "[FILE]" in help_text
    r = CliRunner().invoke(main, ["glossary", "add", "海洋放出", "ocean discharge", "--file",
                                  str(tmp_path / "g" / "terms.tsv"), *g])
    assert r.exit_code == 0, r.output
    assert "海洋放出\tocean discharge" in (tmp_path / "g" / "terms.tsv").read_text(encoding="utf-8")
    assert "--file" not in CliRunner().invoke(main, ["glossary", "add", "--help"]).output


@pytest.mark.parametrize("args,says", [
    (["--from", "a", "--out", "b"], "--from is the old name of --out"),
    (["--out", "r.tsv", "x.tsv"], "give the file once"),
])
def test_mixed_spellings_are_refused_in_one_line(args: list[str], says: str) -> None:
    r = CliRunner().invoke(main, ["review", "export", *args])
    assert r.exit_code == 1 and says in r.output
