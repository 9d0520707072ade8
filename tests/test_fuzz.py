"""Random Unicode through every user input into a full `--no-translate` build.

Whatever the characters (all planes, C0/C1 controls, bidi controls, BOMs, private use, lone
surrogates, combining marks), a build ends cleanly: exit 0 with intact outputs, or exit 1
with one `brief: error:` line and the previous outputs untouched. Never a traceback.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from brief.cli import main
from brief.model import Brief
from conftest import FIXTURES

_SPECIAL = ["\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u200b", "\u200d", "\ufeff",
            "\u0301", "\u3099", "\x85", "\x9f", "\x00", "\x07", "\x1b", "\r", "\n", "\t",
            "\ud800", "\udfff", "\ufffe", "\uffff", "#", "\\", '"', "'", "=", "|", "[", "]",
            "\u3000", "\u00a0", "日", "米", "防"]
# Characters the PDF fonts lack (emoji, astral CJK, Hangul, Arabic, ₩, math letters, private
# use, noncharacters, most combining marks, kanji outside JIS X 0208) crash the PDF writer with `ValueError: no glyph` (render/pdf/fonts.py,
# issue 14's glyph fallback); the PDF fuzz below leaves those classes out until it lands.
def _literal(text: str) -> Callable[[re.Match[str]], str]:
    """re.sub's replacement: TEXT as it is (a template would read its backslashes)."""
    return lambda _m: text


def _in_jis(ch: str) -> bool:
    """In JIS X 0208 (kana, level 1-2 kanji), which the Japanese PDF font covers; rarer
    kanji (亽) are among the missing glyphs above."""
    try:
        ch.encode("euc_jp")
    except UnicodeEncodeError:
        return False
    return True


_PDF_SAFE = st.one_of(
    st.sampled_from(_SPECIAL),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF).filter(_in_jis),  # kana, kanji
    st.characters(categories=["Cc", "Cs"]),
)
_ANY = st.one_of(st.sampled_from(_SPECIAL), st.characters(categories=[
    "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe",
    "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn"]))


def _toml(text: str) -> str:
    """TEXT as a TOML basic string, escaped so that every character reaches the parser."""
    out = []
    for ch in text:
        o = ord(ch)
        if ch in '"\\' or o < 0x20 or o == 0x7F or 0xD800 <= o <= 0xDFFF:
            out.append(f"\\u{o:04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate: invalid UTF-8 bytes


@st.composite
def inputs(draw: st.DrawFn, alphabet: st.SearchStrategy[str]) -> dict[str, str]:
    """Fuzzed text for some of the inputs (a field left out keeps the fixture's value), so
    that examples reach past the first refused field into curation and the writers."""
    chosen = draw(st.sets(st.sampled_from(_FIELDS), min_size=1, max_size=4))
    printable = alphabet.filter(lambda c: not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F
                                               or 0xD800 <= ord(c) <= 0xDFFF))
    text = st.one_of(st.text(alphabet, max_size=30), st.text(printable, max_size=30))
    return {k: draw(text) for k in sorted(chosen)}


_FIELDS = ("source", "title", "outlet", "url", "kind", "config_title", "author", "subject",
           "section_title", "keyword", "pin", "ja", "en", "note", "file")


