"""Translation backends: the one place a command gets the engine that translates.

A backend is one module here with a `create()` function returning a `Backend`; adding one
is that module plus one line in BACKENDS. Modules load only when chosen, so `brief --help`
and the glossary commands never import argostranslate or ctranslate2.
"""

from __future__ import annotations

from importlib import import_module
from typing import Protocol

from brief.errors import BriefError


class Backend(Protocol):
    """Anything that translates a batch of Japanese strings to English in one call."""

    model_id: str  # names the engine and model version; part of every cache key

    def translate_batch(self, texts: list[str]) -> list[str]: ...


BACKENDS: dict[str, str] = {
    "argos": "brief.translate.backends.argos",  # a local Argos Translate package
}


def get_backend(name: str = "argos") -> Backend:
    """The backend NAME, loaded; a BriefError says what is missing (model, server)."""
    if name not in BACKENDS:
        raise BriefError(f"unknown translation backend {name!r} "
                         f"(choose from {', '.join(sorted(BACKENDS))})")
    backend: Backend = import_module(BACKENDS[name]).create()
    return backend
