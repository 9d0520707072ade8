"""Random Unicode through every user input into a full `--no-translate` build.

Whatever the characters (all planes, C0/C1 controls, bidi controls, BOMs, private use, lone
surrogates, combining marks), a build ends cleanly: exit 0 with intact outputs, or exit 1
with one `brief: error:` line and the previous outputs untouched. Never a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from brief.cli import main
from brief.errors import BriefError
from brief.model import Brief
from conftest import FIXTURES

_SPECIAL = ["\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u200b", "\u200d", "\ufeff",
            "\u0301", "\u3099", "\x85", "\x9f", "\x00", "\x07", "\x1b", "\r", "\n", "\t",
            "\ud800", "\udfff", "\ufffe", "\uffff", "#", "\\", '"', "'", "=", "|", "[", "]",
            "\u3000", "\u00a0", "日", "米", "防"]
# Characters the PDF fonts lack (emoji, astral CJK, Hangul, Arabic, ₩, math letters, private
# use, noncharacters, most combining marks, kanji outside JIS X 0208) crash the PDF writer with `ValueError: no glyph` (render/pdf/fonts.py,
# issue 14's glyph fallback); the PDF fuzz below leaves those classes out until it lands.
def _literal(text: str) -> Callable[[re.Match[str]], str]:
    """re.sub's replacement: TEXT as it is (a template would read its backslashes)."""
    return lambda _m: text


def _in_jis(ch: str) -> bool:
    """In JIS X 0208 (kana, level 1-2 kanji), which the Japanese PDF font covers; rarer
    kanji (亽) are among the missing glyphs above."""
    try:
        ch.encode("euc_jp")
    except UnicodeEncodeError:
        return False
    return True


_PDF_SAFE = st.one_of(
    st.sampled_from(_SPECIAL),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF).filter(_in_jis),  # kana, kanji
    st.characters(categories=["Cc", "Cs"]),
)
_ANY = st.one_of(st.sampled_from(_SPECIAL), st.characters(categories=[
    "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe",
    "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn"]))


def _toml(text: str) -> str:
    """TEXT as a TOML basic string, escaped so that every character reaches the parser."""
    out = []
    for ch in text:
        o = ord(ch)
        if ch in '"\\' or o < 0x20 or o == 0x7F or 0xD800 <= o <= 0xDFFF:
            out.append(f"\\u{o:04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate: invalid UTF-8 bytes


@st.composite
def inputs(draw: st.DrawFn, alphabet: st.SearchStrategy[str]) -> dict[str, str]:
    """Fuzzed text for some of the inputs (a field left out keeps the fixture's value), so
    that examples reach past the first refused field into curation and the writers."""
    chosen = draw(st.sets(st.sampled_from(_FIELDS), min_size=1, max_size=4))
    printable = alphabet.filter(lambda c: not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F
                                               or 0xD800 <= ord(c) <= 0xDFFF))
    text = st.one_of(st.text(alphabet, max_size=30), st.text(printable, max_size=30))
    return {k: draw(text) for k in sorted(chosen)}


_FIELDS = ("source", "title", "outlet", "url", "kind", "config_title", "author", "subject",
           "section_title", "keyword", "pin", "ja", "en", "note", "file")


