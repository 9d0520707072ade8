"""Every example a newcomer copies runs as written (#27): each shell block and each inline
`brief …` command of README.md, and each example under "Examples:" in a command's --help.

They run, through the real CLI, in a scratch project made by `brief init` and built once
(`--no-translate`), with the tests' tiny ja→en model installed — never in the checkout's own
seeds/, glossary/ or brief.toml. An example that names an input file (a colleague's TMX, a
team's TBX) gets that file first (GIVEN); one that needs what a test machine lacks (a server,
the network, a real model) is skipped with the reason (NOT_RUN). A span with a metavariable
(`FILE`, `DIR`, `[--send]`, `…`) is a synopsis, not an example, and is not run: the README
shows each of those options in a concrete example too.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from brief.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

COMMAND = re.compile(r"^(cd \S+ && )?(python -m )?brief (-|[a-z]+( |$))")  # not a quoted output line
SYNOPSIS = re.compile(r"(?<![\w\"'=-])[A-Z][A-Z_]+(?![\w\"'])|\[|…|\b\w+/\w+/\w+\b(?!\.)")

SERVER = "needs a LibreTranslate server (tests/test_libretranslate.py runs one)"
NOT_RUN: dict[str, str] = {
    "scripts/install.sh": "sets up the machine (apt, pip, the model): it made this test's venv",
    ".venv/bin/python -m pytest -q": "runs the suite this test is part of",
    "brief models install": "downloads the model from the Argos package index (network)",
    "brief build --server http://mt.office:5000": SERVER,
    "scripts/lt-server.sh --model translate-ja_en-1_1.argosmodel":
        "starts a server that keeps running (tests/test_lt_server_script.py runs it)",
    "brief email --to desk@example.org --from me@example.org --send":
        "needs an SMTP server (tests/test_mail.py sends to a real local one)",
    "brief email --send": "names the option in the [mail] settings table; needs an SMTP server",
    "brief email": "names the command in prose (it needs --to): its examples give --to and --from",
    "brief review import target/review.xlf":
        "imports OmegaT's translated file (tests/test_review_omegat.py runs OmegaT and it)",
}


def _write(name: str, text: str) -> Callable[[Path], None]:
    def given(project: Path) -> None:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")

    return given


def _run(*args: str) -> Callable[[Path], None]:
    def given(project: Path) -> None:
        r = CliRunner().invoke(main, [os.path.expanduser(a) for a in args])
        assert r.exit_code == 0, f"given `brief {' '.join(args)}`: {r.output}"

    return given


def _tiny_package(project: Path) -> None:
    shutil.copy(TINY["package"], project / "translate-ja_en-1_1.argosmodel")


def _empty_folder(project: Path) -> None:
    (project.parent / "new").mkdir()
    os.chdir(project.parent / "new")


def _office_docx(project: Path) -> None:
    """An office's Word template: a document python-docx saves, with its own heading font."""
    import docx

    template = docx.Document()
    template.styles["Heading 1"].font.name = "Liberation Sans"
    template.save(str(project / "office.docx"))


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ja-JP" datatype="plaintext" segtype="sentence"
 adminlang="en-US" creationtool="colleague" creationtoolversion="1" o-tmf="tmx"/>
<body><tu><tuv xml:lang="ja-JP"><seg>外務省によると、両首脳は年内に再び会談する方向で調整している。</seg></tuv>
<tuv xml:lang="en-US"><seg>According to the Foreign Ministry, the two leaders are arranging to meet
again this year.</seg></tuv></tu></body></tmx>
"""
COLLEAGUE = _write("colleague.tmx", TMX)
TEAM_TBX = _run("glossary", "export", "team.tbx", "--glossary", str(FIXTURES / "glossary"))
# What an example needs first: the file it names, or the step the README puts before it.
GIVEN: dict[str, list[Callable[[Path], None]]] = {
    "brief init": [_empty_folder],
    "cd ~/briefs/weekly && brief build --no-translate": [_run("init", "~/briefs/weekly")],
    "brief glossary remove 商務長官": [_run("glossary", "add", "商務長官", "Commerce Secretary")],
    "brief models install translate-ja_en-1_1.argosmodel": [_tiny_package],
    "brief review import out/review.xlf": [_run("review", "export")],
    "brief memory import colleague.tmx": [COLLEAGUE],
    "brief memory export out/memory.tmx": [COLLEAGUE, _run("memory", "import", "colleague.tmx")],
    "brief memory export tm/auto/memory.tmx": [
        COLLEAGUE, _run("memory", "import", "colleague.tmx"), _write("tm/auto/.keep", "")],
    "brief glossary import team.tbx": [TEAM_TBX],
    "brief glossary import team-terms.tbx": [
        _run("glossary", "export", "team-terms.tbx", "--glossary", str(FIXTURES / "glossary"))],
    "brief diff": [_run("build", "--no-translate")],
    "brief diff out/previous.json out --markdown": [_run("build", "--no-translate")],
    "brief build --reference-doc office.docx": [_office_docx],
    "brief glossary import deepl.csv": [_write("deepl.csv", "抑止力,deterrence\n東京,Tokyo\n")],
}
# An example whose documented answer here is a refusal: (exit code, what it says, why).
REFUSES: dict[str, tuple[int, str, str]] = {
    "brief build --strict": (1, "--strict: ", "the tiny model's English is flagged, which "
                             "--strict refuses (with a real model it builds)"),
}
TINY: dict[str, Path] = {}


def _commands(block: str) -> list[str]:
    """The commands of a shell block: continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n\s*", "", block)
    return [re.sub(r"\s+#.*$", "", line).strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def readme_examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found: list[str] = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M):
        found += _commands(block)
    prose = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    found += [s.replace("\\|", "|") for s in re.findall(r"`([^`\n]+)`", prose)
              if COMMAND.match(s) and not SYNOPSIS.search(s)]
    return list(dict.fromkeys(found))


