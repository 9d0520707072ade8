import json
from pathlib import Path

from click.testing import CliRunner

from brief.cli import main
from brief.model import Brief, Citation, Item, Section, Source


def _build_json(out: Path, en: str, translated: bool = True) -> None:
    out.mkdir(exist_ok=True)
    ja = "迎賓館で高市早苗首相と会談し、2025年度に実施する。"
    item = Item("security-1", "security", ja, [Citation("S1", 0, len(ja), ja)], en=en)
    brief = Brief("T", "2025-10-28", "", "", [Source("S1", "a.txt", "A", ja)], [item],
                  [Section("security", "Security", items=[item])], translated=translated,
                  model="ja→en test")
    (out / "brief.json").write_text(json.dumps(brief.to_dict(), ensure_ascii=False), encoding="utf-8")


def _check(project: Path) -> object:
    return CliRunner().invoke(main, ["glossary", "check", "--glossary", str(project / "glossary"),
                                     "--against", str(project / "out")])


def test_check_against_reports_each_term_and_violation(project: Path) -> None:
    _build_json(project / "out", "Met Takaichi Sanae at the guest house; in FY2025.")
    r = _check(project)
    assert r.exit_code == 1
    assert "BAD 迎賓館 → 'Akasaka Palace': 1 point(s) (security-1)" in r.output
    assert "security-1: missing" in r.output and "security-1: forbidden: guest house" in r.output
    assert "forbidden: Takaichi Sanae" in r.output
    assert "3 glossary violation(s)" in r.output or "4 glossary violation(s)" in r.output


def test_check_against_a_clean_build(project: Path) -> None:
    _build_json(project / "out", "Met Sanae Takaichi at Akasaka Palace; to be done in FY2025.")
    r = _check(project)
    assert r.exit_code == 0, r.output
    assert "ok  迎賓館 → 'Akasaka Palace'" in r.output and "0 violation(s)" in r.output


def test_check_against_untranslated_and_missing_builds(project: Path) -> None:
    _build_json(project / "out", "", translated=False)
    r = _check(project)
    assert r.exit_code == 0 and "was not translated" in r.output
    r = CliRunner().invoke(main, ["glossary", "check", "--glossary", str(project / "glossary"),
                                  "--against", str(project / "nowhere")])
    assert r.exit_code == 1 and "no build found (run `brief build` first)" in r.output
