"""gdlib.exercises.cases: the held-out regression problems are drawn exactly as documented, in the
documented shapes, with nothing zero or close to 1.

Written for the survivors of `make mutants`: the draws are replayed here from the same generator.
"""

import numpy as np

from gdlib.exercises.cases import SHAPES, regression_problem, regression_problems


def _replay(rng, m, n, scale):
    """The documented recipe, draw by draw."""
    X = np.array([[scale * rng.normal() for _ in range(n)] for _ in range(m)]) + scale * 0.3
    weights = np.array([[rng.normal()] for _ in range(n)]) * 2.0 / scale
    noise = np.array([[rng.normal()] for _ in range(m)])
    Y = 3.0 + X @ weights + noise
    alpha = rng.uniform(0.5, 2.0) * rng.choice([-1, 1])
    magnitudes = np.array([rng.uniform(0.5, 2.0) for _ in range(n)])
    signs = rng.choice([-1, 1], size=n)
    return X, Y, alpha, magnitudes * signs / scale


def test_each_problem_is_the_documented_recipe():
    rng_a, rng_b = np.random.default_rng(4), np.random.default_rng(4)
    for m, n, scale in ((3, 2, 5.0), (1, 4, 0.1)):
        X, Y, alpha, beta = regression_problem(rng_a, m, n, scale)
        X_r, Y_r, alpha_r, beta_r = _replay(rng_b, m, n, scale)
        assert X.shape == (m, n) and Y.shape == (m, 1) and alpha.shape == (1, 1) and beta.shape == (1, n)
        np.testing.assert_allclose(X, X_r, rtol=1e-14)
        np.testing.assert_allclose(Y, Y_r, rtol=1e-12)
        assert alpha[0, 0] == alpha_r
        np.testing.assert_allclose(beta[0], beta_r, rtol=1e-14)


def test_the_default_shapes_are_the_awkward_ones_and_nothing_is_near_zero_or_one():
    assert SHAPES == ((1, 1, 1.0), (1, 3, 2.0), (5, 1, 30.0), (2, 5, 0.5), (7, 3, 1.0), (6, 2, 0.01), (4, 4, 100.0))
    problems = regression_problems(0)
    assert [(X.shape[0], X.shape[1]) for X, _, _, _ in problems] == [(m, n) for m, n, _ in SHAPES]
    for (_, _, alpha, beta), (_, _, scale) in zip(problems, SHAPES, strict=True):
        assert 0.5 <= abs(alpha[0, 0]) <= 2.0
        assert np.all((0.5 / scale <= np.abs(beta)) & (np.abs(beta) <= 2.0 / scale))
    again = regression_problems(0)
    for first, second in zip(problems, again, strict=True):
        for a, b in zip(first, second, strict=True):
            np.testing.assert_array_equal(a, b)
    one = regression_problems(7, shapes=((2, 3, 1.0),))
    rng = np.random.default_rng(7)
    np.testing.assert_array_equal(one[0][0], regression_problem(rng, 2, 3, 1.0)[0])
