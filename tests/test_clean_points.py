"""Points are clean, whole sentences about the story, on short articles written for these tests:
no question, speaker label, caption or cut-off sentence becomes a point; a story's own words
(in no lexicon) still place its sentences; the Bottom line reads alone."""

from __future__ import annotations

from brief.analyse.classify import Classifier
from brief.config import load_config
from brief.curate.points import bottom_line, curate, is_candidate
from brief.model import Item, Passage, Section, Source
from brief.read.boilerplate import clean_line, strip_boilerplate
from brief.read.segment import segment
from conftest import FIXTURES


def _sources(*texts: str) -> list[Source]:
    return [Source(id=f"S{i}", path=f"{i}.txt", title="t", text=t, outlet=f"outlet{i}")
            for i, t in enumerate(texts, 1)]


def _points(*texts: str) -> list[str]:
    cfg = load_config(FIXTURES / "brief.toml")
    srcs = _sources(*texts)
    sections, _ = curate(srcs, [p for s in srcs for p in segment(s)], cfg)
    return [it.ja for s in sections for it in s.items]


def test_a_reporters_question_and_a_speaker_label_are_never_points() -> None:
    points = _points(
        "記者：政府は半導体の輸出規制を強化して供給網を守るのですか。\n"
        "大臣：政府は半導体製造装置の輸出規制を強化し、供給網の強靱化を進める。\n"
        "――防衛費の増額は米国の要求に応えるものですか。\n"
        "防衛省は防衛費を増額し、反撃能力の整備を前倒しする。\n")
    assert any("輸出規制を強化し" in p for p in points)
    assert not any(p.endswith(("ですか。", "のですか。")) for p in points), points
    assert not any(p.startswith(("記者", "――")) for p in points), points


def test_a_sources_last_sentence_cut_off_by_the_page_is_dropped() -> None:
    src = _sources("防衛省は12日、中国海軍の駆逐艦が対馬海峡を通過したと発表した。\n"
                   "海上自衛隊の護衛艦が警戒監視にあたり、中国海軍の艦艇はその後東シナ海へ向けて航行")[0]
    passages = segment(src)
    assert is_candidate(passages[0])
    assert passages[-1].text.endswith("航行") and not is_candidate(passages[-1])
    # the same words as a whole sentence in the middle of an article stay a candidate
    whole = Passage("S1", 0, 10, "海上自衛隊の護衛艦が警戒監視にあたり、中国海軍の艦艇は東シナ海へ航行した。",
                    index=1, total=3)
    assert is_candidate(whole)


def test_a_photo_caption_is_boilerplate_and_a_caption_glued_to_the_lead_is_cut_off() -> None:
    text, dropped = strip_boilerplate(
        "太平洋を航行する補給艦。防衛省が公開(2023年4月2日撮影、資料写真)。\n"
        "演習に参加した戦闘機。(c)Ministry of Defense/AFP\n"
        "防衛省は2日、中国海軍の補給艦が宮古海峡を通過したと発表した。\n")
    assert dropped == 2 and "資料写真" not in text and "AFP" not in text
    assert "補給艦が宮古海峡を通過" in text
    lead = clean_line("会見する経済産業相=東京・霞が関の経産省より 【東京時事】経済産業省は5日、"
                      "蓄電池の輸出管理を強化すると発表した。")
    assert lead == "経済産業省は5日、蓄電池の輸出管理を強化すると発表した。"
    # a caption as a sentence never becomes a point either
    assert not is_candidate(Passage("S1", 0, 40, "護衛艦の甲板で訓練する自衛隊員(5月3日撮影、資料写真)。"))


