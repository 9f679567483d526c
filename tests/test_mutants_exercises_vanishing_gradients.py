"""gdlib.exercises.vanishing_gradients (notebook 07's mse_sigmoid_dz and cross_entropy_dz checkers):
the whole feedback a learner reads for a broadcast (m,) against (m, 1), the starter and an
exception, the exercises' names, and the two random held-out cases replayed draw by draw from
their documented recipe (logits clipped to [−30, 30], both labels in every case).

Written for the survivors of `make mutants`; the messages are written out word for word here,
because a learner reads them.
"""

import numpy as np
import pytest

from gdlib.exercises import check_cross_entropy_dz, check_mse_sigmoid_dz
from gdlib.exercises.vanishing_gradients import _random_cases, cross_entropy_dz_exercise, mse_sigmoid_dz_exercise

BROADCAST = ("`dz` looks like a 1-D array (m,) met a column (m, 1), which numpy broadcasts into an (m, m) table. "
             "Look at the shapes of z, y and p = sigmoid(z): keep every one an (m, 1) column (no `.ravel()` or "
             "`[:, 0]`). Also, `dz` has shape (3, 3) where (3, 1) is expected.")


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def mse_flat_logits(z, y):
    p = sigmoid(z.ravel())  # (m,) against y (m, 1)
    return 2 * (p - y) * p * (1 - p) / len(z)


def mse_flat_labels(z, y):
    p = sigmoid(z)
    return 2 * (p - y[:, 0]) * p * (1 - p) / len(z)


def ce_flat_logits(z, y):
    return (sigmoid(z[:, 0]) - y) / len(z)


def ce_flat_labels(z, y):
    return (sigmoid(z) - y.ravel()) / len(z)


@pytest.mark.parametrize(("check", "title", "learner"), [
    (check_mse_sigmoid_dz, "mse_sigmoid_dz", mse_flat_logits),
    (check_mse_sigmoid_dz, "mse_sigmoid_dz", mse_flat_labels),
    (check_cross_entropy_dz, "cross_entropy_dz", ce_flat_logits),
    (check_cross_entropy_dz, "cross_entropy_dz", ce_flat_labels),
])
def test_a_broadcast_gets_its_whole_feedback(check, title, learner):
    result = check(learner)
    assert not result.passed and result.title == title
    assert result.message == BROADCAST
    assert repr(result) == f"✘ {title}: {BROADCAST}"


def starter(z, y):
    ...


def raises_at_once(z, y):
    raise ValueError("not yet")


@pytest.mark.parametrize(("check", "title"), [(check_mse_sigmoid_dz, "mse_sigmoid_dz"),
                                              (check_cross_entropy_dz, "cross_entropy_dz")])
def test_the_starter_and_an_exception_name_the_function_and_the_arguments(check, title):
    result = check(starter)
    assert not result.passed and not result.written and result.title == title
    assert result.message == (f"not written yet. Replace the `...` in `{title}` with your code, run that cell, "
                              "then run this one again.")
    result = check(raises_at_once)
    assert result.title == title
    assert result.message == ("your function raised ValueError: not yet at line 2 of `raises_at_once`: "
                              "`raise ValueError(\"not yet\")`. It was called with z of shape (1, 1), "
                              "y of shape (1, 1).")


def test_the_exercises_settings():
    for build, name in ((mse_sigmoid_dz_exercise, "mse_sigmoid_dz"), (cross_entropy_dz_exercise, "cross_entropy_dz")):
        exercise = build()
        assert (exercise.title, exercise.function_name, exercise.outputs) == (name, name, ("dz",))
        assert all(case.names == ("z", "y") for case in exercise.cases)


# --- the random held-out cases ------------------------------------------------------------

def _replay(seed, bound=30.0):
    """The documented recipe, draw by draw: for (m, scale) = (7, 3) then (12, 8), m logits
    scale · N(0, 1) clipped to [−30, 30], then m labels drawn from {0, 1}, the first two set to 0 and 1."""
    rng = np.random.default_rng(seed)
    cases = []
    for m, scale in ((7, 3.0), (12, 8.0)):
        z = np.array([[min(bound, max(-bound, scale * rng.normal()))] for _ in range(m)])
        labels = rng.integers(0, 2, size=m)
        y = np.array([[float(label)] for label in labels])
        y[0, 0], y[1, 0] = 0.0, 1.0
        cases.append((z, y))
    return cases


def _assert_same_cases(got, want):
    assert len(got) == len(want)
    for (z, y), (z_want, y_want) in zip(got, want, strict=True):
        assert z.shape == z_want.shape and y.shape == y_want.shape
        assert z.dtype == np.float64 and y.dtype == np.float64
        np.testing.assert_array_equal(z, z_want)
        np.testing.assert_array_equal(y, y_want)


@pytest.mark.parametrize("seed", [6, 0, 1050, 1783])
def test_the_random_cases_are_the_documented_recipe(seed):
    _assert_same_cases(_random_cases(seed), _replay(seed))


def test_some_seeds_draw_logits_beyond_the_clip():
    """Seed 1050 draws a logit above 31 and seed 1783 one below −31: the clip is what keeps them at ±30."""
    unclipped = {seed: np.concatenate([z for z, _ in _replay(seed, bound=np.inf)]) for seed in (1050, 1783)}
    assert unclipped[1050].max() > 31 and unclipped[1783].min() < -31
    for seed, bound in ((1050, 30.0), (1783, -30.0)):
        logits = np.concatenate([z for z, _ in _random_cases(seed)])
        assert np.abs(logits).max() == 30.0 and bound in logits


def test_the_random_cases_have_both_labels_and_some_drawn_ones():
    for seed in (6, 0, 1):
        for _z, y in _random_cases(seed):
            assert y[0, 0] == 0.0 and y[1, 0] == 1.0
            assert set(np.unique(y[2:])) == {0.0, 1.0}


def test_the_exercises_use_seed_6_and_the_same_cases_every_time():
    fixed = [([[-1.7]], [[1.0]]),
             ([[0.8], [-2.3], [3.1]], [[0.0], [0.0], [1.0]]),
             ([[-30.0], [-8.0], [-2.5], [0.6], [4.0], [30.0]], [[1.0], [1.0], [0.0], [1.0], [0.0], [1.0]]),
             ([[0.05], [-0.12], [0.3], [-0.02]], [[1.0], [0.0], [0.0], [1.0]])]
    want = [(np.array(z), np.array(y)) for z, y in fixed] + _replay(6)
    for build in (mse_sigmoid_dz_exercise, cross_entropy_dz_exercise):
        _assert_same_cases([case.args for case in build().cases], want)
        _assert_same_cases([case.args for case in build(6).cases], want)