def _project(root: Path, f: dict[str, str]) -> None:
    shutil.copytree(FIXTURES / "glossary", root / "glossary")
    seeds = root / "seeds"
    seeds.mkdir()
    first, second = sorted((FIXTURES / "seeds").glob("*.txt"))[:2]
    lines = first.read_text(encoding="utf-8").split("\n")[:40]
    if "source" in f:
        lines.insert(len(lines) // 2, f["source"] + "。")
        lines.append(f["source"])
    (seeds / first.name).write_bytes(_bytes("\n".join(lines)))
    name = _bytes(f.get("file", "second")).replace(b"/", b"").replace(b"\0", b"")[:80] + b".txt"
    with open(os.fsencode(seeds) + b"/" + name, "wb") as out:
        out.write(_bytes("\n".join(second.read_text(encoding="utf-8").split("\n")[:30])))
    meta = "".join(f"{k} = {_toml(f[k])}\n" for k in ("title", "outlet", "url", "kind") if k in f)
    (seeds / "sources.toml").write_text(f'["{first.name}"]\n{meta}', encoding="utf-8")
    cfg = (FIXTURES / "brief.toml").read_text(encoding="utf-8")
    for key, field in (("title", "config_title"), ("author", "author"), ("subject", "subject")):
        if field in f:
            line = f"{key} = {_toml(f[field])}"
            cfg = re.sub(rf'^{key} = ".*"$', _literal(line), cfg, count=1, flags=re.M)
    if "section_title" in f:
        cfg = cfg.replace('title = "Trade"', f"title = {_toml(f['section_title'])}", 1)
    if "keyword" in f:
        cfg = cfg.replace('keywords = { "関税" = 1.5,',
                          f"keywords = {{ {_toml(f['keyword'] + '関')} = 1.5,", 1)
    if "pin" in f:
        cfg += f'\n[[curation.pin]]\ntext = {_toml(f["pin"] + "会談")}\nsection = "trade"\n'
    (root / "brief.toml").write_text(cfg, encoding="utf-8")
    if {"ja", "en", "note"} & set(f):
        row = "\t".join((f.get("ja", "") + "語", f.get("en", "") + "word", f.get("note", ""),
                         "", "", "", ""))
        with (root / "glossary" / "terms.tsv").open("ab") as g:
            g.write(_bytes(row + "\n"))


def _check_outputs(out: Path) -> None:
    """Every written file is whole: JSON reads back, Markdown is UTF-8, the DOCX's XML parses,
    the PDF is complete; no temporary files are left."""
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    for p in out.glob("brief.*"):
        data = p.read_bytes()
        if p.suffix == ".json":
            Brief.read(p)
        elif p.suffix == ".md":
            data.decode("utf-8")
        elif p.suffix == ".docx":
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for name in z.namelist():
                    if name.endswith(".xml"):
                        etree.fromstring(z.read(name))
        elif p.suffix == ".pdf":
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def _build(tmp: Path, f: dict[str, str], formats: list[str]) -> None:
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    _project(tmp, f)
    cwd = os.getcwd()
    os.chdir(tmp)
    try:
        args = ["build", "--no-translate"] + [a for fmt in formats for a in ("--format", fmt)]
        r = CliRunner().invoke(main, args)
    finally:
        os.chdir(cwd)
    assert isinstance(r.exception, SystemExit | None), (
        f"traceback: {type(r.exception).__name__}: {r.exception}\n{r.output}")
    assert "Traceback" not in r.output
    errors = [ln for ln in r.stderr.splitlines() if not ln.startswith("brief: warning: ")]
    if r.exit_code == 0:
        assert errors == [] or all(ln.startswith(("warning: ", "  ")) for ln in errors), errors
        _check_outputs(tmp / "out")
    else:
        assert r.exit_code == 1, r.output
        assert len(errors) == 1 and errors[0].startswith("brief: error: "), r.stderr
        assert not (tmp / "out").exists()  # nothing written before the error


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(f=inputs(_ANY))
@pytest.mark.slow  # hypothesis: many whole builds
def test_any_unicode_in_any_input_ends_cleanly(tmp_path_factory: pytest.TempPathFactory,
                                               f: dict[str, str]) -> None:
    _build(tmp_path_factory.getbasetemp() / "fuzz-any", f, ["json", "md", "docx"])


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(f=inputs(_PDF_SAFE))
@example(f={"url": "#"})  # found by this test: not a web address, so not a link in the PDF
@pytest.mark.slow  # hypothesis: many whole builds with a PDF
def test_controls_bidi_and_surrogates_reach_the_pdf_cleanly(
        tmp_path_factory: pytest.TempPathFactory, f: dict[str, str]) -> None:
    _build(tmp_path_factory.getbasetemp() / "fuzz-pdf", f, ["pdf", "json"])


# -- hostile peers: a real HTTP server in a thread, answering as a broken or hostile one -------


_LANGS = json.dumps([{"code": "ja", "targets": ["en"]}, {"code": "en", "targets": ["ja"]}])


@functools.cache
def _bomb() -> bytes:
    """256 MiB of zeros in ~250 kB; made when a case serves it (1.9 CPU s), not by every
    worker that imports this module."""
    return gzip.compress(b"\0" * (256 * 2**20), 9)


GiB = 2**30


def _ok(h: BaseHTTPRequestHandler, body: str | bytes, status: int = 200,
        headers: dict[str, str] | None = None) -> None:
    data = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    h.send_response(status)
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    if "Content-Length" not in (headers or {}) and "Transfer-Encoding" not in (headers or {}):
        h.send_header("Content-Length", str(len(data)))
    h.end_headers()
    h.wfile.write(data)


def _drip_headers(h: BaseHTTPRequestHandler) -> None:
    for ch in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 100000:
        h.wfile.write(bytes([ch]))
        h.wfile.flush()
        time.sleep(0.2)


def _drip_body(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Length", "1000000")
    h.end_headers()
    for _ in range(1000000):
        h.wfile.write(b" ")
        h.wfile.flush()
        time.sleep(0.2)


def _endless(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    chunk = b" " * 65536
    while True:
        h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))


def _huge(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Length", str(8 * GiB))
    h.end_headers()
    chunk = b" " * 2**20
    while True:
        h.wfile.write(chunk)


def _translations(h: BaseHTTPRequestHandler, each: str) -> None:
    q = json.loads(h.rfile.read(int(h.headers["Content-Length"])))["q"]
    if "\\" in each:  # a JSON escape (a lone surrogate) as the server writes it
        _ok(h, '{"translatedText": [' + ", ".join(f'"{each}"' for _ in q) + "]}")
    else:
        _ok(h, json.dumps({"translatedText": [each for _ in q]}, ensure_ascii=False))


# A broken or hostile answer to each request brief makes; every other path answers as a real
# server would. Each ends in one line naming the server within the timeout, or a build.
PEERS: dict[str, dict[str, Callable[[BaseHTTPRequestHandler], None]]] = {
    "drip headers": {"/languages": _drip_headers},
    "drip body": {"/languages": _drip_body},
    "endless chunked": {"/languages": _endless},
    "8 GiB answer": {"/languages": _huge},
    "gzip bomb": {"/languages": lambda h: _ok(h, _bomb(), headers={"Content-Encoding": "gzip"})},
    "brotli": {"/languages": lambda h: _ok(h, b"xx", headers={"Content-Encoding": "br"})},
    "languages {}": {"/languages": lambda h: _ok(h, "{}")},
    "languages [1]": {"/languages": lambda h: _ok(h, "[1, null]")},
    "languages code 5": {"/languages": lambda h: _ok(h, '[{"code": 5, "targets": ["en"]}]')},
    "targets 7": {"/languages": lambda h: _ok(h, '[{"code": "ja", "targets": 7}]')},
    "languages deep": {"/languages": lambda h: _ok(h, "[" * 100000)},
    "no ja": {"/languages": lambda h: _ok(h, '[{"code": "fr\\u001b[31m", "targets": []}]')},
    "spec []": {"/spec": lambda h: _ok(h, "[]")},
    "spec info []": {"/spec": lambda h: _ok(h, '{"info": []}')},
    "spec version {}": {"/spec": lambda h: _ok(h, '{"info": {"version": {"a": 1}}}')},
    "redirect": {"/languages": lambda h: _ok(h, "", 302, {"Location": "http://127.0.0.1:9/"})},
    "500 forever": {"/languages": lambda h: _ok(h, '{"error": "busy"}', 503,
                                                {"Retry-After": "inf"})},
    "translate not JSON": {"/translate": lambda h: _ok(h, "<html>\x00\x1b[2J")},
    "translate numbers": {"/translate": lambda h: _ok(h, '{"translatedText": [1, 2]}')},
    "translate one of many": {"/translate": lambda h: _ok(h, '{"translatedText": ["a"]}')},
    "translate drip": {"/translate": _drip_body},
    "translate gzip bomb": {"/translate": lambda h: _ok(h, _bomb(),
                                                        headers={"Content-Encoding": "gzip"})},
    "20,000 characters": {"/translate": lambda h: _translations(h, "word " * 4000)},
    "lone surrogate": {"/translate": lambda h: _translations(h, "a\\ud800b")},
}


@contextlib.contextmanager
def hostile_peer(behaviour: dict[str, Callable[[BaseHTTPRequestHandler], None]]
                 ) -> Iterator[str]:
    """A real server on a free port: BEHAVIOUR's paths answer as given, the rest as
    LibreTranslate (ja→en, a version, an echo of each text); yields its URL."""
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _answer(self) -> None:
            path = self.path.split("?")[0]
            try:
                if path in behaviour:
                    behaviour[path](self)
                elif path == "/languages":
                    _ok(self, _LANGS)
                elif path == "/spec":
                    _ok(self, '{"info": {"version": "1.9.0"}}')
                elif path == "/translate":
                    _translations(self, "The minister met his counterpart.")
                else:
                    _ok(self, '{"error": "not found"}', 404)
            except (BrokenPipeError, ConnectionResetError, OSError):
                pass  # brief hung up: what a bounded client does

        do_GET = do_POST = _answer

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


TIMEOUT = 2.0  # [translation] timeout of the cases: each must end well within twice this


@pytest.mark.parametrize("case", sorted(PEERS))
def test_a_hostile_translation_server_ends_in_one_line_in_time_and_memory(case: str) -> None:
    """The LibreTranslate client against each hostile answer: a BriefError naming the
    server (never its password), or translations it can use, within the timeout and
    without holding the answer's gigabytes."""
    from brief.translate.backends.libretranslate import LibreTranslateBackend

    if "gzip bomb" in case:
        _bomb()  # made before memory is traced: the peer's making it is not the client's
    with hostile_peer(PEERS[case]) as url:
        secret_url = url.replace("http://", "http://analyst:s3cret@")
        tracemalloc.start()
        start = time.monotonic()
        try:
            backend = LibreTranslateBackend(secret_url, timeout=TIMEOUT, batch_size=4)
            out = backend.translate_batch(["首相は会談した。", "", "防衛費を増やす。"])
            error = None
        except BriefError as exc:
            error = str(exc)
        elapsed = time.monotonic() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert elapsed < 2 * TIMEOUT + 1.5, f"{case}: {elapsed:.1f} s"
    assert peak < 64 * 2**20, f"{case}: {peak / 2**20:.0f} MiB held"
    if error is None:
        assert len(out) == 3 and out[1] == "" and all(isinstance(t, str) for t in out)
        assert not any(0xD800 <= ord(c) <= 0xDFFF for t in out for c in t)
        assert not case.startswith(("translate", "languages", "drip", "endless", "8 GiB"))
    else:
        assert "\n" not in error and "s3cret" not in error and "\x1b" not in error, error
        assert f"LibreTranslate server at http://***@{url[7:]}" in error, error


_PEAK_RSS = [0]  # the largest resident set of a `brief` that _brief ran, in bytes


# Runs `brief` as its own child and writes that child's peak resident set to the fd it is
# given. Linux counts a process's peak from before its exec (the copy of the parent it was forked or
# vforked from), so `brief` spawned straight from a pytest worker that has grown past 1 GiB
# reads as past 1 GiB; spawned from this small launcher it reads as itself.
_LAUNCHER = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(proc.pid, 0)
os.write(int(sys.argv[1]), str(usage.ru_maxrss * 1024).encode())
code = os.waitstatus_to_exitcode(status)
if code < 0:  # killed by a signal: end the same way
    os.kill(os.getpid(), -code)
sys.exit(code)
"""


def _brief(cwd: Path, *args: str, timeout: float = 120,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`brief ARGS` in its own process (a hang or a crash cannot take the test with it), its
    own peak resident set kept for `_max_rss`; a timeout kills the launcher and brief together."""
    import locale
    import signal
    import tempfile

    cmd = [sys.executable, "-m", "brief", *args]
    rfd, wfd = os.pipe()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(wfd), *cmd], cwd=cwd,
                                stdout=out, stderr=err, env={**os.environ, **(env or {})},
                                pass_fds=(wfd,), start_new_session=True)
        os.close(wfd)
        timer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL))
        timer.start()
        try:
            with os.fdopen(rfd, "rb") as peak:
                reported = peak.read()
            proc.wait()
        finally:
            timed_out = not timer.is_alive()
            timer.cancel()
        if timed_out:
            raise subprocess.TimeoutExpired(cmd, timeout)
        _PEAK_RSS[0] = max(_PEAK_RSS[0], int(reported))
        encoding = locale.getpreferredencoding(False)  # as text=True reads them

        def text(f: Any) -> str:  # noqa: ANN401 - a temporary file
            f.seek(0)
            return f.read().decode(encoding).replace("\r\n", "\n").replace("\r", "\n")

        return subprocess.CompletedProcess(cmd, proc.returncode, text(out), text(err))


