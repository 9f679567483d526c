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
RIGHT = {
    "d_alpha by hand": -2.0,
    "shape of the beta gradient": (1, 3),  # (1, m)(m, n) = (1, n) with n = 3
    "one update of beta": np.array([[1.4, 1.6]]),
    "the broadcasting trap": (7, 7),  # (7,) acts as (1, 7); with (7, 1) both stretch to (7, 7)
}
WRONG = {
    "d_alpha by hand": [2.0, -1.0, -6.0],  # the sign dropped; 1/m instead of 2/m; no 1/m at all
    "shape of the beta gradient": [(3, 1), (7, 3), (1, 7)],
    "one update of beta": [np.array([[0.6, 0.4]]), np.array([[1.4, 1.6, 0.0]]), [1.4, 1.6]],
    "the broadcasting trap": [(7, 1), (7,), (1, 7)],
}


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
    answer_text = {"d_alpha by hand": "-2.0", "shape of the beta gradient": "(1, 3)",
                   "one update of beta": "1.4", "the broadcasting trap": "(7, 7)"}[name]
    assert answer_text not in exercise.hint


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
