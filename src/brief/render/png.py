"""A `Chart` as a PNG for the DOCX (Word and LibreOffice show a PNG everywhere; the HTML
has the SVG and the PDF vectors): the same shapes, drawn by Pillow at SCALE pixels a point
in the brief's own TrueType faces, saved with no time, text chunk or other metadata, so
the same chart is the same bytes on every build."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from brief.render.document import JA, Box, Chart, Dot, Label, Line, Poly, Shape

SCALE = 3  # pixels a point: 216 dpi, sharp in print
_ANCHOR = {"start": "ls", "middle": "ms", "end": "rs"}  # Pillow's: left/middle/right, baseline


@lru_cache(maxsize=16)
def _font(path: str, size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, max(1, round(size * SCALE)))


def _fill(grey: str) -> str | None:
    return None if grey == "none" else grey


def _dashes(draw: ImageDraw.ImageDraw, a: tuple[float, float], b: tuple[float, float],
            width: int) -> None:
    """A dashed line from A to B (Pillow draws none): 2 points on, 1.5 off."""
    (x1, y1), (x2, y2) = a, b
    length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1e-9)
    on, gap, t = 2 * SCALE, 1.5 * SCALE, 0.0
    while t < length:
        e = min(t + on, length)
        draw.line([(x1 + (x2 - x1) * t / length, y1 + (y2 - y1) * t / length),
                   (x1 + (x2 - x1) * e / length, y1 + (y2 - y1) * e / length)], "#000000", width)
        t = e + gap


def _shape(draw: ImageDraw.ImageDraw, s: Shape, faces: dict[str, str]) -> None:
    k = SCALE
    if isinstance(s, Box):
        draw.rectangle([s.x * k, s.y * k, (s.x + s.w) * k, (s.y + s.h) * k], _fill(s.fill),
                       _fill(s.stroke), 2 if s.stroke != "none" else 0)
    elif isinstance(s, Line):
        width = max(1, round(s.width * k))
        if s.dash:
            _dashes(draw, (s.x1 * k, s.y1 * k), (s.x2 * k, s.y2 * k), width)
        else:
            draw.line([(s.x1 * k, s.y1 * k), (s.x2 * k, s.y2 * k)], s.stroke, width)
    elif isinstance(s, Dot):
        box = [(s.x - s.r) * k, (s.y - s.r) * k, (s.x + s.r) * k, (s.y + s.r) * k]
        if not s.dash:
            draw.ellipse(box, _fill(s.fill), _fill(s.stroke), 2)
            return
        draw.ellipse(box, _fill(s.fill))
        for start in range(0, 360, 40):  # a dashed outline: arcs with gaps
            draw.arc(box, start, start + 24, _fill(s.stroke) or "#000000", 2)
    elif isinstance(s, Poly):
        draw.polygon([(x * k, y * k) for x, y in s.points], _fill(s.fill))
    elif isinstance(s, Label):
        face = faces["ja"] if s.lang == JA else faces["bold"] if s.bold else faces["regular"]
        draw.text((s.x * k, s.y * k), s.text, "#000000", _font(face, s.size), _ANCHOR[s.align])


def brief_faces() -> dict[str, str]:
    """The TrueType files of the PDF's faces (fonts.register found them), so the DOCX's
    pictures are lettered as the PDF is."""
    from reportlab.pdfbase import pdfmetrics

    from brief.render.pdf.fonts import register

    fonts = register()
    return {kind: str(pdfmetrics.getFont(name).face.filename)
            for kind, name in (("regular", fonts.latin), ("bold", fonts.latin_bold),
                               ("ja", fonts.ja))}


def png(chart: Chart, faces: dict[str, str]) -> bytes:
    """CHART as PNG bytes. FACES: the TrueType files of the 'regular', 'bold' and 'ja' text."""
    image = Image.new("L", (round(chart.width * SCALE), round(chart.height * SCALE)), 255)
    draw = ImageDraw.Draw(image)
    for s in chart.shapes:
        _shape(draw, s, faces)
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=False, dpi=(72 * SCALE, 72 * SCALE))
    return buf.getvalue()
