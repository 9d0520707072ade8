from pathlib import Path

from brief.glossary.terms import Glossary, parse_tsv
from brief.translate.cache import Cache
from brief.translate.protect import protect, restore, tidy, verify
from brief.translate.run import translate_segments

H = "ja\ten\tnote\tvariants\tforbidden\tcase\n"
GLOSSARY = Glossary(parse_tsv(
    H + "迎賓館\tAkasaka Palace\t\t\tguest house\texact\n"
    "同盟強靱化予算\tAlliance Resilience Budget\t\t同盟強靭化予算\t\texact\n"
    "重要鉱物\tcritical minerals\t\t\timportant minerals\t\n"
    "高市早苗\tSanae Takaichi\t\t\t\texact\n", "g.tsv"))


class Echo:
    """Copies its input: tests the protection logic apart from any model (not a translation)."""

    model_id = "echo"
    batch_size = 32

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def translate_batch(self, texts: list[str]) -> list[str]:
        self.calls.append(list(texts))
        return list(texts)


class Rewriter(Echo):
    """Drops placeholders and uses a forbidden rendering, like a model that ignores them."""

    def translate_batch(self, texts: list[str]) -> list[str]:
        self.calls.append(list(texts))
        return ["They met at the guest house." if "ZX" in t else t for t in texts]


def test_terms_and_numbers_are_masked_longest_first_with_variants() -> None:
    p = protect("高市早苗首相は迎賓館で同盟強靭化予算を2,110億円と説明した。", GLOSSARY)
    assert p.masked == "ZX1 首相は ZX2 で ZX3 を ZX4 と説明した。"
    assert [s.en for s in p.slots] == ["Sanae Takaichi", "Akasaka Palace",
                                       "Alliance Resilience Budget", "¥211 billion"]
    text, lost = restore("ZX1 met at ZX2 ; the ZX3 is ZX4 .", p)
    assert lost == []
    assert tidy(text, [s.en for s in p.slots]) == (
        "Sanae Takaichi met at Akasaka Palace; the Alliance Resilience Budget is ¥211 billion.")


def test_glossary_rendering_wins_over_the_models(tmp_path: Path) -> None:
    backend = Rewriter()
    done = translate_segments(
        [("a", "迎賓館で会談した。")], GLOSSARY, backend, Cache(None))
    english, violations, stats = done.english, done.violations, done.stats
    # the placeholder was lost, the retry wrote the term in, the forbidden rendering is swapped
    assert english["a"] == "They met at the Akasaka Palace."
    assert "guest house" not in english["a"].lower()
    assert violations == [] and stats.retried == 1


class Untranslating(Echo):
    """Drops placeholders and leaves the Japanese, like a model that cannot translate."""

    def translate_batch(self, texts: list[str]) -> list[str]:
        self.calls.append(list(texts))
        return [t.replace("ZX1", "").strip() for t in texts]


def test_output_broken_beyond_a_lost_term_is_flagged_without_a_second_decode() -> None:
    backend = Untranslating()
    done = translate_segments([("a", "迎賓館で会談した。")], GLOSSARY, backend, Cache(None))
    assert done.stats.retried == 0 and len(backend.calls) == 1
    assert done.verdicts["a"].status == "flagged"
    assert "Japanese left untranslated" in done.verdicts["a"].flags


def test_verification_reports_missing_and_forbidden() -> None:
    p = protect("重要鉱物の供給。", GLOSSARY)
    vs = verify("x", "Supply of important minerals and 5 ships.", p)
    assert [(v.term_ja, v.problem) for v in vs] == [("重要鉱物", "missing"),
                                                    ("重要鉱物", "forbidden: important minerals")]


def test_articles_and_capitals_around_inserted_terms() -> None:
    assert tidy("a Alliance Resilience Budget was set.", ["Alliance Resilience Budget"]) == \
        "An Alliance Resilience Budget was set."
    assert tidy("the the plan", []) == "The plan"


