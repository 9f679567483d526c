"""Notebook 00 (start here): its one exercise, committed unanswered, with an answer it never shows."""

import json
from pathlib import Path

import pytest

from gdlib.lessons import start_here

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "00_start_here.ipynb"

# The worked example starts from alpha (1, 1) and beta (1, 2): 1 bias + 2 weights = 3 numbers.
RIGHT = {"numbers to learn": 3}
WRONG = {"numbers to learn": [2, 1, 4]}  # the weights only; the bias only; the columns of X plus 2


def _cells() -> list[dict]:
    return json.loads(NOTEBOOK.read_text())["cells"]


def _saved_text(cell: dict) -> str:
    return "".join("".join(output.get("text", "")) for output in cell.get("outputs", []))


def test_the_notebook_uses_every_exercise():
    sources = "".join("".join(cell["source"]) for cell in _cells())
    assert set(start_here.exercises()) == set(RIGHT)
    for name in RIGHT:
        assert f'exercises["{name}"].check(answer)' in sources


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_each_exercise_accepts_the_answer_worked_out_by_hand(name):
    correct, message = start_here.exercises()[name].feedback(RIGHT[name])
    assert correct, message


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_each_exercise_rejects_wrong_answers_with_a_hint_that_does_not_give_it_away(name):
    exercise = start_here.exercises()[name]
    for wrong in WRONG[name]:
        correct, message = exercise.feedback(wrong)
        assert not correct and "Hint:" in message
    assert str(RIGHT[name]) not in exercise.hint


def test_the_exercise_is_committed_unanswered_and_no_cell_checks_an_answer_itself():
    checks = [cell for cell in _cells() if cell["cell_type"] == "code" and ".check(" in "".join(cell["source"])]
    assert len(checks) == len(RIGHT)
    for cell in checks:
        source = "".join(cell["source"])
        assert "answer = None" in source and source.count(".check(") == source.count(".check(answer)")
        assert "replace None with your answer" in _saved_text(cell)


def test_the_shapes_the_hint_points_at_are_printed_above_the_exercise():
    cells = _cells()
    position = next(i for i, cell in enumerate(cells) if ".check(answer)" in "".join(cell["source"]))
    above = "".join(_saved_text(cell) for cell in cells[:position])
    assert "alpha: (1, 1)" in above and "beta: (1, 2)" in above
