"""A real LibreTranslate server for the tests, in its own data directory, on a free port.

The server runs from `.venv-server` (scripts/install.sh creates it: libretranslate pins its own
flask and numpy) with the tests' tiny Argos package installed and brief's rule-based MiniSBD
splitter (scripts/minisbd_stub.py) in place of the model MiniSBD would download. The package
index is an empty local file, so nothing reaches for the network.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SERVER_BIN = ROOT / ".venv-server" / "bin"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    proc: subprocess.Popen
    log: Path
    keys: dict[str, str] = field(default_factory=dict)

    def translated_texts(self) -> int:
        """How many texts the server has translated so far (argostranslate logs each one)."""
        return self.log.read_text(encoding="utf-8", errors="replace").count("('paragraphs:'")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def start_server(base: Path, package: Path, keys: dict[str, int] | None = None,
                 extra: tuple[str, ...] = (), env: dict[str, str] | None = None) -> Server:
    """Start `libretranslate` with PACKAGE installed under BASE; KEYS: key -> requests/minute
    (given: --api-keys --under-attack, so every request needs one of them); ENV: more
    environment for the server (ARGOS_COMPUTE_TYPE)."""
    extra_env = env or {}
    if not (SERVER_BIN / "libretranslate").exists():
        raise RuntimeError(f"{SERVER_BIN / 'libretranslate'} is missing: run scripts/install.sh "
                           "(it creates .venv-server with LibreTranslate)")
    python = str(SERVER_BIN / "python")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARGOS_")} | extra_env
    idx = base / "index"
    idx.mkdir(parents=True, exist_ok=True)
    (idx / "index.json").write_text("[]", encoding="utf-8")  # no index refresh at boot
    env.update(XDG_DATA_HOME=str(base / "data"), XDG_CACHE_HOME=str(base / "cache"),
               XDG_CONFIG_HOME=str(base / "config"), ARGOS_PACKAGE_INDEX=idx.as_uri() + "/",
               PYTHONWARNINGS="ignore")
    run: dict[str, Any] = dict(env=env, check=True, capture_output=True, timeout=120)
    subprocess.run([python, "-c", "import sys, argostranslate.package as p; "
                    "p.install_from_path(sys.argv[1])", str(package)], **run)
    subprocess.run([python, str(ROOT / "scripts" / "minisbd_stub.py"),
                    str(base / "data" / "argos-translate" / "minisbd" / "ja.onnx")], **run)
    args = [str(SERVER_BIN / "libretranslate"), "--host", "127.0.0.1", "--load-only", "ja,en",
            "--disable-web-ui", "--threads", "2", *extra]
    if keys is not None:
        db = base / "db" / "api_keys.db"
        db.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([python, "-c", "import sys; from libretranslate.api_keys import "
                        "Database; Database(sys.argv[1])", str(db)], **run)
        for key, limit in keys.items():
            subprocess.run([str(SERVER_BIN / "ltmanage"), "keys", "--api-keys-db-path",
                            str(db), "add", str(limit), "--key", key], **run)
        args += ["--api-keys", "--api-keys-db-path", str(db), "--under-attack"]
    port = free_port()
    log = base / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([*args, "--port", str(port)], stdout=out,
                                stderr=subprocess.STDOUT, env=env, cwd=base)
    server = Server(f"http://127.0.0.1:{port}", proc, log, dict.fromkeys(keys or {}, ""))
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"libretranslate exited ({proc.returncode}):\n"
                               + log.read_text(errors="replace")[-2000:])
        if f"Running on {server.url}" in log.read_text(errors="replace"):
            return server
        time.sleep(0.1)
    server.stop()
    shutil.copy(log, base / "server-timeout.log")
    raise RuntimeError(f"libretranslate did not start within 180 s; see {log}")
