"""Each disagreement detector on short articles written for it, and the pairs that are not
disagreements (different days, vessels, measures; quoted jibes; hypotheticals)."""

from brief.config import load_config
from brief.curate.conflicts import find_conflicts, link_disputes
from brief.curate.disagree import DETECTORS
from brief.curate.figures import all_figures
from brief.model import Citation, Item, Passage, Source
from conftest import FIXTURES

CFG = load_config(FIXTURES / "brief.toml")


def _p(text: str, sid: str) -> Passage:
    return Passage(sid, 0, len(text), text)


def _sources(*ids: str) -> list[Source]:
    return [Source(i, f"{i}.txt", "t", "", outlet=f"outlet {i}", published="2025-06-10")
            for i in ids]


def _conflicts(ps: list[Passage]) -> list:
    return find_conflicts(all_figures(ps, CFG), ps, _sources(*{p.source_id for p in ps}))


def test_every_detector_is_registered_once_by_kind() -> None:
    names = [name for name, _ in DETECTORS]
    assert len(names) == len(set(names)) and {"figure", "place", "office", "response"} <= set(names)


def test_durations_of_different_days_or_vessels_never_pair() -> None:
    ps = [_p("巡視船は7日、護衛艦「あさひ」に約40分間追尾された。", "A"),
          _p("巡視船は8日、護衛艦「あさひ」に約80分間追尾された。", "B"),
          _p("巡視船は7日、護衛艦「ゆうひ」に約80分間追尾された。", "C")]
    assert _conflicts(ps) == []


def test_a_length_said_two_ways_on_one_day_is_a_disagreement() -> None:
    ps = [_p("巡視船の追尾は7日、約40分間続いた。", "A"),
          _p("巡視船の追尾は7日、約2時間続いた。", "B")]
    [c] = _conflicts(ps)
    assert sorted(cl.value for cl in c.claims) == ["about 2 hours", "about 40 minutes"]


def test_just_under_and_a_little_over_disagree_but_about_fits_both() -> None:
    under = _p("首脳会談は2時間弱に及んだ。", "A")
    over = _p("首脳会談は2時間あまりに及んだ。", "B")
    about = _p("首脳会談は約2時間に及んだ。", "C")
    [c] = _conflicts([under, over])
    assert sorted(cl.value for cl in c.claims) == ["over 2 hours", "under 2 hours"]
    assert _conflicts([under, about]) == [] and _conflicts([over, about]) == []


def test_planned_length_is_set_against_a_plan_not_the_outcome() -> None:
    ps = [_p("会合は当初予定の20分を大きく超え、約1時間に及んだ。", "A"),
          _p("首脳は当初、約30分間予定した会合が約1時間に延びた。", "B")]
    [c] = _conflicts(ps)
    assert sorted(cl.value for cl in c.claims) == ["20 minutes", "about 30 minutes"]
    assert "planned" in c.topic


def test_different_parts_quoted_jibes_and_hypotheticals_never_pair() -> None:
    ps = [_p("艦隊は補給艦1隻を伴って航行した。", "A"),
          _p("艦隊は随伴艦4隻を伴って航行した。", "B"),
          _p("議員は「あんな古いコメは5キロ90円ですよ」と述べた。", "C"),
          _p("店頭の備蓄米は5キロ2100円で売られている。", "D"),
          _p("輸入を倍に増やせば輸入米の7割を占めることになる。", "E"),
          _p("輸入米の約40%を占めている。", "F")]
    assert _conflicts(ps) == []


def test_an_average_is_not_one_items_price() -> None:
    ps = [_p("今週の小麦粉の平均価格は1キロ500円だった。", "A"),
          _p("小麦粉の価格が1キロ420円となった。", "B")]
    assert _conflicts(ps) == []


