from pathlib import Path

from click.testing import CliRunner

from brief.cli import main
from brief.config import load_config
from brief.glossary.suggest import _runs, suggest
from brief.glossary.terms import load_glossary
from brief.pipeline import assemble


def test_runs_split_people_titles_and_drop_countries() -> None:
    runs = {s: k for s, k, _ in _runs("赤沢亮正経済再生担当相は中国と米国のサプライチェーン強靱化、GDP比について話した")}
    assert runs["赤沢亮正"] == "proper noun"
    assert runs["経済再生担当相"] == "compound"
    assert runs["GDP"] == "acronym"
    assert "中国" not in runs and "米国" not in runs  # any model knows country names


def test_suggest_on_the_seeds(project: Path) -> None:
    glossary = load_glossary(project / "glossary")
    brief = assemble(load_config(project / "brief.toml"), project / "seeds")
    cands = suggest(brief, glossary, limit=60)
    names = [c.ja for c in cands]
    assert len(names) >= 20
    # terms the brief's points use rank first; one a single background sentence uses is
    # still found, further down
    assert {"トヨタ自動車", "共同文書"} <= set(names)
    assert "輸出管理" in {c.ja for c in suggest(brief, glossary, limit=1000)}
    known = {t.ja for t in glossary.terms} | {v for t in glossary.terms for v in t.variants}
    assert not known & set(names)
    assert all(c.ja in c.context for c in cands)
    assert cands == suggest(brief, glossary, limit=60)  # stable numbering for --accept


def test_accept_adds_the_candidate(project: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    listing = CliRunner().invoke(main, ["glossary", "suggest", "--no-translate", "--limit", "60"])
    assert listing.exit_code == 0, listing.output
    line = next(ln for ln in listing.output.splitlines() if "トヨタ自動車" in ln)
    n = line.split(".")[0].strip()
    r = CliRunner().invoke(main, ["glossary", "suggest", "--no-translate", "--limit", "60",
                                  "--accept", f"{n}=Toyota Motor"])
    assert r.exit_code == 0, r.output
    assert load_glossary(project / "glossary").terms[-1].en == "Toyota Motor"
    again = CliRunner().invoke(main, ["glossary", "suggest", "--no-translate", "--limit", "60"])
    assert ". トヨタ自動車" not in again.output
    bad = CliRunner().invoke(main, ["glossary", "suggest", "--no-translate", "--accept", "1"])
    assert bad.exit_code == 1 and "give the English: --accept 1=ENGLISH" in bad.output


def test_suggest_shows_the_model_rendering(project: Path, monkeypatch, installed_tiny: Path) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    r = CliRunner().invoke(main, ["glossary", "suggest", "--limit", "5"])
    assert r.exit_code == 0, r.output
    # the tiny model's words, not English: a rendering or its flag for each candidate
    assert r.output.count(" → '") + r.output.count(" → (model output flagged: ") == 5


def test_suggest_works_without_a_model(project: Path, monkeypatch) -> None:  # noqa: ANN001
    import brief.translate.backends.argos as models

    monkeypatch.chdir(project)
    monkeypatch.setattr(models, "installed_packages", lambda: [])
    r = CliRunner().invoke(main, ["glossary", "suggest", "--limit", "5"])
    assert r.exit_code == 0, r.output
    assert " → '" not in r.output and "accept with: brief glossary suggest --accept N=ENGLISH" \
        in r.output


def test_bad_limit_and_accept_values_are_one_line(project: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    run = CliRunner().invoke
    for args, message in ((["--limit", "-5"], "--limit -5: must be 1 or more"),
                          (["--limit", "0"], "--limit 0: must be 1 or more"),
                          (["--no-translate", "--accept", "²=X"], "--accept ²=X: no candidate '²'"),
                          (["--no-translate", "--accept", "１=X"], "--accept １=X: no candidate '１'"),
                          (["--no-translate", "--accept", "=X"], "--accept =X: no candidate ''")):
        r = run(main, ["glossary", "suggest", *args])
        assert r.exit_code == 1, r.output
        assert r.stderr.startswith(f"brief: error: {message}") and r.stderr.count("\n") == 1


def test_accept_refuses_a_flagged_model_rendering(project: Path, monkeypatch) -> None:  # noqa: ANN001
    """A model whose output is broken (Japanese left in, as issue 27 saw stored) cannot put
    it into the glossary: the listing says it is flagged, --accept N refuses and stores
    nothing, --accept N=ENGLISH still works."""
    import toy_backend
    from brief.translate.backends import BACKENDS

    monkeypatch.setitem(BACKENDS, "toy", toy_backend)
    monkeypatch.chdir(project)
    with open(project / "brief.toml", "a", encoding="utf-8") as f:
        f.write('\n[translation]\nbackend = "toy"\nprefix = "除外靡osisically"\n')
    before = (project / "glossary" / "terms.tsv").read_bytes()
    listing = CliRunner().invoke(main, ["glossary", "suggest", "--limit", "3"])
    assert listing.exit_code == 0, listing.output
    assert listing.output.count("(model output flagged: Japanese left untranslated)") == 3
    r = CliRunner().invoke(main, ["glossary", "suggest", "--limit", "3", "--accept", "1"])
    assert r.exit_code == 1 and "the model's rendering of" in r.output
    assert "is flagged (Japanese left untranslated); nothing stored" in r.output
    assert (project / "glossary" / "terms.tsv").read_bytes() == before
    r = CliRunner().invoke(main, ["glossary", "suggest", "--limit", "3", "--accept", "1=Tokyo"])
    assert r.exit_code == 0 and load_glossary(project / "glossary").terms[-1].en == "Tokyo"


def test_check_flags_renderings_a_build_would_flag(project: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(project)
    with open(project / "glossary" / "terms.tsv", "a", encoding="utf-8") as f:
        f.write("首脳会談\t除外靡osisically Nudist\n長期政権\talliance alliance alliance alliance\n")
    lines = (project / "glossary" / "terms.tsv").read_text(encoding="utf-8").splitlines()
    r = CliRunner().invoke(main, ["glossary", "check"])
    assert r.exit_code == 1
    assert (f"glossary/terms.tsv:{len(lines) - 1}: 首脳会談 → '除外靡osisically Nudist': "
            "Japanese left untranslated") in r.output
    assert f"glossary/terms.tsv:{len(lines)}: 長期政権 → " in r.output and "repeated text" in r.output
    assert "2 of" in r.output and "no problems" not in r.output
