"""The house a person can read (issue 20): no module over 600 lines outside migrations, no app
holding more than a quarter of the code, and no sibling modules named by a shared prefix
(``plan_forms.py`` beside ``plan_queries.py``) — a topic of several modules is a package."""

from collections import Counter, defaultdict

from tests.test_imports import LAYERS, ROOT, project_modules

MAX_LINES = 600
MAX_APP_SHARE = 0.25


def lines_of(path):
    return len(path.read_text(encoding="utf-8").splitlines())


def prefix_siblings(modules, root=ROOT):
    """Groups of modules in one folder whose names share the part before the first «_», when one
    of them has that part followed by more (``admin`` and ``admin_base``). Management commands are
    left out: their file names are the commands people type."""
    folders = defaultdict(list)
    for path in modules.values():
        if path.name == "__init__.py" or "commands" in path.parts:
            continue
        folders[path.parent].append(path.stem)
    found = []
    for folder, stems in sorted(folders.items()):
        by_prefix = defaultdict(list)
        for stem in stems:
            by_prefix[stem.split("_")[0]].append(stem)
        for group in by_prefix.values():
            if len(group) > 1 and any("_" in stem for stem in group):
                found.append(f"{folder.relative_to(root)}: {', '.join(sorted(group))}")
    return found


def test_no_module_over_600_lines():
    modules = project_modules()
    long = {name: lines_of(path) for name, path in modules.items() if lines_of(path) > MAX_LINES}
    assert long == {}


def test_no_app_holds_more_than_a_quarter_of_the_code():
    lines = Counter()
    for name, path in project_modules().items():
        lines[name.split(".")[0]] += lines_of(path)
    total = sum(lines.values())
    shares = {app: round(lines[app] / total, 3) for app in LAYERS}
    assert {app: share for app, share in shares.items() if share > MAX_APP_SHARE} == {}


def test_no_prefix_named_sibling_modules():
    assert prefix_siblings(project_modules()) == []


def test_the_sibling_rule_catches_a_prefix_group(tmp_path):
    package = tmp_path / "app"
    package.mkdir()
    for name in ("__init__", "plan_forms", "plan_queries", "forms", "views"):
        (package / f"{name}.py").write_text("")
    modules = {f"app.{p.stem}": p for p in package.glob("*.py")}
    assert [line.split(": ")[1] for line in prefix_siblings(modules, root=tmp_path)] == [
        "plan_forms, plan_queries"]