def test_a_position_from_the_same_island_in_two_directions() -> None:
    ps = [_p("巡洋艦「はやて」が7日、鳥ノ島の南西約300キロを航行した。", "A"),
          _p("巡洋艦「はやて」が鳥ノ島(東京都)から約250キロ北西の海域にいた。", "B"),
          _p("巡洋艦「はやて」が鳥ノ島の南西約290キロを航行した。", "C"),
          _p("別の艦は月ノ島の南東約600キロにいた。", "D")]
    [c] = _conflicts(ps)
    assert c.kind == "place"
    assert sorted(cl.value for cl in c.claims) == ["about 250 km 北西 of 鳥ノ島",
                                                   "about 300 km 南西 of 鳥ノ島"]


def test_an_office_holder_only_one_source_names() -> None:
    ps = [_p("山川太郎首相はアルド大統領と会談した。", "A"),
          _p("山川首相はアルド大統領を官邸に迎えた。", "B"),
          _p("海野一郎首相はアルド大統領と会談し、共同声明を出した。", "C")]
    [c] = _conflicts(ps)
    assert c.kind == "attribute" and [cl.value for cl in c.claims] == ["山川首相", "海野首相"]
    other = [_p("山川太郎首相はアルド大統領と会談した。", "A"),
             _p("山川首相はアルド大統領を官邸に迎えた。", "B"),
             _p("英国の海野首相は議会で演説した。", "C")]  # another country's: no shared actor
    assert _conflicts(other) == []


def test_a_protest_against_concern_over_one_incident() -> None:
    ps = [_p("戦闘機「J10」の接近について、政府は抗議した。", "A"),
          _p("政府は戦闘機「J10」の接近に深刻な懸念を表明し、再発防止を申し入れた。", "B"),
          _p("J10の接近で、政府は外交ルートを通じて懸念を伝えた。", "C")]
    [c] = _conflicts(ps)
    assert [cl.value for cl in c.claims] == ["expressed concern", "protested"]
    assert sorted({x.source_id for x in c.claims[0].citations}) == ["B", "C"]


def test_no_joint_statement_and_other_documents_signed_are_both_true() -> None:
    ps = [_p("両首脳は共同文書に署名した。", "A"),
          _p("会談は共同文書を作成せず、友好的に進んだ。", "B"),
          _p("両首脳は鉱物の協力に関する覚書に署名した。", "B")]
    [c] = _conflicts(ps)
    assert c.kind == "statement" and "Both can be true" in c.note and "覚書" in c.note


def test_a_point_cites_only_sources_that_agree_and_names_its_dispute() -> None:
    done = "両首脳は共同文書に署名した。"
    expected = "両首脳は共同文書に署名する見通しとなった。"
    ps = [_p(done, "A"), _p(expected, "B"), _p("会談は共同文書を作成せず、友好的に進んだ。", "C")]
    conflicts = _conflicts(ps)
    item = Item("p1", "optics", done, [Citation("A", 0, len(done), done),
                                      Citation("B", 0, len(expected), expected)], outlets=2)
    link_disputes([item], conflicts, _sources("A", "B", "C"))
    assert [c.source_id for c in item.citations] == ["A"] and item.outlets == 1
    assert item.dispute == conflicts[0].id


def test_a_visit_one_source_sends_the_other_way() -> None:
    ps = [_p("来日したアルド大統領は首相と会談した。", "A"),
          _p("アルド大統領の来日は就任後初めてだ。", "B"),
          _p("訪韓したアルド大統領は夕食会に臨んだ。", "C")]
    [c] = _conflicts(ps)
    assert [cl.value for cl in c.claims] == ["visited Japan", "visited Korea"]
    assert _conflicts(ps[:2]) == []


def test_where_the_dinner_was_held() -> None:
    ps = [_p("両首脳は公邸で開かれた首相主催の夕食会後に懇談した。", "A"),
          _p("会談後、迎賓館の2階で開かれた晩さん会で料理がふるまわれた。", "B")]
    [c] = _conflicts(ps)
    assert c.kind == "place" and sorted(cl.value for cl in c.claims) == ["公邸", "迎賓館の2階"]
    city = [_p("東京で開かれた晩さん会には各国の大使が出席した。", "C"), ps[0]]
    assert _conflicts(city) == []  # a city holds the building: both can be true


