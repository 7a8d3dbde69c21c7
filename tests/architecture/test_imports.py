"""The shape of the package: the import contract (pyproject.toml [tool.importlinter], run with
lint-imports as CI would), no import cycle anywhere, and small modules and functions."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "helpcenter"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def test_the_import_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_module_is_part_of_an_import_cycle():
    graph = grimp.build_graph("helpcenter")
    cycles = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back:
                cycles.append(" -> ".join((module, *back)))
    assert not cycles, "\n".join(cycles)


def test_only_the_adapters_touch_mkdocs_and_neither_imports_the_other():
    graph = grimp.build_graph("helpcenter")
    assert not graph.chain_exists("helpcenter.cli", "helpcenter.mkdocs_hook")
    assert not graph.chain_exists("helpcenter.mkdocs_hook", "helpcenter.cli")


def test_render_does_no_input_or_output():
    """render/ is pure: no file, process or clock modules, no open()."""
    banned_modules = {"os", "pathlib", "io", "shutil", "subprocess", "tempfile", "time",
                      "datetime"}
    for path in sorted((PACKAGE / "render").glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = {(node.module or "").split(".")[0]}
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "open":
                names = {"open()"}
            else:
                continue
            assert not names & (banned_modules | {"open()"}), f"{path.name}: {names}"


def test_modules_and_functions_stay_small():
    """No module over ~400 lines; a function over 60 lines says why in its docstring."""
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text("utf-8")
        if text.count("\n") > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(PACKAGE)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                reason = "Long:" in (ast.get_docstring(node) or "")
                if lines > MAX_FUNCTION_LINES and not reason:
                    too_long.append(f"{path.relative_to(PACKAGE)}: {node.name}() {lines} lines")
    assert not too_long, "\n".join(too_long)
