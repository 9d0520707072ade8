"""What a PDF viewer would draw as tofu, read from the PDF file itself (not from the writer's
own list of strings): every text-showing operator on every page, in page content and in the
form XObjects and annotation appearances it paints, with each code looked up in the embedded
font program. A code whose glyph is .notdef (glyph 0) or that the font's character map lacks
is a missing glyph; the outline (bookmarks) and the document information, which the viewer
draws in its own face, must hold no replacement mark, no [U+XXXX] and no control character.

Handles the fonts the project's two engines embed: reportlab's single-byte TrueType subsets
and LibreOffice's Type0/CIDFontType2 (Identity-H) fonts.
"""

from __future__ import annotations

import io
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

_SHOW = {"Tj", "TJ", "'", '"'}
_BAD_TEXT = re.compile(r"[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f]|\[U\+[0-9A-F]{4,6}\]")


@dataclass
class Missing:
    """One drawn code without a glyph: where, in which font, and what it was meant to be."""

    page: int
    font: str
    char: str


@dataclass
class Report:
    pages: int = 0
    codes: int = 0  # codes drawn, all pages
    missing: list[Missing] = field(default_factory=list)
    bad_strings: list[tuple[str, str]] = field(default_factory=list)  # (where, text)


def _to_unicode(font: Any) -> dict[int, str]:
    """The font's ToUnicode map (bfchar and bfrange), code -> text."""
    out: dict[int, str] = {}
    tu = font.get("/ToUnicode")
    if tu is None:
        return out
    data = tu.read_bytes().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                                      block):
            base = int(dst, 16)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(base + i)
    return out


def _sfnt(data: bytes) -> tuple[dict[int, int], int]:
    """(code -> glyph id from the first byte-code cmap subtable (format 0, 4 or 6), number of
    glyphs) of a TrueType program: the subsets' own map of the codes the page shows."""
    tables = {data[12 + 16 * i:16 + 16 * i].decode("latin-1"):
              struct.unpack(">II", data[20 + 16 * i:28 + 16 * i])
              for i in range(struct.unpack(">H", data[4:6])[0])}
    num = struct.unpack(">H", data[tables["maxp"][0] + 4:tables["maxp"][0] + 6])[0]
    if "cmap" not in tables:
        return {}, num
    base = tables["cmap"][0]
    out: dict[int, int] = {}
    for i in range(struct.unpack(">H", data[base + 2:base + 4])[0]):
        off = base + struct.unpack(">I", data[base + 8 + 8 * i:base + 12 + 8 * i])[0]
        fmt = struct.unpack(">H", data[off:off + 2])[0]
        if fmt == 0:
            out = {c: data[off + 6 + c] for c in range(256)}
        elif fmt == 6:
            first, count = struct.unpack(">HH", data[off + 6:off + 10])
            ids = struct.unpack(f">{count}H", data[off + 10:off + 10 + 2 * count])
            out = {first + k: g for k, g in enumerate(ids)}
        elif fmt == 4:
            out = _format4(data, off)
        if out:
            break
    return out, num


def _format4(data: bytes, off: int) -> dict[int, int]:
    n = struct.unpack(">H", data[off + 6:off + 8])[0] // 2
    arr = struct.unpack(f">{4 * n + 1}H", data[off + 14:off + 14 + 2 * (4 * n + 1)])
    ends, starts, deltas, offs = arr[:n], arr[n + 1:2 * n + 1], arr[2 * n + 1:3 * n + 1], \
        arr[3 * n + 1:]
    out: dict[int, int] = {}
    ro_base = off + 16 + 6 * n
    for k in range(n):
        for c in range(starts[k], ends[k] + 1):
            if c == 0xFFFF:
                continue
            if offs[k] == 0:
                out[c] = (c + deltas[k]) & 0xFFFF
            else:
                at = ro_base + 2 * k + offs[k] + 2 * (c - starts[k])
                g = struct.unpack(">H", data[at:at + 2])[0]
                out[c] = (g + deltas[k]) & 0xFFFF if g else 0
    return out


