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