def _project(root: Path, f: dict[str, str]) -> None:
    shutil.copytree(FIXTURES / "glossary", root / "glossary")
    seeds = root / "seeds"
    seeds.mkdir()
    first, second = sorted((FIXTURES / "seeds").glob("*.txt"))[:2]
    lines = first.read_text(encoding="utf-8").split("\n")[:40]
    if "source" in f:
        lines.insert(len(lines) // 2, f["source"] + "。")
        lines.append(f["source"])
    (seeds / first.name).write_bytes(_bytes("\n".join(lines)))
    name = _bytes(f.get("file", "second")).replace(b"/", b"").replace(b"\0", b"")[:80] + b".txt"
    with open(os.fsencode(seeds) + b"/" + name, "wb") as out:
        out.write(_bytes("\n".join(second.read_text(encoding="utf-8").split("\n")[:30])))
    meta = "".join(f"{k} = {_toml(f[k])}\n" for k in ("title", "outlet", "url", "kind") if k in f)
    (seeds / "sources.toml").write_text(f'["{first.name}"]\n{meta}', encoding="utf-8")
    cfg = (FIXTURES / "brief.toml").read_text(encoding="utf-8")
    for key, field in (("title", "config_title"), ("author", "author"), ("subject", "subject")):
        if field in f:
            line = f"{key} = {_toml(f[field])}"
            cfg = re.sub(rf'^{key} = ".*"$', _literal(line), cfg, count=1, flags=re.M)
    if "section_title" in f:
        cfg = cfg.replace('title = "Trade"', f"title = {_toml(f['section_title'])}", 1)
    if "keyword" in f:
        cfg = cfg.replace('keywords = { "関税" = 1.5,',
                          f"keywords = {{ {_toml(f['keyword'] + '関')} = 1.5,", 1)
    if "pin" in f:
        cfg += f'\n[[curation.pin]]\ntext = {_toml(f["pin"] + "会談")}\nsection = "trade"\n'
    (root / "brief.toml").write_text(cfg, encoding="utf-8")
    if {"ja", "en", "note"} & set(f):
        row = "\t".join((f.get("ja", "") + "語", f.get("en", "") + "word", f.get("note", ""),
                         "", "", "", ""))
        with (root / "glossary" / "terms.tsv").open("ab") as g:
            g.write(_bytes(row + "\n"))


def _check_outputs(out: Path) -> None:
    """Every written file is whole: JSON reads back, Markdown is UTF-8, the DOCX's XML parses,
    the PDF is complete; no temporary files are left."""
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    for p in out.glob("brief.*"):
        data = p.read_bytes()
        if p.suffix == ".json":
            Brief.read(p)
        elif p.suffix == ".md":
            data.decode("utf-8")
        elif p.suffix == ".docx":
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for name in z.namelist():
                    if name.endswith(".xml"):
                        etree.fromstring(z.read(name))
        elif p.suffix == ".pdf":
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def _build(tmp: Path, f: dict[str, str], formats: list[str]) -> None:
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    _project(tmp, f)
    cwd = os.getcwd()
    os.chdir(tmp)
    try:
        args = ["build", "--no-translate"] + [a for fmt in formats for a in ("--format", fmt)]
        r = CliRunner().invoke(main, args)
    finally:
        os.chdir(cwd)
    assert isinstance(r.exception, SystemExit | None), (
        f"traceback: {type(r.exception).__name__}: {r.exception}\n{r.output}")
    assert "Traceback" not in r.output
    errors = [ln for ln in r.stderr.splitlines() if not ln.startswith("brief: warning: ")]
    if r.exit_code == 0:
        assert errors == [] or all(ln.startswith(("warning: ", "  ")) for ln in errors), errors
        _check_outputs(tmp / "out")
    else:
        assert r.exit_code == 1, r.output
        assert len(errors) == 1 and errors[0].startswith("brief: error: "), r.stderr
        assert not (tmp / "out").exists()  # nothing written before the error


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(f=inputs(_ANY))
@pytest.mark.slow  # hypothesis: many whole builds
def test_any_unicode_in_any_input_ends_cleanly(tmp_path_factory: pytest.TempPathFactory,
                                               f: dict[str, str]) -> None:
    _build(tmp_path_factory.getbasetemp() / "fuzz-any", f, ["json", "md", "docx"])


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(f=inputs(_PDF_SAFE))
@example(f={"url": "#"})  # found by this test: not a web address, so not a link in the PDF
@pytest.mark.slow  # hypothesis: many whole builds with a PDF
def test_controls_bidi_and_surrogates_reach_the_pdf_cleanly(
        tmp_path_factory: pytest.TempPathFactory, f: dict[str, str]) -> None:
    _build(tmp_path_factory.getbasetemp() / "fuzz-pdf", f, ["pdf", "json"])
