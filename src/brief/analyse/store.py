"""The build's analyses: what each analysis function returned, kept for one build only.

The analysis functions (morphology.analyse, the claims' shapes and actors, find_numbers) are
pure functions of their text, asked again and again by classification, facts, claims, the
timeline and the title. `per_build` makes each remember its results in the memo of the
build in progress — filled ahead by the analyse stage (stage.py: per article, in parallel,
from the disk cache) — and in nothing when no build is running: no process-wide cache
outlives a build, so a long-running caller's memory is given back when its build ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

Key = tuple[str, tuple[Any, ...]]  # (function, its arguments)

_memo: dict[Key, Any] | None = None  # the memo of the build (or article) in progress


def per_build(fn: Callable[P, R]) -> Callable[P, R]:
    """FN's results remembered in the active memo (see `active`), computed when missing.
    FN takes hashable positional arguments and returns an immutable value."""
    name = f"{fn.__module__}.{fn.__qualname__}"

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        memo = _memo
        if memo is None or kwargs:
            return fn(*args, **kwargs)
        key = (name, args)
        try:
            found: R = memo[key]
        except KeyError:
            memo[key] = found = fn(*args, **kwargs)
        return found

    return wrapper


@contextmanager
def active(memo: dict[Key, Any]) -> Iterator[dict[Key, Any]]:
    """MEMO is where the analysis functions remember their results until the block ends
    (nested blocks: the inner one's memo, then the outer's again)."""
    global _memo
    outer, _memo = _memo, memo
    try:
        yield memo
    finally:
        _memo = outer
