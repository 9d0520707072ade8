"""Read source files (text in any common Japanese encoding, HTML, or a PDF, Word file or
saved mail through read/documents.py) into `Source`s.

Only files that resolve inside the sources folder are read: a symlink out of it (to a
system file, another project) is refused unless the build says `--follow-links`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import cast

from brief.config import read_toml
from brief.errors import BriefError, check_inside, check_regular, has_control, read_input, shown
from brief.model import Source
from brief.read.boilerplate import is_boilerplate, strip_boilerplate
from brief.read.credibility import RELIABILITY as KIND_RELIABILITY
from brief.read.credibility import Credibility, assess
from brief.read.documents import DOCUMENT_SUFFIXES, document_text
from brief.vocab import Reliability, SourceKind, values

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SIDECAR = "sources.toml"
MAX_BYTES = 20 * 1024 * 1024  # a saved page (HTML with inline scripts) may be large
# Article text: a long report is ~100 kB; 2 MiB is a thousand pages and still builds in
# seconds, while a 15 MB dump would take minutes of analysis. Checked on the file (text
# sources) and on the text extracted from HTML.
MAX_TEXT_BYTES = 2 * 1024 * 1024
_SIDECAR_KEYS = {"title", "outlet", "url", "published", "kind", "reliability"}
_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")
_JA_ENCODINGS = ["cp932", "euc_jp", "iso2022_jp", "utf_16", "utf_16_le", "utf_16_be"]


_ISO2022_ESCAPE = re.compile(rb"\x1b(?:\$[@B]|\$\([DOPQ]|\(J|\(I)")


@dataclass
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes, name: str) -> Decoded:
    """Decode text, detecting BOMs, UTF-8, Shift_JIS/CP932, EUC-JP, ISO-2022-JP and UTF-16.

    Raises BriefError naming the file when the bytes are binary or no encoding fits.
    """
    if not data.strip():
        raise BriefError(f"{name}: file is empty")
    if data.startswith(_BINARY_MAGIC):
        raise BriefError(f"{name}: binary file (not text or HTML); remove it from the sources")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _utf16_text(Decoded(data.decode(enc), enc), name)
            except UnicodeDecodeError as exc:
                raise BriefError(f"{name}: has a {enc} byte-order mark but invalid bytes at "
                                 f"offset {exc.start}") from None
    # ISO-2022-JP (JIS, old mail archives) is 7-bit: it would pass as UTF-8 and stay garbage.
    if _ISO2022_ESCAPE.search(data):
        for enc in ("iso2022_jp", "iso2022_jp_2", "iso2022_jp_3", "iso2022_jp_ext"):
            try:
                return Decoded(data.decode(enc), enc)
            except UnicodeDecodeError:
                continue
        raise BriefError(f"{name}: has ISO-2022-JP escape sequences but does not decode as "
                         "ISO-2022-JP; save it as UTF-8")
    # UTF-16 without BOM: every other byte is NUL for ASCII-heavy text.
    if data.count(b"\x00") > len(data) // 8:
        even, odd = data[0::2].count(0), data[1::2].count(0)
        enc = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return _utf16_text(Decoded(data.decode(enc), enc), name)
        except UnicodeDecodeError:
            raise BriefError(f"{name}: binary file (NUL bytes, not valid UTF-16)") from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_JA_ENCODINGS).best()
    if best is not None and best.chaos < 0.2:
        text = str(best)
        if _looks_like_text(text):
            return Decoded(text, best.encoding)
    line = data[: utf8_error.start].count(b"\n") + 1
    raise BriefError(f"{name}:{line}: cannot decode: not UTF-8 (invalid byte "
                     f"0x{data[utf8_error.start]:02x}) and no Japanese encoding fits")


def _utf16_text(decoded: Decoded, name: str) -> Decoded:
    """DECODED when it reads as text: almost any even-length binary (a quiet WAV, a table of
    small numbers) is valid UTF-16 and decodes to NULs, controls and CJK noise, while a
    real file has no NUL and almost every character it has is ASCII or JIS (cp932)."""
    if decoded.encoding.startswith("utf-16"):
        text = decoded.text.lstrip("\ufeff")
        odd = sum(1 for ch in text if not (" " <= ch <= "~" or ch in "\n\r\t" or _in_cp932(ch)))
        if "\x00" in text or not _looks_like_text(text) or odd > len(text) // 20:
            raise BriefError(f"{name}: binary file (it decodes as UTF-16 only to noise); "
                             "remove it from the sources")
    return decoded


def _in_cp932(ch: str) -> bool:
    if ch.isascii() or unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
        return False
    try:
        ch.encode("cp932")
    except UnicodeEncodeError:
        return False
    return True


def _looks_like_text(text: str) -> bool:
    bad = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn")
              and ch not in "\n\r\t")
    return bad <= len(text) // 100


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")


def normalise_text(text: str) -> str:
    """NFC, unified newlines, no control characters, lone surrogates or stray BOMs (they
    break DOCX/PDF)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = text.replace("\u3000", " ").replace("\u00a0", " ")
    return unicodedata.normalize("NFC", text)


