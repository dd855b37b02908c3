"""The extraction rules are many module-level patterns: a name bound twice at the top of a module silently
replaces the first pattern for every reader that uses it (a bug the extractor has met twice), so each module
of the package binds each name once."""

from __future__ import annotations

import ast
import importlib
from collections import Counter
from pathlib import Path

import pytest

PACKAGE = Path(str(importlib.import_module("tradewatch").__file__)).parent
MODULES = sorted(PACKAGE.rglob("*.py"))


def top_level_names(tree: ast.Module) -> list[str]:
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.append(node.name)
    return names


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_level_name_is_bound_once(module: Path) -> None:
    counts = Counter(top_level_names(ast.parse(module.read_text(encoding="utf-8"))))
    assert [name for name, n in counts.items() if n > 1] == []


def test_the_check_sees_a_name_bound_twice() -> None:
    tree = ast.parse("A = 1\ndef f(): pass\nA = 2\n")
    assert Counter(top_level_names(tree))["A"] == 2
