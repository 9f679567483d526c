"""A pytest plugin for `make mutants`: keep gdlib's unit tests, deselect the notebook and slider tests.

Mutation testing scores gdlib by its unit tests alone. Many test files mix unit tests of gdlib with
tests of a notebook's prose, saved outputs or code cells, and with checks of the slider figures.
A notebook's saved output is a change detector, not a correctness test, and running a notebook's
cells, or drawing every slider figure at every extreme, for every mutant would take hours (the
figures are gdlib.plots and gdlib.widgets, which are not mutated). So a test is deselected when
- it reads a notebook: it mentions `.ipynb`, the `notebooks` folder, a `NOTEBOOK(S)` path,
  nbformat / nbclient, or the helper modules that read notebooks (coding_exercises, pacing);
- it checks a slider figure: it uses tests/slider_checks.py or tests/figure_checks.py;
directly or through anything of its own module it uses: a helper function, a fixture, a
module-level constant, an imported name or a parametrize list. This is decided from the test
module's source (its syntax tree), not by running it.

    pytest -o addopts= -p scripts.mutants_pytest_plugin tests/...   # says how many it deselected

It also makes mutmut see the functions a module calls while it is being imported. mutmut 3 switches
a mutant on at call time (a trampoline reads MUTANT_UNDER_TEST), in processes forked after gdlib
was imported, so a function run only at import (the exercise checkers build their tuples of
classic mistakes so: `_epoch_with(sign=1.0)` at module level) would never run mutated, and its
import-time calls would be credited to whichever test ran first. So:
- in mutmut's stats run, the plugin imports gdlib first and records the functions that ran during
  the import (kept in mutants/import_time_functions.json), takes them off the first test, and
  credits each to every test that calls a function of its module;
- in a mutant's run, when the mutant is in one of those functions, it reloads the function's
  module first, so that what the module builds at import is built by the mutant.
"""

from __future__ import annotations

import ast
import functools
import importlib
import json
import os
import pkgutil
import sys
import types
from pathlib import Path

import pytest

#: Why a test is deselected -> the names whose use (or the texts whose appearance in a string) means it.
REASONS = {
    "reads a notebook": (
        frozenset({"NOTEBOOK", "NOTEBOOKS", "nbformat", "nbclient", "coding_exercises", "pacing"}),
        (".ipynb", "notebooks"),
    ),
    "uses the sliders": (frozenset({"gdlib.widgets", "slider_checks", "figure_checks"}), ()),
}
_COUNTS = pytest.StashKey[dict]()


def _prefixes(dotted: str) -> list[str]:
    """'gdlib.widgets.momentum' -> ['gdlib', 'gdlib.widgets', 'gdlib.widgets.momentum']."""
    parts = dotted.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _names_and_strings(node: ast.AST) -> tuple[set[str], list[str]]:
    names, strings = set(), []
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            names.add(child.id)
        elif isinstance(child, ast.Attribute):
            names.add(child.attr)
        elif isinstance(child, ast.Constant) and isinstance(child.value, str):
            strings.append(child.value)
        elif isinstance(child, ast.alias):
            names.update({child.asname or child.name, *_prefixes(child.name)})
        elif isinstance(child, ast.ImportFrom) and child.module:
            names.update(_prefixes(child.module))
            names.update(f"{child.module}.{alias.name}" for alias in child.names)
    return names, strings


