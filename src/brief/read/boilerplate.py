"""Drop the non-article lines Japanese news and blog pages carry.

The rules describe kinds of boilerplate (ad disclosures, tables of contents, comment widgets,
newsletter/SNS promotion, read-more links, share widgets, reader greetings, site listings),
not particular lines, so that they hold for pages the seeds do not contain.
"""

from __future__ import annotations

import re

# A line that *is* a widget label: nothing else of substance on it.
_WIDGET = re.compile(
    r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*)?"
    r"(?:コメント(?:を)?(?:投稿)?(?:する|を書く|を残す|欄)?|コメント[（(]\d+[）)]|"
    r"目次|もくじ|この記事の目次|Contents|関連記事|あわせて読みたい|こちらもおすすめ|"
    r"人気記事|おすすめ記事|シェアする|シェア|ツイート|ポスト|LINEで送る|Pocket|はてブ|"
    r"タイトルとURLをコピーしました|URLをコピーしました|リンクをコピー(?:しました)?|"
    r"続きを読む|もっと見る|さらに表示|Read more|もっと読む|記事を読む|詳しくはこちら|"
    r"前の記事|次の記事|ホーム|トップへ戻る|ページトップへ|PR|広告|スポンサーリンク)"
    r"\s*[▼▽▲△>»→]*\s*$",
    re.IGNORECASE,
)

# Strong markers: one of these alone makes a line boilerplate.
_STRONG = [
    re.compile(p)
    for p in (
        r"(?:当|この|本)(?:ページ|サイト|記事)(?:のリンク)?(?:に|には).{0,12}(?:広告|PR|プロモーション|アフィリエイト)",
        r"(?:広告|PR|プロモーション|アフィリエイト)(?:リンク)?が含まれ",
        r"メルマガ|メールマガジン|ニュースレター(?:登録|購読|配信)",
        r"(?:登録|購読|お申し?込み|ダウンロード)(?:は|を)?こちら",
        r"(?:を|で|も)フォロー(?:して|する|お願い|ください)",
        r"旧\s*Twitter|随時(?:発信|更新|配信)中|チャンネル登録|友だち追加|公式アカウント",
        r"@[A-Za-z0-9_]{3,}",
        r"月\s*\d+\s*回(?:お届け|配信)|メールで(?:チェック|お届け|受け取)",
        r"(?:以下|下記|こちら|次)の(?:記事|ページ|リンク|動画)(?:で|を|から|も|に)"
        r"(?:ご確認|ご覧|チェック|ご参照|参照|お読み|読ん)",
        r"(?:関連|おすすめ|人気)記事(?:は|を|も)?(?:こちら|一覧)",
        r"最後まで(?:ご覧|お読み|読んで|閲覧)(?:いただき|くださり|頂き)",
        r"(?:ぜひ|是非)?最後まで(?:ご覧|お読み|読んで)(?:ください|下さい|くださいね)",
        r"(?:この|本|今回の)記事(?:では|で)(?:以下|こんな|次)の(?:こと|内容|ポイント)",
        r"以下に要点をまとめ",
        r"(?:本|この|当)(?:ページ|サイト)では.{0,40}(?:一覧|まとめて|掲載|紹介して)",
        r"(?:専門家|弁護士|税理士|当社|弊社)に.{0,20}(?:相談|問い合わせ).{0,20}(?:おすすめ|ください)",
        r"タイトルとURLをコピー",
    )
]


def is_boilerplate(line: str) -> bool:
    """True when the line is page furniture rather than article text."""
    s = line.strip()
    if not s:
        return False
    if _WIDGET.match(s):
        return True
    return any(p.search(s) for p in _STRONG)


_WIDGET_TAIL = re.compile(r"\s*コメント(?:を)?(?:投稿)?(?:する|を書く)\s*[▼▽]?\s*$")


def clean_line(line: str) -> str:
    """Remove widget text glued to a useful line (e.g. a date followed by a comment button)."""
    return _WIDGET_TAIL.sub("", line)


def strip_boilerplate(text: str) -> tuple[str, int]:
    """Return the text without boilerplate lines (line structure kept) and how many were dropped.

    A table of contents is the line 目次 and the short heading lines after it that reappear
    later as the article's own headings.
    """
    lines = text.split("\n")
    out: list[str] = []
    dropped = 0
    i = 0
    while i < len(lines):
        raw = lines[i]
        line = clean_line(raw)
        if is_boilerplate(line):
            dropped += 1
            if re.match(r"^\s*(?:目次|もくじ|この記事の目次|Contents)\s*$", line, re.IGNORECASE):
                j = i + 1
                entries = 0
                while j < len(lines):
                    cand = lines[j].strip()
                    if not cand:
                        if entries:
                            break  # a blank line ends the contents block
                        j += 1
                        continue
                    if len(cand) <= 60 and "。" not in cand and lines[j] in lines[j + 1:]:
                        dropped += 1
                        entries += 1
                        j += 1
                        continue
                    break
                out.extend([""] * (j - i))
                i = j
                continue
            out.append("")
        else:
            out.append(line)
        i += 1
    return "\n".join(out), dropped
