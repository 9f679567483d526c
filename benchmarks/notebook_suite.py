"""How long the notebooks take to execute, against notebooks that only import the course.

Each notebook runs in a fresh kernel (nbclient, as scripts/execute_notebooks.py runs them, but
nothing is saved). Its "floor" is a notebook holding only the course's import cell, also in a
fresh kernel: starting a kernel and importing numpy, matplotlib and gdlib is the cost no
notebook can avoid. The two are interleaved notebook by notebook.
"""

from __future__ import annotations

import subprocess
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

#: The first code cell of every notebook of the course.
IMPORT_CELL = "import numpy as np\nimport gdlib\nimport gdlib.notebook\ngdlib.notebook.setup()"


def execute_seconds(notebook: nbformat.NotebookNode, folder: Path, timeout: int = 300) -> float:
    """Seconds to execute notebook in a fresh python3 kernel with folder as working directory (not saved).

    Afterwards each executed code cell's metadata holds its timing (see cell_seconds).
    """
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}}, record_timing=True)
    start = time.perf_counter()
    # The kernel's own log (such as a note about its transport) is not the notebook's output.
    client.execute(stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def cell_seconds(cell: nbformat.NotebookNode) -> float:
    """Seconds the kernel was busy with an executed code cell (from the timing nbclient records)."""
    execution = cell.metadata.get("execution", {})
    busy, idle = execution.get("iopub.status.busy"), execution.get("iopub.status.idle")
    if busy is None or idle is None:
        return float("nan")
    return (datetime.fromisoformat(idle.replace("Z", "+00:00"))
            - datetime.fromisoformat(busy.replace("Z", "+00:00"))).total_seconds()


def slowest_cell(notebook: nbformat.NotebookNode) -> dict[str, object]:
    """The executed code cell that took longest: {"index" (among all cells), "seconds", "first_line" (not blank)}."""
    timed = [(cell_seconds(cell), index) for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"]
    timed = [(seconds, index) for seconds, index in timed if seconds == seconds]
    if not timed:
        return {"index": None, "seconds": float("nan"), "first_line": ""}
    seconds, index = max(timed)
    lines = [line for line in notebook.cells[index].source.splitlines() if line.strip()]
    return {"index": index, "seconds": seconds, "first_line": lines[0] if lines else ""}


def import_only_notebook() -> nbformat.NotebookNode:
    """A notebook holding only the course's import cell."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(IMPORT_CELL)]
    return notebook


def suite_times(notebooks_folder: Path, repeats: int = 1) -> dict[str, object]:
    """Execute every notebook in notebooks_folder and as many import-only notebooks, alternately.

    repeats: how many times each notebook (and its floor) is executed; the median counts.
    Returns {"notebooks": {stem: {"seconds", "floor_seconds", "slowest_cell"}}, "failed": {stem:
    the error}, "total_seconds", "floor_total_seconds", "ratio"}. A notebook that fails to run
    is left out of the totals (and of the floor's), so the others are still measured.
    """
    from benchmarks.timing import median

    paths = sorted(notebooks_folder.glob("*.ipynb"))
    if not paths:
        raise FileNotFoundError(f"no notebooks in {notebooks_folder}.")
    rows, failed = {}, {}
    for path in paths:
        real, floor = [], []
        try:
            for _ in range(repeats):
                notebook = nbformat.read(path, as_version=4)
                real.append(execute_seconds(notebook, path.parent))
                floor.append(execute_seconds(import_only_notebook(), path.parent))
        except Exception as error:  # a notebook another helper is still writing must not stop the others
            lines = str(error).strip().splitlines() or [""]
            failed[path.stem] = f"{type(error).__name__}: {lines[-1]}"  # the last line names the cell's error
            continue
        rows[path.stem] = {"seconds": median(real), "floor_seconds": median(floor),
                           "slowest_cell": slowest_cell(notebook)}
    total = sum(row["seconds"] for row in rows.values())
    floor_total = sum(row["floor_seconds"] for row in rows.values())
    return {"notebooks": rows, "failed": failed, "total_seconds": total, "floor_total_seconds": floor_total,
            "ratio": total / floor_total if rows else float("nan")}
