"""Assertions: event, object, actors, dates, deadline and modality of a sentence."""

from datetime import date

import pytest

from brief.analyse.claims import assertions, deadline_of
from brief.model import Passage

DAY = date(2025, 10, 28)


def _one(text: str, event: str):  # noqa: ANN202
    found = [a for a in assertions(Passage("S1", 0, len(text), text), DAY) if a.event == event]
    assert found, f"no {event} in {text}"
    return found[0]


@pytest.mark.parametrize(("text", "modality"), [
    ("高市首相はトランプ氏をノーベル平和賞に推薦したと伝えた。", "done"),
    ("首相は会談でノーベル平和賞にトランプ氏を推薦する意向を表明した。", "intention"),
    ("会談では首相がトランプ氏をノーベル平和賞に推薦すると伝えた。", "intention"),
    ("首相はトランプ氏をノーベル平和賞に推薦する方向で最終調整している。", "adjusting"),
    ("日米両政府は共同文書に署名する見通しとなった。", "planned"),
    ("両首脳は共同文書に署名せず、会談を終えた。", "negated"),
    ("首相はいずれ推薦に踏み切るとみられる。", "opinion"),
    ("首相はトランプ氏の推薦を検討している。", "adjusting"),
    ("首相はトランプ氏を推薦していないと述べた。", "negated"),
    ("官房長官は首相が推薦したとの報道を否定した。", "negated"),
    ("首相はトランプ氏をノーベル平和賞に推薦する考えを示した。", "intention"),
])
def test_modality_of_the_event(text: str, modality: str) -> None:
    event = "推薦" if "推薦" in text else "署名"
    assert _one(text, event).modality == modality


@pytest.mark.parametrize(("text", "event", "modality", "about"), [
    # a ban or suspension is one act, a halt, whatever the word; glued to what it stops
    ("韓国政府は米国産牛肉の輸入を一時停止すると発表した。", "停止", "announced", "輸入"),
    ("同国当局は日本産コメの輸入を禁止すると外交ルートで通知した。", "停止", "announced", "輸入"),
    ("農水省によると、輸入禁止の正式な通知は受け取っていない。", "停止", "negated", "輸入"),
    ("財務省は、輸出を停止するとの連絡はないと説明した。", "停止", "negated", "輸出"),
    ("相手国は昨年、鶏肉の輸入を停止した。", "停止", "done", "輸入"),
    # an impression is not a deed; an event named after a past clause is done
    ("ネット上では、大臣が謝罪しているように見えるとの投稿が広がった。", "謝罪", "opinion", ""),
    ("政府が12日に出した退避の呼びかけは、当面続く見込みだ。", "呼びかけ", "done", "退避"),
])
def test_modality_and_object_of_measures_and_impressions(text: str, event: str, modality: str,
                                                         about: str) -> None:
    found = _one(text, event)
    assert found.modality == modality
    if about:
        assert found.about == about


def test_the_same_day_takes_the_date_the_article_gave_last() -> None:
    from brief.analyse.claims import source_assertions

    ps = [Passage("S1", 0, 1, "外務省は25日、現地の治安悪化を受けて在留邦人に注意を促した。", index=0),
          Passage("S1", 1, 2, "政府は同日、同国への渡航をやめるよう呼びかける勧告を出した。", index=1),
          Passage("S2", 0, 1, "政府は同日、同国への渡航をやめるよう呼びかけた。", index=0)]
    found = source_assertions(ps, {"S1": DAY, "S2": DAY})
    calls = [a for a in found if a.event == "呼びかけ"]
    assert [(a.source_id, a.dates) for a in calls] == [("S1", ["2025-10-25"]), ("S2", [])]


def test_actors_dates_and_what_it_is_about() -> None:
    a = _one("高市早苗首相は28日、来日中のトランプ米大統領と迎賓館で会談した。", "会談")
    assert {"高市", "トランプ"} <= {x.removesuffix("首相") for x in a.actors}
    assert a.dates == ["2025-10-28"] and a.modality == "done"
    assert _one("首相はノーベル平和賞に推薦したと伝えた。", "推薦").about == "ノーベル平和賞"
    assert "ノーベル" not in _one("首相はノーベル平和賞に推薦した。", "推薦").actors


def test_a_phone_call_is_not_the_summit_and_after_the_meeting_is_a_time() -> None:
    assert _one("首相は25日、トランプ大統領と初の電話会談を実施した。", "電話会談").dates == ["2025-10-25"]
    events = [a.event for a in assertions(Passage("S1", 0, 30, "両首脳は会談後、横須賀基地を訪問した。"), DAY)]
    assert events == ["訪問"]


def test_deadlines_resolve_the_fiscal_year() -> None:
    assert deadline_of("今年度末までに具体化する", DAY) == "2026-03"
    assert deadline_of("今年度末までに具体化する", date(2026, 2, 1)) == "2026-03"
    assert deadline_of("2027年3月までに具体化する", DAY) == "2027-03"
    assert deadline_of("2026年度末までに", DAY) == "2027-03"


def test_brief_json_keeps_claims_verdicts_and_credibility() -> None:
    import json

    from brief.model import Brief
    from conftest import FIXTURES, assembled

    brief = assembled(FIXTURES / "unseen")
    data = json.loads(json.dumps(brief.to_dict(), ensure_ascii=False))
    again = Brief.from_dict(data)
    assert again.assertions == brief.assertions and again.assertions
    assert [c.verdict for c in again.conflicts] == [c.verdict for c in brief.conflicts]
    assert [(s.kind, s.kind_reason, s.origin) for s in again.sources] == [
        (s.kind, s.kind_reason, s.origin) for s in brief.sources]
    assert {"measure", "subject", "bound", "low"} <= set(data["figures"][0])
    assert {"modality", "outlets", "credible"} <= set(data["bottom_line"][0])


def test_a_sentence_as_a_whole_takes_its_most_hedged_modality() -> None:
    from brief.analyse.claims import main_modality

    def of(text: str) -> str:
        return main_modality(Passage("S1", 0, len(text), text))

    assert of("首相は会談でノーベル平和賞にトランプ氏を推薦する意向を表明した。") == "intention"
    assert of("日本は5500億ドルの対米投資を実現すると約束しました。") == "intention"
    assert of("トヨタ自動車が米国内に工場を建設する見通しであることも明らかにしました。") == "planned"
    assert of("両首脳は重要鉱物の供給確保に関する文書に署名した。") == "done"
    assert of("今回の会談は日米関係の未来を明るく照らすものになるでしょう。") == "opinion"