def _defined_names(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return [name.id for target in targets for name in ast.walk(target) if isinstance(name, ast.Name)]
    if isinstance(node, ast.Import | ast.ImportFrom):
        return [alias.asname or alias.name.split(".")[0] for alias in node.names]
    return []


@functools.cache
def touching_names(path: str, reason: str) -> frozenset[str]:
    """The module-level names of a test module that do what `reason` says, directly or through another."""
    markers, texts = REASONS[reason]
    tree = ast.parse(Path(path).read_text())
    uses: dict[str, set[str]] = {}
    touching: set[str] = set()
    for statement in tree.body:
        names, strings = _names_and_strings(statement)
        direct = bool(names & markers) or any(text in string for string in strings for text in texts)
        for name in _defined_names(statement):
            uses.setdefault(name, set()).update(names)
            if direct:
                touching.add(name)
    changed = True
    while changed:
        changed = False
        for name, used in uses.items():
            if name not in touching and used & touching:
                touching.add(name)
                changed = True
    return frozenset(touching)


def why_deselected(item: pytest.Item) -> str | None:
    """The reason to leave this test out of mutation testing, or None to keep it."""
    path = getattr(item, "path", None)
    if path is None or path.suffix != ".py":
        return None
    used = {getattr(item, "originalname", item.name), *getattr(item, "fixturenames", ())}
    if getattr(item, "cls", None) is not None:
        used.add(item.cls.__name__)
    for reason in REASONS:
        if used & touching_names(str(path), reason):
            return reason
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    counts: dict[str, int] = {}
    kept = []
    for item in items:
        reason = why_deselected(item)
        if reason is None:
            kept.append(item)
        else:
            counts[reason] = counts.get(reason, 0) + 1
    if len(kept) < len(items):
        kept_ids = {id(item) for item in kept}
        config.hook.pytest_deselected(items=[item for item in items if id(item) not in kept_ids])
        items[:] = kept
    config.stash[_COUNTS] = counts


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    for reason, count in config.stash.get(_COUNTS, {}).items():
        terminalreporter.write_line(f"mutants plugin: {count} tests deselected because each {reason}")


# --- mutmut: functions that run while their module is imported --------------------------------

IMPORT_TIME_FILE = Path("import_time_functions.json")  # mutmut runs the tests from mutants/


def _module_of(mangled: str) -> str:
    """'gdlib.exercises.momentum.x__step_with' -> 'gdlib.exercises.momentum'."""
    return mangled.rpartition(".")[0]


@functools.cache
def _import_time_functions() -> frozenset[str]:
    """The functions recorded as run at import (read once a process; the stats run writes it first)."""
    return frozenset(json.loads(IMPORT_TIME_FILE.read_text())) if IMPORT_TIME_FILE.exists() else frozenset()


@functools.cache
def _builds_at_import(module: str) -> bool:
    """Whether the module's own top-level code calls one of the module's functions (so what those
    run, helpers included, is built at import). A function that only another module calls at
    import also runs later, in the tests, where the trampoline sees its mutants."""
    tree = ast.parse(Path(sys.modules[module].__file__).read_text())
    defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    statements = [node for node in tree.body if not isinstance(node, ast.FunctionDef | ast.ClassDef)]
    return any(isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in defined
               for statement in statements for call in ast.walk(statement))


def _record_import_time_functions() -> None:
    """In the stats run: import every gdlib module while mutmut records trampoline hits."""
    from mutmut.state import state

    hits = state()._stats
    before = set(hits)
    if "gdlib" not in sys.modules:
        package = importlib.import_module("gdlib")
        for module in pkgutil.walk_packages(package.__path__, "gdlib."):
            importlib.import_module(module.name)
    during_import = set(hits) - before
    hits.difference_update(during_import)
    known = set(_import_time_functions()) | {name for name in during_import if _builds_at_import(_module_of(name))}
    IMPORT_TIME_FILE.write_text(json.dumps(sorted(known), indent=1))
    _import_time_functions.cache_clear()


def pytest_configure(config: pytest.Config) -> None:
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if mutant == "stats":
        _record_import_time_functions()
    elif "__mutmut_" in mutant:
        function = mutant.partition("__mutmut_")[0]
        if function in _import_time_functions():
            # under mutmut the module was imported before the fork; in a plain pytest run
            # (MUTANT_UNDER_TEST set by hand) it is imported for the first time with the mutant on
            module = _module_of(function)
            if module in sys.modules:
                _reload_everywhere(sys.modules[module])
            else:
                importlib.import_module(module)


def _reload_everywhere(module) -> None:
    """Reload module, and point every other module's names for its old objects at the new ones:
    mutmut imports the test modules before it forks, so a test module's `from gdlib.exercises.x
    import MISTAKES` would otherwise keep the tuple built without the mutant."""
    old = {id(value): name for name, value in vars(module).items() if not name.startswith("__")}
    importlib.reload(module)
    new = vars(module)
    for other in list(sys.modules.values()):
        if other is module or not getattr(other, "__name__", "").startswith(("tests", "test_")):
            continue
        for name, value in list(vars(other).items()):
            if id(value) in old and old[id(value)] in new:
                setattr(other, name, new[old[id(value)]])


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    """In the stats run, before mutmut reads a test's hits: add the import-time functions of the
    modules the test called into, or whose functions its test module imported (a test that calls
    only a classic mistake built at import, a closure, calls no function mutmut sees)."""
    if os.environ.get("MUTANT_UNDER_TEST") != "stats":
        return
    from mutmut.state import state

    hits = state()._stats
    modules = {_module_of(name) for name in hits} | _gdlib_modules_imported_by(item.module)
    hits.update(name for name in _import_time_functions() if _module_of(name) in modules)


def _gdlib_modules_imported_by(test_module) -> set[str]:
    """The gdlib modules a test module imported, or imported a function or class from."""
    found = set()
    for value in vars(test_module).values() if test_module is not None else ():
        name = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        if isinstance(name, str) and name.startswith("gdlib."):
            found.add(name)
    return found
