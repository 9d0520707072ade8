"""Sources as analysts receive them: a PDF, a Word file and a saved mail, each made here,
build into the brief with their title, outlet and date."""

import json
import shutil
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import main
from brief.errors import BriefError
from brief.read.ingest import read_source
from conftest import FIXTURES

ARTICLE = [
    "政府は28日、防衛費を2027年度に国内総生産比2%へ増額する計画を前倒しすると発表した。",
    "日米両政府は同盟の抑止力を強化するため、ミサイル防衛で協力を拡大することで合意した。",
    "経済安全保障の観点から、重要鉱物の供給網を日米で強化する方針も確認した。",
]
JA_FONT = Path("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf")


def _pdf(path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("IPAexM-test", str(JA_FONT)))
    c = canvas.Canvas(str(path), invariant=True)
    c.setTitle("防衛費増額を前倒し")
    c.setAuthor("日本経済新聞")
    c.setCreator("test")
    c.setFont("IPAexM-test", 10)
    for n, line in enumerate(ARTICLE):
        c.drawString(40, 780 - 20 * n, line)
    c.save()


def _docx(path: Path) -> None:
    from datetime import datetime

    import docx

    d = docx.Document()
    d.core_properties.title = "日米、ミサイル防衛で協力拡大"
    d.core_properties.author = "毎日新聞"
    d.core_properties.created = datetime(2025, 10, 27, 9, 0)
    for line in ARTICLE:
        d.add_paragraph(line)
    d.save(str(path))


def _eml(path: Path) -> None:
    msg = EmailMessage()
    msg["From"] = "NHKニュース <news@nhk.example>"
    msg["To"] = "desk@example.org"
    msg["Subject"] = "重要鉱物の供給網強化で日米合意"
    msg["Date"] = "Sun, 26 Oct 2025 08:00:00 +0900"
    msg.set_content("\n".join(ARTICLE) + "\n")
    msg.add_attachment(b"%PDF-1.4 not read", maintype="application", subtype="pdf",
                       filename="attached.pdf")
    path.write_bytes(bytes(msg))


@pytest.mark.skipif(not JA_FONT.is_file(), reason=f"no Japanese font at {JA_FONT}")
def test_pdf_docx_and_eml_build_with_their_outlet_and_date(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    _pdf(seeds / "a.pdf")
    _docx(seeds / "b.docx")
    _eml(seeds / "c.eml")
    shutil.copytree(FIXTURES / "glossary", tmp_path / "glossary")
    shutil.copy(FIXTURES / "brief.toml", tmp_path / "brief.toml")
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["build", "--no-translate", "--format", "json"])
    assert r.exit_code == 0, r.output
    brief = json.loads((tmp_path / "out" / "brief.json").read_text(encoding="utf-8"))
    got = {s["path"]: (s["title"], s["outlet"], s["published"]) for s in brief["sources"]}
    assert got["a.pdf"][:2] == ("防衛費増額を前倒し", "日本経済新聞")
    assert got["b.docx"] == ("日米、ミサイル防衛で協力拡大", "毎日新聞", "2025-10-27")
    assert got["c.eml"] == ("重要鉱物の供給網強化で日米合意", "NHKニュース", "2025-10-26")
    cited = {c["source_id"] for s in brief["sections"] for i in s["items"] for c in i["citations"]}
    assert {s["id"] for s in brief["sources"]} <= cited  # each file's sentences reach the brief
    mail = read_source(seeds / "c.eml", "S3")
    assert ARTICLE[0] in mail.text and "PDF-1.4" not in mail.text  # the attachment is no text


def test_a_scanned_pdf_and_a_broken_docx_are_one_line_errors(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "scan.pdf"))
    c.rect(10, 10, 100, 100)  # a picture, no text layer
    c.save()
    with pytest.raises(BriefError, match=r"scan.pdf: the PDF has no text layer"):
        read_source(tmp_path / "scan.pdf", "S1")
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(BriefError, match=r"bad.docx: not a readable Word"):
        read_source(tmp_path / "bad.docx", "S1")


def test_a_document_keeps_the_size_rules(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import brief.read.ingest as ingest

    _eml(tmp_path / "c.eml")
    monkeypatch.setattr(ingest, "MAX_TEXT_BYTES", 100)
    with pytest.raises(BriefError, match=r"c.eml: the article text is over"):
        read_source(tmp_path / "c.eml", "S1")
