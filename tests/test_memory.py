"""The translation memory (glossary/memory.tmx): TMX 1.4b that validates, exact matches used
as is without the model, fuzzy matches only offered, safe under concurrent writers."""

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from brief.errors import BriefError
from brief.glossary.terms import Glossary, parse_tsv
from brief.model import APPROVED
from brief.translate.backends import Backend
from brief.translate.cache import Cache
from brief.translate.memory import Memory, read_tmx
from brief.translate.run import translate_segments
from conftest import ROOT

DTD = etree.DTD(str(ROOT / "tests" / "schemas" / "tmx14.dtd"))
GLOSSARY = Glossary(parse_tsv("ja\ten\n迎賓館\tAkasaka Palace\n", "g.tsv"))


def test_written_memory_validates_against_the_tmx_dtd(tmp_path: Path) -> None:
    mem = Memory(tmp_path / "memory.tmx")
    assert mem.add([("両首脳は会談した。", "The two leaders met."),
                    ("投資を約束した。", "It pledged investment & more <soon>.")]) == 2
    doc = etree.parse(str(tmp_path / "memory.tmx"))
    assert DTD.validate(doc), DTD.error_log
    assert doc.docinfo.doctype == '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
    assert Memory(tmp_path / "memory.tmx").get("投資を約束した。") == \
        "It pledged investment & more <soon>."
    assert mem.add([("投資を約束した。", "It pledged investment & more <soon>.")]) == 0


def test_keys_are_normalised_and_fuzzy_matches_only_offered(tmp_path: Path) -> None:
    mem = Memory(tmp_path / "memory.tmx")
    mem.add([("防衛費を２０２７年度に増やす。", "Defense spending rises in FY2027.")])
    assert mem.get("防衛費を 2027年度に増やす。") == "Defense spending rises in FY2027."
    assert mem.get("防衛費を2028年度に増やす。") is None  # no silent near match
    [near] = mem.fuzzy("防衛費を2028年度に増やす。")
    assert near.score >= 85 and near.en == "Defense spending rises in FY2027."
    assert mem.fuzzy("まったく別の文です。") == []


def test_a_tmx_from_a_cat_tool_is_read(tmp_path: Path) -> None:
    path = tmp_path / "team.tmx"
    path.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header creationtool="X" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en-US" '
        'srclang="ja-JP" datatype="plaintext"/><body><tu><tuv xml:lang="ja-JP"><seg>会談した。'
        '</seg></tuv><tuv xml:lang="en-US"><seg>They met.</seg></tuv><tuv xml:lang="fr-FR">'
        '<seg>Ils se sont vus.</seg></tuv></tu></body></tmx>', encoding="utf-8")
    assert [(e.ja, e.en) for e in read_tmx(path)] == [("会談した。", "They met.")]


def test_a_broken_memory_is_a_one_line_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text("<tmx><body><tu>", encoding="utf-8")
    with pytest.raises(BriefError, match=r"memory\.tmx: not a readable TMX file"):
        Memory(path)


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    code = ("import sys; from pathlib import Path; from brief.translate.memory import Memory\n"
            "m = Memory(Path(sys.argv[1]))\n"
            "for i in range(15): m.add([(f'{sys.argv[2]}文{i}です。', f'Sentence {i}.')])\n")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "memory.tmx"), tag])
             for tag in ("甲", "乙")]
    assert [p.wait() for p in procs] == [0, 0]
    assert len(read_tmx(tmp_path / "memory.tmx")) == 30


def test_memory_hits_never_reach_the_model_and_a_glossary_edit_only_flags_them(
        tmp_path: Path) -> None:
    mem = Memory(tmp_path / "memory.tmx")
    mem.add([("迎賓館で会談した。", "They met at the State Guest House.")])

    def no_model() -> Backend:
        raise AssertionError("the model must not be loaded when the memory covers everything")

    done = translate_segments([("p1", "迎賓館で会談した。")], GLOSSARY, no_model, Cache(None), mem)
    assert done.english["p1"] == "They met at the State Guest House."  # never overwritten
    assert done.verdicts["p1"].status == APPROVED and done.stats.approved == 1
    assert done.verdicts["p1"].flags == [
        "breaks the glossary: 迎賓館 → Akasaka Palace (missing)"]
    assert done.model_id == ""
