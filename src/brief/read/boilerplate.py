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
        r"旧\s*Twitter|随時(?:発信|更新|配信)中|チャンネル登録|友だち追加|"
        # an invitation to an account, not the account a party announced on (…の公式アカウ
        # ントで明らかにした is the news)
        r"公式アカウント(?![^。]{0,40}(?:明らかに|発表|公表|投稿|表明|公開)し)",
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
        # forum/matome post headers: 1: 名無し 2025/10/28(火) 10:22:10.27 ID:… (1/1回レス)
        r"^\s*\d{1,4}\s*[:：].{0,40}(?:名無し|ID[:：]|\d{4}/\d{1,2}/\d{1,2})",
        r"[(（]\d+/\d+回(?:レス|発言)[)）]|^\s*ID[:：]\S{4,}",
        r"^\s*(?:出典|引用元|ソース|元記事|転載元|Source)\s*[:：]",
        # AI-generation and machine-translation notices
        r"(?:この|本|当)(?:記事|コンテンツ|ページ|文章)[^。]{0,30}(?:生成AI|AI|人工知能)[^。]{0,20}"
        r"(?:生成|作成|執筆|要約)",
        r"(?:機械|自動)翻訳(?:によ|を(?:使用|利用|用い)|で|され|した)",
        # photo captions: 左は…＝２８日午前、東京・元赤坂の迎賓館（代表撮影）
        r"[=＝]\s*[0-9０-９]{1,2}日(?:午前|午後|夜|朝)?.{0,40}[（(][^（）()]{0,12}(?:撮影|提供)[)）]\s*$",
        r"^\s*[（(【]?(?:写真|画像|図|グラフ|動画)[）)】]?\s*[:：＝=]",
        r"^[^。]{0,40}[（(](?:代表撮影|[^（）()]{1,10}撮影|[^（）()]{1,10}提供)[)）]\s*$",
        # a caption ending in its picture credit: …を航行する空母。(c)Ministry of …/AFP
        r"(?:[（(][cC][）)]|©)\s*[A-Za-z][^。]{0,120}$",
        # …が公開(2024年9月18日撮影、資料写真)。: a caption, whatever precedes the credit
        r"^(?:[^。]{0,60}。)?[^。]{0,60}[（(][^（）()]{0,20}(?:撮影|提供|資料写真|ファイル写真)"
        r"[^（）()]{0,12}[)）]。?\s*$",
    )
]

# A byline or dateline alone on a line: （ワシントン＝山田太郎）, 山田花子記者, 【ソウル共同】
_BYLINE = re.compile(
    r"^\s*(?:[（(【〈<]?[^。、\s]{0,12}[=＝][^。、]{1,16}[）)】〉>]?|"
    r"[（(【]?[^。、]{0,16}(?:記者|特派員|支局長|編集委員|論説委員)[）)】]?|"
    r"[（(【][^。、()（）]{0,10}(?:部|局|支局|総局|班)\s*[^\s。、()（）]{2,8}[)）】]|"
    r"[【(（][^】)）。]{0,10}(?:共同|時事|ロイター|AFP)[】)）]|"
    r"(?:文|取材|構成|写真)\s*[/／:：=＝][^。]{1,20})\s*$")
# Heads of blocks whose lines are all furniture: a matome's summary, related-news lists.
_BLOCK_HEAD = re.compile(
    r"^\s*(?:■\s*(?:要約|解説|まとめ|概要|ポイント)|[【<＜〈]?\s*(?:関連ニュース|関連記事|関連|"
    r"こちらもおすすめ|あわせて読みたい|ランキング|アクセスランキング|最新ニュース|主要ニュース)"
    r"\s*[】>＞〉]?)\s*[:：]?")
_BLOCK_LINE_MAX = 80  # a related-news block lists headlines; a long line is prose again
_SUMMARY_LINE_MAX = 24  # a ■要約 block's lines are bullets or short phrases
_LIST_MARK = re.compile(r"^\s*[・•●◆\-*‐]")


def is_boilerplate(line: str) -> bool:
    """True when the line is page furniture rather than article text."""
    s = line.strip()
    if not s:
        return False
    if _WIDGET.match(s) or _BYLINE.match(s):
        return True
    return _ANY_STRONG.search(s) is not None


# the strong patterns as one alternation: one scan of a line, not one per pattern
_ANY_STRONG = re.compile("|".join(f"(?:{p.pattern})" for p in _STRONG))


def _block_head(line: str) -> bool:
    """■要約, 関連ニュース, …: the line opens a block of furniture (summary or headlines)."""
    m = _BLOCK_HEAD.match(line)
    return m is not None and ("■" in m.group() or not line[m.end():].strip())


_WIDGET_TAIL = re.compile(r"\s*コメント(?:を)?(?:投稿)?(?:する|を書く)\s*[▼▽]?\s*$")


# A dateline or wire credit opening a paragraph: 【ワシントン共同】, 【ソウル＝山田太郎】
_DATELINE = re.compile(r"^\s*【[^】\n]{0,14}(?:共同|時事|[=＝][^】\n]{1,10})】\s*")


# A photo caption glued before the dateline that opens the story: 合意を伝える米政府の投稿＝
# ホワイトハウスのXより 【ワシントン時事】米政府は… (the page ran the caption into the lead)
_GLUED_CAPTION = re.compile(
    r"^\s*[^。【\n]{2,80}?[=＝][^。【\n]{1,60}?\s*(?=【[^】\n]{0,14}(?:共同|時事|AFP|ロイター|"
    r"[=＝][^】\n]{1,10})】)")


# A wire's credit closing a paragraph of its story: …を派遣した。(c)AFP. After a predicate
# (た。, る。): the paragraph is prose, and only the credit goes; a caption (…を航行する空母。
# (c)…, …資料写真)。(c)…) ends in a noun or a bracket and stays whole for the caption rules.
_CREDIT_TAIL = re.compile(r"(?<=[たるいすだ]。)\s*(?:[（(][cC][）)]|©)\s*[A-Za-z][^。]{0,60}$")


def clean_line(line: str) -> str:
    """Remove widget text glued to a useful line (a date followed by a comment button), a
    photo caption glued before a dateline, the dateline before a paragraph's first sentence
    and a wire credit after its last (the credit is read before this)."""
    line = _CREDIT_TAIL.sub("", _WIDGET_TAIL.sub("", line))
    return _DATELINE.sub("", _GLUED_CAPTION.sub("", line))


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
        if _block_head(line):
            # the block runs to a blank line (a matome summary) or, for a headline list, as
            # long as the lines stay headline-like (no sentence end)
            summary = "■" in line
            j = i + 1
            while j < len(lines) and lines[j].strip() and not _BLOCK_HEAD.match(lines[j]):
                nxt = lines[j].strip()
                if summary and not (_LIST_MARK.match(nxt) or len(nxt) <= _SUMMARY_LINE_MAX):
                    break  # a summary's lines are short; a post's prose follows it
                if not summary and (len(nxt) > _BLOCK_LINE_MAX or nxt.endswith("。")):
                    break  # headlines have no sentence end
                if summary and is_boilerplate(nxt):
                    break  # the next post header: the summary is over
                j += 1
            dropped += j - i
            out.extend([""] * (j - i))
            i = j
            continue
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