# What makes a saved page big but carries no article text: scripts, styles, inline images.
# (JSON-LD scripts stay: they carry the page's date and title.)
_HEAVY = re.compile(r"<(script(?![^>]*ld\+json)|style|svg|noscript|template)\b[^>]*>.*?</\1\s*>",
                    re.S | re.I)
_DATA_URI = re.compile(r"data:[^\"')\s]{100,}")
MAX_MARKUP = 5_000_000  # the extractor's time grows faster than the page: 2 MB takes ~2 s


def extract_html(html: str, name: str) -> tuple[str, dict[str, str]]:
    """Article text and metadata from an HTML page, using trafilatura's extractor."""
    import trafilatura

    html = _HEAVY.sub("", _DATA_URI.sub("data:", html))
    if len(html) > MAX_MARKUP:
        raise BriefError(f"{name}: the page is {len(html) / 1e6:.0f} million characters of "
                         f"markup without scripts and styles; pages are limited to "
                         f"{MAX_MARKUP // 10**6} million (save the article alone, or split it)")
    text = trafilatura.extract(html, include_comments=False, include_tables=True,
                               favor_precision=True, deduplicate=True)
    if not text:
        raise BriefError(f"{name}: no article text found in the HTML")
    meta: dict[str, str] = {}
    doc = trafilatura.extract_metadata(html)
    if doc is not None:
        for key, attr in (("title", "title"), ("outlet", "sitename"), ("url", "url"),
                          ("published", "date")):
            value = getattr(doc, attr, None)
            if value:  # one line of clean text, like a sidecar field
                meta[key] = " ".join(normalise_text(str(value)).split())
    return text, meta


_DATE_FULL = re.compile(
    r"(?P<y>20\d\d|19\d\d)\s*(?:年|[-/.])\s*(?P<m>\d{1,2})\s*(?:月|[-/.])\s*(?P<d>\d{1,2})\s*日?")
_DATE_MONTH = re.compile(r"(?P<y>20\d\d|19\d\d)\s*年\s*(?P<m>\d{1,2})\s*月")


def derive_date(text: str) -> str:
    """The first full date in the text as YYYY-MM-DD, else the first year-month, else ''."""
    m = _DATE_FULL.search(text)
    if m and 1 <= int(m["m"]) <= 12 and 1 <= int(m["d"]) <= 31:
        return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
    m = _DATE_MONTH.search(text)
    if m and 1 <= int(m["m"]) <= 12:
        return f"{int(m['y']):04d}-{int(m['m']):02d}"
    return ""


_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:https?://|/)[^)\s]*\)")
_BARE_URL = re.compile(r"\(?https?://[^\s)）]+\)?")


def strip_markup_links(text: str) -> str:
    """Markdown links to their text; bare URLs out of prose ([詳報](https://…) -> 詳報)."""
    return _BARE_URL.sub("", _MD_LINK.sub(r"\1", text))


def derive_title(text: str) -> str:
    """The first line that is neither boilerplate nor a bare date."""
    for line in text.split("\n"):
        s = line.strip()
        if not s or is_boilerplate(s) or _DATE_FULL.fullmatch(s):
            continue
        return s[:120]
    return ""


