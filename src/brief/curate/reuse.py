"""A rebuild of unchanged inputs reads the curated brief instead of curating it again.

Curation (classify, cluster, rank, claims, figures, conflicts, title, timeline) is a pure
function of the sources and their passages, the configuration and this code, so its result
(the untranslated Brief that `pipeline.assemble` returns) is kept under
OUT/.cache/curated/, named by a hash of all of those: the package's own files (code,
lexicons, outlet lists) and the versions of the libraries that analyse the text. A rebuild
with nothing changed (say, to mail the brief again, or with another --format) then skips
the analyse stage and curation, and never imports them. Any change of a source, the
configuration or the code is another key: curated afresh, as a cold build would. One entry
is kept (the last build's); a damaged one is reported and curated again.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from brief.config import Config
    from brief.model import Brief, Passage, Source

FORMAT = 1  # of the cache file; bump when its shape changes
# The libraries whose results curation depends on (the dictionary, the vectors, the maths)
LIBRARIES = ("sudachipy", "sudachidict_core", "ja-ginza", "numpy")
MAX_ENTRY = 1024 * 2**20  # the curated brief of a very large corpus


def code_fingerprint() -> str:
    """Every file of the brief package (not its bytecode) and the libraries' versions."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(f"{FORMAT}\n{sys.version_info[:2]}\n".encode())
    package = Path(__file__).parent.parent  # the brief package, every stage
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            h.update(f"{path.relative_to(package)}\n".encode())
            h.update(path.read_bytes())
    for dist in LIBRARIES:
        try:
            h.update(f"{dist} {version(dist)}\n".encode())
        except PackageNotFoundError:
            h.update(f"{dist} -\n".encode())
    return h.hexdigest()


def key(config: Config, sources: list[Source], passages: list[Passage], parse: bool) -> str:
    """The hash of everything the curated brief is computed from."""
    h = hashlib.sha256(f"{code_fingerprint()}\n{parse}\n{config!r}\n".encode())
    for s in sources:
        h.update(f"{s!r}\n".encode())
    for p in passages:
        h.update(f"{p!r}\n".encode())
    return h.hexdigest()


def _path(cache_dir: Path, key: str) -> Path:
    return cache_dir / "curated" / f"{key}.pickle"


def load(cache_dir: Path, key: str) -> Brief | None:
    """The brief curated from KEY's inputs, None when the cache has none; a damaged entry is
    reported (one line) and curated again."""
    from brief.errors import BriefError, read_input, warn
    from brief.model import Brief

    path = _path(cache_dir, key)
    if not path.exists():
        return None
    try:
        found = pickle.loads(read_input(path, MAX_ENTRY))  # noqa: S301 - our own cache, in out/
        if isinstance(found, tuple) and len(found) == 2 and found[0] == key \
                and isinstance(found[1], Brief):
            return found[1]
        raise ValueError("not this build's brief")
    except BriefError as exc:  # a FIFO, a folder, a huge file in the cache: not read
        warn(f"{exc}; curating again")
    except Exception:  # noqa: BLE001 - any damage (truncated, garbage, old classes) re-curates
        warn(f"{path}: damaged curated-brief cache entry; curating again")
    return None


def save(cache_dir: Path, key: str, brief: Brief) -> None:
    """Keep BRIEF (just curated, not yet translated) as KEY's, in place of any other entry."""
    from brief.atomic import atomic_write
    from brief.errors import BriefError

    path = _path(cache_dir, key)
    try:  # only a speed-up: an unwritable out/ is reported by the writers, not here
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, pickle.dumps((key, brief), protocol=pickle.HIGHEST_PROTOCOL))
        for old in path.parent.glob("*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, BriefError):
        pass
