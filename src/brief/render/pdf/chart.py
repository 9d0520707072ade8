"""A `Chart` as a reportlab Drawing: vector shapes and real text in the PDF (a reader can
select, search and zoom it; pdftotext finds its labels), in the brief's embedded faces."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Polygon, Rect, String
from reportlab.graphics.shapes import Line as RLine
from reportlab.lib import colors

from brief.render.document import JA, Box, Chart, Dot, Label, Line, Poly, Shape
from brief.render.pdf.fonts import FontSet

DASH = [2, 1.5]


def _colour(grey: str) -> colors.Color | None:
    return None if grey == "none" else colors.HexColor(grey)


def _shape(s: Shape, height: float, fonts: FontSet) -> object:
    """S in reportlab's coordinates (y up from the foot of the drawing)."""
    if isinstance(s, Box):
        return Rect(s.x, height - s.y - s.h, s.w, s.h, fillColor=_colour(s.fill),
                    strokeColor=_colour(s.stroke), strokeWidth=0.6)
    if isinstance(s, Line):
        return RLine(s.x1, height - s.y1, s.x2, height - s.y2, strokeColor=_colour(s.stroke),
                     strokeWidth=s.width, strokeDashArray=DASH if s.dash else None)
    if isinstance(s, Dot):
        return Circle(s.x, height - s.y, s.r, fillColor=_colour(s.fill),
                      strokeColor=_colour(s.stroke), strokeWidth=0.8,
                      strokeDashArray=DASH if s.dash else None)
    if isinstance(s, Poly):
        return Polygon([v for x, y in s.points for v in (x, height - y)],
                       fillColor=_colour(s.fill), strokeColor=None)
    assert isinstance(s, Label)
    font = fonts.ja if s.lang == JA else fonts.latin_bold if s.bold else fonts.latin
    return String(s.x, height - s.y, s.text, fontName=font, fontSize=s.size,
                  textAnchor=s.align, fillColor=colors.black)


def drawing(chart: Chart, fonts: FontSet, width: float, height: float) -> Drawing:
    """CHART as a Drawing no wider than WIDTH nor taller than HEIGHT (scaled down to fit
    a narrower page; never up)."""
    scale = min(1.0, width / chart.width, height / chart.height)
    d = Drawing(chart.width * scale, chart.height * scale)
    d.initialFontName = fonts.latin  # not reportlab's Helvetica, which the PDF never embeds
    for s in chart.shapes:
        d.add(_shape(s, chart.height, fonts))
    if scale < 1:
        d.scale(scale, scale)
    return d
