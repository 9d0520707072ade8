"""Progress without a terminal (#27): a long `brief build` in a log or CI prints a line every
few seconds (the time, the stage, the batches translated) on stderr, and nothing on stdout,
so `--json` stays data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import main
from brief.commands import options


def test_a_build_without_a_terminal_prints_progress_lines(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_PROGRESS", "")  # as a user's shell has it: auto
    monkeypatch.setattr(options, "EVERY", 0.05)  # the build takes seconds; 5 s in real use
    monkeypatch.chdir(project)
    r = CliRunner().invoke(main, ["build", "--no-translate", "--format", "json", "--json",
                                  "--timings"])
    assert r.exit_code == 0, r.output
    json.loads(r.stdout)  # stdout is the report alone
    lines = re.findall(r"(?m)^brief build: (\d+) s, (.+)$", r.stderr)
    assert len(lines) >= 3, r.stderr
    stages = set(re.findall(r"(?m)^(\S[^\n]*?)\s{2,}\d+\.\d+ s", r.stderr))
    assert {stage for _, stage in lines} - {"starting"} <= stages  # real stage names
    seconds = [int(s) for s, _ in lines]
    assert seconds == sorted(seconds)


def test_no_progress_lines_when_turned_off_or_quick(project: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    monkeypatch.setenv("BRIEF_PROGRESS", "")
    r = CliRunner().invoke(main, ["glossary", "check"])  # not a build: no heartbeat
    assert "s, " not in r.stderr
    monkeypatch.setenv("BRIEF_PROGRESS", "off")
    monkeypatch.setattr(options, "EVERY", 0.05)
    r = CliRunner().invoke(main, ["build", "--no-translate", "--format", "md"])
    assert r.exit_code == 0 and "brief build: " not in r.stderr
