"""What one `brief build` was asked to do: paths, formats, flags.

A leaf module: the pipeline fills it, the writers read it, neither imports the other for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class BuildOptions:
    sources: Path = Path("seeds")
    glossary: Path = Path("glossary")
    out: Path = Path("out")
    config: Path = Path("brief.toml")
    translate: bool = True
    strict: bool = False
    formats: tuple[str, ...] = ()  # empty: every registered writer (render.WRITERS)
    dated_name: bool = False
    pdf_engine: str = "standard"  # a key of render.PDF_ENGINES
    reference_doc: Path | None = None  # --reference-doc: over [output] reference_doc
    follow_links: bool = False  # read sources/glossary files that link outside their folder
    backend: str | None = None  # --backend: overrides [translation] backend
    server: str | None = None  # --server URL: a LibreTranslate server, overrides [translation]
