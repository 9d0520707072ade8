
import pytest

from brief.analyse.classify import Classifier
from brief.config import load_config
from conftest import FIXTURES


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier(load_config(FIXTURES / "brief.toml"))


# Hand-written sentences, one main point each.
@pytest.mark.parametrize("sentence,section", [
    ("政府は防衛費を国内総生産の2%に引き上げ、台湾海峡の抑止力を強化する。", "security"),
    ("北朝鮮のミサイル発射を受け、自衛隊と米軍が共同演習を行った。", "security"),
    ("日米はレアアースなど重要鉱物のサプライチェーン強化で協力する。", "economic_security"),
    ("中国の輸出管理を受け、半導体材料の調達先を多様化する。", "economic_security"),
    ("関税合意に基づき、日本は米国への巨額の投資を履行する。", "trade"),
    ("自動車への追加関税を避けるため、通商交渉が続いている。", "trade"),
    ("首相は大統領をノーベル平和賞に推薦し、笑顔で握手を交わした。", "optics"),
    ("両首脳は空母の艦上で並び、親密な雰囲気を演出した。", "optics"),
])
def test_sentence_goes_to_its_section(classifier: Classifier, sentence: str, section: str) -> None:
    assert classifier.classify(sentence).section == section


def test_one_keyword_never_decides_alone(classifier: Classifier) -> None:
    assert classifier.classify("会場には多くの笑顔が見られた。").section is None


def test_longer_keyword_absorbs_the_shorter(classifier: Classifier) -> None:
    result = classifier.classify("経済安全保障の観点からレアアースの備蓄を進める。")
    assert result.section == "economic_security"
    assert "安全保障" not in result.hits["security"]


# --- the shipped lexicon, user sections and word vectors (generic config, no story keywords) ---

STORY_CONFIG = FIXTURES / "stories" / "brief.toml"


def test_shipped_lexicon_covers_each_standard_section() -> None:
    from brief.analyse.lexicon import shipped_lexicon

    lex = shipped_lexicon()
    assert set(lex) == {"security", "economic_security", "trade", "optics"}
    for key, section in lex.items():
        assert len(section.terms) >= 100, key
    for term, key in (("存立危機事態", "security"), ("台湾有事", "security"),
                      ("領空侵犯", "security"), ("経済的威圧", "economic_security"),
                      ("輸出規制", "economic_security"), ("渡航自粛", "economic_security"),
                      ("関税", "trade"), ("輸入停止", "trade"), ("訪日客", "trade"),
                      ("会見", "optics"), ("投稿", "optics"), ("贈呈", "optics")):
        assert term in lex[key].terms, term


def test_a_broken_lexicon_line_names_file_and_line() -> None:
    from brief.analyse.lexicon import parse_lexicon
    from brief.errors import BriefError

    with pytest.raises(BriefError, match=r"mine\.tsv:2: weight must be a number"):
        parse_lexicon("trade\t関税\t1.5\ntrade\t輸入\theavy\n", "mine.tsv")
    with pytest.raises(BriefError, match=r"mine\.tsv:1: expected section, term and weight"):
        parse_lexicon("trade 関税 1.5\n", "mine.tsv")


@pytest.mark.parametrize("sentence,section", [
    # no word of these is in the story-free config's keywords: the lexicon places them
    ("中国軍の無人機が与那国島の周辺を飛行し、航空自衛隊の戦闘機が緊急発進した。", "security"),
    ("中国政府は自国民に日本への渡航自粛を呼びかけ、航空会社は減便を決めた。", "economic_security"),
    ("日本産水産物の輸入停止で、ホタテの生産者に打撃が広がっている。", "trade"),
    ("総領事のSNSへの投稿に対し、外務省は厳重に抗議した。", "optics"),
    # a corporate acquisition: the deal is trade (investment), the state's veto share
    # economic security, a rally against it optics (the protest, not what it is against)
    ("欧州の化学大手は東和電工への株式公開買い付け(TOB)を始め、買収価格を1株3000円とした。", "trade"),
    ("政府は経営判断に拒否権を持つ黄金株を取得し、技術の流出を防ぐ。", "economic_security"),
    ("本社前で従業員ら約500人が集会を開き、工場の閉鎖と買収に反対した。", "optics"),
    # an energy disruption: the reserves and the grid are economic security, the troops
    # sent to help security, a price spike trade
    ("政府は国家備蓄の石油を約100万バレル放出することを決めた。", "economic_security"),
    ("経済産業省は電力需給ひっ迫注意報を出し、節電を呼びかけた。", "economic_security"),
    ("陸上自衛隊は災害派遣で、停電が続く山間部に給水車を送った。", "security"),
    ("小麦の先物価格が急騰し、製粉各社は小麦粉の値上げを発表した。", "trade"),
    # an attack on a port's systems is security; how the public takes the delay, optics
    ("空港の管制システムがランサムウェアによるサイバー攻撃を受け、全便が欠航した。", "security"),
    ("ネット上では、運航再開の遅れに対する不満の声が相次いだ。", "optics"),
])
def test_the_lexicon_places_sentences_without_config_keywords(sentence: str, section: str) -> None:
    assert Classifier(load_config(STORY_CONFIG)).classify(sentence).section == section