def test_counts_as_of_different_times_are_shown_as_stale_and_updated() -> None:
    ps = [_p("きのう時点で12社から申し込みがあった。", "A"),
          _p("28日正午時点で、計31社から申し込みがあった。", "B")]
    [c] = _conflicts(ps)
    assert sorted(cl.value for cl in c.claims) == ["12 companies", "31 companies"]
    assert "as of" in c.topic and "later one supersedes" in c.note


def test_a_group_of_a_vessel_and_its_escorts_against_a_total() -> None:
    ps = [_p("巡洋艦「はやて」を含む計3隻が鳥ノ島付近を航行した。", "A"),
          _p("はやてと駆逐艦1隻、補給艦1隻が7日に鳥ノ島の沖を航行した。", "A"),
          _p("巡洋艦「はやて」と随伴艦3隻が、鳥ノ島の北を航行していると発表した。", "B"),
          _p("巡洋艦「かぜ」を含む計4隻が航行した。", "B")]  # another group: never paired
    [c] = [c for c in _conflicts(ps) if "group" in c.topic]
    assert sorted(cl.value for cl in c.claims) == ["3 ships in all", "4 ships in all"]
    assert sorted({x.source_id for x in c.claims[0].citations}) == ["A"]


def test_the_wire_s_own_page_leads_a_point_a_repost_also_carries() -> None:
    wire = Source("W", "w.txt", "t", "", outlet="共同通信", kind="wire", origin="共同通信")
    host = Source("M", "m.txt", "t", "", outlet="まとめ速報", kind="forum", origin="共同通信")
    said = "首相は28日、港湾協定に署名した。"
    own = "【東京共同】首相は28日、港湾協定に署名した。"
    item = Item("p1", "trade", said, [Citation("M", 0, len(said), said),
                                      Citation("W", 0, len(own), own)], outlets=1)
    link_disputes([item], [], [wire, host])
    assert item.citations[0].source_id == "W" and item.ja.startswith("【東京共同】")


def test_one_owner_s_imports_said_as_two_tonnages() -> None:
    ps = [_p("農林省によると、北国産の小麦輸入は2024年度で12万3000トンだった。", "A"),
          _p("北国産小麦の輸入量は年間15万t程度のため、50%増やすと22万tとなる。", "B")]
    [c] = _conflicts(ps)
    assert sorted(cl.value for cl in c.claims) == ["123,000 tonnes", "150,000 tonnes"]


def test_a_source_giving_another_figure_does_not_corroborate_a_point() -> None:
    said = "巡視船は約40分間追尾された。"
    other = "巡視船は約80分間追尾された。"
    same = "巡視船は7日、約40分間にわたり追尾された。"
    item = Item("p1", "security", said, [Citation("A", 0, len(said), said),
                                         Citation("B", 0, len(other), other),
                                         Citation("C", 0, len(same), same)], outlets=3)
    link_disputes([item], [], _sources("A", "B", "C"))
    assert [c.source_id for c in item.citations] == ["A", "C"] and item.outlets == 2


def test_nothing_confirmed_so_far_against_a_later_finding() -> None:
    ps = [_p("現時点では不審な接近は確認されていません。", "A"),
          _p("当局は7日、戦闘機の不審な接近を確認した。", "B"),
          _p("会場では混乱は確認されていない。", "C")]  # another thing: no pair with B
    [c] = _conflicts(ps)
    assert [cl.value for cl in c.claims] == ["confirmed", "not confirmed (so far)"]
    assert [x.source_id for x in c.claims[1].citations] == ["A"] and "predate" in c.note


def test_a_quoted_denial_against_a_report_that_the_act_was_proposed() -> None:
    ps = [_p("知事は22日の会談で、港湾の共同利用に向けた協議を呼びかけた。", "A"),
          _p("これについて相手側の報道官は「具体的な協議はしなかった」と述べた。", "A"),
          _p("知事は会談で港湾の将来について語った。", "B")]
    [c] = _conflicts(ps)
    assert [cl.value for cl in c.claims] == ["raised or proposed",
                                             "not discussed (the other side's account)"]
    assert "partly true" in c.note
    assert _conflicts([ps[0], ps[2]]) == []  # no denial: nothing to set against


