from hypothesis import given, settings
from hypothesis import strategies as st

from brief.analyse.morphology import MAX_BYTES, analyse, pieces


def test_a_sentence_over_sudachis_input_limit_is_analysed() -> None:
    text = "日米同盟の抑止力を強化し防衛費を増額する方針、" * 5000  # ~175 kB, one sentence
    a = analyse(text)
    assert "防衛費" in a.units and "抑止力" in a.units


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=0, max_size=3000), st.integers(min_value=8, max_value=400))
def test_pieces_keep_every_character_and_fit_the_limit(text: str, limit: int) -> None:
    parts = pieces(text, limit)
    assert "".join(parts) == text
    assert all(len(p.encode("utf-8", "replace")) <= max(limit, 4) for p in parts)
    assert MAX_BYTES < 49149
