"""predict, mse_cost and mse_gradients against sums written out element by element."""

import numpy as np
import pytest

import gdlib


@pytest.fixture
def small_problem():
    """m = 3 examples, n = 2 features, and parameters whose predictions are easy to do by hand."""
    X = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 4.0]])
    Y = np.array([[3.0], [1.0], [6.0]])
    alpha = np.array([[0.5]])
    beta = np.array([[1.0, 0.25]])
    return X, Y, alpha, beta


def test_predict_matches_hand_arithmetic(small_problem):
    X, _, alpha, beta = small_problem
    expected = np.array([[0.5 + 1.0 + 0.5], [0.5 + 3.0 - 0.25], [0.5 + 0.5 + 1.0]])
    assert gdlib.predict(X, alpha, beta).shape == (3, 1)
    np.testing.assert_allclose(gdlib.predict(X, alpha, beta), expected)


def test_cost_matches_hand_arithmetic(small_problem):
    X, Y, alpha, beta = small_problem
    # predictions 2.0, 3.25, 2.0; errors 1.0, -2.25, 4.0
    expected = (1.0**2 + 2.25**2 + 4.0**2) / 3
    assert gdlib.mse_cost(X, Y, alpha, beta) == pytest.approx(expected, rel=1e-15)


def test_gradients_match_elementwise_sums(small_problem):
    X, Y, alpha, beta = small_problem
    m, n = X.shape
    errors = [Y[i, 0] - (alpha[0, 0] + sum(X[i, j] * beta[0, j] for j in range(n))) for i in range(m)]
    expected_alpha = -2 / m * sum(errors)
    expected_beta = [-2 / m * sum(errors[i] * X[i, j] for i in range(m)) for j in range(n)]
    d_alpha, d_beta = gdlib.mse_gradients(X, Y, alpha, beta)
    assert d_alpha.shape == (1, 1) and d_beta.shape == (1, n)
    np.testing.assert_allclose(d_alpha, [[expected_alpha]], rtol=1e-14)
    np.testing.assert_allclose(d_beta, [expected_beta], rtol=1e-14)


def test_documented_shortcuts_give_the_same_answers(small_problem):
    X, Y, alpha, beta = small_problem
    assert gdlib.mse_cost(X, Y[:, 0], float(alpha[0, 0]), beta[0]) == gdlib.mse_cost(X, Y, alpha, beta)
    shortcut, expected = gdlib.mse_gradients(X, Y[:, 0], 0.5, beta[0]), gdlib.mse_gradients(X, Y, alpha, beta)
    for short, full in zip(shortcut, expected, strict=True):
        np.testing.assert_array_equal(short, full)


def test_gradient_is_zero_at_the_least_squares_solution():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 3))
    Y = rng.normal(size=(30, 1))
    A = np.hstack([np.ones((30, 1)), X])
    theta = np.linalg.lstsq(A, Y, rcond=None)[0]
    d_alpha, d_beta = gdlib.mse_gradients(X, Y, theta[:1].T, theta[1:].T)
    np.testing.assert_allclose(d_alpha, 0, atol=1e-13)
    np.testing.assert_allclose(d_beta, 0, atol=1e-13)


def test_inputs_are_not_modified(small_problem):
    copies = [array.copy() for array in small_problem]
    gdlib.predict(*small_problem[0:1], *small_problem[2:])
    gdlib.mse_cost(*small_problem)
    gdlib.mse_gradients(*small_problem)
    gdlib.gradient_descent(small_problem[0], small_problem[1], 0.01, 5, small_problem[2], small_problem[3])
    for original, copy in zip(small_problem, copies, strict=True):
        np.testing.assert_array_equal(original, copy)


def test_numerical_gradient_of_a_known_function():
    point = np.array([[1.0, -2.0, 0.5]])
    gradient = gdlib.numerical_gradient(lambda v: float(np.sum(v**3)), point)
    assert gradient.shape == point.shape
    np.testing.assert_allclose(gradient, 3 * point**2, rtol=1e-8)
    np.testing.assert_array_equal(point, [[1.0, -2.0, 0.5]])
