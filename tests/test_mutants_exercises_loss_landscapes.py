"""gdlib.exercises.loss_landscapes, the tanh_unit_gradient checker: its settings and learner-facing
words, the broadcast mistake written as a learner writes it, and its held-out cases replayed draw
by draw from the documented recipe and seed.

Written for the survivors of `make mutants`.
"""

import numpy as np
import pytest

from gdlib.exercises.loss_landscapes import _cases, check_tanh_unit_gradient, tanh_unit_gradient_exercise

#: (m, size of x, w1 times that size, w2), as documented by _SHAPES.
SHAPES = ((1, 2.0, 1.6, -1.3), (5, 30.0, 1.2, 12.0), (3, 0.02, -0.8, 0.05), (8, 1.0, -1.2, 2.5),
          (2, 5.0, 1.5, -0.7), (12, 1.5, 1.35, 1.5))

BROADCAST = ("`d_w1` and `d_w2` look like a 1-D array (m,) met a column (m, 1), and numpy broadcast them into "
             "an (m, m) table of residuals. Look at the shapes of x, Y and the residuals r = Y − ŷ: keep them "
             "all (m, 1) columns (no `.ravel()` or `[:, 0]`).")


def right_gradient(x, Y, w1, w2):
    t = np.tanh(w1 * x)
    r = Y - w2 * t
    m = x.shape[0]
    return -2 / m * np.sum(r * w2 * x * (1 - t**2)), -2 / m * np.sum(r * t)


def flattened_targets(x, Y, w1, w2):
    t = np.tanh(w1 * x)
    r = Y.ravel() - w2 * t  # (m,) minus (m, 1): an (m, m) table
    m = len(x)
    return -(2 / m) * np.sum(r * w2 * x * (1 - t**2)), -(2 / m) * np.sum(r * t)


def flattened_targets_averaged(x, Y, w1, w2):
    t = np.tanh(w1 * x)
    r = Y[:, 0] - w2 * t
    return -2 * np.mean(r * w2 * x * (1 - t**2)), -2 * np.mean(r * t)


def raising(x, Y, w1, w2):
    raise ValueError("not yet")


def starter(x, Y, w1, w2):
    """The starter."""
    ...


def _replay(seed):
    """The documented recipe: x = size N + 0.2 size, then Y = 3|w2| tanh(-0.7 w1 x) + 0.1 |w2| N."""
    rng = np.random.default_rng(seed)
    cases = []
    for m, size, w1_times_size, w2 in SHAPES:
        x = np.array([[size * rng.normal() + 0.2 * size] for _ in range(m)])
        w1 = w1_times_size / size
        noise = np.array([[rng.normal()] for _ in range(m)])
        Y = np.array([[3.0 * abs(w2) * np.tanh(-0.7 * w1 * x[i, 0]) + 0.1 * abs(w2) * noise[i, 0]]
                      for i in range(m)])
        cases.append((x, Y, w1, w2))
    return cases


def _assert_same_cases(cases, replayed):
    assert len(cases) == len(replayed) == 6
    for case, (x, Y, w1, w2) in zip(cases, replayed, strict=True):
        assert case[0].shape == x.shape and case[1].shape == Y.shape
        np.testing.assert_allclose(case[0], x, rtol=1e-13)
        np.testing.assert_allclose(case[1], Y, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(case[2], w1, rtol=1e-14)
        assert case[3] == w2


def test_the_held_out_cases_are_the_documented_draws_from_seed_9():
    exercise = tanh_unit_gradient_exercise()
    assert all(case.names == ("x", "Y", "w1", "w2") for case in exercise.cases)
    _assert_same_cases([case.args for case in exercise.cases], _replay(9))
    _assert_same_cases([case.args for case in tanh_unit_gradient_exercise(3).cases], _replay(3))
    _assert_same_cases(_cases(9), _replay(9))


def test_the_cases_are_reproducible():
    for first, second in zip(_cases(9), _cases(9), strict=True):
        np.testing.assert_array_equal(first[0], second[0])
        np.testing.assert_array_equal(first[1], second[1])


def test_the_settings_the_learner_sees():
    exercise = tanh_unit_gradient_exercise()
    assert (exercise.title, exercise.function_name, exercise.outputs) == (
        "tanh_unit_gradient", "tanh_unit_gradient", ("d_w1", "d_w2"))
    assert repr(check_tanh_unit_gradient("tanh_unit_gradient")) == (
        "✘ tanh_unit_gradient: expected a function, got str: pass the function itself, `tanh_unit_gradient`, "
        "without calling it.")
    assert check_tanh_unit_gradient(starter).message == (
        "not written yet. Replace the `...` in `tanh_unit_gradient` with your code, run that cell, then run "
        "this one again.")
    assert repr(check_tanh_unit_gradient(right_gradient)) == (
        "✔ tanh_unit_gradient: correct on all 6 held-out cases. Well done.")


def test_an_exception_names_the_arguments_of_the_first_case():
    assert check_tanh_unit_gradient(raising).message == (
        "your function raised ValueError: not yet at line 2 of `raising`: `raise ValueError(\"not yet\")`. "
        "It was called with x of shape (1, 1), Y of shape (1, 1), w1 = 0.8, w2 = -1.3.")


@pytest.mark.parametrize("learner", [flattened_targets, flattened_targets_averaged])
def test_the_broadcast_table_is_named_for_both_outputs(learner):
    result = check_tanh_unit_gradient(learner)
    assert not result.passed
    assert result.message == BROADCAST