def test_an_activity_inside_the_zone_against_after_leaving_it() -> None:
    ps = [_p("艦隊が領海を出た後、ヘリコプターの発着艦が確認された。", "A"),
          _p("艦隊は領海内で確認され、", "B"),
          Passage("B", 0, 10, "艦載機の発着艦訓練を実施した。", index=1),
          _p("別の艦隊は接続水域内を航行した。", "C")]  # another zone, another act: no pair
    [c] = _conflicts(ps)
    assert [cl.value for cl in c.claims] == ["outside the 領海", "inside the 領海"]


def test_who_faces_the_shortage() -> None:
    ps = [_p("大統領は投稿で「日本は深刻な小麦不足に直面している」と書いた。", "A"),
          _p("米国が直面している大規模な小麦不足の中で、大統領は不満を示した。", "B"),
          _p("日本は小麦不足に直面し、輸入を急いでいる。", "C")]
    [c] = _conflicts(ps)
    assert [cl.value for cl in c.claims] == ["日本 faces it", "米国 faces it"]
    both = [_p("日本も米国も小麦不足に直面し、日本は小麦不足に直面している。", "A")]
    assert _conflicts(both) == []  # one outlet comparing two countries is no dispute


def test_an_incident_placed_in_another_sea_by_one_report() -> None:
    ps = [_p("哨戒機は太平洋の公海上空で戦闘機に追尾された。", "A"),
          _p("現場は沖ノ鳥島の西で、戦闘機が異常接近した。", "B"),
          _p("戦闘機の追尾は太平洋上空で続いた。", "C"),
          _p("異常接近は尖閣諸島の北方の海域で起きたという。", "D")]
    [c] = _conflicts(ps)
    assert [cl.value for cl in c.claims] == ["Pacific", "East China Sea"]
    assert _conflicts(ps[2:]) == []  # one each: two incidents, not one misplaced


def test_routine_training_against_a_threat() -> None:
    ps = [_p("海軍は、年次計画に基づいた定例の訓練で特定の国を標的にしていないとした。", "A"),
          _p("防衛相は「我が国の安全の脅威にならないよう」申し入れたと述べた。", "B")]
    [c] = _conflicts(ps)
    assert [cl.value for cl in c.claims] == ["routine, aimed at no country", "a threat"]
    assert "characterisation" in c.note
    assert _conflicts([ps[1]]) == []


def test_who_creates_the_risk() -> None:
    ps = [_p("政府は、戦闘機の接近は偶発的な衝突を誘発する可能性があるとして懸念を伝えた。", "A"),
          _p("報道官は、相手国の接近偵察こそがリスクの根源だと述べた。", "B")]
    [c] = [c for c in _conflicts(ps) if c.topic == "Who creates the risk"]
    assert [x.source_id for cl in c.claims for x in cl.citations] == ["A", "B"]
    assert "party's claim" in c.note


def test_a_claim_and_its_rebuttal_in_one_article() -> None:
    ps = [Passage("A", 0, 1, "議員は集会で「倉庫の小麦は家畜のえさにしかならない」と述べた。", index=0),
          Passage("A", 0, 1, "大臣は会見で質問に答えた。", index=1),
          Passage("A", 0, 1, "大臣は「そのような指摘は制度の実態とは異なる」と反論した。", index=2)]
    [c] = _conflicts(ps)
    assert [cl.value for cl in c.claims] == ["claimed", "rebutted"]
    assert c.claims[0].ja.startswith("議員は")
    alone = [ps[2]]
    assert _conflicts(alone) == []  # a rebuttal with no claim before it: nothing to pair


def test_a_contradiction_the_outlet_itself_notes() -> None:
    ps = [Passage("A", 0, 1, "声明は、相手国がただちに小麦の輸入を倍増させるとしている。", index=0),
          Passage("A", 0, 1, "大臣は会見で見通しを語った。", index=1),
          Passage("A", 0, 1, "需要を見ながら判断する考えで、ただちに輸入を倍増させるとする声明とは食い違う。",
                  index=2)]
    [c] = _conflicts(ps)
    assert [cl.ja[:4] for cl in c.claims] == ["声明は、", "需要を見"]
    assert "itself" in c.note


