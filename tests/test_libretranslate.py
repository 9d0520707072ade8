"""brief against a real LibreTranslate server (tests/lt_server.py): builds, cache, keys, errors.

Two servers per run, each with the tests' tiny Argos package in its own data directory: an
open one, and one started with --api-keys --under-attack --batch-limit 4 (every request needs
a key). The tiny model's output is not English: only sameness and presence are asserted.
"""

from __future__ import annotations

import json
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import main
from brief.errors import BriefError
from brief.model import Brief, segments_of
from brief.translate.backends.libretranslate import LibreTranslateBackend
from lt_server import Server, free_port, start_server

pytestmark = pytest.mark.slow  # two real servers and a dozen translated builds: ~95 s

KEY, SLOW_KEY, THREE_KEY = "team-key-0123", "slow-key-4567", "three-key-89ab"


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory, installed_tiny: Path,
            tiny_package: Path) -> Iterator[dict[str, Server]]:
    """Both servers, booted at the same time: each takes ~10 s, mostly waiting on imports
    and the model, so booting them one after the other only added time."""
    from concurrent.futures import ThreadPoolExecutor

    from brief.translate.backends.argos import ArgosBackend

    # The same arithmetic as the local backend: its compute type ("auto" picks int8 where
    # the CPU has it) given to the server, whose default is the model's own float32.
    compute = ArgosBackend().translator.compute_type
    with ThreadPoolExecutor(2) as pool:
        starting = {
            "open": pool.submit(start_server, tmp_path_factory.mktemp("lt-open"), installed_tiny,
                                env={"ARGOS_COMPUTE_TYPE": compute}),
            "keyed": pool.submit(start_server, tmp_path_factory.mktemp("lt-keys"), tiny_package,
                                 keys={KEY: 1000, SLOW_KEY: 1, THREE_KEY: 3},
                                 extra=("--batch-limit", "4"))}
    started = {name: f.result() for name, f in starting.items() if f.exception() is None}
    try:
        for f in starting.values():
            f.result()  # re-raises the first server's failure to start
        yield started
    finally:
        for s in started.values():
            s.stop()


@pytest.fixture(scope="module")
def server(servers: dict[str, Server]) -> Server:
    return servers["open"]


@pytest.fixture(scope="module")
def keyed(servers: dict[str, Server]) -> Server:
    return servers["keyed"]


def _configure(project: Path, **settings: object) -> None:
    """Set the [translation] table at the end of the project's brief.toml."""
    path = project / "brief.toml"
    kept = path.read_text(encoding="utf-8").split("\n[translation]\n")[0]
    lines = ["", "[translation]"] + [f"{k} = {json.dumps(v)}" for k, v in settings.items()]
    path.write_text(kept + "\n".join(lines) + "\n", encoding="utf-8")


def _build(project: Path, out: str, *extra: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, ["build", "--sources", str(project / "seeds"), "--glossary",
                                  str(project / "glossary"), "--config",
                                  str(project / "brief.toml"), "--out", str(project / out),
                                  "--format", "json", *extra])
    return r.exit_code, r.output


def _segments(project: Path, out: str) -> dict[str, tuple[str, str]]:
    brief = Brief.read(project / out / "brief.json")
    # the tiny model's output is flagged: compare what each engine gave, kept or flagged
    found = {key: (obj.ja, obj.en or obj.machine_output) for key, obj in segments_of(brief)}
    found.update({f"title-{s.id}": (s.title, s.title_en or s.title_machine_output)
                  for s in brief.sources})
    return found