def _one_line(r: subprocess.CompletedProcess[str], *names: str) -> str:
    """The run failed with exit 1 and one `brief: error:` line naming NAMES, no traceback."""
    errors = [ln for ln in r.stderr.splitlines() if not ln.startswith("brief: warning: ")]
    assert r.returncode == 1 and len(errors) == 1, (r.returncode, r.stderr[-2000:])
    assert errors[0].startswith("brief: error: ") and "Traceback" not in r.stderr, r.stderr
    for name in names:
        assert name in errors[0], errors[0]
    return errors[0]


def _max_rss() -> int:
    """The largest resident set of any `brief` _brief ran in this process, in bytes."""
    return _PEAK_RSS[0]


@pytest.mark.slow  # builds of one article in subprocesses against the hostile server: ~25 s
@pytest.mark.parametrize("case", ["drip headers", "gzip bomb", "translate gzip bomb",
                                  "translate drip", "lone surrogate", "20,000 characters"])
def test_a_build_against_a_hostile_server_is_one_line_within_the_timeout(
        one_article_project: Path, case: str) -> None:
    project = one_article_project  # the server's answers are tested, not the build's size
    cfg = project / "brief.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + f"\n[translation]\ntimeout = {TIMEOUT}\n",
                   encoding="utf-8")
    with hostile_peer(PEERS[case]) as url:
        start = time.monotonic()
        r = _brief(project, "build", "--format", "json", "--format", "md", "--server",
                   url.replace("http://", "http://u:s3cret@"))
        elapsed = time.monotonic() - start
    assert _max_rss() < GiB
    assert "s3cret" not in r.stdout + r.stderr and "Traceback" not in r.stderr
    if case in ("lone surrogate",):  # usable answers: the build goes on, checks flag them
        assert r.returncode == 0, r.stderr
        Brief.read(project / "out" / "brief.json")
        return
    _one_line(r, "LibreTranslate server at http://***@127.0.0.1:")
    assert not (project / "out" / "brief.md").exists()  # nothing written before the error
    assert elapsed < 60, elapsed


