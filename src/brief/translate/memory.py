"""The translation memory: English a person approved, in glossary/memory.tmx (TMX 1.4b).

TMX is what OmegaT, memoQ and Trados exchange, so an office can share the memory with its
CAT tools. Entries are keyed by the normalised Japanese segment; an exact match is used as
is and never sent to the model. Fuzzy matches are only offered to the reviewer.
Read-modify-write holds an fcntl lock on a sidecar file (the TMX itself is replaced
atomically, so its inode changes); a broken file is a one-line error naming it.
"""

from __future__ import annotations

import fcntl
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from brief.atomic import atomic_write, sweep
from brief.clock import build_date
from brief.errors import BriefError, kind_of, read_input, shown

FILE_NAME = "memory.tmx"
SOURCE_LANG, TARGET_LANG = "ja-JP", "en-US"  # what CAT tools write; any ja-*/en-* is read
FUZZY_MIN = 85.0  # rapidfuzz ratio (0-100) from which a near match is offered


def normalise(ja: str) -> str:
    """The memory key: NFKC (full-width digits and letters folded), whitespace removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", ja))


@dataclass
class Entry:
    ja: str
    en: str
    changed: str = ""  # TMX changedate, YYYYMMDDThhmmssZ
    note: str = ""


@dataclass
class Fuzzy:
    score: float  # 0-100
    ja: str
    en: str


class Memory:
    """Approved translations by normalised Japanese; `path` None is an empty, unsaved memory."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, Entry] = {}
        if path is not None and path.exists():  # a FIFO or a folder there: refused by name
            self.entries = {normalise(e.ja): e for e in read_tmx(path)}

    def get(self, ja: str) -> str | None:
        e = self.entries.get(normalise(ja))
        return e.en if e else None

    def fuzzy(self, ja: str, limit: int = 3) -> list[Fuzzy]:
        """Near matches (>= FUZZY_MIN) other than the exact one, best first."""
        from rapidfuzz import fuzz, process

        key = normalise(ja)
        found = process.extract(key, [k for k in self.entries if k != key], scorer=fuzz.ratio,
                                score_cutoff=FUZZY_MIN, limit=limit)
        return [Fuzzy(round(score, 1), self.entries[k].ja, self.entries[k].en)
                for k, score, _ in found]

    def merge(self, entries: list[Entry], replace: bool = False) -> tuple[int, list[str]]:
        """A colleague's ENTRIES into this memory: (how many new or changed, the Japanese
        of each conflict). A conflict (same Japanese, other English) keeps this memory's
        English unless REPLACE; the colleague's dates and notes travel with their entries."""
        if self.path is None:
            raise BriefError("no translation memory file to write")
        with _locked(self.path):
            current = ({normalise(e.ja): e for e in read_tmx(self.path)}
                       if self.path.exists() else {})
            changed, conflicts = 0, []
            for e in entries:
                key = normalise(e.ja)
                mine = current.get(key)
                if mine is not None and mine.en == e.en:
                    continue
                if mine is not None and not replace:
                    conflicts.append(e.ja)
                    continue
                current[key] = e
                changed += 1
            if changed:
                atomic_write(self.path, tmx_bytes(list(current.values())))
            self.entries = current
        return changed, conflicts

    def add(self, pairs: list[tuple[str, str]], note: str = "") -> int:
        """Store PAIRS (ja, en) and save under the lock, merged with what another process
        may have written meanwhile; returns how many entries were new or changed."""
        if self.path is None:
            raise BriefError("no translation memory file to write")
        stamp = build_date().strftime("%Y%m%dT%H%M%SZ")
        with _locked(self.path):
            current = ({normalise(e.ja): e for e in read_tmx(self.path)}
                       if self.path.exists() else {})
            changed = 0
            for ja, en in pairs:
                key = normalise(ja)
                if key in current and current[key].en == en:
                    continue
                current[key] = Entry(ja, en, stamp, note)
                changed += 1
            if changed:
                atomic_write(self.path, tmx_bytes(list(current.values())))
            self.entries = current
        return changed


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_name(f".{path.name}.lock")
    try:  # never blocks on a FIFO put in its place; a folder or a device is refused
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | os.O_NOFOLLOW
                     | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if not os.path.lexists(lock):  # a read-only folder: no lock file to blame
            raise BriefError(f"{shown(path.parent)}: cannot write in this folder "
                             f"({exc.strerror}); {path.name} not changed") from None
        raise BriefError(f"{shown(lock)}: cannot use the lock file ({exc.strerror}); "
                         "remove it if nothing else is using it") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise BriefError(f"{shown(lock)}: the lock file is {kind_of(mode)}, not a file; "
                             "remove it")
        fcntl.flock(fd, fcntl.LOCK_EX)
        sweep(path.parent)  # a killed write's temporary memory file
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _tool_version() -> str:
    try:
        return version("brief")
    except PackageNotFoundError:
        return "0"


def tmx_bytes(entries: list[Entry]) -> bytes:
    """TMX 1.4b: one <tu> per entry, ja then en, in Japanese order (stable diffs)."""
    from lxml import etree

    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", creationtool="brief",
                     creationtoolversion=_tool_version(), segtype="sentence", adminlang="en",
                     srclang=SOURCE_LANG, datatype="plaintext", **{"o-tmf": "brief"})
    body = etree.SubElement(root, "body")
    for e in sorted(entries, key=lambda e: normalise(e.ja)):
        tu = etree.SubElement(body, "tu", srclang=SOURCE_LANG,
                              **({"changedate": e.changed} if e.changed else {}))
        if e.note:
            etree.SubElement(tu, "note").text = e.note
        for lang, text in ((SOURCE_LANG, e.ja), (TARGET_LANG, e.en)):
            tuv = etree.SubElement(tu, "tuv", {xml_lang: lang})
            etree.SubElement(tuv, "seg").text = text
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                 pretty_print=True, doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
    return data


MAX_XML = 256 * 2**20  # a memory or review file of a large office is tens of MiB


def parse_xml(path: Path, what: str) -> Any:  # noqa: ANN401 - an lxml element
    """The root of an exchange file (TMX, XLIFF) read safely: no entities, DTDs or network
    (a review file comes from outside), or a one-line error naming the file."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    data = read_input(path, MAX_XML)  # a regular file of a bounded size, or one line
    try:
        return etree.fromstring(data, parser)
    except (ValueError, etree.XMLSyntaxError) as exc:
        raise BriefError(f"{path}: not a readable {what} file ({exc})") from None


def read_tmx(path: Path) -> list[Entry]:
    """The ja/en pairs of a TMX file (any TMX tool's; other languages are ignored)."""
    root = parse_xml(path, "TMX")
    if root.tag != "tmx":
        raise BriefError(f"{path}: not a TMX file (root element <{root.tag}>)")
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    out: list[Entry] = []
    for tu in root.iter("tu"):
        segs: dict[str, str] = {}
        for tuv in tu.iter("tuv"):
            lang = (tuv.get(xml_lang) or tuv.get("lang") or "").lower().split("-")[0]
            seg = tuv.find("seg")
            if seg is not None:
                segs[lang] = "".join(seg.itertext()).strip()
        if segs.get("ja") and segs.get("en"):
            note = tu.find("note")
            out.append(Entry(segs["ja"], segs["en"], tu.get("changedate", ""),
                             note.text or "" if note is not None else ""))
    return out
