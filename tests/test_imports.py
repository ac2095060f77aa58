"""Imports run one way and never in a circle (checked on the source with ``ast``).

1. Apps depend only downwards:
   accounts ← network ← initiatives ← expertise ← portfolio ← meetings ← reports.
2. No two modules of the project import each other, directly or through others.

Every import counts: at module level, inside a function, relative (``from .x import y``) and
``from package import module``. Migrations and tests are left out.
"""

import ast
import functools
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["accounts", "network", "initiatives", "expertise", "portfolio", "meetings", "reports"]
LEFT_OUT = {"tests", "migrations"}



def project_modules(root=ROOT):
    """Dotted name → path of every module in the project's packages (migrations, tests left out)."""
    modules = {}
    for package in sorted(p.parent for p in root.glob("*/__init__.py")):
        if package.name in LEFT_OUT:
            continue
        for path in sorted(package.rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if LEFT_OUT.intersection(parts[:-1]) or not all(
                (root.joinpath(*parts[:i]) / "__init__.py").exists() for i in range(1, len(parts))
            ):
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def _imports(name, path, modules):
    """(line, module) for every project module ``name`` imports, anywhere in its source."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            # ``from package import module`` imports the module; ``from module import name``
            # imports the module that holds the name.
            targets = [
                f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                yield node.lineno, target


@functools.cache
def import_graph(root=ROOT):
    """Module → {imported module: first line} over every project module."""
    modules = project_modules(root)
    graph = {}
    for name, path in modules.items():
        edges = graph.setdefault(name, {})
        for lineno, target in _imports(name, path, modules):
            edges.setdefault(target, lineno)
    return graph


def circles(graph):
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(start):
        # Iterative Tarjan: a frame is (node, iterator over its successors).
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        frames = [(start, iter(sorted(graph.get(start, ()))))]
        while frames:
            node, successors = frames[-1]
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    frames.append((nxt, iter(sorted(graph.get(nxt, ())))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                frames.pop()
                if frames:
                    parent = frames[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def describe(component, graph):
    """One path through the circle, ``a:12 → b:40 → a`` (module:line of the import)."""
    members = set(component)
    start = component[0]
    # Shortest way back to start from each member, by breadth-first search inside the circle.
    path, seen, queue = None, {start}, [[start]]
    while queue and path is None:
        route = queue.pop(0)
        for nxt in sorted(graph[route[-1]]):
            if nxt == start and len(route) > 1:
                path = route + [start]
                break
            if nxt in members and nxt not in seen:
                seen.add(nxt)
                queue.append(route + [nxt])
    steps = [f"{a}:{graph[a][b]}" for a, b in zip(path, path[1:], strict=False)]
    line = " → ".join(steps + [start])
    rest = sorted(members - set(path))
    return line + (f"  (and in the same knot: {', '.join(rest)})" if rest else "")


def test_apps_import_only_downwards():
    graph = import_graph()
    present = [app for app in LAYERS if (ROOT / app / "__init__.py").exists()]
    wrong = []
    for module, edges in sorted(graph.items()):
        app = module.split(".")[0]
        if app not in present:
            continue
        for target, lineno in sorted(edges.items()):
            imported = target.split(".")[0]
            if imported in present and LAYERS.index(imported) > LAYERS.index(app):
                wrong.append(f"{module}:{lineno} imports {target}")
    assert wrong == []


def test_no_import_circle():
    graph = import_graph()
    assert [describe(c, graph) for c in circles(graph)] == []


def test_pages_do_not_load_weasyprint():
    """Documents are built in Celery workers; a process serving pages (every URL's view
    imported) never loads WeasyPrint (≈ 35 MB and 0.5 s per process)."""
    code = (
        "import sys, django; django.setup(); import project_office.urls; "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'weasyprint'))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={"DJANGO_SETTINGS_MODULE": "project_office.settings",
                              "PATH": "/usr/bin:/bin"}, check=True)
    assert out.stdout.strip() == "[]"


def _write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_rule_catches_an_upward_import_in_a_function(tmp_path):
    _write(
        tmp_path,
        {
            "accounts/__init__.py": "",
            "accounts/mail.py": "def send():\n    from reports.queries import home_sections\n",
            "reports/__init__.py": "",
            "reports/queries.py": "from accounts import mail\n",
        },
    )
    graph = import_graph(tmp_path)
    assert graph["accounts.mail"] == {"reports.queries": 2}
    assert graph["reports.queries"] == {"accounts.mail": 1}


def test_relative_and_package_imports_resolve_to_modules(tmp_path):
    _write(
        tmp_path,
        {
            "app/__init__.py": "from .models import Thing\n",
            "app/models/__init__.py": "from .thing import Thing\n",
            "app/models/thing.py": "from ..services import do\nfrom .. import tasks\n",
            "app/services.py": "import app.tasks as t\nfrom app.models.thing import Thing\n",
            "app/tasks.py": "from . import services\nfrom app import missing\n",
            "app/migrations/__init__.py": "",
            "app/migrations/0001_initial.py": "from app import services\n",
        },
    )
    assert import_graph(tmp_path) == {
        "app": {"app.models": 1},
        "app.models": {"app.models.thing": 1},
        "app.models.thing": {"app.services": 1, "app.tasks": 2},
        "app.services": {"app.tasks": 1, "app.models.thing": 2},
        "app.tasks": {"app.services": 1, "app": 2},
    }


def test_the_detector_catches_a_circle_in_a_package(tmp_path):
    _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from pkg import b\n",
            "pkg/b.py": "def later():\n    from .c import x\n",
            "pkg/c.py": "import pkg.a\n",
            "pkg/d.py": "from pkg.a import y\n",
            "pkg/e.py": "from . import f\n",
            "pkg/f.py": "from .e import z\n",
        },
    )
    graph = import_graph(tmp_path)
    assert circles(graph) == [["pkg.a", "pkg.b", "pkg.c"], ["pkg.e", "pkg.f"]]
    assert describe(["pkg.a", "pkg.b", "pkg.c"], graph) == "pkg.a:1 → pkg.b:2 → pkg.c:1 → pkg.a"
    assert describe(["pkg.e", "pkg.f"], graph) == "pkg.e:1 → pkg.f:1 → pkg.e"