# -- hostile files: FIFOs, devices and folders where brief reads a file -------------------------


def _fifo(path: Path) -> Path:
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    return path


def _folder(path: Path) -> Path:
    path.unlink(missing_ok=True)
    path.mkdir()
    return path


_TMX = (b'<?xml version="1.0"?><tmx version="1.4"><header/><body><tu><tuv xml:lang="ja">'
        b"<seg>\xe4\xbc\x9a\xe8\xab\x87</seg></tuv><tuv xml:lang=\"en\"><seg>talks</seg>"
        b"</tuv></tu></body></tmx>")


# (what to put in place, the command, the name the one line must carry); each would hang
# forever or read without end before, or crash.
FILE_CASES: dict[str, tuple[Callable[[Path], object], tuple[str, ...], str]] = {
    "brief.toml FIFO": (lambda p: _fifo(p / "brief.toml"),
                        ("build", "--no-translate", "--format", "md"), "brief.toml"),
    "--config /dev/zero": (lambda p: None, ("build", "--no-translate", "--config",
                                            "/dev/zero"), "/dev/zero"),
    "a source FIFO": (lambda p: _fifo(p / "seeds" / "zz.txt"),
                      ("build", "--no-translate", "--format", "md"), "zz.txt"),
    "a source folder": (lambda p: _folder(p / "seeds" / "zz.html"),
                        ("build", "--no-translate", "--format", "md"), "zz.html"),
    "sources.toml FIFO": (lambda p: _fifo(p / "seeds" / "sources.toml"),
                          ("build", "--no-translate", "--format", "md"), "sources.toml"),
    "a glossary FIFO": (lambda p: _fifo(p / "glossary" / "more.tsv"), ("glossary", "list"),
                        "more.tsv"),
    "a glossary folder": (lambda p: _folder(p / "glossary" / "more.tsv"),
                          ("glossary", "list"), "more.tsv"),
    "a glossary device": (lambda p: (p / "glossary" / "zero.tsv").symlink_to("/dev/zero"),
                          ("glossary", "list", "--follow-links"), "zero.tsv"),
    "memory.tmx FIFO": (lambda p: _fifo(p / "glossary" / "memory.tmx"),
                        ("memory", "export", "x.tmx"), "memory.tmx"),
    "memory lock FIFO": (lambda p: (_fifo(p / "glossary" / ".memory.tmx.lock"),
                                    (p / "in.tmx").write_bytes(_TMX)),
                         ("memory", "import", "in.tmx"), ".memory.tmx.lock"),
    "memory lock folder": (lambda p: (_folder(p / "glossary" / ".memory.tmx.lock"),
                                      (p / "in.tmx").write_bytes(_TMX)),
                           ("memory", "import", "in.tmx"), ".memory.tmx.lock"),
    "memory import FIFO": (lambda p: _fifo(p / "in.tmx"), ("memory", "import", "in.tmx"),
                           "in.tmx"),
    "review import FIFO": (lambda p: _fifo(p / "edits.xlf"), ("review", "import",
                                                              "edits.xlf"), "edits.xlf"),
    "review import /dev/zero": (lambda p: None, ("review", "import", "/dev/zero"),
                                "/dev/zero"),
    "glossary import FIFO": (lambda p: _fifo(p / "terms.csv"), ("glossary", "import",
                                                                "terms.csv"), "terms.csv"),
    "model install FIFO": (lambda p: _fifo(p / "m.argosmodel"),
                           ("models", "install", "m.argosmodel"), "m.argosmodel"),
    "--pdf /dev/zero": (lambda p: None, ("email", "--to", "a@example.org", "--from",
                                         "b@example.org", "--pdf", "/dev/zero"), "/dev/zero"),
}


