from pathlib import Path

import pytest

from brief.errors import BriefError
from brief.glossary.terms import load_glossary, parse_tsv, validate
from conftest import FIXTURES

H = "ja\ten\tnote\tvariants\tforbidden\n"


@pytest.mark.parametrize("body,message", [
    ("迎賓館\tAkasaka Palace\n", "g.tsv:2: expected 5 columns (tab-separated), found 2"),
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


def test_bom_is_accepted_and_non_utf8_refused(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_bytes(("\ufeff" + H + "迎賓館\tAkasaka Palace\t\t\t\n").encode())
    assert load_glossary(tmp_path).terms[0].en == "Akasaka Palace"
    (tmp_path / "a.tsv").write_bytes((H + "迎賓館\tAkasaka Palace\t\t\t\n").encode("shift_jis"))
    with pytest.raises(BriefError, match=r"a.tsv:2: not UTF-8"):
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
