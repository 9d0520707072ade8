"""The Document as one self-contained HTML5 page, for a phone or a desktop browser.

Everything is inline (styles, a few lines of no-network CSS; fonts are named, never fetched),
so the file can be mailed or opened offline. Notes are links with return links; a
"Show Japanese" switch puts each English text's original beside it (a text shown in Japanese
has none to show). The switch is a checkbox styled by CSS alone, so it works with scripts
disabled too. Every run in another language than English carries its lang. Text and
attribute values go through render/escape.py alone, and a Content-Security-Policy forbids
every script, so no data can become code even in a viewer that mishandled an escape.
"""

from __future__ import annotations

import re

from brief.render.document import (
    EN,
    Block,
    Chart,
    Document,
    Heading,
    Inline,
    Link,
    ListBlock,
    Note,
    NoteRef,
    Original,
    Para,
    RenderOptions,
    Table,
)
from brief.render.escape import CSP, clickable, html_attr, html_text
from brief.render.svg import svg

CSS = """
:root{--ink:#1a1a1a;--muted:#555;--rule:#c8c8c8;--head:#1F3864;--band:#eef2f8}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;line-height:1.5;
 font-family:"Noto Serif","DejaVu Serif",Georgia,"Times New Roman",
 "IPAexMincho","Yu Mincho","Hiragino Mincho ProN",serif;font-size:1.0625rem}
main,header.top,footer{max-width:50rem;margin:0 auto;padding:0 1rem}
header.top{padding-top:1.25rem}
h1{font-size:1.75rem;line-height:1.2;margin:.25rem 0}
h2{color:var(--head);font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--rule)}
h3{font-size:1.05rem;margin:1rem 0 .25rem}
.byline,.desc{color:var(--muted);font-style:italic}
.warn{color:#992222;font-weight:bold}.notice{color:#444;font-style:italic}
.corr,.see{color:var(--muted);font-style:italic}
.switch{display:inline-flex;gap:.5rem;align-items:center;margin:.5rem 0;padding:.4rem .7rem;
 border:1px solid var(--rule);border-radius:.4rem;cursor:pointer;font-size:.95rem}
.switch input{width:1.1rem;height:1.1rem}
ol.points>li{margin:.5rem 0}
.ja{display:none;font-family:"IPAexMincho","Yu Mincho","Hiragino Mincho ProN","Noto Serif CJK JP",
 serif;color:#333;background:var(--band);padding:.25rem .5rem;border-radius:.25rem}
body:has(#bilingual:checked) .ja{display:block;margin-top:.25rem}
@media (min-width:60rem){
 body:has(#bilingual:checked) main,body:has(#bilingual:checked) header.top{max-width:72rem}
 body:has(#bilingual:checked) .pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
 body:has(#bilingual:checked) .pair .ja{margin-top:0}
}
sup a{text-decoration:none;padding:0 .1rem}
a{color:#1a4f8f}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{border:1px solid var(--rule);padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#DCE6F1}
td{overflow-wrap:break-word}
@media (max-width:40rem){
 table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
 table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
 table.stack tr{border:1px solid var(--rule);margin:0 0 .6rem;border-radius:.3rem}
 table.stack td{border:none;border-bottom:1px solid #eee}
 table.stack td::before{content:attr(data-label);display:block;font-size:.8rem;
  color:var(--muted);font-style:italic}
}
ol.notes{font-size:.9rem;color:#333}
ol.notes li{margin:.3rem 0}
ol.notes li:target,li:target{background:#fff6d5}
.others{margin:.15rem 0 0 0;padding-left:1rem;list-style:none}
.nw{white-space:nowrap}
figure.chart{margin:1rem 0}figure.chart svg{display:block;width:100%;min-width:34rem;height:auto}
figure.chart figcaption{color:var(--muted);font-style:italic;font-size:.9rem}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
footer{color:var(--muted);font-size:.85rem;padding-bottom:2rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.3rem}
@media print{.switch{display:none}}
"""

_e = html_text  # element content; attribute values use html_attr


# a number with its unit: 2025年, 10月27日, 2%, 84兆円, ¥84 trillion (never broken across lines)
_NUMBER_UNIT = re.compile(
    r"(?:\d[\d,.]*(?:[年月日%％円兆億万千]|ドル)+)+"  # 2025年10月27日, 84兆円: one group
    r"|[¥$€£]?\d[\d,.]*(?: (?:trillion|billion|million|thousand)\b)")


def _text(text: str) -> str:
    """TEXT escaped, each number kept on one line with its unit (escaping leaves digits and
    units as they are, so the match is on data, and the span is this writer's own markup)."""
    return _NUMBER_UNIT.sub(lambda m: f'<span class="nw">{m[0]}</span>', _e(text))


def _lang(lang: str) -> str:
    return "" if lang == EN else f' lang="{html_attr(lang)}"'


def _id(anchor: str) -> str:
    return f' id="{html_attr(anchor)}"' if anchor else ""


