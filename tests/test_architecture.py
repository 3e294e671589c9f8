"""The domain core stays plain Python; wsgi.py stays two lines."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {"flask", "sqlalchemy", "flask_smorest", "marshmallow", "werkzeug"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_domain_core_imports_neither_flask_nor_sqlalchemy():
    modules = sorted((ROOT / "bargaining" / "domain").rglob("*.py"))
    assert len(modules) >= 5
    leaks = {p.name: _imports(p) & FORBIDDEN for p in modules if _imports(p) & FORBIDDEN}
    assert leaks == {}


def test_domain_core_imports_only_itself_within_the_project():
    for path in (ROOT / "bargaining" / "domain").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bargaining"):
                assert node.module.startswith("bargaining.domain"), (path.name, node.module)


def test_wsgi_is_two_lines():
    lines = [line for line in ROOT.joinpath("wsgi.py").read_text().splitlines() if line.strip()]
    assert len(lines) == 2