def test_a_new_detector_is_one_module_and_one_registry_line(monkeypatch) -> None:  # noqa: ANN001
    import toy_detector
    from brief.curate import disagree

    monkeypatch.setattr(disagree, "DETECTORS", (*DETECTORS, ("roof", toy_detector.detect)))
    found = _conflicts([_p("市役所の屋根は赤に塗られた。", "S1"), _p("市役所の屋根は青に塗られた。", "S2"),
                        _p("図書館の屋根は緑だ。", "S3")])
    [roof] = [c for c in found if c.topic.startswith("the colour of the roof")]
    assert roof.topic == "the colour of the roof of 市役所"
    assert sorted((cl.value, [ci.source_id for ci in cl.citations]) for cl in roof.claims) == [
        ("blue", ["S2"]), ("red", ["S1"])]  # each side as said, the library's roof in none
    assert roof.id.startswith("conflict-") and roof.verdict  # numbered and judged like the rest


def test_a_sale_price_per_unit_said_as_an_average_and_as_a_range() -> None:
    # written for this test: a stockpile sold per tonne; an auction price earlier in a sentence
    avg = _p("農政局によると、備蓄小麦の売り渡し価格の平均は1トンあたり5万2000円。", "A")
    band = _p("入札で1トンあたり約9万円で落札されていた備蓄小麦を、5万5000円台で製粉会社に売り渡す。", "B")
    [c] = _conflicts([avg, band])
    assert "sale price per 1 t" in c.topic
    assert sorted(cl.value for cl in c.claims) == ["in the ¥55,000s per 1 t", "¥52,000 per 1 t"]
    assert [cl.ja for cl in c.claims][1] == "5万5000円台で製粉会社に売り渡す"  # not the auction's


def test_prices_that_rounding_or_a_band_reconciles_and_other_deals_never_pair() -> None:
    avg = _p("備蓄小麦の売り渡し価格の平均は1トンあたり5万2000円。", "A")
    for other in ("備蓄小麦を1トンあたり約5万円で製粉会社に売り渡す。",  # about 5万: 47,500-52,500
                  "備蓄小麦を1トンあたり5万円台で製粉会社に売り渡す。",  # 50,000-59,999
                  "備蓄小麦は入札で1トンあたり約9万円で落札された。",  # an auction, not the sale
                  "備蓄小麦を1キロあたり80円で製粉会社に売り渡す。"):  # per kilo, not per tonne
        assert _conflicts([avg, _p(other, "B")]) == [], other


def test_a_commodity_price_two_outlets_attribute_to_official_data() -> None:
    a = _p("経済省の発表によると、ガソリン1リットルあたりの全国平均価格は174円だった。", "A")
    b = _p("価格は急騰し、政府のデータによれば、ガソリンの価格は190円から200円に達した。", "B")
    [c] = _conflicts([a, b])
    assert sorted(cl.value for cl in c.claims) == ["¥174 per 1 L", "¥190–¥200"]
    # unattributed, or of another commodity (a compound is another thing): not one measure
    assert _conflicts([a, _p("ガソリンの価格は190円から200円に達した。", "B")]) == []
    assert _conflicts([a, _p("政府のデータによれば、軽油の価格は190円から200円に達した。", "B")]) == []


