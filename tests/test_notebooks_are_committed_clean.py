"""The committed notebooks: executed top to bottom in one kernel, clean, and on the course map.

nbval (run by pytest over notebooks/) re-executes each notebook and compares its outputs; these
checks cover what nbval does not: the saved state itself.
"""

import json
import re
from pathlib import Path

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
