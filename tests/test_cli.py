import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import main


def test_help_does_not_import_the_translator() -> None:
    code = ("import sys; from brief.cli import main\n"
            "try: main(['--help'])\nexcept SystemExit: pass\n"
            "assert 'argostranslate' not in sys.modules and 'ctranslate2' not in sys.modules\n"
            "assert 'httpx' not in sys.modules\n"
            "assert 'reportlab' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_build_without_translation(project: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["build", "--no-translate"])
    assert result.exit_code == 0, result.output
    for name in ("brief.docx", "brief.pdf", "brief.json", "brief.md"):
        assert (project / "out" / name).stat().st_size > 1000
    md = (project / "out" / "brief.md").read_text(encoding="utf-8")
    for line in ("当ページのリンクには広告が含まれています", "メルマガ登録はこちら",
                 "タイトルとURLをコピーしました", "最後までご覧いただきありがとうございます"):
        assert line not in md
    assert "reported by 3 of 5 sources" in md and "reported by 4 of 5 sources" not in md


def test_dated_name(project: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["build", "--no-translate", "--dated-name", "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (project / "out").glob("*.pdf")] == [
        "2025-10-28_us-japan-relations-after-the-takaichi-trump-summit.pdf"]


def test_timings_name_every_stage_on_stderr(project: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["build", "--no-translate", "--timings", "--format", "md"])
    assert result.exit_code == 0, result.output
    stages = [line.split()[0] for line in result.stderr.splitlines()
              if re.search(r"\d\.\d\d s\b", line)]
    for stage in ("read", "segment", "classify", "cluster", "claims", "conflicts", "render",
                  "total"):
        assert stage in stages, result.stderr
    assert stages.index("read") < stages.index("cluster") < stages.index("render")
    assert "MiB" in result.stderr and "classify" not in result.stdout


def test_bad_glossary_stops_the_build_with_file_and_line(project: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    with open(project / "glossary" / "terms.tsv", "a", encoding="utf-8") as f:
        f.write("迎賓館\n")
    result = CliRunner().invoke(main, ["build", "--no-translate"])
    assert result.exit_code == 1
    assert "glossary/terms.tsv:" in result.output and "expected 7 columns" in result.output
    assert not (project / "out" / "brief.pdf").exists()


def test_build_with_the_tiny_model(project: Path, monkeypatch, installed_tiny: Path) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert "translation:" in result.output
    import json
    import zipfile

    data = json.loads((project / "out" / "brief.json").read_text(encoding="utf-8"))
    outputs = [s["title_machine_output"] for s in data["sources"]]
    # the tiny model's output is not English: the checks flag every title and point, brief.json
    # keeps the output apart from `en` and says nothing was translated, and the Sources list
    # shows the Japanese title, never the garbage
    assert not data["translated"] and all(outputs) and data["translation_counts"]
    first = data["sources"][0]
    assert first["title_status"] == "flagged" and first["title_flags"] and not first["title_en"]
    z = zipfile.ZipFile(project / "out" / "brief.docx")
    doc = z.read("word/document.xml").decode().replace("&amp;", "&")
    assert f"<w:t>{first['title']}</w:t>" in doc and ">MT?<" in doc  # marked, reason in appendix
    assert outputs[0] not in doc  # the flagged English title is never shown
    counts = data["translation_counts"]["points"]
    n = len({i["id"] for s in data["sections"] for i in s["items"]})
    assert counts["flagged"] == n
    assert "points: 0 approved by a person, 0 machine-translated" in result.output
    # every kind of text counted; each point named as the brief numbers it, never by its id
    assert f"flagged (shown in Japanese): {n} of {n} points, " in result.stdout
    assert "source titles" in result.stdout
    assert re.search(r"(?m)^  Bottom line, point 1( \(\w[\w ]*, point \d+\))?: flagged, ",
                     result.stderr), result.stderr  # where the brief shows the point's text
    assert f"warning: {n} of {n} points flagged: the model is not translating" in result.stderr
    ids = {i["id"] for s in data["sections"] for i in s["items"]}
    assert not [line for line in result.stderr.splitlines() if any(i in line for i in ids)]
    points = [line for line in result.stderr.splitlines() if ", point " in line]
    assert len(points) == n  # one line per point
    again = CliRunner().invoke(main, ["build"])
    assert "0 translated" in again.output  # everything from the cache
    strict = CliRunner().invoke(main, ["build", "--strict"])
    assert strict.exit_code == 1 and "flagged point" in strict.output


def test_models_list_and_install(tiny_package: Path) -> None:
    result = CliRunner().invoke(main, ["models", "install", str(tiny_package)])
    assert result.exit_code == 0 and "installed ja→en" in result.output
    assert "ja→en" in CliRunner().invoke(main, ["models", "list"]).output


@pytest.mark.slow  # two translated builds in processes of their own (a terminal, a pipe): ~8 s
def test_progress_bar_on_a_terminal_only(one_article_project: Path, installed_tiny: Path) -> None:
    import os
    import pty

    project = one_article_project  # one short article: the bar is what is tested, not the build
    cmd = [sys.executable, "-m", "brief", "build", "--format", "md"]
    env = {k: v for k, v in os.environ.items() if k != "BRIEF_PROGRESS"}  # as a user has it
    master, slave = pty.openpty()  # stderr is a terminal, as when a user runs brief build
    proc = subprocess.Popen(cmd, cwd=project, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait() == 0
    os.close(master)
    assert b"Translating" in seen and b"100%" in seen
    import shutil

    shutil.rmtree(project / "out" / ".cache")  # translate everything again, into a pipe
    piped = subprocess.run(cmd, cwd=project, capture_output=True, env=env,
                           text=True)  # a log file: no bar in it (progress lines instead)
    assert piped.returncode == 0 and "0 from cache" in piped.stdout
    assert "Translating" not in piped.stderr + piped.stdout


def test_sections_without_points_say_so(project: Path, monkeypatch) -> None:  # noqa: ANN001
    import shutil

    from pypdf import PdfReader

    monkeypatch.chdir(project)
    shutil.rmtree(project / "seeds")
    (project / "seeds").mkdir()
    (project / "seeds" / "a.txt").write_text("天気\n今日は晴れです。明日も晴れるでしょう。\n",
                                             encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--no-translate"])
    assert result.exit_code == 0, result.output
    assert "1 source → bottom line 0" in result.output
    assert "warning: no points for Security, Economic security, Trade, Optics" in result.output
    pdf = "".join(p.extract_text() for p in PdfReader(project / "out" / "brief.pdf").pages)
    assert pdf.count("No points: no source sentence matched") == 5 and "· 1 source" in pdf
    import zipfile

    doc = zipfile.ZipFile(project / "out" / "brief.docx").read("word/document.xml").decode()
    assert doc.count("No points: no source sentence matched") == 5


def test_strict_failure_writes_nothing_and_keeps_the_last_build(project: Path, monkeypatch,  # noqa: ANN001
                                                                installed_tiny: Path) -> None:
    monkeypatch.chdir(project)
    run = CliRunner().invoke
    assert run(main, ["build", "--no-translate"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in (project / "out").glob("brief.*")}
    r = run(main, ["build", "--strict"])  # the tiny model breaks the glossary
    assert r.exit_code == 1
    assert "glossary violation(s)" in r.stderr and "flagged point" in r.stderr
    assert "nothing written, out keeps the previous build" in r.stderr
    assert {p.name: p.read_bytes() for p in (project / "out").glob("brief.*")} == before


def test_build_refuses_a_symlinked_source_unless_follow_links(project: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    outside = project / "elsewhere.txt"
    outside.write_text("外部の見出し\n外部ファイルの文章で防衛費と抑止力を論じる。\n", encoding="utf-8")
    (project / "seeds" / "zz_link.txt").symlink_to(outside)
    r = CliRunner().invoke(main, ["build", "--no-translate", "--format", "md"])
    assert r.exit_code == 1 and "zz_link.txt: is a symlink to" in r.stderr
    assert not (project / "out").exists()
    r = CliRunner().invoke(main, ["build", "--no-translate", "--format", "md", "--follow-links"])
    assert r.exit_code == 0, r.output
    assert "外部の見出し" in (project / "out" / "brief.md").read_text(encoding="utf-8")  # its title


def test_outputs_keep_their_mode_and_new_ones_follow_the_umask(one_article_project: Path,  # noqa: ANN001
                                                                monkeypatch) -> None:
    import os

    project = one_article_project  # the files' modes and names are tested, not the build
    monkeypatch.chdir(project)
    old = os.umask(0o077)
    try:
        assert CliRunner().invoke(main, ["build", "--no-translate"]).exit_code == 0
        modes = {p.name: p.stat().st_mode & 0o777 for p in (project / "out").glob("brief.*")}
        assert set(modes.values()) == {0o600}
        os.umask(0o022)
        (project / "out" / "brief.pdf").chmod(0o640)
        assert CliRunner().invoke(main, ["build", "--no-translate"]).exit_code == 0
    finally:
        os.umask(old)
    assert (project / "out" / "brief.pdf").stat().st_mode & 0o777 == 0o640
    assert (project / "out" / "brief.md").stat().st_mode & 0o777 == 0o600


def test_a_source_with_a_non_utf8_name_builds_every_format(one_article_project: Path,  # noqa: ANN001
                                                            monkeypatch) -> None:
    import os

    project = one_article_project  # the files' modes and names are tested, not the build
    monkeypatch.chdir(project)
    first = sorted((project / "seeds").glob("*.txt"))[0]
    os.rename(first, os.fsencode(project / "seeds") + b"/" + "記事".encode("cp932") + b".txt")
    r = CliRunner().invoke(main, ["build", "--no-translate"])
    assert r.exit_code == 0, r.output
    assert "\ufffd" in (project / "out" / "brief.json").read_text(encoding="utf-8")


def test_a_build_onto_a_full_disk_is_one_line_and_leaves_no_temp_files(project: Path, monkeypatch,  # noqa: ANN001
                                                                       tiny_fs: Path) -> None:
    monkeypatch.chdir(project)
    (tiny_fs / "other-files").write_bytes(b"x" * 900_000)  # room for the JSON, not the rest
    r = CliRunner().invoke(main, ["build", "--no-translate", "--out", str(tiny_fs)])
    assert r.exit_code == 1 and r.stderr.count("\n") == 1, r.output
    assert r.stderr.startswith(f"brief: error: {tiny_fs}") and "(disk full)" in r.stderr
    assert "previous outputs are unchanged" in r.stderr
    assert not [p for p in tiny_fs.iterdir() if p.name.endswith(".tmp")]


def test_a_glossary_folder_without_entries_is_said(project: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    (project / "empty").mkdir()
    r = CliRunner().invoke(main, ["build", "--no-translate", "--format", "json",
                                  "--glossary", "empty"])
    assert r.exit_code == 0, r.output
    assert "brief: warning: empty: no glossary entries" in r.stderr


def test_a_build_spaces_collections_and_gives_the_callers_back(project: Path,
                                                                monkeypatch) -> None:  # noqa: ANN001
    """The build runs under its own collector thresholds; a caller's (here, this test
    process's) are back afterwards, on success and on failure alike."""
    import gc

    import brief.pipeline
    from brief.commands.build import GC_THRESHOLD

    seen = []
    real = brief.pipeline.build

    def build(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.append(gc.get_threshold())
        return real(*args, **kwargs)

    monkeypatch.setattr(brief.pipeline, "build", build)
    monkeypatch.chdir(project)
    before = gc.get_threshold()
    assert CliRunner().invoke(main, ["build", "--no-translate", "--format", "md"]).exit_code == 0
    (project / "glossary" / "terms.tsv").write_text("迎賓館\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["build", "--no-translate"]).exit_code == 1
    assert seen == [GC_THRESHOLD, GC_THRESHOLD] and gc.get_threshold() == before
