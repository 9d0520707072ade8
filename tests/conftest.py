"""Test set-up: an isolated Argos package directory and the tiny genuine ja→en package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from pypdf import DocumentInformation, PdfReader
from pypdf.generic import Destination, DictionaryObject, IndirectObject

# No per-example deadline: speed is measured by benchmarks/, never by a timed test, and a
# loaded CI machine made hypothesis's 200 ms default fail a correct test (DeadlineExceeded).
settings.register_profile("brief", deadline=None)
settings.load_profile("brief")

# argostranslate reads its directories at import time: point them at a private place first.
_ARGOS_HOME = Path(tempfile.mkdtemp(prefix="brief-argos-"))
os.environ["ARGOS_PACKAGES_DIR"] = str(_ARGOS_HOME / "packages")
os.environ.setdefault("XDG_DATA_HOME", str(_ARGOS_HOME / "data"))
os.environ.setdefault("XDG_CACHE_HOME", str(_ARGOS_HOME / "cache"))
os.environ["SOURCE_DATE_EPOCH"] = "1761609600"  # 2025-10-28
os.environ["BRIEF_PROGRESS"] = "off"  # no progress lines in the tests' exact stderr (but one)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"  # the tests' own seeds, glossary and brief.toml
SHARED_MODELS = ROOT.parent / "shared" / "models"
sys.path.insert(0, str(Path(__file__).parent))


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:  # noqa: ANN401
    """`--dist loadgroup` (addopts): tests go one by one to whichever worker is free, and a
    module that shares a module-scoped fixture (servers, a build) stays on one worker
    (tests/shared_scheduling.py says why this is not xdist's own loadgroup)."""
    if config.getoption("dist") != "loadgroup":
        return None  # another --dist given on the command line: xdist's own
    from shared_scheduling import SharedFixtureScheduling

    return SharedFixtureScheduling(config, log)


def real_model_file() -> Path | None:
    """A real translate-ja_en*.argosmodel placed in ../shared/models, if any."""
    found = sorted(SHARED_MODELS.glob("translate-ja_en*.argosmodel"))
    return found[-1] if found else None


@pytest.fixture(scope="session")
def tiny_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tiny_argos import build_package

    return build_package(tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="session")
def installed_tiny(tiny_package: Path) -> Path:
    from brief.translate.backends.argos import install_file

    install_file(tiny_package)
    return tiny_package


@pytest.fixture(scope="session")
def built_brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The out/ folder of one `--no-translate` build of the tests' fixtures, every format,
    made once per session: the tests that only read a built brief share it rather than each
    building the same one (copy it before changing anything in it)."""
    from brief.options import BuildOptions
    from brief.pipeline import build

    out = tmp_path_factory.mktemp("built-brief")
    build(BuildOptions(sources=FIXTURES / "seeds", glossary=FIXTURES / "glossary", out=out,
                       config=FIXTURES / "brief.toml", translate=False))
    return out


_ASSEMBLED: dict[tuple[Path, Path], Any] = {}


def assembled(sources: Path = FIXTURES / "seeds", config: Path = FIXTURES / "brief.toml"
              ) -> Any:  # noqa: ANN401 - brief.model.Brief (imported late, as brief is)
    """`assemble(load_config(CONFIG), SOURCES)` of the tests' own fixtures (which no test
    edits), curated once per worker and deep-copied for each caller, free to change: the
    tests that render or inspect the curated seeds or unseen articles had each curated them
    again, ~1.5 CPU s a time."""
    import copy

    from brief.config import load_config
    from brief.pipeline import assemble

    key = (sources, config)
    if key not in _ASSEMBLED:
        _ASSEMBLED[key] = assemble(load_config(config), sources)
    return copy.deepcopy(_ASSEMBLED[key])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the tests' seeds, glossary and config in a temporary directory (never the
    user-editable root files: a user's edit must not break the suite)."""
    import shutil

    for name in ("seeds", "glossary"):
        shutil.copytree(FIXTURES / name, tmp_path / name)
    shutil.copy(FIXTURES / "brief.toml", tmp_path / "brief.toml")
    return tmp_path


@pytest.fixture
def one_article_project(project: Path) -> Path:
    """`project` with only its last article: for a test of something around a build (a
    progress bar, a server script), where the build's size is only time; ~1/5 of it."""
    for extra in sorted((project / "seeds").glob("*.txt"))[:-1]:
        extra.unlink()
    return project


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MiB tmpfs, so the disk really fills (root only; skipped elsewhere)."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)],
                          capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mnt
    if subprocess.run(["umount", str(mnt)], capture_output=True).returncode:
        subprocess.run(["umount", "-l", str(mnt)], check=False)  # a file still open: detach


def outline_titles(reader: PdfReader) -> list[str]:
    """The titles of a PDF's bookmarks, nested ones included, in order."""
    titles: list[str] = []

    def walk(entries: list[Any]) -> None:
        for e in entries:
            if isinstance(e, list):
                walk(e)
            else:
                titles.append(str(e.title))

    walk(reader.outline)
    return titles


def pdf_meta(reader: PdfReader) -> DocumentInformation:
    """The PDF's document information (a brief always has one)."""
    meta = reader.metadata
    assert meta is not None, "the PDF has no document information"
    return meta


def pdf_dict(obj: object) -> DictionaryObject:
    """A PDF dictionary, read through its indirect reference when it is one."""
    if isinstance(obj, IndirectObject):
        obj = obj.get_object()
    assert isinstance(obj, DictionaryObject), type(obj)
    return obj


def outline_pages(reader: PdfReader) -> list[tuple[str, int]]:
    """The top-level bookmarks as (title, index of the page they open)."""
    found = []
    for e in reader.outline:
        if isinstance(e, Destination):
            at = reader.get_destination_page_number(e)
            assert at is not None, f"bookmark {e.title!r} opens no page"
            found.append((str(e.title), at))
    return found
