"""Held-out cases for the checkers: random linear-regression problems of awkward shapes and sizes.

The shapes include one example (m = 1), one feature (n = 1) and more features than examples
(n > m); the values are far from 1 in both directions and the parameters start away from zero, so
that a missing factor, a sum in place of a mean or a dropped bias changes the answer visibly.
A fixed seed makes every checker's message the same on every run.
"""

from __future__ import annotations

import numpy as np

#: (m, n, scale of X): one example, one feature, more features than examples, large and small values.
SHAPES = ((1, 1, 1.0), (1, 3, 2.0), (5, 1, 30.0), (2, 5, 0.5), (7, 3, 1.0), (6, 2, 0.01), (4, 4, 100.0))


def regression_problem(rng: np.random.Generator, m: int, n: int, scale: float):
    """One problem: X (m, n), Y (m, 1), alpha (1, 1), beta (1, n), none of them zero or close to 1.

    X has entries of size about scale; Y = 3 + X w + noise for a random w; alpha and beta start
    away from the answer and from zero.
    """
    X = scale * rng.normal(size=(m, n)) + scale * 0.3
    weights = rng.normal(size=(n, 1)) * 2.0 / scale
    Y = 3.0 + X @ weights + rng.normal(size=(m, 1))
    alpha = np.array([[rng.uniform(0.5, 2.0) * rng.choice([-1, 1])]])
    beta = (rng.uniform(0.5, 2.0, size=(1, n)) * rng.choice([-1, 1], size=(1, n))) / scale
    return X, Y, alpha, beta


def regression_problems(seed: int, shapes=SHAPES):
    """One problem per (m, n, scale) in shapes, from a generator seeded with seed: a list of
    (X, Y, alpha, beta) tuples."""
    rng = np.random.default_rng(seed)
    return [regression_problem(rng, m, n, scale) for m, n, scale in shapes]
