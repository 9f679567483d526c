"""gdlib.exercises.feature_scaling: the standardize checker's held-out inputs, replayed draw by draw
from their documented recipe, with the properties its design promises; the classic mistakes'
outputs, computed here with the statistics module; and the feedback a learner reads, word for word.

Written for the survivors of `make mutants`.
"""

import statistics

import numpy as np
import pytest

from gdlib.exercises import check_standardize
from gdlib.exercises.feature_scaling import MISTAKES, standardize_exercise

#: (m, n, scale, offset) as documented in the module.
SHAPES = ((2, 1, 1.0, 3.0), (2, 5, 0.5, -1.0), (5, 1, 30.0, 100.0), (7, 3, 1.0, 2.0), (6, 2, 0.01, 0.05),
          (4, 4, 100.0, -300.0), (3, 6, 2000.0, 25_000.0))


def _replay(seed):
    """The documented recipe, draw by draw: per shape, n uniforms, n signs, then the noise row by row."""
    rng = np.random.default_rng(seed)
    inputs = []
    for m, n, scale, offset in SHAPES:
        u = np.array([rng.uniform(0.5, 2.0) for _ in range(n)])
        signs = rng.choice([-1.0, 1.0], size=n)
        noise = np.array([[rng.normal() for _ in range(n)] for _ in range(m)])
        inputs.append(offset * u * signs + scale * noise)
    return inputs, (u, signs)


def test_the_inputs_replay_their_documented_recipe_every_time():
    cases, again = standardize_exercise().cases, standardize_exercise().cases
    inputs, _ = _replay(5)  # seed 5, the exercise's default
    assert len(cases) == len(inputs) == 7
    for case, other, X in zip(cases, again, inputs, strict=True):
        assert case.names == ("X",)
        np.testing.assert_allclose(case.args[0], X, rtol=1e-13)
        np.testing.assert_array_equal(case.args[0], other.args[0])


def test_the_inputs_have_the_promised_properties():
    inputs = [case.args[0] for case in standardize_exercise().cases]
    assert [X.shape for X in inputs] == [(m, n) for m, n, _, _ in SHAPES]
    _, (u, signs) = _replay(5)
    assert set(signs) == {-1.0, 1.0} and np.all((0.5 <= u) & (u < 2.0))
    for X in inputs:
        assert np.all(X.std(axis=0) > 0)  # no constant column
    largest = max(np.abs(X).max() for X in inputs)
    smallest = min(np.abs(X).max() for X in inputs)
    assert largest > 1e4 and smallest < 0.2  # values far from 1 in both directions
    wide = inputs[-1]  # columns with means far from 0 (offset 25 000) that differ from each other
    means = wide.mean(axis=0)
    assert np.all(np.abs(means) > 5000) and len(set(np.sign(means))) == 2 and np.ptp(np.abs(means)) > 1000


X_SMALL = np.array([[1.0, 10.0], [3.0, 14.0], [8.0, 9.0]])
COLUMNS = [[1.0, 3.0, 8.0], [10.0, 14.0, 9.0]]
ROWS = [[1.0, 10.0], [3.0, 14.0], [8.0, 9.0]]
MEAN = np.array([[statistics.fmean(c) for c in COLUMNS]])
STD = np.array([[statistics.pstdev(c) for c in COLUMNS]])


@pytest.mark.parametrize(("index", "want"), [
    (0, ((X_SMALL - MEAN) / np.array([[statistics.stdev(c) for c in COLUMNS]]), MEAN,
         np.array([[statistics.stdev(c) for c in COLUMNS]]))),
    (1, ((X_SMALL - np.array([[statistics.fmean(r)] for r in ROWS])) / np.array([[statistics.pstdev(r)] for r in ROWS]),
         np.array([[statistics.fmean(r)] for r in ROWS]), np.array([[statistics.pstdev(r)] for r in ROWS]))),
    (2, ((X_SMALL - statistics.fmean(sum(ROWS, []))) / statistics.pstdev(sum(ROWS, [])),
         np.array(statistics.fmean(sum(ROWS, []))), np.array(statistics.pstdev(sum(ROWS, []))))),
    (3, ((X_SMALL - MEAN) / np.array([[statistics.pvariance(c) for c in COLUMNS]]), MEAN,
         np.array([[statistics.pvariance(c) for c in COLUMNS]]))),
    (4, (X_SMALL / STD, MEAN, STD)),
    (5, (X_SMALL - MEAN, MEAN, STD)),
    (6, ((X_SMALL - MEAN) / STD, STD, MEAN)),
])
def test_each_mistake_gives_what_the_mistaken_code_gives(index, want):
    got = MISTAKES[index].gives(X_SMALL)
    assert len(got) == 3
    for g, w in zip(got, want, strict=True):
        assert np.shape(g) == np.shape(w)
        np.testing.assert_allclose(g, w, rtol=1e-12)


def test_a_value_or_a_starter_is_named_with_the_functions_name():
    assert repr(check_standardize("X")) == (
        "✘ standardize: expected a function, got str: pass the function itself, `standardize`, without "
        "calling it.")

    def starter(X):
        pass

    assert check_standardize(starter).message == (
        "not written yet. Replace the `...` in `standardize` with your code, run that cell, then run this one "
        "again.")
