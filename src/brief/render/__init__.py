"""Writers: each turns the brief's one Document (render/document.py) into one format.

WRITERS is the only list of output formats: the CLI's --format choices and the default
build read it. A new format is one module with `render(doc: Document, opts: RenderOptions)
-> bytes` plus one line here, naming a loader that imports it; the JSON writer alone takes
the Brief (it is the model's serialisation). Modules load only when used, so `brief --help`
never imports reportlab.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from brief.atomic import RECORD, read_record, replace_set

__all__ = ["PREVIOUS", "RECORD", "WRITERS", "read_record", "write_outputs"]  # the record: atomic.py
from brief.errors import BriefError
from brief.timing import Stages

if TYPE_CHECKING:
    from brief.config import Config
    from brief.model import Brief
    from brief.options import BuildOptions
    from brief.render.document import Document, RenderOptions


class DocumentWriter(Protocol):
    """A writer module: the brief's Document in one format."""

    def render(self, doc: Document, opts: RenderOptions) -> bytes: ...


class BriefWriter(Protocol):
    """The JSON writer: the model's own serialisation, from the Brief."""

    def render(self, brief: Brief) -> bytes: ...


@dataclass(frozen=True)
class Writer:
    name: str  # the --format value and the file extension
    load: Callable[[], DocumentWriter | BriefWriter]  # imports its module when first used
    description: str
    reads: str = "document"  # what its render takes: the Document, or the Brief itself

    def render(self, brief: Brief, config: Config) -> bytes:
        """BRIEF in this format (the Document built for it alone)."""
        return self.render_document(brief, document_of(brief, config), options(config))

    def render_document(self, brief: Brief, doc: Document, opts: RenderOptions) -> bytes:
        module = self.load()
        if self.reads == "brief":
            return cast("BriefWriter", module).render(brief)
        return cast("DocumentWriter", module).render(doc, opts)


def options(config: Config, reference_doc: Path | None = None) -> RenderOptions:
    """The settings writers use, and nothing else of the Config (REFERENCE_DOC, from
    --reference-doc, over brief.toml's)."""
    from brief.render.document import RenderOptions

    return RenderOptions(page_size=config.page_size, east_asian_font=config.east_asian_font,
                         reference_doc=str(reference_doc or config.reference_doc))


def document_of(brief: Brief, config: Config) -> Document:
    """The brief's Document; brief.toml's subject when it sets one (not the default)."""
    from brief.config import Config as Defaults
    from brief.render.document_builder import build

    subject = config.subject if config.subject != Defaults.subject else ""
    return build(brief, subject, config.key_figures, config.body_conflicts)


# Each loader is a plain import, so mypy and the layout test follow it; it runs only when the
# format is written, so `brief --help` never imports reportlab or python-docx.
def _json() -> BriefWriter:
    from brief.render import json_writer

    return json_writer


def _md() -> DocumentWriter:
    from brief.render import markdown_writer

    return markdown_writer


def _docx() -> DocumentWriter:
    from brief.render.docx import writer

    return writer


def _pdf() -> DocumentWriter:
    from brief.render.pdf import writer

    return writer


def _accessible_pdf() -> DocumentWriter:
    from brief.render.pdf import accessible

    return accessible


def _html() -> DocumentWriter:
    from brief.render import html_writer

    return html_writer


WRITERS: dict[str, Writer] = {w.name: w for w in (
    Writer("json", _json, "the brief model (src/brief/brief.schema.json)", reads="brief"),
    Writer("md", _md, "Markdown with footnotes"),
    Writer("docx", _docx, "Word, with real footnotes"),
    Writer("pdf", _pdf, "PDF, notes at the foot of each page"),
    Writer("html", _html, "one self-contained web page, bilingual switch"),
)}


# How the PDF is made (`brief build --pdf-engine`): the standard one is small and
# byte-reproducible with notes at each page's foot; the accessible one is a tagged PDF/UA.
PDF_ENGINES: dict[str, Writer] = {w.name: w for w in (
    Writer("standard", _pdf, "reportlab: compact, reproducible"),
    Writer("accessible", _accessible_pdf,
           "tagged PDF/UA (structure tree, /Lang) via LibreOffice from the DOCX"),
)}


_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")


def romanised(text: str) -> str:
    """TEXT with its Japanese in Hepburn romaji (pykakasi), so a Japanese title (a
    `--no-translate` build's) names a file by its words, not only its digits."""
    if not _JAPANESE.search(text):
        return text
    import pykakasi

    converter = pykakasi.kakasi()  # type: ignore[no-untyped-call]
    return " ".join(part["hepburn"] for part in converter.convert(text))


def slug(text: str) -> str:
    """ASCII file-name slug: 'US–Japan Summit' -> 'us-japan-summit', '日米首脳会談' ->
    'nichibei-shunoukaidan'."""
    s = re.sub(r"[^A-Za-z0-9]+", "-", romanised(text)).strip("-").lower()
    return s[:60].rstrip("-") or "brief"


def output_stem(brief: Brief, dated: bool) -> str:
    return f"{brief.date}_{slug(brief.title)}" if dated else "brief"


PREVIOUS = "previous.json"  # in out/: the brief.json this build's change marks compare with


def write_outputs(brief: Brief, config: Config, opts: BuildOptions,
                  stages: Stages | None = None, previous: bytes = b"",
                  doc: Document | None = None) -> list[Path]:
    """Render every requested format (all by default); each file is replaced atomically.
    STAGES, when given, gets each writer's time. PREVIOUS: the bytes of the brief.json the
    marks compare with, kept as out/previous.json in the same set (so `brief diff` and the
    next build find the very file, and a failed build keeps the old one). DOC: the brief's
    Document when the caller built it already (`document_of`)."""
    formats = opts.formats or tuple(WRITERS)
    stem = output_stem(brief, opts.dated_name)
    # Render everything before writing anything: a renderer failing half-way must not
    # leave a new DOCX beside an old PDF.
    writers = {**WRITERS, "pdf": PDF_ENGINES[opts.pdf_engine]}
    if doc is None:  # built once, for every writer
        doc = document_of(brief, config)
    ropts = options(config, opts.reference_doc)
    rendered = []
    for fmt in formats:
        with (stages or Stages()).timed(f"render {fmt}"):
            data = writers[fmt].render_document(brief, doc, ropts)
            rendered.append((opts.out / f"{stem}.{fmt}", data))
    try:
        opts.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefError(f"{opts.out}: cannot create the output directory "
                         f"({exc.strerror})") from None
    # The build's own record, replaced last: `brief email` and the other readers find this
    # build's files (dated names included) from it and can tell them from older or edited ones.
    record = {"schema_version": 1, "date": brief.date, "title": brief.title,
              "outputs": {path.suffix[1:]: {"file": path.name,
                                            "sha256": hashlib.sha256(data).hexdigest()}
                          for path, data in rendered}}
    kept = [(PREVIOUS, previous)] if previous else []
    if kept:
        record["kept"] = {"previous": {"file": PREVIOUS,
                                       "sha256": hashlib.sha256(previous).hexdigest()}}
    replace_set(opts.out, [(path.name, data) for path, data in rendered] + kept
                + [(RECORD, (json.dumps(record, indent=2) + "\n").encode())], opts.follow_links)
    return [path for path, _ in rendered]
