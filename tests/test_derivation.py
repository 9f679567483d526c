"""Notebook 01 (the derivation): its exercises, its tiny data set and its figure.

Expected values come from hand arithmetic on the tiny data set, written out in the comments.
"""

import json
import re
from pathlib import Path

import numpy as np
import pytest

import gdlib
from gdlib.lessons import derivation
from gdlib.plots.derivation import cost_along_alpha_figure
from gdlib.widgets import figure_png

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "01_derivation.ipynb"

# The tiny data set: X = [[1, 0], [0, 1], [1, 1]], Y = [1, 2, 4], alpha = 0, beta = [1, 1], rate 0.3.
# Predictions 1, 1, 2; errors u = 0, 1, 2 (sum 3); m = 3.
# dJ/dalpha = -(2/3) * 3 = -2.
# u^T X = [0*1 + 1*0 + 2*1, 0*0 + 1*1 + 2*1] = [2, 3], so dJ/dbeta = -(2/3) [2, 3] = [-4/3, -2].
# One step: beta = [1, 1] - 0.3 * [-4/3, -2] = [1.4, 1.6].
# The shape exercises use m = 6 examples and n = 4 features (the notebook's own are 5 and 3).
RIGHT = {
    "d_alpha by hand": -2.0,
    "shape of the beta gradient": (1, 4),  # (1, m)(m, n) = (1, n) with n = 4
    "one update of beta": np.array([[1.4, 1.6]]),
    # X @ beta[0] is (6,); plus alpha (1, 1) it is a row (1, 6); Y (6, 1) minus it stretches to (6, 6)
    "the broadcasting trap": (6, 6),
}
WRONG = {
    "d_alpha by hand": [2.0, -1.0, -6.0],  # the sign dropped; 1/m instead of 2/m; no 1/m at all
    "shape of the beta gradient": [(4, 1), (6, 4), (1, 6)],
    "one update of beta": [np.array([[0.6, 0.4]]), np.array([[1.4, 1.6, 0.0]]), [1.4, 1.6]],
    "the broadcasting trap": [(6, 1), (6,), (1, 6)],
}
# How each answer would read if a cell printed it, or the text wrote it (-2 alone is an entry of X).
ANSWER_TEXTS = {"d_alpha by hand": ["= -2.0", "= -2$", "-2.0000]]"], "shape of the beta gradient": ["(1, 4)"],
                "one update of beta": ["1.4000 1.6000", "1.4, 1.6", "1.4 1.6"],
                "the broadcasting trap": ["(6, 6)"]}


