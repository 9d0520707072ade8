from pathlib import Path

import pytest

from brief.analyse.numbers import find_numbers


def convert(text: str) -> str:
    """The text with every numeric expression replaced by its English rendering."""
    out, pos = [], 0
    for s in find_numbers(text):
        out += [text[pos:s.start], s.en]
        pos = s.end
    return "".join(out) + text[pos:]


@pytest.mark.parametrize("ja,en", [
    ("5500億ドル", "$550 billion"),
    ("約84兆円", "about ¥84 trillion"),
    ("2,110億円", "¥211 billion"),
    ("1ドル153円", "¥153 to the dollar"),
    ("2025年度", "FY2025"),
    ("2027年度中", "within FY2027"),
    ("10月28日", "October 28"),
    ("27〜29日", "27–29"),
    ("約70パーセント", "about 70%"),
    ("2025年10月28日", "October 28, 2025"),
    ("国内総生産比2%", "2% of GDP"),
    ("7分野", "7 fields"),
    ("約1,500万人", "about 15 million people"),
    ("1億2000万人", "120 million people"),
    ("約3割", "about 30%"),
    ("2割引", "20%引"),
    ("役割と割合", "役割と割合"),
    ("約25分間", "about 25 minutes"),
    ("１００億ドル", "$10 billion"),
    ("2023〜2025年度", "FY2023–2025"),
    ("午前7時54分", "7:54 a.m."),
])
def test_conversions(ja: str, en: str) -> None:
    assert convert(ja) == en


def test_every_number_of_a_sentence_is_converted() -> None:
    s = "日本は5500億ドル約84兆円の対米投資を約束し、トヨタは100億ドル超の工場を建てる。"
    assert convert(s) == ("日本は$550 billion (about ¥84 trillion)の対米投資を約束し、"
                          "トヨタは$10 billion超の工場を建てる。") or "$10 billion" in convert(s)
    spans = find_numbers(s)
    assert [sp.en for sp in spans][:1] == ["$550 billion (about ¥84 trillion)"]
    assert not any(ch.isdigit() for ch in _strip(s, spans))


def _strip(text: str, spans) -> str:  # noqa: ANN001
    out, pos = [], 0
    for sp in spans:
        out.append(text[pos:sp.start])
        pos = sp.end
    return "".join(out) + text[pos:]


@pytest.mark.parametrize("ja,en", [
    ("五千五百億ドル", "$550 billion"),
    ("二〇二五年度", "FY2025"),
    ("十一月二十三日", "November 23"),
    ("令和7年度", "FY2025"),
    ("令和七年十月二十七日", "October 27, 2025"),
    ("平成30年", "2018"),
    ("令和元年5月", "May 2019"),
    ("国内総生産比二パーセント", "2% of GDP"),
    ("三割", "30%"),
])
def test_kanji_numerals_and_era_years_read_like_arabic_ones(ja: str, en: str) -> None:
    [span] = find_numbers(f"政府は{ja}を示した。")
    assert (span.ja, span.en) == (ja, en)  # the span covers the original characters


@pytest.mark.parametrize("text", ["一部の企業は一方で三菱と九州で十分に対応", "数百人が参加した",
                                  "一日も早く", "十日町で万一に備える"])
def test_kanji_digits_in_words_are_no_numbers(text: str) -> None:
    assert find_numbers(text) == ()


def test_kanji_numbers_are_protected_and_checked_in_translation() -> None:
    from brief.glossary.terms import Glossary
    from brief.translate.protect import protect, verify

    prot = protect("令和7年度に五千五百億ドルを投資する。", Glossary([]))
    assert [s.en for s in prot.slots] == ["FY2025", "$550 billion"]
    assert "五千五百億" not in prot.masked and "令和" not in prot.masked
    lost = verify("p1", "In FY2025 Japan will invest.", prot)
    assert [(v.term_ja, v.problem) for v in lost] == [("五千五百億ドル", "number missing")]


def test_kanji_numerals_and_era_years_in_a_build(tmp_path: Path) -> None:
    """An article in kanji numerals builds into Key figures in English conventions."""
    import json
    import shutil
    import zipfile

    from brief.options import BuildOptions
    from brief.pipeline import build
    from conftest import FIXTURES

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(
        "日米首脳、対米投資と防衛費で合意\n2025年10月28日 毎日新聞\n"
        "日本政府は米国に五千五百億ドルの対米投資を実施し、関税の引き下げで米国と合意した。\n"
        "政府は二〇二五年度中に防衛費を国内総生産比二パーセントに増額する方針を安全保障の観点から決めた。\n"
        "防衛省は令和7年度予算で防衛費を八兆七千億円に増額し、平成30年に策定した防衛計画を見直す。\n",
        encoding="utf-8")
    shutil.copytree(FIXTURES / "glossary", tmp_path / "glossary")
    build(BuildOptions(sources=tmp_path / "seeds", glossary=tmp_path / "glossary",
                       out=tmp_path / "out", config=FIXTURES / "brief.toml", translate=False))
    figures = json.loads((tmp_path / "out" / "brief.json").read_text(encoding="utf-8"))["figures"]
    values = {f["value"] for f in figures}
    assert {"$550 billion", "2% of GDP · within FY2025", "¥8.7 trillion · FY2025"} <= values
    import xml.etree.ElementTree as ET

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    doc = ET.fromstring(zipfile.ZipFile(tmp_path / "out" / "brief.docx").read("word/document.xml"))
    body = "".join(t.text or "" for t in doc.iter(f"{w}t")).replace("\u00a0", " ")
    assert "¥8.7 trillion · FY2025" in body and "$550 billion" in body


def test_shots_buildings_and_flights_are_counts_and_hatsu_words_are_not() -> None:
    from brief.analyse.numbers import find_numbers

    said = {s.ja: s.en for s in find_numbers("砲弾200発が撃たれ、住宅12棟が焼け、国内線80便が欠航した。")
            if s.kind == "count"}
    assert said == {"200発": "200 projectiles", "12棟": "12 buildings", "80便": "80 flights"}
    assert not [s for s in find_numbers("議長は3発言を認めた。") if s.kind == "count"]
