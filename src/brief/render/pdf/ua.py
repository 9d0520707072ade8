"""What LibreOffice 7's tagged export leaves short of PDF/UA-1, finished on its PDF.

LibreOffice writes the structure tree, /Lang on every Japanese run, the XMP with
pdfuaid:part and the displayed title, but (7.4) it gives no Note element an /ID (PDF/UA-1
§7.9), labels a note's link with its bare number ("1", "11"), gives no Link element an
alternative text, tags as Link a cross-reference it made no link annotation for (a run
outside the Hyperlink character style), and leaves each footnote's back-link annotation
outside the tree. This module fixes those on the PDF with pikepdf (qpdf), keeping the rest.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from brief.errors import BriefError
from brief.render.coverage import DIFFERS, REPORTS

Obj = Any  # a pikepdf object (pikepdf's types are dynamic)


def finish(data: bytes) -> bytes:
    """DATA (LibreOffice's tagged PDF) with every Note named, every link labelled and tagged."""
    try:
        import pikepdf
    except ImportError:
        raise BriefError("--pdf-engine accessible needs pikepdf: pip install "
                         "'brief[accessible]' (scripts/install.sh does) or use the standard "
                         "engine") from None
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = pdf.Root.StructTreeRoot
        notes, links = [], []
        for node, parent, index in _elements(tree):
            kind = str(node.get("/S", ""))
            if kind == "/Note":
                notes.append(_indirect(pdf, node, parent, index))
            elif kind == "/Link":
                links.append(node)
        _name_notes(pdf, tree, notes)
        for link in links:
            _label_link(pdf, link)
        for page in pdf.pages:  # annotations outside the tree: the notes' back-links
            if "/Annots" in page:
                page.Annots = pikepdf.Array([a for a in page.Annots if _tagged(a)])
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _kids(node: Obj) -> list[Obj]:
    import pikepdf

    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _elements(root: Obj) -> Iterator[tuple[Obj, Obj, int]]:
    """Every structure element under ROOT with its parent and its index in the parent's /K
    (-1 when /K is the element itself), parents first."""
    import pikepdf

    todo = [(kid, root, i if isinstance(root.get("/K"), pikepdf.Array) else -1)
            for i, kid in enumerate(_kids(root))]
    while todo:
        node, parent, index = todo.pop(0)
        if not isinstance(node, pikepdf.Dictionary) or node.get("/Type") in ("/MCR", "/OBJR"):
            continue
        yield node, parent, index
        array = isinstance(node.get("/K"), pikepdf.Array)
        todo += [(kid, node, i if array else -1) for i, kid in enumerate(_kids(node))]


def _indirect(pdf: Obj, node: Obj, parent: Obj, index: int) -> Obj:
    """NODE as an indirect object (an ID tree refers to it), put back in its parent."""
    if node.is_indirect:
        return node
    made = pdf.make_indirect(node)
    if index < 0:
        parent.K = made
    else:
        parent.K[index] = made
    return made


def _name_notes(pdf: Obj, tree: Obj, notes: list[Obj]) -> None:
    """Each Note an /ID (note-1, note-2, … in reading order) and the tree's /IDTree."""
    import pikepdf

    names = pikepdf.Array()
    for n, note in enumerate(notes, 1):
        note.ID = pikepdf.String(f"note-{n:05d}")
        names.extend([pikepdf.String(f"note-{n:05d}"), note])
    if notes:  # a flat name tree, its keys in order (zero-padded, so sorted as numbers)
        tree.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=names))


def _label_link(pdf: Obj, link: Obj) -> None:
    """A Link with its annotation: the annotation's /Contents and the element's /Alt say
    where it leads ('Note 3', 'Source S2 in the Sources table', the web address). A Link
    without one is no link in the PDF and is tagged as the text it is (a Span)."""
    import pikepdf

    annots = [k.Obj for k in _kids(link)
              if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
    if not annots:
        link.S = pikepdf.Name("/Span")
        return
    label = _label(annots[0])
    for annot in annots:
        annot.Contents = pikepdf.String(label)
    link.Alt = pikepdf.String(label)


_CELLS = {REPORTS: "This outlet reports the point",
          DIFFERS: "This outlet reports the point differently"}


def _label(annot: Obj) -> str:
    shown = str(annot.get("/Contents", "")).strip()
    action = annot.get("/A")
    if action is not None and action.get("/S") == "/URI":
        uri = str(action.URI)
        return f"{shown} ({uri})" if shown and shown != uri else uri
    if shown in _CELLS:  # a coverage matrix cell leads to its point
        return f"{_CELLS[shown]}: go to the point"
    if re.fullmatch(r"\d+", shown):
        return f"Note {shown}"
    if re.fullmatch(r"S\d+", shown):  # a note's source key, to its row
        return f"Source {shown} in the Sources table"
    return shown or "Link within the brief"


def _tagged(annot: Obj) -> bool:
    """Whether ANNOT is in the structure tree (or is no link, which PDF/UA treats apart)."""
    return annot.get("/Subtype") != "/Link" or "/StructParent" in annot