@pytest.mark.slow  # one command per case in a subprocess (a hang must not take the suite)
@pytest.mark.parametrize("case", sorted(FILE_CASES))
def test_a_fifo_device_or_folder_for_a_file_is_refused_by_name(project: Path,
                                                                 case: str) -> None:
    place, args, name = FILE_CASES[case]
    if args[0] in ("email",):  # a build to mail, made here: the command after it is tested
        built = CliRunner().invoke(main, ["build", "--no-translate", "--sources",
                                          str(project / "seeds"), "--glossary",
                                          str(project / "glossary"), "--config",
                                          str(project / "brief.toml"), "--out",
                                          str(project / "out")])
        assert built.exit_code == 0, built.output
    place(project)
    start = time.monotonic()
    r = _brief(project, *args, timeout=60)
    line = _one_line(r, name)
    assert any(w in line for w in ("named pipe", "a device", "a directory")), line
    assert time.monotonic() - start < 30 and _max_rss() < GiB


@pytest.fixture(scope="session")
def json_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixtures after one `build --no-translate --format json` (in this
    process: what is tested is the next build), made once per worker: ~2 s."""
    root = tmp_path_factory.mktemp("json-built")
    for name in ("seeds", "glossary"):
        shutil.copytree(FIXTURES / name, root / name)
    shutil.copy(FIXTURES / "brief.toml", root / "brief.toml")
    r = CliRunner().invoke(main, ["build", "--no-translate", "--format", "json", "--sources",
                                  str(root / "seeds"), "--glossary", str(root / "glossary"),
                                  "--config", str(root / "brief.toml"), "--out",
                                  str(root / "out")])
    assert r.exit_code == 0, r.output
    return root


@pytest.mark.slow  # a build in a subprocess each
@pytest.mark.parametrize("damage", ["", "garbage", "FIFO", "dir", "device"])
def test_a_damaged_analysis_cache_is_rebuilt_with_a_warning(json_built: Path, tmp_path: Path,
                                                            damage: str) -> None:
    """Every cached analysis replaced by something that is no cache entry: the build warns
    by name, analyses again and writes the same brief; a FIFO never hangs it."""
    project = Path(shutil.copytree(json_built, tmp_path / "project", symlinks=True))
    before = (project / "out" / "brief.json").read_bytes()
    entries = sorted((project / "out" / ".cache" / "analyses").glob("*/*.pickle"))
    assert entries
    for entry in entries:
        if damage == "FIFO":
            _fifo(entry)
        elif damage == "dir":
            _folder(entry)
        elif damage == "device":
            entry.unlink()
            entry.symlink_to("/dev/zero")
        else:
            entry.write_bytes(damage.encode())
    # unchanged inputs would read the curated brief and never the analyses: curate again
    shutil.rmtree(project / "out" / ".cache" / "curated")
    r = _brief(project, "build", "--no-translate", "--format", "json", timeout=120)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert f"{entries[0].name}" in r.stderr and "brief: warning: " in r.stderr, r.stderr
    # the same brief, which now also names the build it compared itself with
    first, again = json.loads(before), json.loads((project / "out" / "brief.json").read_bytes())
    assert first.pop("previous") == "" and again.pop("previous") and again == first


_SENTENCE = "首相は会談した。"


@pytest.mark.parametrize("damage", ["[]", "null", '"x"', "\x00\xff", "FIFO", "dir",
                                    "KEY [1, 2]", 'KEY {"a": 1}', "KEY null",
                                    'KEY {"predicate": 1, "frame": "", "speaker": "", '
                                    '"auxes": []}'])
def test_a_damaged_parse_cache_is_a_miss_never_a_crash(tmp_path: Path, damage: str,
                                                       capfd: pytest.CaptureFixture[str]
                                                       ) -> None:
    """parses.json that is no object, an entry of the wrong shape, a FIFO or a folder: the
    sentence is parsed again; the whole file's damage is one warning naming it."""
    from brief.analyse.parse import ParseCache

    path = tmp_path / "parses.json"
    if damage == "FIFO":
        _fifo(path)
    elif damage == "dir":
        _folder(path)
    elif damage.startswith("KEY "):
        path.write_text(f'{{"{ParseCache.key(_SENTENCE)}": {damage[4:]}}}', encoding="utf-8")
    else:
        path.write_bytes(damage.encode("latin-1"))
    assert ParseCache(path).get(_SENTENCE) is None
    if not damage.startswith("KEY "):
        assert "brief: warning: " in capfd.readouterr().err


