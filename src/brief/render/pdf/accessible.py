"""The accessible PDF (`brief build --pdf-engine accessible`): tagged, PDF/UA, from the DOCX.

reportlab cannot write a structure tree, which Section 508 / PDF/UA require, so this engine
hands the brief's own DOCX (real headings, lists, tables, footnotes, ja-JP on Japanese) to
LibreOffice headless, a real component installed from the system's packages, and asks for a
tagged PDF/UA export with the document title displayed; `ua.finish` then fixes what that
export leaves short of PDF/UA-1 (notes' IDs, links' labels). LibreOffice stamps each export with
its own time and id, so unlike the standard PDF this one is not byte-reproducible.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from brief.errors import BriefError
from brief.render.document import Document, RenderOptions
from brief.render.docx.writer import render as render_docx
from brief.render.pdf.ua import finish

TIMEOUT_S = 300
EXPORT = {  # LibreOffice's writer_pdf_Export filter options
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "PDFUACompliance": {"type": "boolean", "value": "true"},
    "DisplayPDFDocumentTitle": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
    "ExportNotes": {"type": "boolean", "value": "false"},
}


def soffice() -> str:
    """The LibreOffice binary, or a one-line error saying how to get it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise BriefError("--pdf-engine accessible needs LibreOffice: install "
                         "libreoffice-writer (scripts/install.sh does) or use the standard "
                         "engine")
    return found


def render(doc: Document, opts: RenderOptions) -> bytes:
    binary = soffice()
    with tempfile.TemporaryDirectory(prefix="brief-accessible-") as tmp:
        work = Path(tmp)
        (work / "brief.docx").write_bytes(render_docx(doc, opts))
        cmd = [binary, f"-env:UserInstallation={(work / 'profile').as_uri()}",  # own profile:
               "--headless", "--norestore", "--convert-to",  # no lock shared with a desktop
               f"pdf:writer_pdf_Export:{json.dumps(EXPORT, separators=(',', ':'))}",
               "--outdir", str(work / "out"), str(work / "brief.docx")]
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S,
                                 check=False)
        except subprocess.TimeoutExpired:
            raise BriefError(f"--pdf-engine accessible: LibreOffice took over {TIMEOUT_S} s "
                             "to convert the brief") from None
        pdf = work / "out" / "brief.pdf"
        if run.returncode != 0 or not pdf.is_file():
            last = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
            raise BriefError(f"--pdf-engine accessible: LibreOffice could not convert the "
                             f"brief (exit {run.returncode}: {last[0]})")
        return finish(pdf.read_bytes())
