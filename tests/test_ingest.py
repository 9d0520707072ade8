from pathlib import Path

import pytest

from brief.errors import BriefError
from brief.read.ingest import decode_bytes, derive_date, derive_title, read_source, read_sources

TEXT = "日米首脳会談\n2025年10月28日、高市首相はトランプ大統領と会談した。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "shift_jis", "euc_jp", "utf-16"])
def test_each_encoding_decodes_to_the_same_text(encoding: str) -> None:
    decoded = decode_bytes(TEXT.encode(encoding), "a.txt")
    assert decoded.text.lstrip("\ufeff") == TEXT


def test_undecodable_bytes_name_the_file_and_line() -> None:
    data = "一行目\n".encode() + b"\x81\xff\xfe\x80" * 20
    with pytest.raises(BriefError, match=r"^bad\.txt:2: cannot decode"):
        decode_bytes(data, "bad.txt")


def test_empty_and_binary_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    with pytest.raises(BriefError, match="empty.txt: file is empty"):
        read_source(tmp_path / "empty.txt", "S1")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(BriefError, match="image.txt: binary file"):
        read_source(tmp_path / "image.txt", "S1")


def test_html_article_text_is_extracted(tmp_path: Path) -> None:
    body = "".join(f"<p>防衛費を国内総生産比2パーセントに増額する方針を説明しました。その{i}。</p>"
                   for i in range(8))
    html = (f"<html><head><title>日米会談の記事</title></head><body><nav>ホーム | ニュース</nav>"
            f"<article><h1>日米会談の記事</h1>{body}</article>"
            "<footer>Copyright 2025</footer></body></html>")
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    src = read_source(tmp_path / "a.html", "S1")
    assert "国内総生産比2パーセント" in src.text
    assert "Copyright" not in src.text and "<p>" not in src.text
    assert src.title == "日米会談の記事"


def test_metadata_derived_when_no_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("当ページのリンクには広告が含まれています。\n見出しの記事\n"
                                    "本文。2025年10月28日に会談した。\n", encoding="utf-8")
    src = read_sources(tmp_path)[0]
    assert src.title == "見出しの記事"
    assert src.published == "2025-10-28"
    assert src.derived == ["kind", "title", "published"]
    assert (src.kind, src.reliability) == ("blog (ad-supported)", "low")


def test_markdown_links_keep_their_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("見出し\n会談の詳細は[詳報](https://www.yomiuri.co.jp/a/b)を参照。"
                                    "写真は https://example.com/x.jpg にある。\n", encoding="utf-8")
    text = read_sources(tmp_path)[0].text
    assert "会談の詳細は詳報を参照。" in text and "http" not in text and "](" not in text