# -- one line, the right exit code: what was taken where it should be refused ------------------


def _run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """`brief ARGS` in this process (CliRunner) from CWD: exit code, stdout, stderr; an
    exception that escaped the CLI fails the test (a traceback is never an answer)."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        r = CliRunner().invoke(main, list(args), env=env)
    finally:
        os.chdir(old)
    assert isinstance(r.exception, SystemExit | None), (
        f"traceback: {type(r.exception).__name__}: {r.exception}")
    return r.exit_code, r.stdout, r.stderr


def _refused(cwd: Path, *args: str, names: tuple[str, ...] = (),
             env: dict[str, str] | None = None) -> str:
    code, _, err = _run(cwd, *args, env=env)
    lines = [ln for ln in err.splitlines() if not ln.startswith("brief: warning: ")]
    assert code == 1 and len(lines) == 1 and lines[0].startswith("brief: error: "), (code, err)
    assert all(n in lines[0] for n in names), lines[0]
    return lines[0]


_HEADER_BREAKS = ["\r\nBcc: x@example.org", "\n", "\u2028", "\u2029", "\x85", "\x00", "\x1b[2J"]


@pytest.fixture
def built(built_brief: Path, tmp_path: Path) -> Path:
    """A project folder whose out/ is a copy of the session's built brief (every format)."""
    shutil.copytree(built_brief, tmp_path / "out")
    shutil.copy(FIXTURES / "brief.toml", tmp_path / "brief.toml")
    return tmp_path


