"""Wall time per build stage: what `brief build --timings` prints and the benchmarks read.

A leaf module, so every stage can be timed by the one that runs it (the pipeline) without
the stages knowing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from time import perf_counter


class Now:
    """What the build is doing this moment (its stage, and batches done of a count), for the
    progress lines `brief build` prints every few seconds (commands/options.heartbeat)."""

    stage = ""
    done = 0
    total = 0


class Stages:
    """Seconds per named stage, in the order the stages first ran (a stage run twice adds):
    wall time, and CPU time (user + system, this process and the workers it waited for),
    which says what a stage costs when other work shares the cores and stretches the wall."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.peak_mib: dict[str, float] = {}  # the process's peak memory when a stage ended

    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        t0, c0 = perf_counter(), _cpu()
        Now.stage, Now.done, Now.total = name, 0, 0
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + perf_counter() - t0
            self.cpu[name] = self.cpu.get(name, 0.0) + _cpu() - c0
            peak = _peak_mib()
            if peak is not None:
                self.peak_mib[name] = peak

    def table(self) -> str:
        """The times as aligned lines, slowest share visible at a glance."""
        total = sum(self.seconds.values()) or 1.0
        rows = [f"{name:<18}{s:>8.2f} s {100 * s / total:>5.1f}%  cpu {self.cpu[name]:>7.2f} s"
                + (f"  peak {self.peak_mib[name]:>6.0f} MiB" if name in self.peak_mib else "")
                for name, s in self.seconds.items()]
        return "\n".join([*rows, f"{'total':<18}{sum(self.seconds.values()):>8.2f} s        "
                                 f"  cpu {sum(self.cpu.values()):>7.2f} s"])


def _cpu() -> float:
    """User + system seconds of this process and of the children it has waited for."""
    import os

    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _peak_mib() -> float | None:
    """The process's peak resident memory so far (None where the OS does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib / 1024 if sys.platform != "darwin" else kib / 1024 / 1024  # macOS: bytes
