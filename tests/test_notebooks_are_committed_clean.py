"""The committed notebooks: executed top to bottom in one kernel, clean, and on the course map.

nbval (run by pytest over notebooks/) re-executes each notebook and compares its outputs; these
checks cover what nbval does not: the saved state itself.
"""

import json
import re
from pathlib import Path

import pacing
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text())


def test_there_are_notebooks():
    assert any(path.name == "00_start_here.ipynb" for path in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_executed_top_to_bottom_in_a_fresh_kernel(path):
    cells = [cell for cell in _load(path)["cells"] if cell["cell_type"] == "code"]
    assert [cell["execution_count"] for cell in cells] == list(range(1, len(cells) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_no_errors_or_warnings_saved(path):
    for cell in _load(path)["cells"]:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"{path.name}: saved error {output.get('ename')}"
            if output.get("name") == "stderr":
                pytest.fail(f"{path.name}: saved stderr output {''.join(output['text'])[:200]!r}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_python3_kernelspec_and_course_setup(path):
    notebook = _load(path)
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    first_code = next(cell for cell in notebook["cells"] if cell["cell_type"] == "code")
    assert "gdlib.notebook.setup()" in "".join(first_code["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_opens_with_goals(path):
    first = _load(path)["cells"][0]
    text = "".join(first["source"])
    assert first["cell_type"] == "markdown" and text.startswith("# ")
    assert "you will" in text.lower(), f"{path.name}: the first cell should say what the learner will be able to do"


def test_every_notebook_is_on_the_course_map():
    start = "".join("".join(cell["source"]) for cell in _load(NOTEBOOKS[0])["cells"])
    mapped = set(re.findall(r"`(\d\d_\w+\.ipynb)`", start))
    for path in NOTEBOOKS[1:]:
        assert path.name in mapped, f"{path.name} is missing from the map in 00_start_here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_lesson_cells_teach(path):
    """A lesson cell shows one idea in about a dozen lines; the guards that keep the prose true live in
    tests/ (at most three assert lines per notebook, where the check is the lesson)."""
    cells = [cell for cell in _load(path)["cells"] if cell["cell_type"] == "code"]
    lines = [line for cell in cells for line in "".join(cell["source"]).splitlines()]
    asserts = [line for line in lines if line.lstrip().startswith("assert") or "np.testing.assert" in line]
    assert len(asserts) <= 3, f"{path.name} has {len(asserts)} assert lines: move the guards to tests/"
    for number, cell in enumerate(cells, start=1):
        length = len("".join(cell["source"]).splitlines())
        assert length <= 12, f"{path.name}: code cell {number} has {length} lines (at most 12)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_the_stated_time_is_honest_and_fits_a_class(path):
    estimate = pacing.pace(path).minutes
    stated = pacing.stated_minutes(path)
    assert stated is not None, f"{path.name}: the opening cell should say 'It takes about N minutes'"
    assert estimate <= pacing.CLASS_MINUTES, f"{path.name}: about {estimate:.0f} minutes at a learner's pace"
    assert estimate - 5 <= stated <= min(estimate + 10, pacing.CLASS_MINUTES), (
        f"{path.name} says {stated} minutes; the pace model gives {estimate:.0f}")


def test_the_course_map_gives_each_notebook_its_stated_time():
    start = "".join("".join(cell["source"]) for cell in _load(NOTEBOOKS[0])["cells"])
    for path in NOTEBOOKS[1:]:
        row = next((line for line in start.splitlines() if f"`{path.name}`" in line and line.startswith("|")), "")
        assert f"| {pacing.stated_minutes(path)} min |" in row, f"the course map's row for {path.name}: {row!r}"