@pytest.mark.parametrize("brk", _HEADER_BREAKS)
@pytest.mark.parametrize("option", ["--to", "--from", "--subject"])
def test_a_line_break_or_control_in_a_mail_header_is_one_line(built: Path, option: str,
                                                              brk: str) -> None:
    args = {"--to": "desk@example.org", "--from": "me@example.org", "--subject": "Brief"}
    args[option] += brk
    line = _refused(built, "email", *[x for kv in args.items() for x in kv],
                    names=(option,))
    assert "\n" not in line[:-1] and "\r" not in line and "\u2028" not in line
    assert not (built / "out" / "brief.eml").exists()


def test_a_title_with_line_separators_becomes_one_subject_line(built: Path) -> None:
    data = json.loads((built / "out" / "brief.json").read_text(encoding="utf-8"))
    import hashlib

    data["title"] = "Japan\u2028Bcc: x@example.org\r\nand the US\x85"
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    (built / "out" / "brief.json").write_bytes(raw)
    record = json.loads((built / "out" / "last-build.json").read_text(encoding="utf-8"))
    record["outputs"]["json"]["sha256"] = hashlib.sha256(raw).hexdigest()
    (built / "out" / "last-build.json").write_text(json.dumps(record), encoding="utf-8")
    later = (built / "out" / "brief.json").stat().st_mtime_ns + 10**9
    os.utime(built / "out" / "brief.pdf", ns=(later, later))  # the PDF is not older
    code, _, err = _run(built, "email", "--to", "desk@example.org", "--from", "me@example.org")
    assert code == 0, err
    eml = (built / "out" / "brief.eml").read_bytes()
    assert b"Subject: Japan Bcc: x@example.org and the US" in eml
    assert b"\nBcc:" not in eml


def test_a_pdf_that_is_not_a_pdf_is_refused(built: Path) -> None:
    (built / "notes.txt").write_text("not a PDF\n", encoding="utf-8")
    _refused(built, "email", "--to", "desk@example.org", "--from", "me@example.org", "--pdf",
             "notes.txt", names=("notes.txt", "not a PDF"))


@pytest.mark.parametrize("table", [
    '[translation]\nbackend = "google"\n',
    '[translation]\nbackend = "libretranslate"\nurl = "http://mt example:5000"\n',
    '[translation]\nbackend = "libretranslate"\nurl = "http://mt.example:5000/\\u0000x"\n',
    '[translation]\nbackend = "libretranslate"\nurl = "javascript:alert(1)"\n',
])
def test_a_translation_setting_brief_cannot_use_is_one_line_naming_it(project: Path,
                                                                      table: str) -> None:
    cfg = project / "brief.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "\n" + table, encoding="utf-8")
    _refused(project, "build", "--format", "md", names=("brief.toml", "[translation]"))
    assert not (project / "out").exists()


@pytest.mark.parametrize("meta", ['kind = "press release"', 'url = "https://a.example/x y"',
                                  'url = "https://a.example/\\u2028"', 'published = 2025-02-30',
                                  'published = "0000-01-01"', 'reliability = "trusted!"'])
def test_a_sidecar_field_brief_cannot_use_is_one_line_naming_it(project: Path,
                                                                meta: str) -> None:
    first = sorted((project / "seeds").glob("*.txt"))[0].name
    (project / "seeds" / "sources.toml").write_text(f'["{first}"]\n{meta}\n', encoding="utf-8")
    _refused(project, "build", "--no-translate", "--format", "md", names=("sources.toml",))


def test_a_first_century_date_builds(project: Path) -> None:
    first = sorted((project / "seeds").glob("*.txt"))[0].name
    (project / "seeds" / "sources.toml").write_text(f'["{first}"]\npublished = 0001-01-01\n',
                                                    encoding="utf-8")
    code, _, err = _run(project, "build", "--no-translate", "--format", "json", "--format",
                        "docx", "--format", "html")
    assert code == 0, err


@pytest.mark.slow  # two whole builds with every format
@pytest.mark.parametrize("epoch", ["0", "253402300799"])
def test_the_first_and_last_epochs_build_every_format(project: Path, epoch: str) -> None:
    code, _, err = _run(project, "build", "--no-translate", env={"SOURCE_DATE_EPOCH": epoch})
    assert code == 0, err
    with zipfile.ZipFile(project / "out" / "brief.docx") as z:
        assert z.testzip() is None


def _quiet_wav(n: int = 40000) -> bytes:
    """Mono 16-bit PCM near silence: every sample a small number, so every other byte is
    0x00 or 0xFF and the whole is valid UTF-16 (CJK noise, controls)."""
    import random

    rnd = random.Random(7)
    samples = b"".join(rnd.randint(-200, 200).to_bytes(2, "little", signed=True)
                       for _ in range(n))
    return samples


