from pathlib import Path

import pytest

from brief.errors import BriefError
from brief.glossary.terms import load_glossary, parse_tsv, validate
from conftest import FIXTURES

H = "ja\ten\tnote\tvariants\tforbidden\n"


@pytest.mark.parametrize("body,message", [
    ("迎賓館\n", "g.tsv:2: expected 5 columns (tab-separated), found 1"),
    ("迎賓館\tA\tb\tc\td\te\n", "g.tsv:2: expected 5 columns (tab-separated), found 6"),
    ("\tAkasaka Palace\t\t\t\n", "g.tsv:2: empty 'ja' field"),
    ("迎賓館\t Akasaka Palace\t\t\t\n", "g.tsv:2: stray whitespace around 'en' value ' Akasaka Palace'"),
    ("迎賓館\tAkasaka Palace\t\t\tAkasaka palace\n",
     "g.tsv:2: forbidden rendering equals the preferred rendering 'Akasaka Palace'"),
])
def test_row_errors_name_file_and_line(body: str, message: str) -> None:
    with pytest.raises(BriefError) as exc:
        parse_tsv(H + body, "g.tsv")
    assert str(exc.value) == message


def test_cross_entry_errors() -> None:
    two = parse_tsv(H + "迎賓館\tAkasaka Palace\t\t\t\n迎賓館\tGuest House\t\t\t\n", "g.tsv")
    with pytest.raises(BriefError) as exc:
        validate(two)
    assert str(exc.value) == ("g.tsv:3: '迎賓館' is mapped to 'Guest House' here and to "
                              "'Akasaka Palace' at g.tsv:2")
    clash = parse_tsv(H + "強靱化\tresilience\t\t強靭化\t\n強靭化\tstrengthening\t\t\t\n", "g.tsv")
    with pytest.raises(BriefError, match=r"g.tsv:2: variant '強靭化' collides with the entry at g.tsv:3"):
        validate(clash)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932", "utf-16"])
def test_glossaries_as_excel_saves_them_are_read(tmp_path: Path, encoding: str) -> None:
    """UTF-8 with a BOM, Excel JP's cp932 and Excel's "Unicode Text" (UTF-16 with a BOM)."""
    (tmp_path / "a.tsv").write_bytes((H + "迎賓館\tAkasaka Palace\t\t\t\n").encode(encoding))
    assert [(t.ja, t.en) for t in load_glossary(tmp_path).terms] == [("迎賓館", "Akasaka Palace")]


def test_undecodable_glossary_is_refused_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_bytes(H.encode() + "迎賓館\tA\t\t\t\n".encode() + b"\x81\x20\t\n")
    with pytest.raises(BriefError, match=r"a.tsv:3: neither UTF-8, UTF-16 nor Shift_JIS"):
        load_glossary(tmp_path)


def test_calc_quoting_is_undone_not_stored(tmp_path: Path) -> None:
    """A note with quote marks as LibreOffice Calc saves it, and "quote all text cells"."""
    calc = (H + '迎賓館\tAkasaka Palace\t"the ""State Guest House"" in notes"\t\t\n'
            '"首脳会談"\t"summit"\t""\t""\t"meeting"\n')
    (tmp_path / "a.tsv").write_text(calc, encoding="utf-8")
    a, b = load_glossary(tmp_path).terms
    assert a.note == 'the "State Guest House" in notes'
    assert (b.ja, b.en, b.forbidden) == ("首脳会談", "summit", ("meeting",))
    (tmp_path / "a.tsv").write_text('"ja"\t"en"\n"迎賓館"\t"Akasaka Palace"\n', encoding="utf-8")
    assert load_glossary(tmp_path).terms[0].en == "Akasaka Palace"


def test_short_rows_and_two_column_files_are_read(tmp_path: Path) -> None:
    """Only ja and en are required: a row may stop there, and a file may be two columns
    without a header (as DeepL's and Google's glossaries are)."""
    (tmp_path / "a.tsv").write_text(H + "迎賓館\tAkasaka Palace\n", encoding="utf-8")
    assert load_glossary(tmp_path).terms[0].en == "Akasaka Palace"
    (tmp_path / "a.tsv").write_text("迎賓館\tAkasaka Palace\n首脳会談\tsummit\n",
                                    encoding="utf-8")
    assert [t.en for t in load_glossary(tmp_path).terms] == ["Akasaka Palace", "summit"]


def test_a_comma_file_named_tsv_says_so(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text("ja,en,note\n迎賓館,Akasaka Palace,\n", encoding="utf-8")
    with pytest.raises(BriefError, match=r"a.tsv:1: comma-separated, not tab-separated"):
        load_glossary(tmp_path)


def test_shipped_glossary_is_valid_and_matches_longest_first() -> None:
    g = load_glossary(FIXTURES / "glossary")
    found = [t.en for _, _, t in g.find("迎賓館赤坂離宮で高市早苗首相と会談。同盟強靭化予算")]
    assert found == ["Akasaka Palace", "Sanae Takaichi", "Alliance Resilience Budget"]
    assert g.normalise("安保三文書") == "安全保障関連3文書"


@pytest.mark.parametrize("body,message", [
    ("迎賓館\t\t\t\t\n", "g.tsv:2: empty 'en' field"),
    ("迎賓館\tAkasaka Palace\t\t\t\n迎賓館\tAkasaka Palace\t\t\t\n",
     "g.tsv:3: duplicate Japanese term '迎賓館' (first at g.tsv:2)"),
    ("迎賓館\tAkasaka Palace\t\t迎賓館\t\n", "g.tsv:2: variant '迎賓館' is the term itself"),
    ("迎賓館\tAkasaka Palace \t\t\t\n",
     "g.tsv:2: stray whitespace around 'en' value 'Akasaka Palace '"),
])
def test_more_validation_messages(body: str, message: str) -> None:
    with pytest.raises(BriefError) as exc:
        validate(parse_tsv(H + body, "g.tsv"))
    assert str(exc.value) == message


def test_header_problems() -> None:
    with pytest.raises(BriefError) as exc:
        parse_tsv("ja\tenglish\n", "g.tsv")
    assert str(exc.value) == ("g.tsv:1: unknown column 'english' in header (columns: ja, en, "
                              "note, variants, forbidden, case, domain)")
    with pytest.raises(BriefError) as exc:
        parse_tsv("ja\tnote\n", "g.tsv")
    assert str(exc.value) == "g.tsv:1: header lacks the required column 'en'"


def test_a_glossary_file_name_that_is_not_utf8_is_shown_readably(tmp_path: Path) -> None:
    import os

    from click.testing import CliRunner

    from brief.cli import main

    d = tmp_path / "g"
    d.mkdir()
    with open(os.fsencode(d) + b"/" + "用語".encode("cp932") + b".tsv", "wb") as f:
        f.write("ja\ten\n迎賓館\tAkasaka Palace\n商務\tCom\x07merce\n".encode())
    r = CliRunner().invoke(main, ["glossary", "check", "--glossary", str(d)])
    assert r.exit_code == 1 and r.stderr.startswith(f"brief: error: {d}/")
    assert "\ufffd" in r.stderr and ".tsv:3: contains the control character U+0007" in r.stderr