@pytest.mark.parametrize("sentence,section", [
    # the venue of a leader's visit or speech is where, not what about: a gesture (optics)
    ("両首脳は会談後、米海軍横須賀基地を訪問し、原子力空母の艦上でトランプ氏が演説した。", "optics"),
    ("大統領は来日中に在日米軍の航空基地を訪れ、空軍基地の格納庫で兵士を前に演説した。", "optics"),
    # …while what is done at a base stays the base's matter
    ("防衛省は与那国島の駐屯地に長射程ミサイルの部隊を配備する。", "security"),
    # a 形状詞 glued to a noun makes the compound (重要鉱物), the alliance is decisive
    ("両国は重要鉱物の供給確保に関する覚書を交わした。", "economic_security"),
    ("両首脳は日米同盟をさらに強化することで一致した。", "security"),
])
def test_generic_config_places_what_the_unseen_summit_articles_say(sentence: str,
                                                                   section: str) -> None:
    assert Classifier(load_config(STORY_CONFIG)).classify(sentence).section == section


def test_a_users_section_is_carried_by_its_description_keywords_and_vectors() -> None:
    from brief.config import SectionConfig

    cfg = load_config(STORY_CONFIG)
    cfg.sections.append(SectionConfig(
        key="energy", title="Energy",
        description="Energy supply and prices (エネルギー供給、電力、原子力、燃料)",
        keywords={"原発": 1.0, "再稼働": 1.0}))
    c = Classifier(cfg)
    assert c.classify("政府は原発の再稼働を急ぎ、冬の電力需給の逼迫に備える。").section == "energy"
    # 液化天然ガス and 燃料費 are in no list: 燃料 (description) and 電力 need the vectors' help
    assert c.classify("液化天然ガスの価格高騰で、電力会社の燃料費が膨らんでいる。").section == "energy"
    assert c.classify("日本産水産物の輸入停止で、ホタテの生産者に打撃が広がっている。").section == "trade"


def test_vectors_help_an_unlisted_word_and_never_decide_alone() -> None:
    c = Classifier(load_config(STORY_CONFIG))
    # 陸軍, 海兵隊 and 上陸 are in no list; 訓練 (0.6) alone would not place it
    result = c.classify("陸軍と海兵隊が離島奪還を想定した上陸訓練を実施した。")
    assert result.section == "security" and any(h.startswith("~") for h in result.hits["security"])
    off = Classifier(load_config(STORY_CONFIG), use_vectors=False)
    assert off.classify("陸軍と海兵隊が離島奪還を想定した上陸訓練を実施した。").section is None
    assert c.classify("陸軍と海兵隊が到着した。").section is None  # no listed term at all


def test_word_vectors_are_ginzas() -> None:
    from brief.analyse.parse import _torch_hidden
    from brief.analyse.vectors import load_vectors, string_hash

    with _torch_hidden():  # spaCy as brief loads it: thinc without PyTorch (~2 s less)
        from spacy.strings import hash_string  # type: ignore[attr-defined]  # a Cython name

    for word in ("関税", "a", "サプライチェーン", "abcdefgh", "存立危機事態"):
        assert string_hash(word) == hash_string(word)  # spaCy's own key for the word
    vec = load_vectors()
    assert vec is not None and vec.dim == 300
    tariff, imports, photo = vec.get("関税"), vec.get("輸入"), vec.get("写真")
    assert tariff is not None and imports is not None and photo is not None
    assert float(tariff @ imports) > float(tariff @ photo) + 0.2
    assert vec.get("ぬぬぬぬ未知語") is None


