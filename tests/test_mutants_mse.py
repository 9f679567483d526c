"""gdlib.model and gdlib.mse against numbers worked out here: each refusal in full and each formula at a point
where any slip shows.

Written for the survivors of `make mutants`.
"""

import numpy as np
from refusals import refusal

from gdlib import model, mse


def test_predict_cost_and_gradients_on_two_examples_by_hand():
    X = np.array([[1.0, 2.0], [3.0, -1.0]])
    Y = np.array([[2.0], [0.0]])
    alpha, beta = 0.5, [1.0, -0.5]
    # predictions 0.5 + 1 - 1 = 0.5 and 0.5 + 3 + 0.5 = 4; residuals 1.5 and -4
    assert model.predict(X, alpha, beta).tolist() == [[0.5], [4.0]]
    assert mse.mse_cost(X, Y, alpha, beta) == (1.5**2 + 4.0**2) / 2
    d_alpha, d_beta = mse.mse_gradients(X, Y, alpha, beta)
    assert d_alpha.tolist() == [[-(2 / 2) * (1.5 - 4.0)]]
    assert d_beta.tolist() == [[-(1.5 * 1.0 - 4.0 * 3.0), -(1.5 * 2.0 + 4.0 * 1.0)]]


def test_least_squares_on_an_exact_line_and_on_a_rank_deficient_x():
    alpha, beta = mse.least_squares([[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0])
    assert alpha.shape == (1, 1) and beta.shape == (1, 1)
    np.testing.assert_allclose([alpha[0, 0], beta[0, 0]], [1.0, 2.0], atol=1e-13)
    # two equal columns: the minimum-norm solution splits the slope evenly
    alpha, beta = mse.least_squares([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]], [1.0, 3.0, 5.0])
    np.testing.assert_allclose(beta, [[1.0, 1.0]], atol=1e-12)
    np.testing.assert_allclose(alpha, [[1.0]], atol=1e-12)
    assert refusal(lambda: mse.least_squares([[0.0], [1.0]], [1.0])).startswith(
        "Y must have one row per example of X: expected 2 rows, got 1")


def test_the_returned_parameters_are_copies_not_views_of_the_solution():
    alpha, beta = mse.least_squares([[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0])
    assert alpha.base is None and beta.base is None and alpha.flags.c_contiguous and beta.flags.c_contiguous
