"""Finding the coding exercises in a notebook: starter cell, check cell, and the hidden solution.

A coding exercise is three cells in a row:
- the starter: a code cell defining the learner's function, with a docstring and the body `...`;
- the check: a code cell whose last line calls a checker of gdlib.exercises on that function,
  `check_mse_gradients(mse_gradients)`;
- the solution: a markdown cell with a closed <details> block holding a ```python fence that
  defines the function.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CHECK_CALL = re.compile(r"^(check_\w+)\((\w+)\)\s*$")
PYTHON_FENCE = re.compile(r"```python\n(.*?)```", re.DOTALL)


@dataclass(frozen=True)
class CodingExercise:
    notebook: str
    checker: str
    function: str
    starter: str
    check: str
    check_outputs: list
    solution_markdown: str

    @property
    def solution(self) -> str:
        """The code of the worked solution (every python fence in the <details> block)."""
        return "\n".join(PYTHON_FENCE.findall(self.solution_markdown))


def coding_exercises(path: Path) -> list[CodingExercise]:
    """Every coding exercise in a notebook, in order."""
    cells = json.loads(path.read_text())["cells"]
    found = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"]).strip()
        match = CHECK_CALL.match(source.splitlines()[-1]) if source else None
        if not match:
            continue
        starter = next((c for c in reversed(cells[:i]) if c["cell_type"] == "code"), None)
        solution = next((c for c in cells[i + 1:] if c["cell_type"] == "markdown"), None)
        found.append(CodingExercise(
            notebook=path.name,
            checker=match.group(1),
            function=match.group(2),
            starter="".join(starter["source"]) if starter else "",
            check=source,
            check_outputs=cell.get("outputs", []),
            solution_markdown="".join(solution["source"]) if solution else "",
        ))
    return found


def all_coding_exercises() -> list[CodingExercise]:
    return [exercise for path in NOTEBOOKS for exercise in coding_exercises(path)]


def defined_functions(source: str) -> dict[str, ast.FunctionDef]:
    """The top-level functions a piece of code defines, by name."""
    return {node.name: node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)}
