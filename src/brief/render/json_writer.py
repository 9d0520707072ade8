"""The brief model as JSON, for review and diffing."""

from __future__ import annotations

import json

from brief.config import Config
from brief.model import Brief


def render(brief: Brief, config: Config) -> bytes:
    return (json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n").encode()
