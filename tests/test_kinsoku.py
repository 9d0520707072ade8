"""PDF line breaking for Japanese and mixed text (render/pdf/kinsoku.py), on the real fonts."""

from __future__ import annotations

import re

from brief.render.pdf import writer as pdf_writer
from brief.render.pdf.fonts import markup, register
from brief.render.pdf.kinsoku import CANNOT_END, CANNOT_START, HANGING, Para

# A pattern of the seeds' sentences (not their text): quotes, numbers, small kana, long vowels.
TEXT = ("政府は「防衛力整備計画」に関する方針を、2025年度中に前倒しすると発表した。"
        "エネルギー・サプライチェーンの強靱化に向けて、ちょっとした協力も「重要」だ。"
        "米国は$550 billion (about ¥84 trillion) の投資を表明し、1.5%の上乗せを求めた。")


def _lines(text: str, width: float) -> list[str]:
    fonts = register()
    para = Para(markup(text, fonts), pdf_writer._styles(fonts)["cell"])
    para.wrap(width, 10_000)
    return ["".join(w.text for w in line.words) for line in para.blPara.lines]


def test_lines_follow_the_japanese_rules_at_every_width() -> None:
    for width in range(60, 420, 7):
        lines = _lines(TEXT, width)
        assert "".join(lines).replace(" ", "") == TEXT.replace(" ", ""), width  # nothing lost
        for a, b in zip(lines, lines[1:], strict=False):
            assert b[0] not in CANNOT_START, (width, a, b)  # no line starts with 。」ー…
            assert a[-1] not in CANNOT_END, (width, a, b)  # no line ends with 「
            assert not (re.search(r"[0-9.,$%]$", a) and re.match(r"[0-9.,%]", b)), (width, a, b)
            assert not (re.search(r"[A-Za-z]$", a) and re.match(r"[A-Za-z]", b)), (width, a, b)


def test_a_stop_hangs_in_the_margin_instead_of_starting_a_line() -> None:
    fonts = register()
    style = pdf_writer._styles(fonts)["cell"]
    one = "あいうえおかきくけこ"  # ten full-width characters
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width = stringWidth(one, fonts.ja, style.fontSize) + 1
    lines = _lines(one + "。次の文。", width)
    assert lines[0] == one + "。" and lines[0][-1] in HANGING
    assert _lines(one + "」。次", width)[0] == one[:-1]  # 」。 cannot hang together: back up


def test_english_wraps_at_spaces() -> None:
    text = "The allies agreed to bring forward the defense spending target to FY2025."
    for width in range(80, 300, 9):
        lines = _lines(text, width)
        assert " ".join(lines).split() == text.split(), width


def test_a_number_stays_with_its_unit_and_a_no_break_space_holds() -> None:
    """'2025年' and '¥84 trillion' (a no-break space) never split across two lines."""
    from reportlab.lib.styles import ParagraphStyle

    fonts = register()
    style = ParagraphStyle("t", fontName=fonts.latin, fontSize=10, leading=12, wordWrap="CJK")
    for width in range(40, 200, 3):
        para = Para(markup("日本は2025年に¥84\u00a0trillionを投資する。", fonts), style)
        para.wrap(width, 1000)
        lines = ["".join(w.text for w in line.words) if hasattr(line, "words") else ""
                 for line in para.blPara.lines]
        joined = "|".join(lines)
        assert "2025|年" not in joined and "84|" not in joined.replace("\u00a0", ""), joined


def test_a_note_mark_never_wraps_alone_to_the_next_line() -> None:
    from reportlab.lib.styles import ParagraphStyle

    fonts = register()
    style = ParagraphStyle("t", fontName=fonts.latin, fontSize=10, leading=12, wordWrap="CJK")
    text = markup("日米両政府は重要鉱物の供給網強化で協力することを確認した。", fonts)
    for width in range(60, 300, 2):
        para = Para(text + "<super>12</super>", style)
        para.wrap(width, 1000)
        first = "".join(w.text for w in para.blPara.lines[-1].words)
        assert first != "12", width  # the last line is never the mark alone


def _split_lines(para: Para, width: float, height: float) -> tuple[list[str], int]:
    """The lines of PARA's parts as a page of HEIGHT after another splits them, and the
    parts' count."""
    lines: list[str] = []
    parts = 0
    while True:
        para.wrap(width, height)
        split = para.split(width, height)
        last = len(split) != 2
        part = para if last else split[0]
        part.wrap(width, height)
        lines += ["".join(w.text for w in line.words).rstrip() for line in part.blPara.lines]
        parts += 1
        if last:
            return lines, parts
        para = split[1]


def test_a_long_paragraph_split_page_by_page_keeps_its_lines(monkeypatch) -> None:  # noqa: ANN001
    """A paragraph of some 20 pages (a long title in a table cell), split page by
    page: the parts' lines are the whole paragraph's, and the same as when each rest is
    broken into lines again (as reportlab does, and as a rest under LONG_REST lines is)."""
    from brief.render.pdf import kinsoku

    fonts = register()
    style = pdf_writer._styles(fonts)["cell"]
    text = TEXT * 160  # ~20,000 characters, mixed
    whole = Para(markup(text, fonts), style)
    whole.wrap(120, 10_000_000)
    expected = ["".join(w.text for w in line.words).rstrip() for line in whole.blPara.lines]
    kept, parts = _split_lines(Para(markup(text, fonts), style), 120, 700)
    monkeypatch.setattr(kinsoku, "LONG_REST", 10**9)
    again, _ = _split_lines(Para(markup(text, fonts), style), 120, 700)
    assert parts > 20 and kept == again == expected
