"""Bounded HTTP reads: every answer brief reads from a peer (a LibreTranslate server, the Argos
package index and its downloads) has a total deadline, a size cap and no decompression past it.

httpx alone bounds each socket operation, not the whole answer: a server that drips a byte
every 0.8 s, or streams an endless chunked body, never trips a read timeout; and its transparent
gzip would inflate a small bomb into gigabytes before brief saw a byte. So the body is read raw
(`Accept-Encoding: identity`), a gzip/deflate body a server sends anyway is inflated here with a
cap on the output, and a watchdog shuts the socket at the deadline, which wakes a blocked read.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit


def redacted(url: str) -> str:
    """URL without a user name and password (http://user:secret@host/): what brief prints."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<an invalid address>"
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:
        port = ""
    return urlunsplit((parts.scheme, f"***@{host}{port}", parts.path, parts.query,
                       parts.fragment))


@dataclass
class Answer:
    """A whole, bounded answer: its status, headers and (decoded) body."""

    status: int
    headers: Any  # httpx.Headers
    body: bytes
    reason: str = ""


class Bounded(Exception):
    """The answer broke a bound (too long, too big, bad encoding); `why` says which."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def _inflater(encoding: str) -> Callable[[bytes, int], bytes] | None:
    """A decompressor for ENCODING whose output per call is at most the given cap."""
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip", "deflate"):
        d = zlib.decompressobj(zlib.MAX_WBITS | 32 if encoding != "deflate" else zlib.MAX_WBITS)

        def inflate(data: bytes, room: int) -> bytes:
            out = d.decompress(data, room + 1)
            if d.unconsumed_tail:  # more output than room: over the cap
                raise Bounded(f"its {encoding} answer inflates to more than the limit")
            return out

        return inflate
    raise Bounded(f"it sent the answer in {encoding!r} encoding, which brief does not accept")


class _Watchdog:
    """Shuts the request's socket at the deadline, which wakes a read blocked on it: while the
    headers drip in as well as the body. The socket is learnt from httpcore's trace of the
    connection (clients here keep no idle connections, so every request connects anew)."""

    def __init__(self, seconds: float) -> None:
        self.fired = threading.Event()
        self.sock: socket.socket | None = None
        self.timer = threading.Timer(max(seconds, 0.0), self._fire)
        self.timer.daemon = True

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event.endswith((".connect_tcp.complete", ".start_tls.complete")):
            stream = info.get("return_value")
            with contextlib.suppress(Exception):
                sock = stream.get_extra_info("socket") if stream is not None else None
                if isinstance(sock, socket.socket):
                    self.sock = sock
                    if self.fired.is_set():
                        self._shut()

    def _shut(self) -> None:
        if self.sock is not None:
            with contextlib.suppress(OSError):
                self.sock.shutdown(socket.SHUT_RDWR)

    def _fire(self) -> None:
        self.fired.set()
        self._shut()


def client(base_url: str = "") -> Any:  # noqa: ANN401 - an httpx.Client
    """An httpx client for `read`: no idle connections kept (each request's socket is then
    the watchdog's to shut), no redirects followed, no proxy settings from the environment."""
    import httpx

    return httpx.Client(base_url=base_url, trust_env=False, follow_redirects=False,
                        limits=httpx.Limits(max_keepalive_connections=0))


def read(client: Any, method: str, url: str, *, deadline: float, max_bytes: int,  # noqa: ANN401
         sink: Callable[[bytes], None] | None = None, **kwargs: Any) -> Answer:  # noqa: ANN401
    """METHOD URL through CLIENT (from `client()`), whole, by DEADLINE (time.monotonic()) and
    at most MAX_BYTES decoded; with SINK the body goes there (a download to a file) instead of
    memory. httpx's TimeoutException when the deadline passes, Bounded when a cap is broken,
    other httpx errors as httpx raises them."""
    import httpx

    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise httpx.ReadTimeout("deadline passed")
    headers = {**kwargs.pop("headers", {}), "Accept-Encoding": "identity"}
    dog = _Watchdog(remaining)
    dog.timer.start()
    try:
        return _read(client, method, url, dog, deadline, max_bytes, sink, headers=headers,
                     timeout=httpx.Timeout(remaining), extensions={"trace": dog.trace},
                     **kwargs)
    except httpx.TransportError:
        if dog.fired.is_set():  # the watchdog shut the socket: the deadline, not the peer
            raise httpx.ReadTimeout("deadline passed") from None
        raise
    finally:
        dog.timer.cancel()


def _read(client: Any, method: str, url: str, dog: _Watchdog, deadline: float,  # noqa: ANN401
          max_bytes: int, sink: Callable[[bytes], None] | None, **kwargs: Any) -> Answer:  # noqa: ANN401
    import httpx

    with client.stream(method, url, **kwargs) as r:
        inflate = _inflater(r.headers.get("Content-Encoding", "").strip().lower())
        declared = r.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes and inflate is None:
            raise Bounded(f"it announced an answer of {int(declared) / 2**20:.1f} MiB")
        chunks: list[bytes] = []
        total = 0
        for raw in r.iter_raw(65536):
            if dog.fired.is_set() or time.monotonic() > deadline:
                raise httpx.ReadTimeout("deadline passed")
            data = inflate(raw, max_bytes - total) if inflate else raw
            total += len(data)
            if total > max_bytes:
                raise Bounded(f"its answer is over {max_bytes / 2**20:g} MiB")
            if sink is not None:
                sink(data)
            else:
                chunks.append(data)
        if dog.fired.is_set():
            raise httpx.ReadTimeout("deadline passed")
        return Answer(r.status_code, r.headers, b"".join(chunks), r.reason_phrase)