def test_a_story_teaches_the_classifier_its_own_words() -> None:
    """ウナギ is in no lexicon (ホタテ now is: with 養殖 it reached min_score alone): the
    sentences several outlets place in trade teach it, so a sentence whose only topic word it
    is goes to trade too."""
    cfg = load_config(FIXTURES / "brief.toml")
    clf = Classifier(cfg)
    alone = "養殖ウナギの業者は、年末に向けて新たな販路の開拓を急いでいる。"
    assert clf.classify(alone).section is None
    story = [("S1", "中国は日本産の養殖ウナギの輸入を停止し、関税の引き上げも示唆した。"),
             ("S2", "養殖ウナギの対中輸出は停止され、輸出額は前年から大きく減った。"),
             ("S3", "政府は養殖ウナギの輸出先を米国や東南アジアに広げる貿易支援策を発表した。"),
             ("S1", alone)]
    learned = clf.adapt(story)
    assert "養殖ウナギ" in learned.get("trade", {}) or "ウナギ" in learned.get("trade", {})
    assert clf.classify(alone).section == "trade"
    # a name is who, not what about: never a learned term
    assert not any("中国" in w for terms in learned.values() for w in terms)


def test_a_meeting_alone_is_no_point() -> None:
    cfg = load_config(FIXTURES / "brief.toml")
    clf = Classifier(cfg)
    assert clf.classify("山田首相は3日、来日したスミス首相と首相官邸で会談した。").section is None
    assert clf.classify("首脳会談は予定の30分を超えて約1時間に及んだ。").section is None


def _item(ja: str, score: float, section: str = "trade", outlets: int = 2) -> Item:
    return Item(id=ja[:6], section=section, ja=ja, citations=[], score=score,
                modality="done", outlets=outlets)


def test_the_bottom_line_takes_only_sentences_that_read_alone() -> None:
    items = [
        _item("もう一つの署名文書は、港湾の共同整備を定めた。", 20.0),
        _item("同日、両国の閣僚は共同声明を発表した。", 19.0),
        _item("政府関係者は「この合意は長年の交渉の末に実を結んだものであり、地域の安定に大きく資する」"
              "と語った。", 18.0),
        _item("財務省によると、この枠のうち鉄道向けの投資は前年から倍増した。", 17.0),
        _item("協定では他に、造船と港湾運営の人材育成が対象とされた。", 16.0),
        _item("日本とインドは5日、港湾の共同整備と鉄道への投資に関する協定に署名した。", 10.0),
        _item("インド政府は日本からの投資を年間5000億円規模に増やす目標を示した。", 9.0, "economic_security"),
    ]
    picked = bottom_line([Section("trade", "Trade", items=items[:6]),
                          Section("economic_security", "E", items=items[6:])], 4)
    assert [it.ja[:6] for it in picked] == ["日本とインド", "インド政府は"]


def test_the_title_names_the_companies_and_a_companys_initials_are_not_its_country() -> None:
    """USスチール is a company: the title names it (and 北陸製鋼, the buyer) and does not make
    the United States a party of the story on its account."""
    from brief.curate.title import derive_title

    cfg = load_config(FIXTURES / "brief.toml")
    texts = [
        "北陸製鋼はUSスチールの買収を完了したと発表した。買収額は約2兆円で、鉄鋼の輸出拡大を目指す。\n",
        "北陸製鋼によるUSスチールの買収が完了し、両社は設備投資の計画を公表した。\n",
        "USスチールの買収をめぐり、北陸製鋼は雇用を維持すると約束し、貿易摩擦の回避を図った。\n",
    ]
    srcs = [Source(id=f"S{i}", path=f"{i}.txt", title="鉄鋼大手の買収", text=t, outlet=f"o{i}",
                   published=f"2026-03-0{i}") for i, t in enumerate(texts, 1)]
    passages = [p for s in srcs for p in segment(s)]
    sections, bottom = curate(srcs, passages, cfg)
    title = derive_title(srcs, passages, sections, bottom, Classifier(cfg))
    assert "北陸製鋼" in title and "USスチール" in title, title
    assert "米国" not in title and "2026年3月1日" in title, title