def _leaves(group: object, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    import click

    assert isinstance(group, click.Group)
    out: list[tuple[str, ...]] = []
    for name, cmd in group.commands.items():
        out += _leaves(cmd, (*path, name)) if isinstance(cmd, click.Group) else [(*path, name)]
    return out


def help_examples() -> dict[tuple[str, ...], list[str]]:
    """Each command's examples, read from its --help as a user sees them."""
    out = {}
    for path in _leaves(main):
        text = CliRunner().invoke(main, [*path, "--help"]).output
        tail = text.split("Examples:", 1)[1] if "Examples:" in text else ""
        out[path] = [line.strip() for line in tail.splitlines() if line.strip()]
    return out


HELP = help_examples()
EXAMPLES = list(dict.fromkeys([*readme_examples(), *(e for v in HELP.values() for e in v)]))


def test_every_command_shows_examples_in_its_help() -> None:
    missing = [" ".join(p) for p, ex in HELP.items() if not ex]
    assert not missing, f"commands whose --help has no Examples: {missing}"
    wrong = [e for ex in HELP.values() for e in ex if not COMMAND.match(e)]
    assert not wrong, f"help examples that are not brief commands: {wrong}"


def test_the_readme_examples_are_found() -> None:
    """The extraction itself: the blocks, the table and the prose all contribute."""
    assert "scripts/install.sh" in EXAMPLES and "brief build --json" in EXAMPLES
    assert "cd ~/briefs/weekly && brief build --no-translate" in EXAMPLES
    assert "brief build --server URL" not in EXAMPLES  # a synopsis: its example has a URL
    assert "brief build --server http://mt.office:5000" in EXAMPLES


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, installed_tiny: Path) -> Path:
    """A project as a newcomer has it after `brief init` and a first build."""
    TINY["package"] = installed_tiny
    root = tmp_path_factory.mktemp("examples")
    cwd = Path.cwd()
    try:
        os.chdir(root)
        assert CliRunner().invoke(main, ["init", "project"]).exit_code == 0
        os.chdir(root / "project")
        r = CliRunner().invoke(main, ["build", "--no-translate"])
        assert r.exit_code == 0, r.output
    finally:
        os.chdir(cwd)
    return root / "project"


def run_example(example: str) -> Result:
    """Run EXAMPLE as a shell would: `~` expanded, `cd DIR &&` followed, `brief` and
    `python -m brief` the CLI; anything else is not an example this test can run."""
    result: Result | None = None
    for part in example.split(" && "):
        argv = [os.path.expanduser(a) for a in shlex.split(part)]
        if argv[0] == "cd":
            os.chdir(argv[1])
            continue
        if argv[:3] == ["python", "-m", "brief"]:
            argv = argv[2:]
        assert argv[0] == "brief", f"{example}: not a brief command; add it to NOT_RUN (why)"
        result = CliRunner().invoke(main, argv[1:])
        if result.exit_code:
            break
    assert result is not None
    return result


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_example_runs_as_written(example: str, base: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    if example in NOT_RUN:
        pytest.skip(NOT_RUN[example])
    if "--pdf-engine accessible" in example and not shutil.which("soffice"):
        pytest.skip("needs LibreOffice (soffice), which scripts/install.sh installs")
    project = tmp_path / "project"
    shutil.copytree(base, project, symlinks=True)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(project)
    for step in GIVEN.get(example, []):
        step(project)
    r = run_example(example)
    code, says, _why = REFUSES.get(example, (0, "", ""))
    assert r.exit_code == code, f"`{example}` exited {r.exit_code}:\n{r.output}"
    assert says in r.output and "Traceback" not in r.output
    assert r.output.strip(), f"`{example}` said nothing"
