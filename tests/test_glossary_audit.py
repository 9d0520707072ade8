import json
from pathlib import Path

from click.testing import CliRunner, Result

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


def _check(project: Path) -> Result:
    return CliRunner().invoke(main, ["glossary", "check", "--glossary", str(project / "glossary"),
                                     "--against", str(project / "out")])


def test_check_against_reports_each_term_and_violation(project: Path) -> None:
    _build_json(project / "out", "Met Takaichi Sanae at the guest house; in FY2025.")
    r = _check(project)
    assert r.exit_code == 1
    assert "BAD 迎賓館 → 'Akasaka Palace': 1 point(s) (security-1)" in r.output
    assert "security-1: missing" in r.output and "security-1: forbidden: guest house" in r.output
    assert "forbidden: Takaichi Sanae" in r.output
    # two terms, each missing and forbidden: four, counted the same in the summary and the error
    assert "4 violation(s) against the current glossary" in r.output
    assert "4 glossary violation(s); rebuild" in r.output


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


def _mutations(data: object, path: tuple = ()) -> list[tuple]:
    """Every field path of DATA (first two elements of each list)."""
    out = []
    if isinstance(data, dict):
        for k, v in data.items():
            out += [(*path, k), *_mutations(v, (*path, k))]
    elif isinstance(data, list):
        for i, v in enumerate(data[:2]):
            out += [(*path, i), *_mutations(v, (*path, i))]
    return out


def test_a_wrong_typed_or_corrupt_brief_json_is_one_line(tmp_path: Path) -> None:
    import copy

    out = tmp_path / "out"
    _build_json(out, "Akasaka Palace")
    good = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    glossary = tmp_path / "g"
    glossary.mkdir()
    (glossary / "terms.tsv").write_text("ja\ten\n迎賓館\tAkasaka Palace\n", encoding="utf-8")
    cases = []
    for path in _mutations(good):
        bad: object
        for bad in (None, 5, "x", [], {}, True):
            data = copy.deepcopy(good)
            node = data
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = bad
            cases.append(json.dumps(data).encode())
    cases += [b"", b"\xff\xfe", b"[]", b"null", b"[" * 100_000, b'{"schema_version": 99}']
    for raw in cases:
        (out / "brief.json").write_bytes(raw)
        r = CliRunner().invoke(main, ["glossary", "check", "--glossary", str(glossary),
                                      "--against", str(out)])
        assert isinstance(r.exception, SystemExit | None), (raw[:200], r.exception)
        if r.exit_code:
            assert r.stderr.startswith("brief: error: ") and r.stderr.count("\n") == 1
