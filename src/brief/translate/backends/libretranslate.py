"""A LibreTranslate server as the translation backend: one model for a whole office.

Only the masked segments travel (glossary terms and numbers are placeholders by then); the
protection, verification, cache and retries for the glossary stay in brief. httpx is imported
here only, so commands that do not translate never load it.

Segments go as `format="html"` (escaped), not `"text"`: in text mode LibreTranslate 1.9 rewrites
each translation (`improve_translation_formatting`): it upper-cases the whole English when the
source's only Latin letters are capitals — every segment with a ZX1 placeholder — and puts the
source's final `。` on the English. The HTML path hands the text to Argos untouched and
unescapes the answer, so the server returns what the model wrote, as the local backend does.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import os
import time
from typing import Any

from brief.config import TranslationConfig, check_url
from brief.errors import BriefError
from brief.settings import Key, Table
from brief.translate.backends import fetch
from brief.translate.backends.fetch import redacted
from brief.translate.checks import printable

FROM, TO = "ja", "en"
RETRY_STATUSES = {429, 500, 502, 503, 504}
DEFAULT_KEY_ENV = "BRIEF_LT_API_KEY"  # read when [translation] api_key_env names no variable


class LibreTranslateBackend:
    """Translate through POST /translate, one request per batch, after checking /languages.

    `timeout` bounds each request and also the whole run of retries on 429 and 5xx answers
    (backoff 0.5 s, 1 s, 2 s, … or the server's Retry-After), so a build never hangs on a busy
    server and never gives up on a briefly busy one.
    """

    def __init__(self, url: str, api_key: str = "", timeout: float = 60.0,
                 batch_size: int = 32, key_hint: str = "") -> None:
        self.url = url.rstrip("/")
        self.shown = redacted(self.url)  # what messages and the model id say: no password
        self.api_key = api_key
        self.timeout = timeout
        self.batch_size = batch_size
        self.key_hint = key_hint  # how the user gives a key, for error messages
        self.client = fetch.client(self.url)
        try:
            self.model_id = self._model_id()
        except BriefError:
            self.client.close()
            raise

    def _model_id(self) -> str:
        """Check /languages for ja→en; name the server, its version and what it serves."""
        answer = self._call("GET", "/languages")
        if not isinstance(answer, list) or not all(
                isinstance(lang, dict) and isinstance(lang.get("code"), str)
                and isinstance(lang.get("targets", []), list) for lang in answer):
            raise BriefError(f"the LibreTranslate server at {self.shown} answered /languages "
                             f"with {printable(str(answer)[:120])!r}, not a list of languages "
                             "({\"code\": …, \"targets\": […]}); is it a LibreTranslate server?")
        languages: list[dict[str, Any]] = answer
        pair = [lang for lang in languages if lang["code"] == FROM]
        if not pair or TO not in pair[0].get("targets", []):
            codes = printable(", ".join(lang["code"] for lang in languages)[:200]) or "none"
            raise BriefError(f"the LibreTranslate server at {self.shown} does not translate "
                             f"{FROM}→{TO} (languages loaded: {codes}); start it with "
                             f"--load-only {FROM},{TO} and a {FROM}→{TO} model installed")
        try:
            spec = self._call("GET", "/spec")
        except BriefError:  # an older server or a proxy without /spec: languages still count
            spec = {}
        info = spec.get("info") if isinstance(spec, dict) else None
        found = info.get("version") if isinstance(info, dict) else None
        version = printable(found)[:40] if isinstance(found, str) and found else "unknown"
        # The server does not say which model version it runs: its address, its version and
        # what it reports for ja and en keep caches from two backends (or servers) apart.
        served = json.dumps([lang for lang in languages if isinstance(lang, dict)
                             and lang.get("code") in (FROM, TO)], sort_keys=True)
        digest = hashlib.sha256(served.encode()).hexdigest()[:12]
        return f"libretranslate:{self.shown}:{version}:{FROM}-{TO}:{digest}"

    def translate_batch(self, texts: list[str]) -> list[str]:
        """English for TEXTS in order, `batch_size` texts per request (blank texts stay blank)."""
        out = ["" for _ in texts]
        todo = [i for i, t in enumerate(texts) if t.strip()]
        for start in range(0, len(todo), self.batch_size):
            ids = todo[start:start + self.batch_size]
            chunk = [html.escape(texts[i], quote=False) for i in ids]
            payload: dict[str, Any] = {"q": chunk, "source": FROM, "target": TO,
                                       "format": "html"}
            if self.api_key:
                payload["api_key"] = self.api_key
            answer = self._call("POST", "/translate", payload)
            got = answer.get("translatedText") if isinstance(answer, dict) else None
            if (not isinstance(got, list) or len(got) != len(chunk)
                    or not all(isinstance(t, str) for t in got)):
                raise BriefError(f"the LibreTranslate server at {self.shown} answered "
                                 f"/translate with {printable(str(answer)[:120])!r}, not "
                                 f"{len(chunk)} translations")
            for i, text in zip(ids, got, strict=True):
                if len(text) > 20 * len(texts[i]) + 4000:  # 256 pieces at most; never 20 times
                    raise BriefError(f"the LibreTranslate server at {self.shown} answered a "
                                     f"{len(texts[i])}-character segment with {len(text)} "
                                     "characters; not a translation (check the server)")
                out[i] = printable(text).strip()  # a lone surrogate no writer can encode
        return out

    def _call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:  # noqa: ANN401 - JSON
        """The decoded JSON answer; retries 429/5xx until `timeout` has passed. The whole
        call, retries included, ends by `timeout` and reads at most MAX_ANSWER bytes an
        answer (fetch.read): a dripping, endless or huge answer is one line, not a hang."""
        start = time.monotonic()
        delay, tries = 0.5, 0
        while True:
            tries += 1
            r = self._request(method, path, payload, start + self.timeout)
            if r.status == 200:
                try:
                    return json.loads(r.body.decode("utf-8"))
                except (ValueError, RecursionError):
                    raise BriefError(f"the LibreTranslate server at {self.shown} answered "
                                     f"{path} with something that is not JSON: "
                                     f"{_start(r.body)!r}") from None
            error = _error_text(r)
            elapsed = time.monotonic() - start
            if r.status in RETRY_STATUSES:
                wait = min(max(_retry_after(r) or delay, 0.1), 10.0)
                if elapsed + wait <= self.timeout:
                    time.sleep(wait)
                    delay *= 2
                    continue
                raise BriefError(f"the LibreTranslate server at {self.shown} still answered "
                                 f"{r.status} ({error}) after {tries} tries over "
                                 f"{elapsed:.1f} s; try again later or raise [translation] "
                                 "timeout")
            raise BriefError(self._refusal(r.status, error, path))

    def _request(self, method: str, path: str, payload: dict[str, Any] | None,
                 deadline: float) -> fetch.Answer:
        """One bounded request; every way it can fail is one line naming the server."""
        import httpx

        where = f"the LibreTranslate server at {self.shown}"
        try:
            return fetch.read(self.client, method, path, json=payload, deadline=deadline,
                              max_bytes=MAX_ANSWER)
        except httpx.TimeoutException:
            raise BriefError(f"{where} did not answer {path} within {self.timeout:g} s (raise "
                             "[translation] timeout, or check the server)") from None
        except httpx.ConnectError as exc:
            raise BriefError(f"cannot connect to {where} ({_reason(exc, self)}); is it "
                             "running and is the address right?") from None
        except fetch.Bounded as exc:
            raise BriefError(f"{where} failed on {path}: {exc.why}; not read "
                             "further") from None
        except (httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
            raise BriefError(f"{where} failed on {path}: {_reason(exc, self)}") from None

    def _refusal(self, status: int, error: str, path: str) -> str:
        """One line for an answer that retrying cannot fix (400, 403, 404, …)."""
        where = f"the LibreTranslate server at {self.shown}"
        if status == 403 or (status == 400 and "api key" in error.lower()):
            has = "refused the API key" if self.api_key else "needs an API key"
            return f"{where} {has} ({status} {error}); {self.key_hint}"
        if status == 400 and "limit" in error.lower():
            return (f"{where} rejected a batch ({error}); lower [translation] batch_size to "
                    "the server's --batch-limit")
        if status == 400:
            return (f"{where} rejected the request ({error}); it must be started with "
                    f"--load-only {FROM},{TO} and a {FROM}→{TO} model")
        return f"{where} answered {path} with {status} ({error})"


MAX_ANSWER = 16 * 2**20  # a batch of 32 long segments is ~100 kB of JSON


def _start(body: bytes) -> str:
    """The start of an answer's body as printable text, for a message."""
    return printable(body[:120].decode("utf-8", "replace")).strip()


def _error_text(r: fetch.Answer) -> str:
    """The server's {"error": …} message, or the start of the body."""
    try:
        body = json.loads(r.body.decode("utf-8"))
    except (ValueError, RecursionError):
        body = None
    if isinstance(body, dict) and "error" in body:
        return printable(str(body["error"]))[:200]
    return _start(r.body) or printable(r.reason)[:120]


def _retry_after(r: fetch.Answer) -> float | None:
    try:
        value = float(r.headers.get("Retry-After", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _reason(exc: Exception, backend: LibreTranslateBackend) -> str:
    """The innermost cause, e.g. 'Connection refused', without the URL noise (nor the
    password an address may carry)."""
    text = (str(exc) or type(exc).__name__).replace(backend.url, backend.shown)
    return printable(text.split("] ", 1)[-1])[:200]


def _env_name(value: str, where: str) -> str:
    if value and not value.replace("_", "").isalnum():
        raise BriefError(f"{where} api_key_env must be the name of an environment variable "
                         f"(like BRIEF_LT_API_KEY), not {value!r}")
    return value


# [translation] keys of this backend (brief.settings): read and checked by backends.choose
SETTINGS = Table("translation", (
    Key("url", str, "", "the LibreTranslate server, e.g. `http://mt.office.example:5000`",
        check=lambda v, where: check_url(v, f"{where} url")),
    Key("api_key_env", str, "", "the environment variable holding the server's API key",
        check=_env_name),
    Key("timeout", float, 60.0, "seconds a request may take in all (connect, retries, the "
        "whole answer)", low=1,
        high=3600),
), owner="libretranslate")


def create(settings: TranslationConfig) -> LibreTranslateBackend:
    """The server in [translation] url (or --server), checked to offer ja→en."""
    where = f"{settings.path}: [translation]" if settings.path is not None else "[translation]"
    url, var = settings.options["url"], settings.options["api_key_env"]
    if not var and os.environ.get(DEFAULT_KEY_ENV, "").strip():
        var = DEFAULT_KEY_ENV  # `--server URL` alone carries the key: never on a command line
    if not url:
        raise BriefError(f"{where} url is needed for the libretranslate backend (or pass "
                         "--server URL)")
    key = ""
    if var:
        key = os.environ.get(var, "").strip()
        if not key:
            raise BriefError(f"{where} api_key_env names {var}, which is not set: "
                             f"export {var}=YOUR_KEY")
        hint = f"set {var} to a key the server knows (ltmanage keys add)"
    else:
        hint = (f"export {DEFAULT_KEY_ENV}=YOUR_KEY (or name another variable in {where} "
                "api_key_env)")
    return LibreTranslateBackend(url, api_key=key, timeout=settings.options["timeout"],
                                 batch_size=settings.batch_size, key_hint=hint)
