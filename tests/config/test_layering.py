"""Imports flow one way (README, "Architecture"): config → demo → search → wiki → board → home →
accounts, and search/backends/ imports no app of the project. A lower app names a higher model
by string; the demo builders, which reach into every app, live in the top app `demo`."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ORDER = ["config", "demo", "search", "wiki", "board", "home", "accounts"]
RANK = {app: rank for rank, app in enumerate(ORDER)}


def imported_modules(path):
    """The absolute module names a Python file imports (at any depth: also inside functions)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def upward_imports(app):
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        for module in imported_modules(path):
            top = module.split(".")[0]
            if RANK.get(top, RANK[app]) < RANK[app]:
                found.append(f"{path.relative_to(ROOT)}: {module}")
    return found


@pytest.mark.parametrize("app", ORDER)
def test_app_imports_only_apps_below_it(app):
    assert upward_imports(app) == []


def test_the_search_backend_imports_no_project_app():
    backends = ROOT / "search" / "backends"
    project = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in sorted(backends.rglob("*.py"))
        for module in imported_modules(path)
        if module.split(".")[0] in RANK
    ]

    assert project == []


def test_the_check_finds_an_upward_import(tmp_path):
    module = tmp_path / "example.py"
    module.write_text("def f():\n    from board.models import Thread\n", encoding="utf-8")

    assert list(imported_modules(module)) == ["board.models"]
