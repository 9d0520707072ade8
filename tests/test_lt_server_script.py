"""`scripts/lt-server.sh`, the README's one command for an office's LibreTranslate server (#27):
started from another folder, offline, it serves ja→en to `brief build --server URL` with the
key it printed on its first start, refuses a request without one, and keeps its data (the API
keys database, the model, the log) in its data folder, never in the checkout or where it ran."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import main
from lt_server import free_port

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "lt-server.sh"


def _start(data: Path, cwd: Path, package: Path, port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "XDG_"))}
    return subprocess.Popen([str(SCRIPT), "--model", str(package), "--data", str(data),
                             "--host", "127.0.0.1", "--port", str(port), "--threads", "2"],
                            cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)


def _wait(proc: subprocess.Popen[bytes], log: Path, url: str) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read().decode() if proc.stdout else ""
            raise AssertionError(f"lt-server.sh exited {proc.returncode}: {out}")
        if log.exists() and f"Running on {url}" in log.read_text(errors="replace"):
            return
        time.sleep(0.2)
    raise AssertionError(f"no server within 180 s: {log.read_text(errors='replace')[-800:]}")


@pytest.mark.slow
def test_the_script_serves_brief_offline_with_the_key_it_printed(
        tmp_path: Path, tiny_package: Path, installed_tiny: Path, one_article_project: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    project = one_article_project  # the script is what is tested, not the build's size
    if not (ROOT / ".venv-server" / "bin" / "libretranslate").exists():
        pytest.skip(".venv-server has no LibreTranslate: run scripts/install.sh")
    data, elsewhere = tmp_path / "lt-data", tmp_path / "elsewhere"
    elsewhere.mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    before = set(os.listdir(ROOT))
    proc = _start(data, elsewhere, tiny_package, port)
    try:
        _wait(proc, data / "libretranslate.log", url)
        assert proc.stdout is not None
        said = b""
        while b"serving ja" not in said:
            said += proc.stdout.readline()
        key = re.search(r"created an API key \(600 requests a minute\): (\S+)", said.decode())
        assert key, said.decode()
        monkeypatch.chdir(project)
        monkeypatch.delenv("BRIEF_LT_API_KEY", raising=False)
        r = CliRunner().invoke(main, ["build", "--server", url, "--format", "json"])
        assert r.exit_code == 1 and "needs an API key" in r.output  # --under-attack: no key, no
        monkeypatch.setenv("BRIEF_LT_API_KEY", key.group(1))
        r = CliRunner().invoke(main, ["build", "--server", url, "--format", "json"])
        assert r.exit_code == 0, r.output
        assert re.search(r"translation: \d+ segments, .* [1-9]\d* translated", r.output), r.output
        assert key.group(1) not in r.output
        log = (data / "libretranslate.log").read_text(errors="replace")
        assert "('paragraphs:'" in log  # the server translated them, into its own log
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert (data / "db" / "api_keys.db").is_file()
    assert os.listdir(elsewhere) == [] and set(os.listdir(ROOT)) == before  # nothing left there
    again = subprocess.run([str(SCRIPT), "key", "60", "--data", str(data)], capture_output=True,
                           text=True, timeout=120)
    assert again.returncode == 0 and re.fullmatch(r"\S{8,}\n", again.stdout), again.stdout


def test_the_script_refuses_a_data_folder_inside_the_checkout() -> None:
    """The API keys database must never land in the checkout (it used to: db/api_keys.db)."""
    if not (ROOT / ".venv-server" / "bin" / "libretranslate").exists():
        pytest.skip(".venv-server has no LibreTranslate: run scripts/install.sh")
    inside = ROOT / "out" / "lt-data-test"
    r = subprocess.run([str(SCRIPT), "--data", str(inside), "--no-keys"], capture_output=True,
                       text=True, timeout=60)
    made = inside.exists()
    shutil.rmtree(inside, ignore_errors=True)
    assert r.returncode == 1 and "is inside the checkout" in r.stderr, r.stderr
    assert not made  # refused before anything was created
