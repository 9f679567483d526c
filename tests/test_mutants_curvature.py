"""gdlib.curvature against numbers worked out here: each refusal in full and each formula at a point
where any slip shows.

Written for the survivors of `make mutants`.
"""

import math

import numpy as np
import pytest

from gdlib import curvature


def test_the_hessian_and_the_critical_rate_by_hand():
    X = [[0.0], [2.0]]
    # A = [[1, 0], [1, 2]]: A^T A = [[2, 2], [2, 4]]; H = (2/2) A^T A; eigenvalues 3 -+ sqrt 5
    np.testing.assert_array_equal(curvature.mse_hessian(X), [[2.0, 2.0], [2.0, 4.0]])
    assert curvature.critical_learning_rate(X) == pytest.approx(2 / (3 + math.sqrt(5)), rel=1e-14)
    assert curvature.critical_learning_rate([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]) == pytest.approx(
        2 / max(np.linalg.eigvalsh((2 / 3) * np.array([[3.0, 2, 2], [2, 2, 1], [2, 1, 2]]))), rel=1e-13)
