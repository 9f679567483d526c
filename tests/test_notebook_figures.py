"""Every figure a notebook shows, as it shows it: sharp, readable, unclipped, no text on text.

The committed outputs are checked as they are: every PNG carries twice the pixels of the CSS
size its output states. Then each notebook is executed in a fresh kernel whose IPython startup
(a private IPYTHONDIR) records every figure the inline backend renders and every slider figure
shown, and runs tests/figure_checks.py on it there.
"""

from __future__ import annotations

import base64
import json
import struct
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: Above this a notebook is slow to load and to diff.
MAX_NOTEBOOK_BYTES = 2_000_000

STARTUP = '''
import json, os, sys
sys.path.insert(0, {tests!r})
from matplotlib.backend_bases import FigureCanvasBase
import figure_checks
import gdlib.widgets

REPORT = {report!r}
_checking = []


def _record(kind, figure):
    if _checking:
        return
    _checking.append(1)
    try:
        problems = figure_checks.text_problems(figure)
    finally:
        _checking.pop()
    with open(REPORT, "a", encoding="utf-8") as report:
        report.write(json.dumps({{"kind": kind, "problems": problems}}) + "\\n")


_print_figure = FigureCanvasBase.print_figure


def print_figure(self, *args, **kwargs):
    result = _print_figure(self, *args, **kwargs)
    _record("static", self.figure)
    return result


FigureCanvasBase.print_figure = print_figure
_show = gdlib.widgets.SliderFigure.show


def show(self):
    _record("slider", self.figure)
    return _show(self)


gdlib.widgets.SliderFigure.show = show
'''


def _png_size(data: str) -> tuple[int, int]:
    raw = base64.b64decode(data)
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", raw[16:24])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_committed_figures_are_twice_their_css_size_and_the_notebook_stays_small(path: Path):
    assert path.stat().st_size <= MAX_NOTEBOOK_BYTES, f"{path.name} is {path.stat().st_size / 1e6:.2f} MB"
    notebook = nbformat.read(path, as_version=4)
    images = 0
    for number, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if "image/png" not in output.get("data", {}):
                continue
            images += 1
            metadata = output.get("metadata", {}).get("image/png", {})
            width, height = _png_size(output["data"]["image/png"])
            assert "width" in metadata, f"cell {number}: a PNG without its CSS width is shown at 2x its size"
            assert (width, height) == (2 * metadata["width"], 2 * metadata["height"]), (
                f"cell {number}: {width} x {height} px shown at {metadata['width']} x {metadata['height']}")
    assert images > 0


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_every_figure_the_notebook_shows_is_readable_and_unclipped(path: Path, tmp_path: Path, monkeypatch):
    report = tmp_path / "figures.jsonl"
    startup = tmp_path / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-figure-checks.py").write_text(
        STARTUP.format(tests=str(ROOT / "tests"), report=str(report)), encoding="utf-8")
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    figures = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert figures, f"{path.name} showed no figure"
    problems = [f"figure {k} ({figure['kind']}): {problem}" for k, figure in enumerate(figures, start=1)
                for problem in figure["problems"]]
    assert not problems, "\n".join(problems)
