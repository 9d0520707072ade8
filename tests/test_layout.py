"""The layout: stages in order with no import cycles, and one registry per seam."""

from __future__ import annotations

import ast
from pathlib import Path

from click.testing import CliRunner

from brief.cli import main
from brief.render import WRITERS
from brief.translate.backends import BACKENDS
from conftest import ROOT

SRC = ROOT / "src" / "brief"
# The pipeline in order; a module may import from its own stage and the ones before it.
STAGES = ["leaf", "read", "analyse", "curate", "glossary", "translate", "review", "render",
          "command"]
LEAVES = {"model", "vocab", "config", "settings", "options", "clock", "errors", "atomic", "timing",
          "__init__"}
COMMANDS = {"mail", "pipeline", "cli", "commands", "__main__"}


def _module(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _stage(module: str) -> str:
    top = module.split(".")[1] if "." in module else "__init__"
    if top in LEAVES:
        return "leaf"
    if top in COMMANDS:
        return "command"
    return top


def _imports() -> dict[str, set[str]]:
    """Every brief.* module and the brief.* modules it imports (at any depth in the file)."""
    graph: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        mod = _module(path)
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("brief"):
                deps.add(node.module)
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name.startswith("brief")}
        graph[mod] = deps - {mod}
    return graph


def test_every_stage_is_a_package_the_pipeline_names() -> None:
    for path in SRC.rglob("*.py"):
        assert _stage(_module(path)) in STAGES, f"{path}: not in a known stage"


def test_no_module_imports_from_a_later_stage() -> None:
    late = []
    for mod, deps in _imports().items():
        for dep in deps:
            if STAGES.index(_stage(dep)) > STAGES.index(_stage(mod)):
                late.append(f"{mod} -> {dep}")
    assert late == []


def test_there_are_no_import_cycles() -> None:
    graph = _imports()
    # importing a package runs its __init__: count that edge too
    for mod in list(graph):
        parent = mod.rsplit(".", 1)[0]
        if parent in graph and parent != mod:
            graph[mod].add(parent)
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if dep not in graph:
                continue
            if state.get(dep) == 1 and dep != node and not node.startswith(dep + "."):
                cycles.append(" -> ".join([*stack[stack.index(dep):], dep]))
            elif dep not in state:
                visit(dep, [*stack, dep])
        state[node] = 2

    for mod in sorted(graph):
        if mod not in state:
            visit(mod, [mod])
    assert cycles == []


def test_the_writer_registry_is_the_cli_s_list_of_formats() -> None:
    r = CliRunner().invoke(main, ["build", "--help"])
    assert r.exit_code == 0
    for name, writer in WRITERS.items():
        assert name in r.output
        assert hasattr(writer.load(), "render"), name  # its loader imports a writer module
    r = CliRunner().invoke(main, ["build", "--format", "rtf"])
    assert r.exit_code == 2 and "'rtf' is not one of" in r.output


def test_every_backend_module_offers_create_and_its_settings() -> None:
    for name, module in BACKENDS.items():
        path = Path(str(getattr(module, "__file__", "")))
        assert path.parent == SRC / "translate" / "backends", name  # a plain import, here
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert any(isinstance(n, ast.FunctionDef) and n.name == "create" for n in tree.body), name
        assert module.SETTINGS.name == "translation" and module.SETTINGS.owner == name