def load_sidecar(directory: Path, follow_links: bool = False) -> dict[str, dict[str, str]]:
    """Per-file metadata from `sources.toml`: [\"file name\"] tables of title/outlet/url/..."""
    path = directory / SIDECAR
    if not path.exists():
        return {}
    check_inside(path, directory, follow_links, "sources")
    data = read_toml(path)
    out: dict[str, dict[str, str]] = {}
    for fname, meta in data.items():
        if not isinstance(meta, dict):
            raise BriefError(f"{path}: [{fname!r}] must be a table of metadata fields")
        if has_control(fname) or "/" in fname or "\\" in fname or fname in ("", ".", ".."):
            raise BriefError(f"{path}: [{fname!r}] is not a file name in {directory}")
        unknown = sorted(set(meta) - _SIDECAR_KEYS)
        if unknown:
            raise BriefError(f"{path}: unknown key(s) {', '.join(unknown)} in [{fname!r}] "
                             f"(allowed: {', '.join(sorted(_SIDECAR_KEYS))})")
        if not (directory / fname).exists():
            raise BriefError(f"{path}: [{fname!r}] names a file that is not in {directory}")
        out[fname] = {k: _sidecar_value(path, fname, k, v) for k, v in meta.items()}
    return out


RELIABILITY = values(Reliability)[1:]  # "" (unknown) is for derived values only


def _sidecar_value(path: Path, fname: str, key: str, value: object) -> str:
    """One sidecar field as text, checked: dates are real dates, reliability a known level."""
    where = f"{path}: [{fname!r}] {key}"
    if key == "published":
        text = value.isoformat() if isinstance(value, date) else value  # published = 2025-10-28
        if not isinstance(text, str) or not _valid_date(text):
            raise BriefError(f"{where} must be a date like 2025-10-28 or 2025-10, not {value!r}")
        return text
    if not isinstance(value, str):
        raise BriefError(f"{where} must be text in quotes, not {value!r}")
    bad = has_control(value, allowed="")
    if bad:  # a CR/LF in a url or outlet would break the Markdown footnote and mail headers
        raise BriefError(f"{where} contains the control character {bad} (one line of text, "
                         "please)")
    value = unicodedata.normalize("NFC", value.replace("\ufeff", ""))
    if key == "url" and any(ch.isspace() for ch in value):
        raise BriefError(f"{where} must be one URL without spaces, not {value!r}")
    if key == "reliability" and value not in RELIABILITY:
        raise BriefError(f"{where} must be one of {', '.join(RELIABILITY)}, not {value!r}")
    if key == "kind" and value not in values(SourceKind):
        raise BriefError(f"{where} must be one of {', '.join(values(SourceKind))}, "
                         f"not {value!r}")
    return value


def _valid_date(text: str) -> bool:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            date.fromisoformat(text)
            return True
        return bool(re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text))
    except ValueError:
        return False


def source_files(directory: Path, follow_links: bool = False) -> list[Path]:
    """The article files of the folder in name order; links out of it refused (see above)."""
    if not directory.is_dir():
        raise BriefError(f"{shown(directory)}: sources directory not found")
    # Every entry with an article's suffix, files or not: a FIFO, a device or a folder named
    # like an article is refused by name when read (read_input), never skipped unseen.
    files = sorted(p for p in directory.iterdir()
                   if p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | DOCUMENT_SUFFIXES)
    for p in files:
        check_inside(p, directory, follow_links, "sources")
    if not files:
        raise BriefError(f"{directory}: no sources (.txt, .md, .html, .pdf, .docx or .eml "
                         "files) to build from")
    return files


