"""The HTML handouts (`make handouts`): one per notebook, each with every figure its notebook saved."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from coding_exercises import coding_exercises

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EMBEDDED_PNG = re.compile(r'<img\b[^>]*\bsrc="data:image/png;base64,[A-Za-z0-9+/=]{100,}"')


def _png_outputs(path: Path) -> int:
    """How many outputs of a saved notebook are PNG figures."""
    cells = json.loads(path.read_text())["cells"]
    return sum("image/png" in output.get("data", {}) for cell in cells for output in cell.get("outputs", []))


def _has_widgets(path: Path) -> bool:
    cells = json.loads(path.read_text())["cells"]
    return any("application/vnd.jupyter.widget-view+json" in output.get("data", {})
               for cell in cells for output in cell.get("outputs", []))


@pytest.fixture(scope="module")
def handouts(tmp_path_factory) -> Path:
    """The handouts of every notebook, exported the way `make handouts` does, into a temporary folder."""
    out = tmp_path_factory.mktemp("handouts")
    finished = subprocess.run([sys.executable, str(ROOT / "scripts" / "export_handouts.py"), "--out", str(out)],
                              capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert finished.stderr == "", f"the export warned or complained:\n{finished.stderr}"
    return out


def test_a_handout_for_every_notebook_and_an_index(handouts):
    assert sorted(path.stem for path in handouts.glob("*.html") if path.name != "index.html") == [
        path.stem for path in NOTEBOOKS]
    index = (handouts / "index.html").read_text()
    for path in NOTEBOOKS:
        assert f'href="{path.stem}.html"' in index


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_handout_has_every_figure_of_its_notebook(handouts, path):
    page = (handouts / f"{path.stem}.html").read_text()
    expected = _png_outputs(path)
    assert len(EMBEDDED_PNG.findall(page)) >= expected, f"{path.name} saved {expected} figures"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_handout_shows_no_dead_widgets(handouts, path):
    """Sliders cannot move on paper: a handout names their settings instead of showing widget debris."""
    page = (handouts / f"{path.stem}.html").read_text()
    assert "VBox(children=" not in page and "widget-state+json" not in page and "widget-view+json" not in page
    if _has_widgets(path):
        assert "Drawn with" in page, f"{path.name}: the settings of its sliders are not named"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_handout_keeps_worked_solutions_folded(handouts, path):
    """A worked solution is one click away on paper too: inside a closed <details>, never in plain view."""
    page = (handouts / f"{path.stem}.html").read_text()
    folded = re.findall(r"<details>(.*?)</details>", page, flags=re.DOTALL)
    assert "<details open" not in page
    for exercise in coding_exercises(path):
        definition = f'<span class="nf">{exercise.function}</span>'
        assert any("<summary>" in block and definition in block for block in folded), (
            f"{path.name}: the solution of {exercise.function} is not inside a closed <details> block")
        outside = re.sub(r"<details>.*?</details>", "", page, flags=re.DOTALL)
        assert outside.count(definition) == exercise.starter.count(f"def {exercise.function}("), (
            f"{path.name}: {exercise.function} is defined in plain view outside its starter")
