"""Translation backends: the one place a command gets the engine that translates.

A backend is one module here with a `create(settings)` function returning a `Backend`;
adding one is that module plus one line in BACKENDS. Modules load only when chosen, so
`brief --help` and the glossary commands never import argostranslate, ctranslate2 or httpx.
`get_backend` is the only place that reads [translation] and the command-line overrides, so
`brief build` and `brief glossary suggest` always translate with the same engine.
"""

from __future__ import annotations

from dataclasses import replace
from importlib import import_module
from typing import Protocol

from brief.config import TranslationConfig, check_url
from brief.errors import BriefError


class Backend(Protocol):
    """Anything that translates a batch of Japanese strings to English in one call."""

    model_id: str  # names the engine and model version; part of every cache key
    batch_size: int  # segments per translate_batch call the translation stage makes

    def translate_batch(self, texts: list[str]) -> list[str]: ...


BACKENDS: dict[str, str] = {
    "argos": "brief.translate.backends.argos",  # a local Argos Translate package
    "libretranslate": "brief.translate.backends.libretranslate",  # a LibreTranslate server
}


def choose(settings: TranslationConfig | None = None, backend: str | None = None,
           server: str | None = None) -> TranslationConfig:
    """[translation] with the command line's --backend/--server applied, checked.

    `--server URL` alone means the LibreTranslate backend at URL.
    """
    s = replace(settings) if settings is not None else TranslationConfig()
    where = f"{s.path}: [translation]" if s.path is not None else "[translation]"
    if server is not None:
        check_url(server, "--server")
        s.url, s.backend = server, backend or "libretranslate"
        where = "--server"
    if backend is not None:
        s.backend, where = backend, "--backend"
    if s.backend not in BACKENDS:
        raise BriefError(f"{where} backend must be one of {', '.join(sorted(BACKENDS))}, "
                         f"not {s.backend!r}")
    return s


def get_backend(settings: TranslationConfig | None = None, backend: str | None = None,
                server: str | None = None) -> Backend:
    """The chosen backend, ready; a BriefError says what is missing (model, server, key)."""
    s = choose(settings, backend, server)
    created: Backend = import_module(BACKENDS[s.backend]).create(s)
    return created
