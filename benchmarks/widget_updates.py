"""How long a slider move takes: recompute and render the figure to PNG, as the notebook does.

Builders are found without a list to maintain. The convention they follow:
a public function in a module gdlib/widgets/<module>.py, defined there, annotated
`-> SliderFigure`, callable with no arguments. A builder that needs arguments is listed as
skipped. A notebook is matched to the widget modules its code cells name
(`gdlib.widgets.<module>` or `from gdlib.widgets import <module>`).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import nbformat  # noqa: E402

import gdlib.widgets  # noqa: E402
from benchmarks.timing import median, percentile  # noqa: E402
from gdlib.plots import apply_style  # noqa: E402
from gdlib.widgets import SliderFigure, values_at_extremes  # noqa: E402


@dataclass
class Builder:
    """A slider-figure builder found in gdlib.widgets: module name, function name, the function."""

    module: str
    name: str
    function: object

    @property
    def label(self) -> str:
        return f"{self.module}.{self.name}"


@dataclass
class Discovery:
    """What discovery found: builders to time, builders skipped (with why), modules that failed to import."""

    builders: list[Builder] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    broken_modules: dict[str, str] = field(default_factory=dict)


def _returns_slider_figure(function) -> bool:
    annotation = inspect.signature(function).return_annotation
    if isinstance(annotation, str):
        return annotation.rsplit(".", 1)[-1] == "SliderFigure"
    return inspect.isclass(annotation) and issubclass(annotation, SliderFigure)


def _required_parameters(function) -> list[str]:
    return [name for name, parameter in inspect.signature(function).parameters.items()
            if parameter.default is inspect.Parameter.empty
            and parameter.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)]


def discover_builders() -> Discovery:
    """Every slider-figure builder in the modules of gdlib.widgets (see the module docstring)."""
    found = Discovery()
    for module_info in sorted(pkgutil.iter_modules(gdlib.widgets.__path__), key=lambda info: info.name):
        if module_info.name.startswith("_"):
            continue
        try:
            module = importlib.import_module(f"gdlib.widgets.{module_info.name}")
        except Exception as error:  # a module another helper is still writing must not stop the run
            found.broken_modules[module_info.name] = f"{type(error).__name__}: {error}"
            continue
        for name, function in sorted(vars(module).items()):
            if name.startswith("_") or not inspect.isfunction(function) or function.__module__ != module.__name__:
                continue
            if not _returns_slider_figure(function):
                continue
            builder = Builder(module_info.name, name, function)
            required = _required_parameters(function)
            if required:
                found.skipped[builder.label] = f"needs arguments {required}"
            else:
                found.builders.append(builder)
    return found


def notebooks_using(module: str, notebooks_folder: Path) -> list[str]:
    """Stems of the notebooks whose code cells name gdlib.widgets.<module>."""
    pattern = re.compile(rf"gdlib\.widgets\.{module}\b|from\s+gdlib\.widgets\s+import\s+[^\n]*\b{module}\b")
    stems = []
    for path in sorted(notebooks_folder.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        if any(cell.cell_type == "code" and pattern.search(cell.source) for cell in notebook.cells):
            stems.append(path.stem)
    return stems


def time_builder(builder: Builder, repeats: int) -> dict[str, object]:
    """Build the figure once, then time update + render to PNG at every setting of values_at_extremes.

    That is the work of one slider move (SliderFigure.redraw), at the figure's real resolution
    (gdlib.widgets.PIXEL_RATIO times its CSS size). Jumping between extremes moves axis limits
    more often than a drag does, so these times are an upper view of a drag's.

    Returns {"build_ms", "updates_ms" (every timing), "settings", "errors" (setting -> message)}.
    """
    start = time.perf_counter()
    slider_figure = builder.function()
    build_ms = 1e3 * (time.perf_counter() - start)
    settings = values_at_extremes(slider_figure.controls)
    updates_ms: list[float] = []
    errors: dict[str, str] = {}
    for _ in range(repeats):
        for values in settings:
            start = time.perf_counter()
            try:
                slider_figure.update(**values)
                slider_figure.render()
            except Exception as error:
                errors[repr(values)] = "".join(traceback.format_exception_only(error)).strip()
                continue
            updates_ms.append(1e3 * (time.perf_counter() - start))
    return {"build_ms": build_ms, "updates_ms": updates_ms, "settings": len(settings), "errors": errors}


def widget_update_times(notebooks_folder: Path, repeats: int) -> dict[str, object]:
    """Time every discovered builder and summarise per notebook (or per widget module no notebook uses).

    Returns {"builders": {label: {...}}, "notebooks": {name: {"builders", "median_ms", "p95_ms",
    "worst_ms"}}, "skipped", "broken_modules", "worst_notebook_p95_ms"}.
    """
    apply_style()
    discovery = discover_builders()
    builders: dict[str, dict[str, object]] = {}
    groups: dict[str, list[str]] = {}
    for builder in discovery.builders:
        try:
            builders[builder.label] = time_builder(builder, repeats)
        except Exception as error:  # a builder that cannot even be built
            discovery.skipped[builder.label] = f"failed to build: {type(error).__name__}: {error}"
            continue
        for group in notebooks_using(builder.module, notebooks_folder) or [f"(gdlib.widgets.{builder.module})"]:
            groups.setdefault(group, []).append(builder.label)
    notebooks = {}
    for group, labels in sorted(groups.items()):
        times = [t for label in labels for t in builders[label]["updates_ms"]]
        if times:
            notebooks[group] = {"builders": labels, "updates": len(times), "median_ms": median(times),
                                "p95_ms": percentile(times, 0.95), "worst_ms": max(times)}
    worst = max((summary["p95_ms"] for summary in notebooks.values()), default=float("nan"))
    return {"builders": builders, "notebooks": notebooks, "skipped": discovery.skipped,
            "broken_modules": discovery.broken_modules, "worst_notebook_p95_ms": worst}
