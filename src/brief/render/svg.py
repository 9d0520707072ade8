"""A `Chart` as inline SVG for the HTML: its <title> and <desc> first (what a screen reader
announces), each shape as one element, a shape that leads somewhere inside an <a>.

Written by hand rather than by reportlab's renderSVG, which stamps no title of ours and names
its clip paths with fixed ids that would collide between two pictures on one page: here the
only ids are the chart's own (made from its anchor), nothing depends on the time or on a
counter, and every text and attribute goes through render/escape.py.
"""

from __future__ import annotations

from brief.render.document import EN, Box, Chart, Dot, Line, Poly, Shape
from brief.render.escape import html_attr, html_text

FONTS = {EN: '"DejaVu Serif","Noto Serif",Georgia,serif',
         "ja": '"IPAexMincho","Yu Mincho","Hiragino Mincho ProN","Noto Serif CJK JP",serif'}
_ANCHOR = {"start": "start", "middle": "middle", "end": "end"}


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros: the same on every
    machine (no float repr noise), and short."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _linked(element: str, href: str, name: str = "") -> str:
    """ELEMENT inside a link to HREF; NAME: what the link says when its element is a shape
    (a text is its own name)."""
    if not href:
        return element
    label = f' aria-label="{html_attr(name)}"' if name else ""
    return f'<a href="{html_attr(href)}"{label}>{element}</a>'


def _dash(dash: bool) -> str:
    return ' stroke-dasharray="2 1.5"' if dash else ""


def _shape(s: Shape) -> str:
    if isinstance(s, Box):
        return _linked(f'<rect x="{_n(s.x)}" y="{_n(s.y)}" width="{_n(s.w)}" '
                       f'height="{_n(s.h)}" fill="{html_attr(s.fill)}" '
                       f'stroke="{html_attr(s.stroke)}" stroke-width="0.6"/>', s.href,
                       s.name)
    if isinstance(s, Line):
        return (f'<line x1="{_n(s.x1)}" y1="{_n(s.y1)}" x2="{_n(s.x2)}" y2="{_n(s.y2)}" '
                f'stroke="{html_attr(s.stroke)}" stroke-width="{_n(s.width)}"{_dash(s.dash)}/>')
    if isinstance(s, Dot):
        return _linked(f'<circle cx="{_n(s.x)}" cy="{_n(s.y)}" r="{_n(s.r)}" '
                       f'fill="{html_attr(s.fill)}" stroke="{html_attr(s.stroke)}" '
                       f'stroke-width="0.8"{_dash(s.dash)}/>', s.href, s.name)
    if isinstance(s, Poly):
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in s.points)
        return _linked(f'<polygon points="{points}" fill="{html_attr(s.fill)}"/>', s.href,
                       s.name)
    lang = "" if s.lang == EN else f' lang="{html_attr(s.lang)}"'
    weight = ' font-weight="bold"' if s.bold else ""
    face = html_attr(FONTS.get(s.lang, FONTS[EN]))
    return _linked(f'<text x="{_n(s.x)}" y="{_n(s.y)}" font-size="{_n(s.size)}" '
                   f'text-anchor="{_ANCHOR[s.align]}" font-family="{face}"'
                   f'{weight}{lang}>{html_text(s.text)}</text>', s.href)


def svg(chart: Chart) -> str:
    """CHART as an <svg> element that scales to the page's width (its viewBox in points): a
    group named by its <title> and described by its <desc>, not role="img", since its
    circles and cells are links a keyboard and a screen reader can follow to the row."""
    ids = html_attr(chart.anchor)
    body = "".join(_shape(s) for s in chart.shapes)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(chart.width)} '
            f'{_n(chart.height)}" role="group" aria-labelledby="{ids}-title" '
            f'aria-describedby="{ids}-desc" '
            f'class="chart" id="{ids}">'
            f'<title id="{ids}-title">{html_text(chart.title)}</title>'
            f'<desc id="{ids}-desc">{html_text(chart.desc)}</desc>{body}</svg>')