_TAGS = {"em": "em", "strong": "b", "sup": "sup"}


def _inline(r: Inline) -> str:
    if isinstance(r, NoteRef):
        n = r.number
        return (f'<sup><a href="#fn{n}" id="ref{n}" aria-label="Note {n}">{n}</a></sup>')
    if isinstance(r, Original):
        return f'<span class="ja"{_lang(r.lang)}>{_text(r.text)}</span>'
    inner = _text(r.text)
    if isinstance(r, Link) and (r.internal or clickable(r.href)):
        inner = f'<a href="{html_attr(r.href)}">{inner}</a>'
    tag = _TAGS.get(r.style)
    if tag:
        inner = f"<{tag}>{inner}</{tag}>"
    return f"<span{_lang(r.lang)}>{inner}</span>" if r.lang != EN else inner


def _runs(runs: tuple[Inline, ...]) -> str:
    """RUNS, with the originals after the text so the switch shows them beside it."""
    text = "".join(_inline(r) for r in runs if not isinstance(r, Original))
    originals = "".join(_inline(r) for r in runs if isinstance(r, Original))
    return f'<div class="pair"><span>{text}</span>{originals}</div>' if originals else text


def _table(t: Table) -> str:
    """On a phone each row becomes a card whose cells are labelled by their header."""
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in t.header)
    body = "".join(
        f"<tr{_id(r.anchor)}>"
        + "".join(f'<td data-label="{html_attr(label)}">{_runs(c)}</td>'
                  for label, c in zip(t.header, r.cells, strict=True)) + "</tr>"
        for r in t.rows)
    return (f'<div class="scroll"><table class="stack"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _block(b: Block) -> str:
    if isinstance(b, Heading):
        tag = f"h{b.level + 1}"
        return f"<{tag}{_id(b.anchor)}{_lang(b.lang)}>{_text(b.text)}</{tag}>"
    if isinstance(b, Para):
        return f'<p class="{html_attr(b.role)}">{_runs(b.runs)}</p>'
    if isinstance(b, ListBlock):
        tag = "ol" if b.ordered else "ul"
        items = "".join(f"<li{_id(i.anchor)}>"
                        f"{_runs(i.runs)}</li>" for i in b.items)
        start = f' start="{b.start}"' if b.ordered and b.start != 1 else ""
        return f'<{tag} class="points"{start}>{items}</{tag}>'
    if isinstance(b, Chart):
        return _chart(b)
    return _table(b)


def _chart(c: Chart) -> str:
    """The picture, inline (a phone scrolls it sideways rather than shrink its labels)."""
    return (f'<figure class="chart"><div class="scroll">{svg(c)}</div>'
            f"<figcaption>{_e(c.title)}. The table above gives it in text.</figcaption>"
            "</figure>")


def _note(n: Note) -> str:
    return (f'<li id="fn{n.number}">{_runs(n.runs)} <a href="#ref{n.number}" class="back" '
            f'aria-label="Back to the text of note {n.number}">↩</a></li>')


def _sections(blocks: tuple[Block, ...]) -> list[str]:
    """The body's parts, each a section labelled by its heading."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading) and b.level == 1:
            if out:
                out.append("</section>")
            out.append(f'<section aria-labelledby="{html_attr(b.anchor)}">')
        out.append(_block(b))
    return out + (["</section>"] if out else [])


def render(doc: Document, opts: RenderOptions) -> bytes:
    """DOC as brief.html (UTF-8)."""
    m = doc.meta
    first = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.level == 1)
    top, parts = doc.blocks[:first], doc.blocks[first:]
    switch = ('<label class="switch"><input type="checkbox" id="bilingual"> '
              "Show Japanese beside the English</label>" if doc.bilingual else "")
    toc = "".join(f'<li><a href="#{html_attr(b.anchor)}">{_e(b.text)}</a></li>' for b in parts
                  if isinstance(b, Heading) and b.level == 1)
    notes = ('<section aria-labelledby="notes"><h2 id="notes">Notes</h2><ol class="notes">'
             + "".join(_note(n) for n in doc.notes) + "</ol></section>") if doc.notes else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{html_attr(CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title{_lang(m.title_lang)}>{_e(m.title)}</title>"
        f'<meta name="author" content="{html_attr(m.author)}">'
        f'<meta name="description" content="{html_attr(m.subject)}">'
        f'<meta name="keywords" content="{html_attr(", ".join(m.keywords))}">'
        f'<meta name="generator" content="brief"><style>{CSS}</style></head><body>'
        '<a class="skip" href="#main">Skip to the brief</a>'
        f'<header class="top">{"".join(_block(b) for b in top)}{switch}'
        f'<nav aria-label="Contents"><ol>{toc}</ol></nav></header>'
        f'<main id="main">{"".join(_sections(parts))}{notes}</main>'
        f"<footer><p>{_e(doc.footer)}</p></footer></body></html>\n").encode()
