"""What real users feed brief: hostile paths, unwritable outputs, oversized and odd files."""

import os
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brief.analyse.numbers import find_numbers
from brief.cli import main
from brief.glossary.terms import Glossary, Term
from brief.translate.protect import protect, restore

if TYPE_CHECKING:
    from _typeshed import StrOrBytesPath


def test_out_may_be_anywhere_but_a_dated_name_stays_in_it(project: Path, monkeypatch) -> None:  # noqa: ANN001
    """Users write briefs wherever they like (--out ../elsewhere); a name derived from the
    title (--dated-name) never leaves the chosen directory, whatever the title says."""
    monkeypatch.chdir(project)
    elsewhere = project.parent / "elsewhere"
    r = CliRunner().invoke(main, ["build", "--no-translate", "--format", "md", "--out", "../elsewhere"])
    assert r.exit_code == 0, r.output
    assert (elsewhere / "brief.md").is_file()
    cfg = project / "brief.toml"
    cfg.write_text(re.sub(r'(?m)^title = .*$', 'title = "../../../etc/x"',
                          cfg.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    r = CliRunner().invoke(main, ["build", "--no-translate", "--format", "md", "--dated-name",
                                  "--out", str(elsewhere)])
    assert r.exit_code == 0, r.output
    [dated] = [p for p in elsewhere.iterdir() if p.name != "brief.md" and p.suffix == ".md"]
    assert dated.parent == elsewhere and dated.name.endswith("_etc-x.md")


def _build_locked_out(project: Path, locked: dict[str, int]) -> tuple[int, str, list[str]]:
    """`brief build --no-translate` by a user whom LOCKED (path -> mode) keeps out: the
    exit code, the output and the files left in out/. Root ignores permissions, so as
    root the build runs as nobody (setpriv) on a copy nobody may otherwise read."""
    import shutil
    import subprocess
    import sys
    import tempfile

    def lock(root: Path) -> None:
        for rel, mode in locked.items():
            (root / rel).chmod(mode)

    def unlock(root: Path) -> None:
        for rel in locked:
            (root / rel).chmod(0o755)

    if os.geteuid() != 0:
        lock(project)
        try:
            r = CliRunner().invoke(main, ["build", "--no-translate"])
        finally:
            unlock(project)
        return r.exit_code, r.output, [p.name for p in (project / "out").iterdir()]
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable]
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot drop privileges")
    if subprocess.run([*nobody, "-c", "import brief"], capture_output=True).returncode:
        pytest.skip("running as root in a checkout the user nobody cannot read")
    with tempfile.TemporaryDirectory() as tmp:  # pytest's own directories are root-only
        Path(tmp).chmod(0o755)
        copy = Path(shutil.copytree(project, Path(tmp) / "project"))
        for d in [copy, *copy.rglob("*")]:
            d.chmod(0o755 if d.is_dir() else 0o644)
        lock(copy)
        done = subprocess.run([*nobody, "-m", "brief", "build", "--no-translate"],
                              cwd=copy, capture_output=True, text=True)
        written = [p.name for p in (copy / "out").iterdir()] if (copy / "out").exists() else []
    return done.returncode, done.stdout + done.stderr, written


@pytest.mark.slow  # a whole build in a subprocess, as nobody: ~5 s
def test_unwritable_out_dir_is_a_clear_error(project: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    (project / "out").mkdir()
    code, output, written = _build_locked_out(project, {"out": 0o555})
    assert code == 1 and "out: cannot write output" in output, output
    assert written == []


@pytest.mark.parametrize(("locked", "message"), [
    ("glossary/terms.tsv", "brief: error: glossary/terms.tsv: cannot read (Permission denied)"),
    ("seeds/001_f1cd6fa94029fc4f.txt",
     "brief: error: seeds/001_f1cd6fa94029fc4f.txt: cannot read (Permission denied)"),
    ("brief.toml", "Error: Invalid value for '--config': Path 'brief.toml' is not readable."),
])
def test_unreadable_input_is_a_clear_error(project: Path, monkeypatch, locked: str,  # noqa: ANN001
                                           message: str) -> None:
    monkeypatch.chdir(project)
    code, output, written = _build_locked_out(project, {locked: 0o000})
    assert code in (1, 2) and message in output.splitlines(), output
    assert "Traceback" not in output and written == []


def test_out_that_is_a_file_is_a_clear_error(one_article_project: Path, monkeypatch) -> None:  # noqa: ANN001
    project = one_article_project  # what the build does around its outputs, not its size
    monkeypatch.chdir(project)
    (project / "out").write_text("not a directory")
    r = CliRunner().invoke(main, ["build", "--no-translate"])
    assert r.exit_code == 1 and "out: cannot create the output directory" in r.output


def test_a_failed_build_leaves_the_old_outputs(one_article_project: Path, monkeypatch) -> None:  # noqa: ANN001
    project = one_article_project  # what the build does around its outputs, not its size
    monkeypatch.chdir(project)
    assert CliRunner().invoke(main, ["build", "--no-translate"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in (project / "out").glob("brief.*")}
    from brief.render.pdf import writer as pdf_writer

    def boom(*_: object) -> bytes:
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(pdf_writer, "render", boom)
    (project / "seeds" / "005_new.txt").write_text("新しい記事\n日米同盟と防衛費の記事です。\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["build", "--no-translate"])
    assert r.exit_code != 0
    after = {p.name: p.read_bytes() for p in (project / "out").glob("brief.*")}
    assert after == before  # neither a new DOCX beside an old PDF nor a truncated file
    assert not list((project / "out").glob(".brief.*.tmp"))


def test_huge_source_is_refused_quickly(project: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    with open(project / "seeds" / "big.txt", "wb") as f:
        f.seek(50 * 2**20)
        f.write(b"x")
    r = CliRunner().invoke(main, ["build", "--no-translate"])
    assert r.exit_code == 1 and "big.txt: file is 52 MB" in r.output


def test_xml_special_and_control_characters_do_not_corrupt_outputs(one_article_project: Path,  # noqa: ANN001
                                                                    monkeypatch) -> None:
    project = one_article_project  # what the build does around its outputs, not its size
    monkeypatch.chdir(project)
    nasty = "日米同盟<script>&amp; 防衛費\x00\x07\x1fを増額 <b>& 安全保障協力を確認した。"
    # A lone surrogate cannot be valid UTF-8/UTF-16: the file is refused, by name.
    (project / "seeds" / "006_surrogate.txt").write_bytes(
        ("\ufeff記事\n\ud800です\n").encode("utf-16-le", errors="surrogatepass"))
    r = CliRunner().invoke(main, ["build", "--no-translate"])
    assert r.exit_code == 1 and "006_surrogate.txt" in r.output and len(r.output.splitlines()) == 1
    (project / "seeds" / "006_surrogate.txt").unlink()
    (project / "seeds" / "005_nasty.txt").write_text("記事\n" + nasty + "\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["build", "--no-translate", "--config", "brief.toml"])
    assert r.exit_code == 0, r.output
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(project / "out" / "brief.docx") as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                ET.fromstring(z.read(name))  # well-formed
    from pypdf import PdfReader

    assert len(PdfReader(str(project / "out" / "brief.pdf")).pages) > 1


def test_config_with_unknown_keys_says_which(project: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    with open(project / "brief.toml", "a", encoding="utf-8") as f:
        f.write("\n[mail]\nsmtp_server = \"x\"\n")
    r = CliRunner().invoke(main, ["build", "--no-translate"])
    assert r.exit_code == 1 and "unknown key 'smtp_server' in [mail]" in r.output


# Property-based: protection never loses a glossary term or a number.
TERMS = [Term("迎賓館", "Akasaka Palace"), Term("高市早苗", "Sanae Takaichi"),
         Term("同盟強靱化予算", "Alliance Resilience Budget", variants=("同盟強靭化予算",)),
         Term("安全保障関連3文書", "three security-related documents", variants=("安保三文書",))]
GLOSSARY = Glossary(TERMS)
filler = st.text(alphabet="日米会談のでをにはがとしたする防衛経済協力。、", min_size=0, max_size=8)
numbers = st.sampled_from(["5500億ドル", "約84兆円", "2,110億円", "2025年度", "10月28日", "約70パーセント",
                           "9分野", "1ドル153円", "27〜29日"])
terms = st.sampled_from([s for t in TERMS for s in (t.ja, *t.variants)])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(filler, st.one_of(terms, numbers)), min_size=1, max_size=5))
def test_terms_and_numbers_always_survive_protection(parts: list[tuple[str, str]]) -> None:
    text = "".join(a + b for a, b in parts)
    prot = protect(text, GLOSSARY)
    # A model that copies placeholders through (and may reorder them) loses nothing:
    english, lost = restore(" ".join(reversed(prot.masked.split())), prot)
    assert not lost
    for slot in prot.slots:
        assert slot.en in english
    for t in GLOSSARY.terms_in(GLOSSARY.normalise(text)):
        assert t.en in english


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789約億兆万円ドル年度月日〜%パーセント分野、。日米", max_size=30))
def test_number_spans_are_disjoint_and_in_place(text: str) -> None:
    spans = find_numbers(text)
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start
    for s in spans:
        assert text[s.start:s.end] == s.ja and s.en


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="日米同盟会談防衛費増額「」（）、", min_size=1, max_size=20),
                min_size=1, max_size=6))
def test_sentence_splitter_loses_no_text(sentences: list[str]) -> None:
    from brief.model import Source
    from brief.read.segment import segment

    text = "。".join(sentences) + "。"
    src = Source("S1", "a.txt", "t", text)
    joined = "".join(p.text for p in segment(src))
    strip = str.maketrans("", "", " \n。")
    assert joined.translate(strip) == text.translate(strip)


KILL_AFTER_FIRST_BATCH = """
import os, signal
from brief.translate import run as translate
from brief.cli import main

real = translate.Cache.put_many

def put_then_die(self, rows):
    real(self, rows)
    os.kill(os.getpid(), signal.SIGKILL)  # killed mid-translation, no cleanup runs

translate.Cache.put_many = put_then_die
main(["build"])
"""


@pytest.mark.slow  # a translated build in a subprocess, killed, then two more: ~4 s
def test_killed_build_resumes_from_the_cache_and_keeps_old_outputs(
        project: Path, monkeypatch, installed_tiny: Path) -> None:  # noqa: ANN001
    import signal
    import subprocess
    import sys

    from pypdf import PdfReader

    monkeypatch.chdir(project)
    assert CliRunner().invoke(main, ["build", "--no-translate"]).exit_code == 0
    old = {p.name: p.read_bytes() for p in (project / "out").glob("brief.*")}

    killed = subprocess.run([sys.executable, "-c", KILL_AFTER_FIRST_BATCH], cwd=project,
                            capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert {p.name: p.read_bytes() for p in (project / "out").glob("brief.*")} == old
    assert not list((project / "out").glob(".brief.*"))

    r = CliRunner().invoke(main, ["build"])
    assert r.exit_code == 0, r.output
    m = re.search(r"translation: (\d+) segments, 0 from the translation memory, (\d+) from "
                  r"cache, (\d+) translated", r.output)
    assert m, r.output
    total, cached, translated = map(int, m.groups())
    assert cached >= 32 and translated == total - cached > 0  # the first batch was kept
    new = {p.name: p.read_bytes() for p in (project / "out").glob("brief.*")}
    assert new.keys() == old.keys() and new["brief.pdf"] != old["brief.pdf"]
    assert "Not translated" not in "".join(
        p.extract_text() for p in PdfReader(project / "out" / "brief.pdf").pages)
    assert zipfile.ZipFile(project / "out" / "brief.docx").testzip() is None


def test_outputs_linked_out_of_out_are_never_written_through(one_article_project: Path,  # noqa: ANN001
                                                              monkeypatch) -> None:
    """out/brief.md linked to a source: the build refuses (one line), the source and every
    old output unchanged; with --follow-links the user allows it."""
    project = one_article_project  # what the build does around its outputs, not its size
    monkeypatch.chdir(project)
    assert CliRunner().invoke(main, ["build", "--no-translate", "--format", "md",
                                     "--format", "json"]).exit_code == 0
    [source] = (project / "seeds").glob("*.txt")
    text = source.read_bytes()
    (project / "out" / "brief.md").unlink()
    (project / "out" / "brief.md").symlink_to(source)
    before = (project / "out" / "brief.json").read_bytes()
    r = CliRunner().invoke(main, ["build", "--no-translate", "--format", "md", "--format", "json"])
    assert r.exit_code == 1 and "brief.md: is a symlink to" in r.output, r.output
    assert "Traceback" not in r.output and source.read_bytes() == text
    assert (project / "out" / "brief.json").read_bytes() == before
    assert not [p for p in (project / "out").iterdir() if p.name.startswith(".staging-")]


LONG = 100_000  # characters of the case (#30)
# Where each long text goes: brief.toml's section title, or the first seed's sources.toml entry.
LONG_FIELDS = {"section title": "T", "outlet": "O", "source title": "S", "url": "h"}


@pytest.mark.slow  # PDFs of 100 to 700 pages: ~20 s the title (in 7 places), 5-12 s others
@pytest.mark.parametrize("field", sorted(LONG_FIELDS))
def test_a_100000_character_field_builds_the_pdf_with_all_of_it(project: Path, monkeypatch,  # noqa: ANN001
                                                                 field: str) -> None:
    """A section title, outlet, source title or url of 100,000 characters: the PDF builds
    (reportlab raised TypeError for the heading, LayoutError for its table rows and for the
    coverage chart on a page of continued notes; the layout was quadratic, minutes), the
    text whole in it, the section's bookmark once; the url is the link's whole target (it
    was written for each line of its shown host: a PDF of 590 MB)."""
    from pypdf import PdfReader

    monkeypatch.chdir(project)
    ch = LONG_FIELDS[field]
    value = ch * (LONG - 5) + "ZZEND"
    seed = sorted((project / "seeds").glob("*.txt"))[0].name
    if field == "section title":
        cfg = project / "brief.toml"
        cfg.write_text(cfg.read_text(encoding="utf-8").replace(
            'title = "Trade"', f'title = "{value}"', 1), encoding="utf-8")
    else:
        key = {"outlet": "outlet", "source title": "title", "url": "url"}[field]
        value = f"https://{value}.jp/a" if field == "url" else value
        (project / "seeds" / "sources.toml").write_text(f'["{seed}"]\n{key} = "{value}"\n',
                                                        encoding="utf-8")
    r = CliRunner().invoke(main, ["build", "--no-translate", "--format", "pdf"])
    assert r.exit_code == 0 and "Traceback" not in r.output, r.output[-2000:]
    pdf = project / "out" / "brief.pdf"
    reader = PdfReader(pdf)
    if field == "url":  # the shown host is cut; the link keeps the whole address
        uris = {str(a.get_object()["/A"]["/URI"]) for p in reader.pages
                for a in p.get("/Annots") or [] if "/URI" in a.get_object().get("/A", {})}
        assert value in uris and pdf.stat().st_size < 20 * 2**20
        return
    titles = [o for o in reader.outline if not isinstance(o, list)]
    mine = [o for o in titles if str(o.title).startswith(ch * 20)]
    assert len(mine) == (field == "section title")
    # the pages from the heading (or the first) to where the text ends hold all of it (pypdf
    # reads the rest of some 700 pages in a minute)
    first = reader.get_destination_page_number(mine[0]) if mine else 0
    text = ""
    for page in reader.pages[first:]:
        text += page.extract_text()
        if "ZZEND" in text:
            break
    assert "ZZEND" in text and text.count(ch) >= LONG - 5, (first, len(text))
    if mine:
        assert str(mine[0].title) == value and len(reader.pages) > 100


_TMX = ('<?xml version="1.0"?><tmx version="1.4"><header/><body><tu><tuv xml:lang="ja">'
        '<seg>会談</seg></tuv><tuv xml:lang="en"><seg>talks</seg></tuv></tu></body></tmx>')
# Every command that writes in glossary/: the terms, their exchange, the translation memory.
GLOSSARY_WRITES = {
    "glossary add": ("glossary", "add", "試験語", "test word"),
    "glossary edit": ("glossary", "edit", "防衛費", "--en", "defense outlays"),
    "glossary remove": ("glossary", "remove", "防衛費"),
    "glossary import": ("glossary", "import", "terms.csv"),
    "memory import": ("memory", "import", "in.tmx"),
    "review import": ("review", "import", "edits.tsv"),
}


def _drop_to_nobody() -> None:
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)


def _nobody_runs_python() -> bool:
    import subprocess
    import sys

    try:
        return subprocess.run([sys.executable, "-c", "import brief"], capture_output=True,
                              preexec_fn=_drop_to_nobody, cwd="/", timeout=60).returncode == 0
    except PermissionError:  # the interpreter lives where nobody may not go (/root)
        return False


_READ_ONLY_MOUNT = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'


def _as_a_user_kept_out_of(root: Path, folder: str, *args: str) -> tuple[int, str]:
    """`brief ARGS` run in ROOT where ROOT/FOLDER may not be written: the exit code and
    stderr. A user's folder of mode 0555; root writes through any mode, so as root ROOT is
    given to the user nobody and the command runs as nobody, or, where nobody cannot run
    this Python, FOLDER is mounted read-only in a private mount namespace."""
    import shutil
    import subprocess
    import sys

    command = [sys.executable, "-m", "brief", *args]
    drop = None
    if os.geteuid() != 0:
        (root / folder).chmod(0o555)
    elif _nobody_runs_python():
        (root / folder).chmod(0o555)
        for p in [root, *root.rglob("*")]:
            os.chown(p, 65534, 65534, follow_symlinks=False)
        drop = _drop_to_nobody
    elif shutil.which("unshare") and subprocess.run(
            ["unshare", "-m", "sh", "-c", _READ_ONLY_MOUNT, "sh", str(root), "true"],
            capture_output=True).returncode == 0:
        command = ["unshare", "-m", "sh", "-c", _READ_ONLY_MOUNT, "sh", str(root / folder),
                   *command]
    else:
        pytest.skip("root, nobody cannot run this Python and no unshare: no folder is "
                    "read-only to root")
    try:
        r = subprocess.run(command, cwd=root, text=True, capture_output=True, timeout=120,
                           preexec_fn=drop, env={**os.environ, "HOME": str(root)})
    finally:
        (root / folder).chmod(0o755)
    return r.returncode, r.stderr


@pytest.fixture
def shared_project(project: Path) -> Iterator[Path]:
    """A copy of PROJECT in a folder every user may enter (pytest's own are root's only),
    with a CSV, a TMX and a review TSV to import."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp).chmod(0o755)
        root = Path(shutil.copytree(project, Path(tmp) / "project"))
        (root / "terms.csv").write_text("ja,en\n試験語,test word\n", encoding="utf-8")
        (root / "in.tmx").write_text(_TMX, encoding="utf-8")
        (root / "edits.tsv").write_text("id\tjapanese\tenglish\tmachine_english\tstatus\n"
                                        "p1\t首相は会談した。\tThe prime minister held talks."
                                        "\t\t\n", encoding="utf-8")
        yield root


@pytest.mark.slow  # one command in a subprocess, as another user: ~2 s
@pytest.mark.parametrize("case", sorted(GLOSSARY_WRITES))
def test_a_read_only_glossary_folder_is_one_line_naming_it(shared_project: Path,
                                                           case: str) -> None:
    glossary = shared_project / "glossary"
    before = {p.name: p.read_bytes() for p in glossary.iterdir()}
    code, err = _as_a_user_kept_out_of(shared_project, "glossary", *GLOSSARY_WRITES[case])
    lines = [ln for ln in err.splitlines() if not ln.startswith("brief: warning: ")]
    assert code == 1 and len(lines) == 1 and "Traceback" not in err, (code, err)
    assert re.match(r"brief: error: glossary: cannot write in this folder \((Permission denied|"
                    r"Read-only file system)\); ", lines[0]), lines
    assert lines[0].endswith(" not changed"), lines
    assert {p.name: p.read_bytes() for p in glossary.iterdir()} == before  # nothing lost


@pytest.mark.slow  # a whole build in a subprocess, as another user: ~5 s
def test_a_build_only_reads_a_read_only_glossary(shared_project: Path) -> None:
    """The glossary and the translation memory are read by a build, never written: a
    folder the user may not write builds as well as any."""
    (shared_project / "glossary" / "memory.tmx").write_text(_TMX, encoding="utf-8")
    code, err = _as_a_user_kept_out_of(shared_project, "glossary", "build", "--no-translate",
                                       "--format", "md")
    assert code == 0, err
    assert (shared_project / "out" / "brief.md").is_file()


# -- kill -9 of a real build at each output: out/ holds one build, never two ------------------

_ARTICLES = {
    "a.txt": "日米首脳が会談\n\n2025年10月28日、高市首相とトランプ大統領は東京で会談し、"
             "日米同盟の強化で一致した。\n両首脳は防衛費の増額についても意見を交わした。\n",
    "b.txt": "関税合意の履行を確認\n\n日米両政府は関税合意の履行を確認した。\n"
             "日本は対米投資5500億ドルを約束した。\n",
}
_LATER = ("c.txt", "重要鉱物で協力\n\n日米はレアアースなど重要鉱物の供給網で協力する。\n"
                   "両政府は造船分野の協力も確認した。\n")
# The second build's set: brief.json, .md, .docx, .pdf, .html, previous.json (the build it
# was compared with) and last-build.json (the record, last). A kill point after each staged
# file, after the COMMIT marker, and after each file swapped in.
_SET = 7
def _stop_at_output(step: int) -> None:
    """In the build's own process: stop it (SIGSTOP) right after its STEP-th staged file or
    swap, so the test can look at out/ and then kill it."""
    import signal

    import brief.atomic as a

    count = [0]

    def tick() -> None:
        count[0] += 1
        if count[0] == step:
            os.kill(os.getpid(), signal.SIGSTOP)  # the test looks at out/, then kills -9

    real_write, real_replace = a._write_new, os.replace  # brief.atomic's os is this os

    def write_new(path: Path, data: bytes, mode: int) -> None:
        real_write(path, data, mode)
        tick()

    def replace(src: "StrOrBytesPath", dst: "StrOrBytesPath", *, src_dir_fd: int | None = None,
                dst_dir_fd: int | None = None) -> None:
        real_replace(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)
        if a.STAGING in str(src):
            tick()

    a._write_new = write_new
    os.replace = replace


def _forked_build(root: Path, step: int, stderr: Path) -> int:
    """A real `brief build --no-translate` of ROOT in a process of its own, forked from this
    one (which the first build warmed: a fresh interpreter spent ~2.5 of its ~3 CPU s on
    imports and loading the dictionary before the build began), stopped at STEP
    (`_stop_at_output`); its pid. Nothing of this process's test runs on in the child: it
    ends in os._exit."""
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:  # the child: its own stdout and stderr, not pytest's captures
        os.chdir(root)
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - ends in os._exit
        sys.stderr = open(stderr, "w", encoding="utf-8")  # noqa: SIM115
        _stop_at_output(step)
        try:
            main(["build", "--no-translate"])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - reported in the child's stderr, then its exit
        import traceback

        traceback.print_exc()
    finally:
        sys.stderr.flush()
        os._exit(code)


@pytest.fixture(scope="session")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project of two short articles and its first build (every format): ~4 s."""
    import shutil

    from conftest import FIXTURES

    root = tmp_path_factory.mktemp("first-build")
    shutil.copytree(FIXTURES / "glossary", root / "glossary")
    shutil.copy(FIXTURES / "brief.toml", root / "brief.toml")
    (root / "seeds").mkdir()
    for name, text in _ARTICLES.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        assert CliRunner().invoke(main, ["build", "--no-translate"]).exit_code == 0
    finally:
        os.chdir(cwd)
    return root


def _visible(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}


def _one_build(out: Path) -> dict[str, str]:
    """OUT after the next start: no staging folder or temporary file, and every file the
    record names has the hash it records; the record's outputs."""
    import hashlib
    import json

    assert not [p.name for p in out.iterdir() if p.name.startswith(".staging-")
                or p.name.endswith(".tmp")]
    record = json.loads((out / "last-build.json").read_text(encoding="utf-8"))
    for entry in [*record["outputs"].values(), *record.get("kept", {}).values()]:
        assert hashlib.sha256((out / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
    return {k: v["sha256"] for k, v in record["outputs"].items()}


@pytest.mark.slow  # a whole build in a forked process, stopped, killed, then read: ~1.5 s each
@pytest.mark.parametrize("step", range(1, 2 * _SET + 2))
def test_kill_9_of_a_build_at_any_output_leaves_one_build(first_build: Path, tmp_path: Path,
                                                          step: int) -> None:
    """A real `brief build` (in a process forked from this one) stopped after its STEP-th
    staged file or swap and killed with SIGKILL from outside: out/ is the old build until
    the set is committed; after the next start (a reader: `brief review export`) it is the
    old build or the new one, whole, with nothing temporary left."""
    import shutil
    import signal

    root = Path(shutil.copytree(first_build, tmp_path / "project"))
    out = root / "out"
    old, old_hashes = _visible(out), _one_build(out)
    (root / "seeds" / _LATER[0]).write_text(_LATER[1], encoding="utf-8")
    pid, status = _forked_build(root, step, tmp_path / "stderr"), None
    try:
        _, stopped = os.waitpid(pid, os.WUNTRACED)
        assert os.WIFSTOPPED(stopped), (tmp_path / "stderr").read_text()
        if step <= _SET + 1:  # staged, committed or not, nothing swapped in yet
            assert _visible(out) == old
        os.kill(pid, signal.SIGKILL)
        status = os.waitpid(pid, 0)[1]
    finally:
        if status is None:  # a failed assertion: the child must not outlive the test
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    cwd = os.getcwd()
    os.chdir(root)
    try:
        r = CliRunner().invoke(main, ["review", "export", str(tmp_path / "review.tsv")])
    finally:
        os.chdir(cwd)
    assert r.exit_code == 0, r.output
    hashes = _one_build(out)
    if step <= _SET:  # killed before the COMMIT marker: the new set never happened
        assert _visible(out) == old and hashes == old_hashes
    else:  # committed: the next start finished the swap
        assert hashes != old_hashes and hashes.keys() == old_hashes.keys()
