"""Split a source's cleaned text into passages: sentences, headings, quotes and table rows.

Sentence boundaries come from ja-sentence-segmenter (which keeps 「…」 and (…) intact);
this module adds what article text needs around it: bullets and numbered items, headings,
stand-alone reader quotes, and flattened tables (rows glued together without separators)
which are set aside rather than split into garbage sentences.
"""

from __future__ import annotations

import re

from ja_sentence_segmenter.split.simple_splitter import split_punctuation

from brief.model import Passage, Source
from brief.vocab import PassageKind

_END = "。！？!?"
_BULLET = re.compile(r"^\s*(?:[・•●◆■□▪◦\-*‐]|[①-⑳]|\(?\d{1,2}[.)．）]|[（(][0-9０-９]+[)）])\s*")
_NUMBER = re.compile(r"\d[\d,.]*")
_PREDICATE = re.compile(r"(?:ます|ません|です|でした|ました|である|だろう|でしょう|ている|た)$")
# A speaker label opening a transcript's line: 記者：, 大臣:, 山田防衛大臣： (its own passage,
# so the words after it are a sentence and the label is never part of a point)
_SPEAKER = re.compile(r"^(?:記者|大臣|司会|質問|回答|Q|A|問|答|[^\s：:。、「」]{1,12}"
                      r"(?:大臣|長官|首相|総理|報道官|知事|議員))\s*[:：]\s*")
_DATE_ONLY = re.compile(r"^\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*$")


def _has_end(line: str) -> bool:
    return any(ch in line for ch in "。") or line.rstrip().endswith(tuple(_END))