def read_source(path: Path, source_id: str, meta: dict[str, str] | None = None) -> Source:
    """Read one file into a Source with cleaned text and metadata (given or derived)."""
    name = shown(path)
    text, html_meta = _page_text(path, name)
    cleaned, _ = strip_boilerplate(strip_markup_links(text))
    if not cleaned.strip():
        raise BriefError(f"{name}: nothing left after removing page boilerplate")
    given = dict(meta or {})
    derived: list[str] = []
    cred = assess(text, given.get("outlet") or html_meta.get("outlet", ""),
                  given.get("url") or html_meta.get("url", ""))
    reason = _kind_of(given, cred, derived)
    fields = {}
    derivers: tuple[tuple[str, Callable[[], str]], ...] = (
        ("title", lambda: derive_title(cleaned)), ("published", lambda: derive_date(text)))
    for key, derive in derivers:
        if given.get(key):
            fields[key] = given[key]
        elif html_meta.get(key):
            fields[key] = html_meta[key]
        else:
            fields[key] = derive()
            if fields[key]:
                derived.append(key)
    return Source(
        id=source_id,
        path=shown(path.name),
        title=fields["title"],
        text=cleaned,
        outlet=given.get("outlet") or html_meta.get("outlet", ""),
        url=given.get("url") or html_meta.get("url", ""),
        published=fields["published"],
        # both checked against their vocabularies (_sidecar_value) or derived from them
        kind=cast(SourceKind, given["kind"]),
        reliability=cast(Reliability, given.get("reliability", "")),
        derived=derived,
        kind_reason=reason,
        origin=cred.origin,
    )


_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
MIN_JAPANESE = 20  # characters: the shortest news item is a sentence or two


def _page_text(path: Path, name: str) -> tuple[str, dict[str, str]]:
    """The file's text (a saved page's article text) and the page's metadata, size-checked
    before and after a page is reduced to its article."""
    is_html = path.suffix.lower() in HTML_SUFFIXES
    is_document = path.suffix.lower() in DOCUMENT_SUFFIXES
    limit = MAX_BYTES if is_html or is_document else MAX_TEXT_BYTES
    size = check_regular(path, 2**62)  # a FIFO, a device, a folder: refused, never read
    if size > limit:
        kind = ("saved pages" if is_html else "PDF, Word and mail sources" if is_document
                else "text sources")
        raise BriefError(f"{name}: file is {size / 1e6:.0f} MB; {kind} are limited to "
                         f"{limit // 2**20} MiB (split it or remove it)")
    html_meta: dict[str, str] = {}
    if is_document:
        raw, html_meta, is_html = document_text(path, name, read_input(path, limit))
        text = normalise_text(raw)
    else:
        text = normalise_text(decode_bytes(read_input(path, limit), name).text)
    if is_html or (not is_document and re.match(r"\s*<(!doctype|html)", text, re.I)):
        given = html_meta
        text, html_meta = extract_html(text, name)
        html_meta.update(given)  # a mail's subject, date and sender over the page's own
        text = normalise_text(text)
        if len(_JAPANESE.findall(text)) < MIN_JAPANESE:
            raise BriefError(f"{name}: no Japanese article in the page (its text is "
                             f"{' '.join(text.split())[:60]!r}: navigation or links only?); "
                             "save the article's page, or remove it")
    if (is_html or is_document) and len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise BriefError(f"{name}: the article text is over "
                         f"{MAX_TEXT_BYTES // 2**20} MiB; split it or remove it")
    return text, html_meta


def _kind_of(given: dict[str, str], cred: Credibility, derived: list[str]) -> str:
    """Fill GIVEN's kind and reliability from the page where the sidecar is silent (noted in
    DERIVED); the reason the Sources table shows."""
    reason = cred.reason
    if not given.get("kind"):
        given["kind"] = cred.kind
        derived.append("kind")
    else:
        reason = "kind given in " + SIDECAR
    if not given.get("reliability"):
        given["reliability"] = KIND_RELIABILITY.get(cast(SourceKind, given["kind"]), "")
    else:
        reason += "; reliability given in " + SIDECAR
    return reason


def read_sources(directory: Path, exclude: list[str] | None = None,
                 follow_links: bool = False) -> list[Source]:
    """Every source in the directory, in file-name order, with ids S1, S2, ..."""
    sidecar = load_sidecar(directory, follow_links)
    excluded = set(exclude or [])
    files = [p for p in source_files(directory, follow_links) if p.name not in excluded]
    if not files:
        raise BriefError(f"{directory}: every source is excluded by the config")
    return [read_source(p, f"S{i}", sidecar.get(p.name)) for i, p in enumerate(files, 1)]
