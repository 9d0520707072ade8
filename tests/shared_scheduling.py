"""The suite's pytest-xdist scheduler: each test to whichever worker is free, except that the
tests of a module that defines a module- or class-scoped fixture (the LibreTranslate servers,
a module's build, a loaded backend) go to one worker together, so the fixture is made once.

Why not `--dist loadgroup` with `xdist_group` marks: pytest-xdist 3.8 marks a group by
appending `@group` to `item._nodeid`, which pytest 9 no longer reads (a node's id is
`item._id`), so every mark is silently ignored. And `--dist loadfile`, which this replaces,
sent whole files: the last long ones (Chromium, LibreTranslate) ran on one worker while the
other sat idle. The modules are found by reading the test files, in the controller, which
collects nothing itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]  # no py.typed

TESTS = Path(__file__).resolve().parent
_SHARED_FIXTURE = re.compile(r'@pytest\.fixture\(\s*scope="(module|class|package)"')


def modules_sharing_a_fixture(tests: Path = TESTS) -> frozenset[str]:
    """The test files (as pytest names them: tests/test_x.py) whose tests share a fixture
    made once per module or class."""
    root = tests.parent
    return frozenset(p.relative_to(root).as_posix() for p in sorted(tests.glob("test_*.py"))
                     if _SHARED_FIXTURE.search(p.read_text(encoding="utf-8")))


class SharedFixtureScheduling(LoadScopeScheduling):  # type: ignore[misc]  # xdist is untyped
    """LoadScopeScheduling whose scope is the module for the modules that share a fixture,
    and the single test for every other one."""

    def __init__(self, config: pytest.Config, log: Any = None) -> None:  # noqa: ANN401
        super().__init__(config, log)
        self.grouped = modules_sharing_a_fixture()

    def _split_scope(self, nodeid: str) -> str:
        module = nodeid.split("::", 1)[0]
        return module if module in self.grouped else nodeid
