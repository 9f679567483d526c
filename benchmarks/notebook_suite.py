"""How long the notebooks take to execute, against notebooks that only import the course.

Each notebook runs in a fresh kernel (nbclient, as scripts/execute_notebooks.py runs them, but
nothing is saved). Its "floor" is a notebook holding only the course's import cell, also in a
fresh kernel: starting a kernel and importing numpy, matplotlib and gdlib is the cost no
notebook can avoid. The two are interleaved notebook by notebook.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

#: The first code cell of every notebook of the course.
IMPORT_CELL = "import numpy as np\nimport gdlib\nimport gdlib.notebook\ngdlib.notebook.setup()"


def execute_seconds(notebook: nbformat.NotebookNode, folder: Path, timeout: int = 300) -> float:
    """Seconds to execute notebook in a fresh python3 kernel with folder as working directory (not saved)."""
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}}, record_timing=False)
    start = time.perf_counter()
    # The kernel's own log (such as a note about its transport) is not the notebook's output.
    client.execute(stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def import_only_notebook() -> nbformat.NotebookNode:
    """A notebook holding only the course's import cell."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(IMPORT_CELL)]
    return notebook


def suite_times(notebooks_folder: Path, repeats: int = 1) -> dict[str, object]:
    """Execute every notebook in notebooks_folder and as many import-only notebooks, alternately.

    repeats: how many times each notebook (and its floor) is executed; the median counts.
    Returns {"notebooks": {stem: {"seconds", "floor_seconds"}}, "total_seconds",
    "floor_total_seconds", "ratio"}.
    """
    from benchmarks.timing import median

    paths = sorted(notebooks_folder.glob("*.ipynb"))
    if not paths:
        raise FileNotFoundError(f"no notebooks in {notebooks_folder}.")
    rows = {}
    for path in paths:
        real, floor = [], []
        for _ in range(repeats):
            real.append(execute_seconds(nbformat.read(path, as_version=4), path.parent))
            floor.append(execute_seconds(import_only_notebook(), path.parent))
        rows[path.stem] = {"seconds": median(real), "floor_seconds": median(floor)}
    total = sum(row["seconds"] for row in rows.values())
    floor_total = sum(row["floor_seconds"] for row in rows.values())
    return {"notebooks": rows, "total_seconds": total, "floor_total_seconds": floor_total,
            "ratio": total / floor_total}