def _cells() -> list[dict]:
    return json.loads(NOTEBOOK.read_text())["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def _saved_text(cell: dict) -> str:
    """What a code cell printed or displayed, as saved in the notebook."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append("".join(output.get("text", "")))
        for value in output.get("data", {}).values():
            parts.append("".join(value) if isinstance(value, list) else str(value))
    return "".join(parts)


def test_tiny_example_is_what_the_comments_say():
    X, Y, alpha, beta, learning_rate = derivation.tiny_example()
    np.testing.assert_array_equal(X, [[1, 0], [0, 1], [1, 1]])
    np.testing.assert_array_equal(Y, [[1], [2], [4]])
    assert alpha.shape == (1, 1) and beta.shape == (1, 2)
    np.testing.assert_array_equal(alpha, [[0]])
    np.testing.assert_array_equal(beta, [[1, 1]])
    assert learning_rate == 0.3


def test_there_are_two_to_four_exercises_and_the_notebook_uses_each_one():
    exercises = derivation.exercises()
    assert 2 <= len(exercises) <= 4
    assert set(exercises) == set(RIGHT)
    sources = "".join("".join(cell["source"]) for cell in json.loads(NOTEBOOK.read_text())["cells"])
    used = set(re.findall(r'exercises\["([^"]+)"\]\.check\(answer\)', sources))
    assert used == set(exercises)


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_each_exercise_accepts_the_answer_worked_out_by_hand(name):
    correct, message = derivation.exercises()[name].feedback(RIGHT[name])
    assert correct, message
    assert "correct" in message


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_each_exercise_rejects_wrong_answers_with_a_hint_that_does_not_give_it_away(name):
    exercise = derivation.exercises()[name]
    for wrong in WRONG[name]:
        correct, message = exercise.feedback(wrong)
        assert not correct, f"{name} accepted the wrong answer {wrong!r}"
        assert "Hint:" in message
    for answer_text in ANSWER_TEXTS[name]:
        assert answer_text not in exercise.hint


def test_the_shape_exercises_ask_about_the_size_the_lesson_computes_with():
    m, n = derivation.SHAPE_EXERCISE_SIZE
    assert (m, n) != (5, 3)  # not the notebook's own example, whose shapes are printed throughout
    for number in (2, 4):
        text = next(_source(cell) for cell in _cells() if _source(cell).startswith(f"**Exercise {number}"))
        assert f"$m = {m}$" in text and f"$n = {n}$" in text, text


def test_no_answer_is_printed_or_written_above_its_exercise():
    cells = _cells()
    for name, texts in ANSWER_TEXTS.items():
        position = next(i for i, cell in enumerate(cells) if f'exercises["{name}"]' in _source(cell))
        above = "".join(_source(cell) + _saved_text(cell) for cell in cells[:position])
        for text in texts:
            assert text not in above, f"the answer of {name!r} ({text}) appears above its exercise"


def test_every_number_exercise_is_committed_unanswered():
    answered = [cell for cell in _cells() if cell["cell_type"] == "code" and ".check(" in _source(cell)]
    assert len(answered) == len(RIGHT)
    for cell in answered:
        assert _source(cell).startswith("answer = None") and ".check(answer)" in _source(cell)
        assert "replace None with your answer" in _saved_text(cell)


def _open_helper():
    """The position and the cell of the notebook's partial_derivative, and the function its cell defines."""
    cells = _cells()
    position = next(i for i, cell in enumerate(cells) if _source(cell).startswith("def partial_derivative("))
    namespace: dict = {"np": np}
    exec(_source(cells[position]), namespace)
    return position, cells[position], namespace["partial_derivative"]


def test_the_central_difference_is_written_out_before_gdlib_computes_one():
    position, cell, _ = _open_helper()
    first_use = next(i for i, cell in enumerate(_cells())
                     if cell["cell_type"] == "code" and "gdlib.numerical_gradient(" in _source(cell))
    assert position < first_use
    assert len(_source(cell).splitlines()) <= 7  # the signature, a docstring and about four lines


@pytest.mark.parametrize("shape", [(1, 1), (1, 3), (2, 3)])
def test_the_open_central_difference_gives_gdlibs_numbers(shape):
    _, _, partial_derivative = _open_helper()
    rng = np.random.default_rng(3)
    weights, x = rng.normal(size=shape), rng.normal(size=shape)
    before = x.copy()

    def f(z):
        return float(np.sum(weights * np.exp(z)) + np.sum(z) ** 2)

    for eps in (1e-6, 1e-3):
        expected = gdlib.numerical_gradient(f, x, eps)
        for index in np.ndindex(shape):
            assert partial_derivative(f, x, index, eps) == pytest.approx(expected[index], rel=1e-12)
    np.testing.assert_array_equal(x, before)  # the caller's x is left as it was


def test_the_step_7_comparison_prints_two_equal_slopes():
    cell = next(cell for cell in _cells() if "by_hand = partial_derivative(" in _source(cell))
    printed = _saved_text(cell)
    slopes = re.findall(r"gives (-?\d+\.\d+)", printed)
    assert len(slopes) == 2 and slopes[0] == slopes[1], printed
    # At the notebook's start u = [-8.5, 1, 3, -3, -3] and column 3 of X is [3, -1, 1, 3, 1]:
    # dJ/dbeta_3 = -(2/5) * (-25.5 - 1 + 3 - 9 - 3) = -(2/5) * (-35.5) = 14.2.
    assert float(slopes[0]) == pytest.approx(14.2, abs=1e-6)


def test_the_lessons_cells_never_call_the_learners_functions():
    """The learner's numerical_gradient and mse_gradients live in the notebook's namespace; the
    lesson's own cells call gdlib's, so a half-written answer cannot break them."""
    bare_call = re.compile(r"(?<![\w.])(numerical_gradient|mse_gradients)\(")
    for cell in _cells():
        if cell["cell_type"] == "code":
            calls = [line for line in _source(cell).splitlines()
                     if bare_call.search(line) and not line.startswith("def ")]
            assert not calls, calls


def test_central_differences_err_like_eps_squared():
    # f = exp at 0.3: the error of the central difference is about eps**2 * f'(0.3) / 6.
    x = np.array([[0.3]])
    errors = [abs(gdlib.numerical_gradient(lambda z: float(np.exp(z[0, 0])), x, eps)[0, 0] - np.exp(0.3))
              for eps in (1e-2, 1e-3)]
    assert errors[0] / errors[1] == pytest.approx(100, rel=0.05)


def test_a_dropped_sign_is_pointed_out():
    _, message = derivation.exercises()["d_alpha by hand"].feedback(2.0)
    assert "sign" in message


def test_figure_draws_the_parabola_its_tangent_and_its_lowest_point():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(6, 2))
    Y = rng.normal(size=(6, 1))
    alpha, beta = np.array([[0.7]]), np.array([[0.3, -1.2]])
    # dJ/dalpha written out, and the best alpha for this beta: the mean of Y - X beta^T.
    d_alpha = -2 / 6 * float(np.sum(Y - 0.7 - X @ beta.T))
    best_alpha = float(np.mean(Y - X @ beta.T))

    figure = cost_along_alpha_figure(X, Y, alpha, beta, np.array([[d_alpha]]))
    (ax,) = figure.axes
    curve, tangent, point, lowest = ax.lines
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert len(ax.get_legend().get_texts()) == 3

    alphas, costs = curve.get_data()
    expected = [gdlib.mse_cost(X, Y, a, beta) for a in alphas]
    np.testing.assert_allclose(costs, expected, rtol=1e-12)
    x, y = tangent.get_data()
    assert (y[1] - y[0]) / (x[1] - x[0]) == pytest.approx(d_alpha)
    assert point.get_data()[0][0] == pytest.approx(0.7)
    assert lowest.get_data()[0][0] == pytest.approx(best_alpha)
    assert alphas[0] < best_alpha < alphas[-1] and alphas[0] < 0.7 < alphas[-1]
    assert figure_png(figure).startswith(b"\x89PNG")  # draws without a warning


def test_figure_refuses_a_slope_of_the_wrong_shape():
    X, Y, alpha, beta, _ = derivation.tiny_example()
    with pytest.raises(ValueError, match="d_alpha"):
        cost_along_alpha_figure(X, Y, alpha, beta, np.zeros((1, 2)))
    with pytest.raises(ValueError, match="Y"):
        cost_along_alpha_figure(X, Y.T, alpha, beta, 0.0)
