"""Dependencies point one way: accounts ← network ← initiatives ← expertise ← portfolio ← meetings
← reports.

A lower app importing a higher one fails here (checked on the source with ``ast``)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["accounts", "network", "initiatives", "expertise", "portfolio", "meetings", "reports"]


def _imported_apps(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in LAYERS:
                yield node.lineno, top


def test_apps_import_only_downwards():
    wrong = []
    for level, app in enumerate(LAYERS):
        for path in sorted((ROOT / app).rglob("*.py")):
            for lineno, imported in _imported_apps(path):
                if LAYERS.index(imported) > level:
                    wrong.append(f"{path.relative_to(ROOT)}:{lineno} imports {imported}")
    assert wrong == []


def test_the_rule_catches_an_upward_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from reports.queries import home_sections\nimport accounts\n")
    assert list(_imported_apps(bad)) == [(1, "reports"), (2, "accounts")]