def test_the_title_names_companies_the_dictionary_does_not_know() -> None:
    """Two firms the dictionary has no entry for: 東和製鋼 (a place-like word and a firm's
    ending) and ベルナ・メタルズ (katakana joined by ・, also called ベルナ社): the title names
    both, each once, as most sources write it."""
    from brief.curate.title import _names, derive_title

    cfg = load_config(FIXTURES / "brief.toml")
    texts = [
        "ベルナ・メタルズは2日、東和製鋼を約1兆円で買収すると発表した。買収後も鉄鋼の輸出を続ける。\n",
        "ベルナ社による東和製鋼の買収について、政府は黄金株の取得を条件に承認した。\n",
        "東和製鋼の買収をめぐり、ベルナ・メタルズは国内の工場と雇用を維持すると約束した。\n",
    ]
    srcs = [Source(id=f"S{i}", path=f"{i}.txt", title="鉄鋼大手の買収", text=t, outlet=f"o{i}",
                   published=f"2026-04-0{i}") for i, t in enumerate(texts, 1)]
    passages = [p for s in srcs for p in segment(s)]
    sections, bottom = curate(srcs, passages, cfg)
    title = derive_title(srcs, passages, sections, bottom, Classifier(cfg))
    assert "東和製鋼" in title and "ベルナ・メタルズ" in title, title
    assert title.count("ベルナ") == 1, title
    # what kind of thing, not which one: no name
    assert not _names("大手銀行と電気自動車のメーカーが、衛星通信の事業で提携した。")[1]


def test_the_titles_topics_are_words_not_a_patterns_match() -> None:
    """An ambassador summoned (大使を呼び出: a pattern's match, cut mid-verb) in every source:
    the title's topics are words (大使, the story's 呼び出し), never the fragment."""
    from brief.curate.title import derive_title

    cfg = load_config(FIXTURES / "brief.toml")
    texts = [
        "A国外務省は2日、漁船の拿捕に抗議するため、駐A国日本大使を呼び出した。報道官は強い遺憾の意を表明した。\n",
        "A国は日本大使を呼び出し、漁船の拿捕に抗議した。外務省は声明で即時の解放を求めた。\n",
        "A国政府が日本大使を呼び出したことについて、官房長官は会見で冷静な対応を求めた。\n",
    ]
    srcs = [Source(id=f"S{i}", path=f"{i}.txt", title="大使を呼び出し抗議", text=t,
                   outlet=f"o{i}", published=f"2026-05-0{i}") for i, t in enumerate(texts, 1)]
    passages = [p for s in srcs for p in segment(s)]
    sections, bottom = curate(srcs, passages, cfg)
    title = derive_title(srcs, passages, sections, bottom, Classifier(cfg))
    assert "を呼び出" not in title and "をめぐる動き" in title, title


def test_a_sentence_with_the_writers_aside_is_no_point() -> None:
    aside = Passage("S1", 0, 60, "山田首相は(正直よく分からない)新たな経済対策を発表し、関税の引き下げを表明しました。",
                    index=1, total=3)
    plain = Passage("S1", 0, 60, "山田首相(65)は新たな経済対策を発表し、関税の引き下げを表明しました。",
                    index=1, total=3)
    assert not is_candidate(aside) and is_candidate(plain)


def test_a_name_before_a_title_is_never_a_learned_term() -> None:
    """朴 (a surname the analyser may not tag) stands before 大統領 and 氏: who, not what
    about. The country before a title (米大統領) is no name: 米国産 is still learnt."""
    cfg = load_config(FIXTURES / "brief.toml")
    clf = Classifier(cfg)
    story = [("S1", "朴大統領は米国産の養殖ホタテの輸入関税の引き下げを表明した。"),
             ("S2", "朴氏は米国産の養殖ホタテの輸入拡大で米大統領と合意し、関税を下げる。"),
             ("S3", "朴大統領の決定で米国産の養殖ホタテの輸入は増え、関税収入は減った。")]
    learned = clf.adapt(story)
    terms = {w for ws in learned.values() for w in ws}
    assert terms, learned
    assert not any("朴" in w for w in terms), terms
    assert any("米国産" in w or "ホタテ" in w for w in terms), terms