def test_classifying_does_not_import_spacy() -> None:
    import subprocess
    import sys

    code = ("import sys; from brief.analyse.classify import Classifier\n"
            "from brief.config import load_config; from pathlib import Path\n"
            f"c = Classifier(load_config(Path({str(STORY_CONFIG)!r})))\n"
            "assert c.classify('関税交渉で自動車の関税撤廃を求めた。').section == 'trade'\n"
            "assert 'spacy' not in sys.modules, 'spacy imported'")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_a_users_keyword_counts_even_inside_a_venue(classifier: Classifier) -> None:
    """Venues leave the lexicon and vectors, not the user's own brief.toml words (the
    fixture config makes 横須賀 and 空母 Optics words)."""
    result = classifier.classify("両首脳は米海軍横須賀基地を訪れ、空母を視察した。")
    assert {"横須賀", "空母"} <= set(result.hits["optics"]) and result.section == "optics"
    generic = Classifier(load_config(STORY_CONFIG)).classify("両首脳は米海軍横須賀基地を訪れ、空母を視察した。")
    assert "基地" not in generic.hits["security"]


def test_a_warm_build_classifies_as_a_cold_one_without_loading_the_vectors() -> None:
    """A rebuild's classifications come from the analyse cache; a story term then makes some
    texts classify again, from the vector evidence they kept: the same sections and hits as a
    classifier that computed everything, and the word vectors never read."""
    cfg = load_config(FIXTURES / "brief.toml")
    story = [("S1", "中国は日本産の養殖ホタテの輸入を停止し、関税の引き上げも示唆した。"),
             ("S2", "養殖ホタテの対中輸出は停止され、輸出額は前年から大きく減った。"),
             ("S3", "政府は養殖ホタテの輸出先を米国や東南アジアに広げる貿易支援策を発表した。"),
             ("S1", "陸軍と海兵隊が離島奪還を想定した上陸訓練を実施した。"),
             ("S2", "養殖ホタテの業者は、年末に向けて新たな販路の開拓を急いでいる。")]
    cold = Classifier(cfg)
    cached = {text: cold.classify(text) for _, text in story}  # the analyse stage's
    cold.adapt(story)
    warm = Classifier(cfg)
    warm.remember(cached)
    warm.adapt(story)
    for _, text in story:
        assert warm.classify(text) == cold.classify(text)
    assert warm.classify(story[-1][1]).section == "trade"  # the story term did count
    assert not warm._vectors_ready  # noqa: SLF001 - what the rebuild did not pay for


@pytest.mark.parametrize("sentence,section", [
    # the quoted words are about a section's matter: the statement's channel (会見, SNS,
    # 発言, 投稿) outside the quote says only that it was said
    ("農林水産大臣は閣議後の記者会見で「レアアースの備蓄を積み増し、サプライチェーンを強化する」と発言した。",
     "economic_security"),
    ("大臣は自身のSNSで「同盟国として抑止力を高めるため、ミサイル防衛の予算を増やす」と投稿した。",
     "security"),
])
def test_a_quote_is_classified_by_what_it_says_not_by_its_frame(sentence: str,
                                                                section: str) -> None:
    result = Classifier(load_config(STORY_CONFIG)).classify(sentence)
    assert result.section == section
    assert not result.hits["optics"]


def test_a_quote_about_how_something_was_said_keeps_its_frame() -> None:
    c = Classifier(load_config(STORY_CONFIG))
    # a protest quoted at a press conference is the statement itself: the frame counts
    result = c.classify("外務省の報道官は会見で「極めて遺憾であり、厳重に抗議する」と述べた。")
    assert result.section == "optics" and "会見" in result.hits["optics"]
    # a quote no section's words reach leaves the frame as the sentence's only evidence
    assert "記者会見" in c.classify("首相は記者会見で「ありがとうございました、皆さん」と述べた。"
                                ).hits["optics"]


def test_a_ministrys_name_says_who_not_what_about() -> None:
    c = Classifier(load_config(STORY_CONFIG))
    # 水産 (trade) inside 農林水産省 is the ministry's name, not fisheries
    assert not c.classify("農林水産省は備蓄の在庫を公表した。").hits["trade"]
    # a listed body inside a longer name (国防省 in 中国国防省) is still its section's word
    assert "国防省" in c.classify("中国国防省は演習の実施を発表した。").hits["security"]


