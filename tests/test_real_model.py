"""Translation quality with the real Argos ja→en package, when one is available here."""

from pathlib import Path

import pytest

from conftest import ROOT, real_model_file

REAL = real_model_file()
pytestmark = pytest.mark.skipif(
    REAL is None, reason="no real translate-ja_en*.argosmodel in ../shared/models "
    "(the Argos index is unreachable on this machine); quality tests need it")


def test_seeds_translate_with_zero_glossary_violations(tmp_path: Path) -> None:
    from brief.glossary import load_glossary
    from brief.models import ArgosBackend, install_file
    from brief.translate import Cache, translate_segments

    install_file(REAL)
    g = load_glossary(ROOT / "glossary")
    segs = [("1", "高市早苗首相は迎賓館でトランプ大統領と会談した。"),
            ("2", "日本は5500億ドル約84兆円の対米投資を約束しました。")]
    english, violations, _ = translate_segments(segs, g, ArgosBackend(), Cache(None))
    assert "Sanae Takaichi" in english["1"] and "Akasaka Palace" in english["1"]
    assert "$550 billion" in english["2"]
    assert violations == []