def test_a_sentence_the_page_wrapped_around_its_quote_is_one_sentence() -> None:
    """A forum's copy breaks a sentence at its quote: 外務省は / 「…」 / と述べた。 is one
    sentence (a point can be it); a quote standing alone between two sentences stays a quote."""
    src = _sources("見出し\n外務省は\n「東シナ海での活動の透明性を求める」\nと述べ、中国に説明を求めた。\n"
                   "防衛省は監視を続けている。\n「警戒を緩めない」\n政府は対応を検討する。\n")[0]
    passages = segment(src)
    texts = [p.text for p in passages]
    whole = "外務省は「東シナ海での活動の透明性を求める」と述べ、中国に説明を求めた。"
    assert whole in texts, texts
    p = passages[texts.index(whole)]
    assert p.kind == "sentence" and is_candidate(p)
    assert src.text[p.start:p.end].replace("\n", "") == whole
    assert "「警戒を緩めない」" in texts and "外務省は" not in texts


def test_a_forum_header_a_headline_a_standfirst_and_words_inside_a_quote_are_no_points() -> None:
    """A forum post's header glued to its first sentence, a noun-phrase headline, an
    interview's standfirst that says someone talked without what, and the sentences inside
    someone's quote (words without who says them): none is a point. The same facts as whole
    reported sentences are."""
    forum = "1 名前:風来坊 ★:2026/02/03(火) 10:11:12.13 ID:Ab3dEf9.net 財務省は3日、半導体の輸出管理を強化すると発表した。"
    assert not is_candidate(Passage("S1", 0, 80, forum, index=0, total=3))
    headline = "日印首脳会談・山田首相とシン首相の昼食会。"
    assert not is_candidate(Passage("S1", 0, 30, headline, index=1, total=3))
    greet = "山田首相とシン首相が東京・元赤坂の迎賓館で握手。"
    assert is_candidate(Passage("S1", 0, 30, greet, index=1, total=3))
    standfirst = "山田経済産業相が、半導体の供給網の現状と今後の輸出管理のあり方を語った。"
    assert not is_candidate(Passage("S1", 0, 40, standfirst, index=1, total=3))
    said = "山田経済産業相は「半導体の輸出管理を強化し、供給網の強靱化を急ぐ」と語った。"
    assert is_candidate(Passage("S1", 0, 40, said, index=1, total=3))
    inside = "レアアースの調達先も多様化し、供給網の強靱化を進めていきたい。"
    points = _points("財務省は3日、半導体の輸出管理を強化すると発表した。\n"
                     "佐藤本部長は「今回の合意で関税は下がり、輸出の環境は改善する。\n"
                     f"{inside}\n"
                     "同盟国とも協議を続ける」と述べた。\n")
    assert inside not in points, points
    assert any("輸出管理を強化" in p for p in points), points
    # the same words said by a named speaker are a point
    assert f"経済産業省は「{inside}」と表明した。" in _points(
        f"経済産業省は「{inside}」と表明した。\n")


def test_a_ministrys_name_is_who_not_a_learned_term() -> None:
    """農林水産省 reports in every article of a story about rice sales: its name and its
    pieces (農林, 水産) say who, so a ministry sentence about stockpiles is not trade on its
    account."""
    cfg = load_config(FIXTURES / "brief.toml")
    clf = Classifier(cfg)
    story = [("S1", "農林水産省は備蓄米の入札を行い、小売業者への販売価格を引き下げた。"),
             ("S2", "農林水産省によると、コメの店頭価格は前年の2倍になり、輸入米の販売も増えた。"),
             ("S3", "農林水産省は輸入米の関税を下げる貿易交渉の方針を示し、販売店の価格を調べた。")]
    learned = clf.adapt(story)
    terms = {w for ws in learned.values() for w in ws}
    assert not any(w in "農林水産省" for w in terms), terms


