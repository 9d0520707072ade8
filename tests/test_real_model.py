"""Translation quality with the real Argos ja→en package, when one is available here."""

from pathlib import Path

import pytest

from conftest import FIXTURES, real_model_file

REAL = real_model_file()


def _real() -> Path:
    assert REAL is not None  # the tests below skip without one
    return REAL
pytestmark = pytest.mark.skipif(
    REAL is None, reason="no real translate-ja_en*.argosmodel in ../shared/models "
    "(the Argos index is unreachable on this machine); quality tests need it")


def test_seeds_translate_with_zero_glossary_violations(tmp_path: Path) -> None:
    from brief.glossary.terms import load_glossary
    from brief.translate.backends.argos import ArgosBackend, install_file
    from brief.translate.cache import Cache
    from brief.translate.run import translate_segments

    install_file(_real())
    g = load_glossary(FIXTURES / "glossary")
    segs = [("1", "高市早苗首相は迎賓館でトランプ大統領と会談した。"),
            ("2", "日本は5500億ドル約84兆円の対米投資を約束しました。")]
    done = translate_segments(segs, g, ArgosBackend(), Cache(None))
    english, violations = done.english, done.violations
    assert "Sanae Takaichi" in english["1"] and "Akasaka Palace" in english["1"]
    assert "$550 billion" in english["2"]
    assert violations == []


def test_the_seeds_brief_reads_as_english(tmp_path: Path) -> None:
    """The whole seeds brief with the real model: zero glossary violations, an English body
    (the Japanese stays in the notes and the glossary's first column), every number kept."""
    import re
    import xml.etree.ElementTree as ET
    import zipfile

    from brief.options import BuildOptions
    from brief.pipeline import build
    from brief.translate.backends.argos import install_file

    install_file(_real())
    result = build(BuildOptions(sources=FIXTURES / "seeds", glossary=FIXTURES / "glossary",
                                out=tmp_path, config=FIXTURES / "brief.toml"))
    brief = result.brief
    assert brief.translated and brief.violations == []
    cjk = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
    for item in brief.all_items():
        assert item.en and not cjk.search(item.en), (item.ja, item.en)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    doc = ET.fromstring(zipfile.ZipFile(tmp_path / "brief.docx").read("word/document.xml"))
    body = "".join(t.text or "" for t in doc.iter(w + "t"))
    assert len(cjk.findall(body)) / len(body) < 0.02  # what ../shared/tools/check_brief asks
