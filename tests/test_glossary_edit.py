from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import main
from brief.errors import BriefError
from brief.glossary.edit import add_term, merge_terms, remove_term
from brief.glossary.terms import Term, load_glossary

HAND_EDITED = ("\ufeff# team glossary\r\n"
               "ja\ten\tnote\r\n"
               "\r\n"
               "迎賓館\tAkasaka Palace\tState Guest House\r\n"
               "# people\r\n"
               "高市早苗\tSanae Takaichi\t\r\n")


@pytest.fixture
def gdir(tmp_path: Path) -> Path:
    d = tmp_path / "glossary"
    d.mkdir()
    (d / "terms.tsv").write_bytes(HAND_EDITED.encode())
    return d


def test_add_then_remove_round_trips_a_spreadsheet_file(gdir: Path) -> None:
    add_term(gdir, Term("商務長官", "Commerce Secretary", note="US"))
    data = (gdir / "terms.tsv").read_bytes()
    assert data == (HAND_EDITED + "商務長官\tCommerce Secretary\tUS\r\n").encode()
    assert load_glossary(gdir).terms[-1].en == "Commerce Secretary"
    removed = remove_term(gdir, "商務長官")
    assert removed.en == "Commerce Secretary"
    assert (gdir / "terms.tsv").read_bytes() == HAND_EDITED.encode()


def test_remove_keeps_comments_and_order(gdir: Path) -> None:
    remove_term(gdir, "迎賓館")
    text = (gdir / "terms.tsv").read_bytes().decode("utf-8-sig")
    assert text == "# team glossary\r\nja\ten\tnote\r\n\r\n# people\r\n高市早苗\tSanae Takaichi\t\r\n"


def test_add_refuses_what_validation_refuses(gdir: Path) -> None:
    before = (gdir / "terms.tsv").read_bytes()
    with pytest.raises(BriefError, match=r"terms.tsv:4: '迎賓館' is already in the glossary as 'Akasaka Palace'"):
        add_term(gdir, Term("迎賓館", "Guest House"))
    with pytest.raises(BriefError, match=r"the header has no 'forbidden' column"):
        add_term(gdir, Term("横須賀", "Yokosuka", forbidden=("Yokosuka City",)))
    with pytest.raises(BriefError, match=r"cannot contain tabs"):
        add_term(gdir, Term("横須賀", "Yoko\tsuka"))
    assert (gdir / "terms.tsv").read_bytes() == before


def test_add_with_a_colliding_variant_is_refused(tmp_path: Path) -> None:
    d = tmp_path / "g"
    d.mkdir()
    (d / "a.tsv").write_text("ja\ten\tvariants\n強靱化\tresilience\t\n", encoding="utf-8")
    with pytest.raises(BriefError, match=r"variant '強靱化' collides with the entry at"):
        add_term(d, Term("強靭化", "strengthening", variants=("強靱化",)))
    assert "強靭化" not in (d / "a.tsv").read_text(encoding="utf-8")


def test_remove_unknown_term(gdir: Path) -> None:
    with pytest.raises(BriefError, match=r"no entry for '横須賀'"):
        remove_term(gdir, "横須賀")


def test_merge_adds_new_keeps_conflicts(gdir: Path) -> None:
    report = merge_terms(gdir, [Term("迎賓館", "Akasaka Palace", note="State Guest House"),
                                Term("高市早苗", "Takaichi Sanae"),
                                Term("横須賀", "Yokosuka")])
    assert [t.ja for t in report.added] == ["横須賀"]
    assert [t.ja for t in report.unchanged] == ["迎賓館"]
    assert [(o.en, n.en) for o, n in report.conflicts] == [("Sanae Takaichi", "Takaichi Sanae")]
    assert load_glossary(gdir).terms[-1].ja == "横須賀"


def test_cli_add_list_remove(gdir: Path) -> None:
    run = CliRunner().invoke
    r = run(main, ["glossary", "add", "--glossary", str(gdir), "商務長官", " Commerce Secretary "])
    assert r.exit_code == 0, r.output
    assert "商務長官\tCommerce Secretary" in run(main, ["glossary", "list", "--glossary", str(gdir),
                                                    "--grep", "commerce"]).output
    r = run(main, ["glossary", "add", "--glossary", str(gdir), "迎賓館", "Guest House"])
    assert r.exit_code == 1 and "terms.tsv:4:" in r.output
    r = run(main, ["glossary", "remove", "--glossary", str(gdir), "商務長官"])
    assert r.exit_code == 0 and "removed 商務長官" in r.output
