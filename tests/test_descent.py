"""gradient_descent: its bookkeeping, its update rule, convergence and divergence."""

import warnings

import numpy as np
import pytest

import gdlib


def test_zero_iterations_returns_the_start():
    X, Y = gdlib.load_worked_example()
    result = gdlib.gradient_descent(X, Y, 0.01, 0)
    assert result.iterations_run == 0
    np.testing.assert_array_equal(result.alpha, np.zeros((1, 1)))
    np.testing.assert_array_equal(result.beta, np.zeros((1, 2)))
    assert result.costs.shape == (1,)
    assert result.costs[0] == pytest.approx(np.mean(Y**2))
    assert not result.diverged


def test_one_step_applies_both_update_rules():
    X, Y = gdlib.load_worked_example()
    alpha, beta, learning_rate = gdlib.load_worked_example_start()
    d_alpha, d_beta = gdlib.mse_gradients(X, Y, alpha, beta)
    result = gdlib.gradient_descent(X, Y, learning_rate, 1, alpha, beta)
    np.testing.assert_allclose(result.alpha, alpha - learning_rate * d_alpha, rtol=1e-14)
    np.testing.assert_allclose(result.beta, beta - learning_rate * d_beta, rtol=1e-14)


def test_worked_example_first_step_by_hand():
    # alpha = 0, beta = [0.5, 0.5]: predictions 1.5, 1.5, 3, 3; errors 4.5, 3.5, 7, 6 (sum 21).
    X, Y = gdlib.load_worked_example()
    alpha, beta, learning_rate = gdlib.load_worked_example_start()
    assert learning_rate == 0.01
    result = gdlib.gradient_descent(X, Y, learning_rate, 1, alpha, beta)
    assert result.costs[0] == pytest.approx((4.5**2 + 3.5**2 + 7**2 + 6**2) / 4)
    assert result.alpha[0, 0] == pytest.approx(0.01 * 0.5 * 21)
    np.testing.assert_allclose(result.beta, [[0.5 + 0.01 * 0.5 * 56.5, 0.5 + 0.01 * 0.5 * 45.5]])


def test_history_records_every_step():
    X, Y = gdlib.load_worked_example()
    result = gdlib.gradient_descent(X, Y, 0.01, 25)
    assert result.costs.shape == (26,) and result.alphas.shape == (26,) and result.betas.shape == (26, 2)
    for k in (0, 7, 25):
        assert result.costs[k] == pytest.approx(gdlib.mse_cost(X, Y, result.alphas[k], result.betas[k]), rel=1e-12)
    assert result.alphas[-1] == result.alpha[0, 0]
    np.testing.assert_array_equal(result.betas[-1], result.beta[0])
    assert np.all(np.diff(result.costs) < 0)


def test_converges_to_least_squares_on_the_worked_example():
    X, Y = gdlib.load_worked_example()
    result = gdlib.gradient_descent(X, Y, 0.07, 20_000)
    np.testing.assert_allclose(result.alpha, [[1.0]], atol=1e-9)
    np.testing.assert_allclose(result.beta, [[1.0, 2.0]], atol=1e-9)


def test_diverges_above_the_critical_rate_without_warnings():
    X, Y = gdlib.load_worked_example()
    critical = gdlib.critical_learning_rate(X)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = gdlib.gradient_descent(X, Y, 1e6, 10_000)
        slightly_above = gdlib.gradient_descent(X, Y, 1.05 * critical, 10_000)
    assert result.diverged and result.iterations_run < 10
    assert slightly_above.diverged and slightly_above.iterations_run < 10_000
    assert slightly_above.costs[-1] > gdlib.descent.BLOW_UP_FACTOR * slightly_above.costs[0]


def test_tolerance_stops_early_with_a_small_gradient():
    X, Y = gdlib.load_worked_example()
    result = gdlib.gradient_descent(X, Y, 0.07, 100_000, tolerance=1e-6)
    assert result.converged and result.iterations_run < 100_000
    d_alpha, d_beta = gdlib.mse_gradients(X, Y, result.alpha, result.beta)
    assert np.sqrt(d_alpha[0, 0] ** 2 + np.sum(d_beta**2)) <= 1e-6


def test_critical_rate_is_two_over_the_largest_hessian_eigenvalue():
    X, _ = gdlib.load_worked_example()
    # H = (2/m) A^T A with A = [1 | X], written out for the worked example
    A = np.array([[1, 1, 2], [1, 2, 1], [1, 3, 3], [1, 4, 2]], dtype=float)
    H = 0.5 * A.T @ A
    np.testing.assert_allclose(gdlib.mse_hessian(X), H)
    assert gdlib.critical_learning_rate(X) == pytest.approx(2 / np.linalg.eigvalsh(H).max())


def test_hessian_matches_finite_differences_of_the_gradient():
    rng = np.random.default_rng(1)
    X, Y = rng.normal(size=(12, 3)), rng.normal(size=(12, 1))
    theta0 = rng.normal(size=4)

    def gradient(theta):
        d_alpha, d_beta = gdlib.mse_gradients(X, Y, theta[0], theta[1:])
        return np.concatenate([d_alpha.ravel(), d_beta.ravel()])

    columns = [gdlib.numerical_gradient(lambda t, i=i: gradient(t)[i], theta0) for i in range(4)]
    np.testing.assert_allclose(np.array(columns), gdlib.mse_hessian(X), atol=1e-6)