class _Font:
    """How to turn a shown string into (code, glyph id) pairs for one font resource."""

    def __init__(self, font: Any) -> None:
        self.name = str(font.get("/BaseFont", "?"))
        self.unicode = _to_unicode(font)
        self.cid = font.get("/Subtype") == "/Type0"
        desc = font.DescendantFonts[0] if self.cid else font
        self.cid_to_gid: bytes | None = None
        if self.cid:
            m = desc.get("/CIDToGIDMap")
            self.cid_to_gid = None if m is None or isinstance(m, pikepdf.Name) else m.read_bytes()
        fd = desc.get("/FontDescriptor")
        ff = fd.get("/FontFile2") if fd is not None else None
        self.glyphs: dict[int, int] = {}
        self.num_glyphs = 0
        if ff is not None:
            self.glyphs, self.num_glyphs = _sfnt(ff.read_bytes())
        self.embedded = ff is not None

    def glyph_ids(self, raw: bytes) -> list[tuple[int, int | None]]:
        if self.cid:
            codes = [int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw) - 1, 2)]
            if self.cid_to_gid is None:
                return [(c, c) for c in codes]
            m = self.cid_to_gid
            return [(c, int.from_bytes(m[2 * c:2 * c + 2], "big") if 2 * c + 1 < len(m) else 0)
                    for c in codes]
        return [(c, self.glyphs.get(c)) for c in raw]


def _strings(operands: list[Any], op: str) -> list[bytes]:
    if op == "TJ":
        return [bytes(x) for x in operands[0] if isinstance(x, pikepdf.String)]
    return [bytes(operands[-1])]


def _scan(content: Any, resources: Any, page: int, report: Report,
          fonts: dict[Any, _Font], depth: int = 0) -> None:
    """Every code shown in CONTENT (a page or a form XObject), its forms walked too."""
    font: _Font | None = None
    res_fonts = resources.get("/Font", {}) if resources is not None else {}
    xobjects = resources.get("/XObject", {}) if resources is not None else {}
    for instr in pikepdf.parse_content_stream(content):
        if not isinstance(instr, pikepdf.ContentStreamInstruction):
            continue  # an inline image draws no text
        operands, op = list(instr.operands), str(instr.operator)
        if op == "Tf":
            f = res_fonts.get(operands[0])
            if f is not None:
                key = f.objgen
                font = fonts.get(key)
                if font is None:  # read once a font (setdefault read it at every Tf)
                    font = fonts[key] = _Font(f)
        elif op in _SHOW and font is not None:
            for raw in _strings(operands, op):
                for code, gid in font.glyph_ids(raw):
                    report.codes += 1
                    ch = font.unicode.get(code, "")
                    if not font.embedded:
                        continue  # a standard 14 face: the viewer has every WinAnsi glyph
                    if (gid is None or gid == 0 or gid >= max(font.num_glyphs, 1)) and \
                            not ch.isspace():
                        report.missing.append(Missing(page, font.name, ch or f"<{code:x}>"))
        elif op == "Do" and depth < 8:
            x = xobjects.get(operands[0])
            if x is not None and x.get("/Subtype") == "/Form":
                _scan(x, x.get("/Resources", resources), page, report, fonts, depth + 1)


def _outline_titles(pdf: pikepdf.Pdf) -> list[str]:
    with pdf.open_outline() as outline:
        out: list[str] = []
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            out.append(item.title)
            stack.extend(item.children)
        return out


def check(path: Path | bytes) -> Report:
    """Every page's drawn codes, the annotations' appearances, the outline and metadata."""
    pdf = pikepdf.open(io.BytesIO(path) if isinstance(path, bytes) else path)
    report = Report(pages=len(pdf.pages))
    fonts: dict[Any, _Font] = {}
    for n, page in enumerate(pdf.pages, 1):
        _scan(page.obj, page.obj.get("/Resources"), n, report, fonts)
        for annot in page.obj.get("/Annots", []):
            ap = annot.get("/AP")
            normal = ap.get("/N") if ap is not None else None
            if isinstance(normal, pikepdf.Stream):
                _scan(normal, normal.get("/Resources"), n, report, fonts)
    strings = [("outline", t) for t in _outline_titles(pdf)]
    strings += [(f"info {k}", str(v)) for k, v in pdf.docinfo.items()]
    with pdf.open_metadata() as meta:
        strings += [(f"xmp {k}", str(v)) for k, v in meta.items()]
    report.bad_strings = [(w, t) for w, t in strings if _BAD_TEXT.search(t)]
    return report


if __name__ == "__main__":  # python tests/pdf_glyphs.py FILE.pdf ...
    import sys

    for arg in sys.argv[1:]:
        r = check(Path(arg))
        print(f"{arg}: {r.pages} pages, {r.codes} codes drawn, {len(r.missing)} missing "
              f"glyphs, {len(r.bad_strings)} bad strings")
        for m in r.missing[:10]:
            print(f"  page {m.page}: {m.font} {m.char!r}")
        for w, t in r.bad_strings[:10]:
            print(f"  {w}: {t[:80]!r}")
