"""Every notebook from 01 on has coding exercises: a starter, a check and a hidden worked solution
that its checker passes, so a solution can never rot."""

from __future__ import annotations

import ast
import re

import pytest
from coding_exercises import NOTEBOOKS, all_coding_exercises, coding_exercises, defined_functions

EXERCISES = all_coding_exercises()


def _exercise_id(exercise) -> str:
    return f"{exercise.notebook.removesuffix('.ipynb')}-{exercise.checker}"


@pytest.mark.parametrize("path", [path for path in NOTEBOOKS if not path.name.startswith("00_")],
                         ids=lambda path: path.stem)
def test_every_notebook_from_01_on_has_a_coding_exercise(path):
    assert coding_exercises(path), f"{path.name} has no starter / check / solution triple"


@pytest.mark.parametrize("exercise", EXERCISES, ids=_exercise_id)
def test_the_starter_leaves_the_body_to_the_learner(exercise):
    function = defined_functions(exercise.starter).get(exercise.function)
    assert function is not None, f"the cell before the check does not define {exercise.function}"
    docstring = ast.get_docstring(function)
    assert docstring and re.search(r"\(\w+, \w+\)|\(1, 1\)|shape", docstring), "the docstring should state shapes"
    body = function.body[1:]
    assert len(body) == 1 and isinstance(body[0], ast.Expr) and body[0].value.value is Ellipsis


@pytest.mark.parametrize("exercise", EXERCISES, ids=_exercise_id)
def test_the_committed_check_says_not_written_yet(exercise):
    text = "".join("".join(output.get("data", {}).get("text/plain", "")) for output in exercise.check_outputs)
    assert "not written yet" in text, f"{exercise.notebook}: {exercise.checker} saved {text!r}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=_exercise_id)
def test_the_solution_is_hidden_until_opened(exercise):
    markdown = exercise.solution_markdown
    assert re.match(r"\s*<details>\s*\n<summary>", markdown), "the solution must open with a closed <details>"
    assert markdown.rstrip().endswith("</details>")
    assert exercise.function in defined_functions(exercise.solution)


@pytest.mark.parametrize("exercise", EXERCISES, ids=_exercise_id)
def test_the_worked_solution_passes_its_checker(exercise):
    namespace: dict = {}
    exec(compile("import numpy as np\nimport gdlib\n" + exercise.solution, exercise.notebook, "exec"), namespace)
    *setup, call = exercise.check.splitlines()
    exec("\n".join(setup), namespace)
    result = eval(call, namespace)
    assert result.passed, f"{exercise.notebook}: the worked solution of {exercise.function} fails: {result.message}"