def test_a_plan_several_outlets_report_announced_may_lead_the_bottom_line() -> None:
    """The government announcing a plan is what happened: a plan two outlets report whose
    sentence ends in the announcement (…方針を表明した) may be a Bottom line point; a plan
    one outlet reports, or one not yet announced (…する方針だ), is not."""
    announced = _item("政府は防衛費の増額を1年前倒しする方針を表明した。", 30.0, "security")
    announced.modality = "planned"
    pending = _item("政府は港湾の共同整備を進める方針だ。", 29.0, "trade")
    pending.modality = "planned"
    alone = _item("財務省は関税の見直しを来年に前倒しする方針を発表した。", 28.0, "trade", outlets=1)
    alone.modality = "planned"
    done = _item("日本とインドは5日、港湾の共同整備に関する協定に署名した。", 10.0, "trade")
    picked = bottom_line([Section("security", "S", items=[announced]),
                          Section("trade", "T", items=[pending, alone, done])], 4)
    assert [it.ja for it in picked] == [announced.ja, done.ja]


def test_a_posts_name_is_who_wherever_the_story_names_its_ministry() -> None:
    """A minister's title (生活文化大臣) in one sentence and the ministry (生活文化省) in
    another: the title's pieces are the ministry's name, never a learned word of the section
    its sentences are in, so a later sentence of that ministry is not placed on its name."""
    cfg = load_config(FIXTURES / "brief.toml")
    clf = Classifier(cfg)
    story = [("S1", "生活文化大臣は冷凍マグロの輸入関税を下げ、販売価格の引き下げを求めた。"),
             ("S2", "生活文化大臣は輸入マグロの販売店での価格を調べ、関税の見直しを表明した。"),
             ("S3", "生活文化大臣によると、マグロの店頭価格は前年の2倍になり、輸入も増えた。")]
    learned = clf.adapt(story)
    terms = {w for ws in learned.values() for w in ws}
    assert terms, "the story's own word (マグロ) should still be learned"
    assert not any(w in "生活文化大臣" or w in "生活文化省" for w in terms), terms
    assert clf.classify("生活文化省は6月1日、保管している冷凍品の量を公表した。").section is None


def test_a_compound_of_another_sections_term_or_of_the_frame_is_never_learned() -> None:
    """Sentences about supply chains that also name 防衛分野 (security's 防衛 in a field) and
    meet in a 少人数会合 (how they met): neither word becomes an economic-security term of
    the story, so a later sentence about the defence field or the meeting's format is not
    economic security on their account."""
    clf = Classifier(load_config(FIXTURES / "brief.toml"))
    learned = clf.adapt([
        ("S1", "両国は防衛分野と半導体のサプライチェーン強化で協力し、少人数会合で輸出管理を見直す。"),
        ("S2", "少人数会合では防衛分野を含め、重要鉱物の供給網と輸出管理で連携する。"),
        ("S3", "防衛分野や半導体の供給網強化について、少人数会合で経済安全保障の対話を始める。")])
    terms = learned.get("economic_security", {})
    assert terms and "防衛分野" not in terms and "少人数" not in terms, terms


def test_the_bottom_line_skips_a_sentence_whose_referent_or_speaker_is_the_one_before() -> None:
    """The same day as the sentence before (農相は同日の会見で…), words with no one saying
    them (…残り2万トン程度になるとした), and a trend the writer sees (…が目立つようになり) do not
    read alone: the Bottom line takes the whole statements after them."""
    items = [
        _item("経済産業相は同日の会見で、銅の輸入先を増やす計画を発表した。", 20.0),
        _item("入札と契約による販売分が全て出荷されると、在庫が残り2万トン程度になるとした。", 19.0),
        _item("中国の調達の動きは最近になって目立つようになり、各社は警戒を強めている。", 18.0),
        _item("経済産業省は3日、銅の在庫が2万トンまで減ったと発表した。", 10.0),
    ]
    picked = bottom_line([Section("trade", "Trade", items=items)], 4)
    assert [it.ja for it in picked] == [items[3].ja]


def test_a_note_and_the_writer_addressing_the_reader_are_no_points() -> None:
    points = _points(
        "政府は半導体の輸出管理を強化し、重要鉱物の供給網を守る方針を表明した。"
        "※番組内で紹介した半導体の輸出管理のアンケートは明日で終了します。"
        "ぜひ今後の供給網と輸出管理の備えの参考にしてみてください。\n")
    assert any("方針を表明" in p for p in points), points
    assert not any("アンケート" in p or "参考に" in p for p in points), points
