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


@pytest.mark.slow  # twenty processes at once (CONTRIBUTING: a process is the slow lane): ~6 s
def test_twenty_parallel_adds_keep_twenty_rows(gdir: Path) -> None:
    import subprocess
    import sys

    procs = [subprocess.Popen([sys.executable, "-m", "brief", "glossary", "add", "--glossary",
                               str(gdir), f"用語{i:02d}", f"Term {i}"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for i in range(20)]
    codes = [p.wait(timeout=120) for p in procs]
    assert codes == [0] * 20, [p.stderr.read() for p in procs]  # type: ignore[union-attr]
    terms = {t.ja for t in load_glossary(gdir).terms}
    assert {f"用語{i:02d}" for i in range(20)} <= terms and len(terms) == 22
    assert (gdir / "terms.tsv").read_bytes().startswith(HAND_EDITED.encode())


@pytest.mark.parametrize("ja", ["#商務", " #商務", "＃商務"])
def test_a_row_that_would_become_a_comment_is_refused(gdir: Path, ja: str) -> None:
    before = (gdir / "terms.tsv").read_bytes()
    if ja == "＃商務":  # a full-width number sign is not a comment marker: it is kept as text
        add_term(gdir, Term(ja, "Commerce"))
        assert load_glossary(gdir).terms[-1].ja == "＃商務"
        return
    with pytest.raises(BriefError, match=r"starts with '#', which would make the row a comment"):
        add_term(gdir, Term(ja, "Commerce"))
    assert (gdir / "terms.tsv").read_bytes() == before


def test_import_of_a_comment_like_entry_is_refused_and_names_it(gdir: Path) -> None:
    before = (gdir / "terms.tsv").read_bytes()
    with pytest.raises(BriefError, match=r"team.tbx: entry c2: ja value '#商務' starts with '#'"):
        merge_terms(gdir, [Term("横須賀", "Yokosuka"),
                           Term("#商務", "Commerce", where="team.tbx: entry c2")])
    assert (gdir / "terms.tsv").read_bytes() == before  # nothing half-imported


@pytest.mark.parametrize("bad", ["Com\x07merce", "Com\x00merce", "Com\x1bmerce", "Com\x7fmerce",
                                 "Com\ufffemerce"])
def test_control_characters_are_refused_by_add(gdir: Path, bad: str) -> None:
    r = CliRunner().invoke(main, ["glossary", "add", "--glossary", str(gdir), "商務", bad])
    assert r.exit_code == 1 and r.stderr.startswith("brief: error: ")
    assert "control character U+" in r.stderr and r.stderr.count("\n") == 1
    assert "商務" not in (gdir / "terms.tsv").read_text(encoding="utf-8-sig")


def test_check_reports_a_control_character_with_file_and_line(gdir: Path) -> None:
    with (gdir / "terms.tsv").open("ab") as f:
        f.write("商務\tCom\x0bmerce\t\r\n".encode())
    r = CliRunner().invoke(main, ["glossary", "check", "--glossary", str(gdir)])
    assert r.exit_code == 1
    assert r.stderr == (f"brief: error: {gdir / 'terms.tsv'}:7: contains the control character "
                        "U+000B (it would break the DOCX and PDF); remove it\n")


def test_a_read_only_glossary_is_not_rewritten(gdir: Path) -> None:
    f = gdir / "terms.tsv"
    f.chmod(0o444)
    r = CliRunner().invoke(main, ["glossary", "add", "--glossary", str(gdir), "商務", "Commerce"])
    assert r.exit_code == 1 and "terms.tsv: is read-only (mode 0444)" in r.stderr
    assert f.read_bytes() == HAND_EDITED.encode() and (f.stat().st_mode & 0o777) == 0o444


def test_a_private_glossary_stays_private(gdir: Path) -> None:
    f = gdir / "terms.tsv"
    f.chmod(0o600)
    add_term(gdir, Term("商務", "Commerce"))
    remove_term(gdir, "迎賓館")
    assert (f.stat().st_mode & 0o777) == 0o600


def test_a_symlinked_shared_glossary_gets_the_row(tmp_path: Path, gdir: Path) -> None:
    shared = tmp_path / "shared" / "team.tsv"
    shared.parent.mkdir()
    shared.write_bytes(HAND_EDITED.encode())
    (gdir / "terms.tsv").unlink()
    (gdir / "terms.tsv").symlink_to(shared)
    r = CliRunner().invoke(main, ["glossary", "add", "--glossary", str(gdir), "商務", "Commerce"])
    assert r.exit_code == 1 and "is a symlink to" in r.stderr and "--follow-links" in r.stderr
    r = CliRunner().invoke(main, ["glossary", "add", "--glossary", str(gdir), "--follow-links",
                                  "商務", "Commerce"])
    assert r.exit_code == 0, r.output
    assert (gdir / "terms.tsv").is_symlink()
    assert shared.read_bytes().endswith("商務\tCommerce\t\r\n".encode())


def test_a_link_inside_the_folder_needs_no_flag(gdir: Path) -> None:
    (gdir / "real.data").write_bytes((gdir / "terms.tsv").read_bytes())
    (gdir / "terms.tsv").unlink()
    (gdir / "terms.tsv").symlink_to("real.data")
    add_term(gdir, Term("商務", "Commerce"))
    assert "商務\tCommerce" in (gdir / "real.data").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_any_line_ending_is_parsed_and_kept(tmp_path: Path, newline: str) -> None:
    d = tmp_path / "g"
    d.mkdir()
    body = newline.join(["# classic Mac export", "ja\ten", "迎賓館\tAkasaka Palace", ""])
    (d / "terms.tsv").write_bytes(body.encode())
    assert [t.ja for t in load_glossary(d).terms] == ["迎賓館"]
    add_term(d, Term("商務", "Commerce"))
    assert (d / "terms.tsv").read_bytes() == (body + f"商務\tCommerce{newline}").encode()
    r = CliRunner().invoke(main, ["glossary", "check", "--glossary", str(d)])
    assert r.output == f"{d}: 2 terms, no problems\n"


def test_an_empty_glossary_path_is_refused_not_taken_as_the_current_folder(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["glossary", "check", "--glossary", ""])
    assert r.exit_code == 1
    assert r.stderr == "brief: error: --glossary '': empty path (to mean the current folder, write .)\n"


def test_edit_changes_one_row_in_place(gdir: Path) -> None:
    """--en and --note change that row only: comments, order, BOM, CRLF, other cells stay."""
    r = CliRunner().invoke(main, ["glossary", "edit", "迎賓館", "--glossary", str(gdir),
                                  "--en", "the State Guest House", "--note", 'say "Akasaka"'])
    assert r.exit_code == 0, r.output
    assert "changed 迎賓館: en 'Akasaka Palace' → 'the State Guest House'" in r.output
    data = (gdir / "terms.tsv").read_bytes()
    assert data == HAND_EDITED.replace("Akasaka Palace\tState Guest House",
                                       'the State Guest House\t"say ""Akasaka"""').encode()
    assert load_glossary(gdir).terms[0].note == 'say "Akasaka"'  # quoted as Calc would
    r = CliRunner().invoke(main, ["glossary", "edit", "迎賓館", "--glossary", str(gdir),
                                  "--en", "迎賓館 Palace"])
    assert r.exit_code == 1 and "Japanese left untranslated; nothing changed" in r.output
    r = CliRunner().invoke(main, ["glossary", "edit", "赤坂", "--glossary", str(gdir), "--en", "Palace"])
    assert r.exit_code == 1 and "no entry for '赤坂'" in r.output


def test_edit_keeps_a_cp932_file_cp932(tmp_path: Path) -> None:
    (tmp_path / "terms.tsv").write_bytes("ja\ten\tnote\r\n迎賓館\tAkasaka Palace\t\r\n".encode("cp932"))
    r = CliRunner().invoke(main, ["glossary", "edit", "迎賓館", "--glossary", str(tmp_path),
                                  "--note", "国賓の宿泊施設"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "terms.tsv").read_bytes() == (
        "ja\ten\tnote\r\n迎賓館\tAkasaka Palace\t国賓の宿泊施設\r\n".encode("cp932"))
