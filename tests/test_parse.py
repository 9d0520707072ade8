"""GiNZA parses of the sentences a brief shows: predicate, frame, subject, speaker, cache."""

from importlib.util import find_spec
from pathlib import Path

import pytest

from brief.analyse import parse as parse_mod
from brief.analyse.parse import ParseCache, parse_all
from brief.curate.points import refine_modality
from brief.model import Item

# Found, not imported: importing ja_ginza imports spaCy, thinc and PyTorch (~4.5 CPU s),
# which every worker paid at collection, whichever tests it ran; brief loads GiNZA without
# PyTorch, when a test first parses.
pytestmark = pytest.mark.skipif(find_spec("ja_ginza") is None,
                                reason="GiNZA (ja_ginza) is not installed")


@pytest.fixture(scope="module")
def ginza() -> None:
    """GiNZA loaded for the tests that parse (~3 s): module-scoped, so they run on one
    worker together (tests/shared_scheduling.py) and the model loads in one process."""
    parse_mod._nlp()


def test_frame_nouns_hand_the_predicate_to_their_clause(ginza: None) -> None:
    s = "防衛装備品の共同生産は2027年3月までに具体化する方針だ。"
    p = parse_all([s])[s]
    assert (p.predicate, p.frame, p.modality) == ("具体化", "方針", "intention")


def test_reported_speech_names_its_speaker_and_past_events_are_done(ginza: None) -> None:
    said = "首相は「日米同盟は世界で最も偉大な同盟になった」と述べた。"
    went = "両首脳は会談後、米海軍横須賀基地を訪問した。"
    got = parse_all([said, went])
    assert got[said].speaker == "首相" and got[said].modality == "reported"
    assert got[went].modality == "done" and not got[went].speaker


def test_parses_are_cached_on_disk_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              ginza: None) -> None:
    cache = tmp_path / "parses.json"
    s = "政府は防衛装備品の共同生産を今年度末までに具体化する方針だ。"
    first = parse_all([s], cache)[s]
    assert cache.exists() and ParseCache(cache).get(s) == first

    def no_model() -> None:
        raise AssertionError("the model was loaded although the parse was cached")

    monkeypatch.setattr(parse_mod, "_nlp", no_model)
    assert parse_all([s], cache)[s] == first


def test_a_point_without_a_known_event_word_takes_the_parse_modality(tmp_path: Path, ginza: None) -> None:
    item = Item("i1", "security", "政府は防衛費の増額を閣議で決めた。", [], modality="stated")
    refine_modality([item], tmp_path / "p.json")
    assert item.modality == "done"


def test_glossary_suggest_never_loads_the_parser(project: Path) -> None:
    import subprocess
    import sys

    code = ("import sys, brief.cli as c\n"
            "from click.testing import CliRunner\n"
            "r = CliRunner().invoke(c.main, ['glossary', 'suggest', '--no-translate'])\n"
            "assert r.exit_code == 0, r.output\n"
            "print('spacy' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip().endswith("False")


@pytest.mark.slow  # loads GiNZA in a fresh process: ~7 s
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's VmRSS")
def test_ginza_loads_without_pytorch_and_gives_its_memory_back() -> None:
    """In a fresh process (PyTorch is installed, for argostranslate): parsing leaves torch
    unimported, release() drops the model and returns memory, and a later parse reloads."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from brief.analyse import parse\n"
        "def rss():\n"
        "    return int(next(l for l in open('/proc/self/status')"
        " if l.startswith('VmRSS')).split()[1])\n"
        "s = '両首脳は会談後、米海軍横須賀基地を訪問した。'\n"
        "assert parse.parse_all([s])[s].modality == 'done'\n"
        "assert 'torch' not in sys.modules\n"
        "loaded = rss()\n"
        "parse.release()\n"
        "assert parse._nlp.cache_info().currsize == 0\n"
        "print(loaded - rss())\n"
        "assert parse.parse_all([s])[s].modality == 'done'\n"
        "import torch  # still importable afterwards: translation needs it\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.split()[0]) > 100_000  # KiB given back: the model was dropped