@pytest.mark.parametrize("name, data", [
    ("quiet.txt", _quiet_wav()),
    ("table.txt", b"".join(i.to_bytes(2, "big") for i in range(0x100, 0x4000))),
    ("bom-noise.txt", b"\xff\xfe" + _quiet_wav(5000)),
    ("nav.html", (b"<!doctype html><html><body><nav><a href='/'>Home</a> <a href='/n'>News"
                  b"</a></nav><main><p>Home</p></main></body></html>")),
    ("links.html", ("<!doctype html><html><body><main><ul>" + "".join(
        f"<li><a href='/{i}'>Story {i}</a></li>" for i in range(40))
        + "</ul></main></body></html>").encode()),
])
def test_a_file_that_is_no_article_is_refused_by_name(project: Path, name: str,
                                                      data: bytes) -> None:
    (project / "seeds" / name).write_bytes(data)
    _refused(project, "build", "--no-translate", "--format", "md", names=(name,))
    assert not (project / "out").exists()


@pytest.mark.parametrize("cell", ["ok\x00", "ok\x1b[31m", "ok\x7f", "x" * (200 * 1024)])
def test_a_review_tsv_cell_brief_cannot_take_is_one_line_naming_the_line(project: Path,
                                                                         cell: str) -> None:
    tsv = project / "edits.tsv"
    tsv.write_text("id\tjapanese\tenglish\tmachine_english\tstatus\n"
                   f"p1\t首相は会談した。\t{cell}\t\t\n", encoding="utf-8")
    _refused(project, "review", "import", "edits.tsv", names=("edits.tsv:2",))
    assert not (project / "glossary" / "memory.tmx").exists()


@pytest.mark.parametrize("args", [("glossary", "list"), ("--version",),
                                  ("--help",), ("glossary", "export", "/dev/full"),
                                  ("memory", "export", "/dev/full")])
def test_output_to_a_full_device_is_one_line_and_exit_1(project: Path,
                                                        args: tuple[str, ...]) -> None:
    (project / "glossary" / "memory.tmx").write_bytes(_TMX)
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "brief", *args], cwd=project, stdout=full,
                           stderr=subprocess.PIPE, text=True, timeout=60)
    lines = r.stderr.splitlines()
    assert r.returncode == 1 and len(lines) == 1 and lines[0].startswith("brief: error: "), (
        r.returncode, r.stderr)


def test_a_csv_round_trip_keeps_what_the_user_wrote(project: Path) -> None:
    written = ["'=quoted", "'plain", "=SUM(A1)", "+81", "@home", "''two"]
    for i, en in enumerate(written):
        code, _, err = _run(project, "glossary", "add", f"試験語{i}", en)
        assert code == 0, err
    assert _run(project, "glossary", "export", "terms.csv")[0] == 0
    fresh = project / "fresh"
    fresh.mkdir()
    (fresh / "terms.tsv").write_text("ja\ten\tnote\tvariants\tforbidden\tcase\tdomain\n",
                                     encoding="utf-8")
    code, _, err = _run(project, "glossary", "import", "--glossary", "fresh", "terms.csv")
    assert code == 0, err
    code, out, err = _run(project, "glossary", "list", "--glossary", "fresh", "--grep", "試験語")
    got = dict(ln.split("\t")[:2] for ln in out.splitlines())
    assert [got[f"試験語{i}"] for i in range(len(written))] == written


def _killed_in_write(target: Path) -> None:
    """A real process killed by SIGKILL inside atomic_write (its temporary file written,
    not yet renamed): what `kill -9` of an edit leaves behind."""
    code = ("import os, signal, sys\nfrom pathlib import Path\nimport brief.atomic as a\n"
            "a.os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)\n"
            "a.atomic_write(Path(sys.argv[1]), b'half')\n")
    r = subprocess.run([sys.executable, "-c", code, str(target)], timeout=60)
    assert r.returncode == -9


def test_temporary_files_a_killed_edit_left_in_the_glossary_are_removed(project: Path) -> None:
    _killed_in_write(project / "glossary" / "terms.tsv")
    left = [p for p in (project / "glossary").iterdir() if p.name.endswith(".tmp")]
    assert left  # the kill left one
    code, _, err = _run(project, "glossary", "add", "試験語", "test word")
    assert code == 0, err
    assert not [p for p in (project / "glossary").iterdir() if p.name.endswith(".tmp")]


def test_install_folders_a_killed_install_left_are_removed(tmp_path: Path,
                                                           tiny_package: Path) -> None:
    from argostranslate import settings

    from brief.translate.backends.argos import install_file

    parent = Path(settings.package_data_dir).parent
    parent.mkdir(parents=True, exist_ok=True)
    code = ("import os, signal, sys\nfrom pathlib import Path\n"
            "import brief.translate.backends.argos as a\n"
            "a._load_check = lambda *x: os.kill(os.getpid(), signal.SIGKILL)\n"
            "a.install_file(Path(sys.argv[1]))\n")
    r = subprocess.run([sys.executable, "-c", code, str(tiny_package)], timeout=120)
    assert r.returncode == -9
    assert list(parent.glob(".brief-install-*"))  # a whole extracted model, left
    install_file(tiny_package)
    assert not list(parent.glob(".brief-install-*"))
