"""The CAT round trip in a real CAT tool: Debian's OmegaT, in console mode, on a project made
of brief's files (the review XLIFF, the glossary's TBX, the memory's TMX), and its translated
file back into brief's memory."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from brief.cli import main
from brief.translate.memory import read_tmx
from conftest import FIXTURES

pytestmark = [
    pytest.mark.slow,  # OmegaT starts a JVM: about 6 s a run
    pytest.mark.skipif(not shutil.which("omegat"),
                       reason="OmegaT is not installed (Debian: apt-get install omegat)"),
]
X1 = "{urn:oasis:names:tc:xliff:document:1.2}"
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")  # where Debian's package puts it
PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat><project version="1.0">
  <source_dir>source</source_dir><target_dir>target</target_dir><tm_dir>tm</tm_dir>
  <glossary_dir>glossary</glossary_dir><glossary_file>glossary/glossary.txt</glossary_file>
  <dictionary_dir>dictionary</dictionary_dir>
  <source_lang>ja-JP</source_lang><target_lang>en-US</target_lang>
  <sentence_seg>false</sentence_seg><support_default_translations>true</support_default_translations>
  <remove_tags>false</remove_tags>
</project></omegat>
"""


def _tmx(pairs: list[tuple[str, str]]) -> str:
    """A TMX as a colleague's CAT tool writes it (ja-JP/en-US codes)."""
    tus = "".join(f'<tu><tuv xml:lang="ja-JP"><seg>{ja}</seg></tuv><tuv xml:lang="en-US">'
                  f'<seg>{en}</seg></tuv></tu>' for ja, en in pairs)
    return ('<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header '
            'creationtool="OmegaT" creationtoolversion="3.6" segtype="paragraph" o-tmf="OmegaT"'
            ' adminlang="en-US" srclang="ja-JP" datatype="plaintext"/><body>'
            f'{tus}</body></tmx>')


def _brief(*args: str) -> str:
    r = CliRunner().invoke(main, list(args))
    assert r.exit_code == 0, r.output
    return r.output


def _omegat(project: Path, home: Path) -> str:
    done = subprocess.run(["omegat", str(project), "--mode=console-translate"],
                          capture_output=True, text=True, timeout=300, env={
                              "HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout + done.stderr


def test_omegat_loads_every_segment_uses_the_memory_and_comes_back(
        project: Path, built_brief: Path, monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    shutil.copytree(built_brief, project / "out")
    _brief("review", "export")
    units = etree.parse(str(project / "out" / "review.xlf")).getroot().findall(
        f".//{X1}trans-unit")
    first, second = units[0].findtext(f"{X1}source"), units[1].findtext(f"{X1}source")
    # the office's memory holds one approved English; a colleague sent the translator another
    (project / "office.tmx").write_text(_tmx([(first, "The office's approved English.")]),
                                        encoding="utf-8")
    _brief("memory", "import", "office.tmx")

    omt = tmp_path / "omt"
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (omt / folder).mkdir(parents=True)
    (omt / "omegat.project").write_text(PROJECT, encoding="utf-8")
    shutil.copy(project / "out" / "review.xlf", omt / "source" / "review.xlf")
    _brief("memory", "export", str(omt / "tm" / "auto" / "office.tmx"))
    (omt / "tm" / "auto" / "colleague.tmx").write_text(
        _tmx([(second, "A colleague's English.")]), encoding="utf-8")
    _brief("glossary", "export", str(omt / "glossary" / "terms.tbx"))

    log = _omegat(omt, tmp_path)
    assert "office.tmx" in log and "colleague.tmx" in log  # it read both memories
    stats = (omt / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    total = re.search(r"^Total:\s+(\d+)", stats, re.M)
    assert total and int(total.group(1)) == len(units)  # every segment loaded

    translated = omt / "target" / "review.xlf"
    targets = {u.get("id"): u.findtext(f"{X1}target")
               for u in etree.parse(str(translated)).getroot().iter(f"{X1}trans-unit")}
    assert targets[units[0].get("id")] == "The office's approved English."
    assert targets[units[1].get("id")] == "A colleague's English."
    out = _brief("review", "import", str(translated))
    assert "2 edited segments, 1 new or changed" in out  # the untouched units are not edits
    memory = {e.ja: e.en for e in read_tmx(project / "glossary" / "memory.tmx")}
    assert memory == {first: "The office's approved English.",
                      second: "A colleague's English."}


@pytest.mark.skipif(not OMEGAT_JAR.is_file() or not shutil.which("java"),
                    reason=f"no {OMEGAT_JAR} or java to run OmegaT's TBX reader")
def test_omegat_reads_the_tbx_with_forbidden_renderings_deprecated(tmp_path: Path) -> None:
    """OmegaT's own TBX reader (its console mode loads no glossary) takes brief's default
    TBX v2 with each forbidden rendering deprecated, and refuses TBX v3 as issue 27 found."""
    from brief.glossary.terms import load_glossary

    tbx2, tbx3 = tmp_path / "terms.tbx", tmp_path / "terms3.tbx"
    _brief("glossary", "export", "--glossary", str(FIXTURES / "glossary"), str(tbx2))
    _brief("glossary", "export", "--glossary", str(FIXTURES / "glossary"), "--tbx-version",
           "3", str(tbx3))
    check = FIXTURES / "omegat" / "TbxCheck.java"

    def read(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["java", "-cp", str(OMEGAT_JAR), str(check), str(path)],
                              capture_output=True, text=True, timeout=120)

    done = read(tbx2)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = {tuple(line.split("\t")) for line in done.stdout.splitlines()}
    terms = load_glossary(FIXTURES / "glossary").terms
    banned = next(t for t in terms if t.forbidden)
    assert ("ja", banned.ja, "preferredTerm-admn-sts") in rows
    assert ("en", banned.en, "preferredTerm-admn-sts") in rows
    assert ("en", banned.forbidden[0], "deprecatedTerm-admn-sts") in rows
    assert len({r[1] for r in rows if r[0] == "ja"}) == sum(1 + len(t.variants) for t in terms)
    refused = read(tbx3)
    assert refused.returncode != 0 and "UnmarshalException" in refused.stderr
