"""Wall time per build stage: what `brief build --timings` prints and the benchmarks read.

A leaf module, so every stage can be timed by the one that runs it (the pipeline) without
the stages knowing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from time import perf_counter


class Stages:
    """Seconds per named stage, in the order the stages first ran (a stage run twice adds)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        t0 = perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + perf_counter() - t0

    def table(self) -> str:
        """The times as aligned lines, slowest share visible at a glance."""
        total = sum(self.seconds.values()) or 1.0
        rows = [f"{name:<18}{s:>8.2f} s {100 * s / total:>5.1f}%"
                for name, s in self.seconds.items()]
        return "\n".join([*rows, f"{'total':<18}{sum(self.seconds.values()):>8.2f} s"])