def test_a_build_through_the_server_is_the_local_build(
        server: Server, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from brief.translate.backends import argos

    # the server decodes with argostranslate's options, up to 256 pieces; the local backend
    # caps a batch's output by its sources' length, which the tiny model's endless output
    # reaches: lifted here so both sides decode alike
    monkeypatch.setattr(argos, "decoding_cap", lambda pieces: argos.MAX_OUTPUT)
    code, local = _build(project, "local", "--backend", "argos")
    assert code == 0, local
    _configure(project, backend="libretranslate", url=server.url, batch_size=16)
    before = server.translated_texts()
    code, remote = _build(project, "remote")
    assert code == 0, remote
    stats = next(ln for ln in remote.splitlines() if ln.startswith("translation:"))
    n, retried = int(stats.split()[1]), int(stats.split("(")[1].split()[0])
    assert stats == (f"translation: {n} segments, 0 from the translation memory, 0 from cache, "
                     f"{n} translated ({retried} retried for the glossary)") and n > 40
    assert stats in local  # the same counts as the local backend
    sent = server.translated_texts() - before
    assert 0 < sent <= n + retried  # each distinct segment once, plus glossary retries
    # Same segments, and the same English word for word where the server keeps the segment
    # whole: it runs the same model with the same compute type and brief asks for its output
    # untouched (format=html). A segment with a sentence end inside (a headline like 「…!…?」)
    # is split by the server's sentence splitter and translated in pieces.
    remote_segs, local_segs = _segments(project, "remote"), _segments(project, "local")
    assert remote_segs.keys() == local_segs.keys()
    differ = {k for k in local_segs if remote_segs[k] != local_segs[k]}
    split = {k for k, (ja, _) in local_segs.items() if any(c in ja.rstrip("。！？!?") for c in "。！？!?")}
    assert differ <= split and len(local_segs) - len(split) > 40
    assert all(remote_segs[k][0] == local_segs[k][0] for k in local_segs)
    model = json.loads((project / "remote" / "brief.json").read_text(encoding="utf-8"))["model"]
    assert model.startswith(f"libretranslate:{server.url}:1.9.6:ja-en:")

    again_before = server.translated_texts()
    code, again = _build(project, "remote")
    assert code == 0 and f"{n} from cache, 0 translated" in again
    assert server.translated_texts() == again_before  # the second build asks nothing


def test_caches_of_two_backends_never_mix(server: Server, one_article_project: Path) -> None:
    project = one_article_project  # the key, cache or limit is tested, not the build's size
    code, out = _build(project, "out", "--backend", "argos")
    assert code == 0 and " 0 from cache" in out
    code, out = _build(project, "out", "--server", server.url)  # the same cache file
    assert code == 0 and " 0 from cache" in out, out
    code, out = _build(project, "out", "--backend", "argos")
    assert code == 0 and " 0 translated" in out  # the local entries are still there


def test_glossary_suggest_translates_through_the_configured_server(
        server: Server, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _configure(project, backend="libretranslate", url=server.url)
    monkeypatch.chdir(project)
    before = server.translated_texts()
    r = CliRunner().invoke(main, ["glossary", "suggest", "--limit", "4"])
    assert r.exit_code == 0, r.output
    # the tests' tiny model gives broken English: each suggestion is listed, flagged or quoted
    assert len(re.findall(r"(?m)^\s+\d+\. \S+ → ", r.output)) == 4
    assert server.translated_texts() == before + 4


def test_the_key_comes_from_the_named_environment_variable(
        keyed: Server, one_article_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = one_article_project  # the key, cache or limit is tested, not the build's size
    monkeypatch.setenv("BRIEF_TEST_LT_KEY", KEY)
    _configure(project, backend="libretranslate", url=keyed.url,
               api_key_env="BRIEF_TEST_LT_KEY", batch_size=4)
    code, out = _build(project, "out")
    assert code == 0, out
    data = json.loads((project / "out" / "brief.json").read_text(encoding="utf-8"))
    assert data["translation_counts"] and KEY not in json.dumps(data)  # the key is never written


def test_server_alone_carries_the_key_in_brief_lt_api_key(
        keyed: Server, one_article_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--server URL` with no brief.toml setting: the key comes from BRIEF_LT_API_KEY (never
    a command-line argument, which ps and the shell's history would show) and is never
    printed or written."""
    project = one_article_project  # the key, cache or limit is tested, not the build's size
    monkeypatch.setenv("BRIEF_LT_API_KEY", KEY)
    _configure(project, batch_size=4)  # the keyed server's --batch-limit; no url, no key name
    before = keyed.translated_texts()
    code, out = _build(project, "out", "--server", keyed.url)
    assert code == 0, out
    assert keyed.translated_texts() > before and KEY not in out
    assert KEY not in (project / "out" / "brief.json").read_text(encoding="utf-8")


def test_a_missing_or_wrong_key_is_one_line_naming_the_server(
        keyed: Server, one_article_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = one_article_project  # the key, cache or limit is tested, not the build's size
    monkeypatch.delenv("BRIEF_LT_API_KEY", raising=False)
    code, out = _build(project, "out", "--server", keyed.url)
    assert code == 1
    assert out.strip().splitlines() == [
        f"brief: error: the LibreTranslate server at {keyed.url} needs an API key (400 Please "
        "contact the server operator to get an API key); export BRIEF_LT_API_KEY=YOUR_KEY (or "
        f"name another variable in {project / 'brief.toml'}: [translation] api_key_env)"]
    _configure(project, backend="libretranslate", url=keyed.url,
               api_key_env="BRIEF_TEST_LT_KEY")
    code, out = _build(project, "out")
    assert code == 1 and out.strip() == (
        f"brief: error: {project / 'brief.toml'}: [translation] api_key_env names "
        "BRIEF_TEST_LT_KEY, which is not set: export BRIEF_TEST_LT_KEY=YOUR_KEY")
    monkeypatch.setenv("BRIEF_TEST_LT_KEY", "not-a-key")
    code, out = _build(project, "out")
    assert code == 1 and len(out.strip().splitlines()) == 1
    assert f"the LibreTranslate server at {keyed.url} refused the API key (403 Invalid API " \
        "key); set BRIEF_TEST_LT_KEY to a key the server knows" in out
    assert not (project / "out" / "brief.json").exists()  # nothing half-written


def test_a_batch_over_the_servers_limit_says_which_setting(
        keyed: Server, one_article_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = one_article_project  # the key, cache or limit is tested, not the build's size
    monkeypatch.setenv("BRIEF_TEST_LT_KEY", KEY)
    _configure(project, backend="libretranslate", url=keyed.url,
               api_key_env="BRIEF_TEST_LT_KEY", batch_size=5)
    code, out = _build(project, "out")
    assert code == 1 and len(out.strip().splitlines()) == 1
    assert f"server at {keyed.url} rejected a batch (Invalid request: request (5) exceeds text limit " \
        "(4)); lower [translation] batch_size" in out


def test_a_build_stopped_by_the_server_resumes_from_the_cache(
        keyed: Server, one_article_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = one_article_project  # the key, cache or limit is tested, not the build's size
    # LibreTranslate charges a request one unit per text, and never charges one that costs
    # more than the whole limit: one text per request, so the fourth is refused
    _configure(project, backend="libretranslate", url=keyed.url,
               api_key_env="BRIEF_TEST_LT_KEY", batch_size=1, timeout=5)
    monkeypatch.setenv("BRIEF_TEST_LT_KEY", THREE_KEY)  # three texts a minute, then 429
    code, out = _build(project, "out")
    assert code == 1 and len(out.strip().splitlines()) == 1 and "still answered 429" in out, out
    _configure(project, backend="libretranslate", url=keyed.url,
               api_key_env="BRIEF_TEST_LT_KEY", batch_size=4)
    monkeypatch.setenv("BRIEF_TEST_LT_KEY", KEY)
    code, out = _build(project, "out")
    assert code == 0, out
    cached = int(out.split(" from cache")[0].split()[-1])
    assert cached >= 3, out  # the batches done before the server stopped answering


def test_rate_limited_requests_are_retried_within_the_timeout(keyed: Server) -> None:
    backend = LibreTranslateBackend(keyed.url, api_key=SLOW_KEY, timeout=3, batch_size=1)
    assert len(backend.translate_batch(["日本と米国。"])) == 1  # the key's one request a minute
    start = time.monotonic()
    with pytest.raises(BriefError) as err:
        backend.translate_batch(["協力します。"])
    took = time.monotonic() - start
    msg = str(err.value)
    assert msg.startswith(f"the LibreTranslate server at {keyed.url} still answered 429 ")
    tries = int(msg.split(" after ")[1].split()[0])
    assert tries >= 3 and 1.5 <= took <= 6  # backoff 0.5 s, 1 s, … and bounded by timeout


def test_connection_refused_and_timeout_name_the_server(project: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    code, out = _build(project, "out", "--server", url)
    assert code == 1 and out.startswith(
        f"brief: error: cannot connect to the LibreTranslate server at {url} (")
    assert "is it running" in out and len(out.strip().splitlines()) == 1
    suggest = CliRunner().invoke(main, ["glossary", "suggest", "--glossary",
                                        str(project / "glossary"), "--sources",
                                        str(project / "seeds"), "--config",
                                        str(project / "brief.toml"), "--limit", "3",
                                        "--server", url])
    assert suggest.exit_code == 0  # candidates still listed, and why without renderings
    assert "warning: no model renderings (cannot connect to the LibreTranslate server at " \
        f"{url} (" in suggest.output and " → '" not in suggest.output
    with socket.socket() as hung:  # accepts connections (backlog) but never answers
        hung.bind(("127.0.0.1", 0))
        hung.listen(8)
        url = f"http://127.0.0.1:{hung.getsockname()[1]}"
        _configure(project, backend="libretranslate", url=url, timeout=1)
        start = time.monotonic()
        code, out = _build(project, "out")
        assert time.monotonic() - start < 10
    assert code == 1 and out.strip() == (
        f"brief: error: the LibreTranslate server at {url} did not answer /languages within "
        "1 s (raise [translation] timeout, or check the server)")


def _reversed_package(package: Path, dest: Path) -> Path:
    """The tiny package relabelled en→ja: a server with it offers no ja→en."""
    import zipfile

    with zipfile.ZipFile(package) as src, zipfile.ZipFile(dest, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith("/metadata.json"):
                meta = json.loads(data) | {"from_code": "en", "to_code": "ja",
                                           "from_name": "English", "to_name": "Japanese"}
                data = json.dumps(meta).encode()
            out.writestr(item, data)
    return dest


def test_a_server_without_ja_en_is_refused_at_the_start(
        tmp_path_factory: pytest.TempPathFactory, tiny_package: Path) -> None:
    base = tmp_path_factory.mktemp("lt-en-ja")
    s = start_server(base, _reversed_package(tiny_package, base / "en_ja.argosmodel"))
    try:
        with pytest.raises(BriefError) as err:
            LibreTranslateBackend(s.url)
        assert str(err.value) == (
            f"the LibreTranslate server at {s.url} does not translate ja→en (languages "
            "loaded: en, ja); start it with --load-only ja,en and a ja→en model installed")
    finally:
        s.stop()
