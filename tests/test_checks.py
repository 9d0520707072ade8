"""Output checks: the failure patterns public reports show for Argos ja→en are each caught."""

from brief.model import Violation
from brief.translate.checks import check, other_scripts

JA = "日本政府は米国への投資を約束したと発表しました。"


def test_a_plain_english_sentence_passes() -> None:
    en = "The Japanese government announced that it had pledged investment in the United States."
    assert check(JA, en, en, []) == []


def test_empty_and_one_word_nonsense_are_flagged() -> None:
    assert check(JA, "", "", []) == ["empty output"]
    assert check(JA, "#", "#", []) == ["empty output"]
    assert check(JA, "Closed", "Closed", []) == ["one word for a sentence"]


def test_truncated_and_runaway_output_are_flagged() -> None:
    assert any(r.startswith("too short") for r in check(JA, "Japan said it.", "Japan said it.", []))
    long = "Japan " + "announced a very long and winding statement about many things " * 6
    assert any(r.startswith("too long") for r in check(JA, long, long, []))


def test_loops_and_runs_of_symbols_are_flagged() -> None:
    for en in ("Japan pledged the the the the investment in the United States today.",
               "Japan pledged investment in the United States ########## today, it said.",
               "The alliance the alliance the alliance the alliance the alliance said."):
        assert "repeated text" in check(JA, en, en, []), en


def test_japanese_and_other_scripts_left_in_are_named() -> None:
    en = "Japan pledged 投資 in the United States and Москва agreed on the plan."
    reasons = check(JA, en, en, [])
    assert "Japanese left untranslated" in reasons and "other scripts (Cyrillic)" in reasons
    assert other_scripts("Café naïve résumé, α and μ") == []  # Latin accents, Greek symbols


def test_placeholders_numbers_and_terms_lost() -> None:
    en = "Japan pledged investment in the United States, the government announced."
    raw = "ZX1 pledged ZX1 investment in the United States, the government announced."
    vs = [Violation("p", "5500億ドル", "$550 billion", "number missing"),
          Violation("p", "重要鉱物", "critical minerals", "missing")]
    reasons = check(JA, raw, en, vs)
    assert "placeholder duplicated" in reasons
    assert "number missing: $550 billion" in reasons
    assert "glossary term missing: 重要鉱物 → critical minerals" in reasons


def test_control_characters_are_flagged() -> None:
    en = "Japan pledged investment in the\x01 United States, the government announced."
    assert "unprintable characters (1)" in check(JA, en, en, [])


def test_a_short_label_s_long_garbage_and_held_letters_are_flagged() -> None:
    # a two-character table label (合計, "total") the model turned into a line of noise
    reasons = check("合計", "Australiannnn tradeAustraliannnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn",
                    "Australiannnn tradeAustraliannnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", [])
    assert "repeated text" in reasons and any(r.startswith("too long") for r in reasons)
    assert check("合計", "Total", "Total", []) == []  # a short label's short English passes
    assert check("米国", "the United States", "the United States", []) == []
    assert check("高市首相が会見した。", "Prime Minister Takaichi held a press conference.",
                 "Prime Minister Takaichi held a press conference.", []) == []