def is_table_row(line: str) -> bool:
    """A line that looks like a flattened table row: figures glued to labels, no sentence end.

    e.g. `2025年度11.0(前倒し達成)約2.0%長射程兵器・宇宙防衛同盟内での自立強化`
    """
    s = line.strip()
    if not s or "。" in s:
        return False
    numbers = _NUMBER.findall(s)
    glued = re.findall(r"(?:[年度%％円ドル)）]|\d)\d", s)
    return len(numbers) >= 3 or (len(numbers) >= 2 and len(glued) >= 1 and len(s) > 15)


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    """Consecutive non-blank lines with their start offsets."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            current.append((pos, line))
        elif current:
            blocks.append(current)
            current = []
        pos += len(line) + 1
    if current:
        blocks.append(current)
    return blocks


def _is_table_block(block: list[tuple[int, str]]) -> bool:
    lines = [ln.strip() for _, ln in block]
    if len(lines) < 3 or any("。" in ln for ln in lines):
        return False
    if sum(1 for ln in lines if _BULLET.match(ln) or _is_quote(ln)) >= len(lines) - 1:
        return False  # a bullet list or a run of quotes
    long_lines = sum(1 for ln in lines if len(ln) >= 12)
    return long_lines >= len(lines) - 1 and any(is_table_row(ln) for ln in lines) or (
        len(lines) >= 4 and long_lines == len(lines))


def _is_quote(sentence: str) -> bool:
    s = sentence.strip()
    return s.startswith("「") and s.endswith("」") and s.count("「") == 1


# A line a page broke mid-sentence: it ends on a particle or a comma (防衛省は, …の中で、),
# or the next line goes on from it with one (を越えた。, と見て…). A title before its name
# (山田 防衛大臣) is a speaker label, not an opening.
_OPEN_END = re.compile(r"(?:[はがをにへとでも、]|から|まで|より)$")
_GOES_ON = re.compile(r"^(?:を|が|に|へ|と(?!ころ|にかく|りわけ|もに|はいえ)|で(?!は|も)|"
                      r"は(?!じめ|たして))")
_LABEL_END = re.compile(r"(?:大臣|総理|首相|長官|知事|議員|代表|報道官|記者|氏|さん)$")
_URL_ONLY = re.compile(r"^https?://\S+$")
MAX_JOINED = 4  # lines one sentence may be broken over


def _plain(line: str) -> bool:
    """A line that may be part of a broken sentence: no bullet, speaker label, date or address."""
    s = line.strip()
    return bool(s) and not (_BULLET.match(line) or _SPEAKER.match(s) or _DATE_ONLY.match(s)
                            or _URL_ONLY.match(s) or is_table_row(s))


def _goes_on(lines: list[str], k: int) -> bool:
    """Whether line K (no sentence end) is continued by line K+1."""
    a, b = lines[k].strip(), lines[k + 1].strip()
    if _has_end(a) or not _plain(lines[k]) or not _plain(lines[k + 1]):
        return False
    if _OPEN_END.search(a) or _GOES_ON.match(b):
        return True
    # a sentence wrapped around its quote: …ライン / 「第2列島線」 / を越えた。
    return (_is_quote(b) and k + 2 < len(lines) and not _LABEL_END.search(a)
            and bool(_GOES_ON.match(lines[k + 2].strip())))


def _broken(block: list[tuple[int, str]]) -> dict[int, int]:
    """First line -> last line of each run of lines a page broke one sentence over (a forum's
    copy: 防衛省は / 「…を狙っている」 / と見て注視している。): each line but the last has no
    sentence end and is continued by the next (_goes_on), and the last ends the sentence.
    A run the page cut off before its end is left as it was."""
    lines = [ln for _, ln in block]
    out: dict[int, int] = {}
    k = 0
    while k < len(lines) - 1:
        j = k
        while j < len(lines) - 1 and j - k < MAX_JOINED - 1 and _goes_on(lines, j):
            j += 1
        if j > k and _has_end(lines[j].strip()):
            out[k] = j
            k = j + 1
        else:
            k += 1
    return out


def split_line(line: str) -> list[str]:
    """Sentences of one line, quotes and parentheses kept whole."""
    return [s for s in split_punctuation(line, punctuations=_END) if s.strip()]


def _joined(source_id: str, lines: list[tuple[int, str]]) -> list[Passage]:
    """The sentences of a run of broken lines, joined: the run's span in the text (the
    sentence's words are the lines' words without the breaks)."""
    start = lines[0][0] + len(lines[0][1]) - len(lines[0][1].lstrip())
    end = lines[-1][0] + len(lines[-1][1].rstrip())
    text = "".join(ln.strip() for _, ln in lines)
    return [Passage(source_id, start, end, s.strip(),
                    kind="quote" if _is_quote(s.strip()) else "sentence")
            for s in split_line(text)]


def segment(source: Source) -> list[Passage]:
    """All passages of a source in reading order, with character offsets into source.text."""
    text = source.text
    passages: list[Passage] = []
    for block in _blocks(text):
        table = _is_table_block(block)
        runs = {} if table else _broken(block)
        inside = {j for k, last in runs.items() for j in range(k + 1, last + 1)}
        for k, (start, line) in enumerate(block):
            if k in runs:  # one sentence broken over lines: its first line has the run
                passages += _joined(source.id, block[k:runs[k] + 1])
                continue
            if k in inside:
                continue
            stripped = line.strip()
            lead = len(line) - len(line.lstrip())
            if _DATE_ONLY.match(stripped):
                continue
            if _is_quote(stripped):
                passages.append(Passage(source.id, start + lead, start + lead + len(stripped),
                                        stripped, kind="quote"))
                continue
            if table or is_table_row(stripped):
                passages.append(Passage(source.id, start + lead, start + lead + len(stripped),
                                        stripped, kind="table"))
                continue
            bullet = _BULLET.match(line)
            body_start = start + (bullet.end() if bullet else lead)
            speaker = None if bullet else _SPEAKER.match(stripped)
            if speaker:
                label = speaker.group(0).rstrip()
                passages.append(Passage(source.id, body_start, body_start + len(label), label,
                                        kind="heading"))
                body_start += speaker.end()
            body = text[body_start:start + len(line)].rstrip()
            if not _has_end(body):
                kind: PassageKind = "list" if bullet else "heading"
                if not bullet and (len(body) > 60 or (len(body) > 25 and _PREDICATE.search(body))):
                    kind = "sentence"  # an unpunctuated paragraph, e.g. a lead paragraph
                passages.append(Passage(source.id, body_start, body_start + len(body), body,
                                        kind=kind))
                continue
            pos = body_start
            for sent in split_line(body):
                idx = text.find(sent, pos)
                if idx < 0:  # defensive: the splitter never rewrites text
                    idx = pos
                s = sent.strip()
                lead_s = sent.find(s)
                line_kind: PassageKind = "quote" if _is_quote(s) and not bullet else "sentence"
                passages.append(Passage(source.id, idx + lead_s, idx + lead_s + len(s), s,
                                        kind=line_kind))
                pos = idx + len(sent)
    for i, p in enumerate(passages):
        p.index = i
        p.total = len(passages)
    return passages
