"""Property-based tests over random shapes and data (hypothesis, derandomized in conftest)."""

import warnings

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import gdlib


@st.composite
def problems(draw, min_extra_rows=0):
    """A random (X (m, n), Y (m, 1), alpha (1, 1), beta (1, n)) from a seeded generator."""
    n = draw(st.integers(1, 5))
    m = draw(st.integers(n + 1 + min_extra_rows, 40))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scale = draw(st.sampled_from([0.1, 1.0, 10.0]))
    X = rng.normal(size=(m, n)) * scale + rng.normal(size=(1, n))
    Y = rng.normal(size=(m, 1)) * 3
    return X, Y, rng.normal(size=(1, 1)), rng.normal(size=(1, n))


@given(problems())
def test_analytic_gradients_equal_numerical_gradients(problem):
    X, Y, alpha, beta = problem
    d_alpha, d_beta = gdlib.mse_gradients(X, Y, alpha, beta)
    numeric_alpha = gdlib.numerical_gradient(lambda a: gdlib.mse_cost(X, Y, a, beta), alpha)
    numeric_beta = gdlib.numerical_gradient(lambda b: gdlib.mse_cost(X, Y, alpha, b), beta)
    scale = 1 + np.abs(np.concatenate([d_alpha.ravel(), d_beta.ravel()])).max()
    np.testing.assert_allclose(d_alpha, numeric_alpha, atol=1e-6 * scale)
    np.testing.assert_allclose(d_beta, numeric_beta, atol=1e-6 * scale)


@given(problems(min_extra_rows=2))
def test_below_the_critical_rate_descent_reaches_least_squares(problem):
    X, Y, alpha, beta = problem
    eigenvalues = np.linalg.eigvalsh(gdlib.mse_hessian(X))
    condition = eigenvalues[-1] / eigenvalues[0]
    assume(condition < 2_000)
    learning_rate = 0.9 * gdlib.critical_learning_rate(X)
    # The slowest error component shrinks by |1 - lr * lambda| per step: enough steps for 1e-12.
    slowest = max(abs(1 - learning_rate * eigenvalues[0]), abs(1 - learning_rate * eigenvalues[-1]))
    iterations = int(np.ceil(np.log(1e-12) / np.log(slowest)))
    result = gdlib.gradient_descent(X, Y, learning_rate, iterations, alpha, beta)
    A = np.hstack([np.ones((X.shape[0], 1)), X])
    theta = np.linalg.lstsq(A, Y, rcond=None)[0]
    assert not result.diverged
    np.testing.assert_allclose(result.alpha, theta[:1].T, atol=1e-7 * (1 + np.abs(theta).max()))
    np.testing.assert_allclose(result.beta, theta[1:].T, atol=1e-7 * (1 + np.abs(theta).max()))


@given(problems())
def test_at_105_percent_of_the_critical_rate_descent_diverges(problem):
    X, Y, alpha, beta = problem
    learning_rate = 1.05 * gdlib.critical_learning_rate(X)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = gdlib.gradient_descent(X, Y, learning_rate, 5_000, alpha, beta)
    assert result.diverged
    assert result.iterations_run < 5_000


@given(problems(), st.sampled_from(["X", "Y", "alpha", "beta"]), st.sampled_from(["nan", "transpose", "drop_row"]))
def test_every_corrupted_input_raises_a_named_error(problem, argument, corruption):
    X, Y, alpha, beta = problem
    arguments = {"X": X, "Y": Y, "alpha": alpha, "beta": beta}
    value = arguments[argument].copy()
    if corruption == "nan":
        value.flat[-1] = np.nan
    elif corruption == "transpose":
        assume(value.shape[0] != value.shape[1] and not (argument == "beta" and value.size == 1))
        value = value.T
    else:
        assume(value.shape[0] > 1)
        value = value[:-1]
    arguments[argument] = value
    with pytest.raises((ValueError, TypeError)) as raised:
        gdlib.mse_gradients(**arguments)
    assert argument in str(raised.value)


@given(problems())
def test_shapes_of_every_result(problem):
    X, Y, alpha, beta = problem
    m, n = X.shape
    assert gdlib.predict(X, alpha, beta).shape == (m, 1)
    d_alpha, d_beta = gdlib.mse_gradients(X, Y, alpha, beta)
    assert d_alpha.shape == (1, 1) and d_beta.shape == (1, n)
    result = gdlib.gradient_descent(X, Y, 0.5 * gdlib.critical_learning_rate(X), 7, alpha, beta)
    assert result.alpha.shape == (1, 1) and result.beta.shape == (1, n)
    assert result.costs.shape == (8,) and result.alphas.shape == (8,) and result.betas.shape == (8, n)