def test_a_decisive_term_is_not_vetoed_by_a_stray_word_of_another_section() -> None:
    c = Classifier(load_config(STORY_CONFIG))
    # ドル (trade, 0.5) is the price of the purchase, 防衛装備品 what it is about
    result = c.classify("政府は米国から数十億ドルの防衛装備品を購入する方針だ。")
    assert result.section == "security" and result.hits["trade"] == ("ドル",)
    # …while a rival word of more than half its weight still contests it (輸出 0.8)
    assert c.classify("政府は防衛装備品の輸出を検討する。").section is None


def test_a_briefing_is_the_frame_of_a_report_not_its_point() -> None:
    # 説明会 says a briefing took place (like 会見, ブリーフィング): alone it weighs nothing
    c = Classifier(load_config(STORY_CONFIG))
    result = c.classify("業界団体向けの説明会には輸出企業など150社が参加した。")
    assert "説明会" in result.hits["optics"] and result.scores["optics"] == 0
    assert result.scores["trade"] > 0


def test_hits_summing_to_exactly_the_least_score_place_a_sentence_whatever_its_vectors(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # two listed terms of 1.0 each (備蓄, 脆弱性) reach min_score (2.0) exactly; the decision
    # must not take the vectors back off a rounded total (a cosine of 0.6193 left 1.99995)
    c = Classifier(load_config(STORY_CONFIG))
    assert c.config.min_score == 2.0
    sections = ("security", "economic_security", "trade", "optics")

    def no_soft(words: list[str]) -> dict[str, tuple[str, ...]]:
        return {k: () for k in sections}

    monkeypatch.setattr(c, "_near", no_soft)
    for cosine in (0.6193, 0.4127, 0.5, 0.7771):
        def sims(lemmas: tuple[str, ...], x: float = cosine) -> dict[str, float]:
            return {k: (x if k == "economic_security" else 0.1) for k in sections}

        monkeypatch.setattr(c, "similarities", sims)
        result = c._classify("政府は物資の備蓄と脆弱性の点検を進める。")
        assert result.scores["economic_security"] == 2.0, result.hits
        assert result.section == "economic_security", cosine


@pytest.mark.parametrize("sentence", [
    "担当者は「国際情勢も踏まえ、不測の事態に備えていく」と述べた。",
    "政府は、万一の事態への対応を関係省庁と確認した。",
])
def test_preparing_for_a_contingency_is_security_as_yuji_is(sentence: str) -> None:
    # 万が一の事態に備える says 有事 in other words: one decisive pattern no section contests
    result = Classifier(load_config(STORY_CONFIG)).classify(sentence)
    assert result.section == "security", result.hits


def test_contingency_words_do_not_outweigh_a_sentences_trade_matter() -> None:
    c = Classifier(load_config(STORY_CONFIG))
    result = c.classify("万一の事態に備え、政府は自動車関税の引き下げ交渉を急ぐ。")
    assert result.section == "trade", result.hits


@pytest.mark.parametrize("sentence", [
    "同社は万一の事態に備え、従業員の損害保険を手厚くした。",
    "各家庭では不測の事態に備えて、3日分の水や食料を用意しておきたい。",
])
def test_a_households_or_a_firms_own_precaution_is_not_security(sentence: str) -> None:
    assert Classifier(load_config(STORY_CONFIG)).classify(sentence).section != "security"


def test_a_term_with_a_particle_or_a_dot_inside_matches_where_it_is_written() -> None:
    """Terms are matched on lemmas and noun compounds, which a particle, an adverb or a ・
    ends: 核の傘, 断固反対, エンティティー・リスト, and a user's keyword 電力の融通, were never
    hit. They match as written now; a Latin or numeric term only as a whole (5G, not 15G)."""
    from brief.config import SectionConfig

    cfg = load_config(STORY_CONFIG)
    cfg.sections.append(SectionConfig(key="energy", title="Energy",
                                      keywords={"電力の融通": 1.5, "送電網": 1.0}))
    c = Classifier(cfg)
    assert "核の傘" in c.classify("米国の核の傘に頼る抑止の在り方を見直す。").hits["security"]
    assert "断固反対" in c.classify("外務省は断固反対すると述べた。").hits["optics"]
    assert "エンティティー・リスト" in c.classify(
        "米商務省は中国企業をエンティティー・リストに加えた。").hits["economic_security"]
    assert c.classify("電力各社は地域間で電力の融通を進め、送電網を増強する。").section == "energy"
    assert "5G" in c.classify("各社は5Gの基地局の整備を急ぐ。").hits["economic_security"]
    assert "5G" not in c.classify("検査装置は15Gの衝撃に耐える。").hits["economic_security"]
