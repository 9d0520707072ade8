"""ARCHITECTURE.md's recipes are followed by real tests: each 'Tested by:' names one that
exists, so a recipe cannot outlive the code it describes."""

from __future__ import annotations

import ast
import re

from conftest import ROOT


def _tests_named() -> list[tuple[str, str]]:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    return re.findall(r"^Tested by: (tests/\S+\.py)::(\w+)$", text, flags=re.M)


def test_every_recipe_names_a_test_that_exists() -> None:
    named = _tests_named()
    assert len(named) >= 4  # a section, a writer, a backend, a disagreement detector
    for path, name in named:
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        functions = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert name in functions, f"{path}::{name}"


def test_every_registry_the_page_names_exists() -> None:
    from brief.curate.disagree import DETECTORS
    from brief.render import PDF_ENGINES, WRITERS
    from brief.translate.backends import BACKENDS

    assert WRITERS and PDF_ENGINES and BACKENDS and DETECTORS
