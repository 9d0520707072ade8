"""The brief as one self-contained HTML5 page, for a phone or a desktop browser.

Everything is inline (styles, a few lines of no-network CSS; fonts are named, never fetched),
so the file can be mailed or opened offline. Notes are links with return links; a
"Show Japanese" switch puts each point's original beside its English. The switch is a
checkbox styled by CSS alone, so it works with scripts disabled too.
"""

from __future__ import annotations

from html import escape

from brief.config import Config
from brief.model import Brief, Item
from brief.render.common import (
    NO_POINTS,
    SOURCE_COLUMNS,
    NoteCounter,
    Noted,
    Part,
    conflict_note,
    corroboration,
    event_date,
    notice,
    other_japanese,
    outline,
    point_anchor,
    see_point,
    source_notes,
    source_refs,
    source_row,
    text_of,
    title_line,
    verdict_note,
    wording,
)

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
.meta,.desc{color:var(--muted);font-style:italic}
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
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
footer{color:var(--muted);font-size:.85rem;padding-bottom:2rem}
@media print{.switch{display:none}}
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def render(brief: Brief, config: Config) -> bytes:
    """The brief as brief.html (UTF-8)."""
    return _Page(brief).html().encode("utf-8")


class _Page:
    """Builds the page part by part in `outline` order; notes are numbered as written."""

    def __init__(self, brief: Brief) -> None:
        self.brief = brief
        self.counter = NoteCounter()
        self.notes: list[str] = []

    def refs(self, obj: Noted | None, extra: list[str] | None = None,
             markup: list[str] | None = None) -> str:
        """Reference marks for OBJ's note (and EXTRA plain notes, MARKUP ready ones), each
        a link to its note whose return link comes back here."""
        texts: list[str] = []
        if obj is not None and obj.citations:
            texts.append(self.note_html(obj))
        texts += [_ja_spans(t) for t in extra or []] + (markup or [])
        marks = []
        for n, body in zip(self.counter.take(texts), texts, strict=True):
            self.notes.append(f'<li id="fn{n}">{body} <a href="#ref{n}" class="back" '
                              f'aria-label="Back to the text of note {n}">↩</a></li>')
            marks.append(f'<a href="#fn{n}" id="ref{n}" aria-label="Note {n}">{n}</a>')
        return f"<sup>{','.join(marks)}</sup>" if marks else ""

    def note_html(self, obj: Noted) -> str:
        """The note: the sources keyed to the Sources table, the wording source's Japanese,
        and every other source's own sentence."""
        main = wording(obj)
        out = f'{_e(source_refs(self.brief, obj))}. <span lang="ja">「{_e(main.ja)}」</span>'
        others = other_japanese(obj)
        if others:
            out += '<ul class="others">' + "".join(
                f'<li>{_e(c.source_id)}: <span lang="ja">「{_e(c.ja)}」</span></li>'
                for c in others) + "</ul>"
        return out

    def pair(self, obj: Noted, after: str = "") -> str:
        """English (or the Japanese when untranslated) with the original beside it."""
        text = text_of(self.brief, obj)
        lang = "" if self.brief.translated and obj.en else ' lang="ja"'
        ja = (f'<span class="ja" lang="ja">{_e(obj.ja)}</span>'
              if self.brief.translated and obj.en else "")
        return f'<div class="pair"><span{lang}>{_e(text)}{after}</span>{ja}</div>'

    def points(self, items: list[Item], key: str = "") -> str:
        if not items:
            return f'<p class="desc">{_e(NO_POINTS)}</p>'
        lis = []
        for i, item in enumerate(items, 1):
            corr = corroboration(self.brief, item)
            after = f' <span class="corr">({_e(corr)})</span>' if corr else ""
            see = None if key else see_point(self.brief, item)
            if see:  # a Bottom line point's note refers to its section point's
                after += self.refs(None, [], [f'See <a href="#{see[1]}">{_e(see[0])}</a> '
                                             f"({_e(source_refs(self.brief, item))})."])
            else:
                after += self.refs(item)
            ident = f' id="{point_anchor(key, i)}"' if key else ""
            lis.append(f"<li{ident}>{self.pair(item, after)}</li>")
        return '<ol class="points">' + "".join(lis) + "</ol>"

    def table(self, header: list[str], rows: list[list[str]], attrs: list[str] | None = None,
              ) -> str:
        """A table of ROWS (cells' inner HTML; ATTRS: each row's tr attributes). On a phone
        each row becomes a card whose cells are labelled with their column's header."""
        labels = [h or "Source" for h in header]
        hidden = '<span class="vh">Source number</span>'
        head = "".join(f'<th scope="col">{_e(h) or hidden}</th>' for h in header)
        body = "".join(
            f"<tr{extra}>" + "".join(f'<td data-label="{_e(label)}">{cell}</td>'
                                     for label, cell in zip(labels, cells, strict=True))
            + "</tr>"
            for cells, extra in zip(rows, attrs or [""] * len(rows), strict=True))
        return (f'<div class="scroll"><table class="stack"><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table></div>")

    def part(self, part: Part) -> str:
        b = self.brief
        if part.kind == "bottom-line":
            return self.points(b.bottom_line)
        if part.kind == "section":
            sec = part.section
            assert sec is not None
            desc = f'<p class="desc">{_e(sec.description)}</p>' if sec.description else ""
            return desc + self.points(sec.items, sec.key)
        if part.kind == "figures":
            return self.table(["Figure", "What it measures"], [
                [_e(f.value), self.pair(f, self.refs(f))] for f in b.figures])
        if part.kind == "conflicts":
            out = []
            for c in b.conflicts:
                out.append(f"<h3>{_e(c.topic)}</h3>")
                if c.verdict:
                    out.append(f'<p class="verdict">{_e(conflict_note(c))}'
                               f"{self.refs(None, [verdict_note(b, c)])}</p>")
                out.append("<ul>")
                out += [f"<li><b>{_e(cl.value)}</b>: {self.pair(cl, self.refs(cl))}</li>"
                        for cl in c.claims]
                out.append("</ul>")
            return "".join(out)
        if part.kind == "timeline":
            return self.table(["Date", "Event"], [
                [_e(event_date(e)), self.pair(e, self.refs(e))] for e in b.timeline])
        if part.kind == "sources":
            rows = []
            for src in b.sources:
                cells = [_e(c) for c in source_row(b, src)]
                cells[1] += self.refs(None, source_notes(b, src))
                if src.url:  # the known URL made a link (nothing is parsed back)
                    cells[2] = cells[2].replace(_e(src.url),
                                                f'<a href="{_e(src.url)}">{_e(src.url)}</a>')
                rows.append(cells)
            return self.table(SOURCE_COLUMNS, rows,
                              [f' id="src-{_e(src.id)}"' for src in b.sources])
        if part.kind == "glossary":
            return self.table(["Japanese", "English"], [
                [f'<span lang="ja">{_e(ja)}</span>', _e(en)] for ja, en in b.glossary_used])
        raise ValueError(f"unknown part {part.kind!r}")

    def html(self) -> str:
        b = self.brief
        body = []
        for part in outline(b):
            body.append(f'<section aria-labelledby="{part.anchor}">'
                        f'<h2 id="{part.anchor}">{_e(part.title)}</h2>'
                        f"{self.part(part)}</section>")
        # how the text was translated: the model and the points approved, machine, flagged
        warn = f'<p class="{"notice" if b.translated else "warn"}">{_e(notice(b))}</p>'
        switch = ('<label class="switch"><input type="checkbox" id="bilingual"> '
                  "Show Japanese beside the English</label>" if b.translated else "")
        toc = "".join(f'<li><a href="#{p.anchor}">{_e(p.title)}</a></li>' for p in outline(b))
        notes = ('<section aria-labelledby="notes"><h2 id="notes">Notes</h2><ol class="notes">'
                 + "".join(self.notes) + "</ol></section>") if self.notes else ""
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(b.title)}</title>"
            f'<meta name="author" content="{_e(b.author)}">'
            f'<meta name="generator" content="brief"><style>{CSS}</style></head><body>'
            f'<header class="top"><h1>{_e(b.title)}</h1>'
            f'<p class="meta">{_e(title_line(b))}</p>{warn}{switch}'
            f'<nav aria-label="Contents"><ol>{toc}</ol></nav></header>'
            f"<main>{''.join(body)}{notes}</main>"
            f"<footer><p>Built by brief from {len(b.sources)} Japanese sources; each note "
            f"keeps the original Japanese.</p></footer></body></html>\n")


def _ja_spans(text: str) -> str:
    """A plain note (e.g. 'Original title: 「…」') with its Japanese marked lang="ja"."""
    out, rest = [], text
    while "「" in rest and "」" in rest:
        a, _, tail = rest.partition("「")
        ja, _, rest = tail.partition("」")
        out.append(f'{_e(a)}<span lang="ja">「{_e(ja)}」</span>')
    return "".join(out) + _e(rest)
