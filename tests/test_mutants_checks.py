"""gdlib.checks against numbers worked out here: each refusal in full and each formula at a point
where any slip shows.

Written for the survivors of `make mutants`.
"""

import numpy as np
import pytest
from refusals import refusal

from gdlib import checks


def test_numerical_gradient_uses_the_central_difference_with_the_given_step():
    # f(v) = v0^3 + v1: the central difference of v^3 with step h is 3 v^2 + h^2 exactly (in exact arithmetic).
    point = np.array([2.0, 5.0])
    for h in (0.5, 0.25):
        got = checks.numerical_gradient(lambda v: v[0] ** 3 + v[1], point, eps=h)
        np.testing.assert_allclose(got, [3 * 4.0 + h**2, 1.0], rtol=1e-13)
    default = checks.numerical_gradient(lambda v: v[0] ** 3, np.array([1.0]))
    assert default[0] == pytest.approx(3.0 + 1e-12, abs=1e-8)  # eps = 1e-6 by default
    np.testing.assert_allclose(checks.numerical_gradient(lambda v: float(np.sum(v**2)), [[1.0, -2.0]]),
                               [[2.0, -4.0]], rtol=1e-8)


def test_numerical_gradient_hands_f_a_copy_and_refuses_what_it_cannot_use():
    seen = []

    def f(v):
        seen.append(v)
        v[...] = 100.0  # vandalism must not leak into the next evaluation
        return 0.0

    point = np.array([1.0, 2.0])
    assert checks.numerical_gradient(f, point).tolist() == [0.0, 0.0] and point.tolist() == [1.0, 2.0]
    assert len(seen) == 4
    assert refusal(lambda: checks.numerical_gradient(3, [1.0]), TypeError) == (
        "f must be a function of one array returning a number, got int."
    )
    assert refusal(lambda: checks.numerical_gradient(np.sum, [1.0], eps=0)) == (
        "eps must be a finite number greater than 0, got 0.0."
    )
    assert refusal(lambda: checks.numerical_gradient(np.sum, "1"), TypeError) == (
        "x must contain real numbers, got a string: '1'."
    )
