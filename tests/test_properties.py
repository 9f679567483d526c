"""Property-based tests over random shapes and data (hypothesis; the profiles are in conftest).

The strategies (tests/strategies.py) draw X, Y, alpha and beta element by element, so a failing
case shrinks to a small problem and is printed as its arrays."""

import re
import warnings

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import problems

import gdlib


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
    assume(eigenvalues[0] > 0 and eigenvalues[-1] / eigenvalues[0] < 2_000)  # one minimum, reached in time
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
    # Only the directions whose step factor |1 - lr * lambda| exceeds 1 grow; the start must be off the
    # minimum along one of them (a start at the minimum, e.g. X = 0 and Y = 0, stays there).
    eigenvalues, eigenvectors = np.linalg.eigh(gdlib.mse_hessian(X))
    growing = eigenvectors[:, np.abs(1 - learning_rate * eigenvalues) > 1]
    A = np.hstack([np.ones((X.shape[0], 1)), X])
    offset = np.hstack([alpha, beta])[0] - np.linalg.lstsq(A, Y, rcond=None)[0][:, 0]
    assume(np.linalg.norm(growing.T @ offset) > 1e-6 * (1 + np.linalg.norm(offset)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = gdlib.gradient_descent(X, Y, learning_rate, 5_000, alpha, beta)
    assert result.diverged
    assert result.iterations_run < 5_000


def _blames(message: str, argument: str) -> bool:
    """Whether message makes `argument` the subject of a requirement: "beta must ...", "... X must ...".

    Mentioning it is not enough: "beta must have shape (1, n) ... (one weight per feature of X)" blames beta,
    not X. gdlib.validation starts every message with "<argument> must".
    """
    return re.search(rf"(?<![\w.`]){re.escape(argument)} must\b", message) is not None


def test_blames_reads_the_subject_not_a_mention():
    beta_message = "beta must have shape (1, n) or (n,) with n = 3 (one weight per feature of X), got (1, 2)."
    assert _blames(beta_message, "beta") and not _blames(beta_message, "X") and not _blames(beta_message, "n")
    assert not _blames("Y_hat must have one row per example", "Y") and not _blames("X.T must be", "T")


@given(problems(), st.sampled_from(["X", "Y", "alpha", "beta"]), st.sampled_from(["nan", "transpose", "drop_row"]))
def test_every_corrupted_input_raises_an_error_that_blames_it(problem, argument, corruption):
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
    message = str(raised.value)
    assert _blames(message, argument), message
    # An argument wrong in itself (not only disagreeing with X) is the message's first subject.
    if not (argument == "X" and corruption != "nan"):
        assert message.startswith(f"{argument} must"), message


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
