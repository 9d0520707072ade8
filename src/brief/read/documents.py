"""Sources as analysts receive them: a PDF, a Word file, a saved e-mail.

Each is reduced to its text and the metadata it carries (title, date, and as the outlet a mail's
sender or a document's author when that is a listed outlet), then goes through the same
boilerplate, size and safety rules as a `.txt` (ingest.read_source): the file is size-checked
before it is opened and its text after. pypdf reads PDFs (a scanned PDF without a text layer is
refused: it needs OCR first), python-docx Word files, the standard library's `email` package
mails (the plain-text part, or the HTML part through the same extractor as a saved page;
attachments are ignored).
"""

from __future__ import annotations

import contextlib
import re
from datetime import datetime
from pathlib import Path

from brief.errors import BriefError
from brief.read.credibility import outlet_kind

DOCUMENT_SUFFIXES = {".pdf", ".docx", ".eml"}


def _day(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value is not None else ""


def _one_line(value: object) -> str:
    return " ".join(str(value or "").split())


def _outlet(author: object) -> dict[str, str]:
    """A document's author as its outlet, only when it is a listed outlet (日本経済新聞社,
    NHK): an author is usually a person, whose name is no outlet."""
    name = _one_line(author)
    return {"outlet": name} if name and outlet_kind(name) else {}


def pdf_text(path: Path, name: str) -> tuple[str, dict[str, str]]:
    """The text layer of every page, and the document's title and creation date."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise BriefError(f"{name}: the PDF is encrypted; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise BriefError(f"{name}: not a readable PDF ({exc})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise BriefError(f"{name}: the PDF has no text layer (a scan: run OCR on it first)")
    meta: dict[str, str] = {}
    if info is not None:
        if title := _one_line(info.title):
            meta["title"] = title
        try:
            created = info.creation_date
        except ValueError:  # a malformed /CreationDate: no date from the metadata
            created = None
        if created is not None:
            meta["published"] = _day(created)
        meta.update(_outlet(info.author))
    return text, meta


def docx_text(path: Path, name: str) -> tuple[str, dict[str, str]]:
    """The paragraphs and table cells of a Word file, its title and creation date."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise BriefError(f"{name}: not a readable Word (.docx) file ({exc})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("　".join(dict.fromkeys(c.text for c in row.cells)))
    props = document.core_properties
    meta = {"title": _one_line(props.title), "published": _day(props.created),
            **_outlet(props.author)}
    return "\n".join(lines), {k: v for k, v in meta.items() if v}


_ADDRESS = re.compile(r"<[^>]*>|\S+@\S+")


def eml_text(data: bytes, name: str) -> tuple[str, dict[str, str], bool]:
    """A saved mail's body (plain text, else HTML, which ingest reduces to its article like
    a saved page: the last value says so), subject, date and the sender's name (or domain)
    as the outlet."""
    from email import policy
    from email.parser import BytesParser
    from email.utils import parseaddr, parsedate_to_datetime

    msg = BytesParser(policy=policy.default).parsebytes(data)
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is None:
        raise BriefError(f"{name}: the mail has no text or HTML body")
    try:
        content = body.get_content()
    except (LookupError, ValueError) as exc:
        raise BriefError(f"{name}: the mail's body cannot be decoded ({exc})") from None
    meta: dict[str, str] = {}
    if subject := _one_line(msg.get("subject", "")):
        meta["title"] = subject
    # no or a malformed Date header: the date comes from the text
    with contextlib.suppress(TypeError, ValueError, IndexError):
        meta["published"] = _day(parsedate_to_datetime(str(msg.get("date", ""))))
    sender_name, address = parseaddr(str(msg.get("from", "")))
    outlet = _one_line(_ADDRESS.sub("", sender_name)) or address.rpartition("@")[2]
    if outlet:
        meta["outlet"] = outlet
    return str(content), meta, body.get_content_subtype() == "html"


def document_text(path: Path, name: str, data: bytes) -> tuple[str, dict[str, str], bool]:
    """Text, metadata and whether the text is HTML, of a PDF, Word or mail source (DATA:
    its bytes, already read and size-checked)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return (*pdf_text(path, name), False)
    if suffix == ".docx":
        return (*docx_text(path, name), False)
    return eml_text(data, name)