def test_source_kind_is_derived_from_the_page(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("まとめ\n本ページでは「日米同盟」をテーマとした記事を一覧で掲載しています。\n"
                                    "本文です。\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text('["b.txt"]\nkind = "news"\nreliability = "high"\n',
                                           encoding="utf-8")
    (tmp_path / "b.txt").write_text("見出し\n本文です。\n", encoding="utf-8")
    a, b = read_sources(tmp_path)
    assert (a.kind, a.reliability) == ("digest", "low")
    assert (b.kind, b.reliability, "kind" in b.derived) == ("news", "high", False)


def test_a_listed_newspaper_outlet_makes_a_newspaper_source(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("見出し\n本文です。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("見出し\n本文です。\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("見出し\n本文です。\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text('["a.txt"]\noutlet = "日本経済新聞"\n'
                                           '["b.txt"]\noutlet = "個人ブログ"\n'
                                           '["c.txt"]\noutlet = "地方タイムス新聞"\n',
                                           encoding="utf-8")
    a, b, c = read_sources(tmp_path)
    assert (a.kind, a.reliability, b.kind) == ("newspaper", "high", "article")
    assert "日本経済新聞" in a.kind_reason
    # an unlisted name that sounds like a paper decides nothing: the page shows no news furniture
    assert (c.kind, c.reliability) == ("article", "medium")


def test_sidecar_metadata_wins_and_is_not_marked_derived(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("見出し\n本文です。\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text(
        '["a.txt"]\noutlet = "Nikkei"\npublished = "2025-10-29"\nurl = "https://x.example/a"\n',
        encoding="utf-8")
    src = read_sources(tmp_path)[0]
    assert (src.outlet, src.published, src.url) == ("Nikkei", "2025-10-29", "https://x.example/a")
    assert src.derived == ["kind", "title"]


def test_sidecar_with_unknown_key_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("見出し\n本文です。\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text('["a.txt"]\nautor = "x"\n', encoding="utf-8")
    with pytest.raises(BriefError, match="unknown key.*autor"):
        read_sources(tmp_path)


@pytest.mark.parametrize(("line", "message"), [
    ('published = "yesterday"', "published must be a date like 2025-10-28 or 2025-10"),
    ('published = "2025-02-30"', "published must be a date like 2025-10-28 or 2025-10"),
    ('reliability = "very"', "reliability must be one of high, medium, low, not 'very'"),
    ("outlet = 5", "outlet must be text in quotes, not 5"),
])
def test_sidecar_values_are_checked(tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / "a.txt").write_text("見出し\n本文です。\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text(f'["a.txt"]\n{line}\n', encoding="utf-8")
    with pytest.raises(BriefError) as exc:
        read_sources(tmp_path)
    prefix = f"{tmp_path / 'sources.toml'}: ['a.txt'] "
    assert str(exc.value).startswith(prefix) and message in str(exc.value)


def test_sidecar_accepts_a_toml_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("見出し\n本文です。\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text('["a.txt"]\npublished = 2025-10-29\n'
                                           'reliability = "high"\n', encoding="utf-8")
    src = read_sources(tmp_path)[0]
    assert (src.published, src.reliability) == ("2025-10-29", "high")


def test_seed_dates_and_titles() -> None:
    assert derive_date("2025-10-28 コメント投稿する ▼\n") == "2025-10-28"
    assert derive_date("冒頭\n2025年10月28日、会談。") == "2025-10-28"
    assert derive_title("\n\n当ページのリンクには広告が含まれています。\n本当の見出し\n") == "本当の見出し"


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BriefError, match="no sources"):
        read_sources(tmp_path)


def test_control_characters_and_surrogates_are_removed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("見出し\n本文\x00に\x07制御<文字>&がある。\n".encode())
    src = read_source(tmp_path / "a.txt", "S1")
    assert "\x00" not in src.text and "\x07" not in src.text
    assert "<文字>&" in src.text


def _folder(tmp_path: Path) -> Path:
    d = tmp_path / "seeds"
    d.mkdir()
    (d / "a.txt").write_text("見出し\n2025年10月28日、日米首脳が会談した。\n", encoding="utf-8")
    return d


def test_a_symlink_out_of_the_sources_folder_is_refused(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:秘密の行\n", encoding="utf-8")
    (d / "b.txt").symlink_to(secret)
    with pytest.raises(BriefError) as exc:
        read_sources(d)
    assert str(exc.value) == (f"{d / 'b.txt'}: is a symlink to {secret}, outside the sources "
                              f"folder {d}; not read (use --follow-links to allow it)")
    assert any("秘密の行" in s.text for s in read_sources(d, follow_links=True))


def test_links_inside_the_folder_and_a_linked_folder_are_fine(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    (d / "b.txt").symlink_to("a.txt")
    (tmp_path / "seeds-link").symlink_to(d)
    assert len(read_sources(tmp_path / "seeds-link")) == 2


def test_a_symlinked_sidecar_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    (tmp_path / "meta.toml").write_text('["a.txt"]\noutlet = "X"\n', encoding="utf-8")
    (d / "sources.toml").symlink_to(tmp_path / "meta.toml")
    with pytest.raises(BriefError, match="sources.toml: is a symlink to"):
        read_sources(d)


def test_iso_2022_jp_is_detected_not_passed_as_utf8() -> None:
    text = "日米首脳会談\n2025年10月28日、高市首相はトランプ大統領と会談した。\n"
    d = decode_bytes(text.encode("iso2022_jp"), "a.txt")
    assert d.text == text and d.encoding.startswith("iso2022_jp")
    korean = "韓国語の한국어を含む記事\n"  # only ISO-2022-JP-2 can carry Hangul
    assert decode_bytes(korean.encode("iso2022_jp_2"), "b.txt").text == korean


def test_a_file_name_that_is_not_utf8_builds_and_shows_a_replacement(tmp_path: Path) -> None:
    import os

    d = _folder(tmp_path)
    os.rename(d / "a.txt", os.path.join(os.fsencode(d), "記事".encode("cp932") + b".txt"))
    src = read_sources(d)[0]
    assert src.path.endswith(".txt") and "\ufffd" in src.path
    src.path.encode("utf-8")  # storable in brief.json and printable


@pytest.mark.parametrize(("line", "code"), [
    ('url = "https://x.example/a\\r\\nBcc: all@example.org"', "U+000D"),
    ('outlet = "Nikkei\\nInjected: yes"', "U+000A"),
    ('title = "見出し\\u0007"', "U+0007"),
    ('outlet = "\\u001b[31mred"', "U+001B"),
])
def test_control_characters_in_sidecar_fields_are_refused(tmp_path: Path, line: str,
                                                         code: str) -> None:
    d = _folder(tmp_path)
    (d / "sources.toml").write_text(f'["a.txt"]\n{line}\n', encoding="utf-8")
    with pytest.raises(BriefError) as exc:
        read_sources(d)
    key = line.split(" ")[0]
    assert str(exc.value).startswith(f"{d / 'sources.toml'}: ['a.txt'] {key} contains the "
                                     f"control character {code}")


@pytest.mark.parametrize("name", ["../a.txt", "x/../a.txt", "a\\u0000.txt", ".."])
def test_a_sidecar_table_must_name_a_file_in_the_folder(tmp_path: Path, name: str) -> None:
    d = _folder(tmp_path)
    (d / "sources.toml").write_text(f'["{name}"]\noutlet = "X"\n', encoding="utf-8")
    with pytest.raises(BriefError, match=r"sources.toml: \[.*\] is not a file name in"):
        read_sources(d)


def test_a_deeply_nested_sidecar_is_one_line(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    (d / "sources.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(BriefError, match="sources.toml: invalid TOML: .*nested too deeply"):
        read_sources(d)


@pytest.mark.parametrize("text", ["絵文字😀と𠮷野家と한국어と₩と\u202eRTL\u202cと\ufeff中間BOM",
                                  "結合文字e\u0301と\U0001d400数学文字と私用\ue000文字"])
def test_unusual_characters_are_kept_as_text(tmp_path: Path, text: str) -> None:
    (tmp_path / "a.txt").write_text(f"見出し\n{text}。\n", encoding="utf-8")
    src = read_source(tmp_path / "a.txt", "S1")
    assert "\ufeff" not in src.text and "と" in src.text


@pytest.mark.parametrize("raw", [b"a\x1fb.txt", b"\x1b[31mred.txt", b"a\xc2\x85b.txt",
                                 b"\xef\xbf\xbe.txt"])
def test_control_characters_in_file_names_are_shown_as_replacements(tmp_path: Path,
                                                                   raw: bytes) -> None:
    import os

    d = _folder(tmp_path)
    os.rename(d / "a.txt", os.fsencode(d) + b"/" + raw)
    src = read_sources(d)[0]
    assert src.path.endswith(".txt") and "\ufffd" in src.path
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in src.path)


def test_a_15_mb_text_source_is_refused_at_once(tmp_path: Path) -> None:
    import time

    d = _folder(tmp_path)
    line = "日米首脳会談で防衛費の増額と関税の扱いを協議した。\n".encode()
    (d / "dump.txt").write_bytes(line * (15_000_000 // len(line)))
    start = time.monotonic()
    with pytest.raises(BriefError, match=r"dump.txt: file is 15 MB; text sources are limited "
                                         r"to 2 MiB \(split it or remove it\)"):
        read_sources(d)
    assert time.monotonic() - start < 5


def test_a_huge_saved_page_is_refused_quickly_but_scripts_do_not_count(tmp_path: Path) -> None:
    import time

    d = _folder(tmp_path)
    para = "<p>日米首脳会談で防衛費の増額と関税の扱いを協議した。</p>\n"
    body = para * (15_000_000 // len(para.encode()))
    (d / "huge.html").write_text(f"<html><body><article>{body}</article></body></html>",
                                 encoding="utf-8")
    start = time.monotonic()
    with pytest.raises(BriefError, match=r"huge.html: the page is \d+ million characters"):
        read_sources(d)
    assert time.monotonic() - start < 10
    (d / "huge.html").unlink()
    script = "<script>var x = '" + "a" * 8_000_000 + "';</script>"
    img = '<img src="data:image/png;base64,' + "QUJD" * 1_000_000 + '">'
    (d / "page.html").write_text(f"<html><head>{script}</head><body>{img}<article><h1>見出し"
                                 f"</h1>{para * 20}</article></body></html>", encoding="utf-8")
    assert any("防衛費" in s.text for s in read_sources(d))
