"""Translation backends: the one place a command gets the engine that translates.

A backend is one module here with `SETTINGS` (its own [translation] keys, as a
`brief.settings.Table`) and `create(settings)` returning a `Backend`; adding one is that module
plus one line in BACKENDS. The modules import their engines (argostranslate, ctranslate2, httpx)
inside functions, so `brief --help` and the glossary commands never load them.
`choose` is the only place that reads [translation] and the command-line overrides, so
`brief build` and `brief glossary suggest` always translate with the same engine.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Protocol

from brief.config import TranslationConfig, check_url
from brief.errors import BriefError
from brief.settings import Table, check_keys, markdown
from brief.translate.backends import argos, libretranslate


class Backend(Protocol):
    """Anything that translates a batch of Japanese strings to English in one call."""

    model_id: str  # names the engine and model version; part of every cache key
    batch_size: int  # segments per translate_batch call the translation stage makes

    def translate_batch(self, texts: list[str]) -> list[str]: ...


class BackendModule(Protocol):
    """What a backend module offers: its settings and a factory."""

    SETTINGS: Table

    def create(self, settings: TranslationConfig) -> Backend: ...


BACKENDS: dict[str, BackendModule] = {
    "argos": argos,  # a local Argos Translate package
    "libretranslate": libretranslate,  # a LibreTranslate server
}


def choose(settings: TranslationConfig | None = None, backend: str | None = None,
           server: str | None = None) -> TranslationConfig:
    """[translation] with the command line's --backend/--server applied, checked: its
    `options` become the chosen backend's keys, read by the backend's SETTINGS (defaults
    filled in). A key of another backend is still checked by its owner (so switching with
    --backend finds it valid), then left out.

    `--server URL` alone means the LibreTranslate backend at URL.
    """
    s = replace(settings) if settings is not None else TranslationConfig()
    where = f"{s.path}: [translation]" if s.path is not None else "[translation]"
    options = dict(s.options)
    if server is not None:
        options["url"] = check_url(server, "--server")
        s.backend, where = backend or "libretranslate", "--server"
    if backend is not None:
        s.backend, where = backend, "--backend"
    if s.backend not in BACKENDS:
        raise BriefError(f"{where} backend must be one of {', '.join(sorted(BACKENDS))}, "
                         f"not {s.backend!r}")
    s.options = _read_options(options, s.backend, s)
    return s


def _read_options(options: dict[str, Any], chosen: str,
                  s: TranslationConfig) -> dict[str, Any]:
    own = {"backend", "batch_size"}  # [translation]'s own keys (config.TRANSLATION)
    allowed = own | {k.name for m in BACKENDS.values() for k in m.SETTINGS.keys}
    check_keys("translation", options, allowed, s.path)
    read = {name: module.SETTINGS.read({k: v for k, v in options.items()
                                        if k in {key.name for key in module.SETTINGS.keys}},
                                       s.path)
            for name, module in BACKENDS.items()}
    return read[chosen]


def settings_table() -> str:
    """The README's table of every brief.toml setting, backends' keys included."""
    from brief.config import TABLES

    return markdown([*TABLES, *(m.SETTINGS for m in BACKENDS.values() if m.SETTINGS.keys)])


def get_backend(settings: TranslationConfig | None = None, backend: str | None = None,
                server: str | None = None) -> Backend:
    """The chosen backend, ready; a BriefError says what is missing (model, server, key)."""
    s = choose(settings, backend, server)
    return BACKENDS[s.backend].create(s)
