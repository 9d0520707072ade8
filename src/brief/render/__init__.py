"""Renderers: each turns the finished Brief into one format, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from brief.atomic import atomic_write
from brief.errors import BriefError

if TYPE_CHECKING:
    from brief.config import Config
    from brief.model import Brief
    from brief.pipeline import BuildOptions


def slug(text: str) -> str:
    """ASCII file-name slug: 'US–Japan Summit' -> 'us-japan-summit'."""
    s = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return s[:60].rstrip("-") or "brief"


def output_stem(brief: Brief, dated: bool) -> str:
    return f"{brief.date}_{slug(brief.title)}" if dated else "brief"


def write_outputs(brief: Brief, config: Config, opts: BuildOptions) -> list[Path]:
    """Render every requested format; each file is replaced atomically."""
    from brief.render import docx_writer, json_writer, markdown_writer, pdf_writer

    writers = {"json": json_writer.render, "md": markdown_writer.render,
               "docx": docx_writer.render, "pdf": pdf_writer.render}
    stem = output_stem(brief, opts.dated_name)
    # Render everything before writing anything: a renderer failing half-way must not
    # leave a new DOCX beside an old PDF.
    rendered = [(opts.out / f"{stem}.{fmt}", writers[fmt](brief, config)) for fmt in opts.formats]
    try:
        opts.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefError(f"{opts.out}: cannot create the output directory "
                         f"({exc.strerror})") from None
    for path, data in rendered:
        atomic_write(path, data)
    return [path for path, _ in rendered]
