"""A translation backend with one setting, written as ARCHITECTURE.md's recipe says: this module
plus one line in translate.backends.BACKENDS (tests/test_settings.py adds the line)."""

from __future__ import annotations

from dataclasses import dataclass

from brief.config import TranslationConfig
from brief.settings import Key, Table

SETTINGS = Table("translation", (
    Key("prefix", str, "EN:", "what the toy puts before each text"),
), owner="toy")


@dataclass
class ToyBackend:
    prefix: str
    batch_size: int
    model_id: str = "toy:1"

    def translate_batch(self, texts: list[str]) -> list[str]:
        return [f"{self.prefix} {len(t)} characters" for t in texts]


def create(settings: TranslationConfig) -> ToyBackend:
    return ToyBackend(settings.options["prefix"], settings.batch_size)
