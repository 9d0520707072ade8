"""The one escaping layer of each output format, and the ids and links every writer shares.

Everything that reaches an output is data (a source's sentence, a sidecar's outlet, a file
name, a section key, a glossary's or an analyst's English, a server's translation), never
markup. So each format has exactly one function per context, and a writer builds its output
only through them:

- HTML: `html_text` (element content) and `html_attr` (a quoted attribute value);
- Markdown: `md_inline` (a paragraph or heading), `md_cell` (a table cell), `md_url`;
- XML (the DOCX parts): `xml_text`, `xml_attr`;
- reportlab's paragraph markup (the PDF): `rl_text`, `rl_attr`.

Ids are made here too (`slug`, `Ids`): a section key a user wrote becomes `[a-z0-9_]` only and
is made unique, so it can neither leave an `id="…"` nor collide with another id. And
`clickable` is the one test of whether an address may become a link: http, https and mailto
(a '#' target is the document's own), nothing else (javascript:, vbscript:, data:, file:).
"""

from __future__ import annotations

import re
import unicodedata
from html import escape as _html_escape

# -- links ----------------------------------------------------------------------------------

_SCHEME_OK = re.compile(r"(?:https?://[^/\s\\]|mailto:[^\s/])", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def clickable(href: str) -> bool:
    """Whether HREF, a web or mail address from the data, may be a link: it must start with
    http://, https:// or mailto: as written (no leading space or control a browser would strip
    to find a javascript: behind it) and hold no whitespace or control at all."""
    return bool(_SCHEME_OK.match(href)) and not _INVISIBLE.search(href)


# -- ids ------------------------------------------------------------------------------------


def slug(text: str) -> str:
    """TEXT as an id fragment of ASCII letters, digits and '_' only (never '-', which joins
    an id's parts, so 'sec-KEY-N' cannot be read two ways): 'x"><script>' -> 'x_script'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    return s[:48].rstrip("_") or "part"


class Ids:
    """Unique ids: the first of each slug as it is, a later one with '_2', '_3', … (skipping
    any already given, so 'x', 'x_2' and a second 'x' are 'x', 'x_2', 'x_3')."""

    def __init__(self, taken: tuple[str, ...] = ()) -> None:
        self._given: set[str] = set(taken)

    def unique(self, text: str) -> str:
        base = slug(text)
        name, n = base, 1
        while name in self._given:
            n += 1
            name = f"{base}_{n}"
        self._given.add(name)
        return name


# -- HTML -----------------------------------------------------------------------------------


def html_text(text: str) -> str:
    """TEXT as HTML element content: & < > escaped (quotes too, so it is safe anywhere)."""
    return _html_escape(text, quote=True)


def html_attr(text: str) -> str:
    """TEXT as the value of a double-quoted attribute."""
    return _html_escape(text, quote=True)


# A policy a browser enforces even if markup ever got through: no script at all (inline or
# loaded), no plugin, no form target, styles only from the page itself, no base override.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; "
       "object-src 'none'; base-uri 'none'; form-action 'none'")


# -- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!&])")


_MD_ENTITY = {"<": "&lt;", "&": "&amp;"}


def md_inline(text: str) -> str:
    """TEXT as Markdown inline content: every character Markdown or its HTML could read as
    syntax is backslash-escaped, so a rendered brief.md shows it as typed; '<' and '&' become
    entities (a backslash before '<' is not enough for every renderer's raw HTML), a line
    break a space. See md_line for what only the start of a line can do."""
    text = re.sub(r"[\r\n\u2028\u2029\x85]+", " ", text)
    # one pass: chained replaces read an escaped backslash before '<' ('\\<') as an escaped '<'
    return _MD_SPECIAL.sub(lambda m: _MD_ENTITY.get(m.group(1), "\\" + m.group(1)), text)


def md_line(markdown: str) -> str:
    """MARKDOWN (escaped inline content) made safe to start a line or a list item with: a
    leading '+', '-' or '=' (a list or a setext heading) or '1.' (an ordered list) escaped;
    '#', '>' and '|' are escaped by md_inline already, and leading spaces (a code block) go."""
    out = re.sub(r"^\s+", "", markdown)
    out = re.sub(r"^([+=-])", r"\\\1", out)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", out)


def md_cell(text: str) -> str:
    """TEXT in a table cell: as md_inline, '|' already escaped so the row keeps its cells."""
    return md_inline(text)


def md_url(href: str) -> str:
    """HREF (`clickable`, or a '#target') as a Markdown link destination, the characters that
    could end it or open markup percent-encoded."""
    return re.sub(r"[<>\\\s()\[\]`\"']", lambda m: f"%{ord(m[0]):02X}", href)


# -- XML (the DOCX parts) -------------------------------------------------------------------


def xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(text: str) -> str:
    return xml_text(text).replace('"', "&quot;").replace("'", "&apos;")


# -- reportlab paragraph markup (the PDF) ---------------------------------------------------


def rl_text(text: str) -> str:
    """TEXT inside a reportlab Paragraph, which parses a small HTML-like markup."""
    return xml_text(text)


def rl_attr(text: str) -> str:
    return xml_attr(text)
