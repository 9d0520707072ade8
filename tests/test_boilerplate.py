from brief.read.boilerplate import is_boilerplate, strip_boilerplate

# Written for these tests in the styles of Japanese news and blog pages (not from the seeds).
UNSEEN = [
    "このサイトのリンクにはアフィリエイト広告が含まれています",
    "※本記事にはPRが含まれます。",
    "もくじ",
    "コメントを書く",
    "2024-03-01 コメントする ▼",
    "最新ニュースはメルマガでも配信しています。",
    "週刊ニュースレター登録はこちら",
    "Instagramでも情報発信中！ぜひ @example_news をフォローしてください",
    "続きを読む",
    "詳しくは以下の記事でご確認ください。",
    "URLをコピーしました",
    "最後までお読みいただき、ありがとうございました！",
    "このページでは「経済」に関する記事をまとめて掲載しています。",
    "LINE公式アカウントで友だち追加",
]
KEEP = [
    "防衛費を国内総生産比2パーセントに増額する方針を説明しました。",
    "政府はSNSでの発信を強化する方針を示した。",
    "両首脳は記者会見で、関税合意の履行を確認した。",
    "日本は広告規制の見直しを検討している。",
    "首相は「最後まで責任を持つ」と述べた。",
]


def test_unseen_boilerplate_lines_are_dropped() -> None:
    missed = [line for line in UNSEEN if not is_boilerplate(line)]
    assert missed == []


def test_article_sentences_are_kept() -> None:
    assert [line for line in KEEP if is_boilerplate(line)] == []


def test_table_of_contents_block_is_removed_with_its_entries() -> None:
    text = "題名\n目次\n背景\n今後の課題\n\n背景\n本文その一。\n今後の課題\n本文その二。\n"
    cleaned, dropped = strip_boilerplate(text)
    assert cleaned.count("背景") == 1 and cleaned.count("今後の課題") == 1
    assert "本文その一。" in cleaned and dropped == 3
    assert len(cleaned.split("\n")) == len(text.split("\n"))  # offsets stay line-aligned


def test_forum_matome_caption_and_byline_lines_are_boilerplate() -> None:
    from brief.read.boilerplate import is_boilerplate

    for line in ("1: 名無しさん＠お腹いっぱい。 2025/10/28(火) 10:22:10.27 ID:Ab3dEf9Q0 (1/1回レス)",
                 "出典: ニュース速報板",
                 "高市首相とトランプ大統領＝２８日午前、東京・元赤坂の迎賓館（代表撮影）",
                 "（政治部　山田太郎）", "【ワシントン＝佐藤花子】", "ソウル支局 鈴木一郎記者",
                 "この記事はAIによって自動生成されたものです。",
                 "本記事は英語の記事を機械翻訳したものです。"):
        assert is_boilerplate(line), line
    for line in ("高市首相は28日、トランプ大統領と会談した。", "会談は約40分間行われた。",
                 "首相官邸で記者団の取材に応じた。"):
        assert not is_boilerplate(line), line


def test_summary_and_related_news_blocks_are_dropped_but_the_post_is_kept() -> None:
    from brief.read.boilerplate import strip_boilerplate

    text = ("■要約\n・首脳が会談\n・基地を訪問\n高市首相とトランプ大統領は会談後、基地を視察した。\n"
            "本文の続きである。\n＜関連記事＞\n・県内企業、対米投資に期待\n・知事「連携を歓迎」\n"
            "\n最後の段落である。")
    out, _ = strip_boilerplate(text)
    assert "要約" not in out and "首脳が会談" not in out and "県内企業" not in out
    assert "基地を視察した。" in out and "最後の段落である。" in out and "本文の続き" in out


def test_a_dateline_before_the_first_sentence_is_dropped_and_the_sentence_kept() -> None:
    from brief.read.boilerplate import strip_boilerplate

    out, _ = strip_boilerplate("【東京共同】高市早苗首相は28日、会談した。\n【ソウル＝山田太郎】大統領は述べた。")
    assert out == "高市早苗首相は28日、会談した。\n大統領は述べた。"


def test_an_account_a_party_announced_on_is_news_an_invitation_to_one_is_not() -> None:
    # written for this test: a ministry announcing on its account, a page inviting followers
    assert not is_boilerplate("防衛省は12日、艦艇の訓練を実施したと公式アカウントで明らかにした。")
    assert not is_boilerplate("同社は動画配信アプリの公式アカウントに声明を投稿した。")
    assert is_boilerplate("最新情報は当サイトの公式アカウントでチェック！")


def test_a_wire_credit_after_a_paragraph_goes_and_the_paragraph_stays() -> None:
    text = ("艦隊が海域を離れた後、艦載機の発着艦が確認された。政府は護衛艦を派遣した。(c)AFP\n"
            "港に停泊する補給艦。(c)Example News Agency/AFP\n"
            "演習に参加する哨戒機(2023年5月撮影、資料写真)。(c)Ministry/AFP")
    out, dropped = strip_boilerplate(text)
    lines = out.split("\n")
    assert lines[0] == "艦隊が海域を離れた後、艦載機の発着艦が確認された。政府は護衛艦を派遣した。"
    assert lines[1:] == ["", ""] and dropped == 2  # the captions go whole
