"""The layer map of docs/architecture.md, checked by reading every import in portal/ (ast).

A feature may import the base layer, itself, and the features below it, never one above it
(nor one beside it on the same rung); no module imports another module's private (`_name`)
names; modules and functions stay small enough to read.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PORTAL = Path(__file__).resolve().parent.parent / "portal"

#: The layers, bottom first. Each rung may import the rungs before it. A rung holds folders of
#: portal/ or top-level modules (written with .py). Written once here and in docs/architecture.md.
LAYERS: list[tuple[str, ...]] = [
    ("config.py", "db.py", "migrate.py", "i18n.py", "japantime.py", "clock.py", "cache.py",
     "textrules.py", "errors.py", "security.py", "logs.py", "chrome.py", "spreadsheet.py",
     "packagefiles.py", "urls.py", "params.py", "methods.py", "secret.py", "checkpoint.py", "switcher.py"),
    ("search",),
    ("staff",),
    ("catalog",),
    ("plan",),
    ("areas",),
    ("consult",),
    ("review",),
    ("publishing",),
    ("updates",),
    ("notify",),
    ("site", "api", "easy"),
    ("__init__.py", "models.py", "build.py", "export.py", "backup.py", "serving.py", "cli.py",
     "migrations"),
]
#: Rungs whose members may import each other (the base layer's small modules, the entry points).
SHARED_RUNGS = {0, len(LAYERS) - 1}
#: Names that look private but are the gettext conventions (from portal.i18n only).
GETTEXT = {"_", "_l"}
#: Longest module (lines) in portal/ and longest function (lines) outside migrations.
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 350, 60

RUNG = {part: i for i, rung in enumerate(LAYERS) for part in rung}


def _part(path: Path) -> str:
    """The folder or top-level module of portal/ that PATH belongs to."""
    rel = path.relative_to(PORTAL)
    return rel.parts[0]


def _module_part(name: str) -> str | None:
    """The part of portal/ a dotted module name lives in (None outside portal)."""
    bits = name.split(".")
    if bits[0] != "portal":
        return None
    if len(bits) == 1:
        return "__init__.py"
    if (PORTAL / bits[1]).is_dir():
        return bits[1]
    return f"{bits[1]}.py"


def _sources() -> list[Path]:
    """Every Python module of portal/."""
    return sorted(PORTAL.rglob("*.py"))


def _module_name(path: Path) -> str:
    """The dotted name of module PATH."""
    rel = path.relative_to(PORTAL.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every import in PATH, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            found.append((node.lineno, module, [a.name for a in node.names]))
    return found


def _is_module(name: str) -> bool:
    """True when the dotted NAME is a package or module of portal/."""
    path = PORTAL.parent / name.replace(".", "/")
    return path.is_dir() or path.with_suffix(".py").is_file()


def _targets(module: str, names: list[str]) -> list[str]:
    """The modules an import reaches: `from portal import clock` reaches portal.clock (only)."""
    if not module.startswith("portal") or not names:
        return [module]
    submodules = [f"{module}.{n}" for n in names if _is_module(f"{module}.{n}")]
    return submodules + ([module] if len(submodules) < len(names) else [])


def test_every_part_of_portal_has_a_layer():
    parts = {_part(p) for p in _sources()}
    assert parts - set(RUNG) == set(), "add the new folder or module to LAYERS and docs/architecture.md"


def test_no_part_imports_one_above_it_or_beside_it():
    wrong = []
    for path in _sources():
        here = _part(path)
        for line, module, names in _imports(path):
            for target in _targets(module, names):
                there = _module_part(target)
                if there is None or there == here:
                    continue
                if RUNG[there] > RUNG[here] or (RUNG[there] == RUNG[here]
                                                and RUNG[here] not in SHARED_RUNGS):
                    wrong.append(f"{path.relative_to(PORTAL.parent)}:{line} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_no_module_imports_another_modules_private_names():
    wrong = []
    for path in _sources():
        for line, module, names in _imports(path):
            if not module.startswith("portal") or module == _module_name(path):
                continue
            private = [n for n in names
                       if n.startswith("_") and not n.startswith("__") and n not in GETTEXT]
            if private or any(bit.startswith("_") and not bit.startswith("__")
                              for bit in module.split(".")):
                wrong.append(f"{path.relative_to(PORTAL.parent)}:{line} from {module} import "
                             f"{', '.join(private) or '…'}")
    assert not wrong, "\n".join(wrong)


def _module_aliases(tree: ast.AST) -> set[str]:
    """Names a module binds to other portal modules (`from portal.x import y`, `import portal.x as y`)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("portal"):
            names |= {a.asname or a.name for a in node.names if _is_module(f"{node.module}.{a.name}")}
        elif isinstance(node, ast.Import):
            names |= {a.asname for a in node.names if a.asname and a.name.startswith("portal")}
    return names


def test_no_module_reads_another_modules_private_attributes():
    wrong = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = _module_aliases(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in aliases and node.attr.startswith("_")
                    and not node.attr.startswith("__")):
                wrong.append(f"{path.relative_to(PORTAL.parent)}:{node.lineno} {node.value.id}.{node.attr}")
    assert not wrong, "\n".join(wrong)


def _is_entry_point(path: Path) -> bool:
    """Views and the JSON API: they parse, call a service, commit and render."""
    return path.name == "views.py" or path.name.endswith("_views.py") or "api" in path.parts


def test_entry_points_call_services_instead_of_building_queries():
    wrong = []
    for path in filter(_is_entry_point, _sources()):
        for line, module, _names in _imports(path):
            if module.startswith("sqlalchemy") and module != "sqlalchemy.exc":
                wrong.append(f"{path.relative_to(PORTAL.parent)}:{line} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_no_module_in_portal_is_longer_than_the_limit():
    long = {str(p.relative_to(PORTAL.parent)): n for p in _sources()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


#: Folders held to the function limit (tools/extract's line tables have their own, in tests/datasets).
@pytest.mark.parametrize("root", ["portal", "bench", "tests"])
def test_no_function_outside_migrations_is_longer_than_the_limit(root):
    folder = PORTAL.parent / root
    long = {}
    for path in sorted(folder.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(PORTAL.parent)}:{node.lineno} {node.name}"] = length
    assert long == {}
