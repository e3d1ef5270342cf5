"""The package's shape: no module over 250 lines, a docstring on every public function, and arrows one way
(the library never imports the tooling; nothing imports the tests)."""
from __future__ import annotations

import ast

import pytest

from .helpers import ROOT

MODULES = sorted((ROOT / "scripts" / "tradefight").rglob("*.py")) + sorted((ROOT / "book" / "_ext").rglob("*.py"))
LIBRARY = [p for p in MODULES if "tools" not in p.parts and "_ext" not in p.parts]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_module_is_short_and_documented(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 250, f"{path.name} has {len(text.splitlines())} lines"
    tree = ast.parse(text)
    assert ast.get_docstring(tree), f"{path.name} has no module docstring"
    missing = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            parent_is_module = node in tree.body
            in_public_class = any(isinstance(c, ast.ClassDef) and node in c.body and not c.name.startswith("_")
                                  for c in tree.body)
            if (parent_is_module or in_public_class) and not ast.get_docstring(node):
                missing.append(node.name)
    assert missing == [], f"{path.name}: no docstring on {missing}"


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_library_imports_neither_the_tooling_nor_the_tests(path):
    text = path.read_text(encoding="utf-8")
    assert "tradefight.tools" not in text and "from .tools" not in text and "from ..tools" not in text
    assert "import tests" not in text and "from tests" not in text