def test_cache_hits_and_selective_invalidation(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.sqlite3")
    segs = [("a", "迎賓館で会談した。"), ("b", "重要鉱物で協力する。"), ("c", "投資を約束した。")]
    first = Echo()
    translate_segments(segs, GLOSSARY, first, cache)
    assert sum(len(c) for c in first.calls) == 3
    again = Echo()
    done = translate_segments(segs, GLOSSARY, again, cache)
    stats = done.stats
    assert again.calls == [] and stats.cached == 3
    edited = Glossary([t if t.ja != "重要鉱物" else
                       type(t)(ja=t.ja, en="critical raw materials") for t in GLOSSARY.terms])
    third = Echo()
    done = translate_segments(segs, edited, third, cache)
    stats = done.stats
    assert third.calls == [["ZX1 で協力する。"]] and stats.cached == 2


def test_the_same_text_twice_is_translated_once_and_reported_for_both() -> None:
    segs = [("i1", "迎賓館で会談した。"), ("fig1", "迎賓館で会談した。"), ("i2", "投資を約束した。")]

    class Forgetful(Echo):  # loses every placeholder, so the term goes missing
        def translate_batch(self, texts: list[str]) -> list[str]:
            self.calls.append(list(texts))
            return ["They met." for _ in texts]

    backend = Forgetful()
    done = translate_segments(segs, GLOSSARY, backend, Cache(None))
    english, violations, stats = done.english, done.violations, done.stats
    assert sorted(backend.calls[0]) == sorted(["ZX1 で会談した。", "投資を約束した。"])
    assert english["i1"] == english["fig1"] and stats.translated == 3
    assert {v.item_id for v in violations} == {"i1", "fig1"}


def test_real_argos_path_with_the_tiny_package(installed_tiny: Path, tmp_path: Path) -> None:
    from brief.translate.backends.argos import ArgosBackend

    backend = ArgosBackend()
    done = translate_segments(
        [("a", "高市早苗首相は迎賓館で会談した。"), ("b", "日本は5500億ドルの投資を約束した。")],
        GLOSSARY, backend, Cache(tmp_path / "c.sqlite3"))
    english, violations, stats = done.english, done.violations, done.stats
    assert stats.translated == 2 and set(english) == {"a", "b"}
    # whatever the tiny model writes, protected terms reach the output or are reported
    for seg, terms in (("a", ["Sanae Takaichi", "Akasaka Palace"]), ("b", ["$550 billion"])):
        reported = {v.expected for v in violations if v.item_id == seg}
        assert all(t in english[seg] or t in reported for t in terms)


def test_placeholders_through_the_real_tokenizer(installed_tiny: Path) -> None:
    """The real ja→en SentencePiece splits ZX1 into ▁Z X 1 and leaves a bare ▁ after it; the
    pieces are all in the real vocabulary and decode back to a placeholder restore() finds."""
    import pytest

    from brief.translate.backends.argos import ArgosBackend
    from tiny_argos import REALTOK

    if not REALTOK.is_file():
        pytest.skip(f"{REALTOK} not present: the tiny package uses a trained tokenizer")
    backend = ArgosBackend()
    prot = protect("高市早苗首相は迎賓館で5500億ドルを約束した。", GLOSSARY)
    assert prot.masked == "ZX1 首相は ZX2 で ZX3 を約束した。"
    pieces = backend.encode([prot.masked, "ZX12"])
    assert pieces[0][:5] == ["▁Z", "X", "1", "▁", "首相"]
    assert pieces[1] == ["▁Z", "X", "12"]
    import zipfile

    with zipfile.ZipFile(REALTOK) as z:  # the real package's vocabulary has every piece
        name = next(n for n in z.namelist() if n.endswith("/model/shared_vocabulary.txt"))
        vocab = set(z.read(name).decode("utf-8").splitlines())
    assert {"▁Z", "X", "1", "12", "▁"} <= vocab
    decoded = backend.pkg.tokenizer.decode(pieces[0])
    text, lost = restore(decoded, prot)
    assert lost == [] and "Sanae Takaichi" in text and "$550 billion" in text
    # a model that emits the pieces with spaces between them is still understood
    assert restore("Z X 1 met at ZX 2 ; ZX3", prot)[1] == []


def test_a_backslash_in_an_english_term_is_written_literally() -> None:
    from brief.translate.protect import finish

    terms = parse_tsv("ja\ten\tforbidden\n防衛費\tdefen\\1se\\g<0> C:\\budget\\n\tdefense costs\n",
                      "g.tsv")
    prot = protect("防衛費を増やす。", Glossary(terms))
    text, _, violations = finish("They raise defense costs.", prot, "P1")
    assert "defen\\1se\\g<0> C:\\budget\\n" in text and not violations