def test_a_definition_that_makes_the_government_s_stock_a_private_product() -> None:
    # written for this test: a blog's definition of a nickname against the others' wording
    blog = [Passage("A", 0, 40, "「山田備蓄油」は、最近発売された新しいタイプの家庭用燃料です。", index=0),
            Passage("A", 41, 80, "背景には、国の備蓄だけに頼らず、民間主導で備蓄を広げる考えがあります。",
                    index=1)]
    news = [_p("経産省は政府備蓄油の放出を決めた。", "B"), _p("政府の備蓄油は入札で売られる。", "C")]
    [c] = _conflicts(blog + news)
    assert c.kind == "attribute" and "「山田備蓄油」" in c.topic
    assert [cl.value for cl in c.claims] == ["the private sector's 備蓄油", "the government's 備蓄油"]
    assert sorted(x.source_id for x in c.claims[1].citations) == ["B", "C"]
    # a definition naming no owner, or other sources that name both owners: no dispute
    plain = [Passage("A", 0, 30, "「山田備蓄油」は、最近話題の燃料です。", index=0)]
    assert not [c for c in _conflicts(plain + news) if c.kind == "attribute"]
    both = news + [_p("民間の備蓄油も放出される。", "D")]
    assert not [c for c in _conflicts(blog + both) if c.kind == "attribute"]


def test_inside_or_outside_a_zone_of_the_same_activity() -> None:
    """A fall (or flight) placed outside the EEZ by some outlets and inside it by another is
    one entry, every outlet on its side; a side said only as a possibility says so; another
    zone (領海) or another activity never pairs."""
    ps = [_p("X国の弾道ミサイルは約600キロ飛行し、EEZの外側に落下したとみられる。", "A"),
          _p("政府は、ミサイルはEEZの外に落下したとの見方を示した。", "B"),
          _p("ミサイルの1発は日本のEEZ内に落下した可能性がある。", "C")]
    [c] = [c for c in _conflicts(ps) if "EEZ" in c.topic]
    assert [(cl.value, sorted(x.source_id for x in cl.citations)) for cl in c.claims] == [
        ("outside the EEZ", ["A", "B"]), ("inside the EEZ (possibly)", ["C"])]
    other = [_p("X国の艦船は領海の外で訓練した。", "A"), _p("X国の艦船はEEZ内で訓練した。", "B"),
             _p("X国の艦船はEEZの外で航行した。", "C"), _p("X国の航空機はEEZ内で給油した。", "D")]
    assert not [c for c in _conflicts(other) if "EEZ" in c.topic or "領海" in c.topic]


def test_a_price_per_unit_and_a_total_or_two_owners_counts_never_pair() -> None:
    """1株あたり52ドル is per share, the deal's 131億ドル a total; A社の従業員 and 両社の
    従業員 are two owners' staff. The same measure per the same unit still disagrees."""
    ps = [_p("買収額は2兆円で、X社は1株あたり52ドルで全株式を取得する。", "A"),
          _p("X社によると、買収総額は約131億ドルとなる。", "B"),
          _p("X社の従業員は約3万2000人で、工場は12カ所ある。", "A"),
          _p("関係者によると、両社の従業員は合わせて約4万8000人になる。", "B")]
    assert _conflicts(ps) == []
    same = [_p("X社は1株あたり52ドルで全株式を取得する。", "A"),
            _p("X社は1株当たり55ドルで全株式を取得するという。", "B")]
    [c] = _conflicts(same)
    assert sorted(cl.value for cl in c.claims) == ["$52", "$55"]


def test_an_approval_given_and_not_yet_given_by_the_same_approver() -> None:
    """Written for this test: a merger the members approved (one outlet) and whose approval
    is still pending (another); the regulator's approval is another approval."""
    ps = [_p("港湾組合の総会は先月20日、合併を承認した。", "A"),
          _p("港湾組合の総会での承認はまだ得られていない。", "B"),
          _p("一方、公正取引委員会の認可はまだ下りていない。", "C"),
          _p("公正取引委員会による承認はまだ得られていない。", "D")]
    [c] = [c for c in _conflicts(ps) if "approval" in c.topic or "承認" in c.topic]
    assert "総会" in c.topic
    assert [(cl.value, [x.source_id for x in cl.citations]) for cl in c.claims] == [
        ("given", ["A"]), ("not yet given", ["B"])]
    # one outlet's own 'not yet' and a quoted 'approved' are no disagreement
    alone = [_p("組合の総会は合併を承認した。", "A"), _p("理事は「総会は承認した」と語った。", "B"),
             _p("理事会の承認はまだ得られていない。", "B")]
    assert not [c for c in _conflicts(alone) if "承認" in c.topic]
