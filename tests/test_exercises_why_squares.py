"""Notebook 08's checker: it passes gdlib and a learner's right answer, and names every classic
mistake, each written here as a small mutant of a correct learner's function."""

import numpy as np
import pytest

from gdlib.exercises import check_nll_gradients
from gdlib.likelihood import gaussian_nll_gradients


def right(X, Y, alpha, beta, log_sigma):
    m = X.shape[0]
    variance = np.exp(2 * log_sigma)
    errors = Y - (alpha + X @ beta.T)
    J = np.mean(errors**2)
    d_alpha = -errors.sum(axis=0, keepdims=True) / (m * variance)
    d_beta = -(errors.T @ X) / (m * variance)
    return d_alpha, d_beta, 1 - J / variance


def right_from_the_mse_gradients(X, Y, alpha, beta, log_sigma):
    import gdlib

    sigma = np.exp(log_sigma)
    d_alpha, d_beta = gdlib.mse_gradients(X, Y, alpha, beta)
    J = gdlib.mse_cost(X, Y, alpha, beta)
    return d_alpha / (2 * sigma**2), d_beta / (2 * sigma**2), 1 - J / sigma**2


def _with(*, variance=lambda s: np.exp(2 * s), factor=lambda m: -1 / m, bias=True, d_log_sigma=None):
    """A learner's function with one piece changed, written out like right() above."""
    def learner(X, Y, alpha, beta, log_sigma):
        m = X.shape[0]
        v = variance(log_sigma)
        errors = Y - ((alpha if bias else 0) + X @ beta.T)
        J = np.mean(errors**2)
        d_alpha = factor(m) * errors.sum(axis=0, keepdims=True) / v
        d_beta = factor(m) * (errors.T @ X) / v
        third = 1 - J / v if d_log_sigma is None else d_log_sigma(J, np.exp(log_sigma), m)
        return d_alpha, d_beta, third
    return learner


def mse_gradients_only(X, Y, alpha, beta, log_sigma):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    variance = np.exp(2 * log_sigma)
    return (-(2 / m) * errors.sum(axis=0, keepdims=True), -(2 / m) * errors.T @ X,
            1 - np.mean(errors**2) / variance)


def flat_targets(X, Y, alpha, beta, log_sigma):
    m = X.shape[0]
    variance = np.exp(2 * log_sigma)
    errors = Y.ravel() - (alpha + X @ beta.T)  # (m,) against (m, 1): an (m, m) table
    return (-np.sum(errors).reshape(1, 1) / (m * variance), -(errors.T @ X) / (m * variance),
            1 - np.mean(errors**2) / variance)


def flat_predictions(X, Y, alpha, beta, log_sigma):
    m = X.shape[0]
    variance = np.exp(2 * log_sigma)
    errors = Y - (alpha + X @ beta[0])  # (m, 1) against (m,)
    return (-np.sum(errors).reshape(1, 1) / (m * variance), -(errors.T @ X) / (m * variance),
            1 - np.mean(errors**2) / variance)


def in_place(X, Y, alpha, beta, log_sigma):
    m = X.shape[0]
    variance = np.exp(2 * log_sigma)
    Y -= alpha + X @ beta.T
    return -Y.sum(axis=0, keepdims=True) / (m * variance), -(Y.T @ X) / (m * variance), 1 - np.mean(Y**2) / variance


def two_outputs(X, Y, alpha, beta, log_sigma):
    return right(X, Y, alpha, beta, log_sigma)[:2]


def d_beta_transposed(X, Y, alpha, beta, log_sigma):
    d_alpha, d_beta, d_log_sigma = right(X, Y, alpha, beta, log_sigma)
    return d_alpha, d_beta.T, d_log_sigma


def starter(X, Y, alpha, beta, log_sigma):
    """The starter cell's body."""
    ...


def test_the_reference_and_a_learners_right_answers_pass():
    assert check_nll_gradients(gaussian_nll_gradients).passed
    for function in (right, right_from_the_mse_gradients):
        result = check_nll_gradients(function)
        assert result.passed and "correct" in result.message, result.message


@pytest.mark.parametrize(("mutant", "diagnosis"), [
    (mse_gradients_only, "`d_alpha` and `d_beta` look like the 1/(2σ²) is missing"),
    (_with(factor=lambda m: -2 / m), "the ½ of 1/(2σ²) is lost"),
    (_with(factor=lambda m: -0.5 / m), "the factor 2 is missing (the 2 from the square"),
    (_with(variance=np.exp), "`d_alpha`, `d_beta` and `d_log_sigma` look like σ² is computed as exp(s)"),
    (_with(variance=lambda s: s**2), "`d_alpha`, `d_beta` and `d_log_sigma` look like log σ is used as if"),
    (_with(factor=lambda m: 1 / m), "`d_log_sigma` is right. `d_alpha` and `d_beta` look like the sign is flipped"),
    (_with(factor=lambda m: -1), "`d_log_sigma` is right. `d_alpha` and `d_beta` look like a sum where the mean"),
    (_with(bias=False), "`d_alpha`, `d_beta` and `d_log_sigma` look like the prediction leaves out the bias"),
    (flat_targets, "broadcasts into an (m, m) table"),
    (flat_predictions, "broadcasts into an (m, m) table"),
    (_with(d_log_sigma=lambda J, sigma, m: 1 / sigma - J / sigma**3),
     "`d_alpha` and `d_beta` are right. `d_log_sigma` looks like it is the derivative with respect to σ"),
    (_with(d_log_sigma=lambda J, sigma, m: -J / sigma**2), "`d_log_sigma` looks like the 1 is missing"),
    (_with(d_log_sigma=lambda J, sigma, m: J / sigma**2 - 1), "`d_log_sigma` looks like the sign is flipped"),
    (_with(d_log_sigma=lambda J, sigma, m: 1 - J / (2 * sigma**2)),
     "`d_log_sigma` looks like the factor 2 is missing: σ² = exp(2s)"),
    (_with(d_log_sigma=lambda J, sigma, m: 1 - m * J / sigma**2),
     "`d_log_sigma` looks like J is the sum of the squared errors"),
    (d_beta_transposed, "`d_beta` has the right numbers but is transposed"),
    (in_place, "changed the caller's `Y` in place"),
    (two_outputs, "should return 3 things, (d_alpha, d_beta, d_log_sigma)"),
    (starter, "not written yet"),
])
def test_each_classic_mistake_is_named(mutant, diagnosis):
    result = check_nll_gradients(mutant)
    assert not result.passed
    assert diagnosis in result.message, result.message


def test_the_cases_have_awkward_shapes_and_sigmas_far_from_one():
    from gdlib.exercises.why_squares import nll_gradients_exercise

    cases = nll_gradients_exercise().cases
    shapes = [case.args[0].shape for case in cases]
    assert any(m == 1 for m, _ in shapes) and any(n == 1 for _, n in shapes) and any(n > m for m, n in shapes)
    sigmas = np.exp([case.args[4] for case in cases])
    assert sigmas.min() < 0.2 and sigmas.max() > 9
    assert np.all(np.abs(sigmas - 1) > 0.3) and np.all(np.abs(2 * sigmas**2 - 1) > 0.3)
    assert np.all(np.abs(np.log(sigmas) ** 2 - sigmas**2) > 0.1)
