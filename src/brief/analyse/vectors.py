"""Word vectors from GiNZA's ja_ginza model, read straight from its vocab files.

Only the vector table is needed (20000 x 300 rows for 480,000 keys), so neither spaCy (6-8 s
to import) nor the GiNZA pipeline is loaded: the table's keys are spaCy string hashes
(MurmurHash64A, seed 1), computed here. Loaded once, lazily, by the first classification of a
build: about 1 s and 160 MiB of peak memory while the key table is read; it is then kept in
6 MB (benchmarks/classify.py).
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

_M = 0xC6A4A7935BD1E995
_MASK = (1 << 64) - 1


def string_hash(text: str) -> int:
    """spaCy's hash of TEXT (MurmurHash64A of its UTF-8, seed 1): the key of its vector."""
    data = text.encode("utf-8")
    n = len(data)
    h = (1 ^ (n * _M)) & _MASK
    blocks = n // 8
    for i in range(blocks):
        k = (int.from_bytes(data[8 * i:8 * i + 8], "little") * _M) & _MASK
        k ^= k >> 47
        h = ((h ^ ((k * _M) & _MASK)) * _M) & _MASK
    if n % 8:
        h = ((h ^ int.from_bytes(data[8 * blocks:], "little")) * _M) & _MASK
    h ^= h >> 47
    h = (h * _M) & _MASK
    return h ^ (h >> 47)


def _vocab_dir() -> Path | None:
    spec = importlib.util.find_spec("ja_ginza")
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        for vocab in sorted(Path(root).glob("ja_ginza-*/vocab")):
            if (vocab / "vectors").exists() and (vocab / "key2row").exists():
                return vocab
    return None


class WordVectors:
    """Unit-length word vectors by word; words the table lacks have none."""

    def __init__(self, vocab: Path) -> None:
        import numpy as np
        import srsly

        table = np.load(vocab / "vectors", allow_pickle=False).astype(np.float32)
        norms = np.linalg.norm(table, axis=1, keepdims=True)
        self._table = table / np.where(norms == 0, 1, norms)
        key2row: dict[int, int] = srsly.read_msgpack(vocab / "key2row")
        # kept as two sorted arrays (6 MB) rather than a dict of 480,000 Python ints (~100 MB)
        keys = np.fromiter(key2row.keys(), dtype=np.uint64, count=len(key2row))
        rows = np.fromiter(key2row.values(), dtype=np.int32, count=len(key2row))
        del key2row
        order = np.argsort(keys)
        self._keys, self._rows = keys[order], rows[order]
        self.dim = int(table.shape[1])

    @lru_cache(maxsize=65536)  # noqa: B019 - one instance per process (load_vectors)
    def get(self, word: str) -> NDArray[np.float32] | None:
        import numpy as np

        key = np.uint64(string_hash(word))
        i = int(np.searchsorted(self._keys, key))
        if i == len(self._keys) or self._keys[i] != key:
            return None
        row: np.ndarray[tuple[Any, ...], np.dtype[np.float32]] = self._table[self._rows[i]]
        return row

    def mean(self, words: list[str] | tuple[str, ...]) -> NDArray[np.float32] | None:
        """The unit-length mean of the words' vectors (None when none has one)."""
        import numpy as np

        found = [v for v in (self.get(w) for w in words) if v is not None]
        if not found:
            return None
        m = np.mean(found, axis=0)
        n = float(np.linalg.norm(m))
        return None if n == 0 else m / n


@lru_cache(maxsize=1)
def load_vectors() -> WordVectors | None:
    """The ja_ginza vectors, or None where the model is not installed."""
    vocab = _vocab_dir()
    return WordVectors(vocab) if vocab else None
