
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
